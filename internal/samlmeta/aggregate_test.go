package samlmeta

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

func TestPickEntity(t *testing.T) {
	const one, two = "https://idp1.example.com/saml", "https://idp2.example.com/saml"
	idp1 := entitySpec{entityID: one, ssos: sso("HTTP-Redirect", "https://idp1.example.com/sso")}.xml(t)
	idp2 := entitySpec{entityID: two, ssos: sso("HTTP-Redirect", "https://idp2.example.com/sso")}.xml(t)
	sp := entitySpec{entityID: "https://sp.example.com", spOnly: true}.xml(t)
	const attrs = ` Name="urn:example:federation" validUntil="2030-01-01T00:00:00Z"`
	aggregate := group(attrs, idp1, sp, idp2)

	cases := []struct {
		name, doc, entityID string
		unchanged           bool
	}{
		{name: "second of two", doc: aggregate, entityID: two},
		{name: "first of two", doc: aggregate, entityID: one},
		{name: "byte order mark", doc: "\xEF\xBB\xBF" + aggregate, entityID: two},
		{name: "one IdP beside an SP", doc: group(attrs, idp1, sp), entityID: one, unchanged: true},
		{name: "no such entity", doc: aggregate, entityID: "https://nobody.example.com", unchanged: true},
		{name: "the SP's entity", doc: aggregate, entityID: "https://sp.example.com", unchanged: true},
		{name: "an EntityDescriptor alone", doc: single(t, entitySpec{entityID: one}), entityID: one, unchanged: true},
		{name: "no entity ID", doc: aggregate, entityID: "", unchanged: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := PickEntity([]byte(tc.doc), tc.entityID)
			if err != nil {
				t.Fatalf("PickEntity: %v", err)
			}
			if tc.unchanged {
				if string(got) != tc.doc {
					t.Fatalf("the document changed:\n%s", got)
				}
				return
			}
			if bytes.HasPrefix([]byte(tc.doc), utf8BOM) != bytes.HasPrefix(got, utf8BOM) {
				t.Error("the byte order mark was not kept")
			}
			if !strings.Contains(string(got), attrs) {
				t.Error("the EntitiesDescriptor's own attributes were lost")
			}
			if strings.Contains(string(got), "sp.example.com") {
				t.Error("the SP entity was kept")
			}
			// The cut document needs no entity ID any more, and reads as the aggregate did with it.
			alone, findings := Parse(got, Options{Now: testNow})
			if alone == nil {
				t.Fatalf("the cut document does not parse on its own: %v\n%s", findings, got)
			}
			picked, findings := Parse([]byte(tc.doc), Options{Now: testNow, EntityID: tc.entityID})
			if picked == nil {
				t.Fatalf("the aggregate does not parse with the entity ID: %v", findings)
			}
			fingerprints := func(md *Metadata) []string {
				var out []string
				for _, c := range md.Certificates {
					out = append(out, c.SHA256Fingerprint)
				}
				return out
			}
			if alone.EntityID != tc.entityID || alone.LoginURL != picked.LoginURL ||
				!slices.Equal(fingerprints(alone), fingerprints(picked)) || alone.ValidUntil == nil || !alone.ValidUntil.Equal(*picked.ValidUntil) {
				t.Errorf("the cut document reads as %+v, the aggregate with entity ID %q as %+v", alone, tc.entityID, picked)
			}
		})
	}

	for name, doc := range map[string]string{
		"not XML": "<a><b></a>",
		"a DTD":   `<!DOCTYPE EntitiesDescriptor [<!ENTITY x "y">]>` + aggregate,
	} {
		if _, err := PickEntity([]byte(doc), one); err == nil {
			t.Errorf("%s: PickEntity gave no error", name)
		}
	}
}
