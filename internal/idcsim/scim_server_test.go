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
	"sync"
	"testing"
	"time"
)

func TestSCIMAuthentication(t *testing.T) {
	t.Parallel()
	clock := newTestClock()
	s, api, c, credID := startSCIM(t, Options{Now: clock.Now})
	token := c.token
	var second createSCIMCredentialResponse
	api.call("CreateSCIMCredential", zoneOnly).into(t, &second)

	steps := []struct {
		name   string
		before func()
		token  string // "" sends no Authorization header
		header string // a whole Authorization header, overriding token
		status int
		detail string
	}{
		{name: "enabled credential", token: token, status: http.StatusOK},
		{name: "bearer scheme is case-insensitive", header: "bearer " + token, status: http.StatusOK},
		{name: "no header", status: http.StatusUnauthorized, detail: "Bearer"},
		{name: "basic scheme", header: "Basic " + token, status: http.StatusUnauthorized},
		{name: "unknown token", token: token + "x", status: http.StatusUnauthorized, detail: "not a SCIM credential"},
		{
			name: "disabled through the API",
			before: func() {
				api.call("UpdateSCIMCredentialStatus", with("CredentialId", credID, "NewStatus", "Disabled")).wantCode(t, "")
			},
			token: token, status: http.StatusUnauthorized, detail: "disabled",
		},
		{name: "the other credential still works", token: second.CredentialSecret, status: http.StatusOK},
		{
			name: "enabled again",
			before: func() {
				api.call("UpdateSCIMCredentialStatus", with("CredentialId", credID, "NewStatus", "Enabled")).wantCode(t, "")
			},
			token: token, status: http.StatusOK,
		},
		{
			name: "expired now",
			before: func() {
				if err := s.SetCredentialExpireTime(DefaultZoneID, credID, clock.Now()); err != nil {
					t.Fatal(err)
				}
			},
			token: token, status: http.StatusUnauthorized, detail: "expired",
		},
		{
			name: "expiry an hour away",
			before: func() {
				if err := s.SetCredentialExpireTime(DefaultZoneID, credID, clock.Now().Add(time.Hour)); err != nil {
					t.Fatal(err)
				}
			},
			token: token, status: http.StatusOK,
		},
		{name: "the clock passes the expiry", before: func() { clock.Advance(time.Hour) }, token: token, status: http.StatusUnauthorized, detail: "expired"},
		{
			name: "sync disabled",
			before: func() {
				api.call("UpdateSCIMSynchronizationStatus", with("SCIMSynchronizationStatus", "Disabled")).wantCode(t, "")
			},
			token: second.CredentialSecret, status: http.StatusForbidden, detail: "synchronization is disabled",
		},
		{name: "sync disabled beats nothing: a bad token is still 401", token: "nope", status: http.StatusUnauthorized},
		{
			name: "sync enabled again",
			before: func() {
				api.call("UpdateSCIMSynchronizationStatus", with("SCIMSynchronizationStatus", "Enabled")).wantCode(t, "")
			},
			token: second.CredentialSecret, status: http.StatusOK,
		},
		{
			name:   "deleted through the API",
			before: func() { api.call("DeleteSCIMCredential", with("CredentialId", second.CredentialId)).wantCode(t, "") },
			token:  second.CredentialSecret, status: http.StatusUnauthorized, detail: "not a SCIM credential",
		},
	}
	c.token = ""
	// The steps run in order: each changes the credentials or the clock, then sends a request.
	for _, step := range steps {
		t.Run(step.name, func(t *testing.T) {
			if step.before != nil {
				step.before()
			}
			c.t = t
			res := c.do(http.MethodGet, "/Users", nil, func(r *http.Request) {
				switch {
				case step.header != "":
					r.Header.Set("Authorization", step.header)
				case step.token != "":
					r.Header.Set("Authorization", "Bearer "+step.token)
				}
			})
			if step.status == http.StatusOK {
				res.want(t, http.StatusOK)
				return
			}
			res.wantError(t, step.status, "")
			if !strings.Contains(res.str("detail"), step.detail) {
				t.Errorf("detail %q, want it to mention %q", res.str("detail"), step.detail)
			}
			if strings.Contains(string(res.Body), token) || strings.Contains(string(res.Body), second.CredentialSecret) {
				t.Error("the answer repeats a secret")
			}
			if got := res.Header.Get("WWW-Authenticate"); (step.status == http.StatusUnauthorized) != strings.HasPrefix(got, "Bearer") {
				t.Errorf("WWW-Authenticate %q", got)
			}
		})
	}
}

func TestSCIMSecretsNeverLogged(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var log strings.Builder
	logf := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(&log, format+"\n", args...)
	}
	_, _, c, _ := startSCIM(t, Options{Logf: logf})
	id := c.newUser(map[string]any{"userName": "pw-user", "password": "Pa55-never-logged"})
	c.do(http.MethodPatch, "/Users/"+id, patchBody(map[string]any{"op": "replace", "path": "password", "value": "Pa55-never-logged-2"})).want(t, http.StatusOK)
	good := c.token
	c.token = good + "-wrong"
	c.do(http.MethodGet, "/Users", nil).want(t, http.StatusUnauthorized)
	c.token = ""
	c.do(http.MethodGet, "/Users", nil, func(r *http.Request) { r.Header.Set("Authorization", "Basic "+good) }).want(t, http.StatusUnauthorized)
	c.token = good
	res := c.do(http.MethodGet, "/Users/"+id, nil).want(t, http.StatusOK)
	if strings.Contains(string(res.Body), "Pa55") {
		t.Errorf("the password is returned: %s", res.Body)
	}
	mu.Lock()
	defer mu.Unlock()
	if log.Len() == 0 {
		t.Fatal("nothing was logged")
	}
	for _, secret := range []string{good, "Pa55-never-logged"} {
		if strings.Contains(log.String(), secret) {
			t.Errorf("a secret reached the log:\n%s", log.String())
		}
	}
}

