package provider

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

var (
	_ datasource.DataSource              = (*roleConfigurationsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*roleConfigurationsDataSource)(nil)
)

// NewRoleConfigurationsDataSource returns the tencentcloudidc_role_configurations data source.
func NewRoleConfigurationsDataSource() datasource.DataSource {
	return &roleConfigurationsDataSource{}
}

type roleConfigurationsDataSource struct {
	dataSourceBase
}

type roleConfigurationsDataSourceModel struct {
	ZoneID             types.String `tfsdk:"zone_id"`
	NameFilter         types.String `tfsdk:"name_filter"`
	RoleConfigurations types.List   `tfsdk:"role_configurations"` //< roleConfigurationItemModel
	IDs                types.List   `tfsdk:"ids"`
	Names              types.List   `tfsdk:"names"`
}

type roleConfigurationItemModel struct {
	RoleConfigurationID types.String `tfsdk:"role_configuration_id"`
	Name                types.String `tfsdk:"name"`
	Description         types.String `tfsdk:"description"`
	SessionDuration     types.String `tfsdk:"session_duration"`
	RelayState          types.String `tfsdk:"relay_state"`
	CreateTime          types.String `tfsdk:"create_time"`
	UpdateTime          types.String `tfsdk:"update_time"`
	SystemPolicies      types.List   `tfsdk:"system_policies"`
	CustomPolicyName    types.String `tfsdk:"custom_policy_name"`
	CustomPolicy        types.String `tfsdk:"custom_policy"`
	Deployments         types.List   `tfsdk:"deployments"`
}

var roleConfigurationItemAttrTypes = map[string]attr.Type{
	"role_configuration_id": types.StringType,
	"name":                  types.StringType,
	"description":           types.StringType,
	"session_duration":      types.StringType,
	"relay_state":           types.StringType,
	"create_time":           types.StringType,
	"update_time":           types.StringType,
	"system_policies":       types.ListType{ElemType: types.StringType},
	"custom_policy_name":    types.StringType,
	"custom_policy":         types.StringType,
	"deployments":           types.ListType{ElemType: types.ObjectType{AttrTypes: deploymentAttrTypes}},
}

func (d *roleConfigurationsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_role_configurations"
}

func (d *roleConfigurationsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(what string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: what, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The role configurations (permission sets) of an Identity Center zone with their policies and the accounts " +
			"each is deployed to, with each deployment's status: for example for a job that reports what is deployed where, or " +
			"which accounts still wait for a redeployment after a policy change. Costs one `ListRoleConfigurations` paging (100 " +
			"per call) and then, per role configuration, one `ListPermissionPoliciesInRoleConfiguration` (the action has no " +
			"paging) and one `ListRoleConfigurationProvisionings` (one more per 100 deployments beyond the first 100): a zone " +
			"with many configurations is a read of many calls.",
		Attributes: map[string]schema.Attribute{
			"zone_id": zoneIDDataSourceAttribute(),
			"name_filter": schema.StringAttribute{
				MarkdownDescription: "Only role configurations that `ListRoleConfigurations`' `Filter` matches: those whose name or " +
					"description contains this text, ignoring case (so `readonly` also matches a configuration described as " +
					"\"ReadOnly access\"). Not a pattern: `*` is a literal character. Default: every role configuration.",
				Optional: true,
				Validators: []validator.String{adviseString(stringvalidator.LengthAtLeast(1),
					`Remove name_filter to list every role configuration, or set it to part of a name`)},
			},
			"role_configurations": schema.ListNestedAttribute{
				MarkdownDescription: "The matching role configurations, in the service's order. An empty list when the zone has none, " +
					"or none matches.",
				Computed: true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"role_configuration_id": computed("Role configuration ID (`rc-` followed by letters or digits)."),
						"name":                  computed("Name of the role configuration."),
						"description":           computed("Description; null when not set."),
						"session_duration": computed("Longest console session, as a Go duration written as " +
							"`tencentcloudidc_role_configuration` shows it (`1h`, `12h30m`); `" + defaultSessionDuration +
							"` (the service's default) when the service gives none."),
						"relay_state": computed("URL the user lands on after signing in; null when not set (the console home page)."),
						"create_time": computed("When the role configuration was created (RFC 3339, UTC); null when the service gives none."),
						"update_time": computed("When it was last changed (RFC 3339, UTC); null when the service gives none."),
						"system_policies": schema.ListAttribute{
							MarkdownDescription: "Names of the CAM system policies attached, sorted. An empty list when none is.",
							Computed:            true,
							ElementType:         types.StringType,
						},
						"custom_policy_name": computed("Name of the custom policy attached; null when none is. With several (attached " +
							"in the console), the one named `" + defaultCustomPolicyName + "`, else the first by name."),
						"custom_policy": computed("The document of the custom policy named `custom_policy_name`, exactly as the " +
							"service stores it; null when no custom policy is attached."),
						"deployments": schema.ListNestedAttribute{
							MarkdownDescription: "Accounts the role configuration is deployed to, ordered by UIN, as " +
								"`tencentcloudidc_role_configuration` shows them.",
							Computed: true,
							NestedObject: schema.NestedAttributeObject{
								Attributes: map[string]schema.Attribute{
									"target_uin": schema.Int64Attribute{Computed: true, MarkdownDescription: "UIN of the account."},
									"target_type": computed("`" + idc.TargetTypeMember + "` (a member account) or `" +
										idc.TargetTypeManager + "` (the management account)."),
									"target_name": computed("Name of the account."),
									"status": computed("`Deployed`, `DeployedRequired` (policies changed since the last deployment: " +
										"redeploy to reach the account), `Deploying` or `DeployFailed`, as the service reports it."),
								},
							},
						},
					},
				},
			},
			"ids": schema.ListAttribute{
				MarkdownDescription: "The `role_configuration_id` of each of `role_configurations`, in the same order.",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"names": schema.ListAttribute{
				MarkdownDescription: "The `name` of each of `role_configurations`, in the same order.",
				Computed:            true,
				ElementType:         types.StringType,
			},
		},
	}
}

