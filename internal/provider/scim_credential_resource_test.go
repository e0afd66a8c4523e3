package provider

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/compare"
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
)

const scimCredAddr = "tencentcloudidc_scim_credential.test"

var (
	rfc3339UTC      = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$`)
	credentialIDRe  = regexp.MustCompile(`^scimcred-[a-z0-9]{12}$`)
	nonEmptySecret  = regexp.MustCompile(`^\S{16,}$`)
	credAttr        = tfjsonpath.New[string]
	createActions   = []plancheck.PlanCheck{plancheck.ExpectResourceAction(scimCredAddr, plancheck.ResourceActionCreate)}
	updateActions   = []plancheck.PlanCheck{plancheck.ExpectResourceAction(scimCredAddr, plancheck.ResourceActionUpdate)}
	replaceActions  = []plancheck.PlanCheck{plancheck.ExpectResourceAction(scimCredAddr, plancheck.ResourceActionDestroyBeforeCreate)}
	replaceCBDFirst = []plancheck.PlanCheck{plancheck.ExpectResourceAction(scimCredAddr, plancheck.ResourceActionCreateBeforeDestroy)}
)

// testAccSCIMCredentialConfig is the provider block and one credential with body inside it.
func testAccSCIMCredentialConfig(env *acctest.Env, body string) string {
	return env.ProviderConfig() + fmt.Sprintf("resource \"tencentcloudidc_scim_credential\" \"test\" {\n%s\n}\n", body)
}

// testAccCheckSCIMCredentialDestroy asserts, through the API, that no credential in the state
// survived the destroy.
func testAccCheckSCIMCredentialDestroy(env *acctest.Env) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "tencentcloudidc_scim_credential" {
				continue
			}
			id := rs.Primary.Attributes["credential_id"]
			_, err := env.API.GetSCIMCredential(ctxBackground(), rs.Primary.Attributes["zone_id"], id)
			if err == nil {
				return fmt.Errorf("SCIM credential %s still exists after destroy", id)
			}
			if !errors.Is(err, idc.ErrNotFound) {
				return err
			}
		}
		return nil
	}
}

// testAccCheckSCIMCredentialAlone asserts that the zone holds exactly one credential, the one in
// the state: nothing orphaned, nothing left over from a rotation.
func testAccCheckSCIMCredentialAlone(env *acctest.Env) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[scimCredAddr]
		if !ok {
			return fmt.Errorf("%s is not in the state", scimCredAddr)
		}
		creds, err := env.API.ListSCIMCredentials(ctxBackground(), env.ZoneID)
		if err != nil {
			return err
		}
		ids := make([]string, 0, len(creds))
		for _, c := range creds {
			ids = append(ids, c.CredentialID)
		}
		if want := rs.Primary.Attributes["credential_id"]; len(ids) != 1 || ids[0] != want {
			return fmt.Errorf("zone %s holds credentials %v, want exactly the one in the state, %s", env.ZoneID, ids, want)
		}
		return nil
	}
}

// testAccCheckSCIMCredentialStatus asserts the credential's status as the API reports it.
func testAccCheckSCIMCredentialStatus(env *acctest.Env, enabled bool) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[scimCredAddr]
		if !ok {
			return fmt.Errorf("%s is not in the state", scimCredAddr)
		}
		c, err := env.API.GetSCIMCredential(ctxBackground(), env.ZoneID, rs.Primary.Attributes["credential_id"])
		if err != nil {
			return err
		}
		if c.Enabled != enabled {
			return fmt.Errorf("credential %s: enabled=%t, want %t", c.CredentialID, c.Enabled, enabled)
		}
		return nil
	}
}

// onlyCredential is the zone's one credential, which is scimCredAddr's: for a PreConfig, which
// is handed no state to read the credential ID from.
func onlyCredential(t *testing.T, env *acctest.Env) idc.SCIMCredential {
	t.Helper()
	creds, err := env.API.ListSCIMCredentials(t.Context(), env.ZoneID)
	if err != nil {
		t.Fatal(err)
	}
	if len(creds) != 1 {
		t.Fatalf("zone %s holds %d credentials, want 1", env.ZoneID, len(creds))
	}
	return creds[0]
}

func TestAccSCIMCredentialResource_basic(t *testing.T) {
	env := acctest.NewEnv(t)
	config := testAccSCIMCredentialConfig(env, "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSCIMCredentialDestroy(env),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: append(createActions,
						plancheck.ExpectKnownValue(scimCredAddr, credAttr("zone_id"), knownvalue.StringExact(env.ZoneID)),
						plancheck.ExpectKnownValue(scimCredAddr, credAttr("status"), knownvalue.StringExact("Enabled")),
						// Always BearerToken: shown in the plan, not "known after apply".
						plancheck.ExpectKnownValue(scimCredAddr, credAttr("credential_type"), knownvalue.StringExact("BearerToken")),
						plancheck.ExpectUnknownValue(scimCredAddr, credAttr("secret")),
					),
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(scimCredAddr, credAttr("zone_id"), knownvalue.StringExact(env.ZoneID)),
					statecheck.ExpectKnownValue(scimCredAddr, credAttr("credential_id"), knownvalue.StringRegexp(credentialIDRe)),
					statecheck.ExpectKnownValue(scimCredAddr, credAttr("id"), knownvalue.StringRegexp(regexp.MustCompile("^"+env.ZoneID+"/scimcred-[a-z0-9]{12}$"))),
					statecheck.ExpectKnownValue(scimCredAddr, credAttr("credential_type"), knownvalue.StringExact("BearerToken")),
					statecheck.ExpectKnownValue(scimCredAddr, credAttr("enabled"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(scimCredAddr, credAttr("status"), knownvalue.StringExact("Enabled")),
					statecheck.ExpectKnownValue(scimCredAddr, credAttr("create_time"), knownvalue.StringRegexp(rfc3339UTC)),
					statecheck.ExpectKnownValue(scimCredAddr, credAttr("expire_time"), knownvalue.StringRegexp(rfc3339UTC)),
					statecheck.ExpectKnownValue(scimCredAddr, credAttr("expire_after"), knownvalue.Null()),
					statecheck.ExpectKnownValue(scimCredAddr, credAttr("secret"), knownvalue.StringRegexp(nonEmptySecret)),
					statecheck.ExpectSensitiveValue(scimCredAddr, credAttr("secret")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckSCIMCredentialAlone(env),
					testAccCheckSCIMCredentialStatus(env, true),
					testAccCheckDefaultLifetime(),
				),
			},
			{
				ResourceName:            scimCredAddr,
				ImportState:             true,
				ImportStateIdFunc:       credentialImportID("/"),
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"secret"},
			},
			{
				// The official provider's separator.
				ResourceName:            scimCredAddr,
				ImportState:             true,
				ImportStateIdFunc:       credentialImportID("#"),
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"secret"},
			},
			{
				Config: testAccSCIMCredentialConfig(env, "  enabled = false"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: append(updateActions,
						plancheck.ExpectKnownValue(scimCredAddr, credAttr("status"), knownvalue.StringExact("Disabled"))),
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(scimCredAddr, credAttr("status"), knownvalue.StringExact("Disabled")),
					statecheck.ExpectKnownValue(scimCredAddr, credAttr("secret"), knownvalue.StringRegexp(nonEmptySecret)),
				},
				Check: testAccCheckSCIMCredentialStatus(env, false),
			},
			{
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: updateActions},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(scimCredAddr, credAttr("status"), knownvalue.StringExact("Enabled")),
				},
				Check: testAccCheckSCIMCredentialStatus(env, true),
			},
		},
	})
}

// testAccCheckDefaultLifetime asserts that a credential without expire_after got the service's
// one-year default.
func testAccCheckDefaultLifetime() resource.TestCheckFunc {
	return func(s *terraform.State) error {
		attrs := s.RootModule().Resources[scimCredAddr].Primary.Attributes
		created, err1 := time.Parse(time.RFC3339, attrs["create_time"])
		expires, err2 := time.Parse(time.RFC3339, attrs["expire_time"])
		if err := errors.Join(err1, err2); err != nil {
			return err
		}
		if !expires.Equal(created.AddDate(1, 0, 0)) {
			return fmt.Errorf("create_time %s, expire_time %s: want one year apart", created, expires)
		}
		return nil
	}
}

func credentialImportID(sep string) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources[scimCredAddr]
		if !ok {
			return "", fmt.Errorf("%s is not in the state", scimCredAddr)
		}
		return rs.Primary.Attributes["zone_id"] + sep + rs.Primary.Attributes["credential_id"], nil
	}
}

func TestAccSCIMCredentialResource_replaceAndStateOnly(t *testing.T) {
	env := acctest.NewEnv(t)
	env.RequireSim(t)
	ids := statecheck.CompareValue(compare.ValuesDiffer())
	secrets := statecheck.CompareValue(compare.ValuesDiffer())
	same := statecheck.CompareValue(compare.ValuesSame())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSCIMCredentialDestroy(env),
		Steps: []resource.TestStep{
			{
				Config: testAccSCIMCredentialConfig(env, `  expire_after = "720h"`),
				ConfigStateChecks: []statecheck.StateCheck{
					ids.AddStateValue(scimCredAddr, credAttr("credential_id")),
					secrets.AddStateValue(scimCredAddr, credAttr("secret")),
					statecheck.ExpectKnownValue(scimCredAddr, credAttr("expire_after"), knownvalue.StringExact("720h")),
				},
				Check: testAccCheckLifetime(720 * time.Hour),
			},
			{
				// A new lifetime is a new credential.
				Config: testAccSCIMCredentialConfig(env, `  expire_after = "2h"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: append(slices.Clip(replaceActions),
					plancheck.ExpectKnownValue(scimCredAddr, credAttr("credential_type"), knownvalue.StringExact("BearerToken")))},
				ConfigStateChecks: []statecheck.StateCheck{
					ids.AddStateValue(scimCredAddr, credAttr("credential_id")),
					secrets.AddStateValue(scimCredAddr, credAttr("secret")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(testAccCheckLifetime(2*time.Hour), testAccCheckSCIMCredentialAlone(env)),
			},
			{
				// The same lifetime spelled differently changes only the state.
				PreConfig: env.Sim.ResetStats,
				Config:    testAccSCIMCredentialConfig(env, `  expire_after = "120m"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: append(updateActions, plancheck.ExpectKnownValue(scimCredAddr, credAttr("expire_after"), knownvalue.StringExact("120m"))),
				},
				ConfigStateChecks: []statecheck.StateCheck{same.AddStateValue(scimCredAddr, credAttr("secret"))},
				Check:             env.CheckNoMutatingCalls("a state-only update"),
			},
			{
				// rotate_before alone: an in-place, state-only update.
				PreConfig: env.Sim.ResetStats,
				Config:    testAccSCIMCredentialConfig(env, "  expire_after = \"120m\"\n  rotate_before = \"10m\""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: updateActions,
				},
				ConfigStateChecks: []statecheck.StateCheck{
					same.AddStateValue(scimCredAddr, credAttr("secret")),
					statecheck.ExpectKnownValue(scimCredAddr, credAttr("rotate_before"), knownvalue.StringExact("10m")),
				},
				Check: env.CheckNoMutatingCalls("a state-only update"),
			},
			{
				// The first keepers on a credential are adopted in place.
				PreConfig: env.Sim.ResetStats,
				Config:    testAccSCIMCredentialConfig(env, "  expire_after = \"120m\"\n  rotate_before = \"10m\"\n  keepers = { quarter = \"2025-Q1\" }"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: updateActions,
				},
				ConfigStateChecks: []statecheck.StateCheck{same.AddStateValue(scimCredAddr, credAttr("secret"))},
				Check:             env.CheckNoMutatingCalls("a state-only update"),
			},
			{
				// A changed keeper is a new credential.
				Config:           testAccSCIMCredentialConfig(env, "  expire_after = \"120m\"\n  rotate_before = \"10m\"\n  keepers = { quarter = \"2025-Q2\" }"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: replaceActions},
				ConfigStateChecks: []statecheck.StateCheck{
					ids.AddStateValue(scimCredAddr, credAttr("credential_id")),
					secrets.AddStateValue(scimCredAddr, credAttr("secret")),
					statecheck.ExpectKnownValue(scimCredAddr, credAttr("keepers"), knownvalue.MapExact(map[string]knownvalue.Check{
						"quarter": knownvalue.StringExact("2025-Q2"),
					})),
				},
				Check: testAccCheckSCIMCredentialAlone(env),
			},
		},
	})
}

// testAccCheckLifetime asserts expire_time − create_time.
func testAccCheckLifetime(want time.Duration) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		attrs := s.RootModule().Resources[scimCredAddr].Primary.Attributes
		created, err1 := time.Parse(time.RFC3339, attrs["create_time"])
		expires, err2 := time.Parse(time.RFC3339, attrs["expire_time"])
		if err := errors.Join(err1, err2); err != nil {
			return err
		}
		if got := expires.Sub(created); got != want {
			return fmt.Errorf("lifetime %s, want %s", got, want)
		}
		return nil
	}
}

func TestAccSCIMCredentialResource_drift(t *testing.T) {
	env := acctest.NewEnv(t)
	config := testAccSCIMCredentialConfig(env, fmt.Sprintf("  zone_id = %q", env.ZoneID))
	secrets := statecheck.CompareValue(compare.ValuesDiffer())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSCIMCredentialDestroy(env),
		Steps: []resource.TestStep{
			{
				Config:            config,
				ConfigStateChecks: []statecheck.StateCheck{secrets.AddStateValue(scimCredAddr, credAttr("secret"))},
			},
			{
				// Disabled in the console: the plan re-enables it in place, keeping the secret.
				PreConfig: func() {
					c := onlyCredential(t, env)
					if err := env.API.UpdateSCIMCredentialStatus(t.Context(), env.ZoneID, c.CredentialID, false); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: append(updateActions,
						plancheck.ExpectKnownValue(scimCredAddr, credAttr("enabled"), knownvalue.Bool(true)),
						plancheck.ExpectKnownValue(scimCredAddr, credAttr("status"), knownvalue.StringExact("Enabled"))),
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(scimCredAddr, credAttr("secret"), knownvalue.StringRegexp(nonEmptySecret)),
				},
				Check: testAccCheckSCIMCredentialStatus(env, true),
			},
			{
				// Deleted in the console: the plan creates a new one, with a new secret.
				PreConfig: func() {
					c := onlyCredential(t, env)
					if err := env.API.DeleteSCIMCredential(t.Context(), env.ZoneID, c.CredentialID); err != nil {
						t.Fatal(err)
					}
				},
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: createActions},
				ConfigStateChecks: []statecheck.StateCheck{
					secrets.AddStateValue(scimCredAddr, credAttr("secret")),
				},
				Check: testAccCheckSCIMCredentialAlone(env),
			},
		},
	})
}

func TestAccSCIMCredentialResource_rotateBefore(t *testing.T) {
	env := acctest.NewEnv(t)
	env.RequireSim(t)
	config := testAccSCIMCredentialConfig(env, "  expire_after  = \"2h\"\n  rotate_before = \"1h\"\n  lifecycle {\n    create_before_destroy = true\n  }")
	ids := statecheck.CompareValue(compare.ValuesDiffer())
	secrets := statecheck.CompareValue(compare.ValuesDiffer())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSCIMCredentialDestroy(env),
		Steps: []resource.TestStep{
			{
				// Fresh: two hours left, nothing due (the harness also asserts the empty plan after apply).
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					ids.AddStateValue(scimCredAddr, credAttr("credential_id")),
					secrets.AddStateValue(scimCredAddr, credAttr("secret")),
				},
			},
			{
				// Thirty minutes left: inside rotate_before, so the plan replaces it.
				PreConfig: func() {
					c := onlyCredential(t, env)
					if err := env.Sim.SetCredentialExpireTime(env.ZoneID, c.CredentialID, time.Now().Add(30*time.Minute)); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: append(replaceCBDFirst, plancheck.ExpectUnknownValue(scimCredAddr, credAttr("expire_time"))),
				},
				ConfigStateChecks: []statecheck.StateCheck{
					ids.AddStateValue(scimCredAddr, credAttr("credential_id")),
					secrets.AddStateValue(scimCredAddr, credAttr("secret")),
					statecheck.ExpectKnownValue(scimCredAddr, credAttr("secret"), knownvalue.StringRegexp(nonEmptySecret)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(testAccCheckSCIMCredentialAlone(env), testAccCheckLifetime(2*time.Hour)),
			},
			{
				// The new credential has two hours again: nothing to do.
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

func TestAccSCIMCredentialResource_createBeforeDestroyRotation(t *testing.T) {
	env := acctest.NewEnv(t)
	config := func(quarter string) string {
		return testAccSCIMCredentialConfig(env, fmt.Sprintf("  keepers = { quarter = %q }\n  lifecycle {\n    create_before_destroy = true\n  }", quarter))
	}
	ids := statecheck.CompareValue(compare.ValuesDiffer())
	secrets := statecheck.CompareValue(compare.ValuesDiffer())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSCIMCredentialDestroy(env),
		Steps: []resource.TestStep{
			{
				Config: config("2025-Q1"),
				ConfigStateChecks: []statecheck.StateCheck{
					ids.AddStateValue(scimCredAddr, credAttr("credential_id")),
					secrets.AddStateValue(scimCredAddr, credAttr("secret")),
				},
				Check: testAccCheckSCIMCredentialAlone(env),
			},
			{
				Config:           config("2025-Q2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: replaceCBDFirst},
				ConfigStateChecks: []statecheck.StateCheck{
					ids.AddStateValue(scimCredAddr, credAttr("credential_id")),
					secrets.AddStateValue(scimCredAddr, credAttr("secret")),
					statecheck.ExpectKnownValue(scimCredAddr, credAttr("secret"), knownvalue.StringRegexp(nonEmptySecret)),
				},
				Check: testAccCheckSCIMCredentialAlone(env),
			},
		},
	})
}

func TestAccSCIMCredentialResource_zoneFull(t *testing.T) {
	env := acctest.NewEnv(t)
	env.RequireSim(t)
	var existing []string
	for range maxSCIMCredentialsPerZone {
		c, err := env.API.CreateSCIMCredential(t.Context(), env.ZoneID, 0)
		if err != nil {
			t.Fatal(err)
		}
		existing = append(existing, regexp.QuoteMeta(c.CredentialID)+` \(Enabled, expires \d{4}-`)
	}
	env.Sim.ResetStats()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      testAccSCIMCredentialConfig(env, ""),
			ExpectError: regexp.MustCompile(`(?s)Unable to Create SCIM Credential.*already holds 2 SCIM credentials.*no request was sent.*` + existing[0] + `.*` + existing[1] + `.*create_before_destroy`),
		}},
	})
	if n := env.Calls("CreateSCIMCredential"); n != 0 {
		t.Errorf("the provider sent %d CreateSCIMCredential calls to a full zone, want 0", n)
	}
}

func TestAccSCIMCredentialResource_outcomeUnknown(t *testing.T) {
	cases := map[string]struct {
		fault   string
		deletes int64 // the orphan, when the lost create did make one
	}{
		"lost response": {idcsim.FaultLostResponse, 1},
		"InternalError": {"InternalError", 0},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			env := acctest.NewEnv(t)
			env.RequireSim(t)
			env.Sim.FailNext("CreateSCIMCredential", tc.fault, 1)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				CheckDestroy:             testAccCheckSCIMCredentialDestroy(env),
				Steps: []resource.TestStep{{
					Config: testAccSCIMCredentialConfig(env, ""),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(scimCredAddr, credAttr("secret"), knownvalue.StringRegexp(nonEmptySecret)),
					},
					Check: resource.ComposeAggregateTestCheckFunc(
						testAccCheckSCIMCredentialAlone(env),
						env.CheckCalls(map[string]int64{"CreateSCIMCredential": 2, "DeleteSCIMCredential": tc.deletes}),
					),
				}},
			})
		})
	}
}

func TestAccSCIMCredentialResource_importAdoptsSettings(t *testing.T) {
	env := acctest.NewEnv(t)
	// A credential made elsewhere (the console, the official provider) with a 30-day lifetime.
	c, err := env.API.CreateSCIMCredential(t.Context(), env.ZoneID, 720*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	body := fmt.Sprintf("  expire_after = \"720h\"\n  rotate_before = \"24h\"\n  keepers = { owner = \"platform\" }\n}\n\nimport {\n  to = %s\n  id = \"%s#%s\"", scimCredAddr, env.ZoneID, c.CredentialID)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSCIMCredentialDestroy(env),
		Steps: []resource.TestStep{
			{
				// Matching expire_after and first keepers on an imported credential: adopted, not replaced.
				Config: testAccSCIMCredentialConfig(env, body),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: append(updateActions, plancheck.ExpectKnownValue(scimCredAddr, credAttr("secret"), knownvalue.Null())),
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(scimCredAddr, credAttr("credential_id"), knownvalue.StringExact(c.CredentialID)),
					statecheck.ExpectKnownValue(scimCredAddr, credAttr("secret"), knownvalue.Null()),
					statecheck.ExpectKnownValue(scimCredAddr, credAttr("expire_after"), knownvalue.StringExact("720h")),
				},
				Check: testAccCheckSCIMCredentialAlone(env),
			},
			{
				// Now that keepers are known, changing one rotates the imported credential.
				Config:           testAccSCIMCredentialConfig(env, strings.Replace(body, "platform", "identity", 1)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: replaceActions},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(scimCredAddr, credAttr("secret"), knownvalue.StringRegexp(nonEmptySecret)),
				},
				Check: testAccCheckSCIMCredentialAlone(env),
			},
		},
	})
}

func TestAccSCIMCredentialResource_importLifetimeMismatchReplaces(t *testing.T) {
	env := acctest.NewEnv(t)
	c, err := env.API.CreateSCIMCredential(t.Context(), env.ZoneID, 0)
	if err != nil {
		t.Fatal(err)
	}
	body := fmt.Sprintf("  expire_after = \"720h\"\n}\n\nimport {\n  to = %s\n  id = \"%s/%s\"", scimCredAddr, env.ZoneID, c.CredentialID)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSCIMCredentialDestroy(env),
		Steps: []resource.TestStep{{
			// The imported credential lives a year; asking for 30 days needs a new one.
			Config:           testAccSCIMCredentialConfig(env, body),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: replaceActions},
			Check:            resource.ComposeAggregateTestCheckFunc(testAccCheckSCIMCredentialAlone(env), testAccCheckLifetime(720*time.Hour)),
		}},
	})
}

func TestAccSCIMCredentialResource_importByIdentity(t *testing.T) {
	env := acctest.NewEnv(t)
	config := testAccSCIMCredentialConfig(env, "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		CheckDestroy:             testAccCheckSCIMCredentialDestroy(env),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(scimCredAddr, map[string]knownvalue.Check{
						"zone_id":       knownvalue.StringExact(env.ZoneID),
						"credential_id": knownvalue.StringRegexp(credentialIDRe),
					}),
				},
			},
			{
				Config:                  config,
				ResourceName:            scimCredAddr,
				ImportState:             true,
				ImportStateKind:         resource.ImportBlockWithResourceIdentity,
				ImportStateVerifyIgnore: []string{"secret"},
			},
			{
				Config:                  config,
				ResourceName:            scimCredAddr,
				ImportState:             true,
				ImportStateKind:         resource.ImportBlockWithID,
				ImportStateIdFunc:       credentialImportID("/"),
				ImportStateVerifyIgnore: []string{"secret"},
			},
		},
	})
}

// The import command, as opposed to an import block: a credential that does not exist, and an
// ID whose credential part is malformed.
func TestAccSCIMCredentialResource_importCommandRefused(t *testing.T) {
	env := acctest.NewEnv(t)
	for name, tc := range map[string]struct{ id, want string }{
		"does not exist": {env.ZoneID + "/scimcred-000000000000", "Zone " + env.ZoneID + " has no SCIM credential scimcred-000000000000, so there is nothing to import"},
		"malformed":      {env.ZoneID + "/scimcred-not-an-id", `the credential ID "scimcred-not-an-id" is not`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:        testAccSCIMCredentialConfig(env, ""),
					ResourceName:  scimCredAddr,
					ImportState:   true,
					ImportStateId: tc.id,
					ExpectError:   acctest.Words(tc.want),
				}},
			})
		})
	}
}

// A create_before_destroy rotation in a zone whose other slot is taken: the apply fails before
// anything changes, says that one of the two is the credential being replaced, and does not
// advise setting create_before_destroy, which is set. (The plan's warning that names it is
// checked in TestReplacementRoom: the harness cannot see warnings.)
func TestAccSCIMCredentialResource_zoneFullDuringRotation(t *testing.T) {
	env := acctest.NewEnv(t)
	env.RequireSim(t)
	config := func(quarter string) string {
		return testAccSCIMCredentialConfig(env, fmt.Sprintf("  keepers = { quarter = %q }\n  lifecycle {\n    create_before_destroy = true\n  }", quarter))
	}
	var own, other string
	var failure string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSCIMCredentialDestroy(env),
		ErrorCheck: func(err error) error {
			failure = err.Error()
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: config("2025-Q1"),
				Check: func(s *terraform.State) error {
					own = s.RootModule().Resources[scimCredAddr].Primary.Attributes["credential_id"]
					return nil
				},
			},
			{
				// Someone mints the second credential in the console.
				PreConfig: func() {
					c, err := env.API.CreateSCIMCredential(t.Context(), env.ZoneID, 0)
					if err != nil {
						t.Fatal(err)
					}
					other = c.CredentialID
					env.Sim.ResetStats()
				},
				Config: config("2025-Q2"),
			},
			{
				// Nothing was sent, and the credential being replaced is still the one in use.
				PreConfig: func() {
					if n := env.Calls("CreateSCIMCredential"); n != 0 {
						t.Errorf("%d CreateSCIMCredential calls to a full zone, want 0", n)
					}
					if _, err := env.API.GetSCIMCredential(t.Context(), env.ZoneID, own); err != nil {
						t.Errorf("the credential being replaced: %v", err)
					}
				},
				Config:             config("2025-Q2"),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
		},
	})
	if failure == "" {
		t.Fatal("the rotation into a full zone succeeded")
	}
	if want := acctest.Words("Unable to Create SCIM Credential", "already holds 2 SCIM credentials", "no request was sent",
		"If this create is the new credential of a create_before_destroy replacement, one of these is the credential it replaces",
		"keep create_before_destroy, and free the other slot"); !want.MatchString(failure) {
		t.Errorf("the error does not match %s:\n%s", want, failure)
	}
	for _, id := range []string{own, other} {
		if !strings.Contains(failure, id) {
			t.Errorf("the error does not list %s:\n%s", id, failure)
		}
	}
	if strings.Contains(strings.Join(strings.Fields(failure), " "), "To rotate a credential, replace it with lifecycle { create_before_destroy = true }") {
		t.Errorf("the error advises setting create_before_destroy, which is set:\n%s", failure)
	}
}
