package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

var (
	_ datasource.DataSource              = (*scimEndpointDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*scimEndpointDataSource)(nil)
)

// scimAuthenticationType is the only kind of SCIM credential Identity Center issues.
const scimAuthenticationType = "BearerToken"

// NewSCIMEndpointDataSource returns the tencentcloudidc_scim_endpoint data source.
func NewSCIMEndpointDataSource() datasource.DataSource {
	return &scimEndpointDataSource{}
}

type scimEndpointDataSource struct {
	dataSourceBase
}

type scimEndpointDataSourceModel struct {
	ZoneID                 types.String `tfsdk:"zone_id"`
	URL                    types.String `tfsdk:"url"`
	Site                   types.String `tfsdk:"site"`
	SynchronizationEnabled types.Bool   `tfsdk:"synchronization_enabled"`
	AuthenticationType     types.String `tfsdk:"authentication_type"`
}

func (d *scimEndpointDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_scim_endpoint"
}

func (d *scimEndpointDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "What an identity provider needs to push users and groups to an Identity Center zone over SCIM 2.0: " +
			"the SCIM base URL, the authentication type and whether synchronization is on. The bearer token itself comes from a " +
			"`tencentcloudidc_scim_credential`. Tencent has no API for the URL: it is the documented fixed address of the site " +
			"(China or international, from the provider's `domain`), or the provider's `scim_endpoint`. Reads `GetSCIMSynchronizationStatus`.",
		Attributes: map[string]schema.Attribute{
			"zone_id": zoneIDDataSourceAttribute(),
			"url": schema.StringAttribute{
				MarkdownDescription: "SCIM 2.0 base URL, no trailing slash: `" + chinaSCIMEndpoint + "` on the China site, `" + internationalSCIMURL +
					"` on the international site, or the provider's `scim_endpoint`. It goes into the IdP's provisioning settings: " +
					"OneLogin **SCIM Base URL**, Okta **SCIM connector base URL**, Microsoft Entra ID **Tenant URL**, Google Workspace **Endpoint URL**.",
				Computed: true,
			},
			"site": schema.StringAttribute{
				MarkdownDescription: "`" + siteChina + "` or `" + siteInternational + "`: the Tencent Cloud site the provider talks to, chosen by its `domain` " +
					"(`" + idc.InternationalDomain + "` is the international site).",
				Computed: true,
			},
			"synchronization_enabled": schema.BoolAttribute{
				MarkdownDescription: "Whether SCIM user synchronization is on for the zone. While it is off, the SCIM endpoint refuses the IdP's requests; " +
					"turn it on with `tencentcloudidc_scim_synchronization`.",
				Computed: true,
			},
			"authentication_type": schema.StringAttribute{
				MarkdownDescription: "How the IdP authenticates to the SCIM endpoint: always `" + scimAuthenticationType + "` (an `Authorization: Bearer <secret>` " +
					"header carrying the secret of a `tencentcloudidc_scim_credential`). OneLogin calls the field **SCIM Bearer Token**, Okta " +
					"**HTTP Header** authentication, Entra ID **Secret Token**.",
				Computed: true,
			},
		},
	}
}

func (d *scimEndpointDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m scimEndpointDataSourceModel
	zone, ok := d.readConfig(ctx, req.Config, &m, &resp.Diagnostics)
	if !ok {
		return
	}
	enabled, err := d.data.client.GetSCIMSynchronizationStatus(ctx, zone)
	if err != nil {
		addDataSourceReadError(&resp.Diagnostics, m.ZoneID, "SCIM Endpoint", zone, err)
		return
	}
	m.ZoneID = types.StringValue(zone)
	m.URL = types.StringValue(d.data.scimEndpoint)
	m.Site = types.StringValue(d.data.site)
	m.SynchronizationEnabled = types.BoolValue(enabled)
	m.AuthenticationType = types.StringValue(scimAuthenticationType)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
