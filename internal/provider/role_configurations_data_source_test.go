package provider

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/acctest"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

const (
	rcsAddr = "data.tencentcloudidc_role_configurations.test"
	// rcsDocument is compact on purpose: custom_policy is the document exactly as stored.
	rcsDocument = `{"version":"2.0","statement":[{"effect":"allow","action":["cos:GetObject"],"resource":["*"]}]}`
)

// rcsCreate makes a role configuration behind Terraform's back, as the console does, and
// returns its ID.
func rcsCreate(t *testing.T, env *acctest.Env, in idc.CreateRoleConfigurationInput, system []idc.SystemPolicy, document string) string {
	t.Helper()
	ctx := context.Background()
	in.ZoneID = env.ZoneID
	rc, err := env.API.CreateRoleConfiguration(ctx, in)
	if err != nil {
		t.Fatalf("CreateRoleConfiguration(%s): %v", in.Name, err)
	}
	if len(system) > 0 {
		if err := env.API.AddSystemPoliciesToRoleConfiguration(ctx, env.ZoneID, rc.RoleConfigurationID, system); err != nil {
			t.Fatalf("adding system policies to %s: %v", in.Name, err)
		}
	}
	if document != "" {
		if err := env.API.AddCustomPolicyToRoleConfiguration(ctx, env.ZoneID, rc.RoleConfigurationID, "inline-policy", document); err != nil {
			t.Fatalf("adding the custom policy to %s: %v", in.Name, err)
		}
	}
	return rc.RoleConfigurationID
}

// rcsDeploy deploys id to uin directly and waits for the task to end.
func rcsDeploy(t *testing.T, env *acctest.Env, id string, uin int64) {
	t.Helper()
	ctx := context.Background()
	task, err := env.API.ProvisionRoleConfiguration(ctx, idc.RoleTarget{ZoneID: env.ZoneID, RoleConfigurationID: id, TargetType: idc.TargetTypeMember, TargetUin: uin})
	if err != nil {
		t.Fatalf("ProvisionRoleConfiguration(%s, %d): %v", id, uin, err)
	}
	if _, err := env.API.WaitForTask(ctx, env.ZoneID, task.TaskID); err != nil {
		t.Fatalf("deploying %s to %d: %v", id, uin, err)
	}
}

// rcsMembers are the organization's member accounts by UIN, the order deployments are in.
func rcsMembers(t *testing.T, env *acctest.Env) []idc.OrganizationMember {
	t.Helper()
	members, err := env.API.ListOrganizationMembers(context.Background(), idc.ListOrganizationMembersInput{Lang: "en"})
	if err != nil || len(members) < 2 {
		t.Fatalf("ListOrganizationMembers = %v, %v", members, err)
	}
	sort.Slice(members, func(i, j int) bool { return members[i].MemberUin < members[j].MemberUin })
	return members
}

// sameAs checks a string against *want as it is when the check runs, for IDs a PreConfig learns.
func sameAs(want *string) knownvalue.Check {
	return knownvalue.StringFunc(func(v string) error {
		if v != *want {
			return fmt.Errorf("got %q, want %q", v, *want)
		}
		return nil
	})
}

func rcsDeployment(m idc.OrganizationMember, status string) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"target_uin":  knownvalue.Int64Exact(m.MemberUin),
		"target_type": knownvalue.StringExact(idc.TargetTypeMember),
		"target_name": knownvalue.StringExact(m.Name),
		"status":      knownvalue.StringExact(status),
	})
}

