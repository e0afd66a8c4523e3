package idcsim

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// scimFixture is one documented SCIM exchange from testdata/scim-requests (see its README.txt).
type scimFixture struct {
	ID      string `json:"id"`
	Request *struct {
		Method      string            `json:"method"`
		Path        string            `json:"path"`
		Headers     map[string]string `json:"headers"`
		Body        json.RawMessage   `json:"body"`
		EncodedPath string            `json:"path_percent_encoded_derived"`
	} `json:"request"`
	Response *struct {
		Status  *int            `json:"status"`
		Body    json.RawMessage `json:"body"`
		BodyRaw string          `json:"body_raw"`
	} `json:"response"`
	ExpectedStatus json.RawMessage `json:"expected_status"`
	Requests       []struct {
		Filter string `json:"filter"`
	} `json:"requests"`
	CaseInsensitivityPair []string `json:"case_insensitivity_pair"`
	FollowupGetResponse   *struct {
		Status int             `json:"status"`
		Body   json.RawMessage `json:"body"`
	} `json:"followup_get_response"`
}

// statuses reads expected_status: a number, a list of numbers, or null.
func (fx *scimFixture) statuses(t *testing.T) []int {
	t.Helper()
	var one int
	if err := json.Unmarshal(fx.ExpectedStatus, &one); err == nil && one != 0 {
		return []int{one}
	}
	var many []int
	if err := json.Unmarshal(fx.ExpectedStatus, &many); err != nil {
		t.Fatalf("expected_status %s: %v", fx.ExpectedStatus, err)
	}
	return many
}

// fixtureRun is one fixture's replay against its own simulator. subs maps the ids printed in the
// documents ("2819c223-…", "{id}", truncated RFC ids) to the ids of the objects setup created.
type fixtureRun struct {
	t     *testing.T
	fx    *scimFixture
	s     *Server
	api   *apiClient
	c     *scimClient
	clock *testClock
	subs  map[string]string
}

// fixtureCase says how to replay one fixture beyond the generic steps (substitute ids, send the
// documented request, check the documented status and the meaningful parts of the documented
// body).
type fixtureCase struct {
	// setup creates the users and groups the request refers to.
	setup func(r *fixtureRun)
	// request replaces the documented request, for fixtures that document a representation or
	// an error body without a request (RFC 7643 §8, RFC 7644 §3.12), or several requests.
	request func(r *fixtureRun) scimResult
	// after checks the effect of the request, typically by reading the resource back.
	after func(r *fixtureRun, res scimResult)
	// ignore lists fields of the documented answer that are not compared, each for a reason
	// given where the case is defined.
	ignore []string
}

func TestSCIMFixtureReplay(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join("testdata", "scim-requests", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	seen := map[string]bool{}
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var fx scimFixture
		if err := json.Unmarshal(raw, &fx); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		seen[fx.ID] = true
		t.Run(fx.ID, func(t *testing.T) {
			t.Parallel() // each replay has a simulator of its own
			tc, ok := fixtureCases[fx.ID]
			if !ok {
				t.Fatalf("no replay case for fixture %s: add one to fixtureCases", fx.ID)
			}
			replayFixture(t, &fx, tc)
		})
	}
	for id := range fixtureCases {
		if !seen[id] {
			t.Errorf("fixtureCases has %s, which is not a fixture file", id)
		}
	}
}

func replayFixture(t *testing.T, fx *scimFixture, tc fixtureCase) {
	clock := newTestClock()
	s, api, c, _ := startSCIM(t, Options{Now: clock.Now, Logf: func(string, ...any) {}})
	r := &fixtureRun{t: t, fx: fx, s: s, api: api, c: c, clock: clock, subs: map[string]string{}}
	if tc.setup != nil {
		tc.setup(r)
	}
	var res scimResult
	if tc.request != nil {
		res = tc.request(r)
	} else {
		res = r.send()
	}
	if want := fx.statuses(t); len(want) > 0 && !slices.Contains(want, res.Status) {
		t.Fatalf("status %d, want one of %v; body %s", res.Status, want, res.Body)
	}
	if strings.Contains(string(res.Body), "1mz050nq") || strings.Contains(string(res.Body), "t1meMa$heen") {
		t.Errorf("the answer repeats the password: %s", res.Body)
	}
	if fx.Response != nil && len(fx.Response.Body) > 0 && string(fx.Response.Body) != "null" && res.JSON != nil {
		var want map[string]any
		if err := json.Unmarshal([]byte(r.substitute(string(fx.Response.Body))), &want); err != nil {
			t.Fatalf("documented body: %v", err)
		}
		r.compare("answer", want, res.JSON, tc.ignore)
	}
	if tc.after != nil {
		tc.after(r, res)
	}
	if fx.Response != nil && fx.Response.BodyRaw != "" {
		// The documents printed these bodies as invalid JSON (trailing commas, a missing comma).
		// Sent to us, such a body must be refused as invalidSyntax, not half-read.
		endpoint := "/Users"
		if strings.Contains(fx.Request.Path, "/Groups") {
			endpoint = "/Groups"
		}
		c.do(http.MethodPost, endpoint, fx.Response.BodyRaw).wantError(t, http.StatusBadRequest, "invalidSyntax")
	}
}

// send replays the fixture's documented request with the ids substituted and our credential.
func (r *fixtureRun) send() scimResult {
	req := r.fx.Request
	path := req.Path
	if strings.ContainsAny(path, " \"<>") {
		path = req.EncodedPath // as it travels on the wire
	}
	for _, prefix := range []string{"https://.../scim", scimPrefix} {
		path = strings.TrimPrefix(path, prefix)
	}
	path = r.substitute(path)
	var body any
	if len(req.Body) > 0 && string(req.Body) != "null" {
		body = r.substitute(string(req.Body))
	}
	return r.c.do(req.Method, path, body, func(h *http.Request) {
		for k, v := range req.Headers {
			switch strings.ToLower(k) {
			case "authorization", "host", "content-length":
				// Our credential, our host; Go computes the length.
			default:
				h.Header.Set(k, v)
			}
		}
	})
}

// substitute replaces the documents' ids with ours, longest first so that no id is replaced
// inside another.
func (r *fixtureRun) substitute(s string) string {
	keys := slices.SortedFunc(maps.Keys(r.subs), func(a, b string) int { return len(b) - len(a) })
	for _, k := range keys {
		s = strings.ReplaceAll(s, k, r.subs[k])
	}
	return s
}

// user creates a user from a SCIM representation (id, meta and other read-only attributes are
// dropped by the server) and maps the printed ids to it.
func (r *fixtureRun) user(body map[string]any, printedIDs ...string) {
	r.t.Helper()
	body = cloneMap(body)
	body["schemas"] = []any{scimUserURN, scimEnterpriseURN}
	id := r.c.newUser(body)
	for _, p := range printedIDs {
		r.subs[p] = id
	}
	r.clock.Advance(time.Second) // lists are in creation order: make it distinct
}

