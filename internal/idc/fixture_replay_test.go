package idc

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idcsim"
)

// rawCall sends params as they are and returns the "Response" object as the SDK handed it over,
// through the same policy as every typed call.
func (c *Client) rawCall(ctx context.Context, action string, params json.RawMessage, mode callMode) (json.RawMessage, error) {
	var out json.RawMessage
	err := c.call(ctx, action, params, &out, mode)
	return out, err
}

const examplesDir = "testdata/tencent-api-examples"

type apiExample struct {
	Action   string
	Request  map[string]any
	Response struct {
		Response map[string]any
	}
}

type subsetMember struct {
	Name   string
	Type   string // string | int | bool | object | list
	Member string // element or object type
}

type apiSubset struct {
	Actions map[string]struct {
		Response struct{ Members []subsetMember }
	}
	Objects map[string]struct{ Members []subsetMember }
}

func membersByName(ms []subsetMember) map[string]subsetMember {
	out := make(map[string]subsetMember, len(ms))
	for _, m := range ms {
		out[m.Name] = m
	}
	return out
}

// shapeChecker compares an actual answer with Tencent's example: same field names and JSON
// types, recursively. Fields the example lacks must be declared in api-subset.json with a
// matching type.
type shapeChecker struct {
	errorf func(format string, args ...any)
	subset apiSubset
}

func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "boolean"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	}
	return fmt.Sprintf("%T", v)
}

func declaredKind(typ string) string {
	switch typ {
	case "string":
		return "string"
	case "int", "int64", "uint64", "float":
		return "number"
	case "bool":
		return "boolean"
	case "object":
		return "object"
	case "list":
		return "array"
	}
	return "?" + typ
}

func (s shapeChecker) objectMembers(name string) map[string]subsetMember {
	o, ok := s.subset.Objects[name]
	if !ok {
		s.errorf("api-subset.json has no object %s", name)
	}
	return membersByName(o.Members)
}

// element describes a list's element as a member of its own.
func (s shapeChecker) element(m subsetMember) subsetMember {
	if _, ok := s.subset.Objects[m.Member]; ok {
		return subsetMember{Name: m.Name + "[]", Type: "object", Member: m.Member}
	}
	return subsetMember{Name: m.Name + "[]", Type: m.Member}
}

func (s shapeChecker) compareObject(path string, example, actual map[string]any, members map[string]subsetMember) {
	for k, ev := range example {
		av, ok := actual[k]
		if !ok {
			s.errorf("%s.%s: in Tencent's example, missing from the answer", path, k)
			continue
		}
		s.compareValue(path+"."+k, ev, av, members[k])
	}
	for k, av := range actual {
		if _, ok := example[k]; ok {
			continue
		}
		m, ok := members[k]
		if !ok {
			s.errorf("%s.%s: not in Tencent's example and not declared in api-subset.json", path, k)
			continue
		}
		s.checkDeclared(path+"."+k, av, m)
	}
}

func (s shapeChecker) compareValue(path string, example, actual any, m subsetMember) {
	if ek, ak := jsonKind(example), jsonKind(actual); ek != ak {
		s.errorf("%s: the answer has a JSON %s, Tencent's example a %s", path, ak, ek)
		return
	}
	switch ev := example.(type) {
	case map[string]any:
		av, _ := actual.(map[string]any) // same kind, checked above
		s.compareObject(path, ev, av, s.objectMembers(m.Member))
	case []any:
		el := s.element(m)
		list, _ := actual.([]any) // same kind, checked above
		for i, av := range list {
			if len(ev) > 0 {
				s.compareValue(fmt.Sprintf("%s[%d]", path, i), ev[0], av, el)
			} else {
				s.checkDeclared(fmt.Sprintf("%s[%d]", path, i), av, el)
			}
		}
	}
}

func (s shapeChecker) checkDeclared(path string, actual any, m subsetMember) {
	if want, got := declaredKind(m.Type), jsonKind(actual); want != got {
		s.errorf("%s: the answer has a JSON %s, api-subset.json declares %s", path, got, m.Type)
		return
	}
	switch av := actual.(type) {
	case map[string]any:
		members := s.objectMembers(m.Member)
		for k, v := range av {
			fm, ok := members[k]
			if !ok {
				s.errorf("%s.%s: not declared in api-subset.json", path, k)
				continue
			}
			s.checkDeclared(path+"."+k, v, fm)
		}
	case []any:
		el := s.element(m)
		for i, v := range av {
			s.checkDeclared(fmt.Sprintf("%s[%d]", path, i), v, el)
		}
	}
}

