package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// moveResourceState sends a MoveResourceState request to the provider server as a CLI does
// for a moved block whose from is sourceType of sourceAddress.
func moveResourceState(t *testing.T, target, sourceAddress, sourceType string, version int64, state string) *tfprotov6.MoveResourceStateResponse {
	t.Helper()
	resp, err := NewProtocol6Server("test")().MoveResourceState(t.Context(), &tfprotov6.MoveResourceStateRequest{
		SourceProviderAddress: sourceAddress,
		SourceTypeName:        sourceType,
		SourceSchemaVersion:   version,
		SourceState:           &tfprotov6.RawState{JSON: []byte(state)},
		TargetTypeName:        target,
	})
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// movedAttributes returns the string and bool attributes of the moved state (null ones absent).
func movedAttributes(t *testing.T, r resource.Resource, resp *tfprotov6.MoveResourceStateResponse) map[string]any {
	t.Helper()
	if resp.TargetState == nil {
		t.Fatal("no target state")
	}
	var sr resource.SchemaResponse
	r.Schema(t.Context(), resource.SchemaRequest{}, &sr)
	v, err := resp.TargetState.Unmarshal(sr.Schema.Type().TerraformType(t.Context()))
	if err != nil {
		t.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		t.Fatal(err)
	}
	out := map[string]any{}
	for name, a := range attrs {
		var s string
		var b bool
		switch {
		case a.IsNull():
		case a.Type().Is(tftypes.String) && a.As(&s) == nil:
			out[name] = s
		case a.Type().Is(tftypes.Bool) && a.As(&b) == nil:
			out[name] = b
		}
	}
	return out
}

const (
	officialSecret     = "movesecret-0123456789abcdefghij"
	officialCredential = `{"id":"z-abcdefabcdef#scimcred-abcdefabcdef","zone_id":"z-abcdefabcdef","credential_id":"scimcred-abcdefabcdef",` +
		`"credential_secret":"` + officialSecret + `","credential_type":"BearerToken","status":"Enabled",` +
		`"create_time":"2026-01-02 11:04:05","expire_time":"2027-01-02 11:04:05"}`
)

// TestMoveStateFromOfficial: every source address a CLI sends for the official provider is
// accepted, and the credential arrives whole, secret included, times converted to RFC 3339 UTC.
func TestMoveStateFromOfficial(t *testing.T) {
	for _, address := range officialProviderSources {
		t.Run(address, func(t *testing.T) {
			resp := moveResourceState(t, "tencentcloudidc_scim_credential", address, "tencentcloud_identity_center_scim_credential", 0, officialCredential)
			if len(resp.Diagnostics) != 0 {
				t.Fatalf("diagnostics: %+v", resp.Diagnostics)
			}
			got := movedAttributes(t, NewSCIMCredentialResource(), resp)
			want := map[string]any{
				"id": "z-abcdefabcdef/scimcred-abcdefabcdef", "zone_id": "z-abcdefabcdef", "credential_id": "scimcred-abcdefabcdef",
				"secret": officialSecret, "credential_type": "BearerToken", "status": "Enabled", "enabled": true,
				"create_time": "2026-01-02T03:04:05Z", "expire_time": "2027-01-02T03:04:05Z",
			}
			for k, v := range want {
				if got[k] != v {
					t.Errorf("%s = %v, want %v", k, got[k], v)
				}
			}
			if resp.TargetIdentity == nil {
				t.Error("no identity")
			}
		})
	}
}

// TestMoveStateRefusals: a source that is not the official provider's, a schema version we do
// not know, a resource type we have no mover for, and a state we cannot read are refused with
// an error that names what was got and what is accepted, and never quotes the secret.
func TestMoveStateRefusals(t *testing.T) {
	const official = "registry.terraform.io/tencentcloudstack/tencentcloud"
	cases := []struct {
		name, target, address, sourceType string
		version                           int64
		state                             string
		want                              []string
	}{
		{"another provider", "tencentcloudidc_scim_credential", "registry.terraform.io/example/tencentcloud", "tencentcloud_identity_center_scim_credential", 0, officialCredential,
			[]string{"Unable to Move Resource State", "the source provider is registry.terraform.io/example/tencentcloud", official, "registry.opentofu.org/tencentcloudstack/tencentcloud", "import tencentcloudidc_scim_credential"}},
		{"a fork under another namespace", "tencentcloudidc_saml_identity_provider", "registry.opentofu.org/someone/tencentcloud", "tencentcloud_identity_center_external_saml_identity_provider", 0, `{"id":"z-abcdefabcdef","zone_id":"z-abcdefabcdef"}`,
			[]string{"the source provider is registry.opentofu.org/someone/tencentcloud"}},
		{"an unknown schema version", "tencentcloudidc_scim_credential", official, "tencentcloud_identity_center_scim_credential", 1, officialCredential,
			[]string{"schema version 1", "knows only version 0 of tencentcloud_identity_center_scim_credential"}},
		{"a resource type without a mover", "tencentcloudidc_scim_credential", official, "tencentcloud_identity_center_scim_credential_status", 0, `{"id":"z-abcdefabcdef#scimcred-abcdefabcdef"}`,
			[]string{"tencentcloudidc_scim_credential can be moved only from tencentcloud_identity_center_scim_credential of the official provider",
				"the moved block's source is tencentcloud_identity_center_scim_credential_status of " + official}},
		{"the other IdP type's target", "tencentcloudidc_saml_identity_provider", official, "tencentcloud_identity_center_scim_credential", 0, officialCredential,
			[]string{"only from tencentcloud_identity_center_external_saml_identity_provider or tencentcloud_organization_external_saml_identity_provider"}},
		{"not a JSON object", "tencentcloudidc_scim_synchronization", official, "tencentcloud_identity_center_scim_synchronization_status", 0, `["` + officialSecret + `"]`,
			[]string{"its state is not a JSON object"}},
		{"no zone", "tencentcloudidc_scim_synchronization", official, "tencentcloud_identity_center_scim_synchronization_status", 0, `{"id":"","scim_synchronization_status":"Enabled"}`,
			[]string{`its zone_id "" is not a zone ID`}},
		{"a credential ID of another form", "tencentcloudidc_scim_credential", official, "tencentcloud_identity_center_scim_credential", 0,
			`{"id":"z-abcdefabcdef#cred-1","zone_id":"z-abcdefabcdef","credential_id":"cred-1","credential_secret":"` + officialSecret + `"}`,
			[]string{`its credential_id "cred-1" in zone z-abcdefabcdef is not a SCIM credential ID`}},
		{"a role configuration ID of another form", "tencentcloudidc_role_configuration", official, "tencentcloud_identity_center_role_configuration", 0,
			`{"id":"z-abcdefabcdef#r-1","zone_id":"z-abcdefabcdef","role_configuration_id":"r-1","role_configuration_name":"ops"}`,
			[]string{`its role_configuration_id "r-1" in zone z-abcdefabcdef is not a role configuration ID`}},
		{"a role configuration without its ID", "tencentcloudidc_role_configuration", official, "tencentcloud_identity_center_role_configuration", 0,
			`{"id":"z-abcdefabcdef","zone_id":"z-abcdefabcdef"}`,
			[]string{`its role_configuration_id "" in zone z-abcdefabcdef is not a role configuration ID`}},
		{"a policy attachment", "tencentcloudidc_role_configuration", official, "tencentcloud_identity_center_role_configuration_permission_policy_attachment", 0,
			`{"id":"z-abcdefabcdef#rc-abcdefabcdef#186457"}`,
			[]string{"tencentcloudidc_role_configuration can be moved only from tencentcloud_identity_center_role_configuration of the official provider",
				"a removed block with destroy = false"}},
		{"an assignment on account 0", "tencentcloudidc_role_assignment", official, "tencentcloud_identity_center_role_assignment", 0,
			`{"id":"z-abcdefabcdef#rc-abcdefabcdef#MemberUin#0#Group#g-abcdefabcdef","zone_id":"z-abcdefabcdef","role_configuration_id":"rc-abcdefabcdef",` +
				`"target_type":"MemberUin","target_uin":0,"principal_type":"Group","principal_id":"g-abcdefabcdef"}`,
			[]string{"Cannot move tencentcloud_identity_center_role_assignment", `the target UIN "0" is not a positive number`}},
		{"an assignment whose principal is of the other type", "tencentcloudidc_role_assignment", official, "tencentcloud_identity_center_role_assignment", 0,
			`{"id":"z-abcdefabcdef#rc-abcdefabcdef#MemberUin#100000000001#User#g-abcdefabcdef"}`,
			[]string{`"g-abcdefabcdef" is not a user ID`}},
		{"an assignment ID with five parts", "tencentcloudidc_role_assignment", official, "tencentcloud_identity_center_role_assignment", 0,
			`{"id":"z-abcdefabcdef#rc-abcdefabcdef#MemberUin#100000000001#g-abcdefabcdef"}`,
			[]string{"it has 5 parts, not 6"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := moveResourceState(t, tc.target, tc.address, tc.sourceType, tc.version, tc.state)
			var text strings.Builder
			errors := 0
			for _, d := range resp.Diagnostics {
				if d.Severity == tfprotov6.DiagnosticSeverityError {
					errors++
				}
				text.WriteString(d.Summary + "\n" + d.Detail + "\n")
			}
			if errors != 1 {
				t.Fatalf("want one error, got %+v", resp.Diagnostics)
			}
			for _, w := range tc.want {
				if !strings.Contains(text.String(), w) {
					t.Errorf("the diagnostics lack %q:\n%s", w, text.String())
				}
			}
			if strings.Contains(text.String(), officialSecret) {
				t.Errorf("the diagnostics quote the secret:\n%s", text.String())
			}
		})
	}
}

// TestMoveStateSAMLIdentityProviderTakesOnlyTheZone: of the official IdP state, which may hold
// Tencent's own SP entity ID and metadata, the move keeps only the zone, and that the IdP was
// described by a document; the Read that follows fills the rest from the service.
func TestMoveStateSAMLIdentityProviderTakesOnlyTheZone(t *testing.T) {
	const spState = `{"id":"z-abcdefabcdef","zone_id":"z-abcdefabcdef","entity_id":"https://tencentcloudsso.com/saml/sp/z-abcdefabcdef",` +
		`"encoded_metadata_document":"UEQ5NGJXd2dkbVZ5YzJsdmJqMGlNUzR3SWo4KwA=","login_url":"","sso_status":"Enabled","x509_certificate":""}`
	for _, source := range []string{"tencentcloud_identity_center_external_saml_identity_provider", "tencentcloud_organization_external_saml_identity_provider"} {
		t.Run(source, func(t *testing.T) {
			resp := moveResourceState(t, "tencentcloudidc_saml_identity_provider", "tencentcloud", source, 0, spState)
			if len(resp.Diagnostics) != 0 {
				t.Fatalf("diagnostics: %+v", resp.Diagnostics)
			}
			got := movedAttributes(t, NewSAMLIdentityProviderResource(), resp)
			want := map[string]any{"id": "z-abcdefabcdef", "zone_id": "z-abcdefabcdef", "encoded_metadata_document": movedDocumentHint}
			if len(got) != len(want) {
				t.Errorf("moved attributes %v, want only %v", got, want)
			}
			for k, v := range want {
				if got[k] != v {
					t.Errorf("%s = %v, want %v", k, got[k], v)
				}
			}
		})
	}
}

// TestMoveStateSCIMCredentialWithoutSecret: a credential the official provider had imported has
// an empty credential_secret; it moves with a null secret and a warning saying how to get one.
func TestMoveStateSCIMCredentialWithoutSecret(t *testing.T) {
	state := strings.Replace(officialCredential, officialSecret, "", 1)
	resp := moveResourceState(t, "tencentcloudidc_scim_credential", "registry.opentofu.org/tencentcloudstack/tencentcloud",
		"tencentcloud_identity_center_scim_credential", 0, state)
	if len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Severity != tfprotov6.DiagnosticSeverityWarning ||
		resp.Diagnostics[0].Summary != "SCIM Credential Moved Without Its Secret" ||
		!strings.Contains(resp.Diagnostics[0].Detail, "credential scimcred-abcdefabcdef of zone z-abcdefabcdef") {
		t.Fatalf("want the warning about the missing secret, got %+v", resp.Diagnostics)
	}
	got := movedAttributes(t, NewSCIMCredentialResource(), resp)
	if _, ok := got["secret"]; ok {
		t.Errorf("secret = %v, want null", got["secret"])
	}
	if got["credential_id"] != "scimcred-abcdefabcdef" {
		t.Errorf("credential_id = %v", got["credential_id"])
	}
}
