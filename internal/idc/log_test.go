package idc

import (
	"bytes"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

func TestLogsNeverContainSecrets(t *testing.T) {
	t.Parallel()
	const (
		credentialSecret = "c2NpbVNlY3JldFRoYXRNdXN0TmV2ZXJCZUxvZ2dlZA=="
		tmpKey           = "tmpKeyMustNotLeak1"
		tmpToken         = "tmpTokenMustNotLeak1"
	)
	var validFor atomic.Int64
	validFor.Store(int64(time.Hour))
	sts, _ := fakeSTS(t, &validFor)
	f := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, req fakeRequest, n int) {
		if req.Action == "ListSCIMCredentials" && n == 1 {
			writeAPIError(w, "RequestLimitExceeded") // a retry logs too
			return
		}
		writeOK(w, okFor(req.Action, req.Body))
	})

	var out bytes.Buffer
	ctx := tflogtest.RootLogger(t.Context(), &out)
	cfg := testConfig(f)
	cfg.SecurityToken = testToken
	cfg.AssumeRole = &AssumeRoleConfig{RoleARN: "qcs::cam::uin/1:roleName/r", Endpoint: sts.endpoint()}
	c, err := New(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	cred, err := c.CreateSCIMCredential(ctx, "z-abcdefabcdef", 0)
	if err != nil {
		t.Fatal(err)
	}
	if cred.Secret != credentialSecret {
		t.Fatalf("secret = %q, want the one the fake sent", cred.Secret)
	}
	if _, err := c.ListSCIMCredentials(ctx, "z-abcdefabcdef"); err != nil {
		t.Fatal(err)
	}
	metadata := "PD94bWwgdmVyc2lvbj0iMS4wIj8+PEVudGl0eURlc2NyaXB0b3IvPg=="
	enabled := true
	cert := "MIIBtjCCAVugAwIBAgITBmyf1XSXNmY"
	if _, err := c.SetExternalSAMLIdentityProvider(ctx, SetSAMLIdentityProviderInput{
		ZoneID: "z-abcdefabcdef", EncodedMetadataDocument: &metadata, SSOEnabled: &enabled, X509Certificate: &cert,
	}); err != nil {
		t.Fatal(err)
	}

	logs := out.String()
	for _, secret := range []string{testSecretKey, testToken, credentialSecret, tmpKey, tmpToken} {
		if strings.Contains(logs, secret) {
			t.Errorf("logs contain the secret %q", secret)
		}
	}
	// The logs must still say what happened, or this test would pass with logging broken.
	entries, err := tflogtest.MultilineJSONDecode(&out)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{
		"AssumeRole": false, "CreateSCIMCredential": false, "ListSCIMCredentials": false, "SetExternalSAMLIdentityProvider": false,
	}
	var sawRetry, sawRedacted, sawCert, sawRequestID bool
	for _, e := range entries {
		if e["@module"] != "provider."+LogSubsystem {
			t.Errorf("entry outside the subsystem: %v", e)
		}
		if a, ok := e["action"].(string); ok {
			if _, tracked := want[a]; tracked {
				want[a] = true
			}
		}
		if e["@message"] == "api call failed, retrying" && e["error_code"] == "RequestLimitExceeded" {
			sawRetry = true
		}
		if s, ok := e["response"].(string); ok && strings.Contains(s, `"CredentialSecret":"`+redacted+`"`) {
			sawRedacted = true
		}
		if s, ok := e["request"].(string); ok && strings.Contains(s, cert) {
			sawCert = true
		}
		if id, ok := e["request_id"].(string); ok && strings.HasPrefix(id, "req-") {
			sawRequestID = true
		}
		for _, k := range []string{"duration_ms", "attempt", "retries"} {
			if e["@message"] == "api call" {
				if _, ok := e[k]; !ok {
					t.Errorf("api call entry lacks %s: %v", k, e)
				}
			}
		}
	}
	for a, seen := range want {
		if !seen {
			t.Errorf("no log entry for %s", a)
		}
	}
	if !sawRetry || !sawRedacted || !sawCert || !sawRequestID {
		t.Errorf("retry logged %v, secret redacted in a response %v, certificate visible %v, request ID logged %v",
			sawRetry, sawRedacted, sawCert, sawRequestID)
	}
}

func TestRedactJSON(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{`{"Response":{"CredentialSecret":"s","CredentialId":"c"}}`, `{"Response":{"CredentialId":"c","CredentialSecret":"` + redacted + `"}}`},
		{`{"a":[{"password":"p"},{"Token":"t"}],"SecretKey":"k"}`, `{"SecretKey":"` + redacted + `","a":[{"password":"` + redacted + `"},{"Token":"` + redacted + `"}]}`},
		{`{"Credentials":{"TmpSecretKey":"k","TmpSecretId":"id"}}`, `{"Credentials":{"TmpSecretId":"id","TmpSecretKey":"` + redacted + `"}}`},
		{`{"X509Certificate":"MIIB","Token":""}`, `{"Token":"","X509Certificate":"MIIB"}`},
		{`not json "CredentialSecret":"s"`, `(not JSON, not logged)`},
	}
	for _, tt := range tests {
		if got := redactJSON([]byte(tt.in)); got != tt.want {
			t.Errorf("redactJSON(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
