package provider

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

var (
	_ resource.Resource                   = (*scimCredentialResource)(nil)
	_ resource.ResourceWithConfigure      = (*scimCredentialResource)(nil)
	_ resource.ResourceWithImportState    = (*scimCredentialResource)(nil)
	_ resource.ResourceWithIdentity       = (*scimCredentialResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*scimCredentialResource)(nil)
	_ resource.ResourceWithValidateConfig = (*scimCredentialResource)(nil)
)

const (
	// maxSCIMCredentialsPerZone is the documented limit of SCIM credentials per zone.
	maxSCIMCredentialsPerZone = 2
	// credentialLifetimeTolerance absorbs the API's whole-second timestamps when a configured expire_after
	// is compared with a credential's actual lifetime (expire_time − create_time).
	credentialLifetimeTolerance = time.Second

	minCredentialLifetime     = time.Hour
	maxCredentialLifetime     = 99 * hoursPerYear * time.Hour
	defaultCredentialLifetime = hoursPerYear * time.Hour
)

var (
	credentialIDPattern = regexp.MustCompile(`^scimcred-[a-z0-9]{12}$`)

	credPathCredentialID = path.Root("credential_id")
	credPathExpireAfter  = path.Root("expire_after")
	credPathRotateBefore = path.Root("rotate_before")
	credPathExpireTime   = path.Root("expire_time")
	credPathCreateTime   = path.Root("create_time")
	credPathStatus       = path.Root("status")
)

// NewSCIMCredentialResource returns the tencentcloudidc_scim_credential resource.
func NewSCIMCredentialResource() resource.Resource {
	return &scimCredentialResource{}
}

type scimCredentialResource struct {
	resourceBase
}

type scimCredentialModel struct {
	ID             types.String   `tfsdk:"id"`
	ZoneID         types.String   `tfsdk:"zone_id"`
	Enabled        types.Bool     `tfsdk:"enabled"`
	ExpireAfter    types.String   `tfsdk:"expire_after"`
	RotateBefore   types.String   `tfsdk:"rotate_before"`
	Keepers        types.Map      `tfsdk:"keepers"`
	CredentialID   types.String   `tfsdk:"credential_id"`
	CredentialType types.String   `tfsdk:"credential_type"`
	Status         types.String   `tfsdk:"status"`
	CreateTime     types.String   `tfsdk:"create_time"`
	ExpireTime     types.String   `tfsdk:"expire_time"`
	Secret         types.String   `tfsdk:"secret"`
	Timeouts       timeouts.Value `tfsdk:"timeouts"`
}

type scimCredentialIdentityModel struct {
	ZoneID       types.String `tfsdk:"zone_id"`
	CredentialID types.String `tfsdk:"credential_id"`
}

func (r *scimCredentialResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_scim_credential"
}

