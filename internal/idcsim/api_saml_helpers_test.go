package idcsim

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	rsaKeyOnce sync.Once
	rsaKey     *rsa.PrivateKey
)

// testCert makes a self-signed certificate for cn, shaped like an Okta signing certificate: subject
// with an emailAddress attribute, a decimal serial number, fixed validity. RSA keys are slow to make,
// so all RSA certificates share one key.
func testCert(t *testing.T, cn string, useRSA bool) []byte {
	t.Helper()
	var key crypto.Signer
	if useRSA {
		rsaKeyOnce.Do(func() {
			var err error
			if rsaKey, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
				panic(err)
			}
		})
		key = rsaKey
	} else {
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		key = k
	}
	name := pkix.Name{
		CommonName:         cn,
		OrganizationalUnit: []string{"SSOProvider"},
		Organization:       []string{"Okta"},
		Country:            []string{"US"},
		ExtraNames: []pkix.AttributeTypeAndValue{{
			Type:  asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 1},
			Value: "info@okta.com",
		}},
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1347934239123),
		Subject:      name,
		Issuer:       name,
		NotBefore:    time.Date(2020, 6, 23, 7, 4, 37, 0, time.UTC),
		NotAfter:     time.Date(2030, 6, 23, 7, 4, 37, 0, time.UTC),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

func pemOf(der []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

func b64(der []byte) string { return base64.StdEncoding.EncodeToString(der) }

// idpMetadataXML is a minimal IdP metadata document with the given signing certificates.
func idpMetadataXML(entityID, ssoURL string, certs ...[]byte) string {
	var keys strings.Builder
	for _, der := range certs {
		fmt.Fprintf(&keys, `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>%s</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`, b64(der))
	}
	return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="` + entityID + `">
<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">` + keys.String() + `
<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="` + ssoURL + `/post"/>
<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="` + ssoURL + `/redirect"/>
</md:IDPSSODescriptor></md:EntityDescriptor>`
}
