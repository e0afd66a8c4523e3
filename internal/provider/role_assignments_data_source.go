package provider

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

var (
	_ datasource.DataSource                   = (*roleAssignmentsDataSource)(nil)
	_ datasource.DataSourceWithConfigure      = (*roleAssignmentsDataSource)(nil)
	_ datasource.DataSourceWithValidateConfig = (*roleAssignmentsDataSource)(nil)
)

// NewRoleAssignmentsDataSource returns the tencentcloudidc_role_assignments data source.
func NewRoleAssignmentsDataSource() datasource.DataSource {
	return &roleAssignmentsDataSource{}
}

type roleAssignmentsDataSource struct {
	dataSourceBase
}

type roleAssignmentsDataSourceModel struct {
	ZoneID              types.String `tfsdk:"zone_id"`
	RoleConfigurationID types.String `tfsdk:"role_configuration_id"`
	TargetType          types.String `tfsdk:"target_type"`
	TargetUin           types.Int64  `tfsdk:"target_uin"`
	PrincipalType       types.String `tfsdk:"principal_type"`
	PrincipalID         types.String `tfsdk:"principal_id"`
	Assignments         types.List   `tfsdk:"assignments"` //< roleAssignmentItemModel
}

type roleAssignmentItemModel struct {
	RoleConfigurationID   types.String `tfsdk:"role_configuration_id"`
	RoleConfigurationName types.String `tfsdk:"role_configuration_name"`
	TargetType            types.String `tfsdk:"target_type"`
	TargetUin             types.Int64  `tfsdk:"target_uin"`
	TargetName            types.String `tfsdk:"target_name"`
	PrincipalType         types.String `tfsdk:"principal_type"`
	PrincipalID           types.String `tfsdk:"principal_id"`
	PrincipalName         types.String `tfsdk:"principal_name"`
	CreateTime            types.String `tfsdk:"create_time"`
	UpdateTime            types.String `tfsdk:"update_time"`
}

var roleAssignmentItemAttrTypes = map[string]attr.Type{
	"role_configuration_id":   types.StringType,
	"role_configuration_name": types.StringType,
	"target_type":             types.StringType,
	"target_uin":              types.Int64Type,
	"target_name":             types.StringType,
	"principal_type":          types.StringType,
	"principal_id":            types.StringType,
	"principal_name":          types.StringType,
	"create_time":             types.StringType,
	"update_time":             types.StringType,
}

func (d *roleAssignmentsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_role_assignments"
}

func (d *roleAssignmentsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(what string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: what, Computed: true}
	}
	targetTypes := "`" + idc.TargetTypeMember + "` (a member account) or `" + idc.TargetTypeManager + "` (the organization's management account)"
	principalTypes := "`" + idc.PrincipalTypeUser + "` or `" + idc.PrincipalTypeGroup + "`"
	resp.Schema = schema.Schema{
		MarkdownDescription: "The role assignments of an Identity Center zone: which user or group may sign in to which account with which " +
			"role configuration, for example for an audit report or to check that nobody granted access outside Terraform. The filters " +
			"are passed to `ListRoleAssignments` (100 assignments per call), so a filtered read costs one call per 100 matching " +
			"assignments. A group's members reach the account through the group's assignment: filtering by a user lists only the " +
			"assignments made to that user directly.",
		Attributes: map[string]schema.Attribute{
			"zone_id": zoneIDDataSourceAttribute(),
			"role_configuration_id": schema.StringAttribute{
				MarkdownDescription: "Only assignments of this role configuration (`rc-` followed by 12 lowercase letters or digits). " +
					"Default: every role configuration.",
				Optional: true,
				Validators: []validator.String{stringvalidator.RegexMatches(roleConfigurationIDPattern,
					"must be a role configuration ID: `rc-` followed by 12 lowercase letters or digits, for example "+
						"tencentcloudidc_role_configuration.<name>.role_configuration_id")},
			},
			"target_type": schema.StringAttribute{
				MarkdownDescription: "Only assignments on the account `target_uin` of this type: " + targetTypes + ". Set together " +
					"with `target_uin`. Default: every account.",
				Optional: true,
				Validators: []validator.String{
					stringvalidator.OneOf(idc.TargetTypeMember, idc.TargetTypeManager),
					stringvalidator.AlsoRequires(path.MatchRoot("target_uin")),
				},
			},
			"target_uin": schema.Int64Attribute{
				MarkdownDescription: "Only assignments on the account with this UIN (for example from `data.tencentcloudidc_member_accounts`). " +
					"Set together with `target_type`.",
				Optional: true,
				Validators: []validator.Int64{
					int64validator.AtLeast(1),
					int64validator.AlsoRequires(path.MatchRoot("target_type")),
				},
			},
			"principal_type": schema.StringAttribute{
				MarkdownDescription: "Only assignments to the user or group `principal_id` of this type: " + principalTypes + ". Set " +
					"together with `principal_id`. Default: every user and group.",
				Optional: true,
				Validators: []validator.String{
					stringvalidator.OneOf(idc.PrincipalTypeUser, idc.PrincipalTypeGroup),
					stringvalidator.AlsoRequires(path.MatchRoot("principal_id")),
				},
			},
			"principal_id": schema.StringAttribute{
				MarkdownDescription: "Only assignments to this user (`u-…`, with `principal_type = \"User\"`) or group (`g-…`, with " +
					"`principal_type = \"Group\"`), for example from `data.tencentcloudidc_group`. Set together with `principal_type`.",
				Optional: true,
				Validators: []validator.String{
					stringvalidator.RegexMatches(principalIDPattern, "must be a user ID (u- followed by letters or digits) or a group ID (g- followed by letters or digits)"),
					stringvalidator.AlsoRequires(path.MatchRoot("principal_type")),
				},
			},
			"assignments": schema.ListNestedAttribute{
				MarkdownDescription: "The matching role assignments, ordered by `role_configuration_id`, then `target_type`, `target_uin`, " +
					"`principal_type` and `principal_id`, whatever order the service answers in, so that a report or a plan showing it is stable. An empty list when none matches.",
				Computed: true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"role_configuration_id":   computed("ID of the role configuration the principal signs in with."),
						"role_configuration_name": computed("Name of the role configuration."),
						"target_type":             computed(targetTypes + "."),
						"target_uin":              schema.Int64Attribute{Computed: true, MarkdownDescription: "UIN of the account the principal may sign in to."},
						"target_name":             computed("Name of the account."),
						"principal_type":          computed(principalTypes + "."),
						"principal_id":            computed("ID of the user (`u-…`) or group (`g-…`)."),
						"principal_name":          computed("Name of the user or group."),
						"create_time":             computed("When the assignment was made (RFC 3339, UTC); null when the service gives none."),
						"update_time":             computed("When it was last changed (RFC 3339, UTC); null when the service gives none."),
					},
				},
			},
		},
	}
}