// TestFixtureReplay sends each of Tencent's documented example requests to the simulator through
// the SDK (with the masked IDs replaced by real ones, and the state prepared so the call
// succeeds) and checks the answer has the shape of Tencent's example answer.
func TestFixtureReplay(t *testing.T) {
	t.Parallel()
	var subset apiSubset
	readJSON(t, filepath.Join(examplesDir, "api-subset.json"), &subset)
	files, err := filepath.Glob(filepath.Join(examplesDir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	// The access actions' examples (api-subset-access.json) are not in the simulator yet; they
	// are replayed against a fake by TestAccessFixtureReplay.
	files = slices.DeleteFunc(files, func(f string) bool {
		_, ok := subset.Actions[strings.TrimSuffix(filepath.Base(f), ".json")]
		return !ok
	})
	if len(files) != 20 {
		t.Fatalf("%d examples, want the 20 of the API subset", len(files))
	}
	for _, file := range files {
		var ex apiExample
		readJSON(t, file, &ex)
		t.Run(ex.Action, func(t *testing.T) {
			s, c := startSimulator(t, idcsim.Options{})
			req := prepareExample(t, s, c, ex)
			params, err := json.Marshal(req)
			if err != nil {
				t.Fatal(err)
			}
			mode := idempotent
			if ex.Action == "CreateSCIMCredential" || ex.Action == "AddExternalSAMLIdPCertificate" {
				mode = notIdempotent
			}
			raw, err := c.rawCall(t.Context(), ex.Action, params, mode)
			if err != nil {
				t.Fatalf("%s %s: %v", ex.Action, params, err)
			}
			var actual map[string]any
			if err := json.Unmarshal(raw, &actual); err != nil {
				t.Fatal(err)
			}
			members := membersByName(subset.Actions[ex.Action].Response.Members)
			if len(members) == 0 {
				t.Fatalf("api-subset.json has no response members for %s", ex.Action)
			}
			shapeChecker{errorf: t.Errorf, subset: subset}.compareObject("Response", ex.Response.Response, actual, members)
		})
	}
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// prepareExample creates what the example's action needs in the simulator and returns the
// example request with Tencent's masked IDs replaced by the real ones.
func prepareExample(t *testing.T, s *idcsim.Server, c *Client, ex apiExample) map[string]any {
	t.Helper()
	ctx := t.Context()
	zone := s.Ready().ZoneID
	req := map[string]any{}
	for k, v := range ex.Request {
		req[k] = v
	}
	if _, ok := req["ZoneId"]; ok {
		req["ZoneId"] = zone
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	configureIdP := func() []string {
		_, der := testCertificate(t, "fixture-idp")
		doc := idpMetadataDocument("http://www.okta.com/fixture", "https://dev-000000.okta.com/app/fixture/sso/saml", der)
		ids, err := c.SetExternalSAMLIdentityProvider(ctx, SetSAMLIdentityProviderInput{ZoneID: zone, EncodedMetadataDocument: &doc})
		must(err)
		return ids
	}
	manualUser := func() idcsim.User {
		u, err := s.AddUser(idcsim.User{UserName: "user1", FirstName: "john", LastName: "smith", DisplayName: "john",
			Description: "this is user", Email: "test@example.com", UserType: "Manual"})
		must(err)
		return u
	}
	manualGroup := func() idcsim.Group {
		g, err := s.AddGroup(idcsim.Group{GroupName: "testGroup", Description: "this is group", GroupType: "Manual"})
		must(err)
		return g
	}

	moreUser := func(i int) idcsim.User {
		u, err := s.AddUser(idcsim.User{UserName: fmt.Sprintf("user1-%02d", i), Email: fmt.Sprintf("user1-%02d@example.com", i), UserType: "Manual"})
		must(err)
		return u
	}
	// Tencent's example lists are truncated pages (IsTruncated true, with a NextToken, which the
	// service returns only then): more objects than any page of the examples holds make ours
	// truncated too, so that NextToken is compared.
	morePages := func(add func(i int)) {
		for i := range 20 {
			add(i)
		}
	}

	switch ex.Action {
	case "ListSCIMCredentials":
		// The example's list is empty; a real item is checked against api-subset.json.
		_, err := c.CreateSCIMCredential(ctx, zone, 0)
		must(err)
	case "UpdateSCIMCredentialStatus", "DeleteSCIMCredential":
		cred, err := c.CreateSCIMCredential(ctx, zone, 0)
		must(err)
		req["CredentialId"] = cred.CredentialID
	case "SetExternalSAMLIdentityProvider":
		_, der := testCertificate(t, "fixture-idp")
		entityID, _ := req["EntityId"].(string)
		loginURL, _ := req["LoginUrl"].(string)
		req["EncodedMetadataDocument"] = idpMetadataDocument(entityID, loginURL, der)
		_, der2 := testCertificate(t, "fixture-idp-explicit")
		req["X509Certificate"] = der2
	case "GetExternalSAMLIdentityProvider", "ListExternalSAMLIdPCertificates", "ClearExternalSAMLIdentityProvider":
		configureIdP()
	case "AddExternalSAMLIdPCertificate":
		configureIdP()
		_, der := testCertificate(t, "fixture-idp-added")
		req["X509Certificate"] = der
	case "RemoveExternalSAMLIdPCertificate":
		configureIdP()
		pem, _ := testCertificate(t, "fixture-idp-second")
		id, err := c.AddExternalSAMLIdPCertificate(ctx, zone, pem)
		must(err)
		req["CertificateId"] = id
	case "GetUser":
		req["UserId"] = manualUser().UserId
	case "ListUsers":
		manualUser()
		morePages(func(i int) { moreUser(i) })
	case "GetGroup":
		req["GroupId"] = manualGroup().GroupId
	case "ListGroups":
		manualGroup()
		morePages(func(i int) {
			_, err := s.AddGroup(idcsim.Group{GroupName: fmt.Sprintf("testGroup%02d", i), GroupType: "Manual"})
			must(err)
		})
	case "ListGroupMembers":
		g, u := manualGroup(), manualUser()
		must(s.AddGroupMember(g.GroupId, u.UserId))
		morePages(func(i int) { must(s.AddGroupMember(g.GroupId, moreUser(i).UserId)) })
		req["GroupId"] = g.GroupId
	}
	return req
}

func TestShapeChecker(t *testing.T) {
	t.Parallel()
	subset := apiSubset{
		Actions: map[string]struct {
			Response struct{ Members []subsetMember }
		}{},
		Objects: map[string]struct{ Members []subsetMember }{
			"Item": {Members: []subsetMember{{Name: "Id", Type: "string"}, {Name: "Count", Type: "int"}, {Name: "Extra", Type: "bool"}}},
		},
	}
	members := membersByName([]subsetMember{
		{Name: "Items", Type: "list", Member: "Item"},
		{Name: "Ids", Type: "list", Member: "string"},
		{Name: "Name", Type: "string"},
		{Name: "Optional", Type: "int"},
		{Name: "RequestId", Type: "string"},
	})
	example := `{"Items":[{"Id":"a","Count":1}],"Ids":["x"],"Name":"n","RequestId":"r"}`
	tests := []struct {
		name   string
		actual string
		errors int
	}{
		{"same shape", `{"Items":[{"Id":"b","Count":2},{"Id":"c","Count":3}],"Ids":[],"Name":"m","RequestId":"q"}`, 0},
		{"declared extras", `{"Items":[{"Id":"b","Count":2,"Extra":true}],"Ids":["y"],"Name":"m","Optional":5,"RequestId":"q"}`, 0},
		{"missing field", `{"Items":[],"Ids":[],"RequestId":"q"}`, 1},
		{"number as string", `{"Items":[{"Id":"b","Count":"2"}],"Ids":[],"Name":"m","RequestId":"q"}`, 1},
		{"undeclared extra", `{"Items":[],"Ids":[],"Name":"m","Surprise":1,"RequestId":"q"}`, 1},
		{"undeclared nested extra", `{"Items":[{"Id":"b","Count":2,"Secret":"s"}],"Ids":[],"Name":"m","RequestId":"q"}`, 1},
		{"declared extra of the wrong type", `{"Items":[],"Ids":[],"Name":"m","Optional":"5","RequestId":"q"}`, 1},
		{"list element of the wrong type", `{"Items":[],"Ids":[1],"Name":"m","RequestId":"q"}`, 1},
		{"object instead of list", `{"Items":{},"Ids":[],"Name":"m","RequestId":"q"}`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ex, act map[string]any
			if err := json.Unmarshal([]byte(example), &ex); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal([]byte(tt.actual), &act); err != nil {
				t.Fatal(err)
			}
			var got []string
			shapeChecker{errorf: func(f string, a ...any) { got = append(got, fmt.Sprintf(f, a...)) }, subset: subset}.
				compareObject("Response", ex, act, members)
			if len(got) != tt.errors {
				t.Errorf("%d findings, want %d: %q", len(got), tt.errors, got)
			}
		})
	}
}
