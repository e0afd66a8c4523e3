package idc

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

// accessOK answers the access actions with the smallest answer their methods accept.
func accessOK(w http.ResponseWriter, _ *http.Request, req fakeRequest, _ int) {
	task := map[string]any{"TaskId": "t-abcdefabcdef", "TaskStatus": "InProgress"}
	switch req.Action {
	case "CreateRoleConfiguration", "UpdateRoleConfiguration", "GetRoleConfiguration":
		writeOK(w, map[string]any{"RoleConfigurationInfo": map[string]any{"RoleConfigurationId": "rc-abcdefabcdef"}})
	case "ProvisionRoleConfiguration", "DismantleRoleConfiguration":
		writeOK(w, map[string]any{"Task": task})
	case "CreateRoleAssignment":
		writeOK(w, map[string]any{"Tasks": []any{map[string]any{"TaskId": "t-abcdefabcdef", "Status": "InProgress"}}})
	default:
		writeOK(w, map[string]any{})
	}
}

// TestAccessRequestParameters checks that only set fields are sent (never a null), that UINs
// are JSON numbers, and that the policy helpers address system policies by ID and custom ones
// by name.
func TestAccessRequestParameters(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t, accessOK)
	c := newTestClient(t, testConfig(f))
	ctx := t.Context()
	s := func(v string) *string { return &v }
	const zone, rc = "z-abcdefabcdef", "rc-abcdefabcdef"
	key := RoleAssignmentKey{RoleConfigurationID: rc, TargetType: TargetTypeMember, TargetUin: 100043911945, PrincipalType: PrincipalTypeGroup, PrincipalID: "g-1"}
	keyBody := map[string]any{"RoleConfigurationId": rc, "TargetType": "MemberUin", "TargetUin": float64(100043911945), "PrincipalType": "Group", "PrincipalId": "g-1"}
	with := func(m map[string]any, kv ...any) map[string]any {
		out := map[string]any{"ZoneId": zone}
		for k, v := range m {
			out[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			out[fmt.Sprint(kv[i])] = kv[i+1]
		}
		return out
	}
	ignore := func(_ any, err error) error { return err }

	tests := []struct {
		name string
		call func() error
		want map[string]any
	}{
		{"create with defaults", func() error {
			return ignore(c.CreateRoleConfiguration(ctx, CreateRoleConfigurationInput{ZoneID: zone, Name: "admins"}))
		}, with(nil, "RoleConfigurationName", "admins")},
		{"update clears the description only", func() error {
			return ignore(c.UpdateRoleConfiguration(ctx, UpdateRoleConfigurationInput{ZoneID: zone, RoleConfigurationID: rc, Description: s("")}))
		}, with(nil, "RoleConfigurationId", rc, "NewDescription", "")},
		{"list by targets", func() error {
			return ignore(c.ListRoleConfigurations(ctx, ListRoleConfigurationsInput{ZoneID: zone, FilterTargets: []int64{100043911945}, PrincipalID: "u-1"}))
		}, with(nil, "MaxResults", float64(100), "FilterTargets", []any{float64(100043911945)}, "PrincipalId", "u-1")},
		{"add system policies", func() error {
			return c.AddSystemPoliciesToRoleConfiguration(ctx, zone, rc, []SystemPolicy{{PolicyID: 186457, PolicyName: "QcloudVPCReadOnlyAccess"}, {PolicyID: 1}})
		}, with(nil, "RoleConfigurationId", rc, "RolePolicyType", "System",
			"RolePolicies", []any{map[string]any{"PolicyId": float64(186457), "PolicyName": "QcloudVPCReadOnlyAccess"}, map[string]any{"PolicyId": float64(1)}})},
		{"add custom policy", func() error {
			return c.AddCustomPolicyToRoleConfiguration(ctx, zone, rc, "inline", `{"version":"2.0","statement":[]}`)
		}, with(nil, "RoleConfigurationId", rc, "RolePolicyType", "Custom", "RolePolicyNames", []any{"inline"},
			"CustomPolicyDocument", `{"version":"2.0","statement":[]}`)},
		{"remove system policy by ID", func() error { return c.RemoveSystemPolicyFromRoleConfiguration(ctx, zone, rc, 186457) },
			with(nil, "RoleConfigurationId", rc, "RolePolicyType", "System", "RolePolicyId", float64(186457))},
		{"remove custom policy by name", func() error { return c.RemoveCustomPolicyFromRoleConfiguration(ctx, zone, rc, "inline") },
			with(nil, "RoleConfigurationId", rc, "RolePolicyType", "Custom", "RolePolicyName", "inline")},
		{"list all policies", func() error { return ignore(c.ListPermissionPoliciesInRoleConfiguration(ctx, zone, rc, "", "")) },
			with(nil, "RoleConfigurationId", rc)},
		{"deploy to the management account", func() error {
			return ignore(c.ProvisionRoleConfiguration(ctx, RoleTarget{ZoneID: zone, RoleConfigurationID: rc, TargetType: TargetTypeManager, TargetUin: 700000145543}))
		}, with(nil, "RoleConfigurationId", rc, "TargetType", "ManagerUin", "TargetUin", float64(700000145543))},
		{"list deployments of one configuration", func() error {
			return ignore(c.ListRoleConfigurationProvisionings(ctx, ListProvisioningsInput{ZoneID: zone, RoleConfigurationID: rc}))
		}, with(nil, "RoleConfigurationId", rc, "MaxResults", float64(100))},
		{"list failed tasks", func() error { return ignore(c.ListTasks(ctx, ListTasksInput{ZoneID: zone, Status: TaskStatusFailed})) },
			with(nil, "Status", "Failed", "MaxResults", float64(100))},
		{"members", func() error { return ignore(c.ListOrganizationMembers(ctx, ListOrganizationMembersInput{})) },
			map[string]any{"Offset": float64(0), "Limit": float64(50)}},
		{"organization", func() error { return ignore(c.DescribeOrganization(ctx, "", "")) }, map[string]any{}},
		{"assign", func() error { return ignore(c.CreateRoleAssignment(ctx, zone, []RoleAssignmentKey{key})) },
			with(nil, "RoleAssignmentInfo", []any{keyBody})},
		{"unassign with the default strategy", func() error { return ignore(c.DeleteRoleAssignment(ctx, zone, key, "")) },
			with(keyBody)},
		{"unassign and undeploy", func() error { return ignore(c.DeleteRoleAssignment(ctx, zone, key, DeprovisionForLastRoleAssignment)) },
			with(keyBody, "DeprovisionStrategy", "DeprovisionForLastRoleAssignmentOnAccount")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(f.recorded())
			if err := tt.call(); err != nil {
				t.Fatalf("call: %v", err)
			}
			reqs := f.recorded()[before:]
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			if !reflect.DeepEqual(reqs[0].Body, tt.want) {
				t.Errorf("%s body = %s, want %v", reqs[0].Action, reqs[0].Raw, tt.want)
			}
			if strings.Contains(reqs[0].Raw, "null") {
				t.Errorf("body sends a null: %s", reqs[0].Raw)
			}
		})
	}
}

