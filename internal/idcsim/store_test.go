package idcsim

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// snapshotAPI reads everything a client can see, for before/after comparisons.
func snapshotAPI(t *testing.T, c *apiClient) string {
	t.Helper()
	var b strings.Builder
	for _, call := range []struct {
		action string
		params any
	}{
		{"DescribeIdentityCenter", map[string]any{}},
		{"GetZoneStatistics", zoneOnly},
		{"ListSCIMCredentials", zoneOnly},
		{"GetExternalSAMLIdentityProvider", zoneOnly},
		{"ListExternalSAMLIdPCertificates", zoneOnly},
		{"ListUsers", with("MaxResults", 100)},
		{"ListGroups", with("MaxResults", 100)},
	} {
		res := c.call(call.action, call.params)
		delete(res.Response, "RequestId")
		fields, err := json.Marshal(res.Response) // map keys come out sorted
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s %s\n", call.action, fields)
	}
	return b.String()
}

func TestStateFileRoundTrip(t *testing.T) {
	t.Parallel()
	state := filepath.Join(t.TempDir(), "sim.json")
	clock := newTestClock()
	a, c := startSim(t, Options{StateFile: state, Now: clock.Now})

	c.call("UpdateSCIMSynchronizationStatus", with("SCIMSynchronizationStatus", "Enabled")).wantCode(t, "")
	var cred createSCIMCredentialResponse
	c.call("CreateSCIMCredential", zoneOnly).into(t, &cred)
	var disabled createSCIMCredentialResponse
	c.call("CreateSCIMCredential", with("ExpireDuration", 7200)).into(t, &disabled)
	c.call("UpdateSCIMCredentialStatus", with("CredentialId", disabled.CredentialId, "NewStatus", "Disabled")).wantCode(t, "")
	doc := idpMetadataXML("http://www.okta.com/persisted", "https://idp.example.com", testCert(t, "persisted", false))
	setIdP(t, c, "", "EncodedMetadataDocument", base64.StdEncoding.EncodeToString([]byte(doc)), "SSOStatus", "Enabled")
	u := mustCreateUser(t, c, "", "UserName", "persisted-user", "Email", "p@example.com", "FirstName", "P")
	g := mustCreateGroup(t, c, "", "GroupName", "persisted-group")
	c.call("AddUserToGroup", with("GroupId", g.GroupId, "UserId", u.UserId)).wantCode(t, "")
	if _, err := a.AddUser(User{UserName: "synced", ExternalId: "ext-1"}); err != nil {
		t.Fatal(err)
	}
	for i := range 12 {
		mustCreateUser(t, c, "", "UserName", fmt.Sprintf("bulk-%02d", i))
	}
	page := listUsersPage(t, c, "MaxResults", 5)
	page2 := listUsersPage(t, c, "MaxResults", 5, "NextToken", page.NextToken)
	before := snapshotAPI(t, c)
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}

	b, c2 := startSim(t, Options{StateFile: state, Now: clock.Now})
	if after := snapshotAPI(t, c2); after != before {
		t.Fatalf("state differs after restart\nbefore:\n%s\nafter:\n%s", before, after)
	}
	// What the API never shows survived too: secrets, external IDs, membership join times.
	if got := b.store.credentials[0].Secret; got != cred.CredentialSecret {
		t.Error("credential secret lost")
	}
	if id := b.store.userByName["synced"]; b.store.users[id].ExternalId != "ext-1" {
		t.Error("external ID lost")
	}
	var m2 listGroupMembersResponse
	c2.call("ListGroupMembers", with("GroupId", g.GroupId)).into(t, &m2)
	if len(m2.GroupMembers) != 1 || m2.GroupMembers[0].UserId != u.UserId || m2.GroupMembers[0].JoinTime != "2026-05-31 15:04:53" {
		t.Errorf("membership after restart: %+v", m2)
	}
	// NextTokens outlive a restart.
	next := listUsersPage(t, c2, "MaxResults", 5, "NextToken", page.NextToken)
	if !slices.Equal(userNames(next.Users), userNames(page2.Users)) {
		t.Errorf("page 2 after restart: %v, before: %v", userNames(next.Users), userNames(page2.Users))
	}
}

func TestStateFileWrittenAtomically(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	state := filepath.Join(dir, "sim.json")
	s, c := startSim(t, Options{StateFile: state})
	mustCreateUser(t, c, "", "UserName", "first")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != "sim.json" {
		t.Fatalf("directory holds %v, want only the state file", entries)
	}
	info, err := os.Stat(state)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Fatalf("state file mode %v, want 0600 (it holds SCIM secrets)", info.Mode().Perm())
	}
	good, err := os.ReadFile(state)
	if err != nil {
		t.Fatal(err)
	}

	// A write that fails half-way (here: fsync) leaves the previous file whole and no debris.
	s.store.mu.Lock()
	s.store.syncFile = func(*os.File) error { return errors.New("disk on fire") }
	s.store.mu.Unlock()
	mustCreateUser(t, c, codeInternalError, "UserName", "second")
	after, err := os.ReadFile(state)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(after, good) {
		t.Fatal("the state file changed although the write failed")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("a failed write left %v behind", entries)
	}
	if _, err := New(Options{StateFile: state}); err != nil {
		t.Fatalf("the previous state file no longer loads: %v", err)
	}
}

