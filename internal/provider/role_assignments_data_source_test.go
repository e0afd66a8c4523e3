package provider

import (
	"cmp"
	"context"
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/acctest"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idcsim"
)

// rasAssign grants keys straight through the API, as the console does, 50 per call (the
// service's limit), and waits for every task.
func rasAssign(t *testing.T, env *acctest.Env, keys ...idc.RoleAssignmentKey) {
	t.Helper()
	ctx := context.Background()
	for batch := range slices.Chunk(keys, 50) {
		tasks, err := env.API.CreateRoleAssignment(ctx, env.ZoneID, batch)
		if err != nil {
			t.Fatalf("CreateRoleAssignment(%d assignments): %v", len(batch), err)
		}
		byRC := map[string][]idc.Task{}
		for _, task := range tasks {
			byRC[task.RoleConfigurationID] = append(byRC[task.RoleConfigurationID], task)
		}
		for rc, ts := range byRC {
			if _, err := env.API.WaitForTasks(ctx, env.ZoneID, rc, ts); err != nil {
				t.Fatalf("assigning %s: %v", rc, err)
			}
		}
	}
}

// rasKeys checks a list of assignments against want, in the data source's documented order:
// role configuration ID, target type, target UIN, principal type, principal ID.
func rasKeys(want ...idc.RoleAssignmentKey) knownvalue.Check {
	sorted := slices.Clone(want)
	slices.SortFunc(sorted, func(a, b idc.RoleAssignmentKey) int {
		return cmp.Or(cmp.Compare(a.RoleConfigurationID, b.RoleConfigurationID), cmp.Compare(a.TargetType, b.TargetType),
			cmp.Compare(a.TargetUin, b.TargetUin), cmp.Compare(a.PrincipalType, b.PrincipalType), cmp.Compare(a.PrincipalID, b.PrincipalID))
	})
	checks := make([]knownvalue.Check, len(sorted))
	for i, k := range sorted {
		checks[i] = knownvalue.ObjectPartial(map[string]knownvalue.Check{
			"role_configuration_id": knownvalue.StringExact(k.RoleConfigurationID),
			"target_type":           knownvalue.StringExact(k.TargetType),
			"target_uin":            knownvalue.Int64Exact(k.TargetUin),
			"principal_type":        knownvalue.StringExact(k.PrincipalType),
			"principal_id":          knownvalue.StringExact(k.PrincipalID),
		})
	}
	return knownvalue.ListExact(checks)
}

func rasKey(rc, targetType string, uin int64, principalType, principal string) idc.RoleAssignmentKey {
	return idc.RoleAssignmentKey{RoleConfigurationID: rc, TargetType: targetType, TargetUin: uin, PrincipalType: principalType, PrincipalID: principal}
}

// rasFixture is a zone with two role configurations, a group and a user holding five
// assignments on both member accounts and the management account, and a group holding none.
type rasFixture struct {
	env                       *acctest.Env
	members                   []idc.OrganizationMember
	host                      *idc.Organization
	readonly, admin           string
	group, user, unassigned   string
	keys                      []idc.RoleAssignmentKey
	readonlyName, adminName   string
	groupName, userName, none string
}

func newRASFixture(t *testing.T) *rasFixture {
	env := rcEnv(t)
	f := &rasFixture{env: env, members: rcsMembers(t, env), readonlyName: "platform-readonly", adminName: "platform-admin",
		groupName: "cloud-engineers", userName: "ana.lima", none: "auditors"}
	host, err := env.API.DescribeOrganization(context.Background(), "", "")
	if err != nil {
		t.Fatalf("DescribeOrganization: %v", err)
	}
	f.host = host
	f.readonly = rcsCreate(t, env, idc.CreateRoleConfigurationInput{Name: f.readonlyName}, nil, rcsDocument)
	f.admin = rcsCreate(t, env, idc.CreateRoleConfigurationInput{Name: f.adminName}, nil, rcsDocument)
	f.group = addGroup(t, env, f.groupName)
	f.user = addUser(t, env, idcsim.User{UserName: f.userName, Email: "ana.lima@example.com"})
	f.unassigned = addGroup(t, env, f.none)
	m0, m1 := f.members[0].MemberUin, f.members[1].MemberUin
	f.keys = []idc.RoleAssignmentKey{
		rasKey(f.readonly, idc.TargetTypeMember, m0, idc.PrincipalTypeGroup, f.group),
		rasKey(f.readonly, idc.TargetTypeMember, m1, idc.PrincipalTypeUser, f.user),
		rasKey(f.admin, idc.TargetTypeMember, m0, idc.PrincipalTypeUser, f.user),
		rasKey(f.admin, idc.TargetTypeMember, m1, idc.PrincipalTypeGroup, f.group),
		rasKey(f.admin, idc.TargetTypeManager, host.HostUin, idc.PrincipalTypeGroup, f.group),
	}
	return f
}

