package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

var (
	_ resource.Resource                = (*roleAssignmentsExclusiveResource)(nil)
	_ resource.ResourceWithConfigure   = (*roleAssignmentsExclusiveResource)(nil)
	_ resource.ResourceWithImportState = (*roleAssignmentsExclusiveResource)(nil)
	_ resource.ResourceWithIdentity    = (*roleAssignmentsExclusiveResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*roleAssignmentsExclusiveResource)(nil)
)

const (
	// maxAssignmentsPerCreate is CreateRoleAssignment's documented limit (§5.1, §10).
	maxAssignmentsPerCreate = 50
	// assignmentCallsInFlight bounds the create and delete calls sent at once. The client
	// spaces each action's calls to 20 per second anyway; a few in flight keep that pace when
	// each call takes longer than 50 ms.
	assignmentCallsInFlight = 3
	// createRounds is how often the creates of assignments whose answer was lost are sent
	// again, after looking which of them the service made.
	createRounds = 3
	// shownAssignments is how many assignments an error names before it counts the rest.
	shownAssignments = 5

	taskTypeCreateRoleAssignment = "CreateRoleAssignment"
)

var (
	raxPathAssignments = path.Root("assignments")
)

var raxElementAttrTypes = map[string]attr.Type{
	"principal_type": types.StringType,
	"principal_id":   types.StringType,
	"target_type":    types.StringType,
	"target_uin":     types.Int64Type,
}

// NewRoleAssignmentsExclusiveResource returns the tencentcloudidc_role_assignments_exclusive resource.
func NewRoleAssignmentsExclusiveResource() resource.Resource {
	return &roleAssignmentsExclusiveResource{}
}

type roleAssignmentsExclusiveResource struct {
	resourceBase
}

type roleAssignmentsExclusiveModel struct {
	ID                  types.String   `tfsdk:"id"`
	ZoneID              types.String   `tfsdk:"zone_id"`
	RoleConfigurationID types.String   `tfsdk:"role_configuration_id"`
	Assignments         types.List     `tfsdk:"assignments"`
	DeprovisionStrategy types.String   `tfsdk:"deprovision_strategy"`
	Timeouts            timeouts.Value `tfsdk:"timeouts"`
}

func (m *roleAssignmentsExclusiveModel) identity() roleConfigurationIdentityModel {
	return roleConfigurationIdentityModel{ZoneID: m.ZoneID, RoleConfigurationID: m.RoleConfigurationID}
}

// target completes addAPIError's "Could not update the role assignments of …".
func (m *roleAssignmentsExclusiveModel) target() string {
	return fmt.Sprintf("role configuration %s in zone %s", m.RoleConfigurationID.ValueString(), m.ZoneID.ValueString())
}

func (r *roleAssignmentsExclusiveResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_role_assignments_exclusive"
}

func (r *roleAssignmentsExclusiveResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Every role assignment of one role configuration, as one authoritative list: who (a user or group) " +
			"holds the configuration on which account. An assignment of the configuration made outside Terraform (in the " +
			"console, by a script, by another configuration) shows in the plan and is removed by the next apply; one removed " +
			"outside Terraform is made again.\n\n" +
			"Creates are sent 50 per `CreateRoleAssignment` call and every task is followed with one `ListTasks` listing, so " +
			"hundreds of assignments cost a few dozen calls. Creating the resource on a configuration that already has " +
			"assignments is refused, naming them: adopt them with an `import` block instead. Do not combine it with " +
			"`tencentcloudidc_role_assignment` resources for the same configuration: the plan refuses that.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "`<zone_id>/<role_configuration_id>`.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"zone_id": zoneIDResourceAttribute(),
			"role_configuration_id": schema.StringAttribute{
				MarkdownDescription: "The role configuration whose assignments this is, `rc-` followed by 12 lowercase letters or " +
					"digits (for example `tencentcloudidc_role_configuration.x.role_configuration_id`). Changing it replaces the " +
					"resource: every assignment of the old configuration is removed.",
				Required:      true,
				Validators:    []validator.String{stringvalidator.RegexMatches(roleConfigurationIDPattern, "must be `rc-` followed by 12 lowercase letters or digits")},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"assignments": schema.ListAttribute{
				MarkdownDescription: "All assignments of the role configuration; an empty list means none (an apply removes every " +
					"one). Each is a principal on an account, listed once (a duplicate is refused), with four required " +
					"attributes: `principal_type`, `User` or `Group`; `principal_id`, the user's ID (`u-…`) or the group's ID " +
					"(`g-…`), matching `principal_type`; `target_type`, `MemberUin` for a member account or `ManagerUin` for " +
					"the organization's management account (no default, so that every element reads as the whole assignment); " +
					"`target_uin`, the account's UIN, for example from `data.tencentcloudidc_member_accounts`. " +
					"The order does not matter; reordering plans an in-place update that sends nothing. Added and removed " +
					"elements are applied in place. The first assignment on an account deploys the configuration there.",
				Required:    true,
				ElementType: types.ObjectType{AttrTypes: raxElementAttrTypes},
				// A list of plain objects rather than a set or a list of nested attributes: the
				// framework (v1.19) handles a set of objects in quadratic time (each element is
				// found by its value: tens of seconds for 500 assignments), and walks every
				// nested attribute of every element several times per plan (a third of a second
				// per plan for 500). Read keeps the configured order, so the list plans as stably
				// as a set would; the element checks are made in one pass by assignmentsValidator.
				Validators: []validator.List{assignmentsValidator{}},
			},
			"deprovision_strategy": schema.StringAttribute{
				MarkdownDescription: "What removing an assignment does to the configuration's deployment on the account, for every " +
					"removal (an update's and the destroy's): `DeprovisionForLastRoleAssignmentOnAccount` (the default) " +
					"undeploys it when the removed assignment was the last one of the configuration there; `None` leaves it " +
					"deployed. Changed in place, without any call.",
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(idc.DeprovisionForLastRoleAssignment),
				Validators: []validator.String{stringvalidator.OneOf(idc.DeprovisionForLastRoleAssignment, "None")},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeoutsBlock(ctx),
		},
	}
}

func (r *roleAssignmentsExclusiveResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
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

// assignmentsValidator checks every element of assignments in one pass: each attribute with
// the validator a nested attribute would have had (same messages, at assignments[i].name),
// that a principal's ID matches its type, and that no assignment is listed twice (in a set it
// would have merged silently; in the list it would be created once and read back once, an
// inconsistent result).
type assignmentsValidator struct{}

var (
	raxPrincipalTypeValidator = stringvalidator.OneOf(idc.PrincipalTypeUser, idc.PrincipalTypeGroup)
	raxPrincipalIDValidator   = stringvalidator.RegexMatches(principalIDPattern,
		"must be a user ID (u-…) or a group ID (g-…) of letters and digits")
	raxTargetTypeValidator = stringvalidator.OneOf(idc.TargetTypeMember, idc.TargetTypeManager)
	raxTargetUinValidator  = int64validator.AtLeast(1)
)

func (assignmentsValidator) Description(context.Context) string {
	return "each assignment must be listed once, with a valid principal_type, principal_id, target_type and target_uin"
}

func (v assignmentsValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (assignmentsValidator) ValidateList(ctx context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	elems := req.ConfigValue.Elements()
	for i, e := range elems {
		p := req.Path.AtListIndex(i)
		obj, ok := e.(types.Object)
		if ok && obj.IsNull() {
			resp.Diagnostics.AddAttributeError(p, "Missing Role Assignment",
				fmt.Sprintf("Attribute %s is null. Each element is an assignment with principal_type, principal_id, target_type "+
					"and target_uin; leave an assignment out of the list instead of setting it to null.", p))
			continue
		}
		if !ok || obj.IsUnknown() {
			continue
		}
		attrs := obj.Attributes()
		for _, name := range []string{"principal_type", "principal_id", "target_type", "target_uin"} {
			if v, ok := attrs[name]; ok && v.IsNull() {
				// The message a required nested attribute would get from the framework.
				resp.Diagnostics.AddAttributeError(p.AtName(name), "Missing Configuration for Required Attribute",
					fmt.Sprintf("Must set a configuration value for the %s attribute as the provider has marked it as required.", p.AtName(name)))
			}
		}
		pt, _ := attrs["principal_type"].(types.String)
		id, _ := attrs["principal_id"].(types.String)
		validateString(ctx, raxPrincipalTypeValidator, p.AtName("principal_type"), pt, &resp.Diagnostics)
		validateString(ctx, raxPrincipalIDValidator, p.AtName("principal_id"), id, &resp.Diagnostics)
		if tt, ok := attrs["target_type"].(types.String); ok {
			validateString(ctx, raxTargetTypeValidator, p.AtName("target_type"), tt, &resp.Diagnostics)
		}
		if uin, ok := attrs["target_uin"].(types.Int64); ok {
			r := validator.Int64Response{}
			raxTargetUinValidator.ValidateInt64(ctx, validator.Int64Request{Path: p.AtName("target_uin"),
				PathExpression: p.AtName("target_uin").Expression(), ConfigValue: uin}, &r)
			resp.Diagnostics.Append(r.Diagnostics...)
		}
		addPrincipalTypeMismatch(p, pt, id, &resp.Diagnostics)
	}
	addDuplicateAssignments(req.Path, elems, &resp.Diagnostics)
}

func validateString(ctx context.Context, v validator.String, p path.Path, value types.String, diags *diag.Diagnostics) {
	r := validator.StringResponse{}
	v.ValidateString(ctx, validator.StringRequest{Path: p, PathExpression: p.Expression(), ConfigValue: value}, &r)
	diags.Append(r.Diagnostics...)
}

// addPrincipalTypeMismatch reports a user named by a g- ID or a group by a u- ID, in the
// element at p.
func addPrincipalTypeMismatch(p path.Path, pt, id types.String, diags *diag.Diagnostics) {
	if pt.IsNull() || pt.IsUnknown() || id.IsNull() || id.IsUnknown() {
		return
	}
	prefix := principalIDPrefix(pt.ValueString())
	// An ID of no valid form at all is reported by its own check.
	if prefix != "" && principalIDPattern.MatchString(id.ValueString()) && !strings.HasPrefix(id.ValueString(), prefix) {
		diags.AddAttributeError(p.AtName("principal_id"), "Principal ID Does Not Match Its Type",
			fmt.Sprintf("Attribute principal_id is %q, but principal_type is %s: a %s's ID starts with %s. Either the ID or the type is wrong: "+
				"a user's ID starts with u- and a group's with g-, as the Identity Center console shows them.",
				id.ValueString(), pt.ValueString(), strings.ToLower(pt.ValueString()), prefix))
	}
}

// addDuplicateAssignments reports each element of elems (the list at p) that repeats an
// earlier one. Elements not fully known yet are skipped: the CLI validates the configuration
// again when the apply plans the resource, with them known.
func addDuplicateAssignments(p path.Path, elems []attr.Value, diags *diag.Diagnostics) {
	seen := make(map[idc.RoleAssignmentKey]int, len(elems))
	for i, e := range elems {
		k, ok := raxElementKey(e, "")
		if !ok {
			continue
		}
		if first, dup := seen[k]; dup {
			diags.AddAttributeError(p.AtListIndex(i), "Duplicate Role Assignment",
				fmt.Sprintf("Attribute %s is the same assignment as %s: %s. List each assignment once; the order of the "+
					"list does not matter.", p.AtListIndex(i), p.AtListIndex(first), describeAssignmentKey(k)))
			continue
		}
		seen[k] = i
	}
}

// raxElementKey is an element of assignments as a key of rc; false while any part is unknown.
func raxElementKey(v attr.Value, rc string) (idc.RoleAssignmentKey, bool) {
	obj, ok := v.(types.Object)
	if !ok || obj.IsNull() || obj.IsUnknown() {
		return idc.RoleAssignmentKey{}, false
	}
	attrs := obj.Attributes()
	pt, ok1 := attrs["principal_type"].(types.String)
	id, ok2 := attrs["principal_id"].(types.String)
	tt, ok3 := attrs["target_type"].(types.String)
	uin, ok4 := attrs["target_uin"].(types.Int64)
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return idc.RoleAssignmentKey{}, false
	}
	for _, s := range []types.String{pt, id, tt} {
		if s.IsNull() || s.IsUnknown() {
			return idc.RoleAssignmentKey{}, false
		}
	}
	if uin.IsNull() || uin.IsUnknown() {
		return idc.RoleAssignmentKey{}, false
	}
	return idc.RoleAssignmentKey{RoleConfigurationID: rc, PrincipalType: pt.ValueString(), PrincipalID: id.ValueString(),
		TargetType: tt.ValueString(), TargetUin: uin.ValueInt64()}, true
}

// assignmentKeys reads the list of the plan or state as keys of rc, in its order, one
// element at a time (no reflection, no comparison of whole values).
func assignmentKeys(list types.List, rc string, diags *diag.Diagnostics) []idc.RoleAssignmentKey {
	if list.IsNull() || list.IsUnknown() {
		return nil
	}
	elems := list.Elements()
	keys := make([]idc.RoleAssignmentKey, 0, len(elems))
	for i, e := range elems {
		k, ok := raxElementKey(e, rc)
		if !ok {
			diags.AddAttributeError(raxPathAssignments.AtListIndex(i), "Unknown Role Assignment",
				fmt.Sprintf("Element %d of assignments is not known at apply time. This is a bug in the provider or in Terraform; "+
					"please report it.", i))
			continue
		}
		keys = append(keys, k)
	}
	return keys
}

// sameAssignments tells whether a and b hold the same keys, whatever their order.
func sameAssignments(a, b []idc.RoleAssignmentKey) bool {
	if len(a) != len(b) {
		return false
	}
	in := make(map[idc.RoleAssignmentKey]bool, len(a))
	for _, k := range a {
		in[k] = true
	}
	for _, k := range b {
		if !in[k] {
			return false
		}
	}
	return true
}

func sortAssignmentKeys(keys []idc.RoleAssignmentKey) {
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.PrincipalType != b.PrincipalType {
			return a.PrincipalType < b.PrincipalType
		}
		if a.PrincipalID != b.PrincipalID {
			return a.PrincipalID < b.PrincipalID
		}
		if a.TargetType != b.TargetType {
			return a.TargetType < b.TargetType
		}
		return a.TargetUin < b.TargetUin
	})
}

