package idc

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"
)

// accessSubset is api-subset-access.json: each action's request members as Tencent's api.json
// lists them.
type accessSubset struct {
	Actions map[string]struct {
		Input struct{ Members []subsetMember }
	}
}

// pagingFields are the request fields a typed method sets itself (it pages at the maximum), so
// only their JSON type is compared with Tencent's example.
var pagingFields = map[string]bool{"MaxResults": true, "Limit": true, "Offset": true}

// exampleValues reads the example request's values for a typed call.
type exampleValues map[string]any

func (v exampleValues) str(k string) string { s, _ := v[k].(string); return s }
func (v exampleValues) num(k string) int64  { n, _ := v[k].(float64); return int64(n) }

var exampleTime = time.Date(2019, 1, 1, 12, 12, 12, 0, beijing)

var exampleRoleConfiguration = &RoleConfiguration{
	RoleConfigurationID: "rc-s2ns92ns***", Name: "conf1", Description: "this is role configuration",
	SessionDuration: 900, RelayState: "https://console.cloud.tencent.com", CreateTime: exampleTime, UpdateTime: exampleTime,
}

var exampleProvisioningTask = &Task{
	TaskID: "t-2xdmzwphpsbd", TaskType: "CreateRoleAssignment", Status: TaskStatusInProgress,
	RoleConfigurationID: "rc-4plmus8fdfsb", RoleConfigurationName: "testConfiguration1",
	TargetType: TargetTypeMember, TargetUin: 700000145543,
}

