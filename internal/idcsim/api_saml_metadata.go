package idcsim

import (
	"bytes"
	"encoding/base64"
	"encoding/pem"
	"encoding/xml"
	"errors"
	"io"
	"net/url"
	"strings"
	"unicode"
)

// XML namespaces of SAML 2.0 metadata and XML-DSig. Elements are matched by namespace, never by
// prefix: md:, ns0: and a default namespace all mean the same thing.
const (
	nsMetadata    = "urn:oasis:names:tc:SAML:2.0:metadata"
	nsXMLDSig     = "http://www.w3.org/2000/09/xmldsig#"
	samlProtocol  = "urn:oasis:names:tc:SAML:2.0:protocol"
	bindingPOST   = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
	bindingRedir  = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
	utf8BOM       = "\xef\xbb\xbf"
	pemCertHeader = "CERTIFICATE"
)

type mdEntities struct {
	Entities []mdEntity   `xml:"urn:oasis:names:tc:SAML:2.0:metadata EntityDescriptor"`
	Nested   []mdEntities `xml:"urn:oasis:names:tc:SAML:2.0:metadata EntitiesDescriptor"`
}

type mdEntity struct {
	EntityID string  `xml:"entityID,attr"`
	IdPs     []mdIdP `xml:"urn:oasis:names:tc:SAML:2.0:metadata IDPSSODescriptor"`
}

type mdIdP struct {
	Protocols string       `xml:"protocolSupportEnumeration,attr"`
	Keys      []mdKey      `xml:"urn:oasis:names:tc:SAML:2.0:metadata KeyDescriptor"`
	SSO       []mdEndpoint `xml:"urn:oasis:names:tc:SAML:2.0:metadata SingleSignOnService"`
}

type mdEndpoint struct {
	Binding  string `xml:"Binding,attr"`
	Location string `xml:"Location,attr"`
}

type mdKey struct {
	Use     string `xml:"use,attr"`
	KeyInfo struct {
		X509Data []struct {
			Certificates []string `xml:"http://www.w3.org/2000/09/xmldsig# X509Certificate"`
		} `xml:"http://www.w3.org/2000/09/xmldsig# X509Data"`
	} `xml:"http://www.w3.org/2000/09/xmldsig# KeyInfo"`
}

// idpMetadata is what the simulator takes from an IdP metadata document.
type idpMetadata struct {
	XML          []byte // the document as raw XML
	EntityID     string
	LoginURL     string
	Certificates [][]byte // DER, distinct, in document order
}

// decodeIdPMetadata reads EncodedMetadataDocument: base64 (line breaks allowed) of either raw XML
// or URL-encoded XML (Tencent's own example is the latter).
func decodeIdPMetadata(encoded string) (*idpMetadata, *apiError) {
	compact := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, encoded)
	decoded, err := base64.StdEncoding.DecodeString(compact)
	if err != nil {
		return nil, errf(codeDecodeMetadataDocumentFailed, "EncodedMetadataDocument is not valid base64.")
	}
	doc := bytes.TrimPrefix(decoded, []byte(utf8BOM))
	if trimmed := bytes.TrimSpace(doc); len(trimmed) > 0 && trimmed[0] == '%' {
		unescaped, err := url.PathUnescape(string(trimmed))
		if err != nil {
			return nil, errf(codeDecodeMetadataDocumentFailed, "EncodedMetadataDocument holds malformed URL-encoded text.")
		}
		doc = []byte(unescaped)
	}
	return parseIdPMetadata(doc)
}