const rasAddr = "data.tencentcloudidc_role_assignments.test"

// An empty zone lists an empty list, not null; once the console assigns, every assignment shows
// with the names of what it links, in the documented order, and reading changes nothing.
func TestAccRoleAssignmentsDataSource_basic(t *testing.T) {
	f := newRASFixture(t)
	env := f.env
	config := testAccUsersConfig(env, `data "tencentcloudidc_role_assignments" "test" {}`)
	timestamp := knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(rasAddr, tfjsonpath.New("assignments"), knownvalue.ListExact([]knownvalue.Check{})),
					statecheck.ExpectKnownValue(rasAddr, tfjsonpath.New("zone_id"), knownvalue.StringExact(env.ZoneID)),
					statecheck.ExpectKnownValue(rasAddr, tfjsonpath.New("role_configuration_id"), knownvalue.Null()),
				},
			},
			{
				PreConfig: func() {
					rasAssign(t, env, f.keys...)
					env.Sim.ResetStats()
				},
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(rasAddr, tfjsonpath.New("assignments"), rasKeys(f.keys...)),
					// Every attribute of two of them: a group on a member account, a user on another.
					statecheck.ExpectKnownValue(rasAddr, tfjsonpath.New("assignments"), knownvalue.SetPartial([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"role_configuration_id":   knownvalue.StringExact(f.readonly),
							"role_configuration_name": knownvalue.StringExact(f.readonlyName),
							"target_type":             knownvalue.StringExact(idc.TargetTypeMember),
							"target_uin":              knownvalue.Int64Exact(f.members[0].MemberUin),
							"target_name":             knownvalue.StringExact(f.members[0].Name),
							"principal_type":          knownvalue.StringExact(idc.PrincipalTypeGroup),
							"principal_id":            knownvalue.StringExact(f.group),
							"principal_name":          knownvalue.StringExact(f.groupName),
							"create_time":             timestamp,
							"update_time":             timestamp,
						}),
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"role_configuration_id":   knownvalue.StringExact(f.readonly),
							"role_configuration_name": knownvalue.StringExact(f.readonlyName),
							"target_type":             knownvalue.StringExact(idc.TargetTypeMember),
							"target_uin":              knownvalue.Int64Exact(f.members[1].MemberUin),
							"target_name":             knownvalue.StringExact(f.members[1].Name),
							"principal_type":          knownvalue.StringExact(idc.PrincipalTypeUser),
							"principal_id":            knownvalue.StringExact(f.user),
							"principal_name":          knownvalue.StringExact(f.userName),
							"create_time":             timestamp,
							"update_time":             timestamp,
						}),
						knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"target_type": knownvalue.StringExact(idc.TargetTypeManager),
							"target_uin":  knownvalue.Int64Exact(f.host.HostUin),
							"target_name": knownvalue.StringExact(f.host.NickName),
						}),
					})),
				},
				Check: env.CheckNoMutatingCalls("reading role assignments"),
			},
		},
	})
}

