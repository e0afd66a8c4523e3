package idcsim

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

const (
	tc3Algorithm    = "TC3-HMAC-SHA256"
	tc3Terminator   = "tc3_request"
	unsignedPayload = "UNSIGNED-PAYLOAD"
	// maxClockSkew is the documented tolerance between X-TC-Timestamp and the server clock.
	maxClockSkew = 300 * time.Second
)

// tc3Verifier checks TC3-HMAC-SHA256 signatures the way Tencent Cloud API 3.0 documents them.
type tc3Verifier struct {
	service   string
	secretID  string
	secretKey string
	// token is the only X-TC-Token accepted; "" refuses every token.
	token string
	now   func() time.Time
}

// tc3Authorization is a parsed Authorization header.
type tc3Authorization struct {
	SecretID      string
	Date          string
	Service       string
	SignedHeaders []string
	Signature     string
}

// parseTC3Authorization splits
// "TC3-HMAC-SHA256 Credential=ID/DATE/SERVICE/tc3_request, SignedHeaders=a;b, Signature=hex".
func parseTC3Authorization(header string) (*tc3Authorization, *apiError) {
	invalid := func(why string) *apiError {
		return errf(codeAuthInvalidAuthorization, "The Authorization header is not a TC3-HMAC-SHA256 authorization: %s.", why)
	}
	if header == "" {
		return nil, invalid("it is missing")
	}
	algorithm, rest, ok := strings.Cut(header, " ")
	if !ok || algorithm != tc3Algorithm {
		return nil, invalid("the algorithm must be " + tc3Algorithm)
	}
	fields := map[string]string{}
	for part := range strings.SplitSeq(rest, ",") {
		name, value, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return nil, invalid("it has a part without \"=\"")
		}
		if _, dup := fields[name]; dup {
			return nil, invalid("it repeats " + name)
		}
		fields[name] = value
	}
	if len(fields) != 3 || fields["Credential"] == "" || fields["SignedHeaders"] == "" || fields["Signature"] == "" {
		return nil, invalid("it must have exactly Credential, SignedHeaders and Signature")
	}
	scope := strings.Split(fields["Credential"], "/")
	if len(scope) != 4 || scope[0] == "" || scope[3] != tc3Terminator {
		return nil, invalid("the Credential must be SecretId/Date/Service/tc3_request")
	}
	signed := strings.Split(fields["SignedHeaders"], ";")
	for i, h := range signed {
		if h == "" || h != strings.ToLower(h) || (i > 0 && signed[i-1] >= h) {
			return nil, invalid("SignedHeaders must be lower-case header names, sorted and unique")
		}
	}
	if !slices.Contains(signed, "content-type") || !slices.Contains(signed, "host") {
		return nil, invalid("SignedHeaders must include content-type and host")
	}
	sig := fields["Signature"]
	if len(sig) != sha256.Size*2 || strings.ToLower(sig) != sig {
		return nil, invalid("the Signature must be 64 lower-case hex digits")
	}
	if _, err := hex.DecodeString(sig); err != nil {
		return nil, invalid("the Signature must be 64 lower-case hex digits")
	}
	return &tc3Authorization{
		SecretID:      scope[0],
		Date:          scope[1],
		Service:       scope[2],
		SignedHeaders: signed,
		Signature:     sig,
	}, nil
}

// tc3CanonicalRequest builds step 1 of the signature from the request as received. The canonical
// URI is always "/" and the query string of a POST is empty; header values are trimmed and
// lower-cased; the payload hash is over the raw body bytes, never a re-encoding of them.
func tc3CanonicalRequest(r *http.Request, signedHeaders []string, body []byte) string {
	var headers strings.Builder
	for _, name := range signedHeaders {
		value := r.Header.Get(name)
		if name == "host" {
			value = r.Host
		}
		headers.WriteString(name + ":" + strings.ToLower(strings.TrimSpace(value)) + "\n")
	}
	payloadHash := sha256Hex(body)
	if r.Header.Get("X-TC-Content-SHA256") == unsignedPayload {
		payloadHash = sha256Hex([]byte(unsignedPayload))
	}
	// Only POST reaches the verifier, and a POST's canonical query string is empty.
	return strings.Join([]string{
		r.Method,
		"/",
		"",
		headers.String(),
		strings.Join(signedHeaders, ";"),
		payloadHash,
	}, "\n")
}

// tc3Signature computes steps 2–4: string to sign, derived key, signature (lower-case hex).
func tc3Signature(secretKey, date, service, timestamp, canonicalRequest string) string {
	scope := date + "/" + service + "/" + tc3Terminator
	stringToSign := tc3Algorithm + "\n" + timestamp + "\n" + scope + "\n" + sha256Hex([]byte(canonicalRequest))
	kDate := hmacSHA256([]byte("TC3"+secretKey), date)
	kService := hmacSHA256(kDate, service)
	kSigning := hmacSHA256(kService, tc3Terminator)
	return hex.EncodeToString(hmacSHA256(kSigning, stringToSign))
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func hmacSHA256(key []byte, msg string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(msg))
	return m.Sum(nil)
}

// verify checks the request's signature over body. The checks run in the order a client can act
// on: header shape, key, clock, scope, signature, token.
func (v *tc3Verifier) verify(r *http.Request, body []byte) *apiError {
	auth, aerr := parseTC3Authorization(r.Header.Get("Authorization"))
	if aerr != nil {
		return aerr
	}
	if auth.SecretID != v.secretID {
		return errf(codeAuthSecretIDNotFound, "The SecretId is not found, please ensure that your SecretId is correct.")
	}
	tsHeader := r.Header.Get("X-TC-Timestamp")
	ts, err := strconv.ParseInt(tsHeader, 10, 64)
	if err != nil {
		return errf(codeAuthInvalidAuthorization, "X-TC-Timestamp must be a Unix time in seconds, not %q.", tsHeader)
	}
	signedAt := time.Unix(ts, 0)
	if skew := v.now().Sub(signedAt); skew > maxClockSkew || skew < -maxClockSkew {
		return errf(codeAuthSignatureExpire, "The signature expired: X-TC-Timestamp %d differs from the server time by %s, more than %s.",
			ts, skew.Abs().Truncate(time.Second), maxClockSkew)
	}
	if want := signedAt.UTC().Format("2006-01-02"); auth.Date != want {
		return errf(codeAuthSignatureFailure, "The credential scope date %q is not the UTC date of X-TC-Timestamp (%s).", auth.Date, want)
	}
	if auth.Service != v.service {
		return errf(codeAuthSignatureFailure, "The credential scope names service %q; this endpoint serves %q.", auth.Service, v.service)
	}
	want := tc3Signature(v.secretKey, auth.Date, auth.Service, tsHeader, tc3CanonicalRequest(r, auth.SignedHeaders, body))
	if !hmac.Equal([]byte(want), []byte(auth.Signature)) {
		return errf(codeAuthSignatureFailure, "The provided credentials could not be validated. Please check your signature is correct.")
	}
	if token := r.Header.Get("X-TC-Token"); token != "" {
		if v.token == "" || !hmac.Equal([]byte(token), []byte(v.token)) {
			return errf(codeAuthTokenFailure, "The X-TC-Token is invalid or expired.")
		}
	}
	return nil
}
