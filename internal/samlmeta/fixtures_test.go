package samlmeta

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"io/fs"
	"maps"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// fixtureDir holds copies of the project's real IdP metadata collection;
// sharedFixtureDir is the collection itself, present in the project's
// workspace but not in a clone of this repository.
const (
	fixtureDir       = "testdata/idp-metadata"
	sharedFixtureDir = "../../../shared/fixtures/saml-idp-metadata"
)

// readFixture fails the test when a fixture is missing: a fixture test that
// skips would pass without checking anything.
func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join(fixtureDir, name))
	if err != nil {
		t.Fatalf("fixture %s is missing (copy it from the project's fixtures/saml-idp-metadata): %v", name, err)
	}
	return doc
}

type manifestRow struct {
	file, verdict, asOf string
}

func loadManifest(t testing.TB) []manifestRow {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(readFixture(t, "manifest.tsv")))
	r.Comma = '\t'
	records, err := r.ReadAll()
	if err != nil {
		t.Fatalf("read manifest.tsv: %v", err)
	}
	if len(records) < 2 {
		t.Fatalf("manifest.tsv has no rows")
	}
	col := map[string]int{}
	for i, name := range records[0] {
		col[name] = i
	}
	for _, name := range []string{"file", "verdict", "as_of_2026_11_26"} {
		if _, ok := col[name]; !ok {
			t.Fatalf("manifest.tsv has no %q column (header %q)", name, records[0])
		}
	}
	var rows []manifestRow
	for _, rec := range records[1:] {
		rows = append(rows, manifestRow{file: rec[col["file"]], verdict: rec[col["verdict"]], asOf: rec[col["as_of_2026_11_26"]]})
	}
	return rows
}

