package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/acctest"
)

// testAccCheckNoChanges asserts that the simulator received no state-changing call since the
// last ResetStats.
func testAccCheckNoChanges(env *acctest.Env) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if calls := env.MutatingCalls(); len(calls) > 0 {
			return fmt.Errorf("the service received changes: %v", calls)
		}
		return nil
	}
}

// A provider zone_id that is well formed but another zone's must stop the plan: before, it
// planned a replacement of every resource, and the apply destroyed the IdP, the SCIM switch and
// the credential in the real zone before every create failed.
func TestAccZoneCheck_mistypedProviderZone(t *testing.T) {
	env := acctest.NewEnv(t)
	env.RequireSim(t)
	cert := validTestCert(t, "zone-check")
	const entity, login = "https://idp.example.com/zone-check", "https://idp.example.com/zone-check/sso"
	file := writeTestFile(t, "idp.xml", testMetadata(entity, login, mdStyle{}, cert))
	resources := fmt.Sprintf(`
resource "tencentcloudidc_scim_synchronization" "test" {}

resource "tencentcloudidc_scim_credential" "test" {
  depends_on = [tencentcloudidc_scim_synchronization.test]
}

resource "tencentcloudidc_saml_identity_provider" "test" {
  %s
}
`, metadataXMLFrom(file))
	typo := acctest.RandomZoneID()
	var credentialID string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSCIMSynchronization(env, false),
		Steps: []resource.TestStep{
			{
				Config: env.ProviderConfig(fmt.Sprintf("zone_id = %q", env.ZoneID)) + resources,
				Check: func(s *terraform.State) error {
					credentialID = s.RootModule().Resources[scimCredAddr].Primary.Attributes["credential_id"]
					return nil
				},
			},
			{
				PreConfig:   env.Sim.ResetStats,
				Config:      env.ProviderConfig(fmt.Sprintf("zone_id = %q", typo)) + resources,
				ExpectError: acctest.Words("Wrong Identity Center Zone", "Zone "+typo+" is not this organization's Identity Center zone: DescribeIdentityCenter reports zone "+env.ZoneID, "would destroy this resource in zone "+env.ZoneID, "nothing is destroyed", "provider's zone_id (or TENCENTCLOUDIDC_ZONE_ID): set it to "+env.ZoneID),
			},
			{
				// Nothing was sent, and the zone still holds what the first apply made.
				PreConfig: func() {
					if err := testAccCheckNoChanges(env)(nil); err != nil {
						t.Error(err)
					}
				},
				Config:           env.ProviderConfig(fmt.Sprintf("zone_id = %q", env.ZoneID)) + resources,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckSCIMSynchronization(env, true),
					expectIdP(env, entity, login, true, true, cert),
					func(*terraform.State) error {
						_, err := env.API.GetSCIMCredential(ctxBackground(), env.ZoneID, credentialID)
						return err
					},
				),
			},
		},
	})
}

// A zone_id that is unknown at plan time (it depends on another resource's ID) is checked too:
// the CLI plans each resource again during apply, once the zone is known, and that plan stops
// before anything is sent, so the create never meets ZoneIdNotExist and its advice for an object
// that vanished.
func TestAccZoneCheck_zoneUnknownAtPlan(t *testing.T) {
	env := acctest.NewEnv(t)
	env.RequireSim(t)
	other := acctest.RandomZoneID()
	cert := validTestCert(t, "unknown-zone")
	file := writeTestFile(t, "idp.xml", testMetadata("https://idp.example.com", "https://idp.example.com/sso", mdStyle{}, cert))
	for name, block := range map[string]string{
		"scim_synchronization":   "resource \"tencentcloudidc_scim_synchronization\" \"test\" {\n  zone_id = local.zone\n}\n",
		"scim_credential":        "resource \"tencentcloudidc_scim_credential\" \"test\" {\n  zone_id = local.zone\n}\n",
		"saml_identity_provider": "resource \"tencentcloudidc_saml_identity_provider\" \"test\" {\n  zone_id = local.zone\n  " + metadataXMLFrom(file) + "\n}\n",
	} {
		t.Run(name, func(t *testing.T) {
			env.Sim.ResetStats()
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: env.ProviderConfig() + fmt.Sprintf("resource \"terraform_data\" \"zone\" {}\n\nlocals {\n  zone = \"${substr(terraform_data.zone.id, 0, 0)}%s\"\n}\n\n", other) + block,
					ExpectError: acctest.Words("Wrong Identity Center Zone", "Zone "+other+" is not this organization's Identity Center zone",
						"Nothing is created", "set it to "+env.ZoneID+", or remove it"),
				}},
			})
			if err := testAccCheckNoChanges(env)(nil); err != nil {
				t.Error(err)
			}
		})
	}
}

// When the zone cannot be checked, nothing is planned: a replacement could otherwise destroy.
func TestAccZoneCheck_describeFails(t *testing.T) {
	env := acctest.NewEnv(t)
	env.RequireSim(t)
	// More than the client's retries of one call.
	env.Sim.FailNext("DescribeIdentityCenter", "InternalError", 20)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.ProviderConfig(fmt.Sprintf("zone_id = %q", env.ZoneID)) + "resource \"tencentcloudidc_scim_synchronization\" \"test\" {}\n",
			ExpectError: acctest.Words("Unable to Check Identity Center Zone", "Before creating this resource in zone "+env.ZoneID,
				"DescribeIdentityCenter", "nothing is planned", "InternalError"),
		}},
	})
	if err := testAccCheckNoChanges(env)(nil); err != nil {
		t.Error(err)
	}
}
