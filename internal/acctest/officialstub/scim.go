package main

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

func requiredForceNew() schema.StringAttribute {
	return schema.StringAttribute{Required: true, PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()}}
}

func computed() schema.StringAttribute {
	return schema.StringAttribute{Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}}
}

// scimCredential is tencentcloud_identity_center_scim_credential: CreateSCIMCredential, with the
// one-time secret in credential_secret.
type scimCredential struct{ base }

type scimCredentialModel struct {
	ID               types.String `tfsdk:"id"`
	ZoneID           types.String `tfsdk:"zone_id"`
	CredentialID     types.String `tfsdk:"credential_id"`
	CredentialSecret types.String `tfsdk:"credential_secret"`
	CredentialType   types.String `tfsdk:"credential_type"`
	Status           types.String `tfsdk:"status"`
	CreateTime       types.String `tfsdk:"create_time"`
	ExpireTime       types.String `tfsdk:"expire_time"`
}

func (r *scimCredential) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "tencentcloud_identity_center_scim_credential"
}

func (r *scimCredential) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	secret := computed()
	secret.Sensitive = true
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id": computed(), "zone_id": requiredForceNew(), "credential_id": computed(), "credential_secret": secret,
		"credential_type": computed(), "status": computed(), "create_time": computed(), "expire_time": computed(),
	}}
}

func (m *scimCredentialModel) set(c *idc.SCIMCredential) {
	m.ID = types.StringValue(c.ZoneID + "#" + c.CredentialID)
	m.ZoneID = types.StringValue(c.ZoneID)
	m.CredentialID = types.StringValue(c.CredentialID)
	m.CredentialType = types.StringValue(c.CredentialType)
	m.Status = types.StringValue(idc.Status(c.Enabled))
	m.CreateTime = types.StringValue(apiTime(c.CreateTime))
	m.ExpireTime = types.StringValue(apiTime(c.ExpireTime))
}

func (r *scimCredential) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m scimCredentialModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c, err := r.client.CreateSCIMCredential(ctx, m.ZoneID.ValueString(), 0)
	if err != nil {
		resp.Diagnostics.AddError("CreateSCIMCredential", err.Error())
		return
	}
	m.set(c)
	m.CredentialSecret = types.StringValue(c.Secret)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *scimCredential) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m scimCredentialModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c, err := r.client.GetSCIMCredential(ctx, m.ZoneID.ValueString(), m.CredentialID.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("ListSCIMCredentials", err.Error())
		return
	}
	m.set(c)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *scimCredential) Update(context.Context, resource.UpdateRequest, *resource.UpdateResponse) {}

func (r *scimCredential) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var m scimCredentialModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.client.DeleteSCIMCredential(ctx, m.ZoneID.ValueString(), m.CredentialID.ValueString()); err != nil {
		resp.Diagnostics.AddError("DeleteSCIMCredential", err.Error())
	}
}

// scimCredentialStatus is tencentcloud_identity_center_scim_credential_status: it sets a
// credential's status, and its Delete does nothing.
type scimCredentialStatus struct{ base }

type scimCredentialStatusModel struct {
	ID           types.String `tfsdk:"id"`
	ZoneID       types.String `tfsdk:"zone_id"`
	CredentialID types.String `tfsdk:"credential_id"`
	Status       types.String `tfsdk:"status"`
}

func (r *scimCredentialStatus) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "tencentcloud_identity_center_scim_credential_status"
}

func (r *scimCredentialStatus) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id": computed(), "zone_id": requiredForceNew(), "credential_id": requiredForceNew(),
		"status": schema.StringAttribute{Required: true},
	}}
}

func (r *scimCredentialStatus) write(ctx context.Context, m *scimCredentialStatusModel) error {
	m.ID = types.StringValue(m.ZoneID.ValueString() + "#" + m.CredentialID.ValueString())
	return r.client.UpdateSCIMCredentialStatus(ctx, m.ZoneID.ValueString(), m.CredentialID.ValueString(), m.Status.ValueString() == idc.StatusEnabled)
}

func (r *scimCredentialStatus) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m scimCredentialStatusModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.write(ctx, &m); err != nil {
		resp.Diagnostics.AddError("UpdateSCIMCredentialStatus", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *scimCredentialStatus) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m scimCredentialStatusModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c, err := r.client.GetSCIMCredential(ctx, m.ZoneID.ValueString(), m.CredentialID.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("ListSCIMCredentials", err.Error())
		return
	}
	m.Status = types.StringValue(idc.Status(c.Enabled))
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *scimCredentialStatus) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m scimCredentialStatusModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.write(ctx, &m); err != nil {
		resp.Diagnostics.AddError("UpdateSCIMCredentialStatus", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *scimCredentialStatus) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}

// scimSynchronizationStatus is tencentcloud_identity_center_scim_synchronization_status; its
// ID is the zone and its Delete does nothing.
type scimSynchronizationStatus struct{ base }

type scimSynchronizationStatusModel struct {
	ID     types.String `tfsdk:"id"`
	ZoneID types.String `tfsdk:"zone_id"`
	Status types.String `tfsdk:"scim_synchronization_status"`
}

func (r *scimSynchronizationStatus) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "tencentcloud_identity_center_scim_synchronization_status"
}

func (r *scimSynchronizationStatus) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id": computed(), "zone_id": requiredForceNew(), "scim_synchronization_status": schema.StringAttribute{Required: true},
	}}
}

func (r *scimSynchronizationStatus) write(ctx context.Context, m *scimSynchronizationStatusModel) error {
	m.ID = m.ZoneID
	return r.client.UpdateSCIMSynchronizationStatus(ctx, m.ZoneID.ValueString(), m.Status.ValueString() == idc.StatusEnabled)
}

func (r *scimSynchronizationStatus) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m scimSynchronizationStatusModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.write(ctx, &m); err != nil {
		resp.Diagnostics.AddError("UpdateSCIMSynchronizationStatus", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *scimSynchronizationStatus) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m scimSynchronizationStatusModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	on, err := r.client.GetSCIMSynchronizationStatus(ctx, m.ZoneID.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("GetSCIMSynchronizationStatus", err.Error())
		return
	}
	m.Status = types.StringValue(idc.Status(on))
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *scimSynchronizationStatus) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m scimSynchronizationStatusModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.write(ctx, &m); err != nil {
		resp.Diagnostics.AddError("UpdateSCIMSynchronizationStatus", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *scimSynchronizationStatus) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}
