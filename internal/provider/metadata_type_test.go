package provider

import (
	"encoding/base64"
	"net/url"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestSAMLMetadataValueSemanticEquals(t *testing.T) {
	t.Parallel()
	cert := validTestCert(t, "idp")
	other := validTestCert(t, "other")
	const entity, login = "https://idp.example.com/metadata", "https://idp.example.com/sso"
	plain := testMetadata(entity, login, mdStyle{}, cert)

	cases := map[string]struct {
		other string
		want  bool
	}{
		"identical":                 {plain, true},
		"re-indented with tabs":     {testMetadata(entity, login, mdStyle{indent: "\t"}, cert), true},
		"default namespace":         {testMetadata(entity, login, mdStyle{defaultNamespace: true}, cert), true},
		"attribute order":           {testMetadata(entity, login, mdStyle{reverseAttrs: true}, cert), true},
		"CRLF":                      {testMetadata(entity, login, mdStyle{crlf: true}, cert), true},
		"byte order mark":           {testMetadata(entity, login, mdStyle{bom: true}, cert), true},
		"comments and declaration":  {testMetadata(entity, login, mdStyle{comments: true, declaration: true}, cert), true},
		"certificate wrapped at 64": {testMetadata(entity, login, mdStyle{certWidth: 64}, cert), true},
		"all of them at once": {testMetadata(entity, login, mdStyle{defaultNamespace: true, indent: "    ", reverseAttrs: true,
			crlf: true, bom: true, comments: true, declaration: true, certWidth: 76}, cert), true},
		"other entity ID":    {testMetadata(entity+"/2", login, mdStyle{}, cert), false},
		"other login URL":    {testMetadata(entity, login+"/2", mdStyle{}, cert), false},
		"other certificate":  {testMetadata(entity, login, mdStyle{}, other), false},
		"second certificate": {testMetadata(entity, login, mdStyle{}, cert, other), false},
		"not XML":            {"not metadata", false},
		"truncated":          {plain[:len(plain)/2], false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, diags := newSAMLMetadataValue(plain).StringSemanticEquals(t.Context(), newSAMLMetadataValue(tc.other))
			if diags.HasError() {
				t.Fatalf("diagnostics: %v", diags)
			}
			if got != tc.want {
				t.Errorf("semantic equality = %t, want %t", got, tc.want)
			}
			// Equality by meaning is symmetric.
			back, _ := newSAMLMetadataValue(tc.other).StringSemanticEquals(t.Context(), newSAMLMetadataValue(plain))
			if back != got {
				t.Errorf("semantic equality is not symmetric: %t one way, %t the other", got, back)
			}
		})
	}
}

func TestSAMLMetadataValueSemanticEqualsWrongType(t *testing.T) {
	t.Parallel()
	_, diags := newSAMLMetadataValue("<a/>").StringSemanticEquals(t.Context(), basetypes.NewStringValue("<a/>"))
	if !diags.HasError() {
		t.Fatal("comparing with a plain string value gave no error")
	}
}

func TestSAMLMetadataType(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	typ := samlMetadataType
	cases := map[string]struct {
		in   tftypes.Value
		want metadataValue
	}{
		"value":   {tftypes.NewValue(tftypes.String, "<md/>"), newSAMLMetadataValue("<md/>")},
		"null":    {tftypes.NewValue(tftypes.String, nil), newSAMLMetadataNull()},
		"unknown": {tftypes.NewValue(tftypes.String, tftypes.UnknownValue), metadataValue{StringValue: basetypes.NewStringUnknown(), form: formXML}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := typ.ValueFromTerraform(ctx, tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(tc.want) {
				t.Errorf("ValueFromTerraform = %v, want %v", got, tc.want)
			}
			if !got.Type(ctx).Equal(typ) {
				t.Errorf("the value's type is %v, want %v", got.Type(ctx), typ)
			}
		})
	}
	if typ.Equal(encodedMetadataType) || typ.Equal(basetypes.StringType{}) {
		t.Error("the XML form's type equals another type")
	}
	if newSAMLMetadataValue("PGEvPg==").Equal(newEncodedMetadataValue("PGEvPg==")) {
		t.Error("values of the two forms are equal")
	}
	if newSAMLMetadataValue("<a/>").Equal(basetypes.NewStringValue("<a/>")) {
		t.Error("a metadata value equals a plain string value")
	}
	if _, err := typ.ValueFromTerraform(ctx, tftypes.NewValue(tftypes.Number, 42)); err == nil {
		t.Error("a number became a metadata value")
	}
}

