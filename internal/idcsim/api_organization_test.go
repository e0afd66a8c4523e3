package idcsim

import (
	"strconv"
	"testing"
)

// TestOrganizationSeeded checks the seeded organization: DescribeOrganization's HostUin is the
// management account (identity-center-authorization-api.md §7.2), DescribeOrganizationMembers
// lists -seed-accounts member accounts with 12-digit UINs (§1.3, §7.1), and both are stable
// across runs with the same zone.
func TestOrganizationSeeded(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		seed int
		want int
	}{
		{"default", 0, DefaultSeedAccounts},
		{"none", -1, 0},
		{"many", 60, 60},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, c := startSim(t, Options{SeedAccounts: tc.seed})
			host := hostUin(t, c)
			if s := strconv.FormatInt(host, 10); len(s) != 12 {
				t.Errorf("HostUin %d is not 12 digits", host)
			}
			seen := map[int64]bool{host: true}
			total := -1
			for offset := 0; ; offset += 50 {
				var out describeOrganizationMembersResponse
				c.call("DescribeOrganizationMembers", map[string]any{"Offset": offset, "Limit": 50}).into(t, &out)
				total = int(out.Total)
				for _, m := range out.Items {
					if s := strconv.FormatInt(m.MemberUin, 10); len(s) != 12 || seen[m.MemberUin] {
						t.Errorf("member UIN %d: not 12 digits, or repeated (or the management account)", m.MemberUin)
					}
					seen[m.MemberUin] = true
				}
				if len(out.Items) < 50 {
					break
				}
			}
			if total != tc.want || len(seen)-1 != tc.want {
				t.Errorf("Total %d, %d distinct members; want %d", total, len(seen)-1, tc.want)
			}
			_, c2 := startSim(t, Options{SeedAccounts: tc.seed})
			if hostUin(t, c2) != host {
				t.Error("the management account's UIN changed between two runs of the same zone")
			}
		})
	}
}

// TestDescribeOrganizationMembersParameters covers §7.1's request rules: Offset and Limit are
// required, Limit is 1–50, Offset a multiple of Limit; SearchKey matches name or UIN.
func TestDescribeOrganizationMembersParameters(t *testing.T) {
	t.Parallel()
	_, c := startSim(t, Options{SeedAccounts: 3})
	uin := firstMember(t, c)
	for _, tc := range []struct {
		name   string
		params map[string]any
		code   string
		total  int
	}{
		{"first page", map[string]any{"Offset": 0, "Limit": 2}, "", 3},
		{"second page", map[string]any{"Offset": 2, "Limit": 2}, "", 3},
		{"no Limit", map[string]any{"Offset": 0}, codeMissingParameter, 0},
		{"no Offset", map[string]any{"Limit": 10}, codeMissingParameter, 0},
		{"Limit 0", map[string]any{"Offset": 0, "Limit": 0}, codeInvalidParameter, 0},
		{"Limit 51", map[string]any{"Offset": 0, "Limit": 51}, codeInvalidParameter, 0},
		{"Offset not a multiple", map[string]any{"Offset": 3, "Limit": 2}, codeInvalidParameter, 0},
		{"ZoneId is not a parameter", map[string]any{"Offset": 0, "Limit": 2, "ZoneId": DefaultZoneID}, codeUnknownParameter, 0},
		{"search by name", map[string]any{"Offset": 0, "Limit": 10, "SearchKey": "ACCOUNT-02"}, "", 1},
		{"search by UIN", map[string]any{"Offset": 0, "Limit": 10, "SearchKey": strconv.FormatInt(uin, 10)}, "", 1},
		{"search matching nothing", map[string]any{"Offset": 0, "Limit": 10, "SearchKey": "nobody"}, "", 0},
		{"tags match no seeded member", map[string]any{"Offset": 0, "Limit": 10, "Tags": []any{map[string]any{"TagKey": "k", "TagValue": "v"}}}, "", 0},
		{"tag without value", map[string]any{"Offset": 0, "Limit": 10, "Tags": []any{map[string]any{"TagKey": "k"}}}, codeMissingParameter, 0},
		{"unknown node", map[string]any{"Offset": 0, "Limit": 10, "NodeId": 7}, codeOrganizationNodeNotExist, 0},
		{"bad Lang", map[string]any{"Offset": 0, "Limit": 10, "Lang": "fr"}, codeInvalidParameter, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := c.call("DescribeOrganizationMembers", tc.params)
			res.wantCode(t, tc.code)
			if tc.code != "" {
				return
			}
			var out describeOrganizationMembersResponse
			res.into(t, &out)
			if int(out.Total) != tc.total {
				t.Errorf("Total %d, want %d", out.Total, tc.total)
			}
		})
	}
}
