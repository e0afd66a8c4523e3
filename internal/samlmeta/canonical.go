package samlmeta

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Canonicalize returns the canonical form of an XML document, used to
// compare SAML metadata by meaning so that re-exporting or reformatting the
// same metadata never plans a change.
//
// Two documents have the same canonical form when they differ only in:
// whitespace between elements and indentation; leading and trailing
// whitespace of text and attribute values and the length of whitespace runs
// inside them (metadata values are URIs, names, dates and identifiers, whose
// XML Schema types collapse whitespace); any whitespace inside base64 text
// (ds:X509Certificate, ds:SignatureValue, ds:DigestValue and the other
// base64Binary elements of XML-DSig and XML Encryption); attribute order;
// namespace prefixes, including a default namespace against a prefixed one,
// and namespace declarations that are redundant or unused; the prefix of an
// xsi:type value; line endings, a byte order mark, the XML declaration,
// comments and processing instructions; empty-element tags against an empty
// start/end pair; entity and character references against literal
// characters.
//
// Any other difference changes the canonical form: an element or attribute
// name or namespace, an attribute value, text content, an element's
// position among its siblings, an added or removed element or attribute.
//
// The canonical form is itself well-formed, indented XML. Every namespace
// is declared once on the root element, with the prefixes md, ds, saml and
// the like for well-known namespaces and n0, n1, … for others in order of
// first use; there is never a default namespace, so an unprefixed element
// is in no namespace. Attributes are sorted by namespace URI, then name.
// Canonicalizing a canonical form returns it unchanged.
//
// Documents with a DOCTYPE, DTD or entity declaration are refused, as are
// documents that are not well-formed or not namespace-well-formed (for
// example with an undeclared prefix or a duplicate attribute).
//
// This is not XML Exclusive Canonicalization (exc-c14n): that algorithm
// keeps whitespace and prefixes, which is what a signature needs and
// exactly what this comparison must ignore. Known limit: a character
// reference to a tab, CR or LF in an attribute value (&#10;) is treated like
// the literal whitespace it stands for.
func Canonicalize(doc []byte) ([]byte, error) {
	root, err := parseTree(doc)
	if err != nil {
		return nil, fmt.Errorf("canonicalize xml: %w", err)
	}
	return canonicalBytes(root), nil
}

// Equivalent reports whether a and b have the same canonical form. It is
// false when either does not canonicalize, so that a broken document never
// hides a change.
func Equivalent(a, b []byte) bool {
	ca, err := Canonicalize(a)
	if err != nil {
		return false
	}
	cb, err := Canonicalize(b)
	if err != nil {
		return false
	}
	return bytes.Equal(ca, cb)
}

// wellKnownPrefixes are the prefixes the canonical form uses for namespaces
// that people read in metadata; all others get n0, n1, … None of them has
// the form nN, so the two sets cannot collide.
var wellKnownPrefixes = map[string]string{
	nsMetadata:                            "md",
	nsDSig:                                "ds",
	nsDSig11:                              "dsig11",
	nsAssertion:                           "saml",
	nsProtocol:                            "samlp",
	nsXMLEnc:                              "xenc",
	nsAlgSupport:                          "alg",
	nsXSI:                                 "xsi",
	"http://www.w3.org/2001/XMLSchema":    "xs",
	"urn:oasis:names:tc:SAML:metadata:ui": "mdui",
	"urn:oasis:names:tc:SAML:metadata:attribute":                  "mdattr",
	"urn:oasis:names:tc:SAML:metadata:rpi":                        "mdrpi",
	"urn:mace:shibboleth:metadata:1.0":                            "shibmd",
	"urn:oasis:names:tc:SAML:profiles:SSO:idp-discovery-protocol": "idpdisc",
	"http://docs.oasis-open.org/wsfed/federation/200706":          "fed",
	"http://www.w3.org/2005/08/addressing":                        "wsa",
}

// base64Elements hold base64Binary text, in which whitespace is never
// significant (XML Schema Part 2 §3.2.16), so wrapping it differently must
// not change the canonical form.
var base64Elements = map[xml.Name]bool{
	{Space: nsDSig, Local: "SignatureValue"}:  true,
	{Space: nsDSig, Local: "DigestValue"}:     true,
	{Space: nsDSig, Local: "X509Certificate"}: true,
	{Space: nsDSig, Local: "X509CRL"}:         true,
	{Space: nsDSig, Local: "X509SKI"}:         true,
	{Space: nsDSig, Local: "Modulus"}:         true,
	{Space: nsDSig, Local: "Exponent"}:        true,
	{Space: nsDSig, Local: "P"}:               true,
	{Space: nsDSig, Local: "Q"}:               true,
	{Space: nsDSig, Local: "G"}:               true,
	{Space: nsDSig, Local: "Y"}:               true,
	{Space: nsDSig, Local: "J"}:               true,
	{Space: nsDSig, Local: "Seed"}:            true,
	{Space: nsDSig, Local: "PgenCounter"}:     true,
	{Space: nsDSig11, Local: "PublicKey"}:     true,
	{Space: nsXMLEnc, Local: "CipherValue"}:   true,
	{Space: nsXMLEnc, Local: "OAEPparams"}:    true,
}

