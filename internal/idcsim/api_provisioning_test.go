package idcsim

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestProvisioningTaskLifecycle: Provision answers a task InProgress (§4.1) that stays so for
// TaskDelay and then ends Success, creating one Deployed provisioning row per (configuration,
// account) (§4.3); Dismantle's task removes it (§4.2). TaskType values are §6.1's.
func TestProvisioningTaskLifecycle(t *testing.T) {
	t.Parallel()
	clock := newTestClock()
	_, c := startSim(t, Options{Now: clock.Now, TaskDelay: 5 * time.Second})
	uin := firstMember(t, c)
	rc := mustCreateRoleConfiguration(t, c, "RoleConfigurationName", "deploy-me").RoleConfigurationId

	task := startProvisioningTask(t, c, "ProvisionRoleConfiguration", rc, uin)
	if task.TaskStatus != taskInProgress || task.TaskType != "ProvisionRoleConfiguration" || task.TargetUin != uin ||
		task.RoleConfigurationName != "deploy-me" || !strings.HasPrefix(task.TaskId, "t-") || len(task.TaskId) != 14 {
		t.Fatalf("start answer: %+v", task)
	}
	clock.Advance(4 * time.Second)
	if st := taskStatusOf(t, c, task.TaskId); st.Status != taskInProgress {
		t.Fatalf("before the delay: %+v", st)
	}
	if got := deploymentStatuses(t, c, rc); len(got) != 0 {
		t.Errorf("provisionings while the task runs: %v", got)
	}
	c.call("ProvisionRoleConfiguration", with("RoleConfigurationId", rc, "TargetType", "MemberUin", "TargetUin", uin)).wantCode(t, codeProvisioningStatusError)
	clock.Advance(time.Second)
	if st := taskStatusOf(t, c, task.TaskId); st.Status != taskSuccess || st.FailureReason != "" || st.TaskType != "ProvisionRoleConfiguration" {
		t.Fatalf("after the delay: %+v", st)
	}
	var list listProvisioningsResponse
	c.call("ListRoleConfigurationProvisionings", with("RoleConfigurationId", rc)).into(t, &list)
	if len(list.RoleConfigurationProvisionings) != 1 {
		t.Fatalf("provisionings: %+v", list)
	}
	p := list.RoleConfigurationProvisionings[0]
	if p.DeploymentStatus != deployDeployed || p.TargetUin != uin || p.TargetType != "MemberUin" || p.TargetName != "sim-account-01" || p.RoleConfigurationName != "deploy-me" {
		t.Errorf("provisioning: %+v", p)
	}
	// A redeploy of an up-to-date deployment succeeds and leaves one row.
	again := startProvisioningTask(t, c, "ProvisionRoleConfiguration", rc, uin)
	clock.Advance(5 * time.Second)
	if st := taskStatusOf(t, c, again.TaskId); st.Status != taskSuccess {
		t.Errorf("redeploy: %+v", st)
	}
	if got := deploymentStatuses(t, c, rc); !slices.Equal(got, []string{deployDeployed}) {
		t.Errorf("after redeploy: %v", got)
	}

	un := startProvisioningTask(t, c, "DismantleRoleConfiguration", rc, uin)
	if un.TaskType != "DeprovisionRoleConfiguration" || un.TaskStatus != taskInProgress {
		t.Errorf("dismantle answer: %+v", un)
	}
	c.call("DeleteRoleConfiguration", with("RoleConfigurationId", rc)).wantCode(t, codeProvisioningAlreadyDeployed)
	clock.Advance(5 * time.Second)
	if got := deploymentStatuses(t, c, rc); len(got) != 0 {
		t.Errorf("after dismantle: %v", got)
	}
	c.call("DismantleRoleConfiguration", with("RoleConfigurationId", rc, "TargetType", "MemberUin", "TargetUin", uin)).wantCode(t, codeProvisioningNotFound)
	c.call("DeleteRoleConfiguration", with("RoleConfigurationId", rc)).wantCode(t, "")
	c.call("GetTaskStatus", with("TaskId", "t-000000000000")).wantCode(t, codeRoleConfigurationTaskNotFound)
}

