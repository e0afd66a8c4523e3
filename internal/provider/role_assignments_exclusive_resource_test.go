package provider

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
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

const raxAddr = "tencentcloudidc_role_assignments_exclusive.test"

var (
	raxUpdateActions = []plancheck.PlanCheck{plancheck.ExpectResourceAction(raxAddr, plancheck.ResourceActionUpdate)}
	raxAssignments   = tfjsonpath.New("assignments")
)

// raxEnv is a simulator with accounts member accounts, quick tasks and the service's rate
// limit, so that a test that throttles shows.
func raxEnv(t *testing.T, accounts int) *acctest.Env {
	env := acctest.NewEnv(t, idcsim.Options{SeedAccounts: accounts, TaskDelay: 50 * time.Millisecond, RateLimit: 20})
	env.RequireSim(t)
	return env
}

// raxRoleConfiguration makes a role configuration through the API, as the console does.
func raxRoleConfiguration(t *testing.T, env *acctest.Env, name string) string {
	t.Helper()
	rc, err := env.API.CreateRoleConfiguration(t.Context(), idc.CreateRoleConfigurationInput{ZoneID: env.ZoneID, Name: name})
	if err != nil {
		t.Fatal(err)
	}
	return rc.RoleConfigurationID
}

func raxMemberUins(t *testing.T, env *acctest.Env) []int64 {
	t.Helper()
	members, err := env.API.ListOrganizationMembers(t.Context(), idc.ListOrganizationMembersInput{Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	uins := make([]int64, 0, len(members))
	for _, m := range members {
		uins = append(uins, m.MemberUin)
	}
	sort.Slice(uins, func(i, j int) bool { return uins[i] < uins[j] })
	return uins
}

// raxKey is a MemberUin assignment of rc.
func raxKey(rc, principalID string, uin int64) idc.RoleAssignmentKey {
	pt := idc.PrincipalTypeGroup
	if strings.HasPrefix(principalID, "u-") {
		pt = idc.PrincipalTypeUser
	}
	return idc.RoleAssignmentKey{RoleConfigurationID: rc, PrincipalType: pt, PrincipalID: principalID, TargetType: idc.TargetTypeMember, TargetUin: uin}
}

// raxConfig is the resource with the given assignments (and extra lines), for rc (an HCL
// expression).
func raxConfig(env *acctest.Env, rc string, keys []idc.RoleAssignmentKey, extra string) string {
	var b strings.Builder
	b.WriteString(env.ProviderConfig())
	fmt.Fprintf(&b, "resource \"tencentcloudidc_role_assignments_exclusive\" \"test\" {\n  role_configuration_id = %s\n  assignments = [\n", rc)
	for _, k := range keys {
		fmt.Fprintf(&b, "    { principal_type = %q, principal_id = %q, target_type = %q, target_uin = %d },\n", k.PrincipalType, k.PrincipalID, k.TargetType, k.TargetUin)
	}
	b.WriteString("  ]\n" + extra + "}\n")
	return b.String()
}

// raxProduct is every principal on every account, as a for expression.
func raxProduct(env *acctest.Env, rc string, groups []string, uins []int64) string {
	return env.ProviderConfig() + fmt.Sprintf(`
resource "tencentcloudidc_role_assignments_exclusive" "test" {
  role_configuration_id = %q
  assignments = [for pair in setproduct(%s, %s) : {
    principal_type = "Group", principal_id = pair[0], target_type = "MemberUin", target_uin = pair[1]
  }]
}
`, rc, hclList(groups), hclList(uins))
}

func hclList[T any](vs []T) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = fmt.Sprintf("%#v", v)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func assignmentProduct(rc string, groups []string, uins []int64) []idc.RoleAssignmentKey {
	var keys []idc.RoleAssignmentKey
	for _, g := range groups {
		for _, u := range uins {
			keys = append(keys, raxKey(rc, g, u))
		}
	}
	return keys
}

// raxServiceAssignments lists what the service holds for rc, as keys.
func raxServiceAssignments(env *acctest.Env, rc string) (map[idc.RoleAssignmentKey]bool, error) {
	list, err := env.API.ListRoleAssignments(context.Background(), idc.ListRoleAssignmentsInput{ZoneID: env.ZoneID, RoleConfigurationID: rc})
	if err != nil {
		return nil, err
	}
	got := map[idc.RoleAssignmentKey]bool{}
	for i := range list {
		got[assignmentKeyOf(&list[i])] = true
	}
	return got, nil
}

// raxCheckServiceAssignments checks that the service holds exactly want for rc.
func raxCheckServiceAssignments(env *acctest.Env, rc func() string, want []idc.RoleAssignmentKey) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got, err := raxServiceAssignments(env, rc())
		if err != nil {
			return err
		}
		var missing, extra []string
		wanted := map[idc.RoleAssignmentKey]bool{}
		for _, k := range want {
			wanted[k] = true
			if !got[k] {
				missing = append(missing, describeAssignmentKey(k))
			}
		}
		for k := range got {
			if !wanted[k] {
				extra = append(extra, describeAssignmentKey(k))
			}
		}
		if len(missing)+len(extra) > 0 {
			return fmt.Errorf("the service holds %d assignments of %s; missing %v, extra %v", len(got), rc(), missing, extra)
		}
		return nil
	}
}

