package provider

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"maps"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

var (
	_ datasource.DataSource              = (*usersDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*usersDataSource)(nil)
)

// The values of UserType/GroupType in the API.
const (
	apiTypeManual       = "Manual"
	apiTypeSynchronized = "Synchronized"
)

// groupIDPattern and userIDPattern follow the documented prefixes (g-…, u-…); the length of
// the rest is not documented, so only its alphabet is checked.
var (
	groupIDPattern = regexp.MustCompile(`^g-[0-9A-Za-z]+$`)
	userIDPattern  = regexp.MustCompile(`^u-[0-9A-Za-z]+$`)
)

// NewUsersDataSource returns the tencentcloudidc_users data source.
func NewUsersDataSource() datasource.DataSource {
	return &usersDataSource{}
}

type usersDataSource struct {
	dataSourceBase
}

// usersConfigModel holds the arguments. The computed attributes are not read through the
// framework's reflection: Read builds them as tftypes values (see buildUserList).
type usersConfigModel struct {
	ZoneID     types.String `tfsdk:"zone_id"`
	UserType   types.String `tfsdk:"user_type"`
	UserStatus types.String `tfsdk:"user_status"`
	Filter     types.String `tfsdk:"filter"`
	GroupIDs   types.List   `tfsdk:"group_ids"`
}

func (d *usersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_users"
}

func (d *usersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(what string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: what, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The users of an Identity Center zone, optionally filtered: for example the users an identity provider pushed " +
			"over SCIM (`user_type = \"Synchronized\"`), for a drift job to compare with the IdP's assignments. All filters combine (AND). " +
			"Reads `ListUsers`, 100 users per call at the service's 20 calls per second, so 10 000 users take about 5 seconds. " +
			"With `group_ids` every user of the zone that matches the other filters is listed and only the groups' members are kept.",
		Attributes: map[string]schema.Attribute{
			"zone_id": zoneIDDataSourceAttribute(),
			"user_type": schema.StringAttribute{
				MarkdownDescription: "Only users of this type: `" + apiTypeSynchronized + "` (pushed by an identity provider over SCIM) or `" +
					apiTypeManual + "` (created in the console or the API). Default: both.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(apiTypeManual, apiTypeSynchronized)},
			},
			"user_status": schema.StringAttribute{
				MarkdownDescription: "Only users with this status: `" + idc.StatusEnabled + "` or `" + idc.StatusDisabled + "`. Default: both.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(idc.StatusEnabled, idc.StatusDisabled)},
			},
			"filter": schema.StringAttribute{
				MarkdownDescription: "Only users whose user name, email, user ID or description contains this text, ignoring case (the " +
					"service's `Filter`). It is plain text, not an expression: `ana.lima` matches `ana.lima@acme.example`. Text written " +
					"as a SCIM filter (`UserName eq ana.lima@acme.example`) is refused, since the service would look for it literally and " +
					"match nothing. Default: no text filter.",
				Optional: true,
				Validators: []validator.String{adviseString(stringvalidator.LengthAtLeast(1),
					`Remove filter to list every user, or set the text to look for, for example "alice"`), filterValidator{}},
			},
			"group_ids": schema.ListAttribute{
				MarkdownDescription: "Only members of at least one of these groups (group IDs, `g-…`). Every group must exist: an unknown ID is an " +
					"error rather than an empty result. Default: no group filter.",
				Optional:    true,
				ElementType: types.StringType,
				Validators: []validator.List{
					adviseList(listvalidator.SizeAtLeast(1), "Remove group_ids to list every user, members of a group or of none, or list at least one group ID (g-…)"),
					listvalidator.UniqueValues(),
					listvalidator.ValueStringsAre(stringvalidator.RegexMatches(groupIDPattern, "must be a group ID: g- followed by letters or digits")),
				},
			},
			"users": schema.ListNestedAttribute{
				MarkdownDescription: "The matching users, oldest first (creation order). An empty list when nothing matches. " +
					"Text fields the user does not have are empty strings.",
				Computed: true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"user_id":      computed("User ID (`u-…`)."),
						"user_name":    computed("User name, unique in the zone; for synchronized users the IdP's `userName` (often the email address)."),
						"first_name":   computed("Given name."),
						"last_name":    computed("Family name."),
						"display_name": computed("Display name."),
						"email":        computed("Email address, unique in the zone."),
						"description":  computed("Description."),
						"status":       computed("`" + idc.StatusEnabled + "` or `" + idc.StatusDisabled + "`; a disabled user cannot sign in."),
						"type":         computed("`" + apiTypeSynchronized + "` (pushed over SCIM; read-only while SCIM synchronization is on) or `" + apiTypeManual + "`."),
						"create_time":  computed("When the user was created (RFC 3339, UTC)."),
						"update_time":  computed("When the user was last changed (RFC 3339, UTC)."),
					},
				},
			},
			"ids": schema.ListAttribute{
				MarkdownDescription: "The `user_id` of each user in `users`, in the same order.",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"user_names": schema.ListAttribute{
				MarkdownDescription: "The `user_name` of each user in `users`, in the same order.",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"total_count": schema.Int64Attribute{
				MarkdownDescription: "Number of users in `users`.",
				Computed:            true,
			},
		},
	}
}

