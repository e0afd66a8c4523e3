package idcsim

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
)

func TestProtocolErrors(t *testing.T) {
	t.Parallel()
	_, c := startSim(t, Options{})
	for _, tc := range []struct {
		name   string
		action string
		body   any
		edit   func(*http.Request)
		want   string
	}{
		{"ok", "GetSCIMSynchronizationStatus", zoneOnly, nil, ""},
		{"unknown action", "DescribeEverything", zoneOnly, nil, codeInvalidAction},
		{"empty action", "", zoneOnly, nil, codeInvalidAction},
		{"action outside the simulated set", "OpenIdentityCenter", zoneOnly, nil, codeInvalidAction},
		{"old version", "GetSCIMSynchronizationStatus", zoneOnly, func(r *http.Request) { r.Header.Set("X-TC-Version", "2018-12-25") }, codeNoSuchVersion},
		{"no version", "GetSCIMSynchronizationStatus", zoneOnly, func(r *http.Request) { r.Header.Del("X-TC-Version") }, codeNoSuchVersion},
		{"lower-case header names", "GetSCIMSynchronizationStatus", zoneOnly, func(r *http.Request) {
			h := http.Header{}
			for k, v := range r.Header {
				h[strings.ToLower(k)] = v // as an HTTP/2 client would send them
			}
			r.Header = http.Header{}
			for k, v := range h {
				r.Header[http.CanonicalHeaderKey(k)] = v
			}
		}, ""},
		{"body is an array", "GetSCIMSynchronizationStatus", []byte(`[]`), nil, codeInvalidParameter},
		{"body is empty", "GetSCIMSynchronizationStatus", []byte(``), nil, codeInvalidParameter},
		{"body is null", "GetSCIMSynchronizationStatus", []byte(`null`), nil, codeInvalidParameter},
		{"body is not JSON", "GetSCIMSynchronizationStatus", []byte(`ZoneId=z`), nil, codeInvalidParameter},
		{"trailing garbage", "GetSCIMSynchronizationStatus", []byte(`{"ZoneId":"z-simulator001"} x`), nil, codeInvalidParameter},
		{"unknown parameter", "GetSCIMSynchronizationStatus", with("Region", "ap-guangzhou"), nil, codeUnknownParameter},
		{"parameter name case", "GetSCIMSynchronizationStatus", map[string]any{"zoneId": DefaultZoneID}, nil, codeUnknownParameter},
		{"no parameters at all for DescribeIdentityCenter", "DescribeIdentityCenter", zoneOnly, nil, codeUnknownParameter},
		{"missing required", "GetSCIMSynchronizationStatus", map[string]any{}, nil, codeMissingParameter},
		{"empty required string", "GetSCIMSynchronizationStatus", map[string]any{"ZoneId": ""}, nil, codeMissingParameter},
		{"number for string", "GetSCIMSynchronizationStatus", map[string]any{"ZoneId": 5}, nil, codeInvalidParameter},
		{"null value", "GetSCIMSynchronizationStatus", []byte(`{"ZoneId":null}`), nil, codeInvalidParameter},
		{"string for integer", "ListUsers", with("MaxResults", "10"), nil, codeInvalidParameter},
		{"fraction for integer", "ListUsers", with("MaxResults", 10.5), nil, codeInvalidParameter},
		{"string for array", "ListUsers", with("FilterGroups", "g-1"), nil, codeInvalidParameter},
		{"null in array", "ListUsers", []byte(`{"ZoneId":"z-simulator001","FilterGroups":[null]}`), nil, codeInvalidParameter},
		{"string for boolean", "CreateUser", with("UserName", "a", "NeedResetPassword", "true"), nil, codeInvalidParameter},
		{"unknown zone", "GetSCIMSynchronizationStatus", map[string]any{"ZoneId": "z-000000000000"}, nil, codeZoneIDNotExist},
		{"form content type", "GetSCIMSynchronizationStatus", zoneOnly, func(r *http.Request) {
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			body, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(body))
			SignRequest(r, body, DefaultSecretID, DefaultSecretKey, "organization", newTestClock().Now().Unix())
		}, codeInvalidParameter},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var edits []func(*http.Request)
			if tc.edit != nil {
				edits = append(edits, tc.edit)
			}
			c.call(tc.action, tc.body, edits...).wantCode(t, tc.want)
		})
	}
}

