package idc

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// credentialOf returns the SecretId the request was signed with.
func credentialOf(h http.Header) string {
	auth := h.Get("Authorization")
	_, rest, ok := strings.Cut(auth, "Credential=")
	if !ok {
		return ""
	}
	id, _, _ := strings.Cut(rest, "/")
	return id
}

func writeProfile(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name+".credential"), []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestCredentialSources(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeProfile(t, dir, "default", `{"secretId":"AKIDfromDefaultProfile","secretKey":"defaultProfileKey"}`)
	writeProfile(t, dir, "ci", `{"secretId":"AKIDfromCIProfile","secretKey":"ciProfileKey","token":"ciProfileToken"}`)
	writeProfile(t, dir, "broken", `{"secretId":"AKIDbroken","secretKey":"brokenKeyMustNotLeak"`)
	writeProfile(t, dir, "halfrole", `{"secretId":"AKIDhalf","secretKey":"halfKey","role-arn":"qcs::cam::uin/1:roleName/x"}`)
	writeProfile(t, dir, "nokey", `{"secretId":"AKIDnokey"}`)

	f := newFakeAPI(t, alwaysOK)
	tests := []struct {
		name      string
		cfg       Config
		wantID    string
		wantToken string
		wantErr   string
	}{
		{"static pair wins over profile", Config{SecretID: "AKIDstatic", SecretKey: "staticKey", SecurityToken: "staticToken", SharedCredentialsDir: dir}, "AKIDstatic", "staticToken", ""},
		{"default profile", Config{SharedCredentialsDir: dir}, "AKIDfromDefaultProfile", "", ""},
		{"named profile with token", Config{SharedCredentialsDir: dir, Profile: "ci"}, "AKIDfromCIProfile", "ciProfileToken", ""},
		{"missing profile", Config{SharedCredentialsDir: dir, Profile: "nope"}, "", "", "No credentials are configured: set secret_id and secret_key"},
		{"invalid JSON", Config{SharedCredentialsDir: dir, Profile: "broken"}, "", "", "is not valid JSON"},
		{"role without session name", Config{SharedCredentialsDir: dir, Profile: "halfrole"}, "", "", "no \"role-session-name\""},
		{"profile without key", Config{SharedCredentialsDir: dir, Profile: "nokey"}, "", "", "must contain \"secretId\" and \"secretKey\""},
		{"only secret id", Config{SecretID: "AKIDonly", SharedCredentialsDir: dir}, "", "", "the secret key is empty"},
		{"only secret key", Config{SecretKey: "onlyKey", SharedCredentialsDir: dir}, "", "", "the secret ID is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := tt.cfg
			cfg.Protocol, cfg.Endpoint, cfg.RateLimit = "HTTP", f.endpoint(), -1
			c, err := New(t.Context(), cfg)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("New error = %v, want one containing %q", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), "brokenKeyMustNotLeak") {
					t.Errorf("error leaks the profile's secret key: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("New: %v", err)
			}
			if _, err := c.DescribeIdentityCenter(t.Context()); err != nil {
				t.Fatal(err)
			}
			reqs := f.recorded()
			last := reqs[len(reqs)-1]
			if got := credentialOf(last.Header); got != tt.wantID {
				t.Errorf("signed with %q, want %q", got, tt.wantID)
			}
			if got := last.Header.Get("X-TC-Token"); got != tt.wantToken {
				t.Errorf("X-TC-Token = %q, want %q", got, tt.wantToken)
			}
		})
	}
}

// Not parallel: it sets HOME.
func TestDefaultCredentialsDirIsHome(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	if err := os.Mkdir(filepath.Join(home, ".tccli"), 0o700); err != nil {
		t.Fatal(err)
	}
	writeProfile(t, filepath.Join(home, ".tccli"), "default", `{"secretId":"AKIDhome","secretKey":"homeKey"}`)
	for _, dir := range []string{"", "~/.tccli"} {
		cred, role, err := resolveBaseCredential(Config{SharedCredentialsDir: dir})
		if err != nil {
			t.Fatalf("dir %q: %v", dir, err)
		}
		if cred.SecretId != "AKIDhome" || role != nil {
			t.Errorf("dir %q: got %q, role %v", dir, cred.SecretId, role)
		}
	}
}

