package provider

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

// Environment variables the provider reads. The TENCENTCLOUD_* names are the official
// tencentcloud provider's, so existing environments keep working.
const (
	envSecretID             = "TENCENTCLOUD_SECRET_ID"
	envSecretKey            = "TENCENTCLOUD_SECRET_KEY"
	envSecurityToken        = "TENCENTCLOUD_SECURITY_TOKEN"
	envRegion               = "TENCENTCLOUD_REGION"
	envProtocol             = "TENCENTCLOUD_PROTOCOL"
	envDomain               = "TENCENTCLOUD_DOMAIN"
	envProfile              = "TENCENTCLOUD_PROFILE"
	envSharedCredentialsDir = "TENCENTCLOUD_SHARED_CREDENTIALS_DIR"
	envAssumeRoleARN        = "TENCENTCLOUD_ASSUME_ROLE_ARN"
	envAssumeRoleSession    = "TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME"
	envAssumeRoleDuration   = "TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION"
	envAssumeRolePolicy     = "TENCENTCLOUD_ASSUME_ROLE_POLICY"
	envAssumeRoleExternalID = "TENCENTCLOUD_ASSUME_ROLE_EXTERNAL_ID"
	envEndpoint             = "TENCENTCLOUDIDC_ENDPOINT"
	envSCIMEndpoint         = "TENCENTCLOUDIDC_SCIM_ENDPOINT"
	envZoneID               = "TENCENTCLOUDIDC_ZONE_ID"
)

const (
	chinaSCIMEndpoint     = "https://scim.tencentcloudsso.com/scim/v2"
	internationalSCIMURL  = "https://scim.tencentcloudssointl.com/scim/v2"
	siteChina             = "china"
	siteInternational     = "international"
	defaultAssumeDuration = 7200
)

var zoneIDPattern = regexp.MustCompile(`^z-[a-z0-9]{12}$`)

var (
	_ provider.Provider              = (*tencentcloudidcProvider)(nil)
	_ provider.ProviderWithFunctions = (*tencentcloudidcProvider)(nil)
)

// New returns the provider factory; version is "dev" in local builds and the release
// version otherwise.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &tencentcloudidcProvider{version: version}
	}
}

type tencentcloudidcProvider struct {
	version string
}

type providerModel struct {
	SecretID             types.String `tfsdk:"secret_id"`
	SecretKey            types.String `tfsdk:"secret_key"`
	SecurityToken        types.String `tfsdk:"security_token"`
	Region               types.String `tfsdk:"region"`
	Protocol             types.String `tfsdk:"protocol"`
	Domain               types.String `tfsdk:"domain"`
	Profile              types.String `tfsdk:"profile"`
	SharedCredentialsDir types.String `tfsdk:"shared_credentials_dir"`
	AssumeRole           types.List   `tfsdk:"assume_role"` //< assumeRoleModel
	Endpoint             types.String `tfsdk:"endpoint"`
	SCIMEndpoint         types.String `tfsdk:"scim_endpoint"`
	ZoneID               types.String `tfsdk:"zone_id"`
}

type assumeRoleModel struct {
	RoleARN         types.String `tfsdk:"role_arn"`
	SessionName     types.String `tfsdk:"session_name"`
	SessionDuration types.Int64  `tfsdk:"session_duration"`
	Policy          types.String `tfsdk:"policy"`
	ExternalID      types.String `tfsdk:"external_id"`
}

func (p *tencentcloudidcProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "tencentcloudidc"
	resp.Version = p.version
}