type canonicalizer struct {
	prefix map[string]string // namespace URI → canonical prefix
	next   int
}

func canonicalBytes(root *node) []byte {
	c := &canonicalizer{prefix: map[string]string{nsXML: "xml"}}
	for n := range root.descendants() {
		c.use(n.name.Space)
		for _, a := range n.attrs {
			c.use(a.name.Space)
			if a.qname != nil {
				c.use(a.qname.Space)
			}
		}
	}
	var b bytes.Buffer
	c.write(&b, root, 0)
	return b.Bytes()
}

// use assigns a prefix to a namespace on its first use, in document order,
// which makes the assignment independent of the prefixes the document used.
func (c *canonicalizer) use(uri string) {
	if uri == "" {
		return
	}
	if _, ok := c.prefix[uri]; ok {
		return
	}
	if p, ok := wellKnownPrefixes[uri]; ok {
		c.prefix[uri] = p
		return
	}
	c.prefix[uri] = fmt.Sprintf("n%d", c.next)
	c.next++
}

func (c *canonicalizer) qualify(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return c.prefix[n.Space] + ":" + n.Local
}

func (c *canonicalizer) write(b *bytes.Buffer, n *node, depth int) {
	indent := strings.Repeat("  ", depth)
	b.WriteString(indent)
	b.WriteByte('<')
	b.WriteString(c.qualify(n.name))
	if depth == 0 {
		// Declaring everything on the root keeps declarations out of the
		// comparison: where a document declared a namespace does not
		// matter, only which namespace each name is in.
		uris := slices.SortedFunc(maps.Keys(c.prefix), func(x, y string) int {
			return cmp.Compare(c.prefix[x], c.prefix[y])
		})
		for _, uri := range uris {
			if uri == nsXML {
				continue
			}
			fmt.Fprintf(b, ` xmlns:%s="%s"`, c.prefix[uri], escape(uri))
		}
	}
	attrs := slices.SortedFunc(slices.Values(n.attrs), func(x, y attr) int {
		return cmp.Or(cmp.Compare(x.name.Space, y.name.Space), cmp.Compare(x.name.Local, y.name.Local))
	})
	for _, a := range attrs {
		value := collapseSpace(a.value)
		if isKeyUse(n, a) {
			// KeyTypes is an enumeration over xs:string, whose white space is kept, and
			// Identity Center reads it exactly: use=" signing " is not use="signing".
			value = a.value
		}
		if a.qname != nil {
			value = c.qualify(*a.qname)
		}
		fmt.Fprintf(b, ` %s="%s"`, c.qualify(a.name), escape(value))
	}

	var items []content
	for _, it := range n.content {
		if it.elem != nil {
			items = append(items, it)
			continue
		}
		text := collapseSpace(it.text)
		if base64Elements[n.name] {
			text = removeSpace(it.text)
		}
		if text != "" {
			items = append(items, content{text: text})
		}
	}
	switch {
	case len(items) == 0:
		b.WriteString("/>\n")
	case len(items) == 1 && items[0].elem == nil:
		b.WriteByte('>')
		b.WriteString(escape(items[0].text))
		fmt.Fprintf(b, "</%s>\n", c.qualify(n.name))
	default:
		// Element content, possibly mixed with text: one item per line.
		// Text items are trimmed when read back, so the layout is stable.
		b.WriteString(">\n")
		for _, it := range items {
			if it.elem != nil {
				c.write(b, it.elem, depth+1)
				continue
			}
			b.WriteString(indent)
			b.WriteString("  ")
			b.WriteString(escape(it.text))
			b.WriteByte('\n')
		}
		fmt.Fprintf(b, "%s</%s>\n", indent, c.qualify(n.name))
	}
}

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// escape escapes text and attribute values alike. Values reach it with
// whitespace collapsed, so tab, CR and LF never need a character reference.
func escape(s string) string {
	return escaper.Replace(s)
}

// isKeyUse reports whether a is the use attribute of an md:KeyDescriptor.
func isKeyUse(n *node, a attr) bool {
	return n.name.Space == nsMetadata && n.name.Local == "KeyDescriptor" && a.name.Space == "" && a.name.Local == "use"
}
