package samlmeta

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// The fuzz targets assert properties a caller relies on, not only the
// absence of panics. `make fuzz` runs each for a set time; inputs that once
// failed live in testdata/fuzz/<Target>/ and run with every `go test`.

// addSeeds gives the document fuzzers the real fixtures, a generated valid
// document and a few hostile shapes to start from.
func addSeeds(f *testing.F) {
	for _, name := range fixtureNames(f) {
		f.Add(readFixture(f, name))
	}
	// A valid generated document, with a fixture's certificate: generating
	// a key in every fuzz worker is slow under coverage instrumentation.
	md, findings := Parse(readFixture(f, "auth0-1.xml"), Options{Now: testNow})
	if md == nil {
		f.Fatalf("auth0-1.xml: %v", findings)
	}
	key := keyDescriptor("signing", md.Certificates[0].Raw.Raw)
	f.Add([]byte(single(f, entitySpec{keys: key})))
	f.Add([]byte(group(` validUntil="2030-01-01T00:00:00Z"`, entitySpec{entityID: "https://a", keys: key}.xml(f), entitySpec{entityID: "https://b", spOnly: true}.xml(f))))
	for _, s := range []string{
		"",
		"<r/>",
		`<!DOCTYPE r [<!ENTITY e "x">]><r>&e;</r>`,
		`<r xmlns:x="urn:t" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="x:T">a<b/>c</r>`,
		"\xEF\xBB\xBF<r>\r\n<![CDATA[x]]></r>",
		`<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="e"><IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/></EntityDescriptor>`,
	} {
		f.Add([]byte(s))
	}
}

// FuzzCanonicalize: no input may panic, and a canonical form must be
// stable, well-formed and equivalent to the document it came from.
func FuzzCanonicalize(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, doc []byte) {
		once, err := Canonicalize(doc)
		if err != nil {
			if Equivalent(doc, doc) {
				t.Fatalf("a document that does not canonicalize (%v) is equivalent to itself: a broken document would hide a change", err)
			}
			return
		}
		twice, err := Canonicalize(once)
		if err != nil {
			t.Fatalf("the canonical form does not canonicalize: %v\n%s", err, once)
		}
		if !bytes.Equal(once, twice) {
			t.Fatalf("the canonical form is not stable:\n%s", firstDifference(once, twice))
		}
		if !Equivalent(doc, doc) || !Equivalent(doc, once) || !Equivalent(once, doc) {
			t.Fatalf("a document is not equivalent to itself or to its canonical form")
		}
	})
}

// FuzzParse: no input may panic, metadata comes exactly without errors,
// metadata always has what the provider relies on, its certificates read
// the same on their own, and the canonical form of a document means the
// same metadata (the resource compares documents by canonical form, so
// two documents it treats as equal must configure the same IdP).
func FuzzParse(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, doc []byte) {
		md, findings := Parse(doc, Options{Now: testNow})
		checkFindings := func(findings []Finding) {
			t.Helper()
			if (md == nil) != HasErrors(findings) {
				t.Fatalf("metadata nil = %v, HasErrors = %v", md == nil, HasErrors(findings))
			}
			for _, fd := range findings {
				if fd.Summary == "" || fd.Detail == "" {
					t.Fatalf("finding without summary or detail: %+v", fd)
				}
			}
		}
		checkFindings(findings)
		if md != nil {
			if md.EntityID == "" || md.LoginURL == "" || len(md.Certificates) == 0 {
				t.Fatalf("accepted metadata lacks entity ID, login URL or certificate: %+v", md)
			}
			if !slices.Contains(slices.Collect(maps.Values(md.SSOURLs)), md.LoginURL) {
				t.Fatalf("login URL %q is none of the SSO URLs %v", md.LoginURL, md.SSOURLs)
			}
			for _, c := range md.Certificates {
				checkCertificate(t, &c)
				// At its own NotAfter a certificate is neither expired
				// nor, whatever else it is, unreadable.
				alone, fs := ParseCertificate(c.PEM, c.NotAfter)
				if alone == nil {
					t.Fatalf("certificate %s of accepted metadata does not read on its own: %+v", c.SHA256Fingerprint, fs)
				}
				if alone.SHA256Fingerprint != c.SHA256Fingerprint || alone.Subject != c.Subject || alone.SerialNumber != c.SerialNumber {
					t.Fatalf("certificate reads differently on its own: %+v, in metadata %+v", alone, c)
				}
			}
		}

		canonical, err := Canonicalize(doc)
		if err != nil {
			if md != nil {
				t.Fatalf("accepted metadata does not canonicalize: %v", err)
			}
			return
		}
		cmd, cfindings := Parse(canonical, Options{Now: testNow})
		if got, want := findingKinds(cfindings), findingKinds(findings); !slices.Equal(got, want) {
			t.Fatalf("the canonical form has findings %q, the document %q", got, want)
		}
		if (cmd == nil) != (md == nil) {
			t.Fatalf("the canonical form parses = %v, the document = %v", cmd != nil, md != nil)
		}
		if md != nil && metadataFacts(cmd) != metadataFacts(md) {
			t.Fatalf("the canonical form means other metadata:\n%s\nthe document:\n%s", metadataFacts(cmd), metadataFacts(md))
		}
	})
}