func (r *scimCredentialResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	stable := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A SCIM bearer credential of an Identity Center zone: the token an identity provider (OneLogin, Okta, Entra ID, …) " +
			"sends to push users and groups over SCIM. Its `secret` exists only in the answer to the create call, so it is kept in " +
			"the Terraform state (mark outputs that carry it `sensitive`) and is never read back; an imported credential has no secret.\n\n" +
			"A zone holds at most **two** credentials. Creating one in a full zone fails before anything is sent, naming both " +
			"existing credentials. If the answer to a create is lost, the credential it may have made is deleted and the create " +
			"is tried again (up to three times), so no credential with an unknown secret is left holding a slot.\n\n" +
			"**Zero-downtime rotation**: set `lifecycle { create_before_destroy = true }` and replace the credential by changing " +
			"`keepers` (for example from a value that changes every quarter), or let `rotate_before` replace it when it nears expiry. " +
			"Terraform then creates the new credential first, while the old one keeps working, and deletes the old one last; " +
			"hand the new `secret` to the identity provider in the same apply. This needs one free slot in the zone: with two " +
			"credentials already there, delete one that nothing uses (or import it into this resource) first.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "`<zone_id>/<credential_id>`.",
				Computed:            true,
				PlanModifiers:       stable,
			},
			"zone_id": zoneIDResourceAttribute(),
			"enabled": schema.BoolAttribute{
				MarkdownDescription: "Whether the identity provider may use the credential. Default `true`. Changed in place; a disabled " +
					"credential makes SCIM pushes that use it fail until it is enabled again.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(true),
			},
			"expire_after": schema.StringAttribute{
				MarkdownDescription: "Lifetime of the credential from its creation, as a Go duration in whole seconds from `1h` to `867240h` " +
					"(99 years), for example `\"8760h\"` (one year) or `\"720h30m\"`. When unset the service's default applies: one year. " +
					"Changing it replaces the credential, unless the new value equals the credential's actual lifetime " +
					"(`expire_time` − `create_time`), as after an import; then only the state is updated.",
				Optional: true,
				Validators: []validator.String{
					durationBetween(minCredentialLifetime, maxCredentialLifetime, `"8760h" (one year) or "720h30m"`),
				},
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.RequiresReplaceIf(expireAfterRequiresReplace,
						"Changing the lifetime replaces the credential, unless it equals the credential's actual lifetime.",
						"Changing the lifetime replaces the credential, unless it equals the credential's actual lifetime (`expire_time` − `create_time`)."),
				},
			},
			"rotate_before": schema.StringAttribute{
				MarkdownDescription: "Rotate the credential when it expires within this duration: a plan made then replaces it and " +
					"warns why. A Go duration above zero and shorter than `expire_after` (or than one year, `8760h`, when " +
					"`expire_after` is unset), for example `\"720h\"`. Unset: never rotate on expiry. Changing it only updates the " +
					"state. Combine it with `lifecycle { create_before_destroy = true }` and a scheduled plan/apply.",
				Optional:   true,
				Validators: []validator.String{durationPositive(`"720h" (30 days)`)},
			},
			"keepers": schema.MapAttribute{
				MarkdownDescription: "Arbitrary strings that force a new credential when any of them changes, as in the `random` and " +
					"`time_rotating` resources: for example the current quarter, or the `id` of a `time_rotating` resource, to " +
					"rotate on a schedule. Changing or removing them replaces the credential. Setting them on a credential that " +
					"has none (as after an import) adopts them without a replacement.",
				Optional:    true,
				ElementType: types.StringType,
				PlanModifiers: []planmodifier.Map{
					mapplanmodifier.RequiresReplaceIf(keepersRequireReplace,
						"Changing the keepers replaces the credential; setting them where there were none does not.",
						"Changing the keepers replaces the credential; setting them where there were none does not."),
				},
			},
			"credential_id": schema.StringAttribute{
				MarkdownDescription: "The credential's ID, `scimcred-` followed by 12 lowercase letters or digits.",
				Computed:            true,
				PlanModifiers:       stable,
			},
			"credential_type": schema.StringAttribute{
				MarkdownDescription: "The kind of credential, `BearerToken`: known at plan time.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{knownOnCreate("BearerToken"), stringplanmodifier.UseStateForUnknown()},
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "`Enabled` or `Disabled`, following `enabled`.",
				Computed:            true,
			},
			"create_time": schema.StringAttribute{
				MarkdownDescription: "When the credential was created, RFC 3339 in UTC (for example `2025-05-31T07:04:53Z`).",
				Computed:            true,
				PlanModifiers:       stable,
			},
			"expire_time": schema.StringAttribute{
				MarkdownDescription: "When the credential stops working, RFC 3339 in UTC. Use it with `timecmp()` or `rotate_before`.",
				Computed:            true,
				PlanModifiers:       stable,
			},
			"secret": schema.StringAttribute{
				MarkdownDescription: "The bearer token to give the identity provider. Sensitive. Known only from the create call: it is " +
					"never read back, never logged, and null after an import (replace the credential to get one).",
				Computed:      true,
				Sensitive:     true,
				PlanModifiers: stable,
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeoutsBlock(ctx),
		},
	}
}

func (r *scimCredentialResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"zone_id": identityschema.StringAttribute{
				Description:       "Identity Center zone ID.",
				RequiredForImport: true,
			},
			"credential_id": identityschema.StringAttribute{
				Description:       "SCIM credential ID (scimcred-…).",
				RequiredForImport: true,
			},
		},
	}
}