// parseIdPMetadata checks that doc is well-formed XML without a DOCTYPE, then finds the one
// SAML 2.0 identity provider in it: its entity ID, login URL (HTTP-Redirect, else HTTP-POST) and
// signing certificates (KeyDescriptor use="signing" or without use; the first certificate of
// each X509Data, since a chain lists the signing certificate first).
func parseIdPMetadata(doc []byte) (*idpMetadata, *apiError) {
	doc = bytes.TrimPrefix(doc, []byte(utf8BOM))
	root, aerr := checkXML(doc)
	if aerr != nil {
		return nil, aerr
	}
	notIdP := func(why string) *apiError {
		return errf(codeMetadataCosParsingFailed, "The metadata document is not usable SAML 2.0 IdP metadata: %s.", why)
	}
	if root.Space != nsMetadata || (root.Local != "EntityDescriptor" && root.Local != "EntitiesDescriptor") {
		return nil, notIdP("the root element is not a SAML 2.0 metadata EntityDescriptor or EntitiesDescriptor")
	}
	var entities []mdEntity
	if root.Local == "EntityDescriptor" {
		var e mdEntity
		if err := xml.Unmarshal(doc, &e); err != nil {
			return nil, errf(codeXMLDataUnmarshalFailed, "The metadata document could not be parsed: %v.", err)
		}
		entities = []mdEntity{e}
	} else {
		var es mdEntities
		if err := xml.Unmarshal(doc, &es); err != nil {
			return nil, errf(codeXMLDataUnmarshalFailed, "The metadata document could not be parsed: %v.", err)
		}
		entities = flattenEntities(es)
	}

	var found []mdEntity
	for _, e := range entities {
		for _, idp := range e.IdPs {
			if hasField(idp.Protocols, samlProtocol) {
				found = append(found, mdEntity{EntityID: e.EntityID, IdPs: []mdIdP{idp}})
				break
			}
		}
	}
	switch {
	case len(found) == 0:
		return nil, notIdP("it has no IDPSSODescriptor supporting the SAML 2.0 protocol")
	case len(found) > 1:
		return nil, notIdP("it describes more than one identity provider")
	}
	entity, idp := found[0], found[0].IdPs[0]
	if strings.TrimSpace(entity.EntityID) == "" {
		return nil, notIdP("the EntityDescriptor has no entityID")
	}
	md := &idpMetadata{XML: doc, EntityID: strings.TrimSpace(entity.EntityID)}
	for _, binding := range []string{bindingRedir, bindingPOST} {
		for _, sso := range idp.SSO {
			if sso.Binding == binding && strings.TrimSpace(sso.Location) != "" {
				md.LoginURL = strings.TrimSpace(sso.Location)
				break
			}
		}
		if md.LoginURL != "" {
			break
		}
	}
	if md.LoginURL == "" {
		return nil, notIdP("it has no HTTP-Redirect or HTTP-POST SingleSignOnService")
	}
	for _, key := range idp.Keys {
		if key.Use != "" && key.Use != "signing" {
			continue
		}
		for _, data := range key.KeyInfo.X509Data {
			if len(data.Certificates) == 0 {
				continue
			}
			der, aerr := decodeCertificate(data.Certificates[0])
			if aerr != nil {
				return nil, aerr
			}
			if !containsDER(md.Certificates, der) {
				md.Certificates = append(md.Certificates, der)
			}
		}
	}
	if len(md.Certificates) == 0 {
		return nil, notIdP("it has no XML-DSig X509Certificate for signing")
	}
	if len(md.Certificates) > maxIdPCertificates {
		return nil, errf(codeX509CertificateLimitExceeded, "The metadata document has %d signing certificates; at most %d are allowed.",
			len(md.Certificates), maxIdPCertificates)
	}
	return md, nil
}

// hasField reports whether the space-separated list holds want.
func hasField(list, want string) bool {
	for _, f := range strings.Fields(list) {
		if f == want {
			return true
		}
	}
	return false
}

func flattenEntities(es mdEntities) []mdEntity {
	out := append([]mdEntity(nil), es.Entities...)
	for _, n := range es.Nested {
		out = append(out, flattenEntities(n)...)
	}
	return out
}

func containsDER(list [][]byte, der []byte) bool {
	for _, d := range list {
		if bytes.Equal(d, der) {
			return true
		}
	}
	return false
}

// checkXML reads every token of doc: it must be one well-formed element, with no DOCTYPE or other
// directive (entity expansion is the classic XML attack). It returns the root element's name.
func checkXML(doc []byte) (xml.Name, *apiError) {
	bad := func(why string) (xml.Name, *apiError) {
		return xml.Name{}, errf(codeXMLDataUnmarshalFailed, "The metadata document is not well-formed XML: %s.", why)
	}
	dec := xml.NewDecoder(bytes.NewReader(doc))
	var root xml.Name
	depth := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return bad(err.Error())
		}
		switch t := tok.(type) {
		case xml.Directive:
			return bad("DOCTYPE and other directives are not allowed")
		case xml.StartElement:
			if depth == 0 {
				if root.Local != "" {
					return bad("it has more than one root element")
				}
				root = t.Name
			}
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth == 0 && len(bytes.TrimSpace(t)) > 0 {
				return bad("it has text outside the root element")
			}
		}
	}
	if root.Local == "" {
		return bad("it has no root element")
	}
	return root, nil
}

// decodeCertificate reads a certificate given as PEM or as bare base64 DER (Tencent's examples use
// the latter; metadata documents always do). Whitespace inside the base64 is ignored.
func decodeCertificate(text string) ([]byte, *apiError) {
	formatErr := errf(codeX509CertificateFormatError, "The X.509 certificate must be PEM or base64-encoded DER.")
	t := strings.TrimSpace(text)
	var der []byte
	if strings.HasPrefix(t, "-----BEGIN") {
		block, rest := pem.Decode([]byte(t))
		if block == nil || block.Type != pemCertHeader || len(bytes.TrimSpace(rest)) > 0 {
			return nil, formatErr
		}
		der = block.Bytes
	} else {
		compact := strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, t)
		if compact == "" {
			return nil, formatErr
		}
		var err error
		if der, err = base64.StdEncoding.DecodeString(compact); err != nil {
			return nil, formatErr
		}
	}
	if err := checkCertificate(der); err != nil {
		return nil, errf(codeX509CertificateParsingFailed, "The X.509 certificate could not be parsed: %v.", err)
	}
	return der, nil
}
