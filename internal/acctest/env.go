package acctest

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idcsim"
)

// Env is where one acceptance test runs: its own in-process simulator, or the real service.
type Env struct {
	Endpoint  string // host:port of the API; "" on the real service
	SCIMURL   string
	ZoneID    string
	SecretID  string
	SecretKey string
	// Sim is the in-process simulator (its Go API: stats, seeding, faults); nil on the real service.
	Sim *idcsim.Server
	// API is a client of the same service, for changes made behind Terraform's back (drift) and
	// for CheckDestroy.
	API *idc.Client
}

// Real reports whether the test runs against Tencent Cloud.
func (e *Env) Real() bool { return e.Sim == nil }

// NewEnv starts a simulator on a free loopback port for this test (stopped at cleanup), or
// connects to the real service when TF_ACC_REAL=1. opts tweak the simulator (zero value: defaults).
func NewEnv(t *testing.T, opts ...idcsim.Options) *Env {
	t.Helper()
	if os.Getenv(EnvReal) != "" {
		return realEnv(t)
	}
	var o idcsim.Options
	if len(opts) > 0 {
		o = opts[0]
	}
	if o.ZoneID == "" {
		o.ZoneID = RandomZoneID()
	}
	sim, err := idcsim.New(o)
	if err != nil {
		t.Fatalf("starting the simulator: %v", err)
	}
	if err := sim.Start("127.0.0.1:0"); err != nil {
		t.Fatalf("starting the simulator: %v", err)
	}
	t.Cleanup(func() { _ = sim.Close() })
	ready := sim.Ready()
	e := &Env{
		Endpoint:  ready.Endpoint,
		SCIMURL:   ready.SCIMURL,
		ZoneID:    ready.ZoneID,
		SecretID:  ready.SecretID,
		SecretKey: ready.SecretKey,
		Sim:       sim,
	}
	e.API = newAPI(t, idc.Config{
		SecretID: e.SecretID, SecretKey: e.SecretKey,
		Endpoint: e.Endpoint, Protocol: "HTTP",
		RateLimit: -1, RetryMinBackoff: 10 * time.Millisecond, RetryMaxBackoff: 50 * time.Millisecond,
	})
	return e
}

func realEnv(t *testing.T) *Env {
	t.Helper()
	id, key := os.Getenv("TENCENTCLOUD_SECRET_ID"), os.Getenv("TENCENTCLOUD_SECRET_KEY")
	if id == "" || key == "" {
		t.Skipf("%s is set but TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY are not", EnvReal)
	}
	e := &Env{SecretID: id, SecretKey: key}
	e.API = newAPI(t, idc.Config{
		SecretID: id, SecretKey: key, SecurityToken: os.Getenv("TENCENTCLOUD_SECURITY_TOKEN"),
		Domain: os.Getenv("TENCENTCLOUD_DOMAIN"),
	})
	ic, err := e.API.DescribeIdentityCenter(t.Context())
	if err != nil {
		t.Fatalf("DescribeIdentityCenter: %v", err)
	}
	e.ZoneID = ic.ZoneID
	return e
}

func newAPI(t *testing.T, cfg idc.Config) *idc.Client {
	t.Helper()
	c, err := idc.New(context.Background(), cfg)
	if err != nil {
		t.Fatalf("creating the API client: %v", err)
	}
	return c
}

// RequireSim skips the test on the real service, for tests that need the simulator's Go
// API (seeding, call counts, fault injection).
func (e *Env) RequireSim(t *testing.T) {
	t.Helper()
	if e.Real() {
		t.Skip("needs the simulator (seeding, call counts or faults); skipped on the real service")
	}
}

// ProviderConfig is the provider block that points at this environment, with extra
// attribute lines (for example `zone_id = "…"`) appended inside it.
func (e *Env) ProviderConfig(extra ...string) string {
	var b strings.Builder
	// An explicit source: import-block test steps use the configuration as written, and the
	// CLI would otherwise look for hashicorp/tencentcloudidc.
	b.WriteString("terraform {\n  required_providers {\n    tencentcloudidc = {\n      source = \"tencentcloudidc/tencentcloudidc\"\n    }\n  }\n}\n\n")
	b.WriteString("provider \"tencentcloudidc\" {\n")
	if !e.Real() {
		fmt.Fprintf(&b, "  endpoint   = %q\n  protocol   = \"HTTP\"\n  secret_id  = %q\n  secret_key = %q\n",
			e.Endpoint, e.SecretID, e.SecretKey)
	}
	for _, line := range extra {
		fmt.Fprintf(&b, "  %s\n", line)
	}
	b.WriteString("}\n")
	return b.String()
}