func TestNonPostAndOtherPaths(t *testing.T) {
	t.Parallel()
	s, c := startSim(t, Options{})
	for _, method := range []string{http.MethodGet, http.MethodPut, http.MethodDelete} {
		req, _ := http.NewRequest(method, c.baseURL+"/", nil)
		req.Header.Set("X-TC-Action", "DescribeIdentityCenter")
		resp, err := c.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), codeUnsupportedProtocol) || !strings.Contains(string(body), `"RequestId"`) {
			t.Errorf("%s /: %d %s", method, resp.StatusCode, body)
		}
	}
	// /scim/v2 is the SCIM server (scim_server_test.go); its neighbours are not.
	for _, path := range []string{"/scim", "/scim/v1/Users", "/other"} {
		resp, err := c.http.Get(c.baseURL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", path, resp.StatusCode)
		}
	}
	if got := s.Stats().Calls["DescribeIdentityCenter"]; got != 0 {
		t.Errorf("non-POST requests counted as %d calls", got)
	}
}

func TestRequestIDsAreUUIDs(t *testing.T) {
	t.Parallel()
	_, c := startSim(t, Options{})
	uuid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	seen := map[string]bool{}
	for _, res := range []result{
		c.call("DescribeIdentityCenter", map[string]any{}),
		c.call("DescribeIdentityCenter", map[string]any{}),
		c.call("NoSuchAction", map[string]any{}),
	} {
		var id string
		if err := json.Unmarshal(res.Response["RequestId"], &id); err != nil || !uuid.MatchString(id) || seen[id] {
			t.Errorf("RequestId %q (err %v) is not a fresh UUID", id, err)
		}
		seen[id] = true
	}
}

// apiShapes is testdata/api-shapes.json: the response members of Tencent's api.json.
type apiShapes struct {
	Actions map[string][]shapeMember
	Objects map[string][]shapeMember
}

type shapeMember struct {
	Name           string
	Type           string // string, int, bool, list, object
	Member         string // element type of a list, object type of an object
	OutputRequired bool   `json:"output_required"`
}

// conditionalMembers are members api.json marks output-required although its own description
// of them says when they are left out: NextToken "只有IsTruncated为true时，才显示该参数" (shown only
// when IsTruncated is true), as the SDK's models repeat.
// The same holds for TaskStatus.FailureReason, which the SDK says is "only shown when Status is
// Failed" (identity-center-authorization-api.md §6.2, §15).
var conditionalMembers = map[string]bool{"NextToken": true, "FailureReason": true}

// checkShape compares a decoded JSON object with the members api.json defines: every field must
// be a member with the member's JSON type, every output-required member must be there (but for
// conditionalMembers), lists must be lists (never null).
func checkShape(t *testing.T, path string, obj map[string]any, members []shapeMember, shapes *apiShapes) {
	t.Helper()
	byName := map[string]shapeMember{}
	for _, m := range members {
		byName[m.Name] = m
		if _, ok := obj[m.Name]; m.OutputRequired && !conditionalMembers[m.Name] && !ok {
			t.Errorf("%s.%s: required field missing", path, m.Name)
		}
	}
	for name, value := range obj {
		m, ok := byName[name]
		if !ok {
			t.Errorf("%s.%s: not a member of the API's response", path, name)
			continue
		}
		checkValue(t, path+"."+name, value, m.Type, m.Member, shapes)
	}
}