// TestAccessCallPolicy checks that creates (of role configurations, policy attachments,
// deployments and assignments) are sent once when the answer is lost, while deletes, updates
// and reads are retried.
func TestAccessCallPolicy(t *testing.T) {
	t.Parallel()
	const zone, rc = "z-abcdefabcdef", "rc-abcdefabcdef"
	target := RoleTarget{ZoneID: zone, RoleConfigurationID: rc, TargetType: TargetTypeMember, TargetUin: 1}
	key := RoleAssignmentKey{RoleConfigurationID: rc, TargetType: TargetTypeMember, TargetUin: 1, PrincipalType: PrincipalTypeUser, PrincipalID: "u-1"}
	tests := []struct {
		action  string
		call    func(ctx context.Context, c *Client) error
		retried bool
	}{
		{"CreateRoleConfiguration", func(ctx context.Context, c *Client) error {
			_, err := c.CreateRoleConfiguration(ctx, CreateRoleConfigurationInput{ZoneID: zone, Name: "a"})
			return err
		}, false},
		{"AddPermissionPolicyToRoleConfiguration", func(ctx context.Context, c *Client) error {
			return c.AddCustomPolicyToRoleConfiguration(ctx, zone, rc, "p", "{}")
		}, false},
		{"ProvisionRoleConfiguration", func(ctx context.Context, c *Client) error {
			_, err := c.ProvisionRoleConfiguration(ctx, target)
			return err
		}, false},
		{"CreateRoleAssignment", func(ctx context.Context, c *Client) error {
			_, err := c.CreateRoleAssignment(ctx, zone, []RoleAssignmentKey{key})
			return err
		}, false},
		{"DeleteRoleConfiguration", func(ctx context.Context, c *Client) error { return c.DeleteRoleConfiguration(ctx, zone, rc) }, true},
		{"UpdateCustomPolicyForRoleConfiguration", func(ctx context.Context, c *Client) error {
			return c.UpdateCustomPolicyForRoleConfiguration(ctx, zone, rc, "p", "{}")
		}, true},
		{"RemovePermissionPolicyFromRoleConfiguration", func(ctx context.Context, c *Client) error {
			return c.RemoveCustomPolicyFromRoleConfiguration(ctx, zone, rc, "p")
		}, true},
		{"DismantleRoleConfiguration", func(ctx context.Context, c *Client) error {
			_, err := c.DismantleRoleConfiguration(ctx, target)
			return err
		}, true},
		{"DeleteRoleAssignment", func(ctx context.Context, c *Client) error {
			_, err := c.DeleteRoleAssignment(ctx, zone, key, "")
			return err
		}, true},
		{"GetTaskStatus", func(ctx context.Context, c *Client) error {
			_, err := c.GetTaskStatus(ctx, zone, "t-1")
			if errors.Is(err, ErrNotFound) {
				return nil // the answer has no TaskStatus: it was retried and answered
			}
			return err
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.action, func(t *testing.T) {
			t.Parallel()
			f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, req fakeRequest, n int) {
				if n == 1 {
					dropConnection(t, w)
					return
				}
				accessOK(w, r, req, n)
			})
			c := newTestClient(t, testConfig(f))
			err := tt.call(t.Context(), c)
			if tt.retried {
				if err != nil || f.count(tt.action) != 2 {
					t.Errorf("error %v after %d requests, want success on the retry", err, f.count(tt.action))
				}
				return
			}
			if !errors.Is(err, ErrOutcomeUnknown) || f.count(tt.action) != 1 {
				t.Errorf("error %v after %d requests, want ErrOutcomeUnknown after exactly 1", err, f.count(tt.action))
			}
		})
	}
}