func raxCheckDeployments(env *acctest.Env, rc func() string, want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		deps, err := env.API.ListRoleConfigurationProvisionings(context.Background(), idc.ListProvisioningsInput{ZoneID: env.ZoneID, RoleConfigurationID: rc()})
		if err != nil {
			return err
		}
		if len(deps) != want {
			return fmt.Errorf("role configuration %s is deployed to %d accounts (%+v), want %d", rc(), len(deps), deps, want)
		}
		return nil
	}
}

// raxAPIAssign makes assignments straight through the API, as the console does, and waits.
func raxAPIAssign(env *acctest.Env, zone string, keys ...idc.RoleAssignmentKey) error {
	ctx := context.Background()
	tasks, err := env.API.CreateRoleAssignment(ctx, zone, keys)
	if err != nil {
		return err
	}
	_, err = env.API.WaitForTasks(ctx, zone, keys[0].RoleConfigurationID, tasks)
	return err
}

func raxAPIUnassign(env *acctest.Env, zone string, key idc.RoleAssignmentKey) error {
	ctx := context.Background()
	task, err := env.API.DeleteRoleAssignment(ctx, zone, key, "")
	if err != nil || task == nil {
		return err
	}
	_, err = env.API.WaitForTask(ctx, zone, task.TaskID)
	return err
}

// raxCheckDestroy checks that no assignment of the configuration, and (with the default
// deprovision_strategy) no deployment of it, is left.
func raxCheckDestroy(env *acctest.Env, rc func() string, deployments int) resource.TestCheckFunc {
	return resource.ComposeAggregateTestCheckFunc(raxCheckServiceAssignments(env, rc, nil), raxCheckDeployments(env, rc, deployments))
}

func raxFixed(s string) func() string { return func() string { return s } }

func raxImportID(sep string) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources[raxAddr]
		if !ok {
			return "", fmt.Errorf("%s is not in the state", raxAddr)
		}
		return rs.Primary.Attributes["zone_id"] + sep + rs.Primary.Attributes["role_configuration_id"], nil
	}
}

// raxImportedAssignments checks that an import read exactly want (keys without their role
// configuration), in sorted order.
func raxImportedAssignments(want func() []idc.RoleAssignmentKey) resource.ImportStateCheckFunc {
	return func(states []*terraform.InstanceState) error {
		sorted := append([]idc.RoleAssignmentKey{}, want()...)
		sortAssignmentKeys(sorted)
		attrs := states[0].Attributes
		if n := attrs["assignments.#"]; n != fmt.Sprint(len(sorted)) {
			return fmt.Errorf("imported %s assignments, want %d", n, len(sorted))
		}
		for i, k := range sorted {
			got := fmt.Sprintf("%s %s on account %s (%s)", attrs[fmt.Sprintf("assignments.%d.principal_type", i)],
				attrs[fmt.Sprintf("assignments.%d.principal_id", i)], attrs[fmt.Sprintf("assignments.%d.target_uin", i)],
				attrs[fmt.Sprintf("assignments.%d.target_type", i)])
			if got != describeAssignmentKey(k) {
				return fmt.Errorf("imported assignments[%d] is %s, want %s", i, got, describeAssignmentKey(k))
			}
		}
		return nil
	}
}

