package idcsim

import (
	"encoding/json"
	"net/http"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func TestParseFaults(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		spec string
		want []faultRule
		ok   bool
	}{
		{"", nil, true},
		{"InternalError=0.05,RequestLimitExceeded=0.05,reset=0.02,lost-response=0.02", []faultRule{
			{"InternalError", 0.05}, {"RequestLimitExceeded", 0.05}, {"reset", 0.02}, {"lost-response", 0.02}}, true},
		{" FailedOperation.DBOperationError = 1 ", []faultRule{{"FailedOperation.DBOperationError", 1}}, true},
		{"reset", nil, false},
		{"reset=x", nil, false},
		{"reset=-0.1", nil, false},
		{"reset=1.5", nil, false},
		{"reset=0.6,InternalError=0.6", nil, false},
		{"reset=0.1,reset=0.1", nil, false},
		{"not a code=0.1", nil, false},
		{"timeout=0.1", nil, false},
		// task-failure is rolled per task, not shared with the per-request faults (DESIGN.md's
		// simulator contract), so it does not count towards their total.
		{"task-failure=1,InternalError=0.5", []faultRule{{"task-failure", 1}, {"InternalError", 0.5}}, true},
		{"task-failure=1.5", nil, false},
	} {
		t.Run(tc.spec, func(t *testing.T) {
			got, err := parseFaults(tc.spec)
			if (err == nil) != tc.ok {
				t.Fatalf("err %v, want ok=%v", err, tc.ok)
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("rules %v, want %v", got, tc.want)
			}
		})
	}
}

func TestRateLimit(t *testing.T) {
	t.Parallel()
	clock := newTestClock()
	s, c := startSim(t, Options{Now: clock.Now, RateLimit: 5})
	for range 5 {
		c.call("GetSCIMSynchronizationStatus", zoneOnly).wantCode(t, "")
	}
	c.call("GetSCIMSynchronizationStatus", zoneOnly).wantCode(t, codeRequestLimitExceeded)
	// The limit is per action.
	c.call("DescribeIdentityCenter", map[string]any{}).wantCode(t, "")
	// Tokens come back with time: rate 5/s, so 200 ms buys one more request.
	clock.Advance(200 * time.Millisecond)
	c.call("GetSCIMSynchronizationStatus", zoneOnly).wantCode(t, "")
	c.call("GetSCIMSynchronizationStatus", zoneOnly).wantCode(t, codeRequestLimitExceeded)
	clock.Advance(time.Second)
	for range 5 {
		c.call("GetSCIMSynchronizationStatus", zoneOnly).wantCode(t, "")
	}
	st := s.Stats()
	if st.Calls["GetSCIMSynchronizationStatus"] != 13 || st.Throttled != 2 || st.Faults != 0 {
		t.Fatalf("stats %+v", st)
	}
}

func TestRateLimitOff(t *testing.T) {
	t.Parallel()
	_, c := startSim(t, Options{RateLimit: 0})
	for range 60 {
		c.call("GetSCIMSynchronizationStatus", zoneOnly).wantCode(t, "")
	}
}

func userCount(t *testing.T, c *apiClient, filter string) int {
	t.Helper()
	var out listUsersResponse
	c.call("ListUsers", with("Filter", filter)).into(t, &out)
	return out.TotalCounts
}

func TestFailNextErrorCodes(t *testing.T) {
	t.Parallel()
	s, c := startSim(t, Options{})
	s.FailNext("CreateUser", "InternalError", 2)
	s.FailNext("CreateUser", "FailedOperation.DBOperationError", 1)
	for _, want := range []string{"InternalError", "InternalError", "FailedOperation.DBOperationError"} {
		mustCreateUser(t, c, want, "UserName", "dana")
		if n := userCount(t, c, "dana"); n != 0 {
			t.Fatalf("a failed CreateUser created the user")
		}
	}
	mustCreateUser(t, c, "", "UserName", "dana")
	s.FailNext("ListUsers", codeRequestLimitExceeded, 1)
	c.call("ListUsers", zoneOnly).wantCode(t, codeRequestLimitExceeded)
	if st := s.Stats(); st.Faults != 4 || st.Throttled != 0 || st.Calls["CreateUser"] != 4 {
		t.Fatalf("stats %+v", st)
	}
}

// TestFailNextReset: the connection closes before the action runs, so nothing changes.
func TestFailNextReset(t *testing.T) {
	t.Parallel()
	s, c := startSim(t, Options{})
	s.FailNext("CreateUser", FaultReset, 1)
	if res, err := c.try("CreateUser", with("UserName", "erin")); err == nil {
		t.Fatalf("want a closed connection, got an answer: %s", res.Body)
	}
	if n := userCount(t, c, "erin"); n != 0 {
		t.Fatalf("reset request created the user")
	}
	mustCreateUser(t, c, "", "UserName", "erin")
	if st := s.Stats(); st.Faults != 1 || st.Calls["CreateUser"] != 2 {
		t.Fatalf("stats %+v", st)
	}
}

