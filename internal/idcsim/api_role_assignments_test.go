package idcsim

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

func assignment(rcID string, uin int64, principalType, principalID string) map[string]any {
	return map[string]any{"RoleConfigurationId": rcID, "TargetType": "MemberUin", "TargetUin": uin, "PrincipalType": principalType, "PrincipalId": principalID}
}

func listAssignments(t *testing.T, c *apiClient, kv ...any) []roleAssignmentItem {
	t.Helper()
	var out listRoleAssignmentsResponse
	c.call("ListRoleAssignments", with(append([]any{"MaxResults", 100}, kv...)...)).into(t, &out)
	return out.RoleAssignments
}

// TestRoleAssignmentLifecycle covers §5 and §1.4: CreateRoleAssignment answers one InProgress task
// per entry; once it succeeds the assignment is listed with the principal's and account's names
// and the configuration is deployed there (rule 1); Dismantle is refused while it exists (rule 3);
// DeleteRoleAssignment's task removes it, and with DeprovisionForLastRoleAssignmentOnAccount the
// last one on the account also undeploys.
func TestRoleAssignmentLifecycle(t *testing.T) {
	t.Parallel()
	clock := newTestClock()
	s, c := startSim(t, Options{Now: clock.Now, TaskDelay: time.Second})
	uin := firstMember(t, c)
	u, err := s.AddUser(User{UserName: "alice", UserType: typeManual})
	if err != nil {
		t.Fatal(err)
	}
	g, err := s.AddGroup(Group{GroupName: "admins", GroupType: typeManual})
	if err != nil {
		t.Fatal(err)
	}
	rc := mustCreateRoleConfiguration(t, c, "RoleConfigurationName", "assigned").RoleConfigurationId

	var created createRoleAssignmentResponse
	c.call("CreateRoleAssignment", with("RoleAssignmentInfo", []any{assignment(rc, uin, "User", u.UserId), assignment(rc, uin, "Group", g.GroupId)})).into(t, &created)
	if len(created.Tasks) != 2 || created.Tasks[0].Status != taskInProgress || created.Tasks[0].TaskType != "CreateRoleAssignment" ||
		created.Tasks[0].PrincipalId != u.UserId || created.Tasks[1].PrincipalType != "Group" || created.Tasks[0].RoleConfigurationName != "assigned" {
		t.Fatalf("tasks: %+v", created.Tasks)
	}
	if got := listAssignments(t, c); len(got) != 0 {
		t.Errorf("listed before the task finished: %+v", got)
	}
	c.call("CreateRoleAssignment", with("RoleAssignmentInfo", []any{assignment(rc, uin, "User", u.UserId)})).wantCode(t, codeAuthorizationAlreadyExist)
	// Any task on the same configuration and account, an assignment's included, blocks the others.
	c.call("DismantleRoleConfiguration", with("RoleConfigurationId", rc, "TargetType", "MemberUin", "TargetUin", uin)).wantCode(t, codeProvisioningStatusError)
	clock.Advance(time.Second)
	for _, task := range created.Tasks {
		if st := taskStatusOf(t, c, task.TaskId); st.Status != taskSuccess {
			t.Errorf("task %s: %+v", task.TaskId, st)
		}
	}
	got := listAssignments(t, c, "RoleConfigurationId", rc)
	slices.SortFunc(got, func(a, b roleAssignmentItem) int { return strings.Compare(b.PrincipalType, a.PrincipalType) }) // the order is not documented
	if len(got) != 2 || got[0].PrincipalName != "alice" || got[1].PrincipalName != "admins" || got[0].TargetName != "sim-account-01" || got[0].CreateTime == "" {
		t.Fatalf("assignments: %+v", got)
	}
	if got := listAssignments(t, c, "PrincipalType", "Group", "Filter", "ASSIGN"); len(got) != 1 || got[0].PrincipalId != g.GroupId {
		t.Errorf("filtered: %+v", got)
	}
	if got := deploymentStatuses(t, c, rc); !slices.Equal(got, []string{deployDeployed}) {
		t.Errorf("assigning did not deploy: %v", got)
	}
	var selected listRoleConfigurationsResponse
	c.call("ListRoleConfigurations", with("FilterTargets", []int64{uin}, "PrincipalId", u.UserId)).into(t, &selected)
	if len(selected.RoleConfigurations) != 1 || selected.RoleConfigurations[0].IsSelected == nil || !*selected.RoleConfigurations[0].IsSelected {
		t.Errorf("IsSelected for the assigned user: %+v", selected.RoleConfigurations)
	}

	c.call("DismantleRoleConfiguration", with("RoleConfigurationId", rc, "TargetType", "MemberUin", "TargetUin", uin)).wantCode(t, codeRoleAuthorizationExist)
	c.call("DeleteUser", with("UserId", u.UserId)).wantCode(t, codeRoleAuthorizationExist)
	c.call("DeleteGroup", with("GroupId", g.GroupId)).wantCode(t, codeRoleAuthorizationExist)
	c.call("DeleteRoleConfiguration", with("RoleConfigurationId", rc)).wantCode(t, codeProvisioningAlreadyDeployed)

	del := func(principalType, id string, kv ...any) deleteRoleAssignmentResponse {
		var out deleteRoleAssignmentResponse
		c.call("DeleteRoleAssignment", with(append([]any{"RoleConfigurationId", rc, "TargetType", "MemberUin", "TargetUin", uin, "PrincipalType", principalType, "PrincipalId", id}, kv...)...)).into(t, &out)
		return out
	}
	d1 := del("User", u.UserId, "DeprovisionStrategy", "DeprovisionForLastRoleAssignmentOnAccount")
	if d1.Task.TaskType != "DeleteRoleAssignment" || d1.Task.Status != taskInProgress {
		t.Errorf("delete task: %+v", d1.Task)
	}
	c.call("DeleteRoleAssignment", with("RoleConfigurationId", rc, "TargetType", "MemberUin", "TargetUin", uin, "PrincipalType", "User", "PrincipalId", u.UserId)).wantCode(t, codeProvisioningStatusError)
	clock.Advance(time.Second)
	if got := deploymentStatuses(t, c, rc); !slices.Equal(got, []string{deployDeployed}) {
		t.Errorf("undeployed although the group still holds it: %v", got)
	}
	c.call("DeleteRoleAssignment", with("RoleConfigurationId", rc, "TargetType", "MemberUin", "TargetUin", uin, "PrincipalType", "User", "PrincipalId", u.UserId)).wantCode(t, codeRoleAuthorizationNotFound)
	c.call("DeleteUser", with("UserId", u.UserId)).wantCode(t, "")
	del("Group", g.GroupId, "DeprovisionStrategy", "DeprovisionForLastRoleAssignmentOnAccount")
	clock.Advance(time.Second)
	if got := deploymentStatuses(t, c, rc); len(got) != 0 {
		t.Errorf("the last assignment's DeprovisionForLastRoleAssignmentOnAccount left %v", got)
	}
	c.call("DeleteRoleConfiguration", with("RoleConfigurationId", rc)).wantCode(t, "")
}

