package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

// ImportState takes `<zone_id>/<credential_id>`, the official provider's `<zone_id>#<credential_id>`,
// or the identity {zone_id, credential_id}. It checks only the form: the Read that follows finds
// whether the credential exists, and warns that its secret cannot come along only when it does.
func (r *scimCredentialResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	var zone, id string
	switch {
	case req.ID != "":
		var ok bool
		zone, id, ok = splitCredentialImportID(req.ID)
		if !ok {
			resp.Diagnostics.AddError("Invalid Import ID", fmt.Sprintf("%s; got %q: %s.", credentialImportForms, req.ID, credentialImportIDProblem(req.ID)))
			return
		}
	case req.Identity != nil:
		var ident scimCredentialIdentityModel
		resp.Diagnostics.Append(req.Identity.Get(ctx, &ident)...)
		if resp.Diagnostics.HasError() {
			return
		}
		zone, id = ident.ZoneID.ValueString(), ident.CredentialID.ValueString()
		if !zoneIDPattern.MatchString(zone) || !credentialIDPattern.MatchString(id) {
			resp.Diagnostics.AddError("Invalid Import Identity",
				fmt.Sprintf("Expected zone_id `z-` followed by 12 lowercase letters or digits and credential_id `scimcred-` followed by 12 "+
					"lowercase letters or digits; got %q and %q.", zone, id))
			return
		}
	default:
		resp.Diagnostics.AddError("Invalid Import ID", credentialImportForms+".")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), zone+"/"+id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, pathZoneID, zone)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, credPathCredentialID, id)...)
	if resp.Identity != nil {
		resp.Diagnostics.Append(resp.Identity.Set(ctx, scimCredentialIdentityModel{
			ZoneID: types.StringValue(zone), CredentialID: types.StringValue(id),
		})...)
	}
}

const credentialImportForms = "Expected `<zone_id>/<credential_id>` or `<zone_id>#<credential_id>` (a zone ID is `z-` followed by 12 lowercase " +
	"letters or digits, a credential ID `scimcred-` followed by 12 lowercase letters or digits), for example " +
	"z-vft38p2hq8tq/scimcred-un1tgbnt0s9j, or an identity with zone_id and credential_id"

// splitCredentialImportID splits `<zone_id>/<credential_id>` or `<zone_id>#<credential_id>`.
func splitCredentialImportID(s string) (zone, id string, ok bool) {
	for _, sep := range []string{"/", "#"} {
		if z, c, found := strings.Cut(s, sep); found {
			return z, c, zoneIDPattern.MatchString(z) && credentialIDPattern.MatchString(c)
		}
	}
	return "", "", false
}

// credentialImportIDProblem says which part of an import ID that splitCredentialImportID
// refused is wrong.
func credentialImportIDProblem(s string) string {
	zone, id, found := strings.Cut(s, "/")
	if !found {
		zone, id, found = strings.Cut(s, "#")
	}
	switch {
	case !found:
		return "it has no / or # between the zone ID and the credential ID"
	case !zoneIDPattern.MatchString(zone):
		return fmt.Sprintf("the zone ID %q is not `z-` followed by 12 lowercase letters or digits", zone)
	default:
		return fmt.Sprintf("the credential ID %q is not `scimcred-` followed by 12 lowercase letters or digits", id)
	}
}

// credentialNotFoundForImport explains an import of a credential that the zone does not have,
// listing the ones it has, so that a mistyped ID is easy to correct.
func credentialNotFoundForImport(ctx context.Context, api *idc.Client, zone, id string) string {
	detail := fmt.Sprintf("Zone %s has no SCIM credential %s, so there is nothing to import.", zone, id)
	creds, err := api.ListSCIMCredentials(ctx, zone)
	switch {
	case err != nil:
	case len(creds) == 0:
		detail += " The zone holds no SCIM credential at all."
	default:
		ids := make([]string, 0, len(creds))
		for _, c := range creds {
			ids = append(ids, fmt.Sprintf("%s (%s)", c.CredentialID, idc.Status(c.Enabled)))
		}
		detail += fmt.Sprintf(" The zone holds: %s.", strings.Join(ids, ", "))
	}
	return detail + " Check the credential ID (the tencentcloudidc_scim_credentials data source and the Identity Center console list them), " +
		"or leave out the import to create a new credential."
}