// A delete refused while a task on the assignment still runs is sent again until it goes
// through; when the context ends first, the service's refusal (code and all) is returned.
func TestDeleteRoleAssignmentWaitsForRunningTask(t *testing.T) {
	t.Parallel()
	key := RoleAssignmentKey{RoleConfigurationID: "rc-abcdefabcdef", TargetType: TargetTypeMember, TargetUin: 1, PrincipalType: PrincipalTypeUser, PrincipalID: "u-1"}
	tests := []struct {
		name     string
		refusals int // answers with codeTaskInProgress before an OK
		timeout  time.Duration
		wantSent int
		wantCode string // "" for success
	}{
		{"goes through after two refusals", 2, 5 * time.Second, 3, ""},
		{"goes through at once", 0, 5 * time.Second, 1, ""},
		{"still running when the timeout ends", 1 << 30, 100 * time.Millisecond, -1, codeTaskInProgress},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, req fakeRequest, n int) {
				if n <= tt.refusals {
					writeAPIError(w, codeTaskInProgress)
					return
				}
				accessOK(w, r, req, n)
			})
			c := newTestClient(t, testConfig(f))
			c.taskPoll = retryPolicy{minBackoff: time.Millisecond, maxBackoff: 10 * time.Millisecond}
			ctx, cancel := context.WithTimeout(t.Context(), tt.timeout)
			defer cancel()
			_, err := c.DeleteRoleAssignment(ctx, "z-abcdefabcdef", key, DeprovisionForLastRoleAssignment)
			var apiErr *APIError
			switch {
			case tt.wantCode == "" && err != nil:
				t.Fatalf("error %v, want success", err)
			case tt.wantCode != "" && (!errors.As(err, &apiErr) || apiErr.Code != tt.wantCode):
				t.Fatalf("error %v, want the service's %s", err, tt.wantCode)
			}
			if tt.wantSent >= 0 && f.count("DeleteRoleAssignment") != tt.wantSent {
				t.Errorf("%d requests, want %d", f.count("DeleteRoleAssignment"), tt.wantSent)
			}
			if tt.wantSent < 0 && f.count("DeleteRoleAssignment") < 2 {
				t.Errorf("%d requests, want it sent again while the task ran", f.count("DeleteRoleAssignment"))
			}
		})
	}
}

