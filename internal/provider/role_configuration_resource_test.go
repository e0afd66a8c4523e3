package provider

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"testing"
	"time"

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

const rcAddr = "tencentcloudidc_role_configuration.test"

var (
	rcAttr          = tfjsonpath.New[string]
	rcUpdateActions = []plancheck.PlanCheck{plancheck.ExpectResourceAction(rcAddr, plancheck.ResourceActionUpdate)}
	rcCreateActions = []plancheck.PlanCheck{plancheck.ExpectResourceAction(rcAddr, plancheck.ResourceActionCreate)}
)

func testAccRoleConfigurationConfig(env *acctest.Env, body string) string {
	return env.ProviderConfig() + fmt.Sprintf("resource \"tencentcloudidc_role_configuration\" \"test\" {\n%s\n}\n", body)
}

// rcEnv is a simulator with member accounts and quick tasks.
func rcEnv(t *testing.T) *acctest.Env {
	env := acctest.NewEnv(t, idcsim.Options{SeedAccounts: 2, TaskDelay: 50 * time.Millisecond})
	env.RequireSim(t)
	return env
}

const rcBasicBody = `
  name             = "platform-readonly"
  description      = "Read-only network access"
  system_policies  = ["QcloudVPCReadOnlyAccess"]
  custom_policy    = jsonencode({
    version   = "2.0"
    statement = [{ effect = "allow", action = ["cos:GetObject"], resource = ["*"] }]
  })
`

func rcStateID(s *terraform.State) (zone, id string, err error) {
	rs, ok := s.RootModule().Resources[rcAddr]
	if !ok {
		return "", "", fmt.Errorf("%s is not in the state", rcAddr)
	}
	return rs.Primary.Attributes["zone_id"], rs.Primary.Attributes["role_configuration_id"], nil
}

func rcImportID(sep string) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		zone, id, err := rcStateID(s)
		return zone + sep + id, err
	}
}

// rcAPI runs f against the role configuration in the state, as the console would.
func rcAPI(env *acctest.Env, f func(ctx context.Context, api *idc.Client, zone, id string) error) func(*terraform.State) error {
	return func(s *terraform.State) error {
		zone, id, err := rcStateID(s)
		if err != nil {
			return err
		}
		return f(context.Background(), env.API, zone, id)
	}
}

func testAccCheckRoleConfigurationDestroy(env *acctest.Env) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "tencentcloudidc_role_configuration" {
				continue
			}
			_, err := env.API.GetRoleConfiguration(context.Background(), rs.Primary.Attributes["zone_id"], rs.Primary.Attributes["role_configuration_id"])
			if !errors.Is(err, idc.ErrNotFound) {
				return fmt.Errorf("role configuration %s survived the destroy (%v)", rs.Primary.Attributes["role_configuration_id"], err)
			}
		}
		return nil
	}
}

func memberUin(t *testing.T, env *acctest.Env) int64 {
	t.Helper()
	members, err := env.API.ListOrganizationMembers(t.Context(), idc.ListOrganizationMembersInput{Lang: "en"})
	if err != nil || len(members) == 0 {
		t.Fatalf("ListOrganizationMembers = %v, %v", members, err)
	}
	return members[0].MemberUin
}

// deployTo deploys the role configuration to uin directly, as the console does.
func deployTo(env *acctest.Env, uin int64) func(*terraform.State) error {
	return rcAPI(env, func(ctx context.Context, api *idc.Client, zone, id string) error {
		task, err := api.ProvisionRoleConfiguration(ctx, idc.RoleTarget{ZoneID: zone, RoleConfigurationID: id, TargetType: idc.TargetTypeMember, TargetUin: uin})
		if err != nil {
			return err
		}
		_, err = api.WaitForTask(ctx, zone, task.TaskID)
		return err
	})
}

func checkDeploymentStatus(env *acctest.Env, uin int64, want string) func(*terraform.State) error {
	return rcAPI(env, func(ctx context.Context, api *idc.Client, zone, id string) error {
		p, err := api.GetRoleConfigurationProvisioning(ctx, idc.RoleTarget{ZoneID: zone, RoleConfigurationID: id, TargetType: idc.TargetTypeMember, TargetUin: uin})
		if err != nil {
			return err
		}
		if p.DeploymentStatus != want {
			return fmt.Errorf("deployment on %d is %s, want %s", uin, p.DeploymentStatus, want)
		}
		return nil
	})
}

