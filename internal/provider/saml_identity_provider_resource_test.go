package provider

import (
	"bufio"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/acctest"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idcsim"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/samlmeta"
)

const samlIdPAddr = "tencentcloudidc_saml_identity_provider.test"

// testAccSAMLIdPConfig is the provider block and the resource with the given attribute lines.
func testAccSAMLIdPConfig(env *acctest.Env, lines ...string) string {
	return env.ProviderConfig() + "resource \"tencentcloudidc_saml_identity_provider\" \"test\" {\n  " +
		strings.Join(lines, "\n  ") + "\n}\n"
}

// writeTestFile writes content to a file of the test and returns its absolute path, for
// file() in configurations: the way users pass metadata.
func writeTestFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func metadataXMLFrom(file string) string { return fmt.Sprintf("metadata_xml = file(%q)", file) }

// manualLines configures the IdP by hand with the given certificate texts.
func manualLines(entityID, loginURL string, certs ...string) []string {
	quoted := make([]string, len(certs))
	for i, c := range certs {
		quoted[i] = fmt.Sprintf("%q", c)
	}
	return []string{
		fmt.Sprintf("entity_id = %q", entityID),
		fmt.Sprintf("login_url = %q", loginURL),
		"x509_certificates = [" + strings.Join(quoted, ", ") + "]",
	}
}

// testAccCheckSAMLIdP runs check on the IdP as the API reports it.
func testAccCheckSAMLIdP(env *acctest.Env, check func(*idc.SAMLIdentityProvider, []idc.SAMLIdPCertificate) error) resource.TestCheckFunc {
	return func(*terraform.State) error {
		idp, err := env.API.GetExternalSAMLIdentityProvider(ctxBackground(), env.ZoneID)
		if err != nil {
			return err
		}
		certs, err := env.API.ListExternalSAMLIdPCertificates(ctxBackground(), env.ZoneID)
		if err != nil {
			return err
		}
		return check(idp, certs)
	}
}

// apiFingerprints are the fingerprints of the stored certificates, in the API's order.
func apiFingerprints(certs []idc.SAMLIdPCertificate) []string {
	out := make([]string, 0, len(certs))
	for _, c := range certs {
		fp, _ := certificateFingerprint(c.X509Certificate)
		out = append(out, fp)
	}
	return out
}

// expectIdP checks the stored entity ID, login URL, SSO switch, certificates (as a set) and
// whether a metadata document is stored.
func expectIdP(env *acctest.Env, entityID, loginURL string, sso, document bool, certs ...testCert) resource.TestCheckFunc {
	return testAccCheckSAMLIdP(env, func(idp *idc.SAMLIdentityProvider, stored []idc.SAMLIdPCertificate) error {
		var errs []error
		if idp.EntityID != entityID {
			errs = append(errs, fmt.Errorf("entity ID %q, want %q", idp.EntityID, entityID))
		}
		if idp.LoginURL != loginURL {
			errs = append(errs, fmt.Errorf("login URL %q, want %q", idp.LoginURL, loginURL))
		}
		if idp.SSOEnabled != sso {
			errs = append(errs, fmt.Errorf("SSO enabled %t, want %t", idp.SSOEnabled, sso))
		}
		if (idp.EncodedMetadataDocument != "") != document {
			errs = append(errs, fmt.Errorf("metadata document stored: %t, want %t", idp.EncodedMetadataDocument != "", document))
		}
		got := apiFingerprints(stored)
		var want []string
		for _, c := range certs {
			want = append(want, c.fingerprint)
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			errs = append(errs, fmt.Errorf("certificates %v, want %v", got, want))
		}
		return errors.Join(errs...)
	})
}

// testAccCheckSAMLIdPDestroyed checks that destroy cleared the IdP (and so turned SSO off).
func testAccCheckSAMLIdPDestroyed(env *acctest.Env) resource.TestCheckFunc {
	return func(*terraform.State) error {
		idp, err := env.API.GetExternalSAMLIdentityProvider(ctxBackground(), env.ZoneID)
		if errors.Is(err, idc.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		return fmt.Errorf("the identity provider of %s is still configured after destroy (SSO enabled: %t, entity %q)", env.ZoneID, idp.SSOEnabled, idp.EntityID)
	}
}

func stateFingerprint(i int, fp string) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(samlIdPAddr, tfjsonpath.New("certificates").AtSliceIndex(i).AtMapKey("sha256_fingerprint"), knownvalue.StringExact(fp))
}

