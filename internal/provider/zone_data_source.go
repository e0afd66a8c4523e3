package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

var (
	_ datasource.DataSource              = (*zoneDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*zoneDataSource)(nil)
)

// NewZoneDataSource returns the tencentcloudidc_zone data source.
func NewZoneDataSource() datasource.DataSource {
	return &zoneDataSource{}
}

type zoneDataSource struct {
	dataSourceBase
}

type zoneDataSourceModel struct {
	ZoneID                     types.String         `tfsdk:"zone_id"`
	ZoneName                   types.String         `tfsdk:"zone_name"`
	ServiceStatus              types.String         `tfsdk:"service_status"`
	SCIMSynchronizationEnabled types.Bool           `tfsdk:"scim_synchronization_enabled"`
	CreateTime                 types.String         `tfsdk:"create_time"`
	UpdateTime                 types.String         `tfsdk:"update_time"`
	Statistics                 *zoneStatisticsModel `tfsdk:"statistics"`
}

type zoneStatisticsModel struct {
	UserQuota              types.Int64 `tfsdk:"user_quota"`
	UserCount              types.Int64 `tfsdk:"user_count"`
	GroupQuota             types.Int64 `tfsdk:"group_quota"`
	GroupCount             types.Int64 `tfsdk:"group_count"`
	RoleConfigurationQuota types.Int64 `tfsdk:"role_configuration_quota"`
	RoleConfigurationCount types.Int64 `tfsdk:"role_configuration_count"`
	UserProvisioningCount  types.Int64 `tfsdk:"user_provisioning_count"`
}

func (d *zoneDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_zone"
}

func (d *zoneDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	count := func(what string) schema.Int64Attribute {
		return schema.Int64Attribute{MarkdownDescription: what, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The organization's Identity Center zone (there is exactly one): its name, status, whether SCIM " +
			"synchronization is on, and its quotas and counters. Reads `DescribeIdentityCenter` and `GetZoneStatistics`.",
		Attributes: map[string]schema.Attribute{
			"zone_id": zoneIDDataSourceAttribute(),
			"zone_name": schema.StringAttribute{
				MarkdownDescription: "Zone name; it appears in the user portal's login URL.",
				Computed:            true,
			},
			"service_status": schema.StringAttribute{
				MarkdownDescription: "`Enabled` when Identity Center is open for the organization, `Disabled` otherwise.",
				Computed:            true,
			},
			"scim_synchronization_enabled": schema.BoolAttribute{
				MarkdownDescription: "Whether SCIM user synchronization is turned on for the zone.",
				Computed:            true,
			},
			"create_time": schema.StringAttribute{
				MarkdownDescription: "When the zone was created (RFC 3339, UTC).",
				Computed:            true,
			},
			"update_time": schema.StringAttribute{
				MarkdownDescription: "When the zone was last changed (RFC 3339, UTC).",
				Computed:            true,
			},
			"statistics": schema.SingleNestedAttribute{
				MarkdownDescription: "Quotas and current counts of the zone.",
				Computed:            true,
				Attributes: map[string]schema.Attribute{
					"user_quota":               count("Maximum number of users."),
					"user_count":               count("Current number of users, manual and synchronized."),
					"group_quota":              count("Maximum number of groups."),
					"group_count":              count("Current number of groups."),
					"role_configuration_quota": count("Maximum number of role (permission) configurations."),
					"role_configuration_count": count("Current number of role configurations."),
					"user_provisioning_count":  count("Number of CAM user synchronization provisionings."),
				},
			},
		},
	}
}

func (d *zoneDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m zoneDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}

	ic, err := d.data.client.DescribeIdentityCenter(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Read", "Identity Center Zone", "the organization", err)
		return
	}
	zone := m.ZoneID.ValueString()
	if zone == "" {
		zone = d.data.zoneID
	}
	if zone == "" {
		zone = ic.ZoneID
	}
	if zone != ic.ZoneID {
		resp.Diagnostics.AddAttributeError(pathZoneID, "Unable to Read Identity Center Zone",
			notOrganizationZone(zone, ic.ZoneID)+fmt.Sprintf(" Set zone_id to %s, or remove it.", ic.ZoneID))
		return
	}

	stats, err := d.data.client.GetZoneStatistics(ctx, zone)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Read", "Identity Center Zone Statistics", "zone "+zone, err)
		return
	}

	m.ZoneID = types.StringValue(zone)
	m.ZoneName = types.StringValue(ic.ZoneName)
	m.ServiceStatus = types.StringValue(idc.Status(ic.ServiceEnabled))
	m.SCIMSynchronizationEnabled = types.BoolValue(ic.SCIMSyncEnabled)
	m.CreateTime = timeValue(ic.CreateTime)
	m.UpdateTime = timeValue(ic.UpdateTime)
	m.Statistics = &zoneStatisticsModel{
		UserQuota:              types.Int64Value(stats.UserQuota),
		UserCount:              types.Int64Value(stats.UserCount),
		GroupQuota:             types.Int64Value(stats.GroupQuota),
		GroupCount:             types.Int64Value(stats.GroupCount),
		RoleConfigurationQuota: types.Int64Value(stats.RoleConfigurationQuota),
		RoleConfigurationCount: types.Int64Value(stats.RoleConfigurationCount),
		UserProvisioningCount:  types.Int64Value(stats.UserProvisioningCount),
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func describeZone(id string) string {
	if id == "" {
		return "no zone (Identity Center is not open)"
	}
	return "zone " + id
}
