package provider

import (
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/acctest"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idcsim"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/samlmeta"
)

// badInput is one thing a user gets wrong in a configuration: it must fail at plan time with
// want, without a panic and without any call that changes the service. (Requests a client gets
// wrong, sent raw to the simulator's API and SCIM server, are the simulator's own unit tests:
// TestBadAPIRequests and TestBadSCIMRequests in internal/idcsim.)
type badInput struct {
	category string
	name     string
	// config returns the whole configuration; it may prepare the simulator first.
	config func(t *testing.T, env *acctest.Env) string
	// want are fragments of the error in order: the attribute and what to do about it. The
	// CLIs wrap long diagnostics, so whitespace in a fragment matches any whitespace.
	want []string
	// at, when set, is the attribute the diagnostic must point at: the CLI then quotes the
	// configuration line that sets it.
	at string
	// absent must not appear in the error (secrets the input holds).
	absent []string
	// functions marks a row that calls a provider function, which older CLIs lack.
	functions bool
}

const noZone = "z-000000000000"

// inProvider is the provider block that points at env followed by the blocks.
func inProvider(blocks ...string) func(*testing.T, *acctest.Env) string {
	return func(_ *testing.T, env *acctest.Env) string {
		return env.ProviderConfig() + strings.Join(blocks, "\n") + "\n"
	}
}

// providerSettings is a configuration whose provider block is env's with the given settings
// replacing or adding to the defaults (a nil value removes one), and a zone data source that
// makes the CLI configure the provider at plan time.
func providerSettings(settings map[string]*string, blocks ...string) func(*testing.T, *acctest.Env) string {
	return func(_ *testing.T, env *acctest.Env) string {
		values := map[string]*string{
			"endpoint":   ptr(fmt.Sprintf("%q", env.Endpoint)),
			"protocol":   ptr(`"HTTP"`),
			"secret_id":  ptr(fmt.Sprintf("%q", env.SecretID)),
			"secret_key": ptr(fmt.Sprintf("%q", env.SecretKey)),
		}
		for k, v := range settings {
			values[k] = v
		}
		var b strings.Builder
		b.WriteString("terraform {\n  required_providers {\n    tencentcloudidc = {\n      source = \"tencentcloudidc/tencentcloudidc\"\n    }\n  }\n}\n\nprovider \"tencentcloudidc\" {\n")
		names := make([]string, 0, len(values))
		for k := range values {
			names = append(names, k)
		}
		slices.Sort(names)
		for _, k := range names {
			switch v := values[k]; {
			case v == nil:
			case strings.HasPrefix(*v, "{"):
				fmt.Fprintf(&b, "  %s %s\n", k, *v) // a block
			default:
				fmt.Fprintf(&b, "  %s = %s\n", k, *v)
			}
		}
		b.WriteString("}\n\n")
		if len(blocks) == 0 {
			blocks = []string{`data "tencentcloudidc_zone" "test" {}`}
		}
		b.WriteString(strings.Join(blocks, "\n") + "\n")
		return b.String()
	}
}

func ptr(s string) *string { return &s }

// functionCall is a configuration with no provider block that calls saml_metadata with arg.
func functionCall(arg func(t *testing.T) string) func(*testing.T, *acctest.Env) string {
	return func(t *testing.T, _ *acctest.Env) string {
		return "terraform {\n  required_providers {\n    tencentcloudidc = {\n      source = \"tencentcloudidc/tencentcloudidc\"\n    }\n  }\n}\n" +
			fmt.Sprintf("output \"idp\" {\n  value = provider::tencentcloudidc::saml_metadata(%s)\n}\n", arg(t))
	}
}

// skipUnlessProviderFunctions skips a test on a CLI without provider functions (Terraform 1.5).
func skipUnlessProviderFunctions(t *testing.T) {
	t.Helper()
	acctest.SkipUnlessAtLeast(t, "1.8", "1.7", "provider functions need Terraform 1.8 or OpenTofu 1.7")
}

