package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// resourceBase is what every resource embeds: Configure, which hands it the provider's data.
// Each operation bounds its context with withOperationTimeout (timeouts.go), and the per-zone
// resources share the zone identity below. AWS's framework base (internal/framework) is the
// model; ours stays this small on purpose.
type resourceBase struct {
	data *providerData
}

func (r *resourceBase) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// beginCreate starts a Create: ctx bounded by timeouts.create, and the zone the object is
// created in (its own zone_id, else the provider's, else the organization's). ok is false when
// diags say why not; cancel must be called either way.
func (r *resourceBase) beginCreate(ctx context.Context, tv timeouts.Value, own types.String, diags *diag.Diagnostics) (_ context.Context, cancel context.CancelFunc, zone string, ok bool) {
	ctx, cancel, d := withOperationTimeout(ctx, tv, opCreate)
	diags.Append(d...)
	if diags.HasError() {
		return ctx, cancel, "", false
	}
	zone, d = r.data.zone(ctx, own)
	diags.Append(d...)
	return ctx, cancel, zone, !diags.HasError()
}

// defaultTimeout bounds an operation whose timeouts.<op> is not set.
const defaultTimeout = 5 * time.Minute

// zoneIdentityModel is the resource identity of a per-zone singleton (the SCIM switch, the IdP).
type zoneIdentityModel struct {
	ZoneID types.String `tfsdk:"zone_id"`
}

// zoneIdentitySchema is the identity of a per-zone singleton: its zone ID.
func zoneIdentitySchema() identityschema.Schema {
	return identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"zone_id": identityschema.StringAttribute{
				Description:       "Identity Center zone ID.",
				RequiredForImport: true,
			},
		},
	}
}

// setZoneIdentity records the singleton's identity, which the framework wants from every
// Create, Read (even one that removes the resource) and Update.
func setZoneIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, zone types.String) diag.Diagnostics {
	return identity.Set(ctx, zoneIdentityModel{ZoneID: zone})
}

// importZoneSingleton imports a per-zone resource by zone ID, from `terraform import`/an
// import block's id or from the resource identity {zone_id}.
func importZoneSingleton(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	zone := req.ID
	if zone == "" && req.Identity != nil {
		var ident zoneIdentityModel
		resp.Diagnostics.Append(req.Identity.Get(ctx, &ident)...)
		zone = ident.ZoneID.ValueString()
	}
	if !zoneIDPattern.MatchString(zone) {
		resp.Diagnostics.AddError("Invalid Import ID",
			fmt.Sprintf("Expected the zone ID (`z-` followed by 12 lowercase letters or digits), got %q.", zone))
		return
	}
	resp.Diagnostics.Append(setImportedZone(ctx, resp, zone)...)
}

func setImportedZone(ctx context.Context, resp *resource.ImportStateResponse, zone string) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.Append(resp.State.SetAttribute(ctx, path.Root("id"), zone)...)
	diags.Append(resp.State.SetAttribute(ctx, pathZoneID, zone)...)
	if resp.Identity != nil {
		diags.Append(setZoneIdentity(ctx, resp.Identity, types.StringValue(zone))...)
	}
	return diags
}