// accessExampleCalls calls each access action's typed method with the values of Tencent's example
// request and returns what it decoded from Tencent's example answer.
func accessExampleCalls(ctx context.Context, c *Client) map[string]func(v exampleValues) (any, error) {
	target := func(v exampleValues) RoleTarget {
		return RoleTarget{ZoneID: v.str("ZoneId"), RoleConfigurationID: v.str("RoleConfigurationId"), TargetType: v.str("TargetType"), TargetUin: v.num("TargetUin")}
	}
	return map[string]func(v exampleValues) (any, error){
		"CreateRoleConfiguration": func(v exampleValues) (any, error) {
			return c.CreateRoleConfiguration(ctx, CreateRoleConfigurationInput{ZoneID: v.str("ZoneId"), Name: v.str("RoleConfigurationName"),
				Description: v.str("Description"), SessionDuration: v.num("SessionDuration"), RelayState: v.str("RelayState")})
		},
		"GetRoleConfiguration": func(v exampleValues) (any, error) {
			return c.GetRoleConfiguration(ctx, v.str("ZoneId"), v.str("RoleConfigurationId"))
		},
		"ListRoleConfigurations": func(v exampleValues) (any, error) {
			return c.ListRoleConfigurations(ctx, ListRoleConfigurationsInput{ZoneID: v.str("ZoneId"), Filter: v.str("Filter")})
		},
		"UpdateRoleConfiguration": func(v exampleValues) (any, error) {
			d, s, r := v.str("NewDescription"), v.num("NewSessionDuration"), v.str("NewRelayState")
			return c.UpdateRoleConfiguration(ctx, UpdateRoleConfigurationInput{ZoneID: v.str("ZoneId"), RoleConfigurationID: v.str("RoleConfigurationId"),
				Description: &d, SessionDuration: &s, RelayState: &r})
		},
		"DeleteRoleConfiguration": func(v exampleValues) (any, error) {
			return nil, c.DeleteRoleConfiguration(ctx, v.str("ZoneId"), v.str("RoleConfigurationId"))
		},
		"AddPermissionPolicyToRoleConfiguration": func(v exampleValues) (any, error) {
			return nil, c.AddPermissionPolicyToRoleConfiguration(ctx, AddPermissionPolicyInput{ZoneID: v.str("ZoneId"),
				RoleConfigurationID: v.str("RoleConfigurationId"), PolicyType: v.str("RolePolicyType"),
				PolicyNames: []string{"TestPolicy"}, CustomPolicyDocument: v.str("CustomPolicyDocument")})
		},
		"RemovePermissionPolicyFromRoleConfiguration": func(v exampleValues) (any, error) {
			// The example removes a System policy by name, which the typed methods do not do (they
			// address system policies by ID); the request fields are the custom form's.
			return nil, c.call(ctx, "RemovePermissionPolicyFromRoleConfiguration", removePermissionPolicyRequest{
				ZoneId: v.str("ZoneId"), RoleConfigurationId: v.str("RoleConfigurationId"),
				RolePolicyType: v.str("RolePolicyType"), RolePolicyName: v.str("RolePolicyName"),
			}, nil, idempotent)
		},
		"ListPermissionPoliciesInRoleConfiguration": func(v exampleValues) (any, error) {
			return c.ListPermissionPoliciesInRoleConfiguration(ctx, v.str("ZoneId"), v.str("RoleConfigurationId"), v.str("RolePolicyType"), "")
		},
		"UpdateCustomPolicyForRoleConfiguration": func(v exampleValues) (any, error) {
			return nil, c.UpdateCustomPolicyForRoleConfiguration(ctx, v.str("ZoneId"), v.str("RoleConfigurationId"), v.str("CustomPolicyName"), v.str("NewCustomPolicyDocument"))
		},
		"ProvisionRoleConfiguration": func(v exampleValues) (any, error) { return c.ProvisionRoleConfiguration(ctx, target(v)) },
		"DismantleRoleConfiguration": func(v exampleValues) (any, error) { return c.DismantleRoleConfiguration(ctx, target(v)) },
		"ListRoleConfigurationProvisionings": func(v exampleValues) (any, error) {
			return c.ListRoleConfigurationProvisionings(ctx, ListProvisioningsInput{ZoneID: v.str("ZoneId"), RoleConfigurationID: v.str("RoleConfigurationId"),
				TargetType: v.str("TargetType"), TargetUin: v.num("TargetUin"), DeploymentStatus: v.str("DeploymentStatus"), Filter: v.str("Filter")})
		},
		"CreateRoleAssignment": func(v exampleValues) (any, error) {
			items, _ := v["RoleAssignmentInfo"].([]any)
			var item exampleValues
			if len(items) > 0 {
				item, _ = items[0].(map[string]any)
			}
			return c.CreateRoleAssignment(ctx, v.str("ZoneId"), []RoleAssignmentKey{{RoleConfigurationID: item.str("RoleConfigurationId"),
				TargetType: item.str("TargetType"), TargetUin: item.num("TargetUin"), PrincipalType: item.str("PrincipalType"), PrincipalID: item.str("PrincipalId")}})
		},
		"DeleteRoleAssignment": func(v exampleValues) (any, error) {
			return c.DeleteRoleAssignment(ctx, v.str("ZoneId"), RoleAssignmentKey{RoleConfigurationID: v.str("RoleConfigurationId"),
				TargetType: v.str("TargetType"), TargetUin: v.num("TargetUin"), PrincipalType: v.str("PrincipalType"), PrincipalID: v.str("PrincipalId")},
				v.str("DeprovisionStrategy"))
		},
		"ListRoleAssignments": func(v exampleValues) (any, error) {
			return c.ListRoleAssignments(ctx, ListRoleAssignmentsInput{ZoneID: v.str("ZoneId"), RoleConfigurationID: v.str("RoleConfigurationId"),
				TargetType: v.str("TargetType"), TargetUin: v.num("TargetUin"), PrincipalType: v.str("PrincipalType"), PrincipalID: v.str("PrincipalId")})
		},
		"GetTaskStatus": func(v exampleValues) (any, error) { return c.GetTaskStatus(ctx, v.str("ZoneId"), v.str("TaskId")) },
		"ListTasks": func(v exampleValues) (any, error) {
			return c.ListTasks(ctx, ListTasksInput{ZoneID: v.str("ZoneId"), RoleConfigurationID: v.str("RoleConfigurationId"),
				TargetType: v.str("TargetType"), TargetUin: v.num("TargetUin"), PrincipalType: v.str("PrincipalType"),
				PrincipalID: v.str("PrincipalId"), Status: v.str("Status"), TaskType: v.str("TaskType")})
		},
		"DescribeOrganizationMembers": func(v exampleValues) (any, error) {
			return c.ListOrganizationMembers(ctx, ListOrganizationMembersInput{Lang: v.str("Lang")})
		},
		"DescribeOrganization": func(v exampleValues) (any, error) { return c.DescribeOrganization(ctx, "", "") },
	}
}

