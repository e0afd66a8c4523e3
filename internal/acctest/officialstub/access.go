package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

// The official provider's access resources (authorization API reference §11): a role
// configuration, the attachments of one system policy and of one custom policy to it, and a
// role assignment. IDs join
// their parts with "#".

func optionalComputedInt() schema.Int64Attribute {
	return schema.Int64Attribute{Optional: true, Computed: true, PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()}}
}

func requiredForceNewInt() schema.Int64Attribute {
	return schema.Int64Attribute{Required: true, PlanModifiers: []planmodifier.Int64{int64planmodifier.RequiresReplace()}}
}

// roleConfiguration is tencentcloud_identity_center_role_configuration: zone_id and
// role_configuration_name Required (not ForceNew in theirs), session_duration in seconds.
type roleConfiguration struct{ base }

type roleConfigurationModel struct {
	ID                    types.String `tfsdk:"id"`
	ZoneID                types.String `tfsdk:"zone_id"`
	RoleConfigurationName types.String `tfsdk:"role_configuration_name"`
	Description           types.String `tfsdk:"description"`
	SessionDuration       types.Int64  `tfsdk:"session_duration"`
	RelayState            types.String `tfsdk:"relay_state"`
	RoleConfigurationID   types.String `tfsdk:"role_configuration_id"`
	CreateTime            types.String `tfsdk:"create_time"`
	UpdateTime            types.String `tfsdk:"update_time"`
}

func (r *roleConfiguration) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "tencentcloud_identity_center_role_configuration"
}

func (r *roleConfiguration) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id": computed(), "zone_id": schema.StringAttribute{Required: true}, "role_configuration_name": schema.StringAttribute{Required: true},
		"description": optionalComputed(false), "session_duration": optionalComputedInt(), "relay_state": optionalComputed(false),
		"role_configuration_id": computed(), "create_time": computed(), "update_time": computed(),
	}}
}

func (m *roleConfigurationModel) set(zone string, rc *idc.RoleConfiguration) {
	m.ID = types.StringValue(zone + "#" + rc.RoleConfigurationID)
	m.ZoneID = types.StringValue(zone)
	m.RoleConfigurationID = types.StringValue(rc.RoleConfigurationID)
	m.RoleConfigurationName = types.StringValue(rc.Name)
	m.Description = types.StringValue(rc.Description)
	m.SessionDuration = types.Int64Value(rc.SessionDuration)
	m.RelayState = types.StringValue(rc.RelayState)
	m.CreateTime = types.StringValue(apiTime(rc.CreateTime))
	m.UpdateTime = types.StringValue(apiTime(rc.UpdateTime))
}

func (r *roleConfiguration) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m roleConfigurationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	zone := m.ZoneID.ValueString()
	rc, err := r.client.CreateRoleConfiguration(ctx, idc.CreateRoleConfigurationInput{
		ZoneID: zone, Name: m.RoleConfigurationName.ValueString(), Description: m.Description.ValueString(),
		SessionDuration: m.SessionDuration.ValueInt64(), RelayState: m.RelayState.ValueString(),
	})
	if err != nil {
		resp.Diagnostics.AddError("CreateRoleConfiguration", err.Error())
		return
	}
	if rc, err = r.client.GetRoleConfiguration(ctx, zone, rc.RoleConfigurationID); err != nil {
		resp.Diagnostics.AddError("GetRoleConfiguration", err.Error())
		return
	}
	m.set(zone, rc)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *roleConfiguration) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m roleConfigurationModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	rc, err := r.client.GetRoleConfiguration(ctx, m.ZoneID.ValueString(), m.RoleConfigurationID.ValueString())
	if err != nil {
		// As theirs: a configuration deleted elsewhere is an error, not a removal (§13.6).
		resp.Diagnostics.AddError("GetRoleConfiguration", err.Error())
		return
	}
	m.set(m.ZoneID.ValueString(), rc)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *roleConfiguration) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m roleConfigurationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	desc, relay, secs := m.Description.ValueString(), m.RelayState.ValueString(), m.SessionDuration.ValueInt64()
	rc, err := r.client.UpdateRoleConfiguration(ctx, idc.UpdateRoleConfigurationInput{
		ZoneID: m.ZoneID.ValueString(), RoleConfigurationID: m.RoleConfigurationID.ValueString(),
		Description: &desc, RelayState: &relay, SessionDuration: &secs,
	})
	if err != nil {
		resp.Diagnostics.AddError("UpdateRoleConfiguration", err.Error())
		return
	}
	m.set(m.ZoneID.ValueString(), rc)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *roleConfiguration) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var m roleConfigurationModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.client.DeleteRoleConfiguration(ctx, m.ZoneID.ValueString(), m.RoleConfigurationID.ValueString()); err != nil {
		resp.Diagnostics.AddError("DeleteRoleConfiguration", err.Error())
	}
}

