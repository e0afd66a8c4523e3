package idcsim

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"
)

// scimClient plays the IdP: it sends SCIM requests with a bearer token to a running simulator.
type scimClient struct {
	t     *testing.T
	base  string // http://127.0.0.1:PORT/scim/v2
	token string
	http  *http.Client
}

// scimResult is one SCIM answer; JSON is the decoded body when it is a JSON object.
type scimResult struct {
	Status int
	Header http.Header
	Body   []byte
	JSON   map[string]any
}

// startSCIM starts a simulator with SCIM synchronization on and one credential, and returns the
// server, an API client and a SCIM client holding that credential's secret.
func startSCIM(t *testing.T, opts Options) (*Server, *apiClient, *scimClient, string) {
	t.Helper()
	if opts.Now == nil {
		opts.Now = tickingClock()
	}
	s, c := startSim(t, opts)
	c.call("UpdateSCIMSynchronizationStatus", with("SCIMSynchronizationStatus", "Enabled")).wantCode(t, "")
	var cred createSCIMCredentialResponse
	c.call("CreateSCIMCredential", zoneOnly).into(t, &cred)
	return s, c, &scimClient{
		t:     t,
		base:  "http://" + s.Addr() + scimPrefix,
		token: cred.CredentialSecret,
		http:  &http.Client{Transport: &http.Transport{}, Timeout: 10 * time.Second},
	}, cred.CredentialId
}

// tickingClock starts at the test clock's time and moves a millisecond per reading, so that
// objects made one after another have distinct creation times (lists are in creation order), as
// with a real clock, while runs stay reproducible.
func tickingClock() func() time.Time {
	var mu sync.Mutex
	now := newTestClock().Now()
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		now = now.Add(time.Millisecond)
		return now
	}
}

// do sends one request. body is marshalled to JSON unless it is a string or []byte (sent as is);
// nil sends no body. path is relative to /scim/v2 and may carry a query.
func (c *scimClient) do(method, path string, body any, edit ...func(*http.Request)) scimResult {
	c.t.Helper()
	var raw []byte
	switch b := body.(type) {
	case nil:
	case string:
		raw = []byte(b)
	case []byte:
		raw = b
	default:
		var err error
		if raw, err = json.Marshal(b); err != nil {
			c.t.Fatalf("encoding %s %s: %v", method, path, err)
		}
	}
	var rd io.Reader
	if raw != nil {
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	if raw != nil {
		req.Header.Set("Content-Type", "application/scim+json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	for _, e := range edit {
		e(req)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatalf("%s %s: reading the answer: %v", method, path, err)
	}
	res := scimResult{Status: resp.StatusCode, Header: resp.Header, Body: out}
	if len(out) > 0 {
		want := "application/scim+json"
		if req.Header.Get("Accept") == "application/json" {
			want = "application/json"
		}
		if ct := resp.Header.Get("Content-Type"); ct != want {
			c.t.Errorf("%s %s: Content-Type %q, want %s", method, path, ct, want)
		}
		if err := json.Unmarshal(out, &res.JSON); err != nil {
			c.t.Fatalf("%s %s: answer is not a JSON object: %s", method, path, out)
		}
	}
	return res
}

// want fails unless the answer has the status.
func (r scimResult) want(t *testing.T, status int) scimResult {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d; body %s", r.Status, status, r.Body)
	}
	return r
}

// wantError checks an RFC 7644 §3.12 error answer: the Error schema, status as a string, and the
// scimType when one is wanted.
func (r scimResult) wantError(t *testing.T, status int, scimType string) {
	t.Helper()
	r.want(t, status)
	if got := r.JSON["schemas"]; !jsonEqual(got, []any{"urn:ietf:params:scim:api:messages:2.0:Error"}) {
		t.Errorf("error schemas %v", got)
	}
	if got := r.JSON["status"]; got != strconv.Itoa(status) {
		t.Errorf("error status %#v, want the string %q", got, strconv.Itoa(status))
	}
	if got, _ := r.JSON["scimType"].(string); got != scimType {
		t.Errorf("scimType %q, want %q; body %s", got, scimType, r.Body)
	}
}

// str reads a string attribute of the answer.
func (r scimResult) str(key string) string {
	s, _ := r.JSON[key].(string)
	return s
}

// jsonEqual compares two decoded JSON values after a JSON round trip, so that []string and
// []any holding the same strings are equal.
func jsonEqual(a, b any) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	if err1 != nil || err2 != nil {
		return false
	}
	var x, y any
	_ = json.Unmarshal(ja, &x)
	_ = json.Unmarshal(jb, &y)
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return bytes.Equal(xa, ya)
}

// newUser creates a user over SCIM (adding the User schema when body names none) and returns its id.
func (c *scimClient) newUser(body map[string]any) string {
	c.t.Helper()
	if _, ok := body["schemas"]; !ok {
		body["schemas"] = []string{scimUserURN}
	}
	res := c.do(http.MethodPost, "/Users", body).want(c.t, http.StatusCreated)
	return res.str("id")
}

// newGroup creates a group over SCIM with the given members and returns its id.
func (c *scimClient) newGroup(name string, members ...string) string {
	c.t.Helper()
	ms := []any{}
	for _, m := range members {
		ms = append(ms, map[string]any{"value": m})
	}
	res := c.do(http.MethodPost, "/Groups", map[string]any{
		"schemas": []string{scimGroupURN}, "displayName": name, "members": ms,
	}).want(c.t, http.StatusCreated)
	return res.str("id")
}