// userFrom creates the user of a documented answer body, mapped from the id printed in it.
func (r *fixtureRun) userFrom(raw json.RawMessage) {
	r.t.Helper()
	var body map[string]any
	if err := json.Unmarshal(raw, &body); err != nil {
		r.t.Fatal(err)
	}
	id, _ := body["id"].(string)
	r.user(body, id)
}

// group creates a group whose members are the users the printed ids map to.
func (r *fixtureRun) group(printedID, name, externalID string, memberPrinted ...string) {
	r.t.Helper()
	members := []any{}
	for _, m := range memberPrinted {
		id, ok := r.subs[m]
		if !ok {
			r.t.Fatalf("member %s has not been created", m)
		}
		members = append(members, map[string]any{"value": id})
	}
	body := map[string]any{"schemas": []any{scimGroupURN}, "displayName": name, "members": members}
	if externalID != "" {
		body["externalId"] = externalID
	}
	id := r.c.do(http.MethodPost, "/Groups", body).want(r.t, http.StatusCreated).str("id")
	if printedID != "" {
		r.subs[printedID] = id
	}
	r.clock.Advance(time.Second)
}

func (r *fixtureRun) get(path string) scimResult {
	r.t.Helper()
	return r.c.do(http.MethodGet, r.substitute(path), nil).want(r.t, http.StatusOK)
}

// compare checks the meaningful parts of a documented body against ours: schemas (the
// documented ones must be among ours), id when it is one of ours, userName, displayName,
// externalId, active, emails (value, type, primary), name.givenName/familyName, members, error
// status and scimType, list counts and the listed resources. Server-made values (ids we did not
// map, meta, timestamps, versions) differ by nature and are not compared.
func (r *fixtureRun) compare(where string, want, got map[string]any, ignore []string) {
	t := r.t
	t.Helper()
	for _, key := range slices.Sorted(maps.Keys(want)) {
		w := want[key]
		if slices.Contains(ignore, key) {
			continue
		}
		g, present := got[key]
		switch key {
		case "schemas":
			have := asList(g)
			for _, s := range asList(w) {
				if !slices.Contains(have, s) {
					t.Errorf("%s: schemas %v lack %v", where, have, s)
				}
			}
		case "id":
			if ws, ok := w.(string); ok && slices.Contains(slices.Collect(maps.Values(r.subs)), ws) && g != w {
				t.Errorf("%s: id %v, want %v", where, g, w)
			}
		case "userName", "displayName", "externalId", "active", "scimType":
			if !present || !jsonEqual(g, w) {
				t.Errorf("%s: %s = %#v, want %#v", where, key, g, w)
			}
		case "status":
			// RFC 7644 §3.12 makes status a string; Okta's documents print a number.
			if fmt.Sprint(w) != fmt.Sprint(g) {
				t.Errorf("%s: status %#v, want %v as a string", where, g, w)
			}
			if _, ok := g.(string); !ok {
				t.Errorf("%s: status %#v is not a string", where, g)
			}
		case "emails":
			if !jsonEqual(emailParts(g), emailParts(w)) {
				t.Errorf("%s: emails %v, want %v", where, g, w)
			}
		case "name":
			wn, _ := w.(map[string]any)
			gn, _ := g.(map[string]any)
			for _, sub := range []string{"givenName", "familyName"} {
				if ws, _ := wn[sub].(string); ws != "" {
					if gs, _ := gn[sub].(string); gs != ws {
						t.Errorf("%s: name.%s = %q, want %q", where, sub, gs, ws)
					}
				}
			}
		case "members":
			if w == nil {
				continue // Okta prints "members": null where it does not care
			}
			if !jsonEqual(memberValues(g), memberValues(w)) {
				t.Errorf("%s: members %v, want %v", where, memberValues(g), memberValues(w))
			}
		case "totalResults", "startIndex", "itemsPerPage":
			if !jsonEqual(g, w) {
				t.Errorf("%s: %s = %v, want %v", where, key, g, w)
			}
		case "Resources":
			wl, ok := w.([]any)
			if !ok {
				continue // the RFC elides them ("… (elided in the RFC)")
			}
			gl := asList(g)
			if len(gl) != len(wl) {
				t.Errorf("%s: %d resources, want %d: %v", where, len(gl), len(wl), gl)
				continue
			}
			for i := range wl {
				wm, _ := wl[i].(map[string]any)
				gm, _ := gl[i].(map[string]any)
				r.compare(fmt.Sprintf("%s Resources[%d]", where, i), wm, gm, ignore)
			}
		}
	}
}

// emailParts keeps what identifies an email: value, type and primary (false when absent).
func emailParts(v any) []any {
	out := []any{}
	for _, e := range asList(v) {
		m, _ := e.(map[string]any)
		primary, _ := m["primary"].(bool)
		out = append(out, []any{m["value"], m["type"], primary})
	}
	return out
}