// Two configurations made in the console, one deployed to both accounts (in reverse UIN order):
// the data source lists both with their policies, and its deployments ordered by UIN.
func TestAccRoleConfigurationsDataSource_basic(t *testing.T) {
	env := rcEnv(t)
	members := rcsMembers(t, env)
	config := testAccUsersConfig(env, `data "tencentcloudidc_role_configurations" "test" {}`)
	timestamp := knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`))
	var readonlyID, billingID string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(rcsAddr, tfjsonpath.New("role_configurations"), knownvalue.ListExact([]knownvalue.Check{})),
					statecheck.ExpectKnownValue(rcsAddr, tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{})),
					statecheck.ExpectKnownValue(rcsAddr, tfjsonpath.New("zone_id"), knownvalue.StringExact(env.ZoneID)),
				},
			},
			{
				PreConfig: func() {
					// Attached in reverse order: system_policies is sorted.
					readonlyID = rcsCreate(t, env, idc.CreateRoleConfigurationInput{Name: "platform-readonly", Description: "Read-only network access",
						SessionDuration: 7200, RelayState: "https://console.cloud.tencent.com/vpc"},
						[]idc.SystemPolicy{{PolicyID: 186457, PolicyName: "QcloudVPCReadOnlyAccess"}, {PolicyID: 900005, PolicyName: "QcloudCOSReadOnlyAccess"}}, rcsDocument)
					billingID = rcsCreate(t, env, idc.CreateRoleConfigurationInput{Name: "billing-admin"},
						[]idc.SystemPolicy{{PolicyID: 900004, PolicyName: "QcloudCOSFullAccess"}}, "")
					rcsDeploy(t, env, readonlyID, members[1].MemberUin)
					rcsDeploy(t, env, readonlyID, members[0].MemberUin)
					env.Sim.ResetStats()
				},
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(rcsAddr, tfjsonpath.New("names"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("platform-readonly"), knownvalue.StringExact("billing-admin")})),
					statecheck.ExpectKnownValue(rcsAddr, tfjsonpath.New("role_configurations"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"role_configuration_id": sameAs(&readonlyID),
							"name":                  knownvalue.StringExact("platform-readonly"),
							"description":           knownvalue.StringExact("Read-only network access"),
							"session_duration":      knownvalue.StringExact("2h"),
							"relay_state":           knownvalue.StringExact("https://console.cloud.tencent.com/vpc"),
							"create_time":           timestamp,
							"update_time":           timestamp,
							"system_policies": knownvalue.ListExact([]knownvalue.Check{
								knownvalue.StringExact("QcloudCOSReadOnlyAccess"), knownvalue.StringExact("QcloudVPCReadOnlyAccess")}),
							"custom_policy_name": knownvalue.StringExact("inline-policy"),
							"custom_policy":      knownvalue.StringExact(rcsDocument),
							"deployments": knownvalue.ListExact([]knownvalue.Check{
								rcsDeployment(members[0], "Deployed"), rcsDeployment(members[1], "Deployed")}),
						}),
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"role_configuration_id": sameAs(&billingID),
							"name":                  knownvalue.StringExact("billing-admin"),
							"description":           knownvalue.Null(),
							"session_duration":      knownvalue.StringExact("1h"),
							"relay_state":           knownvalue.Null(),
							"create_time":           timestamp,
							"update_time":           timestamp,
							"system_policies":       knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("QcloudCOSFullAccess")}),
							"custom_policy_name":    knownvalue.Null(),
							"custom_policy":         knownvalue.Null(),
							"deployments":           knownvalue.ListExact([]knownvalue.Check{}),
						}),
					})),
				},
				Check: env.CheckNoMutatingCalls("reading role configurations"),
			},
		},
	})
}

// name_filter is the service's Filter: part of the name or description, in any case.
func TestAccRoleConfigurationsDataSource_nameFilter(t *testing.T) {
	env := rcEnv(t)
	rcsCreate(t, env, idc.CreateRoleConfigurationInput{Name: "platform-readonly"}, nil, rcsDocument)
	rcsCreate(t, env, idc.CreateRoleConfigurationInput{Name: "billing-admin", Description: "ReadOnly billing and more"}, nil, "")
	rcsCreate(t, env, idc.CreateRoleConfigurationInput{Name: "network-admin"}, nil, "")
	names := func(want ...string) knownvalue.Check {
		checks := make([]knownvalue.Check, len(want))
		for i, n := range want {
			checks[i] = knownvalue.StringExact(n)
		}
		return knownvalue.SetExact(checks)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: testAccUsersConfig(env, `data "tencentcloudidc_role_configurations" "test" { name_filter = "READONLY" }`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(rcsAddr, tfjsonpath.New("names"), names("platform-readonly", "billing-admin")),
				},
			},
			{
				Config: testAccUsersConfig(env, `data "tencentcloudidc_role_configurations" "test" { name_filter = "network" }`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(rcsAddr, tfjsonpath.New("names"), names("network-admin")),
					statecheck.ExpectKnownValue(rcsAddr, tfjsonpath.New("role_configurations").AtSliceIndex(0).AtMapKey("custom_policy"), knownvalue.Null()),
				},
			},
			{
				Config: testAccUsersConfig(env, `data "tencentcloudidc_role_configurations" "test" { name_filter = "nothing-like-it" }`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(rcsAddr, tfjsonpath.New("names"), names()),
				},
			},
		},
	})
}

// A policy edited after the deployment leaves the account DeployedRequired: the drift a job
// reading this data source is after.
func TestAccRoleConfigurationsDataSource_deployedRequired(t *testing.T) {
	env := rcEnv(t)
	member := rcsMembers(t, env)[0]
	id := rcsCreate(t, env, idc.CreateRoleConfigurationInput{Name: "platform-readonly"}, nil, rcsDocument)
	rcsDeploy(t, env, id, member.MemberUin)
	config := testAccUsersConfig(env, `data "tencentcloudidc_role_configurations" "test" {}`)
	const edited = `{"version":"2.0","statement":[{"effect":"allow","action":["cos:*"],"resource":["*"]}]}`
	deployments := tfjsonpath.New("role_configurations").AtSliceIndex(0).AtMapKey("deployments")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(rcsAddr, deployments, knownvalue.ListExact([]knownvalue.Check{rcsDeployment(member, "Deployed")})),
				},
			},
			{
				PreConfig: func() {
					if err := env.API.UpdateCustomPolicyForRoleConfiguration(context.Background(), env.ZoneID, id, "inline-policy", edited); err != nil {
						t.Fatalf("UpdateCustomPolicyForRoleConfiguration: %v", err)
					}
				},
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(rcsAddr, deployments, knownvalue.ListExact([]knownvalue.Check{rcsDeployment(member, "DeployedRequired")})),
					statecheck.ExpectKnownValue(rcsAddr, tfjsonpath.New("role_configurations").AtSliceIndex(0).AtMapKey("custom_policy"), knownvalue.StringExact(edited)),
				},
			},
		},
	})
}
