package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/acctest"
)

const scimSyncAddr = "tencentcloudidc_scim_synchronization.test"

func testAccSCIMSynchronizationConfig(env *acctest.Env, body string) string {
	return env.ProviderConfig() + fmt.Sprintf("resource \"tencentcloudidc_scim_synchronization\" \"test\" {\n%s\n}\n", body)
}

// testAccCheckSCIMSynchronization asserts the switch as the API reports it.
func testAccCheckSCIMSynchronization(env *acctest.Env, want bool) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got, err := env.API.GetSCIMSynchronizationStatus(ctxBackground(), env.ZoneID)
		if err != nil {
			return err
		}
		if got != want {
			return fmt.Errorf("SCIM synchronization of %s: got enabled=%t, want %t", env.ZoneID, got, want)
		}
		return nil
	}
}

func TestAccSCIMSynchronizationResource_basic(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSCIMSynchronization(env, false),
		Steps: []resource.TestStep{
			{
				Config: testAccSCIMSynchronizationConfig(env, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(scimSyncAddr, tfjsonpath.New("zone_id"), knownvalue.StringExact(env.ZoneID)),
					statecheck.ExpectKnownValue(scimSyncAddr, tfjsonpath.New("id"), knownvalue.StringExact(env.ZoneID)),
					statecheck.ExpectKnownValue(scimSyncAddr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(scimSyncAddr, tfjsonpath.New("disable_on_destroy"), knownvalue.Bool(true)),
				},
				Check: testAccCheckSCIMSynchronization(env, true),
			},
			{
				ResourceName:      scimSyncAddr,
				ImportState:       true,
				ImportStateId:     env.ZoneID,
				ImportStateVerify: true,
			},
			{
				Config: testAccSCIMSynchronizationConfig(env, "  enabled = false"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(scimSyncAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(scimSyncAddr, tfjsonpath.New("enabled"), knownvalue.Bool(false)),
				},
				Check: testAccCheckSCIMSynchronization(env, false),
			},
			{
				Config: testAccSCIMSynchronizationConfig(env, "  enabled = true"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(scimSyncAddr, plancheck.ResourceActionUpdate)},
				},
				Check: testAccCheckSCIMSynchronization(env, true),
			},
		},
	})
}

func TestAccSCIMSynchronizationResource_disableOnDestroyFalse(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		// Destroy only forgot the switch: it is still on.
		CheckDestroy: testAccCheckSCIMSynchronization(env, true),
		Steps: []resource.TestStep{{
			Config: testAccSCIMSynchronizationConfig(env, "  disable_on_destroy = false"),
			Check:  testAccCheckSCIMSynchronization(env, true),
		}},
	})
}

func TestAccSCIMSynchronizationResource_drift(t *testing.T) {
	env := acctest.NewEnv(t)
	config := testAccSCIMSynchronizationConfig(env, fmt.Sprintf("  zone_id = %q", env.ZoneID))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSCIMSynchronization(env, false),
		Steps: []resource.TestStep{
			{Config: config},
			{
				// Someone turns synchronization off in the console: the plan shows it, apply repairs it.
				PreConfig: func() {
					if err := env.API.UpdateSCIMSynchronizationStatus(ctxBackground(), env.ZoneID, false); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(scimSyncAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(scimSyncAddr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
					},
				},
				Check: testAccCheckSCIMSynchronization(env, true),
			},
		},
	})
}

func TestAccSCIMSynchronizationResource_otherZoneRefused(t *testing.T) {
	env := acctest.NewEnv(t)
	env.RequireSim(t)
	other := acctest.RandomZoneID()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSCIMSynchronization(env, false),
		Steps: []resource.TestStep{
			{Config: testAccSCIMSynchronizationConfig(env, "")},
			{
				// Naming the discovered zone explicitly changes nothing.
				Config: testAccSCIMSynchronizationConfig(env, fmt.Sprintf("  zone_id = %q", env.ZoneID)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// Another zone would be a replacement, and the organization has no other zone: the
				// plan stops before the switch of the real zone is turned off.
				PreConfig: env.Sim.ResetStats,
				Config:    testAccSCIMSynchronizationConfig(env, fmt.Sprintf("  zone_id = %q", other)),
				ExpectError: acctest.Words("Wrong Identity Center Zone", fmt.Sprintf("zone_id = %q", other),
					"Zone "+other+" is not this organization's Identity Center zone",
					"would destroy this resource in zone "+env.ZoneID+" and then fail to create it in zone "+other, "nothing is destroyed",
					"set it to "+env.ZoneID+", or remove it"),
			},
			{
				PreConfig: func() {
					if err := testAccCheckNoChanges(env)(nil); err != nil {
						t.Error(err)
					}
				},
				Config:           testAccSCIMSynchronizationConfig(env, fmt.Sprintf("  zone_id = %q", env.ZoneID)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            testAccCheckSCIMSynchronization(env, true),
			},
		},
	})
}

func TestAccSCIMSynchronizationResource_importByIdentity(t *testing.T) {
	env := acctest.NewEnv(t)
	config := testAccSCIMSynchronizationConfig(env, "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(scimSyncAddr, map[string]knownvalue.Check{"zone_id": knownvalue.StringExact(env.ZoneID)}),
				},
			},
			{
				Config:          config,
				ResourceName:    scimSyncAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
			{
				Config:          config,
				ResourceName:    scimSyncAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   env.ZoneID,
			},
		},
	})
}
