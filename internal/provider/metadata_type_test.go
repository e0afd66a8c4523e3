package provider

import (
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