// assignmentsOrder is what the service holds (list) in the order of prior (the state's or the
// plan's keys): those of prior that exist keep their places, those that do not are dropped,
// and the service's others (made outside Terraform) follow, sorted. So an unchanged
// configuration plans nothing, and drift plans as the elements added or removed.
func assignmentsOrder(prior []idc.RoleAssignmentKey, list []idc.RoleAssignment) []idc.RoleAssignmentKey {
	held := make(map[idc.RoleAssignmentKey]bool, len(list))
	for i := range list {
		held[assignmentKeyOf(&list[i])] = true
	}
	ordered := make([]idc.RoleAssignmentKey, 0, len(list))
	for _, k := range prior {
		if held[k] {
			ordered = append(ordered, k)
			delete(held, k) // a repeated element of prior is kept once
		}
	}
	extra := make([]idc.RoleAssignmentKey, 0, len(held))
	for k := range held {
		extra = append(extra, k)
	}
	sortAssignmentKeys(extra)
	return append(ordered, extra...)
}

// raxListValue is keys as the assignments attribute.
func raxListValue(keys []idc.RoleAssignmentKey) types.List {
	elems := make([]attr.Value, 0, len(keys))
	for _, k := range keys {
		elems = append(elems, types.ObjectValueMust(raxElementAttrTypes, map[string]attr.Value{
			"principal_type": types.StringValue(k.PrincipalType),
			"principal_id":   types.StringValue(k.PrincipalID),
			"target_type":    types.StringValue(k.TargetType),
			"target_uin":     types.Int64Value(k.TargetUin),
		}))
	}
	return types.ListValueMust(types.ObjectType{AttrTypes: raxElementAttrTypes}, elems)
}

