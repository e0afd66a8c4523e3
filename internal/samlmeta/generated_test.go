package samlmeta

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// testNow is the clock of the generated-document tests.
var testNow = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

var (
	rsaKey = sync.OnceValue(func() *rsa.PrivateKey {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		return k
	})
	ecKey = sync.OnceValue(func() *ecdsa.PrivateKey {
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			panic(err)
		}
		return k
	})
)

type certSpec struct {
	cn                  string
	notBefore, notAfter time.Time
	alg                 x509.SignatureAlgorithm
	issuer              *x509.Certificate // nil: self-signed
}

// makeCert returns a DER certificate made with crypto/x509 at test time.
func makeCert(t testing.TB, s certSpec) []byte {
	t.Helper()
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 64))
	if err != nil {
		t.Fatal(err)
	}
	tpl := &x509.Certificate{
		SerialNumber:       serial,
		Subject:            pkix.Name{CommonName: cmpOr(s.cn, "idp.example.com"), Organization: []string{"Example IdP"}},
		NotBefore:          s.notBefore,
		NotAfter:           s.notAfter,
		SignatureAlgorithm: s.alg,
	}
	if tpl.NotBefore.IsZero() {
		tpl.NotBefore = testNow.AddDate(-1, 0, 0)
	}
	if tpl.NotAfter.IsZero() {
		tpl.NotAfter = testNow.AddDate(1, 0, 0)
	}
	var pub crypto.PublicKey = &rsaKey().PublicKey
	var priv crypto.Signer = rsaKey()
	if s.alg == x509.ECDSAWithSHA256 || s.alg == x509.ECDSAWithSHA1 {
		pub, priv = &ecKey().PublicKey, ecKey()
	}
	parent := tpl
	if s.issuer != nil {
		parent = s.issuer
	}
	der, err := x509.CreateCertificate(rand.Reader, tpl, parent, pub, priv)
	if err != nil {
		t.Fatalf("create certificate: %v", err)
	}
	return der
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// wrapped is base64 the way IdPs write it: 64-character lines, indented.
func wrapped(der []byte) string {
	s := base64.StdEncoding.EncodeToString(der)
	var b strings.Builder
	for len(s) > 64 {
		b.WriteString("\n            " + s[:64])
		s = s[64:]
	}
	b.WriteString("\n            " + s + "\n          ")
	return b.String()
}

func keyDescriptor(use string, der []byte) string {
	attr := ""
	if use != "" {
		attr = fmt.Sprintf(` use="%s"`, use)
	}
	return fmt.Sprintf(`
    <KeyDescriptor%s>
      <ds:KeyInfo>
        <ds:X509Data>
          <ds:X509Certificate>%s</ds:X509Certificate>
        </ds:X509Data>
      </ds:KeyInfo>
    </KeyDescriptor>`, attr, wrapped(der))
}

func sso(binding, location string) string {
	return fmt.Sprintf(`
    <SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:%s" Location="%s"/>`, binding, location)
}

// entitySpec builds one EntityDescriptor; zero fields get working defaults
// unless the matching "no…" switch is set.
type entitySpec struct {
	entityID     string
	noEntityID   bool
	validUntil   string
	idpAttrs     string // extra attributes of IDPSSODescriptor
	protocols    string
	keys         string // KeyDescriptor elements; default: one valid signing certificate
	ssos         string // SingleSignOnService elements; default: Redirect and POST
	noSSO        bool
	entityInside string // inserted before the IDPSSODescriptor
	spOnly       bool
}

