package samlmeta

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

var (
	nameEntitiesDescriptor = xml.Name{Space: nsMetadata, Local: "EntitiesDescriptor"}
	nameEntityDescriptor   = xml.Name{Space: nsMetadata, Local: "EntityDescriptor"}
	nameIDPSSODescriptor   = xml.Name{Space: nsMetadata, Local: "IDPSSODescriptor"}
)

// entityRange is where an EntityDescriptor directly inside an
// EntitiesDescriptor sits in the document.
type entityRange struct {
	start, end int64
	entityID   string
	idp        bool
}

// PickEntity cuts an aggregate down to one identity provider: from an
// EntitiesDescriptor that describes two or more identity providers, it
// removes every EntityDescriptor other than entityID's, for a service that
// takes the metadata of one IdP only. Everything else stays byte for byte,
// the byte order mark, the namespace declarations and validUntil of the
// enclosing EntitiesDescriptor included, so that Parse reads the result as it
// read the aggregate with Options.EntityID. A signature over the whole
// EntitiesDescriptor no longer verifies after the cut.
//
// Any other document (one EntityDescriptor, an aggregate of one IdP beside
// service providers, an entityID no IdP has) is returned unchanged. The
// error says why the document cannot be read; Parse explains that better.
func PickEntity(doc []byte, entityID string) ([]byte, error) {
	body := bytes.TrimPrefix(doc, utf8BOM)
	offset := int64(len(doc) - len(body))
	ranges, err := entityRanges(body)
	if err != nil {
		return nil, err
	}
	idps, chosen := 0, false
	for _, r := range ranges {
		if r.idp {
			idps++
		}
		chosen = chosen || (r.idp && r.entityID == entityID)
	}
	if idps < 2 || !chosen {
		return doc, nil
	}
	out := make([]byte, 0, len(doc))
	out = append(out, doc[:offset]...)
	last := int64(0)
	for _, r := range ranges {
		if r.entityID == entityID {
			continue
		}
		out = append(out, body[last:r.start]...)
		last = r.end
	}
	return append(out, body[last:]...), nil
}

// entityRanges finds the EntityDescriptors directly inside an
// EntitiesDescriptor, by their byte offsets in body (which has no byte order
// mark). The document is streamed rather than read into the package's tree,
// because the tree does not keep offsets.
func entityRanges(body []byte) ([]entityRange, error) {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = true
	var (
		stack   []xml.Name
		ranges  []entityRange
		current *entityRange
		depth   int // of current's EntityDescriptor
	)
	for {
		start := d.InputOffset()
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return ranges, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read metadata: %w", err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			return nil, errors.New("read metadata: the document has a DTD declaration")
		case xml.StartElement:
			parentIsEntities := len(stack) > 0 && stack[len(stack)-1] == nameEntitiesDescriptor
			switch {
			case current == nil && parentIsEntities && t.Name == nameEntityDescriptor:
				current = &entityRange{start: start, entityID: noNamespaceAttr(t, "entityID")}
				depth = len(stack)
			case current != nil && len(stack) == depth+1 && t.Name == nameIDPSSODescriptor:
				current.idp = true
			}
			stack = append(stack, t.Name)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			if current != nil && len(stack) == depth {
				current.end = d.InputOffset()
				ranges = append(ranges, *current)
				current = nil
			}
		}
	}
}

// noNamespaceAttr returns an attribute in no namespace, with whitespace
// collapsed as the tree reads entityID.
func noNamespaceAttr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Space == "" && a.Name.Local == local {
			return collapseSpace(a.Value)
		}
	}
	return ""
}