// Each filter alone and two together narrow the list to exactly the matching assignments; a
// group that holds none is an empty list.
func TestAccRoleAssignmentsDataSource_filters(t *testing.T) {
	f := newRASFixture(t)
	env := f.env
	rasAssign(t, env, f.keys...)
	k := f.keys
	m0 := f.members[0].MemberUin
	block := func(name, body string) string {
		return fmt.Sprintf("data \"tencentcloudidc_role_assignments\" %q {\n%s\n}\n", name, body)
	}
	at := func(name string) string { return "data.tencentcloudidc_role_assignments." + name }
	config := testAccUsersConfig(env,
		block("rc", fmt.Sprintf(`  role_configuration_id = %q`, f.readonly)),
		block("account", fmt.Sprintf("  target_type = \"MemberUin\"\n  target_uin = %d", m0)),
		block("manager", fmt.Sprintf("  target_type = \"ManagerUin\"\n  target_uin = %d", f.host.HostUin)),
		block("group", fmt.Sprintf("  principal_type = \"Group\"\n  principal_id = %q", f.group)),
		block("user", fmt.Sprintf("  principal_type = \"User\"\n  principal_id = %q", f.user)),
		block("admin_user", fmt.Sprintf("  role_configuration_id = %q\n  principal_type = \"User\"\n  principal_id = %q", f.admin, f.user)),
		block("nobody", fmt.Sprintf("  principal_type = \"Group\"\n  principal_id = %q", f.unassigned)),
		block("no_account", fmt.Sprintf("  role_configuration_id = %q\n  target_type = \"ManagerUin\"\n  target_uin = %d", f.readonly, f.host.HostUin)),
	)
	assignments := tfjsonpath.New("assignments")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(at("rc"), assignments, rasKeys(k[0], k[1])),
				statecheck.ExpectKnownValue(at("account"), assignments, rasKeys(k[0], k[2])),
				statecheck.ExpectKnownValue(at("manager"), assignments, rasKeys(k[4])),
				statecheck.ExpectKnownValue(at("group"), assignments, rasKeys(k[0], k[3], k[4])),
				statecheck.ExpectKnownValue(at("user"), assignments, rasKeys(k[1], k[2])),
				statecheck.ExpectKnownValue(at("admin_user"), assignments, rasKeys(k[2])),
				statecheck.ExpectKnownValue(at("nobody"), assignments, knownvalue.ListExact([]knownvalue.Check{})),
				statecheck.ExpectKnownValue(at("no_account"), assignments, knownvalue.ListExact([]knownvalue.Check{})),
				// The filters stay as configured beside the result.
				statecheck.ExpectKnownValue(at("account"), tfjsonpath.New("target_uin"), knownvalue.Int64Exact(m0)),
				statecheck.ExpectKnownValue(at("group"), tfjsonpath.New("principal_id"), knownvalue.StringExact(f.group)),
			},
		}},
	})
}

// 120 assignments are two pages of ListRoleAssignments (100 per call); the 60 of one role
// configuration are one, because the filter goes to the service rather than being applied to
// the full listing. A role configurations data source that matches nothing costs exactly one
// ListRoleConfigurations per read, so it counts the reads.
func TestAccRoleAssignmentsDataSource_paging(t *testing.T) {
	const groups = 30 // × 2 role configurations × 2 accounts = 120
	env := rcEnv(t)
	members := rcsMembers(t, env)
	rcA := rcsCreate(t, env, idc.CreateRoleConfigurationInput{Name: "platform-readonly"}, nil, rcsDocument)
	rcB := rcsCreate(t, env, idc.CreateRoleConfigurationInput{Name: "platform-admin"}, nil, rcsDocument)
	var keys, ofA []idc.RoleAssignmentKey
	for i := range groups {
		g := addGroup(t, env, fmt.Sprintf("team-%02d", i))
		for _, rc := range []string{rcA, rcB} {
			for _, m := range members[:2] {
				key := rasKey(rc, idc.TargetTypeMember, m.MemberUin, idc.PrincipalTypeGroup, g)
				keys = append(keys, key)
				if rc == rcA {
					ofA = append(ofA, key)
				}
			}
		}
	}
	rasAssign(t, env, keys...)
	env.Sim.ResetStats()
	config := testAccUsersConfig(env,
		`data "tencentcloudidc_role_assignments" "test" {}`,
		fmt.Sprintf(`data "tencentcloudidc_role_assignments" "one" { role_configuration_id = %q }`, rcA),
		`data "tencentcloudidc_role_configurations" "reads" { name_filter = "matches-nothing" }`,
	)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(rasAddr, tfjsonpath.New("assignments"), rasKeys(keys...)),
				statecheck.ExpectKnownValue("data.tencentcloudidc_role_assignments.one", tfjsonpath.New("assignments"), rasKeys(ofA...)),
			},
			Check: func(*terraform.State) error {
				reads, calls := env.Calls("ListRoleConfigurations"), env.Calls("ListRoleAssignments")
				if reads == 0 || calls != (2+1)*reads {
					return fmt.Errorf("%d ListRoleAssignments calls for %d reads, want 2 (all) + 1 (one role configuration) per read", calls, reads)
				}
				return env.NoMutatingCalls("reading role assignments")
			},
		}},
	})
}

