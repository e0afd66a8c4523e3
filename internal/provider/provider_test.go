package provider

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
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

// Settings not known until apply are each reported on their attribute, in the schema's order,
// the same on every run (they were reported in a map's random order).
func TestConfigureUnknownSettingsInOrder(t *testing.T) {
	ctx := t.Context()
	p := New("test")()
	var sresp provider.SchemaResponse
	p.Schema(ctx, provider.SchemaRequest{}, &sresp)
	typ, ok := sresp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		t.Fatal("the provider schema is not an object")
	}
	vals := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(at, nil)
	}
	for _, name := range []string{"zone_id", "endpoint", "secret_id", "region"} {
		vals[name] = tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	}
	cfg := tfsdk.Config{Schema: sresp.Schema, Raw: tftypes.NewValue(typ, vals)}
	want := []string{"secret_id", "region", "endpoint", "zone_id"}
	for range 20 {
		var resp provider.ConfigureResponse
		p.Configure(ctx, provider.ConfigureRequest{Config: cfg}, &resp)
		var got []string
		for _, d := range resp.Diagnostics {
			wp, ok := d.(diag.DiagnosticWithPath)
			if !ok {
				t.Fatalf("diagnostic %q names no attribute", d.Summary())
			}
			got = append(got, wp.Path().String())
			if !strings.Contains(d.Detail(), "TENCENT") {
				t.Errorf("%s: the detail names no environment variable: %s", wp.Path(), d.Detail())
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("unknown settings reported as %v, want %v", got, want)
		}
	}
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