// TestProvisioningTargets: TargetUin must be an account of the organization (§4.1
// FailedOperation.OrganizationMemberNotExist); ManagerUin is DescribeOrganization's HostUin (§7).
func TestProvisioningTargets(t *testing.T) {
	t.Parallel()
	_, c := startSim(t, Options{})
	member, host := firstMember(t, c), hostUin(t, c)
	rc := mustCreateRoleConfiguration(t, c, "RoleConfigurationName", "targets").RoleConfigurationId
	for _, tc := range []struct {
		name       string
		targetType string
		uin        int64
		code       string
	}{
		{"member", "MemberUin", member, ""},
		{"management account", "ManagerUin", host, ""},
		{"management account as member", "MemberUin", host, codeOrganizationMemberNotExist},
		{"member as manager", "ManagerUin", member, codeOrganizationMemberNotExist},
		{"outside the organization", "MemberUin", 100000000000, codeOrganizationMemberNotExist},
		{"bad target type", "Member", member, codeParamError},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c.call("ProvisionRoleConfiguration", with("RoleConfigurationId", rc, "TargetType", tc.targetType, "TargetUin", tc.uin)).wantCode(t, tc.code)
		})
	}
	c.call("ProvisionRoleConfiguration", with("RoleConfigurationId", "rc-000000000000", "TargetType", "MemberUin", "TargetUin", member)).wantCode(t, codeRoleConfigurationNotExist)
	c.call("ProvisionRoleConfiguration", with("RoleConfigurationId", rc, "TargetType", "MemberUin")).wantCode(t, codeMissingParameter)
}

// TestEditsRequireRedeploy is §1.4 rule 2: policy changes (and, inferred, session duration and
// relay state changes) turn Deployed rows DeployedRequired until ProvisionRoleConfiguration runs
// again; a description change does not. A change made while a provisioning task runs leaves the
// row DeployedRequired when the task ends.
func TestEditsRequireRedeploy(t *testing.T) {
	t.Parallel()
	_, c := startSim(t, Options{})
	uin := firstMember(t, c)
	doc := `{"version":"2.0","statement":[]}`
	for _, tc := range []struct {
		name     string
		action   string
		params   []any
		required bool
	}{
		{"add system policy", "AddPermissionPolicyToRoleConfiguration", []any{"RolePolicyType", "System", "RolePolicyNames", []string{"ReadOnlyAccess"}}, true},
		{"add custom policy", "AddPermissionPolicyToRoleConfiguration", []any{"RolePolicyType", "Custom", "RolePolicyNames", []string{"new"}, "CustomPolicyDocument", doc}, true},
		{"remove system policy", "RemovePermissionPolicyFromRoleConfiguration", []any{"RolePolicyType", "System", "RolePolicyId", 186457}, true},
		{"remove custom policy", "RemovePermissionPolicyFromRoleConfiguration", []any{"RolePolicyType", "Custom", "RolePolicyName", "inline"}, true},
		{"edit custom policy", "UpdateCustomPolicyForRoleConfiguration", []any{"CustomPolicyName", "inline", "NewCustomPolicyDocument", `{"version":"2.0","statement":[{}]}`}, true},
		{"same custom document", "UpdateCustomPolicyForRoleConfiguration", []any{"CustomPolicyName", "inline", "NewCustomPolicyDocument", doc}, false},
		{"session duration", "UpdateRoleConfiguration", []any{"NewSessionDuration", 7200}, true},
		{"relay state", "UpdateRoleConfiguration", []any{"NewRelayState", "https://console.cloud.tencent.com/cam"}, true},
		{"description", "UpdateRoleConfiguration", []any{"NewDescription", "only words"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rc := mustCreateRoleConfiguration(t, c, "RoleConfigurationName", strings.ReplaceAll(tc.name, " ", "-")).RoleConfigurationId
			c.call("AddPermissionPolicyToRoleConfiguration", with("RoleConfigurationId", rc, "RolePolicyType", "System", "RolePolicies", []any{map[string]any{"PolicyId": 186457}})).wantCode(t, "")
			if tc.action != "AddPermissionPolicyToRoleConfiguration" || tc.params[1] != "Custom" {
				c.call("AddPermissionPolicyToRoleConfiguration", with("RoleConfigurationId", rc, "RolePolicyType", "Custom", "RolePolicyNames", []string{"inline"}, "CustomPolicyDocument", doc)).wantCode(t, "")
			}
			startProvisioningTask(t, c, "ProvisionRoleConfiguration", rc, uin)
			if got := deploymentStatuses(t, c, rc); !slices.Equal(got, []string{deployDeployed}) {
				t.Fatalf("after deploying: %v", got)
			}
			c.call(tc.action, with(append([]any{"RoleConfigurationId", rc}, tc.params...)...)).wantCode(t, "")
			want := deployDeployed
			if tc.required {
				want = deployRequired
			}
			if got := deploymentStatuses(t, c, rc); !slices.Equal(got, []string{want}) {
				t.Fatalf("after %s: %v, want %s", tc.name, got, want)
			}
			startProvisioningTask(t, c, "ProvisionRoleConfiguration", rc, uin)
			if got := deploymentStatuses(t, c, rc); !slices.Equal(got, []string{deployDeployed}) {
				t.Errorf("after redeploying: %v", got)
			}
		})
	}

	clock := newTestClock()
	_, c2 := startSim(t, Options{Now: clock.Now, TaskDelay: time.Second})
	rc := mustCreateRoleConfiguration(t, c2, "RoleConfigurationName", "racing").RoleConfigurationId
	startProvisioningTask(t, c2, "ProvisionRoleConfiguration", rc, uin)
	c2.call("AddPermissionPolicyToRoleConfiguration", with("RoleConfigurationId", rc, "RolePolicyType", "System", "RolePolicyNames", []string{"ReadOnlyAccess"})).wantCode(t, "")
	clock.Advance(time.Second)
	if got := deploymentStatuses(t, c2, rc); !slices.Equal(got, []string{deployRequired}) {
		t.Errorf("edited while deploying: %v", got)
	}
	var filtered listProvisioningsResponse
	c2.call("ListRoleConfigurationProvisionings", with("DeploymentStatus", deployRequired, "TargetUin", uin, "Filter", "RACING")).into(t, &filtered)
	if filtered.TotalCounts != 1 {
		t.Errorf("filtered list: %+v", filtered)
	}
	c2.call("ListRoleConfigurationProvisionings", with("DeploymentStatus", "Deploying")).wantCode(t, codeParamError)
}

