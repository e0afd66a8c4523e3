package idcsim

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

func mustCreateUser(t *testing.T, c *apiClient, want string, kv ...any) userInfo {
	t.Helper()
	res := c.call("CreateUser", with(kv...))
	res.wantCode(t, want)
	var out userInfoResponse
	if want == "" {
		res.into(t, &out)
	}
	return out.UserInfo
}

func mustCreateGroup(t *testing.T, c *apiClient, want string, kv ...any) groupInfo {
	t.Helper()
	res := c.call("CreateGroup", with(kv...))
	res.wantCode(t, want)
	var out groupInfoResponse
	if want == "" {
		res.into(t, &out)
	}
	return out.GroupInfo
}

func TestUsers(t *testing.T) {
	t.Parallel()
	clock := newTestClock()
	_, c := startSim(t, Options{Now: clock.Now})
	alice := mustCreateUser(t, c, "", "UserName", "alice", "FirstName", "Alice", "LastName", "Liddell", "DisplayName", "Alice L",
		"Description", "first user", "Email", "alice@example.com", "NeedResetPassword", true)
	if !regexp.MustCompile(`^u-[a-z0-9]{12}$`).MatchString(alice.UserId) {
		t.Errorf("UserId %q", alice.UserId)
	}
	want := userInfo{UserName: "alice", FirstName: "Alice", LastName: "Liddell", DisplayName: "Alice L", Description: "first user",
		Email: "alice@example.com", UserStatus: "Enabled", UserType: "Manual", UserId: alice.UserId,
		CreateTime: "2026-05-31 15:04:53", UpdateTime: "2026-05-31 15:04:53", NeedResetPassword: true}
	if alice != want {
		t.Fatalf("created %+v, want %+v", alice, want)
	}
	var got userInfoResponse
	c.call("GetUser", with("UserId", alice.UserId)).into(t, &got)
	if got.UserInfo != want {
		t.Fatalf("GetUser %+v, want %+v", got.UserInfo, want)
	}

	t.Run("create errors", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			kv   []any
			want string
		}{
			{"same name", []any{"UserName", "alice"}, codeUsernameAlreadyExists},
			{"same name other case", []any{"UserName", "ALICE"}, codeUsernameAlreadyExists},
			{"same email", []any{"UserName", "alice2", "Email", "Alice@Example.com"}, codeEmailAlreadyExists},
			{"space in name", []any{"UserName", "bad name"}, codeUsernameFormatError},
			{"name too long", []any{"UserName", strings.Repeat("a", 65)}, codeUsernameFormatError},
			{"bad email", []any{"UserName", "bob", "Email", "bob"}, codeInvalidParameterValue},
			{"long display name", []any{"UserName", "bob", "DisplayName", strings.Repeat("d", 257)}, codeInvalidParameterValue},
			{"bad status", []any{"UserName", "bob", "UserStatus", "Active"}, codeInvalidParameterValue},
			{"bad type", []any{"UserName", "bob", "UserType", "Scim"}, codeInvalidParameterValue},
			{"no name", []any{"Email", "bob@example.com"}, codeMissingParameter},
		} {
			t.Run(tc.name, func(t *testing.T) { mustCreateUser(t, c, tc.want, tc.kv...) })
		}
		mustCreateUser(t, c, "", "UserName", strings.Repeat("a", 64), "UserStatus", "Disabled", "UserType", "Synchronized")
	})

	t.Run("update", func(t *testing.T) {
		clock.Advance(time.Hour)
		mustCreateUser(t, c, "", "UserName", "bob", "Email", "bob@example.com")
		var upd userInfoResponse
		c.call("UpdateUser", with("UserId", alice.UserId, "NewDisplayName", "Alice Liddell", "NewEmail", "al@example.com", "NeedResetPassword", false)).into(t, &upd)
		u := upd.UserInfo
		if u.DisplayName != "Alice Liddell" || u.Email != "al@example.com" || u.FirstName != "Alice" || u.NeedResetPassword ||
			u.UpdateTime != "2026-05-31 16:04:53" || u.CreateTime != "2026-05-31 15:04:53" {
			t.Fatalf("updated %+v", u)
		}
		// The old email is free again, the new one is taken.
		mustCreateUser(t, c, "", "UserName", "carol", "Email", "alice@example.com")
		c.call("UpdateUser", with("UserId", alice.UserId, "NewEmail", "bob@example.com")).wantCode(t, codeEmailAlreadyExists)
		c.call("UpdateUser", with("UserId", alice.UserId, "NewEmail", "not-an-email")).wantCode(t, codeInvalidParameterValue)
		c.call("UpdateUser", with("UserId", "u-000000000000", "NewEmail", "x@example.com")).wantCode(t, codeUserNotExist)
		c.call("UpdateUser", with("UserId", alice.UserId, "NewUserName", "x")).wantCode(t, codeUnknownParameter)

		c.call("UpdateUserStatus", with("UserId", alice.UserId, "NewUserStatus", "Disabled")).wantCode(t, "")
		c.call("UpdateUserStatus", with("UserId", alice.UserId, "NewUserStatus", "Locked")).wantCode(t, codeInvalidParameterValue)
		c.call("UpdateUserStatus", with("UserId", "u-000000000000", "NewUserStatus", "Enabled")).wantCode(t, codeUserNotExist)
		c.call("GetUser", with("UserId", alice.UserId)).into(t, &got)
		if got.UserInfo.UserStatus != "Disabled" {
			t.Fatalf("status %s", got.UserInfo.UserStatus)
		}
	})

	t.Run("delete", func(t *testing.T) {
		g := mustCreateGroup(t, c, "", "GroupName", "readers")
		c.call("AddUserToGroup", with("GroupId", g.GroupId, "UserId", alice.UserId)).wantCode(t, "")
		c.call("DeleteUser", with("UserId", alice.UserId)).wantCode(t, codeUserAlreadyExistsGrp)
		c.call("RemoveUserFromGroup", with("GroupId", g.GroupId, "UserId", alice.UserId)).wantCode(t, "")
		c.call("DeleteUser", with("UserId", alice.UserId)).wantCode(t, "")
		c.call("GetUser", with("UserId", alice.UserId)).wantCode(t, codeUserNotExist)
		c.call("DeleteUser", with("UserId", alice.UserId)).wantCode(t, codeUserNotExist)
		// The name is free again.
		mustCreateUser(t, c, "", "UserName", "alice")
	})
	c.call("GetUser", map[string]any{"ZoneId": DefaultZoneID}).wantCode(t, codeMissingParameter)
	c.call("GetUser", map[string]any{"ZoneId": "z-000000000000", "UserId": "u-1"}).wantCode(t, codeZoneIDNotExist)
}