// The configuration is made in the same apply (its ID unknown at plan); several groups and a
// user on several accounts; import by ID; elements added and removed in place; an empty set.
func TestAccRoleAssignmentsExclusiveResource_basic(t *testing.T) {
	env := raxEnv(t, 3)
	uins := raxMemberUins(t, env)
	platform, network := addGroup(t, env, "platform"), addGroup(t, env, "network")
	alice := addUser(t, env, idcsim.User{UserName: "alice", Email: "alice@example.com", UserType: apiTypeManual})
	var rcID string
	rc := func() string { return rcID }
	rcBlock := "\nresource \"tencentcloudidc_role_configuration\" \"test\" {\n  name = \"platform-admin\"\n}\n"
	ref := "tencentcloudidc_role_configuration.test.role_configuration_id"
	first := append(assignmentProduct("", []string{platform, network}, uins[:2]), raxKey("", alice, uins[2]))
	second := append(assignmentProduct("", []string{platform}, uins[:2]), raxKey("", network, uins[2]), raxKey("", alice, uins[2]))
	withRC := func(keys []idc.RoleAssignmentKey) []idc.RoleAssignmentKey {
		out := make([]idc.RoleAssignmentKey, len(keys))
		for i, k := range keys {
			k.RoleConfigurationID = rcID
			out[i] = k
		}
		return out
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(s *terraform.State) error {
			// The role configuration went too, after its assignments.
			_, err := env.API.GetRoleConfiguration(context.Background(), env.ZoneID, rcID)
			if !errors.Is(err, idc.ErrNotFound) {
				return fmt.Errorf("role configuration %s survived the destroy (%v)", rcID, err)
			}
			return raxCheckServiceAssignments(env, rc, nil)(s)
		},
		Steps: []resource.TestStep{
			{
				Config: raxConfig(env, ref, first, "") + rcBlock,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(raxAddr, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(raxAddr, raxAssignments, knownvalue.ListSizeExact(5)),
					statecheck.ExpectKnownValue(raxAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile("^"+env.ZoneID+"/rc-[a-z0-9]{12}$"))),
					statecheck.ExpectKnownValue(raxAddr, tfjsonpath.New("deprovision_strategy"), knownvalue.StringExact("DeprovisionForLastRoleAssignmentOnAccount")),
					// The state keeps the configuration's order: alice is last.
					statecheck.ExpectKnownValue(raxAddr, raxAssignments, knownvalue.ListPartial(map[int]knownvalue.Check{
						4: knownvalue.ObjectExact(map[string]knownvalue.Check{
							"principal_type": knownvalue.StringExact("User"), "principal_id": knownvalue.StringExact(alice),
							"target_type": knownvalue.StringExact("MemberUin"), "target_uin": knownvalue.Int64Exact(uins[2]),
						}),
					})),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					func(s *terraform.State) error {
						rcID = s.RootModule().Resources[raxAddr].Primary.Attributes["role_configuration_id"]
						return nil
					},
					func(s *terraform.State) error { return raxCheckServiceAssignments(env, rc, withRC(first))(s) },
					raxCheckDeployments(env, rc, 3),
				),
			},
			// An import has no order to keep: it lists the assignments sorted, so they are
			// compared as a set.
			{ResourceName: raxAddr, ImportState: true, ImportStateIdFunc: raxImportID("/"), ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"assignments"}, ImportStateCheck: raxImportedAssignments(func() []idc.RoleAssignmentKey { return first })},
			{ResourceName: raxAddr, ImportState: true, ImportStateIdFunc: raxImportID("#"), ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"assignments"}, ImportStateCheck: raxImportedAssignments(func() []idc.RoleAssignmentKey { return first })},
			{
				// network moves from two accounts to the third: one create, two removals, in place.
				PreConfig:        env.Sim.ResetStats,
				Config:           raxConfig(env, ref, second, "") + rcBlock,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: raxUpdateActions},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(raxAddr, raxAssignments, knownvalue.ListSizeExact(4)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					func(s *terraform.State) error { return raxCheckServiceAssignments(env, rc, withRC(second))(s) },
					env.CheckCalls(map[string]int64{"CreateRoleAssignment": 1, "DeleteRoleAssignment": 2}),
				),
			},
			{
				// No assignments at all: every one is removed, and with them the deployments.
				Config:           raxConfig(env, ref, nil, "") + rcBlock,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: raxUpdateActions},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(raxAddr, raxAssignments, knownvalue.ListSizeExact(0)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					raxCheckServiceAssignments(env, rc, nil),
					raxCheckDeployments(env, rc, 0),
				),
			},
			{
				Config: raxConfig(env, ref, first, "") + rcBlock,
				Check:  func(s *terraform.State) error { return raxCheckServiceAssignments(env, rc, withRC(first))(s) },
			},
		},
	})
}

func TestAccRoleAssignmentsExclusiveResource_importByIdentity(t *testing.T) {
	env := raxEnv(t, 2)
	uins := raxMemberUins(t, env)
	rc := raxRoleConfiguration(t, env, "importable")
	group := addGroup(t, env, "platform")
	config := raxConfig(env, fmt.Sprintf("%q", rc), assignmentProduct(rc, []string{group}, uins), "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		CheckDestroy:             raxCheckDestroy(env, raxFixed(rc), 0),
		Steps: []resource.TestStep{
			{Config: config},
			{Config: config, ResourceName: raxAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
		},
	})
}

// raxElements is keys as the list of assignments, in their order.
func raxElements(keys []idc.RoleAssignmentKey) knownvalue.Check {
	checks := make([]knownvalue.Check, len(keys))
	for i, k := range keys {
		checks[i] = knownvalue.ObjectExact(map[string]knownvalue.Check{
			"principal_type": knownvalue.StringExact(k.PrincipalType), "principal_id": knownvalue.StringExact(k.PrincipalID),
			"target_type": knownvalue.StringExact(k.TargetType), "target_uin": knownvalue.Int64Exact(k.TargetUin),
		})
	}
	return knownvalue.ListExact(checks)
}

// raxCheckStateAssignments checks the assignments in the state, in order, as the refresh
// left them.
func raxCheckStateAssignments(want []idc.RoleAssignmentKey) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		attrs := s.RootModule().Resources[raxAddr].Primary.Attributes
		if n := attrs["assignments.#"]; n != fmt.Sprint(len(want)) {
			return fmt.Errorf("the state holds %s assignments, want %d", n, len(want))
		}
		for i, k := range want {
			got := fmt.Sprintf("%s %s on account %s (%s)", attrs[fmt.Sprintf("assignments.%d.principal_type", i)],
				attrs[fmt.Sprintf("assignments.%d.principal_id", i)], attrs[fmt.Sprintf("assignments.%d.target_uin", i)],
				attrs[fmt.Sprintf("assignments.%d.target_type", i)])
			if got != describeAssignmentKey(k) {
				return fmt.Errorf("assignments[%d] in the state is %s, want %s", i, got, describeAssignmentKey(k))
			}
		}
		return nil
	}
}