func (p *tencentcloudidcProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages Tencent Cloud Organization **Identity Center** SCIM user provisioning and SAML single sign-on. " +
			"Settings follow the official `tencentcloud` provider's names and environment variables.",
		Attributes: map[string]schema.Attribute{
			"secret_id": schema.StringAttribute{
				MarkdownDescription: "API key ID. Falls back to `" + envSecretID + "`, then to the tccli profile (`profile`).",
				Optional:            true,
			},
			"secret_key": schema.StringAttribute{
				MarkdownDescription: "API key secret. Falls back to `" + envSecretKey + "`. Never logged.",
				Optional:            true,
				Sensitive:           true,
			},
			"security_token": schema.StringAttribute{
				MarkdownDescription: "Session token of temporary (STS) credentials. Falls back to `" + envSecurityToken + "`. Never logged.",
				Optional:            true,
				Sensitive:           true,
			},
			"region": schema.StringAttribute{
				MarkdownDescription: "Region sent with each request. The Organization API is global and ignores it; accepted for compatibility. Falls back to `" + envRegion + "`.",
				Optional:            true,
			},
			"protocol": schema.StringAttribute{
				MarkdownDescription: "`HTTPS` (default) or `HTTP`. Plain `HTTP` is refused unless the API host is a loopback address (a local simulator). Falls back to `" + envProtocol + "`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOfCaseInsensitive(idc.ProtocolHTTPS, idc.ProtocolHTTP)},
			},
			"domain": schema.StringAttribute{
				MarkdownDescription: "Root domain of the API, default `" + idc.DefaultDomain + "` (China site). Set `" + idc.InternationalDomain + "` for the international site; " +
					"this also selects the international SCIM endpoint. Falls back to `" + envDomain + "`.",
				Optional: true,
			},
			"profile": schema.StringAttribute{
				MarkdownDescription: "tccli profile to read credentials from (`<shared_credentials_dir>/<profile>.credential`) when no key pair is set. Default `default`. Falls back to `" + envProfile + "`.",
				Optional:            true,
			},
			"shared_credentials_dir": schema.StringAttribute{
				MarkdownDescription: "Directory of tccli credential files, default `~/.tccli`. Falls back to `" + envSharedCredentialsDir + "`.",
				Optional:            true,
			},
			"endpoint": schema.StringAttribute{
				MarkdownDescription: "`host[:port]` of the Organization API, overriding `domain`, for a private endpoint or the `tencentcloudidc-sim` simulator. Falls back to `" + envEndpoint + "`.",
				Optional:            true,
				Validators: []validator.String{stringvalidator.RegexMatches(regexp.MustCompile(`^[^/\s:]+(:[0-9]{1,5})?$`),
					"must be host[:port] with no scheme or path, for example 127.0.0.1:8089")},
			},
			"scim_endpoint": schema.StringAttribute{
				MarkdownDescription: "SCIM base URL reported by `tencentcloudidc_scim_endpoint`. Default `" + chinaSCIMEndpoint + "`, or `" + internationalSCIMURL +
					"` on the international site. Falls back to `" + envSCIMEndpoint + "`.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.RegexMatches(regexp.MustCompile(`^https?://\S+$`), "must be an http(s) URL with its scheme, for example https://scim.tencentcloudsso.com/scim/v2")},
			},
			"zone_id": schema.StringAttribute{
				MarkdownDescription: "Default Identity Center zone (`z-` and 12 lowercase letters or digits) for every resource and data source that does not set its own. " +
					"When absent it is discovered once with `DescribeIdentityCenter` (an organization has exactly one zone). Falls back to `" + envZoneID + "`.",
				Optional:   true,
				Validators: []validator.String{zoneIDValidator()},
			},
		},
		Blocks: map[string]schema.Block{
			"assume_role": schema.ListNestedBlock{
				MarkdownDescription: "Assume a CAM role through STS `AssumeRole` with the configured credentials, and call the API with the role's temporary credentials. " +
					"Each field falls back to its `TENCENTCLOUD_ASSUME_ROLE_*` variable.",
				Validators: []validator.List{adviseList(listvalidator.SizeAtMost(1),
					"Configure a single assume_role block: the provider assumes one role")},
				NestedObject: schema.NestedBlockObject{
					Attributes: map[string]schema.Attribute{
						"role_arn": schema.StringAttribute{
							MarkdownDescription: "ARN of the role to assume, for example `qcs::cam::uin/100000000001:roleName/terraform`. Falls back to `" + envAssumeRoleARN + "`.",
							Optional:            true,
						},
						"session_name": schema.StringAttribute{
							MarkdownDescription: "Role session name. Falls back to `" + envAssumeRoleSession + "`.",
							Optional:            true,
						},
						"session_duration": schema.Int64Attribute{
							MarkdownDescription: "Lifetime of the temporary credentials in seconds, 1 to 43200, default 7200. Falls back to `" + envAssumeRoleDuration + "`.",
							Optional:            true,
							Validators: []validator.Int64{adviseInt64(int64validator.Between(1, 43200),
								"session_duration is in seconds: 43200 is 12 hours, the longest session STS grants")},
						},
						"policy": schema.StringAttribute{
							MarkdownDescription: "Policy JSON that further restricts the session. Falls back to `" + envAssumeRolePolicy + "`.",
							Optional:            true,
						},
						"external_id": schema.StringAttribute{
							MarkdownDescription: "External ID the role's trust policy requires. Falls back to `" + envAssumeRoleExternalID + "`.",
							Optional:            true,
						},
					},
				},
			},
		},
	}
}

