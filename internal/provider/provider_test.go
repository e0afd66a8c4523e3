package provider

import (
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/acctest"
)

// testAccProtoV6ProviderFactories serves the provider in-process for the CLI under test.
var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"tencentcloudidc": func() (tfprotov6.ProviderServer, error) { return NewProtocol6Server("test")(), nil },
}

func TestMain(m *testing.M) {
	os.Exit(acctest.Main(m))
}
