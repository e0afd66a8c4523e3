package samlmeta

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func fixtureNames(t testing.TB) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(fixtureDir, "*.xml"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no fixtures in %s: %v", fixtureDir, err)
	}
	for i, n := range names {
		names[i] = filepath.Base(n)
	}
	return names
}

func mustCanonicalize(t testing.TB, doc []byte) []byte {
	t.Helper()
	c, err := Canonicalize(doc)
	if err != nil {
		t.Fatalf("Canonicalize: %v", err)
	}
	return c
}

// rewrite serializes a document through encoding/xml's namespace-resolving
// decoder, independently of the code under test, in a deliberately
// different shape: every element and namespaced attribute gets a fresh
// prefix declared on the spot (so declarations are redundant and prefixes
// differ from the original), the original declarations stay (xsi:type
// values need them), attributes come in reverse order, and comments and
// processing instructions are dropped.
func rewrite(t testing.TB, doc []byte) []byte {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(bytes.TrimPrefix(doc, utf8BOM)))
	var b bytes.Buffer
	var stack []string
	next := 0
	fresh := func() string {
		next++
		return fmt.Sprintf("zz%d", next)
	}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("rewrite: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			var decls, attrs []string
			name := tok.Name.Local
			if tok.Name.Space != "" {
				p := fresh()
				name = p + ":" + name
				decls = append(decls, fmt.Sprintf(`xmlns:%s="%s"`, p, escapeAttr(tok.Name.Space)))
			}
			for _, a := range slices.Backward(tok.Attr) {
				switch {
				case a.Name.Space == "xmlns":
					decls = append(decls, fmt.Sprintf(`xmlns:%s="%s"`, a.Name.Local, escapeAttr(a.Value)))
				case a.Name.Space == "" && a.Name.Local == "xmlns":
					decls = append(decls, fmt.Sprintf(`xmlns="%s"`, escapeAttr(a.Value)))
				case a.Name.Space == nsXML:
					attrs = append(attrs, fmt.Sprintf(`xml:%s="%s"`, a.Name.Local, escapeAttr(a.Value)))
				case a.Name.Space != "":
					p := fresh()
					decls = append(decls, fmt.Sprintf(`xmlns:%s="%s"`, p, escapeAttr(a.Name.Space)))
					attrs = append(attrs, fmt.Sprintf(`%s:%s="%s"`, p, a.Name.Local, escapeAttr(a.Value)))
				default:
					attrs = append(attrs, fmt.Sprintf(`%s="%s"`, a.Name.Local, escapeAttr(a.Value)))
				}
			}
			fmt.Fprintf(&b, "<%s %s>", name, strings.Join(append(attrs, decls...), "\n    "))
			stack = append(stack, name)
		case xml.EndElement:
			fmt.Fprintf(&b, "</%s>", stack[len(stack)-1])
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if err := xml.EscapeText(&b, tok); err != nil {
				t.Fatal(err)
			}
		}
	}
	return b.Bytes()
}

func escapeAttr(s string) string {
	var b bytes.Buffer
	if err := xml.EscapeText(&b, []byte(s)); err != nil {
		panic(err)
	}
	return b.String()
}

var (
	betweenTags   = regexp.MustCompile(`>[ \t\r\n]+<`)
	base64Text    = regexp.MustCompile(`(X509Certificate[^>]*>)([^<]*)(<)`)
	emptyElement  = regexp.MustCompile(`<([A-Za-z_][\w.:-]*)([^<>]*?)/>`)
	xmlDecl       = regexp.MustCompile(`^<\?xml[^?]*\?>`)
	comment       = regexp.MustCompile(`<!--[\s\S]*?-->`)
	rootStart     = regexp.MustCompile(`<([A-Za-z_][\w.-]*:)?Entit(y|ies)Descriptor[\s>]`)
	firstLocation = regexp.MustCompile(`Location="https?:/`)
)