// TestWaitForTask plays a sequence of GetTaskStatus answers and checks the outcome.
func TestWaitForTask(t *testing.T) {
	t.Parallel()
	type answer struct{ status, reason, code string }
	tests := []struct {
		name     string
		answers  []answer // the last one repeats
		timeout  time.Duration
		want     error // nil: success
		wantText []string
		polls    int
	}{
		{"success after two polls in progress", []answer{{status: "InProgress"}, {status: "InProgress"}, {status: "Success"}},
			5 * time.Second, nil, nil, 3},
		{"failed with the service's reason", []answer{{status: "InProgress"}, {status: "Failed", reason: "CAM role quota reached"}},
			5 * time.Second, ErrTaskFailed, []string{"t-abcdefabcdef", "Failed", "CAM role quota reached", "ProvisionRoleConfiguration"}, 2},
		{"undocumented status is waited on", []answer{{status: "Queued"}, {status: "Success"}}, 5 * time.Second, nil, nil, 2},
		{"still in progress at the deadline", []answer{{status: "InProgress"}}, 150 * time.Millisecond,
			ErrTaskNotFinished, []string{"t-abcdefabcdef", "InProgress", "had not finished"}, 0},
		{"unknown task", []answer{{code: "ResourceNotFound.RoleConfigurationTaskNotFound"}}, 5 * time.Second, ErrNotFound, nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ fakeRequest, n int) {
				a := tt.answers[min(n, len(tt.answers))-1]
				if a.code != "" {
					writeAPIError(w, a.code)
					return
				}
				ts := map[string]any{"Status": a.status, "TaskId": "t-abcdefabcdef", "TaskType": "ProvisionRoleConfiguration"}
				if a.reason != "" {
					ts["FailureReason"] = a.reason
				}
				writeOK(w, map[string]any{"TaskStatus": ts})
			})
			c := newTestClient(t, testConfig(f))
			c.taskPoll = retryPolicy{minBackoff: time.Millisecond, maxBackoff: 10 * time.Millisecond}
			task, err := c.WaitForTask(ctxWithTimeout(t, tt.timeout), "z-abcdefabcdef", "t-abcdefabcdef")
			if tt.want == nil {
				if err != nil || task.Status != TaskStatusSuccess {
					t.Fatalf("WaitForTask = %+v, %v; want Success", task, err)
				}
			} else if !errors.Is(err, tt.want) {
				t.Fatalf("WaitForTask error %v, want %v", err, tt.want)
			}
			for _, s := range tt.wantText {
				if !strings.Contains(fmt.Sprint(err), s) {
					t.Errorf("error %q does not say %q", err, s)
				}
			}
			if tt.polls > 0 && f.count("GetTaskStatus") != tt.polls {
				t.Errorf("%d polls, want %d", f.count("GetTaskStatus"), tt.polls)
			}
		})
	}
}