func (d *roleConfigurationsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m roleConfigurationsDataSourceModel
	zone, ok := d.readConfig(ctx, req.Config, &m, &resp.Diagnostics)
	if !ok {
		return
	}
	api := d.data.client
	rcs, err := api.ListRoleConfigurations(ctx, idc.ListRoleConfigurationsInput{ZoneID: zone, Filter: m.NameFilter.ValueString()})
	if err != nil {
		addDataSourceReadError(&resp.Diagnostics, m.ZoneID, "Role Configurations", zone, err)
		return
	}

	objects := make([]attr.Value, 0, len(rcs))
	ids := make([]attr.Value, 0, len(rcs))
	names := make([]attr.Value, 0, len(rcs))
	for _, rc := range rcs {
		target := fmt.Sprintf("role configuration %s (%s) in zone %s", rc.RoleConfigurationID, rc.Name, zone)
		policies, err := api.ListPermissionPoliciesInRoleConfiguration(ctx, zone, rc.RoleConfigurationID, "", "")
		if err != nil {
			addAPIError(&resp.Diagnostics, "Read", "Role Configuration Policies", target, err)
			return
		}
		deps, err := api.ListRoleConfigurationProvisionings(ctx, idc.ListProvisioningsInput{ZoneID: zone, RoleConfigurationID: rc.RoleConfigurationID})
		if err != nil {
			addAPIError(&resp.Diagnostics, "Read", "Role Configuration Deployments", target, err)
			return
		}

		var systemNames []string
		var customs []idc.RolePolicy
		for _, p := range policies {
			switch p.PolicyType {
			case idc.PolicyTypeSystem:
				systemNames = append(systemNames, p.PolicyName)
			case idc.PolicyTypeCustom:
				customs = append(customs, p)
			}
		}
		sort.Strings(systemNames)
		system := make([]attr.Value, len(systemNames))
		for i, n := range systemNames {
			system[i] = types.StringValue(n)
		}
		// Several custom policies only come from the console; the first by name keeps the answer stable.
		sort.Slice(customs, func(i, j int) bool { return customs[i].PolicyName < customs[j].PolicyName })
		customName, customDoc := types.StringNull(), types.StringNull()
		custom := customPolicyNamed(customs, defaultCustomPolicyName)
		if custom == nil && len(customs) > 0 {
			custom = &customs[0]
		}
		if custom != nil {
			customName, customDoc = types.StringValue(custom.PolicyName), types.StringValue(custom.Document)
		}
		session := defaultSessionDuration
		if rc.SessionDuration > 0 {
			session = formatDuration(time.Duration(rc.SessionDuration) * time.Second)
		}

		obj, diags := types.ObjectValueFrom(ctx, roleConfigurationItemAttrTypes, roleConfigurationItemModel{
			RoleConfigurationID: types.StringValue(rc.RoleConfigurationID),
			Name:                types.StringValue(rc.Name),
			Description:         stringOrNull(rc.Description),
			SessionDuration:     types.StringValue(session),
			RelayState:          stringOrNull(rc.RelayState),
			CreateTime:          timeValue(rc.CreateTime),
			UpdateTime:          timeValue(rc.UpdateTime),
			SystemPolicies:      types.ListValueMust(types.StringType, system),
			CustomPolicyName:    customName,
			CustomPolicy:        customDoc,
			Deployments:         deploymentsValue(deploymentsOf(deps)),
		})
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
		objects = append(objects, obj)
		ids = append(ids, types.StringValue(rc.RoleConfigurationID))
		names = append(names, types.StringValue(rc.Name))
	}
	tflog.Debug(ctx, "listed role configurations", map[string]any{"zone_id": zone, "count": len(rcs)})

	m.ZoneID = types.StringValue(zone)
	m.RoleConfigurations = types.ListValueMust(types.ObjectType{AttrTypes: roleConfigurationItemAttrTypes}, objects)
	m.IDs = types.ListValueMust(types.StringType, ids)
	m.Names = types.ListValueMust(types.StringType, names)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