func (s entitySpec) xml(t testing.TB) string {
	t.Helper()
	id := ` entityID="` + cmpOr(s.entityID, "https://idp.example.com/saml") + `"`
	if s.noEntityID {
		id = ""
	}
	if s.validUntil != "" {
		id += ` validUntil="` + s.validUntil + `"`
	}
	if s.spOnly {
		return fmt.Sprintf(`
  <EntityDescriptor%s>
    <SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
      <AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://sp.example.com/acs" index="1"/>
    </SPSSODescriptor>
  </EntityDescriptor>`, id)
	}
	keys := s.keys
	if keys == "" {
		keys = keyDescriptor("signing", makeCert(t, certSpec{}))
	}
	ssos := s.ssos
	if ssos == "" && !s.noSSO {
		ssos = sso("HTTP-Redirect", "https://idp.example.com/sso/redirect") + sso("HTTP-POST", "https://idp.example.com/sso/post")
	}
	return fmt.Sprintf(`
  <EntityDescriptor%s>%s
  <IDPSSODescriptor protocolSupportEnumeration="%s"%s>%s
    <NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</NameIDFormat>%s
  </IDPSSODescriptor>
  </EntityDescriptor>`, id, s.entityInside, cmpOr(s.protocols, "urn:oasis:names:tc:SAML:2.0:protocol"), s.idpAttrs, keys, ssos)
}

const rootNS = `xmlns="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#"`

// single is a document whose root is the entity.
func single(t testing.TB, s entitySpec) string {
	t.Helper()
	return strings.Replace(s.xml(t), "<EntityDescriptor", "<EntityDescriptor "+rootNS, 1)
}

// group wraps entities in an EntitiesDescriptor.
func group(attrs string, entities ...string) string {
	return fmt.Sprintf(`<EntitiesDescriptor %s%s>%s
</EntitiesDescriptor>`, rootNS, attrs, strings.Join(entities, ""))
}

type parseCase struct {
	name string
	doc  string
	opts Options
	// want lists the findings as "error: Summary" / "warning: Summary", in
	// any order; no other finding may appear.
	want []string
	// phrases must appear in some finding's Detail.
	phrases []string
	check   func(t *testing.T, md *Metadata)
}