// TestCreateRoleAssignmentRules covers §5.1's errors; a bad entry refuses the whole request.
func TestCreateRoleAssignmentRules(t *testing.T) {
	t.Parallel()
	s, c := startSim(t, Options{})
	uin := firstMember(t, c)
	u, err := s.AddUser(User{UserName: "bob"})
	if err != nil {
		t.Fatal(err)
	}
	rc := mustCreateRoleConfiguration(t, c, "RoleConfigurationName", "rules").RoleConfigurationId
	var fifty, fiftyOne []any
	for i := range 51 {
		g, err := s.AddGroup(Group{GroupName: fmt.Sprintf("g-%02d", i)})
		if err != nil {
			t.Fatal(err)
		}
		if i < 50 {
			fifty = append(fifty, assignment(rc, uin, "Group", g.GroupId))
		}
		fiftyOne = append(fiftyOne, assignment(rc, uin, "Group", g.GroupId))
	}
	for _, tc := range []struct {
		name    string
		entries []any
		code    string
	}{
		{"none", []any{}, codeMissingParameter},
		{"51 entries", fiftyOne, codeCreateAssignmentLimit},
		{"unknown configuration", []any{assignment("rc-000000000000", uin, "User", u.UserId)}, codeRoleConfigurationNotExist},
		{"unknown user", []any{assignment(rc, uin, "User", "u-000000000000")}, codeUserNotExist},
		{"unknown group", []any{assignment(rc, uin, "Group", "g-000000000000")}, codeGroupNotExist},
		{"bad principal type", []any{assignment(rc, uin, "Role", u.UserId)}, codeParamError},
		{"account outside the organization", []any{assignment(rc, 100000000000, "User", u.UserId)}, codeOrganizationMemberNotExist},
		{"missing member", []any{map[string]any{"RoleConfigurationId": rc, "TargetType": "MemberUin", "TargetUin": uin, "PrincipalType": "User"}}, codeMissingParameter},
		{"same entry twice", []any{assignment(rc, uin, "User", u.UserId), assignment(rc, uin, "User", u.UserId)}, codeAuthorizationAlreadyExist},
		{"good then bad", []any{assignment(rc, uin, "User", u.UserId), assignment(rc, uin, "User", "u-000000000000")}, codeUserNotExist},
		{"50 entries", fifty, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c.call("CreateRoleAssignment", with("RoleAssignmentInfo", tc.entries)).wantCode(t, tc.code)
		})
	}
	if got := listAssignments(t, c); len(got) != 50 {
		t.Errorf("%d assignments, want the 50 of the one good request", len(got))
	}
	c.call("DeleteRoleAssignment", with("RoleConfigurationId", rc, "TargetType", "MemberUin", "TargetUin", uin, "PrincipalType", "User", "PrincipalId", u.UserId, "DeprovisionStrategy", "Always")).wantCode(t, codeParamError)
}