// fakeSTS answers AssumeRole with numbered temporary credentials valid for *validFor.
func fakeSTS(t *testing.T, validFor *atomic.Int64) (*fakeAPI, *atomic.Int32) {
	var n atomic.Int32
	sts := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, req fakeRequest, _ int) {
		if req.Action != "AssumeRole" || req.Header.Get("X-TC-Version") != "2018-08-13" {
			writeAPIError(w, "InvalidAction")
			return
		}
		i := n.Add(1)
		writeOK(w, map[string]any{
			"Credentials": map[string]any{
				"TmpSecretId":  fmt.Sprintf("AKIDtmp%d", i),
				"TmpSecretKey": fmt.Sprintf("tmpKeyMustNotLeak%d", i),
				"Token":        fmt.Sprintf("tmpTokenMustNotLeak%d", i),
			},
			"ExpiredTime": time.Now().Add(time.Duration(validFor.Load())).Unix(),
			"Expiration":  time.Now().Add(time.Duration(validFor.Load())).UTC().Format(time.RFC3339),
		})
	})
	return sts, &n
}

func TestAssumeRole(t *testing.T) {
	t.Parallel()
	var validFor atomic.Int64
	validFor.Store(int64(2 * time.Hour))
	sts, stsCalls := fakeSTS(t, &validFor)
	api := newFakeAPI(t, alwaysOK)
	cfg := testConfig(api)
	cfg.AssumeRole = &AssumeRoleConfig{
		RoleARN:         "qcs::cam::uin/100000000001:roleName/terraform",
		SessionName:     "ci-run",
		SessionDuration: time.Hour,
		Policy:          `{"version":"2.0","statement":[{"effect":"allow","action":["organization:*"],"resource":["*"]}]}`,
		ExternalID:      "ext-123",
		Endpoint:        sts.endpoint(),
	}
	c := newTestClient(t, cfg)

	stsReqs := sts.recorded()
	if len(stsReqs) != 1 {
		t.Fatalf("STS saw %d requests, want 1", len(stsReqs))
	}
	r := stsReqs[0]
	if got := credentialOf(r.Header); got != testSecretID {
		t.Errorf("AssumeRole signed with %q, want the base key %q", got, testSecretID)
	}
	if !strings.Contains(r.Header.Get("Authorization"), "/sts/tc3_request") {
		t.Errorf("AssumeRole not signed for service sts: %s", r.Header.Get("Authorization"))
	}
	wantBody := map[string]any{
		"RoleArn":         cfg.AssumeRole.RoleARN,
		"RoleSessionName": "ci-run",
		"DurationSeconds": float64(3600),
		"Policy":          url.QueryEscape(cfg.AssumeRole.Policy),
		"ExternalId":      "ext-123",
	}
	for k, v := range wantBody {
		if r.Body[k] != v {
			t.Errorf("AssumeRole %s = %v, want %v", k, r.Body[k], v)
		}
	}
	if len(r.Body) != len(wantBody) {
		t.Errorf("AssumeRole body has extra fields: %v", r.Body)
	}

	if _, err := c.DescribeIdentityCenter(t.Context()); err != nil {
		t.Fatal(err)
	}
	last := api.recorded()[0]
	if got := credentialOf(last.Header); got != "AKIDtmp1" {
		t.Errorf("API call signed with %q, want the temporary AKIDtmp1", got)
	}
	if got := last.Header.Get("X-TC-Token"); got != "tmpTokenMustNotLeak1" {
		t.Errorf("X-TC-Token = %q", got)
	}

	// Close to expiry the credentials are renewed before the next call, once, however many
	// calls run at the same time.
	rc, ok := c.creds.(*roleCredential)
	if !ok {
		t.Fatalf("credentials are a %T, want *roleCredential", c.creds)
	}
	rc.now = func() time.Time { return time.Now().Add(2*time.Hour - time.Minute) }
	validFor.Store(int64(10 * time.Hour))
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if _, err := c.DescribeIdentityCenter(t.Context()); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if got := stsCalls.Load(); got != 2 {
		t.Errorf("STS calls = %d, want 2 (one renewal)", got)
	}
	reqs := api.recorded()
	if got := credentialOf(reqs[len(reqs)-1].Header); got != "AKIDtmp2" {
		t.Errorf("after renewal signed with %q, want AKIDtmp2", got)
	}
}