func (p *tencentcloudidcProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}

	checkSettingsKnown(cfg, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	conf := idc.Config{
		SecretID:             stringOrEnv(cfg.SecretID, envSecretID),
		SecretKey:            stringOrEnv(cfg.SecretKey, envSecretKey),
		SecurityToken:        stringOrEnv(cfg.SecurityToken, envSecurityToken),
		Region:               stringOrEnv(cfg.Region, envRegion),
		Protocol:             strings.ToUpper(stringOrEnv(cfg.Protocol, envProtocol)),
		Domain:               stringOrEnv(cfg.Domain, envDomain),
		Profile:              stringOrEnv(cfg.Profile, envProfile),
		SharedCredentialsDir: stringOrEnv(cfg.SharedCredentialsDir, envSharedCredentialsDir),
		Endpoint:             stringOrEnv(cfg.Endpoint, envEndpoint),
		UserAgent:            "terraform-provider-tencentcloudidc " + p.version,
	}
	// Keep secrets out of every log line written with this context, whatever TF_LOG says.
	ctx = tflog.MaskAllFieldValuesStrings(ctx, nonEmpty(conf.SecretKey, conf.SecurityToken)...)
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, "secret_key", "security_token")

	assume, diags := assumeRoleConfig(ctx, cfg.AssumeRole)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	conf.AssumeRole = assume

	zoneID := stringOrEnv(cfg.ZoneID, envZoneID)
	if zoneID != "" && !zoneIDPattern.MatchString(zoneID) {
		resp.Diagnostics.AddAttributeError(path.Root("zone_id"), "Invalid Zone ID",
			fmt.Sprintf("The zone ID %q (from zone_id or %s) is not `z-` followed by 12 lowercase letters or digits. "+
				"Copy the zone ID from the Identity Center console, or remove it to discover the zone.", zoneID, envZoneID))
		return
	}

	site := siteChina
	scimURL := chinaSCIMEndpoint
	if strings.EqualFold(conf.Domain, idc.InternationalDomain) {
		site = siteInternational
		scimURL = internationalSCIMURL
	}
	if v := stringOrEnv(cfg.SCIMEndpoint, envSCIMEndpoint); v != "" {
		scimURL = strings.TrimSuffix(v, "/")
	}

	tflog.Debug(ctx, "configuring Identity Center client", map[string]any{
		"endpoint": conf.Endpoint, "domain": conf.Domain, "protocol": conf.Protocol,
		"static_key": conf.SecretID != "", "assume_role": conf.AssumeRole != nil, "zone_id": zoneID,
	})
	settings := configSettings(cfg)
	resp.Diagnostics.Append(checkKeyPair(settings)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client, err := idc.New(ctx, conf)
	if err != nil {
		addConfigureError(&resp.Diagnostics, settings, conf, err)
		return
	}

	data := &providerData{
		client:       client,
		zoneID:       zoneID,
		scimEndpoint: scimURL,
		site:         site,
	}
	resp.DataSourceData = data
	resp.ResourceData = data
}