func TestStateFileRefused(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, tc := range []struct {
		name    string
		content string
		opts    Options
	}{
		{"garbage", "{not json", Options{}},
		{"empty", "", Options{}},
		{"other format", `{"Format":99}`, Options{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name+".json")
			if err := os.WriteFile(path, []byte(tc.content), 0o600); err != nil {
				t.Fatal(err)
			}
			tc.opts.StateFile = path
			if _, err := New(tc.opts); err == nil {
				t.Fatal("New accepted a broken state file")
			}
			if got, _ := os.ReadFile(path); string(got) != tc.content {
				t.Fatal("New overwrote a state file it could not read")
			}
		})
	}
	if _, err := New(Options{StateFile: filepath.Join(dir, "missing-dir", "s.json")}); err == nil {
		t.Fatal("New accepted a state file it cannot write")
	}
}

func TestStateFileZone(t *testing.T) {
	t.Parallel()
	state := filepath.Join(t.TempDir(), "sim.json")
	if _, err := New(Options{StateFile: state, ZoneID: "z-aaaaaaaaaaaa", ZoneName: "first"}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		opts Options
		ok   bool
	}{
		{"no zone flags: the file's zone", Options{}, true},
		{"same zone", Options{ZoneID: "z-aaaaaaaaaaaa", ZoneName: "first"}, true},
		{"other zone", Options{ZoneID: "z-bbbbbbbbbbbb"}, false},
		{"other name", Options{ZoneName: "second"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.StateFile = state
			s, err := New(tc.opts)
			if (err == nil) != tc.ok {
				t.Fatalf("New: %v, want ok=%v", err, tc.ok)
			}
			if err == nil && s.Ready().ZoneID != "z-aaaaaaaaaaaa" {
				t.Fatalf("zone %s", s.Ready().ZoneID)
			}
		})
	}
}

func TestSeedUsersAndGroups(t *testing.T) {
	t.Parallel()
	state := filepath.Join(t.TempDir(), "sim.json")
	s, c := startSim(t, Options{StateFile: state, SeedUsers: 25, SeedGroups: 4})
	all := listUsersPage(t, c, "MaxResults", 100)
	if all.TotalCounts != 25 {
		t.Fatalf("%d users", all.TotalCounts)
	}
	u := all.Users[6]
	want := userInfo{UserName: "sim-user-00007", FirstName: "Sim", LastName: "User00007", DisplayName: "Sim User 00007",
		Description: "Simulator seed user 7", Email: "sim-user-00007@example.com", UserStatus: "Enabled", UserType: "Synchronized",
		UserId: u.UserId, CreateTime: u.CreateTime, UpdateTime: u.UpdateTime}
	if u != want {
		t.Fatalf("seeded %+v, want %+v", u, want)
	}
	var groups listGroupsResponse
	c.call("ListGroups", zoneOnly).into(t, &groups)
	if groups.TotalCounts != 4 || groups.Groups[0].GroupName != "sim-group-00001" || groups.Groups[0].GroupType != "Synchronized" {
		t.Fatalf("groups %+v", groups)
	}
	for i, g := range groups.Groups {
		// Users 1..25 round-robin over 4 groups: 7, 6, 6, 6.
		if want := map[bool]int{true: 7, false: 6}[i == 0]; g.MemberCount != want {
			t.Fatalf("%s has %d members, want %d", g.GroupName, g.MemberCount, want)
		}
	}
	var members listGroupMembersResponse
	c.call("ListGroupMembers", with("GroupId", groups.Groups[1].GroupId, "MaxResults", 2)).into(t, &members)
	if members.GroupMembers[0].UserName != "sim-user-00002" || members.GroupMembers[1].UserName != "sim-user-00006" {
		t.Fatalf("group 2 members %+v", members.GroupMembers)
	}
	before := snapshotAPI(t, c)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	// Seeding again on the same state creates nothing twice; IDs derive from zone and name.
	_, c2 := startSim(t, Options{StateFile: state, SeedUsers: 25, SeedGroups: 4})
	if after := snapshotAPI(t, c2); after != before {
		t.Fatalf("re-seeding changed the state\nbefore:\n%s\nafter:\n%s", before, after)
	}
	_, c3 := startSim(t, Options{SeedUsers: 25})
	if other := listUsersPage(t, c3, "Filter", "sim-user-00007"); other.Users[0].UserId != u.UserId {
		t.Fatalf("seeded IDs differ between runs: %s vs %s", other.Users[0].UserId, u.UserId)
	}
}

func TestSeedRaisesQuota(t *testing.T) {
	t.Parallel()
	_, c := startSim(t, Options{SeedUsers: 1500, SeedGroups: 600})
	var stats getZoneStatisticsResponse
	c.call("GetZoneStatistics", zoneOnly).into(t, &stats)
	z := stats.ZoneStatistics
	if z.UserCount != 1500 || z.GroupCount != 600 || z.UserQuota != 2500 || z.GroupQuota != 1100 {
		t.Fatalf("statistics %+v", z)
	}
	mustCreateUser(t, c, "", "UserName", "room-for-more")
}