// An assignment made behind Terraform's back shows in the plan and is removed; one removed
// behind its back is made again. The refresh keeps the configured order and puts the
// stranger last, so the plan shows only that element going. Reordering the list is an
// update that sends nothing.
func TestAccRoleAssignmentsExclusiveResource_drift(t *testing.T) {
	env := raxEnv(t, 3)
	uins := raxMemberUins(t, env)
	rc := raxRoleConfiguration(t, env, "drifting")
	platform, intruder := addGroup(t, env, "platform"), addGroup(t, env, "intruders")
	// Not in sorted order, so that a Read that sorted would show.
	want := assignmentProduct(rc, []string{platform}, []int64{uins[2], uins[0], uins[1]})
	config := raxConfig(env, fmt.Sprintf("%q", rc), want, "")
	extra := raxKey(rc, intruder, uins[0])
	reversed := []idc.RoleAssignmentKey{want[2], want[1], want[0]}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             raxCheckDestroy(env, raxFixed(rc), 0),
		Steps: []resource.TestStep{
			{
				Config:             config,
				Check:              func(*terraform.State) error { return raxAPIAssign(env, env.ZoneID, extra) },
				ExpectNonEmptyPlan: true,
			},
			{
				// The refresh shows the three configured ones in their order and the stranger
				// last; the plan drops it.
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				Check:              raxCheckStateAssignments(append(append([]idc.RoleAssignmentKey{}, want...), extra)),
			},
			{
				PreConfig: env.Sim.ResetStats,
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: append(raxUpdateActions,
					plancheck.ExpectKnownValue(raxAddr, raxAssignments, raxElements(want)))},
				Check: resource.ComposeAggregateTestCheckFunc(
					raxCheckServiceAssignments(env, raxFixed(rc), want),
					raxCheckStateAssignments(want),
					env.CheckCalls(map[string]int64{"DeleteRoleAssignment": 1}),
				),
			},
			{
				Config:             config,
				Check:              func(*terraform.State) error { return raxAPIUnassign(env, env.ZoneID, want[1]) },
				ExpectNonEmptyPlan: true,
			},
			{
				PreConfig:        env.Sim.ResetStats,
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: raxUpdateActions},
				Check: resource.ComposeAggregateTestCheckFunc(
					raxCheckServiceAssignments(env, raxFixed(rc), want),
					raxCheckStateAssignments(want),
					env.CheckCalls(map[string]int64{"CreateRoleAssignment": 1}),
				),
			},
			{Config: config, PlanOnly: true},
			{
				// The same assignments in another order: an in-place update that sends nothing.
				PreConfig: env.Sim.ResetStats,
				Config:    raxConfig(env, fmt.Sprintf("%q", rc), reversed, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: append(raxUpdateActions,
					plancheck.ExpectKnownValue(raxAddr, raxAssignments, raxElements(reversed)))},
				Check: resource.ComposeAggregateTestCheckFunc(
					raxCheckStateAssignments(reversed),
					env.CheckNoMutatingCalls("reordering the assignments"),
				),
			},
			{Config: raxConfig(env, fmt.Sprintf("%q", rc), reversed, ""), PlanOnly: true},
		},
	})
}

// A create over assignments that already exist is refused, naming them, before any write;
// an import adopts them, and the plan after it shows what would be removed.
func TestAccRoleAssignmentsExclusiveResource_createRefusedOverExisting(t *testing.T) {
	env := raxEnv(t, 2)
	uins := raxMemberUins(t, env)
	rc := raxRoleConfiguration(t, env, "taken")
	console, platform := addGroup(t, env, "console-made"), addGroup(t, env, "platform")
	existing := raxKey(rc, console, uins[0])
	if err := raxAPIAssign(env, env.ZoneID, existing); err != nil {
		t.Fatal(err)
	}
	want := assignmentProduct(rc, []string{platform}, uins)
	config := raxConfig(env, fmt.Sprintf("%q", rc), want, "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             raxCheckDestroy(env, raxFixed(rc), 0),
		Steps: []resource.TestStep{
			{
				PreConfig: env.Sim.ResetStats,
				Config:    config,
				ExpectError: acctest.Words("Role Configuration Already Has Assignments", rc, "already has 1 role assignment(s)",
					"Group "+console, fmt.Sprintf("on account %d", uins[0]), "Nothing was changed", "import {", env.ZoneID+"/"+rc, "terraform untaint"),
			},
			{
				// Still only the console's assignment: nothing was sent.
				Config: env.ProviderConfig(),
				Check: resource.ComposeAggregateTestCheckFunc(
					env.CheckCalls(map[string]int64{"CreateRoleAssignment": 0}),
					raxCheckServiceAssignments(env, raxFixed(rc), []idc.RoleAssignmentKey{existing}),
				),
			},
			{
				Config: config, ResourceName: raxAddr, ImportState: true, ImportStatePersist: true,
				ImportStateId: env.ZoneID + "/" + rc,
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if n := states[0].Attributes["assignments.#"]; n != "1" {
						return fmt.Errorf("imported %s assignments, want 1", n)
					}
					return nil
				},
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: append(raxUpdateActions,
					plancheck.ExpectKnownValue(raxAddr, raxAssignments, knownvalue.ListSizeExact(2)))},
				Check: raxCheckServiceAssignments(env, raxFixed(rc), want),
			},
		},
	})
}

