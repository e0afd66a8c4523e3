package main

import (
	"strings"
	"testing"
)

func TestScannerFindsLeaksAndPanics(t *testing.T) {
	const apiKey = "tencentcloudidc-sim-dev-secret-key"
	const scimSecret = "scim-secret-0123456789abcdef"
	sc := newScanner()
	sc.add(apiKey, "API secret key")
	sc.add(scimSecret, "SCIM credential secret")
	sc.add("", "empty")
	sc.add("short", "too short to look for")

	cases := map[string]struct {
		line       string
		wantLeaks  []string
		wantPanics int
	}{
		"clean trace line":             {line: `2025-01-01T00:00:00Z [TRACE] provider: api call: action=ListSCIMCredentials`},
		"redacted secret field":        {line: `"response": {"Secret":"***REDACTED***"}`},
		"header name with redaction":   {line: `Authorization: ***`},
		"short values are not secrets": {line: `short`},
		"API key in a log":             {line: `secret_key=` + apiKey, wantLeaks: []string{"API secret key"}},
		"SCIM secret in plan output":   {line: `  + secret = "` + scimSecret + `"`, wantLeaks: []string{"SCIM credential secret"}},
		"TC3 Authorization header": {
			line:      `Authorization: TC3-HMAC-SHA256 Credential=AKIDxyz/2025-01-01/organization/tc3_request, SignedHeaders=content-type;host, Signature=` + strings.Repeat("ab", 32),
			wantLeaks: []string{"Authorization value", "TC3 signature", "TC3 credential scope"},
		},
		"bearer token in a header dump": {line: `"Authorization": ["Bearer abcdef"]`, wantLeaks: []string{"Authorization value"}},
		"provider panic":                {line: `panic: runtime error: invalid memory address or nil pointer dereference`, wantPanics: 1},
		"CLI reports the crash":         {line: `Error: Plugin did not respond`, wantPanics: 1},
		"tofu crash banner":             {line: `The plugin encountered an error, and failed to respond to the plugin.(*GRPCProvider).ApplyResourceChange call.`, wantPanics: 1},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			leaks, panics := sc.scanText("out", tc.line)
			var got []string
			for _, l := range leaks {
				got = append(got, l.what)
				if strings.Contains(l.String(), apiKey) || strings.Contains(l.String(), scimSecret) {
					t.Errorf("a finding quotes the secret: %s", l)
				}
			}
			if strings.Join(got, ",") != strings.Join(tc.wantLeaks, ",") {
				t.Errorf("leaks = %v, want %v", got, tc.wantLeaks)
			}
			if len(panics) != tc.wantPanics {
				t.Errorf("panics = %v, want %d", panics, tc.wantPanics)
			}
		})
	}

	if got := sc.scrub("key " + apiKey + " and " + scimSecret); got != "key *** and ***" {
		t.Errorf("scrub left a secret: %q", got)
	}
}
