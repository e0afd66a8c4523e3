package e2e

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	var apiErr *idc.APIError
	if !errors.As(err, &apiErr) || apiErr.Code != code {
		t.Fatalf("error %v, want code %s", err, code)
	}
}

// TestSimulatorBinary drives the built cmd/tencentcloudidc-sim with our client, through its
// documented command-line contract: the printed keys authenticate and others do not, the
// credential limit, -rate-limit, and the stats endpoint. (That -state survives kill -9 is the
// command's own test, in cmd/tencentcloudidc-sim.)
func TestSimulatorBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the simulator binary")
	}
	t.Parallel()
	ctx := t.Context()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "tencentcloudidc-sim")
	if err := runTool(ctx, root, testLog{t}, "go", "build", "-trimpath", "-o", bin, "./cmd/tencentcloudidc-sim"); err != nil {
		t.Fatal(err)
	}
	sim, err := StartSim(ctx, bin, os.Stderr, "-listen", "127.0.0.1:0", "-rate-limit", "5")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Stop)
	c, err := sim.API(ctx)
	if err != nil {
		t.Fatal(err)
	}

	ic, err := c.DescribeIdentityCenter(ctx)
	if err != nil {
		t.Fatalf("DescribeIdentityCenter with the printed keys: %v", err)
	}
	if ic.ZoneID != sim.Ready.ZoneID {
		t.Errorf("zone %q, the ready line says %q", ic.ZoneID, sim.Ready.ZoneID)
	}

	wrong, err := idc.New(ctx, idc.Config{
		SecretID: sim.Ready.SecretID, SecretKey: sim.Ready.SecretKey + "x", Endpoint: sim.Ready.Endpoint, Protocol: "HTTP",
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = wrong.DescribeIdentityCenter(ctx)
	wantCode(t, err, "AuthFailure.SignatureFailure")

	for range 2 {
		if _, err := c.CreateSCIMCredential(ctx, ic.ZoneID, 0); err != nil {
			t.Fatal(err)
		}
	}
	_, err = c.CreateSCIMCredential(ctx, ic.ZoneID, 0)
	wantCode(t, err, "LimitExceeded.ScimCredentialLimitExceeded")

	// With our limiter and retries off, a burst over the simulator's 5/s meets RequestLimitExceeded.
	burst, err := idc.New(ctx, idc.Config{
		SecretID: sim.Ready.SecretID, SecretKey: sim.Ready.SecretKey, Endpoint: sim.Ready.Endpoint, Protocol: "HTTP",
		RateLimit: -1, MaxRetries: -1,
	})
	if err != nil {
		t.Fatal(err)
	}
	var throttled bool
	for range 20 {
		if _, err := burst.GetZoneStatistics(ctx, ic.ZoneID); errors.Is(err, idc.ErrThrottled) {
			throttled = true
			wantCode(t, err, "RequestLimitExceeded")
			break
		} else if err != nil {
			t.Fatal(err)
		}
	}
	if !throttled {
		t.Error("20 back-to-back calls were never throttled at -rate-limit 5")
	}

	stats, err := sim.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Calls["CreateSCIMCredential"] != 3 || stats.Calls["DescribeIdentityCenter"] != 2 || stats.Throttled < 1 || stats.Calls["GetZoneStatistics"] < 6 {
		t.Errorf("stats = %+v, want 3 creates, 2 describes, ≥6 statistics calls and ≥1 throttled", stats)
	}
}

// testLog sends a build tool's output to the test log.
type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(string(p))
	return len(p), nil
}
