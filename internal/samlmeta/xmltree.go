package samlmeta

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"iter"
	"maps"
	"strings"
)

// Namespaces the package needs to recognise.
const (
	nsMetadata   = "urn:oasis:names:tc:SAML:2.0:metadata"
	nsAssertion  = "urn:oasis:names:tc:SAML:2.0:assertion"
	nsProtocol   = "urn:oasis:names:tc:SAML:2.0:protocol"
	nsDSig       = "http://www.w3.org/2000/09/xmldsig#"
	nsDSig11     = "http://www.w3.org/2009/xmldsig11#"
	nsXMLEnc     = "http://www.w3.org/2001/04/xmlenc#"
	nsAlgSupport = "urn:oasis:names:tc:SAML:metadata:algsupport"
	nsXML        = "http://www.w3.org/XML/1998/namespace"
	nsXMLNS      = "http://www.w3.org/2000/xmlns/"
	nsXSI        = "http://www.w3.org/2001/XMLSchema-instance"
)

// maxDepth bounds element nesting. Real metadata nests about a dozen levels;
// the bound keeps the recursive walks over the tree cheap on hostile input.
const maxDepth = 100

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// docError is a document that is not well-formed or not acceptable XML. Its
// position is 1-based; zero means the problem has no single position.
type docError struct {
	line, column int
	msg          string
	// remedy tells the user what to do, for a Finding; Error leaves it out.
	remedy string
}

func (e *docError) Error() string {
	if e.line > 0 {
		return fmt.Sprintf("line %d, column %d: %s", e.line, e.column, e.msg)
	}
	return e.msg
}

// attr is an attribute with its namespace resolved. qname is set for
// xsi:type, whose value is itself a prefixed name that has to survive a
// change of prefixes.
type attr struct {
	name  xml.Name
	value string
	qname *xml.Name
}

// node is an element of the document, with every name resolved to its
// namespace URI. content keeps child elements and text in document order;
// comments and processing instructions are dropped while building, and the
// text around them is joined, as the XML data model does.
type node struct {
	name    xml.Name
	prefix  string // as written, for messages that quote the document
	attrs   []attr
	content []content
	scope   map[string]string // prefix → namespace URI in scope here; "" is the default namespace
	line    int
}

type content struct {
	elem *node
	text string
}

// parseTree reads doc into a tree. It is the only place that reads XML, so
// every entry point gets the same protections: a DOCTYPE, DTD or entity
// declaration is refused as a token, before anything else looks at the
// document, and encoding/xml in Strict mode with no Entity map accepts only
// the five predefined entities and character references, so no entity is
// ever expanded. A UTF-8 byte order mark is skipped.
func parseTree(doc []byte) (*node, error) {
	if bytes.HasPrefix(doc, []byte{0xFF, 0xFE}) || bytes.HasPrefix(doc, []byte{0xFE, 0xFF}) {
		return nil, &docError{msg: "the document is encoded in UTF-16; only UTF-8 is accepted", remedy: "Save the document as UTF-8 (Windows tools offer this in the Save As dialog)."}
	}
	doc = bytes.TrimPrefix(doc, utf8BOM)
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = true

	topScope := map[string]string{"xml": nsXML}
	var root *node
	var stack []*node
	for {
		line, column := d.InputPos()
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, decoderError(d, err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			msg, remedy := directiveMessage(t)
			return nil, &docError{line: line, column: column, msg: msg, remedy: remedy}
		case xml.StartElement:
			if root != nil && len(stack) == 0 {
				return nil, &docError{line: line, column: column, msg: fmt.Sprintf("a second root element <%s> follows the end of the first one; a metadata document has exactly one root element", rawName(t.Name))}
			}
			if len(stack) >= maxDepth {
				return nil, &docError{line: line, column: column, msg: fmt.Sprintf("elements are nested more than %d levels deep", maxDepth)}
			}
			var parent *node
			scope := topScope
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
				scope = parent.scope
			}
			n, err := newNode(t, scope, line, column)
			if err != nil {
				return nil, err
			}
			if parent != nil {
				parent.content = append(parent.content, content{elem: n})
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) == 0 {
				return nil, &docError{line: line, column: column, msg: fmt.Sprintf("closing tag </%s> has no matching opening tag", rawName(t.Name))}
			}
			top := stack[len(stack)-1]
			if t.Name.Space != top.prefix || t.Name.Local != top.name.Local {
				return nil, &docError{line: line, column: column, msg: fmt.Sprintf("element <%s> opened at line %d is closed by </%s>", top.qualified(), top.line, rawName(t.Name))}
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				if !isXMLSpace(string(t)) {
					return nil, &docError{line: line, column: column, msg: "text outside the root element"}
				}
				continue
			}
			stack[len(stack)-1].appendText(string(t))
		case xml.Comment, xml.ProcInst:
			// Comments carry no meaning, and the only processing
			// instruction metadata has is the XML declaration, whose
			// encoding the decoder has already checked.
		}
	}
	if len(stack) > 0 {
		top := stack[len(stack)-1]
		return nil, &docError{msg: fmt.Sprintf("the document ends before element <%s> opened at line %d is closed (was it cut off when copying?)", top.qualified(), top.line)}
	}
	if root == nil {
		return nil, &docError{msg: "the document has no root element"}
	}
	return root, nil
}