func TestSCIMObjectsThroughTheAPI(t *testing.T) {
	t.Parallel()
	_, api, c, _ := startSCIM(t, Options{})
	api.call("CreateUser", with("UserName", "manual-user")).wantCode(t, "")
	uid := c.newUser(map[string]any{
		"userName":    "Alice.Liddell@example.com",
		"externalId":  "okta-00u1",
		"name":        map[string]any{"givenName": "Alice", "familyName": "Liddell", "formatted": "Alice Liddell"},
		"displayName": "Alice L.",
		"active":      false,
		"emails": []any{
			map[string]any{"value": "alice@home.example", "type": "home"},
			map[string]any{"value": "alice@example.com", "type": "work", "primary": true},
		},
	})
	otherID := c.newUser(map[string]any{"userName": "bob", "emails": []any{map[string]any{"value": "bob@example.com"}}})
	gid := c.newGroup("Engineering Team", uid, otherID)
	if !strings.HasPrefix(uid, "u-") || !strings.HasPrefix(gid, "g-") {
		t.Fatalf("ids %s, %s: want Identity Center ids", uid, gid)
	}

	var users listUsersResponse
	api.call("ListUsers", with("UserType", "Synchronized")).into(t, &users)
	if len(users.Users) != 2 {
		t.Fatalf("ListUsers Synchronized: %+v", users.Users)
	}
	got := users.Users[0]
	want := userInfo{
		UserName: "Alice.Liddell@example.com", FirstName: "Alice", LastName: "Liddell", DisplayName: "Alice L.",
		Email: "alice@example.com", UserStatus: "Disabled", UserType: "Synchronized", UserId: uid,
		CreateTime: got.CreateTime, UpdateTime: got.UpdateTime,
	}
	if got != want {
		t.Errorf("ListUsers shows %+v, want %+v", got, want)
	}
	if users.Users[1].Email != "bob@example.com" || users.Users[1].UserStatus != "Enabled" {
		t.Errorf("second user %+v: want its only email and Enabled (active absent)", users.Users[1])
	}
	var groups listGroupsResponse
	api.call("ListGroups", with("GroupType", "Synchronized")).into(t, &groups)
	if len(groups.Groups) != 1 || groups.Groups[0].GroupName != "Engineering Team" || groups.Groups[0].MemberCount != 2 {
		t.Errorf("ListGroups shows %+v", groups.Groups)
	}
	var stats getZoneStatisticsResponse
	api.call("GetZoneStatistics", zoneOnly).into(t, &stats)
	if stats.ZoneStatistics.UserCount != 3 || stats.ZoneStatistics.GroupCount != 1 {
		t.Errorf("statistics %+v: want 3 users (2 over SCIM) and 1 group", stats.ZoneStatistics)
	}
	// The API's own group names may not contain spaces; SCIM's may.
	api.call("CreateGroup", with("GroupName", "Another Team")).wantCode(t, codeGroupNameFormatError)
	if groups := asList(c.do(http.MethodGet, "/Users/"+uid, nil).JSON["groups"]); len(groups) != 1 {
		t.Errorf("the user's groups attribute %v", groups)
	}

	// While sync is on, the IdP owns these objects.
	readOnly := []struct {
		action string
		kv     []any
		code   string
	}{
		{"UpdateUser", []any{"UserId", uid, "NewEmail", "alice@new.example", "NewDisplayName", "Changed"}, codeSynchronizedUserNotUpdate},
		{"UpdateUserStatus", []any{"UserId", uid, "NewUserStatus", "Enabled"}, codeSynchronizedUserNotUpdate},
		{"UpdateGroup", []any{"GroupId", gid, "NewDescription", "x"}, codeSynchronizedGroupNotUpdate},
		{"RemoveUserFromGroup", []any{"GroupId", gid, "UserId", otherID}, codeSynchronizedGroupNotRemoveUser},
		{"DeleteUser", []any{"UserId", otherID}, codeSynchronizedUserNotDelete},
		{"DeleteGroup", []any{"GroupId", gid}, codeSynchronizedGroupNotDelete},
	}
	for _, step := range readOnly {
		api.call(step.action, with(step.kv...)).wantCode(t, step.code)
	}
	api.call("UpdateSCIMSynchronizationStatus", with("SCIMSynchronizationStatus", "Disabled")).wantCode(t, "")
	c.do(http.MethodGet, "/Users/"+uid, nil).wantError(t, http.StatusForbidden, "")
	for _, step := range readOnly[:4] {
		api.call(step.action, with(step.kv...)).wantCode(t, "")
	}
	// The API edits the SCIM group although its name breaks the API's rule; a new name must not.
	api.call("UpdateGroup", with("GroupId", gid, "NewGroupName", "Platform Team")).wantCode(t, codeGroupNameFormatError)
	api.call("UpdateSCIMSynchronizationStatus", with("SCIMSynchronizationStatus", "Enabled")).wantCode(t, "")

	// What the API changed shows over SCIM; what it did not touch stays as the IdP wrote it.
	alice := c.do(http.MethodGet, "/Users/"+uid, nil).want(t, http.StatusOK)
	if alice.str("displayName") != "Changed" || alice.JSON["active"] != true ||
		!jsonEqual(emailParts(alice.JSON["emails"]), []any{[]any{"alice@home.example", "home", false}, []any{"alice@new.example", "work", true}}) {
		t.Errorf("after the API's changes SCIM shows %s", alice.Body)
	}
	if name, _ := alice.JSON["name"].(map[string]any); name["formatted"] != "Alice Liddell" || alice.str("externalId") != "okta-00u1" {
		t.Errorf("unmapped attributes lost: %s", alice.Body)
	}
	if members := memberValues(c.do(http.MethodGet, "/Groups/"+gid, nil).JSON["members"]); !slices.Equal(members, []string{uid}) {
		t.Errorf("members %v after RemoveUserFromGroup", members)
	}

	// Manual users and groups do not exist for SCIM.
	var manual listUsersResponse
	api.call("ListUsers", with("UserType", "Manual")).into(t, &manual)
	c.do(http.MethodGet, "/Users/"+manual.Users[0].UserId, nil).wantError(t, http.StatusNotFound, "")
	wantCounts(t, c.do(http.MethodGet, "/Users", nil), 2, 2)

	// Deleting over SCIM removes the user from the zone and its groups.
	c.do(http.MethodDelete, "/Users/"+uid, nil).want(t, http.StatusNoContent)
	api.call("GetUser", with("UserId", uid)).wantCode(t, codeUserNotExist)
	var g groupInfoResponse
	api.call("GetGroup", with("GroupId", gid)).into(t, &g)
	if g.GroupInfo.MemberCount != 0 {
		t.Errorf("MemberCount %d after the member's deletion", g.GroupInfo.MemberCount)
	}
}

func TestSCIMStateSurvivesRestart(t *testing.T) {
	t.Parallel()
	state := filepath.Join(t.TempDir(), "state.json")
	clock := newTestClock()
	opts := Options{StateFile: state, Now: clock.Now, Logf: t.Logf}
	s, _, c, _ := startSCIM(t, opts)
	uid := c.newUser(map[string]any{
		"userName": "persisted", "nickName": "Pers", "active": false,
		"emails": []any{map[string]any{"value": "p@example.com", "type": "work", "primary": true}},
		"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": map[string]any{"employeeNumber": "42"},
	})
	other := c.newUser(map[string]any{"userName": "other"})
	clock.Advance(time.Minute)
	gid := c.newGroup("Persisted Team", uid)
	c.do(http.MethodPatch, "/Groups/"+gid, patchBody(map[string]any{"op": "add", "path": "members", "value": []any{map[string]any{"value": other}}})).want(t, http.StatusNoContent)
	before := map[string]scimResult{}
	for _, p := range []string{"/Users/" + uid, "/Users/" + other, "/Groups/" + gid} {
		before[p] = c.do(http.MethodGet, p, nil).want(t, http.StatusOK)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(state)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(raw), "password") {
		t.Error("the state file holds a password field")
	}

	s2, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := s2.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s2.Close() })
	c.base = "http://" + s2.Addr() + scimPrefix // the same secret works: credentials persist
	for p, old := range before {
		now := c.do(http.MethodGet, p, nil).want(t, http.StatusOK)
		if !jsonEqual(withoutLocations(now.JSON), withoutLocations(old.JSON)) {
			t.Errorf("%s after the restart:\n%s\nbefore:\n%s", p, now.Body, old.Body)
		}
	}
}

// withoutLocations drops what depends on the listening port: meta.location and $ref values.
func withoutLocations(doc map[string]any) map[string]any {
	out := cloneMap(doc)
	if meta, ok := out["meta"].(map[string]any); ok {
		delete(meta, "location")
	}
	for _, key := range []string{"members", "groups"} {
		for _, e := range asList(out[key]) {
			if m, ok := e.(map[string]any); ok {
				delete(m, "$ref")
			}
		}
	}
	return out
}

