package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idcsim"
)

// discoveryFixture is a provider's data with no zone_id, talking to its own simulator with
// the client's retries off, so that one injected fault is one failed discovery.
func discoveryFixture(t *testing.T) (*providerData, *idcsim.Server) {
	t.Helper()
	sim, err := idcsim.New(idcsim.Options{ZoneID: "z-discovery012"})
	if err != nil {
		t.Fatal(err)
	}
	if err := sim.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sim.Close() })
	r := sim.Ready()
	client, err := idc.New(t.Context(), idc.Config{
		SecretID: r.SecretID, SecretKey: r.SecretKey, Endpoint: r.Endpoint, Protocol: idc.ProtocolHTTP,
		MaxRetries: -1, RateLimit: -1,
	})
	if err != nil {
		t.Fatal(err)
	}
	return &providerData{client: client}, sim
}

// A failed discovery is not kept: the next object asks again, and only a success is cached.
func TestZoneDiscoveryCachesOnlySuccess(t *testing.T) {
	t.Parallel()
	d, sim := discoveryFixture(t)
	sim.FailNext("DescribeIdentityCenter", "InternalError", 1)
	if _, diags := d.zone(t.Context(), types.StringNull()); !diags.HasError() {
		t.Fatal("discovery succeeded although DescribeIdentityCenter failed")
	}
	for i := range 3 {
		zone, diags := d.zone(t.Context(), types.StringNull())
		if diags.HasError() {
			t.Fatalf("discovery %d after a transient failure: %v", i+2, diags)
		}
		if zone != "z-discovery012" {
			t.Fatalf("discovered %q, want z-discovery012", zone)
		}
	}
	if got := sim.Stats().Calls["DescribeIdentityCenter"]; got != 2 {
		t.Errorf("DescribeIdentityCenter called %d times, want 2 (the failure, then one success kept)", got)
	}
}

// Discovery is bounded by its own timeout, not by the first caller's context: a caller that
// has already given up does not make discovery fail for itself or for anyone after it.
func TestZoneDiscoveryOutlivesCallerContext(t *testing.T) {
	t.Parallel()
	d, sim := discoveryFixture(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	zone, diags := d.zone(ctx, types.StringNull())
	if diags.HasError() || zone != "z-discovery012" {
		t.Fatalf("discovery with a cancelled caller context: zone %q, %v", zone, diags)
	}
	if zone, diags := d.zone(t.Context(), types.StringNull()); diags.HasError() || zone != "z-discovery012" {
		t.Fatalf("second discovery: zone %q, %v", zone, diags)
	}
	if got := sim.Stats().Calls["DescribeIdentityCenter"]; got != 1 {
		t.Errorf("DescribeIdentityCenter called %d times, want 1", got)
	}
}
