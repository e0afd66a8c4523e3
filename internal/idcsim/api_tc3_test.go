package idcsim

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The official TC3-HMAC-SHA256 example (Tencent Cloud API 3.0 signature documentation).
const (
	vectorSecretID  = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"
	vectorSecretKey = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"
	vectorTimestamp = 1551113065
	vectorPayload   = `{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}`
	vectorSignature = "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
)

func vectorRequest() *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(vectorPayload))
	r.Host = "cvm.tencentcloudapi.com"
	r.Header.Set("Content-Type", "application/json; charset=utf-8")
	r.Header.Set("X-TC-Timestamp", "1551113065")
	r.Header.Set("Authorization", "TC3-HMAC-SHA256 Credential="+vectorSecretID+"/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature="+vectorSignature)
	return r
}

func TestTC3OfficialVector(t *testing.T) {
	t.Parallel()
	r := vectorRequest()
	canonical := tc3CanonicalRequest(r, []string{"content-type", "host"}, []byte(vectorPayload))
	payloadHash := canonical[strings.LastIndexByte(canonical, '\n')+1:]
	if !strings.HasPrefix(payloadHash, "35e9c5b0") || !strings.HasSuffix(payloadHash, "f064") {
		t.Errorf("payload hash = %s, want 35e9c5b0…f064", payloadHash)
	}
	if h := sha256Hex([]byte(canonical)); !strings.HasPrefix(h, "5ffe6a04") || !strings.HasSuffix(h, "7031") {
		t.Errorf("canonical request hash = %s, want 5ffe6a04…7031", h)
	}
	if got := tc3Signature(vectorSecretKey, "2019-02-25", "cvm", "1551113065", canonical); got != vectorSignature {
		t.Errorf("signature = %s, want %s", got, vectorSignature)
	}

	// The whole verifier accepts the official request within the skew and refuses it outside.
	for _, tc := range []struct {
		name string
		skew time.Duration
		want string
	}{
		{"in time", 299 * time.Second, ""},
		{"too late", 301 * time.Second, codeAuthSignatureExpire},
		{"too early", -301 * time.Second, codeAuthSignatureExpire},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := &tc3Verifier{service: "cvm", secretID: vectorSecretID, secretKey: vectorSecretKey,
				now: func() time.Time { return time.Unix(vectorTimestamp, 0).Add(tc.skew) }}
			err := v.verify(vectorRequest(), []byte(vectorPayload))
			if got := codeOf(err); got != tc.want {
				t.Fatalf("verify = %q (%v), want %q", got, err, tc.want)
			}
		})
	}
}

func codeOf(err *apiError) string {
	if err == nil {
		return ""
	}
	return err.Code
}

func TestParseTC3Authorization(t *testing.T) {
	t.Parallel()
	valid := "TC3-HMAC-SHA256 Credential=AKID/2026-05-31/organization/tc3_request, SignedHeaders=content-type;host, Signature=" + strings.Repeat("ab", 32)
	for _, tc := range []struct {
		name, header string
		ok           bool
	}{
		{"valid", valid, true},
		{"extra signed header", strings.Replace(valid, "content-type;host", "content-type;host;x-tc-action", 1), true},
		{"missing", "", false},
		{"skip sign", "SKIP", false},
		{"other algorithm", strings.Replace(valid, "TC3-HMAC-SHA256", "HMAC-SHA256", 1), false},
		{"no signature", "TC3-HMAC-SHA256 Credential=AKID/2026-05-31/organization/tc3_request, SignedHeaders=content-type;host", false},
		{"short credential", strings.Replace(valid, "AKID/2026-05-31/organization/tc3_request", "AKID/2026-05-31/tc3_request", 1), false},
		{"wrong terminator", strings.Replace(valid, "tc3_request", "tc2_request", 1), false},
		{"unsorted headers", strings.Replace(valid, "content-type;host", "host;content-type", 1), false},
		{"upper-case header", strings.Replace(valid, "content-type;host", "Content-Type;host", 1), false},
		{"host not signed", strings.Replace(valid, "content-type;host", "content-type", 1), false},
		{"short signature", valid[:len(valid)-2], false},
		{"upper-case signature", strings.Replace(valid, strings.Repeat("ab", 32), strings.Repeat("AB", 32), 1), false},
		{"non-hex signature", strings.Replace(valid, strings.Repeat("ab", 32), strings.Repeat("zz", 32), 1), false},
		{"repeated field", valid + ", Signature=" + strings.Repeat("ab", 32), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseTC3Authorization(tc.header)
			if tc.ok && err != nil {
				t.Fatalf("want ok, got %v", err)
			}
			if !tc.ok && codeOf(err) != codeAuthInvalidAuthorization {
				t.Fatalf("want %s, got %v", codeAuthInvalidAuthorization, err)
			}
		})
	}
}

