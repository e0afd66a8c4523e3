package provider

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

var (
	_ resource.Resource                = (*roleAssignmentResource)(nil)
	_ resource.ResourceWithConfigure   = (*roleAssignmentResource)(nil)
	_ resource.ResourceWithImportState = (*roleAssignmentResource)(nil)
	_ resource.ResourceWithIdentity    = (*roleAssignmentResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*roleAssignmentResource)(nil)

	_ resource.ResourceWithValidateConfig = (*roleAssignmentResource)(nil)
)

const (
	deprovisionNone = "None"
	// roleAssignmentCreateAttempts bounds the creates sent for one assignment: a lost answer
	// whose listing shows neither the assignment nor its task is sent again.
	roleAssignmentCreateAttempts = 3
	// principalLookupMaxPause caps the pause between two lookups of a principal_name that the
	// identity provider has not pushed yet.
	principalLookupMaxPause = 10 * time.Second
)

var (
	raPathPrincipalID   = path.Root("principal_id")
	raPathPrincipalName = path.Root("principal_name")
	raPathTargetUin     = path.Root("target_uin")
)

// NewRoleAssignmentResource returns the tencentcloudidc_role_assignment resource.
func NewRoleAssignmentResource() resource.Resource {
	return &roleAssignmentResource{}
}

type roleAssignmentResource struct {
	resourceBase
}

type roleAssignmentModel struct {
	ID                    types.String   `tfsdk:"id"`
	ZoneID                types.String   `tfsdk:"zone_id"`
	RoleConfigurationID   types.String   `tfsdk:"role_configuration_id"`
	TargetType            types.String   `tfsdk:"target_type"`
	TargetUin             types.Int64    `tfsdk:"target_uin"`
	PrincipalType         types.String   `tfsdk:"principal_type"`
	PrincipalID           types.String   `tfsdk:"principal_id"`
	PrincipalName         types.String   `tfsdk:"principal_name"`
	PrincipalDisplayName  types.String   `tfsdk:"principal_display_name"`
	DeprovisionStrategy   types.String   `tfsdk:"deprovision_strategy"`
	RoleConfigurationName types.String   `tfsdk:"role_configuration_name"`
	TargetName            types.String   `tfsdk:"target_name"`
	CreateTime            types.String   `tfsdk:"create_time"`
	UpdateTime            types.String   `tfsdk:"update_time"`
	Timeouts              timeouts.Value `tfsdk:"timeouts"`
}

type roleAssignmentIdentityModel struct {
	ZoneID              types.String `tfsdk:"zone_id"`
	RoleConfigurationID types.String `tfsdk:"role_configuration_id"`
	TargetType          types.String `tfsdk:"target_type"`
	TargetUin           types.Int64  `tfsdk:"target_uin"`
	PrincipalType       types.String `tfsdk:"principal_type"`
	PrincipalID         types.String `tfsdk:"principal_id"`
}

func (m *roleAssignmentModel) key() idc.RoleAssignmentKey {
	return idc.RoleAssignmentKey{
		RoleConfigurationID: m.RoleConfigurationID.ValueString(), TargetType: m.TargetType.ValueString(),
		TargetUin: m.TargetUin.ValueInt64(), PrincipalType: m.PrincipalType.ValueString(), PrincipalID: m.PrincipalID.ValueString(),
	}
}

func (m *roleAssignmentModel) identity() roleAssignmentIdentityModel {
	return roleAssignmentIdentityModel{
		ZoneID: m.ZoneID, RoleConfigurationID: m.RoleConfigurationID, TargetType: m.TargetType,
		TargetUin: m.TargetUin, PrincipalType: m.PrincipalType, PrincipalID: m.PrincipalID,
	}
}

func roleAssignmentID(zone string, k idc.RoleAssignmentKey) string {
	return strings.Join([]string{zone, k.RoleConfigurationID, k.TargetType, strconv.FormatInt(k.TargetUin, 10), k.PrincipalType, k.PrincipalID}, "/")
}

// principal is the principal in a sentence: `Group g-abc ("cloud-engineers")`.
func (m *roleAssignmentModel) principal() string {
	who := m.PrincipalType.ValueString() + " " + m.PrincipalID.ValueString()
	name := m.PrincipalDisplayName.ValueString()
	if name == "" {
		name = m.PrincipalName.ValueString()
	}
	if name != "" {
		who += fmt.Sprintf(" (%q)", name)
	}
	return who
}

// named is the whole assignment in a sentence of our own.
func (m *roleAssignmentModel) named() string {
	return fmt.Sprintf("the role assignment of role configuration %s to %s on account %d (%s) in zone %s",
		m.RoleConfigurationID.ValueString(), m.principal(), m.TargetUin.ValueInt64(), m.TargetType.ValueString(), m.ZoneID.ValueString())
}

// target completes addAPIError's "Could not create the role assignment of …".
func (m *roleAssignmentModel) target() string {
	return strings.TrimPrefix(m.named(), "the role assignment of ")
}

func (r *roleAssignmentResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_role_assignment"
}

