package provider

import (
	"fmt"
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/acctest"
)

// A refresh of all three resources costs exactly one API call per object (the IdP needs two:
// its configuration and its certificate list): drift detection on a schedule must stay cheap
// and far from the service's 20 requests per second.
func TestAccResources_refreshCost(t *testing.T) {
	env := acctest.NewEnv(t)
	env.RequireSim(t)
	metadata, err := os.ReadFile("../../examples/complete/onelogin-idp-metadata.xml")
	if err != nil {
		t.Fatal(err)
	}
	config := env.ProviderConfig(fmt.Sprintf("zone_id = %q", env.ZoneID)) + fmt.Sprintf(`
resource "tencentcloudidc_scim_synchronization" "test" {}

resource "tencentcloudidc_scim_credential" "test" {
  depends_on = [tencentcloudidc_scim_synchronization.test]
}

resource "tencentcloudidc_saml_identity_provider" "test" {
  metadata_xml = %q
}
`, metadata)
	want := map[string]int64{
		"GetSCIMSynchronizationStatus":    1,
		"ListSCIMCredentials":             1,
		"GetExternalSAMLIdentityProvider": 1,
		"ListExternalSAMLIdPCertificates": 1,
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig:    env.Sim.ResetStats,
				RefreshState: true,
				Check:        env.CheckExactCalls("a refresh of the three resources", want),
			},
		},
	})
}