func TestWaitForTaskErrors(t *testing.T) {
	t.Parallel()
	failed := fmt.Errorf("create: %w", &TaskFailedError{ZoneID: "z-1", TaskID: "t-1", TaskType: "CreateRoleAssignment", Status: "Failed"})
	var tf *TaskFailedError
	if !errors.As(failed, &tf) || !errors.Is(failed, ErrTaskFailed) || errors.Is(failed, ErrTaskNotFinished) {
		t.Errorf("%v: want *TaskFailedError matching only ErrTaskFailed", failed)
	}
	if !strings.Contains(failed.Error(), "gave no reason") {
		t.Errorf("%q does not say the reason is missing", failed)
	}
	pending := &TaskNotFinishedError{ZoneID: "z-1", TaskID: "t-1", Err: context.DeadlineExceeded}
	if !errors.Is(pending, ErrTaskNotFinished) || !errors.Is(pending, context.DeadlineExceeded) || errors.Is(pending, ErrOutcomeUnknown) {
		t.Errorf("%v: want ErrTaskNotFinished and the deadline, not outcome unknown", pending)
	}
	if !strings.Contains(pending.Error(), "not yet reported") {
		t.Errorf("%q does not say no status was reported", pending)
	}
}

// TestOrganizationMembersPaging checks Offset/Limit paging at the maximum of 50.
func TestOrganizationMembersPaging(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		members int
		total   int // what the service claims
		calls   int
	}{
		{"none", 0, 0, 1},
		{"one short page", 7, 7, 1},
		{"exactly one page", 50, 50, 1},
		{"three pages", 120, 120, 3},
		{"total too high", 60, 500, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, req fakeRequest, _ int) {
				offsetF, _ := req.Body["Offset"].(float64)
				limitF, _ := req.Body["Limit"].(float64)
				offset, limit := int(offsetF), int(limitF)
				items := []any{}
				for i := offset; i < min(offset+limit, tt.members); i++ {
					items = append(items, map[string]any{"MemberUin": 100000000000 + i, "Name": fmt.Sprint("m", i), "PayUin": ""})
				}
				writeOK(w, map[string]any{"Items": items, "Total": tt.total})
			})
			c := newTestClient(t, testConfig(f))
			got, err := c.ListOrganizationMembers(t.Context(), ListOrganizationMembersInput{})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.members || f.count("DescribeOrganizationMembers") != tt.calls {
				t.Fatalf("%d members in %d calls, want %d in %d", len(got), f.count("DescribeOrganizationMembers"), tt.members, tt.calls)
			}
			for i, m := range got {
				if m.MemberUin != int64(100000000000+i) {
					t.Fatalf("member %d has UIN %d", i, m.MemberUin)
				}
			}
			for i, r := range f.recorded() {
				if r.Body["Offset"] != float64(50*i) || r.Body["Limit"] != float64(50) {
					t.Errorf("call %d: Offset %v Limit %v", i, r.Body["Offset"], r.Body["Limit"])
				}
			}
		})
	}
}

// TestAccessAnswerChecks covers answers the typed methods refuse and inputs they refuse to send.
func TestAccessAnswerChecks(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ fakeRequest, _ int) { writeOK(w, map[string]any{}) })
	c := newTestClient(t, testConfig(f))
	ctx := t.Context()
	const zone = "z-abcdefabcdef"
	tests := []struct {
		name string
		call func() error
		want error
	}{
		{"create without an ID", func() error {
			_, err := c.CreateRoleConfiguration(ctx, CreateRoleConfigurationInput{ZoneID: zone, Name: "a"})
			return err
		}, ErrOutcomeUnknown},
		{"get without the object", func() error { _, err := c.GetRoleConfiguration(ctx, zone, "rc-1"); return err }, ErrNotFound},
		{"provision without a task", func() error {
			_, err := c.ProvisionRoleConfiguration(ctx, RoleTarget{ZoneID: zone, RoleConfigurationID: "rc-1", TargetType: TargetTypeMember, TargetUin: 1})
			return err
		}, ErrOutcomeUnknown},
		{"assign without tasks", func() error {
			_, err := c.CreateRoleAssignment(ctx, zone, []RoleAssignmentKey{{RoleConfigurationID: "rc-1"}})
			return err
		}, ErrOutcomeUnknown},
		{"task status without the task", func() error { _, err := c.GetTaskStatus(ctx, zone, "t-1"); return err }, ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.call(); !errors.Is(err, tt.want) {
				t.Errorf("error %v, want %v", err, tt.want)
			}
		})
	}
	before := len(f.recorded())
	for _, n := range []int{0, 51} {
		if _, err := c.CreateRoleAssignment(ctx, zone, make([]RoleAssignmentKey, n)); err == nil || !strings.Contains(err.Error(), "1 to 50") {
			t.Errorf("%d assignments: error %v, want the 1 to 50 limit", n, err)
		}
	}
	if len(f.recorded()) != before {
		t.Error("an assignment batch outside 1 to 50 was sent")
	}
}

