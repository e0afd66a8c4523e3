package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

// TestAccRoleConfigurationMoveFromOfficial migrates access from the official provider as the
// guide says: a role configuration with a system policy attachment, and a group's assignment
// of it on a member account. The configuration and the assignment move to ours with moved
// blocks, the attachment is forgotten with a removed block (destroy = false) and its policy
// becomes the configuration's inline system_policies. Nothing is changed on the service: the
// policy stays attached, the assignment and the deployment stay, and the plans show the moves,
// then nothing.
func TestAccRoleConfigurationMoveFromOfficial(t *testing.T) {
	t.Parallel()
	env := rcEnv(t)
	group := addGroup(t, env, "cloud-engineers")
	uin := memberUin(t, env)
	d := newOfficialDir(t, env, fmt.Sprintf(`resource "tencentcloud_identity_center_role_configuration" "this" {
  zone_id                 = %[1]q
  role_configuration_name = "platform-readonly"
  description             = "Read-only network access"
  session_duration        = 7200
}

resource "tencentcloud_identity_center_role_configuration_permission_policy_attachment" "vpc" {
  zone_id               = %[1]q
  role_configuration_id = tencentcloud_identity_center_role_configuration.this.role_configuration_id
  role_policy_id        = 186457
  role_policy_name      = "QcloudVPCReadOnlyAccess"
}

resource "tencentcloud_identity_center_role_configuration_permission_custom_policy_attachment" "cos" {
  zone_id               = %[1]q
  role_configuration_id = tencentcloud_identity_center_role_configuration.this.role_configuration_id
  role_policy_name      = "cos-read"
  role_policy_document  = %[4]s
}

resource "tencentcloud_identity_center_role_assignment" "this" {
  zone_id               = %[1]q
  role_configuration_id = tencentcloud_identity_center_role_configuration.this.role_configuration_id
  target_type           = "MemberUin"
  target_uin            = %[2]d
  principal_type        = "Group"
  principal_id          = %[3]q
  depends_on = [
    tencentcloud_identity_center_role_configuration_permission_policy_attachment.vpc,
    tencentcloud_identity_center_role_configuration_permission_custom_policy_attachment.cos,
  ]
}
`, env.ZoneID, uin, group, movedCustomPolicy))
	officialRC := d.stateAttributes("tencentcloud_identity_center_role_configuration.this")
	rc, _ := officialRC["role_configuration_id"].(string)
	if !roleConfigurationIDPattern.MatchString(rc) {
		t.Fatalf("the stand-in's role configuration has no ID: %v", officialRC)
	}
	if a := d.stateAttributes("tencentcloud_identity_center_role_assignment.this"); a == nil || a["deprovision_strategy"] != deprovisionNone {
		t.Fatalf("the stand-in's assignment is %v, want one with the official default deprovision_strategy None", a)
	}

	after := func(assignmentLines string) string {
		return fmt.Sprintf(`resource "tencentcloudidc_role_configuration" "this" {
  zone_id          = %[1]q
  name             = "platform-readonly"
  description      = "Read-only network access"
  session_duration = "2h"
  system_policies  = ["QcloudVPCReadOnlyAccess"]

  custom_policy_name = "cos-read"
  custom_policy      = %[4]s
}

resource "tencentcloudidc_role_assignment" "this" {
  zone_id               = %[1]q
  role_configuration_id = tencentcloudidc_role_configuration.this.role_configuration_id
  target_uin            = %[2]d
  principal_type        = "Group"
  principal_id          = %[3]q
  %[5]s
}

moved {
  from = tencentcloud_identity_center_role_configuration.this
  to   = tencentcloudidc_role_configuration.this
}

removed {
  from = tencentcloud_identity_center_role_configuration_permission_policy_attachment.vpc
  lifecycle {
    destroy = false
  }
}

removed {
  from = tencentcloud_identity_center_role_configuration_permission_custom_policy_attachment.cos
  lifecycle {
    destroy = false
  }
}

moved {
  from = tencentcloud_identity_center_role_assignment.this
  to   = tencentcloudidc_role_assignment.this
}
`, env.ZoneID, uin, group, movedCustomPolicy, assignmentLines)
	}
	d.checkMove(env, after(""), map[string]string{
		"tencentcloud_identity_center_role_configuration.this": "tencentcloudidc_role_configuration.this",
		"tencentcloud_identity_center_role_assignment.this":    "tencentcloudidc_role_assignment.this",
	})

	ours := d.stateAttributes("tencentcloudidc_role_configuration.this")
	if ours == nil {
		t.Fatal("tencentcloudidc_role_configuration.this is not in the state after the move")
	}
	if ours["role_configuration_id"] != rc || ours["id"] != env.ZoneID+"/"+rc || ours["session_duration"] != "2h" {
		t.Errorf("after the move the role configuration is %v/%v with session %v, want %s/%s with 2h",
			ours["id"], ours["role_configuration_id"], ours["session_duration"], env.ZoneID, rc)
	}
	if ids, _ := ours["system_policy_ids"].(map[string]any); fmt.Sprint(ids["QcloudVPCReadOnlyAccess"]) != "186457" {
		t.Errorf("after the move system_policy_ids is %v, want QcloudVPCReadOnlyAccess = 186457", ours["system_policy_ids"])
	}
	assignment := d.stateAttributes("tencentcloudidc_role_assignment.this")
	key := idc.RoleAssignmentKey{RoleConfigurationID: rc, TargetType: idc.TargetTypeMember, TargetUin: uin, PrincipalType: idc.PrincipalTypeGroup, PrincipalID: group}
	if assignment == nil || assignment["id"] != roleAssignmentID(env.ZoneID, key) ||
		assignment["deprovision_strategy"] != idc.DeprovisionForLastRoleAssignment || assignment["principal_display_name"] != "cloud-engineers" {
		t.Errorf("after the move the assignment is %v, want %s with deprovision_strategy %s", assignment, roleAssignmentID(env.ZoneID, key), idc.DeprovisionForLastRoleAssignment)
	}
	for _, gone := range []string{"tencentcloud_identity_center_role_configuration.this",
		"tencentcloud_identity_center_role_configuration_permission_policy_attachment.vpc",
		"tencentcloud_identity_center_role_configuration_permission_custom_policy_attachment.cos", "tencentcloud_identity_center_role_assignment.this"} {
		if d.stateAttributes(gone) != nil {
			t.Errorf("%s is still in the state after the move", gone)
		}
	}

	if ours["custom_policy_name"] != "cos-read" || ours["custom_policy"] == nil {
		t.Errorf("after the move the custom policy is %v: %v, want cos-read with its document", ours["custom_policy_name"], ours["custom_policy"])
	}

	// The service is as before: the policies attached, the assignment there, the deployment up to date.
	ps, err := env.API.ListPermissionPoliciesInRoleConfiguration(t.Context(), env.ZoneID, rc, "", "")
	got := map[string]int64{}
	for _, p := range ps {
		got[p.PolicyType+":"+p.PolicyName] = p.PolicyID
	}
	if err != nil || len(got) != 2 || got["System:QcloudVPCReadOnlyAccess"] != 186457 || !jsonSameMeaning(policyDocumentOfType(ps, "cos-read"), movedCustomPolicyJSON) {
		t.Errorf("after the move the role configuration's policies are %+v (%v), want QcloudVPCReadOnlyAccess (186457) and cos-read as written", ps, err)
	}
	if _, err := env.API.GetRoleAssignment(t.Context(), env.ZoneID, key); err != nil {
		t.Errorf("after the move the group's assignment: %v", err)
	}
	p, err := env.API.GetRoleConfigurationProvisioning(t.Context(), idc.RoleTarget{ZoneID: env.ZoneID, RoleConfigurationID: rc, TargetType: idc.TargetTypeMember, TargetUin: uin})
	if err != nil || p.DeploymentStatus != deploymentDeployed {
		t.Errorf("after the move the deployment on %d is %+v (%v), want Deployed", uin, p, err)
	}

	// Keeping the deployment on destroy, as the guide says: deprovision_strategy = "None" plans
	// one in-place update of that attribute alone, and its apply calls no API.
	d.write("main.tf", withOfficialProvider(env, after(`deprovision_strategy = "None"`)))
	env.Sim.ResetStats()
	out := d.must("plan", "-input=false", "-no-color")
	if !strings.Contains(out, "tencentcloudidc_role_assignment.this will be updated in-place") ||
		!regexp.MustCompile(`~ deprovision_strategy += "DeprovisionForLastRoleAssignmentOnAccount" -> "None"`).MatchString(out) ||
		!strings.Contains(out, "0 to add, 1 to change, 0 to destroy") {
		t.Errorf("the plan of deprovision_strategy = \"None\" is not the one in-place update of that attribute:\n%s", out)
	}
	d.must("apply", "-auto-approve", "-input=false", "-no-color")
	if err := env.NoMutatingCalls(`the apply of deprovision_strategy = "None"`); err != nil {
		t.Error(err)
	}
}

