package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/samlmeta"
)

var (
	_ datasource.DataSource              = (*samlServiceProviderDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*samlServiceProviderDataSource)(nil)
)

// NewSAMLServiceProviderDataSource returns the tencentcloudidc_saml_service_provider data source.
func NewSAMLServiceProviderDataSource() datasource.DataSource {
	return &samlServiceProviderDataSource{}
}

type samlServiceProviderDataSource struct {
	dataSourceBase
}

type samlServiceProviderDataSourceModel struct {
	ZoneID                  types.String `tfsdk:"zone_id"`
	EntityID                types.String `tfsdk:"entity_id"`
	AcsURL                  types.String `tfsdk:"acs_url"`
	MetadataXML             types.String `tfsdk:"metadata_xml"`
	EncodedMetadataDocument types.String `tfsdk:"encoded_metadata_document"`
}

func (d *samlServiceProviderDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_saml_service_provider"
}

func (d *samlServiceProviderDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Tencent Cloud's side of SAML single sign-on for a zone: Identity Center is the SAML service provider (SP), and these are " +
			"the values to enter in the identity provider's SAML application (or the SP metadata to upload there instead). " +
			"Reads `GetZoneSAMLServiceProviderInfo`.",
		Attributes: map[string]schema.Attribute{
			"zone_id": zoneIDDataSourceAttribute(),
			"entity_id": schema.StringAttribute{
				MarkdownDescription: "SP entity ID, for example `https://tencentcloudsso.com/saml/sp/z-vft38p2hq8tq`. It goes into OneLogin " +
					"**Audience (EntityID)**, Okta **Audience URI (SP Entity ID)**, Microsoft Entra ID **Identifier (Entity ID)**.",
				Computed: true,
			},
			"acs_url": schema.StringAttribute{
				MarkdownDescription: "Assertion Consumer Service URL, where the IdP posts its SAML response. It goes into OneLogin **Recipient**, " +
					"**ACS (Consumer) URL Validator** and **ACS (Consumer) URL**; Okta **Single sign-on URL**; Microsoft Entra ID **Reply URL " +
					"(Assertion Consumer Service URL)**.",
				Computed: true,
			},
			"metadata_xml": schema.StringAttribute{
				MarkdownDescription: "The SP metadata as XML text, decoded from `encoded_metadata_document` (Base64, and URL-decoding when the service " +
					"wraps URL-encoded XML). Save it with `local_file` for IdPs that import SP metadata from a file (Entra ID **Upload metadata file**, " +
					"AD FS relying party trust).",
				Computed: true,
			},
			"encoded_metadata_document": schema.StringAttribute{
				MarkdownDescription: "The SP metadata exactly as the API returns it (Base64).",
				Computed:            true,
			},
		},
	}
}

func (d *samlServiceProviderDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m samlServiceProviderDataSourceModel
	zone, ok := d.readConfig(ctx, req.Config, &m, &resp.Diagnostics)
	if !ok {
		return
	}
	sp, err := d.data.client.GetZoneSAMLServiceProviderInfo(ctx, zone)
	if err != nil {
		addDataSourceReadError(&resp.Diagnostics, m.ZoneID, "SAML Service Provider", zone, err)
		return
	}
	m.ZoneID = types.StringValue(zone)
	m.EntityID = types.StringValue(sp.EntityID)
	m.AcsURL = types.StringValue(sp.AcsURL)
	metadataXML, err := spMetadataXML(sp.EncodedMetadataDocument)
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read SAML Service Provider",
			fmt.Sprintf("GetZoneSAMLServiceProviderInfo for zone %s returned SP metadata that cannot be decoded: %s. "+
				"encoded_metadata_document holds it as the service sent it; please report this to the provider developers.", zone, err))
		return
	}
	m.MetadataXML = types.StringValue(metadataXML)
	m.EncodedMetadataDocument = types.StringValue(sp.EncodedMetadataDocument)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// spMetadataXML decodes the SP metadata the service sends; a zone without any reads as "".
func spMetadataXML(encoded string) (string, error) {
	if strings.TrimSpace(encoded) == "" {
		return "", nil
	}
	doc, err := samlmeta.DecodeEncodedDocument(encoded)
	return string(doc), err
}