func TestUserAndGroupQuotas(t *testing.T) {
	t.Parallel()
	s, c := startSim(t, Options{SeedUsers: 1000, SeedGroups: 500})
	mustCreateUser(t, c, codeUserOverUpperLimit, "UserName", "one-too-many")
	mustCreateGroup(t, c, codeGroupOverUpperLimit, "GroupName", "one-too-many")
	if _, err := s.AddUser(User{UserName: "one-too-many"}); err == nil || !strings.Contains(err.Error(), codeUserOverUpperLimit) {
		t.Fatalf("AddUser over quota: %v", err)
	}
}

func TestGroupsAndMembership(t *testing.T) {
	t.Parallel()
	clock := newTestClock()
	_, c := startSim(t, Options{Now: clock.Now})
	admins := mustCreateGroup(t, c, "", "GroupName", "admins", "Description", "the admins")
	if !regexp.MustCompile(`^g-[a-z0-9]{12}$`).MatchString(admins.GroupId) {
		t.Errorf("GroupId %q", admins.GroupId)
	}
	want := groupInfo{GroupName: "admins", Description: "the admins", CreateTime: "2026-05-31 15:04:53", GroupType: "Manual",
		UpdateTime: "2026-05-31 15:04:53", GroupId: admins.GroupId, MemberCount: 0}
	if admins != want {
		t.Fatalf("created %+v, want %+v", admins, want)
	}
	for _, tc := range []struct {
		name string
		kv   []any
		want string
	}{
		{"same name", []any{"GroupName", "Admins"}, codeGroupNameAlreadyExists},
		{"space in name", []any{"GroupName", "two words"}, codeGroupNameFormatError},
		{"name too long", []any{"GroupName", strings.Repeat("g", 129)}, codeGroupNameFormatError},
		{"bad type", []any{"GroupName", "x", "GroupType", "manual"}, codeInvalidParameterValue},
		{"long description", []any{"GroupName", "x", "Description", strings.Repeat("d", 1025)}, codeInvalidParameterValue},
	} {
		t.Run(tc.name, func(t *testing.T) { mustCreateGroup(t, c, tc.want, tc.kv...) })
	}
	ops := mustCreateGroup(t, c, "", "GroupName", "ops")

	clock.Advance(time.Minute)
	var upd groupInfoResponse
	c.call("UpdateGroup", with("GroupId", admins.GroupId, "NewGroupName", "administrators", "NewDescription", "")).into(t, &upd)
	if upd.GroupInfo.GroupName != "administrators" || upd.GroupInfo.Description != "" || upd.GroupInfo.UpdateTime != "2026-05-31 15:05:53" {
		t.Fatalf("updated %+v", upd.GroupInfo)
	}
	c.call("UpdateGroup", with("GroupId", admins.GroupId, "NewGroupName", "OPS")).wantCode(t, codeGroupNameAlreadyExists)
	c.call("UpdateGroup", with("GroupId", "g-000000000000", "NewGroupName", "x")).wantCode(t, codeGroupNotExist)
	mustCreateGroup(t, c, "", "GroupName", "admins") // the old name is free

	manual := mustCreateUser(t, c, "", "UserName", "m")
	synced := mustCreateUser(t, c, "", "UserName", "s", "UserType", "Synchronized")
	for _, tc := range []struct {
		name, action, group, user, want string
	}{
		{"add", "AddUserToGroup", admins.GroupId, manual.UserId, ""},
		{"add again", "AddUserToGroup", admins.GroupId, manual.UserId, codeGroupUserAlreadyExists},
		{"type mismatch", "AddUserToGroup", admins.GroupId, synced.UserId, codeGroupTypeUserTypeNotMatch},
		{"unknown user", "AddUserToGroup", admins.GroupId, "u-000000000000", codeUserNotExist},
		{"unknown group", "AddUserToGroup", "g-000000000000", manual.UserId, codeGroupNotExist},
		{"add to second group", "AddUserToGroup", ops.GroupId, manual.UserId, ""},
		{"remove non-member", "RemoveUserFromGroup", admins.GroupId, synced.UserId, codeGroupUserNotExist},
		{"remove from unknown group", "RemoveUserFromGroup", "g-000000000000", manual.UserId, codeGroupNotExist},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c.call(tc.action, with("GroupId", tc.group, "UserId", tc.user)).wantCode(t, tc.want)
		})
	}
	var got groupInfoResponse
	c.call("GetGroup", with("GroupId", admins.GroupId)).into(t, &got)
	if got.GroupInfo.MemberCount != 1 {
		t.Fatalf("MemberCount %d", got.GroupInfo.MemberCount)
	}
	var members listGroupMembersResponse
	c.call("ListGroupMembers", with("GroupId", admins.GroupId)).into(t, &members)
	wantMember := groupMember{UserName: "m", UserStatus: "Enabled", UserType: "Manual", UserId: manual.UserId, JoinTime: "2026-05-31 15:05:53"}
	if members.TotalCounts != 1 || len(members.GroupMembers) != 1 || members.GroupMembers[0] != wantMember {
		t.Fatalf("members %+v", members)
	}
	c.call("DeleteGroup", with("GroupId", admins.GroupId)).wantCode(t, codeDeleteGroupNotAllowExistUser)
	c.call("RemoveUserFromGroup", with("GroupId", admins.GroupId, "UserId", manual.UserId)).wantCode(t, "")
	c.call("DeleteGroup", with("GroupId", admins.GroupId)).wantCode(t, "")
	c.call("GetGroup", with("GroupId", admins.GroupId)).wantCode(t, codeGroupNotExist)
	c.call("ListGroupMembers", with("GroupId", admins.GroupId)).wantCode(t, codeGroupNotExist)
}