func checkPolicies(env *acctest.Env, want ...string) func(*terraform.State) error {
	return rcAPI(env, func(ctx context.Context, api *idc.Client, zone, id string) error {
		ps, err := api.ListPermissionPoliciesInRoleConfiguration(ctx, zone, id, "", "")
		if err != nil {
			return err
		}
		got := map[string]bool{}
		for _, p := range ps {
			got[p.PolicyType+":"+p.PolicyName] = true
		}
		if len(got) != len(want) {
			return fmt.Errorf("policies %v, want %v", got, want)
		}
		for _, w := range want {
			if !got[w] {
				return fmt.Errorf("policies %v, want %v", got, want)
			}
		}
		return nil
	})
}

func TestAccRoleConfigurationResource_basic(t *testing.T) {
	env := rcEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRoleConfigurationDestroy(env),
		Steps: []resource.TestStep{
			{
				Config:           testAccRoleConfigurationConfig(env, rcBasicBody),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: rcCreateActions},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(rcAddr, rcAttr("role_configuration_id"), knownvalue.StringRegexp(regexp.MustCompile(`^rc-[a-z0-9]{12}$`))),
					statecheck.ExpectKnownValue(rcAddr, rcAttr("id"), knownvalue.StringRegexp(regexp.MustCompile("^"+env.ZoneID+"/rc-[a-z0-9]{12}$"))),
					statecheck.ExpectKnownValue(rcAddr, rcAttr("zone_id"), knownvalue.StringExact(env.ZoneID)),
					statecheck.ExpectKnownValue(rcAddr, rcAttr("session_duration"), knownvalue.StringExact("1h")),
					statecheck.ExpectKnownValue(rcAddr, rcAttr("custom_policy_name"), knownvalue.StringExact("inline-policy")),
					statecheck.ExpectKnownValue(rcAddr, rcAttr("system_policy_ids"), knownvalue.MapExact(map[string]knownvalue.Check{
						"QcloudVPCReadOnlyAccess": knownvalue.Int64Exact(186457),
					})),
					statecheck.ExpectKnownValue(rcAddr, rcAttr("deployments"), knownvalue.ListSizeExact(0)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkPolicies(env, "System:QcloudVPCReadOnlyAccess", "Custom:inline-policy"),
					rcAPI(env, func(ctx context.Context, api *idc.Client, zone, id string) error {
						rc, err := api.GetRoleConfiguration(ctx, zone, id)
						if err != nil {
							return err
						}
						if rc.SessionDuration != 3600 || rc.Description != "Read-only network access" {
							return fmt.Errorf("service has %+v", rc)
						}
						return nil
					}),
				),
			},
			{ResourceName: rcAddr, ImportState: true, ImportStateIdFunc: rcImportID("/"), ImportStateVerify: true},
			{ResourceName: rcAddr, ImportState: true, ImportStateIdFunc: rcImportID("#"), ImportStateVerify: true},
			{
				ResourceName: rcAddr, ImportState: true, ImportStateVerify: true,
				ImportStateIdFunc: func(s *terraform.State) (string, error) {
					zone, _, err := rcStateID(s)
					return zone + "/platform-readonly", err
				},
			},
			{
				ResourceName: rcAddr, ImportState: true,
				ImportStateIdFunc: func(s *terraform.State) (string, error) {
					zone, _, err := rcStateID(s)
					return zone + "/platform", err
				},
				ExpectError: regexp.MustCompile(`Role Configuration Not Found(.|\n)*has\s+no\s+role\s+configuration\s+named\s+"platform"`),
			},
			{
				Config: testAccRoleConfigurationConfig(env, rcBasicBody+`  session_duration = "2h30m"
  relay_state      = "https://console.cloud.tencent.com/vpc"
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: rcUpdateActions},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(rcAddr, rcAttr("session_duration"), knownvalue.StringExact("2h30m")),
				},
				Check: rcAPI(env, func(ctx context.Context, api *idc.Client, zone, id string) error {
					rc, err := api.GetRoleConfiguration(ctx, zone, id)
					if err != nil {
						return err
					}
					if rc.SessionDuration != 9000 || rc.RelayState != "https://console.cloud.tencent.com/vpc" {
						return fmt.Errorf("service has %+v", rc)
					}
					return nil
				}),
			},
			{
				// Removing the description and the relay state clears them.
				Config: testAccRoleConfigurationConfig(env, `
  name            = "platform-readonly"
  system_policies = ["QcloudVPCReadOnlyAccess"]
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: rcUpdateActions},
				Check: rcAPI(env, func(ctx context.Context, api *idc.Client, zone, id string) error {
					rc, err := api.GetRoleConfiguration(ctx, zone, id)
					if err != nil {
						return err
					}
					if rc.SessionDuration != 3600 || rc.RelayState != "" || rc.Description != "" {
						return fmt.Errorf("service has %+v", rc)
					}
					return nil
				}),
			},
		},
	})
}

