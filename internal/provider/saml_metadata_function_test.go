package provider

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/acctest"
)

// idpFixtures is the SAML metadata collection samlmeta tests with (see its README.txt).
const idpFixtures = "../samlmeta/testdata/idp-metadata"

func readFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(idpFixtures, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// runSAMLMetadata calls the function as the framework does.
func runSAMLMetadata(t *testing.T, doc string) (map[string]attr.Value, *function.FuncError) {
	t.Helper()
	resp := function.RunResponse{Result: function.NewResultData(types.ObjectUnknown(samlMetadataAttrTypes))}
	NewSAMLMetadataFunction().Run(t.Context(), function.RunRequest{Arguments: function.NewArgumentsData([]attr.Value{types.StringValue(doc)})}, &resp)
	if resp.Error != nil {
		return nil, resp.Error
	}
	obj, ok := resp.Result.Value().(types.Object)
	if !ok {
		t.Fatalf("result is %T, not an object", resp.Result.Value())
	}
	return obj.Attributes(), nil
}

func attrString(t *testing.T, v attr.Value) string {
	t.Helper()
	s, ok := v.(types.String)
	if !ok {
		t.Fatalf("%v is %T, not a string", v, v)
	}
	return s.ValueString()
}

type wantCert struct {
	notAfter  string // date, from the collection's manifest
	algorithm string
}

// TestSAMLMetadataFunction_fixtures checks every document of the collection against the facts
// its manifest.tsv records (dates, bindings, algorithms, entity IDs read off the files), and the
// certificates against their own PEM.
func TestSAMLMetadataFunction_fixtures(t *testing.T) {
	const (
		redirect = "HTTP-Redirect"
		post     = "HTTP-POST"
		shib1    = "urn:mace:shibboleth:1.0:profiles:AuthnRequest"
	)
	cases := map[string]struct {
		entityID   string
		login      string // the binding login_url comes from
		bindings   []string
		certs      []wantCert
		validUntil string
	}{
		"okta-1.xml": {"http://www.okta.com/exkppsa1qwuFV4D7z0h7", redirect, []string{post, redirect},
			[]wantCert{{"2028-09-07", "SHA256withRSA"}}, ""},
		"onelogin-1.xml": {"https://app.onelogin.com/saml/metadata/503983", post, []string{post, "SOAP"},
			[]wantCert{{"2018-10-01", "SHA1withRSA"}}, ""},
		"onelogin-2.xml": {"https://idp.examle.com/saml/metadata", redirect, []string{redirect},
			[]wantCert{{"2021-08-05", "SHA1withRSA"}, {"2018-04-15", "SHA512withRSA"}}, ""},
		"google-1.xml": {"https://accounts.google.com/o/saml2?idpid=C02dfl1r1", post, []string{post},
			[]wantCert{{"2021-01-03", "SHA256withRSA"}}, "2021-01-03T16:17:49Z"},
		"entra-1.xml": {"https://sts.windows.net/4afbc689-805b-48cf-a24c-d4aa3248a248/", redirect, []string{redirect},
			[]wantCert{{"2016-01-01", "SHA1withRSA"}, {"2014-06-07", "SHA1withRSA"}}, ""},
		"adfs-1.xml": {"http://fs.msidlab11.com/adfs/services/trust", redirect, []string{redirect, post},
			[]wantCert{{"2018-01-23", "SHA256withRSA"}}, ""},
		"adfs-2.xml": {"http://idp.adfs.example.com/adfs/services/trust", redirect, []string{redirect, post},
			[]wantCert{{"2017-10-25", "SHA256withRSA"}}, ""},
		"shibboleth-1.xml": {"https://idp.testshib.org/idp/shibboleth", redirect, []string{shib1, post, redirect, "SOAP"},
			[]wantCert{{"2036-08-23", "SHA256withRSA"}}, ""},
		"shibboleth-2.xml": {"https://samltest.id/saml/idp", redirect, []string{shib1, post, "HTTP-POST-SimpleSign", redirect, "SOAP"},
			[]wantCert{{"2038-08-24", "SHA256withRSA"}, {"2038-08-24", "SHA256withRSA"}}, "2100-01-01T00:00:42Z"},
		"auth0-1.xml": {"urn:dev-tyj7qyzz.auth0.com", redirect, []string{redirect, post},
			[]wantCert{{"2032-12-03", "SHA256withRSA"}}, ""},
		"simplesamlphp-1.xml": {"https://idp-saml.ua3.int/simplesaml/saml2/idp/metadata.php", redirect, []string{redirect},
			[]wantCert{{"2025-12-24", "SHA256withRSA"}}, ""},
		"pysaml2-1.xml": {"urn:mace:example.com:saml:roland:idp", redirect, []string{redirect},
			[]wantCert{{"2009-11-05", "SHA1withRSA"}}, ""},
		// One KeyInfo with the signing certificate and its issuer: only the first is a signing certificate.
		"vmware-1.xml": {"https://win2012-sso2.localdomain:7444/websso/SAML2/Metadata/vsphere.local", redirect, []string{redirect},
			[]wantCert{{"2024-01-01", "SHA256withRSA"}}, "2014-05-15T19:05:47Z"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, ferr := runSAMLMetadata(t, readFixture(t, name))
			if ferr != nil {
				t.Fatalf("refused: %s", ferr.Text)
			}
			if s := attrString(t, got["entity_id"]); s != tc.entityID {
				t.Errorf("entity_id %q, want %q", s, tc.entityID)
			}
			urls := map[string]string{}
			ssoURLs, ok := got["sso_urls"].(types.Map)
			if !ok {
				t.Fatalf("sso_urls is %T", got["sso_urls"])
			}
			for k, v := range ssoURLs.Elements() {
				urls[k] = attrString(t, v)
			}
			if keys := slices.Sorted(maps.Keys(urls)); !slices.Equal(keys, slices.Sorted(slices.Values(tc.bindings))) {
				t.Errorf("sso_urls bindings %v, want %v", keys, tc.bindings)
			}
			if login := attrString(t, got["login_url"]); login == "" || login != urls[tc.login] {
				t.Errorf("login_url %q, want the %s URL %q", login, tc.login, urls[tc.login])
			}
			if vu, ok := got["valid_until"].(types.String); !ok || vu.ValueString() != tc.validUntil || vu.IsNull() != (tc.validUntil == "") {
				t.Errorf("valid_until %v, want %q", got["valid_until"], tc.validUntil)
			}
			certs, ok := got["certificates"].(types.List)
			if !ok {
				t.Fatalf("certificates is %T", got["certificates"])
			}
			if len(certs.Elements()) != len(tc.certs) {
				t.Fatalf("%d certificates, want %d", len(certs.Elements()), len(tc.certs))
			}
			for i, c := range certs.Elements() {
				obj, ok := c.(types.Object)
				if !ok {
					t.Fatalf("certificate %d is %T", i, c)
				}
				checkCertificate(t, i, obj.Attributes(), tc.certs[i])
			}
		})
	}
}

