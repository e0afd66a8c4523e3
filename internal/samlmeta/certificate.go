package samlmeta

import (
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"
	"unicode"
)

// defaultExpiryWarning is how long before a certificate or the metadata
// expires the package starts warning, when the caller does not say.
const defaultExpiryWarning = 30 * 24 * time.Hour

// Certificate is an IdP signing certificate with the facts users compare
// against their IdP's console.
type Certificate struct {
	// PEM is the certificate re-encoded as one PEM block with 64-character
	// lines and a final newline, however the input was wrapped.
	PEM string
	// SHA256Fingerprint is the SHA-256 of the DER bytes as lowercase hex
	// pairs joined by colons, like `openssl x509 -fingerprint -sha256`
	// prints it (lowercased).
	SHA256Fingerprint string
	// Subject and Issuer are distinguished names in RFC 2253 order
	// (most specific first), e.g. "CN=Google,O=Google Inc.,C=US".
	Subject, Issuer string
	// SerialNumber is the serial number in decimal.
	SerialNumber        string
	NotBefore, NotAfter time.Time
	// SignatureAlgorithm names the algorithm the certificate is signed
	// with as Identity Center reports it for stored certificates
	// (ListExternalSAMLIdPCertificates), in Java's names: "SHA256withRSA",
	// "SHA256withECDSA", "RSASSA-PSS", "Ed25519". The legacy OIW OID
	// 1.3.14.3.2.29 that old AD FS and Azure AD certificates use reads as
	// "SHA1withRSA"; an algorithm without a name is given by its OID.
	SignatureAlgorithm string
	Raw                *x509.Certificate
}

// newCertificate parses one DER certificate. crypto/x509 refuses a few
// certificates that old IdPs issued; the errors say what to do about them.
func newCertificate(der []byte) (*Certificate, error) {
	c, err := x509.ParseCertificate(der)
	if err != nil && strings.Contains(err.Error(), "negative serial number") {
		c, err = parseNegativeSerial(der)
	}
	if err != nil {
		return nil, fmt.Errorf("not a valid X.509 certificate: %w", err)
	}
	sum := sha256.Sum256(c.Raw)
	pairs := make([]string, len(sum))
	for i, b := range sum {
		pairs[i] = hex.EncodeToString([]byte{b})
	}
	return &Certificate{
		PEM:                string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})),
		SHA256Fingerprint:  strings.Join(pairs, ":"),
		Subject:            c.Subject.String(),
		Issuer:             c.Issuer.String(),
		SerialNumber:       c.SerialNumber.String(),
		NotBefore:          c.NotBefore.UTC(),
		NotAfter:           c.NotAfter.UTC(),
		SignatureAlgorithm: signatureAlgorithmName(c),
		Raw:                c,
	}, nil
}

// parseNegativeSerial parses a certificate whose serial number is negative.
// RFC 5280 forbids that and crypto/x509 refuses it by default, but Azure AD
// and AD FS issued such signing certificates for years, and a SAML signing
// certificate is trusted as a key, never verified as a chain, so the serial
// does not matter. The serial is made positive in a copy only to get past
// the parser; the result then gets the original bytes and serial back, so
// it is what crypto/x509 returns under GODEBUG=x509negativeserial=1.
func parseNegativeSerial(der []byte) (*x509.Certificate, error) {
	var outer struct {
		TBS    asn1.RawValue
		SigAlg asn1.RawValue
		Sig    asn1.RawValue
	}
	if rest, err := asn1.Unmarshal(der, &outer); err != nil || len(rest) > 0 {
		return nil, errors.New("malformed certificate")
	}
	fields := outer.TBS.Bytes
	var version, serial asn1.RawValue
	rest, err := asn1.Unmarshal(fields, &version)
	if err != nil {
		return nil, errors.New("malformed certificate")
	}
	serial = version
	prefix := []byte(nil)
	if version.Class == asn1.ClassContextSpecific && version.Tag == 0 {
		prefix = version.FullBytes
		if rest, err = asn1.Unmarshal(rest, &serial); err != nil {
			return nil, errors.New("malformed certificate")
		}
	}
	if serial.Tag != asn1.TagInteger || len(serial.Bytes) == 0 || serial.Bytes[0]&0x80 == 0 {
		return nil, errors.New("malformed serial number")
	}
	// Two's complement: the value is the unsigned reading minus 2^(8n).
	negative := new(big.Int).SetBytes(serial.Bytes)
	negative.Sub(negative, new(big.Int).Lsh(big.NewInt(1), uint(8*len(serial.Bytes))))

	positive, err := asn1.Marshal(asn1.RawValue{Tag: asn1.TagInteger, Bytes: append([]byte{0}, serial.Bytes...)})
	if err != nil {
		return nil, err
	}
	tbs, err := asn1.Marshal(asn1.RawValue{Tag: asn1.TagSequence, IsCompound: true, Bytes: slices.Concat(prefix, positive, rest)})
	if err != nil {
		return nil, err
	}
	patched, err := asn1.Marshal(asn1.RawValue{Tag: asn1.TagSequence, IsCompound: true, Bytes: slices.Concat(tbs, outer.SigAlg.FullBytes, outer.Sig.FullBytes)})
	if err != nil {
		return nil, err
	}
	c, err := x509.ParseCertificate(patched)
	if err != nil {
		return nil, err
	}
	c.Raw = der
	c.RawTBSCertificate = outer.TBS.FullBytes
	c.SerialNumber = negative
	return c, nil
}

