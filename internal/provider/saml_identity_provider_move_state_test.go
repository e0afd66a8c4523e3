package provider

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/acctest"
)

// TestAccSAMLIdentityProviderMoveFromOfficial moves each of the official provider's two IdP
// resources to ours, described by metadata and by hand, and checks that our state holds the
// IdP as the service reports it, never Tencent's own SP metadata that the official Read can
// store (the stand-in reproduces that), and that the plans show only the move, then nothing.
func TestAccSAMLIdentityProviderMoveFromOfficial(t *testing.T) {
	const entity, login = "https://idp.example.com/moved", "https://idp.example.com/moved/sso"
	cert := validTestCert(t, "moved")
	encoded := base64.StdEncoding.EncodeToString([]byte(testMetadata(entity, login, mdStyle{}, cert)))
	heredoc := "<<-EOT\n" + cert.pem + "EOT"
	cases := []struct {
		name, sourceType, theirs, ours string
		byHand                         bool
	}{
		{"identity_center/metadata", "tencentcloud_identity_center_external_saml_identity_provider",
			fmt.Sprintf("encoded_metadata_document = %q\n  sso_status = \"Enabled\"", encoded),
			fmt.Sprintf("encoded_metadata_document = %q\n  sso_enabled = true", encoded), false},
		{"identity_center/by_hand", "tencentcloud_identity_center_external_saml_identity_provider",
			fmt.Sprintf("entity_id = %q\n  login_url = %q\n  x509_certificate = %s\n  sso_status = \"Disabled\"", entity, login, heredoc),
			strings.Join(append(manualLines(entity, login, cert.pem), "sso_enabled = false"), "\n  "), true},
		{"organization/metadata", "tencentcloud_organization_external_saml_identity_provider",
			fmt.Sprintf("encoded_metadata_document = %q\n  sso_status = \"Enabled\"", encoded),
			fmt.Sprintf("encoded_metadata_document = %q\n  sso_enabled = true", encoded), false},
		{"organization/by_hand", "tencentcloud_organization_external_saml_identity_provider",
			fmt.Sprintf("entity_id = %q\n  login_url = %q\n  x509_certificate = %s\n  sso_status = \"Enabled\"", entity, login, heredoc),
			strings.Join(append(manualLines(entity, login, cert.pem), "sso_enabled = true"), "\n  "), true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := acctest.NewEnv(t)
			from := tc.sourceType + ".this"
			d := newOfficialDir(t, env, fmt.Sprintf("resource %q \"this\" {\n  zone_id = %q\n  %s\n}\n", tc.sourceType, env.ZoneID, tc.theirs))
			official := d.stateAttributes(from)
			if tc.byHand {
				// What the mover must not trust: with no IdP document, the official Read keeps
				// Tencent's SP metadata in encoded_metadata_document.
				sp, err := env.API.GetZoneSAMLServiceProviderInfo(t.Context(), env.ZoneID)
				if err != nil {
					t.Fatal(err)
				}
				if official["encoded_metadata_document"] != sp.EncodedMetadataDocument {
					t.Errorf("the stand-in's state does not hold the SP metadata as the official Read does: %v", official["encoded_metadata_document"])
				}
			}

			d.checkMove(env, fmt.Sprintf("resource \"tencentcloudidc_saml_identity_provider\" \"this\" {\n  zone_id = %q\n  %s\n}\n\nmoved {\n  from = %s\n  to   = tencentcloudidc_saml_identity_provider.this\n}\n",
				env.ZoneID, tc.ours, from), map[string]string{from: "tencentcloudidc_saml_identity_provider.this"})

			ours := d.stateAttributes("tencentcloudidc_saml_identity_provider.this")
			if ours == nil {
				t.Fatal("tencentcloudidc_saml_identity_provider.this is not in the state after the move")
			}
			if ours["entity_id"] != entity || ours["login_url"] != login {
				t.Errorf("after the move entity_id/login_url are %v/%v, want the IdP's %s/%s", ours["entity_id"], ours["login_url"], entity, login)
			}
			wantDoc := any(encoded)
			if tc.byHand {
				wantDoc = nil
			}
			if ours["encoded_metadata_document"] != wantDoc {
				t.Errorf("after the move encoded_metadata_document is %v, want %v", ours["encoded_metadata_document"], wantDoc)
			}
			if d.stateAttributes(from) != nil {
				t.Errorf("%s is still in the state after the move", from)
			}
		})
	}
}
