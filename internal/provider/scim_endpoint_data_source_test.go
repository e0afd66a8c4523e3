package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/acctest"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
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

func TestAddDataSourceReadError(t *testing.T) {
	zoneGone := &idc.APIError{Action: "ListUsers", Code: "FailedOperation.ZoneIdNotExist", Message: "zone not found", RequestID: "req-1"}
	throttled := &idc.APIError{Action: "ListUsers", Code: "RequestLimitExceeded", Message: "slow down", RequestID: "req-2"}
	cases := map[string]struct {
		configured  string
		err         error
		wantPath    bool
		wantSummary string
		wantDetail  []string
	}{
		"zone from the data source": {"z-000000000000", zoneGone, true, "Unable to Read Users",
			[]string{"Zone z-000000000000 does not exist", "FailedOperation.ZoneIdNotExist", "req-1", "data.tencentcloudidc_zone"}},
		"zone from the provider": {"", zoneGone, false, "Unable to Read Users",
			[]string{"Zone z-000000000000 does not exist", "provider's zone_id"}},
		"other failure": {"z-000000000000", throttled, false, "Unable to Read Users",
			[]string{"RequestLimitExceeded", "req-2", "lower Terraform's -parallelism"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var diags diag.Diagnostics
			configured := types.StringNull()
			if tc.configured != "" {
				configured = types.StringValue(tc.configured)
			}
			addDataSourceReadError(&diags, configured, "Users", "z-000000000000", tc.err)
			if len(diags) != 1 {
				t.Fatalf("got %d diagnostics, want 1", len(diags))
			}
			d := diags[0]
			_, hasPath := d.(diag.DiagnosticWithPath)
			if hasPath != tc.wantPath || d.Summary() != tc.wantSummary {
				t.Errorf("path %t summary %q, want %t %q", hasPath, d.Summary(), tc.wantPath, tc.wantSummary)
			}
			for _, w := range tc.wantDetail {
				if !strings.Contains(d.Detail(), w) {
					t.Errorf("detail %q lacks %q", d.Detail(), w)
				}
			}
		})
	}
}
