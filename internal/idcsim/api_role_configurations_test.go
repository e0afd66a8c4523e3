package idcsim

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// TestCreateRoleConfigurationRules covers §2.1's constraints: name format, uniqueness in the zone,
// description length, SessionDuration 900–43200 with default 3600, RelayState a console page.
func TestCreateRoleConfigurationRules(t *testing.T) {
	t.Parallel()
	_, c := startSim(t, Options{})
	mustCreateRoleConfiguration(t, c, "RoleConfigurationName", "taken")
	for _, tc := range []struct {
		name   string
		params []any
		code   string
	}{
		{"minimal", []any{"RoleConfigurationName", "minimal"}, ""},
		{"every field", []any{"RoleConfigurationName", "full-1", "Description", "d", "SessionDuration", 43200, "RelayState", "https://console.cloud.tencent.com/cvm"}, ""},
		{"intl console", []any{"RoleConfigurationName", "intl", "RelayState", "https://console.tencentcloud.com/"}, ""},
		{"name with underscore", []any{"RoleConfigurationName", "a_b"}, codeConfigurationNameFormatError},
		{"name too long", []any{"RoleConfigurationName", strings.Repeat("a", 129)}, codeConfigurationNameFormatError},
		{"longest name", []any{"RoleConfigurationName", strings.Repeat("b", 128)}, ""},
		{"no name", []any{}, codeMissingParameter},
		{"name taken", []any{"RoleConfigurationName", "taken"}, codeConfigurationNameAlreadyExists},
		{"name taken in another case", []any{"RoleConfigurationName", "TAKEN"}, codeConfigurationNameAlreadyExists},
		{"description too long", []any{"RoleConfigurationName", "d1", "Description", strings.Repeat("x", 1025)}, codeInvalidParameterValue},
		{"session too short", []any{"RoleConfigurationName", "s1", "SessionDuration", 899}, codeInvalidParameterValue},
		{"session too long", []any{"RoleConfigurationName", "s2", "SessionDuration", 43201}, codeInvalidParameterValue},
		{"relay state elsewhere", []any{"RoleConfigurationName", "r1", "RelayState", "https://evil.example.com/"}, codeInvalidParameterValue},
		{"relay state over http", []any{"RoleConfigurationName", "r2", "RelayState", "http://console.cloud.tencent.com/"}, codeInvalidParameterValue},
		{"other zone", []any{"ZoneId", "z-000000000000", "RoleConfigurationName", "z"}, codeZoneIDNotExist},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c.call("CreateRoleConfiguration", with(tc.params...)).wantCode(t, tc.code)
		})
	}

	rc := mustCreateRoleConfiguration(t, c, "RoleConfigurationName", "defaults")
	if !regexp.MustCompile(`^rc-[a-z0-9]{12}$`).MatchString(rc.RoleConfigurationId) {
		t.Errorf("ID %q is not rc- and 12 characters (§1.3)", rc.RoleConfigurationId)
	}
	if rc.SessionDuration != 3600 || rc.RelayState != "" || rc.Description != "" || rc.CreateTime == "" {
		t.Errorf("defaults: %+v", rc)
	}
}

// TestRoleConfigurationQuota: the zone's quota is 1000 role configurations (§10).
func TestRoleConfigurationQuota(t *testing.T) {
	t.Parallel()
	s, c := startSim(t, Options{})
	s.store.mu.Lock()
	for i := range roleConfigurationQuota {
		rc := &roleConfiguration{RoleConfigurationId: fmt.Sprintf("rc-q%011d", i), RoleConfigurationName: fmt.Sprintf("q-%d", i)}
		if err := s.store.addRoleConfigurationLocked(rc); err != nil {
			t.Fatal(err)
		}
	}
	s.store.mu.Unlock()
	c.call("CreateRoleConfiguration", with("RoleConfigurationName", "one-too-many")).wantCode(t, codeConfigurationOverUpperLimit)
}