// invariances rewrite a document without changing its meaning.
var invariances = map[string]func(t testing.TB, doc []byte) []byte{
	"one line": func(_ testing.TB, doc []byte) []byte {
		return betweenTags.ReplaceAll(doc, []byte("><"))
	},
	"re-indented": func(_ testing.TB, doc []byte) []byte {
		return betweenTags.ReplaceAll(betweenTags.ReplaceAll(doc, []byte("><")), []byte(">\n\t   \t<"))
	},
	"fresh prefixes, redundant declarations, reversed attributes": rewrite,
	"CRLF toggled": func(_ testing.TB, doc []byte) []byte {
		if bytes.Contains(doc, []byte("\r\n")) {
			return bytes.ReplaceAll(doc, []byte("\r\n"), []byte("\n"))
		}
		return bytes.ReplaceAll(doc, []byte("\n"), []byte("\r\n"))
	},
	"BOM toggled": func(_ testing.TB, doc []byte) []byte {
		if bytes.HasPrefix(doc, utf8BOM) {
			return bytes.TrimPrefix(doc, utf8BOM)
		}
		return append(slices.Clone(utf8BOM), doc...)
	},
	"XML declaration toggled": func(_ testing.TB, doc []byte) []byte {
		bom := doc[:len(doc)-len(bytes.TrimPrefix(doc, utf8BOM))]
		doc = doc[len(bom):]
		if xmlDecl.Match(doc) {
			return slices.Concat(bom, xmlDecl.ReplaceAll(doc, nil))
		}
		return slices.Concat(bom, []byte(`<?xml version='1.0' encoding="utf-8" standalone="yes"?>`+"\n"), doc)
	},
	"comments removed": func(_ testing.TB, doc []byte) []byte {
		return comment.ReplaceAll(doc, nil)
	},
	"comments added": func(t testing.TB, doc []byte) []byte {
		// Existing comments go first, so that none is added inside one
		// (shibboleth-1 has a certificate commented out).
		doc = comment.ReplaceAll(doc, nil)
		loc := rootStart.FindIndex(doc)
		if loc == nil {
			t.Fatal("no root start tag found")
		}
		out := slices.Concat(doc[:loc[0]], []byte("<!-- added -->\n<?pi added?>"), doc[loc[0]:])
		// A comment in the middle of base64 text: the text around it joins.
		return base64Text.ReplaceAllFunc(out, func(m []byte) []byte {
			parts := base64Text.FindSubmatch(m)
			half := len(parts[2]) / 2
			return slices.Concat(parts[1], parts[2][:half], []byte("<!--x-->"), parts[2][half:], parts[3])
		})
	},
	"base64 re-wrapped": func(_ testing.TB, doc []byte) []byte {
		return base64Text.ReplaceAllFunc(doc, func(m []byte) []byte {
			parts := base64Text.FindSubmatch(m)
			s := removeSpace(string(parts[2]))
			var b strings.Builder
			for i := 0; i < len(s); i += 50 {
				b.WriteString("\n\t\t" + s[i:min(i+50, len(s))])
			}
			return slices.Concat(parts[1], []byte(b.String()+"\n\t"), parts[3])
		})
	},
	"empty elements written as start and end tags": func(_ testing.TB, doc []byte) []byte {
		return emptyElement.ReplaceAll(doc, []byte("<$1$2></$1>"))
	},
	"character reference in an attribute": func(_ testing.TB, doc []byte) []byte {
		return []byte(firstLocation.ReplaceAllStringFunc(string(doc), func(m string) string {
			return strings.TrimSuffix(m, "/") + "&#x2F;"
		}))
	},
}

// noDSigCertificates are the fixtures whose X509Certificate elements are not
// in the XML-DSig namespace. Their text is not known to be base64, so
// re-wrapping it is a change like any other text change.
var noDSigCertificates = map[string]bool{"google-2.xml": true, "okta-2.xml": true, "samlify-1.xml": true}