func TestAssumeRoleFromProfile(t *testing.T) {
	t.Parallel()
	// Default protocol and domain: HTTPS to sts.tencentcloudapi.com and
	// organization.tencentcloudapi.com, which the test transport routes to local TLS fakes.
	var n atomic.Int32
	sts := newFakeTLSAPI(t, func(w http.ResponseWriter, _ *http.Request, req fakeRequest, _ int) {
		n.Add(1)
		writeOK(w, map[string]any{
			"Credentials": map[string]any{"TmpSecretId": "AKIDtmpFromProfileRole", "TmpSecretKey": "tmpKey", "Token": "tmpToken"},
			"ExpiredTime": time.Now().Add(time.Hour).Unix(),
		})
	})
	api := newFakeTLSAPI(t, alwaysOK)
	routes := map[string]string{
		"sts.tencentcloudapi.com:443":          sts.addr(),
		"organization.tencentcloudapi.com:443": api.addr(),
	}
	dialer := &net.Dialer{}
	transport := &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			to, ok := routes[addr]
			if !ok {
				return nil, fmt.Errorf("test transport: no route to %s", addr)
			}
			return dialer.DialContext(ctx, network, to)
		},
		// The fakes' certificates are for 127.0.0.1 and example.com, not Tencent's hosts.
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, //nolint:gosec // test-only, loopback
	}
	t.Cleanup(transport.CloseIdleConnections)

	dir := t.TempDir()
	writeProfile(t, dir, "role", `{"secretId":"AKIDprofileBase","secretKey":"profileBaseKey","role-arn":"qcs::cam::uin/1:roleName/r","role-session-name":"from-profile"}`)
	c := newTestClient(t, Config{SharedCredentialsDir: dir, Profile: "role", HTTPTransport: transport, RateLimit: -1})
	if _, err := c.DescribeIdentityCenter(t.Context()); err != nil {
		t.Fatal(err)
	}
	stsReq := sts.recorded()[0]
	if got := credentialOf(stsReq.Header); got != "AKIDprofileBase" {
		t.Errorf("AssumeRole signed with %q, want the profile's key", got)
	}
	if stsReq.Body["RoleArn"] != "qcs::cam::uin/1:roleName/r" || stsReq.Body["RoleSessionName"] != "from-profile" || stsReq.Body["DurationSeconds"] != float64(7200) {
		t.Errorf("AssumeRole body = %v", stsReq.Body)
	}
	if got := credentialOf(api.recorded()[0].Header); got != "AKIDtmpFromProfileRole" {
		t.Errorf("API call signed with %q, want the temporary key", got)
	}
}

func TestAssumeRoleFailure(t *testing.T) {
	t.Parallel()
	sts := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ fakeRequest, _ int) {
		writeAPIError(w, "AuthFailure.UnauthorizedOperation")
	})
	api := newFakeAPI(t, alwaysOK)
	cfg := testConfig(api)
	cfg.AssumeRole = &AssumeRoleConfig{RoleARN: "qcs::cam::uin/1:roleName/r", Endpoint: sts.endpoint()}
	_, err := New(t.Context(), cfg)
	if err == nil || !strings.Contains(err.Error(), "assuming role qcs::cam::uin/1:roleName/r") {
		t.Fatalf("New error = %v", err)
	}
	if strings.Contains(err.Error(), testSecretKey) {
		t.Errorf("error leaks the secret key: %v", err)
	}
}