func memberValues(v any) []string {
	out := []string{}
	for _, e := range asList(v) {
		m, _ := e.(map[string]any)
		if s, ok := m["value"].(string); ok {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}

func patchBody(ops ...map[string]any) map[string]any {
	list := make([]any, len(ops))
	for i, op := range ops {
		list[i] = op
	}
	return map[string]any{"schemas": []any{scimPatchURN}, "Operations": list}
}

// documented reads a representation the fixture prints as its response body.
func (r *fixtureRun) documented() map[string]any {
	r.t.Helper()
	var body map[string]any
	if err := json.Unmarshal(r.fx.Response.Body, &body); err != nil {
		r.t.Fatal(err)
	}
	return body
}

// Bodies of users the fixtures act on, as the documents describe them before the request.
var (
	entraTestUser = map[string]any{
		"userName":   "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee",
		"externalId": "6c75de36-30fa-4d2d-a196-6bdcdb6b6539",
		"name":       map[string]any{"formatted": "givenName familyName", "familyName": "familyName", "givenName": "givenName"},
		"active":     true,
		"emails":     []any{map[string]any{"value": "Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com", "type": "work", "primary": true}},
	}
	bjensen = map[string]any{
		"userName":   "bjensen",
		"externalId": "bjensen",
		"name":       map[string]any{"formatted": "Ms. Barbara J Jensen III", "familyName": "Jensen", "givenName": "Barbara"},
		"emails": []any{
			map[string]any{"value": "bjensen@example.com", "type": "work", "primary": true},
			map[string]any{"value": "babs@jensen.org", "type": "home"},
		},
		"addresses": []any{
			map[string]any{"type": "work", "streetAddress": "100 Universal City Plaza", "locality": "Hollywood", "region": "CA", "postalCode": "91608", "country": "USA", "primary": true},
			map[string]any{"type": "home", "streetAddress": "456 Hollywood Blvd", "locality": "Hollywood", "region": "CA", "postalCode": "91608", "country": "USA"},
		},
	}
	oktaUser = map[string]any{
		"userName": "test.user@okta.local",
		"name":     map[string]any{"givenName": "Test", "familyName": "User"},
		"emails":   []any{map[string]any{"primary": true, "value": "test.user@okta.local", "type": "work"}},
		"active":   true,
	}
)

const (
	rfcUserID  = "2819c223-7f76-453a-919d-413861904646"
	rfcUser2ID = "08e1d05d-121c-4561-8b96-473d93df9210"
	rfcGroupID = "acbf3ae7-8463-4692-b4fd-9b4da3f908ce"
	oktaUserID = "23a35c27-23d3-4c03-b4c5-6443c09e7173"
	oktaOther  = "89bb1940-b905-4575-9e7f-6f887cfb368e"
	oktaGroup  = "abf4dd94-a4c0-4f67-89c9-76b03340cb9b"
)

func withName(body map[string]any, userName, email string) map[string]any {
	b := cloneMap(body)
	b["userName"] = userName
	b["emails"] = []any{map[string]any{"value": email, "type": "work", "primary": true}}
	return b
}

// readUser reads a user back over SCIM.
func (r *fixtureRun) readUser(printedID string) scimResult {
	r.t.Helper()
	return r.get("/Users/" + printedID)
}

func (r *fixtureRun) wantMembers(printedGroup string, printedMembers ...string) {
	r.t.Helper()
	got := memberValues(r.get("/Groups/" + printedGroup).JSON["members"])
	want := []string{}
	for _, m := range printedMembers {
		want = append(want, r.subs[m])
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		r.t.Errorf("members %v, want %v", got, want)
	}
}

// apiUser reads a user through the Identity Center API.
func (r *fixtureRun) apiUser(printedID string) userInfo {
	r.t.Helper()
	var out userInfoResponse
	r.api.call("GetUser", with("UserId", r.subs[printedID])).into(r.t, &out)
	return out.UserInfo
}

var fixtureCases = map[string]fixtureCase{
	// --- Entra ID's SCIM compliance notes: default job vs the aadOptscim062020 flag ------------
	"entra-compat-add-single-value-default":          {setup: setupEntraTarget, after: wantNickName("Babs")},
	"entra-compat-add-single-value-aadOptscim062020": {setup: setupEntraTarget, after: wantNickName("Babs")},
	"entra-compat-disable-user-default":              {setup: setupEntraTarget, after: wantDisabled},
	"entra-compat-disable-user-aadOptscim062020":     {setup: setupEntraTarget, after: wantDisabled},
	"entra-compat-remove-member-default": {
		setup: func(r *fixtureRun) {
			r.user(withName(entraTestUser, "member-1091", "m1091@example.com"), "u1091")
			r.user(withName(entraTestUser, "member-stays", "stays@example.com"), "~stays~")
			r.group("{id}", "Entra Group", "", "u1091", "~stays~")
		},
		after: func(r *fixtureRun, _ scimResult) { r.wantMembers("{id}", "~stays~") },
	},
	"entra-compat-remove-member-aadOptscim062020": {
		setup: func(r *fixtureRun) {
			r.user(withName(entraTestUser, "member-7f4b", "m7f4b@example.com"), "7f4bc1a3-285e-48ae-8202-5accb43efb0e")
			r.user(withName(entraTestUser, "member-stays", "stays@example.com"), "~stays~")
			r.group("{id}", "Entra Group", "", "7f4bc1a3-285e-48ae-8202-5accb43efb0e", "~stays~")
		},
		after: func(r *fixtureRun, _ scimResult) { r.wantMembers("{id}", "~stays~") },
	},
	"entra-compat-replace-multiple-default": {
		setup: setupEntraTarget,
		after: wantEntraReplaced("Pvlo", "TestBcwqnm@test.microsoft.com", "Gtfd", "Pkqf", "Eqpj", "Eqpj"),
	},
	"entra-compat-replace-multiple-aadOptscim062020": {
		setup: setupEntraTarget,
		// This form does not touch externalId: it keeps the one setup gave.
		after: wantEntraReplaced("Bjfe", "TestMhvaes@test.microsoft.com", "Kkom", "Unua", "6c75de36-30fa-4d2d-a196-6bdcdb6b6539", "Aklq"),
	},

	// --- Microsoft Entra ID provisioning examples ----------------------------------------------
	"entra-create-user":  {},
	"entra-create-group": {},
	"entra-delete-group": {
		setup: func(r *fixtureRun) { r.group("cdb1ce18f65944079d37", "To Delete", "") },
		after: func(r *fixtureRun, _ scimResult) {
			r.c.do(http.MethodGet, r.substitute("/Groups/cdb1ce18f65944079d37"), nil).wantError(r.t, http.StatusNotFound, "")
		},
	},
	"entra-delete-user": {
		setup: func(r *fixtureRun) {
			r.user(entraTestUser, "5171a35d82074e068ce2")
			r.group("", "Keeps Existing", "", "5171a35d82074e068ce2")
		},
		after: func(r *fixtureRun, _ scimResult) {
			r.c.do(http.MethodGet, r.substitute("/Users/5171a35d82074e068ce2"), nil).wantError(r.t, http.StatusNotFound, "")
			r.api.call("GetUser", with("UserId", r.subs["5171a35d82074e068ce2"])).wantCode(r.t, codeUserNotExist)
		},
	},
	"entra-disable-user": {
		// The document's answer is of another user than the one the request names (its id and
		// location differ from the request's): the user is created from the answer, so that
		// the request's id maps to it.
		setup: func(r *fixtureRun) {
			body := r.documented()
			body["active"] = true
			r.user(body, "5171a35d82074e068ce2")
		},
		after: wantDisabled,
	},
	"entra-get-group-by-displayname": {
		setup: func(r *fixtureRun) {
			r.user(entraTestUser, "~member~")
			r.group("8c601452cc934a9ebef9", "displayName", "0db508eb-91e2-46e4-809c-30dcbda0c685", "~member~")
			r.group("", "displayName2", "")
		},
		ignore: []string{"itemsPerPage"},
		after:  func(r *fixtureRun, res scimResult) { wantNoMembers(r.t, res.JSON["Resources"]) },
	},
	"entra-get-group-excluding-members": {
		setup: func(r *fixtureRun) {
			r.user(entraTestUser, "~member~")
			r.group("40734ae655284ad3abcc", "displayName", "60f1bb27-2e1e-402d-bcc4-ec999564a194", "~member~")
		},
		after: func(r *fixtureRun, res scimResult) { wantNoMembers(r.t, res.JSON) },
	},
	// Entra's sample answers give itemsPerPage as the page size (20) whatever the page holds;
	// RFC 7644 §3.4.2 makes it the number of resources returned, which we answer.
	"entra-get-user-by-query-zero-results": {setup: func(r *fixtureRun) { r.user(entraTestUser) }, ignore: []string{"itemsPerPage"}},
	"entra-get-user-by-query": {
		setup: func(r *fixtureRun) {
			var list struct{ Resources []json.RawMessage }
			if err := json.Unmarshal(r.fx.Response.Body, &list); err != nil {
				r.t.Fatal(err)
			}
			r.userFrom(list.Resources[0])
			r.user(withName(entraTestUser, "someone-else", "else@example.com"))
		},
		ignore: []string{"itemsPerPage"},
	},
	"entra-get-user-not-found": {},
	"entra-get-user":           {setup: func(r *fixtureRun) { r.userFrom(r.fx.Response.Body) }},
	"entra-patch-group-add-members": {
		setup: func(r *fixtureRun) {
			r.user(entraTestUser, "f648f8d5ea4e4cd38e9c")
			r.group("a99962b9f99d4c4fac67", "Entra Group", "")
		},
		after: func(r *fixtureRun, _ scimResult) {
			r.wantMembers("a99962b9f99d4c4fac67", "f648f8d5ea4e4cd38e9c")
			var out listGroupMembersResponse
			r.api.call("ListGroupMembers", with("GroupId", r.subs["a99962b9f99d4c4fac67"])).into(r.t, &out)
			if len(out.GroupMembers) != 1 || out.GroupMembers[0].UserId != r.subs["f648f8d5ea4e4cd38e9c"] {
				r.t.Errorf("ListGroupMembers %+v", out.GroupMembers)
			}
		},
	},
	"entra-patch-group-displayname": {
		setup: func(r *fixtureRun) { r.group("fa2ce26709934589afc5", "Entra Group", "") },
		after: func(r *fixtureRun, _ scimResult) {
			if got := r.get("/Groups/fa2ce26709934589afc5").str("displayName"); got != "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName" {
				r.t.Errorf("displayName %q", got)
			}
		},
	},
	"entra-patch-group-remove-members": {
		setup: func(r *fixtureRun) {
			r.user(entraTestUser, "f648f8d5ea4e4cd38e9c")
			r.group("a99962b9f99d4c4fac67", "Entra Group", "", "f648f8d5ea4e4cd38e9c")
		},
		after: func(r *fixtureRun, _ scimResult) { r.wantMembers("a99962b9f99d4c4fac67") },
	},
	"entra-patch-user-multivalued": {setup: func(r *fixtureRun) { r.user(entraTestUser, "6764549bef60420686bc") }},
	"entra-patch-user-singlevalued": {
		setup: func(r *fixtureRun) {
			u := cloneMap(entraTestUser)
			u["externalId"] = "aa1eca08-7179-4eeb-a0be-a519f7e5cd1a"
			r.user(u, "5171a35d82074e068ce2")
		},
		after: func(r *fixtureRun, _ scimResult) {
			if got := r.apiUser("5171a35d82074e068ce2").UserName; got != "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com" {
				r.t.Errorf("the API sees UserName %q", got)
			}
		},
	},
	"entra-query-externalId-unquoted": {
		setup: func(r *fixtureRun) {
			u := withName(entraTestUser, "jyoung@example.com", "jyoung@example.com")
			u["externalId"] = "jyoung"
			r.user(u, "~jyoung~")
			r.user(withName(entraTestUser, "other@example.com", "other@example.com"))
		},
		after: func(r *fixtureRun, res scimResult) {
			if ids := resourceIDs(res); !slices.Equal(ids, []string{r.subs["~jyoung~"]}) {
				r.t.Errorf("found %v, want only the user whose externalId is jyoung", ids)
			}
		},
	},

	// --- Okta ----------------------------------------------------------------------------------
	"okta-create-user":  {},
	"okta-create-group": {},
	"okta-create-user-conflict": {
		setup: func(r *fixtureRun) { r.user(oktaUser) },
	},
	"okta-create-user-custom-attributes-response": {
		// The documented answer is not JSON (body null, body_raw only): compare with the request.
		after: func(r *fixtureRun, res scimResult) {
			var sent map[string]any
			if err := json.Unmarshal(r.fx.Request.Body, &sent); err != nil {
				r.t.Fatal(err)
			}
			delete(sent, "password")
			r.compare("answer", sent, res.JSON, nil)
			if res.JSON["locale"] != "en-US" {
				r.t.Errorf("locale %v not kept", res.JSON["locale"])
			}
		},
	},
	"okta-delete-group": {
		setup: func(r *fixtureRun) {
			r.user(oktaUser, oktaUserID)
			r.group(oktaGroup, "Test SCIMv2", "", oktaUserID)
		},
		after: func(r *fixtureRun, _ scimResult) {
			// The members stay users.
			r.readUser(oktaUserID)
		},
	},
	"okta-get-group": {
		setup: func(r *fixtureRun) {
			u := withName(oktaUser, "group-a-member@okta.local", "group-a-member@okta.local")
			u["displayName"] = "SCIM 2 Group A"
			r.user(u, "b1c794f24f4c49f4b5d503a4cb2686ea")
			r.group(oktaGroup, "Test SCIMv2", "", "b1c794f24f4c49f4b5d503a4cb2686ea")
		},
		after: func(r *fixtureRun, res scimResult) {
			members := asList(res.JSON["members"])
			if len(members) != 1 {
				r.t.Fatalf("members %v", members)
			}
			m, _ := members[0].(map[string]any)
			if m["display"] != "SCIM 2 Group A" || m["type"] != "User" || !strings.HasSuffix(fmt.Sprint(m["$ref"]), "/scim/v2/Users/"+r.subs["b1c794f24f4c49f4b5d503a4cb2686ea"]) {
				r.t.Errorf("member %v", m)
			}
		},
	},
	"okta-get-user-by-username": {setup: func(r *fixtureRun) { r.user(withName(oktaUser, "another.user@okta.local", "another@okta.local")) }},
	"okta-get-user":             {setup: func(r *fixtureRun) { r.userFrom(r.fx.Response.Body) }},
	"okta-list-users": {
		setup: func(r *fixtureRun) {
			for i := range 3 {
				r.user(withName(oktaUser, fmt.Sprintf("user%d@okta.local", i), fmt.Sprintf("user%d@okta.local", i)))
			}
			// Manual users are not the IdP's: SCIM does not list them.
			r.api.call("CreateUser", with("UserName", "manual-user")).wantCode(r.t, "")
		},
		after: func(r *fixtureRun, res scimResult) { wantCounts(r.t, res, 3, 3) },
	},
	"okta-list-groups": {
		setup: func(r *fixtureRun) {
			r.group("", "Group One", "")
			r.group("", "Group Two", "")
			r.api.call("CreateGroup", with("GroupName", "manual-group")).wantCode(r.t, "")
		},
		after: func(r *fixtureRun, res scimResult) { wantCounts(r.t, res, 2, 2) },
	},
	"okta-patch-deactivate-user": {
		setup: func(r *fixtureRun) {
			body := r.documented()
			body["active"] = true
			r.user(body, oktaUserID)
		},
		after: func(r *fixtureRun, _ scimResult) {
			if got := r.apiUser(oktaUserID).UserStatus; got != statusDisabled {
				r.t.Errorf("the API sees UserStatus %s", got)
			}
		},
	},
	"okta-patch-group-membership": {
		setup: func(r *fixtureRun) {
			r.user(oktaUser, oktaUserID)
			r.user(withName(oktaUser, "other@okta.local", "other@okta.local"), oktaOther)
			r.group(oktaGroup, "Test SCIMv20", "", oktaOther)
		},
		after: func(r *fixtureRun, _ scimResult) { r.wantMembers(oktaGroup, oktaUserID) },
	},
	"okta-patch-group-rename": {
		setup: func(r *fixtureRun) { r.group(oktaGroup, "Test SCIMv20", "") },
		after: func(r *fixtureRun, _ scimResult) {
			if got := r.get("/Groups/" + oktaGroup).str("displayName"); got != "Test SCIMv2" {
				r.t.Errorf("displayName %q", got)
			}
		},
	},
	"okta-patch-group-replace-members": {
		setup: func(r *fixtureRun) {
			r.user(oktaUser, oktaUserID)
			r.user(withName(oktaUser, "other@okta.local", "other@okta.local"), oktaOther)
			r.user(withName(oktaUser, "leaves@okta.local", "leaves@okta.local"), "~leaves~")
			r.group(oktaGroup, "Test SCIMv2", "", "~leaves~")
		},
		after: func(r *fixtureRun, _ scimResult) { r.wantMembers(oktaGroup, oktaUserID, oktaOther) },
	},
	"okta-put-user": {
		setup: func(r *fixtureRun) { r.user(oktaUser, oktaUserID) },
		after: func(r *fixtureRun, res scimResult) {
			name, _ := res.JSON["name"].(map[string]any)
			if name["middleName"] != "Excited" {
				r.t.Errorf("name %v: middleName not kept", name)
			}
			if got := r.apiUser(oktaUserID).FirstName; got != "Another" {
				r.t.Errorf("the API sees FirstName %q", got)
			}
		},
	},
	"onelogin-test-connection": {
		after: func(r *fixtureRun, _ scimResult) {
			// OneLogin requires application/json answers; we give them when it asks for them.
			res := r.c.do(http.MethodGet, "/Users?filter="+url.QueryEscape(`userName eq "nobody"`), nil,
				func(h *http.Request) { h.Header.Set("Accept", "application/json") })
			if ct := res.Header.Get("Content-Type"); ct != "application/json" {
				r.t.Errorf("Content-Type %q for Accept: application/json", ct)
			}
		},
	},

	// --- RFC 7643 §8 representations: created as documented, then read back -----------------
	"rfc7643-8.1-user-minimal": {request: postRepresentation("/Users")},
	"rfc7643-8.2-user-full":    {request: postRepresentation("/Users"), after: wantKept("nickName", "title", "userType", "phoneNumbers", "addresses", "x509Certificates")},
	"rfc7643-8.3-enterprise-user": {
		request: postRepresentation("/Users"),
		after: func(r *fixtureRun, res scimResult) {
			wantKept("ims", "photos")(r, res)
			// manager.displayName is read-only (RFC 7643 §4.3): the server drops what the client
			// sent and keeps the rest of the extension.
			sent := r.documented()
			ext, _ := sent[scimEnterpriseURN].(map[string]any)
			manager, _ := ext["manager"].(map[string]any)
			delete(manager, "displayName")
			if !jsonEqual(res.JSON[scimEnterpriseURN], ext) {
				r.t.Errorf("enterprise extension %v, want %v", res.JSON[scimEnterpriseURN], ext)
			}
		},
	},
	"rfc7643-8.4-group": {
		setup: func(r *fixtureRun) {
			r.user(bjensen, rfcUserID)
			r.user(withName(bjensen, "mpepperidge", "mandy@example.com"), "902c246b-6245-4190-8e05-00816be7344a")
		},
		request: postRepresentation("/Groups"),
	},
	"rfc7643-8.5-service-provider-config": {
		request: func(r *fixtureRun) scimResult { return r.get("/ServiceProviderConfig") },
		// We support neither bulk, sort, etag nor changePassword; the RFC's example does.
		after: func(r *fixtureRun, res scimResult) {
			for _, key := range []string{"patch", "bulk", "filter", "changePassword", "sort", "etag", "authenticationSchemes"} {
				if _, ok := res.JSON[key]; !ok {
					r.t.Errorf("ServiceProviderConfig lacks %s", key)
				}
			}
			for _, key := range []string{"patch", "filter"} {
				if m, _ := res.JSON[key].(map[string]any); m["supported"] != true {
					r.t.Errorf("%s not supported: %v", key, m)
				}
			}
			scheme, _ := asList(res.JSON["authenticationSchemes"])[0].(map[string]any)
			if scheme["type"] != "oauthbearertoken" {
				r.t.Errorf("authentication scheme %v", scheme)
			}
		},
	},

	// --- RFC 7644 -----------------------------------------------------------------------------
	"rfc7644-3.12-error-404": {
		request: func(r *fixtureRun) scimResult {
			return r.c.do(http.MethodGet, "/Users/"+rfcUserID, nil)
		},
		after: func(r *fixtureRun, res scimResult) {
			if !strings.Contains(res.str("detail"), rfcUserID) {
				r.t.Errorf("detail %q does not name the resource", res.str("detail"))
			}
		},
	},
	"rfc7644-3.12-error-400-mutability": {
		setup: func(r *fixtureRun) { r.user(bjensen, rfcUserID) },
		request: func(r *fixtureRun) scimResult {
			return r.c.do(http.MethodPatch, r.substitute("/Users/"+rfcUserID),
				patchBody(map[string]any{"op": "replace", "path": "id", "value": "another-id"}))
		},
		after: func(r *fixtureRun, res scimResult) {
			if !strings.HasPrefix(res.str("detail"), "Attribute 'id' is readOnly") {
				r.t.Errorf("detail %q", res.str("detail"))
			}
		},
	},
	"rfc7644-3.3-create-user": {
		after: func(r *fixtureRun, res scimResult) {
			meta, _ := res.JSON["meta"].(map[string]any)
			if loc := res.Header.Get("Location"); loc == "" || loc != meta["location"] || !strings.HasSuffix(loc, "/scim/v2/Users/"+res.str("id")) {
				r.t.Errorf("Location %q, meta.location %v", loc, meta["location"])
			}
			for _, key := range []string{"created", "lastModified", "version"} {
				if meta[key] == nil {
					r.t.Errorf("meta.%s missing: %v", key, meta)
				}
			}
			if meta["resourceType"] != "User" {
				r.t.Errorf("meta.resourceType %v", meta["resourceType"])
			}
		},
	},
	"rfc7644-3.4.1-get-user": {setup: func(r *fixtureRun) { r.userFrom(r.fx.Response.Body) }},
	"rfc7644-3.4.2-list-users-attributes": {
		setup: func(r *fixtureRun) {
			r.user(bjensen, rfcUserID)
			r.user(withName(bjensen, "jsmith", "jsmith@example.com"), "c75ad752-64ae-4823-840d-ffa80929976c")
		},
		after: func(r *fixtureRun, res scimResult) {
			for _, res := range asList(res.JSON["Resources"]) {
				m, _ := res.(map[string]any)
				if keys := slices.Sorted(maps.Keys(m)); !slices.Equal(keys, []string{"id", "schemas", "userName"}) {
					r.t.Errorf("attributes=userName returned %v", keys)
				}
			}
		},
	},
	"rfc7644-3.4.2.2-filter-examples": {setup: setupFilterPopulation, request: replayFilterExamples},
	"rfc7644-3.4.2.4-pagination": {
		setup: func(r *fixtureRun) {
			for i := range 100 {
				r.user(withName(bjensen, fmt.Sprintf("user%03d", i), fmt.Sprintf("user%03d@example.com", i)))
			}
		},
		after: func(r *fixtureRun, res scimResult) {
			first := resourceIDs(res)
			next := r.get("/Users?startIndex=11&count=10")
			wantCounts(r.t, next, 100, 10)
			if next.JSON["startIndex"] != 11.0 {
				r.t.Errorf("startIndex %v", next.JSON["startIndex"])
			}
			if second := resourceIDs(next); len(first) != 10 || slices.ContainsFunc(second, func(id string) bool { return slices.Contains(first, id) }) {
				r.t.Errorf("pages overlap: %v and %v", first, second)
			}
		},
	},
	"rfc7644-3.4.3-search": {
		// The RFC's totalResults (100) and itemsPerPage (10) describe its own example data.
		ignore: []string{"totalResults", "itemsPerPage"},
		setup: func(r *fixtureRun) {
			u := withName(bjensen, "jsmith", "jsmith@example.com")
			u["displayName"] = "Smith, James"
			r.user(u, "2819c223-7f76-413861904646")
			u = withName(bjensen, "ajones", "ajones@example.com")
			u["displayName"] = "Jones, Anne"
			r.user(u)
			r.group("c8596b90-7539-4f20968d1908", "Smith Family", "")
			r.group("", "Jones Family", "")
		},
		after: func(r *fixtureRun, res scimResult) {
			wantCounts(r.t, res, 2, 2)
			for _, res := range asList(res.JSON["Resources"]) {
				m, _ := res.(map[string]any)
				if _, ok := m["meta"]; ok {
					r.t.Errorf("attributes displayName,userName returned meta: %v", m)
				}
			}
		},
	},
	"rfc7644-3.5.1-put-user": {
		setup: func(r *fixtureRun) { r.user(bjensen, rfcUserID) },
		after: func(r *fixtureRun, res scimResult) {
			if _, ok := res.JSON["addresses"]; ok {
				r.t.Errorf("PUT kept addresses it did not send: %v", res.JSON["addresses"])
			}
			if got := r.apiUser(rfcUserID).Email; got != "bjensen@example.com" {
				r.t.Errorf("the API sees Email %q (the first of two, neither primary)", got)
			}
		},
	},
	"rfc7644-3.5.2.1-patch-add-emails-no-path": {
		setup: func(r *fixtureRun) { r.user(withName(bjensen, "bjensen", "bjensen@example.com"), rfcUserID) },
		after: func(r *fixtureRun, _ scimResult) {
			u := r.readUser(rfcUserID)
			if got := emailParts(u.JSON["emails"]); !jsonEqual(got, []any{[]any{"bjensen@example.com", "work", true}, []any{"babs@jensen.org", "home", false}}) {
				r.t.Errorf("emails %v", got)
			}
			if u.JSON["nickName"] != "Babs" {
				r.t.Errorf("nickName %v", u.JSON["nickName"])
			}
		},
	},
	"rfc7644-3.5.2.1-patch-add-member": {
		setup: func(r *fixtureRun) {
			r.user(bjensen, rfcUserID)
			r.group(rfcGroupID, "Tour Guides", "")
		},
		after: func(r *fixtureRun, _ scimResult) { r.wantMembers(rfcGroupID, rfcUserID) },
	},
	"rfc7644-3.5.2.2-patch-remove-all-members": {
		setup: setupRFCGroup,
		after: func(r *fixtureRun, _ scimResult) { r.wantMembers(rfcGroupID) },
	},
	"rfc7644-3.5.2.2-patch-remove-and-add-member": {
		setup: func(r *fixtureRun) {
			setupRFCGroup(r)
			r.subs["2819c223...919d-413861904646"] = r.subs[rfcUserID]
			r.user(withName(bjensen, "jdoe", "jdoe@example.com"), "08e1d05d...473d93df9210")
		},
		after: func(r *fixtureRun, _ scimResult) { r.wantMembers(rfcGroupID, rfcUser2ID, "08e1d05d...473d93df9210") },
	},
	"rfc7644-3.5.2.2-patch-remove-filtered-emails": {
		setup: func(r *fixtureRun) { r.user(bjensen, rfcUserID) },
		after: func(r *fixtureRun, _ scimResult) {
			if got := emailParts(r.readUser(rfcUserID).JSON["emails"]); !jsonEqual(got, []any{[]any{"babs@jensen.org", "home", false}}) {
				r.t.Errorf("emails %v", got)
			}
			if got := r.apiUser(rfcUserID).Email; got != "babs@jensen.org" {
				r.t.Errorf("the API sees Email %q, want the remaining one", got)
			}
		},
	},
	"rfc7644-3.5.2.2-patch-remove-one-member": {
		setup: func(r *fixtureRun) {
			setupRFCGroup(r)
			r.subs["2819c223-7f76-...413861904646"] = r.subs[rfcUserID]
		},
		after: func(r *fixtureRun, _ scimResult) { r.wantMembers(rfcGroupID, rfcUser2ID) },
	},
	"rfc7644-3.5.2.3-patch-replace-all-members": {
		setup: func(r *fixtureRun) {
			r.user(bjensen, rfcUserID)
			r.user(withName(bjensen, "jsmith", "jsmith@example.com"), rfcUser2ID)
			r.user(withName(bjensen, "leaves", "leaves@example.com"), "~leaves~")
			r.group(rfcGroupID, "Tour Guides", "", "~leaves~")
		},
		after: func(r *fixtureRun, _ scimResult) { r.wantMembers(rfcGroupID, rfcUserID, rfcUser2ID) },
	},
	"rfc7644-3.5.2.3-patch-replace-emails-no-path": {
		setup: func(r *fixtureRun) { r.user(withName(bjensen, "bjensen", "old@example.com"), rfcUserID) },
		after: func(r *fixtureRun, _ scimResult) {
			u := r.readUser(rfcUserID)
			if got := emailParts(u.JSON["emails"]); !jsonEqual(got, []any{[]any{"bjensen@example.com", "work", true}, []any{"babs@jensen.org", "home", false}}) {
				r.t.Errorf("emails %v", got)
			}
			if got := r.apiUser(rfcUserID).Email; got != "bjensen@example.com" {
				r.t.Errorf("the API sees Email %q", got)
			}
		},
	},
	"rfc7644-3.5.2.3-patch-replace-street-address": {
		setup: func(r *fixtureRun) { r.user(bjensen, rfcUserID) },
		after: func(r *fixtureRun, _ scimResult) {
			work := addressOfType(r.t, r.readUser(rfcUserID), "work")
			if work["streetAddress"] != "1010 Broadway Ave" || work["locality"] != "Hollywood" {
				r.t.Errorf("work address %v", work)
			}
		},
	},
	"rfc7644-3.5.2.3-patch-replace-work-address": {
		setup: func(r *fixtureRun) { r.user(bjensen, rfcUserID) },
		after: func(r *fixtureRun, _ scimResult) {
			u := r.readUser(rfcUserID)
			if work := addressOfType(r.t, u, "work"); work["streetAddress"] != "911 Universal City Plaza" || work["country"] != "US" {
				r.t.Errorf("work address %v", work)
			}
			if home := addressOfType(r.t, u, "home"); home["streetAddress"] != "456 Hollywood Blvd" {
				r.t.Errorf("home address %v", home)
			}
		},
	},
	"rfc7644-3.6-delete-user": {
		setup: func(r *fixtureRun) { r.user(bjensen, rfcUserID) },
		after: func(r *fixtureRun, _ scimResult) {
			res := r.c.do(http.MethodGet, r.substitute("/Users/"+rfcUserID), nil)
			res.want(r.t, r.fx.FollowupGetResponse.Status)
			var want map[string]any
			if err := json.Unmarshal([]byte(r.substitute(string(r.fx.FollowupGetResponse.Body))), &want); err != nil {
				r.t.Fatal(err)
			}
			r.compare("follow-up GET", want, res.JSON, nil)
		},
	},
}

func setupEntraTarget(r *fixtureRun) {
	r.user(entraTestUser, "{id}")
}

func setupRFCGroup(r *fixtureRun) {
	r.user(bjensen, rfcUserID)
	r.user(withName(bjensen, "jsmith", "jsmith@example.com"), rfcUser2ID)
	r.group(rfcGroupID, "Tour Guides", "", rfcUserID, rfcUser2ID)
}

func wantNickName(want string) func(*fixtureRun, scimResult) {
	return func(r *fixtureRun, _ scimResult) {
		if got := r.readUser("{id}").JSON["nickName"]; got != want {
			r.t.Errorf("nickName %v, want %q", got, want)
		}
	}
}

func wantDisabled(r *fixtureRun, _ scimResult) {
	printed := "{id}"
	if _, ok := r.subs[printed]; !ok {
		printed = "5171a35d82074e068ce2"
	}
	if active := r.readUser(printed).JSON["active"]; active != false {
		r.t.Errorf("active %v after the PATCH", active)
	}
	if got := r.apiUser(printed).UserStatus; got != statusDisabled {
		r.t.Errorf("the API sees UserStatus %s", got)
	}
}

func wantEntraReplaced(displayName, workEmail, given, family, externalID, employeeNumber string) func(*fixtureRun, scimResult) {
	return func(r *fixtureRun, _ scimResult) {
		u := r.readUser("{id}")
		name, _ := u.JSON["name"].(map[string]any)
		ext, _ := u.JSON[scimEnterpriseURN].(map[string]any)
		got := []any{u.JSON["displayName"], emailParts(u.JSON["emails"]), name["givenName"], name["familyName"], u.JSON["externalId"], ext["employeeNumber"]}
		want := []any{displayName, []any{[]any{workEmail, "work", true}}, given, family, externalID, employeeNumber}
		if !jsonEqual(got, want) {
			r.t.Errorf("after the PATCH: %v, want %v", got, want)
		}
		api := r.apiUser("{id}")
		if api.DisplayName != displayName || api.Email != workEmail || api.FirstName != given || api.LastName != family {
			r.t.Errorf("the API sees %+v", api)
		}
	}
}

func wantNoMembers(t *testing.T, v any) {
	t.Helper()
	for _, res := range asList(v) {
		if m, _ := res.(map[string]any); m != nil {
			if _, ok := m["members"]; ok {
				t.Errorf("excludedAttributes=members returned members: %v", m)
			}
		}
	}
}

func wantCounts(t *testing.T, res scimResult, total, page int) {
	t.Helper()
	if res.JSON["totalResults"] != float64(total) || res.JSON["itemsPerPage"] != float64(page) || len(asList(res.JSON["Resources"])) != page {
		t.Errorf("totalResults %v, itemsPerPage %v, %d resources; want %d, %d", res.JSON["totalResults"], res.JSON["itemsPerPage"], len(asList(res.JSON["Resources"])), total, page)
	}
}

func resourceIDs(res scimResult) []string {
	var ids []string
	for _, e := range asList(res.JSON["Resources"]) {
		m, _ := e.(map[string]any)
		if id, ok := m["id"].(string); ok {
			ids = append(ids, id)
		}
	}
	return ids
}

func addressOfType(t *testing.T, u scimResult, typ string) map[string]any {
	t.Helper()
	for _, a := range asList(u.JSON["addresses"]) {
		if m, _ := a.(map[string]any); m["type"] == typ {
			return m
		}
	}
	t.Errorf("no %s address in %v", typ, u.JSON["addresses"])
	return nil
}

// postRepresentation sends the documented representation as a create request (the server drops
// id, meta, groups and the password) and reads the result back; the generic comparison then
// checks the read-back resource against the representation.
func postRepresentation(endpoint string) func(r *fixtureRun) scimResult {
	return func(r *fixtureRun) scimResult {
		body := r.substitute(string(r.fx.Response.Body))
		created := r.c.do(http.MethodPost, endpoint, body).want(r.t, http.StatusCreated)
		var doc map[string]any
		if err := json.Unmarshal([]byte(body), &doc); err != nil {
			r.t.Fatal(err)
		}
		if id, _ := doc["id"].(string); id != "" {
			r.subs[id] = created.str("id")
		}
		res := r.c.do(http.MethodGet, endpoint+"/"+created.str("id"), nil).want(r.t, http.StatusOK)
		// Read back, the resource is what the create answered.
		if !jsonEqual(res.JSON, created.JSON) {
			r.t.Errorf("read back %s, created %s", res.Body, created.Body)
		}
		return res
	}
}

func wantKept(keys ...string) func(*fixtureRun, scimResult) {
	return func(r *fixtureRun, res scimResult) {
		var doc map[string]any
		if err := json.Unmarshal(r.fx.Response.Body, &doc); err != nil {
			r.t.Fatal(err)
		}
		for _, k := range keys {
			if !jsonEqual(res.JSON[k], doc[k]) {
				r.t.Errorf("%s = %v, want %v as sent", k, res.JSON[k], doc[k])
			}
		}
		if _, ok := res.JSON["password"]; ok {
			r.t.Error("the password is returned")
		}
		if _, ok := res.JSON["groups"]; ok {
			r.t.Errorf("read-only groups were taken from the request: %v", res.JSON["groups"])
		}
	}
}

// setupFilterPopulation creates users for RFC 7644 §3.4.2.2's example filters. The clock moves
// between them, so that meta.lastModified differs. Two hold an enterprise attribute (bjensen's
// employeeNumber is RFC 7643 §8.3's), so that the filter on schemas selects them, and only them.
func setupFilterPopulation(r *fixtureRun) {
	mk := func(printed string, body map[string]any) {
		r.user(body, printed)
		r.clock.Advance(24 * time.Hour)
	}
	setClock(r.clock, time.Date(2011, 5, 12, 0, 0, 0, 0, time.UTC))
	mk("~bjensen~", map[string]any{ // modified 2011-05-12
		"userName": "bjensen", "title": "Tour Guide", "userType": "Employee",
		"name":            map[string]any{"familyName": "Jensen"},
		scimEnterpriseURN: map[string]any{"employeeNumber": "701984"},
		"emails":          []any{map[string]any{"value": "bjensen@example.com", "type": "work", "primary": true}},
	})
	setClock(r.clock, time.Date(2011, 5, 13, 4, 42, 34, 0, time.UTC))
	mk("~jdoe~", map[string]any{ // modified exactly 2011-05-13T04:42:34Z
		"userName": "Jdoe", "userType": "Intern",
		"emails": []any{map[string]any{"value": "jdoe@example.org", "type": "home"}},
	})
	mk("~omalley~", map[string]any{ // modified 2011-05-14
		"userName": "omalley", "userType": "Employee", "title": "Manager",
		"name":            map[string]any{"familyName": "O'Malley"},
		scimEnterpriseURN: map[string]any{"department": "Tour Operations"},
		"emails":          []any{map[string]any{"value": "omalley@other.net", "type": "work"}},
		"ims":             []any{map[string]any{"value": "omalley@foo.com", "type": "xmpp"}},
	})
	mk("~john~", map[string]any{ // modified 2011-05-15
		"userName": "john", "userType": "Contractor",
		"emails": []any{map[string]any{"value": "john@example.com", "type": "work"}},
	})
}

// replayFilterExamples runs every filter the RFC lists against the population and checks the
// users each selects; the case-insensitivity pair must select the same users.
func replayFilterExamples(r *fixtureRun) scimResult {
	want := map[string][]string{
		`userName eq "bjensen"`:         {"~bjensen~"},
		`name.familyName co "O'Malley"`: {"~omalley~"},
		`userName sw "J"`:               {"~jdoe~", "~john~"},
		`urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"`: {"~jdoe~", "~john~"},
		`title pr`: {"~bjensen~", "~omalley~"},
		`meta.lastModified gt "2011-05-13T04:42:34Z"`:                                                       {"~omalley~", "~john~"},
		`meta.lastModified ge "2011-05-13T04:42:34Z"`:                                                       {"~jdoe~", "~omalley~", "~john~"},
		`meta.lastModified lt "2011-05-13T04:42:34Z"`:                                                       {"~bjensen~"},
		`meta.lastModified le "2011-05-13T04:42:34Z"`:                                                       {"~bjensen~", "~jdoe~"},
		`title pr and userType eq "Employee"`:                                                               {"~bjensen~", "~omalley~"},
		`title pr or userType eq "Intern"`:                                                                  {"~bjensen~", "~jdoe~", "~omalley~"},
		`schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"`:                           {"~bjensen~", "~omalley~"},
		`userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")`:             {"~bjensen~"},
		`userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")`:         {},
		`userType eq "Employee" and (emails.type eq "work")`:                                                {"~bjensen~", "~omalley~"},
		`userType eq "Employee" and emails[type eq "work" and value co "@example.com"]`:                     {"~bjensen~"},
		`emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]`: {"~bjensen~", "~omalley~", "~john~"},
	}
	var last scimResult
	for _, req := range r.fx.Requests {
		names, ok := want[req.Filter]
		if !ok {
			r.t.Errorf("no expected result for the RFC's filter %s", req.Filter)
			continue
		}
		last = r.c.do(http.MethodGet, "/Users?filter="+url.QueryEscape(req.Filter), nil)
		if last.Status != http.StatusOK {
			r.t.Errorf("%s: status %d: %s", req.Filter, last.Status, last.Body)
			continue
		}
		if got, want := resourceIDs(last), r.idsOf(names...); !slices.Equal(got, want) {
			r.t.Errorf("%s selects %v, want %v (%v)", req.Filter, got, want, names)
		}
	}
	var pair [][]string
	for _, f := range r.fx.CaseInsensitivityPair {
		res := r.c.do(http.MethodGet, "/Users?filter="+url.QueryEscape(f), nil).want(r.t, http.StatusOK)
		pair = append(pair, resourceIDs(res))
	}
	if len(pair) != 2 || !slices.Equal(pair[0], pair[1]) || !slices.Equal(pair[0], r.idsOf("~john~")) {
		r.t.Errorf("case-insensitivity pair %v selects %v, want john twice", r.fx.CaseInsensitivityPair, pair)
	}
	return last
}

// setClock moves a test clock to t.
func setClock(c *testClock, t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

func (r *fixtureRun) idsOf(printed ...string) []string {
	var ids []string
	for _, p := range printed {
		ids = append(ids, r.subs[p])
	}
	return ids
}
