package provider

import (
	"fmt"
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

const scimCredentialsAddr = "data.tencentcloudidc_scim_credentials.test"

func TestAccSCIMCredentialsDataSource_basic(t *testing.T) {
	env := acctest.NewEnv(t)
	env.RequireSim(t)
	config := env.ProviderConfig() + `data "tencentcloudidc_scim_credentials" "test" {}`
	var secrets []string
	var ids []string
	timestamp := knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// None yet: empty lists, not null.
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(scimCredentialsAddr, tfjsonpath.New("zone_id"), knownvalue.StringExact(env.ZoneID)),
					statecheck.ExpectKnownValue(scimCredentialsAddr, tfjsonpath.New("credentials"), knownvalue.ListExact([]knownvalue.Check{})),
					statecheck.ExpectKnownValue(scimCredentialsAddr, tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{})),
				},
			},
			{
				// Two keys minted outside Terraform, one of them disabled since.
				PreConfig: func() {
					ctx := ctxBackground()
					if err := env.API.UpdateSCIMSynchronizationStatus(ctx, env.ZoneID, true); err != nil {
						t.Fatal(err)
					}
					for range 2 {
						c, err := env.API.CreateSCIMCredential(ctx, env.ZoneID, 0)
						if err != nil {
							t.Fatal(err)
						}
						secrets, ids = append(secrets, c.Secret), append(ids, c.CredentialID)
					}
					if err := env.API.UpdateSCIMCredentialStatus(ctx, env.ZoneID, ids[1], false); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(scimCredentialsAddr, tfjsonpath.New("credentials"), knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue(scimCredentialsAddr, tfjsonpath.New("credentials").AtSliceIndex(0), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"credential_id": knownvalue.StringRegexp(regexp.MustCompile(`^scimcred-[0-9a-z]{12}$`)),
						"status":        knownvalue.StringExact("Enabled"),
						"type":          knownvalue.StringExact("BearerToken"),
						"create_time":   timestamp,
						"expire_time":   timestamp,
					})),
				},
				Check: func(s *terraform.State) error {
					attrs := s.RootModule().Resources[scimCredentialsAddr].Primary.Attributes
					for i, id := range ids {
						if got := attrs[fmt.Sprintf("ids.%d", i)]; got != id {
							return fmt.Errorf("ids.%d = %q, want %q", i, got, id)
						}
						if got := attrs[fmt.Sprintf("credentials.%d.credential_id", i)]; got != id {
							return fmt.Errorf("credentials.%d.credential_id = %q, want %q", i, got, id)
						}
					}
					if got := attrs["credentials.1.status"]; got != "Disabled" {
						return fmt.Errorf("the disabled credential has status %q", got)
					}
					// No secret anywhere in the state.
					for k, v := range attrs {
						for _, secret := range secrets {
							if secret != "" && strings.Contains(v, secret) {
								return fmt.Errorf("attribute %s holds a credential secret", k)
							}
						}
					}
					return nil
				},
			},
		},
	})
}
