package idcsim

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// fuzzNow is the simulator's clock in the fuzz targets: every request is
// signed at this instant, so a failing input reproduces exactly.
var fuzzNow = time.Date(2026, 5, 31, 7, 4, 53, 0, time.UTC)

// errorCodes reads the code… constants of api_errors.go: the codes the
// simulator may answer with. Reading the source keeps the list from going
// stale when a code is added.
func errorCodes(tb testing.TB) map[string]bool {
	tb.Helper()
	file, err := parser.ParseFile(token.NewFileSet(), "api_errors.go", nil, 0)
	if err != nil {
		tb.Fatalf("reading api_errors.go: %v", err)
	}
	codes := map[string]bool{}
	for _, decl := range file.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.CONST {
			continue
		}
		for _, spec := range gen.Specs {
			vs, ok := spec.(*ast.ValueSpec)
			if !ok {
				continue
			}
			for i, name := range vs.Names {
				lit, ok := vs.Values[i].(*ast.BasicLit)
				if !ok || !strings.HasPrefix(name.Name, "code") {
					continue
				}
				code, err := strconv.Unquote(lit.Value)
				if err != nil {
					tb.Fatalf("api_errors.go: %s: %v", name.Name, err)
				}
				codes[code] = true
			}
		}
	}
	if len(codes) < 20 {
		tb.Fatalf("api_errors.go yields only %d codes: the reader is out of step with the file", len(codes))
	}
	return codes
}

// decodingMessage is every message the parameter decoder answers with.
// Anything else under these codes would be text the client cannot act on,
// such as a Go error.
var decodingMessage = regexp.MustCompile("(?s)^(The request body must be a JSON object\\.|The parameter `.*` (must be (a string|an integer|a boolean|an array of strings)|is not recognized|is missing)\\.)$")

// goErrorText is what Go error strings and formatting mistakes look like.
var goErrorText = regexp.MustCompile(`json: |invalid character|cannot unmarshal|unexpected end of JSON|reflect|runtime error|goroutine \d|%!|<nil>|0x[0-9a-f]{6,}`)

// echoedStrings is every string in a JSON body (keys and values, at any
// depth): messages may quote them, and a quoted value may look like
// anything.
func echoedStrings(body []byte) []string {
	var v any
	if json.Unmarshal(body, &v) != nil {
		return nil
	}
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			out = append(out, v)
		case []any:
			for _, e := range v {
				walk(e)
			}
		case map[string]any:
			for k, e := range v {
				out = append(out, k)
				walk(e)
			}
		case json.Number, float64, bool, nil:
		}
	}
	walk(v)
	// Longest first, so that a string is removed before its substrings.
	slices.SortFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out
}