func TestAccRoleAssignmentsDataSource_apiError(t *testing.T) {
	env := rcEnv(t)
	env.Sim.FailNext("ListRoleAssignments", "AuthFailure.UnauthorizedOperation", 1)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: testAccUsersConfig(env, `data "tencentcloudidc_role_assignments" "test" {}`),
			ExpectError: acctest.Words("Unable to Read Role Assignments", "zone "+env.ZoneID,
				"ListRoleAssignments with error code AuthFailure.UnauthorizedOperation", "request ID"),
		}},
	})
}

// badRoleAssignmentsDataSourceInputs are filters tencentcloudidc_role_assignments refuses at plan time.
func badRoleAssignmentsDataSourceInputs() []badInput {
	ds := func(body string) func(*testing.T, *acctest.Env) string {
		return inProvider("data \"tencentcloudidc_role_assignments\" \"test\" {\n" + body + "\n}")
	}
	const cat = "role_assignments"
	return []badInput{
		{category: cat, name: "zone that does not exist", at: "zone_id", config: ds(`  zone_id = "` + noZone + `"`),
			want: []string{`Unable to Read Role Assignments`, `Zone z-000000000000 does not exist, so its role assignments cannot be read`}},
		{category: cat, name: "zone_id format", at: "zone_id", config: ds(`  zone_id = "zone-1"`),
			want: []string{"Attribute zone_id must be `z-` followed by 12 lowercase"}},
		{category: cat, name: "role_configuration_id a name", at: "role_configuration_id", config: ds(`  role_configuration_id = "platform-readonly"`),
			want: []string{"Attribute role_configuration_id must be a role configuration ID: `rc-` followed by 12 lowercase", `got: platform-readonly`}},
		{category: cat, name: "target_type unknown", at: "target_type", config: ds("  target_type = \"Member\"\n  target_uin = 100043911945"),
			want: []string{`Attribute target_type value must be one of`, `"MemberUin"`, `"ManagerUin"`, `got: "Member"`}},
		{category: cat, name: "target_uin without target_type", at: "target_uin", config: ds("  target_uin = 100043911945"),
			want: []string{`Attribute "target_type" must be specified when "target_uin" is specified`}},
		{category: cat, name: "target_type without target_uin", at: "target_type", config: ds(`  target_type = "MemberUin"`),
			want: []string{`Attribute "target_uin" must be specified when "target_type" is specified`}},
		{category: cat, name: "target_uin zero", at: "target_uin", config: ds("  target_type = \"MemberUin\"\n  target_uin = 0"),
			want: []string{`Attribute target_uin value must be at least 1, got: 0`}},
		{category: cat, name: "principal_type in lower case", at: "principal_type", config: ds("  principal_type = \"group\"\n  principal_id = \"g-platform01\""),
			want: []string{`Attribute principal_type value must be one of`, `got: "group"`}},
		{category: cat, name: "principal_id without principal_type", at: "principal_id", config: ds(`  principal_id = "g-platform01"`),
			want: []string{`Attribute "principal_type" must be specified when "principal_id" is specified`}},
		{category: cat, name: "principal_type without principal_id", at: "principal_type", config: ds(`  principal_type = "Group"`),
			want: []string{`Attribute "principal_id" must be specified when "principal_type" is specified`}},
		{category: cat, name: "principal_id a group name", at: "principal_id", config: ds("  principal_type = \"Group\"\n  principal_id = \"Platform-Admins\""),
			want: []string{`Attribute principal_id must be a user ID (u- followed by letters or digits) or a group ID`, `got: Platform-Admins`}},
		{category: cat, name: "user ID as a group", at: "principal_id", config: ds("  principal_type = \"Group\"\n  principal_id = \"u-lyfm8b7qoi5l\""),
			want: []string{`Principal ID Does Not Match Principal Type`, `principal_id "u-lyfm8b7qoi5l" is the ID of a user, but principal_type is "Group"`,
				`Set principal_type = "User"`}},
		{category: cat, name: "group ID as a user", at: "principal_id", config: ds("  principal_type = \"User\"\n  principal_id = \"g-platform01\""),
			want: []string{`Principal ID Does Not Match Principal Type`, `is the ID of a group, but principal_type is "User"`, `Set principal_type = "Group"`}},
	}
}
