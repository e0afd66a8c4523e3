package idcsim

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// SignRequest adds TC3-HMAC-SHA256 headers (X-TC-Timestamp, Authorization) to a POST request
// with a JSON body, for tests that speak to the simulator without the SDK. It is written apart
// from the simulator's verifier, straight from the reference's steps, so that the two check
// each other; nothing in the simulator itself calls it.
func SignRequest(req *http.Request, body []byte, secretID, secretKey, service string, timestamp int64) {
	hash := func(b []byte) string {
		s := sha256.Sum256(b)
		return hex.EncodeToString(s[:])
	}
	mac := func(key []byte, msg string) []byte {
		m := hmac.New(sha256.New, key)
		m.Write([]byte(msg))
		return m.Sum(nil)
	}
	ts := strconv.FormatInt(timestamp, 10)
	date := time.Unix(timestamp, 0).UTC().Format("2006-01-02")
	// The reference: header values are trimmed and lower-cased in the canonical headers.
	value := func(v string) string { return strings.ToLower(strings.TrimSpace(v)) }
	canonical := "POST\n/\n\n" +
		"content-type:" + value(req.Header.Get("Content-Type")) + "\n" +
		"host:" + value(req.Host) + "\n" +
		"\ncontent-type;host\n" + hash(body)
	scope := date + "/" + service + "/tc3_request"
	toSign := "TC3-HMAC-SHA256\n" + ts + "\n" + scope + "\n" + hash([]byte(canonical))
	key := mac(mac(mac([]byte("TC3"+secretKey), date), service), "tc3_request")
	sig := hex.EncodeToString(mac(key, toSign))
	req.Header.Set("X-TC-Timestamp", ts)
	req.Header.Set("Authorization", "TC3-HMAC-SHA256 Credential="+secretID+"/"+scope+", SignedHeaders=content-type;host, Signature="+sig)
}
