package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

var _ resource.ResourceWithMoveState = (*scimCredentialResource)(nil)

// MoveState takes over tencentcloud_identity_center_scim_credential with its credential_secret,
// so that the identity provider keeps the token it has: the secret cannot be imported.
func (r *scimCredentialResource) MoveState(context.Context) []resource.StateMover {
	return officialStateMovers("tencentcloudidc_scim_credential", officialMover{
		sourceType: "tencentcloud_identity_center_scim_credential",
		sensitive:  []string{"credential_secret"},
		move:       moveOfficialSCIMCredential,
	})
}

func moveOfficialSCIMCredential(ctx context.Context, src officialState, resp *resource.MoveStateResponse) {
	zone, ok := src.zoneID(resp)
	if !ok {
		return
	}
	id := src.str("credential_id")
	if id == "" {
		_, id, _ = strings.Cut(src.str("id"), "#")
	}
	if !credentialIDPattern.MatchString(id) {
		resp.Diagnostics.AddError("Unable to Move Resource State", fmt.Sprintf(
			"Cannot move %s: its credential_id %q in zone %s is not a SCIM credential ID (`scimcred-` followed by 12 lowercase letters or digits). "+
				"Refresh the old resource (terraform apply -refresh-only) with the official provider, then move it again.", src.what, id, zone))
		return
	}
	// The Read after the move refreshes status, type and times; they are carried here so that
	// the state is whole even before it, and a non-null type tells that Read it is no import.
	enabled := src.str("status") != idc.StatusDisabled
	credType := src.str("credential_type")
	if credType == "" {
		credType = "BearerToken"
	}
	setMoved(ctx, resp, "id", zone+"/"+id)
	setMoved(ctx, resp, "zone_id", zone)
	setMoved(ctx, resp, "credential_id", id)
	setMoved(ctx, resp, "credential_type", credType)
	setMoved(ctx, resp, "enabled", enabled)
	setMoved(ctx, resp, "status", credentialStatusValue(enabled))
	setMoved(ctx, resp, "create_time", officialTime(src.str("create_time")))
	setMoved(ctx, resp, "expire_time", officialTime(src.str("expire_time")))
	secret := types.StringNull()
	if s := src.str("credential_secret"); s != "" {
		secret = types.StringValue(s)
	} else {
		resp.Diagnostics.AddWarning("SCIM Credential Moved Without Its Secret",
			fmt.Sprintf("The state of %s holds no credential_secret (as after an import), so secret stays null for credential %s of zone %s. "+
				"To have a secret Terraform knows, replace the credential and give the new secret to the identity provider.", src.what, id, zone))
	}
	setMoved(ctx, resp, "secret", secret)
	if resp.TargetIdentity != nil {
		resp.Diagnostics.Append(resp.TargetIdentity.Set(ctx, scimCredentialIdentityModel{
			ZoneID: types.StringValue(zone), CredentialID: types.StringValue(id),
		})...)
	}
}

// officialTime converts the official provider's copy of an API timestamp ("2006-01-02 15:04:05",
// Beijing time) to ours (RFC 3339, UTC); null when it cannot, for the Read after the move to fill.
func officialTime(s string) types.String {
	t, err := idc.ParseTime(s)
	if err != nil {
		return types.StringNull()
	}
	return timeValue(t)
}