// systemPolicyAttachment is
// tencentcloud_identity_center_role_configuration_permission_policy_attachment: one CAM
// system policy by ID, ID `zoneId#rcId#policyId`.
type systemPolicyAttachment struct{ base }

type systemPolicyAttachmentModel struct {
	ID                  types.String `tfsdk:"id"`
	ZoneID              types.String `tfsdk:"zone_id"`
	RoleConfigurationID types.String `tfsdk:"role_configuration_id"`
	RolePolicyID        types.Int64  `tfsdk:"role_policy_id"`
	RolePolicyName      types.String `tfsdk:"role_policy_name"`
	RolePolicyType      types.String `tfsdk:"role_policy_type"`
	RolePolicyDocument  types.String `tfsdk:"role_policy_document"`
	AddTime             types.String `tfsdk:"add_time"`
}

func (r *systemPolicyAttachment) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "tencentcloud_identity_center_role_configuration_permission_policy_attachment"
}

func (r *systemPolicyAttachment) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id": computed(), "zone_id": requiredForceNew(), "role_configuration_id": requiredForceNew(), "role_policy_id": requiredForceNewInt(),
		"role_policy_name": optionalComputed(false), "role_policy_type": computed(), "role_policy_document": computed(), "add_time": computed(),
	}}
}

// read finds the attached policy; false when it is not attached.
func (r *systemPolicyAttachment) read(ctx context.Context, m *systemPolicyAttachmentModel) (bool, error) {
	zone, rc := m.ZoneID.ValueString(), m.RoleConfigurationID.ValueString()
	ps, err := r.client.ListPermissionPoliciesInRoleConfiguration(ctx, zone, rc, idc.PolicyTypeSystem, "")
	if err != nil {
		return false, err
	}
	for _, p := range ps {
		if p.PolicyID == m.RolePolicyID.ValueInt64() {
			m.ID = types.StringValue(strings.Join([]string{zone, rc, strconv.FormatInt(p.PolicyID, 10)}, "#"))
			m.RolePolicyName = types.StringValue(p.PolicyName)
			m.RolePolicyType = types.StringValue(p.PolicyType)
			m.RolePolicyDocument = types.StringValue(p.Document)
			m.AddTime = types.StringValue(apiTime(p.AddTime))
			return true, nil
		}
	}
	return false, nil
}

func (r *systemPolicyAttachment) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m systemPolicyAttachmentModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	err := r.client.AddSystemPoliciesToRoleConfiguration(ctx, m.ZoneID.ValueString(), m.RoleConfigurationID.ValueString(),
		[]idc.SystemPolicy{{PolicyID: m.RolePolicyID.ValueInt64(), PolicyName: m.RolePolicyName.ValueString()}})
	if err != nil {
		resp.Diagnostics.AddError("AddPermissionPolicyToRoleConfiguration", err.Error())
		return
	}
	found, err := r.read(ctx, &m)
	if err == nil && !found {
		err = fmt.Errorf("policy %d is not in the role configuration after it was added", m.RolePolicyID.ValueInt64())
	}
	if err != nil {
		resp.Diagnostics.AddError("ListPermissionPoliciesInRoleConfiguration", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *systemPolicyAttachment) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m systemPolicyAttachmentModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	found, err := r.read(ctx, &m)
	switch {
	case err != nil:
		resp.Diagnostics.AddError("ListPermissionPoliciesInRoleConfiguration", err.Error())
	case !found:
		resp.State.RemoveResource(ctx)
	default:
		resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
	}
}

// Update has nothing to send (theirs has no Update); it keeps the state.
func (r *systemPolicyAttachment) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = req.Plan.Raw.Copy()
}

func (r *systemPolicyAttachment) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var m systemPolicyAttachmentModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.client.RemoveSystemPolicyFromRoleConfiguration(ctx, m.ZoneID.ValueString(), m.RoleConfigurationID.ValueString(), m.RolePolicyID.ValueInt64()); err != nil {
		resp.Diagnostics.AddError("RemovePermissionPolicyFromRoleConfiguration", err.Error())
	}
}