// ValidateConfig checks what one attribute's validator cannot: rotate_before against the lifetime.
// A rotate_before as long as the lifetime would make every new credential due for rotation at once.
func (r *scimCredentialResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var rotate, expire types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, credPathRotateBefore, &rotate)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, credPathExpireAfter, &expire)...)
	if resp.Diagnostics.HasError() || rotate.IsNull() || rotate.IsUnknown() || expire.IsUnknown() {
		return
	}
	rotateBefore, err := time.ParseDuration(rotate.ValueString())
	if err != nil || rotateBefore <= 0 {
		return // the attribute's validator reports it
	}
	lifetime, limit := defaultCredentialLifetime, "the service's default lifetime of one year (8760h), which applies because expire_after is not set"
	if !expire.IsNull() {
		if lifetime, err = time.ParseDuration(expire.ValueString()); err != nil {
			return
		}
		limit = fmt.Sprintf("expire_after (%s)", expire.ValueString())
	}
	if rotateBefore >= lifetime {
		resp.Diagnostics.AddAttributeError(credPathRotateBefore, "Rotation Window Too Long",
			fmt.Sprintf("rotate_before (%s) must be shorter than %s: otherwise every new credential would be due for rotation as soon as "+
				"it is created. For example, expire_after = \"8760h\" with rotate_before = \"720h\" rotates a one-year credential 30 days before it expires.",
				rotate.ValueString(), limit))
	}
}

func (r *scimCredentialResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	planZone(ctx, r.data, req, resp)
	if resp.Diagnostics.HasError() || req.Plan.Raw.IsNull() {
		return
	}
	var plan scimCredentialModel
	resp.Diagnostics.Append(resp.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !plan.Enabled.IsUnknown() {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, credPathStatus, credentialStatusValue(plan.Enabled.ValueBool()))...)
	}
	if req.State.Raw.IsNull() {
		warnReplacementWithoutRoom(ctx, r.data, req, resp)
		return
	}
	var state scimCredentialModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	rememberReplacedCredential(ctx, state, resp)
	due, reason := credentialRotationDue(state, plan.RotateBefore, time.Now())
	if !due {
		return
	}
	resp.Diagnostics.AddAttributeWarning(credPathRotateBefore, "SCIM Credential Due for Rotation", reason+
		" The plan therefore replaces it with a new credential: give the new secret to the identity provider after apply. "+
		"With lifecycle { create_before_destroy = true } the old credential keeps working until the new one exists.")
	// Terraform replaces only for an attribute whose planned value differs from the state: the
	// new credential's expiry is not known until it exists, so that is the one.
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, credPathExpireTime, types.StringUnknown())...)
	resp.RequiresReplace = append(resp.RequiresReplace, credPathExpireTime)
}

// credentialRotationDue reports whether the credential in state expires within rotateBefore of now, and
// says so in words that name the credential, its expiry and the setting.
func credentialRotationDue(state scimCredentialModel, rotateBefore types.String, now time.Time) (bool, string) {
	if rotateBefore.IsNull() || rotateBefore.IsUnknown() || state.ExpireTime.IsNull() || state.ExpireTime.IsUnknown() {
		return false, ""
	}
	window, err := time.ParseDuration(rotateBefore.ValueString())
	if err != nil || window <= 0 {
		return false, ""
	}
	expire, err := time.Parse(time.RFC3339, state.ExpireTime.ValueString())
	if err != nil {
		return false, ""
	}
	left := expire.Sub(now)
	if left > window {
		return false, ""
	}
	when := fmt.Sprintf("expires at %s, in %s", state.ExpireTime.ValueString(), formatDuration(left.Round(time.Second)))
	if left <= 0 {
		when = fmt.Sprintf("expired at %s", state.ExpireTime.ValueString())
	}
	return true, fmt.Sprintf("SCIM credential %s in zone %s %s, which is within rotate_before (%s).",
		state.CredentialID.ValueString(), state.ZoneID.ValueString(), when, rotateBefore.ValueString())
}

// expireAfterRequiresReplace replaces the credential when the configured lifetime differs from
// the one it actually has. Comparing with expire_time − create_time, not with the previous
// setting, keeps an import (expire_after null in state) and a mere respelling ("60m" for "1h")
// from replacing a credential whose secret the identity provider already holds.
func expireAfterRequiresReplace(ctx context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
	if req.PlanValue.IsUnknown() {
		resp.RequiresReplace = true
		return
	}
	var created, expires types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, credPathCreateTime, &created)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, credPathExpireTime, &expires)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.RequiresReplace = !credentialLifetimeMatches(req.PlanValue, created, expires)
}

