package provider

import (
	"fmt"
	"testing"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

// TestMoveStateRoleAssignmentFromOfficial: the official assignment arrives keyed by its six
// parts (from its attributes, or its ID when they are missing), with principal_id and never
// principal_name, times converted to RFC 3339 UTC, and deprovision_strategy ours' default
// whatever the official one was (see movedDeprovisionStrategy).
func TestMoveStateRoleAssignmentFromOfficial(t *testing.T) {
	const (
		id    = "z-abcdefabcdef#rc-abcdefabcdef#MemberUin#100000000001#Group#g-abcdefabcdef"
		attrs = `"zone_id":"z-abcdefabcdef","role_configuration_id":"rc-abcdefabcdef","target_type":"MemberUin","target_uin":100000000001,` +
			`"principal_type":"Group","principal_id":"g-abcdefabcdef"`
		computed = `"role_configuration_name":"ops","target_name":"dev","principal_name":"cloud-engineers",` +
			`"create_time":"2026-01-02 11:04:05","update_time":"2026-01-03 11:04:05"`
	)
	named := map[string]any{"role_configuration_name": "ops", "target_name": "dev", "principal_display_name": "cloud-engineers",
		"create_time": "2026-01-02T03:04:05Z", "update_time": "2026-01-03T03:04:05Z"}
	cases := []struct {
		name, state string
		want        map[string]any
	}{
		{"official default None", `{"id":"` + id + `",` + attrs + `,"deprovision_strategy":"None",` + computed + `}`, named},
		{"DeprovisionForLastRoleAssignmentOnAccount", `{"id":"` + id + `",` + attrs + `,"deprovision_strategy":"DeprovisionForLastRoleAssignmentOnAccount",` + computed + `}`, named},
		{"no strategy, the ID alone", `{"id":"` + id + `"}`, nil},
		{"the attributes win over a stale ID", `{"id":"z-abcdefabcdef#rc-zzzzzzzzzzzz",` + attrs + `,"deprovision_strategy":"None"}`, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := moveResourceState(t, "tencentcloudidc_role_assignment", "tencentcloud", "tencentcloud_identity_center_role_assignment", 0, tc.state)
			if len(resp.Diagnostics) != 0 {
				t.Fatalf("diagnostics: %+v", resp.Diagnostics)
			}
			want := map[string]any{"id": "z-abcdefabcdef/rc-abcdefabcdef/MemberUin/100000000001/Group/g-abcdefabcdef", "zone_id": "z-abcdefabcdef",
				"role_configuration_id": "rc-abcdefabcdef", "target_type": "MemberUin", "principal_type": "Group", "principal_id": "g-abcdefabcdef",
				"deprovision_strategy": idc.DeprovisionForLastRoleAssignment}
			for k, v := range tc.want {
				want[k] = v
			}
			got := movedAttributes(t, NewRoleAssignmentResource(), resp)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("moved attributes\n%v, want\n%v", got, want)
			}
			if resp.TargetIdentity == nil {
				t.Error("no identity")
			}
		})
	}
}
