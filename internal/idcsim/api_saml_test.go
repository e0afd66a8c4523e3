package idcsim

import (
	"crypto/x509"
	"encoding/base64"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// mimeBase64 wraps base64 at 76 characters with CRLF, as MIME encoders do.
func mimeBase64(b []byte) string {
	s := base64.StdEncoding.EncodeToString(b)
	var out strings.Builder
	for len(s) > 76 {
		out.WriteString(s[:76] + "\r\n")
		s = s[76:]
	}
	out.WriteString(s)
	return out.String()
}

// TestIdPMetadataFixtures runs real IdP metadata documents through the upload path, in the three
// encodings a client may use: base64 of the XML, the same with line breaks, base64 of URL-encoded
// XML (Tencent's example).
func TestIdPMetadataFixtures(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		file     string
		entityID string
		loginURL string
		certs    int
		code     string
	}{
		{file: "okta-1.xml", entityID: "http://www.okta.com/exkppsa1qwuFV4D7z0h7", loginURL: "https://dev-513394.oktapreview.com/app/rstudioincdev513394_dev_1/exkppsa1qwuFV4D7z0h7/sso/saml", certs: 1},
		{file: "okta-2.xml", code: codeMetadataCosParsingFailed}, // KeyInfo not in the XML-DSig namespace
		{file: "onelogin-1.xml", entityID: "https://app.onelogin.com/saml/metadata/503983", loginURL: "https://app.onelogin.com/trust/saml2/http-post/sso/503983", certs: 1},
		{file: "onelogin-2.xml", entityID: "https://idp.examle.com/saml/metadata", loginURL: "https://idp.examle.com/saml/sso", certs: 2},
		{file: "google-1.xml", entityID: "https://accounts.google.com/o/saml2?idpid=C02dfl1r1", loginURL: "https://accounts.google.com/o/saml2/idp?idpid=C02dfl1r1", certs: 1},
		{file: "google-2.xml", code: codeMetadataCosParsingFailed}, // elements in no namespace
		{file: "entra-1.xml", entityID: "https://sts.windows.net/4afbc689-805b-48cf-a24c-d4aa3248a248/", loginURL: "https://login.windows.net/4afbc689-805b-48cf-a24c-d4aa3248a248/saml2", certs: 2},
		{file: "adfs-1.xml", entityID: "http://fs.msidlab11.com/adfs/services/trust", loginURL: "https://fs.msidlab11.com/adfs/ls/", certs: 1},
		{file: "adfs-2.xml", entityID: "http://idp.adfs.example.com/adfs/services/trust", loginURL: "https://idp.adfs.example.com/adfs/ls/", certs: 1},
		{file: "shibboleth-1.xml", entityID: "https://idp.testshib.org/idp/shibboleth", loginURL: "https://idp.testshib.org/idp/profile/SAML2/Redirect/SSO", certs: 1},
		{file: "shibboleth-2.xml", entityID: "https://samltest.id/saml/idp", loginURL: "https://samltest.id/idp/profile/SAML2/Redirect/SSO", certs: 2},
		{file: "auth0-1.xml", entityID: "urn:dev-tyj7qyzz.auth0.com", loginURL: "https://dev-tyj7qyzz.auth0.com/samlp/AX3jRN4ECnojiEepVjvM7yVCEcpVX6w6", certs: 1},
		{file: "simplesamlphp-1.xml", entityID: "https://idp-saml.ua3.int/simplesaml/saml2/idp/metadata.php", loginURL: "https://idp-saml.ua3.int/simplesaml/saml2/idp/SSOService.php", certs: 1},
		{file: "pysaml2-1.xml", entityID: "urn:mace:example.com:saml:roland:idp", loginURL: "http://localhost:8088/sso", certs: 1},
		{file: "samlify-1.xml", code: codeMetadataCosParsingFailed}, // KeyInfo in the metadata namespace
		{file: "vmware-1.xml", entityID: "https://win2012-sso2.localdomain:7444/websso/SAML2/Metadata/vsphere.local", loginURL: "https://win2012-sso2.localdomain:7444/websso/SAML2/SSO/vsphere.local", certs: 1},
	} {
		t.Run(tc.file, func(t *testing.T) {
			doc, err := os.ReadFile(filepath.Join("testdata", "saml-idp-metadata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			for name, encoded := range map[string]string{
				"base64":             base64.StdEncoding.EncodeToString(doc),
				"mime base64":        mimeBase64(doc),
				"url-encoded base64": base64.StdEncoding.EncodeToString([]byte(encodeURIComponent(string(doc)))),
			} {
				md, aerr := decodeIdPMetadata(encoded)
				if tc.code != "" {
					if codeOf(aerr) != tc.code {
						t.Fatalf("%s: got %v, want %s", name, aerr, tc.code)
					}
					continue
				}
				if aerr != nil {
					t.Fatalf("%s: %v", name, aerr)
				}
				if md.EntityID != tc.entityID || md.LoginURL != tc.loginURL || len(md.Certificates) != tc.certs {
					t.Fatalf("%s: got %s %s %d certificates", name, md.EntityID, md.LoginURL, len(md.Certificates))
				}
				if string(md.XML) != strings.TrimPrefix(string(doc), utf8BOM) {
					t.Fatalf("%s: stored document differs from the uploaded XML", name)
				}
			}
		})
	}
}

func TestIdPMetadataErrors(t *testing.T) {
	t.Parallel()
	cert := testCert(t, "idp", false)
	encode := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	for _, tc := range []struct {
		name, encoded, want string
	}{
		{"not base64", "PD94bWwg***", codeDecodeMetadataDocumentFailed},
		{"bad URL encoding", encode("%3C%ZZ"), codeDecodeMetadataDocumentFailed},
		{"not XML", encode("hello"), codeXMLDataUnmarshalFailed},
		{"unclosed element", encode(`<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">`), codeXMLDataUnmarshalFailed},
		{"DOCTYPE", encode(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]>` + idpMetadataXML("e", "https://i", cert)[len(`<?xml version="1.0" encoding="UTF-8"?>`):]), codeXMLDataUnmarshalFailed},
		{"two roots", encode(idpMetadataXML("e", "https://i", cert) + "<x/>"), codeXMLDataUnmarshalFailed},
		{"foreign encoding", encode(`<?xml version="1.0" encoding="ISO-8859-1"?><a/>`), codeXMLDataUnmarshalFailed},
		{"not metadata", encode(`<html/>`), codeMetadataCosParsingFailed},
		{"SP metadata", encode(spMetadataXML("https://sp", "https://sp/acs")), codeMetadataCosParsingFailed},
		{"no entityID", encode(idpMetadataXML("", "https://i", cert)), codeMetadataCosParsingFailed},
		{"no certificate", encode(idpMetadataXML("e", "https://i")), codeMetadataCosParsingFailed},
		{"only SOAP", encode(strings.ReplaceAll(idpMetadataXML("e", "https://i", cert), "bindings:HTTP-", "bindings:SOAP-")), codeMetadataCosParsingFailed},
		{"encryption certificate only", encode(strings.ReplaceAll(idpMetadataXML("e", "https://i", cert), `use="signing"`, `use="encryption"`)), codeMetadataCosParsingFailed},
		{"three certificates", encode(idpMetadataXML("e", "https://i", cert, testCert(t, "b", false), testCert(t, "c", false))), codeX509CertificateLimitExceeded},
		{"certificate not DER", encode(idpMetadataXML("e", "https://i", []byte("not a certificate"))), codeX509CertificateParsingFailed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, aerr := decodeIdPMetadata(tc.encoded)
			if codeOf(aerr) != tc.want {
				t.Fatalf("got %v, want %s", aerr, tc.want)
			}
		})
	}
}

func TestDecodeCertificate(t *testing.T) {
	t.Parallel()
	der := testCert(t, "idp", false)
	wrapped := mimeBase64(der)
	for _, tc := range []struct {
		name, text, want string
	}{
		{"PEM", pemOf(der), ""},
		{"PEM with surrounding space", "\n  " + pemOf(der) + "\n", ""},
		{"bare base64", b64(der), ""},
		{"wrapped base64", wrapped, ""},
		{"empty", "", codeX509CertificateFormatError},
		{"not base64", "MIIB***", codeX509CertificateFormatError},
		{"PEM of a key", strings.ReplaceAll(pemOf(der), "CERTIFICATE", "PUBLIC KEY"), codeX509CertificateFormatError},
		{"broken PEM", "-----BEGIN CERTIFICATE-----\nMIIB\n", codeX509CertificateFormatError},
		{"two PEM blocks", pemOf(der) + pemOf(der), codeX509CertificateFormatError},
		{"base64 of garbage", b64([]byte("garbage")), codeX509CertificateParsingFailed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, aerr := decodeCertificate(tc.text)
			if codeOf(aerr) != tc.want {
				t.Fatalf("got %v, want %q", aerr, tc.want)
			}
			if tc.want == "" && string(got) != string(der) {
				t.Fatal("decoded DER differs")
			}
		})
	}
}

func getIdP(t *testing.T, c *apiClient) samlIdentityProviderConfiguration {
	t.Helper()
	var out getExternalSAMLIdentityProviderResponse
	c.call("GetExternalSAMLIdentityProvider", zoneOnly).into(t, &out)
	return out.SAMLIdentityProviderConfiguration
}

func setIdP(t *testing.T, c *apiClient, want string, kv ...any) []string {
	t.Helper()
	res := c.call("SetExternalSAMLIdentityProvider", with(kv...))
	res.wantCode(t, want)
	if want != "" {
		return nil
	}
	var out setExternalSAMLIdentityProviderResponse
	res.into(t, &out)
	return out.CertificateIds
}

func TestExternalIdentityProviderLifecycle(t *testing.T) {
	t.Parallel()
	_, c := startSim(t, Options{})
	certA, certB, certC := testCert(t, "idp-a", true), testCert(t, "idp-b", false), testCert(t, "idp-c", false)
	certID := regexp.MustCompile(`^idp-c-[a-z0-9]{12}$`)

	// Nothing configured yet (the certificate actions: TestCertificatesWithoutIdP).
	for _, action := range []string{"GetExternalSAMLIdentityProvider", "ClearExternalSAMLIdentityProvider"} {
		c.call(action, zoneOnly).wantCode(t, codeSAMLIdentityProviderNotFound)
	}
	setIdP(t, c, codeX509CertificateMinimumRequired, "SSOStatus", "Disabled")
	setIdP(t, c, codeSAMLIdentityProviderNotFound, "SSOStatus", "Enabled")
	setIdP(t, c, codeX509CertificateMinimumRequired, "EntityId", "https://idp", "LoginUrl", "https://idp/sso")
	c.call("GetExternalSAMLIdentityProvider", zoneOnly).wantCode(t, codeSAMLIdentityProviderNotFound)

	// Parameter checks.
	setIdP(t, c, codeSSOStatusInvalid, "SSOStatus", "enabled", "X509Certificate", b64(certA))
	setIdP(t, c, codeX509CertificateFormatError, "X509Certificate", "")
	setIdP(t, c, codeX509CertificateFormatError, "X509Certificate", "not a certificate!")
	setIdP(t, c, codeX509CertificateParsingFailed, "X509Certificate", b64([]byte("garbage")))
	setIdP(t, c, codeInvalidParameterValue, "LoginUrl", "ftp://idp/sso", "X509Certificate", b64(certA))
	setIdP(t, c, codeDecodeMetadataDocumentFailed, "EncodedMetadataDocument", "%%%")

	// Manual configuration, as Tencent's examples send it: bare base64 DER.
	ids := setIdP(t, c, "", "EntityId", "http://www.okta.com/manual", "LoginUrl", "https://idp.example.com/sso", "X509Certificate", b64(certA))
	if len(ids) != 1 || !certID.MatchString(ids[0]) {
		t.Fatalf("CertificateIds %v", ids)
	}
	got := getIdP(t, c)
	want := samlIdentityProviderConfiguration{EntityId: "http://www.okta.com/manual", SSOStatus: "Disabled", EncodedMetadataDocument: "",
		CertificateIds: ids, LoginUrl: "https://idp.example.com/sso", CreateTime: "2026-05-31 15:04:53", UpdateTime: "2026-05-31 15:04:53"}
	if !sameIdP(got, want) {
		t.Fatalf("Get = %+v, want %+v", got, want)
	}

	// Omitted fields stay; SSO can be enabled on a complete configuration.
	setIdP(t, c, "", "SSOStatus", "Enabled")
	if got := getIdP(t, c); got.SSOStatus != "Enabled" || got.EntityId != want.EntityId || !slices.Equal(got.CertificateIds, ids) {
		t.Fatalf("after enabling SSO: %+v", got)
	}
	c.call("ClearExternalSAMLIdentityProvider", zoneOnly).wantCode(t, codeSSOStatusEnableNotClear)
	setIdP(t, c, codeSAMLIdentityProviderNotFound, "EntityId", "")
	setIdP(t, c, codeSAMLIdentityProviderNotFound, "LoginUrl", "")
	if got := getIdP(t, c); got.EntityId != want.EntityId || got.LoginUrl != want.LoginUrl {
		t.Fatalf("a refused change was applied: %+v", got)
	}

	// A metadata document replaces entity ID, login URL and certificates, with new IDs.
	doc := idpMetadataXML("http://www.okta.com/from-metadata", "https://idp.example.com/md", certA, certB)
	urlEncoded := base64.StdEncoding.EncodeToString([]byte(encodeURIComponent(doc)))
	mdIDs := setIdP(t, c, "", "EncodedMetadataDocument", urlEncoded)
	if len(mdIDs) != 2 || slices.Contains(mdIDs, ids[0]) {
		t.Fatalf("certificate IDs after metadata upload: %v (before %v)", mdIDs, ids)
	}
	got = getIdP(t, c)
	if got.EntityId != "http://www.okta.com/from-metadata" || got.LoginUrl != "https://idp.example.com/md/redirect" || got.SSOStatus != "Enabled" {
		t.Fatalf("after metadata upload: %+v", got)
	}
	if raw, err := base64.StdEncoding.DecodeString(got.EncodedMetadataDocument); err != nil || string(raw) != doc {
		t.Fatalf("Get returns the document as %q (%v), want base64 of the raw XML", got.EncodedMetadataDocument, err)
	}

	// Explicit fields win over the document's; an empty document clears only the document.
	setIdP(t, c, "", "EncodedMetadataDocument", base64.StdEncoding.EncodeToString([]byte(doc)), "EntityId", "http://override")
	if got := getIdP(t, c); got.EntityId != "http://override" {
		t.Fatalf("EntityId %q, want the explicit one", got.EntityId)
	}
	setIdP(t, c, "", "EncodedMetadataDocument", "")
	if got := getIdP(t, c); got.EncodedMetadataDocument != "" || got.EntityId != "http://override" || len(got.CertificateIds) != 2 {
		t.Fatalf("after clearing the document: %+v", got)
	}

	// Certificates: list, add, duplicates, limit, remove.
	var list listExternalSAMLIdPCertificatesResponse
	c.call("ListExternalSAMLIdPCertificates", zoneOnly).into(t, &list)
	if list.TotalCounts != 2 || len(list.SAMLIdPCertificates) != 2 {
		t.Fatalf("list %+v", list)
	}
	c.call("AddExternalSAMLIdPCertificate", with("X509Certificate", pemOf(certC))).wantCode(t, codeX509CertificateLimitExceeded)
	c.call("AddExternalSAMLIdPCertificate", with("X509Certificate", pemOf(certA))).wantCode(t, codeX509CertificateAlreadyExist)
	c.call("RemoveExternalSAMLIdPCertificate", with("CertificateId", "idp-c-000000000000")).wantCode(t, codeX509CertificateNotFound)
	first, second := list.SAMLIdPCertificates[0].CertificateId, list.SAMLIdPCertificates[1].CertificateId
	c.call("RemoveExternalSAMLIdPCertificate", with("CertificateId", first)).wantCode(t, "")
	c.call("RemoveExternalSAMLIdPCertificate", with("CertificateId", second)).wantCode(t, codeX509CertificateMinimumRequired)
	c.call("AddExternalSAMLIdPCertificate", with("X509Certificate", "x")).wantCode(t, codeX509CertificateFormatError)
	c.call("AddExternalSAMLIdPCertificate", with("X509Certificate", b64([]byte("x")))).wantCode(t, codeX509CertificateParsingFailed)
	c.call("AddExternalSAMLIdPCertificate", zoneOnly).wantCode(t, codeMissingParameter)
	var added addExternalSAMLIdPCertificateResponse
	c.call("AddExternalSAMLIdPCertificate", with("X509Certificate", pemOf(certC))).into(t, &added)
	if got := getIdP(t, c).CertificateIds; !slices.Equal(got, []string{second, added.CertificateId}) {
		t.Fatalf("CertificateIds %v, want [%s %s]", got, second, added.CertificateId)
	}

	// X509Certificate replaces every certificate.
	replaced := setIdP(t, c, "", "X509Certificate", pemOf(certB))
	if got := getIdP(t, c).CertificateIds; len(replaced) != 1 || !slices.Equal(got, replaced) {
		t.Fatalf("after replacing: Set said %v, Get says %v", replaced, got)
	}

	// Clearing needs SSO off; afterwards nothing is configured.
	setIdP(t, c, "", "SSOStatus", "Disabled")
	c.call("ClearExternalSAMLIdentityProvider", zoneOnly).wantCode(t, "")
	c.call("GetExternalSAMLIdentityProvider", zoneOnly).wantCode(t, codeSAMLIdentityProviderNotFound)
	c.call("ClearExternalSAMLIdentityProvider", zoneOnly).wantCode(t, codeSAMLIdentityProviderNotFound)
}

// TestCertificatesWithoutIdP follows the SDK's error lists (organization/v20210331 errors.go and
// each action's documentation): ListExternalSAMLIdPCertificates may fail only with
// FailedOperation.DBOperationError or InternalError, so a zone with no IdP lists no certificates;
// RemoveExternalSAMLIdPCertificate lists ResourceNotFound.X509CertificateNotFound, which is what a
// certificate of no IdP is. AddExternalSAMLIdPCertificate lists no code for "no IdP": the
// simulator keeps ResourceNotFound.SAMLIdentityProviderNotFound, the code Get and Clear answer for
// that state, and doc.go records why.
func TestCertificatesWithoutIdP(t *testing.T) {
	t.Parallel()
	_, c := startSim(t, Options{})
	cert := testCert(t, "idp-none", true)
	wantNone := func(when string) {
		t.Helper()
		res := c.call("ListExternalSAMLIdPCertificates", zoneOnly)
		res.wantCode(t, "")
		if got := string(res.Response["SAMLIdPCertificates"]); got != "[]" {
			t.Errorf("%s: SAMLIdPCertificates %s, want []", when, got)
		}
		if got := string(res.Response["TotalCounts"]); got != "0" {
			t.Errorf("%s: TotalCounts %s, want 0", when, got)
		}
	}
	wantNone("before any IdP")
	c.call("AddExternalSAMLIdPCertificate", with("X509Certificate", pemOf(cert))).wantCode(t, codeSAMLIdentityProviderNotFound)
	c.call("RemoveExternalSAMLIdPCertificate", with("CertificateId", "idp-c-000000000000")).wantCode(t, codeX509CertificateNotFound)
	wantNone("after the refused Add")

	ids := setIdP(t, c, "", "EntityId", "https://idp", "LoginUrl", "https://idp/sso", "X509Certificate", b64(cert))
	c.call("ClearExternalSAMLIdentityProvider", zoneOnly).wantCode(t, "")
	wantNone("after Clear")
	// The certificate went with the IdP: its ID is unknown now.
	c.call("RemoveExternalSAMLIdPCertificate", with("CertificateId", ids[0])).wantCode(t, codeX509CertificateNotFound)
}

func sameIdP(a, b samlIdentityProviderConfiguration) bool {
	return a.EntityId == b.EntityId && a.SSOStatus == b.SSOStatus && a.EncodedMetadataDocument == b.EncodedMetadataDocument &&
		slices.Equal(a.CertificateIds, b.CertificateIds) && a.LoginUrl == b.LoginUrl && a.CreateTime == b.CreateTime && a.UpdateTime == b.UpdateTime
}

func TestListedCertificateFields(t *testing.T) {
	t.Parallel()
	_, c := startSim(t, Options{})
	rsaCert, ecCert := testCert(t, "dev-123456", true), testCert(t, "dev-654321", false)
	setIdP(t, c, "", "X509Certificate", b64(rsaCert))
	c.call("AddExternalSAMLIdPCertificate", with("X509Certificate", pemOf(ecCert))).wantCode(t, "")
	var list listExternalSAMLIdPCertificatesResponse
	c.call("ListExternalSAMLIdPCertificates", zoneOnly).into(t, &list)
	if len(list.SAMLIdPCertificates) != 2 {
		t.Fatalf("list %+v", list)
	}
	parsed, err := x509.ParseCertificate(rsaCert)
	if err != nil {
		t.Fatal(err)
	}
	got := list.SAMLIdPCertificates[0]
	got.CertificateId = ""
	want := samlIdPCertificate{
		SerialNumber:       "1347934239123",
		Issuer:             "1.2.840.113549.1.9.1=#0c0d696e666f406f6b74612e636f6d,CN=dev-123456,OU=SSOProvider,O=Okta,C=US",
		Version:            3,
		PublicKey:          base64.StdEncoding.EncodeToString(parsed.RawSubjectPublicKeyInfo),
		SignatureAlgorithm: "SHA256withRSA",
		NotAfter:           "2030-06-23 15:04:37",
		NotBefore:          "2020-06-23 15:04:37",
		Subject:            "1.2.840.113549.1.9.1=#0c0d696e666f406f6b74612e636f6d,CN=dev-123456,OU=SSOProvider,O=Okta,C=US",
		X509Certificate:    pemOf(rsaCert),
	}
	if got != want {
		t.Fatalf("listed\n%+v\nwant\n%+v", got, want)
	}
	if alg := list.SAMLIdPCertificates[1].SignatureAlgorithm; alg != "SHA256withECDSA" {
		t.Errorf("ECDSA certificate: %s", alg)
	}
}

// TestSignatureAlgorithmNames covers the real-world certificates: SHA-1 with the legacy OIW OID
// (entra-1), SHA-512 (onelogin-2).
func TestSignatureAlgorithmNames(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		file string
		want []string
	}{
		{"entra-1.xml", []string{"SHA1withRSA", "SHA1withRSA"}},
		{"onelogin-2.xml", []string{"SHA1withRSA", "SHA512withRSA"}},
		{"okta-1.xml", []string{"SHA256withRSA"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			doc, err := os.ReadFile(filepath.Join("testdata", "saml-idp-metadata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			md, aerr := parseIdPMetadata(doc)
			if aerr != nil {
				t.Fatal(aerr)
			}
			var got []string
			for _, der := range md.Certificates {
				got = append(got, describeCertificate(idpCertificate{DER: der}).SignatureAlgorithm)
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Fatalf("algorithms %v, want %v", got, tc.want)
			}
		})
	}
}