// TestRoleConfigurationGetUpdateList covers §2.2–§2.4: Get's not-found code is
// InvalidParameter.RoleConfigurationNotExist, Update changes only what it is given and never the
// name, List filters by name or description and pages.
func TestRoleConfigurationGetUpdateList(t *testing.T) {
	t.Parallel()
	_, c := startSim(t, Options{})
	rc := mustCreateRoleConfiguration(t, c, "RoleConfigurationName", "ops", "Description", "Operators", "SessionDuration", 7200, "RelayState", "https://console.cloud.tencent.com/")
	for i := range 11 {
		mustCreateRoleConfiguration(t, c, "RoleConfigurationName", fmt.Sprintf("bulk-%02d", i), "Description", "bulk")
	}

	c.call("GetRoleConfiguration", with("RoleConfigurationId", "rc-000000000000")).wantCode(t, codeRoleConfigurationNotExist)
	c.call("UpdateRoleConfiguration", with("RoleConfigurationId", "rc-000000000000", "NewDescription", "x")).wantCode(t, codeRoleConfigurationNotExist)
	c.call("UpdateRoleConfiguration", with("RoleConfigurationId", rc.RoleConfigurationId, "NewRoleConfigurationName", "x")).wantCode(t, codeUnknownParameter)
	c.call("UpdateRoleConfiguration", with("RoleConfigurationId", rc.RoleConfigurationId, "NewSessionDuration", 100)).wantCode(t, codeInvalidParameterValue)

	var upd roleConfigurationInfoResponse
	c.call("UpdateRoleConfiguration", with("RoleConfigurationId", rc.RoleConfigurationId, "NewDescription", "")).into(t, &upd)
	got := upd.RoleConfigurationInfo
	if got.Description != "" || got.SessionDuration != 7200 || got.RelayState != "https://console.cloud.tencent.com/" || got.RoleConfigurationName != "ops" {
		t.Errorf("after clearing the description only: %+v", got)
	}
	var get roleConfigurationInfoResponse
	c.call("GetRoleConfiguration", with("RoleConfigurationId", rc.RoleConfigurationId)).into(t, &get)
	if get.RoleConfigurationInfo != got {
		t.Errorf("Get %+v differs from Update's answer %+v", get.RoleConfigurationInfo, got)
	}

	for _, tc := range []struct {
		filter string
		want   int
	}{
		{"", 12},
		{"OPS", 1},
		{"BULK", 11}, // by description too (§2.3)
		{"bulk-1", 1},
		{"nothing", 0},
	} {
		var all []string
		var token string
		for {
			params := with("MaxResults", 5, "Filter", tc.filter)
			if token != "" {
				params["NextToken"] = token
			}
			var page listRoleConfigurationsResponse
			c.call("ListRoleConfigurations", params).into(t, &page)
			for _, r := range page.RoleConfigurations {
				all = append(all, r.RoleConfigurationName)
				if r.IsSelected != nil {
					t.Errorf("IsSelected without FilterTargets: %+v", r)
				}
			}
			if page.TotalCounts != tc.want {
				t.Errorf("filter %q: TotalCounts %d, want %d", tc.filter, page.TotalCounts, tc.want)
			}
			if !page.IsTruncated {
				if page.NextToken != "" {
					t.Error("NextToken on the last page")
				}
				break
			}
			token = page.NextToken
		}
		if len(all) != tc.want {
			t.Errorf("filter %q: listed %v, want %d", tc.filter, all, tc.want)
		}
	}
	c.call("ListRoleConfigurations", with("PrincipalId", "u-000000000000")).wantCode(t, codeParamError)
	c.call("ListRoleConfigurations", with("NextToken", "bogus")).wantCode(t, codeNextTokenInvalid)
	c.call("ListRoleConfigurations", with("MaxResults", 101)).wantCode(t, codeParamError)
}
