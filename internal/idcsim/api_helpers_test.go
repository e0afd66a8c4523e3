package idcsim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"
)

// testClock is a clock tests move by hand.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func newTestClock() *testClock {
	return &testClock{t: time.Date(2026, 5, 31, 7, 4, 53, 0, time.UTC)}
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// apiClient calls a running simulator the way the SDK does.
type apiClient struct {
	t         *testing.T
	baseURL   string
	secretID  string
	secretKey string
	now       func() time.Time
	http      *http.Client
}

// result is one decoded answer.
type result struct {
	Status   int
	Body     []byte
	Response map[string]json.RawMessage
	Code     string
	Message  string
}

func (r result) into(t *testing.T, v any) {
	t.Helper()
	if r.Code != "" {
		t.Fatalf("want success, got %s: %s", r.Code, r.Message)
	}
	var env struct{ Response json.RawMessage }
	if err := json.Unmarshal(r.Body, &env); err != nil {
		t.Fatalf("decoding %s: %v", r.Body, err)
	}
	if err := json.Unmarshal(env.Response, v); err != nil {
		t.Fatalf("decoding %s: %v", env.Response, err)
	}
}

func (r result) wantCode(t *testing.T, code string) {
	t.Helper()
	if r.Code != code {
		t.Fatalf("want error %s, got %q (%s); body %s", code, r.Code, r.Message, r.Body)
	}
}

// call signs and sends one API request; params is marshalled to JSON unless it is already []byte.
func (c *apiClient) call(action string, params any, edit ...func(*http.Request)) result {
	c.t.Helper()
	res, err := c.try(action, params, edit...)
	if err != nil {
		c.t.Fatalf("%s: %v", action, err)
	}
	return res
}

// try is call that reports transport errors instead of failing the test.
func (c *apiClient) try(action string, params any, edit ...func(*http.Request)) (result, error) {
	body, ok := params.([]byte)
	if !ok {
		var err error
		if body, err = json.Marshal(params); err != nil {
			return result{}, err
		}
	}
	req, err := http.NewRequest(http.MethodPost, c.baseURL+"/", bytes.NewReader(body))
	if err != nil {
		return result{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-TC-Action", action)
	req.Header.Set("X-TC-Version", "2021-03-31")
	SignRequest(req, body, c.secretID, c.secretKey, "organization", c.now().Unix())
	for _, e := range edit {
		e(req)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return result{}, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return result{}, err
	}
	res := result{Status: resp.StatusCode, Body: raw}
	var env struct {
		Response map[string]json.RawMessage
	}
	if err := json.Unmarshal(raw, &env); err != nil || env.Response == nil {
		return res, fmt.Errorf("answer is not an envelope: %s", raw)
	}
	res.Response = env.Response
	if _, ok := env.Response["RequestId"]; !ok {
		return res, fmt.Errorf("answer has no RequestId: %s", raw)
	}
	if e, ok := env.Response["Error"]; ok {
		var apiErr struct{ Code, Message string }
		if err := json.Unmarshal(e, &apiErr); err != nil {
			return res, err
		}
		res.Code, res.Message = apiErr.Code, apiErr.Message
	}
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/json" {
		return res, fmt.Errorf("want 200 application/json, got %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	return res, nil
}

// startSim starts a simulator on a free port with a hand-moved clock (unless opts has one) and
// returns it with a client.
func startSim(t *testing.T, opts Options) (*Server, *apiClient) {
	t.Helper()
	if opts.Now == nil {
		opts.Now = newTestClock().Now
	}
	if opts.Logf == nil {
		opts.Logf = t.Logf
	}
	s, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s, newClient(t, s)
}

func newClient(t *testing.T, s *Server) *apiClient {
	ready := s.Ready()
	return &apiClient{
		t:         t,
		baseURL:   "http://" + ready.Endpoint,
		secretID:  ready.SecretID,
		secretKey: ready.SecretKey,
		now:       s.now,
		// A fresh transport per client: fault tests close connections under it.
		http: &http.Client{Transport: &http.Transport{}, Timeout: 10 * time.Second},
	}
}

// zoneOnly is the default zone's ID as a request parameter.
var zoneOnly = map[string]any{"ZoneId": DefaultZoneID}

// with returns zone plus more parameters.
func with(kv ...any) map[string]any {
	m := map[string]any{"ZoneId": DefaultZoneID}
	for i := 0; i < len(kv); i += 2 {
		name, ok := kv[i].(string)
		if !ok {
			panic(fmt.Sprintf("with: parameter name %v is not a string", kv[i]))
		}
		m[name] = kv[i+1]
	}
	return m
}
