package provider

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

var (
	_ datasource.DataSource                     = (*userDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*userDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*userDataSource)(nil)
)

// NewUserDataSource returns the tencentcloudidc_user data source.
func NewUserDataSource() datasource.DataSource {
	return &userDataSource{}
}

type userDataSource struct {
	dataSourceBase
}

type userDataSourceModel struct {
	ZoneID            types.String `tfsdk:"zone_id"`
	UserID            types.String `tfsdk:"user_id"`
	UserName          types.String `tfsdk:"user_name"`
	Email             types.String `tfsdk:"email"`
	FirstName         types.String `tfsdk:"first_name"`
	LastName          types.String `tfsdk:"last_name"`
	DisplayName       types.String `tfsdk:"display_name"`
	Description       types.String `tfsdk:"description"`
	Status            types.String `tfsdk:"status"`
	Type              types.String `tfsdk:"type"`
	NeedResetPassword types.Bool   `tfsdk:"need_reset_password"`
	CreateTime        types.String `tfsdk:"create_time"`
	UpdateTime        types.String `tfsdk:"update_time"`
}

var (
	pathUserID   = path.Root("user_id")
	pathUserName = path.Root("user_name")
	pathEmail    = path.Root("email")
)

func (d *userDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user"
}

func (d *userDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(what string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: what, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One user of an Identity Center zone, looked up by exactly one of `user_id`, `user_name` or `email`: for example " +
			"to check that the IdP pushed someone over SCIM, or to find the ID of a user to assign. A lookup that matches no user, or " +
			"several, is an error. `user_id` reads `GetUser`; `user_name` and `email` search with `ListUsers` and then keep the exact " +
			"match, ignoring case.",
		Attributes: map[string]schema.Attribute{
			"zone_id": zoneIDDataSourceAttribute(),
			"user_id": schema.StringAttribute{
				MarkdownDescription: "User ID (`u-` and letters or digits). Set this, `user_name` or `email`.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.RegexMatches(userIDPattern, "must be a user ID: u- followed by letters or digits")},
			},
			"user_name": schema.StringAttribute{
				MarkdownDescription: "User name, unique in the zone and compared ignoring case; for synchronized users the IdP's `userName`. " +
					"Set this, `user_id` or `email`.",
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{stringvalidator.LengthBetween(1, 64)},
			},
			"email": schema.StringAttribute{
				MarkdownDescription: "Email address, unique in the zone and compared ignoring case. Set this, `user_id` or `user_name`.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 128)},
			},
			"first_name":   computed("Given name; empty when not set."),
			"last_name":    computed("Family name; empty when not set."),
			"display_name": computed("Display name; empty when not set."),
			"description":  computed("Description; empty when not set."),
			"status":       computed("`" + idc.StatusEnabled + "` or `" + idc.StatusDisabled + "`; a disabled user cannot sign in."),
			"type":         computed("`" + apiTypeSynchronized + "` (pushed by an identity provider over SCIM; read-only while SCIM synchronization is on) or `" + apiTypeManual + "`."),
			"need_reset_password": schema.BoolAttribute{
				MarkdownDescription: "Whether the user must set a new password at the next console sign-in.",
				Computed:            true,
			},
			"create_time": computed("When the user was created (RFC 3339, UTC)."),
			"update_time": computed("When the user was last changed (RFC 3339, UTC)."),
		},
	}
}

func (d *userDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("user_id"), path.MatchRoot("user_name"), path.MatchRoot("email")),
	}
}