// Tasks that end Failed are reported with the assignment, the task ID and the service's
// reason; the state holds what exists, and the next apply converges.
func TestAccRoleAssignmentsExclusiveResource_taskFailure(t *testing.T) {
	env := raxEnv(t, 2)
	uins := raxMemberUins(t, env)
	rc := raxRoleConfiguration(t, env, "failing")
	platform, network := addGroup(t, env, "platform"), addGroup(t, env, "network")
	small := assignmentProduct(rc, []string{platform}, uins)
	large := assignmentProduct(rc, []string{platform, network}, uins)
	failNext := func() {
		env.Sim.FailNext("CreateRoleAssignment", idcsim.FaultTaskFailure, 1)
	}
	taskFailed := func(group string) *regexp.Regexp {
		return regexp.MustCompile(`(?s)Group\s+` + group + `\s+on\s+account\s+\d+\s+\(MemberUin\)\s+failed:\s+task\s+t-[a-z0-9]{12}\s+ended\s+Failed:\s+Simulated\s+task\s+failure`)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             raxCheckDestroy(env, raxFixed(rc), 0),
		Steps: []resource.TestStep{
			{
				// A create whose tasks fail: tracked (empty, tainted), and replaced by the next apply.
				PreConfig:   failNext,
				Config:      raxConfig(env, fmt.Sprintf("%q", rc), small, ""),
				ExpectError: taskFailed(platform),
			},
			{
				Config: raxConfig(env, fmt.Sprintf("%q", rc), small, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(raxAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: raxCheckServiceAssignments(env, raxFixed(rc), small),
			},
			{
				// An update whose new tasks fail keeps what exists, in place.
				PreConfig:   failNext,
				Config:      raxConfig(env, fmt.Sprintf("%q", rc), large, ""),
				ExpectError: taskFailed(network),
			},
			{
				Config: raxConfig(env, fmt.Sprintf("%q", rc), large, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: append(raxUpdateActions,
					plancheck.ExpectKnownValue(raxAddr, raxAssignments, knownvalue.ListSizeExact(4)))},
				Check: raxCheckServiceAssignments(env, raxFixed(rc), large),
			},
		},
	})
}

// The answer to a create batch is lost after the service started its tasks: they are found
// (running or done) and followed, nothing is sent twice, and the apply succeeds.
func TestAccRoleAssignmentsExclusiveResource_createAnswerLost(t *testing.T) {
	env := raxEnv(t, 3)
	uins := raxMemberUins(t, env)
	rc := raxRoleConfiguration(t, env, "lossy")
	want := assignmentProduct(rc, []string{addGroup(t, env, "platform"), addGroup(t, env, "network")}, uins)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             raxCheckDestroy(env, raxFixed(rc), 0),
		Steps: []resource.TestStep{{
			PreConfig: func() {
				env.Sim.ResetStats()
				env.Sim.FailNext("CreateRoleAssignment", idcsim.FaultLostResponse, 1)
			},
			Config: raxConfig(env, fmt.Sprintf("%q", rc), want, ""),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(raxAddr, raxAssignments, knownvalue.ListSizeExact(len(want))),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				raxCheckServiceAssignments(env, raxFixed(rc), want),
				env.CheckCalls(map[string]int64{"CreateRoleAssignment": 1}),
			),
		}},
	})
}

// deprovision_strategy None leaves the deployment when an account's last assignment goes;
// changing the strategy costs no call; the destroy, with the default one again, removes the
// last assignment on the first account and undeploys it there, while the second account's
// deployment, left by None, stays.
func TestAccRoleAssignmentsExclusiveResource_deprovisionStrategy(t *testing.T) {
	env := raxEnv(t, 2)
	uins := raxMemberUins(t, env)
	rc := raxRoleConfiguration(t, env, "kept-deployed")
	group := addGroup(t, env, "platform")
	both := assignmentProduct(rc, []string{group}, uins)
	none := "  deprovision_strategy = \"None\"\n"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             raxCheckDestroy(env, raxFixed(rc), 1),
		Steps: []resource.TestStep{
			{Config: raxConfig(env, fmt.Sprintf("%q", rc), both, none), Check: raxCheckDeployments(env, raxFixed(rc), 2)},
			{
				Config: raxConfig(env, fmt.Sprintf("%q", rc), both[:1], none),
				Check: resource.ComposeAggregateTestCheckFunc(
					raxCheckServiceAssignments(env, raxFixed(rc), both[:1]),
					raxCheckDeployments(env, raxFixed(rc), 2),
				),
			},
			{
				PreConfig:        env.Sim.ResetStats,
				Config:           raxConfig(env, fmt.Sprintf("%q", rc), both[:1], ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: raxUpdateActions},
				Check:            env.CheckNoMutatingCalls("a change of deprovision_strategy"),
			},
		},
	})
}