func TestParseGenerated(t *testing.T) {
	expired := makeCert(t, certSpec{cn: "old.example.com", notBefore: testNow.AddDate(-3, 0, 0), notAfter: testNow.AddDate(0, 0, -5)})
	valid := makeCert(t, certSpec{cn: "new.example.com"})
	soon := makeCert(t, certSpec{cn: "soon.example.com", notAfter: testNow.Add(10*24*time.Hour + time.Hour)})
	future := makeCert(t, certSpec{cn: "future.example.com", notBefore: testNow.AddDate(0, 0, 3)})
	sha1Cert := makeCert(t, certSpec{cn: "sha1.example.com", alg: x509.SHA1WithRSA})
	ecCert := makeCert(t, certSpec{cn: "ec.example.com", alg: x509.ECDSAWithSHA256})
	caDER := makeCert(t, certSpec{cn: "Example Root CA"})
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		t.Fatal(err)
	}
	leaf := makeCert(t, certSpec{cn: "leaf.example.com", issuer: ca})

	chain := fmt.Sprintf(`
    <KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data>
      <ds:X509Certificate>%s</ds:X509Certificate>
      <ds:X509Certificate>%s</ds:X509Certificate>
    </ds:X509Data></ds:KeyInfo></KeyDescriptor>`, wrapped(leaf), wrapped(caDER))
	signature := func(method, digest string) string {
		return fmt.Sprintf(`
    <ds:Signature><ds:SignedInfo>
      <ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
      <ds:SignatureMethod Algorithm="%s"/>
      <ds:Reference URI="#x"><ds:DigestMethod Algorithm="%s"/><ds:DigestValue>AAAA</ds:DigestValue></ds:Reference>
    </ds:SignedInfo><ds:SignatureValue>AAAA</ds:SignatureValue></ds:Signature>`, method, digest)
	}
	const (
		rsaSHA1     = "http://www.w3.org/2000/09/xmldsig#rsa-sha1"
		rsaSHA256   = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
		digestSHA1  = "http://www.w3.org/2000/09/xmldsig#sha1"
		digestSHA25 = "http://www.w3.org/2001/04/xmlenc#sha256"
	)
	okDoc := single(t, entitySpec{})

	cases := []parseCase{
		{
			name: "redirect and post",
			doc:  okDoc,
			check: func(t *testing.T, md *Metadata) {
				if md.LoginURL != "https://idp.example.com/sso/redirect" || len(md.SSOURLs) != 2 || md.SSOURLs["HTTP-POST"] != "https://idp.example.com/sso/post" {
					t.Errorf("LoginURL %q, SSOURLs %v", md.LoginURL, md.SSOURLs)
				}
				if len(md.Certificates) != 1 || md.Certificates[0].Subject != "CN=idp.example.com,O=Example IdP" || md.ValidUntil != nil || md.UsesSHA1 {
					t.Errorf("metadata %+v", md)
				}
			},
		},
		{
			name:  "post only",
			doc:   single(t, entitySpec{ssos: sso("HTTP-POST", "https://idp.example.com/post")}),
			check: wantLogin("https://idp.example.com/post"),
		},
		{
			name:  "redirect only, other bindings keep their URI",
			doc:   single(t, entitySpec{ssos: sso("HTTP-Redirect", "https://idp.example.com/r") + `<SingleSignOnService Binding="urn:example:binding" Location="https://idp.example.com/x"/>`}),
			check: wantLogin("https://idp.example.com/r", "urn:example:binding"),
		},
		{
			name:    "no single sign-on service",
			doc:     single(t, entitySpec{noSSO: true}),
			want:    []string{"error: " + summaryNoSSO},
			phrases: []string{"it has none"},
		},
		{
			name:    "SOAP only",
			doc:     single(t, entitySpec{ssos: sso("SOAP", "https://idp.example.com/soap")}),
			want:    []string{"error: " + summaryNoSSO},
			phrases: []string{"it has only SOAP"},
		},
		{
			name:    "single sign-on service without location",
			doc:     single(t, entitySpec{ssos: `<SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"/>`}),
			want:    []string{"error: " + summaryInvalid, "error: " + summaryNoSSO},
			phrases: []string{"lacks its Binding or Location"},
		},
		{
			name:    "relative login URL",
			doc:     single(t, entitySpec{ssos: sso("HTTP-Redirect", "/sso")}),
			want:    []string{"error: " + summaryInvalid, "error: " + summaryNoSSO},
			phrases: []string{`"/sso"`, "is not an http or https URL"},
		},
		{
			name:    "only certificate expired",
			doc:     single(t, entitySpec{keys: keyDescriptor("signing", expired)}),
			want:    []string{"error: " + summaryAllExpired},
			phrases: []string{"CN=old.example.com", testNow.AddDate(0, 0, -5).Format(time.DateOnly)},
		},
		{
			name:    "one of two certificates expired",
			doc:     single(t, entitySpec{keys: keyDescriptor("signing", expired) + keyDescriptor("signing", valid)}),
			want:    []string{"warning: " + summaryCertExpired},
			phrases: []string{"CN=old.example.com", "remove the expired certificate"},
			check:   wantCertCount(2),
		},
		{
			name:    "certificate expiring in 10 days",
			doc:     single(t, entitySpec{keys: keyDescriptor("signing", soon)}),
			want:    []string{"warning: " + summaryCertExpiring},
			phrases: []string{"CN=soon.example.com", "in 10 days", "Roll it over"},
		},
		{
			name: "certificate expiring in 10 days, warning window 5 days",
			doc:  single(t, entitySpec{keys: keyDescriptor("signing", soon)}),
			opts: Options{ExpiryWarning: 5 * 24 * time.Hour},
		},
		{
			name:    "certificate not valid yet",
			doc:     single(t, entitySpec{keys: keyDescriptor("signing", future)}),
			want:    []string{"warning: " + summaryCertNotYetValid},
			phrases: []string{"CN=future.example.com"},
		},
		{
			name:    "certificate signed with SHA-1",
			doc:     single(t, entitySpec{keys: keyDescriptor("signing", sha1Cert)}),
			want:    []string{"warning: " + summarySHA1},
			phrases: []string{"SHA1withRSA", "SHA-256", "OneLogin", "AD FS"},
			check: func(t *testing.T, md *Metadata) {
				if !md.UsesSHA1 || md.Certificates[0].SignatureAlgorithm != "SHA1withRSA" {
					t.Errorf("UsesSHA1 %v, algorithm %q", md.UsesSHA1, md.Certificates[0].SignatureAlgorithm)
				}
			},
		},
		{
			name: "ECDSA certificate",
			doc:  single(t, entitySpec{keys: keyDescriptor("", ecCert)}),
			check: func(t *testing.T, md *Metadata) {
				if got := md.Certificates[0].SignatureAlgorithm; got != "SHA256withECDSA" {
					t.Errorf("SignatureAlgorithm %q", got)
				}
			},
		},
		{
			name:    "metadata signed with rsa-sha1",
			doc:     single(t, entitySpec{entityInside: signature(rsaSHA1, digestSHA1)}),
			want:    []string{"warning: " + summarySHA1},
			phrases: []string{"signs the metadata with " + rsaSHA1, "digests the metadata with " + digestSHA1},
			check:   func(t *testing.T, md *Metadata) { wantTrue(t, "UsesSHA1", md.UsesSHA1) },
		},
		{
			name: "metadata signed with rsa-sha256",
			doc:  single(t, entitySpec{entityInside: signature(rsaSHA256, digestSHA25)}),
		},
		{
			name: "algorithm support advertising SHA-1",
			doc: single(t, entitySpec{entityInside: `<Extensions xmlns:alg="urn:oasis:names:tc:SAML:metadata:algsupport">
      <alg:SigningMethod Algorithm="` + rsaSHA256 + `"/><alg:SigningMethod Algorithm="` + rsaSHA1 + `"/></Extensions>`}),
			want:    []string{"warning: " + summarySHA1},
			phrases: []string{"advertises the signing method " + rsaSHA1},
		},
		{
			name:    "SHA-1 in an enclosing EntitiesDescriptor's signature",
			doc:     strings.Replace(group("", entitySpec{}.xml(t)), "\n  <EntityDescriptor", signature(rsaSHA1, digestSHA25)+"\n  <EntityDescriptor", 1),
			want:    []string{"warning: " + summarySHA1},
			phrases: []string{rsaSHA1},
		},
		{
			name:    "validUntil in the past",
			doc:     single(t, entitySpec{validUntil: "2026-11-01T00:00:00Z"}),
			want:    []string{"error: " + summaryMetadataExpired},
			phrases: []string{"2026-11-01T00:00:00Z", "Download fresh metadata"},
		},
		{
			name: "validUntil in the future",
			doc:  single(t, entitySpec{validUntil: "2030-01-01T00:00:00.000Z"}),
			check: func(t *testing.T, md *Metadata) {
				if md.ValidUntil == nil || !md.ValidUntil.Equal(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)) {
					t.Errorf("ValidUntil %v", md.ValidUntil)
				}
			},
		},
		{
			name:    "validUntil within the warning window",
			doc:     single(t, entitySpec{validUntil: "2026-12-06T12:00:00Z"}),
			want:    []string{"warning: " + summaryMetadataExpiring},
			phrases: []string{"in 10 days"},
		},
		{
			name:    "validUntil on the EntitiesDescriptor in the past",
			doc:     group(` validUntil="2014-05-15T19:05:47Z"`, entitySpec{validUntil: "2030-01-01T00:00:00Z"}.xml(t)),
			want:    []string{"error: " + summaryMetadataExpired},
			phrases: []string{"<EntitiesDescriptor>"},
		},
		{
			name:    "validUntil on the IDPSSODescriptor in the past",
			doc:     single(t, entitySpec{idpAttrs: ` validUntil="2020-01-01T00:00:00Z"`}),
			want:    []string{"error: " + summaryMetadataExpired},
			phrases: []string{"<IDPSSODescriptor>"},
		},
		{
			name:    "validUntil not a date",
			doc:     single(t, entitySpec{validUntil: "next year"}),
			want:    []string{"error: " + summaryInvalid},
			phrases: []string{`"next year"`, "xs:dateTime"},
		},
		{
			name:    "several identity providers",
			doc:     group("", entitySpec{entityID: "https://a.example.com"}.xml(t), entitySpec{entityID: "https://b.example.com"}.xml(t)),
			want:    []string{"error: " + summaryManyIdPs},
			phrases: []string{`"https://a.example.com", "https://b.example.com"`, "entity_id"},
		},
		{
			name:  "several identity providers, entity ID picks one",
			doc:   group("", entitySpec{entityID: "https://a.example.com"}.xml(t), entitySpec{entityID: "https://b.example.com", ssos: sso("HTTP-POST", "https://b.example.com/sso")}.xml(t)),
			opts:  Options{EntityID: "https://b.example.com"},
			check: wantEntity("https://b.example.com", "https://b.example.com/sso"),
		},
		{
			name:    "entity ID matching none",
			doc:     group("", entitySpec{entityID: "https://a.example.com"}.xml(t), entitySpec{entityID: "https://b.example.com"}.xml(t)),
			opts:    Options{EntityID: "https://c.example.com"},
			want:    []string{"error: " + summaryNotIdP},
			phrases: []string{`"https://c.example.com"`, `"https://a.example.com", "https://b.example.com"`},
		},
		{
			name:    "entity ID of the SP beside the IdP",
			doc:     group("", entitySpec{entityID: "https://sp.example.com", spOnly: true}.xml(t), entitySpec{entityID: "https://a.example.com"}.xml(t)),
			opts:    Options{EntityID: "https://sp.example.com"},
			want:    []string{"error: " + summaryNotIdP},
			phrases: []string{`one of: "https://a.example.com"`},
		},
		{
			name:  "nested EntitiesDescriptor with an IdP beside an SP",
			doc:   group(` Name="outer"`, `<EntitiesDescriptor Name="inner">`+entitySpec{entityID: "https://sp.example.com", spOnly: true}.xml(t)+entitySpec{entityID: "https://idp.example.com/nested"}.xml(t)+`</EntitiesDescriptor>`),
			check: wantEntity("https://idp.example.com/nested", "https://idp.example.com/sso/redirect"),
		},
		{
			name:    "SP metadata only",
			doc:     single(t, entitySpec{entityID: "https://sp.example.com", spOnly: true}),
			want:    []string{"error: " + summarySPMetadata},
			phrases: []string{"This is SP metadata (a service provider's, for example Tencent Cloud's own), not your IdP's", "download it from the IdP's admin console"},
		},
		{
			// Tencent Cloud's own SP metadata, as GetZoneSAMLServiceProviderInfo gives it.
			name:    "Tencent Cloud's SP metadata",
			doc:     single(t, entitySpec{entityID: "https://tencentcloudsso.com/saml/sp/z-abcdefghijkl", spOnly: true}),
			want:    []string{"error: " + summarySPMetadata},
			phrases: []string{`This is Tencent Cloud's own service provider (SP) metadata, entity "https://tencentcloudsso.com/saml/sp/z-abcdefghijkl"`, "upload it to the IdP"},
		},
		{
			// metadata_xml = filebase64(...): the reverse of giving XML as encoded_metadata_document.
			name:    "base64 of the metadata",
			doc:     base64.StdEncoding.EncodeToString([]byte(single(t, entitySpec{}))),
			want:    []string{"error: " + summaryEncoded},
			phrases: []string{"the base64 encoding of a metadata document", "decode the base64 first"},
		},
		{
			name: "base64 of the metadata, wrapped",
			doc:  "\n" + wrap76(base64.StdEncoding.EncodeToString([]byte(single(t, entitySpec{})))),
			want: []string{"error: " + summaryEncoded},
		},
		{
			// Letters that happen to be base64 but decode to no XML stay "not XML".
			name: "text that is not base64 of XML",
			doc:  "SGVsbG8=",
			want: []string{"error: " + summaryInvalid},
		},
		{
			name:    "EntitiesDescriptor without entities",
			doc:     group(""),
			want:    []string{"error: " + summaryNotIdP},
			phrases: []string{"no md:EntityDescriptor"},
		},
		{
			name:    "IdP without SAML 2.0",
			doc:     single(t, entitySpec{protocols: "urn:oasis:names:tc:SAML:1.1:protocol"}),
			want:    []string{"error: " + summaryNotIdP},
			phrases: []string{`supports only the protocols "urn:oasis:names:tc:SAML:1.1:protocol"`},
		},
		{
			name:    "encryption key only",
			doc:     single(t, entitySpec{keys: keyDescriptor("encryption", valid)}),
			want:    []string{"error: " + summaryNoCertificate},
			phrases: []string{`no KeyDescriptor with use="signing"`},
		},
		{
			name:  "key descriptor without use",
			doc:   single(t, entitySpec{keys: keyDescriptor("", valid)}),
			check: wantCertCount(1),
		},
		{
			name:    "key given by name only",
			doc:     single(t, entitySpec{keys: `<KeyDescriptor use="signing"><ds:KeyInfo><ds:KeyName>k1</ds:KeyName></ds:KeyInfo></KeyDescriptor>`}),
			want:    []string{"error: " + summaryNoCertificate},
			phrases: []string{"has no ds:X509Data with a ds:X509Certificate"},
		},
		{
			name:    "certificate not base64",
			doc:     single(t, entitySpec{keys: `<KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>!!!</ds:X509Certificate></ds:X509Data></ds:KeyInfo></KeyDescriptor>`}),
			want:    []string{"error: " + summaryBadCertificate},
			phrases: []string{"cannot be read", "not valid base64"},
		},
		{
			// Identity Center refuses the whole document, so the plan must fail, not the apply.
			name:    "unreadable certificate beside a good one",
			doc:     single(t, entitySpec{keys: `<KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>AAAA</ds:X509Certificate></ds:X509Data></ds:KeyInfo></KeyDescriptor>` + keyDescriptor("signing", valid)}),
			want:    []string{"error: " + summaryBadCertificate},
			phrases: []string{"not a valid X.509 certificate", "refuses the whole document", "remove or fix that KeyDescriptor"},
		},
		{
			name:    "use with white space around signing",
			doc:     single(t, entitySpec{keys: keyDescriptor(" signing ", valid)}),
			want:    []string{"error: " + summaryBadCertificate},
			phrases: []string{`use=" signing "`, `must be exactly "signing"`},
		},
		{
			name:    "use with white space around encryption beside a signing key",
			doc:     single(t, entitySpec{keys: keyDescriptor("signing", valid) + keyDescriptor("encryption\n", valid)}),
			want:    []string{"error: " + summaryBadCertificate},
			phrases: []string{`must be exactly "encryption"`},
		},
		{
			name:  "duplicate certificates",
			doc:   single(t, entitySpec{keys: keyDescriptor("signing", valid) + keyDescriptor("", valid) + keyDescriptor("encryption", valid)}),
			check: wantCertCount(1),
		},
		{
			name: "certificate chain in one X509Data",
			doc:  single(t, entitySpec{keys: chain}),
			check: func(t *testing.T, md *Metadata) {
				if len(md.Certificates) != 1 || md.Certificates[0].Subject != "CN=leaf.example.com,O=Example IdP" || md.Certificates[0].Issuer != "CN=Example Root CA,O=Example IdP" {
					t.Errorf("certificates %+v", md.Certificates)
				}
			},
		},
		{
			name:    "KeyInfo in a misspelled XML-DSig namespace",
			doc:     strings.Replace(single(t, entitySpec{}), `<ds:KeyInfo>`, `<ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig">`, 1),
			want:    []string{"error: " + summaryNoCertificate},
			phrases: []string{`"http://www.w3.org/2000/09/xmldsig"`, "misspelling", "xmlns:ds"},
		},
		{
			name:    "entityID missing",
			doc:     single(t, entitySpec{noEntityID: true}),
			want:    []string{"error: " + summaryInvalid},
			phrases: []string{"has no entityID"},
		},
		{
			name:    "entityID too long",
			doc:     single(t, entitySpec{entityID: "https://idp.example.com/" + strings.Repeat("x", 1001)}),
			want:    []string{"error: " + summaryInvalid},
			phrases: []string{"1025 characters long"},
		},
		{
			name:  "BOM, CRLF, comments, processing instruction, no XML declaration",
			doc:   "\xEF\xBB\xBF<!-- exported -->\r\n<?some-tool x?>\r\n" + strings.ReplaceAll(okDoc, "\n", "\r\n<!-- c -->"),
			check: wantCertCount(1),
		},
		{
			name:    "DOCTYPE",
			doc:     `<?xml version="1.0"?><!DOCTYPE EntityDescriptor>` + okDoc,
			want:    []string{"error: " + summaryInvalid},
			phrases: []string{"<!DOCTYPE>", "XXE", "line 1, column 22"},
		},
		{
			name: "billion laughs",
			doc: `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="&lol3;"/>`,
			want:    []string{"error: " + summaryInvalid},
			phrases: []string{"billion laughs"},
		},
		{
			name: "external entity",
			doc: `<?xml version="1.0"?>
<!DOCTYPE EntityDescriptor [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="&xxe;"/>`,
			want:    []string{"error: " + summaryInvalid},
			phrases: []string{"external entity"},
		},
		{
			name:    "entity reference without a declaration",
			doc:     strings.Replace(okDoc, "https://idp.example.com/saml", "&xxe;", 1),
			want:    []string{"error: " + summaryInvalid},
			phrases: []string{"xxe"},
		},
		{
			name:    "ENTITY declaration inside the root",
			doc:     strings.Replace(okDoc, "<IDPSSODescriptor", `<!ENTITY x "y"><IDPSSODescriptor`, 1),
			want:    []string{"error: " + summaryInvalid},
			phrases: []string{"<!ENTITY>"},
		},
		{
			name:    "oversize",
			doc:     okDoc,
			opts:    Options{MaxBytes: 200},
			want:    []string{"error: " + summaryTooLarge},
			phrases: []string{"at most 200 bytes"},
		},
		{
			name:    "malformed",
			doc:     "<EntityDescriptor xmlns=\"urn:oasis:names:tc:SAML:2.0:metadata\"\n  entityID=\"x\">\n  <IDPSSODescriptor a=b/>\n</EntityDescriptor>",
			want:    []string{"error: " + summaryInvalid},
			phrases: []string{"line 3, column"},
		},
		{
			name:    "mismatched closing tag",
			doc:     strings.Replace(okDoc, "</IDPSSODescriptor>", "</SPSSODescriptor>", 1),
			want:    []string{"error: " + summaryInvalid},
			phrases: []string{"is closed by </SPSSODescriptor>"},
		},
		{
			name:    "cut off",
			doc:     okDoc[:len(okDoc)/2],
			want:    []string{"error: " + summaryInvalid},
			phrases: []string{"cut off"},
		},
		{
			name:    "empty",
			doc:     "  \n",
			want:    []string{"error: " + summaryInvalid},
			phrases: []string{"no root element"},
		},
		{
			name:    "two root elements",
			doc:     okDoc + okDoc,
			want:    []string{"error: " + summaryInvalid},
			phrases: []string{"a second root element"},
		},
		{
			name:    "text after the root",
			doc:     okDoc + "trailing",
			want:    []string{"error: " + summaryInvalid},
			phrases: []string{"text outside the root element"},
		},
		{
			name:    "no namespace",
			doc:     strings.Replace(single(t, entitySpec{}), `xmlns="urn:oasis:names:tc:SAML:2.0:metadata"`, "", 1),
			want:    []string{"error: " + summaryInvalid},
			phrases: []string{"no XML namespace", "no default namespace is declared"},
		},
		{
			name:    "root in another namespace",
			doc:     strings.Replace(okDoc, "urn:oasis:names:tc:SAML:2.0:metadata", "urn:oasis:names:tc:SAML:1.0:metadata", 1),
			want:    []string{"error: " + summaryInvalid},
			phrases: []string{`"urn:oasis:names:tc:SAML:1.0:metadata"`},
		},
		{
			name:    "not metadata",
			doc:     "<html><body>Sign in</body></html>",
			want:    []string{"error: " + summaryInvalid},
			phrases: []string{"not SAML 2.0 metadata"},
		},
		{
			name:    "undeclared prefix",
			doc:     strings.Replace(okDoc, "<NameIDFormat>", "<md:NameIDFormat>", 1),
			want:    []string{"error: " + summaryInvalid},
			phrases: []string{`prefix "md"`},
		},
		{
			name:    "duplicate attribute",
			doc:     strings.Replace(okDoc, `<KeyDescriptor use="signing"`, `<KeyDescriptor use="signing" use="encryption"`, 1),
			want:    []string{"error: " + summaryInvalid},
			phrases: []string{"attribute use twice"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			opts := tc.opts
			if opts.Now.IsZero() {
				opts.Now = testNow
			}
			md, findings := Parse([]byte(tc.doc), opts)
			checkFindings(t, findings, tc.want, tc.phrases)
			if (md == nil) != HasErrors(findings) {
				t.Fatalf("metadata nil = %v, but HasErrors = %v", md == nil, HasErrors(findings))
			}
			if tc.check != nil {
				if md == nil {
					t.Fatalf("no metadata: %v", findings)
				}
				tc.check(t, md)
			}

			// Without the clock, exactly the findings that do not depend on it remain, and
			// the metadata is there whenever none of them is an error.
			opts.IgnoreClock, opts.Now = true, time.Time{}
			timeless, timelessFindings := Parse([]byte(tc.doc), opts)
			want := clockFree(findings)
			if !slices.Equal(timelessFindings, want) {
				t.Errorf("IgnoreClock: findings %v, want %v", timelessFindings, want)
			}
			if (timeless == nil) != HasErrors(want) {
				t.Errorf("IgnoreClock: metadata nil = %v, but the clock-free findings have errors = %v", timeless == nil, HasErrors(want))
			}
			if timeless != nil && md != nil && (timeless.EntityID != md.EntityID || (timeless.ValidUntil == nil) != (md.ValidUntil == nil)) {
				t.Errorf("IgnoreClock: metadata %+v, with the clock %+v", timeless, md)
			}
		})
	}
}

