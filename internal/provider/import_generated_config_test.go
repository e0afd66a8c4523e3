package provider

import (
	"encoding/base64"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/acctest"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idcsim"
)

// TestAccImportGeneratedConfig imports every resource, and the identity provider described
// each way, with an import block and `plan -generate-config-out`, as a user adopting objects
// made in the console does, then checks what the CLI wrote: it validates, the import applies
// without changing anything, and the plan after it is empty (exit code 0).
func TestAccImportGeneratedConfig(t *testing.T) {
	const entity, login = "https://idp.example.com/generated", "https://idp.example.com/generated/sso"
	cert, cert2 := validTestCert(t, "generated"), validTestCert(t, "generated-next")
	doc := testMetadata(entity, login, mdStyle{declaration: true}, cert)
	cases := []struct {
		name, resourceType string
		body               func(t *testing.T, env *acctest.Env) string
	}{
		{"saml_identity_provider/metadata_xml", "tencentcloudidc_saml_identity_provider", func(t *testing.T, _ *acctest.Env) string {
			return metadataXMLFrom(writeTestFile(t, "idp.xml", doc))
		}},
		{"saml_identity_provider/encoded_metadata_document", "tencentcloudidc_saml_identity_provider", func(*testing.T, *acctest.Env) string {
			return fmt.Sprintf("encoded_metadata_document = %q", base64.StdEncoding.EncodeToString([]byte(doc)))
		}},
		{"saml_identity_provider/manual", "tencentcloudidc_saml_identity_provider", func(*testing.T, *acctest.Env) string {
			return strings.Join(append(manualLines(entity, login, cert.pem, cert2.pem), "sso_enabled = false"), "\n  ")
		}},
		{"scim_synchronization", "tencentcloudidc_scim_synchronization", func(*testing.T, *acctest.Env) string { return "enabled = true" }},
		{"scim_credential", "tencentcloudidc_scim_credential", func(*testing.T, *acctest.Env) string { return `expire_after = "720h"` }},
		{"role_configuration", "tencentcloudidc_role_configuration", func(*testing.T, *acctest.Env) string {
			return "name = \"generated\"\n  session_duration = \"4h\"\n  system_policies = [\"QcloudVPCReadOnlyAccess\"]"
		}},
		{"role_assignment", "tencentcloudidc_role_assignment", func(t *testing.T, env *acctest.Env) string {
			rc, err := env.API.CreateRoleConfiguration(t.Context(), idc.CreateRoleConfigurationInput{ZoneID: env.ZoneID, Name: "generated"})
			if err != nil {
				t.Fatal(err)
			}
			return fmt.Sprintf("role_configuration_id = %q\n  target_uin = %d\n  principal_type = \"Group\"\n  principal_name = %q",
				rc.RoleConfigurationID, memberUin(t, env), "cloud-engineers")
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env := acctest.NewEnv(t, idcsim.Options{SeedAccounts: 1, TaskDelay: 20 * time.Millisecond})
			env.RequireSim(t)
			addGroup(t, env, "cloud-engineers")
			made := newCLIDir(t, map[string]string{"main.tf": env.ProviderConfig() +
				fmt.Sprintf("resource %q \"made\" {\n  %s\n}\n\noutput \"id\" {\n  value = %s.made.id\n}\n", tc.resourceType, tc.body(t, env), tc.resourceType)})
			made.must("apply", "-auto-approve", "-input=false", "-no-color")
			id := strings.TrimSpace(made.must("output", "-raw", "id"))

			adopt := newCLIDir(t, map[string]string{"main.tf": env.ProviderConfig() +
				fmt.Sprintf("import {\n  to = %s.adopted\n  id = %q\n}\n", tc.resourceType, id)})
			out := adopt.must("plan", "-generate-config-out=generated.tf", "-input=false", "-no-color")
			if !regexp.MustCompile(`1 to import, 0 to add, 0 to change, 0 to destroy`).MatchString(out) {
				t.Errorf("the import plan with the generated configuration is not a pure import:\n%s", out)
			}
			generated := adopt.read("generated.tf")
			t.Logf("generated.tf:\n%s", generated)
			adopt.must("validate", "-no-color")
			env.Sim.ResetStats()
			adopt.must("apply", "-auto-approve", "-input=false", "-no-color")
			if err := env.NoMutatingCalls("applying the import"); err != nil {
				t.Error(err)
			}
			adopt.must("plan", "-detailed-exitcode", "-input=false", "-no-color")
		})
	}
}
