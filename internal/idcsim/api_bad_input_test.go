package idcsim

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// badAPIRequest is a raw API request a client gets wrong; sign and edit shape it, code and
// message are the answer Tencent Cloud gives.
type badAPIRequest struct {
	name   string
	method string // "" is POST
	action string
	body   []byte // %ZONE% is the simulator's zone
	// secretKey signs instead of the simulator's key; skew moves the signing clock.
	secretKey string
	skew      time.Duration
	// header replaces request headers before signing; edit changes the signed request.
	header  map[string]string
	edit    func(r *http.Request)
	code    string
	message string // a fragment of Response.Error.Message
}

func badAPIRequests() []badAPIRequest {
	zoneBody := []byte(`{"ZoneId":"%ZONE%"}`)
	return []badAPIRequest{
		{name: "malformed JSON", action: "GetSCIMSynchronizationStatus", body: []byte(`{"ZoneId":`),
			code: "InvalidParameter", message: "must be a JSON object"},
		{name: "body is a JSON array", action: "GetSCIMSynchronizationStatus", body: []byte(`["%ZONE%"]`),
			code: "InvalidParameter", message: "must be a JSON object"},
		{name: "number for a string", action: "CreateSCIMCredential", body: []byte(`{"ZoneId":7}`),
			code: "InvalidParameter", message: "`ZoneId` must be a string"},
		{name: "string for an integer", action: "CreateSCIMCredential", body: []byte(`{"ZoneId":"%ZONE%","ExpireDuration":"3600"}`),
			code: "InvalidParameter", message: "`ExpireDuration` must be an integer"},
		{name: "null in an array", action: "ListUsers", body: []byte(`{"ZoneId":"%ZONE%","FilterGroups":[null]}`),
			code: "InvalidParameter", message: "`FilterGroups` must be an array of strings"},
		{name: "unknown field", action: "CreateSCIMCredential", body: []byte(`{"ZoneId":"%ZONE%","Secret":"mine"}`),
			code: "UnknownParameter", message: "`Secret` is not recognized"},
		{name: "missing required parameter", action: "UpdateSCIMSynchronizationStatus", body: []byte(`{"ZoneId":"%ZONE%"}`),
			code: "MissingParameter", message: "`SCIMSynchronizationStatus` is missing"},
		{name: "status value not Enabled or Disabled", action: "UpdateSCIMSynchronizationStatus", body: []byte(`{"ZoneId":"%ZONE%","SCIMSynchronizationStatus":"On"}`),
			code: "InvalidParameter.ScimSyncStatusError"},
		{name: "credential lifetime below an hour", action: "CreateSCIMCredential", body: []byte(`{"ZoneId":"%ZONE%","ExpireDuration":60}`),
			code: "InvalidParameterValue", message: "ExpireDuration must be between 3600"},
		{name: "metadata not base64", action: "SetExternalSAMLIdentityProvider", body: []byte(`{"ZoneId":"%ZONE%","EncodedMetadataDocument":"<xml/>"}`),
			code: "FailedOperation.DecodeMetadataDocumentFailed"},
		{name: "body over 10 MB", action: "CreateSCIMCredential",
			body: []byte(`{"ZoneId":"%ZONE%","Pad":"` + strings.Repeat("x", 10<<20) + `"}`),
			code: "InvalidParameter", message: "at most 10485760 bytes"},
		{name: "unknown action", action: "DescribeEverything", body: zoneBody,
			code: "InvalidAction"},
		{name: "old API version", action: "CreateSCIMCredential", body: zoneBody,
			edit: func(r *http.Request) { r.Header.Set("X-TC-Version", "2018-12-25") }, code: "NoSuchVersion"},
		{name: "signed with another key", action: "CreateSCIMCredential", body: zoneBody,
			secretKey: "not-the-key", code: "AuthFailure.SignatureFailure"},
		{name: "body changed after signing", action: "CreateSCIMCredential", body: zoneBody,
			edit: func(r *http.Request) { r.Body = io.NopCloser(strings.NewReader(`{"ZoneId":"z-aaaaaaaaaaaa"}`)) }, code: "AuthFailure.SignatureFailure"},
		{name: "no Authorization header", action: "CreateSCIMCredential", body: zoneBody,
			edit: func(r *http.Request) { r.Header.Del("Authorization") }, code: "AuthFailure.InvalidAuthorization"},
		{name: "signed ten minutes ago", action: "CreateSCIMCredential", body: zoneBody,
			skew: -10 * time.Minute, code: "AuthFailure.SignatureExpire"},
		{name: "form content type", action: "CreateSCIMCredential", body: zoneBody,
			header: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, code: "InvalidParameter", message: "must be application/json"},
		{name: "GET", method: http.MethodGet, action: "CreateSCIMCredential", code: "UnsupportedProtocol"},
	}
}

