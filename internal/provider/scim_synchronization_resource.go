package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

var (
	_ resource.Resource                = (*scimSynchronizationResource)(nil)
	_ resource.ResourceWithConfigure   = (*scimSynchronizationResource)(nil) // resourceBase
	_ resource.ResourceWithImportState = (*scimSynchronizationResource)(nil)
	_ resource.ResourceWithIdentity    = (*scimSynchronizationResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*scimSynchronizationResource)(nil)
)

// NewSCIMSynchronizationResource returns the tencentcloudidc_scim_synchronization resource.
func NewSCIMSynchronizationResource() resource.Resource {
	return &scimSynchronizationResource{}
}

type scimSynchronizationResource struct {
	resourceBase
}

type scimSynchronizationModel struct {
	ID               types.String   `tfsdk:"id"`
	ZoneID           types.String   `tfsdk:"zone_id"`
	Enabled          types.Bool     `tfsdk:"enabled"`
	DisableOnDestroy types.Bool     `tfsdk:"disable_on_destroy"`
	Timeouts         timeouts.Value `tfsdk:"timeouts"`
}

func (r *scimSynchronizationResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_scim_synchronization"
}

func (r *scimSynchronizationResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Turns SCIM user synchronization on (or off) for an Identity Center zone: while it is on, an identity " +
			"provider holding an enabled SCIM credential can push users and groups to the zone. There is one switch per zone, so " +
			"manage it from one configuration only. Destroying the resource turns synchronization off again, unless `disable_on_destroy = false`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The zone ID.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"zone_id": zoneIDResourceAttribute(),
			"enabled": schema.BoolAttribute{
				MarkdownDescription: "Whether SCIM synchronization is on. Default `true`. Changed in place.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(true),
			},
			"disable_on_destroy": schema.BoolAttribute{
				MarkdownDescription: "Whether destroying the resource turns SCIM synchronization off (the service's default state). " +
					"Default `true`. With `false`, destroy only removes the resource from state and leaves the switch as it is.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(true),
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeoutsBlock(ctx),
		},
	}
}

func (r *scimSynchronizationResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = zoneIdentitySchema()
}

func (r *scimSynchronizationResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	planZone(ctx, r.data, req, resp)
	if resp.Diagnostics.HasError() || req.Plan.Raw.IsNull() {
		return
	}
	var zone types.String
	resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, pathZoneID, &zone)...)
	if !zone.IsUnknown() && !zone.IsNull() {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), zone)...)
	}
	guardSingletonPlan(ctx, r.data, scimSynchronizationSingleton, req, resp)
}

func (r *scimSynchronizationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan scimSynchronizationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, zone, ok := r.beginCreate(ctx, plan.Timeouts, plan.ZoneID, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}
	unlock := guardSingletonCreate(ctx, r.data, scimSynchronizationSingleton, zone, &resp.Diagnostics)
	defer unlock()
	if resp.Diagnostics.HasError() {
		return
	}
	enabled := plan.Enabled.ValueBool()
	tflog.Debug(ctx, "setting SCIM synchronization", map[string]any{"zone_id": zone, "enabled": enabled})
	if err := r.setStatus(ctx, zone, enabled, "change"); err != nil {
		addAPIError(&resp.Diagnostics, "Create", "SCIM Synchronization", "zone "+zone, err)
		restoreAfterFailedCreate(ctx, r.data, scimSynchronizationSingleton, zone, &resp.Diagnostics)
		return
	}
	plan.ID = types.StringValue(zone)
	plan.ZoneID = types.StringValue(zone)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(setZoneIdentity(ctx, resp.Identity, plan.ZoneID)...)
}

func (r *scimSynchronizationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state scimSynchronizationModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, diags := withOperationTimeout(ctx, state.Timeouts, opRead)
	defer cancel()
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	zone := state.ZoneID.ValueString()
	enabled, err := r.data.client.GetSCIMSynchronizationStatus(ctx, zone)
	if errors.Is(err, idc.ErrNotFound) {
		// The framework wants an identity even from a Read that removes the resource.
		resp.Diagnostics.Append(setZoneIdentity(ctx, resp.Identity, state.ZoneID)...)
		resp.Diagnostics.AddWarning("SCIM Synchronization Zone Not Found",
			fmt.Sprintf("Zone %s no longer exists, so its SCIM synchronization was removed from the state: %s", zone, err))
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Read", "SCIM Synchronization", "zone "+zone, err)
		return
	}
	state.ID = types.StringValue(zone)
	state.Enabled = types.BoolValue(enabled)
	if state.DisableOnDestroy.IsNull() { // after import
		state.DisableOnDestroy = types.BoolValue(true)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	resp.Diagnostics.Append(setZoneIdentity(ctx, resp.Identity, state.ZoneID)...)
}

func (r *scimSynchronizationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state scimSynchronizationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, diags := withOperationTimeout(ctx, plan.Timeouts, opUpdate)
	defer cancel()
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	zone := state.ZoneID.ValueString()
	if !plan.Enabled.Equal(state.Enabled) {
		if err := r.setStatus(ctx, zone, plan.Enabled.ValueBool(), "change"); err != nil {
			addAPIError(&resp.Diagnostics, "Update", "SCIM Synchronization", "zone "+zone, err)
			return
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(setZoneIdentity(ctx, resp.Identity, plan.ZoneID)...)
}

func (r *scimSynchronizationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state scimSynchronizationModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, diags := withOperationTimeout(ctx, state.Timeouts, opDelete)
	defer cancel()
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	zone := state.ZoneID.ValueString()
	if !state.DisableOnDestroy.IsNull() && !state.DisableOnDestroy.ValueBool() {
		tflog.Info(ctx, "leaving SCIM synchronization as it is: disable_on_destroy is false", map[string]any{"zone_id": zone})
		return
	}
	err := r.setStatus(ctx, zone, false, "delete (turning synchronization off)")
	if err != nil && !errors.Is(err, idc.ErrNotFound) {
		addAPIError(&resp.Diagnostics, "Delete", "SCIM Synchronization", "zone "+zone, err)
	}
}

// setStatus turns synchronization on or off; when the answer is not awaited, reading the
// status back decides whether it happened.
func (r *scimSynchronizationResource) setStatus(ctx context.Context, zone string, enabled bool, change string) error {
	err := r.data.client.UpdateSCIMSynchronizationStatus(ctx, zone, enabled)
	return settle(ctx, err, change, func(ctx context.Context) (bool, string, error) {
		now, gerr := r.data.client.GetSCIMSynchronizationStatus(ctx, zone)
		return gerr == nil && now == enabled, "SCIM synchronization is still " + onOff(now), gerr
	})
}

func onOff(enabled bool) string {
	if enabled {
		return "on"
	}
	return "off"
}

func (r *scimSynchronizationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importZoneSingleton(ctx, req, resp)
}