// fuzzActions is the action table in a fixed order, so that a byte of the
// input picks the same action on every run.
func fuzzActions() []string {
	names := make([]string, 0, len(actionTable()))
	for name := range actionTable() {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// FuzzAPIRequest sends a correctly signed request with a fuzzed JSON body
// to a fuzzed action of a fresh simulator (two seeded users and groups) and
// checks what a client relies on: every answer is HTTP 200 with a JSON
// envelope and a RequestId; an error carries one of the simulator's
// Tencent error codes and never InternalError (no faults are configured);
// the decoder's codes come only with the decoder's own messages; no message
// carries Go error text; a body the decoder accepted still fails with
// UnknownParameter once an unknown key is added.
func FuzzAPIRequest(f *testing.F) {
	codes := errorCodes(f)
	actions := fuzzActions()
	index := func(action string) uint8 {
		i := slices.Index(actions, action)
		if i < 0 {
			f.Fatalf("action %s is not in the action table", action)
		}
		return uint8(i)
	}

	files, err := filepath.Glob(filepath.Join("testdata", "api-requests", "*.json"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seeds in testdata/api-requests: %v", err)
	}
	zoneMask := regexp.MustCompile(`"z-[0-9a-z*]+"`)
	for _, file := range files {
		body, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		action := index(strings.TrimSuffix(filepath.Base(file), ".json"))
		f.Add(action, body)
		// The examples' masked zones never exist; with the simulator's
		// zone the body reaches the action itself.
		f.Add(action, zoneMask.ReplaceAll(body, []byte(`"`+DefaultZoneID+`"`)))
	}
	// Real IdP metadata and its certificates reach the simulator's own
	// metadata and certificate parsers.
	metadata, err := filepath.Glob(filepath.Join("testdata", "saml-idp-metadata", "*.xml"))
	if err != nil || len(metadata) == 0 {
		f.Fatalf("no metadata in testdata/saml-idp-metadata: %v", err)
	}
	certText := regexp.MustCompile(`<(?:[A-Za-z0-9_.-]+:)?X509Certificate>([^<]*)<`)
	for _, file := range metadata {
		doc, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		encoded, _ := json.Marshal(map[string]string{"ZoneId": DefaultZoneID, "EncodedMetadataDocument": base64.StdEncoding.EncodeToString(doc)})
		f.Add(index("SetExternalSAMLIdentityProvider"), encoded)
		if m := certText.FindSubmatch(doc); m != nil {
			cert, _ := json.Marshal(map[string]string{"ZoneId": DefaultZoneID, "X509Certificate": string(m[1])})
			f.Add(index("AddExternalSAMLIdPCertificate"), cert)
		}
	}
	user1 := derivedID("u-", DefaultZoneID+"/sim-user-00001")
	group1 := derivedID("g-", DefaultZoneID+"/sim-group-00001")
	for _, seed := range []struct{ action, body string }{
		{"CreateUser", `{"ZoneId":"z-simulator001","UserName":"alice","FirstName":"A","Email":"a@example.com","UserStatus":"Enabled","NeedResetPassword":true}`},
		{"UpdateUser", `{"ZoneId":"z-simulator001","UserId":"` + user1 + `","NewDescription":"d"}`},
		{"UpdateUserStatus", `{"ZoneId":"z-simulator001","UserId":"` + user1 + `","NewUserStatus":"Disabled"}`},
		{"DeleteUser", `{"ZoneId":"z-simulator001","UserId":"` + user1 + `"}`},
		{"CreateGroup", `{"ZoneId":"z-simulator001","GroupName":"admins","GroupType":"Manual"}`},
		{"UpdateGroup", `{"ZoneId":"z-simulator001","GroupId":"` + group1 + `","NewGroupName":"ops"}`},
		{"DeleteGroup", `{"ZoneId":"z-simulator001","GroupId":"` + group1 + `"}`},
		{"AddUserToGroup", `{"ZoneId":"z-simulator001","GroupId":"` + group1 + `","UserId":"` + user1 + `"}`},
		{"RemoveUserFromGroup", `{"ZoneId":"z-simulator001","GroupId":"` + group1 + `","UserId":"` + user1 + `"}`},
		{"ListUsers", `{"ZoneId":"z-simulator001","MaxResults":1,"FilterGroups":["` + group1 + `"],"Filter":"UserName:sim"}`},
		{"ListGroupMembers", `{"ZoneId":"z-simulator001","GroupId":"` + group1 + `","MaxResults":100}`},
		{"ListUsers", `{"ZoneId":"z-simulator001","FilterGroups":[null]}`},
		{"ListUsers", `{"ZoneId":"z-simulator001","MaxResults":10.5}`},
		{"ListUsers", `{"ZoneId":"z-simulator001","NextToken":"x"}`},
		{"DescribeIdentityCenter", `{}`},
		{"GetSCIMSynchronizationStatus", `{"ZoneId":"z-simulator001"} x`},
		{"GetSCIMSynchronizationStatus", `[]`},
		{"GetSCIMSynchronizationStatus", `null`},
		{"GetSCIMSynchronizationStatus", ``},
		{"CreateSCIMCredential", `{"ZoneId":"z-simulator001","ExpireDuration":86400}`},
	} {
		f.Add(index(seed.action), []byte(seed.body))
	}

	f.Fuzz(func(t *testing.T, which uint8, body []byte) {
		s, err := New(Options{Now: func() time.Time { return fuzzNow }, SeedUsers: 2, SeedGroups: 2})
		if err != nil {
			t.Fatal(err)
		}
		action := actions[int(which)%len(actions)]
		code, message := fuzzCall(t, s, action, body)
		if code != "" {
			checkAPIError(t, codes, action, body, code, message)
		}
		if decodingMessage.MatchString(message) {
			return
		}
		// The decoder accepted the body: one more, unknown, key must be
		// refused before the action does anything.
		var params map[string]json.RawMessage
		if err := json.Unmarshal(body, &params); err != nil {
			t.Fatalf("%s accepted a body that is not a JSON object: %v", action, err)
		}
		params["ZzNotAParameter"] = json.RawMessage(`1`)
		extra, _ := json.Marshal(params)
		if code, message := fuzzCall(t, s, action, extra); code != codeUnknownParameter {
			t.Fatalf("%s with an unknown parameter answered %q (%s), want %s", action, code, message, codeUnknownParameter)
		}
	})
}

// checkAPIError asserts what any error answer must be: one of the
// simulator's client error codes with a message a client can act on.
func checkAPIError(t *testing.T, codes map[string]bool, action string, body []byte, code, message string) {
	t.Helper()
	if !codes[code] || code == codeInternalError {
		t.Fatalf("%s answered code %q (%s), which is not one of the simulator's client errors", action, code, message)
	}
	if message == "" || !utf8.ValidString(message) {
		t.Fatalf("%s answered %s with an empty or invalid UTF-8 message %q", action, code, message)
	}
	switch code {
	case codeInvalidParameter, codeUnknownParameter, codeMissingParameter:
		if !decodingMessage.MatchString(message) {
			t.Fatalf("%s answered %s with %q, not a message of the parameter decoder", action, code, message)
		}
	}
	rest := message
	for _, s := range echoedStrings(body) {
		rest = strings.ReplaceAll(rest, strconv.Quote(s), "")
		rest = strings.ReplaceAll(rest, s, "")
	}
	if m := goErrorText.FindString(rest); m != "" {
		t.Fatalf("%s answered %s with Go error text (%q): %s", action, code, m, message)
	}
}

// fuzzCall sends one signed request through the simulator's handler and
// checks the envelope; it returns the error code and message, "" on success.
func fuzzCall(t *testing.T, s *Server, action string, body []byte) (code, message string) {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
	r.Host = "organization.tencentcloudapi.com"
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("X-TC-Action", action)
	r.Header.Set("X-TC-Version", apiVersion)
	SignRequest(r, body, DefaultSecretID, DefaultSecretKey, apiService, fuzzNow.Unix())
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, r)
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "application/json" {
		t.Fatalf("%s answered HTTP %d %q: %s", action, w.Code, w.Header().Get("Content-Type"), w.Body.Bytes())
	}
	var env struct {
		Response *struct {
			Error *struct {
				Code    *string
				Message *string
			}
			RequestId *string
		}
	}
	dec := json.NewDecoder(w.Body)
	if err := dec.Decode(&env); err != nil || dec.More() || env.Response == nil || env.Response.RequestId == nil || *env.Response.RequestId == "" {
		t.Fatalf("%s answered %s, which is not an envelope with a RequestId (%v)", action, w.Body.Bytes(), err)
	}
	if e := env.Response.Error; e != nil {
		if e.Code == nil || e.Message == nil {
			t.Fatalf("%s answered an error without Code or Message: %s", action, w.Body.Bytes())
		}
		return *e.Code, *e.Message
	}
	return "", ""
}
