package idcsim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// scimFuzzOps are the SCIM requests FuzzSCIMRequest sends: target is the
// filter or attribute list in the query, body the request body. {user} and
// {group} are seeded objects.
var scimFuzzOps = []struct {
	method, path, param string
}{
	{http.MethodGet, "/Users", "filter"},
	{http.MethodGet, "/Groups", "filter"},
	{http.MethodPatch, "/Users/{user}", ""},
	{http.MethodPatch, "/Groups/{group}", ""},
	{http.MethodPost, "/Users", ""},
	{http.MethodPost, "/Groups", ""},
	{http.MethodPut, "/Users/{user}", ""},
	{http.MethodPost, "/Users/.search", ""},
	{http.MethodGet, "/Users/{user}", "attributes"},
	{http.MethodGet, "/Groups", "excludedAttributes"},
}

// scimErrorURN is the schema of every SCIM error answer (RFC 7644 §3.12).
const scimErrorURN = "urn:ietf:params:scim:api:messages:2.0:Error"

// FuzzSCIMRequest sends fuzzed filters, attribute lists and PATCH, POST,
// PUT and search bodies to the SCIM server of a fresh simulator (two seeded
// users and groups, SCIM on, one credential) and checks what an IdP relies
// on: never a 500; every answer a JSON object of the SCIM media type;
// every error the RFC 7644 error shape with the HTTP status as a string and
// a detail without Go error text; a read answered twice the same way; and a
// successful write stored as answered (a GET returns what the write did).
func FuzzSCIMRequest(f *testing.F) {
	opIndex := func(method, path string) (uint8, bool) {
		for i, op := range scimFuzzOps {
			if op.method == method && op.path == path {
				return uint8(i), true
			}
		}
		return 0, false
	}
	files, err := filepath.Glob(filepath.Join("testdata", "scim-requests", "*.json"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seeds in testdata/scim-requests: %v", err)
	}
	type fixtureRequest struct {
		Method string
		Path   string
		Body   json.RawMessage
		Filter string
	}
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		var fx struct {
			Request  *fixtureRequest
			Requests []fixtureRequest
			Response *struct{ Body json.RawMessage }
		}
		if err := json.Unmarshal(raw, &fx); err != nil {
			f.Fatalf("%s: %v", file, err)
		}
		reqs := fx.Requests
		if fx.Request != nil {
			reqs = append(reqs, *fx.Request)
		} else if fx.Response != nil && len(fx.Response.Body) > 0 {
			// RFC 7643's resource representations: sent as new resources.
			kind := "/Users"
			if bytes.Contains(fx.Response.Body, []byte(scimGroupURN)) {
				kind = "/Groups"
			}
			i, _ := opIndex(http.MethodPost, kind)
			f.Add(i, "", []byte(fx.Response.Body))
		}
		for _, r := range reqs {
			path, query, _ := strings.Cut(strings.TrimPrefix(r.Path, "/scim/v2"), "?")
			path = strings.TrimPrefix(path, "https://.../scim")
			values, _ := url.ParseQuery(query)
			kind := "/Users"
			if strings.HasPrefix(path, "/Groups") {
				kind = "/Groups"
			}
			if path != kind && !strings.HasSuffix(path, "/.search") {
				path = kind + map[string]string{"/Users": "/{user}", "/Groups": "/{group}"}[kind]
			}
			if r.Filter != "" {
				values.Set("filter", r.Filter)
			}
			for _, param := range []string{"filter", "attributes", "excludedAttributes"} {
				if v := values.Get(param); v != "" {
					for i, op := range scimFuzzOps {
						if op.method == http.MethodGet && op.param == param {
							f.Add(uint8(i), v, []byte(nil))
						}
					}
				}
			}
			if i, ok := opIndex(r.Method, path); ok && len(r.Body) > 0 {
				f.Add(i, "", []byte(r.Body))
			}
		}
	}
	f.Add(uint8(0), `emails[type eq "work" and value co "@example.com"] or not (userName sw "sim")`, []byte(nil))
	f.Add(uint8(2), "", []byte(`{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"emails[type eq \"work\"].value","value":"x@example.com"}]}`))
	// Writes that name the seeded objects, which the fixtures' IDs never do.
	user2 := derivedID("u-", DefaultZoneID+"/sim-user-00002")
	f.Add(uint8(3), "", []byte(`{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"`+user2+`"}]}]}`))
	f.Add(uint8(6), "", []byte(`{"schemas":["`+scimUserURN+`"],"userName":"sim-user-00001","active":false,"emails":[{"value":"a@example.com","type":"work","primary":true}]}`))

	f.Fuzz(func(t *testing.T, which uint8, target string, body []byte) {
		s, token := newSCIMFuzzServer(t)
		op := scimFuzzOps[int(which)%len(scimFuzzOps)]
		path := strings.NewReplacer(
			"{user}", derivedID("u-", DefaultZoneID+"/sim-user-00001"),
			"{group}", derivedID("g-", DefaultZoneID+"/sim-group-00001"),
		).Replace(op.path)
		query := ""
		if op.param != "" {
			query = "?" + url.Values{op.param: {target}}.Encode()
		}
		if op.method == http.MethodGet {
			body = nil
		}
		status, doc := scimFuzzCall(t, s, token, op.method, path+query, body)
		echoed := append(echoedStrings(body), target)
		if status >= 400 {
			checkSCIMError(t, op.method+" "+path, status, doc, echoed)
			return
		}
		switch op.method {
		case http.MethodGet:
			again, doc2 := scimFuzzCall(t, s, token, op.method, path+query, nil)
			if again != status || !jsonEqual(doc, doc2) {
				t.Fatalf("GET %s%s answered differently the second time: %d %v, then %d %v", path, query, status, doc, again, doc2)
			}
		case http.MethodPost:
			if strings.HasSuffix(path, "/.search") {
				return
			}
			id, _ := doc["id"].(string)
			if status != http.StatusCreated || id == "" {
				t.Fatalf("POST %s answered %d without the new resource's id: %v", path, status, doc)
			}
			checkStoredAsAnswered(t, s, token, path+"/"+id, doc)
		case http.MethodPatch, http.MethodPut:
			if status == http.StatusNoContent {
				return
			}
			checkStoredAsAnswered(t, s, token, path, doc)
		}
	})
}