// TestFixturesIntact checks the copies against their recorded hashes, and
// against the shared collection when this runs inside the project's
// workspace.
func TestFixturesIntact(t *testing.T) {
	sums := readFixture(t, "SHA256SUMS")
	sc := bufio.NewScanner(bytes.NewReader(sums))
	checked := 0
	for sc.Scan() {
		want, name, ok := strings.Cut(strings.TrimSpace(sc.Text()), "  ")
		if !ok {
			t.Fatalf("SHA256SUMS line %q is not \"<hash>  <file>\"", sc.Text())
		}
		sum := sha256.Sum256(readFixture(t, name))
		if got := hex.EncodeToString(sum[:]); got != want {
			t.Errorf("%s: sha256 %s, SHA256SUMS says %s", name, got, want)
		}
		checked++
	}
	if rows := loadManifest(t); checked != len(rows) {
		t.Errorf("SHA256SUMS lists %d files, manifest.tsv %d", checked, len(rows))
	}

	shared, err := os.ReadDir(sharedFixtureDir)
	if errors.Is(err, fs.ErrNotExist) {
		t.Logf("%s is not present (a clone of this repository alone): compared with SHA256SUMS only", sharedFixtureDir)
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range shared {
		if !strings.HasSuffix(e.Name(), ".xml") && e.Name() != "manifest.tsv" {
			continue
		}
		want, err := os.ReadFile(filepath.Join(sharedFixtureDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if got := readFixture(t, e.Name()); !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s: copy it again", e.Name(), filepath.Join(sharedFixtureDir, e.Name()))
		}
	}
}

type wantCert struct {
	notAfter string // day, as the manifest gives it
	sigAlg   string
}

// fixtureWant is what Parse must make of a fixture, taken from the
// manifest's verdict and notes and from reading the documents.
type fixtureWant struct {
	// reject lists the phrases the error findings must contain; empty
	// means the document is accepted.
	reject     []string
	entityID   string
	loginURL   string
	sso        map[string]string
	certs      []wantCert
	validUntil string
	sha1       bool
}

var fixtureWants = map[string]fixtureWant{
	"okta-1.xml": {
		entityID: "http://www.okta.com/exkppsa1qwuFV4D7z0h7",
		loginURL: "https://dev-513394.oktapreview.com/app/rstudioincdev513394_dev_1/exkppsa1qwuFV4D7z0h7/sso/saml",
		sso: map[string]string{
			"HTTP-POST":     "https://dev-513394.oktapreview.com/app/rstudioincdev513394_dev_1/exkppsa1qwuFV4D7z0h7/sso/saml",
			"HTTP-Redirect": "https://dev-513394.oktapreview.com/app/rstudioincdev513394_dev_1/exkppsa1qwuFV4D7z0h7/sso/saml",
		},
		certs: []wantCert{{"2028-09-07", "SHA256withRSA"}},
	},
	"okta-2.xml": {
		reject: []string{`"https://www.w3.org/2000/09/xmldsig#"`, "not the XML-DSig namespace", "No signing certificate is found"},
	},
	"onelogin-1.xml": {
		entityID: "https://app.onelogin.com/saml/metadata/503983",
		loginURL: "https://app.onelogin.com/trust/saml2/http-post/sso/503983",
		sso: map[string]string{
			"HTTP-POST": "https://app.onelogin.com/trust/saml2/http-post/sso/503983",
			"SOAP":      "https://app.onelogin.com/trust/saml2/soap/sso/503983",
		},
		certs: []wantCert{{"2018-10-01", "SHA1withRSA"}},
		sha1:  true,
	},
	"onelogin-2.xml": {
		entityID: "https://idp.examle.com/saml/metadata",
		loginURL: "https://idp.examle.com/saml/sso",
		sso:      map[string]string{"HTTP-Redirect": "https://idp.examle.com/saml/sso"},
		certs:    []wantCert{{"2021-08-05", "SHA1withRSA"}, {"2018-04-15", "SHA512withRSA"}},
		sha1:     true,
	},
	"google-1.xml": {
		entityID:   "https://accounts.google.com/o/saml2?idpid=C02dfl1r1",
		loginURL:   "https://accounts.google.com/o/saml2/idp?idpid=C02dfl1r1",
		sso:        map[string]string{"HTTP-POST": "https://accounts.google.com/o/saml2/idp?idpid=C02dfl1r1"},
		certs:      []wantCert{{"2021-01-03", "SHA256withRSA"}},
		validUntil: "2021-01-03T16:17:49Z",
	},
	"google-2.xml": {
		reject: []string{"no XML namespace", "xmlns:md declares the SAML metadata namespace", "no SingleSignOnService"},
	},
	"entra-1.xml": {
		entityID: "https://sts.windows.net/4afbc689-805b-48cf-a24c-d4aa3248a248/",
		loginURL: "https://login.windows.net/4afbc689-805b-48cf-a24c-d4aa3248a248/saml2",
		sso:      map[string]string{"HTTP-Redirect": "https://login.windows.net/4afbc689-805b-48cf-a24c-d4aa3248a248/saml2"},
		certs:    []wantCert{{"2016-01-01", "SHA1withRSA"}, {"2014-06-07", "SHA1withRSA"}},
		sha1:     true,
	},
	"adfs-1.xml": {
		entityID: "http://fs.msidlab11.com/adfs/services/trust",
		loginURL: "https://fs.msidlab11.com/adfs/ls/",
		sso:      map[string]string{"HTTP-Redirect": "https://fs.msidlab11.com/adfs/ls/", "HTTP-POST": "https://fs.msidlab11.com/adfs/ls/"},
		certs:    []wantCert{{"2018-01-23", "SHA256withRSA"}},
	},
	"adfs-2.xml": {
		entityID: "http://idp.adfs.example.com/adfs/services/trust",
		loginURL: "https://idp.adfs.example.com/adfs/ls/",
		sso:      map[string]string{"HTTP-Redirect": "https://idp.adfs.example.com/adfs/ls/", "HTTP-POST": "https://idp.adfs.example.com/adfs/ls/"},
		certs:    []wantCert{{"2017-10-25", "SHA256withRSA"}},
		sha1:     true, // the metadata's own signature is rsa-sha1
	},
	"shibboleth-1.xml": {
		entityID: "https://idp.testshib.org/idp/shibboleth",
		loginURL: "https://idp.testshib.org/idp/profile/SAML2/Redirect/SSO",
		sso: map[string]string{
			"urn:mace:shibboleth:1.0:profiles:AuthnRequest": "https://idp.testshib.org/idp/profile/Shibboleth/SSO",
			"HTTP-POST":     "https://idp.testshib.org/idp/profile/SAML2/POST/SSO",
			"HTTP-Redirect": "https://idp.testshib.org/idp/profile/SAML2/Redirect/SSO",
			"SOAP":          "https://idp.testshib.org/idp/profile/SAML2/SOAP/ECP",
		},
		certs: []wantCert{{"2036-08-23", "SHA256withRSA"}},
		// The IdP's mdalg extensions advertise rsa-sha1 and sha1 after
		// SHA-2 algorithms; the rule counts SHA-1 seen anywhere.
		sha1: true,
	},
	"shibboleth-2.xml": {
		entityID: "https://samltest.id/saml/idp",
		loginURL: "https://samltest.id/idp/profile/SAML2/Redirect/SSO",
		sso: map[string]string{
			"urn:mace:shibboleth:1.0:profiles:AuthnRequest": "https://samltest.id/idp/profile/Shibboleth/SSO",
			"HTTP-POST":            "https://samltest.id/idp/profile/SAML2/POST/SSO",
			"HTTP-POST-SimpleSign": "https://samltest.id/idp/profile/SAML2/POST-SimpleSign/SSO",
			"HTTP-Redirect":        "https://samltest.id/idp/profile/SAML2/Redirect/SSO",
			"SOAP":                 "https://samltest.id/idp/profile/SAML2/SOAP/ECP",
		},
		certs:      []wantCert{{"2038-08-24", "SHA256withRSA"}, {"2038-08-24", "SHA256withRSA"}},
		validUntil: "2100-01-01T00:00:42Z",
	},
	"auth0-1.xml": {
		entityID: "urn:dev-tyj7qyzz.auth0.com",
		loginURL: "https://dev-tyj7qyzz.auth0.com/samlp/AX3jRN4ECnojiEepVjvM7yVCEcpVX6w6",
		sso: map[string]string{
			"HTTP-Redirect": "https://dev-tyj7qyzz.auth0.com/samlp/AX3jRN4ECnojiEepVjvM7yVCEcpVX6w6",
			"HTTP-POST":     "https://dev-tyj7qyzz.auth0.com/samlp/AX3jRN4ECnojiEepVjvM7yVCEcpVX6w6",
		},
		certs: []wantCert{{"2032-12-03", "SHA256withRSA"}},
	},
	"simplesamlphp-1.xml": {
		entityID: "https://idp-saml.ua3.int/simplesaml/saml2/idp/metadata.php",
		loginURL: "https://idp-saml.ua3.int/simplesaml/saml2/idp/SSOService.php",
		sso:      map[string]string{"HTTP-Redirect": "https://idp-saml.ua3.int/simplesaml/saml2/idp/SSOService.php"},
		certs:    []wantCert{{"2025-12-24", "SHA256withRSA"}},
	},
	"pysaml2-1.xml": {
		entityID: "urn:mace:example.com:saml:roland:idp",
		loginURL: "http://localhost:8088/sso",
		sso:      map[string]string{"HTTP-Redirect": "http://localhost:8088/sso"},
		certs:    []wantCert{{"2009-11-05", "SHA1withRSA"}},
		sha1:     true,
	},
	"samlify-1.xml": {
		reject: []string{`"urn:oasis:names:tc:SAML:2.0:metadata"`, "not the XML-DSig namespace", "inherits the default namespace", "No signing certificate is found"},
	},
	"vmware-1.xml": {
		entityID:   "https://win2012-sso2.localdomain:7444/websso/SAML2/Metadata/vsphere.local",
		loginURL:   "https://win2012-sso2.localdomain:7444/websso/SAML2/SSO/vsphere.local",
		sso:        map[string]string{"HTTP-Redirect": "https://win2012-sso2.localdomain:7444/websso/SAML2/SSO/vsphere.local"},
		certs:      []wantCert{{"2024-01-01", "SHA256withRSA"}}, // the second certificate of the X509Data is the chain
		validUntil: "2014-05-15T19:05:47Z",
	},
}

var fingerprintPattern = regexp.MustCompile(`^[0-9a-f]{2}(:[0-9a-f]{2}){31}$`)

// TestParseFixtures parses every real document at a time inside its
// validity window: just after the newest NotBefore of its certificates,
// found by a first parse at a time before any of them, when they all draw
// "not yet valid" warnings only.
func TestParseFixtures(t *testing.T) {
	rows := loadManifest(t)
	listed := map[string]bool{}
	for _, row := range rows {
		listed[row.file] = true
	}
	for name := range fixtureWants {
		if !listed[name] {
			t.Errorf("fixtureWants has %s, which manifest.tsv does not list", name)
		}
	}
	for _, row := range rows {
		t.Run(row.file, func(t *testing.T) {
			t.Parallel()
			want, ok := fixtureWants[row.file]
			if !ok {
				t.Fatalf("manifest.tsv lists %s, which fixtureWants has no expectation for", row.file)
			}
			if accept := strings.HasPrefix(row.verdict, "accept"); accept != (len(want.reject) == 0) {
				t.Fatalf("manifest verdict %q disagrees with the test's expectation (reject %q)", row.verdict, want.reject)
			}
			doc := readFixture(t, row.file)
			if len(want.reject) > 0 {
				checkRejected(t, doc, want.reject)
				return
			}

			early, findings := Parse(doc, Options{Now: time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)})
			if early == nil {
				t.Fatalf("parse before the validity window: %v", findings)
			}
			var newest time.Time
			for _, c := range early.Certificates {
				if c.NotBefore.After(newest) {
					newest = c.NotBefore
				}
			}
			now := newest.Add(time.Minute)
			md, findings := Parse(doc, Options{Now: now})
			if md == nil || HasErrors(findings) {
				t.Fatalf("Parse(now=%s) = %v, %v; want metadata and no error", now, md, findings)
			}
			checkMetadata(t, md, findings, want)
		})
	}
}

func checkRejected(t *testing.T, doc []byte, phrases []string) {
	t.Helper()
	md, findings := Parse(doc, Options{Now: time.Date(2017, 6, 1, 0, 0, 0, 0, time.UTC)})
	if md != nil {
		t.Fatalf("Parse returned metadata %+v for a document that must be rejected", md)
	}
	var details []string
	for _, f := range findings {
		if f.Severity == SeverityError {
			details = append(details, f.Detail)
		}
	}
	all := strings.Join(details, "\n")
	for _, phrase := range phrases {
		if !strings.Contains(all, phrase) {
			t.Errorf("no error finding mentions %q; errors:\n%s", phrase, all)
		}
	}
}

func checkMetadata(t *testing.T, md *Metadata, findings []Finding, want fixtureWant) {
	t.Helper()
	if md.EntityID != want.entityID {
		t.Errorf("EntityID = %q, want %q", md.EntityID, want.entityID)
	}
	if md.LoginURL != want.loginURL {
		t.Errorf("LoginURL = %q, want %q", md.LoginURL, want.loginURL)
	}
	if !maps.Equal(md.SSOURLs, want.sso) {
		t.Errorf("SSOURLs = %v, want %v", md.SSOURLs, want.sso)
	}
	var got []wantCert
	for _, c := range md.Certificates {
		got = append(got, wantCert{c.NotAfter.Format(time.DateOnly), c.SignatureAlgorithm})
		checkCertificateFields(t, &c)
	}
	if !slices.Equal(got, want.certs) {
		t.Errorf("certificates (notAfter, algorithm) = %v, want %v", got, want.certs)
	}
	switch {
	case want.validUntil == "" && md.ValidUntil != nil:
		t.Errorf("ValidUntil = %s, want none", md.ValidUntil)
	case want.validUntil != "" && (md.ValidUntil == nil || md.ValidUntil.Format(time.RFC3339) != want.validUntil):
		t.Errorf("ValidUntil = %v, want %s", md.ValidUntil, want.validUntil)
	}
	if md.UsesSHA1 != want.sha1 {
		t.Errorf("UsesSHA1 = %v, want %v", md.UsesSHA1, want.sha1)
	}
	if got := hasFinding(findings, SeverityWarning, summarySHA1); got != want.sha1 {
		t.Errorf("SHA-1 warning present = %v, want %v; findings %v", got, want.sha1, findings)
	}
}

// checkCertificateFields checks that the derived fields agree with the
// parsed certificate.
func checkCertificateFields(t *testing.T, c *Certificate) {
	t.Helper()
	block, rest := pem.Decode([]byte(c.PEM))
	if block == nil || block.Type != "CERTIFICATE" || len(rest) != 0 || !bytes.Equal(block.Bytes, c.Raw.Raw) {
		t.Errorf("PEM does not hold exactly the certificate's DER")
	}
	if !fingerprintPattern.MatchString(c.SHA256Fingerprint) {
		t.Errorf("SHA256Fingerprint %q is not 32 lowercase hex pairs", c.SHA256Fingerprint)
	}
	sum := sha256.Sum256(c.Raw.Raw)
	if strings.ReplaceAll(c.SHA256Fingerprint, ":", "") != hex.EncodeToString(sum[:]) {
		t.Errorf("SHA256Fingerprint %s is not the SHA-256 of the DER", c.SHA256Fingerprint)
	}
	if c.Subject != c.Raw.Subject.String() || c.Issuer != c.Raw.Issuer.String() || c.SerialNumber != c.Raw.SerialNumber.String() {
		t.Errorf("Subject/Issuer/SerialNumber do not match the parsed certificate")
	}
}

func hasFinding(findings []Finding, sev Severity, summary string) bool {
	return slices.ContainsFunc(findings, func(f Finding) bool { return f.Severity == sev && f.Summary == summary })
}

// TestFixturesRealClock checks the manifest's as_of_2026_11_26 column with
// the real clock: what a user pasting these documents today is told.
func TestFixturesRealClock(t *testing.T) {
	for _, row := range loadManifest(t) {
		t.Run(row.file, func(t *testing.T) {
			t.Parallel()
			doc := readFixture(t, row.file)
			md, findings := Parse(doc, Options{})
			switch row.asOf {
			case "-":
				if md != nil {
					t.Errorf("a rejected document parsed: %+v", md)
				}
			case "valid":
				if md == nil || HasErrors(findings) {
					t.Errorf("want valid, got %v", findings)
				}
			case "error: every signing certificate expired":
				if md != nil || !hasFinding(findings, SeverityError, summaryAllExpired) {
					t.Errorf("want the %q error, got %v", summaryAllExpired, findings)
				}
			case "error: validUntil in the past":
				if md != nil || !hasFinding(findings, SeverityError, summaryMetadataExpired) {
					t.Errorf("want the %q error, got %v", summaryMetadataExpired, findings)
				}
			default:
				t.Fatalf("as_of_2026_11_26 value %q is unknown to this test", row.asOf)
			}
		})
	}
}

// TestEntra1NegativeSerial covers the Azure AD certificate with a negative
// serial number, which crypto/x509 refuses by default. The expected values
// come from `openssl x509 -fingerprint -sha256 -serial` on the certificate.
func TestEntra1NegativeSerial(t *testing.T) {
	md, findings := Parse(readFixture(t, "entra-1.xml"), Options{Now: time.Date(2014, 3, 1, 0, 0, 0, 0, time.UTC)})
	if md == nil {
		t.Fatalf("Parse: %v", findings)
	}
	const (
		fingerprint = "e4:30:df:ea:6a:94:4c:ae:9e:63:b1:99:f5:c5:ce:3f:5a:19:22:06:30:27:0a:06:e9:4a:9b:5a:a5:8c:06:e1"
		serialHex   = "-4EE7732DC7A1EA67B56C70A7F0BB752B"
	)
	i := slices.IndexFunc(md.Certificates, func(c Certificate) bool { return c.SHA256Fingerprint == fingerprint })
	if i < 0 {
		t.Fatalf("no certificate with fingerprint %s among %d", fingerprint, len(md.Certificates))
	}
	c := md.Certificates[i]
	want, ok := new(big.Int).SetString(serialHex, 16)
	if !ok {
		t.Fatal("bad serial constant")
	}
	if c.SerialNumber != want.String() || c.Raw.SerialNumber.Cmp(want) != 0 {
		t.Errorf("SerialNumber = %s (Raw %s), want %s", c.SerialNumber, c.Raw.SerialNumber, want)
	}
	if !bytes.HasPrefix(c.Raw.Raw[4:], c.Raw.RawTBSCertificate) {
		t.Errorf("RawTBSCertificate is not the original TBSCertificate of Raw")
	}
	if c.Subject != "CN=accounts.accesscontrol.windows.net" || c.SignatureAlgorithm != "SHA1withRSA" {
		t.Errorf("Subject %q, SignatureAlgorithm %q", c.Subject, c.SignatureAlgorithm)
	}
}