// TestDeleteRoleConfigurationRules is §1.4 rule 4 / §2.5: delete is refused while policies are
// attached (InvalidParameter.RolePolicyAlreadyExist) and while deployed anywhere
// (FailedOperation.RoleConfigurationProvisioningAlreadyDeployed), a failed deployment included.
func TestDeleteRoleConfigurationRules(t *testing.T) {
	t.Parallel()
	s, c := startSim(t, Options{})
	uin := firstMember(t, c)
	rc := mustCreateRoleConfiguration(t, c, "RoleConfigurationName", "pinned").RoleConfigurationId
	c.call("AddPermissionPolicyToRoleConfiguration", with("RoleConfigurationId", rc, "RolePolicyType", "System", "RolePolicyNames", []string{"ReadOnlyAccess"})).wantCode(t, "")
	c.call("DeleteRoleConfiguration", with("RoleConfigurationId", rc)).wantCode(t, codeRolePolicyAlreadyExist)
	c.call("RemovePermissionPolicyFromRoleConfiguration", with("RoleConfigurationId", rc, "RolePolicyType", "System", "RolePolicyName", "ReadOnlyAccess")).wantCode(t, "")
	s.FailNext("ProvisionRoleConfiguration", FaultTaskFailure, 1)
	startProvisioningTask(t, c, "ProvisionRoleConfiguration", rc, uin)
	if got := deploymentStatuses(t, c, rc); !slices.Equal(got, []string{deployFailed}) {
		t.Fatalf("after a failed deployment: %v", got)
	}
	c.call("DeleteRoleConfiguration", with("RoleConfigurationId", rc)).wantCode(t, codeProvisioningAlreadyDeployed)
	startProvisioningTask(t, c, "DismantleRoleConfiguration", rc, uin)
	c.call("DeleteRoleConfiguration", with("RoleConfigurationId", rc)).wantCode(t, "")
	c.call("GetRoleConfiguration", with("RoleConfigurationId", rc)).wantCode(t, codeRoleConfigurationNotExist)
	c.call("DeleteRoleConfiguration", with("RoleConfigurationId", rc)).wantCode(t, codeRoleConfigurationNotExist)
}

