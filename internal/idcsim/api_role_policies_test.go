package idcsim

import (
	"strings"
	"testing"
)

func listPolicies(t *testing.T, c *apiClient, rcID string, kv ...any) []rolePolicie {
	t.Helper()
	var out listPermissionPoliciesResponse
	c.call("ListPermissionPoliciesInRoleConfiguration", with(append([]any{"RoleConfigurationId", rcID}, kv...)...)).into(t, &out)
	if out.TotalCounts != len(out.RolePolicies) {
		t.Errorf("TotalCounts %d for %d policies", out.TotalCounts, len(out.RolePolicies))
	}
	return out.RolePolicies
}

// TestAddPermissionPolicyRules covers §3.1 and §10: system policies by PolicyId or name from the
// CAM catalogue, custom policies by name with their document, ≤ 20 system and 1 custom policy,
// name ≤ 32 characters, no duplicates, service-role policies not bindable.
func TestAddPermissionPolicyRules(t *testing.T) {
	t.Parallel()
	_, c := startSim(t, Options{})
	doc := `{"version":"2.0","statement":[{"effect":"allow","action":["vpc:*"],"resource":["*"]}]}`
	for _, tc := range []struct {
		name   string
		params []any
		code   string
	}{
		{"system by id", []any{"RolePolicyType", "System", "RolePolicies", []any{map[string]any{"PolicyId": 186457}}}, ""},
		{"system by id and right name", []any{"RolePolicyType", "System", "RolePolicies", []any{map[string]any{"PolicyId": 186457, "PolicyName": "QcloudVPCReadOnlyAccess"}}}, ""},
		{"system by name", []any{"RolePolicyType", "System", "RolePolicyNames", []string{"ReadOnlyAccess"}}, ""},
		{"system with wrong name", []any{"RolePolicyType", "System", "RolePolicies", []any{map[string]any{"PolicyId": 186457, "PolicyName": "AdministratorAccess"}}}, codeParamError},
		{"system unknown id", []any{"RolePolicyType", "System", "RolePolicies", []any{map[string]any{"PolicyId": 42}}}, codeParamError},
		{"system without id", []any{"RolePolicyType", "System", "RolePolicies", []any{map[string]any{"PolicyName": "ReadOnlyAccess"}}}, codeMissingParameter},
		{"system unknown member", []any{"RolePolicyType", "System", "RolePolicies", []any{map[string]any{"PolicyId": 1, "Id": 1}}}, codeUnknownParameter},
		{"system unknown name", []any{"RolePolicyType", "System", "RolePolicyNames", []string{"NoSuchPolicy"}}, codeParamError},
		{"system service role", []any{"RolePolicyType", "System", "RolePolicyNames", []string{"QcloudAccessForOceanusRole"}}, codeBindPolicyNameNotAllowed},
		{"system nothing", []any{"RolePolicyType", "System"}, codeParamError},
		{"system with document", []any{"RolePolicyType", "System", "RolePolicyNames", []string{"AdministratorAccess"}, "CustomPolicyDocument", doc}, codeParamError},
		{"custom", []any{"RolePolicyType", "Custom", "RolePolicyNames", []string{"vpc-all"}, "CustomPolicyDocument", doc}, ""},
		{"custom parallel docs", []any{"RolePolicyType", "Custom", "RolePolicyNames", []string{"a"}, "CustomPolicyDocuments", []string{doc}}, ""},
		{"custom two", []any{"RolePolicyType", "Custom", "RolePolicyNames", []string{"a", "b"}, "CustomPolicyDocuments", []string{doc, doc}}, codeCustomPolicyOverUpperLimit},
		{"custom docs mismatch", []any{"RolePolicyType", "Custom", "RolePolicyNames", []string{"a", "b"}, "CustomPolicyDocuments", []string{doc}}, codeParamError},
		{"custom empty document", []any{"RolePolicyType", "Custom", "RolePolicyNames", []string{"a"}, "CustomPolicyDocument", " "}, codePolicyDocumentEmpty},
		{"custom no document", []any{"RolePolicyType", "Custom", "RolePolicyNames", []string{"a"}}, codePolicyDocumentEmpty},
		{"custom not JSON", []any{"RolePolicyType", "Custom", "RolePolicyNames", []string{"a"}, "CustomPolicyDocument", "allow all"}, codeParamError},
		{"custom too long", []any{"RolePolicyType", "Custom", "RolePolicyNames", []string{"a"}, "CustomPolicyDocument", `{"x":"` + strings.Repeat("y", 6144) + `"}`}, codeParamError},
		{"custom name too long", []any{"RolePolicyType", "Custom", "RolePolicyNames", []string{strings.Repeat("n", 33)}, "CustomPolicyDocument", doc}, codePolicyNameSizeOverUpperLimit},
		{"bad type", []any{"RolePolicyType", "Inline", "RolePolicyNames", []string{"a"}, "CustomPolicyDocument", doc}, codeParamError},
		{"bad PolicyType", []any{"RolePolicyType", "System", "RolePolicyNames", []string{"AdministratorAccess"}, "PolicyType", 2}, codeParamError},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rc := mustCreateRoleConfiguration(t, c, "RoleConfigurationName", strings.ReplaceAll(tc.name, " ", "-"))
			c.call("AddPermissionPolicyToRoleConfiguration", with(append([]any{"RoleConfigurationId", rc.RoleConfigurationId}, tc.params...)...)).wantCode(t, tc.code)
			got := listPolicies(t, c, rc.RoleConfigurationId)
			if (tc.code == "") != (len(got) > 0) {
				t.Errorf("policies after the call: %+v", got)
			}
		})
	}

	rc := mustCreateRoleConfiguration(t, c, "RoleConfigurationName", "limits")
	add := func(kv ...any) result {
		return c.call("AddPermissionPolicyToRoleConfiguration", with(append([]any{"RoleConfigurationId", rc.RoleConfigurationId}, kv...)...))
	}
	add("RolePolicyType", "System", "RolePolicies", []any{map[string]any{"PolicyId": 186457}}).wantCode(t, "")
	add("RolePolicyType", "System", "RolePolicyNames", []string{"QcloudVPCReadOnlyAccess"}).wantCode(t, codePolicyNameAlreadyExists)
	add("RolePolicyType", "Custom", "RolePolicyNames", []string{"QcloudVPCReadOnlyAccess"}, "CustomPolicyDocument", doc).wantCode(t, codePolicyNameAlreadyExists)
	var names []string
	for _, p := range camSystemPolicies {
		if p.Bindable && p.ID != 186457 {
			names = append(names, p.Name)
		}
	}
	if len(names) < systemPolicyQuotaPerRole {
		t.Fatalf("the catalogue has only %d other bindable policies", len(names))
	}
	add("RolePolicyType", "System", "RolePolicyNames", names[:systemPolicyQuotaPerRole]).wantCode(t, codeSystemPolicyOverUpperLimit)
	add("RolePolicyType", "System", "RolePolicyNames", names[:systemPolicyQuotaPerRole-1]).wantCode(t, "")
	add("RolePolicyType", "Custom", "RolePolicyNames", []string{"one"}, "CustomPolicyDocument", doc).wantCode(t, "")
	add("RolePolicyType", "Custom", "RolePolicyNames", []string{"two"}, "CustomPolicyDocument", doc).wantCode(t, codeCustomPolicyOverUpperLimit)
	if n := len(listPolicies(t, c, rc.RoleConfigurationId, "RolePolicyType", "System")); n != systemPolicyQuotaPerRole {
		t.Errorf("%d system policies, want %d", n, systemPolicyQuotaPerRole)
	}
	c.call("AddPermissionPolicyToRoleConfiguration", with("RoleConfigurationId", "rc-000000000000", "RolePolicyType", "System", "RolePolicyNames", []string{"ReadOnlyAccess"})).wantCode(t, codeRoleConfigurationNotExist)
}