func TestAccSAMLIdentityProviderResource_metadataXML(t *testing.T) {
	env := acctest.NewEnv(t)
	env.RequireSim(t)
	const entityA, loginA = "https://app.onelogin.com/saml/metadata/1a2b3c", "https://example.onelogin.com/trust/saml2/http-redirect/sso/1a2b3c"
	const entityB, loginB = "https://app.onelogin.com/saml/metadata/4d5e6f", "https://example.onelogin.com/trust/saml2/http-redirect/sso/4d5e6f"
	const entityC, loginC = "https://idp.example.com/manual", "https://idp.example.com/manual/sso"
	certA, certB, certC := validTestCert(t, "onelogin-a"), validTestCert(t, "onelogin-b"), validTestCert(t, "manual-c")
	docA := testMetadata(entityA, loginA, mdStyle{declaration: true}, certA)
	docB := testMetadata(entityB, loginB, mdStyle{}, certB)
	fileA := writeTestFile(t, "a.xml", docA)
	fileB := writeTestFile(t, "b.xml", docB)
	// The same metadata as B, as another export of it would look.
	reformattedB1 := writeTestFile(t, "b1.xml", testMetadata(entityB, loginB, mdStyle{defaultNamespace: true, reverseAttrs: true, indent: "\t"}, certB))
	reformattedB2 := writeTestFile(t, "b2.xml", testMetadata(entityB, loginB, mdStyle{crlf: true, bom: true, comments: true, declaration: true}, certB))
	reformattedB3 := writeTestFile(t, "b3.xml", testMetadata(entityB, loginB, mdStyle{defaultNamespace: true, reverseAttrs: true, indent: "    ",
		crlf: true, bom: true, comments: true, declaration: true, certWidth: 64}, certB))

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSAMLIdPDestroyed(env),
		Steps: []resource.TestStep{
			{
				Config: testAccSAMLIdPConfig(env, metadataXMLFrom(fileA)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(samlIdPAddr, plancheck.ResourceActionCreate),
					// The plan already shows what the metadata says.
					plancheck.ExpectKnownValue(samlIdPAddr, tfjsonpath.New("entity_id"), knownvalue.StringExact(entityA)),
					plancheck.ExpectKnownValue(samlIdPAddr, tfjsonpath.New("login_url"), knownvalue.StringExact(loginA)),
					plancheck.ExpectKnownValue(samlIdPAddr, tfjsonpath.New("zone_id"), knownvalue.StringExact(env.ZoneID)),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(samlIdPAddr, tfjsonpath.New("id"), knownvalue.StringExact(env.ZoneID)),
					statecheck.ExpectKnownValue(samlIdPAddr, tfjsonpath.New("sso_enabled"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(samlIdPAddr, tfjsonpath.New("x509_certificates"), knownvalue.Null()),
					statecheck.ExpectKnownValue(samlIdPAddr, tfjsonpath.New("certificate_ids"), knownvalue.ListSizeExact(1)),
					statecheck.ExpectKnownValue(samlIdPAddr, tfjsonpath.New("certificates").AtSliceIndex(0).AtMapKey("subject"),
						knownvalue.StringRegexp(regexp.MustCompile(`CN=onelogin-a`))),
					statecheck.ExpectKnownValue(samlIdPAddr, tfjsonpath.New("create_time"), knownvalue.NotNull()),
					stateFingerprint(0, certA.fingerprint),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					expectIdP(env, entityA, loginA, true, true, certA),
					// The document is uploaded as written, so that the console shows the user's file.
					testAccCheckSAMLIdP(env, func(idp *idc.SAMLIdentityProvider, _ []idc.SAMLIdPCertificate) error {
						stored, err := base64.StdEncoding.DecodeString(idp.EncodedMetadataDocument)
						if err != nil || string(stored) != docA {
							return fmt.Errorf("stored document %q (%v), want the file's bytes", stored, err)
						}
						return nil
					}),
				),
			},
			{
				ResourceName:      samlIdPAddr,
				ImportState:       true,
				ImportStateId:     env.ZoneID,
				ImportStateVerify: true,
			},
			{
				PreConfig: env.Sim.ResetStats,
				Config:    testAccSAMLIdPConfig(env, metadataXMLFrom(fileA), "sso_enabled = false"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(samlIdPAddr, plancheck.ResourceActionUpdate),
					// The certificates stay, so the plan keeps their IDs.
					plancheck.ExpectKnownValue(samlIdPAddr, tfjsonpath.New("certificate_ids"), knownvalue.ListSizeExact(1)),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					expectIdP(env, entityA, loginA, false, true, certA),
					env.CheckCalls(map[string]int64{"SetExternalSAMLIdentityProvider": 1}),
				),
			},
			{
				PreConfig: env.Sim.ResetStats,
				Config:    testAccSAMLIdPConfig(env, metadataXMLFrom(fileB)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(samlIdPAddr, plancheck.ResourceActionUpdate),
					// Uploading a document stores its certificates anew; the IdP keeps its creation time.
					plancheck.ExpectUnknownValue(samlIdPAddr, tfjsonpath.New("certificate_ids")),
					plancheck.ExpectKnownValue(samlIdPAddr, tfjsonpath.New("create_time"), knownvalue.NotNull()),
					plancheck.ExpectUnknownValue(samlIdPAddr, tfjsonpath.New("update_time")),
					plancheck.ExpectKnownValue(samlIdPAddr, tfjsonpath.New("entity_id"), knownvalue.StringExact(entityB)),
					plancheck.ExpectKnownValue(samlIdPAddr, tfjsonpath.New("login_url"), knownvalue.StringExact(loginB)),
				}},
				ConfigStateChecks: []statecheck.StateCheck{stateFingerprint(0, certB.fingerprint)},
				Check: resource.ComposeAggregateTestCheckFunc(
					// New metadata and SSO back on: one call.
					expectIdP(env, entityB, loginB, true, true, certB),
					env.CheckCalls(map[string]int64{"SetExternalSAMLIdentityProvider": 1}),
				),
			},
			{
				Config:           testAccSAMLIdPConfig(env, metadataXMLFrom(reformattedB1)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config:           testAccSAMLIdPConfig(env, metadataXMLFrom(reformattedB2)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config:           testAccSAMLIdPConfig(env, metadataXMLFrom(reformattedB3)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// From metadata to manual settings: in place, and the stored document goes.
				PreConfig: env.Sim.ResetStats,
				Config:    testAccSAMLIdPConfig(env, manualLines(entityC, loginC, certC.pem)...),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(samlIdPAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(samlIdPAddr, tfjsonpath.New("metadata_xml"), knownvalue.Null()),
					stateFingerprint(0, certC.fingerprint),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					expectIdP(env, entityC, loginC, true, false, certC),
					env.CheckCalls(map[string]int64{"SetExternalSAMLIdentityProvider": 1}),
				),
			},
			{
				// And back to metadata.
				Config: testAccSAMLIdPConfig(env, metadataXMLFrom(fileA)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(samlIdPAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(samlIdPAddr, tfjsonpath.New("x509_certificates"), knownvalue.Null()),
				},
				Check: expectIdP(env, entityA, loginA, true, true, certA),
			},
		},
	})
}

func TestAccSAMLIdentityProviderResource_encoded(t *testing.T) {
	env := acctest.NewEnv(t)
	env.RequireSim(t)
	const entityA, loginA = "http://www.okta.com/exk1a2b3c4d5e6f7g8h9", "https://example.okta.com/app/example/exk1a2b3c4d5e6f7g8h9/sso/saml"
	const entityB, loginB = "http://www.okta.com/exk9h8g7f6e5d4c3b2a1", "https://example.okta.com/app/example/exk9h8g7f6e5d4c3b2a1/sso/saml"
	certA, certB := validTestCert(t, "okta-a"), validTestCert(t, "okta-b")
	docA := testMetadata(entityA, loginA, mdStyle{}, certA)
	docB := testMetadata(entityB, loginB, mdStyle{}, certB)
	b64 := func(doc string, width int) string { return wrap(base64.StdEncoding.EncodeToString([]byte(doc)), width) }
	encoded := func(value string) string { return fmt.Sprintf("encoded_metadata_document = %q", value) }

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSAMLIdPDestroyed(env),
		Steps: []resource.TestStep{
			{
				Config: testAccSAMLIdPConfig(env, encoded(b64(docA, 76))),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(samlIdPAddr, tfjsonpath.New("entity_id"), knownvalue.StringExact(entityA)),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(samlIdPAddr, tfjsonpath.New("metadata_xml"), knownvalue.Null()),
					stateFingerprint(0, certA.fingerprint),
				},
				Check: expectIdP(env, entityA, loginA, true, true, certA),
			},
			{
				// The API answers the document unwrapped; wrapping it otherwise in the configuration changes nothing.
				Config:           testAccSAMLIdPConfig(env, encoded(b64(docA, 64))),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config: testAccSAMLIdPConfig(env, encoded(b64(testMetadata(entityA, loginA,
					mdStyle{defaultNamespace: true, crlf: true, bom: true, comments: true, certWidth: 64}, certA), 0))),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config: testAccSAMLIdPConfig(env, encoded(b64(docB, 76))),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(samlIdPAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(samlIdPAddr, tfjsonpath.New("login_url"), knownvalue.StringExact(loginB)),
				}},
				Check: expectIdP(env, entityB, loginB, true, true, certB),
			},
			{
				// An import cannot know that the document was given in base64: it fills metadata_xml.
				ResourceName:  samlIdPAddr,
				ImportState:   true,
				ImportStateId: env.ZoneID,
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if len(states) != 1 {
						return fmt.Errorf("imported %d instances, want 1", len(states))
					}
					attrs := states[0].Attributes
					if !samlmeta.Equivalent([]byte(attrs["metadata_xml"]), []byte(docB)) {
						return fmt.Errorf("imported metadata_xml %q, want the document", attrs["metadata_xml"])
					}
					if v, ok := attrs["encoded_metadata_document"]; ok && v != "" {
						return fmt.Errorf("imported encoded_metadata_document %q, want none", v)
					}
					if attrs["entity_id"] != entityB || attrs["sso_enabled"] != "true" {
						return fmt.Errorf("imported entity_id %q, sso_enabled %q", attrs["entity_id"], attrs["sso_enabled"])
					}
					return nil
				},
			},
		},
	})
}