// credentialLifetimeMatches reports whether the credential created at created and expiring at expires has
// the lifetime that expireAfter asks for (null: the service's default, one calendar or 365-day year).
func credentialLifetimeMatches(expireAfter, created, expires types.String) bool {
	if created.IsNull() || created.IsUnknown() || expires.IsNull() || expires.IsUnknown() {
		return false
	}
	c, err1 := time.Parse(time.RFC3339, created.ValueString())
	e, err2 := time.Parse(time.RFC3339, expires.ValueString())
	if err1 != nil || err2 != nil {
		return false
	}
	near := func(want time.Duration) bool {
		diff := e.Sub(c) - want
		return diff >= -credentialLifetimeTolerance && diff <= credentialLifetimeTolerance
	}
	if expireAfter.IsNull() {
		return near(defaultCredentialLifetime) || near(c.AddDate(1, 0, 0).Sub(c))
	}
	want, err := time.ParseDuration(expireAfter.ValueString())
	return err == nil && near(want)
}

// keepersRequireReplace replaces the credential when keepers change, except when there were none
// before: after an import nothing is known about them, and adopting the configured ones must not
// throw away a credential the identity provider is using.
func keepersRequireReplace(_ context.Context, req planmodifier.MapRequest, resp *mapplanmodifier.RequiresReplaceIfFuncResponse) {
	resp.RequiresReplace = !req.StateValue.IsNull()
}

func (r *scimCredentialResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan scimCredentialModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, zone, ok := r.beginCreate(ctx, plan.Timeouts, plan.ZoneID, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}
	var expireAfter time.Duration
	if !plan.ExpireAfter.IsNull() {
		d, err := time.ParseDuration(plan.ExpireAfter.ValueString())
		if err != nil {
			resp.Diagnostics.AddAttributeError(credPathExpireAfter, "Invalid Duration", fmt.Sprintf("expire_after %q is not a duration: %s", plan.ExpireAfter.ValueString(), err))
			return
		}
		expireAfter = d
	}

	cred, err := createSCIMCredential(ctx, r.data.client, zone, expireAfter)
	var full *credentialLimitError
	var failed *credentialCreateError
	switch {
	case errors.As(err, &full):
		resp.Diagnostics.AddError("Unable to Create SCIM Credential", full.detail())
		return
	case errors.As(err, &failed):
		resp.Diagnostics.AddError("Unable to Create SCIM Credential", failed.message())
		return
	case cred == nil:
		addAPIError(&resp.Diagnostics, "Create", "SCIM Credential", "zone "+zone, err)
		return
	}
	// From here on the secret exists nowhere else: every path below saves it in the state, and
	// an error leaves the resource tainted (replaced on the next apply) rather than lost.
	ctx = tflog.MaskAllFieldValuesStrings(ctx, cred.Secret)
	ctx = tflog.MaskMessageStrings(ctx, cred.Secret)
	tainted := fmt.Sprintf("zone %s (credential %s was created and is kept in the state with its secret, marked tainted, so the next apply replaces it)", zone, cred.CredentialID)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Create", "SCIM Credential", tainted, err)
	}
	if err == nil && cred.Enabled != plan.Enabled.ValueBool() {
		want := plan.Enabled.ValueBool()
		if serr := r.data.client.UpdateSCIMCredentialStatus(ctx, zone, cred.CredentialID, want); serr != nil {
			addAPIError(&resp.Diagnostics, "Create", "SCIM Credential", tainted, fmt.Errorf("setting its status to %s: %w", idc.Status(want), serr))
		} else {
			cred.Enabled = want
		}
	}
	tflog.Info(ctx, "created SCIM credential", map[string]any{"zone_id": zone, "credential_id": cred.CredentialID})
	plan.setFromAPI(zone, cred)
	plan.Secret = types.StringValue(cred.Secret)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(resp.Identity.Set(ctx, plan.identity())...)
}

func (r *scimCredentialResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state scimCredentialModel
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

	zone, id := state.ZoneID.ValueString(), state.CredentialID.ValueString()
	// ImportState sets only the IDs; every other Read and every Create sets the type.
	imported := state.CredentialType.IsNull()
	cred, err := r.data.client.GetSCIMCredential(ctx, zone, id)
	if errors.Is(err, idc.ErrNotFound) && imported {
		resp.Diagnostics.AddError("SCIM Credential Not Found", credentialNotFoundForImport(ctx, r.data.client, zone, id))
		return
	}
	if errors.Is(err, idc.ErrNotFound) {
		resp.Diagnostics.AddWarning("SCIM Credential Not Found",
			fmt.Sprintf("SCIM credential %s in zone %s no longer exists (deleted outside Terraform?), so it was removed from the state "+
				"and the next apply creates a new one, with a new secret for the identity provider.", id, zone))
		// The framework wants an identity even from a Read that removes the resource, and a CLI
		// without identity support (Terraform 1.5) hands none in.
		resp.Diagnostics.Append(resp.Identity.Set(ctx, state.identity())...)
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Read", "SCIM Credential", fmt.Sprintf("credential %s in zone %s", id, zone), err)
		return
	}
	if imported {
		resp.Diagnostics.AddWarning("SCIM Credential Secret Not Imported",
			fmt.Sprintf("SCIM credential %s of zone %s was imported without its secret: Tencent Cloud returns a credential's secret only "+
				"once, in the answer to its creation, so `secret` stays null. To have a secret Terraform knows, rotate the credential: "+
				"replace it (terraform apply -replace=<address>, or change keepers) and give the new secret to the identity provider.", id, zone))
	}
	// The secret is never read back (the API cannot return it): setFromAPI leaves it as it is.
	state.setFromAPI(zone, cred)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	resp.Diagnostics.Append(resp.Identity.Set(ctx, state.identity())...)
}