func (d *usersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	cfg, diags := readUsersConfig(ctx, req.Config)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	zone, diags := d.data.zone(ctx, cfg.ZoneID)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	in := idc.ListUsersInput{
		ZoneID:     zone,
		UserType:   cfg.UserType.ValueString(),
		UserStatus: cfg.UserStatus.ValueString(),
		Filter:     cfg.Filter.ValueString(),
	}
	resp.Diagnostics.Append(cfg.GroupIDs.ElementsAs(ctx, &in.FilterGroups, false)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// ListUsers ignores group IDs that do not exist (nobody is their member), which would turn a
	// typo into an empty list that looks like drift; check them first.
	if !d.checkGroupsExist(ctx, &resp.Diagnostics, cfg.ZoneID, zone, in.FilterGroups) {
		return
	}

	stateType, userType, err := stateAndElementTypes(ctx, req.Config.Schema.Type(), "users")
	if err != nil {
		addUsersInternalError(&resp.Diagnostics, err)
		return
	}
	onlySelected := len(in.FilterGroups) > 0
	if sink := usersStateSinkFrom(ctx); sink != nil {
		d.readEncoded(ctx, resp, sink, req.Config.Raw, stateType, userType, cfg.ZoneID, in, onlySelected)
		return
	}
	list, err := buildUserList(d.data.client.Users(ctx, in), userType, onlySelected)
	if err != nil {
		addDataSourceReadError(&resp.Diagnostics, cfg.ZoneID, "Users", zone, err)
		return
	}
	tflog.Debug(ctx, "listed users", map[string]any{"zone_id": zone, "count": list.count})
	state, err := dataSourceState(req.Config.Raw, stateType, map[string]tftypes.Value{
		"zone_id":     tftypes.NewValue(tftypes.String, zone),
		"users":       list.users,
		"ids":         list.ids,
		"user_names":  list.names,
		"total_count": tftypes.NewValue(tftypes.Number, list.count),
	})
	if err != nil {
		addUsersInternalError(&resp.Diagnostics, err)
		return
	}
	resp.State.Raw = state
}

// readEncoded is Read when the provider runs behind newProtocol6Server: the users are encoded
// page by page into the state's wire form (msgpack) while the next page is awaited, and the
// framework gets a stand-in state whose lists are empty, which the server wrapper swaps for the
// encoded one. Each user then costs the ~300 bytes of its encoding instead of the two tftypes
// copies and the framework values the framework's own path keeps alive at once (over 500 MB
// at 50 000 users), and nothing is left to convert after the last page.
func (d *usersDataSource) readEncoded(ctx context.Context, resp *datasource.ReadResponse, sink *usersStateSink, config tftypes.Value,
	stateType, userType tftypes.Object, configuredZone types.String, in idc.ListUsersInput, onlySelected bool) {
	enc, err := newUserListEncoder(userType)
	if err != nil {
		addUsersInternalError(&resp.Diagnostics, err)
		return
	}
	for u, err := range d.data.client.Users(ctx, in) {
		if err != nil {
			addDataSourceReadError(&resp.Diagnostics, configuredZone, "Users", in.ZoneID, err)
			return
		}
		if onlySelected && !u.IsSelected {
			continue
		}
		if err := enc.add(&u); err != nil {
			addUsersInternalError(&resp.Diagnostics, err)
			return
		}
	}
	tflog.Debug(ctx, "listed users", map[string]any{"zone_id": in.ZoneID, "count": enc.count, "encoded_bytes": enc.size()})

	fixed, err := dataSourceState(config, stateType, map[string]tftypes.Value{
		"zone_id":     tftypes.NewValue(tftypes.String, in.ZoneID),
		"users":       tftypes.NewValue(stateType.AttributeTypes["users"], []tftypes.Value{}),
		"ids":         tftypes.NewValue(stateType.AttributeTypes["ids"], []tftypes.Value{}),
		"user_names":  tftypes.NewValue(stateType.AttributeTypes["user_names"], []tftypes.Value{}),
		"total_count": tftypes.NewValue(tftypes.Number, enc.count),
	})
	if err != nil {
		addUsersInternalError(&resp.Diagnostics, err)
		return
	}
	encoded, err := enc.state(stateType, fixed)
	if err != nil {
		addUsersInternalError(&resp.Diagnostics, err)
		return
	}
	sink.msgpack = encoded
	resp.State.Raw = fixed
}

func addUsersInternalError(diags *diag.Diagnostics, err error) {
	diags.AddError("Unable to Read Users", "Internal error: "+err.Error()+". Please report this issue to the provider developers.")
}

// readUsersConfig reads the arguments one by one: Config.Get would need a struct with every
// attribute, the computed lists included.
func readUsersConfig(ctx context.Context, config tfsdk.Config) (usersConfigModel, diag.Diagnostics) {
	var m usersConfigModel
	var diags diag.Diagnostics
	diags.Append(config.GetAttribute(ctx, path.Root("zone_id"), &m.ZoneID)...)
	diags.Append(config.GetAttribute(ctx, path.Root("user_type"), &m.UserType)...)
	diags.Append(config.GetAttribute(ctx, path.Root("user_status"), &m.UserStatus)...)
	diags.Append(config.GetAttribute(ctx, path.Root("filter"), &m.Filter)...)
	diags.Append(config.GetAttribute(ctx, path.Root("group_ids"), &m.GroupIDs)...)
	return m, diags
}

// checkGroupsExist reports each group ID that is not a group of the zone, on its element of
// group_ids.
func (d *usersDataSource) checkGroupsExist(ctx context.Context, diags *diag.Diagnostics, configuredZone types.String, zone string, groupIDs []string) bool {
	for i, id := range groupIDs {
		_, err := d.data.client.GetGroup(ctx, zone, id)
		switch {
		case err == nil:
		case errors.Is(err, idc.ErrNotFound) && !isZoneNotFound(err):
			diags.AddAttributeError(path.Root("group_ids").AtListIndex(i), "Group Not Found",
				fmt.Sprintf("Group %s does not exist in zone %s, so it has no members to list. Check the ID (group IDs are in the "+
					"Identity Center console's group list, or in data.tencentcloudidc_groups), or remove it from group_ids.", id, zone))
		default:
			addDataSourceReadError(diags, configuredZone, "Users", zone, err)
			return false
		}
	}
	return !diags.HasError()
}

func isZoneNotFound(err error) bool { return errors.Is(err, idc.ErrZoneNotFound) }

// userField is one attribute of an element of users.
type userField struct {
	name string
	// value returns the attribute's value; ok false means null.
	value func(u *idc.User) (v string, ok bool)
}

func present(s string) (string, bool) { return s, true }

// userFields are the attributes of an element of users, sorted by name as the wire form wants
// them. Text the user does not have is "" (not null); only the times can be null.
var userFields = []userField{
	{"create_time", func(u *idc.User) (string, bool) { return rfc3339(u.CreateTime) }},
	{"description", func(u *idc.User) (string, bool) { return present(u.Description) }},
	{"display_name", func(u *idc.User) (string, bool) { return present(u.DisplayName) }},
	{"email", func(u *idc.User) (string, bool) { return present(u.Email) }},
	{"first_name", func(u *idc.User) (string, bool) { return present(u.FirstName) }},
	{"last_name", func(u *idc.User) (string, bool) { return present(u.LastName) }},
	{"status", func(u *idc.User) (string, bool) { return present(idc.Status(u.Enabled)) }},
	{"type", func(u *idc.User) (string, bool) { return present(u.UserType) }},
	{"update_time", func(u *idc.User) (string, bool) { return rfc3339(u.UpdateTime) }},
	{"user_id", func(u *idc.User) (string, bool) { return present(u.UserID) }},
	{"user_name", func(u *idc.User) (string, bool) { return present(u.UserName) }},
}

// checkUserFields makes sure userFields describes exactly the element type of the schema.
func checkUserFields(elem tftypes.Object) error {
	if len(elem.AttributeTypes) != len(userFields) {
		return fmt.Errorf("the schema's user object has %d attributes, the encoder knows %d", len(elem.AttributeTypes), len(userFields))
	}
	for i, f := range userFields {
		if i > 0 && userFields[i-1].name >= f.name {
			return fmt.Errorf("user fields are not sorted at %s", f.name)
		}
		if t, ok := elem.AttributeTypes[f.name]; !ok || !t.Is(tftypes.String) {
			return fmt.Errorf("the schema's user object has no string attribute %s", f.name)
		}
	}
	return nil
}

// userList is the computed part of the users data source, as tftypes values.
type userList struct {
	users, ids, names tftypes.Value
	count             int
}

// buildUserList drains the ListUsers pages into tftypes values, for the framework's own path
// (a server without newProtocol6Server's wrapper). It skips reflection on model structs, but the
// framework still copies and converts the result, so large zones belong on the encoded path.
// With onlySelected, users that ListUsers did not mark IsSelected (in no FilterGroups group) are
// skipped.
func buildUserList(seq iter.Seq2[idc.User, error], elem tftypes.Object, onlySelected bool) (userList, error) {
	if err := checkUserFields(elem); err != nil {
		return userList{}, err
	}
	var users, ids, names []tftypes.Value
	for u, err := range seq {
		if err != nil {
			return userList{}, err
		}
		if onlySelected && !u.IsSelected {
			continue
		}
		attrs := make(map[string]tftypes.Value, len(userFields))
		for _, f := range userFields {
			if v, ok := f.value(&u); ok {
				attrs[f.name] = tftypes.NewValue(tftypes.String, v)
			} else {
				attrs[f.name] = tftypes.NewValue(tftypes.String, nil)
			}
		}
		users = append(users, tftypes.NewValue(elem, attrs))
		ids = append(ids, attrs["user_id"])
		names = append(names, attrs["user_name"])
	}
	strList := tftypes.List{ElementType: tftypes.String}
	return userList{
		// A nil slice would be a null list; "nothing matched" is an empty one.
		users: tftypes.NewValue(tftypes.List{ElementType: elem}, nonNil(users)),
		ids:   tftypes.NewValue(strList, nonNil(ids)),
		names: tftypes.NewValue(strList, nonNil(names)),
		count: len(users),
	}, nil
}

func nonNil(v []tftypes.Value) []tftypes.Value {
	if v == nil {
		return []tftypes.Value{}
	}
	return v
}

// stateAndElementTypes returns the Terraform type of a data source and the object type of the
// elements of its list attribute list.
func stateAndElementTypes(ctx context.Context, s attr.Type, list string) (tftypes.Object, tftypes.Object, error) {
	state, ok := s.TerraformType(ctx).(tftypes.Object)
	if !ok {
		return tftypes.Object{}, tftypes.Object{}, fmt.Errorf("the schema's type is %s, not an object", s)
	}
	l, ok := state.AttributeTypes[list].(tftypes.List)
	if !ok {
		return tftypes.Object{}, tftypes.Object{}, fmt.Errorf("attribute %s is not a list", list)
	}
	elem, ok := l.ElementType.(tftypes.Object)
	if !ok {
		return tftypes.Object{}, tftypes.Object{}, fmt.Errorf("the elements of %s are not objects", list)
	}
	return state, elem, nil
}

// dataSourceState is the configuration with the computed attributes filled in: what a data
// source's Read stores.
func dataSourceState(config tftypes.Value, typ tftypes.Object, computed map[string]tftypes.Value) (tftypes.Value, error) {
	var configured map[string]tftypes.Value
	if err := config.As(&configured); err != nil {
		return tftypes.Value{}, fmt.Errorf("reading the configuration: %w", err)
	}
	// As hands out the configuration's own map: write into a new one, or the framework's
	// copy of the configuration would change too.
	attrs := maps.Clone(configured)
	maps.Copy(attrs, computed)
	if err := tftypes.ValidateValue(typ, attrs); err != nil {
		return tftypes.Value{}, fmt.Errorf("building the state: %w", err)
	}
	return tftypes.NewValue(typ, attrs), nil
}