func TestAccSAMLIdentityProviderResource_manual(t *testing.T) {
	env := acctest.NewEnv(t)
	env.RequireSim(t)
	const entity, login = "https://sts.windows.net/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0/", "https://login.microsoftonline.com/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0/saml2"
	const entity2, login2 = "https://sts.windows.net/11111111-2222-3333-4444-555555555555/", "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/saml2"
	cert := validTestCert(t, "entra")
	now := time.Now()
	expiring := newTestCert(t, "entra-expiring", now.AddDate(-1, 0, 0), now.AddDate(0, 0, 10))
	chained := validTestCert(t, "entra-next")

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSAMLIdPDestroyed(env),
		Steps: []resource.TestStep{
			{
				Config: testAccSAMLIdPConfig(env, manualLines(entity, login, cert.pem)...),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(samlIdPAddr, tfjsonpath.New("entity_id"), knownvalue.StringExact(entity)),
					statecheck.ExpectKnownValue(samlIdPAddr, tfjsonpath.New("login_url"), knownvalue.StringExact(login)),
					statecheck.ExpectKnownValue(samlIdPAddr, tfjsonpath.New("x509_certificates"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(cert.pem)})),
					statecheck.ExpectKnownValue(samlIdPAddr, tfjsonpath.New("metadata_xml"), knownvalue.Null()),
					statecheck.ExpectKnownValue(samlIdPAddr, tfjsonpath.New("certificates").AtSliceIndex(0).AtMapKey("signature_algorithm"), knownvalue.StringExact("SHA256withECDSA")),
					stateFingerprint(0, cert.fingerprint),
				},
				Check: expectIdP(env, entity, login, true, false, cert),
			},
			{
				ResourceName:      samlIdPAddr,
				ImportState:       true,
				ImportStateId:     env.ZoneID,
				ImportStateVerify: true,
			},
			{
				// Only the login URL: one call, and the plan shows unknown only what changes.
				PreConfig: env.Sim.ResetStats,
				Config:    testAccSAMLIdPConfig(env, manualLines(entity, login2, cert.pem)...),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(samlIdPAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(samlIdPAddr, tfjsonpath.New("create_time"), knownvalue.NotNull()),
					plancheck.ExpectKnownValue(samlIdPAddr, tfjsonpath.New("certificate_ids"), knownvalue.ListSizeExact(1)),
					plancheck.ExpectKnownValue(samlIdPAddr, tfjsonpath.New("certificates").AtSliceIndex(0).AtMapKey("sha256_fingerprint"), knownvalue.StringExact(cert.fingerprint)),
					plancheck.ExpectUnknownValue(samlIdPAddr, tfjsonpath.New("update_time")),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					expectIdP(env, entity, login2, true, false, cert),
					env.CheckCalls(map[string]int64{"SetExternalSAMLIdentityProvider": 1}),
				),
			},
			{
				// The entity ID and login URL change with one call; the certificate stays.
				PreConfig: env.Sim.ResetStats,
				Config:    testAccSAMLIdPConfig(env, manualLines(entity2, login2, cert.pem)...),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(samlIdPAddr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					expectIdP(env, entity2, login2, true, false, cert),
					env.CheckCalls(map[string]int64{"SetExternalSAMLIdentityProvider": 1}),
				),
			},
			{
				PreConfig: env.Sim.ResetStats,
				Config:    testAccSAMLIdPConfig(env, append(manualLines(entity2, login2, cert.pem), "sso_enabled = false")...),
				Check: resource.ComposeAggregateTestCheckFunc(
					expectIdP(env, entity2, login2, false, false, cert),
					env.CheckCalls(map[string]int64{"SetExternalSAMLIdentityProvider": 1}),
				),
			},
			{
				// The same certificate as bare, re-wrapped base64: nothing to do.
				Config:           testAccSAMLIdPConfig(env, append(manualLines(entity2, login2, "\n"+cert.base64(48)+"\n"), "sso_enabled = false")...),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// A certificate that expires in 10 days draws a warning, but is applied. A new
				// certificate: its ID is not known until then; the creation time is.
				Config: testAccSAMLIdPConfig(env, manualLines(entity2, login2, expiring.pem)...),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(samlIdPAddr, tfjsonpath.New("create_time"), knownvalue.NotNull()),
					plancheck.ExpectUnknownValue(samlIdPAddr, tfjsonpath.New("certificate_ids")),
					plancheck.ExpectUnknownValue(samlIdPAddr, tfjsonpath.New("certificates")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{stateFingerprint(0, expiring.fingerprint)},
				Check:             expectIdP(env, entity2, login2, true, false, expiring),
			},
			{
				// Bare base64, and a PEM with the issuing chain pasted after the certificate: the
				// API is sent one PEM certificate each (it refuses anything else).
				Config: testAccSAMLIdPConfig(env, manualLines(entity2, login2, chained.base64(0), cert.pem+expiring.pem)...),
				Check:  expectIdP(env, entity2, login2, true, false, chained, cert),
			},
		},
	})
}