// TestAuthFailures sends real requests whose signing goes wrong in one way each.
func TestAuthFailures(t *testing.T) {
	t.Parallel()
	clock := newTestClock()
	_, c := startSim(t, Options{Now: clock.Now, SecurityToken: "good-token"})
	body := []byte(`{}`)
	for _, tc := range []struct {
		name string
		edit func(*http.Request)
		want string
	}{
		{"valid", func(*http.Request) {}, ""},
		{"no authorization", func(r *http.Request) { r.Header.Del("Authorization") }, codeAuthInvalidAuthorization},
		{"garbled authorization", func(r *http.Request) { r.Header.Set("Authorization", "TC3-HMAC-SHA256 garbage") }, codeAuthInvalidAuthorization},
		{"wrong algorithm", func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "TC3-HMAC-SHA256", "TC2-HMAC-SHA256", 1))
		}, codeAuthInvalidAuthorization},
		{"unknown secret id", func(r *http.Request) {
			SignRequest(r, body, "AKIDunknown", DefaultSecretKey, "organization", clock.Now().Unix())
		}, codeAuthSecretIDNotFound},
		{"wrong key", func(r *http.Request) {
			SignRequest(r, body, DefaultSecretID, "not-the-key", "organization", clock.Now().Unix())
		}, codeAuthSignatureFailure},
		{"old timestamp", func(r *http.Request) {
			SignRequest(r, body, DefaultSecretID, DefaultSecretKey, "organization", clock.Now().Add(-301*time.Second).Unix())
		}, codeAuthSignatureExpire},
		{"future timestamp", func(r *http.Request) {
			SignRequest(r, body, DefaultSecretID, DefaultSecretKey, "organization", clock.Now().Add(301*time.Second).Unix())
		}, codeAuthSignatureExpire},
		{"timestamp within skew", func(r *http.Request) {
			SignRequest(r, body, DefaultSecretID, DefaultSecretKey, "organization", clock.Now().Add(-299*time.Second).Unix())
		}, ""},
		{"garbled timestamp", func(r *http.Request) { r.Header.Set("X-TC-Timestamp", "yesterday") }, codeAuthInvalidAuthorization},
		{"timestamp changed after signing", func(r *http.Request) {
			r.Header.Set("X-TC-Timestamp", strconv.FormatInt(clock.Now().Unix()+1, 10))
		}, codeAuthSignatureFailure},
		{"scope date not the timestamp's UTC date", func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "/2026-05-31/", "/2026-05-30/", 1))
		}, codeAuthSignatureFailure},
		{"other service", func(r *http.Request) {
			SignRequest(r, body, DefaultSecretID, DefaultSecretKey, "cvm", clock.Now().Unix())
		}, codeAuthSignatureFailure},
		{"body changed after signing", func(r *http.Request) {
			r.Body = http.NoBody
			r.ContentLength = 0
		}, codeAuthSignatureFailure},
		{"host changed after signing", func(r *http.Request) { r.Host = "localhost:1" }, codeAuthSignatureFailure},
		{"content type changed after signing", func(r *http.Request) { r.Header.Set("Content-Type", "application/json; charset=utf-8") }, codeAuthSignatureFailure},
		{"good token", func(r *http.Request) { r.Header.Set("X-TC-Token", "good-token") }, ""},
		{"bad token", func(r *http.Request) { r.Header.Set("X-TC-Token", "bad-token") }, codeAuthTokenFailure},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := c.call("DescribeIdentityCenter", body, tc.edit)
			res.wantCode(t, tc.want)
		})
	}
}

func TestTokenRefusedWithoutConfiguredToken(t *testing.T) {
	t.Parallel()
	_, c := startSim(t, Options{})
	c.call("DescribeIdentityCenter", []byte(`{}`), func(r *http.Request) { r.Header.Set("X-TC-Token", "anything") }).
		wantCode(t, codeAuthTokenFailure)
}

func TestUnsignedPayload(t *testing.T) {
	t.Parallel()
	clock := newTestClock()
	_, c := startSim(t, Options{Now: clock.Now})
	body := []byte(`{"ZoneId":"` + DefaultZoneID + `"}`)
	// Signed over sha256("UNSIGNED-PAYLOAD"), so any body is accepted when the header says so.
	withUnsigned := func(r *http.Request) {
		SignRequest(r, []byte(unsignedPayload), DefaultSecretID, DefaultSecretKey, "organization", clock.Now().Unix())
		r.Header.Set("X-TC-Content-SHA256", unsignedPayload)
	}
	c.call("GetSCIMSynchronizationStatus", body, withUnsigned).wantCode(t, "")
	// Without the header the same signature does not cover the body.
	c.call("GetSCIMSynchronizationStatus", body, func(r *http.Request) {
		SignRequest(r, []byte(unsignedPayload), DefaultSecretID, DefaultSecretKey, "organization", clock.Now().Unix())
	}).wantCode(t, codeAuthSignatureFailure)
}

// TestReplayAccepted: the SDK re-sends the same signed request after RequestLimitExceeded.
func TestReplayAccepted(t *testing.T) {
	t.Parallel()
	s, c := startSim(t, Options{})
	body := []byte(`{"ZoneId":"` + DefaultZoneID + `"}`)
	req, err := http.NewRequest(http.MethodPost, c.baseURL+"/", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-TC-Action", "GetSCIMSynchronizationStatus")
	req.Header.Set("X-TC-Version", apiVersion)
	SignRequest(req, body, DefaultSecretID, DefaultSecretKey, "organization", s.now().Unix())
	for i := range 2 {
		req.Body = io.NopCloser(bytes.NewReader(body))
		resp, err := c.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		answer, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(answer), `"SCIMSynchronizationStatus":"Disabled"`) {
			t.Fatalf("send %d: %s", i+1, answer)
		}
		if got := s.Stats().Calls["GetSCIMSynchronizationStatus"]; got != int64(i+1) {
			t.Fatalf("after send %d: %d calls counted", i+1, got)
		}
	}
}
