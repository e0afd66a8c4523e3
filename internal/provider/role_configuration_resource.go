package provider

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

var (
	_ resource.Resource                = (*roleConfigurationResource)(nil)
	_ resource.ResourceWithConfigure   = (*roleConfigurationResource)(nil)
	_ resource.ResourceWithImportState = (*roleConfigurationResource)(nil)
	_ resource.ResourceWithIdentity    = (*roleConfigurationResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*roleConfigurationResource)(nil)
)

const (
	minSessionDuration     = 15 * time.Minute
	maxSessionDuration     = 12 * time.Hour
	defaultSessionDuration = "1h"
	// maxSystemPoliciesPerRoleConfiguration is the documented default quota (§3, §10).
	maxSystemPoliciesPerRoleConfiguration = 20
	defaultCustomPolicyName               = "inline-policy"

	deploymentDeployed = "Deployed"
)

var (
	roleConfigurationIDPattern   = regexp.MustCompile(`^rc-[a-z0-9]{12}$`)
	roleConfigurationNamePattern = regexp.MustCompile(`^[A-Za-z0-9-]{1,128}$`)

	rcPathRoleConfigurationID = path.Root("role_configuration_id")
	rcPathSystemPolicyIDs     = path.Root("system_policy_ids")
	rcPathDeployments         = path.Root("deployments")
)

var deploymentAttrTypes = map[string]attr.Type{
	"target_uin":  types.Int64Type,
	"target_type": types.StringType,
	"target_name": types.StringType,
	"status":      types.StringType,
}

// NewRoleConfigurationResource returns the tencentcloudidc_role_configuration resource.
func NewRoleConfigurationResource() resource.Resource {
	return &roleConfigurationResource{}
}

type roleConfigurationResource struct {
	resourceBase
}

type roleConfigurationModel struct {
	ID                  types.String        `tfsdk:"id"`
	ZoneID              types.String        `tfsdk:"zone_id"`
	RoleConfigurationID types.String        `tfsdk:"role_configuration_id"`
	Name                types.String        `tfsdk:"name"`
	Description         types.String        `tfsdk:"description"`
	SessionDuration     types.String        `tfsdk:"session_duration"`
	RelayState          types.String        `tfsdk:"relay_state"`
	SystemPolicies      types.Set           `tfsdk:"system_policies"`
	SystemPolicyIDs     types.Map           `tfsdk:"system_policy_ids"`
	CustomPolicy        policyDocumentValue `tfsdk:"custom_policy"`
	CustomPolicyName    types.String        `tfsdk:"custom_policy_name"`
	Deployments         types.List          `tfsdk:"deployments"`
	Redeploy            types.Bool          `tfsdk:"redeploy"`
	Timeouts            timeouts.Value      `tfsdk:"timeouts"`
}

type roleConfigurationIdentityModel struct {
	ZoneID              types.String `tfsdk:"zone_id"`
	RoleConfigurationID types.String `tfsdk:"role_configuration_id"`
}

func (m *roleConfigurationModel) identity() roleConfigurationIdentityModel {
	return roleConfigurationIdentityModel{ZoneID: m.ZoneID, RoleConfigurationID: m.RoleConfigurationID}
}

// target completes addAPIError's "Could not update the role configuration of …".
func (m *roleConfigurationModel) target() string {
	return fmt.Sprintf("zone %s (%s)", m.ZoneID.ValueString(), m.RoleConfigurationID.ValueString())
}

// named is the role configuration in a sentence of our own.
func (m *roleConfigurationModel) named() string {
	return fmt.Sprintf("role configuration %s in zone %s", m.RoleConfigurationID.ValueString(), m.ZoneID.ValueString())
}

func (r *roleConfigurationResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_role_configuration"
}