// simRecorder records the changing calls the simulator answered successfully, in order, and
// the stored certificates right after each of them, through the simulator's per-call log.
type simRecorder struct {
	mu       sync.Mutex
	env      *acctest.Env
	calls    []string
	snapshot [][]string
}

// simLogLine is the simulator's line for an answered call: request ID, action (quoted or
// not), outcome, duration. If the format changes, expectRotation fails with no calls recorded.
var simLogLine = regexp.MustCompile(`^\S+ "?(\w+)"?: (\S+) \(`)

func (r *simRecorder) logf(format string, args ...any) {
	m := simLogLine.FindStringSubmatch(fmt.Sprintf(format, args...))
	if m == nil || m[2] != "ok" || !acctest.IsMutating(m[1]) {
		return
	}
	r.mu.Lock()
	env := r.env
	r.mu.Unlock()
	if env == nil {
		return
	}
	// The simulator logs before it answers, so this listing sees the state the call left.
	certs, err := env.API.ListExternalSAMLIdPCertificates(ctxBackground(), env.ZoneID)
	var fps []string
	if err == nil {
		fps = apiFingerprints(certs)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls = append(r.calls, m[1])
	r.snapshot = append(r.snapshot, fps)
}

func (r *simRecorder) reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls, r.snapshot = nil, nil
}

// expectRotation checks the calls of one step and that the certificates never had a gap:
// each stored set shares a certificate with the one before it, starting from before, and the
// last one is after.
func (r *simRecorder) expectRotation(calls []string, before, after []testCert) resource.TestCheckFunc {
	return func(*terraform.State) error {
		r.mu.Lock()
		defer r.mu.Unlock()
		if !slices.Equal(r.calls, calls) {
			return fmt.Errorf("changing calls %v, want %v", r.calls, calls)
		}
		prev := make([]string, 0, len(before))
		for _, c := range before {
			prev = append(prev, c.fingerprint)
		}
		for i, s := range r.snapshot {
			if len(s) == 0 {
				return fmt.Errorf("after call %d (%s) no certificate was stored", i, r.calls[i])
			}
			if !slices.ContainsFunc(s, func(fp string) bool { return slices.Contains(prev, fp) }) {
				return fmt.Errorf("after call %d (%s) the certificates %v share none with %v: the IdP's signing certificate was not trusted for a moment", i, r.calls[i], s, prev)
			}
			prev = s
		}
		var want []string
		for _, c := range after {
			want = append(want, c.fingerprint)
		}
		slices.Sort(prev)
		slices.Sort(want)
		if !slices.Equal(prev, want) {
			return fmt.Errorf("finally stored %v, want %v", prev, want)
		}
		return nil
	}
}