// assumeRoleConfig merges the assume_role block with its environment variables. Env vars
// alone (with no block) are enough, as in the official provider.
func assumeRoleConfig(ctx context.Context, list types.List) (*idc.AssumeRoleConfig, diag.Diagnostics) {
	var diags diag.Diagnostics
	var m assumeRoleModel
	if !list.IsNull() && !list.IsUnknown() && len(list.Elements()) == 1 {
		var items []assumeRoleModel
		diags.Append(list.ElementsAs(ctx, &items, false)...)
		if diags.HasError() {
			return nil, diags
		}
		m = items[0]
	}
	arn := stringOrEnv(m.RoleARN, envAssumeRoleARN)
	if arn == "" {
		if !list.IsNull() && len(list.Elements()) == 1 {
			diags.AddAttributeError(path.Root("assume_role").AtListIndex(0).AtName("role_arn"), "Missing Role ARN",
				"The assume_role block needs role_arn (or "+envAssumeRoleARN+"): the ARN of the CAM role to assume.")
		}
		return nil, diags
	}
	conf := &idc.AssumeRoleConfig{
		RoleARN:     arn,
		SessionName: stringOrEnv(m.SessionName, envAssumeRoleSession),
		Policy:      stringOrEnv(m.Policy, envAssumeRolePolicy),
		ExternalID:  stringOrEnv(m.ExternalID, envAssumeRoleExternalID),
	}
	if conf.SessionName == "" {
		diags.AddAttributeError(path.Root("assume_role"), "Missing Role Session Name",
			"Assuming role "+arn+" needs a session_name (or "+envAssumeRoleSession+"), for example \"terraform\".")
		return nil, diags
	}
	seconds := int64(defaultAssumeDuration)
	switch {
	case !m.SessionDuration.IsNull() && !m.SessionDuration.IsUnknown():
		seconds = m.SessionDuration.ValueInt64()
	case os.Getenv(envAssumeRoleDuration) != "":
		v, err := strconv.ParseInt(os.Getenv(envAssumeRoleDuration), 10, 64)
		if err != nil || v < 1 || v > 43200 {
			diags.AddAttributeError(path.Root("assume_role"), "Invalid Session Duration",
				envAssumeRoleDuration+" must be a whole number of seconds between 1 and 43200.")
			return nil, diags
		}
		seconds = v
	}
	conf.SessionDuration = time.Duration(seconds) * time.Second
	return conf, diags
}

func (p *tencentcloudidcProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewSCIMSynchronizationResource,
		NewSCIMCredentialResource,
		NewSAMLIdentityProviderResource,
		NewRoleConfigurationResource,
		NewRoleAssignmentResource,
		NewRoleAssignmentsExclusiveResource,
	}
}

func (p *tencentcloudidcProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewZoneDataSource,
		NewSCIMEndpointDataSource,
		NewSAMLServiceProviderDataSource,
		NewUsersDataSource,
		NewUserDataSource,
		NewGroupsDataSource,
		NewGroupDataSource,
		NewMemberAccountsDataSource,
		NewRoleConfigurationsDataSource,
		NewRoleAssignmentsDataSource,
		NewSCIMCredentialsDataSource,
	}
}

func (p *tencentcloudidcProvider) Functions(_ context.Context) []func() function.Function {
	return []func() function.Function{
		NewSAMLMetadataFunction,
	}
}

// stringOrEnv returns the configured value, else the environment variable.
func stringOrEnv(v types.String, env string) string {
	if !v.IsNull() && !v.IsUnknown() && v.ValueString() != "" {
		return v.ValueString()
	}
	return os.Getenv(env)
}

