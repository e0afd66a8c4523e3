package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idcsim"
)

// Ready is the simulator's one JSON line on stdout, as the simulator defines it.
type Ready = idcsim.ReadyInfo

// Sim is a running simulator binary.
type Sim struct {
	*Process
	Ready Ready
}

// StartSim runs the simulator binary with args (give "-listen", "127.0.0.1:0" for a free port)
// and waits for its ready line; its log goes to stderr. Seeding many users can take minutes,
// hence the generous timeout.
func StartSim(ctx context.Context, bin string, stderr io.Writer, args ...string) (*Sim, error) {
	p, line, err := Start(ctx, bin, args, stderr, func(l string) bool { return strings.HasPrefix(l, "{") }, 5*time.Minute)
	if err != nil {
		return nil, fmt.Errorf("starting the simulator: %w", err)
	}
	s := &Sim{Process: p}
	if err := json.Unmarshal([]byte(line), &s.Ready); err != nil {
		p.Stop()
		return nil, fmt.Errorf("parsing the simulator's ready line: %w", err)
	}
	return s, nil
}

// Stats is the simulator's GET /_sim/stats answer.
type Stats struct {
	Calls        map[string]int64 `json:"calls"`
	Throttled    int64            `json:"throttled"`
	Faults       int64            `json:"faults"`
	FaultKinds   map[string]int64 `json:"fault_kinds"`   // by kind: an error code, "reset", "lost-response"
	FaultActions map[string]int64 `json:"fault_actions"` // by the action that got the fault
}

// NewStats is an empty set of counters to Add to.
func NewStats() Stats {
	return Stats{Calls: map[string]int64{}, FaultKinds: map[string]int64{}, FaultActions: map[string]int64{}}
}

// counters pairs each map of s with the same map of o.
func (s Stats) counters(o Stats) [][2]map[string]int64 {
	return [][2]map[string]int64{{s.Calls, o.Calls}, {s.FaultKinds, o.FaultKinds}, {s.FaultActions, o.FaultActions}}
}

// APICalls is the number of Identity Center API requests, SCIM requests left out.
func (s Stats) APICalls() int64 {
	var n int64
	for k, v := range s.Calls {
		if !strings.HasPrefix(k, "SCIM ") {
			n += v
		}
	}
	return n
}

// Sub is what happened between before and s.
func (s Stats) Sub(before Stats) Stats {
	d := NewStats()
	d.Throttled, d.Faults = s.Throttled-before.Throttled, s.Faults-before.Faults
	for i, pair := range s.counters(before) {
		for k, v := range pair[0] {
			if n := v - pair[1][k]; n != 0 {
				d.counters(d)[i][0][k] = n
			}
		}
	}
	return d
}

// Add sums two deltas.
func (s Stats) Add(o Stats) Stats {
	d := NewStats()
	d.Throttled, d.Faults = s.Throttled+o.Throttled, s.Faults+o.Faults
	for i, pair := range s.counters(o) {
		for _, m := range pair {
			for k, v := range m {
				d.counters(d)[i][0][k] += v
			}
		}
	}
	return d
}

// Stats reads the simulator's counters.
func (s *Sim) Stats(ctx context.Context) (Stats, error) {
	return ReadStats(ctx, s.Ready.Endpoint)
}

// ReadStats reads the counters of the simulator at endpoint (host:port).
func ReadStats(ctx context.Context, endpoint string) (Stats, error) {
	var st Stats
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+endpoint+"/_sim/stats", nil)
	if err != nil {
		return st, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return st, fmt.Errorf("reading the simulator's stats: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return st, fmt.Errorf("reading the simulator's stats: HTTP %s", resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil {
		return st, fmt.Errorf("reading the simulator's stats: %w", err)
	}
	return st, nil
}

// API is an idc client for the simulator. Checks run while the simulator injects faults, so
// it retries more than the provider's default: a check must not fail where the provider would
// have retried.
func (s *Sim) API(ctx context.Context) (*idc.Client, error) {
	return idc.New(ctx, idc.Config{
		SecretID: s.Ready.SecretID, SecretKey: s.Ready.SecretKey, Endpoint: s.Ready.Endpoint, Protocol: "HTTP",
		MaxRetries: 12, RetryMaxBackoff: time.Second,
	})
}

// FreePort returns a loopback address with a port that was free a moment ago, for a simulator
// that must come back on the same address after a restart.
func FreePort() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	addr := l.Addr().String()
	return addr, l.Close()
}