func TestAccSAMLIdentityProviderResource_certificateRotation(t *testing.T) {
	rec := &simRecorder{}
	env := acctest.NewEnv(t, idcsim.Options{Logf: rec.logf})
	env.RequireSim(t)
	rec.mu.Lock()
	rec.env = env
	rec.mu.Unlock()
	const entity, login = "https://idp.example.com/saml", "https://idp.example.com/saml/sso"
	a, b, c, d, e := validTestCert(t, "a"), validTestCert(t, "b"), validTestCert(t, "c"), validTestCert(t, "d"), validTestCert(t, "e")
	config := func(certs ...testCert) string {
		pems := make([]string, len(certs))
		for i, c := range certs {
			pems[i] = c.pem
		}
		return testAccSAMLIdPConfig(env, manualLines(entity, login, pems...)...)
	}
	const set, add, remove = "SetExternalSAMLIdentityProvider", "AddExternalSAMLIdPCertificate", "RemoveExternalSAMLIdPCertificate"
	update := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(samlIdPAddr, plancheck.ResourceActionUpdate)}}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSAMLIdPDestroyed(env),
		Steps: []resource.TestStep{
			{
				PreConfig: rec.reset,
				Config:    config(a, b),
				// certificates lists them in the order Identity Center stores them.
				ConfigStateChecks: []statecheck.StateCheck{stateFingerprint(0, a.fingerprint), stateFingerprint(1, b.fingerprint)},
				Check:             rec.expectRotation([]string{set, add}, []testCert{a}, []testCert{a, b}),
			},
			{
				// The zone is full: the retired certificate goes first, B stays trusted throughout.
				PreConfig:        rec.reset,
				Config:           config(b, c),
				ConfigPlanChecks: update,
				Check:            rec.expectRotation([]string{remove, add}, []testCert{a, b}, []testCert{b, c}),
			},
			{
				PreConfig:        rec.reset,
				Config:           config(d),
				ConfigPlanChecks: update,
				Check:            rec.expectRotation([]string{remove, add, remove}, []testCert{b, c}, []testCert{d}),
			},
			{
				// One for one: the new certificate is added before the old one is removed.
				PreConfig:         rec.reset,
				Config:            config(e),
				ConfigPlanChecks:  update,
				ConfigStateChecks: []statecheck.StateCheck{stateFingerprint(0, e.fingerprint)},
				Check: resource.ComposeAggregateTestCheckFunc(
					rec.expectRotation([]string{add, remove}, []testCert{d}, []testCert{e}),
					expectIdP(env, entity, login, true, false, e),
				),
			},
		},
	})
}

func TestAccSAMLIdentityProviderResource_drift(t *testing.T) {
	env := acctest.NewEnv(t)
	const entity, login = "https://accounts.google.com/o/saml2?idpid=C01abcdef", "https://accounts.google.com/o/saml2/idp?idpid=C01abcdef"
	const otherEntity, otherLogin = "https://idp.attacker.example/metadata", "https://idp.attacker.example/sso"
	cert, otherCert := validTestCert(t, "google"), validTestCert(t, "other")
	file := writeTestFile(t, "google.xml", testMetadata(entity, login, mdStyle{}, cert))
	otherDoc := base64.StdEncoding.EncodeToString([]byte(testMetadata(otherEntity, otherLogin, mdStyle{}, otherCert)))
	config := testAccSAMLIdPConfig(env, fmt.Sprintf("zone_id = %q", env.ZoneID), metadataXMLFrom(file))
	behind := func(in idc.SetSAMLIdentityProviderInput) func() {
		return func() {
			in.ZoneID = env.ZoneID
			if _, err := env.API.SetExternalSAMLIdentityProvider(t.Context(), in); err != nil {
				t.Fatal(err)
			}
		}
	}
	off := false
	changedLogin := "https://accounts.google.com/o/saml2/idp?idpid=SOMEONE_ELSE"
	expectAction := func(action plancheck.ResourceActionType) resource.ConfigPlanChecks {
		return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(samlIdPAddr, action)}}
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSAMLIdPDestroyed(env),
		Steps: []resource.TestStep{
			{Config: config, Check: expectIdP(env, entity, login, true, true, cert)},
			{
				// Someone points the zone at another IdP: the plan shows it, apply puts ours back.
				PreConfig:        behind(idc.SetSAMLIdentityProviderInput{EncodedMetadataDocument: &otherDoc}),
				Config:           config,
				ConfigPlanChecks: expectAction(plancheck.ResourceActionUpdate),
				Check:            expectIdP(env, entity, login, true, true, cert),
			},
			{
				// Only the login URL is changed, the document stays.
				PreConfig:        behind(idc.SetSAMLIdentityProviderInput{LoginURL: &changedLogin}),
				Config:           config,
				ConfigPlanChecks: expectAction(plancheck.ResourceActionUpdate),
				Check:            expectIdP(env, entity, login, true, true, cert),
			},
			{
				PreConfig:        behind(idc.SetSAMLIdentityProviderInput{SSOEnabled: &off}),
				Config:           config,
				ConfigPlanChecks: expectAction(plancheck.ResourceActionUpdate),
				Check:            expectIdP(env, entity, login, true, true, cert),
			},
			{
				// Cleared behind our back (SSO off first, as the service requires): re-created.
				PreConfig: func() {
					behind(idc.SetSAMLIdentityProviderInput{SSOEnabled: &off})()
					if err := env.API.ClearExternalSAMLIdentityProvider(t.Context(), env.ZoneID); err != nil {
						t.Fatal(err)
					}
				},
				Config:           config,
				ConfigPlanChecks: expectAction(plancheck.ResourceActionCreate),
				Check:            expectIdP(env, entity, login, true, true, cert),
			},
		},
	})
}