func nonEmpty(values ...string) []string {
	out := make([]string, 0, len(values))
	for _, v := range values {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

// setting is one provider argument and its environment variable, for messages that say where
// a value came from.
type setting struct {
	attr, env string
	value     types.String
}

// inConfig reports whether the provider block sets the argument (perhaps to "").
func (s setting) inConfig() bool { return !s.value.IsNull() && !s.value.IsUnknown() }

// from says where the value came from: "secret_id in the provider block", "the environment
// variable TENCENTCLOUD_SECRET_ID", or "" when it is not set.
func (s setting) from() string {
	switch {
	case s.inConfig() && s.value.ValueString() != "":
		return s.attr + " in the provider block"
	case os.Getenv(s.env) != "":
		return "the environment variable " + s.env
	}
	return ""
}

func configSettings(cfg providerModel) map[string]setting {
	out := map[string]setting{}
	for _, s := range []setting{
		{"secret_id", envSecretID, cfg.SecretID}, {"secret_key", envSecretKey, cfg.SecretKey},
		{"protocol", envProtocol, cfg.Protocol}, {"endpoint", envEndpoint, cfg.Endpoint},
		{"domain", envDomain, cfg.Domain}, {"profile", envProfile, cfg.Profile},
		{"shared_credentials_dir", envSharedCredentialsDir, cfg.SharedCredentialsDir},
	} {
		out[s.attr] = s
	}
	return out
}

// addSettingError attaches a configuration error to the argument at fault when the provider
// block sets it, so the CLI quotes that line; a value from the environment has no line.
func addSettingError(diags *diag.Diagnostics, s setting, summary, detail string) {
	if s.attr != "" && s.inConfig() {
		diags.AddAttributeError(path.Root(s.attr), summary, detail)
		return
	}
	diags.AddError(summary, detail)
}

// checkKeyPair refuses half an API key pair, saying where the half that is there came from.
func checkKeyPair(settings map[string]setting) diag.Diagnostics {
	var diags diag.Diagnostics
	id, key := settings["secret_id"], settings["secret_key"]
	idFrom, keyFrom := id.from(), key.from()
	var have, missing setting
	var haveFrom string
	switch {
	case idFrom != "" && keyFrom == "":
		have, missing, haveFrom = id, key, idFrom
	case keyFrom != "" && idFrom == "":
		have, missing, haveFrom = key, id, keyFrom
	default:
		return diags
	}
	human := map[string]string{"secret_id": "secret ID", "secret_key": "secret key"}
	detail := fmt.Sprintf("The %s is set (by %s), but the %s is not: neither %s in the provider block nor the environment variable %s "+
		"has a value. Set both halves of the API key pair, or neither to use a tccli profile (profile, or %s; default \"default\").",
		human[have.attr], haveFrom, human[missing.attr], missing.attr, missing.env, envProfile)
	at := missing
	if !missing.inConfig() {
		at = have
	}
	addSettingError(&diags, at, "Incomplete API Key Pair", detail)
	return diags
}

// addConfigureError reports what idc.New refused, on the argument at fault, naming where its
// value came from; a failed AssumeRole gets the API error's description.
func addConfigureError(diags *diag.Diagnostics, settings map[string]setting, conf idc.Config, err error) {
	var ce *idc.ConfigError
	if errors.As(err, &ce) {
		detail := ce.Detail
		s := settings[ce.Setting]
		if from := s.from(); from != "" {
			detail += fmt.Sprintf(" The %s came from %s.", ce.Setting, from)
		}
		addSettingError(diags, s, ce.Summary, detail)
		return
	}
	if conf.AssumeRole != nil {
		diags.AddError("Unable to Assume Role", fmt.Sprintf("Could not assume role %s through STS with the configured credentials.\n\n%s",
			conf.AssumeRole.RoleARN, describeAPIError(err)))
		return
	}
	diags.AddError("Unable to Configure Tencent Cloud Identity Center Client", capitalize(readableError(err))+".")
}

// checkSettingsKnown refuses settings not known until apply: the client is built at plan time.
func checkSettingsKnown(cfg providerModel, diags *diag.Diagnostics) {
	// A slice, not a map: diagnostics come out in the schema's order on every run.
	for _, setting := range []struct {
		name, env string
		value     types.String
	}{
		{"secret_id", envSecretID, cfg.SecretID}, {"secret_key", envSecretKey, cfg.SecretKey},
		{"security_token", envSecurityToken, cfg.SecurityToken}, {"region", envRegion, cfg.Region},
		{"protocol", envProtocol, cfg.Protocol}, {"domain", envDomain, cfg.Domain}, {"profile", envProfile, cfg.Profile},
		{"shared_credentials_dir", envSharedCredentialsDir, cfg.SharedCredentialsDir}, {"endpoint", envEndpoint, cfg.Endpoint},
		{"scim_endpoint", envSCIMEndpoint, cfg.SCIMEndpoint}, {"zone_id", envZoneID, cfg.ZoneID},
	} {
		if setting.value.IsUnknown() {
			diags.AddAttributeError(path.Root(setting.name), "Unknown Provider Setting",
				fmt.Sprintf("The provider cannot be configured because %s is not known until apply. "+
					"Set it to a value known at plan time, or leave it out and set %s instead.", setting.name, setting.env))
		}
	}
}
