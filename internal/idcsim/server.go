package idcsim

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"maps"
	"net"
	"net/http"
	"sync"
	"time"
)

// Fixed, documented development values. They are not secrets: anyone may use them against a
// local simulator.
const (
	DefaultSecretID  = "AKIDtencentcloudidcsim00000000000000"
	DefaultSecretKey = "tencentcloudidc-sim-dev-secret-key"
	DefaultZoneID    = "z-simulator001"
	DefaultZoneName  = "simulator"
	DefaultListen    = "127.0.0.1:8089"
	// DefaultRateLimit is the documented per-action rate of the real service (requests per second).
	DefaultRateLimit = 20
)

// Options configure a Server. The zero value is a working simulator with the default keys and
// zone, no state file, no latency, no rate limit and no faults.
type Options struct {
	SecretID, SecretKey string // "" → DefaultSecretID, DefaultSecretKey
	// SecurityToken is the only X-TC-Token accepted; "" refuses every token.
	SecurityToken    string
	ZoneID, ZoneName string // "" → the state file's zone, else DefaultZoneID, DefaultZoneName
	StateFile        string
	Latency          time.Duration
	RateLimit        int    // per action per second; 0 = off (the command's flag defaults to 20)
	Faults           string // e.g. "InternalError=0.05,reset=0.02"
	FaultSeed        int64  // 0 = random
	SeedUsers        int
	SeedGroups       int
	// SeedAccounts is how many member accounts the organization has (sim-account-01…, 12-digit
	// UINs) besides the management account: 0 → DefaultSeedAccounts, negative → none.
	SeedAccounts int
	// TaskDelay is how long an asynchronous task (provisioning, assignment) stays InProgress
	// before it finishes; 0 finishes it by the next request.
	TaskDelay time.Duration
	// Now is the clock (signature skew, timestamps, expiry); nil → time.Now.
	Now func() time.Time
	// Logf receives one line per API call and server errors, never a secret; nil discards.
	Logf func(format string, args ...any)
}

// ReadyInfo is what the command prints on its one stdout line once the server listens.
type ReadyInfo struct {
	Endpoint  string `json:"endpoint"`
	SCIMURL   string `json:"scim_url"`
	ZoneID    string `json:"zone_id"`
	SecretID  string `json:"secret_id"`
	SecretKey string `json:"secret_key"`
}

// Stats counts API traffic since start or the last ResetStats. Calls counts every request that
// named a known action, including throttled and faulted ones, so wasted round trips show, and
// every SCIM request under "SCIM <method> <endpoint>" ("SCIM POST /Users",
// "SCIM PATCH /Groups/{id}"), refused ones included. FaultKinds splits Faults by what was
// injected (an error code, "reset" or "lost-response") and FaultActions by the action that
// got it: a fault on a read only costs a retry, while a lost answer to a create is what tests
// a client's reconciliation, so a fault suite needs to know which ones its client survived.
type Stats struct {
	Calls        map[string]int64 `json:"calls"`
	Throttled    int64            `json:"throttled"`
	Faults       int64            `json:"faults"`
	FaultKinds   map[string]int64 `json:"fault_kinds"`
	FaultActions map[string]int64 `json:"fault_actions"`
}

func newStats() Stats {
	return Stats{Calls: map[string]int64{}, FaultKinds: map[string]int64{}, FaultActions: map[string]int64{}}
}

// Server is the simulator: the Identity Center API on POST /, the SCIM 2.0 server on /scim/v2,
// statistics on GET /_sim/stats.
type Server struct {
	opts     Options
	now      func() time.Time
	logf     func(format string, args ...any)
	verifier *tc3Verifier
	store    *store
	faults   *faultInjector
	limiter  *actionLimiter
	actions  map[string]actionDef
	handler  http.Handler

	statsMu sync.Mutex
	stats   Stats

	mu       sync.Mutex
	listener net.Listener
	httpSrv  *http.Server
}

