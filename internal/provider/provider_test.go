package provider

import (
	"fmt"
	"os"
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

// A half key pair from the environment is named as such: the user looks for the variable,
// not for a line in the provider block.
func TestAccProviderKeyPairFromEnvironment(t *testing.T) {
	env := acctest.NewEnv(t)
	env.RequireSim(t)
	t.Setenv("TENCENTCLOUD_SECRET_ID", env.SecretID)
	t.Setenv("TENCENTCLOUD_SECRET_KEY", "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf("terraform {\n  required_providers {\n    tencentcloudidc = {\n      source = \"tencentcloudidc/tencentcloudidc\"\n    }\n  }\n}\n\n"+
				"provider \"tencentcloudidc\" {\n  endpoint = %q\n  protocol = \"HTTP\"\n}\n\ndata \"tencentcloudidc_zone\" \"test\" {}\n", env.Endpoint),
			PlanOnly: true,
			ExpectError: acctest.Words(`Incomplete API Key Pair`,
				`The secret ID is set (by the environment variable TENCENTCLOUD_SECRET_ID), but the secret key is not: neither secret_key in the provider block nor the environment variable TENCENTCLOUD_SECRET_KEY has a value.`),
		}},
	})
}
