package idcsim

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"time"
)

// rawCertificate is the outer structure of an X.509 certificate (RFC 5280 §4.1), read with
// encoding/asn1 so that certificates Go's x509 package refuses for policy reasons can still be
// described.
type rawCertificate struct {
	TBS struct {
		Version      int `asn1:"optional,explicit,default:0,tag:0"`
		SerialNumber *big.Int
		Signature    pkix.AlgorithmIdentifier
		Issuer       asn1.RawValue
		Validity     struct {
			NotBefore, NotAfter time.Time
		}
		Subject   asn1.RawValue
		PublicKey asn1.RawValue
	}
	SignatureAlgorithm pkix.AlgorithmIdentifier
	Signature          asn1.BitString
}

func parseRawCertificate(der []byte) (*rawCertificate, error) {
	var c rawCertificate
	rest, err := asn1.Unmarshal(der, &c)
	if err != nil {
		return nil, err
	}
	if len(rest) > 0 {
		return nil, errors.New("trailing data after the certificate")
	}
	return &c, nil
}

// checkCertificate accepts what Go's x509 parser accepts, plus certificates whose only fault is a
// negative serial number: Go refuses those since 1.23, but older AD FS and Entra ID signing
// certificates have them (entra-1 in testdata) and Java-based services accept them.
func checkCertificate(der []byte) error {
	_, err := x509.ParseCertificate(der)
	if err == nil {
		return nil
	}
	raw, rawErr := parseRawCertificate(der)
	if rawErr != nil || raw.TBS.SerialNumber == nil || raw.TBS.SerialNumber.Sign() >= 0 {
		return err
	}
	return nil
}

// samlIdPCertificate is one item of ListExternalSAMLIdPCertificates.
type samlIdPCertificate struct {
	SerialNumber       string
	Issuer             string
	Version            int
	CertificateId      string
	PublicKey          string
	SignatureAlgorithm string
	NotAfter           string
	NotBefore          string
	Subject            string
	X509Certificate    string
}

// describeCertificate fills the list item from the certificate: the serial number in decimal,
// DNs in RFC 2253 form (most specific first, unknown attributes as OID=#hex), the signature
// algorithm in Java's naming as in Tencent's example, the public key as base64 DER.
func describeCertificate(c idpCertificate) samlIdPCertificate {
	item := samlIdPCertificate{
		CertificateId:   c.CertificateId,
		X509Certificate: string(pem.EncodeToMemory(&pem.Block{Type: pemCertHeader, Bytes: c.DER})),
	}
	raw, err := parseRawCertificate(c.DER)
	if err != nil { // stored certificates were checked when they were added
		return item
	}
	item.SerialNumber = raw.TBS.SerialNumber.String()
	item.Issuer = rfc2253(raw.TBS.Issuer.FullBytes)
	item.Version = raw.TBS.Version + 1
	item.PublicKey = base64.StdEncoding.EncodeToString(raw.TBS.PublicKey.FullBytes)
	item.SignatureAlgorithm = javaSignatureAlgorithm(raw.SignatureAlgorithm.Algorithm)
	item.NotAfter = apiTime(raw.TBS.Validity.NotAfter)
	item.NotBefore = apiTime(raw.TBS.Validity.NotBefore)
	item.Subject = rfc2253(raw.TBS.Subject.FullBytes)
	return item
}

func rfc2253(rawName []byte) string {
	var rdns pkix.RDNSequence
	if _, err := asn1.Unmarshal(rawName, &rdns); err != nil {
		return ""
	}
	return rdns.String()
}

// javaSignatureAlgorithms maps signature algorithm OIDs to the names Java gives them.
var javaSignatureAlgorithms = map[string]string{
	"1.2.840.113549.1.1.2":   "MD2withRSA",
	"1.2.840.113549.1.1.4":   "MD5withRSA",
	"1.2.840.113549.1.1.5":   "SHA1withRSA",
	"1.3.14.3.2.29":          "SHA1withRSA", // the legacy OIW OID
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

// javaSignatureAlgorithm names an algorithm as Java does; unknown ones are given by OID.
func javaSignatureAlgorithm(oid asn1.ObjectIdentifier) string {
	if name, ok := javaSignatureAlgorithms[oid.String()]; ok {
		return name
	}
	return fmt.Sprint(oid)
}
