package idc

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"
)

// simReady is the one line the simulator prints on stdout when it listens (DESIGN.md).
type simReady struct {
	Endpoint  string `json:"endpoint"`
	SCIMURL   string `json:"scim_url"`
	ZoneID    string `json:"zone_id"`
	SecretID  string `json:"secret_id"`
	SecretKey string `json:"secret_key"`
}

// simProcess is a running simulator binary.
type simProcess struct {
	cmd    *exec.Cmd
	ready  simReady
	stderr *lockedWriter
	lines  chan string // stdout lines after the ready line
	done   chan struct{}
}

func startSimBinary(t *testing.T, bin string, args ...string) *simProcess {
	t.Helper()
	p := &simProcess{stderr: &lockedWriter{}, lines: make(chan string, 16), done: make(chan struct{})}
	p.cmd = exec.Command(bin, args...)
	p.cmd.Stderr = p.stderr
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.kill(t) })

	first := make(chan string, 1)
	go func() {
		defer close(p.lines)
		sc := bufio.NewScanner(stdout)
		n := 0
		for sc.Scan() {
			if n++; n == 1 {
				first <- sc.Text()
				continue
			}
			p.lines <- sc.Text()
		}
		close(first)
	}()
	go func() { _ = p.cmd.Wait(); close(p.done) }()

	select {
	case line, ok := <-first:
		if !ok {
			t.Fatalf("simulator exited without a ready line; stderr:\n%s", p.stderr)
		}
		if err := json.Unmarshal([]byte(line), &p.ready); err != nil {
			t.Fatalf("ready line %q: %v", line, err)
		}
		if p.ready.Endpoint == "" || p.ready.ZoneID == "" || p.ready.SecretID == "" || p.ready.SecretKey == "" || p.ready.SCIMURL == "" {
			t.Fatalf("incomplete ready line %q", line)
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("no ready line within 30s; stderr:\n%s", p.stderr)
	}
	return p
}

// kill ends the process with SIGKILL, as a crash would.
func (p *simProcess) kill(t *testing.T) {
	select {
	case <-p.done:
		return
	default:
	}
	if err := p.cmd.Process.Kill(); err != nil {
		t.Errorf("kill: %v", err)
	}
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		t.Error("simulator did not exit after SIGKILL")
	}
}

type lockedWriter struct {
	mu sync.Mutex
	w  bytes.Buffer
}

func (l *lockedWriter) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.String()
}

func (l *lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}

func (p *simProcess) client(t *testing.T, mod ...func(*Config)) *Client {
	cfg := Config{
		SecretID: p.ready.SecretID, SecretKey: p.ready.SecretKey, Protocol: "HTTP", Endpoint: p.ready.Endpoint,
		RetryMinBackoff: time.Millisecond, RetryMaxBackoff: 20 * time.Millisecond,
	}
	for _, m := range mod {
		m(&cfg)
	}
	return newTestClient(t, cfg)
}

// TestSimulatorBinary drives cmd/tencentcloudidc-sim through its documented command-line
// contract: the ready line, authentication, the credential limit, rate limiting, the stats
// endpoint, and a state file that survives kill -9.
func TestSimulatorBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the simulator binary")
	}
	ctx := t.Context()
	dir := t.TempDir()
	bin := filepath.Join(dir, "tencentcloudidc-sim")
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, "github.com/tencentcloudidc/terraform-provider-tencentcloudidc/cmd/tencentcloudidc-sim")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	state := filepath.Join(dir, "state.json")

	sim := startSimBinary(t, bin, "-listen", "127.0.0.1:0", "-state", state, "-rate-limit", "5")
	c := sim.client(t)

	ic, err := c.DescribeIdentityCenter(ctx)
	if err != nil {
		t.Fatalf("DescribeIdentityCenter with the printed keys: %v", err)
	}
	if ic.ZoneID != sim.ready.ZoneID {
		t.Errorf("zone %q, the ready line says %q", ic.ZoneID, sim.ready.ZoneID)
	}

	wrong := sim.client(t, func(cfg *Config) { cfg.SecretKey += "x" })
	_, err = wrong.DescribeIdentityCenter(ctx)
	wantCode(t, err, "AuthFailure.SignatureFailure")

	var created []string
	for range 2 {
		cred, err := c.CreateSCIMCredential(ctx, ic.ZoneID, 0)
		if err != nil {
			t.Fatal(err)
		}
		created = append(created, cred.CredentialID)
	}
	_, err = c.CreateSCIMCredential(ctx, ic.ZoneID, 0)
	wantCode(t, err, "LimitExceeded.ScimCredentialLimitExceeded")

	// With our limiter and retries off, a burst over the simulator's 5/s meets RequestLimitExceeded.
	burst := sim.client(t, func(cfg *Config) { cfg.RateLimit, cfg.MaxRetries = -1, -1 })
	var throttled bool
	for range 20 {
		if _, err := burst.GetZoneStatistics(ctx, ic.ZoneID); errors.Is(err, ErrThrottled) {
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

	resp, err := http.Get("http://" + sim.ready.Endpoint + "/_sim/stats")
	if err != nil {
		t.Fatal(err)
	}
	var stats struct {
		Calls     map[string]int64 `json:"calls"`
		Throttled int64            `json:"throttled"`
		Faults    int64            `json:"faults"`
	}
	err = json.NewDecoder(resp.Body).Decode(&stats)
	_ = resp.Body.Close()
	if err != nil {
		t.Fatalf("stats: %v", err)
	}
	if stats.Calls["CreateSCIMCredential"] != 3 || stats.Calls["DescribeIdentityCenter"] != 2 || stats.Throttled < 1 || stats.Calls["GetZoneStatistics"] < 6 {
		t.Errorf("stats = %+v, want 3 creates, 2 describes, ≥6 statistics calls and ≥1 throttled", stats)
	}

	sim.kill(t)
	for line := range sim.lines {
		t.Errorf("stdout has more than the ready line: %q", line)
	}

	again := startSimBinary(t, bin, "-listen", "127.0.0.1:0", "-state", state)
	if again.ready.ZoneID != sim.ready.ZoneID {
		t.Errorf("zone after restart %q, before %q", again.ready.ZoneID, sim.ready.ZoneID)
	}
	creds, err := again.client(t).ListSCIMCredentials(ctx, again.ready.ZoneID)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, cr := range creds {
		ids = append(ids, cr.CredentialID)
	}
	slices.Sort(ids)
	slices.Sort(created)
	if !slices.Equal(ids, created) {
		t.Errorf("credentials after kill -9 and restart: %v, want %v", ids, created)
	}
	if t.Failed() {
		t.Logf("simulator stderr:\n%s\n%s", sim.stderr, again.stderr)
	}
}