func (r *roleAssignmentResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	stable := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A role assignment: a user or group of the Identity Center zone gets a role configuration on one account of " +
			"the organization. The first assignment of a configuration on an account deploys it there.\n\n" +
			"The principal is named by `principal_id`, or by `principal_name`, which is looked up when the assignment is created: " +
			"the create waits, within `timeouts.create`, for an identity provider's SCIM push to create a group or user that does " +
			"not exist yet. Once created the resource follows the principal's ID: a rename in the identity provider is no change " +
			"(`principal_display_name` shows the current name).\n\n" +
			"A create never takes over an assignment that already exists: it is refused, with the `import` block that adopts it. " +
			"Destroying it removes the assignment and, with the default `deprovision_strategy`, undeploys the role configuration " +
			"from the account when no other assignment of it remains there; other principals' access is never touched.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "`<zone_id>/<role_configuration_id>/<target_type>/<target_uin>/<principal_type>/<principal_id>`.",
				Computed:            true,
				PlanModifiers:       stable,
			},
			"zone_id": zoneIDResourceAttribute(),
			"role_configuration_id": schema.StringAttribute{
				MarkdownDescription: "The role configuration to grant, `rc-` followed by 12 lowercase letters or digits. Changing it replaces the resource.",
				Required:            true,
				Validators: []validator.String{stringvalidator.RegexMatches(roleConfigurationIDPattern,
					"must be a role configuration ID: rc- followed by 12 lowercase letters or digits")},
				PlanModifiers: replace,
			},
			"target_type": schema.StringAttribute{
				MarkdownDescription: "`MemberUin` (a member account, the default) or `ManagerUin` (the organization's management account). " +
					"Changing it replaces the resource.",
				Optional:      true,
				Computed:      true,
				Default:       stringdefault.StaticString(idc.TargetTypeMember),
				Validators:    []validator.String{stringvalidator.OneOf(idc.TargetTypeMember, idc.TargetTypeManager)},
				PlanModifiers: replace,
			},
			"target_uin": schema.Int64Attribute{
				MarkdownDescription: "The account's UIN. Checked at plan time, when known, against the organization's accounts " +
					"(`DescribeOrganizationMembers`, and `DescribeOrganization` for `ManagerUin`). Changing it replaces the resource.",
				Required:      true,
				Validators:    []validator.Int64{int64validator.AtLeast(1)},
				PlanModifiers: []planmodifier.Int64{int64planmodifier.RequiresReplace()},
			},
			"principal_type": schema.StringAttribute{
				MarkdownDescription: "`User` or `Group`. Changing it replaces the resource.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.OneOf(idc.PrincipalTypeUser, idc.PrincipalTypeGroup)},
				PlanModifiers:       replace,
			},
			"principal_id": schema.StringAttribute{
				MarkdownDescription: "The user (`u-…`) or group (`g-…`) ID, matching `principal_type`. Set this or `principal_name`; " +
					"with `principal_name` it is the ID that name resolved to. Changing it replaces the resource.",
				Optional: true,
				Computed: true,
				Validators: []validator.String{
					stringvalidator.RegexMatches(principalIDPattern, "must be a user ID (u- and letters or digits) or a group ID (g- and letters or digits)"),
				},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplaceIfConfigured()},
			},
			"principal_name": schema.StringAttribute{
				MarkdownDescription: "The user name (`User`) or group name (`Group`; for a synchronized group the identity provider's " +
					"`displayName`), compared ignoring case. Resolved when the assignment is created, waiting within `timeouts.create` " +
					"for the identity provider to push it. Kept as configured: a rename in the identity provider is not a change. Changing " +
					"it to a name of the same principal is an in-place, state-only update; to another principal's name, a replacement.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthBetween(1, 128)},
			},
			"principal_display_name": schema.StringAttribute{
				MarkdownDescription: "The principal's current name as the service reports it (it follows renames in the identity provider).",
				Computed:            true,
				PlanModifiers:       stable,
			},
			"deprovision_strategy": schema.StringAttribute{
				MarkdownDescription: "What destroying the assignment does to the deployment of the role configuration on the account: " +
					"`DeprovisionForLastRoleAssignmentOnAccount` (the default) undeploys it when this was the last assignment of the " +
					"configuration there, so nothing stays deployed that no one uses; `None` leaves it deployed. Only used at destroy: " +
					"changing it is an in-place update of the state, without any call.",
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(idc.DeprovisionForLastRoleAssignment),
				Validators: []validator.String{stringvalidator.OneOf(idc.DeprovisionForLastRoleAssignment, deprovisionNone)},
			},
			"role_configuration_name": schema.StringAttribute{
				MarkdownDescription: "The role configuration's name.",
				Computed:            true,
				PlanModifiers:       stable,
			},
			"target_name": schema.StringAttribute{
				MarkdownDescription: "The account's name.",
				Computed:            true,
				PlanModifiers:       stable,
			},
			"create_time": schema.StringAttribute{
				MarkdownDescription: "When the assignment was made (RFC 3339, UTC).",
				Computed:            true,
				PlanModifiers:       stable,
			},
			"update_time": schema.StringAttribute{
				MarkdownDescription: "When the assignment was last changed (RFC 3339, UTC).",
				Computed:            true,
				PlanModifiers:       stable,
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeoutsBlock(ctx),
		},
	}
}

