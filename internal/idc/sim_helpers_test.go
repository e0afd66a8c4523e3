package idc

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idcsim"
)

// startSimulator runs an in-process simulator and returns it with a client that talks to it.
func startSimulator(t *testing.T, opts idcsim.Options, mod ...func(*Config)) (*idcsim.Server, *Client) {
	t.Helper()
	s, err := idcsim.New(opts)
	if err != nil {
		t.Fatalf("idcsim.New: %v", err)
	}
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatalf("simulator Start: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	ready := s.Ready()
	cfg := Config{
		SecretID:        ready.SecretID,
		SecretKey:       ready.SecretKey,
		Protocol:        "HTTP",
		Endpoint:        ready.Endpoint,
		RetryMinBackoff: time.Millisecond,
		RetryMaxBackoff: 20 * time.Millisecond,
		RequestTimeout:  10 * time.Second,
	}
	for _, m := range mod {
		m(&cfg)
	}
	return s, newTestClient(t, cfg)
}

// testCertificate makes a self-signed signing certificate and returns it as PEM and as the bare
// base64 DER that metadata documents carry.
func testCertificate(t *testing.T, cn string) (pemText, derBase64 string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	serial, err := rand.Int(rand.Reader, big.NewInt(1<<62))
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: cn, Organization: []string{"Unit Test IdP"}},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(365 * 24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})), base64.StdEncoding.EncodeToString(der)
}

// idpMetadataDocument returns base64 of a minimal SAML 2.0 IdP metadata document.
func idpMetadataDocument(entityID, loginURL string, certsDER ...string) string {
	keys := ""
	for _, c := range certsDER {
		keys += fmt.Sprintf(`<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>%s</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`, c)
	}
	xml := fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="%s">
<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">%s
<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="%s"/>
</md:IDPSSODescriptor>
</md:EntityDescriptor>`, entityID, keys, loginURL)
	return base64.StdEncoding.EncodeToString([]byte(xml))
}