// signatureAlgorithms are the Java names of signature algorithm OIDs: the
// vocabulary Identity Center (a Java service) uses for stored certificates, so
// that the saml_metadata function and the resource's certificates agree.
var signatureAlgorithms = map[string]string{
	"1.2.840.113549.1.1.2":   "MD2withRSA",
	"1.2.840.113549.1.1.4":   "MD5withRSA",
	"1.2.840.113549.1.1.5":   "SHA1withRSA",
	"1.3.14.3.2.29":          "SHA1withRSA",
	"1.2.840.113549.1.1.14":  "SHA224withRSA",
	"1.2.840.113549.1.1.11":  "SHA256withRSA",
	"1.2.840.113549.1.1.12":  "SHA384withRSA",
	"1.2.840.113549.1.1.13":  "SHA512withRSA",
	"1.2.840.113549.1.1.10":  "RSASSA-PSS",
	"1.2.840.10040.4.3":      "SHA1withDSA",
	"2.16.840.1.101.3.4.3.2": "SHA256withDSA",
	"1.2.840.10045.4.1":      "SHA1withECDSA",
	"1.2.840.10045.4.3.1":    "SHA224withECDSA",
	"1.2.840.10045.4.3.2":    "SHA256withECDSA",
	"1.2.840.10045.4.3.3":    "SHA384withECDSA",
	"1.2.840.10045.4.3.4":    "SHA512withECDSA",
	"1.3.101.112":            "Ed25519",
}

// signatureAlgorithmName names the certificate's outer signature algorithm
// (by OID, so that algorithms crypto/x509 does not know keep a name).
func signatureAlgorithmName(c *x509.Certificate) string {
	var outer struct {
		TBS    asn1.RawValue
		SigAlg pkix.AlgorithmIdentifier
		Sig    asn1.BitString
	}
	if _, err := asn1.Unmarshal(c.Raw, &outer); err != nil {
		return c.SignatureAlgorithm.String()
	}
	oid := outer.SigAlg.Algorithm.String()
	if name, ok := signatureAlgorithms[oid]; ok {
		return name
	}
	return oid
}

// usesSHA1 reports whether the certificate itself is signed with SHA-1.
// crypto/x509 reports the OIW OID 1.3.14.3.2.29 as SHA1WithRSA too.
func (c *Certificate) usesSHA1() bool {
	switch c.Raw.SignatureAlgorithm {
	case x509.SHA1WithRSA, x509.DSAWithSHA1, x509.ECDSAWithSHA1:
		return true
	}
	return false
}

// describe names the certificate the way a user can find it in the IdP's
// console.
func (c *Certificate) describe() string {
	return fmt.Sprintf("%q (SHA-256 fingerprint %s, valid %s to %s)", c.Subject, c.SHA256Fingerprint, stamp(c.NotBefore), stamp(c.NotAfter))
}

// decodeBase64 decodes base64 with whitespace already removed, with or
// without padding. Metadata always uses the standard alphabet.
func decodeBase64(s string) ([]byte, error) {
	if s == "" {
		return nil, errors.New("it is empty")
	}
	b, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "="))
	if err != nil {
		return nil, fmt.Errorf("it is not valid base64: %w", err)
	}
	return b, nil
}

