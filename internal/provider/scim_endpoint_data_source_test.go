package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/acctest"
)

const scimEndpointAddr = "data.tencentcloudidc_scim_endpoint.test"

func TestAccSCIMEndpointDataSource_basic(t *testing.T) {
	env := acctest.NewEnv(t)
	config := env.ProviderConfig() + `data "tencentcloudidc_scim_endpoint" "test" {}`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(scimEndpointAddr, tfjsonpath.New("zone_id"), knownvalue.StringExact(env.ZoneID)),
					statecheck.ExpectKnownValue(scimEndpointAddr, tfjsonpath.New("url"), knownvalue.StringExact("https://scim.tencentcloudsso.com/scim/v2")),
					statecheck.ExpectKnownValue(scimEndpointAddr, tfjsonpath.New("site"), knownvalue.StringExact("china")),
					statecheck.ExpectKnownValue(scimEndpointAddr, tfjsonpath.New("synchronization_enabled"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(scimEndpointAddr, tfjsonpath.New("authentication_type"), knownvalue.StringExact("BearerToken")),
				},
			},
			{
				// Turned on in the console: the next read says so.
				PreConfig: func() {
					if err := env.API.UpdateSCIMSynchronizationStatus(ctxBackground(), env.ZoneID, true); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(scimEndpointAddr, tfjsonpath.New("synchronization_enabled"), knownvalue.Bool(true)),
				},
			},
		},
	})
}

func TestAccSCIMEndpointDataSource_site(t *testing.T) {
	env := acctest.NewEnv(t)
	env.RequireSim(t)
	cases := map[string]struct {
		settings []string
		url      string
		site     string
	}{
		// The endpoint setting points the API at the simulator; the domain still picks the site.
		"international domain":                           {[]string{`domain = "intl.tencentcloudapi.com"`}, "https://scim.tencentcloudssointl.com/scim/v2", "international"},
		"explicit SCIM endpoint, trailing slash dropped": {[]string{fmt.Sprintf("scim_endpoint = %q", env.SCIMURL+"/")}, env.SCIMURL, "china"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: env.ProviderConfig(tc.settings...) + fmt.Sprintf(`data "tencentcloudidc_scim_endpoint" "test" { zone_id = %q }`, env.ZoneID),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(scimEndpointAddr, tfjsonpath.New("url"), knownvalue.StringExact(tc.url)),
						statecheck.ExpectKnownValue(scimEndpointAddr, tfjsonpath.New("site"), knownvalue.StringExact(tc.site)),
					},
				}},
			})
		})
	}
}