// decoderError turns an encoding/xml error into a docError with the
// decoder's position: SyntaxError only carries the line.
func decoderError(d *xml.Decoder, err error) error {
	line, column := d.InputPos()
	msg := err.Error()
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		msg = se.Msg
		if se.Line > 0 && se.Line != line {
			line, column = se.Line, 0
		}
	}
	msg = strings.TrimPrefix(msg, "xml: ")
	if enc, ok := strings.CutSuffix(msg, " declared but Decoder.CharsetReader is nil"); ok {
		return &docError{line: line, column: column,
			msg:    "the XML declaration says " + enc + "; only UTF-8 is accepted",
			remedy: "Save the document as UTF-8 and declare encoding=\"UTF-8\" (or remove the XML declaration).",
		}
	}
	return &docError{line: line, column: column, msg: msg}
}

func directiveMessage(t xml.Directive) (msg, remedy string) {
	const why = "refused because DTD entities enable external entity (XXE) and entity expansion (billion laughs) attacks"
	keyword, _, _ := strings.Cut(strings.TrimSpace(string(t)), " ")
	keyword = strings.ToUpper(keyword)
	switch keyword {
	case "DOCTYPE":
		return "the document has a <!DOCTYPE> declaration, " + why, "Delete the <!DOCTYPE …> declaration: SAML metadata never needs one."
	case "ENTITY":
		return "the document has an <!ENTITY> declaration, " + why, "Delete the declaration: SAML metadata never needs one."
	default:
		return fmt.Sprintf("the document has a <!%s> declaration, %s", keyword, why), "Delete the declaration: SAML metadata never needs one."
	}
}

// newNode resolves the names of a start tag against the namespace
// declarations in scope. Unlike encoding/xml's Token, it refuses an
// undeclared prefix instead of quietly using the prefix as the namespace.
func newNode(t xml.StartElement, parentScope map[string]string, line, column int) (*node, error) {
	fail := func(format string, args ...any) error {
		return &docError{line: line, column: column, msg: fmt.Sprintf(format, args...)}
	}
	if err := checkName(t.Name); err != nil {
		return nil, fail("element name <%s>: %v", rawName(t.Name), err)
	}
	// The scope is shared with the parent until this element declares
	// something, which most elements do not.
	scope, copied := parentScope, false
	declare := func(prefix, uri string) {
		if !copied {
			scope, copied = maps.Clone(parentScope), true
		}
		scope[prefix] = uri
	}
	for _, a := range t.Attr {
		switch {
		case a.Name.Space == "" && a.Name.Local == "xmlns":
			if a.Value == nsXML || a.Value == nsXMLNS {
				return nil, fail("the namespace %s is reserved and cannot be the default namespace", a.Value)
			}
			declare("", a.Value)
		case a.Name.Space == "xmlns":
			prefix := a.Name.Local
			switch {
			case prefix == "xmlns":
				return nil, fail("the prefix xmlns is reserved and cannot be declared")
			case prefix == "xml":
				if a.Value != nsXML {
					return nil, fail("the prefix xml can only be bound to %s", nsXML)
				}
			case a.Value == "":
				return nil, fail("xmlns:%s=\"\" undeclares a prefix, which XML 1.0 namespaces do not allow", prefix)
			case a.Value == nsXML || a.Value == nsXMLNS:
				return nil, fail("the namespace %s is reserved and cannot be bound to the prefix %s", a.Value, prefix)
			case strings.Contains(prefix, ":") || prefix == "":
				return nil, fail("xmlns:%s is not a valid namespace declaration", prefix)
			default:
				declare(prefix, a.Value)
			}
		}
	}

	n := &node{prefix: t.Name.Space, scope: scope, line: line}
	switch t.Name.Space {
	case "":
		n.name = xml.Name{Space: scope[""], Local: t.Name.Local}
	case "xmlns":
		return nil, fail("element <%s> uses the reserved prefix xmlns", rawName(t.Name))
	default:
		uri, ok := scope[t.Name.Space]
		if !ok {
			return nil, fail("the namespace prefix %q of element <%s> is not declared: add xmlns:%s=\"…\" to it or to an enclosing element", t.Name.Space, rawName(t.Name), t.Name.Space)
		}
		n.name = xml.Name{Space: uri, Local: t.Name.Local}
	}

	for _, a := range t.Attr {
		if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
			continue
		}
		if err := checkName(a.Name); err != nil {
			return nil, fail("attribute %s of <%s>: %v", rawName(a.Name), rawName(t.Name), err)
		}
		name := xml.Name{Local: a.Name.Local}
		if a.Name.Space != "" {
			uri, ok := scope[a.Name.Space]
			if !ok {
				return nil, fail("the namespace prefix %q of attribute %s on <%s> is not declared", a.Name.Space, rawName(a.Name), rawName(t.Name))
			}
			name.Space = uri
		}
		for _, prev := range n.attrs {
			if prev.name == name {
				return nil, fail("element <%s> has attribute %s twice", rawName(t.Name), rawName(a.Name))
			}
		}
		at := attr{name: name, value: a.Value}
		if name == (xml.Name{Space: nsXSI, Local: "type"}) {
			at.qname = resolveQName(a.Value, scope)
		}
		n.attrs = append(n.attrs, at)
	}
	return n, nil
}

