package idcsim

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzTC3Verify checks the signature verifier against the tests' own
// signer, written from the reference (SignRequest in api_tc3_sign.go): a request signed
// correctly over a fuzzed body, Content-Type and Host verifies; every
// single change to what the signature covers, or to the credential, is
// refused with an AuthFailure code; and a fuzzed Authorization header and
// timestamp never verify, never panic, and never get an answer that quotes
// the secret key or the signature the server expected.
func FuzzTC3Verify(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "api-requests", "*.json"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seeds in testdata/api-requests: %v", err)
	}
	validAuth := "TC3-HMAC-SHA256 Credential=" + DefaultSecretID + "/2026-05-31/organization/tc3_request, SignedHeaders=content-type;host, Signature=" + strings.Repeat("ab", 32)
	auths := []string{
		validAuth,
		strings.Replace(validAuth, "content-type;host", "content-type;host;x-tc-action", 1),
		"",
		"SKIP",
		"TC3-HMAC-SHA256 garbage",
		strings.Replace(validAuth, "tc3_request", "tc2_request", 1),
		strings.Replace(validAuth, "content-type;host", "host;content-type", 1),
		validAuth + ", Signature=" + strings.Repeat("ab", 32),
	}
	for i, file := range files {
		body, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(body, "application/json", "organization.tencentcloudapi.com", int16(i*29-290), uint16(i*37), auths[i%len(auths)], "")
	}
	f.Add([]byte(vectorPayload), "application/json; charset=utf-8", "cvm.tencentcloudapi.com", int16(0), uint16(0),
		"TC3-HMAC-SHA256 Credential="+vectorSecretID+"/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature="+vectorSignature, "1551113065")
	f.Add([]byte(unsignedPayload), " Application/JSON ", "127.0.0.1:8089", int16(300), uint16(65535), validAuth, "+1780211093")
	f.Add([]byte{}, "", "", int16(-300), uint16(1), validAuth, "0")

	f.Fuzz(func(t *testing.T, body []byte, contentType, host string, skew int16, pos uint16, auth, timestamp string) {
		// Header values with control characters never get past net/http's
		// request parsing.
		if !validHeaderValue(contentType) || !validHeaderValue(host) {
			t.Skip()
		}
		v := &tc3Verifier{
			service:   apiService,
			secretID:  DefaultSecretID,
			secretKey: DefaultSecretKey,
			now:       func() time.Time { return fuzzNow.Add(time.Duration(skew%301) * time.Second) },
		}
		signedAt := fuzzNow.Unix()
		request := func(b []byte) *http.Request {
			r := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(b))
			r.Host = host
			r.Header.Set("Content-Type", contentType)
			r.Header.Set("X-TC-Action", "DescribeIdentityCenter")
			SignRequest(r, b, DefaultSecretID, DefaultSecretKey, apiService, signedAt)
			return r
		}
		if err := v.verify(request(body), body); err != nil {
			t.Fatalf("a correctly signed request is refused: %v", err)
		}
		want := strings.TrimPrefix(request(body).Header.Get("Authorization"), "TC3-HMAC-SHA256 ")
		signature := want[strings.LastIndex(want, "=")+1:]

		replaceAuth := func(old, repl string) func(*http.Request, []byte) []byte {
			return func(r *http.Request, b []byte) []byte {
				a := r.Header.Get("Authorization")
				if !strings.Contains(a, old) {
					t.Fatalf("%q is not in %q", old, a)
				}
				r.Header.Set("Authorization", strings.Replace(a, old, repl, 1))
				return b
			}
		}
		i := int(pos) % sha256HexLen
		flipped := []byte(signature)
		flipped[i] = "0123456789abcdef"[(strings.IndexByte("0123456789abcdef", flipped[i])+1)%16]
		mutations := []struct {
			name   string
			mutate func(r *http.Request, b []byte) []byte // returns the body the server receives
		}{
			{"byte appended to the body", func(_ *http.Request, b []byte) []byte { return append(slices.Clip(b), ' ') }},
			{"host changed", func(r *http.Request, b []byte) []byte { r.Host += "x"; return b }},
			{"content type changed", func(r *http.Request, b []byte) []byte {
				r.Header.Set("Content-Type", contentType+"x")
				return b
			}},
			{"timestamp a second later", func(r *http.Request, b []byte) []byte {
				r.Header.Set("X-TC-Timestamp", strconv.FormatInt(signedAt+1, 10))
				return b
			}},
			{"timestamp written with a leading zero", func(r *http.Request, b []byte) []byte {
				r.Header.Set("X-TC-Timestamp", "0"+strconv.FormatInt(signedAt, 10))
				return b
			}},
			{"signature digit changed", replaceAuth(signature, string(flipped))},
			{"secret ID changed", replaceAuth("Credential="+DefaultSecretID, "Credential="+DefaultSecretID[:len(DefaultSecretID)-1]+"1")},
			{"scope date changed", replaceAuth("/"+fuzzNow.Format("2006-01-02")+"/", "/"+fuzzNow.AddDate(0, 0, -1).Format("2006-01-02")+"/")},
			{"scope service changed", replaceAuth("/"+apiService+"/", "/cvm/")},
			{"unsigned header claimed as signed", replaceAuth("SignedHeaders=content-type;host", "SignedHeaders=content-type;host;x-tc-action")},
			{"signed with another key", func(r *http.Request, b []byte) []byte {
				SignRequest(r, b, DefaultSecretID, DefaultSecretKey+"x", apiService, signedAt)
				return b
			}},
			{"token added", func(r *http.Request, b []byte) []byte { r.Header.Set("X-TC-Token", "token"); return b }},
		}
		if len(body) > 0 {
			mutations = append(mutations,
				struct {
					name   string
					mutate func(r *http.Request, b []byte) []byte
				}{"body byte changed", func(_ *http.Request, b []byte) []byte {
					c := bytes.Clone(b)
					c[int(pos)%len(c)] ^= 0x01
					return c
				}},
				struct {
					name   string
					mutate func(r *http.Request, b []byte) []byte
				}{"last body byte dropped", func(_ *http.Request, b []byte) []byte { return b[:len(b)-1] }},
			)
		}
		if string(body) != unsignedPayload {
			// The one body whose hash the header would leave unchanged.
			mutations = append(mutations, struct {
				name   string
				mutate func(r *http.Request, b []byte) []byte
			}{"payload declared unsigned", func(r *http.Request, b []byte) []byte {
				r.Header.Set("X-TC-Content-SHA256", unsignedPayload)
				return b
			}})
		}
		for _, m := range mutations {
			r := request(body)
			got := m.mutate(r, body)
			err := v.verify(r, got)
			if err == nil || !strings.HasPrefix(err.Code, "AuthFailure.") {
				t.Fatalf("%s: verify = %v, want an AuthFailure", m.name, err)
			}
			checkAuthMessage(t, err, signature)
		}

		// A fuzzed Authorization header and timestamp.
		r := request(body)
		r.Header.Set("Authorization", auth)
		if timestamp != "" {
			r.Header.Set("X-TC-Timestamp", timestamp)
		}
		if a, perr := parseTC3Authorization(auth); perr == nil {
			checkParsedAuthorization(t, a)
		} else if perr.Code != codeAuthInvalidAuthorization {
			t.Fatalf("parsing %q: %v", auth, perr)
		}
		err := v.verify(r, body)
		if err == nil {
			if !strings.Contains(auth, "Signature="+signature) || (timestamp != "" && timestamp != strconv.FormatInt(signedAt, 10)) {
				t.Fatalf("the forged Authorization %q (timestamp %q) verifies", auth, timestamp)
			}
			return
		}
		if !strings.HasPrefix(err.Code, "AuthFailure.") {
			t.Fatalf("verify = %v, want an AuthFailure", err)
		}
		// Quoting back what the client sent is fine; only the server's
		// secrets must stay out.
		if !strings.Contains(auth+timestamp, DefaultSecretKey) && !strings.Contains(auth+timestamp, signature) {
			checkAuthMessage(t, err, signature)
		}
	})
}