// wrap inserts a line break every width characters, as base64 tools do; width 0 leaves s on
// one line.
func wrap(s string, width int) string {
	if width <= 0 {
		return s
	}
	var b strings.Builder
	for len(s) > width {
		b.WriteString(s[:width] + "\n")
		s = s[width:]
	}
	b.WriteString(s)
	return b.String()
}

func TestEncodedMetadataValueSemanticEquals(t *testing.T) {
	t.Parallel()
	cert := validTestCert(t, "idp")
	const entity, login = "https://idp.example.com/metadata", "https://idp.example.com/sso"
	doc := testMetadata(entity, login, mdStyle{}, cert)
	plain := base64.StdEncoding.EncodeToString([]byte(doc))

	cases := map[string]struct {
		other string
		want  bool
	}{
		"identical":           {plain, true},
		"wrapped at 76":       {wrap(plain, 76), true},
		"wrapped at 64, CRLF": {strings.ReplaceAll(wrap(plain, 64), "\n", "\r\n"), true},
		"no padding":          {strings.TrimRight(plain, "="), true},
		"URL-safe alphabet":   {base64.URLEncoding.EncodeToString([]byte(doc)), true},
		"reformatted document": {base64.StdEncoding.EncodeToString([]byte(testMetadata(entity, login,
			mdStyle{defaultNamespace: true, reverseAttrs: true, crlf: true, bom: true, comments: true}, cert))), true},
		"URL-encoded document, as in Tencent's example": {base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(doc))), true},
		"other document":  {base64.StdEncoding.EncodeToString([]byte(testMetadata(entity, login+"/other", mdStyle{}, cert))), false},
		"not base64":      {"%%%not base64%%%", false},
		"XML, not base64": {doc, false},
		"base64 of text":  {base64.StdEncoding.EncodeToString([]byte("hello")), false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, diags := newEncodedMetadataValue(plain).StringSemanticEquals(t.Context(), newEncodedMetadataValue(tc.other))
			if diags.HasError() {
				t.Fatalf("diagnostics: %v", diags)
			}
			if got != tc.want {
				t.Errorf("semantic equality = %t, want %t", got, tc.want)
			}
		})
	}
}

func TestEncodedMetadataValueSemanticEqualsWrongType(t *testing.T) {
	t.Parallel()
	_, diags := newEncodedMetadataValue("PGEvPg==").StringSemanticEquals(t.Context(), newSAMLMetadataValue("<a/>"))
	if !diags.HasError() {
		t.Fatal("comparing with a metadata_xml value gave no error")
	}
}

func TestEncodedMetadataType(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	typ := encodedMetadataType
	got, err := typ.ValueFromTerraform(ctx, tftypes.NewValue(tftypes.String, "PGEvPg=="))
	if err != nil {
		t.Fatal(err)
	}
	if !got.Equal(newEncodedMetadataValue("PGEvPg==")) {
		t.Errorf("ValueFromTerraform = %v", got)
	}
	null, err := typ.ValueFromTerraform(ctx, tftypes.NewValue(tftypes.String, nil))
	if err != nil || !null.Equal(newEncodedMetadataNull()) {
		t.Errorf("ValueFromTerraform(null) = %v, %v", null, err)
	}
	if !got.Type(ctx).Equal(typ) || typ.Equal(samlMetadataType) || typ.Equal(basetypes.StringType{}) {
		t.Error("the encoded form's type equality is wrong")
	}
	if _, err := typ.ValueFromTerraform(ctx, tftypes.NewValue(tftypes.Bool, true)); err == nil {
		t.Error("a bool became an encoded metadata value")
	}
}
