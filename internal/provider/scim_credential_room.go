package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

// A zone holds at most two credentials, and a create_before_destroy rotation creates the new
// one while the old one still holds its slot. When the other slot is taken, that create fails,
// and only the plan can say which of the two is the one being replaced: the create of a
// create_before_destroy replacement sees neither the prior state nor anything the plan left in
// private state. So the plan of the create half names them, from a marker that the plan of the
// replaced object leaves in private state (the CLI hands the first plan's private state to the
// second); whether create_before_destroy is set, the provider cannot see, so it says what
// either way means.

// replacedCredentialKey is the private-state key of that marker.
const replacedCredentialKey = "replaces"

type replacedCredential struct {
	Zone         string `json:"zone"`
	CredentialID string `json:"credential_id"`
}

// rememberReplacedCredential leaves the marker in the plan of an existing credential.
func rememberReplacedCredential(ctx context.Context, state scimCredentialModel, resp *resource.ModifyPlanResponse) {
	raw, err := json.Marshal(replacedCredential{Zone: state.ZoneID.ValueString(), CredentialID: state.CredentialID.ValueString()})
	if err == nil {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, replacedCredentialKey, raw)...)
	}
}

// warnReplacementWithoutRoom warns, in the plan of the create half of a replacement, when the
// zone has no free slot besides the replaced credential's.
func warnReplacementWithoutRoom(ctx context.Context, d *providerData, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if d == nil {
		return
	}
	raw, diags := req.Private.GetKey(ctx, replacedCredentialKey)
	var m replacedCredential
	if diags.HasError() || len(raw) == 0 || json.Unmarshal(raw, &m) != nil || m.CredentialID == "" {
		return
	}
	var zone types.String
	resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, pathZoneID, &zone)...)
	if zone.IsUnknown() || zone.ValueString() != m.Zone {
		return // another zone: the replaced credential takes no slot there
	}
	creds, err := d.client.ListSCIMCredentials(ctx, m.Zone)
	if err != nil {
		return // the create lists the zone again and reports what it finds
	}
	if summary, detail, tight := replacementRoom(m.Zone, m.CredentialID, creds); tight {
		resp.Diagnostics.AddAttributeWarning(credPathCredentialID, summary, detail)
	}
}

// replacementRoom reports whether replacing credential replacing in zone, which holds creds,
// leaves no slot for a new credential created before the old one is deleted, and says so.
func replacementRoom(zone, replacing string, creds []idc.SCIMCredential) (summary, detail string, tight bool) {
	if len(creds) < maxSCIMCredentialsPerZone {
		return "", "", false
	}
	var own string
	var others []string
	for _, c := range creds {
		line := fmt.Sprintf("%s (%s, expires %s)", c.CredentialID, idc.Status(c.Enabled), timeValue(c.ExpireTime).ValueString())
		if c.CredentialID == replacing {
			own = line
			continue
		}
		others = append(others, line)
	}
	if own == "" {
		return "", "", false // the create meets a full zone whatever the order; it reports that
	}
	return "SCIM Credential Replacement Needs a Free Slot", fmt.Sprintf(
		"This plan replaces SCIM credential %s of zone %s, which this resource manages. The zone already holds %d SCIM credentials, the most "+
			"it may: %s, which is being replaced, and %s, which this resource does not manage.\n\n"+
			"With lifecycle { create_before_destroy = true } (a rotation without downtime), the new credential is created while %s "+
			"still holds its slot, so the apply will fail before it changes anything. Keep create_before_destroy, and free the other "+
			"slot first: delete %s if no identity provider uses it (in the console, or by importing it into a "+
			"tencentcloudidc_scim_credential resource and removing that), or import it to manage it here.\n\n"+
			"Without create_before_destroy, %s is deleted first and the new credential takes its slot, but the identity provider "+
			"cannot push with %s's secret from then until it has the new one.",
		replacing, zone, len(creds), own, strings.Join(others, " and "), replacing, strings.Join(otherIDs(creds, replacing), " or "),
		replacing, replacing), true
}

func otherIDs(creds []idc.SCIMCredential, except string) []string {
	var ids []string
	for _, c := range creds {
		if c.CredentialID != except {
			ids = append(ids, c.CredentialID)
		}
	}
	return ids
}
