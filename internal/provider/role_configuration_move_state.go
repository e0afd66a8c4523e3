package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ resource.ResourceWithMoveState = (*roleConfigurationResource)(nil)

// MoveState takes over tencentcloud_identity_center_role_configuration. Its policies live in
// the official provider's attachment resources, which have no counterpart here (ours holds them
// inline and authoritatively): the move leaves system_policies and custom_policy null, and the
// Read that follows it fills them, the deployments and the settings from the service, so a
// configuration that lists the policies the role configuration holds plans nothing. The
// attachments are forgotten with removed blocks (destroy = false), which leaves the policies
// attached.
func (r *roleConfigurationResource) MoveState(context.Context) []resource.StateMover {
	return officialStateMovers("tencentcloudidc_role_configuration", officialMover{
		sourceType: "tencentcloud_identity_center_role_configuration",
		move:       moveOfficialRoleConfiguration,
	})
}

func moveOfficialRoleConfiguration(ctx context.Context, src officialState, resp *resource.MoveStateResponse) {
	zone, ok := src.zoneID(resp)
	if !ok {
		return
	}
	id := src.str("role_configuration_id")
	if id == "" {
		_, id, _ = strings.Cut(src.str("id"), "#")
	}
	if !roleConfigurationIDPattern.MatchString(id) {
		resp.Diagnostics.AddError("Unable to Move Resource State", fmt.Sprintf(
			"Cannot move %s: its role_configuration_id %q in zone %s is not a role configuration ID (`rc-` followed by 12 lowercase letters or digits). "+
				"Refresh the old resource (terraform apply -refresh-only) with the official provider, then move it again.", src.what, id, zone))
		return
	}
	setMoved(ctx, resp, "id", zone+"/"+id)
	setMoved(ctx, resp, "zone_id", zone)
	setMoved(ctx, resp, "role_configuration_id", id)
	// A known name tells the Read after the move that this is no import: a configuration gone
	// in the meantime is then dropped from the state with a warning, as after any deletion
	// outside Terraform.
	if name := src.str("role_configuration_name"); name != "" {
		setMoved(ctx, resp, "name", name)
	}
	setMoved(ctx, resp, "description", stringOrNull(src.str("description")))
	setMoved(ctx, resp, "relay_state", stringOrNull(src.str("relay_state")))
	setMoved(ctx, resp, "session_duration", movedSessionDuration(src))
	// The schema's default, as an apply would store it.
	setMoved(ctx, resp, "redeploy", true)
	if resp.TargetIdentity != nil {
		resp.Diagnostics.Append(resp.TargetIdentity.Set(ctx, roleConfigurationIdentityModel{
			ZoneID: types.StringValue(zone), RoleConfigurationID: types.StringValue(id),
		})...)
	}
}

// movedSessionDuration is the official session_duration (seconds) as ours writes it ("2h");
// the default when the state has none (the service's default is the same hour).
func movedSessionDuration(src officialState) string {
	secs, ok := src.integer("session_duration")
	if !ok || secs <= 0 {
		return defaultSessionDuration
	}
	return formatDuration(time.Duration(secs) * time.Second)
}