func TestCanonicalizeInvariances(t *testing.T) {
	applied := map[string]int{}
	names := fixtureNames(t)
	for _, name := range names {
		doc := readFixture(t, name)
		want := mustCanonicalize(t, doc)
		for what, change := range invariances {
			changed := change(t, doc)
			if bytes.Equal(changed, doc) {
				// Not applicable (e.g. no comments to remove); the
				// count below makes sure each rewrite is exercised.
				continue
			}
			applied[what]++
			t.Run(name+"/"+what, func(t *testing.T) {
				got, err := Canonicalize(changed)
				if err != nil {
					t.Fatalf("Canonicalize(rewritten): %v", err)
				}
				if what == "base64 re-wrapped" && noDSigCertificates[name] {
					if bytes.Equal(got, want) {
						t.Errorf("re-wrapping text outside XML-DSig left the canonical form unchanged")
					}
					return
				}
				if !bytes.Equal(got, want) {
					t.Errorf("canonical form changed:\n%s", firstDifference(want, got))
				}
				if !Equivalent(doc, changed) {
					t.Errorf("Equivalent = false")
				}
			})
		}
	}
	for what := range invariances {
		if applied[what] < 3 {
			t.Errorf("rewrite %q changed only %d of %d fixtures", what, applied[what], len(names))
		}
	}
}

// TestCanonicalizeMetadataPrefixes re-prefixes the metadata namespace of
// the md:-prefixed fixtures as the default namespace, and the reverse.
func TestCanonicalizeMetadataPrefixes(t *testing.T) {
	cases := []struct {
		file     string
		from, to func(string) string
	}{
		{file: "okta-1.xml"},
		{file: "google-1.xml"},
		{file: "simplesamlphp-1.xml"},
		{file: "onelogin-1.xml"},
		{file: "shibboleth-2.xml"},
	}
	unprefixed := regexp.MustCompile(`<(/?)([A-Za-z_][\w.-]*)([\s/>])`)
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			doc := string(readFixture(t, tc.file))
			var changed string
			if strings.Contains(doc, `xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"`) {
				// md: prefix → default namespace.
				changed = strings.NewReplacer("<md:", "<", "</md:", "</", "xmlns:md=", "xmlns=").Replace(doc)
			} else {
				// default namespace → prefix "meta:" on every unprefixed element.
				changed = unprefixed.ReplaceAllString(doc, "<${1}meta:$2$3")
				changed = strings.Replace(changed, `xmlns="urn:oasis:names:tc:SAML:2.0:metadata"`, `xmlns:meta="urn:oasis:names:tc:SAML:2.0:metadata"`, 1)
			}
			if changed == doc {
				t.Fatal("the rewrite did not change the document")
			}
			want := mustCanonicalize(t, []byte(doc))
			if got := mustCanonicalize(t, []byte(changed)); !bytes.Equal(got, want) {
				t.Errorf("canonical form changed:\n%s", firstDifference(want, got))
			}
		})
	}
}