func (r *roleAssignmentResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	str := func(d string) identityschema.StringAttribute {
		return identityschema.StringAttribute{Description: d, RequiredForImport: true}
	}
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"zone_id":               str("Identity Center zone ID."),
			"role_configuration_id": str("Role configuration ID (rc-…)."),
			"target_type":           str("MemberUin or ManagerUin."),
			"target_uin":            identityschema.Int64Attribute{Description: "Account UIN.", RequiredForImport: true},
			"principal_type":        str("User or Group."),
			"principal_id":          str("User (u-…) or group (g-…) ID."),
		},
	}
}

func (r *roleAssignmentResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m roleAssignmentModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	checkPrincipalIDType(m.PrincipalType, m.PrincipalID, &resp.Diagnostics)
	if m.PrincipalID.IsUnknown() || m.PrincipalName.IsUnknown() {
		return
	}
	switch {
	case m.PrincipalID.IsNull() && m.PrincipalName.IsNull():
		resp.Diagnostics.AddAttributeError(raPathPrincipalID, "Principal Not Set",
			"Set exactly one of principal_id (the user's u-… or group's g-… ID) or principal_name (the user or group name, "+
				"looked up when the assignment is created); neither is set.")
	case !m.PrincipalID.IsNull() && !m.PrincipalName.IsNull():
		resp.Diagnostics.AddAttributeError(raPathPrincipalID, "Principal Set Twice",
			"Set exactly one of principal_id or principal_name, not both: remove principal_name to name the principal by ID, "+
				"or principal_id to look it up by name.")
	}
}

// checkPrincipalIDType refuses a principal_id whose prefix does not match principal_type.
func checkPrincipalIDType(principalType, principalID types.String, diags *diag.Diagnostics) {
	if principalType.IsUnknown() || principalType.IsNull() || principalID.IsUnknown() || principalID.IsNull() {
		return
	}
	want := principalIDPrefix(principalType.ValueString())
	if want != "" && !strings.HasPrefix(principalID.ValueString(), want) {
		diags.AddAttributeError(raPathPrincipalID, "Principal ID Does Not Match Principal Type",
			fmt.Sprintf("Attribute principal_id is %q, but principal_type is %q, whose IDs start with %q. Use the ID of a %s, or change principal_type.",
				principalID.ValueString(), principalType.ValueString(), want, strings.ToLower(principalType.ValueString())))
	}
}

func (r *roleAssignmentResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	planZone(ctx, r.data, req, resp)
	if req.Plan.Raw.IsNull() || resp.Diagnostics.HasError() || r.data == nil {
		return
	}
	var plan roleAssignmentModel
	resp.Diagnostics.Append(resp.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var state *roleAssignmentModel
	if !req.State.Raw.IsNull() {
		state = &roleAssignmentModel{}
		resp.Diagnostics.Append(req.State.Get(ctx, state)...)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	r.claim(plan.ZoneID, plan.RoleConfigurationID, &resp.Diagnostics)
	if state == nil || !plan.TargetUin.Equal(state.TargetUin) || !plan.TargetType.Equal(state.TargetType) {
		r.checkTargetAccount(ctx, &plan, &resp.Diagnostics)
	}
	if state != nil {
		r.planPrincipal(ctx, req, resp, &plan, state)
	}
}

// claim records this resource as a manager of the configuration's assignments and reports a
// tencentcloudidc_role_assignments_exclusive of the same configuration (role_assignment_owners.go).
// A configuration not known yet (made in the same apply) is claimed by the next plan.
func (r *roleAssignmentResource) claim(zone, rc types.String, diags *diag.Diagnostics) {
	if zone.IsNull() || zone.IsUnknown() || rc.IsNull() || rc.IsUnknown() {
		return
	}
	if other := r.data.assignmentOwners.claim(zone.ValueString(), rc.ValueString(), ownerRoleAssignment); other != "" {
		diags.AddAttributeError(rcPathRoleConfigurationID, "Conflicting Role Assignment Resources", roleAssignmentsConflict(zone.ValueString(), rc.ValueString()))
	}
}

// checkTargetAccount refuses, at plan, a target_uin that is not an account of the organization.
// The accounts are listed once per process; a failed listing only skips the check (the create
// would then be refused by the service with OrganizationMemberNotExist).
func (r *roleAssignmentResource) checkTargetAccount(ctx context.Context, plan *roleAssignmentModel, diags *diag.Diagnostics) {
	if plan.TargetUin.IsUnknown() || plan.TargetUin.IsNull() || plan.TargetType.IsUnknown() {
		return
	}
	members, host, err := r.data.accounts.accounts(ctx, r.data.client)
	if err != nil {
		tflog.Warn(ctx, "could not list the organization's accounts to check target_uin", map[string]any{"error": err.Error()})
		return
	}
	uin := plan.TargetUin.ValueInt64()
	if plan.TargetType.ValueString() == idc.TargetTypeManager {
		if uin != host {
			diags.AddAttributeError(raPathTargetUin, "Not the Management Account",
				fmt.Sprintf("Attribute target_uin is %d, but with target_type = \"ManagerUin\" it must be the organization's management "+
					"account, %d (DescribeOrganization's HostUin). For a member account set target_type = \"MemberUin\".", uin, host))
		}
		return
	}
	if _, ok := members[uin]; !ok {
		hint := "Check the UIN in the Organization console, or read the accounts with data.tencentcloudidc_member_accounts."
		if uin == host {
			hint = "It is the management account: set target_type = \"ManagerUin\"."
		}
		diags.AddAttributeError(raPathTargetUin, "Account Not in the Organization",
			fmt.Sprintf("Attribute target_uin is %d, which is not a member account of the organization (%d member accounts). %s",
				uin, len(members), hint))
	}
}

// planPrincipal decides, for an existing assignment, what a change of principal_name or
// principal_id means. The resource follows the principal's ID: a name now naming the same
// principal is no replacement; a name resolving to another principal (or not resolvable yet)
// is.
func (r *roleAssignmentResource) planPrincipal(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse,
	plan, state *roleAssignmentModel,
) {
	var configuredID types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, raPathPrincipalID, &configuredID)...)
	if resp.Diagnostics.HasError() || !configuredID.IsNull() {
		return // principal_id itself is configured: RequiresReplace decides
	}
	if plan.PrincipalName.Equal(state.PrincipalName) || plan.PrincipalName.IsNull() {
		return
	}
	if plan.PrincipalName.IsUnknown() || plan.PrincipalType.IsUnknown() || !plan.PrincipalType.Equal(state.PrincipalType) {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, raPathPrincipalID, types.StringUnknown())...)
		resp.RequiresReplace = append(resp.RequiresReplace, raPathPrincipalID)
		return
	}
	found, err := r.lookupPrincipal(ctx, state.ZoneID.ValueString(), plan.PrincipalType.ValueString(), plan.PrincipalName.ValueString())
	switch {
	case err == nil && found.id == state.PrincipalID.ValueString():
		return // the same principal under the name now configured: a state-only update
	case err == nil:
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, raPathPrincipalID, found.id)...)
	case errors.Is(err, idc.ErrNotFound):
		resp.Diagnostics.AddAttributeWarning(raPathPrincipalName, "Principal Not Found Yet",
			fmt.Sprintf("Zone %s has no %s named %q yet, so the assignment is replaced: the create waits, within timeouts.create, "+
				"for the identity provider to push it. Until then %s keeps its access.", state.ZoneID.ValueString(),
				strings.ToLower(plan.PrincipalType.ValueString()), plan.PrincipalName.ValueString(), state.principal()))
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, raPathPrincipalID, types.StringUnknown())...)
	default:
		addAPIError(&resp.Diagnostics, "Plan", "Role Assignment", state.target(), fmt.Errorf("looking up principal_name %q: %w", plan.PrincipalName.ValueString(), err))
		return
	}
	resp.RequiresReplace = append(resp.RequiresReplace, raPathPrincipalID)
}