// checkCertificate compares a returned certificate with its own PEM, decoded here.
func checkCertificate(t *testing.T, i int, attrs map[string]attr.Value, want wantCert) {
	t.Helper()
	str := func(k string) string { return attrString(t, attrs[k]) }
	block, rest := pem.Decode([]byte(str("pem")))
	if block == nil || block.Type != "CERTIFICATE" || len(rest) != 0 {
		t.Fatalf("certificate %d: pem is not one PEM certificate: %q", i, str("pem"))
	}
	sum := sha256.Sum256(block.Bytes)
	pairs := make([]string, len(sum))
	for j, b := range sum {
		pairs[j] = hex.EncodeToString([]byte{b})
	}
	if fp := strings.Join(pairs, ":"); str("sha256_fingerprint") != fp {
		t.Errorf("certificate %d: sha256_fingerprint %s, want %s", i, str("sha256_fingerprint"), fp)
	}
	notAfter, err := time.Parse(time.RFC3339, str("not_after"))
	if err != nil || notAfter.Location() != time.UTC {
		t.Errorf("certificate %d: not_after %q is not RFC 3339 UTC: %v", i, str("not_after"), err)
	}
	if !strings.HasPrefix(str("not_after"), want.notAfter) {
		t.Errorf("certificate %d: not_after %s, want %s", i, str("not_after"), want.notAfter)
	}
	if str("signature_algorithm") != want.algorithm {
		t.Errorf("certificate %d: signature_algorithm %s, want %s", i, str("signature_algorithm"), want.algorithm)
	}
	// x509 refuses some old IdP certificates (negative serials); where it reads one, it must agree.
	if cert, err := x509.ParseCertificate(block.Bytes); err == nil && !cert.NotAfter.Equal(notAfter) {
		t.Errorf("certificate %d: not_after %s, the certificate says %s", i, notAfter, cert.NotAfter)
	}
}