// TestTaskFailureFault: the task-failure fault (DESIGN.md's simulator contract) lets the request
// succeed and ends its task Failed with a FailureReason (§6.2), counted in the stats; as a random
// fault with probability 1 it fails every task and no request.
func TestTaskFailureFault(t *testing.T) {
	t.Parallel()
	s, c := startSim(t, Options{})
	uin := firstMember(t, c)
	rc := mustCreateRoleConfiguration(t, c, "RoleConfigurationName", "doomed").RoleConfigurationId
	s.FailNext("ProvisionRoleConfiguration", FaultTaskFailure, 1)
	task := startProvisioningTask(t, c, "ProvisionRoleConfiguration", rc, uin)
	if task.TaskStatus != taskInProgress {
		t.Errorf("start answer: %+v", task)
	}
	st := taskStatusOf(t, c, task.TaskId)
	if st.Status != taskFailed || !strings.Contains(st.FailureReason, "task-failure") {
		t.Errorf("failed task: %+v", st)
	}
	if got := s.Stats(); got.FaultKinds[FaultTaskFailure] != 1 || got.FaultActions["ProvisionRoleConfiguration"] != 1 {
		t.Errorf("stats: %+v", got)
	}
	var failed listTasksResponse
	c.call("ListTasks", with("Status", taskFailed)).into(t, &failed)
	if len(failed.Tasks) != 1 || failed.Tasks[0].FailureReason == "" || failed.Tasks[0].TaskId != task.TaskId {
		t.Errorf("ListTasks Failed: %+v", failed)
	}

	s2, c2 := startSim(t, Options{Faults: "task-failure=1"})
	rc2 := mustCreateRoleConfiguration(t, c2, "RoleConfigurationName", "doomed").RoleConfigurationId
	for range 3 {
		task := startProvisioningTask(t, c2, "ProvisionRoleConfiguration", rc2, uin)
		if st := taskStatusOf(t, c2, task.TaskId); st.Status != taskFailed {
			t.Errorf("with task-failure=1: %+v", st)
		}
	}
	if got := s2.Stats(); got.FaultKinds[FaultTaskFailure] != 3 {
		t.Errorf("stats: %+v", got)
	}
}

// TestListTasks: ListTasks (§6.3) lists provisioning tasks too, filters on every field, pages.
func TestListTasks(t *testing.T) {
	t.Parallel()
	_, c := startSim(t, Options{SeedAccounts: 3})
	var members describeOrganizationMembersResponse
	c.call("DescribeOrganizationMembers", map[string]any{"Offset": 0, "Limit": 10}).into(t, &members)
	rc := mustCreateRoleConfiguration(t, c, "RoleConfigurationName", "many").RoleConfigurationId
	other := mustCreateRoleConfiguration(t, c, "RoleConfigurationName", "other").RoleConfigurationId
	for _, m := range members.Items {
		startProvisioningTask(t, c, "ProvisionRoleConfiguration", rc, m.MemberUin)
	}
	startProvisioningTask(t, c, "ProvisionRoleConfiguration", other, members.Items[0].MemberUin)
	startProvisioningTask(t, c, "DismantleRoleConfiguration", rc, members.Items[0].MemberUin)
	for _, tc := range []struct {
		name   string
		params []any
		want   int
		code   string
	}{
		{"all", nil, 5, ""},
		{"by configuration", []any{"RoleConfigurationId", rc}, 4, ""},
		{"by account", []any{"TargetUin", members.Items[0].MemberUin}, 3, ""},
		{"by type", []any{"TaskType", "DeprovisionRoleConfiguration"}, 1, ""},
		{"by status", []any{"Status", "Success"}, 5, ""},
		{"by principal", []any{"PrincipalId", "u-000000000000"}, 0, ""},
		{"bad status", []any{"Status", "Done"}, 0, codeParamError},
		{"bad type", []any{"TaskType", "DeleteRolesAssignment"}, 0, codeParamError},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := c.call("ListTasks", with(tc.params...))
			res.wantCode(t, tc.code)
			if tc.code != "" {
				return
			}
			var out listTasksResponse
			res.into(t, &out)
			if out.TotalCounts != tc.want || len(out.Tasks) != tc.want {
				t.Errorf("TotalCounts %d, %d tasks; want %d", out.TotalCounts, len(out.Tasks), tc.want)
			}
		})
	}
	var p1, p2 listTasksResponse
	c.call("ListTasks", with("MaxResults", 3)).into(t, &p1)
	c.call("ListTasks", with("MaxResults", 3, "NextToken", p1.NextToken)).into(t, &p2)
	if !p1.IsTruncated || p2.IsTruncated || len(p1.Tasks)+len(p2.Tasks) != 5 || p2.NextToken != "" {
		t.Errorf("pages: %+v / %+v", p1, p2)
	}
}

