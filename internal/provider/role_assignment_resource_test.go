package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	tfresource "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/acctest"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idcsim"
)

const raAddr = "tencentcloudidc_role_assignment.test"

var (
	raUpdateActions = []plancheck.PlanCheck{plancheck.ExpectResourceAction(raAddr, plancheck.ResourceActionUpdate)}
	raCreateActions = []plancheck.PlanCheck{plancheck.ExpectResourceAction(raAddr, plancheck.ResourceActionCreate)}
	raEmptyPlan     = []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}
)

// raFixture is a simulator with a role configuration (made through the API, as another team's
// configuration would be) and a member account to assign it on.
type raFixture struct {
	env *acctest.Env
	rc  string
	uin int64
}

func newRAFixture(t *testing.T) *raFixture {
	t.Helper()
	env := rcEnv(t)
	rc, err := env.API.CreateRoleConfiguration(t.Context(), idc.CreateRoleConfigurationInput{ZoneID: env.ZoneID, Name: "platform-readonly"})
	if err != nil {
		t.Fatal(err)
	}
	return &raFixture{env: env, rc: rc.RoleConfigurationID, uin: memberUin(t, env)}
}

// config is the provider block and one assignment of the fixture's configuration on its
// account, with body's lines added; more blocks follow it.
func (f *raFixture) config(body string, more ...string) string {
	c := f.env.ProviderConfig() + fmt.Sprintf(`resource "tencentcloudidc_role_assignment" "test" {
  role_configuration_id = %q
  target_uin            = %d
%s
}
`, f.rc, f.uin, body)
	for _, m := range more {
		c += m + "\n"
	}
	return c
}

func (f *raFixture) key(principalType, principalID string) idc.RoleAssignmentKey {
	return idc.RoleAssignmentKey{RoleConfigurationID: f.rc, TargetType: idc.TargetTypeMember, TargetUin: f.uin,
		PrincipalType: principalType, PrincipalID: principalID}
}

// id is the assignment's import ID, the parts joined by sep.
func (f *raFixture) id(k idc.RoleAssignmentKey, sep string) string {
	return strings.Join([]string{f.env.ZoneID, k.RoleConfigurationID, k.TargetType, fmt.Sprint(k.TargetUin), k.PrincipalType, k.PrincipalID}, sep)
}

// assign makes an assignment behind Terraform's back, as the console does.
func (f *raFixture) assign(t *testing.T, keys ...idc.RoleAssignmentKey) {
	t.Helper()
	ctx := context.Background()
	for len(keys) > 0 {
		batch := keys[:min(50, len(keys))]
		keys = keys[len(batch):]
		tasks, err := f.env.API.CreateRoleAssignment(ctx, f.env.ZoneID, batch)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.env.API.WaitForTasks(ctx, f.env.ZoneID, f.rc, tasks); err != nil {
			t.Fatal(err)
		}
	}
}

func (f *raFixture) unassign(key idc.RoleAssignmentKey) error {
	ctx := context.Background()
	task, err := f.env.API.DeleteRoleAssignment(ctx, f.env.ZoneID, key, "")
	if err != nil || task == nil {
		return err
	}
	_, err = f.env.API.WaitForTask(ctx, f.env.ZoneID, task.TaskID)
	return err
}

// checkAssignments checks how many assignments the configuration has on the service.
func (f *raFixture) checkAssignments(want int) func(*terraform.State) error {
	return func(*terraform.State) error {
		list, err := f.env.API.ListRoleAssignments(context.Background(), idc.ListRoleAssignmentsInput{ZoneID: f.env.ZoneID, RoleConfigurationID: f.rc})
		if err != nil {
			return err
		}
		if len(list) != want {
			return fmt.Errorf("the role configuration has %d assignments, want %d: %+v", len(list), want, list)
		}
		return nil
	}
}

// checkDeployed checks whether the configuration is deployed on the fixture's account.
func (f *raFixture) checkDeployed(want bool) func(*terraform.State) error {
	return func(*terraform.State) error {
		deps, err := f.env.API.ListRoleConfigurationProvisionings(context.Background(),
			idc.ListProvisioningsInput{ZoneID: f.env.ZoneID, RoleConfigurationID: f.rc})
		if err != nil {
			return err
		}
		got := false
		for _, d := range deps {
			got = got || d.TargetUin == f.uin
		}
		if got != want {
			return fmt.Errorf("deployed on %d: %v, want %v (provisionings %+v)", f.uin, got, want, deps)
		}
		return nil
	}
}