// 120 assignments go out in three CreateRoleAssignment calls, followed with a few ListTasks
// calls, never throttled at the service's 20 requests per second.
func TestAccRoleAssignmentsExclusiveResource_manyAssignments(t *testing.T) {
	env := raxEnv(t, 40)
	uins := raxMemberUins(t, env)[:40]
	rc := raxRoleConfiguration(t, env, "at-scale")
	groups := []string{addGroup(t, env, "platform"), addGroup(t, env, "network"), addGroup(t, env, "data")}
	want := assignmentProduct(rc, groups, uins)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             raxCheckDestroy(env, raxFixed(rc), 0),
		Steps: []resource.TestStep{
			{
				PreConfig: env.Sim.ResetStats,
				Config:    raxProduct(env, rc, groups, uins),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(raxAddr, raxAssignments, knownvalue.ListSizeExact(120)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					raxCheckServiceAssignments(env, raxFixed(rc), want),
					env.CheckCalls(map[string]int64{"CreateRoleAssignment": 3}),
					raxCheckCallBudget(env, 30),
				),
			},
			{
				// Half the accounts dropped: 60 removals, one call each.
				PreConfig: env.Sim.ResetStats,
				Config:    raxProduct(env, rc, groups, uins[:20]),
				Check: resource.ComposeAggregateTestCheckFunc(
					raxCheckServiceAssignments(env, raxFixed(rc), assignmentProduct(rc, groups, uins[:20])),
					env.CheckCalls(map[string]int64{"DeleteRoleAssignment": 60}),
				),
			},
		},
	})
}

// The brief's scale: 10 groups on 50 accounts, 500 assignments, from nothing.
func TestAccRoleAssignmentsExclusiveResource_fiveHundred(t *testing.T) {
	env := raxEnv(t, 50)
	uins := raxMemberUins(t, env)[:50]
	rc := raxRoleConfiguration(t, env, "five-hundred")
	var groups []string
	for i := range 10 {
		groups = append(groups, addGroup(t, env, fmt.Sprintf("team-%02d", i)))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             raxCheckDestroy(env, raxFixed(rc), 0),
		Steps: []resource.TestStep{{
			PreConfig: env.Sim.ResetStats,
			Config:    raxProduct(env, rc, groups, uins),
			Check: resource.ComposeAggregateTestCheckFunc(
				raxCheckServiceAssignments(env, raxFixed(rc), assignmentProduct(rc, groups, uins)),
				env.CheckCalls(map[string]int64{"CreateRoleAssignment": 10}),
				raxCheckCallBudget(env, 30),
			),
		}},
	})
}

// raxCheckCallBudget checks that the plan and apply of the step made at most max calls in
// all, none of them throttled.
func raxCheckCallBudget(env *acctest.Env, limit int64) resource.TestCheckFunc {
	return func(*terraform.State) error {
		stats := env.Sim.Stats()
		var total int64
		for _, n := range stats.Calls {
			total += n
		}
		if total > limit || stats.Throttled > 0 {
			return fmt.Errorf("%d calls (%d throttled), want at most %d and none throttled: %v", total, stats.Throttled, limit, stats.Calls)
		}
		return nil
	}
}

// Create tasks still running when timeouts.update runs out: the error says so and which
// timeout to raise; the next apply finds the service refusing to create them again (their
// tasks run), follows those tasks instead, and converges.
func TestAccRoleAssignmentsExclusiveResource_updateTimeout(t *testing.T) {
	env := acctest.NewEnv(t, idcsim.Options{SeedAccounts: 2, TaskDelay: 8 * time.Second, RateLimit: 20})
	env.RequireSim(t)
	uins := raxMemberUins(t, env)
	rc := raxRoleConfiguration(t, env, "slow-tasks")
	platform, network := addGroup(t, env, "platform"), addGroup(t, env, "network")
	small := assignmentProduct(rc, []string{platform}, uins)
	large := assignmentProduct(rc, []string{platform, network}, uins)
	short := "  timeouts {\n    update = \"1s\"\n  }\n"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             raxCheckDestroy(env, raxFixed(rc), 0),
		Steps: []resource.TestStep{
			{Config: raxConfig(env, fmt.Sprintf("%q", rc), small, short)},
			{
				Config: raxConfig(env, fmt.Sprintf("%q", rc), large, short),
				ExpectError: acctest.Words("Unable to Update Role Assignments", "2 create task(s) had not finished when the wait ended",
					`timeouts.update = "1s"`, "Raise timeouts.update"),
			},
			{
				PreConfig: env.Sim.ResetStats,
				Config:    raxConfig(env, fmt.Sprintf("%q", rc), large, ""),
				Check: resource.ComposeAggregateTestCheckFunc(
					raxCheckServiceAssignments(env, raxFixed(rc), large),
					// One create refused (its tasks were running), none sent again.
					env.CheckCalls(map[string]int64{"CreateRoleAssignment": 1}),
				),
			},
		},
	})
}