func checkValue(t *testing.T, path string, value any, typ, member string, shapes *apiShapes) {
	t.Helper()
	switch typ {
	case "string":
		if _, ok := value.(string); !ok {
			t.Errorf("%s: want string, got %T", path, value)
		}
	case "int":
		n, ok := value.(json.Number)
		if _, err := n.Int64(); !ok || err != nil {
			t.Errorf("%s: want integer, got %T %v", path, value, value)
		}
	case "bool":
		if _, ok := value.(bool); !ok {
			t.Errorf("%s: want bool, got %T", path, value)
		}
	case "list":
		list, ok := value.([]any)
		if !ok {
			t.Errorf("%s: want list, got %T", path, value)
			return
		}
		for i, elem := range list {
			if member == "string" {
				checkValue(t, fmt.Sprintf("%s[%d]", path, i), elem, "string", "", shapes)
			} else {
				checkValue(t, path+"[]", elem, "object", member, shapes)
			}
		}
	case "object":
		obj, ok := value.(map[string]any)
		if !ok {
			t.Errorf("%s: want object %s, got %T", path, member, value)
			return
		}
		members, ok := shapes.Objects[member]
		if !ok {
			t.Fatalf("%s: unknown object type %s", path, member)
		}
		checkShape(t, path, obj, members, shapes)
	default:
		t.Fatalf("%s: unknown type %s", path, typ)
	}
}

