package provider

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

var _ resource.ResourceWithMoveState = (*roleAssignmentResource)(nil)

// MoveState takes over tencentcloud_identity_center_role_assignment. The assignment is named
// by its six key parts; the names and times are carried for a whole state and refreshed by the
// Read that follows. A moved assignment has principal_id, never principal_name.
func (r *roleAssignmentResource) MoveState(context.Context) []resource.StateMover {
	return officialStateMovers("tencentcloudidc_role_assignment", officialMover{
		sourceType: "tencentcloud_identity_center_role_assignment",
		move:       moveOfficialRoleAssignment,
	})
}

func moveOfficialRoleAssignment(ctx context.Context, src officialState, resp *resource.MoveStateResponse) {
	key, err := parseRoleAssignmentID(officialRoleAssignmentID(src))
	if err != nil {
		resp.Diagnostics.AddError("Unable to Move Resource State", fmt.Sprintf(
			"Cannot move %s: its zone_id, role_configuration_id, target_type, target_uin, principal_type and principal_id do not name a role assignment. %s. "+
				"Refresh the old resource (terraform apply -refresh-only) with the official provider, then move it again.", src.what, err))
		return
	}
	m := roleAssignmentModel{ZoneID: key.ZoneID, RoleConfigurationID: key.RoleConfigurationID, TargetType: key.TargetType,
		TargetUin: key.TargetUin, PrincipalType: key.PrincipalType, PrincipalID: key.PrincipalID}
	setMoved(ctx, resp, "id", roleAssignmentID(m.ZoneID.ValueString(), m.key()))
	setMoved(ctx, resp, "zone_id", m.ZoneID)
	setMoved(ctx, resp, "role_configuration_id", m.RoleConfigurationID)
	setMoved(ctx, resp, "target_type", m.TargetType)
	setMoved(ctx, resp, "target_uin", m.TargetUin)
	setMoved(ctx, resp, "principal_type", m.PrincipalType)
	setMoved(ctx, resp, "principal_id", m.PrincipalID)
	// Ours' default whatever the official state says (see movedDeprovisionStrategy); a known
	// strategy also tells the Read after the move that this is no import.
	setMoved(ctx, resp, "deprovision_strategy", movedDeprovisionStrategy)
	setMoved(ctx, resp, "principal_display_name", stringOrNull(src.str("principal_name")))
	setMoved(ctx, resp, "role_configuration_name", stringOrNull(src.str("role_configuration_name")))
	setMoved(ctx, resp, "target_name", stringOrNull(src.str("target_name")))
	setMoved(ctx, resp, "create_time", officialTime(src.str("create_time")))
	setMoved(ctx, resp, "update_time", officialTime(src.str("update_time")))
	if resp.TargetIdentity != nil {
		resp.Diagnostics.Append(resp.TargetIdentity.Set(ctx, m.identity())...)
	}
}

// officialRoleAssignmentID is the official assignment's key in its ID form
// (`zoneId#rcId#targetType#targetUin#principalType#principalId`): from the attributes when they
// are all there, else the id itself, for parseRoleAssignmentID to check part by part.
func officialRoleAssignmentID(src officialState) string {
	parts := []string{src.str("zone_id"), src.str("role_configuration_id"), src.str("target_type"), "",
		src.str("principal_type"), src.str("principal_id")}
	if uin, ok := src.integer("target_uin"); ok {
		parts[3] = strconv.FormatInt(uin, 10)
	}
	for _, p := range parts {
		if p == "" {
			return src.str("id")
		}
	}
	return strings.Join(parts, "#")
}

// movedDeprovisionStrategy is what a moved assignment's deprovision_strategy holds: ours'
// default, whatever the official state says. The official resource's destroy dismantles the
// role configuration from the account after every DeleteRoleAssignment, whatever its own
// deprovision_strategy (default None), so the configuration never stayed deployed; ours'
// default undeploys it when this was the last assignment of it there, which is what that
// destroy did, without failing when other assignments remain. A configuration without
// deprovision_strategy then plans nothing; one that sets "None" (keeping the deployment, which
// the official resource never did) plans an in-place update of that attribute alone, which
// calls no API.
const movedDeprovisionStrategy = idc.DeprovisionForLastRoleAssignment