func TestSAMLMetadataFunction_refused(t *testing.T) {
	cases := map[string]struct {
		doc  string
		want []string
	}{
		"okta-2 (misspelt XML-DSig namespace)": {readFixture(t, "okta-2.xml"), []string{"SAML Signing Certificate Missing", "XML-DSig"}},
		"google-2 (no namespace, no SSO)":      {readFixture(t, "google-2.xml"), []string{"Invalid SAML Metadata", "no XML namespace", "SAML Single Sign-On Service Missing"}},
		"samlify-1 (KeyInfo in metadata ns)":   {readFixture(t, "samlify-1.xml"), []string{"SAML Signing Certificate Missing"}},
		"not XML":                              {"<html><body>Sign in</body></html>", []string{"Invalid SAML Metadata"}},
		"empty":                                {"", []string{"Invalid SAML Metadata"}},
		"SP metadata": {`<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://sp.example.com">` +
			`<SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/></EntityDescriptor>`,
			[]string{"Service Provider Metadata Instead of IdP Metadata", "This is SP metadata", "download it from the IdP's admin console"}},
		// filebase64() where file() belongs: said so, not "not XML".
		"base64 of the metadata": {base64.StdEncoding.EncodeToString([]byte(readFixture(t, "okta-1.xml"))),
			[]string{"SAML Metadata Is Base64-Encoded", "base64decode()", `file("idp-metadata.xml")`}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, ferr := runSAMLMetadata(t, tc.doc)
			if ferr == nil {
				t.Fatal("accepted")
			}
			if ferr.FunctionArgument == nil || *ferr.FunctionArgument != 0 {
				t.Errorf("the error is not on argument 0: %+v", ferr)
			}
			for _, w := range tc.want {
				if !strings.Contains(ferr.Text, w) {
					t.Errorf("error %q lacks %q", ferr.Text, w)
				}
			}
		})
	}
}

// TestSAMLMetadataFunction_sameEveryTime: a function must be pure, so expired certificates do
// not make it fail on a later day.
func TestSAMLMetadataFunction_sameEveryTime(t *testing.T) {
	doc := readFixture(t, "pysaml2-1.xml") // its only certificate expired in 2009
	first, ferr := runSAMLMetadata(t, doc)
	if ferr != nil {
		t.Fatalf("refused: %s", ferr.Text)
	}
	second, _ := runSAMLMetadata(t, doc)
	if !types.ObjectValueMust(samlMetadataAttrTypes, first).Equal(types.ObjectValueMust(samlMetadataAttrTypes, second)) {
		t.Error("two calls with the same document gave different results")
	}
}