const movedCustomPolicyJSON = `{"version":"2.0","statement":[{"effect":"allow","action":["cos:GetObject"],"resource":["*"]}]}`

// movedCustomPolicy is movedCustomPolicyJSON as HCL writes it.
var movedCustomPolicy = fmt.Sprintf("%q", movedCustomPolicyJSON)

// policyDocumentOfType is the document of the custom policy named name in ps, "" if none.
func policyDocumentOfType(ps []idc.RolePolicy, name string) string {
	for _, p := range ps {
		if p.PolicyType == idc.PolicyTypeCustom && p.PolicyName == name {
			return p.Document
		}
	}
	return ""
}

// TestMoveStateRoleConfigurationFromOfficial: the official role configuration arrives with its
// IDs, name and settings, its session in seconds written as ours writes durations, and its
// policies left for the Read that follows (they live in the official attachment resources).
func TestMoveStateRoleConfigurationFromOfficial(t *testing.T) {
	const base = `"id":"z-abcdefabcdef#rc-abcdefabcdef","zone_id":"z-abcdefabcdef","role_configuration_name":"ops","create_time":"2026-01-02 11:04:05"`
	cases := []struct {
		name, state string
		want        map[string]any
	}{
		{"all of it", `{` + base + `,"role_configuration_id":"rc-abcdefabcdef","description":"Ops","session_duration":5400,"relay_state":"https://console.cloud.tencent.com/vpc"}`,
			map[string]any{"description": "Ops", "session_duration": "1h30m", "relay_state": "https://console.cloud.tencent.com/vpc"}},
		{"the ID alone names it, settings empty", `{` + base + `,"description":"","session_duration":0,"relay_state":""}`,
			map[string]any{"session_duration": defaultSessionDuration}},
		{"session_duration as a string", `{` + base + `,"role_configuration_id":"rc-abcdefabcdef","session_duration":"43200"}`,
			map[string]any{"session_duration": "12h"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := moveResourceState(t, "tencentcloudidc_role_configuration", "registry.opentofu.org/tencentcloudstack/tencentcloud",
				"tencentcloud_identity_center_role_configuration", 0, tc.state)
			if len(resp.Diagnostics) != 0 {
				t.Fatalf("diagnostics: %+v", resp.Diagnostics)
			}
			want := map[string]any{"id": "z-abcdefabcdef/rc-abcdefabcdef", "zone_id": "z-abcdefabcdef", "role_configuration_id": "rc-abcdefabcdef",
				"name": "ops", "redeploy": true}
			for k, v := range tc.want {
				want[k] = v
			}
			got := movedAttributes(t, NewRoleConfigurationResource(), resp)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("moved attributes\n%v, want\n%v", got, want)
			}
			if resp.TargetIdentity == nil {
				t.Error("no identity")
			}
		})
	}
}
