package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

var _ resource.ResourceWithMoveState = (*scimSynchronizationResource)(nil)

// MoveState takes over tencentcloud_identity_center_scim_synchronization_status.
func (r *scimSynchronizationResource) MoveState(context.Context) []resource.StateMover {
	return officialStateMovers("tencentcloudidc_scim_synchronization", officialMover{
		sourceType: "tencentcloud_identity_center_scim_synchronization_status",
		move: func(ctx context.Context, src officialState, resp *resource.MoveStateResponse) {
			zone, ok := src.zoneID(resp)
			if !ok {
				return
			}
			setMovedZone(ctx, resp, zone)
			// The Read after the move refreshes enabled from the service.
			setMoved(ctx, resp, "enabled", src.str("scim_synchronization_status") == idc.StatusEnabled)
			// The schema's default, so that the plan after the move shows only what the
			// configuration says; the official resource left SCIM on when destroyed, this one
			// turns it off unless the configuration sets false.
			setMoved(ctx, resp, "disable_on_destroy", true)
		},
	})
}
