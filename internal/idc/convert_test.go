package idc

import (
	"encoding/base64"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestParseTime(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    time.Time
		wantErr bool
	}{
		{"", time.Time{}, false},
		{"2024-05-31 15:04:53", time.Date(2024, 5, 31, 7, 4, 53, 0, time.UTC), false},
		{"2024-01-01 00:00:00", time.Date(2023, 12, 31, 16, 0, 0, 0, time.UTC), false},
		// Beijing has no DST: a summer time stays +8.
		{"2024-07-01 08:00:00", time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC), false},
		{"2024-05-31T15:04:53Z", time.Time{}, true},
		{"2024-13-01 00:00:00", time.Time{}, true},
		{"yesterday", time.Time{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseTime(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseTime(%q) error = %v, wantErr %v", tt.in, err, tt.wantErr)
			}
			if !got.Equal(tt.want) {
				t.Errorf("ParseTime(%q) = %s, want %s", tt.in, got, tt.want)
			}
			if tt.in != "" && !tt.wantErr {
				if _, off := got.Zone(); off != 8*3600 {
					t.Errorf("offset = %d, want +8h", off)
				}
			}
		})
	}
}

func TestDecodeMetadataDocument(t *testing.T) {
	t.Parallel()
	const xml = `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com/a+b c"></md:EntityDescriptor>`
	b64 := base64.StdEncoding.EncodeToString([]byte(xml))
	wrapped := func(s string, n int) string {
		var b strings.Builder
		for len(s) > n {
			b.WriteString(s[:n] + "\r\n")
			s = s[n:]
		}
		b.WriteString(s + "\n")
		return b.String()
	}
	// encodeURIComponent style: spaces as %20, '+' as %2B (what the API example holds).
	uriEncoded := strings.ReplaceAll(url.QueryEscape(xml), "+", "%20")
	tests := []struct {
		name    string
		in      string
		want    string
		wantErr bool
	}{
		{"empty", "", "", false},
		{"raw base64", b64, xml, false},
		{"wrapped at 76 with CRLF", wrapped(b64, 76), xml, false},
		{"unpadded", strings.TrimRight(b64, "="), xml, false},
		{"URL-encoded XML, %20 spaces", base64.StdEncoding.EncodeToString([]byte(uriEncoded)), xml, false},
		{"URL-encoded XML, form encoding", base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(xml))), xml, false},
		{"lower-case escapes", base64.StdEncoding.EncodeToString([]byte(strings.ToLower(uriEncoded[:3]) + uriEncoded[3:])), xml, false},
		{"API example prefix (truncated, so invalid)", "JTNDJTNGeG1sJTIwdmVyc2lvbiUzRCUyMjEuMCUyMiUyMGVuY29kaW5nJTNEJTIy***", "", true},
		{"not base64", "<xml/>", "", true},
		{"base64 of non-XML", base64.StdEncoding.EncodeToString([]byte("hello")), "", true},
		{"bad URL escape", base64.StdEncoding.EncodeToString([]byte("%3C%ZZ")), "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeMetadataDocument(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("error = %v, wantErr %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
