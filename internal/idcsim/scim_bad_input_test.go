package idcsim

import (
	"bytes"
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// badSCIMRequest is a raw request to the SCIM 2.0 server, as an identity provider's client
// would get it wrong, made with a valid bearer secret unless bearer says otherwise; status and
// scimType are the RFC 7644 §3.12 answer.
type badSCIMRequest struct {
	name         string
	method, path string
	body         []byte
	contentType  string // "" is application/scim+json
	bearer       string // "" is a valid secret, "-" sends no Authorization header
	status       int
	scimType     string
	detail       string // a fragment of the error's detail
}

func badSCIMRequests() []badSCIMRequest {
	return []badSCIMRequest{
		{name: "malformed JSON", method: http.MethodPost, path: "/Users",
			body: []byte(`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":`), status: http.StatusBadRequest, scimType: "invalidSyntax"},
		{name: "number for userName", method: http.MethodPost, path: "/Users",
			body: []byte(`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":5}`), status: http.StatusBadRequest, scimType: "invalidValue"},
		{name: "userName missing", method: http.MethodPost, path: "/Users",
			body: []byte(`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"displayName":"Alice"}`), status: http.StatusBadRequest, scimType: "invalidValue"},
		{name: "body over 1 MB", method: http.MethodPost, path: "/Users",
			body:   []byte(`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"alice","displayName":"` + strings.Repeat("x", 1<<20) + `"}`),
			status: http.StatusRequestEntityTooLarge, detail: "larger than 1048576 bytes"},
		{name: "plain-text body", method: http.MethodPost, path: "/Users", contentType: "text/plain",
			body: []byte(`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"alice"}`), status: http.StatusUnsupportedMediaType, detail: "application/scim+json"},
		{name: "filter that does not parse", method: http.MethodGet, path: "/Users?filter=" + url.QueryEscape(`userName eq`),
			status: http.StatusBadRequest, scimType: "invalidFilter"},
		{name: "no bearer token", method: http.MethodGet, path: "/Users", bearer: "-",
			status: http.StatusUnauthorized, detail: "Authorization: Bearer"},
		{name: "API secret key as bearer token", method: http.MethodPost, path: "/Users", bearer: DefaultSecretKey,
			body: []byte(`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"alice"}`), status: http.StatusUnauthorized, detail: "not a SCIM credential of this zone"},
	}
}

// TestBadSCIMRequests sends requests an identity provider's client gets wrong, raw: the SCIM
// server must answer each with an RFC 7644 error message, show no secret, create nobody and
// keep serving. Each row has a simulator of its own, with synchronization on and one credential.
func TestBadSCIMRequests(t *testing.T) {
	t.Parallel()
	for _, row := range badSCIMRequests() {
		t.Run(row.name, func(t *testing.T) {
			t.Parallel()
			_, _, sc, _ := startSCIM(t, Options{})
			checkBadSCIMRequest(t, sc, row)
		})
	}
}

func checkBadSCIMRequest(t *testing.T, sc *scimClient, br badSCIMRequest) {
	res := sc.do(br.method, br.path, br.body, func(r *http.Request) {
		if len(br.body) > 0 {
			r.Header.Set("Content-Type", cmp.Or(br.contentType, "application/scim+json"))
		}
		switch br.bearer {
		case "":
		case "-":
			r.Header.Del("Authorization")
		default:
			r.Header.Set("Authorization", "Bearer "+br.bearer)
		}
	})
	detail, _ := res.JSON["detail"].(string)
	if status, _ := res.JSON["status"].(string); res.Status != br.status || status != strconv.Itoa(br.status) || res.str("scimType") != br.scimType {
		t.Errorf("HTTP %d, status %q, scimType %q (%s); want %d, scimType %q", res.Status, status, res.str("scimType"), detail, br.status, br.scimType)
	}
	if schemas, _ := res.JSON["schemas"].([]any); !slices.Contains(schemas, any("urn:ietf:params:scim:api:messages:2.0:Error")) {
		t.Errorf("the answer is not a SCIM error message: %.300s", res.Body)
	}
	if detail == "" || !strings.Contains(detail, br.detail) {
		t.Errorf("detail %q does not say %q", detail, br.detail)
	}
	if bytes.Contains(res.Body, []byte(sc.token)) {
		t.Error("the answer shows the SCIM credential secret")
	}
	// Still serving, and nobody was created.
	if after := sc.do(http.MethodGet, "/Users", nil); after.Status != http.StatusOK || after.JSON["totalResults"] != float64(0) {
		t.Errorf("after the bad request, GET /Users answers %d: %.300s", after.Status, after.Body)
	}
}