// simAPI calls the simulator's Tencent API directly, for actions the client does not offer
// (renaming a group as an administrator or identity provider would).
func simAPI(env *acctest.Env, action string, params map[string]any) error {
	body, err := json.Marshal(params)
	if err != nil {
		return err
	}
	req, err := http.NewRequest(http.MethodPost, "http://"+env.Endpoint+"/", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-TC-Action", action)
	req.Header.Set("X-TC-Version", "2021-03-31")
	idcsim.SignRequest(req, body, env.SecretID, env.SecretKey, "organization", time.Now().Unix())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	var out struct {
		Response struct {
			Error *struct{ Code, Message string }
		}
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		return fmt.Errorf("%s: %s", action, raw)
	}
	if e := out.Response.Error; e != nil {
		return fmt.Errorf("%s: %s: %s", action, e.Code, e.Message)
	}
	return nil
}

func TestAccRoleAssignmentResource_basic(t *testing.T) {
	f := newRAFixture(t)
	group := addGroup(t, f.env, "cloud-engineers")
	byName := f.config(`  principal_type = "Group"
  principal_name = "cloud-engineers"`)
	tfresource.ParallelTest(t, tfresource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             tfresource.ComposeAggregateTestCheckFunc(f.checkAssignments(0), f.checkDeployed(false)),
		Steps: []tfresource.TestStep{
			{
				Config:           byName,
				ConfigPlanChecks: tfresource.ConfigPlanChecks{PreApply: raCreateActions},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(raAddr, rcAttr("id"), knownvalue.StringExact(f.id(f.key("Group", group), "/"))),
					statecheck.ExpectKnownValue(raAddr, rcAttr("principal_id"), knownvalue.StringExact(group)),
					statecheck.ExpectKnownValue(raAddr, rcAttr("principal_display_name"), knownvalue.StringExact("cloud-engineers")),
					statecheck.ExpectKnownValue(raAddr, rcAttr("target_type"), knownvalue.StringExact("MemberUin")),
					statecheck.ExpectKnownValue(raAddr, rcAttr("deprovision_strategy"), knownvalue.StringExact("DeprovisionForLastRoleAssignmentOnAccount")),
					statecheck.ExpectKnownValue(raAddr, rcAttr("role_configuration_name"), knownvalue.StringExact("platform-readonly")),
					statecheck.ExpectKnownValue(raAddr, rcAttr("target_name"), knownvalue.StringRegexp(regexp.MustCompile(`.+`))),
					statecheck.ExpectKnownValue(raAddr, rcAttr("create_time"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`))),
				},
				Check: tfresource.ComposeAggregateTestCheckFunc(f.checkAssignments(1), f.checkDeployed(true)),
			},
			{
				ResourceName: raAddr, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"principal_name"},
				ImportStateId: f.id(f.key("Group", group), "/"),
			},
			{
				ResourceName: raAddr, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"principal_name"},
				ImportStateId: f.id(f.key("Group", group), "#"),
			},
			{
				// Renamed in the identity provider: the resource follows the ID, the plan is empty,
				// and the refresh shows the new name.
				PreConfig: func() {
					if err := simAPI(f.env, "UpdateGroup", map[string]any{"ZoneId": f.env.ZoneID, "GroupId": group, "NewGroupName": "platform-engineers"}); err != nil {
						t.Fatal(err)
					}
				},
				Config:           byName,
				ConfigPlanChecks: tfresource.ConfigPlanChecks{PreApply: raEmptyPlan},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(raAddr, rcAttr("principal_display_name"), knownvalue.StringExact("platform-engineers")),
					statecheck.ExpectKnownValue(raAddr, rcAttr("principal_name"), knownvalue.StringExact("cloud-engineers")),
				},
			},
			{
				// The new name of the same group, and a different deprovision_strategy: a state-only update.
				PreConfig: f.env.Sim.ResetStats,
				Config: f.config(`  principal_type       = "Group"
  principal_name       = "Platform-Engineers"
  deprovision_strategy = "None"`),
				ConfigPlanChecks: tfresource.ConfigPlanChecks{PreApply: raUpdateActions},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(raAddr, rcAttr("deprovision_strategy"), knownvalue.StringExact("None")),
					statecheck.ExpectKnownValue(raAddr, rcAttr("principal_id"), knownvalue.StringExact(group)),
				},
				Check: f.env.CheckCalls(map[string]int64{"CreateRoleAssignment": 0, "DeleteRoleAssignment": 0}),
			},
			{
				// By ID instead of by name, the default strategy back: still the same assignment.
				PreConfig: f.env.Sim.ResetStats,
				Config: f.config(fmt.Sprintf(`  principal_type = "Group"
  principal_id   = %q`, group)),
				ConfigPlanChecks: tfresource.ConfigPlanChecks{PreApply: raUpdateActions},
				Check:            f.env.CheckCalls(map[string]int64{}),
			},
		},
	})
}

func TestAccRoleAssignmentResource_importByIdentity(t *testing.T) {
	f := newRAFixture(t)
	user := addUser(t, f.env, idcsim.User{UserName: "alice", Email: "alice@example.com", UserType: apiTypeManual})
	config := f.config(fmt.Sprintf(`  principal_type = "User"
  principal_id   = %q`, user))
	tfresource.ParallelTest(t, tfresource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		CheckDestroy:             f.checkAssignments(0),
		Steps: []tfresource.TestStep{
			{Config: config},
			{Config: config, ResourceName: raAddr, ImportState: true, ImportStateKind: tfresource.ImportBlockWithResourceIdentity},
		},
	})
}

// The group is pushed by the identity provider only after the plan: the apply waits for it.
func TestAccRoleAssignmentResource_principalPushedAfterPlan(t *testing.T) {
	f := newRAFixture(t)
	var wg sync.WaitGroup
	t.Cleanup(wg.Wait)
	tfresource.ParallelTest(t, tfresource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             f.checkAssignments(0),
		Steps: []tfresource.TestStep{{
			PreConfig: func() {
				f.env.Sim.ResetStats()
				wg.Add(1)
				go func() {
					defer wg.Done()
					// The first lookup is the apply's (a create's plan looks nothing up): push the
					// group once the apply has looked for it and not found it.
					for deadline := time.Now().Add(time.Minute); f.env.Calls("ListGroups") == 0 && time.Now().Before(deadline); {
						time.Sleep(20 * time.Millisecond)
					}
					time.Sleep(300 * time.Millisecond)
					if _, err := f.env.Sim.AddGroup(idcsim.Group{GroupName: "cloud-engineers", GroupType: "Synchronized"}); err != nil {
						t.Error(err)
					}
				}()
			},
			Config: f.config(`  principal_type = "Group"
  principal_name = "cloud-engineers"
  timeouts {
    create = "1m"
  }`),
			ConfigPlanChecks: tfresource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectUnknownValue(raAddr, rcAttr("principal_id"))}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(raAddr, rcAttr("principal_id"), knownvalue.StringRegexp(regexp.MustCompile(`^g-`))),
			},
			Check: tfresource.ComposeAggregateTestCheckFunc(
				f.checkAssignments(1),
				func(*terraform.State) error {
					if n := f.env.Calls("ListGroups"); n < 2 {
						return fmt.Errorf("ListGroups called %d times: the apply did not wait for the push", n)
					}
					return nil
				},
			),
		}},
	})
}

// A name that never shows up: the create gives up at timeouts.create, says what to do, and
// makes nothing.
func TestAccRoleAssignmentResource_principalNotPushed(t *testing.T) {
	f := newRAFixture(t)
	tfresource.ParallelTest(t, tfresource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []tfresource.TestStep{{
			PreConfig: f.env.Sim.ResetStats,
			Config: f.config(`  principal_type = "Group"
  principal_name = "cloud-engineers"
  timeouts {
    create = "2s"
  }`),
			ExpectError: acctest.Words("Principal Not Found", `No group named "cloud-engineers" was found in zone`, f.env.ZoneID,
				"within timeouts.create (2s)", "Nothing was created", "raise timeouts.create"),
		}},
		CheckDestroy: tfresource.ComposeAggregateTestCheckFunc(f.checkAssignments(0),
			f.env.CheckCalls(map[string]int64{"CreateRoleAssignment": 0})),
	})
}

// Destroying one of two principals' assignments keeps the deployment the other still uses;
// destroying the last one undeploys it.
func TestAccRoleAssignmentResource_destroyKeepsOthersDeployment(t *testing.T) {
	f := newRAFixture(t)
	addGroup(t, f.env, "cloud-engineers")
	user := addUser(t, f.env, idcsim.User{UserName: "alice", Email: "alice@example.com", UserType: apiTypeManual})
	other := fmt.Sprintf(`resource "tencentcloudidc_role_assignment" "other" {
  role_configuration_id = %q
  target_uin            = %d
  principal_type        = "User"
  principal_id          = %q
}`, f.rc, f.uin, user)
	both := f.config(`  principal_type = "Group"
  principal_name = "cloud-engineers"`, other)
	tfresource.ParallelTest(t, tfresource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             tfresource.ComposeAggregateTestCheckFunc(f.checkAssignments(0), f.checkDeployed(false)),
		Steps: []tfresource.TestStep{
			{Config: both, Check: tfresource.ComposeAggregateTestCheckFunc(f.checkAssignments(2), f.checkDeployed(true))},
			{
				ResourceName: "tencentcloudidc_role_assignment.other", ImportState: true, ImportStateVerify: true,
				ImportStateId: f.id(f.key(idc.PrincipalTypeUser, user), "#"),
			},
			{
				PreConfig: f.env.Sim.ResetStats,
				Config:    f.env.ProviderConfig() + other,
				Check: tfresource.ComposeAggregateTestCheckFunc(f.checkAssignments(1), f.checkDeployed(true),
					f.env.CheckCalls(map[string]int64{"DeleteRoleAssignment": 1, "DismantleRoleConfiguration": 0})),
			},
		},
	})
}

// With deprovision_strategy = "None" the deployment stays after the last assignment goes.
func TestAccRoleAssignmentResource_destroyWithoutDeprovision(t *testing.T) {
	f := newRAFixture(t)
	addGroup(t, f.env, "cloud-engineers")
	tfresource.ParallelTest(t, tfresource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             tfresource.ComposeAggregateTestCheckFunc(f.checkAssignments(0), f.checkDeployed(true)),
		Steps: []tfresource.TestStep{{
			Config: f.config(`  principal_type       = "Group"
  principal_name       = "cloud-engineers"
  deprovision_strategy = "None"`),
			Check: f.checkDeployed(true),
		}},
	})
}

// Removed behind Terraform's back: the refresh drops it and the plan creates it again.
func TestAccRoleAssignmentResource_drift(t *testing.T) {
	f := newRAFixture(t)
	group := addGroup(t, f.env, "cloud-engineers")
	config := f.config(`  principal_type = "Group"
  principal_name = "cloud-engineers"`)
	tfresource.ParallelTest(t, tfresource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             f.checkAssignments(0),
		Steps: []tfresource.TestStep{
			{
				Config:             config,
				Check:              func(*terraform.State) error { return f.unassign(f.key("Group", group)) },
				ExpectNonEmptyPlan: true,
			},
			{
				Config:           config,
				ConfigPlanChecks: tfresource.ConfigPlanChecks{PreApply: raCreateActions},
				Check:            f.checkAssignments(1),
			},
		},
	})
}

// An assignment someone else made is never taken over: the create is refused with the import
// block that adopts it, and nothing is sent.
func TestAccRoleAssignmentResource_alreadyExists(t *testing.T) {
	f := newRAFixture(t)
	group := addGroup(t, f.env, "cloud-engineers")
	f.assign(t, f.key("Group", group))
	tfresource.ParallelTest(t, tfresource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []tfresource.TestStep{{
			PreConfig: f.env.Sim.ResetStats,
			Config: f.config(`  principal_type = "Group"
  principal_name = "cloud-engineers"`),
			ExpectError: acctest.Words("Role Assignment Already Exists", group, "did not create it and changed nothing",
				"import {", "to = tencentcloudidc_role_assignment.", fmt.Sprintf("id = %q", f.id(f.key("Group", group), "/"))),
		}},
		CheckDestroy: tfresource.ComposeAggregateTestCheckFunc(f.checkAssignments(1),
			f.env.CheckCalls(map[string]int64{"CreateRoleAssignment": 0})),
	})
}

// A task that fails is reported with its ID and the service's reason, and nothing is recorded:
// the next plan creates the assignment again.
func TestAccRoleAssignmentResource_taskFailure(t *testing.T) {
	f := newRAFixture(t)
	group := addGroup(t, f.env, "cloud-engineers")
	config := f.config(`  principal_type = "Group"
  principal_name = "cloud-engineers"`)
	tfresource.ParallelTest(t, tfresource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             f.checkAssignments(0),
		Steps: []tfresource.TestStep{
			{
				PreConfig: func() {
					if err := f.env.Sim.SetFaults("task-failure=1"); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ExpectError: regexp.MustCompile(`(?s)Unable to Create Role Assignment.*Group\s+` + group + `\s+\("cloud-engineers"\).*account\s+` +
					fmt.Sprint(f.uin) + `\s+\(MemberUin\).*task\s+t-[a-z0-9]+\s+ended\s+Failed:.*Simulated\s+task\s+failure.*Nothing\s+was\s+recorded`),
			},
			{
				PreConfig: func() {
					if err := f.env.Sim.SetFaults(""); err != nil {
						t.Fatal(err)
					}
				},
				Config:           config,
				ConfigPlanChecks: tfresource.ConfigPlanChecks{PreApply: raCreateActions},
				Check:            f.checkAssignments(1),
			},
			{
				// A failed removal is reported the same way, and the assignment stays in the state.
				PreConfig: func() {
					if err := f.env.Sim.SetFaults("task-failure=1"); err != nil {
						t.Fatal(err)
					}
				},
				Config: f.env.ProviderConfig(),
				ExpectError: regexp.MustCompile(`(?s)Unable to Delete Role Assignment.*Group\s+` + group + `.*account\s+` + fmt.Sprint(f.uin) +
					`.*task\s+t-[a-z0-9]+\s+ended\s+Failed:.*Simulated\s+task\s+failure.*stays\s+in\s+the\s+state`),
			},
			{
				PreConfig: func() {
					if err := f.env.Sim.SetFaults(""); err != nil {
						t.Fatal(err)
					}
				},
				Config:           config,
				ConfigPlanChecks: tfresource.ConfigPlanChecks{PreApply: raEmptyPlan},
				Check:            f.checkAssignments(1),
			},
		},
	})
}

// The create's answer is lost after the service made the assignment: the listing afterwards
// finds it, and it is recorded without a second create and without an "already exists".
func TestAccRoleAssignmentResource_createAnswerLost(t *testing.T) {
	f := newRAFixture(t)
	addGroup(t, f.env, "cloud-engineers")
	tfresource.ParallelTest(t, tfresource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             f.checkAssignments(0),
		Steps: []tfresource.TestStep{
			{
				PreConfig: func() {
					f.env.Sim.ResetStats()
					f.env.Sim.FailNext("CreateRoleAssignment", idcsim.FaultLostResponse, 1)
				},
				Config: f.config(`  principal_type = "Group"
  principal_name = "cloud-engineers"`),
				Check: tfresource.ComposeAggregateTestCheckFunc(
					f.env.CheckCalls(map[string]int64{"CreateRoleAssignment": 1}),
					f.checkAssignments(1),
				),
			},
			{
				Config: f.config(`  principal_type = "Group"
  principal_name = "cloud-engineers"`),
				ConfigPlanChecks: tfresource.ConfigPlanChecks{PreApply: raEmptyPlan},
			},
		},
	})
}

func TestParseRoleAssignmentID(t *testing.T) {
	const zone, rc = "z-vft38p2hq8tq", "rc-4plmus8fdfsb"
	cases := map[string]struct {
		id      string
		wantErr string
	}{
		"slashes":             {id: zone + "/" + rc + "/MemberUin/100000000001/Group/g-8sjd2k3l"},
		"official # form":     {id: zone + "#" + rc + "#ManagerUin#100000000001#User#u-8sjd2k3l"},
		"five parts":          {id: zone + "/" + rc + "/MemberUin/100000000001/Group", wantErr: "it has 5 parts, not 6"},
		"bad zone":            {id: "z-1/" + rc + "/MemberUin/1/Group/g-a", wantErr: `"z-1" is not a zone ID`},
		"bad target type":     {id: zone + "/" + rc + "/Member/1/Group/g-a", wantErr: `the target type "Member" is neither`},
		"negative uin":        {id: zone + "/" + rc + "/MemberUin/-1/Group/g-a", wantErr: `the target UIN "-1" is not a positive number`},
		"user id for a group": {id: zone + "/" + rc + "/MemberUin/1/Group/u-a", wantErr: `"u-a" is not a group ID`},
		"bad principal type":  {id: zone + "/" + rc + "/MemberUin/1/Role/g-a", wantErr: `the principal type "Role" is neither User nor Group`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := parseRoleAssignmentID(tc.id)
			if tc.wantErr == "" {
				if err != nil || got.ZoneID.ValueString() != zone || got.RoleConfigurationID.ValueString() != rc || got.TargetUin.ValueInt64() != 100000000001 {
					t.Fatalf("parseRoleAssignmentID(%q) = %+v, %v", tc.id, got, err)
				}
				return
			}
			if err == nil || !regexp.MustCompile(regexp.QuoteMeta(tc.wantErr)).MatchString(err.Error()) ||
				!regexp.MustCompile(`Expected .*<zone_id>#<role_configuration_id>#`).MatchString(err.Error()) {
				t.Fatalf("parseRoleAssignmentID(%q) error = %v, want %q and the forms", tc.id, err, tc.wantErr)
			}
		})
	}
}

// Refreshing N assignments of one role configuration, concurrently as Terraform does, costs
// ⌈N/100⌉ ListRoleAssignments calls: one shared listing, not one call per assignment.
func TestRoleAssignmentResource_refreshCost(t *testing.T) {
	for _, n := range []int{1, 100, 250} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			env := acctest.NewEnv(t, idcsim.Options{SeedAccounts: 1, SeedGroups: n, TaskDelay: time.Millisecond})
			env.RequireSim(t)
			ctx := t.Context()
			rc, err := env.API.CreateRoleConfiguration(ctx, idc.CreateRoleConfigurationInput{ZoneID: env.ZoneID, Name: "platform-readonly"})
			if err != nil {
				t.Fatal(err)
			}
			f := &raFixture{env: env, rc: rc.RoleConfigurationID, uin: memberUin(t, env)}
			groups, err := env.API.ListGroups(ctx, idc.ListGroupsInput{ZoneID: env.ZoneID})
			if err != nil || len(groups) != n {
				t.Fatalf("ListGroups = %d groups, %v; want %d", len(groups), err, n)
			}
			keys := make([]idc.RoleAssignmentKey, n)
			for i, g := range groups {
				keys[i] = f.key(idc.PrincipalTypeGroup, g.GroupID)
			}
			f.assign(t, keys...)

			data := &providerData{client: env.API}
			r := &roleAssignmentResource{resourceBase{data: data}}
			var schemaResp resource.SchemaResponse
			r.Schema(ctx, resource.SchemaRequest{}, &schemaResp)
			var identityResp resource.IdentitySchemaResponse
			r.IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &identityResp)
			env.Sim.ResetStats()
			var wg sync.WaitGroup
			errs := make(chan string, n)
			sem := make(chan struct{}, 10) // Terraform's default parallelism
			for _, k := range keys {
				wg.Add(1)
				go func() {
					defer wg.Done()
					sem <- struct{}{}
					defer func() { <-sem }()
					state := tfsdk.State{Schema: schemaResp.Schema, Raw: tftypes.NewValue(schemaResp.Schema.Type().TerraformType(ctx), nil)}
					m := roleAssignmentModel{
						ID: types.StringValue(roleAssignmentID(env.ZoneID, k)), ZoneID: types.StringValue(env.ZoneID), RoleConfigurationID: types.StringValue(k.RoleConfigurationID),
						TargetType: types.StringValue(k.TargetType), TargetUin: types.Int64Value(k.TargetUin), PrincipalType: types.StringValue(k.PrincipalType),
						PrincipalID: types.StringValue(k.PrincipalID), DeprovisionStrategy: types.StringValue(idc.DeprovisionForLastRoleAssignment),
					}
					m.Timeouts = timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{
						"create": types.StringType, "read": types.StringType, "update": types.StringType, "delete": types.StringType,
					})}
					if d := state.Set(ctx, &m); d.HasError() {
						errs <- fmt.Sprint(d)
						return
					}
					identity := &tfsdk.ResourceIdentity{Schema: identityResp.IdentitySchema,
						Raw: tftypes.NewValue(identityResp.IdentitySchema.Type().TerraformType(ctx), nil)}
					resp := resource.ReadResponse{State: state, Identity: identity}
					r.Read(ctx, resource.ReadRequest{State: state}, &resp)
					if resp.Diagnostics.HasError() || resp.State.Raw.IsNull() {
						errs <- fmt.Sprintf("reading %v: %v (removed: %v)", k, resp.Diagnostics, resp.State.Raw.IsNull())
					}
				}()
			}
			wg.Wait()
			close(errs)
			for e := range errs {
				t.Error(e)
			}
			want := int64((n + 99) / 100)
			if got := env.Calls("ListRoleAssignments"); got != want {
				t.Errorf("refreshing %d assignments made %d ListRoleAssignments calls, want %d", n, got, want)
			}
		})
	}
}