// accessExampleWants is what each typed method must decode from Tencent's example answer
// (nil: the action answers nothing but a RequestId).
var accessExampleWants = map[string]any{
	"CreateRoleConfiguration": exampleRoleConfiguration,
	"GetRoleConfiguration":    exampleRoleConfiguration,
	"UpdateRoleConfiguration": exampleRoleConfiguration,
	"ListRoleConfigurations":  []RoleConfiguration{*exampleRoleConfiguration},
	"ListPermissionPoliciesInRoleConfiguration": []RolePolicy{{PolicyName: "adminPolciy", PolicyType: PolicyTypeSystem,
		AddTime: time.Date(2020, 1, 1, 12, 12, 12, 0, beijing)}},
	"ProvisionRoleConfiguration": exampleProvisioningTask,
	"DismantleRoleConfiguration": exampleProvisioningTask,
	"ListRoleConfigurationProvisionings": []Provisioning{{RoleConfigurationID: "rc-sjwiwm2ww**", RoleConfigurationName: "conf1",
		TargetType: TargetTypeMember, TargetUin: 10003292021, TargetName: "user1", DeploymentStatus: "DeployedRequired",
		CreateTime: time.Date(2024, 1, 1, 12, 12, 12, 0, beijing), UpdateTime: time.Date(2024, 1, 1, 12, 12, 12, 0, beijing)}},
	"CreateRoleAssignment": []Task{{TaskID: "t-sowmiwm", TaskType: "CreateRoleAssignment", Status: TaskStatusInProgress,
		RoleConfigurationID: "r-sjsosmsss", RoleConfigurationName: "conf1", TargetType: TargetTypeMember, TargetUin: 10000323432,
		PrincipalType: PrincipalTypeUser, PrincipalID: "u-djiem3o***"}},
	"DeleteRoleAssignment": &Task{TaskID: "t-0md93jfd3", TaskType: "DeleteRolesAssignment", Status: TaskStatusInProgress,
		RoleConfigurationID: "rc-dsk3323", RoleConfigurationName: "conf1", TargetType: TargetTypeMember, TargetUin: 100032333,
		PrincipalType: PrincipalTypeUser, PrincipalID: "u-siwnwiene"},
	"ListRoleAssignments": []RoleAssignment{{RoleConfigurationID: "ec-swidn****", RoleConfigurationName: "conf1",
		TargetType: TargetTypeMember, TargetUin: 10000000002, TargetName: "user1", PrincipalType: PrincipalTypeUser,
		PrincipalID: "u-ssiisn***", PrincipalName: "testConfig",
		CreateTime: time.Date(2024, 1, 1, 12, 12, 12, 0, beijing), UpdateTime: time.Date(2024, 1, 1, 12, 12, 12, 0, beijing)}},
	"GetTaskStatus": &Task{TaskID: "z-dksodm***", TaskType: "ProvisionRoleConfiguration", Status: TaskStatusSuccess, FailureReason: "fielded"},
	"ListTasks": []Task{{TaskID: "t-xsinsxinsdk", TaskType: "CreateRoleAssignment", Status: TaskStatusInProgress,
		RoleConfigurationID: "rc-xmw9xjdsd", RoleConfigurationName: "配置", TargetType: "User", TargetUin: 1000232234,
		PrincipalType: "Member", PrincipalID: "u-xm89dnsujs"}},
	"DescribeOrganizationMembers": []OrganizationMember{{MemberUin: 111111111111, Name: "member_name", MemberType: "Invite",
		NodeID: 101, NodeName: "node_name", Remark: "member1", OrgPolicyType: "Financial", OrgPolicyName: "财务管理",
		IsAllowQuit: "Denied", BindStatus: "Unbound", PermissionStatus: "Confirmed",
		CreateTime: time.Date(2021, 4, 17, 12, 19, 7, 0, beijing), UpdateTime: time.Date(2021, 4, 17, 12, 19, 7, 0, beijing)}},
	"DescribeOrganization": &Organization{OrgID: 101, HostUin: 1001, NickName: "host_name", OrgType: 1, RootNodeID: 1001,
		IsManager: true, OrgPolicyType: "Financial", OrgPolicyName: "财务管理", IsAllowQuit: "Allow",
		CreateTime: time.Date(2021, 4, 15, 21, 7, 54, 0, beijing), JoinTime: time.Date(2021, 4, 15, 21, 7, 54, 0, beijing)},
}