func TestSCIMStatsAndNoThrottling(t *testing.T) {
	t.Parallel()
	s, api, c, _ := startSCIM(t, Options{RateLimit: 1})
	s.ResetStats()
	id := c.newUser(map[string]any{"userName": "counted"})
	c.newUser(map[string]any{"userName": "counted-2"})
	for range 10 { // far above -rate-limit 1 per second: SCIM is not an API action
		c.do(http.MethodGet, "/Users/"+id, nil).want(t, http.StatusOK)
	}
	c.do(http.MethodPatch, "/Users/"+id, patchBody(map[string]any{"op": "replace", "path": "displayName", "value": "C"})).want(t, http.StatusOK)
	c.do(http.MethodGet, "/Users?filter="+url.QueryEscape(`userName eq "counted"`), nil).want(t, http.StatusOK)
	if err := s.SetFaults("InternalError=1"); err != nil {
		t.Fatal(err)
	}
	c.do(http.MethodGet, "/Groups", nil).want(t, http.StatusOK) // -faults are for the API only
	api.call("DescribeIdentityCenter", map[string]any{}).wantCode(t, codeInternalError)
	c.token = ""
	c.do(http.MethodGet, "/Users", nil).want(t, http.StatusUnauthorized)

	resp, err := c.http.Get("http://" + s.Addr() + "/_sim/stats")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var stats struct {
		Calls     map[string]int64 `json:"calls"`
		Throttled *int64           `json:"throttled"`
		Faults    *int64           `json:"faults"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&stats); err != nil {
		t.Fatal(err)
	}
	want := map[string]int64{
		"SCIM POST /Users":       2,
		"SCIM GET /Users/{id}":   10,
		"SCIM PATCH /Users/{id}": 1,
		"SCIM GET /Users":        2,
		"SCIM GET /Groups":       1,
		"DescribeIdentityCenter": 1,
	}
	if !maps.Equal(stats.Calls, want) {
		t.Errorf("calls %v, want %v", stats.Calls, want)
	}
	if stats.Throttled == nil || *stats.Throttled != 0 || stats.Faults == nil || *stats.Faults != 1 {
		t.Errorf("throttled %v, faults %v: want 0 and 1 (the API call)", stats.Throttled, stats.Faults)
	}
}

// scimPopulation creates users and groups for the filter, paging and projection tests.
func scimPopulation(t *testing.T, c *scimClient) (map[string]string, map[string]string) {
	t.Helper()
	users := map[string]string{}
	for _, u := range []map[string]any{
		{"userName": "bjensen", "externalId": "ABC-1", "displayName": "Barbara Jensen", "active": true, "title": "Guide",
			"emails": []any{map[string]any{"value": "B.Jensen@Example.com", "type": "work", "primary": true}}},
		{"userName": "jsmith", "externalId": "abc-1", "displayName": "James Smith", "active": false,
			"emails": []any{map[string]any{"value": "jsmith@example.org", "type": "home"}}},
		{"userName": "ADoe", "displayName": "Anne Doe", "nickName": "Annie",
			"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": map[string]any{"department": "Sales"}},
	} {
		name, _ := u["userName"].(string)
		users[strings.ToLower(name)] = c.newUser(u)
	}
	groups := map[string]string{
		"eng":   c.newGroup("Engineering Team", users["bjensen"], users["jsmith"]),
		"sales": c.newGroup("Sales", users["adoe"]),
	}
	return users, groups
}

func TestSCIMFilters(t *testing.T) {
	t.Parallel()
	_, _, c, _ := startSCIM(t, Options{})
	users, groups := scimPopulation(t, c)
	for _, tc := range []struct {
		endpoint, filter string
		want             []string // names in users/groups
	}{
		{"/Users", `userName eq "BJENSEN"`, []string{"bjensen"}},
		{"/Users", `USERNAME eq "adoe"`, []string{"adoe"}},
		{"/Users", `externalId eq "abc-1"`, []string{"jsmith"}}, // caseExact
		{"/Users", `emails.value eq "b.jensen@example.COM"`, []string{"bjensen"}},
		{"/Users", `emails eq "jsmith@example.org"`, []string{"jsmith"}},
		{"/Users", `displayName co "SMITH" or nickName sw "ann"`, []string{"jsmith", "adoe"}},
		{"/Users", `displayName ew "doe"`, []string{"adoe"}},
		{"/Users", `active eq false`, []string{"jsmith"}},
		{"/Users", `active ne false`, []string{"bjensen", "adoe"}},
		{"/Users", `not (title pr)`, []string{"jsmith", "adoe"}},
		{"/Users", `name pr`, []string{}},
		{"/Users", `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "sales"`, []string{"adoe"}},
		{"/Users", `meta.resourceType eq "User" and userName gt "b"`, []string{"bjensen", "jsmith"}},
		{"/Users", `emails[type eq "home"]`, []string{"jsmith"}},
		{"/Groups", `displayName eq "engineering team"`, []string{"eng"}},
		{"/Groups", `displayName sw "s"`, []string{"sales"}},
		{"/Groups", `members.value eq "` + users["adoe"] + `"`, []string{"sales"}},
		{"/Groups", `members[value eq "` + users["jsmith"] + `"]`, []string{"eng"}},
	} {
		res := c.do(http.MethodGet, tc.endpoint+"?filter="+url.QueryEscape(tc.filter), nil)
		if res.Status != http.StatusOK {
			t.Errorf("%s: %d %s", tc.filter, res.Status, res.Body)
			continue
		}
		var want []string
		for _, n := range tc.want {
			want = append(want, cmpOrID(users, groups, n))
		}
		if got := resourceIDs(res); !slices.Equal(got, want) {
			t.Errorf("%s selects %v, want %v", tc.filter, got, tc.want)
		}
	}

	// meta.version is comparable too (it is computed only for filters that mention it).
	meta, _ := c.do(http.MethodGet, "/Users/"+users["jsmith"], nil).JSON["meta"].(map[string]any)
	version, _ := meta["version"].(string)
	res := c.do(http.MethodGet, "/Users?filter="+url.QueryEscape(`meta.version eq "`+strings.ReplaceAll(version, `"`, `\"`)+`"`), nil)
	if got := resourceIDs(res.want(t, http.StatusOK)); version == "" || !slices.Equal(got, []string{users["jsmith"]}) {
		t.Errorf("meta.version eq %s selects %v", version, got)
	}

	for _, bad := range []string{
		`nickname eq`,                     // syntax
		`foo eq "x"`,                      // unknown attribute
		`name.nothing eq "x"`,             // unknown sub-attribute
		`active eq "yes"`,                 // boolean compared with a string
		`active gt true`,                  // booleans are not ordered
		`userName gt 5`,                   // string compared with a number
		`meta.created co "2011"`,          // substrings of a dateTime
		`meta.created gt "yesterday"`,     // not a time
		`userName eq null`,                // null comparison
		`userName[value eq "x"]`,          // value filter on a simple attribute
		`urn:example:unknown:attr eq "x"`, // unknown schema
	} {
		c.do(http.MethodGet, "/Users?filter="+url.QueryEscape(bad), nil).wantError(t, http.StatusBadRequest, "invalidFilter")
	}
	c.do(http.MethodGet, "/Groups?filter="+url.QueryEscape(`userName eq "x"`), nil).wantError(t, http.StatusBadRequest, "invalidFilter")
}

// TestSCIMFilterNotEqualMultiValued follows RFC 7644 §3.4.2.2: "If the specified attribute in a
// filter expression is a multi-valued attribute, the filter matches if any of the values of the
// specified attribute match the specified criterion" — ne included. A user with a second,
// different email matches emails.value ne "x"; a user with no email has no value that could, and
// does not. "No value equals x" is written not (… eq "x").
func TestSCIMFilterNotEqualMultiValued(t *testing.T) {
	t.Parallel()
	_, _, c, _ := startSCIM(t, Options{})
	email := func(v string, primary bool) map[string]any {
		return map[string]any{"value": v, "type": "work", "primary": primary}
	}
	ids := map[string]string{
		"only-x":  c.newUser(map[string]any{"userName": "only-x", "emails": []any{email("x@example.com", true)}}),
		"x-and-y": c.newUser(map[string]any{"userName": "x-and-y", "emails": []any{email("y@example.com", true), email("X@example.com", false)}}),
		"none":    c.newUser(map[string]any{"userName": "none"}),
		"only-z":  c.newUser(map[string]any{"userName": "only-z", "emails": []any{email("z@example.com", true)}}),
	}
	groups := map[string]string{
		"with-x":  c.newGroup("with-x", ids["only-x"]),
		"x-and-z": c.newGroup("x-and-z", ids["only-x"], ids["only-z"]),
		"empty":   c.newGroup("empty"),
	}
	for _, tc := range []struct {
		endpoint, filter string
		want             []string
	}{
		{"/Users", `emails.value ne "x@example.com"`, []string{"x-and-y", "only-z"}},
		{"/Users", `emails ne "x@example.com"`, []string{"x-and-y", "only-z"}},
		{"/Users", `emails[value ne "x@example.com"]`, []string{"x-and-y", "only-z"}},
		{"/Users", `not (emails.value eq "x@example.com")`, []string{"none", "only-z"}},
		{"/Users", `emails.type ne "work"`, []string{}},
		{"/Groups", `members.value ne "` + ids["only-x"] + `"`, []string{"x-and-z"}},
		{"/Groups", `not (members.value eq "` + ids["only-x"] + `")`, []string{"empty"}},
	} {
		res := c.do(http.MethodGet, tc.endpoint+"?filter="+url.QueryEscape(tc.filter), nil).want(t, http.StatusOK)
		want := []string{}
		for _, name := range tc.want {
			want = append(want, cmpOrID(ids, groups, name))
		}
		if got := resourceIDs(res); !slices.Equal(got, want) {
			t.Errorf("%s selects %v, want %v (%v)", tc.filter, got, want, tc.want)
		}
	}
}

func cmpOrID(users, groups map[string]string, name string) string {
	if id, ok := users[name]; ok {
		return id
	}
	return groups[name]
}

func TestSCIMPaging(t *testing.T) {
	t.Parallel()
	_, _, c, _ := startSCIM(t, Options{})
	var ids []string
	for i := range 5 {
		ids = append(ids, c.newUser(map[string]any{"userName": fmt.Sprintf("page-%d", i)}))
	}
	for _, tc := range []struct {
		query      string
		want       []string
		startIndex float64
	}{
		{"", ids, 1},
		{"startIndex=1&count=2", ids[:2], 1},
		{"startIndex=3&count=2", ids[2:4], 3},
		{"startIndex=5&count=2", ids[4:], 5},
		{"startIndex=6", nil, 6},
		{"count=0", nil, 1},
		{"count=-3", nil, 1},
		{"count=1000", ids, 1},
		{"startIndex=0&count=1", ids[:1], 1},
		{"startIndex=-4&count=1", ids[:1], 1},
	} {
		res := c.do(http.MethodGet, "/Users?"+tc.query, nil).want(t, http.StatusOK)
		if got := resourceIDs(res); !slices.Equal(got, tc.want) {
			t.Errorf("%q: %v, want %v", tc.query, got, tc.want)
		}
		if res.JSON["totalResults"] != 5.0 || res.JSON["itemsPerPage"] != float64(len(tc.want)) || res.JSON["startIndex"] != tc.startIndex {
			t.Errorf("%q: totalResults %v, itemsPerPage %v, startIndex %v", tc.query, res.JSON["totalResults"], res.JSON["itemsPerPage"], res.JSON["startIndex"])
		}
	}
	for _, bad := range []string{"count=ten", "startIndex=1.5"} {
		c.do(http.MethodGet, "/Users?"+bad, nil).wantError(t, http.StatusBadRequest, "invalidValue")
	}
	// Searches page the same way.
	res := c.do(http.MethodPost, "/Users/.search", map[string]any{
		"schemas": []string{scimSearchURN}, "startIndex": 2, "count": 2, "filter": `userName sw "page"`,
	}).want(t, http.StatusOK)
	if got := resourceIDs(res); !slices.Equal(got, ids[1:3]) || res.JSON["totalResults"] != 5.0 {
		t.Errorf("search page %v of %v", got, res.JSON["totalResults"])
	}
}

func TestSCIMProjection(t *testing.T) {
	t.Parallel()
	_, _, c, _ := startSCIM(t, Options{})
	users, groups := scimPopulation(t, c)
	keys := func(m map[string]any) []string { return slices.Sorted(maps.Keys(m)) }
	for _, tc := range []struct {
		path string
		want map[string]any // the answer (for lists, its first resource)
	}{
		{"/Users/" + users["bjensen"] + "?attributes=emails.value,userName", map[string]any{
			"id": users["bjensen"], "schemas": []any{scimUserURN}, "userName": "bjensen", // no enterprise attribute
			"emails": []any{map[string]any{"value": "B.Jensen@Example.com"}},
		}},
		{"/Users/" + users["adoe"] + "?attributes=" + url.QueryEscape(scimEnterpriseURN+":department"), map[string]any{
			"id": users["adoe"], "schemas": []any{scimUserURN, scimEnterpriseURN},
			scimEnterpriseURN: map[string]any{"department": "Sales"},
		}},
		{"/Groups?filter=" + url.QueryEscape(`displayName eq "Sales"`) + "&attributes=displayName,meta.resourceType", map[string]any{
			"id": groups["sales"], "schemas": []any{scimGroupURN}, "displayName": "Sales", "meta": map[string]any{"resourceType": "Group"},
		}},
	} {
		res := c.do(http.MethodGet, tc.path, nil).want(t, http.StatusOK)
		got := res.JSON
		if list := asList(got["Resources"]); list != nil {
			got, _ = list[0].(map[string]any)
		}
		if !jsonEqual(got, tc.want) {
			t.Errorf("%s:\n got %v\nwant %v", tc.path, got, tc.want)
		}
	}
	res := c.do(http.MethodGet, "/Users/"+users["bjensen"]+"?excludedAttributes=emails,name.givenName,id,meta", nil).want(t, http.StatusOK)
	if k := keys(res.JSON); !slices.Equal(k, []string{"active", "displayName", "externalId", "groups", "id", "schemas", "title", "userName"}) {
		t.Errorf("excludedAttributes left %v", k)
	}
	// A group PATCH answers 204, or 200 with the resource when attributes are asked for.
	patch := patchBody(map[string]any{"op": "replace", "path": "displayName", "value": "Sales EMEA"})
	c.do(http.MethodPatch, "/Groups/"+groups["sales"], patch).want(t, http.StatusNoContent)
	res = c.do(http.MethodPatch, "/Groups/"+groups["sales"]+"?attributes=displayName", patch).want(t, http.StatusOK)
	if k := keys(res.JSON); !slices.Equal(k, []string{"displayName", "id", "schemas"}) || res.str("displayName") != "Sales EMEA" {
		t.Errorf("PATCH with attributes answered %s", res.Body)
	}
	c.do(http.MethodGet, "/Users?attributes="+url.QueryEscape("emails["), nil).wantError(t, http.StatusBadRequest, "invalidValue")
}

func TestSCIMWriteErrors(t *testing.T) {
	t.Parallel()
	_, api, c, _ := startSCIM(t, Options{})
	api.call("CreateUser", with("UserName", "manual", "Email", "manual@example.com")).wantCode(t, "")
	api.call("CreateGroup", with("GroupName", "manual-group")).wantCode(t, "")
	uid := c.newUser(map[string]any{"userName": "taken", "emails": []any{map[string]any{"value": "taken@example.com", "type": "work", "primary": true}}})
	gid := c.newGroup("Taken Group", uid)
	user := func(kv ...any) map[string]any {
		m := map[string]any{"schemas": []string{scimUserURN}}
		for i := 0; i < len(kv); i += 2 {
			m[fmt.Sprint(kv[i])] = kv[i+1]
		}
		return m
	}
	group := func(name string, members ...any) map[string]any {
		return map[string]any{"schemas": []string{scimGroupURN}, "displayName": name, "members": members}
	}
	patch := func(ops ...map[string]any) map[string]any { return patchBody(ops...) }
	for _, tc := range []struct {
		name         string
		method, path string
		body         any
		status       int
		scimType     string
	}{
		{"invalid JSON", http.MethodPost, "/Users", `{"schemas":["` + scimUserURN + `"],"userName":"x",}`, 400, "invalidSyntax"},
		{"no schemas", http.MethodPost, "/Users", map[string]any{"userName": "x"}, 400, "invalidSyntax"},
		{"no userName", http.MethodPost, "/Users", user("displayName", "x"), 400, "invalidValue"},
		{"userName with a space", http.MethodPost, "/Users", user("userName", "has space"), 400, "invalidValue"},
		{"userName of 65 characters", http.MethodPost, "/Users", user("userName", strings.Repeat("a", 65)), 400, "invalidValue"},
		{"not an email", http.MethodPost, "/Users", user("userName", "x", "emails", []any{map[string]any{"value": "no-at-sign"}}), 400, "invalidValue"},
		{"two primary emails", http.MethodPost, "/Users", user("userName", "x", "emails", []any{
			map[string]any{"value": "a@example.com", "primary": true}, map[string]any{"value": "b@example.com", "primary": true}}), 400, "invalidValue"},
		{"active is not a boolean", http.MethodPost, "/Users", user("userName", "x", "active", "maybe"), 400, "invalidValue"},
		{"userName taken, other case", http.MethodPost, "/Users", user("userName", "TAKEN"), 409, "uniqueness"},
		{"userName of a manual user", http.MethodPost, "/Users", user("userName", "manual"), 409, "uniqueness"},
		{"email taken", http.MethodPost, "/Users", user("userName", "x", "emails", []any{map[string]any{"value": "Taken@Example.com"}}), 409, "uniqueness"},
		{"group name taken, other case", http.MethodPost, "/Groups", group("taken group"), 409, "uniqueness"},
		{"group name of a manual group", http.MethodPost, "/Groups", group("Manual-Group"), 409, "uniqueness"},
		{"group name of 129 characters", http.MethodPost, "/Groups", group(strings.Repeat("g", 129)), 400, "invalidValue"},
		{"group name with a control character", http.MethodPost, "/Groups", group("tab\there"), 400, "invalidValue"},
		{"blank group name", http.MethodPost, "/Groups", group("   "), 400, "invalidValue"},
		{"unknown member", http.MethodPost, "/Groups", group("G", map[string]any{"value": "u-000000000000"}), 400, "invalidValue"},
		{"nested group", http.MethodPost, "/Groups", group("G", map[string]any{"value": gid}), 400, "invalidValue"},
		{"member of type Group", http.MethodPost, "/Groups", group("G", map[string]any{"value": uid, "type": "Group"}), 400, "invalidValue"},
		{"PATCH a user's groups", http.MethodPatch, "/Users/" + uid, patch(map[string]any{"op": "add", "path": "groups", "value": []any{map[string]any{"value": gid}}}), 400, "mutability"},
		{"PATCH meta", http.MethodPatch, "/Users/" + uid, patch(map[string]any{"op": "replace", "path": "meta.created", "value": "2011-01-01T00:00:00Z"}), 400, "mutability"},
		{"PATCH schemas", http.MethodPatch, "/Users/" + uid, patch(map[string]any{"op": "replace", "path": "schemas", "value": []any{"x"}}), 400, "mutability"},
		{"path-less PATCH of another id", http.MethodPatch, "/Users/" + uid, patch(map[string]any{"op": "replace", "value": map[string]any{"id": "u-other", "displayName": "x"}}), 400, "mutability"},
		{"path-less PATCH of groups", http.MethodPatch, "/Users/" + uid, patch(map[string]any{"op": "replace", "value": map[string]any{"groups": []any{}}}), 400, "mutability"},
		{"PUT with another id", http.MethodPut, "/Users/" + uid, user("id", "u-other", "userName", "taken"), 400, "mutability"},
		{"replace through a filter matching nothing", http.MethodPatch, "/Users/" + uid, patch(map[string]any{"op": "replace", "path": `emails[type eq "home"].value`, "value": "h@example.com"}), 400, "noTarget"},
		{"remove without a path", http.MethodPatch, "/Users/" + uid, patch(map[string]any{"op": "remove"}), 400, "noTarget"},
		{"unknown attribute", http.MethodPatch, "/Users/" + uid, patch(map[string]any{"op": "replace", "path": "shoeSize", "value": "9"}), 400, "invalidPath"},
		{"unknown operation", http.MethodPatch, "/Users/" + uid, patch(map[string]any{"op": "move", "path": "displayName", "value": "x"}), 400, "invalidValue"},
		{"PatchOp schema missing", http.MethodPatch, "/Users/" + uid, map[string]any{"Operations": []any{map[string]any{"op": "remove", "path": "title"}}}, 400, "invalidValue"},
		{"PATCH removes userName", http.MethodPatch, "/Users/" + uid, patch(map[string]any{"op": "remove", "path": "userName"}), 400, "invalidValue"},
		{"PATCH makes a second primary email", http.MethodPatch, "/Users/" + uid, patch(map[string]any{"op": "add", "path": "emails", "value": []any{map[string]any{"value": "p2@example.com", "primary": "TRUE"}}}), 200, ""},
		{"PATCH adds an unknown member", http.MethodPatch, "/Groups/" + gid, patch(map[string]any{"op": "add", "path": "members", "value": []any{map[string]any{"value": "u-nobody"}}}), 400, "invalidValue"},
		{"GET an unknown user", http.MethodGet, "/Users/u-000000000000", nil, 404, ""},
		{"PUT an unknown user", http.MethodPut, "/Users/u-000000000000", user("userName", "x"), 404, ""},
		{"PATCH an unknown group", http.MethodPatch, "/Groups/g-000000000000", patch(map[string]any{"op": "remove", "path": "members"}), 404, ""},
		{"DELETE an unknown group", http.MethodDelete, "/Groups/g-000000000000", nil, 404, ""},
		{"a group id as a user", http.MethodGet, "/Users/" + gid, nil, 404, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := c.do(tc.method, tc.path, tc.body)
			if tc.status < 300 {
				res.want(t, tc.status)
				return
			}
			res.wantError(t, tc.status, tc.scimType)
		})
	}
	// After the refused writes the objects are as they were, but for the one accepted PATCH,
	// whose new primary email took over.
	u := c.do(http.MethodGet, "/Users/"+uid, nil).want(t, http.StatusOK)
	if got := emailParts(u.JSON["emails"]); !jsonEqual(got, []any{[]any{"taken@example.com", "work", false}, []any{"p2@example.com", nil, true}}) {
		t.Errorf("emails %v", got)
	}
	if m := memberValues(c.do(http.MethodGet, "/Groups/"+gid, nil).JSON["members"]); !slices.Equal(m, []string{uid}) {
		t.Errorf("members %v", m)
	}
}

func TestSCIMPatchForms(t *testing.T) {
	t.Parallel()
	_, api, c, _ := startSCIM(t, Options{})
	uid := c.newUser(map[string]any{"userName": "forms", "emails": []any{map[string]any{"value": "home@example.com", "type": "home"}}})
	steps := []struct {
		op    map[string]any
		check func(u scimResult) bool
	}{
		{ // Entra adds a first work email through a filter: the filter describes the new value.
			map[string]any{"op": "Add", "path": `emails[type eq "work"].value`, "value": "work@example.com"},
			func(u scimResult) bool {
				return jsonEqual(emailParts(u.JSON["emails"]), []any{[]any{"home@example.com", "home", false}, []any{"work@example.com", "work", false}})
			},
		},
		{ // Making the work email primary makes it the Identity Center email.
			map[string]any{"op": "replace", "path": `emails[type eq "work"].primary`, "value": "True"},
			func(u scimResult) bool {
				return jsonEqual(emailParts(u.JSON["emails"]), []any{[]any{"home@example.com", "home", false}, []any{"work@example.com", "work", true}})
			},
		},
		{ // A path-less add merges into name and sets a simple attribute.
			map[string]any{"op": "add", "value": map[string]any{"name": map[string]any{"givenName": "F"}, "name.familyName": "Orms", "TITLE": "Dr"}},
			func(u scimResult) bool {
				name, _ := u.JSON["name"].(map[string]any)
				return name["givenName"] == "F" && name["familyName"] == "Orms" && u.JSON["title"] == "Dr"
			},
		},
		{ // A path-less extension object.
			map[string]any{"op": "add", "value": map[string]any{scimEnterpriseURN: map[string]any{"costCenter": "7"}}},
			func(u scimResult) bool {
				ext, _ := u.JSON[scimEnterpriseURN].(map[string]any)
				return ext["costCenter"] == "7"
			},
		},
		{ // Removing the extension's last attribute removes the extension object.
			map[string]any{"op": "remove", "path": scimEnterpriseURN + ":costCenter"},
			func(u scimResult) bool { _, ok := u.JSON[scimEnterpriseURN]; return !ok },
		},
		{ // Removing a value that is already gone succeeds.
			map[string]any{"op": "remove", "path": `emails[type eq "other"]`},
			func(u scimResult) bool { return len(asList(u.JSON["emails"])) == 2 },
		},
		{
			map[string]any{"op": "remove", "path": "title"},
			func(u scimResult) bool { _, ok := u.JSON["title"]; return !ok },
		},
	}
	for i, step := range steps {
		res := c.do(http.MethodPatch, "/Users/"+uid, patchBody(step.op)).want(t, http.StatusOK)
		if !step.check(res) || !step.check(c.do(http.MethodGet, "/Users/"+uid, nil)) {
			t.Fatalf("step %d (%v): %s", i, step.op, res.Body)
		}
	}
	var out userInfoResponse
	api.call("GetUser", with("UserId", uid)).into(t, &out)
	if out.UserInfo.Email != "work@example.com" || out.UserInfo.FirstName != "F" || out.UserInfo.LastName != "Orms" {
		t.Errorf("the API sees %+v", out.UserInfo)
	}
	// A PATCH that changes nothing keeps lastModified and version.
	before := c.do(http.MethodGet, "/Users/"+uid, nil)
	c.do(http.MethodPatch, "/Users/"+uid, patchBody(map[string]any{"op": "replace", "path": "userName", "value": "forms"})).want(t, http.StatusOK)
	if after := c.do(http.MethodGet, "/Users/"+uid, nil); !jsonEqual(after.JSON["meta"], before.JSON["meta"]) {
		t.Errorf("meta changed by a no-op PATCH: %v → %v", before.JSON["meta"], after.JSON["meta"])
	}
}

// TestSCIMPatchNull follows RFC 7643 §2.5 ("Unassigned attributes, the null value, or empty array
// (in the case of a multi-valued attribute) SHALL be considered to be equivalent in 'state'.
// Assigning an attribute with the value 'null' or an empty array ... has the effect of making the
// attribute 'unassigned'") and RFC 7644 §3.5.2 (a PATCH is atomic: "If an error occurs, the
// resource MUST NOT be modified"). A null value in add or replace — with a path, inside a
// path-less value, for a sub-attribute, an extension attribute or externalId — unassigns the
// attribute and lets the other operations of the request apply; only required attributes
// (userName, a group's displayName) refuse it, and then nothing of the request applies.
func TestSCIMPatchNull(t *testing.T) {
	t.Parallel()
	_, api, c, _ := startSCIM(t, Options{})
	ent := func(name string) string { return scimEnterpriseURN + ":" + name }
	uid := c.newUser(map[string]any{
		"schemas": []any{scimUserURN, scimEnterpriseURN}, "userName": "nulls", "externalId": "ext-1",
		"displayName": "Nulls", "nickName": "Nick", "title": "Dr", "userType": "Employee",
		"name": map[string]any{"givenName": "Given", "familyName": "Family", "middleName": "Middle"},
		"emails": []any{
			map[string]any{"value": "work@example.com", "type": "work", "primary": true},
			map[string]any{"value": "home@example.com", "type": "home"},
		},
		scimEnterpriseURN: map[string]any{"employeeNumber": "7", "department": "Tours", "costCenter": "4130"},
	})
	user := func() map[string]any { return c.do(http.MethodGet, "/Users/"+uid, nil).want(t, http.StatusOK).JSON }
	patch := func(path string, ops ...map[string]any) scimResult {
		return c.do(http.MethodPatch, path, patchBody(ops...))
	}
	op := func(name, path string, value any) map[string]any {
		o := map[string]any{"op": name, "value": value}
		if path != "" {
			o["path"] = path
		}
		return o
	}
	absent := func(doc map[string]any, keys ...string) {
		t.Helper()
		for _, k := range keys {
			if v, ok := doc[k]; ok {
				t.Errorf("%s = %v, want it unassigned", k, v)
			}
		}
	}

	patch("/Users/"+uid, op("replace", "title", nil)).want(t, http.StatusOK)
	absent(user(), "title")

	// Path-less: the null member is unassigned, the other member applies.
	patch("/Users/"+uid, op("replace", "", map[string]any{"nickName": nil, "displayName": "Renamed"})).want(t, http.StatusOK)
	u := user()
	absent(u, "nickName")
	if u["displayName"] != "Renamed" {
		t.Errorf("displayName %v next to a null member", u["displayName"])
	}

	// Sub-attributes: by path, and inside a complex value (which otherwise merges).
	patch("/Users/"+uid, op("replace", "name.middleName", nil)).want(t, http.StatusOK)
	patch("/Users/"+uid, op("replace", "name", map[string]any{"givenName": "Given2", "familyName": nil})).want(t, http.StatusOK)
	if name, _ := user()["name"].(map[string]any); !jsonEqual(name, map[string]any{"givenName": "Given2"}) {
		t.Errorf("name %v, want only givenName Given2", name)
	}
	var info userInfoResponse
	api.call("GetUser", with("UserId", uid)).into(t, &info)
	if info.UserInfo.FirstName != "Given2" || info.UserInfo.LastName != "" {
		t.Errorf("the API sees FirstName %q LastName %q", info.UserInfo.FirstName, info.UserInfo.LastName)
	}

	// add with null, externalId, an extension attribute by path and inside its URN's object, and
	// an operation without null in the same request.
	patch("/Users/"+uid,
		op("add", "externalId", nil),
		op("replace", ent("employeeNumber"), nil),
		op("replace", "", map[string]any{scimEnterpriseURN: map[string]any{"department": nil}}),
		op("add", "userType", "Contractor"),
	).want(t, http.StatusOK)
	u = user()
	absent(u, "externalId")
	if ext, _ := u[scimEnterpriseURN].(map[string]any); !jsonEqual(ext, map[string]any{"costCenter": "4130"}) || u["userType"] != "Contractor" {
		t.Errorf("extension %v, userType %v", ext, u["userType"])
	}

	// Multi-valued: null through a value filter unassigns the values it selects; add null adds
	// no value.
	patch("/Users/"+uid, op("replace", `emails[type eq "home"]`, nil), op("add", "emails", nil)).want(t, http.StatusOK)
	if got := emailParts(user()["emails"]); !jsonEqual(got, []any{[]any{"work@example.com", "work", true}}) {
		t.Errorf("emails %v", got)
	}

	// The whole extension null: no enterprise attribute is left, and schemas says so.
	patch("/Users/"+uid, op("replace", "", map[string]any{scimEnterpriseURN: nil})).want(t, http.StatusOK)
	u = user()
	absent(u, scimEnterpriseURN)
	if !jsonEqual(u["schemas"], []any{scimUserURN}) {
		t.Errorf("schemas %v without enterprise attributes", u["schemas"])
	}

	// A required attribute cannot be unassigned, and the request changes nothing.
	before := user()
	patch("/Users/"+uid, op("replace", "displayName", "Not Applied"), op("replace", "userName", nil)).wantError(t, http.StatusBadRequest, "invalidValue")
	patch("/Users/"+uid, op("replace", "", map[string]any{"userName": nil, "title": "Not Applied"})).wantError(t, http.StatusBadRequest, "invalidValue")
	if after := user(); !jsonEqual(after, before) {
		t.Errorf("a refused PATCH changed the user:\n%v\n%v", before, after)
	}

	gid := c.newGroup("Null Group", uid)
	patch("/Groups/"+gid, op("replace", "displayName", nil)).wantError(t, http.StatusBadRequest, "invalidValue")
	patch("/Groups/"+gid, op("add", "externalId", "g-ext"), op("replace", "members", nil)).want(t, http.StatusNoContent)
	g := c.do(http.MethodGet, "/Groups/"+gid, nil).want(t, http.StatusOK).JSON
	if g["displayName"] != "Null Group" || g["externalId"] != "g-ext" || len(asList(g["members"])) != 0 {
		t.Errorf("group %v", g)
	}
	patch("/Groups/"+gid, op("replace", "", map[string]any{"externalId": nil})).want(t, http.StatusNoContent)
	absent(c.do(http.MethodGet, "/Groups/"+gid, nil).JSON, "externalId")
}

func TestSCIMEndpoints(t *testing.T) {
	t.Parallel()
	_, _, c, _ := startSCIM(t, Options{})
	schemas := c.do(http.MethodGet, "/Schemas", nil).want(t, http.StatusOK)
	var ids []string
	for _, s := range asList(schemas.JSON["Resources"]) {
		m, _ := s.(map[string]any)
		ids = append(ids, fmt.Sprint(m["id"]))
	}
	for _, want := range []string{scimUserURN, scimGroupURN, scimEnterpriseURN} {
		if !slices.Contains(ids, want) {
			t.Errorf("/Schemas lacks %s: %v", want, ids)
		}
	}
	if schemas.JSON["itemsPerPage"] != float64(len(ids)) {
		t.Errorf("/Schemas itemsPerPage %v for %d schemas", schemas.JSON["itemsPerPage"], len(ids))
	}
	c.do(http.MethodGet, "/Schemas/"+scimUserURN, nil).want(t, http.StatusOK)
	types := c.do(http.MethodGet, "/ResourceTypes", nil).want(t, http.StatusOK)
	wantCounts(t, types, 2, 2)
	if user := c.do(http.MethodGet, "/ResourceTypes/User", nil).want(t, http.StatusOK); user.str("endpoint") != "/Users" {
		t.Errorf("ResourceTypes/User %s", user.Body)
	}
	c.do(http.MethodGet, "/", nil).wantError(t, http.StatusNotImplemented, "")
	c.do(http.MethodPost, "/Users/", map[string]any{"schemas": []string{scimUserURN}, "userName": "trailing-slash"}).want(t, http.StatusCreated)
	c.do(http.MethodGet, "/Users/?filter="+url.QueryEscape(`userName eq "trailing-slash"`), nil).want(t, http.StatusOK)
	c.do(http.MethodPut, "/Users", map[string]any{"schemas": []string{scimUserURN}, "id": "u-x", "userName": "x"}).wantError(t, http.StatusNotFound, "")
	c.do(http.MethodGet, "/Nothing", nil).wantError(t, http.StatusNotFound, "")

	body := `{"schemas":["` + scimUserURN + `"],"userName":"%s"}`
	for _, tc := range []struct {
		contentType string
		status      int
	}{
		{"application/scim+json", http.StatusCreated},
		{"application/scim+json; charset=utf-8", http.StatusCreated},
		{"application/json", http.StatusCreated},
		{"", http.StatusCreated},
		{"text/plain", http.StatusUnsupportedMediaType},
		{"application/x-www-form-urlencoded", http.StatusUnsupportedMediaType}, // curl -d without -H
	} {
		name := strings.NewReplacer("/", "-", ";", "", " ", "", "=", "-", "+", "-").Replace("ct-" + tc.contentType)
		res := c.do(http.MethodPost, "/Users", fmt.Sprintf(body, name), func(r *http.Request) {
			if tc.contentType == "" {
				r.Header.Del("Content-Type")
			} else {
				r.Header.Set("Content-Type", tc.contentType)
			}
		})
		if tc.status == http.StatusCreated {
			res.want(t, tc.status)
		} else {
			res.wantError(t, tc.status, "")
		}
	}
	huge := fmt.Sprintf(body, "huge") + strings.Repeat(" ", scimMaxBody)
	c.do(http.MethodPost, "/Users", huge).wantError(t, http.StatusRequestEntityTooLarge, "")

	search := func(path string, body map[string]any) scimResult { return c.do(http.MethodPost, path, body) }
	search("/Users/.search", map[string]any{"schemas": []string{"urn:wrong"}}).wantError(t, http.StatusBadRequest, "invalidValue")
	search("/.search", map[string]any{"schemas": []string{scimSearchURN}, "filter": `nothing eq "x"`}).wantError(t, http.StatusBadRequest, "invalidFilter")
	gid := c.newGroup("ct-team")
	res := search("/.search", map[string]any{"schemas": []string{scimSearchURN}, "filter": `userName sw "ct-" or displayName sw "ct-"`, "count": 100})
	if res.want(t, http.StatusOK); res.JSON["totalResults"] != 4.0 {
		t.Errorf("root search found %v, want 3 users and 1 group: %s", res.JSON["totalResults"], res.Body)
	}
	// A filter that only fits users still searches groups (and finds none there).
	res = search("/.search", map[string]any{"schemas": []string{scimSearchURN}, "filter": `displayName sw "ct-"`})
	if ids := resourceIDs(res.want(t, http.StatusOK)); !slices.Equal(ids, []string{gid}) {
		t.Errorf("root search by displayName: %v", ids)
	}
	if res := search("/Groups/.search", map[string]any{"schemas": []string{scimSearchURN}, "filter": `displayName eq "CT-TEAM"`}); !slices.Equal(resourceIDs(res), []string{gid}) {
		t.Errorf("group search: %s", res.Body)
	}
}

// TestSCIMUnsupportedOperations follows RFC 7644 §3.12: 501 Not Implemented is the answer when
// the "service provider does not support the request operation", with the SCIM error body. Bulk
// (§3.7) is such an operation here, as ServiceProviderConfig's bulk.supported false says (§3.7:
// clients learn bulk support from it), and so is /Me (§3.11).
func TestSCIMUnsupportedOperations(t *testing.T) {
	t.Parallel()
	_, _, c, _ := startSCIM(t, Options{})
	config := c.do(http.MethodGet, "/ServiceProviderConfig", nil).want(t, http.StatusOK)
	if bulk, _ := config.JSON["bulk"].(map[string]any); bulk["supported"] != false {
		t.Fatalf("ServiceProviderConfig bulk %v", config.JSON["bulk"])
	}
	bulk := map[string]any{
		"schemas": []string{"urn:ietf:params:scim:api:messages:2.0:BulkRequest"},
		"Operations": []any{map[string]any{"method": "POST", "path": "/Users", "bulkId": "qwerty",
			"data": map[string]any{"schemas": []string{scimUserURN}, "userName": "alice"}}},
	}
	for _, tc := range []struct {
		method, path string
		body         any
	}{
		{http.MethodPost, "/Bulk", bulk},
		{http.MethodGet, "/Bulk", nil},
		{http.MethodGet, "/Me", nil},
		{http.MethodPost, "/Me", map[string]any{"schemas": []string{scimUserURN}, "userName": "me"}},
	} {
		res := c.do(tc.method, tc.path, tc.body)
		res.wantError(t, http.StatusNotImplemented, "")
		if res.str("detail") == "" {
			t.Errorf("%s %s: no detail in %s", tc.method, tc.path, res.Body)
		}
	}
	// Nothing of the bulk request was carried out.
	if res := c.do(http.MethodGet, "/Users?filter="+url.QueryEscape(`userName eq "alice"`), nil); res.JSON["totalResults"] != 0.0 {
		t.Errorf("the bulk request created a user: %s", res.Body)
	}
}

// TestSCIMSchemasListHeldSchemas follows RFC 7643 §3: "schemas" lists the URIs of the schemas
// "that define the attributes present in the current JSON structure", so the enterprise
// extension's URN appears exactly while the user holds one of its attributes, in every answer
// (create, read, list, search, PATCH, attributes=), and a filter on schemas agrees.
func TestSCIMSchemasListHeldSchemas(t *testing.T) {
	t.Parallel()
	_, _, c, _ := startSCIM(t, Options{})
	core, both := []any{scimUserURN}, []any{scimUserURN, scimEnterpriseURN}
	wantSchemas := func(where string, doc any, want []any) {
		t.Helper()
		m, _ := doc.(map[string]any)
		if got := m["schemas"]; !jsonEqual(got, want) {
			t.Errorf("%s: schemas %v, want %v", where, got, want)
		}
	}
	plain := c.do(http.MethodPost, "/Users", map[string]any{"schemas": core, "userName": "plain"}).want(t, http.StatusCreated)
	wantSchemas("POST with the core schema", plain.JSON, core)
	// A client that names the extension without sending any of its attributes gets the core
	// schema back: nothing of the extension is present.
	named := c.do(http.MethodPost, "/Users", map[string]any{"schemas": both, "userName": "named"}).want(t, http.StatusCreated)
	wantSchemas("POST naming the extension only", named.JSON, core)
	ext := c.do(http.MethodPost, "/Users", map[string]any{"schemas": both, "userName": "ext",
		scimEnterpriseURN: map[string]any{"employeeNumber": "701984"}}).want(t, http.StatusCreated)
	wantSchemas("POST with an extension attribute", ext.JSON, both)
	plainID, extID := plain.str("id"), ext.str("id")

	wantSchemas("GET plain", c.do(http.MethodGet, "/Users/"+plainID, nil).JSON, core)
	wantSchemas("GET ext", c.do(http.MethodGet, "/Users/"+extID, nil).JSON, both)
	wantSchemas("GET ext, attributes=userName", c.do(http.MethodGet, "/Users/"+extID+"?attributes=userName", nil).JSON, core)
	list := c.do(http.MethodGet, "/Users", nil).want(t, http.StatusOK)
	for _, r := range asList(list.JSON["Resources"]) {
		want := core
		if m, _ := r.(map[string]any); m["id"] == extID {
			want = both
		}
		wantSchemas("list", r, want)
	}
	search := c.do(http.MethodPost, "/.search", map[string]any{"schemas": []string{scimSearchURN}, "filter": `userName eq "ext"`}).want(t, http.StatusOK)
	wantSchemas("root search", asList(search.JSON["Resources"])[0], both)
	byExt := c.do(http.MethodGet, "/Users?filter="+url.QueryEscape(`schemas eq "`+scimEnterpriseURN+`"`), nil).want(t, http.StatusOK)
	if got := resourceIDs(byExt); !slices.Equal(got, []string{extID}) {
		t.Errorf("schemas eq the extension selects %v, want only %s", got, extID)
	}

	added := c.do(http.MethodPatch, "/Users/"+plainID, patchBody(map[string]any{"op": "add", "path": scimEnterpriseURN + ":department", "value": "Tour Operations"})).want(t, http.StatusOK)
	wantSchemas("PATCH adding an extension attribute", added.JSON, both)
	removed := c.do(http.MethodPatch, "/Users/"+plainID, patchBody(map[string]any{"op": "remove", "path": scimEnterpriseURN + ":department"})).want(t, http.StatusOK)
	wantSchemas("PATCH removing the last extension attribute", removed.JSON, core)

	group := c.do(http.MethodPost, "/Groups", map[string]any{"schemas": []any{scimGroupURN}, "displayName": "Schemas"}).want(t, http.StatusCreated)
	wantSchemas("group", group.JSON, []any{scimGroupURN})
}

func TestSCIMRoutes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ path, want string }{
		{"/scim/v2", "/"},
		{"/scim/v2/", "/"},
		{"/scim/v2/Users", "/Users"},
		{"/scim/v2/Users/", "/Users"},
		{"/scim/v2/Users/u-1", "/Users/{id}"},
		{"/scim/v2/Users/.search", "/Users/.search"},
		{"/scim/v2/Users/u-1/x", "/{other}"},
		{"/scim/v2/Groups/g-1", "/Groups/{id}"},
		{"/scim/v2/Schemas/urn:x", "/Schemas/{id}"},
		{"/scim/v2/ResourceTypes", "/ResourceTypes"},
		{"/scim/v2/ServiceProviderConfig", "/ServiceProviderConfig"},
		{"/scim/v2/.search", "/.search"},
		{"/scim/v2/anything", "/{other}"},
		{"/scim/v2/ServiceProviderConfig/x", "/{other}"},
	} {
		if got := scimRoute(tc.path); got != tc.want {
			t.Errorf("scimRoute(%q) = %q, want %q", tc.path, got, tc.want)
		}
	}
}

func TestRepairFilter(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in, want string
		changed  bool
	}{
		{`externalId eq jyoung`, `externalId eq "jyoung"`, true},
		{`value eq"2819c223...919d"`, `value eq "2819c223...919d"`, true},
		{`members[value eq"x"]`, `members[value eq "x"]`, true},
		{`userName eq "a b" and title eq Boss`, `userName eq "a b" and title eq "Boss"`, true},
		{`active eq true`, `active eq true`, false},
		{`count gt 12`, `count gt 12`, false},
		{`name eq null`, `name eq null`, false},
		{`title pr`, `title pr`, false},
		{`userName eq "eq x"`, `userName eq "eq x"`, false},
		{`userName eq "a\"b" or x eq y`, `userName eq "a\"b" or x eq "y"`, true},
		{`(a eq b)`, `(a eq "b")`, true},
		{`a eq x<y&z`, `a eq "x<y&z"`, true},
		{`a eq back\slash`, `a eq "back\\slash"`, true},
	} {
		got, changed := repairFilter(tc.in)
		if got != tc.want || changed != tc.changed {
			t.Errorf("repairFilter(%s) = %s, %v; want %s, %v", tc.in, got, changed, tc.want, tc.changed)
		}
	}
}

func TestSCIMMediaType(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ accept, want string }{
		{"", "application/scim+json"},
		{"*/*", "application/scim+json"},
		{"application/json", "application/json"},
		{"application/json, application/scim+json", "application/scim+json"},
		{"application/json;q=0.9, text/html", "application/json"},
		{"text/html", "application/scim+json"},
	} {
		if got := scimMediaType(tc.accept); got != tc.want {
			t.Errorf("scimMediaType(%q) = %q, want %q", tc.accept, got, tc.want)
		}
	}
}