// findingKinds lists severity and summary of each finding, sorted: details
// quote line numbers, which canonicalizing changes.
func findingKinds(findings []Finding) []string {
	kinds := make([]string, 0, len(findings))
	for _, fd := range findings {
		kinds = append(kinds, fd.Severity.String()+": "+fd.Summary)
	}
	slices.Sort(kinds)
	return kinds
}

// metadataFacts is everything Metadata says, as comparable text.
func metadataFacts(md *Metadata) string {
	var b strings.Builder
	b.WriteString("entity " + md.EntityID + "\nlogin " + md.LoginURL + "\n")
	for _, k := range slices.Sorted(maps.Keys(md.SSOURLs)) {
		b.WriteString("sso " + k + " " + md.SSOURLs[k] + "\n")
	}
	for _, c := range md.Certificates {
		b.WriteString("cert " + c.SHA256Fingerprint + "\n")
	}
	if md.ValidUntil != nil {
		b.WriteString("validUntil " + md.ValidUntil.Format(time.RFC3339Nano) + "\n")
	}
	if md.UsesSHA1 {
		b.WriteString("sha1\n")
	}
	return b.String()
}

// checkCertificate asserts the facts a Certificate promises about itself.
func checkCertificate(t *testing.T, c *Certificate) {
	t.Helper()
	if c.Raw == nil {
		t.Fatalf("certificate without Raw: %+v", c)
	}
	sum := sha256.Sum256(c.Raw.Raw)
	pairs := make([]string, len(sum))
	for i, b := range sum {
		pairs[i] = hex.EncodeToString([]byte{b})
	}
	if want := strings.Join(pairs, ":"); c.SHA256Fingerprint != want {
		t.Fatalf("fingerprint %s, SHA-256 of the DER bytes is %s", c.SHA256Fingerprint, want)
	}
	block, rest := pem.Decode([]byte(c.PEM))
	if block == nil || block.Type != "CERTIFICATE" || len(rest) != 0 || !bytes.Equal(block.Bytes, c.Raw.Raw) {
		t.Fatalf("PEM is not exactly one CERTIFICATE block of the DER bytes:\n%s", c.PEM)
	}
	for line := range strings.Lines(c.PEM) {
		if len(strings.TrimSuffix(line, "\n")) > 64 || !strings.HasSuffix(line, "\n") {
			t.Fatalf("PEM line %q is longer than 64 characters or unterminated", line)
		}
	}
	if c.NotBefore.Location() != time.UTC || c.NotAfter.Location() != time.UTC {
		t.Fatalf("validity times are not UTC: %v, %v", c.NotBefore, c.NotAfter)
	}
}

// x509Text finds the text of ds:X509Certificate elements by any prefix.
var x509Text = regexp.MustCompile(`<(?:[A-Za-z0-9_.-]+:)?X509Certificate>([^<]*)<`)