func TestAccSAMLIdentityProviderResource_manualDrift(t *testing.T) {
	env := acctest.NewEnv(t)
	env.RequireSim(t)
	const entity, login = "https://keycloak.example.com/realms/corp", "https://keycloak.example.com/realms/corp/protocol/saml"
	a, b, c := validTestCert(t, "keycloak-a"), validTestCert(t, "keycloak-b"), validTestCert(t, "keycloak-c")
	config := testAccSAMLIdPConfig(env, manualLines(entity, login, a.pem)...)
	configAB := testAccSAMLIdPConfig(env, manualLines(entity, login, a.pem, b.pem)...)
	update := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(samlIdPAddr, plancheck.ResourceActionUpdate)}}
	otherDoc := base64.StdEncoding.EncodeToString([]byte(testMetadata("https://other.example.com", "https://other.example.com/sso", mdStyle{}, c)))
	otherLogin := "https://keycloak.example.com/realms/other/protocol/saml"

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSAMLIdPDestroyed(env),
		Steps: []resource.TestStep{
			{Config: config, Check: expectIdP(env, entity, login, true, false, a)},
			{
				// A certificate added behind our back is removed again.
				PreConfig: func() {
					if _, err := env.API.AddExternalSAMLIdPCertificate(t.Context(), env.ZoneID, b.pem); err != nil {
						t.Fatal(err)
					}
				},
				Config:           config,
				ConfigPlanChecks: update,
				Check:            expectIdP(env, entity, login, true, false, a),
			},
			{
				// With two certificates configured, one removed behind our back is added again.
				Config:           configAB,
				ConfigPlanChecks: update,
				Check:            expectIdP(env, entity, login, true, false, a, b),
			},
			{
				PreConfig: func() {
					certs, err := env.API.ListExternalSAMLIdPCertificates(t.Context(), env.ZoneID)
					if err != nil {
						t.Fatal(err)
					}
					i := slices.Index(apiFingerprints(certs), b.fingerprint)
					if i < 0 {
						t.Fatalf("certificate b is not stored: %v", apiFingerprints(certs))
					}
					if err := env.API.RemoveExternalSAMLIdPCertificate(t.Context(), env.ZoneID, certs[i].CertificateID); err != nil {
						t.Fatal(err)
					}
				},
				Config:           configAB,
				ConfigPlanChecks: update,
				Check:            expectIdP(env, entity, login, true, false, a, b),
			},
			{
				// Our certificate replaced behind our back is put back.
				PreConfig: func() {
					if _, err := env.API.SetExternalSAMLIdentityProvider(t.Context(), idc.SetSAMLIdentityProviderInput{ZoneID: env.ZoneID, X509Certificate: &b.pem}); err != nil {
						t.Fatal(err)
					}
				},
				Config:           config,
				ConfigPlanChecks: update,
				Check:            expectIdP(env, entity, login, true, false, a),
			},
			{
				PreConfig: func() {
					if _, err := env.API.SetExternalSAMLIdentityProvider(t.Context(), idc.SetSAMLIdentityProviderInput{ZoneID: env.ZoneID, LoginURL: &otherLogin}); err != nil {
						t.Fatal(err)
					}
				},
				Config:           config,
				ConfigPlanChecks: update,
				Check:            expectIdP(env, entity, login, true, false, a),
			},
			{
				// Metadata uploaded behind our back: the hand-made settings win and the document goes.
				PreConfig: func() {
					if _, err := env.API.SetExternalSAMLIdentityProvider(t.Context(), idc.SetSAMLIdentityProviderInput{ZoneID: env.ZoneID, EncodedMetadataDocument: &otherDoc}); err != nil {
						t.Fatal(err)
					}
				},
				Config:           config,
				ConfigPlanChecks: update,
				Check:            expectIdP(env, entity, login, true, false, a),
			},
		},
	})
}

func TestAccSAMLIdentityProviderResource_entitiesDescriptor(t *testing.T) {
	env := acctest.NewEnv(t)
	env.RequireSim(t)
	const one, two = "https://idp1.example.com/metadata", "https://idp2.example.com/metadata"
	file := writeTestFile(t, "federation.xml", testEntities(t, one, two))
	pick := func(entity string) string {
		return testAccSAMLIdPConfig(env, metadataXMLFrom(file), fmt.Sprintf("entity_id = %q", entity))
	}
	expectEntity := func(entity, login string) resource.TestCheckFunc {
		return testAccCheckSAMLIdP(env, func(idp *idc.SAMLIdentityProvider, _ []idc.SAMLIdPCertificate) error {
			if idp.EntityID != entity || idp.LoginURL != login {
				return fmt.Errorf("stored entity %q, login %q; want %q, %q", idp.EntityID, idp.LoginURL, entity, login)
			}
			return nil
		})
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSAMLIdPDestroyed(env),
		Steps: []resource.TestStep{
			{
				// Only the picked IdP is uploaded (the service takes one), and the next plan is empty.
				Config: pick(two),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(samlIdPAddr, tfjsonpath.New("login_url"), knownvalue.StringExact("https://idp2.example.com/sso")),
				}},
				Check: expectEntity(two, "https://idp2.example.com/sso"),
			},
			{
				Config: pick(one),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(samlIdPAddr, plancheck.ResourceActionUpdate),
				}},
				Check: expectEntity(one, "https://idp1.example.com/sso"),
			},
		},
	})
}