// An exclusive set beside single assignments of the same role configuration would undo each
// other on every apply: the plan refuses the pair, whichever of the two is planned first, and
// nothing is created.
func TestAccRoleAssignmentsExclusiveResource_besideSingleRefused(t *testing.T) {
	env := raxEnv(t, 2)
	uins := raxMemberUins(t, env)
	rc := raxRoleConfiguration(t, env, "shared")
	platform := addGroup(t, env, "platform")
	single := fmt.Sprintf(`
resource "tencentcloudidc_role_assignment" "single" {
  role_configuration_id = %q
  target_uin            = %d
  principal_type        = "Group"
  principal_id          = %q
}
`, rc, uins[1], platform)
	config := raxConfig(env, fmt.Sprintf("%q", rc), []idc.RoleAssignmentKey{raxKey(rc, platform, uins[0])}, "") + single
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             raxCheckDestroy(env, raxFixed(rc), 0),
		Steps: []resource.TestStep{
			{
				PreConfig: env.Sim.ResetStats,
				Config:    config,
				ExpectError: acctest.Words("Conflicting Role Assignment Resources", rc, "tencentcloudidc_role_assignments_exclusive",
					"tencentcloudidc_role_assignment", "Nothing was changed"),
			},
			{
				Config: env.ProviderConfig(),
				Check: resource.ComposeAggregateTestCheckFunc(
					env.CheckCalls(map[string]int64{"CreateRoleAssignment": 0}),
					raxCheckServiceAssignments(env, raxFixed(rc), nil),
				),
			},
		},
	})
}

