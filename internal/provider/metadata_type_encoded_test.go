package provider

import (
	"encoding/base64"
	"net/url"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

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