func TestAccSAMLIdentityProviderResource_otherZoneRefused(t *testing.T) {
	env := acctest.NewEnv(t)
	env.RequireSim(t)
	cert := validTestCert(t, "zone")
	const entity, login = "https://idp.example.com", "https://idp.example.com/sso"
	file := writeTestFile(t, "idp.xml", testMetadata(entity, login, mdStyle{}, cert))
	other := acctest.RandomZoneID()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSAMLIdPDestroyed(env),
		Steps: []resource.TestStep{
			{Config: testAccSAMLIdPConfig(env, metadataXMLFrom(file))},
			{
				Config:           testAccSAMLIdPConfig(env, fmt.Sprintf("zone_id = %q", env.ZoneID), metadataXMLFrom(file)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// Another zone would be a replacement, and the organization has no other zone: the
				// plan stops before the real zone's IdP is cleared.
				PreConfig: env.Sim.ResetStats,
				Config:    testAccSAMLIdPConfig(env, fmt.Sprintf("zone_id = %q", other), metadataXMLFrom(file)),
				ExpectError: acctest.Words("Wrong Identity Center Zone", fmt.Sprintf("zone_id = %q", other),
					"Zone "+other+" is not this organization's Identity Center zone",
					"would destroy this resource in zone "+env.ZoneID, "nothing is destroyed"),
			},
			{
				PreConfig: func() {
					if err := testAccCheckNoChanges(env)(nil); err != nil {
						t.Error(err)
					}
				},
				Config:           testAccSAMLIdPConfig(env, fmt.Sprintf("zone_id = %q", env.ZoneID), metadataXMLFrom(file)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            expectIdP(env, entity, login, true, true, cert),
			},
		},
	})
}

func TestAccSAMLIdentityProviderResource_importByIdentity(t *testing.T) {
	env := acctest.NewEnv(t)
	cert := validTestCert(t, "identity")
	file := writeTestFile(t, "idp.xml", testMetadata("https://idp.example.com", "https://idp.example.com/sso", mdStyle{}, cert))
	config := testAccSAMLIdPConfig(env, metadataXMLFrom(file))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		CheckDestroy:             testAccCheckSAMLIdPDestroyed(env),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(samlIdPAddr, map[string]knownvalue.Check{"zone_id": knownvalue.StringExact(env.ZoneID)}),
				},
			},
			{Config: config, ResourceName: samlIdPAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
			{Config: config, ResourceName: samlIdPAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateId: env.ZoneID},
		},
	})
}

func TestAccSAMLIdentityProviderResource_refreshCost(t *testing.T) {
	env := acctest.NewEnv(t)
	env.RequireSim(t)
	cert := validTestCert(t, "refresh")
	file := writeTestFile(t, "idp.xml", testMetadata("https://idp.example.com", "https://idp.example.com/sso", mdStyle{}, cert))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: testAccSAMLIdPConfig(env, fmt.Sprintf("zone_id = %q", env.ZoneID), metadataXMLFrom(file))},
			{
				PreConfig:    env.Sim.ResetStats,
				RefreshState: true,
				Check:        env.CheckExactCalls("a refresh", map[string]int64{"GetExternalSAMLIdentityProvider": 1, "ListExternalSAMLIdPCertificates": 1}),
			},
		},
	})
}

// fixtureExpectation is what the provider must do with one document of manifest.tsv.
type fixtureExpectation struct {
	file   string
	reason *regexp.Regexp // nil: plans and applies cleanly
}

// fixtureRejections are the manifest's "reject: …" reasons as the provider words them.
var fixtureRejections = map[string]string{
	"okta-2.xml":    "not the XML-DSig namespace",
	"google-2.xml":  "are in no XML namespace",
	"samlify-1.xml": "inherits the default namespace, the SAML metadata namespace",
}

// fixtureClockErrors are the manifest's time-based verdicts as the provider words them.
var fixtureClockErrors = map[string]string{
	"error: every signing certificate expired": "Every signing certificate in the metadata has expired",
	"error: validUntil in the past":            "which has passed",
}

// readFixtureManifest reads samlmeta's copy of the shared IdP metadata fixtures.
func readFixtureManifest(t *testing.T) (dir string, out []fixtureExpectation) {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "samlmeta", "testdata", "idp-metadata"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "manifest.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	var header []string
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if header == nil {
			header = fields
			continue
		}
		if len(fields) < len(header) || !strings.HasSuffix(fields[0], ".xml") {
			continue
		}
		row := map[string]string{}
		for i, h := range header {
			row[h] = strings.Trim(fields[i], `"`)
		}
		verdict, asOf := row["verdict"], row[header[7]]
		e := fixtureExpectation{file: row["file"]}
		switch {
		case strings.HasPrefix(verdict, "reject"):
			phrase, ok := fixtureRejections[e.file]
			if !ok {
				t.Fatalf("%s: the manifest rejects it (%s), but the test does not know how the provider words that", e.file, verdict)
			}
			e.reason = acctest.Words(phrase)
		case asOf == "valid":
		default:
			phrase, ok := fixtureClockErrors[asOf]
			if !ok {
				t.Fatalf("%s: unknown verdict %q as of the manifest's date", e.file, asOf)
			}
			e.reason = acctest.Words(phrase)
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(header[7], "as_of_") {
		t.Fatalf("manifest column 8 is %q, want the as_of_<date> verdict", header[7])
	}
	if len(out) < 16 {
		t.Fatalf("the manifest lists %d documents, want at least 16", len(out))
	}
	return dir, out
}

// TestAccSAMLIdentityProviderResource_fixtures runs every real IdP document of the manifest
// through the provider: the rejected ones and those whose certificates or validUntil have
// passed fail at plan with their reason (before any call that changes something); the valid
// ones plan, apply and plan again empty.
func TestAccSAMLIdentityProviderResource_fixtures(t *testing.T) {
	env := acctest.NewEnv(t)
	env.RequireSim(t)
	dir, fixtures := readFixtureManifest(t)
	if now := time.Now(); now.Year() > 2031 {
		// auth0-1's certificate expires on 2032-12-03; after that the manifest's "valid" rows age out.
		t.Logf("note: the fixtures were judged on 2026-11-26; it is %s", now.Format(time.DateOnly))
	}
	var failing, valid []resource.TestStep
	for _, f := range fixtures {
		config := testAccSAMLIdPConfig(env, metadataXMLFrom(filepath.Join(dir, f.file)))
		if f.reason != nil {
			failing = append(failing, resource.TestStep{Config: config, ExpectError: f.reason})
			continue
		}
		valid = append(valid, resource.TestStep{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(samlIdPAddr, tfjsonpath.New("entity_id"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue(samlIdPAddr, tfjsonpath.New("certificates"), knownvalue.NotNull()),
			},
		})
	}
	if len(valid) == 0 || len(failing) == 0 {
		t.Fatalf("%d valid and %d failing documents: the manifest changed shape", len(valid), len(failing))
	}
	// Failing plans first, while nothing exists: then no changing call may have happened.
	failing = append(failing, resource.TestStep{
		Config: env.ProviderConfig(),
		Check:  env.CheckNoMutatingCalls("documents that fail at plan"),
	})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSAMLIdPDestroyed(env),
		Steps:                    append(failing, valid...),
	})
}