// ValidateConfig catches a user ID given as a group, or the reverse: the service would answer
// with an empty list, which reads as "nobody has access".
func (d *roleAssignmentsDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var m roleAssignmentsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || m.PrincipalType.IsNull() || m.PrincipalType.IsUnknown() || m.PrincipalID.IsNull() || m.PrincipalID.IsUnknown() {
		return
	}
	kind, id := m.PrincipalType.ValueString(), m.PrincipalID.ValueString()
	prefix := principalIDPrefix(kind)
	if prefix == "" || strings.HasPrefix(id, prefix) || !principalIDPattern.MatchString(id) {
		return // the attribute validators report these
	}
	other := idc.PrincipalTypeUser
	if kind == idc.PrincipalTypeUser {
		other = idc.PrincipalTypeGroup
	}
	resp.Diagnostics.AddAttributeError(path.Root("principal_id"), "Principal ID Does Not Match Principal Type",
		fmt.Sprintf("Attribute principal_id %q is the ID of a %s, but principal_type is %q. Set principal_type = %q, or set principal_id "+
			"to the ID of a %s (%s followed by letters or digits).", id, strings.ToLower(other), kind, other, strings.ToLower(kind), prefix))
}

func (d *roleAssignmentsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m roleAssignmentsDataSourceModel
	zone, ok := d.readConfig(ctx, req.Config, &m, &resp.Diagnostics)
	if !ok {
		return
	}
	list, err := d.data.client.ListRoleAssignments(ctx, idc.ListRoleAssignmentsInput{
		ZoneID:              zone,
		RoleConfigurationID: m.RoleConfigurationID.ValueString(),
		TargetType:          m.TargetType.ValueString(),
		TargetUin:           m.TargetUin.ValueInt64(),
		PrincipalType:       m.PrincipalType.ValueString(),
		PrincipalID:         m.PrincipalID.ValueString(),
	})
	if err != nil {
		addDataSourceReadError(&resp.Diagnostics, m.ZoneID, "Role Assignments", zone, err)
		return
	}
	// The service documents no order: sorting by the key keeps the list, and a plan showing it, stable.
	slices.SortFunc(list, func(a, b idc.RoleAssignment) int {
		return cmp.Or(cmp.Compare(a.RoleConfigurationID, b.RoleConfigurationID), cmp.Compare(a.TargetType, b.TargetType),
			cmp.Compare(a.TargetUin, b.TargetUin), cmp.Compare(a.PrincipalType, b.PrincipalType), cmp.Compare(a.PrincipalID, b.PrincipalID))
	})

	objects := make([]attr.Value, 0, len(list))
	for _, a := range list {
		obj, diags := types.ObjectValueFrom(ctx, roleAssignmentItemAttrTypes, roleAssignmentItemModel{
			RoleConfigurationID:   types.StringValue(a.RoleConfigurationID),
			RoleConfigurationName: types.StringValue(a.RoleConfigurationName),
			TargetType:            types.StringValue(a.TargetType),
			TargetUin:             types.Int64Value(a.TargetUin),
			TargetName:            types.StringValue(a.TargetName),
			PrincipalType:         types.StringValue(a.PrincipalType),
			PrincipalID:           types.StringValue(a.PrincipalID),
			PrincipalName:         types.StringValue(a.PrincipalName),
			CreateTime:            timeValue(a.CreateTime),
			UpdateTime:            timeValue(a.UpdateTime),
		})
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
		objects = append(objects, obj)
	}
	tflog.Debug(ctx, "listed role assignments", map[string]any{"zone_id": zone, "count": len(list)})

	m.ZoneID = types.StringValue(zone)
	m.Assignments = types.ListValueMust(types.ObjectType{AttrTypes: roleAssignmentItemAttrTypes}, objects)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