// The create's answer is lost while the service's task is still making the assignment: the
// listing afterwards finds the running task (ListTasks), and the create waits for it.
func TestAccRoleAssignmentResource_createAnswerLostTaskRunning(t *testing.T) {
	env := acctest.NewEnv(t, idcsim.Options{SeedAccounts: 1, TaskDelay: 2 * time.Second})
	env.RequireSim(t)
	rc, err := env.API.CreateRoleConfiguration(t.Context(), idc.CreateRoleConfigurationInput{ZoneID: env.ZoneID, Name: "platform-readonly"})
	if err != nil {
		t.Fatal(err)
	}
	f := &raFixture{env: env, rc: rc.RoleConfigurationID, uin: memberUin(t, env)}
	addGroup(t, env, "cloud-engineers")
	tfresource.ParallelTest(t, tfresource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             f.checkAssignments(0),
		Steps: []tfresource.TestStep{{
			PreConfig: func() {
				env.Sim.ResetStats()
				env.Sim.FailNext("CreateRoleAssignment", idcsim.FaultLostResponse, 1)
			},
			Config: f.config(`  principal_type = "Group"
  principal_name = "cloud-engineers"`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(raAddr, rcAttr("create_time"), knownvalue.NotNull()),
			},
			Check: tfresource.ComposeAggregateTestCheckFunc(
				env.CheckCalls(map[string]int64{"CreateRoleAssignment": 1}),
				func(*terraform.State) error {
					if n := env.Calls("ListTasks"); n < 1 {
						return fmt.Errorf("ListTasks called %d times: the running task was not looked for", n)
					}
					return nil
				},
				f.checkAssignments(1),
			),
		}},
	})
}