// TestAssignmentTaskFailure: a failed CreateRoleAssignment task leaves neither an assignment nor a
// deployment behind.
func TestAssignmentTaskFailure(t *testing.T) {
	t.Parallel()
	s, c := startSim(t, Options{})
	uin := firstMember(t, c)
	u, err := s.AddUser(User{UserName: "carol"})
	if err != nil {
		t.Fatal(err)
	}
	rc := mustCreateRoleConfiguration(t, c, "RoleConfigurationName", "fails").RoleConfigurationId
	s.FailNext("CreateRoleAssignment", FaultTaskFailure, 1)
	var created createRoleAssignmentResponse
	c.call("CreateRoleAssignment", with("RoleAssignmentInfo", []any{assignment(rc, uin, "User", u.UserId)})).into(t, &created)
	if st := taskStatusOf(t, c, created.Tasks[0].TaskId); st.Status != taskFailed || st.FailureReason == "" {
		t.Errorf("task: %+v", st)
	}
	if got := listAssignments(t, c); len(got) != 0 {
		t.Errorf("assignments after a failed task: %+v", got)
	}
	if got := deploymentStatuses(t, c, rc); len(got) != 0 {
		t.Errorf("deployments after a failed task: %v", got)
	}
}

// TestSCIMDeleteDropsAssignments: a user or group the IdP deletes over SCIM loses its
// assignments (the SCIM protocol has no "still assigned" error, and the API's DeleteUser rule,
// §1.4 rule 5, is about API calls); the deployment stays.
func TestSCIMDeleteDropsAssignments(t *testing.T) {
	t.Parallel()
	_, c, sc, _ := startSCIM(t, Options{})
	uin := firstMember(t, c)
	userID := sc.newUser(map[string]any{"userName": "scim-user"})
	groupID := sc.newGroup("scim-group")
	rc := mustCreateRoleConfiguration(t, c, "RoleConfigurationName", "scim").RoleConfigurationId
	c.call("CreateRoleAssignment", with("RoleAssignmentInfo", []any{assignment(rc, uin, "User", userID), assignment(rc, uin, "Group", groupID)})).wantCode(t, "")
	if got := listAssignments(t, c); len(got) != 2 {
		t.Fatalf("assignments: %+v", got)
	}
	sc.do(http.MethodDelete, "/Users/"+userID, nil).want(t, http.StatusNoContent)
	sc.do(http.MethodDelete, "/Groups/"+groupID, nil).want(t, http.StatusNoContent)
	if got := listAssignments(t, c); len(got) != 0 {
		t.Errorf("assignments of deleted principals: %+v", got)
	}
	if got := deploymentStatuses(t, c, rc); !slices.Equal(got, []string{deployDeployed}) {
		t.Errorf("deployment: %v", got)
	}
}

// TestAssignmentPrincipalGoneWhileCreating: DeleteUser is refused while an assignment of the
// user is being created (§1.4 rule 5); a user deleted over SCIM meanwhile makes the task end
// Failed rather than leave an assignment of nobody.
func TestAssignmentPrincipalGoneWhileCreating(t *testing.T) {
	t.Parallel()
	clock := newTestClock()
	_, c, sc, _ := startSCIM(t, Options{Now: clock.Now, TaskDelay: time.Second})
	uin := firstMember(t, c)
	userID := sc.newUser(map[string]any{"userName": "leaving"})
	rc := mustCreateRoleConfiguration(t, c, "RoleConfigurationName", "gone").RoleConfigurationId
	var created createRoleAssignmentResponse
	c.call("CreateRoleAssignment", with("RoleAssignmentInfo", []any{assignment(rc, uin, "User", userID)})).into(t, &created)
	c.call("UpdateSCIMSynchronizationStatus", with("SCIMSynchronizationStatus", "Disabled")).wantCode(t, "")
	c.call("DeleteUser", with("UserId", userID)).wantCode(t, codeRoleAuthorizationExist)
	c.call("UpdateSCIMSynchronizationStatus", with("SCIMSynchronizationStatus", "Enabled")).wantCode(t, "")
	sc.do(http.MethodDelete, "/Users/"+userID, nil).want(t, http.StatusNoContent)
	clock.Advance(time.Second)
	if st := taskStatusOf(t, c, created.Tasks[0].TaskId); st.Status != taskFailed || !strings.Contains(st.FailureReason, "deleted") {
		t.Errorf("task: %+v", st)
	}
	if got := listAssignments(t, c); len(got) != 0 {
		t.Errorf("assignments: %+v", got)
	}
}
