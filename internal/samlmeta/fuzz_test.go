package samlmeta

import (
	"bytes"
	"testing"
)

// addSeeds gives the fuzzers the real fixtures, a generated valid document
// and a few hostile shapes to start from.
func addSeeds(f *testing.F) {
	for _, name := range fixtureNames(f) {
		f.Add(readFixture(f, name))
	}
	// A valid generated document, with a fixture's certificate: generating
	// a key in every fuzz worker is slow under coverage instrumentation.
	md, findings := Parse(readFixture(f, "auth0-1.xml"), Options{Now: testNow})
	if md == nil {
		f.Fatalf("auth0-1.xml: %v", findings)
	}
	key := keyDescriptor("signing", md.Certificates[0].Raw.Raw)
	f.Add([]byte(single(f, entitySpec{keys: key})))
	f.Add([]byte(group(` validUntil="2030-01-01T00:00:00Z"`, entitySpec{entityID: "https://a", keys: key}.xml(f), entitySpec{entityID: "https://b", spOnly: true}.xml(f))))
	for _, s := range []string{
		"",
		"<r/>",
		`<!DOCTYPE r [<!ENTITY e "x">]><r>&e;</r>`,
		`<r xmlns:x="urn:t" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="x:T">a<b/>c</r>`,
		"\xEF\xBB\xBF<r>\r\n<![CDATA[x]]></r>",
		`<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="e"><IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/></EntityDescriptor>`,
	} {
		f.Add([]byte(s))
	}
}

// FuzzCanonicalize: no input may panic, and a canonical form must be
// stable and well-formed.
func FuzzCanonicalize(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, doc []byte) {
		once, err := Canonicalize(doc)
		if err != nil {
			return
		}
		twice, err := Canonicalize(once)
		if err != nil {
			t.Fatalf("the canonical form does not canonicalize: %v\n%s", err, once)
		}
		if !bytes.Equal(once, twice) {
			t.Fatalf("the canonical form is not stable:\n%s", firstDifference(once, twice))
		}
		if !Equivalent(doc, once) {
			t.Fatalf("a document is not equivalent to its canonical form")
		}
	})
}

// FuzzParse: no input may panic, metadata comes exactly without errors, and
// metadata always has what the provider relies on.
func FuzzParse(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, doc []byte) {
		md, findings := Parse(doc, Options{Now: testNow})
		if (md == nil) != HasErrors(findings) {
			t.Fatalf("metadata nil = %v, HasErrors = %v", md == nil, HasErrors(findings))
		}
		for _, fd := range findings {
			if fd.Summary == "" || fd.Detail == "" {
				t.Fatalf("finding without summary or detail: %+v", fd)
			}
		}
		if md == nil {
			return
		}
		if md.EntityID == "" || md.LoginURL == "" || len(md.Certificates) == 0 {
			t.Fatalf("accepted metadata lacks entity ID, login URL or certificate: %+v", md)
		}
	})
}