// testAccSAMLIdPModuleConfig is a configuration as a module that offers both ways of
// describing the IdP writes it: every setting comes from an optional variable, so that at
// validate time (when no variable is known) each of them may or may not be set.
func testAccSAMLIdPModuleConfig(env *acctest.Env, metadataFile, entityID, cert string) string {
	return env.ProviderConfig() + fmt.Sprintf(`
variable "manual" {
  type    = bool
  default = false
}

variable "login_url" {
  type    = string
  default = null
}

resource "tencentcloudidc_saml_identity_provider" "test" {
  metadata_xml      = var.manual ? null : file(%q)
  entity_id         = var.manual ? %q : null
  login_url         = var.login_url
  x509_certificates = var.manual ? [%q] : null
}
`, metadataFile, entityID, cert)
}

// TestAccSAMLIdentityProviderResource_moduleVariables: values not known at validate time are
// not "set". A module that exposes both modes as optional variables validates, plans and
// applies in either mode; a configuration that really sets both is still refused once the
// values are known, at plan, before anything is sent.
func TestAccSAMLIdentityProviderResource_moduleVariables(t *testing.T) {
	env := acctest.NewEnv(t)
	env.RequireSim(t)
	const entityA, loginA = "https://idp.example.com/module", "https://idp.example.com/module/sso"
	const entityC, loginC = "https://idp.example.com/by-hand", "https://idp.example.com/by-hand/sso"
	certA, certC := validTestCert(t, "module-a"), validTestCert(t, "module-c")
	file := writeTestFile(t, "a.xml", testMetadata(entityA, loginA, mdStyle{}, certA))
	cfg := testAccSAMLIdPModuleConfig(env, file, entityC, certC.pem)
	manual := config.Variables{"manual": config.BoolVariable(true), "login_url": config.StringVariable(loginC)}
	both := config.Variables{"manual": config.BoolVariable(false), "login_url": config.StringVariable(loginC)}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSAMLIdPDestroyed(env),
		Steps: []resource.TestStep{
			{
				// The defaults: metadata, login_url null.
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(samlIdPAddr, tfjsonpath.New("login_url"), knownvalue.StringExact(loginA)),
				}},
				Check: expectIdP(env, entityA, loginA, true, true, certA),
			},
			{
				Config:          cfg,
				ConfigVariables: manual,
				Check:           expectIdP(env, entityC, loginC, true, false, certC),
			},
			{
				// Both ways, known only once the variables are: refused at plan, nothing sent.
				PreConfig:       env.Sim.ResetStats,
				Config:          cfg,
				ConfigVariables: both,
				ExpectError:     acctest.Words("login_url cannot be set together with metadata_xml"),
			},
			{
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					// Since the refused step: its plan sent nothing, this apply one call.
					env.CheckCalls(map[string]int64{"SetExternalSAMLIdentityProvider": 1}),
					expectIdP(env, entityA, loginA, true, true, certA),
				),
			},
		},
	})
}

// TestAccSAMLIdentityProviderResource_conflictKnownAtApply: a login_url that comes from another
// resource is not known until that resource is applied; the conflict with metadata_xml is
// found then, before the identity provider is touched.
func TestAccSAMLIdentityProviderResource_conflictKnownAtApply(t *testing.T) {
	env := acctest.NewEnv(t)
	env.RequireSim(t)
	const entity, login = "https://idp.example.com/late", "https://idp.example.com/late/sso"
	file := writeTestFile(t, "late.xml", testMetadata(entity, login, mdStyle{}, validTestCert(t, "late")))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if n := env.Calls("SetExternalSAMLIdentityProvider"); n != 0 {
				return fmt.Errorf("SetExternalSAMLIdentityProvider was called %d times for a configuration that conflicts", n)
			}
			return nil
		},
		Steps: []resource.TestStep{{
			Config: env.ProviderConfig() + fmt.Sprintf(`
resource "terraform_data" "login" {
  input = %q
}

resource "tencentcloudidc_saml_identity_provider" "test" {
  metadata_xml = file(%q)
  login_url    = terraform_data.login.output
}
`, login+"/elsewhere", file),
			ExpectError: acctest.Words("login_url cannot be set together with metadata_xml"),
		}},
	})
}