// checkFindings compares findings with "severity: Summary" strings, and
// checks that each phrase appears in a Detail.
func checkFindings(t *testing.T, findings []Finding, want, phrases []string) {
	t.Helper()
	var got []string
	var details []string
	for _, f := range findings {
		got = append(got, f.Severity.String()+": "+f.Summary)
		details = append(details, f.Detail)
		if f.Kind == 0 || f.Summary != f.Kind.Summary() {
			t.Errorf("finding %q has kind %d, whose summary is %q", f.Summary, f.Kind, f.Kind.Summary())
		}
		if f.Summary == "" || f.Detail == "" || !strings.HasSuffix(f.Detail, ".") {
			t.Errorf("finding %q: empty summary, or detail not a finished sentence: %q", f.Summary, f.Detail)
		}
	}
	slices.Sort(got)
	want = slices.Sorted(slices.Values(want))
	if !slices.Equal(got, want) {
		t.Errorf("findings %q, want %q; details:\n%s", got, want, strings.Join(details, "\n"))
	}
	all := strings.Join(details, "\n")
	for _, p := range phrases {
		if !strings.Contains(all, p) {
			t.Errorf("no finding mentions %q; details:\n%s", p, all)
		}
	}
}

func wantLogin(url string, otherKeys ...string) func(*testing.T, *Metadata) {
	return func(t *testing.T, md *Metadata) {
		t.Helper()
		if md.LoginURL != url {
			t.Errorf("LoginURL %q, want %q", md.LoginURL, url)
		}
		for _, k := range otherKeys {
			if _, ok := md.SSOURLs[k]; !ok {
				t.Errorf("SSOURLs %v lacks %q", md.SSOURLs, k)
			}
		}
	}
}

func wantCertCount(n int) func(*testing.T, *Metadata) {
	return func(t *testing.T, md *Metadata) {
		t.Helper()
		if len(md.Certificates) != n {
			t.Errorf("%d certificates, want %d", len(md.Certificates), n)
		}
	}
}

func wantEntity(id, login string) func(*testing.T, *Metadata) {
	return func(t *testing.T, md *Metadata) {
		t.Helper()
		if md.EntityID != id || md.LoginURL != login {
			t.Errorf("EntityID %q LoginURL %q, want %q %q", md.EntityID, md.LoginURL, id, login)
		}
	}
}

func wantTrue(t *testing.T, what string, v bool) {
	t.Helper()
	if !v {
		t.Errorf("%s is false", what)
	}
}

// wrap76 breaks base64 into lines of 76 characters, as MIME and several IdP consoles do.
func wrap76(s string) string {
	var b strings.Builder
	for len(s) > 76 {
		b.WriteString(s[:76] + "\n")
		s = s[76:]
	}
	return b.String() + s + "\n"
}