func (r *roleConfigurationResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	stable := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A role configuration (Tencent's permission set) of an Identity Center zone, with its policies inline and " +
			"authoritative: CAM system policies by name and one custom policy document. Policies added or removed in the console " +
			"show up in the plan and are put back.\n\n" +
			"Tencent Cloud does not push policy edits to the accounts the configuration is already deployed to: they stay " +
			"`DeployedRequired` until redeployed. With `redeploy = true` (the default) every account whose deployment is not " +
			"`Deployed` is redeployed in the same apply, and a plan shows that redeploy whenever the service reports " +
			"`DeployedRequired` or `DeployFailed`, even without a change in the configuration.\n\n" +
			"Destroying it undeploys it from every account and removes its policies before deleting it; a configuration that " +
			"still has role assignments is refused, naming them, before anything is changed.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "`<zone_id>/<role_configuration_id>`.",
				Computed:            true,
				PlanModifiers:       stable,
			},
			"zone_id": zoneIDResourceAttribute(),
			"role_configuration_id": schema.StringAttribute{
				MarkdownDescription: "The role configuration's ID, `rc-` followed by 12 lowercase letters or digits.",
				Computed:            true,
				PlanModifiers:       stable,
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Name, unique in the zone: 1 to 128 English letters, digits and `-`. The API cannot rename a " +
					"role configuration: changing it replaces the resource, and the destroy half of a replacement undeploys it from every " +
					"account (it is refused while role assignments use it).",
				Required: true,
				Validators: []validator.String{stringvalidator.RegexMatches(roleConfigurationNamePattern,
					"must be 1 to 128 English letters, digits or -, for example ReadOnly-Network")},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "Description, at most 1024 characters. Changed in place.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 1024)},
			},
			"session_duration": schema.StringAttribute{
				MarkdownDescription: "Longest console session of a sign-in with this role, a Go duration in whole seconds from `15m` " +
					"to `12h`, for example `\"4h\"` or `\"90m\"`. Default `\"1h\"`. Changed in place.",
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(defaultSessionDuration),
				Validators: []validator.String{durationBetween(minSessionDuration, maxSessionDuration, `"1h" or "90m"`)},
			},
			"relay_state": schema.StringAttribute{
				MarkdownDescription: "The Tencent Cloud console page a sign-in lands on, an `https://` URL such as " +
					"`https://console.cloud.tencent.com/vpc`. Unset: the console home. Changed in place.",
				Optional:   true,
				Validators: []validator.String{httpsURLValidator{}},
			},
			"system_policies": schema.SetAttribute{
				MarkdownDescription: "CAM system (preset) policies by name as the CAM console shows them, for example " +
					"`QcloudVPCReadOnlyAccess`; at most 20. Authoritative: policies attached in the console and not listed here " +
					"are removed by the next apply.",
				Optional:    true,
				ElementType: types.StringType,
				Validators: []validator.Set{
					setvalidator.SizeAtMost(maxSystemPoliciesPerRoleConfiguration),
					setvalidator.ValueStringsAre(stringvalidator.LengthBetween(1, 128)),
				},
			},
			"system_policy_ids": schema.MapAttribute{
				MarkdownDescription: "The CAM policy ID of each of `system_policies`, by name, as the service reports them.",
				Computed:            true,
				ElementType:         types.Int64Type,
				PlanModifiers:       []planmodifier.Map{mapplanmodifier.UseStateForUnknown()},
			},
			"custom_policy": schema.StringAttribute{
				MarkdownDescription: "The inline CAM policy document (JSON), at most 6144 characters, compared by meaning: key order " +
					"and white space never cause a diff, so `jsonencode()` and heredocs both work. Checked at plan time: `version` " +
					"`\"2.0\"` and a `statement` list whose statements each have `effect` (`allow` or `deny`), `action` and " +
					"`resource`. A changed document is updated in place.",
				Optional:   true,
				CustomType: policyDocumentType{},
				Validators: []validator.String{policyDocumentValidator{}},
			},
			"custom_policy_name": schema.StringAttribute{
				MarkdownDescription: "Name of the custom policy inside the role configuration, at most 32 characters. Default `\"" +
					defaultCustomPolicyName + "\"`. The API cannot rename it: changing it removes the old custom policy and adds the " +
					"new one, without replacing the role configuration.",
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(defaultCustomPolicyName),
				Validators: []validator.String{stringvalidator.LengthBetween(1, 32)},
			},
			// A list of objects rather than a nested attribute: Terraform 1.5's
			// -generate-config-out crashes on a read-only nested attribute (it filters the
			// attribute out, then descends into it). The state is the same.
			"deployments": schema.ListAttribute{
				MarkdownDescription: "The accounts the role configuration is deployed to, as the service reports them, ordered by UIN. " +
					"Each has `target_uin` (the account's UIN), `target_type` (`MemberUin`, or `ManagerUin` for the management " +
					"account), `target_name` (the account's name) and `status` (`Deployed`, `DeployedRequired` when policies " +
					"changed since the last deployment, or `DeployFailed`).",
				Computed:      true,
				ElementType:   types.ObjectType{AttrTypes: deploymentAttrTypes},
				PlanModifiers: []planmodifier.List{listplanmodifier.UseStateForUnknown()},
			},
			"redeploy": schema.BoolAttribute{
				MarkdownDescription: "Redeploy, in the same apply, every account whose deployment is not `Deployed`, and plan that " +
					"redeploy whenever the service reports `DeployedRequired` or `DeployFailed`. Default `true`. With `false` " +
					"policy changes stay `DeployedRequired` on deployed accounts until someone redeploys them.",
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

func (r *roleConfigurationResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"zone_id": identityschema.StringAttribute{
				Description:       "Identity Center zone ID.",
				RequiredForImport: true,
			},
			"role_configuration_id": identityschema.StringAttribute{
				Description:       "Role configuration ID (rc-…).",
				RequiredForImport: true,
			},
		},
	}
}

