package main

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

// samlIdentityProvider is tencentcloud_identity_center_external_saml_identity_provider or, with
// organization set, tencentcloud_organization_external_saml_identity_provider: the same API with
// different attributes. Its ID is the zone.
type samlIdentityProvider struct {
	base
	typeName     string
	organization bool
}

func (r *samlIdentityProvider) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "tencentcloud_" + r.typeName
}

func optionalComputed(forceNew bool) schema.StringAttribute {
	a := schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}}
	if forceNew {
		a.PlanModifiers = append(a.PlanModifiers, stringplanmodifier.RequiresReplace())
	}
	return a
}

func (r *samlIdentityProvider) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		"id": computed(), "zone_id": requiredForceNew(),
		"encoded_metadata_document": optionalComputed(false),
		"sso_status":                optionalComputed(r.organization),
		"entity_id":                 optionalComputed(r.organization),
		"login_url":                 optionalComputed(r.organization),
		"x509_certificate":          optionalComputed(r.organization),
	}
	if r.organization {
		attrs["certificate_id"] = computed()
		attrs["another_certificate_id"] = computed()
	} else {
		attrs["acs_url"] = computed()
		attrs["create_time"] = computed()
		attrs["update_time"] = computed()
		attrs["certificate_ids"] = schema.ListAttribute{Computed: true, ElementType: types.StringType}
	}
	resp.Schema = schema.Schema{Attributes: attrs}
}

// optional returns the attribute's configured value, nil when it is null, empty or unknown.
func optional(ctx context.Context, plan tfsdk.Plan, name string, diags *diag.Diagnostics) *string {
	var v types.String
	diags.Append(plan.GetAttribute(ctx, path.Root(name), &v)...)
	if v.IsNull() || v.IsUnknown() || v.ValueString() == "" {
		return nil
	}
	s := v.ValueString()
	return &s
}

// write sends the IdP as the official provider's Update does: the metadata document alone, or
// the manual fields, then the SSO status.
func (r *samlIdentityProvider) write(ctx context.Context, plan tfsdk.Plan, diags *diag.Diagnostics) string {
	var zone types.String
	diags.Append(plan.GetAttribute(ctx, path.Root("zone_id"), &zone)...)
	in := idc.SetSAMLIdentityProviderInput{ZoneID: zone.ValueString()}
	if doc := optional(ctx, plan, "encoded_metadata_document", diags); doc != nil {
		in.EncodedMetadataDocument = doc
	} else {
		in.EntityID = optional(ctx, plan, "entity_id", diags)
		in.LoginURL = optional(ctx, plan, "login_url", diags)
		in.X509Certificate = optional(ctx, plan, "x509_certificate", diags)
	}
	if diags.HasError() {
		return ""
	}
	if _, err := r.client.SetExternalSAMLIdentityProvider(ctx, in); err != nil {
		diags.AddError("SetExternalSAMLIdentityProvider", err.Error())
		return ""
	}
	if sso := optional(ctx, plan, "sso_status", diags); sso != nil {
		on := *sso == idc.StatusEnabled
		if _, err := r.client.SetExternalSAMLIdentityProvider(ctx, idc.SetSAMLIdentityProviderInput{ZoneID: in.ZoneID, SSOEnabled: &on}); err != nil {
			diags.AddError("SetExternalSAMLIdentityProvider", err.Error())
		}
	}
	return in.ZoneID
}

// read refreshes state as the official Read does, bug included: Tencent's SP entity ID and
// metadata go into entity_id and encoded_metadata_document, and are overwritten only by the
// IdP's own non-empty values. x509_certificate is never read back.
func (r *samlIdentityProvider) read(ctx context.Context, zone string, state *tfsdk.State) (found bool, diags diag.Diagnostics) {
	sp, err := r.client.GetZoneSAMLServiceProviderInfo(ctx, zone)
	if err != nil {
		diags.AddError("GetZoneSAMLServiceProviderInfo", err.Error())
		return false, diags
	}
	idp, err := r.client.GetExternalSAMLIdentityProvider(ctx, zone)
	if errors.Is(err, idc.ErrNotFound) {
		return false, diags
	}
	if err != nil {
		diags.AddError("GetExternalSAMLIdentityProvider", err.Error())
		return false, diags
	}
	entity, doc := sp.EntityID, sp.EncodedMetadataDocument
	if idp.EntityID != "" {
		entity = idp.EntityID
	}
	if idp.EncodedMetadataDocument != "" {
		doc = idp.EncodedMetadataDocument
	}
	set := func(name string, v any) { diags.Append(state.SetAttribute(ctx, path.Root(name), v)...) }
	set("id", zone)
	set("zone_id", zone)
	set("entity_id", entity)
	set("encoded_metadata_document", doc)
	set("login_url", idp.LoginURL)
	set("sso_status", idc.Status(idp.SSOEnabled))
	var x509 types.String
	diags.Append(state.GetAttribute(ctx, path.Root("x509_certificate"), &x509)...)
	if x509.IsUnknown() {
		set("x509_certificate", "")
	}
	ids := idp.CertificateIDs
	if r.organization {
		first, second := "", ""
		if len(ids) > 0 {
			first = ids[0]
		}
		if len(ids) > 1 {
			second = ids[1]
		}
		set("certificate_id", first)
		set("another_certificate_id", second)
		return true, diags
	}
	if ids == nil {
		ids = []string{}
	}
	set("acs_url", sp.AcsURL)
	set("certificate_ids", ids)
	set("create_time", apiTime(idp.CreateTime))
	set("update_time", apiTime(idp.UpdateTime))
	return true, diags
}

func (r *samlIdentityProvider) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	zone := r.write(ctx, req.Plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.State.Raw = req.Plan.Raw.Copy()
	found, diags := r.read(ctx, zone, &resp.State)
	resp.Diagnostics.Append(diags...)
	if !found && !diags.HasError() {
		resp.Diagnostics.AddError("GetExternalSAMLIdentityProvider", "no identity provider after SetExternalSAMLIdentityProvider in zone "+zone)
	}
}

func (r *samlIdentityProvider) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var zone types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("zone_id"), &zone)...)
	if resp.Diagnostics.HasError() {
		return
	}
	found, diags := r.read(ctx, zone.ValueString(), &resp.State)
	resp.Diagnostics.Append(diags...)
	if !found && !diags.HasError() {
		resp.State.RemoveResource(ctx)
	}
}

func (r *samlIdentityProvider) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	zone := r.write(ctx, req.Plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.State.Raw = req.Plan.Raw.Copy()
	_, diags := r.read(ctx, zone, &resp.State)
	resp.Diagnostics.Append(diags...)
}

func (r *samlIdentityProvider) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var zone types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("zone_id"), &zone)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.client.ClearExternalSAMLIdentityProvider(ctx, zone.ValueString()); err != nil {
		resp.Diagnostics.AddError("ClearExternalSAMLIdentityProvider", err.Error())
	}
}
