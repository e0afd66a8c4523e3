package provider

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"
)

// testCert is a self-signed signing certificate made for one test.
type testCert struct {
	der         []byte
	pem         string
	fingerprint string // samlmeta's form: lowercase hex pairs joined by colons
}

// base64 returns the bare base64 of the DER bytes, wrapped every width characters (0: one line).
func (c testCert) base64(width int) string {
	s := base64.StdEncoding.EncodeToString(c.der)
	if width <= 0 {
		return s
	}
	var b strings.Builder
	for len(s) > width {
		b.WriteString(s[:width])
		b.WriteString("\n")
		s = s[width:]
	}
	b.WriteString(s)
	return b.String()
}

// newTestCert makes a certificate valid from notBefore to notAfter. ECDSA keys keep it fast.
func newTestCert(t testing.TB, cn string, notBefore, notAfter time.Time) testCert {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: cn, Organization: []string{"Example IdP"}},
		NotBefore:    notBefore,
		NotAfter:     notAfter,
		KeyUsage:     x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(der)
	pairs := make([]string, len(sum))
	for i, b := range sum {
		pairs[i] = hex.EncodeToString([]byte{b})
	}
	return testCert{
		der:         der,
		pem:         string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})),
		fingerprint: strings.Join(pairs, ":"),
	}
}

// validTestCert is valid from yesterday for a year.
func validTestCert(t testing.TB, cn string) testCert {
	now := time.Now()
	return newTestCert(t, cn, now.Add(-24*time.Hour), now.AddDate(1, 0, 0))
}

// mdStyle says how testMetadata writes a document. The zero value is the plain form: md:
// prefixes, two-space indentation, attributes in schema order, LF, one-line base64.
type mdStyle struct {
	defaultNamespace bool   // metadata elements unprefixed under xmlns="…", XML-DSig under "dsig:"
	indent           string // "" → two spaces
	reverseAttrs     bool
	crlf             bool
	bom              bool
	comments         bool
	declaration      bool
	certWidth        int // wrap the base64 of certificates every certWidth characters
	validUntil       string
}

// testMetadata writes SAML 2.0 IdP metadata for entityID with a redirect SSO URL and signing
// certificates.
func testMetadata(entityID, loginURL string, style mdStyle, certs ...testCert) string {
	md, ds := "md:", "ds:"
	nsDecl := `xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#"`
	if style.defaultNamespace {
		md, ds = "", "dsig:"
		nsDecl = `xmlns="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:dsig="http://www.w3.org/2000/09/xmldsig#"`
	}
	in := style.indent
	if in == "" {
		in = "  "
	}
	attrs := func(pairs ...string) string {
		if style.reverseAttrs {
			for i, j := 0, len(pairs)-1; i < j; i, j = i+1, j-1 {
				pairs[i], pairs[j] = pairs[j], pairs[i]
			}
		}
		return strings.Join(pairs, " ")
	}
	var lines []string
	add := func(depth int, s string) { lines = append(lines, strings.Repeat(in, depth)+s) }
	if style.declaration {
		add(0, `<?xml version="1.0" encoding="UTF-8"?>`)
	}
	if style.comments {
		add(0, "<!-- exported by the test identity provider -->")
	}
	rootAttrs := []string{nsDecl, fmt.Sprintf(`entityID=%q`, entityID)}
	if style.validUntil != "" {
		rootAttrs = append(rootAttrs, fmt.Sprintf(`validUntil=%q`, style.validUntil))
	}
	add(0, fmt.Sprintf("<%sEntityDescriptor %s>", md, attrs(rootAttrs...)))
	add(1, fmt.Sprintf(`<%sIDPSSODescriptor %s>`, md, attrs(`WantAuthnRequestsSigned="false"`, `protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"`)))
	for _, c := range certs {
		if style.comments {
			add(2, "<!-- signing key -->")
		}
		add(2, fmt.Sprintf(`<%sKeyDescriptor use="signing">`, md))
		add(3, fmt.Sprintf("<%sKeyInfo><%sX509Data><%sX509Certificate>%s</%sX509Certificate></%sX509Data></%sKeyInfo>",
			ds, ds, ds, c.base64(style.certWidth), ds, ds, ds))
		add(2, fmt.Sprintf("</%sKeyDescriptor>", md))
	}
	add(2, fmt.Sprintf("<%sNameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</%sNameIDFormat>", md, md))
	add(2, fmt.Sprintf(`<%sSingleSignOnService %s/>`, md, attrs(`Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"`, fmt.Sprintf(`Location=%q`, loginURL))))
	add(2, fmt.Sprintf(`<%sSingleSignOnService %s/>`, md, attrs(`Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"`, fmt.Sprintf(`Location=%q`, loginURL+"/post"))))
	add(1, fmt.Sprintf("</%sIDPSSODescriptor>", md))
	add(0, fmt.Sprintf("</%sEntityDescriptor>", md))
	nl := "\n"
	if style.crlf {
		nl = "\r\n"
	}
	doc := strings.Join(lines, nl) + nl
	if style.bom {
		doc = "\xEF\xBB\xBF" + doc
	}
	return doc
}

// testEntities writes an EntitiesDescriptor holding one IdP entity per entity ID (each with its
// own certificate) and one SP entity.
func testEntities(t testing.TB, entityIDs ...string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString(`<EntitiesDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Name="urn:example:federation">` + "\n")
	for i, id := range entityIDs {
		c := validTestCert(t, id)
		fmt.Fprintf(&b, `  <EntityDescriptor entityID=%q>
    <IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
      <KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>%s</ds:X509Certificate></ds:X509Data></ds:KeyInfo></KeyDescriptor>
      <SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp%d.example.com/sso"/>
    </IDPSSODescriptor>
  </EntityDescriptor>
`, id, c.base64(0), i+1)
	}
	b.WriteString(`  <EntityDescriptor entityID="https://sp.example.com/metadata">
    <SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
      <AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://sp.example.com/acs" index="0"/>
    </SPSSODescriptor>
  </EntityDescriptor>
</EntitiesDescriptor>
`)
	return b.String()
}