// TestPolicyListRemoveUpdate covers §3.2–§3.4: the list shows system policies with their
// PolicyId and name and custom ones with the document verbatim; Remove takes a system policy by
// RolePolicyId and a custom one by name; only custom policies can be updated.
func TestPolicyListRemoveUpdate(t *testing.T) {
	t.Parallel()
	_, c := startSim(t, Options{})
	rc := mustCreateRoleConfiguration(t, c, "RoleConfigurationName", "policies").RoleConfigurationId
	doc := "{\n  \"version\": \"2.0\",\n  \"statement\": []\n}\n" // a heredoc, kept byte for byte
	c.call("AddPermissionPolicyToRoleConfiguration", with("RoleConfigurationId", rc, "RolePolicyType", "System", "RolePolicies", []any{map[string]any{"PolicyId": 186457}})).wantCode(t, "")
	c.call("AddPermissionPolicyToRoleConfiguration", with("RoleConfigurationId", rc, "RolePolicyType", "Custom", "RolePolicyNames", []string{"inline"}, "CustomPolicyDocument", doc)).wantCode(t, "")

	all := listPolicies(t, c, rc)
	if len(all) != 2 || all[0].RolePolicyId != 186457 || all[0].RolePolicyName != "QcloudVPCReadOnlyAccess" || all[0].RolePolicyType != "System" || all[0].RolePolicyDocument != "" ||
		all[1].RolePolicyName != "inline" || all[1].RolePolicyType != "Custom" || all[1].RolePolicyDocument != doc || all[1].RolePolicyId != 0 || all[1].AddTime == "" {
		t.Fatalf("policies: %+v", all)
	}
	if got := listPolicies(t, c, rc, "RolePolicyType", "Custom"); len(got) != 1 || got[0].RolePolicyName != "inline" {
		t.Errorf("Custom only: %+v", got)
	}
	if got := listPolicies(t, c, rc, "Filter", "vpc"); len(got) != 1 || got[0].RolePolicyId != 186457 {
		t.Errorf("Filter vpc: %+v", got)
	}
	c.call("ListPermissionPoliciesInRoleConfiguration", with("RoleConfigurationId", rc, "MaxResults", 10)).wantCode(t, codeUnknownParameter) // no paging (§3.3)

	newDoc := `{"version":"2.0","statement":[{"effect":"deny","action":["*"],"resource":["*"]}]}`
	for _, tc := range []struct {
		name   string
		action string
		params []any
		code   string
	}{
		{"update system policy", "UpdateCustomPolicyForRoleConfiguration", []any{"CustomPolicyName", "QcloudVPCReadOnlyAccess", "NewCustomPolicyDocument", newDoc}, codePolicyTypeError},
		{"update unknown policy", "UpdateCustomPolicyForRoleConfiguration", []any{"CustomPolicyName", "nope", "NewCustomPolicyDocument", newDoc}, codeRolePolicyNotExist},
		{"update without document", "UpdateCustomPolicyForRoleConfiguration", []any{"CustomPolicyName", "inline"}, codePolicyDocumentEmpty},
		{"update", "UpdateCustomPolicyForRoleConfiguration", []any{"CustomPolicyName", "inline", "NewCustomPolicyDocument", newDoc}, ""},
		{"remove neither", "RemovePermissionPolicyFromRoleConfiguration", []any{"RolePolicyType", "System"}, codeParamError},
		{"remove unknown id", "RemovePermissionPolicyFromRoleConfiguration", []any{"RolePolicyType", "System", "RolePolicyId", 1}, codeRolePolicyNotExist},
		{"remove id and other name", "RemovePermissionPolicyFromRoleConfiguration", []any{"RolePolicyType", "System", "RolePolicyId", 186457, "RolePolicyName", "inline"}, codeRolePolicyNotExist},
		{"remove custom as system", "RemovePermissionPolicyFromRoleConfiguration", []any{"RolePolicyType", "System", "RolePolicyName", "inline"}, codeRolePolicyNotExist},
		{"remove system", "RemovePermissionPolicyFromRoleConfiguration", []any{"RolePolicyType", "System", "RolePolicyId", 186457}, ""},
		{"remove system again", "RemovePermissionPolicyFromRoleConfiguration", []any{"RolePolicyType", "System", "RolePolicyId", 186457}, codeRolePolicyNotExist},
		{"remove custom with id 0", "RemovePermissionPolicyFromRoleConfiguration", []any{"RolePolicyType", "Custom", "RolePolicyName", "inline", "RolePolicyId", 0}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c.call(tc.action, with(append([]any{"RoleConfigurationId", rc}, tc.params...)...)).wantCode(t, tc.code)
			if tc.name == "update" {
				if got := listPolicies(t, c, rc, "RolePolicyType", "Custom"); len(got) != 1 || got[0].RolePolicyDocument != newDoc {
					t.Errorf("after update: %+v", got)
				}
			}
		})
	}
	if got := listPolicies(t, c, rc); len(got) != 0 {
		t.Errorf("policies left: %+v", got)
	}
	c.call("ListPermissionPoliciesInRoleConfiguration", with("RoleConfigurationId", "rc-000000000000")).wantCode(t, codeRoleConfigurationNotExist)
}
