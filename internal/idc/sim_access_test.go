package idc

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idcsim"
)

// TestSimulatorAccessLifecycle drives the access actions of our client against the simulator,
// an independent implementation of the same reference: a role configuration with a system and a
// custom policy, deployed to a member account through an asynchronous task, redeployed after an
// edit marks it DeployedRequired, undeployed and deleted in the order the service requires.
func TestSimulatorAccessLifecycle(t *testing.T) {
	t.Parallel()
	s, c := startSimulator(t, idcsim.Options{SeedAccounts: 3, TaskDelay: 50 * time.Millisecond})
	ctx := t.Context()
	zone := s.Ready().ZoneID

	org, err := c.DescribeOrganization(ctx, "en", "")
	if err != nil || org.HostUin == 0 {
		t.Fatalf("DescribeOrganization = %+v, %v", org, err)
	}
	members, err := c.ListOrganizationMembers(ctx, ListOrganizationMembersInput{Lang: "en"})
	if err != nil || len(members) < 3 {
		t.Fatalf("ListOrganizationMembers = %d members, %v; want at least the 3 seeded", len(members), err)
	}
	member := members[0].MemberUin

	rc, err := c.CreateRoleConfiguration(ctx, CreateRoleConfigurationInput{ZoneID: zone, Name: "platform-readonly", SessionDuration: 3600})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateRoleConfiguration(ctx, CreateRoleConfigurationInput{ZoneID: zone, Name: "platform-readonly", SessionDuration: 3600}); !errors.Is(err, ErrAlreadyExists) {
		t.Errorf("second create with the same name: %v, want ErrAlreadyExists", err)
	}
	if got, err := c.RoleConfigurationByName(ctx, zone, "platform-readonly"); err != nil || got.RoleConfigurationID != rc.RoleConfigurationID {
		t.Fatalf("RoleConfigurationByName = %+v, %v", got, err)
	}
	if err := c.AddSystemPoliciesToRoleConfiguration(ctx, zone, rc.RoleConfigurationID, []SystemPolicy{{PolicyID: 186457, PolicyName: "QcloudVPCReadOnlyAccess"}}); err != nil {
		t.Fatal(err)
	}
	const doc = `{"version":"2.0","statement":[{"effect":"allow","action":["cos:GetObject"],"resource":["*"]}]}`
	if err := c.AddCustomPolicyToRoleConfiguration(ctx, zone, rc.RoleConfigurationID, "inline", doc); err != nil {
		t.Fatal(err)
	}
	policies, err := c.ListPermissionPoliciesInRoleConfiguration(ctx, zone, rc.RoleConfigurationID, "", "")
	if err != nil || len(policies) != 2 {
		t.Fatalf("policies = %+v, %v; want the system and the custom one", policies, err)
	}

	target := RoleTarget{ZoneID: zone, RoleConfigurationID: rc.RoleConfigurationID, TargetType: TargetTypeMember, TargetUin: member}
	deploy := func(what string) {
		t.Helper()
		task, err := c.ProvisionRoleConfiguration(ctx, target)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if done, err := c.WaitForTask(ctx, zone, task.TaskID); err != nil || done.Status != TaskStatusSuccess {
			t.Fatalf("%s: task %+v, %v", what, done, err)
		}
	}
	status := func() string {
		t.Helper()
		p, err := c.GetRoleConfigurationProvisioning(ctx, target)
		if err != nil {
			t.Fatal(err)
		}
		return p.DeploymentStatus
	}
	deploy("deploy")
	if got := status(); got != "Deployed" {
		t.Errorf("after the deployment task: %s, want Deployed", got)
	}
	if err := c.DeleteRoleConfiguration(ctx, zone, rc.RoleConfigurationID); !errors.Is(err, ErrInUse) {
		t.Errorf("delete while deployed: %v, want ErrInUse", err)
	}
	if err := c.UpdateCustomPolicyForRoleConfiguration(ctx, zone, rc.RoleConfigurationID, "inline", `{"version":"2.0","statement":[{"effect":"allow","action":["cos:*"],"resource":["*"]}]}`); err != nil {
		t.Fatal(err)
	}
	if got := status(); got != "DeployedRequired" {
		t.Errorf("after a policy edit: %s, want DeployedRequired (the service does not push edits)", got)
	}
	deploy("redeploy")
	if got := status(); got != "Deployed" {
		t.Errorf("after the redeployment: %s, want Deployed", got)
	}

	task, err := c.DismantleRoleConfiguration(ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	if task != nil {
		if _, err := c.WaitForTask(ctx, zone, task.TaskID); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.RemoveSystemPolicyFromRoleConfiguration(ctx, zone, rc.RoleConfigurationID, 186457); err != nil {
		t.Fatal(err)
	}
	if err := c.RemoveCustomPolicyFromRoleConfiguration(ctx, zone, rc.RoleConfigurationID, "inline"); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteRoleConfiguration(ctx, zone, rc.RoleConfigurationID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetRoleConfiguration(ctx, zone, rc.RoleConfigurationID); !errors.Is(err, ErrNotFound) {
		t.Errorf("after delete: %v, want ErrNotFound", err)
	}
}

// A task the service ends Failed is an error that carries its ID and the service's reason.
func TestSimulatorAccessTaskFailure(t *testing.T) {
	t.Parallel()
	s, c := startSimulator(t, idcsim.Options{SeedAccounts: 1, TaskDelay: 20 * time.Millisecond, Faults: "task-failure=1"})
	ctx := t.Context()
	zone := s.Ready().ZoneID
	members, err := c.ListOrganizationMembers(ctx, ListOrganizationMembersInput{Lang: "en"})
	if err != nil || len(members) == 0 {
		t.Fatalf("members: %v, %v", members, err)
	}
	rc, err := c.CreateRoleConfiguration(ctx, CreateRoleConfigurationInput{ZoneID: zone, Name: "doomed", SessionDuration: 3600})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddSystemPoliciesToRoleConfiguration(ctx, zone, rc.RoleConfigurationID, []SystemPolicy{{PolicyID: 186457, PolicyName: "QcloudVPCReadOnlyAccess"}}); err != nil {
		t.Fatal(err)
	}
	task, err := c.ProvisionRoleConfiguration(ctx, RoleTarget{ZoneID: zone, RoleConfigurationID: rc.RoleConfigurationID, TargetType: TargetTypeMember, TargetUin: members[0].MemberUin})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.WaitForTask(ctx, zone, task.TaskID)
	var failed *TaskFailedError
	if !errors.As(err, &failed) || !errors.Is(err, ErrTaskFailed) || failed.TaskID != task.TaskID || failed.FailureReason == "" {
		t.Fatalf("WaitForTask on a failing task: %v, want a TaskFailedError with the task ID and the reason", err)
	}
}

// WaitForTasks follows a whole batch with a few ListTasks calls, 100 tasks per page, instead of
// one GetTaskStatus per task, and names every task that failed with the service's reason.
func TestSimulatorWaitForTasks(t *testing.T) {
	t.Parallel()
	s, c := startSimulator(t, idcsim.Options{SeedAccounts: 40, SeedGroups: 3, TaskDelay: 100 * time.Millisecond})
	ctx := t.Context()
	zone := s.Ready().ZoneID
	groups, err := c.ListGroups(ctx, ListGroupsInput{ZoneID: zone})
	if err != nil || len(groups) != 3 {
		t.Fatalf("groups: %d, %v", len(groups), err)
	}
	org, err := c.DescribeOrganization(ctx, "", "")
	if err != nil {
		t.Fatal(err)
	}
	members, err := c.ListOrganizationMembers(ctx, ListOrganizationMembersInput{})
	if err != nil {
		t.Fatal(err)
	}
	rc, err := c.CreateRoleConfiguration(ctx, CreateRoleConfigurationInput{ZoneID: zone, Name: "batch", SessionDuration: 3600})
	if err != nil {
		t.Fatal(err)
	}
	var keys []RoleAssignmentKey
	for _, g := range groups {
		for _, m := range members {
			if m.MemberUin != org.HostUin {
				keys = append(keys, RoleAssignmentKey{RoleConfigurationID: rc.RoleConfigurationID, TargetType: TargetTypeMember,
					TargetUin: m.MemberUin, PrincipalType: PrincipalTypeGroup, PrincipalID: g.GroupID})
			}
		}
	}
	if len(keys) != 120 {
		t.Fatalf("%d keys, want 3 groups × 40 accounts", len(keys))
	}
	// The second of the three batches starts tasks that end Failed.
	var tasks []Task
	for i := 0; i < len(keys); i += maxAssignmentsPerCall {
		if i == maxAssignmentsPerCall {
			s.FailNext("CreateRoleAssignment", idcsim.FaultTaskFailure, 1)
		}
		batch, err := c.CreateRoleAssignment(ctx, zone, keys[i:min(i+maxAssignmentsPerCall, len(keys))])
		if err != nil {
			t.Fatal(err)
		}
		tasks = append(tasks, batch...)
	}
	before := s.Stats().Calls
	done, err := c.WaitForTasks(ctx, zone, rc.RoleConfigurationID, tasks)
	after := s.Stats().Calls

	var failed *TasksFailedError
	if !errors.As(err, &failed) || !errors.Is(err, ErrTaskFailed) {
		t.Fatalf("WaitForTasks = %v, want a TasksFailedError", err)
	}
	if len(failed.Failed) != 50 {
		t.Errorf("%d tasks reported failed, want the 50 of the second batch", len(failed.Failed))
	}
	for i, task := range done {
		wantFailed := i >= 50 && i < 100
		switch {
		case wantFailed && (task.Status != TaskStatusFailed || task.FailureReason == ""):
			t.Errorf("task %d (%s) = %s %q, want Failed with the service's reason", i, task.TaskID, task.Status, task.FailureReason)
		case !wantFailed && task.Status != TaskStatusSuccess:
			t.Errorf("task %d (%s) = %s, want Success", i, task.TaskID, task.Status)
		}
	}
	if n := after["GetTaskStatus"] - before["GetTaskStatus"]; n != 0 {
		t.Errorf("%d GetTaskStatus calls, want none", n)
	}
	// At 100 ms per task: a handful of polls of one page (at most 120 InProgress tasks, 2
	// pages), then one page of Failed tasks.
	if n := after["ListTasks"] - before["ListTasks"]; n < 2 || n > 12 {
		t.Errorf("%d ListTasks calls for 120 tasks, want 2 to 12", n)
	}
	held, err := c.ListRoleAssignments(ctx, ListRoleAssignmentsInput{ZoneID: zone, RoleConfigurationID: rc.RoleConfigurationID})
	if err != nil || len(held) != 70 {
		t.Errorf("the role configuration holds %d assignments (%v), want the 70 whose tasks succeeded", len(held), err)
	}
}

// A batch wait that runs out names the tasks still running; they may still finish.
func TestSimulatorWaitForTasksTimeout(t *testing.T) {
	t.Parallel()
	s, c := startSimulator(t, idcsim.Options{SeedAccounts: 1, SeedGroups: 1, TaskDelay: time.Hour})
	ctx := t.Context()
	zone := s.Ready().ZoneID
	groups, err := c.ListGroups(ctx, ListGroupsInput{ZoneID: zone})
	if err != nil || len(groups) != 1 {
		t.Fatalf("groups: %v, %v", groups, err)
	}
	members, err := c.ListOrganizationMembers(ctx, ListOrganizationMembersInput{})
	if err != nil || len(members) == 0 {
		t.Fatalf("members: %v, %v", members, err)
	}
	rc, err := c.CreateRoleConfiguration(ctx, CreateRoleConfigurationInput{ZoneID: zone, Name: "slow", SessionDuration: 3600})
	if err != nil {
		t.Fatal(err)
	}
	tasks, err := c.CreateRoleAssignment(ctx, zone, []RoleAssignmentKey{{RoleConfigurationID: rc.RoleConfigurationID, TargetType: TargetTypeMember,
		TargetUin: members[0].MemberUin, PrincipalType: PrincipalTypeGroup, PrincipalID: groups[0].GroupID}})
	if err != nil {
		t.Fatal(err)
	}
	wctx, cancel := context.WithTimeout(ctx, 500*time.Millisecond)
	defer cancel()
	_, err = c.WaitForTasks(wctx, zone, rc.RoleConfigurationID, tasks)
	var running *TasksNotFinishedError
	if !errors.As(err, &running) || !errors.Is(err, ErrTaskNotFinished) || !errors.Is(err, context.DeadlineExceeded) ||
		len(running.Pending) != 1 || running.Pending[0] != tasks[0].TaskID {
		t.Fatalf("WaitForTasks past its deadline = %v, want a TasksNotFinishedError naming %s", err, tasks[0].TaskID)
	}
}