// principal_name changed to another principal's name: the assignment is replaced.
func TestAccRoleAssignmentResource_principalNameOfAnother(t *testing.T) {
	f := newRAFixture(t)
	addGroup(t, f.env, "cloud-engineers")
	auditors := addGroup(t, f.env, "auditors")
	tfresource.ParallelTest(t, tfresource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             f.checkAssignments(0),
		Steps: []tfresource.TestStep{
			{Config: f.config(`  principal_type = "Group"
  principal_name = "cloud-engineers"`)},
			{
				Config: f.config(`  principal_type = "Group"
  principal_name = "auditors"`),
				ConfigPlanChecks: tfresource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(raAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(raAddr, rcAttr("principal_id"), knownvalue.StringExact(auditors)),
				},
				Check: f.checkAssignments(1),
			},
		},
	})
}

// The task is still running when timeouts.create runs out: the error says so, and the
// assignment is recorded (tainted), never left untracked: the next apply replaces it instead
// of failing on "already exists".
func TestAccRoleAssignmentResource_createTimeout(t *testing.T) {
	env := acctest.NewEnv(t, idcsim.Options{SeedAccounts: 1, TaskDelay: 3 * time.Second})
	env.RequireSim(t)
	rc, err := env.API.CreateRoleConfiguration(t.Context(), idc.CreateRoleConfigurationInput{ZoneID: env.ZoneID, Name: "platform-readonly"})
	if err != nil {
		t.Fatal(err)
	}
	f := &raFixture{env: env, rc: rc.RoleConfigurationID, uin: memberUin(t, env)}
	addGroup(t, env, "cloud-engineers")
	body := `  principal_type = "Group"
  principal_name = "cloud-engineers"
`
	tfresource.ParallelTest(t, tfresource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             f.checkAssignments(0),
		Steps: []tfresource.TestStep{
			{
				Config: f.config(body + "  timeouts {\n    create = \"1s\"\n  }"),
				ExpectError: acctest.Words("Unable to Create Role Assignment", "was started, but", `timeouts.create = "1s"`,
					"tainted", "Raise timeouts.create"),
			},
			{
				PreConfig: func() { time.Sleep(3 * time.Second) },
				Config:    f.config(body),
				ConfigPlanChecks: tfresource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(raAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: f.checkAssignments(1),
			},
		},
	})
}
