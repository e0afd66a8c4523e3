package provider

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/samlmeta"
)

const nsSAMLMetadata = "urn:oasis:names:tc:SAML:2.0:metadata"

var (
	byteOrderMark          = []byte{0xEF, 0xBB, 0xBF}
	nameEntitiesDescriptor = xml.Name{Space: nsSAMLMetadata, Local: "EntitiesDescriptor"}
	nameEntityDescriptor   = xml.Name{Space: nsSAMLMetadata, Local: "EntityDescriptor"}
	nameIDPSSODescriptor   = xml.Name{Space: nsSAMLMetadata, Local: "IDPSSODescriptor"}
)

// uploadDocument is the metadata the provider sends to Identity Center for a configured
// document: the document exactly as the user gave it, except when entity_id picks one of
// several identity providers of an EntitiesDescriptor. The service takes metadata of one IdP
// (the simulator refuses several, MetadataCosParsingFailed; the real service documents nothing
// about aggregates, so the stricter reading is assumed), so the other EntityDescriptors are cut
// out. Everything else, including the namespace declarations and validUntil of the enclosing
// EntitiesDescriptor, stays byte for byte. A signature over the whole EntitiesDescriptor no
// longer verifies after the cut; Identity Center is not documented to check one.
func uploadDocument(doc []byte, entityID string) []byte {
	if entityID == "" {
		return doc
	}
	out, err := pickEntity(doc, entityID)
	if err != nil {
		// Validation already parsed the document; a failure here leaves the document whole,
		// and the service then answers for it.
		return doc
	}
	return out
}

// entityRange is where an EntityDescriptor directly inside an EntitiesDescriptor sits in the
// document.
type entityRange struct {
	start, end int64
	entityID   string
	idp        bool
}

// pickEntity removes the EntityDescriptors other than entityID from an EntitiesDescriptor that
// describes two or more identity providers. Any other document is returned unchanged.
func pickEntity(doc []byte, entityID string) ([]byte, error) {
	body := bytes.TrimPrefix(doc, byteOrderMark)
	offset := int64(len(doc) - len(body))
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
			break
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
				current = &entityRange{start: start, entityID: attrValue(t, "entityID")}
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

// attrValue returns an attribute in no namespace, with whitespace collapsed as samlmeta reads
// entityID.
func attrValue(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Space == "" && a.Name.Local == local {
			return strings.Join(strings.Fields(a.Value), " ")
		}
	}
	return ""
}

// sameUpload reports whether the document the service holds is what the provider uploads for
// a configured document and entity_id, by meaning.
func sameUpload(configured []byte, entityID string, stored []byte) bool {
	return samlmeta.Equivalent(uploadDocument(configured, entityID), stored)
}