// customPolicyAttachment is
// tencentcloud_identity_center_role_configuration_permission_custom_policy_attachment: one
// custom policy by name, its document ForceNew, ID `zoneId#rcId#policyName`.
type customPolicyAttachment struct{ base }

type customPolicyAttachmentModel struct {
	ID                  types.String `tfsdk:"id"`
	ZoneID              types.String `tfsdk:"zone_id"`
	RoleConfigurationID types.String `tfsdk:"role_configuration_id"`
	RolePolicyName      types.String `tfsdk:"role_policy_name"`
	RolePolicyDocument  types.String `tfsdk:"role_policy_document"`
	RolePolicyType      types.String `tfsdk:"role_policy_type"`
	AddTime             types.String `tfsdk:"add_time"`
}

func (r *customPolicyAttachment) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "tencentcloud_identity_center_role_configuration_permission_custom_policy_attachment"
}

func (r *customPolicyAttachment) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id": computed(), "zone_id": requiredForceNew(), "role_configuration_id": requiredForceNew(),
		"role_policy_name": requiredForceNew(), "role_policy_document": requiredForceNew(),
		"role_policy_type": computed(), "add_time": computed(),
	}}
}

// read finds the custom policy by name; false when it is not there. The document stays as
// configured (theirs round-trips it unchanged).
func (r *customPolicyAttachment) read(ctx context.Context, m *customPolicyAttachmentModel) (bool, error) {
	zone, rc := m.ZoneID.ValueString(), m.RoleConfigurationID.ValueString()
	ps, err := r.client.ListPermissionPoliciesInRoleConfiguration(ctx, zone, rc, idc.PolicyTypeCustom, "")
	if err != nil {
		return false, err
	}
	for _, p := range ps {
		if p.PolicyName == m.RolePolicyName.ValueString() {
			m.ID = types.StringValue(strings.Join([]string{zone, rc, p.PolicyName}, "#"))
			m.RolePolicyType = types.StringValue(p.PolicyType)
			m.AddTime = types.StringValue(apiTime(p.AddTime))
			return true, nil
		}
	}
	return false, nil
}

func (r *customPolicyAttachment) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m customPolicyAttachmentModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	err := r.client.AddCustomPolicyToRoleConfiguration(ctx, m.ZoneID.ValueString(), m.RoleConfigurationID.ValueString(),
		m.RolePolicyName.ValueString(), m.RolePolicyDocument.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("AddPermissionPolicyToRoleConfiguration", err.Error())
		return
	}
	found, err := r.read(ctx, &m)
	if err == nil && !found {
		err = fmt.Errorf("policy %s is not in the role configuration after it was added", m.RolePolicyName.ValueString())
	}
	if err != nil {
		resp.Diagnostics.AddError("ListPermissionPoliciesInRoleConfiguration", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *customPolicyAttachment) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m customPolicyAttachmentModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	found, err := r.read(ctx, &m)
	switch {
	case err != nil:
		resp.Diagnostics.AddError("ListPermissionPoliciesInRoleConfiguration", err.Error())
	case !found:
		// As theirs: a policy gone elsewhere is an error, not a removal (§13.8).
		resp.Diagnostics.AddError("ListPermissionPoliciesInRoleConfiguration", "RolePolicy "+m.RolePolicyName.ValueString()+" is not exist")
	default:
		resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
	}
}

// Update is never called: every input is ForceNew.
func (r *customPolicyAttachment) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = req.Plan.Raw.Copy()
}

func (r *customPolicyAttachment) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var m customPolicyAttachmentModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.client.RemoveCustomPolicyFromRoleConfiguration(ctx, m.ZoneID.ValueString(), m.RoleConfigurationID.ValueString(), m.RolePolicyName.ValueString()); err != nil {
		resp.Diagnostics.AddError("RemovePermissionPolicyFromRoleConfiguration", err.Error())
	}
}

// roleAssignment is tencentcloud_identity_center_role_assignment: every input Required and
// ForceNew, deprovision_strategy defaulting to None; its destroy dismantles the role
// configuration from the account after the delete, as theirs does (§13.1).
type roleAssignment struct{ base }