// TestCanonicalizeMeaningChanges checks that every change in meaning shows.
func TestCanonicalizeMeaningChanges(t *testing.T) {
	replaceOnce := func(from, to string) func(string) string {
		return func(s string) string { return strings.Replace(s, from, to, 1) }
	}
	cases := []struct {
		name   string
		file   string
		change func(string) string
	}{
		{"element renamed", "okta-1.xml", func(s string) string {
			return strings.Replace(strings.Replace(s, "<md:NameIDFormat>", "<md:NameIDFormatX>", 1), "</md:NameIDFormat>", "</md:NameIDFormatX>", 1)
		}},
		{"element moved to another namespace", "okta-1.xml", replaceOnce(`xmlns:ds="http://www.w3.org/2000/09/xmldsig#"`, `xmlns:ds="https://www.w3.org/2000/09/xmldsig#"`)},
		{"element removed", "auth0-1.xml", replaceOnce("<NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</NameIDFormat>", "")},
		{"elements swapped", "okta-1.xml", func(s string) string {
			re := regexp.MustCompile(`(<md:SingleSignOnService [^>]*/>)(\s*)(<md:SingleSignOnService [^>]*/>)`)
			return re.ReplaceAllString(s, "$3$2$1")
		}},
		{"attribute value changed", "shibboleth-1.xml", replaceOnce(`Location="https://idp.testshib.org/idp/profile/SAML2/Redirect/SSO"`, `Location="https://idp.testshib.org/idp/profile/SAML2/Redirect/SSO2"`)},
		{"attribute value case changed", "adfs-1.xml", replaceOnce(`use="signing"`, `use="Signing"`)},
		{"attribute renamed", "auth0-1.xml", replaceOnce(`Binding="`, `binding="`)},
		{"attribute added", "onelogin-1.xml", replaceOnce(`<IDPSSODescriptor `, `<IDPSSODescriptor WantAuthnRequestsSigned="true" `)},
		{"attribute moved to a namespace", "pysaml2-1.xml", replaceOnce(` entityID="`, ` ns0:entityID="`)},
		{"text changed", "okta-1.xml", replaceOnce("MIIDpDCCAoygAwIBAgIGAWW0dDUQ", "MIIDpDCCAoygAwIBAgIGAWW0dDUR")},
		{"space inserted in text", "okta-1.xml", replaceOnce("nameid-format:unspecified", "nameid-format: unspecified")},
		{"xsi:type namespace changed", "adfs-1.xml", replaceOnce(`xmlns:fed="http://docs.oasis-open.org/wsfed/federation/200706"`, `xmlns:fed="http://docs.oasis-open.org/wsfed/federation/200706x"`)},
		{"element wrapped in another", "google-1.xml", replaceOnce("<md:NameIDFormat>", "<md:Extensions><md:NameIDFormat>")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := string(readFixture(t, tc.file))
			changed := tc.change(doc)
			if tc.name == "element wrapped in another" {
				changed = strings.Replace(changed, "</md:NameIDFormat>", "</md:NameIDFormat></md:Extensions>", 1)
			}
			if changed == doc {
				t.Fatal("the change did not apply to the fixture")
			}
			a, b := mustCanonicalize(t, []byte(doc)), mustCanonicalize(t, []byte(changed))
			if bytes.Equal(a, b) {
				t.Errorf("canonical forms are equal after a change in meaning")
			}
			if Equivalent([]byte(doc), []byte(changed)) {
				t.Errorf("Equivalent = true")
			}
		})
	}
}

func TestCanonicalizeIdempotent(t *testing.T) {
	for _, name := range fixtureNames(t) {
		t.Run(name, func(t *testing.T) {
			once := mustCanonicalize(t, readFixture(t, name))
			if twice := mustCanonicalize(t, once); !bytes.Equal(once, twice) {
				t.Errorf("canonical form is not stable:\n%s", firstDifference(once, twice))
			}
			// The canonical form is ordinary XML to other parsers too.
			d := xml.NewDecoder(bytes.NewReader(once))
			for {
				if _, err := d.Token(); errors.Is(err, io.EOF) {
					break
				} else if err != nil {
					t.Fatalf("encoding/xml rejects the canonical form: %v", err)
				}
			}
		})
	}
}