type foundPrincipal struct {
	id, name string
}

// lookupPrincipal finds the one user (by user name) or group (by group name) called name,
// ignoring case. The service's filter only narrows the candidates; ErrNotFound when none has
// exactly that name.
func (r *roleAssignmentResource) lookupPrincipal(ctx context.Context, zone, principalType, name string) (foundPrincipal, error) {
	var found []foundPrincipal
	if principalType == idc.PrincipalTypeGroup {
		for g, err := range r.data.client.Groups(ctx, idc.ListGroupsInput{ZoneID: zone, Filter: "GroupName eq " + name}) {
			if err != nil {
				return foundPrincipal{}, err
			}
			if strings.EqualFold(g.GroupName, name) {
				found = append(found, foundPrincipal{g.GroupID, g.GroupName})
			}
		}
	} else {
		for u, err := range r.data.client.Users(ctx, idc.ListUsersInput{ZoneID: zone, Filter: "UserName eq " + name}) {
			if err != nil {
				return foundPrincipal{}, err
			}
			if strings.EqualFold(u.UserName, name) {
				found = append(found, foundPrincipal{u.UserID, u.UserName})
			}
		}
	}
	switch len(found) {
	case 0:
		return foundPrincipal{}, fmt.Errorf("no %s of zone %s is named %q: %w", strings.ToLower(principalType), zone, name, idc.ErrNotFound)
	case 1:
		return found[0], nil
	}
	ids := make([]string, len(found))
	for i, f := range found {
		ids[i] = f.id
	}
	return foundPrincipal{}, &ambiguousPrincipalError{zone: zone, principalType: principalType, name: name, ids: ids}
}

type ambiguousPrincipalError struct {
	zone, principalType, name string
	ids                       []string
}

func (e *ambiguousPrincipalError) Error() string {
	return fmt.Sprintf("%d %ss of zone %s are named %q, ignoring case (%s): set principal_id instead",
		len(e.ids), strings.ToLower(e.principalType), e.zone, e.name, strings.Join(e.ids, ", "))
}