// TestResponseShapes calls each of the documented actions and compares its answer's field names
// and JSON types with Tencent's api.json.
func TestResponseShapes(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("testdata/api-shapes.json")
	if err != nil {
		t.Fatal(err)
	}
	var shapes apiShapes
	if err := json.Unmarshal(raw, &shapes); err != nil {
		t.Fatal(err)
	}
	s, c := startSim(t, Options{})
	u, err := s.AddUser(User{UserName: "alice", Email: "alice@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	g, err := s.AddGroup(Group{GroupName: "admins"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddGroupMember(g.GroupId, u.UserId); err != nil {
		t.Fatal(err)
	}
	cert1, cert2 := testCert(t, "idp-one", true), testCert(t, "idp-two", false)
	metadata := base64.StdEncoding.EncodeToString([]byte(idpMetadataXML("http://www.okta.com/abc", "https://idp.example.com/sso", cert1)))

	var credentialID, addedCertID, rcID, taskID string
	member := s.store.org.Members[0].Uin
	target := func(kv ...any) func() any {
		return func() any {
			return with(append([]any{"RoleConfigurationId", rcID, "TargetType", "MemberUin", "TargetUin", member}, kv...)...)
		}
	}
	rcOnly := func(kv ...any) func() any {
		return func() any { return with(append([]any{"RoleConfigurationId", rcID}, kv...)...) }
	}
	steps := []struct {
		action string
		params func() any
		after  func(res result)
	}{
		{"DescribeIdentityCenter", func() any { return map[string]any{} }, nil},
		{"GetZoneStatistics", func() any { return zoneOnly }, nil},
		{"GetZoneSAMLServiceProviderInfo", func() any { return zoneOnly }, nil},
		{"UpdateSCIMSynchronizationStatus", func() any { return with("SCIMSynchronizationStatus", "Enabled") }, nil},
		{"GetSCIMSynchronizationStatus", func() any { return zoneOnly }, nil},
		{"CreateSCIMCredential", func() any { return zoneOnly }, func(res result) {
			var out struct{ CredentialId string }
			res.into(t, &out)
			credentialID = out.CredentialId
		}},
		{"ListSCIMCredentials", func() any { return zoneOnly }, nil},
		{"UpdateSCIMCredentialStatus", func() any { return with("CredentialId", credentialID, "NewStatus", "Disabled") }, nil},
		{"SetExternalSAMLIdentityProvider", func() any { return with("EncodedMetadataDocument", metadata, "SSOStatus", "Enabled") }, nil},
		{"GetExternalSAMLIdentityProvider", func() any { return zoneOnly }, nil},
		{"AddExternalSAMLIdPCertificate", func() any { return with("X509Certificate", pemOf(cert2)) }, func(res result) {
			var out struct{ CertificateId string }
			res.into(t, &out)
			addedCertID = out.CertificateId
		}},
		{"ListExternalSAMLIdPCertificates", func() any { return zoneOnly }, nil},
		{"RemoveExternalSAMLIdPCertificate", func() any { return with("CertificateId", addedCertID) }, nil},
		{"ListUsers", func() any { return with("FilterGroups", []string{g.GroupId}) }, nil},
		{"GetUser", func() any { return with("UserId", u.UserId) }, nil},
		{"ListGroups", func() any { return with("FilterUsers", []string{u.UserId}, "MaxResults", 1) }, nil},
		{"GetGroup", func() any { return with("GroupId", g.GroupId) }, nil},
		{"ListGroupMembers", func() any { return with("GroupId", g.GroupId) }, nil},
		{"DeleteSCIMCredential", func() any { return with("CredentialId", credentialID) }, nil},
		{"SetExternalSAMLIdentityProvider", func() any { return with("SSOStatus", "Disabled") }, nil},
		{"ClearExternalSAMLIdentityProvider", func() any { return zoneOnly }, nil},

		{"DescribeOrganization", func() any { return map[string]any{} }, nil},
		{"DescribeOrganizationMembers", func() any { return map[string]any{"Offset": 0, "Limit": 10} }, nil},
		{"CreateRoleConfiguration", func() any { return with("RoleConfigurationName", "shape", "SessionDuration", 900) }, func(res result) {
			var out struct {
				RoleConfigurationInfo struct{ RoleConfigurationId string }
			}
			res.into(t, &out)
			rcID = out.RoleConfigurationInfo.RoleConfigurationId
		}},
		{"GetRoleConfiguration", rcOnly(), nil},
		{"UpdateRoleConfiguration", rcOnly("NewDescription", "described"), nil},
		{"AddPermissionPolicyToRoleConfiguration", rcOnly("RolePolicyType", "System", "RolePolicies", []any{map[string]any{"PolicyId": 186457}}), nil},
		{"AddPermissionPolicyToRoleConfiguration", rcOnly("RolePolicyType", "Custom", "RolePolicyNames", []string{"custom"}, "CustomPolicyDocument", `{"version":"2.0","statement":[]}`), nil},
		{"ListPermissionPoliciesInRoleConfiguration", rcOnly(), nil},
		{"UpdateCustomPolicyForRoleConfiguration", rcOnly("CustomPolicyName", "custom", "NewCustomPolicyDocument", `{"version":"2.0"}`), nil},
		{"ProvisionRoleConfiguration", target(), func(res result) {
			var out struct{ Task struct{ TaskId string } }
			res.into(t, &out)
			taskID = out.Task.TaskId
		}},
		{"GetTaskStatus", func() any { return with("TaskId", taskID) }, nil},
		{"ListTasks", func() any { return zoneOnly }, nil},
		{"ListRoleConfigurations", func() any { return with("FilterTargets", []int64{member}) }, nil},
		{"ListRoleConfigurationProvisionings", func() any { return zoneOnly }, nil},
		{"CreateRoleAssignment", func() any {
			return with("RoleAssignmentInfo", []any{map[string]any{"RoleConfigurationId": rcID, "TargetType": "MemberUin", "TargetUin": member,
				"PrincipalType": "User", "PrincipalId": u.UserId}})
		}, nil},
		{"ListRoleAssignments", func() any { return with("RoleConfigurationId", rcID) }, nil},
		{"DeleteRoleAssignment", target("PrincipalType", "User", "PrincipalId", u.UserId), nil},
		{"DismantleRoleConfiguration", target(), nil},
		{"RemovePermissionPolicyFromRoleConfiguration", rcOnly("RolePolicyType", "System", "RolePolicyId", 186457), nil},
		{"RemovePermissionPolicyFromRoleConfiguration", rcOnly("RolePolicyType", "Custom", "RolePolicyName", "custom"), nil},
		{"DeleteRoleConfiguration", rcOnly(), nil},
	}
	checked := map[string]bool{}
	for _, step := range steps {
		res := c.call(step.action, step.params())
		res.wantCode(t, "")
		dec := json.NewDecoder(bytes.NewReader(res.Body))
		dec.UseNumber()
		var env struct{ Response map[string]any }
		if err := dec.Decode(&env); err != nil {
			t.Fatal(err)
		}
		members, ok := shapes.Actions[step.action]
		if !ok {
			t.Fatalf("%s is not in api-shapes.json", step.action)
		}
		checkShape(t, step.action, env.Response, members, &shapes)
		if step.after != nil {
			step.after(res)
		}
		checked[step.action] = true
	}
	for action := range shapes.Actions {
		if !checked[action] {
			t.Errorf("%s was not checked", action)
		}
	}
}
