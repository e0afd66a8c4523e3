package provider

import (
	"context"
	"fmt"

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
	_ datasource.DataSource              = (*groupsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*groupsDataSource)(nil)
)

// NewGroupsDataSource returns the tencentcloudidc_groups data source.
func NewGroupsDataSource() datasource.DataSource {
	return &groupsDataSource{}
}

type groupsDataSource struct {
	dataSourceBase
}

type groupsDataSourceModel struct {
	ZoneID         types.String `tfsdk:"zone_id"`
	GroupType      types.String `tfsdk:"group_type"`
	Filter         types.String `tfsdk:"filter"`
	IncludeMembers types.Bool   `tfsdk:"include_members"`
	Groups         types.List   `tfsdk:"groups"` //< groupModel
	IDs            types.List   `tfsdk:"ids"`
	Names          types.List   `tfsdk:"names"`
	TotalCount     types.Int64  `tfsdk:"total_count"`
}

type groupModel struct {
	GroupID       types.String `tfsdk:"group_id"`
	Name          types.String `tfsdk:"name"`
	Description   types.String `tfsdk:"description"`
	Type          types.String `tfsdk:"type"`
	MemberCount   types.Int64  `tfsdk:"member_count"`
	CreateTime    types.String `tfsdk:"create_time"`
	UpdateTime    types.String `tfsdk:"update_time"`
	MemberUserIDs types.List   `tfsdk:"member_user_ids"`
}

var groupAttrTypes = map[string]attr.Type{
	"group_id":        types.StringType,
	"name":            types.StringType,
	"description":     types.StringType,
	"type":            types.StringType,
	"member_count":    types.Int64Type,
	"create_time":     types.StringType,
	"update_time":     types.StringType,
	"member_user_ids": types.ListType{ElemType: types.StringType},
}

func (d *groupsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_groups"
}

func (d *groupsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(what string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: what, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The groups of an Identity Center zone, optionally filtered, and optionally their members: for example the " +
			"groups an identity provider pushed over SCIM (`group_type = \"Synchronized\"`). Reads `ListGroups` (100 per call), and " +
			"`ListGroupMembers` once per group (and per 100 members) with `include_members = true`.",
		Attributes: map[string]schema.Attribute{
			"zone_id": zoneIDDataSourceAttribute(),
			"group_type": schema.StringAttribute{
				MarkdownDescription: "Only groups of this type: `" + apiTypeSynchronized + "` (pushed by an identity provider over SCIM) or `" +
					apiTypeManual + "` (created in the console or the API). Default: both.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(apiTypeManual, apiTypeSynchronized)},
			},
			"filter": schema.StringAttribute{
				MarkdownDescription: "Only groups whose name matches, as the service's `Filter` reads it: `GroupName eq <name>` (the exact " +
					"name) or `GroupName sw <prefix>` (names starting with it), both ignoring case; any other text is looked for inside " +
					"group names, ignoring case (`platform` matches `SIM-Platform-Admins`). No other expression exists: one that starts " +
					"with `GroupName` but is not one of these two, or looks like a SCIM filter (`DisplayName eq x`), is refused rather " +
					"than left to match nothing. Default: no filter.",
				Optional: true,
				Validators: []validator.String{adviseString(stringvalidator.LengthAtLeast(1),
					`Remove filter to list every group, or set it, for example to "GroupName eq Platform-Admins"`), filterValidator{groups: true}},
			},
			"include_members": schema.BoolAttribute{
				MarkdownDescription: "Whether to fill `member_user_ids` of each group (one more call per group). Default `false`.",
				Optional:            true,
			},
			"groups": schema.ListNestedAttribute{
				MarkdownDescription: "The matching groups, oldest first (creation order). An empty list when nothing matches.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"group_id":    computed("Group ID (`g-…`)."),
						"name":        computed("Group name, unique in the zone; for synchronized groups the IdP's `displayName`."),
						"description": computed("Description; empty when not set."),
						"type":        computed("`" + apiTypeSynchronized + "` (pushed over SCIM; read-only while SCIM synchronization is on) or `" + apiTypeManual + "`."),
						"member_count": schema.Int64Attribute{
							MarkdownDescription: "Number of members.",
							Computed:            true,
						},
						"create_time": computed("When the group was created (RFC 3339, UTC)."),
						"update_time": computed("When the group was last changed (RFC 3339, UTC)."),
						"member_user_ids": schema.ListAttribute{
							MarkdownDescription: "User IDs of the members, in the order they joined; null unless `include_members = true`.",
							Computed:            true,
							ElementType:         types.StringType,
						},
					},
				},
			},
			"ids": schema.ListAttribute{
				MarkdownDescription: "The `group_id` of each group in `groups`, in the same order.",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"names": schema.ListAttribute{
				MarkdownDescription: "The `name` of each group in `groups`, in the same order.",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"total_count": schema.Int64Attribute{
				MarkdownDescription: "Number of groups in `groups`.",
				Computed:            true,
			},
		},
	}
}

func (d *groupsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m groupsDataSourceModel
	zone, ok := d.readConfig(ctx, req.Config, &m, &resp.Diagnostics)
	if !ok {
		return
	}
	groups, err := d.data.client.ListGroups(ctx, idc.ListGroupsInput{ZoneID: zone, GroupType: m.GroupType.ValueString(), Filter: m.Filter.ValueString()})
	if err != nil {
		addDataSourceReadError(&resp.Diagnostics, m.ZoneID, "Groups", zone, err)
		return
	}

	objects := make([]attr.Value, 0, len(groups))
	ids := make([]attr.Value, 0, len(groups))
	names := make([]attr.Value, 0, len(groups))
	for _, g := range groups {
		members := types.ListNull(types.StringType)
		if m.IncludeMembers.ValueBool() {
			list, err := d.data.client.ListGroupMembers(ctx, zone, g.GroupID, "")
			if err != nil {
				addAPIError(&resp.Diagnostics, "Read", "Group Members", fmt.Sprintf("group %s (%s) in zone %s", g.GroupID, g.GroupName, zone), err)
				return
			}
			memberIDs := make([]attr.Value, len(list))
			for i, member := range list {
				memberIDs[i] = types.StringValue(member.UserID)
			}
			members = types.ListValueMust(types.StringType, memberIDs)
		}
		obj, diags := types.ObjectValueFrom(ctx, groupAttrTypes, groupModel{
			GroupID:       types.StringValue(g.GroupID),
			Name:          types.StringValue(g.GroupName),
			Description:   types.StringValue(g.Description),
			Type:          types.StringValue(g.GroupType),
			MemberCount:   types.Int64Value(g.MemberCount),
			CreateTime:    timeValue(g.CreateTime),
			UpdateTime:    timeValue(g.UpdateTime),
			MemberUserIDs: members,
		})
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
		objects = append(objects, obj)
		ids = append(ids, types.StringValue(g.GroupID))
		names = append(names, types.StringValue(g.GroupName))
	}
	tflog.Debug(ctx, "listed groups", map[string]any{"zone_id": zone, "count": len(groups), "include_members": m.IncludeMembers.ValueBool()})

	m.ZoneID = types.StringValue(zone)
	m.Groups = types.ListValueMust(types.ObjectType{AttrTypes: groupAttrTypes}, objects)
	m.IDs = types.ListValueMust(types.StringType, ids)
	m.Names = types.ListValueMust(types.StringType, names)
	m.TotalCount = types.Int64Value(int64(len(groups)))
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