// plannedKeys and priorKeys are the assignments of the plan and of the prior state, as keys
// of the model's role configuration in their order: from the server wrapper when it carried
// them past the framework (raxSideband), else from the model. priorKeys is nil for a state
// without assignments (an import).
func plannedKeys(ctx context.Context, m *roleAssignmentsExclusiveModel, diags *diag.Diagnostics) []idc.RoleAssignmentKey {
	if sb := raxSidebandFrom(ctx); sb != nil && sb.hasPlanned {
		return withRoleConfiguration(sb.planned, m.RoleConfigurationID.ValueString())
	}
	return assignmentKeys(m.Assignments, m.RoleConfigurationID.ValueString(), diags)
}

func priorKeys(ctx context.Context, m *roleAssignmentsExclusiveModel, diags *diag.Diagnostics) []idc.RoleAssignmentKey {
	if sb := raxSidebandFrom(ctx); sb != nil {
		return withRoleConfiguration(sb.prior, m.RoleConfigurationID.ValueString())
	}
	return assignmentKeys(m.Assignments, m.RoleConfigurationID.ValueString(), diags)
}

func withRoleConfiguration(keys []idc.RoleAssignmentKey, rc string) []idc.RoleAssignmentKey {
	out := make([]idc.RoleAssignmentKey, len(keys))
	for i, k := range keys {
		k.RoleConfigurationID = rc
		out[i] = k
	}
	return out
}

// setAssignments makes keys the assignments of the state about to be written from m: through
// the server wrapper when it carries them (m then holds an empty stand-in, which the wrapper
// replaces), else in m.
func setAssignments(ctx context.Context, m *roleAssignmentsExclusiveModel, keys []idc.RoleAssignmentKey) {
	if sb := raxSidebandFrom(ctx); sb != nil {
		sb.result, sb.written = keys, true
		m.Assignments = raxListValue(nil)
		return
	}
	m.Assignments = raxListValue(keys)
}

func assignmentKeyOf(a *idc.RoleAssignment) idc.RoleAssignmentKey {
	return idc.RoleAssignmentKey{RoleConfigurationID: a.RoleConfigurationID, TargetType: a.TargetType, TargetUin: a.TargetUin,
		PrincipalType: a.PrincipalType, PrincipalID: a.PrincipalID}
}

func assignmentKeyOfTask(t *idc.Task) idc.RoleAssignmentKey {
	return idc.RoleAssignmentKey{RoleConfigurationID: t.RoleConfigurationID, TargetType: t.TargetType, TargetUin: t.TargetUin,
		PrincipalType: t.PrincipalType, PrincipalID: t.PrincipalID}
}

// describeAssignmentKey is an assignment in a sentence: "Group g-… on account 100000000001 (MemberUin)".
func describeAssignmentKey(k idc.RoleAssignmentKey) string {
	return fmt.Sprintf("%s %s on account %d (%s)", k.PrincipalType, k.PrincipalID, k.TargetUin, k.TargetType)
}

