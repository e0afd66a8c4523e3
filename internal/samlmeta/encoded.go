package samlmeta

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// DecodeEncodedDocument decodes metadata that was handed over as base64, as
// Tencent's API and several IdP consoles exchange it. Whitespace anywhere
// (line wrapping) is ignored; the standard and the URL-safe alphabets are
// both accepted, with or without padding. When the decoded bytes are
// URL-encoded XML ("%3C…", as some consoles produce by encoding twice), they
// are URL-decoded too. The result must look like an XML document; it is not
// validated further: pass it to Parse for that.
func DecodeEncodedDocument(s string) ([]byte, error) {
	compact := strings.Map(dropSpace, s)
	if compact == "" {
		return nil, errors.New("decode metadata: the encoded document is empty")
	}
	if compact[0] == '<' || bytes.HasPrefix([]byte(compact), utf8BOM) {
		return nil, errors.New("decode metadata: the value is XML already, not base64: use it as the metadata document itself")
	}
	compact = strings.TrimRight(compact, "=")
	enc := base64.RawStdEncoding
	if strings.ContainsAny(compact, "-_") {
		if strings.ContainsAny(compact, "+/") {
			return nil, errors.New("decode metadata: the value mixes the standard (+ /) and URL-safe (- _) base64 alphabets")
		}
		enc = base64.RawURLEncoding
	}
	doc, err := enc.DecodeString(compact)
	if err != nil {
		return nil, fmt.Errorf("decode metadata: not valid base64: %w", err)
	}
	if start := bytes.TrimLeft(bytes.TrimPrefix(doc, utf8BOM), xmlSpace); len(start) >= 3 && strings.EqualFold(string(start[:3]), "%3C") {
		text, err := url.QueryUnescape(string(start))
		if err != nil {
			return nil, fmt.Errorf("decode metadata: the decoded value is URL-encoded but cannot be URL-decoded: %w", err)
		}
		doc = []byte(text)
	}
	if start := bytes.TrimLeft(bytes.TrimPrefix(doc, utf8BOM), xmlSpace); len(start) == 0 || start[0] != '<' {
		return nil, errors.New("decode metadata: the decoded value is not an XML document (it does not start with '<')")
	}
	return doc, nil
}