// awaitPrincipal resolves principal_name, looking again with growing pauses until the
// identity provider's SCIM push has created it or ctx ends.
func (r *roleAssignmentResource) awaitPrincipal(ctx context.Context, zone, principalType, name string) (foundPrincipal, error) {
	pause := time.Second
	var notFound error
	for {
		found, err := r.lookupPrincipal(ctx, zone, principalType, name)
		if err != nil && notFound != nil && ctx.Err() != nil {
			// The timeout ran out during a lookup: what is known is that it was not found.
			return found, notFound
		}
		if !errors.Is(err, idc.ErrNotFound) || ctx.Err() != nil {
			return found, err
		}
		notFound = err
		tflog.Info(ctx, "principal_name not found yet, waiting for the identity provider to push it",
			map[string]any{"zone_id": zone, "principal_type": principalType, "principal_name": name, "next_lookup_in": pause.String()})
		if serr := sleepContext(ctx, pause); serr != nil {
			return found, err
		}
		pause = min(2*pause, principalLookupMaxPause)
	}
}

func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return context.Cause(ctx)
	case <-t.C:
		return nil
	}
}

func (r *roleAssignmentResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan roleAssignmentModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, zone, ok := r.beginCreate(ctx, plan.Timeouts, plan.ZoneID, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}
	plan.ZoneID = types.StringValue(zone)
	if plan.PrincipalID.IsUnknown() || plan.PrincipalID.IsNull() {
		name := plan.PrincipalName.ValueString()
		found, err := r.awaitPrincipal(ctx, zone, plan.PrincipalType.ValueString(), name)
		if err != nil {
			r.addPrincipalLookupError(&resp.Diagnostics, &plan, zone, err)
			return
		}
		plan.PrincipalID, plan.PrincipalDisplayName = types.StringValue(found.id), types.StringValue(found.name)
	}
	key := plan.key()
	api := r.data.client

	// Never take over: an assignment that is already there belongs to someone else.
	if existing, there, err := r.data.assignments.find(ctx, api, zone, key); err != nil {
		addAPIError(&resp.Diagnostics, "Create", "Role Assignment", plan.target(), fmt.Errorf("checking whether it already exists: %w", err))
		return
	} else if there {
		fillRoleAssignment(&plan, existing)
		r.addAlreadyExists(&resp.Diagnostics, &plan, nil)
		return
	}

	task, err := r.create(ctx, zone, key)
	var exists *raExistsError
	if errors.As(err, &exists) {
		r.addAlreadyExists(&resp.Diagnostics, &plan, exists.err)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Create", "Role Assignment", plan.target(), err)
		return
	}
	if task != nil {
		_, err = api.WaitForTask(ctx, zone, task.TaskID)
		r.data.assignments.forget(zone, key.RoleConfigurationID)
		if err != nil && r.addTaskError(&resp.Diagnostics, "Create", &plan, task.TaskID, err) {
			return
		}
	}
	r.readBack(ctx, &plan, resp.State.Set, resp.Identity.Set, &resp.Diagnostics)
}

// raExistsError: the first CreateRoleAssignment was refused because the assignment is there
// (someone else made it after the check).
type raExistsError struct{ err error }

func (e *raExistsError) Error() string { return e.err.Error() }
func (e *raExistsError) Unwrap() error { return e.err }

// create sends CreateRoleAssignment and returns the task to wait for, or nil when the
// assignment already exists and is this create's. A lost answer is settled by listing: the
// assignment there, or its task running, is this create's (the check before found none); with
// neither the create is sent again.
func (r *roleAssignmentResource) create(ctx context.Context, zone string, key idc.RoleAssignmentKey) (*idc.Task, error) {
	api := r.data.client
	var lost error
	for attempt := 1; ; attempt++ {
		tasks, err := api.CreateRoleAssignment(ctx, zone, []idc.RoleAssignmentKey{key})
		r.data.assignments.forget(zone, key.RoleConfigurationID)
		switch {
		case err == nil:
			return &tasks[0], nil
		case errors.Is(err, idc.ErrAlreadyExists) && lost == nil:
			return nil, &raExistsError{err}
		case errors.Is(err, idc.ErrAlreadyExists):
			// An earlier request whose answer was lost did make it.
			tflog.Info(ctx, "role assignment exists after a lost create answer: it is this create's", map[string]any{"zone_id": zone})
			return r.settle(ctx, zone, key, lost)
		case !errors.Is(err, idc.ErrOutcomeUnknown):
			return nil, err
		}
		lost = err
		tflog.Warn(ctx, "the answer to CreateRoleAssignment was lost; listing to find out what happened", map[string]any{"zone_id": zone, "error": err.Error()})
		task, settled, serr := r.settleLost(ctx, zone, key)
		if serr != nil {
			return nil, fmt.Errorf("%w; and listing afterwards to find out whether it was made failed too: %v", lost, serr)
		}
		if settled {
			return task, nil
		}
		if attempt == roleAssignmentCreateAttempts || ctx.Err() != nil {
			return nil, fmt.Errorf("%w; the listing afterwards shows neither the assignment nor a task making it, after %d attempts", lost, attempt)
		}
	}
}

// settle returns the task to wait for after ErrAlreadyExists followed a lost answer.
func (r *roleAssignmentResource) settle(ctx context.Context, zone string, key idc.RoleAssignmentKey, lost error) (*idc.Task, error) {
	task, settled, err := r.settleLost(ctx, zone, key)
	if err != nil || !settled {
		return nil, fmt.Errorf("%w; the service then said the assignment exists, but the listing could not confirm it (%v)", lost, err)
	}
	return task, nil
}