// describeAssignments names the first few assignments and counts the rest.
func describeAssignments(list []idc.RoleAssignment) string {
	names := make([]string, 0, shownAssignments+1)
	for i := range list {
		if i == shownAssignments {
			names = append(names, fmt.Sprintf("and %d more", len(list)-shownAssignments))
			break
		}
		who := list[i].PrincipalID
		if list[i].PrincipalName != "" {
			who = fmt.Sprintf("%s (%s)", list[i].PrincipalID, list[i].PrincipalName)
		}
		names = append(names, fmt.Sprintf("%s %s on account %d (%s)", list[i].PrincipalType, who, list[i].TargetUin, list[i].TargetType))
	}
	return strings.Join(names, "; ")
}

// claim records this resource as the manager of the configuration's assignments and reports
// a tencentcloudidc_role_assignment of the same configuration.
func (r *roleAssignmentsExclusiveResource) claim(zone, rc string, diags *diag.Diagnostics) {
	if other := r.data.assignmentOwners.claim(zone, rc, ownerRoleAssignmentsExclusive); other != "" {
		diags.AddAttributeError(rcPathRoleConfigurationID, "Conflicting Role Assignment Resources", roleAssignmentsConflict(zone, rc))
	}
}

func (r *roleAssignmentsExclusiveResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	// A create's plan checks the zone (planZone), lists the configuration's assignments and
	// reads the configuration: one call each, independent of each other when the zone is
	// known without asking, so the two checks of the configuration start first.
	var check *createCheck
	if zone, rc, ok := r.createScope(ctx, req); ok {
		check = r.startCreateCheck(ctx, zone, rc)
		defer check.wait()
	}
	planZone(ctx, r.data, req, resp)
	if r.data == nil || req.Plan.Raw.IsNull() || resp.Diagnostics.HasError() {
		return
	}
	var plan roleAssignmentsExclusiveModel
	resp.Diagnostics.Append(resp.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || plan.ZoneID.IsUnknown() || plan.RoleConfigurationID.IsUnknown() || plan.ZoneID.IsNull() {
		return
	}
	zone, rc := plan.ZoneID.ValueString(), plan.RoleConfigurationID.ValueString()
	r.claim(zone, rc, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || !req.State.Raw.IsNull() {
		return
	}
	// A create must not take over assignments nobody declared, nor start on a configuration
	// that does not exist: say so at plan time when the configuration is already known. The
	// apply plans every resource again, with everything known, just before it creates it;
	// Create uses that plan's listing.
	if check == nil || check.zone != zone || check.rc != rc {
		check = r.startCreateCheck(ctx, zone, rc)
	}
	check.wait()
	switch {
	case check.listErr != nil:
		addAPIError(&resp.Diagnostics, "Plan", "Role Assignments", plan.target(), fmt.Errorf("listing its current assignments: %w", check.listErr))
	case errors.Is(check.getErr, idc.ErrNotFound):
		resp.Diagnostics.AddAttributeError(rcPathRoleConfigurationID, "Role Configuration Not Found",
			fmt.Sprintf("Zone %s has no role configuration %s. Nothing is created. Check the ID in the Identity Center console "+
				"(Permission configurations), or refer to a tencentcloudidc_role_configuration resource's role_configuration_id.", zone, rc))
	case check.getErr != nil:
		addAPIError(&resp.Diagnostics, "Plan", "Role Assignments", plan.target(), fmt.Errorf("reading the role configuration: %w", check.getErr))
	case len(check.current) > 0:
		addAlreadyAssigned(&resp.Diagnostics, zone, rc, check.current)
	}
}

// createCheck is a create's look at its role configuration: its assignments (through the
// shared listing) and whether it exists. Listing an unknown configuration answers an empty
// list, which would pass for a free one.
type createCheck struct {
	zone, rc        string
	done            sync.WaitGroup
	current         []idc.RoleAssignment
	listErr, getErr error
}

func (r *roleAssignmentsExclusiveResource) startCreateCheck(ctx context.Context, zone, rc string) *createCheck {
	c := &createCheck{zone: zone, rc: rc}
	c.done.Go(func() { c.current, c.listErr = r.data.assignments.list(ctx, r.data.client, zone, rc) })
	c.done.Go(func() { _, c.getErr = r.data.client.GetRoleConfiguration(ctx, zone, rc) })
	return c
}

func (c *createCheck) wait() { c.done.Wait() }

// createScope is the zone and role configuration of a create's plan, when both are known
// from the configuration or the provider's zone_id setting.
func (r *roleAssignmentsExclusiveResource) createScope(ctx context.Context, req resource.ModifyPlanRequest) (zone, rc string, ok bool) {
	if r.data == nil || req.Plan.Raw.IsNull() || !req.State.Raw.IsNull() {
		return "", "", false
	}
	var configZone, configRC types.String
	if req.Config.GetAttribute(ctx, pathZoneID, &configZone).HasError() || req.Config.GetAttribute(ctx, rcPathRoleConfigurationID, &configRC).HasError() ||
		configZone.IsUnknown() || configRC.IsUnknown() || configRC.IsNull() {
		return "", "", false
	}
	zone = configZone.ValueString()
	if configZone.IsNull() {
		zone = r.data.zoneID
	}
	return zone, configRC.ValueString(), zone != ""
}

func addAlreadyAssigned(diags *diag.Diagnostics, zone, rc string, current []idc.RoleAssignment) {
	diags.AddAttributeError(rcPathRoleConfigurationID, "Role Configuration Already Has Assignments",
		fmt.Sprintf("Role configuration %s in zone %s already has %d role assignment(s) that this configuration did not make: %s. "+
			"Nothing was changed. Creating %s would take them over (and remove those not listed), so it is refused: adopt "+
			"them explicitly with an import block,\n\n  import {\n    to = <this resource's address>\n    id = \"%s/%s\"\n  }\n\n"+
			"then list the assignments you want in assignments (the plan shows the difference before anything is removed). "+
			"If they are what an earlier apply of this resource made before it failed (Terraform then marks the resource "+
			"tainted and plans to replace it), run `terraform untaint <this resource's address>` instead: the next apply "+
			"updates it in place and keeps them.",
			rc, zone, len(current), describeAssignments(current), ownerRoleAssignmentsExclusive, zone, rc))
}

func (r *roleAssignmentsExclusiveResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan roleAssignmentsExclusiveModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, zone, ok := r.beginCreate(ctx, plan.Timeouts, plan.ZoneID, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}
	rc := plan.RoleConfigurationID.ValueString()
	plan.ZoneID = types.StringValue(zone)
	plan.ID = types.StringValue(zone + "/" + rc)
	order := plannedKeys(ctx, &plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	want := slices.Clone(order)
	sortAssignmentKeys(want)
	// What a create would take over: the listing of the plan the apply made of this resource
	// moments ago (ModifyPlan, which also found the configuration), unless a write since made
	// the process forget it.
	current, err := r.data.assignments.list(ctx, r.data.client, zone, rc)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Create", "Role Assignments", plan.target(), fmt.Errorf("listing its current assignments: %w", err))
		return
	}
	if len(current) > 0 {
		addAlreadyAssigned(&resp.Diagnostics, zone, rc, current)
		return
	}
	out := r.converge(ctx, zone, rc, want, nil, plan.DeprovisionStrategy.ValueString())
	// Whatever happened, the state holds what exists now, so nothing made here goes untracked.
	// With an error the framework keeps it marked tainted: the next apply replaces it (removes
	// every assignment, then makes them all), unless `terraform untaint` turns that into an
	// update that adds only what is missing.
	r.finish(ctx, "Create", &plan, order, out, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *roleAssignmentsExclusiveResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state roleAssignmentsExclusiveModel
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
	zone, rc := state.ZoneID.ValueString(), state.RoleConfigurationID.ValueString()
	r.claim(zone, rc, &resp.Diagnostics)
	if state.Assignments.IsNull() {
		// An import: a configuration that does not exist lists no assignments, which would
		// import as an empty set.
		if _, err := r.data.client.GetRoleConfiguration(ctx, zone, rc); errors.Is(err, idc.ErrNotFound) {
			resp.Diagnostics.AddError("Role Configuration Not Found",
				fmt.Sprintf("Zone %s has no role configuration %s. Check the ID in the Identity Center console (Permission configurations).", zone, rc))
			return
		} else if err != nil {
			addAPIError(&resp.Diagnostics, "Read", "Role Assignments", state.target(), err)
			return
		}
	}
	list, err := r.data.assignments.list(ctx, r.data.client, zone, rc)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Read", "Role Assignments", state.target(), err)
		return
	}
	prior := priorKeys(ctx, &state, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	state.ID = types.StringValue(zone + "/" + rc)
	setAssignments(ctx, &state, assignmentsOrder(prior, list))
	if state.DeprovisionStrategy.IsNull() || state.DeprovisionStrategy.IsUnknown() {
		state.DeprovisionStrategy = types.StringValue(idc.DeprovisionForLastRoleAssignment)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	resp.Diagnostics.Append(resp.Identity.Set(ctx, state.identity())...)
}

func (r *roleAssignmentsExclusiveResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state roleAssignmentsExclusiveModel
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
	zone, rc := state.ZoneID.ValueString(), state.RoleConfigurationID.ValueString()
	order := plannedKeys(ctx, &plan, &resp.Diagnostics)
	prior := priorKeys(ctx, &state, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if sameAssignments(order, prior) {
		// Only the order, deprovision_strategy or timeouts changed: the latter two matter at
		// the next removal.
		setAssignments(ctx, &plan, order)
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		resp.Diagnostics.Append(resp.Identity.Set(ctx, plan.identity())...)
		return
	}
	want := slices.Clone(order)
	sortAssignmentKeys(want)
	// The diff is made against what the service holds now, not against the state: an
	// assignment made since the plan is removed too.
	r.data.assignments.forget(zone, rc)
	current, err := r.data.assignments.list(ctx, r.data.client, zone, rc)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Update", "Role Assignments", plan.target(), fmt.Errorf("listing its current assignments: %w", err))
		return
	}
	out := r.converge(ctx, zone, rc, want, current, plan.DeprovisionStrategy.ValueString())
	r.finish(ctx, "Update", &plan, order, out, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *roleAssignmentsExclusiveResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state roleAssignmentsExclusiveModel
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
	zone, rc := state.ZoneID.ValueString(), state.RoleConfigurationID.ValueString()
	// Authoritative to the end: every assignment of the configuration goes, those made since
	// the last refresh included.
	r.data.assignments.forget(zone, rc)
	current, err := r.data.assignments.list(ctx, r.data.client, zone, rc)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Delete", "Role Assignments", state.target(), fmt.Errorf("listing its current assignments: %w", err))
		return
	}
	out := r.converge(ctx, zone, rc, nil, current, state.DeprovisionStrategy.ValueString())
	if out.failed() {
		// The resource stays in the state with what is left, for the next destroy.
		r.finish(ctx, "Delete", &state, priorKeys(ctx, &state, &resp.Diagnostics), out, &resp.State, nil, &resp.Diagnostics)
	}
}

// ImportState takes `<zone_id>/<role_configuration_id>`, `<zone_id>#<role_configuration_id>`
// or the identity {zone_id, role_configuration_id}; Read then lists every assignment.
func (r *roleAssignmentsExclusiveResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
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
	if !zoneIDPattern.MatchString(zone) || !roleConfigurationIDPattern.MatchString(id) {
		resp.Diagnostics.AddError("Invalid Import ID",
			fmt.Sprintf("Expected `<zone_id>/<role_configuration_id>` or `<zone_id>#<role_configuration_id>` (a zone ID is `z-` followed by "+
				"12 lowercase letters or digits, a role configuration ID `rc-` followed by 12), for example z-vft38p2hq8tq/rc-4plmus8fdfsb, "+
				"or an identity with zone_id and role_configuration_id; got %q.", req.ID))
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