// TestAccessStatePersists: the organization, role configurations with their policies,
// provisionings, assignments and tasks survive a restart, and a task still InProgress finishes afterwards.
func TestAccessStatePersists(t *testing.T) {
	t.Parallel()
	state := filepath.Join(t.TempDir(), "sim.json")
	clock := newTestClock()
	a, c := startSim(t, Options{StateFile: state, Now: clock.Now, TaskDelay: time.Minute, SeedAccounts: 2})
	uin := firstMember(t, c)
	host := hostUin(t, c)
	rc := mustCreateRoleConfiguration(t, c, "RoleConfigurationName", "kept", "SessionDuration", 1800).RoleConfigurationId
	doc := "{\n \"version\": \"2.0\"\n}"
	c.call("AddPermissionPolicyToRoleConfiguration", with("RoleConfigurationId", rc, "RolePolicyType", "Custom", "RolePolicyNames", []string{"inline"}, "CustomPolicyDocument", doc)).wantCode(t, "")
	done := startProvisioningTask(t, c, "ProvisionRoleConfiguration", rc, uin)
	clock.Advance(time.Minute)
	c.call("AddPermissionPolicyToRoleConfiguration", with("RoleConfigurationId", rc, "RolePolicyType", "System", "RolePolicies", []any{map[string]any{"PolicyId": 186457}})).wantCode(t, "")
	u, err := a.AddUser(User{UserName: "assigned-user"})
	if err != nil {
		t.Fatal(err)
	}
	c.call("CreateRoleAssignment", with("RoleAssignmentInfo", []any{assignment(rc, uin, "User", u.UserId)})).wantCode(t, "")
	clock.Advance(time.Minute)
	var pending struct{ Task roleProvisioningsTask }
	c.call("ProvisionRoleConfiguration", with("RoleConfigurationId", rc, "TargetType", "ManagerUin", "TargetUin", host)).into(t, &pending)
	before := []string{}
	for _, call := range []struct {
		action string
		params any
	}{
		{"DescribeOrganization", map[string]any{}},
		{"DescribeOrganizationMembers", map[string]any{"Offset": 0, "Limit": 50}},
		{"GetRoleConfiguration", with("RoleConfigurationId", rc)},
		{"ListPermissionPoliciesInRoleConfiguration", with("RoleConfigurationId", rc)},
		{"ListRoleConfigurationProvisionings", zoneOnly},
		{"ListTasks", zoneOnly},
		{"ListRoleAssignments", zoneOnly},
	} {
		res := c.call(call.action, call.params)
		delete(res.Response, "RequestId")
		before = append(before, call.action+" "+string(mustJSON(t, res.Response)))
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}

	_, c2 := startSim(t, Options{StateFile: state, Now: clock.Now, TaskDelay: time.Minute, SeedAccounts: 2})
	after := []string{}
	for i, call := range []struct {
		action string
		params any
	}{
		{"DescribeOrganization", map[string]any{}},
		{"DescribeOrganizationMembers", map[string]any{"Offset": 0, "Limit": 50}},
		{"GetRoleConfiguration", with("RoleConfigurationId", rc)},
		{"ListPermissionPoliciesInRoleConfiguration", with("RoleConfigurationId", rc)},
		{"ListRoleConfigurationProvisionings", zoneOnly},
		{"ListTasks", zoneOnly},
		{"ListRoleAssignments", zoneOnly},
	} {
		res := c2.call(call.action, call.params)
		delete(res.Response, "RequestId")
		after = append(after, call.action+" "+string(mustJSON(t, res.Response)))
		if after[i] != before[i] {
			t.Errorf("differs after restart:\nbefore %s\nafter  %s", before[i], after[i])
		}
	}
	if st := taskStatusOf(t, c2, done.TaskId); st.Status != taskSuccess {
		t.Errorf("finished task after restart: %+v", st)
	}
	clock.Advance(time.Minute)
	if st := taskStatusOf(t, c2, pending.Task.TaskId); st.Status != taskSuccess {
		t.Errorf("pending task after restart and delay: %+v", st)
	}
	var list listProvisioningsResponse
	c2.call("ListRoleConfigurationProvisionings", with("TargetType", "ManagerUin")).into(t, &list)
	if len(list.RoleConfigurationProvisionings) != 1 || list.RoleConfigurationProvisionings[0].TargetUin != host || list.RoleConfigurationProvisionings[0].TargetName != "sim-management" {
		t.Errorf("management account deployment after restart: %+v", list)
	}
	if got := listAssignments(t, c2); len(got) != 1 || got[0].PrincipalName != "assigned-user" {
		t.Errorf("assignments after restart: %+v", got)
	}
	if got := deploymentStatuses(t, c2, rc); !slices.Equal(got, []string{deployRequired, deployDeployed}) {
		t.Errorf("statuses after restart: %v", got)
	}
}