// TestExactMatchLookups checks that the lookups built on filtered listings match the key again:
// a service answering with near matches (or ignoring the filter) must give ErrNotFound, never
// another object.
func TestExactMatchLookups(t *testing.T) {
	t.Parallel()
	const zone = "z-abcdefabcdef"
	rcItem := func(id, name string) map[string]any {
		return map[string]any{"RoleConfigurationId": id, "RoleConfigurationName": name, "Description": "admins team"}
	}
	depItem := func(uin int64, typ string) map[string]any {
		return map[string]any{"RoleConfigurationId": "rc-1", "TargetType": typ, "TargetUin": uin, "DeploymentStatus": "Deployed"}
	}
	asgItem := func(principal string) map[string]any {
		return map[string]any{"RoleConfigurationId": "rc-1", "TargetType": "MemberUin", "TargetUin": 1, "PrincipalType": "User", "PrincipalId": principal}
	}
	byName := func(c *Client) (string, error) {
		rc, err := c.RoleConfigurationByName(t.Context(), zone, "admins")
		if err != nil {
			return "", err
		}
		return rc.RoleConfigurationID, nil
	}
	deployment := func(c *Client) (string, error) {
		p, err := c.GetRoleConfigurationProvisioning(t.Context(), RoleTarget{ZoneID: zone, RoleConfigurationID: "rc-1", TargetType: TargetTypeMember, TargetUin: 1})
		if err != nil {
			return "", err
		}
		return fmt.Sprint(p.TargetType, p.TargetUin), nil
	}
	assignment := func(c *Client) (string, error) {
		a, err := c.GetRoleAssignment(t.Context(), zone, RoleAssignmentKey{RoleConfigurationID: "rc-1", TargetType: TargetTypeMember, TargetUin: 1, PrincipalType: PrincipalTypeUser, PrincipalID: "u-1"})
		if err != nil {
			return "", err
		}
		return a.PrincipalID, nil
	}
	tests := []struct {
		name   string
		field  string
		items  []any
		lookup func(c *Client) (string, error)
		want   string // "": ErrNotFound
	}{
		{"name among substring matches", "RoleConfigurations", []any{rcItem("rc-1", "admins-ro"), rcItem("rc-2", "admins"), rcItem("rc-3", "x")}, byName, "rc-2"},
		{"only substring matches", "RoleConfigurations", []any{rcItem("rc-1", "admins-ro"), rcItem("rc-3", "Admins")}, byName, ""},
		{"deployment on that account", "RoleConfigurationProvisionings", []any{depItem(2, "MemberUin"), depItem(1, "MemberUin")}, deployment, "MemberUin1"},
		{"deployment elsewhere only", "RoleConfigurationProvisionings", []any{depItem(2, "MemberUin"), depItem(1, "ManagerUin")}, deployment, ""},
		{"assignment of that principal", "RoleAssignments", []any{asgItem("u-10"), asgItem("u-1")}, assignment, "u-1"},
		{"assignments of others only", "RoleAssignments", []any{asgItem("u-10")}, assignment, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ fakeRequest, _ int) {
				writeOK(w, map[string]any{tt.field: tt.items, "IsTruncated": false})
			})
			got, err := tt.lookup(newTestClient(t, testConfig(f)))
			if tt.want == "" {
				if !errors.Is(err, ErrNotFound) {
					t.Errorf("got %q, %v; want ErrNotFound", got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}