// FuzzParseCertificate: no input may panic; a certificate comes exactly
// without error findings; an accepted certificate's PEM is canonical and
// reads back to the same certificate, as does the bare base64 of its DER
// bytes; and a private key pasted by mistake never reaches a message.
func FuzzParseCertificate(f *testing.F) {
	for _, name := range fixtureNames(f) {
		for _, m := range x509Text.FindAllSubmatch(readFixture(f, name), -1) {
			text := string(m[1])
			f.Add(text, int64(0))
			der, err := base64.StdEncoding.DecodeString(strings.Map(dropSpace, text))
			if err == nil {
				f.Add(string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})), int64(-400*24*3600))
			}
		}
	}
	for _, s := range []string{
		"",
		"hello, world",
		"-----BEGIN CERTIFICATE-----\nMIIB\n",
		"-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1tYXRlcmlhbA==\n-----END PRIVATE KEY-----\n",
		// The API reference's example values: truncated, and one with a
		// stray "n" where a newline was lost.
		"nMIIBtjCCAVugAwIBAgITBmyf1XSXNmY*****",
		"MIIC8DCCAdigAwIBAgIQP9eomUYGeoND****",
	} {
		f.Add(s, int64(0))
	}
	f.Fuzz(func(t *testing.T, s string, offset int64) {
		now := testNow.Add(time.Duration(offset) * time.Second)
		c, findings := ParseCertificate(s, now)
		if (c == nil) != HasErrors(findings) {
			t.Fatalf("certificate nil = %v, HasErrors = %v: %+v", c == nil, HasErrors(findings), findings)
		}
		for _, fd := range findings {
			if fd.Summary == "" || fd.Detail == "" {
				t.Fatalf("finding without summary or detail: %+v", fd)
			}
		}
		if c != nil {
			checkCertificate(t, c)
			if now.After(c.NotAfter) {
				t.Fatalf("certificate that expired on %s accepted at %s", c.NotAfter, now)
			}
			for _, again := range []string{c.PEM, base64.StdEncoding.EncodeToString(c.Raw.Raw)} {
				c2, _ := ParseCertificate(again, now)
				if c2 == nil || c2.PEM != c.PEM || c2.Subject != c.Subject || c2.Issuer != c.Issuer || c2.SerialNumber != c.SerialNumber {
					t.Fatalf("the certificate does not read back the same from %q: %+v", again, c2)
				}
			}
		}

		// The fuzzed bytes as the body of a private key pasted after a
		// certificate: the answer is an error that never quotes the key.
		if len(s) < 8 {
			return
		}
		key := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: []byte(s)})
		body := base64.StdEncoding.EncodeToString([]byte(s))
		kc, kfindings := ParseCertificate(string(key), now)
		if kc != nil || !HasErrors(kfindings) {
			t.Fatalf("a private key was accepted as a certificate")
		}
		for _, fd := range kfindings {
			if strings.Contains(fd.Detail, body[:8]) {
				t.Fatalf("a finding quotes the private key: %s", fd.Detail)
			}
		}
	})
}

// FuzzDecodeEncodedDocument: no input may panic; whatever decodes is an XML
// document; and every way the API and IdP consoles encode a document
// (both base64 alphabets, with or without padding, wrapped, URL-encoded
// first, with a byte order mark) decodes back to exactly that document.
func FuzzDecodeEncodedDocument(f *testing.F) {
	for _, name := range fixtureNames(f) {
		doc := readFixture(f, name)
		f.Add(base64.StdEncoding.EncodeToString(doc))
		f.Add(base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(string(doc)))))
	}
	for _, s := range []string{
		"",
		" \n",
		"<r/>",
		"PD94+-_/",
		"not*base64",
		base64.StdEncoding.EncodeToString([]byte("%3Cr%ZZ")),
		base64.URLEncoding.EncodeToString([]byte(`<a b="?>?>"/>`)),
		// The API reference's examples: base64 of URL-encoded XML and of
		// raw XML, both truncated with asterisks.
		"JTNDJTNGeG1sJTIwdmVyc2lvbiUzRCUyMjEuMCUyMiUyMGVuY29kaW5******",
		"PD94bWwgdmVyc2lvbj0iMS4wIj8+CjxFbnRpdHlEZXNjcmlwdG9yIHhtbG5zPSJ1cm46b2FzaXM6bmFtZXM6dGM6U0FNTDoydpbi5jb20vc2FtbC9tZXRhZGF0YS8xN2NkYjEyOC03N**********",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := DecodeEncodedDocument(s)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "decode metadata: ") {
				t.Fatalf("error does not say what failed: %v", err)
			}
		} else if start := bytes.TrimLeft(bytes.TrimPrefix(got, utf8BOM), xmlSpace); len(start) == 0 || start[0] != '<' {
			t.Fatalf("decoded %q, which does not start with '<'", got)
		}

		doc := "<" + s
		std := base64.StdEncoding.EncodeToString([]byte(doc))
		var wrapped strings.Builder
		for i := 0; i < len(std); i += 76 {
			wrapped.WriteString(std[i:min(i+76, len(std))] + "\r\n")
		}
		for _, tc := range []struct{ how, encoded, want string }{
			{"standard", std, doc},
			{"standard unpadded", base64.RawStdEncoding.EncodeToString([]byte(doc)), doc},
			{"URL-safe", base64.URLEncoding.EncodeToString([]byte(doc)), doc},
			{"URL-safe unpadded", base64.RawURLEncoding.EncodeToString([]byte(doc)), doc},
			{"wrapped", "\t" + wrapped.String(), doc},
			{"URL-encoded first", base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(doc))), doc},
			{"byte order mark", base64.StdEncoding.EncodeToString([]byte("\uFEFF" + doc)), "\uFEFF" + doc},
		} {
			got, err := DecodeEncodedDocument(tc.encoded)
			if err != nil || string(got) != tc.want {
				t.Fatalf("%s: decoding %q gives %q, %v; want %q", tc.how, tc.encoded, got, err, tc.want)
			}
		}
	})
}