// fixtureFile is the absolute path of an IdP metadata fixture of internal/samlmeta.
func fixtureFile(t *testing.T, name string) string {
	p, err := filepath.Abs(filepath.Join(idpFixtures, name))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// badInputs are the rows of TestAccBadInput, in the order they run: provider settings, then
// each resource, each data source and the provider function.
func badInputs(t *testing.T) []badInput {
	return slices.Concat(badProviderInputs(t), badSCIMResourceInputs(), badSAMLIdentityProviderInputs(t),
		badRoleConfigurationInputs(), badRoleAssignmentInputs(), badRoleAssignmentsExclusiveInputs(), badDataSourceInputs(), badRoleAssignmentsDataSourceInputs(), badFunctionInputs())
}

// xxeMetadata declares an external entity: the resource and the function refuse it alike.
const xxeMetadata = `<?xml version="1.0"?>
<!DOCTYPE md:EntityDescriptor [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="&xxe;"/>
`

// badProviderInputs are mistakes in the provider block and in the credentials it finds.
func badProviderInputs(t *testing.T) []badInput {
	tccliDir := t.TempDir()
	// A JSON error would quote the file, and with it the secret key.
	const tccliSecret = "tccli-secret-key-must-not-show"
	for name, content := range map[string]string{
		"broken.credential":  `{"secretId": "AKIDtccli", "secretKey": "` + tccliSecret + `",}`,
		"partial.credential": `{"secretId": "AKIDtccli"}`,
	} {
		if err := os.WriteFile(filepath.Join(tccliDir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return []badInput{
		{category: "provider", name: "plain HTTP to a remote host",
			config: providerSettings(map[string]*string{"endpoint": ptr(`"organization.example.com:80"`)}),
			want:   []string{`Plain HTTP Refused`, `Protocol HTTP is only allowed with a loopback endpoint`, `"organization.example.com:80" is not one: set protocol = "HTTPS"`, `The protocol came from protocol in the provider block.`}},
		{category: "provider", name: "zone_id format", at: "zone_id",
			config: providerSettings(map[string]*string{"zone_id": ptr(`"zone-1"`)}),
			want:   []string{`Attribute zone_id must be`, "`z-` followed by 12 lowercase letters or digits", `as shown in the Identity Center console`}},
		{category: "provider", name: "protocol", at: "protocol",
			config: providerSettings(map[string]*string{"protocol": ptr(`"FTP"`)}),
			want:   []string{`Attribute protocol value must be one of`, `HTTPS`, `got: "FTP"`}},
		{category: "provider", name: "endpoint with scheme and path", at: "endpoint",
			config: providerSettings(map[string]*string{"endpoint": ptr(`"https://127.0.0.1:1/x"`)}),
			want:   []string{`Attribute endpoint must be host[:port] with no scheme or path, for example 127.0.0.1:8089`}},
		{category: "provider", name: "scim_endpoint not a URL", at: "scim_endpoint",
			config: providerSettings(map[string]*string{"scim_endpoint": ptr(`"scim.example.com/scim/v2"`)}),
			want:   []string{`Attribute scim_endpoint must be an http(s) URL with its scheme, for example https://scim.tencentcloudsso.com/scim/v2`}},
		{category: "provider", name: "session_duration above 12 hours", at: "session_duration",
			config: providerSettings(map[string]*string{"assume_role": ptr(`{
    role_arn         = "qcs::cam::uin/100000000001:roleName/terraform"
    session_name     = "terraform"
    session_duration = 50000
  }`)}),
			want: []string{`session_duration value must be between 1 and 43200`, `got: 50000`, `session_duration is in seconds: 43200 is 12 hours`}},
		{category: "provider", name: "two assume_role blocks",
			config: providerSettings(map[string]*string{"assume_role": ptr(`{
    role_arn     = "qcs::cam::uin/100000000001:roleName/a"
    session_name = "terraform"
  }
  assume_role {
    role_arn     = "qcs::cam::uin/100000000001:roleName/b"
    session_name = "terraform"
  }`)}),
			want: []string{`Attribute assume_role list must contain at most 1 elements, got: 2`, `Configure a single assume_role block`}},
		{category: "provider", name: "assume_role without role_arn",
			config: providerSettings(map[string]*string{"assume_role": ptr(`{
    session_name = "terraform"
  }`)}),
			want: []string{`Missing Role ARN`, `The assume_role block needs role_arn (or TENCENTCLOUD_ASSUME_ROLE_ARN)`}},
		{category: "provider", name: "assume_role without session_name",
			config: providerSettings(map[string]*string{"assume_role": ptr(`{
    role_arn = "qcs::cam::uin/100000000001:roleName/terraform"
  }`)}),
			want: []string{`Missing Role Session Name`, `needs a session_name (or TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME), for example "terraform"`}},
		{category: "provider", name: "secret_id without secret_key", at: "secret_id",
			config: providerSettings(map[string]*string{"secret_key": nil}),
			want: []string{`Incomplete API Key Pair`, `The secret ID is set (by secret_id in the provider block), but the secret key is not: neither secret_key in the provider block nor the environment variable TENCENTCLOUD_SECRET_KEY has a value.`,
				`Set both halves of the API key pair, or neither to use a tccli profile`}},
		{category: "provider", name: "secret_key without secret_id", at: "secret_id",
			config: providerSettings(map[string]*string{"secret_id": ptr(`""`)}),
			want:   []string{`Incomplete API Key Pair`, `The secret key is set (by secret_key in the provider block), but the secret ID is not`, `TENCENTCLOUD_SECRET_ID`}},
		{category: "provider", name: "connection refused",
			config: providerSettings(map[string]*string{"endpoint": ptr(`"127.0.0.1:1"`)}),
			want: []string{`Unable to Read Identity Center Zone`, `Could not read the Identity Center zone of the organization.`,
				`No answer came from the Identity Center API at http://127.0.0.1:1/: the connection was refused (nothing listens there) (DescribeIdentityCenter, given up after`,
				`Check endpoint (or TENCENTCLOUDIDC_ENDPOINT)`, `the simulator (tencentcloudidc-sim)`},
			absent: []string{`Error: DescribeIdentityCenter`, `dial tcp`}},
		{category: "provider", name: "no key pair and no tccli profile",
			config: providerSettings(map[string]*string{"secret_id": nil, "secret_key": nil, "shared_credentials_dir": ptr(fmt.Sprintf("%q", tccliDir)), "profile": ptr(`"missing"`)}),
			want:   []string{`No Tencent Cloud Credentials`, `No credentials are configured: set secret_id and secret_key`, `or create the tccli profile "missing"`}},
		{category: "provider", name: "tccli profile file not JSON",
			config: providerSettings(map[string]*string{"secret_id": nil, "secret_key": nil, "shared_credentials_dir": ptr(fmt.Sprintf("%q", tccliDir)), "profile": ptr(`"broken"`)}),
			want:   []string{`Invalid tccli Profile`, `The tccli profile file`, `broken.credential is not valid JSON: write it as tccli configure does`, `or set secret_id and secret_key`, `The profile came from profile in the provider block.`},
			absent: []string{tccliSecret}},
		{category: "provider", name: "tccli profile without secretKey",
			config: providerSettings(map[string]*string{"secret_id": nil, "secret_key": nil, "shared_credentials_dir": ptr(fmt.Sprintf("%q", tccliDir)), "profile": ptr(`"partial"`)}),
			want:   []string{`partial.credential must contain "secretId" and "secretKey"`}},
		{category: "provider", name: "wrong secret_key",
			config: providerSettings(map[string]*string{"secret_key": ptr(`"not-the-key"`)}),
			want:   []string{`AuthFailure.SignatureFailure`, `request ID`, `Check the API key pair`}},
		{category: "provider", name: "zone_id that does not exist",
			config: providerSettings(map[string]*string{"zone_id": ptr(`"` + noZone + `"`)}, `data "tencentcloudidc_scim_endpoint" "test" {}`),
			want:   []string{`Zone z-000000000000 does not exist`, `came from the provider's zone_id`}},
		{category: "provider", name: "unknown argument", at: "secret",
			config: providerSettings(map[string]*string{"secret": ptr(`"x"`)}),
			want:   []string{`Unsupported argument`, `An argument named "secret" is not expected here`}},
	}
}

// badSCIMResourceInputs are mistakes in the SCIM synchronization and credential resources.
func badSCIMResourceInputs() []badInput {
	credential := func(body string) func(*testing.T, *acctest.Env) string {
		return func(_ *testing.T, env *acctest.Env) string { return testAccSCIMCredentialConfig(env, "  "+body) }
	}
	sync := func(body string) func(*testing.T, *acctest.Env) string {
		return func(_ *testing.T, env *acctest.Env) string { return testAccSCIMSynchronizationConfig(env, "  "+body) }
	}
	return []badInput{
		// tencentcloudidc_scim_synchronization.
		{category: "scim_synchronization", name: "zone_id upper case", at: "zone_id", config: sync(`zone_id = "Z-ABCDEFGHIJKL"`),
			want: []string{"Attribute zone_id must be `z-` followed by 12 lowercase"}},
		{category: "scim_synchronization", name: "zone_id too short", at: "zone_id", config: sync(`zone_id = "z-abc"`),
			want: []string{"Attribute zone_id must be `z-` followed by 12 lowercase"}},
		{category: "scim_synchronization", name: "enabled not a bool", at: "enabled", config: sync(`enabled = "sometimes"`),
			want: []string{`Inappropriate value for attribute "enabled"`, `a bool is required`}},
		{category: "scim_synchronization", name: "zone of another organization", at: "zone_id", config: sync(`zone_id = "` + noZone + `"`),
			want: []string{"Wrong Identity Center Zone", "Zone z-000000000000 is not this organization's Identity Center zone", "Nothing is created", "set it to %ZONE%, or remove it"}},

		// tencentcloudidc_scim_credential.
		{category: "scim_credential", name: "import of a credential that does not exist",
			config: func(_ *testing.T, env *acctest.Env) string {
				return testAccSCIMCredentialConfig(env, "") + importBlock(scimCredAddr, env.ZoneID+"/scimcred-000000000000")
			},
			want:   []string{"SCIM Credential Not Found", "Zone %ZONE% has no SCIM credential scimcred-000000000000, so there is nothing to import", "holds no SCIM credential at all"},
			absent: []string{"imported without its secret"}},
		{category: "scim_credential", name: "import ID with a malformed credential ID",
			config: func(_ *testing.T, env *acctest.Env) string {
				return testAccSCIMCredentialConfig(env, "") + importBlock(scimCredAddr, env.ZoneID+"#scimcred-nope")
			},
			want:   []string{"Invalid Import ID", "Expected `<zone_id>/<credential_id>` or `<zone_id>#<credential_id>`", `the credential ID "scimcred-nope" is not`},
			absent: []string{"imported without its secret"}},
		{category: "scim_credential", name: "zone of another organization", at: "zone_id", config: credential(`zone_id = "` + noZone + `"`),
			want: []string{"Wrong Identity Center Zone", "Zone z-000000000000 is not this organization's Identity Center zone", "Nothing is created", "set it to %ZONE%, or remove it"}},
		{category: "scim_credential", name: "expire_after below 1h", at: "expire_after", config: credential(`expire_after = "59m"`),
			want: []string{`Duration Out of Range`, `expire_after must be a duration from 1h to 867240h (99 years)`, `Got "59m"`}},
		{category: "scim_credential", name: "expire_after above 99 years", at: "expire_after", config: credential(`expire_after = "867241h"`),
			want: []string{`expire_after must be a duration from 1h to 867240h (99 years)`, `Got "867241h"`}},
		{category: "scim_credential", name: "expire_after in days", at: "expire_after", config: credential(`expire_after = "365d"`),
			want: []string{`Invalid Duration`, `there is no day unit`, `Got "365d"`}},
		{category: "scim_credential", name: "expire_after not a duration", at: "expire_after", config: credential(`expire_after = "one year"`),
			want: []string{`Invalid Duration`, `for example "8760h" (one year) or "720h30m"`, `Got "one year"`}},
		{category: "scim_credential", name: "expire_after negative", at: "expire_after", config: credential(`expire_after = "-2h"`),
			want: []string{`expire_after must be a duration from 1h`, `Got "-2h"`}},
		{category: "scim_credential", name: "expire_after fractional seconds", at: "expire_after", config: credential(`expire_after = "1h0.5s"`),
			want: []string{`in whole seconds`, `Got "1h0.5s"`}},
		{category: "scim_credential", name: "rotate_before as long as expire_after", at: "rotate_before", config: credential("expire_after = \"720h\"\n  rotate_before = \"720h\""),
			want: []string{`Rotation Window Too Long`, `rotate_before (720h) must be shorter than expire_after (720h)`}},
		{category: "scim_credential", name: "rotate_before a year with the default lifetime", at: "rotate_before", config: credential(`rotate_before = "8760h"`),
			want: []string{`rotate_before (8760h) must be shorter than the service's default lifetime of one year`}},
		{category: "scim_credential", name: "rotate_before zero", at: "rotate_before", config: credential(`rotate_before = "0s"`),
			want: []string{`rotate_before must be a duration above zero`, `Got "0s"`}},
		{category: "scim_credential", name: "rotate_before negative", at: "rotate_before", config: credential(`rotate_before = "-1h"`),
			want: []string{`rotate_before must be a duration above zero`, `Got "-1h"`}},
		{category: "scim_credential", name: "zone_id format", at: "zone_id", config: credential(`zone_id = "z-ABC"`),
			want: []string{`Attribute zone_id must be`, `followed by 12 lowercase`}},
		{category: "scim_credential", name: "keepers not strings", at: "keepers", config: credential(`keepers = { rotation = ["2025", "Q1"] }`),
			want: []string{`Inappropriate value for attribute "keepers"`, `string required`}},
	}
}

// badRoleConfigurationInputs are mistakes in the role configuration resource.
func badRoleConfigurationInputs() []badInput {
	rc := func(body string) func(*testing.T, *acctest.Env) string {
		return func(_ *testing.T, env *acctest.Env) string {
			return testAccRoleConfigurationConfig(env, "  name = \"platform-readonly\"\n  "+body)
		}
	}
	tooMany := make([]string, 21)
	for i := range tooMany {
		tooMany[i] = fmt.Sprintf("%q", fmt.Sprintf("QcloudPolicy%02d", i))
	}
	return []badInput{
		{category: "role_configuration", name: "zone of another organization", at: "zone_id", config: rc(`zone_id = "` + noZone + `"`),
			want: []string{"Wrong Identity Center Zone", "Zone z-000000000000 is not this organization's Identity Center zone", "Nothing is created"}},
		{category: "role_configuration", name: "name with a space", at: "name",
			config: func(_ *testing.T, env *acctest.Env) string {
				return testAccRoleConfigurationConfig(env, `  name = "platform readonly"`)
			},
			want: []string{"Attribute name must be 1 to 128 English letters, digits or -"}},
		{category: "role_configuration", name: "policy statement without effect", at: "custom_policy",
			config: rc(`custom_policy = jsonencode({ version = "2.0", statement = [
    { effect = "allow", action = ["cos:GetObject"], resource = ["*"] },
    { action = ["cos:*"], resource = "*" },
  ] })`),
			want: []string{"Invalid CAM Policy Document", `Attribute custom_policy statement[1] must have "effect" "allow" or "deny", got nothing`}},
		{category: "role_configuration", name: "policy without version and with an empty action", at: "custom_policy",
			config: rc(`custom_policy = jsonencode({ statement = [{ effect = "allow", action = [], resource = ["*"] }] })`),
			want:   []string{`Attribute custom_policy must have "version": "2.0"`, `Attribute custom_policy statement[0] must have "action" as a non-empty string or list of strings, got []`}},
		{category: "role_configuration", name: "policy not JSON", at: "custom_policy",
			config: rc(`custom_policy = "allow everything"`),
			want:   []string{"Attribute custom_policy is not a JSON object"}},
		{category: "role_configuration", name: "too many system policies", at: "system_policies",
			config: rc(`system_policies = [` + strings.Join(tooMany, ", ") + `]`),
			want:   []string{"Attribute system_policies set must contain at most 20 elements, got: 21"}},
		{category: "role_configuration", name: "empty system policy name", at: "system_policies",
			config: rc(`system_policies = [""]`),
			want:   []string{"string length must be between 1 and 128, got: 0"}},
		{category: "role_configuration", name: "session_duration below 15 minutes", at: "session_duration",
			config: rc(`session_duration = "10m"`),
			want:   []string{"Duration Out of Range", "session_duration must be a duration from 15m to 12h in whole seconds", `Got "10m"`}},
		{category: "role_configuration", name: "session_duration above 12 hours", at: "session_duration",
			config: rc(`session_duration = "43201s"`),
			want:   []string{"Duration Out of Range", "session_duration must be a duration from 15m to 12h in whole seconds", `Got "43201s"`}},
		{category: "role_configuration", name: "session_duration in seconds as a number", at: "session_duration",
			config: rc(`session_duration = "3600"`),
			want:   []string{"Invalid Duration", "session_duration must be a duration from 15m to 12h"}},
		{category: "role_configuration", name: "relay_state over http", at: "relay_state",
			config: rc(`relay_state = "http://console.cloud.tencent.com/vpc"`),
			want:   []string{"Invalid Relay State", "Attribute relay_state must be an https:// URL", `got "http://console.cloud.tencent.com/vpc"`}},
		{category: "role_configuration", name: "custom_policy_name too long", at: "custom_policy_name",
			config: rc(`custom_policy_name = "` + strings.Repeat("p", 33) + `"`),
			want:   []string{"Attribute custom_policy_name string length must be between 1 and 32, got: 33"}},
	}
}

// badRoleAssignmentsExclusiveInputs are mistakes in the exclusive role assignments resource.
func badRoleAssignmentsExclusiveInputs() []badInput {
	const rc = "rc-4plmus8fdfsb"
	rax := func(settings, element string) func(*testing.T, *acctest.Env) string {
		return inProvider(fmt.Sprintf(`resource "tencentcloudidc_role_assignments_exclusive" "test" {
  role_configuration_id = %q
%s  assignments = [
    { %s },
  ]
}`, rc, settings, element))
	}
	good := `principal_type = "Group", principal_id = "g-platform0001", target_type = "MemberUin", target_uin = 100000000001`
	with := func(old, replacement string) string { return strings.Replace(good, old, replacement, 1) }
	return []badInput{
		{category: "role_assignments_exclusive", name: "zone of another organization", at: "zone_id",
			config: rax(`  zone_id = "`+noZone+`"`+"\n", good),
			want:   []string{"Wrong Identity Center Zone", "Zone z-000000000000 is not this organization's Identity Center zone", "Nothing is created"}},
		{category: "role_assignments_exclusive", name: "role configuration name instead of ID", at: "role_configuration_id",
			config: func(t *testing.T, env *acctest.Env) string {
				return strings.Replace(rax("", good)(t, env), rc, "platform-admin", 1)
			},
			want: []string{"Attribute role_configuration_id must be `rc-` followed by 12 lowercase letters or digits", "got: platform-admin"}},
		{category: "role_assignments_exclusive", name: "role configuration that does not exist", at: "role_configuration_id",
			config: rax("", good),
			want:   []string{"Role Configuration Not Found", "has no role configuration " + rc, "Nothing is created"}},
		{category: "role_assignments_exclusive", name: "assignments missing",
			config: inProvider(`resource "tencentcloudidc_role_assignments_exclusive" "test" {
  role_configuration_id = "` + rc + `"
}`),
			want: []string{"Missing Configuration for Required Attribute", "Must set a configuration value for the assignments attribute"}},
		{category: "role_assignments_exclusive", name: "principal type not User or Group",
			config: rax("", with(`principal_type = "Group"`, `principal_type = "Role"`)),
			want:   []string{"principal_type value must be one of", `"User"`, `"Group"`, `got: "Role"`}},
		{category: "role_assignments_exclusive", name: "group with a user ID",
			config: rax("", with(`principal_id = "g-platform0001"`, `principal_id = "u-alice0000001"`)),
			want:   []string{"Principal ID Does Not Match Its Type", `principal_id is "u-alice0000001", but principal_type is Group`, "starts with g-"}},
		{category: "role_assignments_exclusive", name: "principal by name",
			config: rax("", with(`principal_id = "g-platform0001"`, `principal_id = "platform"`)),
			want:   []string{"principal_id must be a user ID (u-…) or a group ID (g-…)", "got: platform"}},
		{category: "role_assignments_exclusive", name: "target type misspelt",
			config: rax("", with(`target_type = "MemberUin"`, `target_type = "Member"`)),
			want:   []string{"target_type value must be one of", `"MemberUin"`, `"ManagerUin"`, `got: "Member"`}},
		{category: "role_assignments_exclusive", name: "target type left out",
			config: rax("", with(`, target_type = "MemberUin"`, ``)),
			want:   []string{`Inappropriate value for attribute "assignments"`, `attribute "target_type" is required`}},
		{category: "role_assignments_exclusive", name: "target uin zero",
			config: rax("", with(`target_uin = 100000000001`, `target_uin = 0`)),
			want:   []string{"target_uin value must be at least 1, got: 0"}},
		{category: "role_assignments_exclusive", name: "target uin null",
			config: rax("", with(`target_uin = 100000000001`, `target_uin = null`)),
			want:   []string{"Missing Configuration for Required Attribute", "assignments[0].target_uin"}},
		{category: "role_assignments_exclusive", name: "assignment null",
			config: rax("", good+" },\n    null,\n    { "+with(`g-platform0001`, `g-network00001`)),
			want:   []string{"Missing Role Assignment", "Attribute assignments[1] is null", "leave an assignment out of the list"}},
		{category: "role_assignments_exclusive", name: "assignment listed twice",
			config: rax("", good+" },\n    { "+with(`g-platform0001`, `g-network00001`)+" },\n    { "+good),
			want: []string{"Duplicate Role Assignment", "Attribute assignments[2] is the same assignment as assignments[0]",
				"Group g-platform0001 on account 100000000001 (MemberUin)", "List each assignment once"}},
		{category: "role_assignments_exclusive", name: "deprovision strategy unknown", at: "deprovision_strategy",
			config: rax(`  deprovision_strategy = "Always"`+"\n", good),
			want:   []string{"Attribute deprovision_strategy value must be one of", `"DeprovisionForLastRoleAssignmentOnAccount"`, `"None"`, `got: "Always"`}},
	}
}

// badSAMLIdentityProviderInputs are metadata documents and settings the IdP resource refuses.
func badSAMLIdentityProviderInputs(t *testing.T) []badInput {
	now := time.Now()
	const entity, login = "https://idp.example.com/metadata", "https://idp.example.com/sso"
	valid, valid2, valid3 := validTestCert(t, "valid"), validTestCert(t, "valid2"), validTestCert(t, "valid3")
	expired := newTestCert(t, "expired", now.AddDate(-2, 0, 0), now.AddDate(0, 0, -1))
	good := testMetadata(entity, login, mdStyle{}, valid)
	dir := t.TempDir()
	file := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return metadataXMLFrom(p)
	}
	noIdP := `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com/metadata">
  <md:Organization><md:OrganizationName xml:lang="en">Example</md:OrganizationName><md:OrganizationDisplayName xml:lang="en">Example</md:OrganizationDisplayName><md:OrganizationURL xml:lang="en">https://example.com</md:OrganizationURL></md:Organization>
</md:EntityDescriptor>
`
	noCert := strings.Replace(good, good[strings.Index(good, "<md:KeyDescriptor"):strings.Index(good, "<md:NameIDFormat")], "", 1)
	laughs := `<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="&lol3;"/>
`
	oversize := strings.Replace(good, "<md:IDPSSODescriptor", "<!-- "+strings.Repeat("padding ", 140000)+"-->\n  <md:IDPSSODescriptor", 1)
	privateKey := "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIHn5mZfM0xq1n1Xy3m1Xy3m1Xy3m1Xy3m1Xy3m1Xy3m1\n-----END PRIVATE KEY-----\n"
	federation := file("fed.xml", testEntities(t, "https://a.example.com", "https://b.example.com"))
	idp := func(lines ...string) func(*testing.T, *acctest.Env) string {
		return func(_ *testing.T, env *acctest.Env) string { return testAccSAMLIdPConfig(env, lines...) }
	}
	return []badInput{
		{category: "saml_identity_provider", name: "malformed XML", at: "metadata_xml", config: idp(file("broken.xml", good[:len(good)-40])),
			want: []string{"The SAML metadata is not acceptable XML"}},
		{category: "saml_identity_provider", name: "DTD with an external entity (XXE)", at: "metadata_xml", config: idp(file("xxe.xml", xxeMetadata)),
			want: []string{"has a <!DOCTYPE> declaration"}},
		{category: "saml_identity_provider", name: "billion laughs", at: "metadata_xml", config: idp(file("laughs.xml", laughs)),
			want: []string{"entity expansion (billion laughs) attacks"}},
		{category: "saml_identity_provider", name: "no IDPSSODescriptor", at: "metadata_xml", config: idp(file("org.xml", noIdP)),
			want: []string{"has an md:IDPSSODescriptor, so it describes no identity provider"}},
		{category: "saml_identity_provider", name: "Tencent's own SP metadata", at: "metadata_xml", config: func(t *testing.T, env *acctest.Env) string {
			sp, err := env.API.GetZoneSAMLServiceProviderInfo(t.Context(), env.ZoneID)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := samlmeta.DecodeEncodedDocument(sp.EncodedMetadataDocument)
			if err != nil {
				t.Fatal(err)
			}
			p := writeTestFile(t, "sp.xml", string(doc))
			return testAccSAMLIdPConfig(env, metadataXMLFrom(p))
		}, want: []string{"Service Provider Metadata Instead of IdP Metadata", "This is Tencent Cloud's own service provider (SP) metadata",
			"as the tencentcloudidc_saml_service_provider data source", "download it from the IdP's admin console"},
			// The summary of an IdP cleared in the console is for that case only.
			absent: []string{"SAML Identity Provider Not Found"}},
		{category: "saml_identity_provider", name: "no signing certificate", at: "metadata_xml", config: idp(file("nocert.xml", noCert)),
			want: []string{"No signing certificate is found"}},
		{category: "saml_identity_provider", name: "unreadable signing key beside a good one", at: "metadata_xml",
			config: idp(file("unreadable.xml", strings.Replace(good, "<md:KeyDescriptor", `<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>AAAA</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor><md:KeyDescriptor`, 1))),
			want:   []string{"cannot be read", "Identity Center refuses the whole document", "remove or fix that KeyDescriptor"}},
		{category: "saml_identity_provider", name: "expired metadata certificate", at: "metadata_xml", config: idp(file("expired.xml", testMetadata(entity, login, mdStyle{}, expired))),
			want: []string{"Every signing certificate in the metadata has expired"}},
		{category: "saml_identity_provider", name: "three signing certificates", at: "metadata_xml", config: idp(file("three.xml", testMetadata(entity, login, mdStyle{}, valid, valid2, valid3))),
			want: []string{"Identity Center keeps at most 2"}},
		{category: "saml_identity_provider", name: "oversize document", at: "metadata_xml", config: idp(file("huge.xml", oversize)),
			want: []string{"SAML Metadata Too Large"}},
		{category: "saml_identity_provider", name: "several IdPs without entity_id", at: "metadata_xml", config: idp(federation),
			want: []string{"The metadata describes 2 identity providers"}},
		{category: "saml_identity_provider", name: "entity_id that matches none", at: "entity_id", config: idp(federation, `entity_id = "https://c.example.com"`),
			want:   []string{"SAML Identity Provider Not in Metadata", "no identity provider in the metadata has that entityID"},
			absent: []string{"SAML Identity Provider Not Found"}},
		{category: "saml_identity_provider", name: "metadata_xml given filebase64()", at: "metadata_xml", config: func(t *testing.T, env *acctest.Env) string {
			return testAccSAMLIdPConfig(env, fmt.Sprintf("metadata_xml = filebase64(%q)", writeTestFile(t, "idp.xml", good)))
		}, want: []string{"SAML Metadata Is Base64-Encoded", "metadata_xml holds the base64 encoding of the metadata document",
			`metadata_xml = file("idp-metadata.xml")`, `encoded_metadata_document = filebase64("idp-metadata.xml")`}},
		{category: "saml_identity_provider", name: "encoded_metadata_document given file()", at: "encoded_metadata_document", config: func(t *testing.T, env *acctest.Env) string {
			return testAccSAMLIdPConfig(env, fmt.Sprintf("encoded_metadata_document = file(%q)", writeTestFile(t, "idp.xml", good)))
		}, want: []string{"must be the base64 encoding", "the value is XML already, not base64"}},
		{category: "saml_identity_provider", name: "encoded_metadata_document not base64", at: "encoded_metadata_document", config: idp(`encoded_metadata_document = "PEVudGl0eURlc2NyaXB0b3I*!"`),
			want: []string{"must be the base64 encoding"}},
		{category: "saml_identity_provider", name: "metadata_xml and encoded_metadata_document", at: "encoded_metadata_document",
			config: idp(file("two.xml", good), fmt.Sprintf("encoded_metadata_document = %q", base64.StdEncoding.EncodeToString([]byte(good)))),
			want:   []string{"metadata_xml and encoded_metadata_document both give"}},
		{category: "saml_identity_provider", name: "metadata and manual settings", at: "login_url", config: idp(append([]string{file("mixed.xml", good)}, manualLines(entity, login+"/other", valid.pem)[1:]...)...),
			want: []string{"login_url cannot be set together with metadata_xml", `which gives "https://idp.example.com/sso", not "https://idp.example.com/sso/other"`}},
		{category: "saml_identity_provider", name: "metadata and x509_certificates", at: "x509_certificates", config: idp(file("mixed-certs.xml", good), fmt.Sprintf("x509_certificates = [%q]", valid.pem)),
			want: []string{"x509_certificates cannot be set together with metadata_xml"}},
		{category: "saml_identity_provider", name: "manual without login_url",
			config: idp(fmt.Sprintf("entity_id = %q", entity), fmt.Sprintf("x509_certificates = [%q]", valid.pem)),
			want:   []string{"login_url is not set"}},
		{category: "saml_identity_provider", name: "nothing at all", config: idp(),
			want: []string{"Missing SAML Identity Provider Configuration"}},
		{category: "saml_identity_provider", name: "manual, expired certificate", at: "x509_certificates", config: idp(manualLines(entity, login, expired.pem)...),
			want: []string{"SAML Certificate Expired"}},
		{category: "saml_identity_provider", name: "manual, bad PEM", at: "x509_certificates", config: idp(manualLines(entity, login, "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n")...),
			want: []string{"holds no CERTIFICATE block"}},
		{category: "saml_identity_provider", name: "manual, private key", at: "x509_certificates", config: idp(manualLines(entity, login, privateKey)...),
			want: []string{"This is a private key, not a certificate"}},
		{category: "saml_identity_provider", name: "manual, duplicate certificate", at: "x509_certificates", config: idp(manualLines(entity, login, valid.pem, valid.base64(64))...),
			want: []string{"is the same certificate as x509_certificates[0]"}},
		{category: "saml_identity_provider", name: "manual, three certificates", at: "x509_certificates", config: idp(manualLines(entity, login, valid.pem, valid2.pem, valid3.pem)...),
			want: []string{"x509_certificates list must contain at least 1 elements and at most 2 elements, got: 3",
				"Identity Center keeps at most 2 signing certificates per identity provider"}},
		{category: "saml_identity_provider", name: "manual, plain http login_url", at: "login_url", config: idp(manualLines(entity, "http://idp.example.com/sso", valid.pem)...),
			want: []string{"uses plain http"}},
		{category: "saml_identity_provider", name: "zone_id format", at: "zone_id", config: idp(`zone_id = "z-NOTAZONE"`, file("zone.xml", good)),
			want: []string{"must be `z-` followed by 12 lowercase letters or digits"}},
		{category: "saml_identity_provider", name: "zone of another organization", at: "zone_id", config: idp(`zone_id = "`+noZone+`"`, file("other-zone.xml", good)),
			want: []string{"Wrong Identity Center Zone", "Zone z-000000000000 is not this organization's Identity Center zone", "Nothing is created", "set it to %ZONE%, or remove it"}},
	}
}

// badDataSourceInputs are lookups and filters the data sources refuse.
func badDataSourceInputs() []badInput {
	withAlice := func(block string) func(*testing.T, *acctest.Env) string {
		return func(t *testing.T, env *acctest.Env) string {
			addUser(t, env, idcsim.User{UserName: "alice", Email: "alice@example.com"})
			return env.ProviderConfig() + block + "\n"
		}
	}
	return []badInput{
		{category: "zone", name: "zone of another organization", config: inProvider(`data "tencentcloudidc_zone" "test" { zone_id = "` + noZone + `" }`),
			want: []string{`z-000000000000 is not this organization's`, `%ZONE%`}},
		{category: "scim_endpoint", name: "zone that does not exist", config: inProvider(`data "tencentcloudidc_scim_endpoint" "test" { zone_id = "` + noZone + `" }`),
			want: []string{`Unable to Read SCIM Endpoint`, `Zone z-000000000000 does not exist, so its SCIM endpoint`, `FailedOperation.ZoneIdNotExist`, `request ID`}},
		{category: "scim_endpoint", name: "zone_id format", at: "zone_id", config: inProvider(`data "tencentcloudidc_scim_endpoint" "test" { zone_id = "zone-1" }`),
			want: []string{"Attribute zone_id must be `z-` followed by 12 lowercase"}},
		{category: "saml_service_provider", name: "zone that does not exist", config: inProvider(`data "tencentcloudidc_saml_service_provider" "test" { zone_id = "` + noZone + `" }`),
			want: []string{`Unable to Read SAML Service Provider`, `Zone z-000000000000 does not exist, so its SAML service provider`}},
		{category: "scim_credentials", name: "zone that does not exist", config: inProvider(`data "tencentcloudidc_scim_credentials" "test" { zone_id = "` + noZone + `" }`),
			want: []string{`Unable to Read SCIM Credentials`, `Zone z-000000000000 does not exist, so its SCIM credentials`}},
		{category: "users", name: "zone that does not exist", config: inProvider(`data "tencentcloudidc_users" "test" { zone_id = "` + noZone + `" }`),
			want: []string{`Unable to Read Users`, `Zone z-000000000000 does not exist`, `FailedOperation.ZoneIdNotExist`, `exactly one Identity Center zone`}},
		{category: "users", name: "group that does not exist", config: inProvider(`data "tencentcloudidc_users" "test" { group_ids = ["g-nosuchgroup1"] }`),
			want: []string{`Group Not Found`, `g-nosuchgroup1 does not exist in zone`}},
		{category: "users", name: "user_type", at: "user_type", config: inProvider(`data "tencentcloudidc_users" "test" { user_type = "Federated" }`),
			want: []string{`Attribute user_type value must be one of`, `got: "Federated"`}},
		{category: "users", name: "user_status in lower case", at: "user_status", config: inProvider(`data "tencentcloudidc_users" "test" { user_status = "enabled" }`),
			want: []string{`Attribute user_status value must be one of`, `got: "enabled"`}},
		{category: "users", name: "group_ids not group IDs", at: "group_ids", config: inProvider(`data "tencentcloudidc_users" "test" { group_ids = ["finance"] }`),
			want: []string{`must be a group ID: g- followed by letters or digits`}},
		{category: "users", name: "group_ids empty", at: "group_ids", config: inProvider(`data "tencentcloudidc_users" "test" { group_ids = [] }`),
			want: []string{`Attribute group_ids list must contain at least 1 elements`, `Remove group_ids to list every user, members of a group or of none`}},
		{category: "users", name: "filter written as SCIM", at: "filter", config: inProvider(`data "tencentcloudidc_users" "test" { filter = "UserName eq ana.lima@acme.example" }`),
			want: []string{`Invalid Filter`, `The filter "UserName eq ana.lima@acme.example" looks like a SCIM expression`, `filter is plain text`,
				`for example filter = "ana.lima@acme.example"`}},
		{category: "users", name: "filter empty", at: "filter", config: inProvider(`data "tencentcloudidc_users" "test" { filter = "" }`),
			want: []string{`Attribute filter string length must be at least 1`, `Remove filter to list every user`}},
		{category: "user", name: "no lookup key", config: withAlice("data \"tencentcloudidc_user\" \"test\" {}"),
			want: []string{`Missing Attribute Configuration`, `Exactly one of these attributes must be configured: [user_id,user_name,email]`}},
		{category: "user", name: "two lookup keys", config: withAlice("data \"tencentcloudidc_user\" \"test\" {\n  user_name = \"alice\"\n  email = \"alice@example.com\"\n}"),
			want: []string{`Invalid Attribute Combination`, `Exactly one of these attributes`}},
		{category: "user", name: "user_id that does not exist", config: withAlice(`data "tencentcloudidc_user" "test" { user_id = "u-nosuchuser01" }`),
			want: []string{`User Not Found`, `has no user u-nosuchuser01`, `by user_name or email`}},
		{category: "user", name: "user_name that only partly matches", config: withAlice(`data "tencentcloudidc_user" "test" { user_name = "ali" }`),
			want: []string{`User Not Found`, `user name "ali" (0 users match;`, `found 1 containing it`, `by user_id or email`}},
		{category: "user", name: "email that does not exist", config: withAlice(`data "tencentcloudidc_user" "test" { email = "bob@example.com" }`),
			want: []string{`User Not Found`, `email "bob@example.com" (0 users match;`, `found 0 containing`, `by user_id or user_name`}},
		{category: "user", name: "user_id not a user ID", at: "user_id", config: withAlice(`data "tencentcloudidc_user" "test" { user_id = "alice" }`),
			want: []string{`must be a user ID: u- followed by letters or digits`}},
		{category: "user", name: "zone that does not exist", config: withAlice("data \"tencentcloudidc_user\" \"test\" {\n  zone_id = \"" + noZone + "\"\n  user_name = \"alice\"\n}"),
			want: []string{`Unable to Read User`, `Zone z-000000000000 does not exist`}},
		{category: "group", name: "no lookup key", config: inProvider(`data "tencentcloudidc_group" "test" {}`),
			want: []string{`Missing Attribute Configuration`, `Exactly one of these attributes must be configured: [group_id,name]`}},
		{category: "group", name: "two lookup keys", config: inProvider("data \"tencentcloudidc_group\" \"test\" {\n  group_id = \"g-platform01\"\n  name = \"Platform-Admins\"\n}"),
			want: []string{`Invalid Attribute Combination`, `Exactly one of these attributes`}},
		{category: "group", name: "group_id not a group ID", at: "group_id", config: inProvider(`data "tencentcloudidc_group" "test" { group_id = "Platform-Admins" }`),
			want: []string{`must be a group ID: g- followed by letters or digits`}},
		{category: "group", name: "name empty", at: "name", config: inProvider(`data "tencentcloudidc_group" "test" { name = "" }`),
			want: []string{`Attribute name string length must be between 1 and 128`}},
		{category: "group", name: "group_id that does not exist", config: inProvider(`data "tencentcloudidc_group" "test" { group_id = "g-nosuchgroup1" }`),
			want: []string{`Group Not Found`, `has no group g-nosuchgroup1`, `look the group up by name`}},
		{category: "group", name: "name that does not exist", config: inProvider(`data "tencentcloudidc_group" "test" { name = "Finance" }`),
			want: []string{`Group Not Found`, `is named "Finance" (0 groups match;`, `by group_id`}},
		{category: "member_accounts", name: "search_key empty", at: "search_key", config: inProvider(`data "tencentcloudidc_member_accounts" "test" { search_key = "" }`),
			want: []string{`Attribute search_key string length must be at least 1`, `Remove search_key to list every member account`}},
		{category: "member_accounts", name: "zone_id set", at: "zone_id", config: inProvider(`data "tencentcloudidc_member_accounts" "test" { zone_id = "` + noZone + `" }`),
			want: []string{`Unsupported argument`, `An argument named "zone_id" is not expected here`}},
		{category: "role_configurations", name: "name_filter empty", at: "name_filter", config: inProvider(`data "tencentcloudidc_role_configurations" "test" { name_filter = "" }`),
			want: []string{`Attribute name_filter string length must be at least 1`, `Remove name_filter to list every role configuration`}},
		{category: "groups", name: "filter with an unknown operator", at: "filter", config: inProvider(`data "tencentcloudidc_groups" "test" { filter = "GroupName zz platform" }`),
			want: []string{`Invalid Filter`, `The filter "GroupName zz platform" starts with GroupName but is not an expression the service understands`,
				`"GroupName eq <name>"`, `"GroupName sw <prefix>"`}},
		{category: "groups", name: "filter without a value", at: "filter", config: inProvider(`data "tencentcloudidc_groups" "test" { filter = "GroupName eq" }`),
			want: []string{`Invalid Filter`, `The filter "GroupName eq" has no value after "eq"`, `"GroupName eq Platform-Admins"`}},
		{category: "groups", name: "filter on another attribute", at: "filter", config: inProvider(`data "tencentcloudidc_groups" "test" { filter = "DisplayName eq platform" }`),
			want: []string{`Invalid Filter`, `looks like a SCIM expression`}},
		{category: "groups", name: "zone that does not exist", config: inProvider(`data "tencentcloudidc_groups" "test" { zone_id = "` + noZone + `" }`),
			want: []string{`Unable to Read Groups`, `Zone z-000000000000 does not exist, so its groups cannot be read`}},
		{category: "groups", name: "group_type", at: "group_type", config: inProvider(`data "tencentcloudidc_groups" "test" { group_type = "SCIM" }`),
			want: []string{`Attribute group_type value must be one of`, `got: "SCIM"`}},
		{category: "groups", name: "filter empty", at: "filter", config: inProvider(`data "tencentcloudidc_groups" "test" { filter = "" }`),
			want: []string{`Attribute filter string length must be at least 1`, `Remove filter to list every group`}},
	}
}

// badFunctionInputs are arguments provider::tencentcloudidc::saml_metadata refuses.
func badFunctionInputs() []badInput {
	return []badInput{
		{category: "function", name: "metadata without a signing certificate", functions: true,
			config: functionCall(func(t *testing.T) string { return fmt.Sprintf("file(%q)", fixtureFile(t, "samlify-1.xml")) }),
			want:   []string{`saml_metadata`, `SAML Signing Certificate Missing`, `xmldsig#"`}},
		{category: "function", name: "HTML instead of metadata", functions: true,
			config: functionCall(func(*testing.T) string { return `"<html>not metadata</html>"` }),
			want:   []string{`Invalid function argument`, `Invalid SAML Metadata`}},
		{category: "function", name: "empty string", functions: true,
			config: functionCall(func(*testing.T) string { return `""` }),
			want:   []string{`Invalid function argument`, `Invalid SAML Metadata`}},
		{category: "function", name: "null", functions: true,
			config: functionCall(func(*testing.T) string { return `null` }),
			want:   []string{`Invalid function argument`, `must not be null`}},
		{category: "function", name: "filebase64() instead of file()", functions: true,
			config: functionCall(func(t *testing.T) string { return fmt.Sprintf("filebase64(%q)", fixtureFile(t, "okta-1.xml")) }),
			want:   []string{`Invalid function argument`, `SAML Metadata Is Base64-Encoded`, `base64 encoding of the metadata`, `base64decode()`}},
		{category: "function", name: "DTD with an external entity (XXE)", functions: true,
			config: functionCall(func(*testing.T) string { return fmt.Sprintf("%q", xxeMetadata) }),
			want:   []string{`Invalid function argument`, `has a <!DOCTYPE> declaration`}},
	}
}

// TestAccBadInput plans every bad configuration through the CLI. Each row has its own
// simulator, so a row's calls are its own.
// badRoleAssignmentInputs are mistakes in the role assignment resource.
func badRoleAssignmentInputs() []badInput {
	const rc = "rc-4plmus8fdfsb"
	ra := func(body string) func(*testing.T, *acctest.Env) string {
		return func(t *testing.T, env *acctest.Env) string {
			uin := memberUin(t, env)
			return env.ProviderConfig() + fmt.Sprintf("resource \"tencentcloudidc_role_assignment\" \"test\" {\n  role_configuration_id = %q\n"+
				"  target_uin = %d\n  principal_type = \"Group\"\n%s\n}\n", rc, uin, body)
		}
	}
	byName := "  principal_name = \"cloud-engineers\"\n"
	return []badInput{
		{category: "role_assignment", name: "zone of another organization", at: "zone_id", config: ra(byName + `  zone_id = "` + noZone + `"`),
			want: []string{"Wrong Identity Center Zone", "Zone z-000000000000 is not this organization's Identity Center zone", "Nothing is created"}},
		{category: "role_assignment", name: "both principal_id and principal_name", at: "principal_id",
			config: ra(byName + `  principal_id = "g-8sjd2k3l"`),
			want:   []string{"Principal Set Twice", "Set exactly one of principal_id or principal_name, not both"}},
		{category: "role_assignment", name: "neither principal_id nor principal_name",
			config: ra(""),
			want:   []string{"Principal Not Set", "Set exactly one of principal_id", "or principal_name", "neither is set"}},
		{category: "role_assignment", name: "user ID for a group", at: "principal_id",
			config: ra(`  principal_id = "u-8sjd2k3l"`),
			want:   []string{"Principal ID Does Not Match Principal Type", `principal_id is "u-8sjd2k3l", but principal_type is "Group"`, `start with "g-"`}},
		{category: "role_assignment", name: "principal_id not an ID", at: "principal_id",
			config: ra(`  principal_id = "cloud-engineers"`),
			want:   []string{"principal_id must be a user ID (u- and letters or digits) or a group ID"}},
		{category: "role_assignment", name: "role_configuration_id by name", at: "role_configuration_id",
			config: func(t *testing.T, env *acctest.Env) string {
				return env.ProviderConfig() + fmt.Sprintf("resource \"tencentcloudidc_role_assignment\" \"test\" {\n  role_configuration_id = \"platform-readonly\"\n"+
					"  target_uin = %d\n  principal_type = \"Group\"\n%s}\n", memberUin(t, env), byName)
			},
			want: []string{"role_configuration_id must be a role configuration ID: rc- followed by 12"}},
		{category: "role_assignment", name: "target_type misspelt", at: "target_type",
			config: ra(byName + `  target_type = "Member"`),
			want:   []string{"Attribute target_type value must be one of", `"MemberUin"`, `"ManagerUin"`, `got: "Member"`}},
		{category: "role_assignment", name: "principal_type misspelt", at: "principal_type",
			config: func(t *testing.T, env *acctest.Env) string {
				return env.ProviderConfig() + fmt.Sprintf("resource \"tencentcloudidc_role_assignment\" \"test\" {\n  role_configuration_id = %q\n"+
					"  target_uin = %d\n  principal_type = \"group\"\n%s}\n", rc, memberUin(t, env), byName)
			},
			want: []string{"Attribute principal_type value must be one of", `"User"`, `"Group"`, `got: "group"`}},
		{category: "role_assignment", name: "deprovision_strategy misspelt", at: "deprovision_strategy",
			config: ra(byName + `  deprovision_strategy = "DeprovisionForLastRoleAssignment"`),
			want:   []string{"Attribute deprovision_strategy value must be one of", `"DeprovisionForLastRoleAssignmentOnAccount"`, `"None"`}},
		{category: "role_assignment", name: "target_uin zero", at: "target_uin",
			config: func(_ *testing.T, env *acctest.Env) string {
				return env.ProviderConfig() + fmt.Sprintf("resource \"tencentcloudidc_role_assignment\" \"test\" {\n  role_configuration_id = %q\n"+
					"  target_uin = 0\n  principal_type = \"Group\"\n%s}\n", rc, byName)
			},
			want: []string{"Attribute target_uin value must be at least 1, got: 0"}},
		{category: "role_assignment", name: "target_uin not in the organization", at: "target_uin",
			config: func(_ *testing.T, env *acctest.Env) string {
				return env.ProviderConfig() + fmt.Sprintf("resource \"tencentcloudidc_role_assignment\" \"test\" {\n  role_configuration_id = %q\n"+
					"  target_uin = 999999999999\n  principal_type = \"Group\"\n%s}\n", rc, byName)
			},
			want: []string{"Account Not in the Organization", "target_uin is 999999999999, which is not a member account of the organization",
				"data.tencentcloudidc_member_accounts"}},
		{category: "role_assignment", name: "ManagerUin with a member account", at: "target_uin",
			config: ra(byName + `  target_type = "ManagerUin"`),
			want:   []string{"Not the Management Account", `with target_type = "ManagerUin" it must be the organization's management account`, `set target_type = "MemberUin"`}},
	}
}

func TestAccBadInput(t *testing.T) {
	if os.Getenv(resource.EnvTfAcc) == "" {
		t.Skipf("acceptance test: set %s=1", resource.EnvTfAcc)
	}
	rows := badInputs(t)
	perCategory := map[string]int{}
	seen := map[string]bool{}
	for _, row := range rows {
		key := row.category + "/" + row.name
		if seen[key] {
			t.Fatalf("two rows are named %s", key)
		}
		seen[key] = true
		perCategory[row.category]++
	}
	t.Logf("%d bad inputs: %v", len(rows), perCategory)
	for _, row := range rows {
		t.Run(row.category+"/"+row.name, func(t *testing.T) {
			t.Parallel()
			env := acctest.NewEnv(t)
			env.RequireSim(t)
			if row.functions {
				skipUnlessProviderFunctions(t)
			}
			checkBadConfig(t, env, row)
		})
	}
}

// panicMarkers are what the CLIs print when a provider crashes.
var panicMarkers = regexp.MustCompile(`(?i)panic|plugin crashed|plugin did not respond`)

func checkBadConfig(t *testing.T, env *acctest.Env, row badInput) {
	var planErr error
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		// ErrorCheck sees the whole error text, which ExpectError (one regexp) cannot check
		// for the absence of a crash.
		ErrorCheck: func(err error) error {
			planErr = err
			return nil
		},
		Steps: []resource.TestStep{{Config: row.config(t, env), PlanOnly: true}},
	})
	if planErr == nil {
		t.Fatal("the plan succeeded")
	}
	text := planErr.Error()
	if !strings.HasPrefix(text, "Error running non-refresh plan") {
		t.Errorf("the error did not come from the plan: %s", text)
	}
	if m := panicMarkers.FindString(text); m != "" {
		t.Errorf("the CLI reports a crash (%q): %s", m, text)
	}
	want := make([]string, len(row.want))
	for i, f := range row.want {
		want[i] = strings.ReplaceAll(f, "%ZONE%", env.ZoneID)
	}
	if want := acctest.Words(want...); !want.MatchString(text) {
		t.Errorf("the error does not match %s:\n%s", want, text)
	}
	if row.at != "" && !regexp.MustCompile(`(?m)^\s*\d+:.*\b`+regexp.QuoteMeta(row.at)+`\s*=`).MatchString(text) {
		t.Errorf("the error does not point at %s:\n%s", row.at, text)
	}
	for _, secret := range append([]string{env.SecretKey}, row.absent...) {
		if strings.Contains(text, secret) {
			t.Errorf("the error shows the secret %q", secret)
		}
	}
	if err := env.NoMutatingCalls("a configuration refused at plan"); err != nil {
		t.Error(err)
	}
}
