package samlmeta

import (
	"encoding/base64"
	"net/url"
	"strings"
	"testing"
)

func TestDecodeEncodedDocument(t *testing.T) {
	// The bytes ">?>" encode to "Pj8+" in the standard alphabet and "Pj8-"
	// in the URL-safe one, so this document tells the alphabets apart.
	doc := `<?xml version="1.0"?><EntityDescriptor entityID="https://idp.example.com/?a=b>?>"/>`
	std := base64.StdEncoding.EncodeToString([]byte(doc))
	urlSafe := base64.URLEncoding.EncodeToString([]byte(doc))
	if !strings.ContainsAny(std, "+/") || !strings.ContainsAny(urlSafe, "-_") {
		t.Fatalf("test document does not exercise both alphabets: %s / %s", std, urlSafe)
	}
	wrap := func(s string, n int) string {
		var b strings.Builder
		for i := 0; i < len(s); i += n {
			b.WriteString(s[i:min(i+n, len(s))] + "\r\n  ")
		}
		return b.String()
	}
	urlEncoded := base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(doc)))
	fixture := readFixture(t, "okta-1.xml")

	cases := []struct {
		name    string
		input   string
		want    string
		wantErr string
	}{
		{name: "standard alphabet", input: std, want: doc},
		{name: "standard alphabet without padding", input: strings.TrimRight(std, "="), want: doc},
		{name: "URL-safe alphabet", input: urlSafe, want: doc},
		{name: "URL-safe alphabet without padding", input: strings.TrimRight(urlSafe, "="), want: doc},
		{name: "wrapped and indented", input: "\n\t" + wrap(std, 60), want: doc},
		{name: "URL-encoded XML inside", input: urlEncoded, want: doc},
		{name: "URL-encoded XML, %20 for spaces (the API's own SP metadata example)", input: base64.StdEncoding.EncodeToString([]byte(strings.ReplaceAll(url.QueryEscape(doc), "+", "%20"))), want: doc},
		{name: "URL-encoded XML with lowercase escapes", input: base64.StdEncoding.EncodeToString([]byte(strings.ToLower(url.QueryEscape("<a b='c'/>")))), want: "<a b='c'/>"},
		{name: "real metadata", input: base64.StdEncoding.EncodeToString(fixture), want: string(fixture)},
		{name: "BOM kept", input: base64.StdEncoding.EncodeToString(append([]byte{0xEF, 0xBB, 0xBF}, "<r/>"...)), want: "\uFEFF<r/>"},
		{name: "empty", input: " \n", wantErr: "empty"},
		{name: "raw XML", input: doc, wantErr: "XML already"},
		{name: "mixed alphabets", input: "PD94+-_/", wantErr: "mixes"},
		{name: "not base64", input: "not*base64", wantErr: "not valid base64"},
		{name: "not XML", input: base64.StdEncoding.EncodeToString([]byte(`{"json": true}`)), wantErr: "not an XML document"},
		{name: "bad URL encoding", input: base64.StdEncoding.EncodeToString([]byte("%3Cr%ZZ")), wantErr: "cannot be URL-decoded"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DecodeEncodedDocument(tc.input)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want one mentioning %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("DecodeEncodedDocument: %v", err)
			}
			if string(got) != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