// settleLost lists what a create whose answer was lost left behind: settled with a nil task
// when the assignment exists, settled with its task when one is still making it. It has its
// own short deadline: the create's may be what ran out.
func (r *roleAssignmentResource) settleLost(ctx context.Context, zone string, key idc.RoleAssignmentKey) (*idc.Task, bool, error) {
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), settleTimeout)
	defer cancel()
	api := r.data.client
	// The running tasks first, then the assignments: a task that finishes in between has
	// made the assignment by the time it is listed, so neither is missed.
	tasks, err := api.ListTasks(sctx, idc.ListTasksInput{
		ZoneID: zone, RoleConfigurationID: key.RoleConfigurationID, TargetType: key.TargetType, TargetUin: key.TargetUin,
		PrincipalType: key.PrincipalType, PrincipalID: key.PrincipalID, Status: idc.TaskStatusInProgress,
	})
	if err != nil {
		return nil, false, err
	}
	for i := range tasks {
		t := &tasks[i]
		if t.TaskType == "CreateRoleAssignment" && t.PrincipalID == key.PrincipalID && t.TargetUin == key.TargetUin &&
			t.RoleConfigurationID == key.RoleConfigurationID && t.TargetType == key.TargetType {
			return t, true, nil
		}
	}
	r.data.assignments.forget(zone, key.RoleConfigurationID)
	if _, there, err := r.data.assignments.find(sctx, api, zone, key); err != nil || there {
		return nil, there, err
	}
	return nil, false, nil
}

// addTaskError reports a task that failed or had not finished; it returns true when nothing
// is to be recorded. A task still running at the timeout is recorded (true is returned only
// for Failed) so the assignment it may still make is never left untracked.
func (r *roleAssignmentResource) addTaskError(diags *diag.Diagnostics, verb string, m *roleAssignmentModel, taskID string, err error) bool {
	summary := fmt.Sprintf("Unable to %s Role Assignment", verb)
	account := fmt.Sprintf("account %d (%s)", m.TargetUin.ValueInt64(), m.TargetType.ValueString())
	var failed *idc.TaskFailedError
	var unfinished *idc.TaskNotFinishedError
	switch {
	case errors.As(err, &failed):
		reason := failed.FailureReason
		if reason == "" {
			reason = "the service gave no reason"
		}
		after := "Nothing was recorded in the state: fix the cause and apply again."
		if verb == "Delete" {
			after = "The assignment stays in the state: fix the cause and run destroy again."
		}
		diags.AddError(summary, fmt.Sprintf("The %s of role configuration %s for %s on %s in zone %s failed: task %s ended %s: %s.\n\n%s",
			strings.ToLower(verb), m.RoleConfigurationID.ValueString(), m.principal(), account, m.ZoneID.ValueString(),
			failed.TaskID, failed.Status, reason, after))
		return true
	case errors.As(err, &unfinished):
		what := "Terraform records the assignment, marked tainted: if the task succeeds, `terraform untaint` keeps it; otherwise " +
			"the next apply replaces it. Raise timeouts.create (for example to \"15m\") if assignments take longer"
		if verb == "Delete" {
			what = "The assignment stays in the state; the next plan reads whether it is gone. Raise timeouts.delete if removals take longer"
		}
		diags.AddError(summary, fmt.Sprintf("The %s of role configuration %s for %s on %s was started, but %v. It may still succeed or fail. %s.",
			strings.ToLower(verb), m.RoleConfigurationID.ValueString(), m.principal(), account, unfinished, what))
		return false
	}
	addAPIError(diags, verb, "Role Assignment", m.target(), fmt.Errorf("waiting for task %s: %w", taskID, err))
	// The service took the create: record it (tainted by the error) rather than lose track.
	return false
}

func (r *roleAssignmentResource) addAlreadyExists(diags *diag.Diagnostics, m *roleAssignmentModel, refused error) {
	id := roleAssignmentID(m.ZoneID.ValueString(), m.key())
	detail := fmt.Sprintf("%s already exists, so Terraform did not create it and changed nothing: a create never takes over an "+
		"assignment someone else made. To manage it with Terraform, import it:\n\n  import {\n    to = tencentcloudidc_role_assignment.<name>\n    id = %q\n  }\n",
		capitalize(m.named()), id)
	if refused != nil {
		detail += "\n" + describeAPIErrorFor("Create", refused)
	}
	diags.AddError("Role Assignment Already Exists", detail)
}

func (r *roleAssignmentResource) addPrincipalLookupError(diags *diag.Diagnostics, m *roleAssignmentModel, zone string, err error) {
	kind := strings.ToLower(m.PrincipalType.ValueString())
	name := m.PrincipalName.ValueString()
	var ambiguous *ambiguousPrincipalError
	switch {
	case errors.As(err, &ambiguous):
		diags.AddAttributeError(raPathPrincipalName, "Principal Name Is Ambiguous", capitalize(err.Error())+". Nothing was created.")
	case errors.Is(err, idc.ErrNotFound):
		diags.AddAttributeError(raPathPrincipalName, "Principal Not Found",
			fmt.Sprintf("No %s named %q was found in zone %s within timeouts.create (%s). Nothing was created.\n\n"+
				"Check the spelling (compared ignoring case; a synchronized group's name is the identity provider's displayName), "+
				"check that the identity provider assigns this %s to the Tencent Cloud application and pushes it over SCIM "+
				"(its provisioning log says when), or raise timeouts.create to wait longer for the push.",
				kind, name, zone, createTimeoutText(m.Timeouts), kind))
	default:
		addAPIError(diags, "Create", "Role Assignment", m.target(), fmt.Errorf("looking up the %s named %q: %w", kind, name, err))
	}
}

