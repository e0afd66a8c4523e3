package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

var (
	_ datasource.DataSource                     = (*groupDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*groupDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*groupDataSource)(nil)
)

// NewGroupDataSource returns the tencentcloudidc_group data source.
func NewGroupDataSource() datasource.DataSource {
	return &groupDataSource{}
}

type groupDataSource struct {
	dataSourceBase
}

type groupDataSourceModel struct {
	ZoneID         types.String `tfsdk:"zone_id"`
	GroupID        types.String `tfsdk:"group_id"`
	Name           types.String `tfsdk:"name"`
	IncludeMembers types.Bool   `tfsdk:"include_members"`
	Description    types.String `tfsdk:"description"`
	Type           types.String `tfsdk:"type"`
	MemberCount    types.Int64  `tfsdk:"member_count"`
	CreateTime     types.String `tfsdk:"create_time"`
	UpdateTime     types.String `tfsdk:"update_time"`
	MemberUserIDs  types.List   `tfsdk:"member_user_ids"`
}

var (
	pathGroupID   = path.Root("group_id")
	pathGroupName = path.Root("name")
)

func (d *groupDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_group"
}

func (d *groupDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(what string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: what, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One group of an Identity Center zone, looked up by exactly one of `group_id` or `name`: for example the group " +
			"an identity provider pushed over SCIM that a team wants to give access to. A lookup that matches no group, or several, is an " +
			"error. `group_id` reads `GetGroup`; `name` searches with `ListGroups` (`GroupName eq <name>`) and then keeps the exact match, " +
			"ignoring case. With `include_members = true` the members are read too (`ListGroupMembers`, one call per 100 members).",
		Attributes: map[string]schema.Attribute{
			"zone_id": zoneIDDataSourceAttribute(),
			"group_id": schema.StringAttribute{
				MarkdownDescription: "Group ID (`g-` and letters or digits). Set this or `name`.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.RegexMatches(groupIDPattern, "must be a group ID: g- followed by letters or digits")},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Group name, unique in the zone and compared ignoring case; for synchronized groups the IdP's `displayName`. " +
					"Set this or `group_id`.",
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{stringvalidator.LengthBetween(1, 128)},
			},
			"include_members": schema.BoolAttribute{
				MarkdownDescription: "Whether to fill `member_user_ids` (one more call per 100 members). Default `false`.",
				Optional:            true,
			},
			"description": computed("Description; empty when not set."),
			"type":        computed("`" + apiTypeSynchronized + "` (pushed by an identity provider over SCIM; read-only while SCIM synchronization is on) or `" + apiTypeManual + "`."),
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
	}
}

func (d *groupDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("group_id"), path.MatchRoot("name")),
	}
}

func (d *groupDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m groupDataSourceModel
	zone, ok := d.readConfig(ctx, req.Config, &m, &resp.Diagnostics)
	if !ok {
		return
	}

	var g *idc.Group
	if !m.GroupID.IsNull() {
		g = d.byID(ctx, &resp.Diagnostics, m.ZoneID, zone, m.GroupID.ValueString())
	} else {
		g = d.byName(ctx, &resp.Diagnostics, m.ZoneID, zone, m.Name.ValueString())
	}
	if g == nil {
		return
	}
	members := types.ListNull(types.StringType)
	if m.IncludeMembers.ValueBool() {
		list, err := d.data.client.ListGroupMembers(ctx, zone, g.GroupID, "")
		if err != nil {
			addAPIError(&resp.Diagnostics, "Read", "Group Members", fmt.Sprintf("group %s (%s) in zone %s", g.GroupID, g.GroupName, zone), err)
			return
		}
		ids := make([]attr.Value, len(list))
		for i, member := range list {
			ids[i] = types.StringValue(member.UserID)
		}
		members = types.ListValueMust(types.StringType, ids)
	}
	m.ZoneID = types.StringValue(zone)
	m.GroupID = types.StringValue(g.GroupID)
	m.Name = types.StringValue(g.GroupName)
	m.Description = types.StringValue(g.Description)
	m.Type = types.StringValue(g.GroupType)
	m.MemberCount = types.Int64Value(g.MemberCount)
	m.CreateTime = timeValue(g.CreateTime)
	m.UpdateTime = timeValue(g.UpdateTime)
	m.MemberUserIDs = members
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (d *groupDataSource) byID(ctx context.Context, diags *diag.Diagnostics, configuredZone types.String, zone, id string) *idc.Group {
	g, err := d.data.client.GetGroup(ctx, zone, id)
	switch {
	case err == nil:
		return g
	case errors.Is(err, idc.ErrNotFound) && !isZoneNotFound(err):
		diags.AddAttributeError(pathGroupID, "Group Not Found",
			fmt.Sprintf("Zone %s has no group %s. Check the ID (it is in the Identity Center console's group list, or in "+
				"data.tencentcloudidc_groups), or look the group up by name.", zone, id))
	default:
		addDataSourceReadError(diags, configuredZone, "Group", zone, err)
	}
	return nil
}

// byName finds the one group named want, ignoring case. The service's filter is only trusted to
// narrow the candidates: a group is kept only when its name is want.
func (d *groupDataSource) byName(ctx context.Context, diags *diag.Diagnostics, configuredZone types.String, zone, want string) *idc.Group {
	var found []idc.Group
	candidates := 0
	for g, err := range d.data.client.Groups(ctx, idc.ListGroupsInput{ZoneID: zone, Filter: "GroupName eq " + want}) {
		if err != nil {
			addDataSourceReadError(diags, configuredZone, "Group", zone, err)
			return nil
		}
		candidates++
		if strings.EqualFold(g.GroupName, want) {
			found = append(found, g)
		}
	}
	if len(found) == 1 {
		return &found[0]
	}
	addGroupLookupError(diags, zone, want, found, candidates)
	return nil
}

// addGroupLookupError explains a name lookup that did not find exactly one group.
func addGroupLookupError(diags *diag.Diagnostics, zone, want string, found []idc.Group, candidates int) {
	if len(found) == 0 {
		diags.AddAttributeError(pathGroupName, "Group Not Found",
			fmt.Sprintf("No group of zone %s is named %q (0 groups match; the service's search answered %d, none with exactly that name). "+
				"Check the spelling, wait for the identity provider's next SCIM push if the group is new, or look the group up by group_id.",
				zone, want, candidates))
		return
	}
	ids := make([]string, len(found))
	for i, g := range found {
		ids[i] = fmt.Sprintf("%s (%s)", g.GroupID, g.GroupName)
	}
	diags.AddAttributeError(pathGroupName, "Ambiguous Group Lookup",
		fmt.Sprintf("%d groups of zone %s are named %q when case is ignored: %s. Look the group up by group_id instead.",
			len(found), zone, want, strings.Join(ids, ", ")))
}