// TestBadAPIRequests sends requests a client gets wrong, raw: the simulator must refuse each
// the way Tencent Cloud does (HTTP 200, the error envelope with the code, a request ID), change
// nothing and keep serving. Each row has a simulator of its own.
func TestBadAPIRequests(t *testing.T) {
	t.Parallel()
	for _, row := range badAPIRequests() {
		t.Run(row.name, func(t *testing.T) {
			t.Parallel()
			s, c := startSim(t, Options{})
			checkBadAPIRequest(t, s, c, row)
		})
	}
}

func checkBadAPIRequest(t *testing.T, s *Server, c *apiClient, br badAPIRequest) {
	body := bytes.ReplaceAll(br.body, []byte("%ZONE%"), []byte(s.Ready().ZoneID))
	method := br.method
	if method == "" {
		method = http.MethodPost
	}
	req, err := http.NewRequestWithContext(t.Context(), method, c.baseURL+"/", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-TC-Action", br.action)
	req.Header.Set("X-TC-Version", "2021-03-31")
	for k, v := range br.header {
		req.Header.Set(k, v)
	}
	key := c.secretKey
	if br.secretKey != "" {
		key = br.secretKey
	}
	SignRequest(req, body, c.secretID, key, "organization", c.now().Add(br.skew).Unix())
	if br.edit != nil {
		br.edit(req)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		t.Fatalf("the simulator did not answer: %v", err)
	}
	raw, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	// Tencent Cloud answers errors with HTTP 200 and the envelope; the SDK relies on it.
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Errorf("HTTP %d, Content-Type %q, want 200 and JSON", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	var answer struct {
		Response struct {
			Error     *struct{ Code, Message string }
			RequestId string
		}
	}
	if err := json.Unmarshal(raw, &answer); err != nil {
		t.Fatalf("the answer is not JSON: %v: %.300s", err, raw)
	}
	switch e := answer.Response.Error; {
	case e == nil:
		t.Errorf("the request was accepted: %.300s", raw)
	case e.Code != br.code:
		t.Errorf("error %s (%s), want %s", e.Code, e.Message, br.code)
	case e.Message == "" || !strings.Contains(e.Message, br.message):
		t.Errorf("message %q does not say %q", e.Message, br.message)
	}
	if answer.Response.RequestId == "" {
		t.Error("the answer has no RequestId")
	}
	// Still serving, and nothing changed: no credential, synchronization still off, no IdP.
	var creds listSCIMCredentialsResponse
	c.call("ListSCIMCredentials", zoneOnly).into(t, &creds)
	if creds.TotalCounts != 0 || len(creds.SCIMCredentials) != 0 {
		t.Errorf("a refused request created %d credentials", len(creds.SCIMCredentials))
	}
	var status getSCIMSynchronizationStatusResponse
	c.call("GetSCIMSynchronizationStatus", zoneOnly).into(t, &status)
	if status.SCIMSynchronizationStatus != "Disabled" {
		t.Errorf("SCIM synchronization after a refused request: %s", status.SCIMSynchronizationStatus)
	}
	c.call("GetExternalSAMLIdentityProvider", zoneOnly).wantCode(t, codeSAMLIdentityProviderNotFound)
}