func createTimeoutText(tv timeouts.Value) string {
	d, diags := tv.Create(context.Background(), defaultTimeout)
	if diags.HasError() {
		return formatDuration(defaultTimeout)
	}
	return formatDuration(d)
}

// readBack fills the model from the listing after a create and records it.
func (r *roleAssignmentResource) readBack(ctx context.Context, m *roleAssignmentModel,
	setState func(context.Context, any) diag.Diagnostics, setIdentity func(context.Context, any) diag.Diagnostics, diags *diag.Diagnostics,
) {
	zone := m.ZoneID.ValueString()
	m.ID = types.StringValue(roleAssignmentID(zone, m.key()))
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), settleTimeout)
	defer cancel()
	a, there, err := r.data.assignments.find(rctx, r.data.client, zone, m.key())
	switch {
	case err != nil:
		diags.AddWarning("Role Assignment Not Read Back", fmt.Sprintf("%s was made, but reading it back failed; the next refresh reads it.\n\n%s",
			capitalize(m.named()), describeAPIErrorFor("Read", err)))
	case there:
		fillRoleAssignment(m, a)
	}
	for _, v := range []*types.String{&m.PrincipalDisplayName, &m.RoleConfigurationName, &m.TargetName, &m.CreateTime, &m.UpdateTime} {
		if v.IsUnknown() {
			*v = types.StringNull()
		}
	}
	diags.Append(setState(ctx, m)...)
	diags.Append(setIdentity(ctx, m.identity())...)
}

func fillRoleAssignment(m *roleAssignmentModel, a *idc.RoleAssignment) {
	m.PrincipalDisplayName = types.StringValue(a.PrincipalName)
	m.RoleConfigurationName = types.StringValue(a.RoleConfigurationName)
	m.TargetName = types.StringValue(a.TargetName)
	m.CreateTime = timeValue(a.CreateTime)
	m.UpdateTime = timeValue(a.UpdateTime)
}

func (r *roleAssignmentResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state roleAssignmentModel
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
	r.claim(state.ZoneID, state.RoleConfigurationID, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	imported := state.DeprovisionStrategy.IsNull()
	a, there, err := r.data.assignments.find(ctx, r.data.client, state.ZoneID.ValueString(), state.key())
	if errors.Is(err, idc.ErrNotFound) && !errors.Is(err, idc.ErrZoneNotFound) {
		// The role configuration itself is gone (the service may refuse to list its
		// assignments rather than list none): so is every assignment of it.
		err, there = nil, false
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Read", "Role Assignment", state.target(), err)
		return
	}
	if !there && imported {
		resp.Diagnostics.AddError("Role Assignment Not Found",
			fmt.Sprintf("Zone %s has no role assignment of role configuration %s to %s on account %d (%s). Check the import ID's "+
				"parts in the Identity Center console (the account's assignments).", state.ZoneID.ValueString(),
				state.RoleConfigurationID.ValueString(), state.principal(), state.TargetUin.ValueInt64(), state.TargetType.ValueString()))
		return
	}
	if !there {
		resp.Diagnostics.AddWarning("Role Assignment Not Found",
			fmt.Sprintf("%s no longer exists (removed outside Terraform?), so it was removed from the state and the next apply creates it again.",
				capitalize(state.named())))
		resp.Diagnostics.Append(resp.Identity.Set(ctx, state.identity())...)
		resp.State.RemoveResource(ctx)
		return
	}
	fillRoleAssignment(&state, a)
	if imported {
		state.DeprovisionStrategy = types.StringValue(idc.DeprovisionForLastRoleAssignment)
	}
	state.ID = types.StringValue(roleAssignmentID(state.ZoneID.ValueString(), state.key()))
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	resp.Diagnostics.Append(resp.Identity.Set(ctx, state.identity())...)
}

// Update only records what is used at destroy (deprovision_strategy, timeouts) and a
// principal_name that names the same principal: nothing is sent.
func (r *roleAssignmentResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state roleAssignmentModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	state.DeprovisionStrategy, state.PrincipalName, state.Timeouts = plan.DeprovisionStrategy, plan.PrincipalName, plan.Timeouts
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	resp.Diagnostics.Append(resp.Identity.Set(ctx, state.identity())...)
}

func (r *roleAssignmentResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state roleAssignmentModel
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
	zone, key := state.ZoneID.ValueString(), state.key()
	strategy := state.DeprovisionStrategy.ValueString()
	if strategy == "" {
		strategy = idc.DeprovisionForLastRoleAssignment
	}
	api := r.data.client
	task, err := api.DeleteRoleAssignment(ctx, zone, key, strategy)
	r.data.assignments.forget(zone, key.RoleConfigurationID)
	if errors.Is(err, idc.ErrNotFound) {
		return // already gone
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Delete", "Role Assignment", state.target(), err)
		return
	}
	if task == nil {
		return
	}
	_, err = api.WaitForTask(ctx, zone, task.TaskID)
	r.data.assignments.forget(zone, key.RoleConfigurationID)
	if err != nil {
		r.addTaskError(&resp.Diagnostics, "Delete", &state, task.TaskID, err)
	}
}

// ImportState takes `<zone_id>/<role_configuration_id>/<target_type>/<target_uin>/<principal_type>/<principal_id>`,
// the official provider's same six parts joined by `#`, or the identity.
func (r *roleAssignmentResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	var ident roleAssignmentIdentityModel
	switch {
	case req.ID != "":
		parsed, err := parseRoleAssignmentID(req.ID)
		if err != nil {
			resp.Diagnostics.AddError("Invalid Import ID", err.Error())
			return
		}
		ident = parsed
	case req.Identity != nil:
		resp.Diagnostics.Append(req.Identity.Get(ctx, &ident)...)
		if resp.Diagnostics.HasError() {
			return
		}
		parsed, err := parseRoleAssignmentID(strings.Join([]string{ident.ZoneID.ValueString(), ident.RoleConfigurationID.ValueString(),
			ident.TargetType.ValueString(), strconv.FormatInt(ident.TargetUin.ValueInt64(), 10), ident.PrincipalType.ValueString(),
			ident.PrincipalID.ValueString()}, "/"))
		if err != nil {
			resp.Diagnostics.AddError("Invalid Import Identity", err.Error())
			return
		}
		ident = parsed
	}
	m := roleAssignmentModel{ZoneID: ident.ZoneID, RoleConfigurationID: ident.RoleConfigurationID, TargetType: ident.TargetType,
		TargetUin: ident.TargetUin, PrincipalType: ident.PrincipalType, PrincipalID: ident.PrincipalID}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), roleAssignmentID(m.ZoneID.ValueString(), m.key()))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, pathZoneID, m.ZoneID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, rcPathRoleConfigurationID, m.RoleConfigurationID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("target_type"), m.TargetType)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, raPathTargetUin, m.TargetUin)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("principal_type"), m.PrincipalType)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, raPathPrincipalID, m.PrincipalID)...)
	if resp.Identity != nil {
		resp.Diagnostics.Append(resp.Identity.Set(ctx, m.identity())...)
	}
}

