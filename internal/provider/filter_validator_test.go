package provider

import "testing"

func TestFilterValidator(t *testing.T) {
	for _, tc := range []struct {
		groups bool
		filter string
		ok     bool
	}{
		{true, "GroupName eq platform-admins", true},
		{true, "groupname SW sim-", true},
		{true, "GroupName eq Platform Admins", true},
		{true, "platform", true},
		{true, "sim platform", true},
		{true, "GroupName zz platform", false},
		{true, "GroupName eq", false},
		{true, "GroupName", false},
		{true, "DisplayName eq platform", false},
		{false, "ana.lima", true},
		{false, "Ana Lima", true},
		{false, "UserName eq ana.lima@acme.example", false},
		{false, "emails.value co acme", false},
		{false, "userName sw ana", false},
	} {
		got := filterValidator{groups: tc.groups}.problem(tc.filter)
		if (got == "") != tc.ok {
			t.Errorf("groups=%t filter %q: problem %q, want accepted=%t", tc.groups, tc.filter, got, tc.ok)
		}
	}
}