// exampleAnswer serves Tencent's example answer. When the example request carries a NextToken,
// the first call gets an empty truncated page pointing at it, so that the typed method's second
// request is the example's; the example page itself is served as the last one.
func exampleAnswer(ex apiExample) fakeHandler {
	token, _ := ex.Request["NextToken"].(string)
	return func(w http.ResponseWriter, _ *http.Request, _ fakeRequest, n int) {
		if token != "" && n == 1 {
			writeOK(w, map[string]any{"IsTruncated": true, "NextToken": token})
			return
		}
		resp := maps.Clone(ex.Response.Response)
		delete(resp, "RequestId")
		if _, ok := resp["IsTruncated"]; ok {
			resp["IsTruncated"] = false
		}
		writeOK(w, resp)
	}
}

// TestAccessFixtureReplay answers each access action's typed method with Tencent's example answer
// and checks that it decodes every documented value, and that its request carries the example
// request's fields with the same JSON types (and values, except the page size the method
// chooses) and no field api.json does not list.
func TestAccessFixtureReplay(t *testing.T) {
	t.Parallel()
	var subset accessSubset
	readJSON(t, filepath.Join(examplesDir, "api-subset-access.json"), &subset)
	calls := accessExampleCalls(context.Background(), nil)
	if got, want := slices.Sorted(maps.Keys(calls)), slices.Sorted(maps.Keys(subset.Actions)); !slices.Equal(got, want) {
		t.Fatalf("typed calls for %v, want one for each access action %v", got, want)
	}
	for action := range subset.Actions {
		t.Run(action, func(t *testing.T) {
			t.Parallel()
			var ex apiExample
			readJSON(t, filepath.Join(examplesDir, action+".json"), &ex)
			f := newFakeAPI(t, exampleAnswer(ex))
			c := newTestClient(t, testConfig(f))
			got, err := accessExampleCalls(t.Context(), c)[action](ex.Request)
			if err != nil {
				t.Fatalf("%s: %v", action, err)
			}
			if want := accessExampleWants[action]; want != nil && !reflect.DeepEqual(got, want) {
				t.Errorf("%s decoded\n%#v\nwant\n%#v", action, got, want)
			}
			reqs := f.recorded()
			sent := reqs[len(reqs)-1].Body
			compareExampleRequest(t, ex.Request, sent)
			declared := membersByName(subset.Actions[action].Input.Members)
			for k := range sent {
				if _, ok := declared[k]; !ok {
					t.Errorf("request field %s is not in api.json's %s", k, action)
				}
			}
		})
	}
}

func compareExampleRequest(t *testing.T, example, sent map[string]any) {
	t.Helper()
	for k, ev := range example {
		if ev == "" {
			continue // an empty optional string is the same as none
		}
		sv, ok := sent[k]
		switch {
		case !ok:
			t.Errorf("request field %s: in Tencent's example, not sent", k)
		case jsonKind(sv) != jsonKind(ev):
			t.Errorf("request field %s: sent a JSON %s, Tencent's example has a %s", k, jsonKind(sv), jsonKind(ev))
		case !pagingFields[k] && !reflect.DeepEqual(sv, ev):
			got, _ := json.Marshal(sv)
			want, _ := json.Marshal(ev)
			t.Errorf("request field %s = %s, Tencent's example %s", k, got, want)
		}
	}
	for k := range sent {
		if _, ok := example[k]; !ok && !pagingFields[k] {
			t.Errorf("request field %s: sent, not in Tencent's example", k)
		}
	}
}
