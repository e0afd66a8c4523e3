package idc

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

const (
	testSecretID  = "AKIDunitTestSecretId0000000000000000"
	testSecretKey = "unitTestSecretKeyThatMustNeverBeLogged"
	testToken     = "unitTestSessionTokenThatMustNeverBeLogged"
)

// fakeRequest is one request the fake API received.
type fakeRequest struct {
	Action string
	Header http.Header
	Body   map[string]any
	Raw    string
}

// fakeHandler answers one request; n is the 1-based count of requests for this action so far.
type fakeHandler func(w http.ResponseWriter, r *http.Request, req fakeRequest, n int)

// fakeAPI is a minimal Tencent Cloud API endpoint on loopback: it records requests and lets
// each test script the answers. The simulator (internal/idcsim) checks the real contract; this
// one exists to inject faults precisely.
type fakeAPI struct {
	srv *httptest.Server

	mu       sync.Mutex
	counts   map[string]int
	requests []fakeRequest
	handler  fakeHandler
}

func newFakeAPI(t *testing.T, h fakeHandler) *fakeAPI {
	t.Helper()
	f := &fakeAPI{counts: map[string]int{}, handler: h}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// newFakeTLSAPI is newFakeAPI over HTTPS, for the default protocol.
func newFakeTLSAPI(t *testing.T, h fakeHandler) *fakeAPI {
	t.Helper()
	f := &fakeAPI{counts: map[string]int{}, handler: h}
	f.srv = httptest.NewTLSServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeAPI) addr() string { return f.srv.Listener.Addr().String() }

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	req := fakeRequest{Action: r.Header.Get("X-TC-Action"), Header: r.Header.Clone(), Raw: string(raw)}
	_ = json.Unmarshal(raw, &req.Body)
	f.mu.Lock()
	f.counts[req.Action]++
	n := f.counts[req.Action]
	f.requests = append(f.requests, req)
	h := f.handler
	f.mu.Unlock()
	h(w, r, req, n)
}

func (f *fakeAPI) endpoint() string { return f.addr() }

func (f *fakeAPI) count(action string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.counts[action]
}

func (f *fakeAPI) recorded() []fakeRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]fakeRequest(nil), f.requests...)
}

var requestSeq struct {
	sync.Mutex
	n int
}

func nextRequestID() string {
	requestSeq.Lock()
	defer requestSeq.Unlock()
	requestSeq.n++
	return fmt.Sprintf("req-%06d", requestSeq.n)
}

func writeOK(w http.ResponseWriter, fields map[string]any) {
	resp := map[string]any{"RequestId": nextRequestID()}
	for k, v := range fields {
		resp[k] = v
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"Response": resp})
}

func writeAPIError(w http.ResponseWriter, code string) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"Response": map[string]any{
		"Error":     map[string]any{"Code": code, "Message": "scripted " + code},
		"RequestId": nextRequestID(),
	}})
}

// dropConnection closes the connection after the request was read, without an answer: what a
// reset or a lost response looks like to the client.
func dropConnection(t *testing.T, w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		t.Error("response writer cannot be hijacked")
		return
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		t.Errorf("hijack: %v", err)
		return
	}
	_ = conn.Close()
}

// testConfig points a client at the fake with tiny backoffs so retry tests stay fast.
func testConfig(f *fakeAPI) Config {
	return Config{
		SecretID:        testSecretID,
		SecretKey:       testSecretKey,
		Protocol:        "http",
		Endpoint:        f.endpoint(),
		RateLimit:       -1,
		RetryMinBackoff: time.Millisecond,
		RetryMaxBackoff: 5 * time.Millisecond,
		RequestTimeout:  5 * time.Second,
	}
}

func newTestClient(t *testing.T, cfg Config) *Client {
	t.Helper()
	c, err := New(t.Context(), cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

// okFor answers every action with a plausible success, for tests about the transport.
func okFor(action string, body map[string]any) map[string]any {
	switch action {
	case "CreateSCIMCredential":
		return map[string]any{
			"ZoneId": body["ZoneId"], "CredentialId": "scimcred-abcdefabcdef", "CredentialType": "BearerToken",
			"CreateTime": "2024-05-31 15:04:53", "ExpireTime": "2025-05-31 15:04:53",
			"CredentialStatus": "Enabled", "CredentialSecret": "c2NpbVNlY3JldFRoYXRNdXN0TmV2ZXJCZUxvZ2dlZA==",
		}
	case "ListSCIMCredentials":
		return map[string]any{"TotalCounts": 1, "SCIMCredentials": []any{map[string]any{
			"ZoneId": body["ZoneId"], "CredentialId": "scimcred-abcdefabcdef", "CredentialType": "BearerToken",
			"Status": "Enabled", "CreateTime": "2024-05-31 15:04:53", "ExpireTime": "2025-05-31 15:04:53",
		}}}
	case "GetSCIMSynchronizationStatus":
		return map[string]any{"SCIMSynchronizationStatus": "Enabled"}
	case "SetExternalSAMLIdentityProvider":
		return map[string]any{"CertificateIds": []any{"idp-c-000000000001"}}
	case "AddExternalSAMLIdPCertificate":
		return map[string]any{"CertificateId": "idp-c-000000000002"}
	case "DescribeIdentityCenter":
		return map[string]any{"ZoneId": "z-abcdefabcdef", "ZoneName": "unit", "ServiceStatus": "Enabled",
			"ScimSyncStatus": "Disabled", "CreateTime": "2024-05-30 10:50:11", "UpdateTime": "2024-06-25 10:08:21"}
	}
	return map[string]any{}
}

func alwaysOK(w http.ResponseWriter, _ *http.Request, req fakeRequest, _ int) {
	writeOK(w, okFor(req.Action, req.Body))
}

// ctxWithTimeout is a test context that cannot hang the suite.
func ctxWithTimeout(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), d)
	t.Cleanup(cancel)
	return ctx
}
