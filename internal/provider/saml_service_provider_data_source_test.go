package provider

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/acctest"
)

const samlSPAddr = "data.tencentcloudidc_saml_service_provider.test"

func TestAccSAMLServiceProviderDataSource_basic(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.ProviderConfig() + `data "tencentcloudidc_saml_service_provider" "test" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(samlSPAddr, tfjsonpath.New("zone_id"), knownvalue.StringExact(env.ZoneID)),
				statecheck.ExpectKnownValue(samlSPAddr, tfjsonpath.New("entity_id"),
					knownvalue.StringRegexp(regexp.MustCompile(`^https://\S+/saml/sp/`+env.ZoneID+`$`))),
				statecheck.ExpectKnownValue(samlSPAddr, tfjsonpath.New("acs_url"), knownvalue.StringRegexp(regexp.MustCompile(`^https://\S+/saml/acs/\S+$`))),
				statecheck.ExpectKnownValue(samlSPAddr, tfjsonpath.New("metadata_xml"),
					knownvalue.StringRegexp(regexp.MustCompile(`(?s)^<\?xml.*SPSSODescriptor.*AssertionConsumerService`))),
				statecheck.ExpectKnownValue(samlSPAddr, tfjsonpath.New("encoded_metadata_document"), knownvalue.NotNull()),
			},
			Check: func(s *terraform.State) error {
				attrs := s.RootModule().Resources[samlSPAddr].Primary.Attributes
				// metadata_xml is the decoded document, and it names the same entity ID and ACS URL.
				raw, err := base64.StdEncoding.DecodeString(attrs["encoded_metadata_document"])
				if err != nil {
					return fmt.Errorf("encoded_metadata_document is not Base64: %w", err)
				}
				decoded := string(raw)
				if strings.HasPrefix(decoded, "%3C") { // the service's URL-encoded XML
					if decoded, err = url.QueryUnescape(decoded); err != nil {
						return err
					}
				}
				if decoded != attrs["metadata_xml"] {
					return fmt.Errorf("metadata_xml is not encoded_metadata_document decoded:\n%s\nvs\n%s", attrs["metadata_xml"], decoded)
				}
				for _, v := range []string{attrs["entity_id"], attrs["acs_url"]} {
					if !strings.Contains(attrs["metadata_xml"], v) {
						return fmt.Errorf("metadata_xml does not mention %s", v)
					}
				}
				return nil
			},
		}},
	})
}
