package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var pathZoneID = path.Root("zone_id")

const zoneIDDescription = "Identity Center zone ID (`z-` and 12 lowercase letters or digits). " +
	"Defaults to the provider's `zone_id`, else to the organization's zone found with `DescribeIdentityCenter`."

func zoneIDValidator() validator.String {
	return stringvalidator.RegexMatches(zoneIDPattern,
		"must be `z-` followed by 12 lowercase letters or digits, as shown in the Identity Center console (for example z-vft38p2hq8tq)")
}

func zoneIDDataSourceAttribute() dsschema.StringAttribute {
	return dsschema.StringAttribute{
		MarkdownDescription: zoneIDDescription,
		Optional:            true,
		Computed:            true,
		Validators:          []validator.String{zoneIDValidator()},
	}
}

func zoneIDResourceAttribute() rschema.StringAttribute {
	return rschema.StringAttribute{
		MarkdownDescription: zoneIDDescription + " Changing it replaces the resource. A plan that would create the resource in a zone, or move it to one, " +
			"that `DescribeIdentityCenter` does not report as the organization's fails (`Wrong Identity Center Zone`), so a mistyped zone ID never destroys anything.",
		Optional:   true,
		Computed:   true,
		Validators: []validator.String{zoneIDValidator()},
		PlanModifiers: []planmodifier.String{
			stringplanmodifier.RequiresReplaceIfConfigured(),
			stringplanmodifier.UseStateForUnknown(),
		},
	}
}

// planZone fills zone_id in the plan when the configuration leaves it to the provider, so
// that plans show the real zone, and replaces the object when that default moves it to
// another zone. Whenever an object is created, or moved to another zone, it checks that the
// zone is the organization's (checkPlannedZone). Resources call it from ModifyPlan.
func planZone(ctx context.Context, d *providerData, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if d == nil || req.Plan.Raw.IsNull() {
		return
	}
	var configured, prior types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, pathZoneID, &configured)...)
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, pathZoneID, &prior)...)
	}
	if resp.Diagnostics.HasError() || configured.IsUnknown() {
		return
	}
	own := !configured.IsNull()
	zone := configured.ValueString()
	if !own {
		var diags diag.Diagnostics
		zone, diags = d.zone(ctx, configured)
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, pathZoneID, zone)...)
		if !prior.IsNull() && prior.ValueString() != zone {
			resp.RequiresReplace = append(resp.RequiresReplace, pathZoneID)
		}
		if d.zoneID == "" {
			return // discovered: the organization's zone by definition
		}
	}
	if prior.ValueString() != zone {
		checkPlannedZone(ctx, d, zone, own, prior.ValueString(), &resp.Diagnostics)
	}
}
