package samlmeta

import (
	"bytes"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseCertificate(t *testing.T) {
	valid := makeCert(t, certSpec{cn: "manual.example.com"})
	expired := makeCert(t, certSpec{cn: "old.example.com", notBefore: testNow.AddDate(-2, 0, 0), notAfter: testNow.AddDate(0, -1, 0)})
	soon := makeCert(t, certSpec{cn: "soon.example.com", notAfter: testNow.Add(10*24*time.Hour + time.Hour)})
	future := makeCert(t, certSpec{cn: "future.example.com", notBefore: testNow.AddDate(0, 0, 1)})
	sha1Cert := makeCert(t, certSpec{cn: "sha1.example.com", alg: x509.SHA1WithRSA})
	pemOf := func(der []byte) string {
		return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
	}
	b64 := base64.StdEncoding.EncodeToString(valid)

	cases := []struct {
		name    string
		input   string
		want    []string // "severity: Summary", any order
		phrases []string
		subject string // of the certificate, when one is returned
	}{
		{name: "PEM", input: pemOf(valid), subject: "CN=manual.example.com,O=Example IdP"},
		{name: "PEM with CRLF and surrounding text", input: "issuer says:\r\n" + strings.ReplaceAll(pemOf(valid), "\n", "\r\n") + "\r\n", subject: "CN=manual.example.com,O=Example IdP"},
		{name: "bare base64", input: b64, subject: "CN=manual.example.com,O=Example IdP"},
		{name: "bare base64 wrapped, indented, without padding", input: "  " + wrapped(valid)[:40] + "\n\t" + strings.TrimRight(wrapped(valid)[40:], "= \n"), subject: "CN=manual.example.com,O=Example IdP"},
		{name: "non-breaking spaces from a web console", input: b64[:20] + "\u00a0" + b64[20:], subject: "CN=manual.example.com,O=Example IdP"},
		{
			name:    "chain in PEM",
			input:   pemOf(valid) + pemOf(expired),
			want:    []string{"warning: " + summaryIgnoredKey},
			phrases: []string{"holds 2 certificates; only the first is used"},
			subject: "CN=manual.example.com,O=Example IdP",
		},
		{name: "expired", input: pemOf(expired), want: []string{"error: " + summaryCertExpired}, phrases: []string{"CN=old.example.com", "expired on"}},
		{name: "expiring soon", input: pemOf(soon), want: []string{"warning: " + summaryCertExpiring}, phrases: []string{"in 10 days"}, subject: "CN=soon.example.com,O=Example IdP"},
		{name: "not valid yet", input: pemOf(future), want: []string{"warning: " + summaryCertNotYetValid}, subject: "CN=future.example.com,O=Example IdP"},
		{name: "SHA-1", input: pemOf(sha1Cert), want: []string{"warning: " + summarySHA1}, phrases: []string{"SHA1withRSA", "SHA-256"}, subject: "CN=sha1.example.com,O=Example IdP"},
		{name: "empty", input: " \n ", want: []string{"error: " + summaryBadCertificate}, phrases: []string{"is empty"}},
		{name: "not base64", input: "hello, world", want: []string{"error: " + summaryBadCertificate}, phrases: []string{"neither PEM", "base64"}},
		{name: "base64 but not a certificate", input: base64.StdEncoding.EncodeToString([]byte("not a certificate")), want: []string{"error: " + summaryBadCertificate}, phrases: []string{"not a valid X.509 certificate"}},
		{name: "damaged PEM", input: "-----BEGIN CERTIFICATE-----\nMIIB\n", want: []string{"error: " + summaryBadCertificate}, phrases: []string{"no CERTIFICATE block"}},
		{
			name:    "private key",
			input:   "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1tYXRlcmlhbA==\n-----END PRIVATE KEY-----\n",
			want:    []string{"error: " + summaryBadCertificate},
			phrases: []string{"private key, not a certificate"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, findings := ParseCertificate(tc.input, testNow)
			checkFindings(t, findings, tc.want, tc.phrases)
			if (c == nil) != HasErrors(findings) {
				t.Fatalf("certificate nil = %v, HasErrors = %v", c == nil, HasErrors(findings))
			}
			// ReadCertificate judges no dates: it reads an expired certificate too.
			read, readFindings := ReadCertificate(tc.input)
			if want := clockFree(findings); !slices.Equal(readFindings, want) {
				t.Errorf("ReadCertificate findings %v, want the clock-free findings of ParseCertificate %v", readFindings, want)
			}
			if (read == nil) != HasErrors(readFindings) || (c != nil && (read == nil || read.SHA256Fingerprint != c.SHA256Fingerprint)) {
				t.Errorf("ReadCertificate gave %+v with findings %v; ParseCertificate %+v", read, readFindings, c)
			}
			for _, f := range findings {
				if strings.Contains(f.Detail, "c2VjcmV0") {
					t.Errorf("a finding quotes the pasted key material: %q", f.Detail)
				}
			}
			if c == nil {
				return
			}
			if c.Subject != tc.subject {
				t.Errorf("Subject %q, want %q", c.Subject, tc.subject)
			}
			checkCertificateFields(t, c)
			block, _ := pem.Decode([]byte(c.PEM))
			if block == nil || !strings.HasSuffix(c.PEM, "-----END CERTIFICATE-----\n") {
				t.Fatalf("PEM %q is not one normalized block", c.PEM)
			}
			for line := range strings.Lines(c.PEM) {
				if len(line) > 65 {
					t.Errorf("PEM line longer than 64 characters: %q", line)
				}
			}
		})
	}
}

// clockFree keeps the findings that do not depend on the clock, in order.
func clockFree(findings []Finding) []Finding {
	return slices.DeleteFunc(slices.Clone(findings), Finding.DependsOnClock)
}

// TestParseCertificateMatchesMetadata checks that the manual mode and the
// metadata agree on a real certificate: the fixture's fingerprint matches
// the one `openssl x509 -fingerprint -sha256` prints for it.
func TestParseCertificateMatchesMetadata(t *testing.T) {
	md, findings := Parse(readFixture(t, "auth0-1.xml"), Options{Now: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)})
	if md == nil {
		t.Fatalf("Parse: %v", findings)
	}
	from := md.Certificates[0]
	const want = "9c:c8:d2:b1:3e:ed:47:f6:59:4e:40:a5:e6:68:6a:b0:cc:9f:1b:69:33:ad:48:42:15:44:a5:e8:10:a5:49:dd"
	if from.SHA256Fingerprint != want {
		t.Errorf("fingerprint %s, want %s", from.SHA256Fingerprint, want)
	}
	c, findings := ParseCertificate(from.PEM, time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC))
	if c == nil || len(findings) != 0 {
		t.Fatalf("ParseCertificate(PEM from metadata): %v", findings)
	}
	if c.SHA256Fingerprint != want || c.SerialNumber != from.SerialNumber || !c.NotAfter.Equal(from.NotAfter) || !bytes.Equal(c.Raw.Raw, from.Raw.Raw) {
		t.Errorf("manual certificate %+v differs from the metadata's %+v", c, from)
	}
}