// TestSynchronizedObjectsReadOnly: while SCIM sync is on, the IdP owns Synchronized users and
// groups; after it is turned off they can be edited again.
func TestSynchronizedObjectsReadOnly(t *testing.T) {
	t.Parallel()
	s, c := startSim(t, Options{})
	add := func(u User) User {
		t.Helper()
		out, err := s.AddUser(u)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	user, other := add(User{UserName: "scim-user", Email: "scim@example.com"}), add(User{UserName: "scim-other"})
	group, err := s.AddGroup(Group{GroupName: "scim-group"})
	if err != nil {
		t.Fatal(err)
	}
	empty, err := s.AddGroup(Group{GroupName: "scim-empty"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddGroupMember(group.GroupId, user.UserId); err != nil {
		t.Fatal(err)
	}
	manual := mustCreateUser(t, c, "", "UserName", "manual")

	c.call("UpdateSCIMSynchronizationStatus", with("SCIMSynchronizationStatus", "Enabled")).wantCode(t, "")
	// Each step works on its own once sync is off, in this order.
	steps := []struct {
		action string
		kv     []any
		code   string
	}{
		{"UpdateUser", []any{"UserId", user.UserId, "NewDisplayName", "x"}, codeSynchronizedUserNotUpdate},
		{"UpdateUserStatus", []any{"UserId", user.UserId, "NewUserStatus", "Disabled"}, codeSynchronizedUserNotUpdate},
		{"UpdateGroup", []any{"GroupId", group.GroupId, "NewDescription", "x"}, codeSynchronizedGroupNotUpdate},
		{"AddUserToGroup", []any{"GroupId", group.GroupId, "UserId", other.UserId}, codeSynchronizedGroupNotAddUser},
		{"RemoveUserFromGroup", []any{"GroupId", group.GroupId, "UserId", user.UserId}, codeSynchronizedGroupNotRemoveUser},
		{"DeleteUser", []any{"UserId", user.UserId}, codeSynchronizedUserNotDelete},
		{"DeleteGroup", []any{"GroupId", empty.GroupId}, codeSynchronizedGroupNotDelete},
	}
	for _, step := range steps {
		c.call(step.action, with(step.kv...)).wantCode(t, step.code)
	}
	// Manual users stay editable.
	c.call("UpdateUser", with("UserId", manual.UserId, "NewDisplayName", "still mine")).wantCode(t, "")

	c.call("UpdateSCIMSynchronizationStatus", with("SCIMSynchronizationStatus", "Disabled")).wantCode(t, "")
	for _, step := range steps {
		c.call(step.action, with(step.kv...)).wantCode(t, "")
	}
}

func userNames(users []userInfo) []string {
	names := make([]string, len(users))
	for i, u := range users {
		names[i] = u.UserName
	}
	return names
}

func listUsersPage(t *testing.T, c *apiClient, kv ...any) listUsersResponse {
	t.Helper()
	var out listUsersResponse
	c.call("ListUsers", with(kv...)).into(t, &out)
	return out
}

func TestListUsersPagination(t *testing.T) {
	t.Parallel()
	s, c := startSim(t, Options{SeedUsers: 250, SeedGroups: 3})

	t.Run("all pages", func(t *testing.T) {
		var names []string
		token := ""
		for page := 0; ; page++ {
			kv := []any{"MaxResults", 100}
			if token != "" {
				kv = append(kv, "NextToken", token)
			}
			out := listUsersPage(t, c, kv...)
			if out.TotalCounts != 250 || out.MaxResults != 100 {
				t.Fatalf("page %d: TotalCounts %d MaxResults %d", page, out.TotalCounts, out.MaxResults)
			}
			names = append(names, userNames(out.Users)...)
			if !out.IsTruncated {
				if out.NextToken != "" || len(out.Users) != 50 {
					t.Fatalf("last page: %d users, NextToken %q", len(out.Users), out.NextToken)
				}
				break
			}
			if len(out.Users) != 100 || out.NextToken == "" {
				t.Fatalf("page %d: %d users, NextToken %q", page, len(out.Users), out.NextToken)
			}
			token = out.NextToken
		}
		for i, name := range names {
			if want := fmt.Sprintf("sim-user-%05d", i+1); name != want {
				t.Fatalf("user %d is %s, want %s", i, name, want)
			}
		}
		if len(names) != 250 {
			t.Fatalf("%d users, want 250", len(names))
		}
	})

	t.Run("defaults, order, offset", func(t *testing.T) {
		out := listUsersPage(t, c)
		if out.MaxResults != 10 || len(out.Users) != 10 || !out.IsTruncated {
			t.Fatalf("default page: MaxResults %d, %d users", out.MaxResults, len(out.Users))
		}
		desc := listUsersPage(t, c, "SortField", "CreateTime", "SortType", "Desc", "MaxResults", 2)
		if got := userNames(desc.Users); got[0] != "sim-user-00250" || got[1] != "sim-user-00249" {
			t.Fatalf("Desc: %v", got)
		}
		next := listUsersPage(t, c, "SortField", "CreateTime", "SortType", "Desc", "MaxResults", 2, "NextToken", desc.NextToken)
		if got := userNames(next.Users); got[0] != "sim-user-00248" {
			t.Fatalf("Desc page 2: %v", got)
		}
		tail := listUsersPage(t, c, "Offset", 245)
		if got := userNames(tail.Users); len(got) != 5 || got[0] != "sim-user-00246" || tail.IsTruncated {
			t.Fatalf("Offset 245: %v truncated=%v", got, tail.IsTruncated)
		}
		// NextToken wins over Offset.
		both := listUsersPage(t, c, "MaxResults", 10, "Offset", 200, "NextToken", out.NextToken)
		if got := userNames(both.Users); got[0] != "sim-user-00011" {
			t.Fatalf("NextToken with Offset: %v", got)
		}
		res := c.call("ListUsers", with("Offset", 300))
		if !strings.Contains(string(res.Body), `"Users":[]`) || !strings.Contains(string(res.Body), `"TotalCounts":250`) {
			t.Fatalf("Offset past the end: %s", res.Body)
		}
	})

	t.Run("filters", func(t *testing.T) {
		for _, tc := range []struct {
			name  string
			kv    []any
			total int
			first string
		}{
			{"name substring", []any{"Filter", "user-0012"}, 10, "sim-user-00120"},
			{"case-insensitive", []any{"Filter", "USER-0012"}, 10, "sim-user-00120"},
			{"email", []any{"Filter", "00007@example"}, 1, "sim-user-00007"},
			{"description", []any{"Filter", "seed user 12"}, 11, "sim-user-00012"},
			{"user type", []any{"UserType", "Synchronized"}, 250, "sim-user-00001"},
			{"no manual users", []any{"UserType", "Manual"}, 0, ""},
			{"status", []any{"UserStatus", "Enabled"}, 250, "sim-user-00001"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				out := listUsersPage(t, c, tc.kv...)
				if out.TotalCounts != tc.total || (tc.first != "" && out.Users[0].UserName != tc.first) || (tc.first == "" && len(out.Users) != 0) {
					t.Fatalf("TotalCounts %d, users %v", out.TotalCounts, userNames(out.Users))
				}
			})
		}
		s.store.mu.RLock()
		id := s.store.userByName["sim-user-00042"]
		s.store.mu.RUnlock()
		if out := listUsersPage(t, c, "Filter", strings.ToUpper(id)); out.TotalCounts != 1 || out.Users[0].UserId != id {
			t.Fatalf("by user ID: %+v", out)
		}
		// Filtered results page too.
		var names []string
		token := ""
		for {
			kv := []any{"Filter", "sim-user-001", "MaxResults", 30}
			if token != "" {
				kv = append(kv, "NextToken", token)
			}
			out := listUsersPage(t, c, kv...)
			if out.TotalCounts != 100 {
				t.Fatalf("TotalCounts %d", out.TotalCounts)
			}
			names = append(names, userNames(out.Users)...)
			if !out.IsTruncated {
				break
			}
			token = out.NextToken
		}
		if len(names) != 100 || names[0] != "sim-user-00100" || names[99] != "sim-user-00199" {
			t.Fatalf("filtered pages: %d users from %s", len(names), names[0])
		}
		c.call("UpdateUserStatus", with("UserId", id, "NewUserStatus", "Disabled")).wantCode(t, "")
		if out := listUsersPage(t, c, "UserStatus", "Disabled"); out.TotalCounts != 1 || out.Users[0].UserId != id {
			t.Fatalf("disabled users: %+v", out)
		}
	})

	t.Run("FilterGroups", func(t *testing.T) {
		var groups listGroupsResponse
		c.call("ListGroups", with("Filter", "GroupName eq sim-group-00001")).into(t, &groups)
		g1 := groups.Groups[0].GroupId
		out := listUsersPage(t, c, "MaxResults", 4, "FilterGroups", []string{g1})
		for i, u := range out.Users {
			want := i%3 == 0 // users 1, 4, 7, … are in group 1
			if u.IsSelected == nil || *u.IsSelected != want {
				t.Fatalf("%s IsSelected %v, want %v", u.UserName, u.IsSelected, want)
			}
		}
		if plain := c.call("ListUsers", zoneOnly); strings.Contains(string(plain.Body), "IsSelected") {
			t.Fatalf("IsSelected without FilterGroups: %s", plain.Body)
		}
	})

	t.Run("token misuse", func(t *testing.T) {
		first := listUsersPage(t, c, "MaxResults", 5, "Filter", "sim")
		token := first.NextToken
		// The same query with the same token is fine, any number of times.
		for range 2 {
			if again := listUsersPage(t, c, "MaxResults", 5, "Filter", "sim", "NextToken", token); again.Users[0].UserName != "sim-user-00006" {
				t.Fatalf("token replay: %v", userNames(again.Users))
			}
		}
		tampered := []byte(token)
		tampered[len(tampered)/2] ^= 1
		for _, tc := range []struct {
			name   string
			action string
			kv     []any
			want   string
		}{
			{"other filter", "ListUsers", []any{"MaxResults", 5, "Filter", "sim-user", "NextToken", token}, codeNextTokenInvalid},
			{"other page size", "ListUsers", []any{"MaxResults", 6, "Filter", "sim", "NextToken", token}, codeNextTokenInvalid},
			{"other order", "ListUsers", []any{"MaxResults", 5, "Filter", "sim", "SortType", "Desc", "NextToken", token}, codeNextTokenInvalid},
			{"other action", "ListGroups", []any{"MaxResults", 5, "Filter", "sim", "NextToken", token}, codeNextTokenInvalid},
			{"garbage", "ListUsers", []any{"NextToken", "OTM0YzE4MzY2ZjdhMWM0MYZDhnYaxsiYTLI="}, codeNextTokenInvalid},
			{"tampered", "ListUsers", []any{"MaxResults", 5, "Filter", "sim", "NextToken", string(tampered)}, codeNextTokenInvalid},
			{"MaxResults 0", "ListUsers", []any{"MaxResults", 0}, codeParamError},
			{"MaxResults 101", "ListUsers", []any{"MaxResults", 101}, codeParamError},
			{"negative Offset", "ListUsers", []any{"Offset", -1}, codeParamError},
			{"bad SortType", "ListUsers", []any{"SortType", "desc"}, codeInvalidParameterValue},
			{"bad SortField", "ListUsers", []any{"SortField", "UserName"}, codeInvalidParameterValue},
			{"bad UserStatus", "ListUsers", []any{"UserStatus", "enabled"}, codeInvalidParameterValue},
			{"bad GroupType", "ListGroups", []any{"GroupType", "SCIM"}, codeInvalidParameterValue},
		} {
			t.Run(tc.name, func(t *testing.T) { c.call(tc.action, with(tc.kv...)).wantCode(t, tc.want) })
		}
		// An empty NextToken is the first page, as in Tencent's ListGroupMembers example.
		if out := listUsersPage(t, c, "NextToken", ""); out.Users[0].UserName != "sim-user-00001" {
			t.Fatalf("empty NextToken: %v", userNames(out.Users))
		}
	})
}

// TestPagingSurvivesDeletes: pages are keyset-based, so deleting the last user of a page does not
// make the next page skip or repeat anyone.
func TestPagingSurvivesDeletes(t *testing.T) {
	t.Parallel()
	clock := newTestClock()
	s, c := startSim(t, Options{SeedUsers: 30, Now: clock.Now})
	first := listUsersPage(t, c, "MaxResults", 10)
	last := first.Users[9]
	if last.UserName != "sim-user-00010" {
		t.Fatalf("page 1 ends with %s", last.UserName)
	}
	c.call("DeleteUser", with("UserId", last.UserId)).wantCode(t, "")
	second := listUsersPage(t, c, "MaxResults", 10, "NextToken", first.NextToken)
	if second.Users[0].UserName != "sim-user-00011" || second.TotalCounts != 29 {
		t.Fatalf("page 2 after delete starts with %s, TotalCounts %d", second.Users[0].UserName, second.TotalCounts)
	}
	clock.Advance(time.Second)
	if _, err := s.AddUser(User{UserName: "late"}); err != nil {
		t.Fatal(err)
	}
	third := listUsersPage(t, c, "MaxResults", 10, "NextToken", second.NextToken)
	if got := userNames(third.Users); len(got) != 10 || got[0] != "sim-user-00021" || got[9] != "sim-user-00030" || !third.IsTruncated {
		t.Fatalf("page 3: %v truncated=%v", got, third.IsTruncated)
	}
}

func TestListGroupsAndMembers(t *testing.T) {
	t.Parallel()
	s, c := startSim(t, Options{SeedUsers: 250, SeedGroups: 12})
	if _, err := s.AddGroup(Group{GroupName: "Manual-Team", GroupType: "Manual"}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		kv    []any
		total int
		first string
	}{
		{"all", nil, 13, "sim-group-00001"},
		{"eq", []any{"Filter", "GroupName eq sim-group-00002"}, 1, "sim-group-00002"},
		{"eq is case-insensitive", []any{"Filter", "groupname EQ SIM-GROUP-00002"}, 1, "sim-group-00002"},
		{"sw", []any{"Filter", "GroupName sw sim-group-0001"}, 3, "sim-group-00010"},
		{"plain substring", []any{"Filter", "team"}, 1, "Manual-Team"},
		{"type", []any{"GroupType", "Manual"}, 1, "Manual-Team"},
		{"desc", []any{"SortType", "Desc"}, 13, "Manual-Team"},
		{"offset", []any{"Offset", 12}, 13, "Manual-Team"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out listGroupsResponse
			c.call("ListGroups", with(tc.kv...)).into(t, &out)
			if out.TotalCounts != tc.total || out.Groups[0].GroupName != tc.first {
				t.Fatalf("TotalCounts %d, first %s", out.TotalCounts, out.Groups[0].GroupName)
			}
		})
	}

	var page1, page2 listGroupsResponse
	c.call("ListGroups", with("MaxResults", 10)).into(t, &page1)
	c.call("ListGroups", with("MaxResults", 10, "NextToken", page1.NextToken)).into(t, &page2)
	if !page1.IsTruncated || page2.IsTruncated || len(page2.Groups) != 3 || page2.Groups[0].GroupName != "sim-group-00011" {
		t.Fatalf("group pages: %+v / %+v", page1, page2)
	}
	g1 := page1.Groups[0]
	if g1.MemberCount != 21 { // users 1, 13, 25, … 241
		t.Fatalf("sim-group-00001 has %d members", g1.MemberCount)
	}

	s.store.mu.RLock()
	u13 := s.store.userByName["sim-user-00013"]
	s.store.mu.RUnlock()
	var selected listGroupsResponse
	c.call("ListGroups", with("FilterUsers", []string{u13}, "MaxResults", 2)).into(t, &selected)
	if *selected.Groups[0].IsSelected != true || *selected.Groups[1].IsSelected != false {
		t.Fatalf("FilterUsers: %+v", selected.Groups)
	}

	var m1, m2 listGroupMembersResponse
	c.call("ListGroupMembers", with("GroupId", g1.GroupId, "MaxResults", 20)).into(t, &m1)
	c.call("ListGroupMembers", with("GroupId", g1.GroupId, "MaxResults", 20, "NextToken", m1.NextToken)).into(t, &m2)
	if m1.TotalCounts != 21 || len(m1.GroupMembers) != 20 || !m1.IsTruncated || len(m2.GroupMembers) != 1 || m2.IsTruncated ||
		m1.GroupMembers[1].UserName != "sim-user-00013" || m2.GroupMembers[0].UserName != "sim-user-00241" || m1.GroupMembers[0].JoinTime == "" {
		t.Fatalf("members: %+v / %+v", m1, m2)
	}
	var none listGroupMembersResponse
	c.call("ListGroupMembers", with("GroupId", g1.GroupId, "UserType", "Manual")).into(t, &none)
	if none.TotalCounts != 0 || none.GroupMembers == nil {
		t.Fatalf("Manual members: %+v", none)
	}
	c.call("ListGroupMembers", with("GroupId", page1.Groups[1].GroupId, "MaxResults", 20, "NextToken", m1.NextToken)).wantCode(t, codeNextTokenInvalid)
	c.call("ListGroupMembers", with("GroupId", g1.GroupId, "UserType", "robot")).wantCode(t, codeInvalidParameterValue)
	c.call("ListGroupMembers", with("GroupId", g1.GroupId, "Offset", 1)).wantCode(t, codeUnknownParameter)
}

// TestNextTokenOnlyWhenTruncated follows the SDK's models (organization/v20210331,
// ListUsersResponseParams, ListGroupsResponseParams, ListGroupMembersResponseParams): NextToken
// is "查询返回结果下一页的令牌。说明 只有IsTruncated为true时，才显示该参数" — the token of the next
// page, shown only when IsTruncated is true. A typed-SDK client that loops while NextToken != nil
// must stop on the last page, so the last page carries no NextToken at all, not "".
func TestNextTokenOnlyWhenTruncated(t *testing.T) {
	t.Parallel()
	_, c := startSim(t, Options{SeedUsers: 3, SeedGroups: 1})
	var groups listGroupsResponse
	c.call("ListGroups", zoneOnly).into(t, &groups)
	groupID := groups.Groups[0].GroupId
	for _, tc := range []struct {
		action string
		params []any
		items  string
		total  int
	}{
		{"ListUsers", nil, "Users", 3},
		{"ListGroups", nil, "Groups", 1},
		{"ListGroupMembers", []any{"GroupId", groupID}, "GroupMembers", 3},
	} {
		// The page sizes include the exact total: a full last page is not truncated either.
		for _, pageSize := range slices.Compact(slices.Sorted(slices.Values([]int{1, 2, tc.total, 100}))) {
			t.Run(fmt.Sprintf("%s by %d", tc.action, pageSize), func(t *testing.T) {
				seen, token := 0, ""
				for calls := 1; ; calls++ {
					if calls > tc.total+1 {
						t.Fatalf("still paging after %d calls", calls)
					}
					kv := append([]any{"MaxResults", pageSize}, tc.params...)
					if token != "" {
						kv = append(kv, "NextToken", token)
					}
					res := c.call(tc.action, with(kv...))
					res.wantCode(t, "")
					var truncated bool
					var items []json.RawMessage
					if json.Unmarshal(res.Response["IsTruncated"], &truncated) != nil || json.Unmarshal(res.Response[tc.items], &items) != nil {
						t.Fatalf("IsTruncated or %s missing: %s", tc.items, res.Body)
					}
					seen += len(items)
					raw, present := res.Response["NextToken"]
					if !truncated {
						if present {
							t.Fatalf("last page carries NextToken %s: %s", raw, res.Body)
						}
						break
					}
					if !present || json.Unmarshal(raw, &token) != nil || token == "" {
						t.Fatalf("truncated page without a usable NextToken: %s", res.Body)
					}
				}
				if seen != tc.total {
					t.Errorf("%d items over all pages, want %d", seen, tc.total)
				}
			})
		}
	}
}