// httpsURLValidator accepts an absolute https:// URL with a host.
type httpsURLValidator struct{}

func (httpsURLValidator) Description(context.Context) string {
	return "must be an https:// URL, for example https://console.cloud.tencent.com/vpc"
}

func (v httpsURLValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v httpsURLValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	u, err := url.Parse(req.ConfigValue.ValueString())
	if err != nil || u.Scheme != "https" || u.Host == "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Relay State",
			fmt.Sprintf("Attribute %s %s; got %q.", req.Path, v.Description(ctx), req.ConfigValue.ValueString()))
	}
}

func (r *roleConfigurationResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	planZone(ctx, r.data, req, resp)
	if req.Plan.Raw.IsNull() || req.State.Raw.IsNull() || resp.Diagnostics.HasError() {
		return
	}
	var plan, state roleConfigurationModel
	resp.Diagnostics.Append(resp.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	policiesChange := !plan.SystemPolicies.Equal(state.SystemPolicies)
	if policiesChange {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, rcPathSystemPolicyIDs, types.MapUnknown(types.Int64Type))...)
	}
	customChange := !plan.CustomPolicyName.Equal(state.CustomPolicyName) || plan.CustomPolicy.IsNull() != state.CustomPolicy.IsNull() ||
		(!plan.CustomPolicy.IsNull() && !jsonSameMeaning(plan.CustomPolicy.ValueString(), state.CustomPolicy.ValueString()))
	policiesChange = policiesChange || customChange
	deployments := deploymentsFromState(ctx, state.Deployments, &resp.Diagnostics)
	stale := pendingDeployments(deployments)
	// Any change may move a deployment's status (a policy edit makes it DeployedRequired
	// unless redeployed), so the statuses are known only after the apply; with nothing to
	// change they stay as read, unless a redeploy is due.
	changing := policiesChange || !req.Plan.Raw.Equal(req.State.Raw)
	redeployDue := plan.Redeploy.ValueBool() && len(stale) > 0
	if len(deployments) > 0 && (changing || redeployDue) {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, rcPathDeployments, types.ListUnknown(types.ObjectType{AttrTypes: deploymentAttrTypes}))...)
	}
}

type deployment struct {
	TargetUin  int64
	TargetType string
	TargetName string
	Status     string
}

func deploymentsFromState(ctx context.Context, l types.List, diags *diag.Diagnostics) []deployment {
	if l.IsNull() || l.IsUnknown() {
		return nil
	}
	var items []struct {
		TargetUin  types.Int64  `tfsdk:"target_uin"`
		TargetType types.String `tfsdk:"target_type"`
		TargetName types.String `tfsdk:"target_name"`
		Status     types.String `tfsdk:"status"`
	}
	diags.Append(l.ElementsAs(ctx, &items, false)...)
	out := make([]deployment, 0, len(items))
	for _, it := range items {
		out = append(out, deployment{TargetUin: it.TargetUin.ValueInt64(), TargetType: it.TargetType.ValueString(),
			TargetName: it.TargetName.ValueString(), Status: it.Status.ValueString()})
	}
	return out
}

func pendingDeployments(ds []deployment) []deployment {
	var out []deployment
	for _, d := range ds {
		if d.Status != deploymentDeployed {
			out = append(out, d)
		}
	}
	return out
}

func deploymentsValue(ds []deployment) types.List {
	elems := make([]attr.Value, 0, len(ds))
	for _, d := range ds {
		elems = append(elems, types.ObjectValueMust(deploymentAttrTypes, map[string]attr.Value{
			"target_uin":  types.Int64Value(d.TargetUin),
			"target_type": types.StringValue(d.TargetType),
			"target_name": types.StringValue(d.TargetName),
			"status":      types.StringValue(d.Status),
		}))
	}
	return types.ListValueMust(types.ObjectType{AttrTypes: deploymentAttrTypes}, elems)
}

func sessionSeconds(s types.String) (int64, error) {
	v := s.ValueString()
	if s.IsNull() || s.IsUnknown() || v == "" {
		v = defaultSessionDuration
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, fmt.Errorf("session_duration %q is not a duration: %w", v, err)
	}
	return int64(d / time.Second), nil
}