const sha256HexLen = 64

// checkAuthMessage: an answer to a bad signature helps the client without
// handing out what only the key holder may know.
func checkAuthMessage(t *testing.T, err *apiError, expected string) {
	t.Helper()
	if err.Message == "" || strings.Contains(err.Message, DefaultSecretKey) || strings.Contains(err.Message, expected) {
		t.Fatalf("the answer is empty or quotes the secret key or the expected signature: %v", err)
	}
}

// checkParsedAuthorization: what parseTC3Authorization accepts has the
// shape the signature computation relies on.
func checkParsedAuthorization(t *testing.T, a *tc3Authorization) {
	t.Helper()
	if a.SecretID == "" || len(a.Signature) != sha256HexLen || strings.Trim(a.Signature, "0123456789abcdef") != "" {
		t.Fatalf("accepted authorization with secret ID %q, signature %q", a.SecretID, a.Signature)
	}
	if !slices.IsSorted(a.SignedHeaders) || len(slices.Compact(slices.Clone(a.SignedHeaders))) != len(a.SignedHeaders) ||
		!slices.Contains(a.SignedHeaders, "content-type") || !slices.Contains(a.SignedHeaders, "host") {
		t.Fatalf("accepted signed headers %q", a.SignedHeaders)
	}
	for _, h := range a.SignedHeaders {
		if h == "" || h != strings.ToLower(h) {
			t.Fatalf("accepted signed header %q", h)
		}
	}
}

// validHeaderValue is net/http's rule for a field value: no control
// characters but tab.
func validHeaderValue(s string) bool {
	for i := range len(s) {
		if c := s[i]; (c < ' ' && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}