func TestAccSAMLMetadataFunction(t *testing.T) {
	skipUnlessProviderFunctions(t)
	fixture := func(name string) string {
		p, err := filepath.Abs(filepath.Join(idpFixtures, name))
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	const required = `terraform {
  required_providers {
    tencentcloudidc = {
      source = "tencentcloudidc/tencentcloudidc"
    }
  }
}
`
	call := func(arg string) string {
		return required + fmt.Sprintf("output \"idp\" {\n  value = provider::tencentcloudidc::saml_metadata(%s)\n}\n", arg)
	}
	fingerprint := knownvalue.StringRegexp(regexp.MustCompile(`^([0-9a-f]{2}:){31}[0-9a-f]{2}$`))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// No provider block: functions work without provider configuration.
				Config: call(fmt.Sprintf("file(%q)", fixture("shibboleth-2.xml"))),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("idp", knownvalue.ObjectExact(map[string]knownvalue.Check{
						"entity_id": knownvalue.StringExact("https://samltest.id/saml/idp"),
						"login_url": knownvalue.StringExact("https://samltest.id/idp/profile/SAML2/Redirect/SSO"),
						"sso_urls": knownvalue.MapExact(map[string]knownvalue.Check{
							"HTTP-Redirect":        knownvalue.StringExact("https://samltest.id/idp/profile/SAML2/Redirect/SSO"),
							"HTTP-POST":            knownvalue.StringExact("https://samltest.id/idp/profile/SAML2/POST/SSO"),
							"HTTP-POST-SimpleSign": knownvalue.StringExact("https://samltest.id/idp/profile/SAML2/POST-SimpleSign/SSO"),
							"SOAP":                 knownvalue.StringExact("https://samltest.id/idp/profile/SAML2/SOAP/ECP"),
							"urn:mace:shibboleth:1.0:profiles:AuthnRequest": knownvalue.StringExact("https://samltest.id/idp/profile/Shibboleth/SSO"),
						}),
						"certificates": knownvalue.ListExact([]knownvalue.Check{
							knownvalue.ObjectExact(map[string]knownvalue.Check{
								"sha256_fingerprint":  fingerprint,
								"not_after":           knownvalue.StringRegexp(regexp.MustCompile(`^2038-08-24T\d\d:\d\d:\d\dZ$`)),
								"signature_algorithm": knownvalue.StringExact("SHA256withRSA"),
								"pem":                 knownvalue.StringRegexp(regexp.MustCompile(`^-----BEGIN CERTIFICATE-----\n`)),
							}),
							knownvalue.ObjectPartial(map[string]knownvalue.Check{"sha256_fingerprint": fingerprint}),
						}),
						"valid_until": knownvalue.StringExact("2100-01-01T00:00:42Z"),
					})),
				},
			},
			{
				Config: call(fmt.Sprintf("file(%q)", fixture("okta-1.xml"))),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValueAtPath("idp", tfjsonpath.New("entity_id"), knownvalue.StringExact("http://www.okta.com/exkppsa1qwuFV4D7z0h7")),
					statecheck.ExpectKnownOutputValueAtPath("idp", tfjsonpath.New("valid_until"), knownvalue.Null()),
					statecheck.ExpectKnownOutputValueAtPath("idp", tfjsonpath.New("certificates"), knownvalue.ListSizeExact(1)),
				},
			},
		},
	})
}

// TestAccSAMLMetadataFunction_sameVocabularyAsResource: the function names a certificate's
// signature algorithm exactly as the resource reads it back from Identity Center, for an RSA
// and an ECDSA certificate, so that the two can be compared in a check block.
func TestAccSAMLMetadataFunction_sameVocabularyAsResource(t *testing.T) {
	skipUnlessProviderFunctions(t)
	env := acctest.NewEnv(t)
	env.RequireSim(t)
	ecdsa := validTestCert(t, "vocabulary-ecdsa")
	files := map[string]string{
		"SHA256withRSA":   fixtureFile(t, "okta-1.xml"),
		"SHA256withECDSA": writeTestFile(t, "ecdsa.xml", testMetadata("https://idp.example.com/ecdsa", "https://idp.example.com/sso", mdStyle{}, ecdsa)),
	}
	var steps []resource.TestStep
	for _, algorithm := range []string{"SHA256withRSA", "SHA256withECDSA"} {
		file := files[algorithm]
		steps = append(steps, resource.TestStep{
			Config: testAccSAMLIdPConfig(env, metadataXMLFrom(file)) + fmt.Sprintf(`
output "from_function" {
  value = provider::tencentcloudidc::saml_metadata(file(%q)).certificates[0].signature_algorithm
}
`, file),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(samlIdPAddr, tfjsonpath.New("certificates").AtSliceIndex(0).AtMapKey("signature_algorithm"), knownvalue.StringExact(algorithm)),
				statecheck.ExpectKnownOutputValue("from_function", knownvalue.StringExact(algorithm)),
			},
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSAMLIdPDestroyed(env),
		Steps:                    steps,
	})
}