func (r *roleConfigurationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan roleConfigurationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, zone, ok := r.beginCreate(ctx, plan.Timeouts, plan.ZoneID, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}
	secs, err := sessionSeconds(plan.SessionDuration)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("session_duration"), "Invalid Duration", err.Error())
		return
	}
	var systemNames []string
	resp.Diagnostics.Append(plan.SystemPolicies.ElementsAs(ctx, &systemNames, false)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := plan.Name.ValueString()
	taken := func(existing string, err error) {
		detail := fmt.Sprintf("Zone %s already has a role configuration named %q%s, and names are unique in a zone. Nothing was changed. "+
			"Choose another name, or import the existing one: terraform import <address> %s/%s.", zone, name, existing, zone, name)
		if err != nil {
			detail += "\n\n" + describeAPIErrorFor("Create", err)
		}
		resp.Diagnostics.AddAttributeError(path.Root("name"), "Unable to Create Role Configuration", detail)
	}
	// Looking first makes a lost answer to the create decidable: a configuration with this
	// name found afterwards can only be the one this create made.
	switch existing, err := r.data.client.RoleConfigurationByName(ctx, zone, name); {
	case err == nil:
		taken(" ("+existing.RoleConfigurationID+")", nil)
		return
	case !errors.Is(err, idc.ErrNotFound):
		addAPIError(&resp.Diagnostics, "Create", "Role Configuration", fmt.Sprintf("zone %s (name %q)", zone, name), fmt.Errorf("looking for one with the same name: %w", err))
		return
	}
	// A create whose answer is lost is looked for by name; when the zone has none, it did not
	// take effect and is sent again (names are unique in a zone, so a second create cannot make
	// a duplicate).
	var rc *idc.RoleConfiguration
	err = resend(ctx, "create", func(ctx context.Context) error {
		var cerr error
		rc, cerr = r.data.client.CreateRoleConfiguration(ctx, idc.CreateRoleConfigurationInput{
			ZoneID: zone, Name: name, Description: plan.Description.ValueString(),
			SessionDuration: secs, RelayState: plan.RelayState.ValueString(),
		})
		return cerr
	}, func(ctx context.Context) (bool, string, error) {
		got, gerr := r.data.client.RoleConfigurationByName(ctx, zone, name)
		if errors.Is(gerr, idc.ErrNotFound) {
			return false, fmt.Sprintf("zone %s has no role configuration named %q", zone, name), nil
		}
		rc = got
		return gerr == nil, "", gerr
	})
	if rc == nil || rc.RoleConfigurationID == "" {
		if errors.Is(err, idc.ErrAlreadyExists) {
			taken("", err)
			return
		}
		addAPIError(&resp.Diagnostics, "Create", "Role Configuration", fmt.Sprintf("zone %s (name %q)", zone, name), err)
		return
	}
	tflog.Info(ctx, "created role configuration", map[string]any{"zone_id": zone, "role_configuration_id": rc.RoleConfigurationID})
	plan.ZoneID = types.StringValue(zone)
	plan.RoleConfigurationID = types.StringValue(rc.RoleConfigurationID)
	plan.ID = types.StringValue(zone + "/" + rc.RoleConfigurationID)
	// From here on the role configuration exists: every path saves it in the state, and an
	// error leaves it tainted, so the next apply replaces it rather than orphaning it.
	target := plan.target() + " (created; kept in the state marked tainted, so the next apply replaces it)"
	if err == nil && len(systemNames) > 0 {
		err = r.addSystemPolicies(ctx, zone, rc.RoleConfigurationID, systemNames)
	}
	if err == nil && !plan.CustomPolicy.IsNull() {
		err = r.addCustomPolicy(ctx, zone, rc.RoleConfigurationID, plan.CustomPolicyName.ValueString(), plan.CustomPolicy.ValueString())
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Create", "Role Configuration", target, err)
	}
	if rerr := r.readInto(ctx, &plan); rerr != nil && !resp.Diagnostics.HasError() {
		addAPIError(&resp.Diagnostics, "Create", "Role Configuration", target, fmt.Errorf("reading it back: %w", rerr))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(resp.Identity.Set(ctx, plan.identity())...)
}

// readInto refreshes m from the service: the configuration, its policies and its deployments.
// Values that mean the same as the ones in m (a duration written "60m", the document's
// formatting) are kept as they are.
func (r *roleConfigurationResource) readInto(ctx context.Context, m *roleConfigurationModel) error {
	zone, id := m.ZoneID.ValueString(), m.RoleConfigurationID.ValueString()
	api := r.data.client
	rc, err := api.GetRoleConfiguration(ctx, zone, id)
	if err != nil {
		return err
	}
	policies, err := api.ListPermissionPoliciesInRoleConfiguration(ctx, zone, id, "", "")
	if err != nil {
		return err
	}
	deps, err := api.ListRoleConfigurationProvisionings(ctx, idc.ListProvisioningsInput{ZoneID: zone, RoleConfigurationID: id})
	if err != nil {
		return err
	}
	m.ID = types.StringValue(zone + "/" + id)
	m.Name = types.StringValue(rc.Name)
	m.Description = stringOrNull(rc.Description)
	m.RelayState = stringOrNull(rc.RelayState)
	if rc.SessionDuration > 0 {
		if cur, err := sessionSeconds(m.SessionDuration); err != nil || m.SessionDuration.IsNull() || cur != rc.SessionDuration {
			m.SessionDuration = types.StringValue(formatDuration(time.Duration(rc.SessionDuration) * time.Second))
		}
	} else if m.SessionDuration.IsNull() || m.SessionDuration.IsUnknown() {
		m.SessionDuration = types.StringValue(defaultSessionDuration)
	}

	names := []attr.Value{}
	ids := map[string]attr.Value{}
	var customs []idc.RolePolicy
	for _, p := range policies {
		switch p.PolicyType {
		case idc.PolicyTypeSystem:
			names = append(names, types.StringValue(p.PolicyName))
			ids[p.PolicyName] = types.Int64Value(p.PolicyID)
		case idc.PolicyTypeCustom:
			customs = append(customs, p)
		}
	}
	if len(names) == 0 && m.SystemPolicies.IsNull() {
		m.SystemPolicies = types.SetNull(types.StringType)
	} else {
		m.SystemPolicies = types.SetValueMust(types.StringType, names)
	}
	m.SystemPolicyIDs = types.MapValueMust(types.Int64Type, ids)

	// The custom policy is the one named custom_policy_name; failing that (an import, a rename
	// in the console) the only one there is.
	custom := customPolicyNamed(customs, m.CustomPolicyName.ValueString())
	if custom == nil {
		m.CustomPolicy = policyDocumentNull()
		if m.CustomPolicyName.IsNull() || m.CustomPolicyName.IsUnknown() {
			m.CustomPolicyName = types.StringValue(defaultCustomPolicyName)
		}
	} else {
		m.CustomPolicyName = types.StringValue(custom.PolicyName)
		if m.CustomPolicy.IsNull() || m.CustomPolicy.IsUnknown() || !jsonSameMeaning(m.CustomPolicy.ValueString(), custom.Document) {
			m.CustomPolicy = policyDocumentOf(custom.Document)
		}
	}

	m.Deployments = deploymentsValue(deploymentsOf(deps))
	if m.Redeploy.IsNull() || m.Redeploy.IsUnknown() {
		m.Redeploy = types.BoolValue(true)
	}
	return nil
}

// customPolicyNamed is the custom policy of customs named name, else the only one there is,
// else nil.
func customPolicyNamed(customs []idc.RolePolicy, name string) *idc.RolePolicy {
	for i := range customs {
		if customs[i].PolicyName == name {
			return &customs[i]
		}
	}
	if len(customs) == 1 {
		return &customs[0]
	}
	return nil
}

// deploymentsOf is the service's provisionings ordered by UIN, so a listing in another order is
// no change.
func deploymentsOf(deps []idc.Provisioning) []deployment {
	ds := make([]deployment, 0, len(deps))
	for _, d := range deps {
		ds = append(ds, deployment{TargetUin: d.TargetUin, TargetType: d.TargetType, TargetName: d.TargetName, Status: d.DeploymentStatus})
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i].TargetUin < ds[j].TargetUin })
	return ds
}