type roleAssignmentModel struct {
	ID                    types.String `tfsdk:"id"`
	ZoneID                types.String `tfsdk:"zone_id"`
	RoleConfigurationID   types.String `tfsdk:"role_configuration_id"`
	TargetType            types.String `tfsdk:"target_type"`
	TargetUin             types.Int64  `tfsdk:"target_uin"`
	PrincipalType         types.String `tfsdk:"principal_type"`
	PrincipalID           types.String `tfsdk:"principal_id"`
	DeprovisionStrategy   types.String `tfsdk:"deprovision_strategy"`
	CreateTime            types.String `tfsdk:"create_time"`
	UpdateTime            types.String `tfsdk:"update_time"`
	RoleConfigurationName types.String `tfsdk:"role_configuration_name"`
	TargetName            types.String `tfsdk:"target_name"`
	PrincipalName         types.String `tfsdk:"principal_name"`
}

func (m *roleAssignmentModel) key() idc.RoleAssignmentKey {
	return idc.RoleAssignmentKey{RoleConfigurationID: m.RoleConfigurationID.ValueString(), TargetType: m.TargetType.ValueString(),
		TargetUin: m.TargetUin.ValueInt64(), PrincipalType: m.PrincipalType.ValueString(), PrincipalID: m.PrincipalID.ValueString()}
}

func (r *roleAssignment) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "tencentcloud_identity_center_role_assignment"
}

func (r *roleAssignment) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id": computed(), "zone_id": requiredForceNew(), "role_configuration_id": requiredForceNew(), "target_type": requiredForceNew(),
		"target_uin": requiredForceNewInt(), "principal_type": requiredForceNew(), "principal_id": requiredForceNew(),
		"deprovision_strategy": schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString("None"),
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()}},
		"create_time": computed(), "update_time": computed(), "role_configuration_name": computed(), "target_name": computed(), "principal_name": computed(),
	}}
}

func (r *roleAssignment) read(ctx context.Context, m *roleAssignmentModel) error {
	zone := m.ZoneID.ValueString()
	a, err := r.client.GetRoleAssignment(ctx, zone, m.key())
	if err != nil {
		return err
	}
	m.ID = types.StringValue(strings.Join([]string{zone, a.RoleConfigurationID, a.TargetType, strconv.FormatInt(a.TargetUin, 10), a.PrincipalType, a.PrincipalID}, "#"))
	m.CreateTime = types.StringValue(apiTime(a.CreateTime))
	m.UpdateTime = types.StringValue(apiTime(a.UpdateTime))
	m.RoleConfigurationName = types.StringValue(a.RoleConfigurationName)
	m.TargetName = types.StringValue(a.TargetName)
	m.PrincipalName = types.StringValue(a.PrincipalName)
	return nil
}

func (r *roleAssignment) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m roleAssignmentModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	zone := m.ZoneID.ValueString()
	tasks, err := r.client.CreateRoleAssignment(ctx, zone, []idc.RoleAssignmentKey{m.key()})
	if err != nil {
		resp.Diagnostics.AddError("CreateRoleAssignment", err.Error())
		return
	}
	if _, err := r.client.WaitForTask(ctx, zone, tasks[0].TaskID); err != nil {
		resp.Diagnostics.AddError("GetTaskStatus", err.Error())
		return
	}
	if err := r.read(ctx, &m); err != nil {
		resp.Diagnostics.AddError("ListRoleAssignments", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *roleAssignment) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m roleAssignmentModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	err := r.read(ctx, &m)
	switch {
	case errors.Is(err, idc.ErrNotFound):
		resp.State.RemoveResource(ctx)
	case err != nil:
		resp.Diagnostics.AddError("ListRoleAssignments", err.Error())
	default:
		resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
	}
}

// Update is never called: every input is ForceNew.
func (r *roleAssignment) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = req.Plan.Raw.Copy()
}

func (r *roleAssignment) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var m roleAssignmentModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	zone, key := m.ZoneID.ValueString(), m.key()
	wait := func(action string, task *idc.Task, err error) bool {
		if err == nil && task != nil {
			_, err = r.client.WaitForTask(ctx, zone, task.TaskID)
		}
		if err != nil {
			resp.Diagnostics.AddError(action, err.Error())
		}
		return err == nil
	}
	task, err := r.client.DeleteRoleAssignment(ctx, zone, key, m.DeprovisionStrategy.ValueString())
	if !wait("DeleteRoleAssignment", task, err) {
		return
	}
	task, err = r.client.DismantleRoleConfiguration(ctx, idc.RoleTarget{ZoneID: zone, RoleConfigurationID: key.RoleConfigurationID,
		TargetType: key.TargetType, TargetUin: key.TargetUin})
	wait("DismantleRoleConfiguration", task, err)
}