func TestCanonicalizeSmallDocuments(t *testing.T) {
	cases := []struct {
		name string
		a, b string
		same bool
	}{
		{"xsi:type prefix renamed", `<r xmlns:x="urn:t" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="x:T"/>`,
			`<r xmlns:y="urn:t" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:type="y:T"/>`, true},
		{"xsi:type namespace changed", `<r xmlns:x="urn:t" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="x:T"/>`,
			`<r xmlns:x="urn:u" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="x:T"/>`, false},
		{"unprefixed xsi:type follows the default namespace", `<r xmlns="urn:t" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="T"/>`,
			`<t:r xmlns:t="urn:t" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="t:T"/>`, true},
		{"default namespace against no namespace", `<r xmlns="urn:t"/>`, `<r/>`, false},
		{"undeclared default namespace", `<t:r xmlns:t="urn:t" xmlns="urn:d"><a xmlns=""/></t:r>`, `<t:r xmlns:t="urn:t"><a/></t:r>`, true},
		{"attribute whitespace collapsed", `<r a=" x &#9; y "/>`, `<r a="x y"/>`, true},
		{"KeyDescriptor use kept exactly", `<KeyDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" use=" signing "/>`,
			`<KeyDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" use="signing"/>`, false},
		{"use elsewhere collapsed", `<r use=" signing "/>`, `<r use="signing"/>`, true},
		{"text whitespace collapsed", "<r>\n  x\n  y\n</r>", "<r>x y</r>", true},
		{"text against no text", "<r> </r>", "<r/>", true},
		{"mixed content", "<r>a<b/>c</r>", "<r>\n a \n <b/>\n c\n</r>", true},
		{"mixed content order", "<r>a<b/>c</r>", "<r>c<b/>a</r>", false},
		{"CDATA", "<r><![CDATA[a<b]]></r>", "<r>a&lt;b</r>", true},
		{"non-XML whitespace is content", "<r>a\u00a0</r>", "<r>a</r>", false},
		{"base64 whitespace removed", `<ds:SignatureValue xmlns:ds="http://www.w3.org/2000/09/xmldsig#">AB CD
 EF==</ds:SignatureValue>`, `<SignatureValue xmlns="http://www.w3.org/2000/09/xmldsig#">ABCDEF==</SignatureValue>`, true},
		{"whitespace kept inside non-base64 words", "<r>ab</r>", "<r>a b</r>", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, b := mustCanonicalize(t, []byte(tc.a)), mustCanonicalize(t, []byte(tc.b))
			if bytes.Equal(a, b) != tc.same {
				t.Errorf("same = %v, want %v:\n%s\n%s", bytes.Equal(a, b), tc.same, a, b)
			}
			if Equivalent([]byte(tc.a), []byte(tc.b)) != tc.same {
				t.Errorf("Equivalent disagrees")
			}
		})
	}
}

func TestCanonicalizeRefuses(t *testing.T) {
	cases := map[string]string{
		"DOCTYPE":                        `<!DOCTYPE r><r/>`,
		"entity declaration":             `<!DOCTYPE r [<!ENTITY e "x">]><r>&e;</r>`,
		"external entity":                `<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]><r>&e;</r>`,
		"undeclared entity":              `<r>&e;</r>`,
		"malformed":                      `<r><a></r>`,
		"undeclared prefix":              `<p:r/>`,
		"duplicate attr":                 `<r a="1" a="2"/>`,
		"same attr twice by namespace":   `<r xmlns:p="urn:x" xmlns:q="urn:x" p:a="1" q:a="2"/>`,
		"reserved prefix":                `<r xmlns:xml="urn:x"/>`,
		"undeclared prefix by empty URI": `<r xmlns:p=""/>`,
		"too deep":                       strings.Repeat("<a>", maxDepth+1) + strings.Repeat("</a>", maxDepth+1),
		"UTF-16":                         "\xFF\xFE<\x00r\x00/\x00>\x00",
		"Latin-1":                        `<?xml version="1.0" encoding="ISO-8859-1"?><r/>`,
		"empty":                          "",
	}
	for name, doc := range cases {
		t.Run(name, func(t *testing.T) {
			if c, err := Canonicalize([]byte(doc)); err == nil {
				t.Errorf("Canonicalize accepted it:\n%s", c)
			}
			if Equivalent([]byte(doc), []byte(doc)) {
				t.Errorf("Equivalent is true for a document that does not canonicalize")
			}
		})
	}
}

// firstDifference shows where two canonical forms part.
func firstDifference(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(la), len(lb))
}