func (r *roleConfigurationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state roleConfigurationModel
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
	imported := state.Name.IsNull()
	err := r.readInto(ctx, &state)
	if errors.Is(err, idc.ErrNotFound) && imported {
		resp.Diagnostics.AddError("Role Configuration Not Found",
			fmt.Sprintf("Zone %s has no role configuration %s. Check the ID in the Identity Center console (Permission configurations).",
				state.ZoneID.ValueString(), state.RoleConfigurationID.ValueString()))
		return
	}
	if errors.Is(err, idc.ErrNotFound) {
		resp.Diagnostics.AddWarning("Role Configuration Not Found",
			fmt.Sprintf("%s no longer exists (deleted outside Terraform?), so it was removed from the state and the next apply creates it again.",
				capitalize(state.named())))
		resp.Diagnostics.Append(resp.Identity.Set(ctx, state.identity())...)
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Read", "Role Configuration", state.target(), err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	resp.Diagnostics.Append(resp.Identity.Set(ctx, state.identity())...)
}

func (r *roleConfigurationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state roleConfigurationModel
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
	plan.ZoneID, plan.RoleConfigurationID, plan.ID = state.ZoneID, state.RoleConfigurationID, state.ID
	err := r.update(ctx, &plan, &state)
	// Whatever happened, the state says what the service now holds.
	rerr := r.readInto(ctx, &plan)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Update", "Role Configuration", plan.target(), err)
	} else if rerr != nil {
		addAPIError(&resp.Diagnostics, "Update", "Role Configuration", plan.target(), fmt.Errorf("reading it back: %w", rerr))
	}
	if errors.Is(rerr, idc.ErrNotFound) {
		resp.State.RemoveResource(ctx)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(resp.Identity.Set(ctx, plan.identity())...)
}

// update applies plan with the fewest calls: one UpdateRoleConfiguration for the settings, one
// add for all new system policies, one remove per dropped policy, an in-place update of a
// changed custom document; then the redeploys.
func (r *roleConfigurationResource) update(ctx context.Context, plan, state *roleConfigurationModel) error {
	api := r.data.client
	zone, id := state.ZoneID.ValueString(), state.RoleConfigurationID.ValueString()

	in := idc.UpdateRoleConfigurationInput{ZoneID: zone, RoleConfigurationID: id}
	changed := false
	if !plan.Description.Equal(state.Description) {
		d := plan.Description.ValueString()
		in.Description, changed = &d, true
	}
	if !plan.RelayState.Equal(state.RelayState) {
		s := plan.RelayState.ValueString()
		in.RelayState, changed = &s, true
	}
	want, err := sessionSeconds(plan.SessionDuration)
	if err != nil {
		return err
	}
	if have, herr := sessionSeconds(state.SessionDuration); herr != nil || have != want {
		in.SessionDuration, changed = &want, true
	}
	if changed {
		if _, err := api.UpdateRoleConfiguration(ctx, in); err != nil {
			return fmt.Errorf("changing its settings: %w", err)
		}
	}

	// The policies as the service has them now (the state was refreshed by the plan).
	current, err := api.ListPermissionPoliciesInRoleConfiguration(ctx, zone, id, "", "")
	if err != nil {
		return err
	}
	var wantSystem []string
	if !plan.SystemPolicies.IsNull() && !plan.SystemPolicies.IsUnknown() {
		var d diag.Diagnostics
		d.Append(plan.SystemPolicies.ElementsAs(ctx, &wantSystem, false)...)
		if d.HasError() {
			return fmt.Errorf("reading system_policies from the plan")
		}
	}
	wantName := plan.CustomPolicyName.ValueString()
	wantDoc := plan.CustomPolicy
	var add []string
	haveSystem := map[string]bool{}
	customThere := false
	for _, p := range current {
		switch {
		case p.PolicyType == idc.PolicyTypeSystem && !slices.Contains(wantSystem, p.PolicyName):
			if err := api.RemoveSystemPolicyFromRoleConfiguration(ctx, zone, id, p.PolicyID); err != nil && !errors.Is(err, idc.ErrNotFound) {
				return fmt.Errorf("removing the system policy %s (%d): %w", p.PolicyName, p.PolicyID, err)
			}
		case p.PolicyType == idc.PolicyTypeSystem:
			haveSystem[p.PolicyName] = true
		case p.PolicyType == idc.PolicyTypeCustom && (p.PolicyName != wantName || wantDoc.IsNull()):
			if err := api.RemoveCustomPolicyFromRoleConfiguration(ctx, zone, id, p.PolicyName); err != nil && !errors.Is(err, idc.ErrNotFound) {
				return fmt.Errorf("removing the custom policy %s: %w", p.PolicyName, err)
			}
		case p.PolicyType == idc.PolicyTypeCustom:
			customThere = true
			if !jsonSameMeaning(p.Document, wantDoc.ValueString()) {
				if err := api.UpdateCustomPolicyForRoleConfiguration(ctx, zone, id, wantName, wantDoc.ValueString()); err != nil {
					return fmt.Errorf("updating the custom policy %s: %w", wantName, err)
				}
			}
		}
	}
	for _, n := range wantSystem {
		if !haveSystem[n] {
			add = append(add, n)
		}
	}
	if len(add) > 0 {
		sort.Strings(add)
		if err := r.addSystemPolicies(ctx, zone, id, add); err != nil {
			return err
		}
	}
	if !wantDoc.IsNull() && !customThere {
		if err := r.addCustomPolicy(ctx, zone, id, wantName, wantDoc.ValueString()); err != nil {
			return err
		}
	}

	if !plan.Redeploy.ValueBool() {
		return nil
	}
	return r.redeploy(ctx, zone, id)
}

// addSystemPolicies attaches system policies by name in one call. An answer that was lost is
// settled by listing the configuration's policies, and the ones not attached are sent again.
func (r *roleConfigurationResource) addSystemPolicies(ctx context.Context, zone, id string, names []string) error {
	api := r.data.client
	missing := names
	err := resend(ctx, "policy attachment", func(ctx context.Context) error {
		return api.AddPermissionPolicyToRoleConfiguration(ctx, idc.AddPermissionPolicyInput{
			ZoneID: zone, RoleConfigurationID: id, PolicyType: idc.PolicyTypeSystem, PolicyNames: missing,
		})
	}, func(ctx context.Context) (bool, string, error) {
		held, err := api.ListPermissionPoliciesInRoleConfiguration(ctx, zone, id, idc.PolicyTypeSystem, "")
		if err != nil {
			return false, "", err
		}
		missing = slices.DeleteFunc(slices.Clone(names), func(n string) bool {
			return slices.ContainsFunc(held, func(p idc.RolePolicy) bool { return p.PolicyName == n })
		})
		return len(missing) == 0, fmt.Sprintf("%s not attached", strings.Join(missing, ", ")), nil
	})
	if err != nil {
		return fmt.Errorf("adding the system policies %s: %w", strings.Join(names, ", "), err)
	}
	return nil
}

// addCustomPolicy attaches the custom policy; a lost answer is settled by looking for it.
func (r *roleConfigurationResource) addCustomPolicy(ctx context.Context, zone, id, name, document string) error {
	api := r.data.client
	err := resend(ctx, "policy attachment", func(ctx context.Context) error {
		return api.AddCustomPolicyToRoleConfiguration(ctx, zone, id, name, document)
	}, func(ctx context.Context) (bool, string, error) {
		held, err := api.ListPermissionPoliciesInRoleConfiguration(ctx, zone, id, idc.PolicyTypeCustom, "")
		if err != nil {
			return false, "", err
		}
		there := slices.ContainsFunc(held, func(p idc.RolePolicy) bool { return p.PolicyName == name })
		return there, "the custom policy " + name + " is not attached", nil
	})
	if err != nil {
		return fmt.Errorf("adding the custom policy %s: %w", name, err)
	}
	return nil
}

// redeploy provisions every account whose deployment is not Deployed and waits for each task.
func (r *roleConfigurationResource) redeploy(ctx context.Context, zone, id string) error {
	api := r.data.client
	deps, err := api.ListRoleConfigurationProvisionings(ctx, idc.ListProvisioningsInput{ZoneID: zone, RoleConfigurationID: id})
	if err != nil {
		return err
	}
	var failures []string
	for _, d := range deps {
		if d.DeploymentStatus == deploymentDeployed {
			continue
		}
		account := fmt.Sprintf("account %d (%s, %s)", d.TargetUin, d.TargetName, d.TargetType)
		tflog.Info(ctx, "redeploying role configuration", map[string]any{"zone_id": zone, "role_configuration_id": id,
			"target_uin": d.TargetUin, "status": d.DeploymentStatus})
		task, err := api.ProvisionRoleConfiguration(ctx, idc.RoleTarget{ZoneID: zone, RoleConfigurationID: id, TargetType: d.TargetType, TargetUin: d.TargetUin})
		if err != nil {
			return fmt.Errorf("redeploying to %s: %w", account, err)
		}
		_, err = api.WaitForTask(ctx, zone, task.TaskID)
		var failed *idc.TaskFailedError
		var unfinished *idc.TaskNotFinishedError
		switch {
		case errors.As(err, &unfinished):
			// Not wrapped: the task ID and what to do matter more than the timeout's own text.
			return fmt.Errorf("the redeploy to %s was started, but %v. It may still succeed or fail: the next plan reads "+
				"the deployment's status and redeploys again if it is not Deployed. Raise timeouts.update (for example to \"15m\") "+
				"if deployments take longer", account, unfinished)
		case errors.As(err, &failed):
			reason := failed.FailureReason
			if reason == "" {
				reason = "the service gave no reason"
			}
			failures = append(failures, fmt.Sprintf("the redeploy to %s failed: task %s ended %s: %s", account, failed.TaskID, failed.Status, reason))
		case err != nil:
			return fmt.Errorf("redeploying to %s (task %s): %w", account, task.TaskID, err)
		}
	}
	if len(failures) > 0 {
		return fmt.Errorf("%s. The policies are changed; the state shows each account's deployment status as the service reports it, "+
			"and the next plan redeploys the accounts that are not Deployed", strings.Join(failures, "; "))
	}
	return nil
}

func (r *roleConfigurationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state roleConfigurationModel
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
	api := r.data.client
	zone, id := state.ZoneID.ValueString(), state.RoleConfigurationID.ValueString()
	fail := func(err error) { addAPIError(&resp.Diagnostics, "Delete", "Role Configuration", state.target(), err) }

	// The service undeploys only where no assignment remains: refuse before changing anything.
	assignments, err := api.ListRoleAssignments(ctx, idc.ListRoleAssignmentsInput{ZoneID: zone, RoleConfigurationID: id})
	if errors.Is(err, idc.ErrNotFound) {
		return
	}
	if err != nil {
		fail(fmt.Errorf("listing its role assignments: %w", err))
		return
	}
	if len(assignments) > 0 {
		var names []string
		for _, a := range assignments {
			who := a.PrincipalID
			if a.PrincipalName != "" {
				who = fmt.Sprintf("%s %s", a.PrincipalName, a.PrincipalID)
			}
			names = append(names, fmt.Sprintf("%s %s on account %d", a.PrincipalType, who, a.TargetUin))
		}
		resp.Diagnostics.AddError("Role Configuration Still Assigned",
			fmt.Sprintf("%s still has %d role assignment(s): %s. Nothing was changed. Remove the assignments first "+
				"(in Terraform or in the Identity Center console), then destroy it.", capitalize(state.named()), len(assignments), strings.Join(names, "; ")))
		return
	}
	deps, err := api.ListRoleConfigurationProvisionings(ctx, idc.ListProvisioningsInput{ZoneID: zone, RoleConfigurationID: id})
	if err != nil {
		fail(err)
		return
	}
	for _, d := range deps {
		task, err := api.DismantleRoleConfiguration(ctx, idc.RoleTarget{ZoneID: zone, RoleConfigurationID: id, TargetType: d.TargetType, TargetUin: d.TargetUin})
		if errors.Is(err, idc.ErrNotFound) {
			continue
		}
		if errors.Is(err, idc.ErrInUse) {
			resp.Diagnostics.AddError("Role Configuration Still Assigned",
				fmt.Sprintf("%s still has role assignments on account %d (%s), so it cannot be undeployed there. Remove the "+
					"assignments first (in Terraform or in the Identity Center console), then destroy it.\n\n%s",
					capitalize(state.named()), d.TargetUin, d.TargetName, describeAPIErrorFor("Delete", err)))
			return
		}
		if err != nil {
			fail(fmt.Errorf("undeploying it from account %d: %w", d.TargetUin, err))
			return
		}
		if _, err := api.WaitForTask(ctx, zone, task.TaskID); err != nil {
			fail(fmt.Errorf("undeploying it from account %d (task %s): %w", d.TargetUin, task.TaskID, err))
			return
		}
	}
	policies, err := api.ListPermissionPoliciesInRoleConfiguration(ctx, zone, id, "", "")
	if err != nil && !errors.Is(err, idc.ErrNotFound) {
		fail(err)
		return
	}
	for _, p := range policies {
		if p.PolicyType == idc.PolicyTypeSystem {
			err = api.RemoveSystemPolicyFromRoleConfiguration(ctx, zone, id, p.PolicyID)
		} else {
			err = api.RemoveCustomPolicyFromRoleConfiguration(ctx, zone, id, p.PolicyName)
		}
		if err != nil && !errors.Is(err, idc.ErrNotFound) {
			fail(fmt.Errorf("removing the %s policy %s: %w", strings.ToLower(p.PolicyType), p.PolicyName, err))
			return
		}
	}
	if err := api.DeleteRoleConfiguration(ctx, zone, id); err != nil && !errors.Is(err, idc.ErrNotFound) {
		fail(err)
	}
}

// ImportState takes `<zone_id>/<role_configuration_id>`, the official provider's
// `<zone_id>#<role_configuration_id>`, `<zone_id>/<name>`, or the identity {zone_id,
// role_configuration_id}.
func (r *roleConfigurationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	const forms = "Expected `<zone_id>/<role_configuration_id>` or `<zone_id>#<role_configuration_id>` (a zone ID is `z-` followed by " +
		"12 lowercase letters or digits, a role configuration ID `rc-` followed by 12), for example z-vft38p2hq8tq/rc-4plmus8fdfsb, " +
		"or `<zone_id>/<name>` (a name that is not itself a role configuration ID), or an identity with zone_id and role_configuration_id"
	var zone, id string
	switch {
	case req.ID != "":
		sep := "/"
		if !strings.Contains(req.ID, "/") {
			sep = "#"
		}
		zone, id, _ = strings.Cut(req.ID, sep)
	case req.Identity != nil:
		var ident roleConfigurationIdentityModel
		resp.Diagnostics.Append(req.Identity.Get(ctx, &ident)...)
		if resp.Diagnostics.HasError() {
			return
		}
		zone, id = ident.ZoneID.ValueString(), ident.RoleConfigurationID.ValueString()
	}
	if req.ID != "" && zoneIDPattern.MatchString(zone) && !roleConfigurationIDPattern.MatchString(id) && roleConfigurationNamePattern.MatchString(id) {
		// By name: names are unique in a zone, and the import changes nothing.
		rc, err := r.data.client.RoleConfigurationByName(ctx, zone, id)
		if errors.Is(err, idc.ErrNotFound) {
			resp.Diagnostics.AddError("Role Configuration Not Found",
				fmt.Sprintf("Zone %s has no role configuration named %q (names are matched exactly, case included).", zone, id))
			return
		}
		if err != nil {
			addAPIError(&resp.Diagnostics, "Import", "Role Configuration", fmt.Sprintf("zone %s (name %q)", zone, id), err)
			return
		}
		id = rc.RoleConfigurationID
	}
	if !zoneIDPattern.MatchString(zone) || !roleConfigurationIDPattern.MatchString(id) {
		resp.Diagnostics.AddError("Invalid Import ID", fmt.Sprintf("%s; got %q.", forms, req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), zone+"/"+id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, pathZoneID, zone)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, rcPathRoleConfigurationID, id)...)
	if resp.Identity != nil {
		resp.Diagnostics.Append(resp.Identity.Set(ctx, roleConfigurationIdentityModel{
			ZoneID: types.StringValue(zone), RoleConfigurationID: types.StringValue(id),
		})...)
	}
}