// ParseCertificate reads one signing certificate given on its own, for
// configuring the IdP by entity ID, login URL and certificates instead of
// metadata. s is PEM (the first CERTIFICATE block is used) or the bare
// base64 of the DER bytes; whitespace anywhere is ignored. The findings say
// when the certificate is unreadable or expired (errors), or expires within
// 30 days, is not valid yet or is signed with SHA-1 (warnings). A zero now
// means the current time. The certificate is nil exactly when there is an
// error finding.
func ParseCertificate(s string, now time.Time) (*Certificate, []Finding) {
	if now.IsZero() {
		now = time.Now()
	}
	c, findings := readCertificate(s)
	if c == nil {
		return nil, findings
	}
	what := "The signing certificate " + c.describe()
	switch {
	case now.After(c.NotAfter):
		findings = append(findings, errorFinding(KindCertExpired, fmt.Sprintf("%s expired on %s. Identity Center cannot verify SAML responses signed with it. Create a new signing certificate in the IdP, make it the active one, and use it here.", what, stamp(c.NotAfter))))
	case c.NotAfter.Sub(now) < defaultExpiryWarning:
		findings = append(findings, warningFinding(KindCertExpiring, fmt.Sprintf("%s expires on %s, in %s. Roll it over in the IdP before then: create the next signing certificate, add it here beside this one, switch the IdP to it, then remove this one.", what, stamp(c.NotAfter), untilText(now, c.NotAfter))))
	}
	if now.Before(c.NotBefore) {
		findings = append(findings, warningFinding(KindCertNotYetValid, fmt.Sprintf("%s is not valid before %s. Sign-in with it fails until then; check that it is the certificate the IdP signs with now.", what, stamp(c.NotBefore))))
	}
	findings = append(findings, c.sha1Findings()...)
	if HasErrors(findings) {
		return nil, findings
	}
	return c, findings
}

// ReadCertificate reads a certificate as ParseCertificate does, without
// judging its validity period: the findings are only those that do not
// depend on the clock (an unreadable certificate, a chain of which only the
// first is used, SHA-1). It is for comparing certificates by fingerprint
// whatever their dates, and for checks that must give the same verdict on
// any day. The certificate is nil exactly when there is an error finding.
func ReadCertificate(s string) (*Certificate, []Finding) {
	c, findings := readCertificate(s)
	if c == nil {
		return nil, findings
	}
	return c, append(findings, c.sha1Findings()...)
}

// readCertificate parses a pasted certificate and reports only why it cannot
// be read, or that a chain was cut to its first certificate.
func readCertificate(s string) (*Certificate, []Finding) {
	der, findings := certificateDER(s)
	if der == nil {
		return nil, findings
	}
	c, err := newCertificate(der)
	if err != nil {
		return nil, append(findings, errorFinding(KindBadCertificate, fmt.Sprintf("The certificate cannot be read: %v. Copy the IdP's signing certificate again, in PEM (-----BEGIN CERTIFICATE-----) or as its base64 text.", err)))
	}
	return c, findings
}

func (c *Certificate) sha1Findings() []Finding {
	if !c.usesSHA1() {
		return nil
	}
	return []Finding{warningFinding(KindSHA1, fmt.Sprintf("The signing certificate %s is signed with %s. %s", c.describe(), c.SignatureAlgorithm, sha1Advice))}
}

// certificateDER finds the DER bytes in a pasted certificate.
func certificateDER(s string) ([]byte, []Finding) {
	bad := func(detail string) ([]byte, []Finding) {
		return nil, []Finding{errorFinding(KindBadCertificate, detail)}
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return bad("The certificate is empty. Paste the IdP's signing certificate, in PEM (-----BEGIN CERTIFICATE-----) or as its base64 text.")
	}
	if !strings.Contains(s, "-----BEGIN") {
		der, err := decodeBase64(strings.Map(dropSpace, s))
		if err != nil {
			return bad(fmt.Sprintf("The certificate is neither PEM (-----BEGIN CERTIFICATE-----) nor base64: %v. Copy the IdP's signing certificate again.", err))
		}
		return der, nil
	}
	var certs [][]byte
	rest := []byte(s)
	for {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		switch {
		case block.Type == "CERTIFICATE":
			certs = append(certs, block.Bytes)
		case strings.Contains(block.Type, "PRIVATE KEY"):
			// The key itself never goes into the message.
			return bad("This is a private key, not a certificate. Never paste a private key here: Identity Center only needs the IdP's signing certificate (-----BEGIN CERTIFICATE-----), which the IdP publishes.")
		}
	}
	switch len(certs) {
	case 0:
		return bad("The PEM text holds no CERTIFICATE block (or its BEGIN/END lines are damaged). Copy the IdP's signing certificate again, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----.")
	case 1:
		return certs[0], nil
	default:
		return certs[0], []Finding{warningFinding(KindIgnoredKey, fmt.Sprintf("The PEM text holds %d certificates; only the first is used, as the signing certificate (the others look like its issuing chain, which Identity Center does not need). To trust several signing certificates during a rollover, give each one separately.", len(certs)))}
	}
}

// dropSpace removes any Unicode whitespace: pasted certificates pick up
// non-breaking spaces and the like from web consoles and documents.
func dropSpace(r rune) rune {
	if unicode.IsSpace(r) {
		return -1
	}
	return r
}

// untilText says how far away t is, in days or hours.
func untilText(now, t time.Time) string {
	d := t.Sub(now)
	if d >= 48*time.Hour {
		return fmt.Sprintf("%d days", int(d/(24*time.Hour)))
	}
	return fmt.Sprintf("%d hours", max(int(d/time.Hour), 0))
}