// New builds a Server: it validates the options, loads the state file when it exists (creating it
// otherwise) and seeds users and groups.
func New(opts Options) (*Server, error) {
	if opts.SecretID == "" {
		opts.SecretID = DefaultSecretID
	}
	if opts.SecretKey == "" {
		opts.SecretKey = DefaultSecretKey
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logf == nil {
		opts.Logf = func(string, ...any) {}
	}
	if opts.RateLimit < 0 || opts.SeedUsers < 0 || opts.SeedGroups < 0 || opts.Latency < 0 || opts.TaskDelay < 0 {
		return nil, errors.New("rate limit, seed counts, latency and task delay must not be negative")
	}
	switch {
	case opts.SeedAccounts == 0:
		opts.SeedAccounts = DefaultSeedAccounts
	case opts.SeedAccounts < 0:
		opts.SeedAccounts = 0
	}
	if opts.ZoneID != "" && !zoneIDPattern.MatchString(opts.ZoneID) {
		return nil, fmt.Errorf("zone ID %q: want z- followed by 12 lower-case letters or digits", opts.ZoneID)
	}
	if opts.ZoneName != "" && !validZoneName(opts.ZoneName) {
		return nil, fmt.Errorf("zone name %q: want 2-64 lower-case letters, digits and -, no leading, trailing or double -", opts.ZoneName)
	}
	rules, err := parseFaults(opts.Faults)
	if err != nil {
		return nil, fmt.Errorf("parsing faults: %w", err)
	}

	st, loaded, err := openStore(opts.StateFile)
	if err != nil {
		return nil, err
	}
	now := opts.Now()
	if loaded {
		if opts.ZoneID != "" && opts.ZoneID != st.zone.ZoneId {
			return nil, fmt.Errorf("state file %s holds zone %s, not %s", opts.StateFile, st.zone.ZoneId, opts.ZoneID)
		}
		if opts.ZoneName != "" && opts.ZoneName != st.zone.ZoneName {
			return nil, fmt.Errorf("state file %s holds zone name %s, not %s", opts.StateFile, st.zone.ZoneName, opts.ZoneName)
		}
	} else {
		st.zone = zoneState{
			ZoneId:         cmp.Or(opts.ZoneID, DefaultZoneID),
			ZoneName:       cmp.Or(opts.ZoneName, DefaultZoneName),
			ScimSyncStatus: statusDisabled,
			UserQuota:      defaultUserQuota,
			GroupQuota:     defaultGroupQuota,
			CreateTime:     now,
			UpdateTime:     now,
		}
	}
	st.ensureTokenKeyLocked()
	seedUsersAndGroups(st, opts.SeedUsers, opts.SeedGroups, now)
	seedOrganization(st, opts.SeedAccounts, now)
	if err := st.persistLocked(); err != nil {
		return nil, err
	}

	s := &Server{
		opts: opts,
		now:  opts.Now,
		logf: opts.Logf,
		verifier: &tc3Verifier{
			service:   apiService,
			secretID:  opts.SecretID,
			secretKey: opts.SecretKey,
			token:     opts.SecurityToken,
			now:       opts.Now,
		},
		store:   st,
		faults:  newFaultInjector(rules, opts.FaultSeed),
		limiter: newActionLimiter(opts.RateLimit, opts.Now),
		stats:   newStats(),
	}
	s.actions = actionTable()
	mux := http.NewServeMux()
	mux.HandleFunc("/{$}", s.serveAPI)
	mux.HandleFunc("GET /_sim/stats", s.serveStats)
	scimHandler := newSCIMServer(s)
	mux.Handle(scimPrefix, scimHandler)
	mux.Handle(scimPrefix+"/", scimHandler)
	s.handler = mux
	return s, nil
}

// Handler is the whole server: POST / (API), /scim/v2 (SCIM 2.0), GET /_sim/stats. Everything
// else is 404.
func (s *Server) Handler() http.Handler { return s.handler }

// Start listens on listen ("127.0.0.1:0" picks a free port) and serves in the background.
func (s *Server) Start(listen string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.listener != nil {
		return errors.New("server already started")
	}
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", listen, err)
	}
	s.listener = ln
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          log.New(logfWriter(s.logf), "", 0),
	}
	s.httpSrv = srv
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.logf("serving: %v", err)
		}
	}()
	return nil
}

// logfWriter adapts Logf to the io.Writer that http.Server's error log needs.
type logfWriter func(format string, args ...any)

func (f logfWriter) Write(p []byte) (int, error) {
	f("%s", bytes.TrimRight(p, "\n"))
	return len(p), nil
}

// Addr is the host:port the server listens on ("" before Start).
func (s *Server) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.listener == nil {
		return ""
	}
	return s.listener.Addr().String()
}

// Ready describes the running server: endpoint, SCIM URL, zone and the accepted key pair.
func (s *Server) Ready() ReadyInfo {
	addr := s.Addr()
	s.store.mu.RLock()
	zoneID := s.store.zone.ZoneId
	s.store.mu.RUnlock()
	return ReadyInfo{
		Endpoint:  addr,
		SCIMURL:   "http://" + addr + "/scim/v2",
		ZoneID:    zoneID,
		SecretID:  s.opts.SecretID,
		SecretKey: s.opts.SecretKey,
	}
}

// Close stops serving: requests in flight get two seconds to finish. The state file needs no
// flushing: every change was written before it was answered.
func (s *Server) Close() error {
	s.mu.Lock()
	srv, ln := s.httpSrv, s.listener
	s.httpSrv = nil
	s.mu.Unlock()
	if srv == nil {
		return nil
	}
	// Serve may not have registered the listener yet, and then Shutdown would leave it open.
	defer func() { _ = ln.Close() }()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		return srv.Close()
	}
	return nil
}

// Stats returns a copy of the counters.
func (s *Server) Stats() Stats {
	s.statsMu.Lock()
	defer s.statsMu.Unlock()
	return Stats{Calls: maps.Clone(s.stats.Calls), Throttled: s.stats.Throttled, Faults: s.stats.Faults,
		FaultKinds: maps.Clone(s.stats.FaultKinds), FaultActions: maps.Clone(s.stats.FaultActions)}
}

// ResetStats sets every counter back to zero.
func (s *Server) ResetStats() {
	s.statsMu.Lock()
	defer s.statsMu.Unlock()
	s.stats = newStats()
}

// SetFaults replaces the random fault spec (same syntax as Options.Faults; "" turns faults off).
func (s *Server) SetFaults(spec string) error {
	rules, err := parseFaults(spec)
	if err != nil {
		return fmt.Errorf("parsing faults: %w", err)
	}
	s.faults.setRules(rules)
	return nil
}

// FailNext makes the next n requests for action fail with fault: an error code such as
// "InternalError" or "RequestLimitExceeded" (answered as that error, nothing changes), FaultReset
// or FaultLostResponse. Queued faults take precedence over random ones and count in Stats.Faults.
func (s *Server) FailNext(action, fault string, n int) {
	s.faults.failNext(action, fault, n)
}

func (s *Server) count(update func(*Stats)) {
	s.statsMu.Lock()
	defer s.statsMu.Unlock()
	update(&s.stats)
}

func (s *Server) serveStats(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(s.Stats())
}