// newSCIMFuzzServer is a simulator on a clock that ticks a millisecond per
// reading (reproducible, yet objects made in turn differ in time) with
// two users and groups, SCIM on, and one credential, whose secret it
// returns.
func newSCIMFuzzServer(t *testing.T) (*Server, string) {
	t.Helper()
	now := fuzzNow
	s, err := New(Options{Now: func() time.Time { now = now.Add(time.Millisecond); return now }, SeedUsers: 2, SeedGroups: 2})
	if err != nil {
		t.Fatal(err)
	}
	zone := fmt.Sprintf(`{"ZoneId":%q`, DefaultZoneID)
	if _, aerr := s.actions["UpdateSCIMSynchronizationStatus"].run(s, []byte(zone+`,"SCIMSynchronizationStatus":"Enabled"}`), false); aerr != nil {
		t.Fatal(aerr)
	}
	res, aerr := s.actions["CreateSCIMCredential"].run(s, []byte(zone+"}"), false)
	if aerr != nil {
		t.Fatal(aerr)
	}
	cred, ok := res.(createSCIMCredentialResponse)
	if !ok {
		t.Fatalf("CreateSCIMCredential answered %T", res)
	}
	return s, cred.CredentialSecret
}

// scimFuzzCall sends one SCIM request and checks the answer's envelope: not
// a 500, the SCIM media type, a JSON object (or no body for 204).
func scimFuzzCall(t *testing.T, s *Server, token, method, path string, body []byte) (int, map[string]any) {
	t.Helper()
	var rd *bytes.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	} else {
		rd = bytes.NewReader(nil)
	}
	r := httptest.NewRequest(method, scimPrefix+path, rd)
	r.Header.Set("Authorization", "Bearer "+token)
	if body != nil {
		r.Header.Set("Content-Type", "application/scim+json")
	}
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, r)
	if w.Code >= 500 && w.Code != http.StatusNotImplemented {
		t.Fatalf("%s %s answered %d: %s", method, path, w.Code, w.Body.Bytes())
	}
	if w.Code == http.StatusNoContent {
		return w.Code, nil
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/scim+json" {
		t.Fatalf("%s %s answered %d with Content-Type %q", method, path, w.Code, ct)
	}
	var doc map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil || doc == nil {
		t.Fatalf("%s %s answered %d with a body that is not a JSON object: %s", method, path, w.Code, w.Body.Bytes())
	}
	return w.Code, doc
}

// checkSCIMError asserts RFC 7644 §3.12 and a detail an IdP's operator can
// read.
func checkSCIMError(t *testing.T, what string, status int, doc map[string]any, echoed []string) {
	t.Helper()
	if !jsonEqual(doc["schemas"], []any{scimErrorURN}) || doc["status"] != strconv.Itoa(status) {
		t.Fatalf("%s answered %d with %v, not a SCIM error of that status", what, status, doc)
	}
	detail, _ := doc["detail"].(string)
	rest := detail
	for _, s := range echoed {
		if s != "" {
			rest = strings.ReplaceAll(rest, strconv.Quote(s), "")
			rest = strings.ReplaceAll(rest, s, "")
		}
	}
	if m := goErrorText.FindString(rest); m != "" {
		t.Fatalf("%s answered %d with Go error text (%q): %s", what, status, m, detail)
	}
}

// checkStoredAsAnswered: what a write answered is what a read returns.
func checkStoredAsAnswered(t *testing.T, s *Server, token, path string, answered map[string]any) {
	t.Helper()
	status, stored := scimFuzzCall(t, s, token, http.MethodGet, path, nil)
	if status != http.StatusOK || !jsonEqual(stored, answered) {
		got, _ := json.Marshal(stored)
		want, _ := json.Marshal(answered)
		t.Fatalf("GET %s after the write answered %d:\n%s\nthe write answered:\n%s", path, status, got, want)
	}
}