func checkName(n xml.Name) error {
	switch {
	case n.Local == "":
		return errors.New("the name is empty")
	case strings.Contains(n.Local, ":"):
		return errors.New("a name may contain at most one colon")
	}
	return nil
}

// resolveQName resolves a QName-valued attribute (xsi:type). An unresolvable
// prefix leaves the value to be treated as plain text.
func resolveQName(value string, scope map[string]string) *xml.Name {
	v := collapseSpace(value)
	prefix, local, found := strings.Cut(v, ":")
	if !found {
		return &xml.Name{Space: scope[""], Local: v}
	}
	uri, ok := scope[prefix]
	if !ok || local == "" || strings.Contains(local, ":") {
		return nil
	}
	return &xml.Name{Space: uri, Local: local}
}

func rawName(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

func (n *node) appendText(s string) {
	if last := len(n.content) - 1; last >= 0 && n.content[last].elem == nil {
		n.content[last].text += s
		return
	}
	n.content = append(n.content, content{text: s})
}

// qualified is the element name as the document wrote it.
func (n *node) qualified() string {
	if n.prefix == "" {
		return n.name.Local
	}
	return n.prefix + ":" + n.name.Local
}

// where names the element and its position for a finding's Detail.
func (n *node) where() string {
	return fmt.Sprintf("<%s> at line %d", n.qualified(), n.line)
}

func (n *node) is(space, local string) bool {
	return n.name.Space == space && n.name.Local == local
}

// attr returns the value of the attribute local in no namespace, which is
// where every SAML metadata attribute lives.
func (n *node) attr(local string) (string, bool) {
	for _, a := range n.attrs {
		if a.name.Space == "" && a.name.Local == local {
			return a.value, true
		}
	}
	return "", false
}

// elements yields the child elements.
func (n *node) elements() iter.Seq[*node] {
	return func(yield func(*node) bool) {
		for _, c := range n.content {
			if c.elem != nil && !yield(c.elem) {
				return
			}
		}
	}
}

// children yields the child elements with the given namespace and name.
func (n *node) children(space, local string) iter.Seq[*node] {
	return func(yield func(*node) bool) {
		for c := range n.elements() {
			if c.is(space, local) && !yield(c) {
				return
			}
		}
	}
}

// descendants yields n and every element below it, in document order.
func (n *node) descendants() iter.Seq[*node] {
	return func(yield func(*node) bool) {
		var walk func(*node) bool
		walk = func(e *node) bool {
			if !yield(e) {
				return false
			}
			for c := range e.elements() {
				if !walk(c) {
					return false
				}
			}
			return true
		}
		walk(n)
	}
}

// text returns the element's own text, without that of its children.
func (n *node) text() string {
	var b strings.Builder
	for _, c := range n.content {
		if c.elem == nil {
			b.WriteString(c.text)
		}
	}
	return b.String()
}

// isXMLSpace reports whether s consists of XML whitespace only. XML
// whitespace is exactly space, tab, CR and LF; unicode.IsSpace would also
// accept characters such as U+00A0 that are content in XML.
func isXMLSpace(s string) bool {
	return strings.Trim(s, xmlSpace) == ""
}

const xmlSpace = " \t\r\n"

// collapseSpace trims XML whitespace and turns every inner run of it into a
// single space, as XML Schema's whiteSpace="collapse" facet does.
func collapseSpace(s string) string {
	var b strings.Builder
	for field := range strings.FieldsFuncSeq(s, func(r rune) bool { return strings.ContainsRune(xmlSpace, r) }) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(field)
	}
	return b.String()
}

// removeSpace deletes all XML whitespace, for base64 text that IdPs wrap
// and indent freely.
func removeSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(xmlSpace, r) {
			return -1
		}
		return r
	}, s)
}