const roleAssignmentImportForms = "Expected `<zone_id>/<role_configuration_id>/<target_type>/<target_uin>/<principal_type>/<principal_id>` " +
	"or the official provider's `<zone_id>#<role_configuration_id>#<target_type>#<target_uin>#<principal_type>#<principal_id>`, " +
	"for example z-vft38p2hq8tq/rc-4plmus8fdfsb/MemberUin/100000000001/Group/g-8sjd2k3l, where target_type is MemberUin or " +
	"ManagerUin, target_uin a positive number, principal_type User or Group and principal_id a u-… or g-… ID matching it"

// parseRoleAssignmentID reads an import ID of either form, checking every part.
func parseRoleAssignmentID(id string) (roleAssignmentIdentityModel, error) {
	sep := "/"
	if !strings.Contains(id, "/") {
		sep = "#"
	}
	parts := strings.Split(id, sep)
	bad := func(why string) (roleAssignmentIdentityModel, error) {
		return roleAssignmentIdentityModel{}, fmt.Errorf("%s; got %q: %s", roleAssignmentImportForms, id, why)
	}
	if len(parts) != 6 {
		return bad(fmt.Sprintf("it has %d parts, not 6", len(parts)))
	}
	zone, rc, targetType, uinText, principalType, principalID := parts[0], parts[1], parts[2], parts[3], parts[4], parts[5]
	uin, err := strconv.ParseInt(uinText, 10, 64)
	switch {
	case !zoneIDPattern.MatchString(zone):
		return bad(fmt.Sprintf("%q is not a zone ID (z- followed by 12 lowercase letters or digits)", zone))
	case !roleConfigurationIDPattern.MatchString(rc):
		return bad(fmt.Sprintf("%q is not a role configuration ID (rc- followed by 12 lowercase letters or digits)", rc))
	case targetType != idc.TargetTypeMember && targetType != idc.TargetTypeManager:
		return bad(fmt.Sprintf("the target type %q is neither MemberUin nor ManagerUin", targetType))
	case err != nil || uin <= 0:
		return bad(fmt.Sprintf("the target UIN %q is not a positive number", uinText))
	case principalType != idc.PrincipalTypeUser && principalType != idc.PrincipalTypeGroup:
		return bad(fmt.Sprintf("the principal type %q is neither User nor Group", principalType))
	case !principalIDPattern.MatchString(principalID) ||
		!strings.HasPrefix(principalID, principalIDPrefix(principalType)):
		return bad(fmt.Sprintf("%q is not a %s ID", principalID, strings.ToLower(principalType)))
	}
	return roleAssignmentIdentityModel{
		ZoneID: types.StringValue(zone), RoleConfigurationID: types.StringValue(rc), TargetType: types.StringValue(targetType),
		TargetUin: types.Int64Value(uin), PrincipalType: types.StringValue(principalType), PrincipalID: types.StringValue(principalID),
	}, nil
}
