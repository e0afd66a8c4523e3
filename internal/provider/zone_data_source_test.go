package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/acctest"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idcsim"
)

func TestAccZoneDataSource_discovered(t *testing.T) {
	env := acctest.NewEnv(t, idcsim.Options{ZoneName: "acme-sso", SeedUsers: 3, SeedGroups: 2})
	env.RequireSim(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.ProviderConfig() + `data "tencentcloudidc_zone" "test" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.tencentcloudidc_zone.test", tfjsonpath.New("zone_id"), knownvalue.StringExact(env.ZoneID)),
				statecheck.ExpectKnownValue("data.tencentcloudidc_zone.test", tfjsonpath.New("zone_name"), knownvalue.StringExact("acme-sso")),
				statecheck.ExpectKnownValue("data.tencentcloudidc_zone.test", tfjsonpath.New("service_status"), knownvalue.StringExact("Enabled")),
				statecheck.ExpectKnownValue("data.tencentcloudidc_zone.test", tfjsonpath.New("scim_synchronization_enabled"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("data.tencentcloudidc_zone.test", tfjsonpath.New("create_time"),
					knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`))),
				statecheck.ExpectKnownValue("data.tencentcloudidc_zone.test", tfjsonpath.New("statistics").AtMapKey("user_count"), knownvalue.Int64Exact(3)),
				statecheck.ExpectKnownValue("data.tencentcloudidc_zone.test", tfjsonpath.New("statistics").AtMapKey("group_count"), knownvalue.Int64Exact(2)),
				statecheck.ExpectKnownValue("data.tencentcloudidc_zone.test", tfjsonpath.New("statistics").AtMapKey("user_quota"), knownvalue.NotNull()),
			},
		}},
	})
}

func TestAccZoneDataSource_explicitZone(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.ProviderConfig() + fmt.Sprintf(`data "tencentcloudidc_zone" "test" { zone_id = %q }`, env.ZoneID),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.tencentcloudidc_zone.test", tfjsonpath.New("zone_id"), knownvalue.StringExact(env.ZoneID)),
				},
			},
		},
	})
}