func TestAccRoleConfigurationResource_importByIdentity(t *testing.T) {
	env := rcEnv(t)
	config := testAccRoleConfigurationConfig(env, rcBasicBody)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		CheckDestroy:             testAccCheckRoleConfigurationDestroy(env),
		Steps: []resource.TestStep{
			{Config: config},
			{Config: config, ResourceName: rcAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
		},
	})
}

func TestAccRoleConfigurationResource_customPolicyByMeaning(t *testing.T) {
	env := rcEnv(t)
	heredoc := `
  name            = "by-meaning"
  system_policies = ["QcloudVPCReadOnlyAccess"]
  custom_policy   = <<-EOT
    {
      "statement": [ { "resource": ["*"], "action": ["cos:GetObject"], "effect": "allow" } ],
      "version":   "2.0"
    }
  EOT
`
	jsonencoded := `
  name            = "by-meaning"
  system_policies = ["QcloudVPCReadOnlyAccess"]
  custom_policy   = jsonencode({
    version   = "2.0"
    statement = [{ effect = "allow", action = ["cos:GetObject"], resource = ["*"] }]
  })
`
	changed := `
  name            = "by-meaning"
  system_policies = ["QcloudVPCReadOnlyAccess"]
  custom_policy   = jsonencode({
    version   = "2.0"
    statement = [{ effect = "deny", action = ["cos:DeleteObject"], resource = ["*"] }]
  })
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRoleConfigurationDestroy(env),
		Steps: []resource.TestStep{
			{Config: testAccRoleConfigurationConfig(env, jsonencoded)},
			{
				// The service hands back the document in another layout (as the console saves it):
				// the refresh keeps the state's text, so the plan is empty.
				Config: testAccRoleConfigurationConfig(env, jsonencoded),
				Check: rcAPI(env, func(ctx context.Context, api *idc.Client, zone, id string) error {
					return api.UpdateCustomPolicyForRoleConfiguration(ctx, zone, id, "inline-policy",
						"{\n  \"version\": \"2.0\",\n  \"statement\": [{\"resource\": [\"*\"], \"effect\": \"allow\", \"action\": [\"cos:GetObject\"]}]\n}")
				}),
			},
			{
				Config:   testAccRoleConfigurationConfig(env, jsonencoded),
				PlanOnly: true,
			},
			{
				// The same document written as a heredoc: Terraform shows the new text (a plan must
				// match the configuration), but the apply sends nothing and redeploys nothing.
				PreConfig: func() { env.Sim.ResetStats() },
				Config:    testAccRoleConfigurationConfig(env, heredoc),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: append(rcUpdateActions,
					plancheck.ExpectKnownValue(rcAddr, rcAttr("system_policy_ids"), knownvalue.MapSizeExact(1)))},
				Check: env.CheckNoMutatingCalls("an update of the document's layout"),
			},
			{
				// A document that means something else is updated in place with one call.
				PreConfig:        func() { env.Sim.ResetStats() },
				Config:           testAccRoleConfigurationConfig(env, changed),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: rcUpdateActions},
				Check: env.CheckCalls(map[string]int64{
					"UpdateCustomPolicyForRoleConfiguration": 1,
				}),
			},
		},
	})
}

func TestAccRoleConfigurationResource_drift(t *testing.T) {
	env := rcEnv(t)
	config := testAccRoleConfigurationConfig(env, rcBasicBody)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRoleConfigurationDestroy(env),
		Steps: []resource.TestStep{
			{
				Config: config,
				// Behind Terraform's back: a system policy added, the custom one removed, the description edited.
				Check: rcAPI(env, func(ctx context.Context, api *idc.Client, zone, id string) error {
					if err := api.AddPermissionPolicyToRoleConfiguration(ctx, idc.AddPermissionPolicyInput{
						ZoneID: zone, RoleConfigurationID: id, PolicyType: idc.PolicyTypeSystem, PolicyNames: []string{"QcloudCOSReadOnlyAccess"},
					}); err != nil {
						return err
					}
					if err := api.RemoveCustomPolicyFromRoleConfiguration(ctx, zone, id, "inline-policy"); err != nil {
						return err
					}
					d := "widened in the console"
					_, err := api.UpdateRoleConfiguration(ctx, idc.UpdateRoleConfigurationInput{ZoneID: zone, RoleConfigurationID: id, Description: &d})
					return err
				}),
				ExpectNonEmptyPlan: true,
			},
			{
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: rcUpdateActions},
				Check:            checkPolicies(env, "System:QcloudVPCReadOnlyAccess", "Custom:inline-policy"),
			},
			{
				// The custom document edited in the console is put back.
				Config: config,
				Check: rcAPI(env, func(ctx context.Context, api *idc.Client, zone, id string) error {
					return api.UpdateCustomPolicyForRoleConfiguration(ctx, zone, id, "inline-policy",
						`{"version":"2.0","statement":[{"effect":"allow","action":["*"],"resource":["*"]}]}`)
				}),
				ExpectNonEmptyPlan: true,
			},
			{
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: rcUpdateActions},
				Check: rcAPI(env, func(ctx context.Context, api *idc.Client, zone, id string) error {
					ps, err := api.ListPermissionPoliciesInRoleConfiguration(ctx, zone, id, idc.PolicyTypeCustom, "")
					if err != nil || len(ps) != 1 || !jsonSameMeaning(ps[0].Document,
						`{"version":"2.0","statement":[{"effect":"allow","action":["cos:GetObject"],"resource":["*"]}]}`) {
						return fmt.Errorf("custom policies %+v, %v", ps, err)
					}
					return nil
				}),
			},
			{
				// Deleted in the console: the plan creates it again.
				Config: config,
				Check: rcAPI(env, func(ctx context.Context, api *idc.Client, zone, id string) error {
					ps, err := api.ListPermissionPoliciesInRoleConfiguration(ctx, zone, id, "", "")
					if err != nil {
						return err
					}
					for _, p := range ps {
						if p.PolicyType == idc.PolicyTypeSystem {
							err = api.RemoveSystemPolicyFromRoleConfiguration(ctx, zone, id, p.PolicyID)
						} else {
							err = api.RemoveCustomPolicyFromRoleConfiguration(ctx, zone, id, p.PolicyName)
						}
						if err != nil {
							return err
						}
					}
					return api.DeleteRoleConfiguration(ctx, zone, id)
				}),
				ExpectNonEmptyPlan: true,
			},
			{
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: rcCreateActions},
				Check:            checkPolicies(env, "System:QcloudVPCReadOnlyAccess", "Custom:inline-policy"),
			},
		},
	})
}

func TestAccRoleConfigurationResource_redeploy(t *testing.T) {
	env := rcEnv(t)
	uin := memberUin(t, env)
	config := testAccRoleConfigurationConfig(env, rcBasicBody)
	edited := testAccRoleConfigurationConfig(env, `
  name            = "platform-readonly"
  description     = "Read-only network access"
  system_policies = ["QcloudVPCReadOnlyAccess", "QcloudCOSReadOnlyAccess"]
  custom_policy   = jsonencode({
    version   = "2.0"
    statement = [{ effect = "allow", action = ["cos:GetObject"], resource = ["*"] }]
  })
`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRoleConfigurationDestroy(env),
		Steps: []resource.TestStep{
			{
				// Deployed to a member account as the console does; the refresh after shows it.
				Config:             config,
				Check:              deployTo(env, uin),
				ExpectNonEmptyPlan: false,
			},
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(rcAddr, rcAttr("deployments"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"target_uin": knownvalue.Int64Exact(uin), "status": knownvalue.StringExact("Deployed"),
						}),
					})),
				},
			},
			{
				// A policy edit redeploys in the same apply.
				PreConfig:        func() { env.Sim.ResetStats() },
				Config:           edited,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectUnknownValue(rcAddr, rcAttr("deployments"))}},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkDeploymentStatus(env, uin, "Deployed"),
					env.CheckCalls(map[string]int64{"AddPermissionPolicyToRoleConfiguration": 1, "ProvisionRoleConfiguration": 1}),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(rcAddr, rcAttr("deployments").AtSliceIndex(0).AtMapKey("status"), knownvalue.StringExact("Deployed")),
				},
			},
			{
				// Edited in the console, not redeployed: DeployedRequired is drift.
				Config: edited,
				Check: resource.ComposeAggregateTestCheckFunc(
					rcAPI(env, func(ctx context.Context, api *idc.Client, zone, id string) error {
						return api.UpdateCustomPolicyForRoleConfiguration(ctx, zone, id, "inline-policy",
							`{"version":"2.0","statement":[{"effect":"allow","action":["cos:GetObject"],"resource":["*"]}]}`)
					}),
					checkDeploymentStatus(env, uin, "DeployedRequired"),
				),
				ExpectNonEmptyPlan: true,
			},
			{
				Config: edited,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: append(rcUpdateActions,
					plancheck.ExpectUnknownValue(rcAddr, rcAttr("deployments")))},
				Check: checkDeploymentStatus(env, uin, "Deployed"),
			},
		},
	})
}

func TestAccRoleConfigurationResource_taskFailure(t *testing.T) {
	env := rcEnv(t)
	uin := memberUin(t, env)
	config := testAccRoleConfigurationConfig(env, rcBasicBody)
	edited := testAccRoleConfigurationConfig(env, rcBasicBody+`  custom_policy_name = "network-extra"
`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRoleConfigurationDestroy(env),
		Steps: []resource.TestStep{
			{Config: config, Check: deployTo(env, uin)},
			{
				PreConfig: func() {
					if err := env.Sim.SetFaults("task-failure=1"); err != nil {
						t.Fatal(err)
					}
				},
				Config: edited,
				ExpectError: regexp.MustCompile(`(?s)Unable to Update Role Configuration.*account\s+` + fmt.Sprint(uin) +
					`.*task\s+t-[a-z0-9]{12}\s+ended\s+Failed:.*Simulated\s+task\s+failure`),
			},
			{
				// The state is honest: the account is not Deployed, and the next plan redeploys it.
				PreConfig: func() {
					if err := env.Sim.SetFaults(""); err != nil {
						t.Fatal(err)
					}
				},
				Config: edited,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: append(rcUpdateActions,
					plancheck.ExpectUnknownValue(rcAddr, rcAttr("deployments")))},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkDeploymentStatus(env, uin, "Deployed"),
					checkPolicies(env, "System:QcloudVPCReadOnlyAccess", "Custom:network-extra"),
				),
			},
		},
	})
}

// A name already in use in the zone is refused: the create never takes over the existing one.
func TestAccRoleConfigurationResource_nameTaken(t *testing.T) {
	env := rcEnv(t)
	existing, err := env.API.CreateRoleConfiguration(t.Context(), idc.CreateRoleConfigurationInput{ZoneID: env.ZoneID, Name: "platform-readonly"})
	if err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: func() { env.Sim.ResetStats() },
			Config:    testAccRoleConfigurationConfig(env, rcBasicBody),
			ExpectError: regexp.MustCompile(`(?s)Unable to Create Role Configuration.*already\s+has\s+a\s+role\s+configuration\s+named\s+"platform-readonly"\s+\(` +
				existing.RoleConfigurationID + `\).*Nothing\s+was\s+changed.*import`),
		}},
		CheckDestroy: func(*terraform.State) error {
			if err := env.CheckCalls(map[string]int64{"CreateRoleConfiguration": 0})(nil); err != nil {
				return err
			}
			ps, err := env.API.ListPermissionPoliciesInRoleConfiguration(context.Background(), env.ZoneID, existing.RoleConfigurationID, "", "")
			if err != nil || len(ps) != 0 {
				return fmt.Errorf("the existing role configuration got policies %+v (%v)", ps, err)
			}
			return nil
		},
	})
}

// With redeploy = false a policy edit leaves the account DeployedRequired, the state says so,
// and the plan after it is empty: redeploying is left to someone else.
func TestAccRoleConfigurationResource_redeployOff(t *testing.T) {
	env := rcEnv(t)
	uin := memberUin(t, env)
	config := testAccRoleConfigurationConfig(env, rcBasicBody+"  redeploy = false\n")
	edited := testAccRoleConfigurationConfig(env, `
  name            = "platform-readonly"
  description     = "Read-only network access"
  system_policies = ["QcloudVPCReadOnlyAccess", "QcloudCOSReadOnlyAccess"]
  redeploy        = false
`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRoleConfigurationDestroy(env),
		Steps: []resource.TestStep{
			{Config: config, Check: deployTo(env, uin)},
			{
				PreConfig: func() { env.Sim.ResetStats() },
				Config:    edited,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: append(rcUpdateActions,
					plancheck.ExpectUnknownValue(rcAddr, rcAttr("deployments")))},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(rcAddr, rcAttr("deployments").AtSliceIndex(0).AtMapKey("status"), knownvalue.StringExact("DeployedRequired")),
					statecheck.ExpectKnownValue(rcAddr, rcAttr("custom_policy"), knownvalue.Null()),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkDeploymentStatus(env, uin, "DeployedRequired"),
					checkPolicies(env, "System:QcloudVPCReadOnlyAccess", "System:QcloudCOSReadOnlyAccess"),
					env.CheckCalls(map[string]int64{
						"AddPermissionPolicyToRoleConfiguration": 1, "RemovePermissionPolicyFromRoleConfiguration": 1,
					}),
				),
			},
			{Config: edited, PlanOnly: true},
		},
	})
}

// A redeploy task still running when timeouts.update runs out: the error names the account and
// the task, and the next apply picks the deployment up again.
func TestAccRoleConfigurationResource_redeployTimeout(t *testing.T) {
	env := acctest.NewEnv(t, idcsim.Options{SeedAccounts: 1, TaskDelay: 3 * time.Second})
	env.RequireSim(t)
	uin := memberUin(t, env)
	config := testAccRoleConfigurationConfig(env, rcBasicBody+"  timeouts {\n    update = \"1s\"\n  }\n")
	edited := testAccRoleConfigurationConfig(env, rcBasicBody+"  custom_policy_name = \"renamed\"\n  timeouts {\n    update = \"1s\"\n  }\n")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRoleConfigurationDestroy(env),
		Steps: []resource.TestStep{
			{Config: config, Check: deployTo(env, uin)},
			{
				Config: edited,
				ExpectError: regexp.MustCompile(`(?s)Unable to Update Role Configuration.*redeploy\s+to\s+account\s+` + fmt.Sprint(uin) +
					`.*was\s+started,\s+but\s+task\s+t-[a-z0-9]{12}\s.*had\s+not\s+finished.*timeouts.update\s+=\s+"1s".*Raise\s+timeouts.update`),
			},
			{
				PreConfig: func() { time.Sleep(3 * time.Second) },
				Config:    testAccRoleConfigurationConfig(env, rcBasicBody+"  custom_policy_name = \"renamed\"\n"),
				Check:     checkDeploymentStatus(env, uin, "Deployed"),
			},
		},
	})
}

// The answer to the create is lost after the service made it: the configuration found by name
// afterwards is this create's (the name was free just before), so it is adopted, not duplicated.
func TestAccRoleConfigurationResource_createAnswerLost(t *testing.T) {
	env := rcEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRoleConfigurationDestroy(env),
		Steps: []resource.TestStep{{
			PreConfig: func() {
				env.Sim.ResetStats()
				env.Sim.FailNext("CreateRoleConfiguration", idcsim.FaultLostResponse, 1)
			},
			Config: testAccRoleConfigurationConfig(env, rcBasicBody),
			Check: resource.ComposeAggregateTestCheckFunc(
				env.CheckCalls(map[string]int64{"CreateRoleConfiguration": 1, "AddPermissionPolicyToRoleConfiguration": 2}),
				checkPolicies(env, "System:QcloudVPCReadOnlyAccess", "Custom:inline-policy"),
				func(*terraform.State) error {
					rcs, err := env.API.ListRoleConfigurations(context.Background(), idc.ListRoleConfigurationsInput{ZoneID: env.ZoneID})
					if err != nil || len(rcs) != 1 {
						return fmt.Errorf("role configurations %+v, %v; want exactly one", rcs, err)
					}
					return nil
				},
			),
		}},
	})
}

// A create whose answer never came, and that did not take effect (the connection was reset, or
// the service answered InternalError, before it made anything), is sent again once the zone is
// seen to have no configuration of that name: one configuration, no error. The same for the
// policy attachments: one whose answer was lost but that took effect is not sent again, one that
// did not take effect is.
func TestAccRoleConfigurationResource_createNotTakenResent(t *testing.T) {
	env := rcEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRoleConfigurationDestroy(env),
		Steps: []resource.TestStep{{
			PreConfig: func() {
				env.Sim.ResetStats()
				env.Sim.FailNext("CreateRoleConfiguration", idcsim.FaultReset, 1)
				env.Sim.FailNext("CreateRoleConfiguration", "InternalError", 1)
				env.Sim.FailNext("AddPermissionPolicyToRoleConfiguration", idcsim.FaultLostResponse, 1)
				env.Sim.FailNext("AddPermissionPolicyToRoleConfiguration", "InternalError", 1)
			},
			Config: testAccRoleConfigurationConfig(env, rcBasicBody),
			Check: resource.ComposeAggregateTestCheckFunc(
				env.CheckCalls(map[string]int64{"CreateRoleConfiguration": 3, "AddPermissionPolicyToRoleConfiguration": 3}),
				checkPolicies(env, "System:QcloudVPCReadOnlyAccess", "Custom:inline-policy"),
				func(*terraform.State) error {
					rcs, err := env.API.ListRoleConfigurations(context.Background(), idc.ListRoleConfigurationsInput{ZoneID: env.ZoneID})
					if err != nil || len(rcs) != 1 {
						return fmt.Errorf("role configurations %+v, %v; want exactly one", rcs, err)
					}
					return nil
				},
			),
		}},
	})
}

// A configuration that still has role assignments is not destroyed: the refusal names them and
// nothing changes (no deployment removed, no policy detached). Once the assignment is gone, the
// destroy goes through.
func TestAccRoleConfigurationResource_destroyRefusedWhileAssigned(t *testing.T) {
	env := rcEnv(t)
	uin := memberUin(t, env)
	group := addGroup(t, env, "cloud-engineers")
	config := testAccRoleConfigurationConfig(env, rcBasicBody)
	var key idc.RoleAssignmentKey
	assign := rcAPI(env, func(ctx context.Context, api *idc.Client, zone, id string) error {
		key = idc.RoleAssignmentKey{RoleConfigurationID: id, TargetType: idc.TargetTypeMember, TargetUin: uin,
			PrincipalType: idc.PrincipalTypeGroup, PrincipalID: group}
		tasks, err := api.CreateRoleAssignment(ctx, zone, []idc.RoleAssignmentKey{key})
		if err != nil {
			return err
		}
		for _, task := range tasks {
			if _, err := api.WaitForTask(ctx, zone, task.TaskID); err != nil {
				return err
			}
		}
		return nil
	})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRoleConfigurationDestroy(env),
		Steps: []resource.TestStep{
			{Config: config, Check: assign},
			{
				PreConfig:   env.Sim.ResetStats,
				Config:      env.ProviderConfig(),
				ExpectError: acctest.Words("Role Configuration Still Assigned", "Group", group, fmt.Sprintf("on account %d", uin), "Nothing was changed"),
			},
			{
				// Still there, untouched.
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					env.CheckCalls(map[string]int64{}),
					checkDeploymentStatus(env, uin, "Deployed"),
				),
			},
			{
				PreConfig: func() {
					zone := env.ZoneID
					task, err := env.API.DeleteRoleAssignment(t.Context(), zone, key, "")
					if err != nil {
						t.Fatal(err)
					}
					if task != nil {
						if _, err := env.API.WaitForTask(t.Context(), zone, task.TaskID); err != nil {
							t.Fatal(err)
						}
					}
				},
				Config: env.ProviderConfig(),
			},
		},
	})
}
