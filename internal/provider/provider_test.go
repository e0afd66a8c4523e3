package provider

import (
	"os"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/acctest"
)

// testAccProtoV6ProviderFactories serves the provider in-process for the CLI under test.
var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"tencentcloudidc": func() (tfprotov6.ProviderServer, error) { return NewProtocol6Server("test")(), nil },
}

func TestMain(m *testing.M) {
	os.Exit(acctest.Main(m))
}

func TestAccProvider_plainHTTPRefusedForRemoteHosts(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
provider "tencentcloudidc" {
  endpoint   = "organization.example.com:80"
  protocol   = "HTTP"
  secret_id  = "AKIDexample"
  secret_key = "example-key"
  zone_id    = "z-abcdefghijkl"
}
data "tencentcloudidc_zone" "test" {}
`,
			ExpectError: regexp.MustCompile(`(?s)HTTP.*loopback`),
		}},
	})
}

func TestAccProvider_invalidSettings(t *testing.T) {
	cases := map[string]struct {
		settings string
		want     string
	}{
		"zone ID format":     {`zone_id = "zone-1"`, `must be .z-. followed by 12 lowercase`},
		"protocol":           {`protocol = "FTP"`, `value must be one of`},
		"endpoint with path": {`endpoint = "https://127.0.0.1:1/x"`, `must be host\[:port\]`},
		"session duration": {`
  assume_role {
    role_arn         = "qcs::cam::uin/100000000001:roleName/terraform"
    session_name     = "terraform"
    session_duration = 50000
  }`, `between 1 and 43200`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      "provider \"tencentcloudidc\" {\n  " + tc.settings + "\n}\ndata \"tencentcloudidc_zone\" \"test\" {}\n",
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
}