// The refresh keeps the prior order, drops what is gone and appends the service's others
// sorted, whatever order the service lists them in.
func TestAssignmentsValueOrder(t *testing.T) {
	const rc = "rc-000000000001"
	a, b, c := raxKey(rc, "g-a", 1), raxKey(rc, "g-b", 2), raxKey(rc, "u-c", 3)
	x, y := raxKey(rc, "g-x", 9), raxKey(rc, "g-w", 8)
	held := func(keys ...idc.RoleAssignmentKey) []idc.RoleAssignment {
		list := make([]idc.RoleAssignment, len(keys))
		for i, k := range keys {
			list[i] = idc.RoleAssignment{RoleConfigurationID: rc, PrincipalType: k.PrincipalType, PrincipalID: k.PrincipalID,
				TargetType: k.TargetType, TargetUin: k.TargetUin}
		}
		return list
	}
	prior := func(keys ...idc.RoleAssignmentKey) []idc.RoleAssignmentKey { return keys }
	for _, tc := range []struct {
		name  string
		prior []idc.RoleAssignmentKey
		held  []idc.RoleAssignment
		want  []idc.RoleAssignmentKey
	}{
		{"unchanged, in the prior order", prior(c, a, b), held(b, c, a), []idc.RoleAssignmentKey{c, a, b}},
		{"import: sorted", nil, held(c, b, a), []idc.RoleAssignmentKey{a, b, c}},
		{"one gone from the middle", prior(c, b, a), held(a, c), []idc.RoleAssignmentKey{c, a}},
		{"strangers last, sorted", prior(b, a), held(x, a, y, b), []idc.RoleAssignmentKey{b, a, y, x}},
		{"listed twice, kept once", prior(a, b, a), held(a, b), []idc.RoleAssignmentKey{a, b}},
		{"nothing held", prior(a, b), nil, []idc.RoleAssignmentKey{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Through the attribute and back, as the framework's path stores it.
			var diags diag.Diagnostics
			got := assignmentKeys(raxListValue(assignmentsOrder(tc.prior, tc.held)), rc, &diags)
			if diags.HasError() {
				t.Fatal(diags)
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// A duplicate is reported at the later element's index, naming the earlier one; elements not
// known yet are left for the plan.
func TestAddDuplicateAssignments(t *testing.T) {
	elem := func(id string, uin attr.Value) attr.Value {
		return types.ObjectValueMust(raxElementAttrTypes, map[string]attr.Value{
			"principal_type": types.StringValue("Group"), "principal_id": types.StringValue(id),
			"target_type": types.StringValue("MemberUin"), "target_uin": uin,
		})
	}
	one, unknown := types.Int64Value(100000000001), types.Int64Unknown()
	for _, tc := range []struct {
		name  string
		elems []attr.Value
		want  []string
	}{
		{"none", []attr.Value{elem("g-a", one), elem("g-b", one)}, nil},
		{"twice", []attr.Value{elem("g-a", one), elem("g-b", one), elem("g-a", one)},
			[]string{"assignments[2]: Attribute assignments[2] is the same assignment as assignments[0]: Group g-a on account 100000000001 (MemberUin)."}},
		{"three times", []attr.Value{elem("g-a", one), elem("g-a", one), elem("g-a", one)},
			[]string{"assignments[1]: Attribute assignments[1] is the same assignment as assignments[0]", "assignments[2]: Attribute assignments[2] is the same assignment as assignments[0]"}},
		{"unknown", []attr.Value{elem("g-a", unknown), elem("g-a", unknown)}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var diags diag.Diagnostics
			addDuplicateAssignments(raxPathAssignments, tc.elems, &diags)
			if len(diags) != len(tc.want) {
				t.Fatalf("got %d diagnostics (%v), want %d", len(diags), diags, len(tc.want))
			}
			for i, d := range diags {
				withPath, ok := d.(diag.DiagnosticWithPath)
				if !ok || d.Summary() != "Duplicate Role Assignment" {
					t.Fatalf("diagnostic %d: %v", i, d)
				}
				if got := withPath.Path().String() + ": " + d.Detail(); !strings.HasPrefix(got, tc.want[i]) {
					t.Errorf("diagnostic %d is %q, want it to start with %q", i, got, tc.want[i])
				}
			}
		})
	}
}

// A duplicate whose IDs are unknown at validation (here built from terraform_data's id, a
// random ID known only once applied) is refused when the apply validates the resource again,
// before any call.
func TestAccRoleAssignmentsExclusiveResource_duplicateKnownAtApply(t *testing.T) {
	env := raxEnv(t, 1)
	uins := raxMemberUins(t, env)
	rc := raxRoleConfiguration(t, env, "doubled")
	group := addGroup(t, env, "platform")
	config := env.ProviderConfig() + fmt.Sprintf(`
resource "terraform_data" "group" {}

resource "tencentcloudidc_role_assignments_exclusive" "test" {
  role_configuration_id = %q
  assignments = [for i in [1, 2] : {
    principal_type = "Group", principal_id = "%s${substr(terraform_data.group.id, 0, 0)}"
    target_type = "MemberUin", target_uin = %d
  }]
}
`, rc, group, uins[0])
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             raxCheckDestroy(env, raxFixed(rc), 0),
		Steps: []resource.TestStep{
			{
				PreConfig: env.Sim.ResetStats,
				Config:    config,
				ExpectError: acctest.Words("Duplicate Role Assignment", "assignments[1] is the same assignment as assignments[0]",
					fmt.Sprintf("Group %s on account %d (MemberUin)", group, uins[0])),
			},
			{
				Config: env.ProviderConfig(),
				Check: resource.ComposeAggregateTestCheckFunc(
					env.CheckCalls(map[string]int64{"CreateRoleAssignment": 0}),
					raxCheckServiceAssignments(env, raxFixed(rc), nil),
				),
			},
		},
	})
}

// BenchmarkRoleAssignmentsExclusivePlan measures the provider's own work for a configuration
// of n assignments (validation, the plan of an update that reorders them, the plan of a
// create), without the service, through the server the provider serves ("served") and through
// the framework's own server ("framework"), with the SDK's trace logging on as in a provider
// process (written to a pipe that is read and dropped, as the CLI drops the lines TF_LOG does
// not ask for). Per-op time growing in proportion to n shows that nothing is quadratic. Run with
// go test -run '^$' -bench RoleAssignmentsExclusivePlan ./internal/provider/.
func BenchmarkRoleAssignmentsExclusivePlan(b *testing.B) {
	r, w, err := os.Pipe()
	if err != nil {
		b.Fatal(err)
	}
	go func() { _, _ = io.Copy(io.Discard, r) }()
	defer w.Close()
	ctx := withTraceLogging(context.Background(), w)
	value := func(n int, reversed bool, state bool) *tfprotov6.DynamicValue {
		elems := make([]*raxTestElement, n)
		for i := range n {
			j := i
			if reversed {
				j = n - 1 - i
			}
			elems[i] = raxGroup(fmt.Sprintf("g-team%04d", j%10), 100000000000+j/10)
		}
		return raxWireObject(b, raxWireList(elems...), state)
	}
	null, err := tfprotov6.NewDynamicValue(raxObjectType(), tftypes.NewValue(raxObjectType(), nil))
	if err != nil {
		b.Fatal(err)
	}
	servers := []struct {
		name   string
		server tfprotov6.ProviderServer
	}{{"served", NewProtocol6Server("test")()}, {"framework", bareFramework()}}
	for _, n := range []int{500, 2000} {
		config, prior := value(n, true, false), value(n, false, true)
		for _, srv := range servers {
			server := srv.server
			b.Run(fmt.Sprintf("validate/%s/%d", srv.name, n), func(b *testing.B) {
				for b.Loop() {
					resp, err := server.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: raxTypeName, Config: config})
					if err != nil || len(resp.Diagnostics) > 0 {
						b.Fatal(err, resp.Diagnostics)
					}
				}
			})
			b.Run(fmt.Sprintf("plan/%s/%d", srv.name, n), func(b *testing.B) {
				for b.Loop() {
					resp, err := server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: raxTypeName, Config: config,
						PriorState: prior, ProposedNewState: config})
					if err != nil || len(resp.Diagnostics) > 0 {
						b.Fatal(err, resp.Diagnostics)
					}
				}
			})
			// The plan of a create: no prior state, so the framework fills the computed attributes in.
			b.Run(fmt.Sprintf("plan-create/%s/%d", srv.name, n), func(b *testing.B) {
				for b.Loop() {
					resp, err := server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: raxTypeName, Config: config,
						PriorState: &null, ProposedNewState: config})
					if err != nil || len(resp.Diagnostics) > 0 {
						b.Fatal(err, resp.Diagnostics)
					}
				}
			})
		}
	}
}
