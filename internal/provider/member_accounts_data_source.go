package provider

import (
	"context"

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
	_ datasource.DataSource              = (*memberAccountsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*memberAccountsDataSource)(nil)
)

// NewMemberAccountsDataSource returns the tencentcloudidc_member_accounts data source.
func NewMemberAccountsDataSource() datasource.DataSource {
	return &memberAccountsDataSource{}
}

// memberAccountsDataSource reads the organization, not a zone: it has no zone_id.
type memberAccountsDataSource struct {
	dataSourceBase
}

type memberAccountsDataSourceModel struct {
	SearchKey             types.String `tfsdk:"search_key"`
	Accounts              types.List   `tfsdk:"accounts"` //< memberAccountModel
	MemberUINs            types.List   `tfsdk:"member_uins"`
	Names                 types.List   `tfsdk:"names"`
	TotalCount            types.Int64  `tfsdk:"total_count"`
	ManagementAccountUIN  types.Int64  `tfsdk:"management_account_uin"`
	ManagementAccountName types.String `tfsdk:"management_account_name"`
}

type memberAccountModel struct {
	MemberUIN        types.Int64  `tfsdk:"member_uin"`
	Name             types.String `tfsdk:"name"`
	MemberType       types.String `tfsdk:"member_type"`
	NodeID           types.Int64  `tfsdk:"node_id"`
	NodeName         types.String `tfsdk:"node_name"`
	Remark           types.String `tfsdk:"remark"`
	OrgPolicyType    types.String `tfsdk:"org_policy_type"`
	OrgPolicyName    types.String `tfsdk:"org_policy_name"`
	PermissionStatus types.String `tfsdk:"permission_status"`
	CreateTime       types.String `tfsdk:"create_time"`
	UpdateTime       types.String `tfsdk:"update_time"`
}

var memberAccountAttrTypes = map[string]attr.Type{
	"member_uin":        types.Int64Type,
	"name":              types.StringType,
	"member_type":       types.StringType,
	"node_id":           types.Int64Type,
	"node_name":         types.StringType,
	"remark":            types.StringType,
	"org_policy_type":   types.StringType,
	"org_policy_name":   types.StringType,
	"permission_status": types.StringType,
	"create_time":       types.StringType,
	"update_time":       types.StringType,
}

func (d *memberAccountsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_member_accounts"
}

func (d *memberAccountsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(what string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: what, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The member accounts of the organization, the accounts a role configuration is deployed to and access is " +
			"assigned on (target type `" + idc.TargetTypeMember + "`), and the organization's management account (target type `" +
			idc.TargetTypeManager + "`), read separately because the service does not document whether its member list includes it. Reads `DescribeOrganizationMembers` (50 accounts per " +
			"call, its largest page) and `DescribeOrganization`. Accounts belong to the organization, not to a zone, so there is no `zone_id`.",
		Attributes: map[string]schema.Attribute{
			"search_key": schema.StringAttribute{
				MarkdownDescription: "Only member accounts that the service's `SearchKey` matches: a member account's name or UIN. " +
					"Default: every member account. The management account attributes do not depend on it.",
				Optional: true,
				Validators: []validator.String{adviseString(stringvalidator.LengthAtLeast(1),
					`Remove search_key to list every member account, or set it to an account's name or UIN`)},
			},
			"accounts": schema.ListNestedAttribute{
				MarkdownDescription: "The matching member accounts, in the service's order. An empty list when the organization has none, " +
					"or none matches.",
				Computed: true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"member_uin": schema.Int64Attribute{
							MarkdownDescription: "The account's UIN: the target of a deployment or role assignment on it.",
							Computed:            true,
						},
						"name":        computed("The account's name in the organization."),
						"member_type": computed("How the account joined: `Invite` (an existing account invited) or `Create` (created in the organization)."),
						"node_id": schema.Int64Attribute{
							MarkdownDescription: "ID of the organization department (node) the account is in.",
							Computed:            true,
						},
						"node_name":         computed("Name of the department the account is in."),
						"remark":            computed("Remark; empty when not set."),
						"org_policy_type":   computed("The account's relationship policy, for example `Financial`."),
						"org_policy_name":   computed("Display name of `org_policy_type`."),
						"permission_status": computed("Whether the member confirmed the permissions the organization holds: `Confirmed` or `UnConfirmed`."),
						"create_time":       computed("When the account joined the organization (RFC 3339, UTC); null when the service gives none."),
						"update_time":       computed("When the account's membership last changed (RFC 3339, UTC); null when the service gives none."),
					},
				},
			},
			"member_uins": schema.ListAttribute{
				MarkdownDescription: "The `member_uin` of each account in `accounts`, in the same order.",
				Computed:            true,
				ElementType:         types.Int64Type,
			},
			"names": schema.ListAttribute{
				MarkdownDescription: "The `name` of each account in `accounts`, in the same order.",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"total_count": schema.Int64Attribute{
				MarkdownDescription: "Number of accounts in `accounts`.",
				Computed:            true,
			},
			"management_account_uin": schema.Int64Attribute{
				MarkdownDescription: "UIN of the organization's management account (`DescribeOrganization`'s `HostUin`, the organization's " +
					"creator): the target of type `" + idc.TargetTypeManager + "`.",
				Computed: true,
			},
			"management_account_name": computed("Nickname of the management account (`DescribeOrganization`'s `NickName`)."),
		},
	}
}

func (d *memberAccountsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m memberAccountsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	org, err := d.data.client.DescribeOrganization(ctx, "", "")
	if err != nil {
		addAPIError(&resp.Diagnostics, "Read", "Management Account", "the organization", err)
		return
	}
	members, err := d.data.client.ListOrganizationMembers(ctx, idc.ListOrganizationMembersInput{SearchKey: m.SearchKey.ValueString()})
	if err != nil {
		addAPIError(&resp.Diagnostics, "Read", "Member Accounts", "the organization", err)
		return
	}

	objects := make([]attr.Value, 0, len(members))
	uins := make([]attr.Value, 0, len(members))
	names := make([]attr.Value, 0, len(members))
	for _, a := range members {
		obj, diags := types.ObjectValueFrom(ctx, memberAccountAttrTypes, memberAccountModel{
			MemberUIN:        types.Int64Value(a.MemberUin),
			Name:             types.StringValue(a.Name),
			MemberType:       types.StringValue(a.MemberType),
			NodeID:           types.Int64Value(a.NodeID),
			NodeName:         types.StringValue(a.NodeName),
			Remark:           types.StringValue(a.Remark),
			OrgPolicyType:    types.StringValue(a.OrgPolicyType),
			OrgPolicyName:    types.StringValue(a.OrgPolicyName),
			PermissionStatus: types.StringValue(a.PermissionStatus),
			CreateTime:       timeValue(a.CreateTime),
			UpdateTime:       timeValue(a.UpdateTime),
		})
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
		objects = append(objects, obj)
		uins = append(uins, types.Int64Value(a.MemberUin))
		names = append(names, types.StringValue(a.Name))
	}
	tflog.Debug(ctx, "listed member accounts", map[string]any{"count": len(members)})

	m.Accounts = types.ListValueMust(types.ObjectType{AttrTypes: memberAccountAttrTypes}, objects)
	m.MemberUINs = types.ListValueMust(types.Int64Type, uins)
	m.Names = types.ListValueMust(types.StringType, names)
	m.TotalCount = types.Int64Value(int64(len(members)))
	m.ManagementAccountUIN = types.Int64Value(org.HostUin)
	m.ManagementAccountName = types.StringValue(org.NickName)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