// TestFailNextLostResponse: the action runs and is committed (state file included), the answer
// never arrives.
func TestFailNextLostResponse(t *testing.T) {
	t.Parallel()
	state := filepath.Join(t.TempDir(), "state.json")
	s, c := startSim(t, Options{StateFile: state})
	s.FailNext("CreateSCIMCredential", FaultLostResponse, 1)
	if res, err := c.try("CreateSCIMCredential", zoneOnly); err == nil {
		t.Fatalf("want a closed connection, got an answer: %s", res.Body)
	}
	var list listSCIMCredentialsResponse
	c.call("ListSCIMCredentials", zoneOnly).into(t, &list)
	if list.TotalCounts != 1 {
		t.Fatalf("lost-response create left %d credentials, want 1", list.TotalCounts)
	}
	reopened, err := New(Options{StateFile: state})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(reopened.store.credentials); n != 1 {
		t.Fatalf("state file holds %d credentials, want 1", n)
	}
	// A lost response for a failing action also closes the connection.
	s.FailNext("GetUser", FaultLostResponse, 1)
	if _, err := c.try("GetUser", with("UserId", "u-000000000000")); err == nil {
		t.Fatal("want a closed connection")
	}
}

func TestRandomFaults(t *testing.T) {
	t.Parallel()
	// The same seed gives the same faults.
	a, b := newFaultInjector(mustRules(t, "InternalError=0.3,reset=0.2"), 42), newFaultInjector(mustRules(t, "InternalError=0.3,reset=0.2"), 42)
	var seqA, seqB []string
	for range 200 {
		seqA = append(seqA, a.pick("ListUsers"))
		seqB = append(seqB, b.pick("ListUsers"))
	}
	if !slices.Equal(seqA, seqB) {
		t.Fatal("same seed, different faults")
	}

	s, c := startSim(t, Options{Faults: "InternalError=0.3,reset=0.2", FaultSeed: 7})
	counts := map[string]int{}
	for range 200 {
		res, err := c.try("GetSCIMSynchronizationStatus", zoneOnly)
		switch {
		case err != nil:
			counts["reset"]++
		case res.Code != "":
			counts[res.Code]++
		default:
			counts["ok"]++
		}
	}
	// 200 draws: expected 60 / 40 / 100; the bounds are many standard deviations wide.
	if counts["InternalError"] < 30 || counts["InternalError"] > 90 || counts["reset"] < 15 || counts["reset"] > 65 || counts["ok"] < 65 {
		t.Fatalf("outcomes %v", counts)
	}
	if st := s.Stats(); st.Faults != int64(counts["InternalError"]+counts["reset"]) || st.Calls["GetSCIMSynchronizationStatus"] != 200 ||
		st.FaultKinds["InternalError"] != int64(counts["InternalError"]) || st.FaultKinds["reset"] != int64(counts["reset"]) || len(st.FaultKinds) != 2 ||
		st.FaultActions["GetSCIMSynchronizationStatus"] != st.Faults || len(st.FaultActions) != 1 {
		t.Fatalf("stats %+v for outcomes %v", st, counts)
	}

	if err := s.SetFaults("reset=2"); err == nil {
		t.Fatal("SetFaults accepted a probability of 2")
	}
	if err := s.SetFaults(""); err != nil {
		t.Fatal(err)
	}
	for range 20 {
		c.call("GetSCIMSynchronizationStatus", zoneOnly).wantCode(t, "")
	}
}

func mustRules(t *testing.T, spec string) []faultRule {
	t.Helper()
	rules, err := parseFaults(spec)
	if err != nil {
		t.Fatal(err)
	}
	return rules
}

func TestStatsEndpoint(t *testing.T) {
	t.Parallel()
	s, c := startSim(t, Options{RateLimit: 1})
	c.call("ListUsers", zoneOnly).wantCode(t, "")
	c.call("ListUsers", zoneOnly).wantCode(t, codeRequestLimitExceeded)
	c.call("NoSuchAction", zoneOnly).wantCode(t, codeInvalidAction)
	c.call("GetUser", map[string]any{}, func(r *http.Request) { r.Header.Del("Authorization") }).wantCode(t, codeAuthInvalidAuthorization)
	s.FailNext("GetUser", "InternalError", 1)
	c.call("GetUser", with("UserId", "u-1")).wantCode(t, "InternalError")

	get := func() (Stats, string) {
		resp, err := c.http.Get(c.baseURL + "/_sim/stats")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var raw json.RawMessage
		if err := json.NewDecoder(resp.Body).Decode(&raw); err != nil {
			t.Fatal(err)
		}
		var st Stats
		if err := json.Unmarshal(raw, &st); err != nil {
			t.Fatal(err)
		}
		return st, string(raw)
	}
	st, raw := get()
	want := Stats{Calls: map[string]int64{"ListUsers": 2, "GetUser": 2}, Throttled: 1, Faults: 1, FaultKinds: map[string]int64{"InternalError": 1}}
	if st.Throttled != want.Throttled || st.Faults != want.Faults || len(st.Calls) != 2 || st.Calls["ListUsers"] != 2 || st.Calls["GetUser"] != 2 ||
		len(st.FaultKinds) != 1 || st.FaultKinds["InternalError"] != 1 || len(st.FaultActions) != 1 || st.FaultActions["GetUser"] != 1 {
		t.Fatalf("stats %s, want %+v", raw, want)
	}
	s.ResetStats()
	if _, raw := get(); raw != `{"calls":{},"throttled":0,"faults":0,"fault_kinds":{},"fault_actions":{}}` {
		t.Fatalf("after reset: %s", raw)
	}
}

func TestLatency(t *testing.T) {
	t.Parallel()
	_, c := startSim(t, Options{Latency: 60 * time.Millisecond})
	start := time.Now()
	c.call("DescribeIdentityCenter", map[string]any{}).wantCode(t, "")
	if d := time.Since(start); d < 60*time.Millisecond {
		t.Fatalf("call took %s, want at least the 60ms latency", d)
	}
}