func (r *scimCredentialResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state scimCredentialModel
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

	zone, id := state.ZoneID.ValueString(), state.CredentialID.ValueString()
	if !plan.Enabled.Equal(state.Enabled) {
		want := plan.Enabled.ValueBool()
		tflog.Debug(ctx, "setting SCIM credential status", map[string]any{"zone_id": zone, "credential_id": id, "status": idc.Status(want)})
		err := r.data.client.UpdateSCIMCredentialStatus(ctx, zone, id, want)
		err = settle(ctx, err, "status change", func(ctx context.Context) (bool, string, error) {
			cred, gerr := r.data.client.GetSCIMCredential(ctx, zone, id)
			if gerr != nil {
				return false, "", gerr
			}
			return cred.Enabled == want, fmt.Sprintf("credential %s is still %s", id, idc.Status(cred.Enabled)), nil
		})
		if err != nil {
			addAPIError(&resp.Diagnostics, "Update", "SCIM Credential", fmt.Sprintf("credential %s in zone %s", id, zone), err)
			return
		}
	}
	// expire_after (same lifetime), rotate_before, keepers (adopted) and timeouts only live in
	// the state; everything the API owns, the secret above all, stays as it was.
	next := state
	next.Enabled = plan.Enabled
	next.Status = credentialStatusValue(plan.Enabled.ValueBool())
	next.ExpireAfter = plan.ExpireAfter
	next.RotateBefore = plan.RotateBefore
	next.Keepers = plan.Keepers
	next.Timeouts = plan.Timeouts
	resp.Diagnostics.Append(resp.State.Set(ctx, &next)...)
	resp.Diagnostics.Append(resp.Identity.Set(ctx, next.identity())...)
}

func (r *scimCredentialResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state scimCredentialModel
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

	zone, id := state.ZoneID.ValueString(), state.CredentialID.ValueString()
	err := r.data.client.DeleteSCIMCredential(ctx, zone, id)
	err = settle(ctx, err, "delete", func(ctx context.Context) (bool, string, error) {
		_, gerr := r.data.client.GetSCIMCredential(ctx, zone, id)
		if errors.Is(gerr, idc.ErrNotFound) {
			return true, "", nil
		}
		return false, fmt.Sprintf("credential %s still exists", id), gerr
	})
	if err != nil && !errors.Is(err, idc.ErrNotFound) {
		addAPIError(&resp.Diagnostics, "Delete", "SCIM Credential", fmt.Sprintf("credential %s in zone %s", id, zone), err)
	}
}

// setFromAPI copies what the API reports; the secret, the settings and the timeouts stay.
func (m *scimCredentialModel) setFromAPI(zone string, cred *idc.SCIMCredential) {
	m.ID = types.StringValue(zone + "/" + cred.CredentialID)
	m.ZoneID = types.StringValue(zone)
	m.CredentialID = types.StringValue(cred.CredentialID)
	m.CredentialType = types.StringValue(cred.CredentialType)
	m.Enabled = types.BoolValue(cred.Enabled)
	m.Status = credentialStatusValue(cred.Enabled)
	m.CreateTime = timeValue(cred.CreateTime)
	m.ExpireTime = timeValue(cred.ExpireTime)
}

func (m *scimCredentialModel) identity() scimCredentialIdentityModel {
	return scimCredentialIdentityModel{ZoneID: m.ZoneID, CredentialID: m.CredentialID}
}

func credentialStatusValue(enabled bool) types.String {
	return types.StringValue(idc.Status(enabled))
}
