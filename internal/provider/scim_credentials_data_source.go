package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

var (
	_ datasource.DataSource              = (*scimCredentialsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*scimCredentialsDataSource)(nil)
)

// NewSCIMCredentialsDataSource returns the tencentcloudidc_scim_credentials data source.
func NewSCIMCredentialsDataSource() datasource.DataSource {
	return &scimCredentialsDataSource{}
}

type scimCredentialsDataSource struct {
	dataSourceBase
}

type scimCredentialsDataSourceModel struct {
	ZoneID      types.String `tfsdk:"zone_id"`
	Credentials types.List   `tfsdk:"credentials"` //< scimCredentialInfoModel
	IDs         types.List   `tfsdk:"ids"`
}

type scimCredentialInfoModel struct {
	CredentialID types.String `tfsdk:"credential_id"`
	Status       types.String `tfsdk:"status"`
	Type         types.String `tfsdk:"type"`
	CreateTime   types.String `tfsdk:"create_time"`
	ExpireTime   types.String `tfsdk:"expire_time"`
}

var scimCredentialInfoAttrTypes = map[string]attr.Type{
	"credential_id": types.StringType,
	"status":        types.StringType,
	"type":          types.StringType,
	"create_time":   types.StringType,
	"expire_time":   types.StringType,
}

func (d *scimCredentialsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_scim_credentials"
}

func (d *scimCredentialsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(what string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: what, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Every SCIM credential (bearer token) of a zone, managed by Terraform or not, **without secrets**: the service " +
			"shows a secret only once, when it is created. A zone holds at most two, so a drift job can compare `ids` with the " +
			"`tencentcloudidc_scim_credential` resources it manages and flag keys nobody manages. Reads `ListSCIMCredentials`.",
		Attributes: map[string]schema.Attribute{
			"zone_id": zoneIDDataSourceAttribute(),
			"credentials": schema.ListNestedAttribute{
				MarkdownDescription: "The zone's credentials, as the service lists them. An empty list when there is none.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"credential_id": computed("Credential ID (`scimcred-` and 12 letters or digits)."),
						"status": computed("`" + idc.StatusEnabled + "` or `" + idc.StatusDisabled + "`; the SCIM endpoint refuses a disabled " +
							"credential."),
						"type":        computed("Credential type: `" + scimAuthenticationType + "`."),
						"create_time": computed("When the credential was created (RFC 3339, UTC)."),
						"expire_time": computed("When the credential expires (RFC 3339, UTC); the SCIM endpoint refuses it from then on."),
					},
				},
			},
			"ids": schema.ListAttribute{
				MarkdownDescription: "The `credential_id` of each credential in `credentials`, in the same order.",
				Computed:            true,
				ElementType:         types.StringType,
			},
		},
	}
}

func (d *scimCredentialsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m scimCredentialsDataSourceModel
	zone, ok := d.readConfig(ctx, req.Config, &m, &resp.Diagnostics)
	if !ok {
		return
	}
	creds, err := d.data.client.ListSCIMCredentials(ctx, zone)
	if err != nil {
		addDataSourceReadError(&resp.Diagnostics, m.ZoneID, "SCIM Credentials", zone, err)
		return
	}
	objects := make([]attr.Value, 0, len(creds))
	ids := make([]attr.Value, 0, len(creds))
	for _, c := range creds {
		// The secret is never read: ListSCIMCredentials does not return it, and nothing here would keep it.
		obj, diags := types.ObjectValueFrom(ctx, scimCredentialInfoAttrTypes, scimCredentialInfoModel{
			CredentialID: types.StringValue(c.CredentialID),
			Status:       types.StringValue(idc.Status(c.Enabled)),
			Type:         types.StringValue(c.CredentialType),
			CreateTime:   timeValue(c.CreateTime),
			ExpireTime:   timeValue(c.ExpireTime),
		})
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
		objects = append(objects, obj)
		ids = append(ids, types.StringValue(c.CredentialID))
	}
	m.ZoneID = types.StringValue(zone)
	m.Credentials = types.ListValueMust(types.ObjectType{AttrTypes: scimCredentialInfoAttrTypes}, objects)
	m.IDs = types.ListValueMust(types.StringType, ids)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