func (d *userDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m userDataSourceModel
	zone, ok := d.readConfig(ctx, req.Config, &m, &resp.Diagnostics)
	if !ok {
		return
	}

	var u *idc.User
	switch {
	case !m.UserID.IsNull():
		u = d.byID(ctx, &resp.Diagnostics, m.ZoneID, zone, m.UserID.ValueString())
	case !m.UserName.IsNull():
		u = d.search(ctx, &resp.Diagnostics, m.ZoneID, zone, userNameKey, m.UserName.ValueString())
	default:
		u = d.search(ctx, &resp.Diagnostics, m.ZoneID, zone, emailKey, m.Email.ValueString())
	}
	if u == nil {
		return
	}
	m.ZoneID = types.StringValue(zone)
	m.UserID = types.StringValue(u.UserID)
	m.UserName = types.StringValue(u.UserName)
	m.Email = types.StringValue(u.Email)
	m.FirstName = types.StringValue(u.FirstName)
	m.LastName = types.StringValue(u.LastName)
	m.DisplayName = types.StringValue(u.DisplayName)
	m.Description = types.StringValue(u.Description)
	m.Status = types.StringValue(idc.Status(u.Enabled))
	m.Type = types.StringValue(u.UserType)
	m.NeedResetPassword = types.BoolValue(u.NeedResetPassword)
	m.CreateTime = timeValue(u.CreateTime)
	m.UpdateTime = timeValue(u.UpdateTime)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (d *userDataSource) byID(ctx context.Context, diags *diag.Diagnostics, configuredZone types.String, zone, id string) *idc.User {
	u, err := d.data.client.GetUser(ctx, zone, id)
	switch {
	case err == nil:
		return u
	case errors.Is(err, idc.ErrNotFound) && !isZoneNotFound(err):
		diags.AddAttributeError(pathUserID, "User Not Found",
			fmt.Sprintf("Zone %s has no user %s. Check the ID (it is on the user's page in the Identity Center console, or in "+
				"data.tencentcloudidc_users), or look the user up by user_name or email.", zone, id))
	default:
		addDataSourceReadError(diags, configuredZone, "User", zone, err)
	}
	return nil
}

// userKey is a field users are looked up by through ListUsers' text search.
type userKey struct {
	path   path.Path
	what   string
	field  func(*idc.User) string
	others string // the other lookup attributes, for the advice
}

var (
	userNameKey = userKey{path: pathUserName, what: "user name", field: func(u *idc.User) string { return u.UserName }, others: "user_id or email"}
	emailKey    = userKey{path: pathEmail, what: "email", field: func(u *idc.User) string { return u.Email }, others: "user_id or user_name"}
)

// search finds the one user whose field equals want, ignoring case. ListUsers' Filter is a
// substring search over several fields, so its matches are only candidates.
func (d *userDataSource) search(ctx context.Context, diags *diag.Diagnostics, configuredZone types.String, zone string, key userKey, want string) *idc.User {
	found, candidates, err := exactMatches(d.data.client.Users(ctx, idc.ListUsersInput{ZoneID: zone, Filter: want}), key, want)
	if err != nil {
		addDataSourceReadError(diags, configuredZone, "User", zone, err)
		return nil
	}
	if len(found) == 1 {
		return &found[0]
	}
	addLookupError(diags, zone, key, want, found, candidates)
	return nil
}

// exactMatches drains the search results and keeps the users whose field is want, ignoring
// case; candidates counts every result.
func exactMatches(seq iter.Seq2[idc.User, error], key userKey, want string) (found []idc.User, candidates int, err error) {
	for u, err := range seq {
		if err != nil {
			return nil, 0, err
		}
		candidates++
		if strings.EqualFold(key.field(&u), want) {
			found = append(found, u)
		}
	}
	return found, candidates, nil
}

// addLookupError explains a lookup that did not find exactly one user: how many matched, and
// which other keys to use.
func addLookupError(diags *diag.Diagnostics, zone string, key userKey, want string, found []idc.User, candidates int) {
	if len(found) == 0 {
		diags.AddAttributeError(key.path, "User Not Found",
			fmt.Sprintf("No user of zone %s has the %s %q (0 users match; the service's text search found %d containing it, none exactly). "+
				"Check the spelling, wait for the identity provider's next SCIM push if the user is new, or look the user up by %s.",
				zone, key.what, want, candidates, key.others))
		return
	}
	ids := make([]string, len(found))
	for i, u := range found {
		ids[i] = fmt.Sprintf("%s (%s)", u.UserID, key.field(&u))
	}
	diags.AddAttributeError(key.path, "Ambiguous User Lookup",
		fmt.Sprintf("%d users of zone %s have the %s %q when case is ignored: %s. Look the user up by %s instead.",
			len(found), zone, key.what, want, strings.Join(ids, ", "), key.others))
}
