package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/samlmeta"
)

var (
	_ basetypes.StringTypable                    = metadataType{}
	_ basetypes.StringValuableWithSemanticEquals = metadataValue{}
)

// metadataForm is how an attribute holds a SAML metadata document.
type metadataForm int

const (
	// formXML is metadata_xml: the document itself. Identity providers re-export the same
	// metadata with other indentation, prefixes, attribute order, line endings, comments or a
	// byte order mark; none of that may plan a change or trip Terraform's consistency checks
	// after apply or refresh.
	formXML metadataForm = iota
	// formEncoded is encoded_metadata_document: base64 of the document, as the official
	// provider and Tencent's API take it. Line wrapping of the base64 (which the API drops) and
	// reformatting of the document inside must not plan a change either.
	formEncoded
)

func (f metadataForm) String() string {
	if f == formEncoded {
		return "an encoded SAML metadata document"
	}
	return "a SAML metadata document"
}

// metadataType is the type of both metadata attributes: a string compared by the meaning of the
// document it holds (samlmeta.Equivalent), in one of the two forms.
type metadataType struct {
	basetypes.StringType
	form metadataForm
}

var (
	samlMetadataType    = metadataType{form: formXML}
	encodedMetadataType = metadataType{form: formEncoded}
)

func (t metadataType) String() string {
	if t.form == formEncoded {
		return "provider.encodedMetadataType"
	}
	return "provider.samlMetadataType"
}

func (t metadataType) Equal(o attr.Type) bool {
	other, ok := o.(metadataType)
	return ok && t.form == other.form && t.StringType.Equal(other.StringType)
}

func (t metadataType) ValueType(context.Context) attr.Value { return metadataValue{form: t.form} }

func (t metadataType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return metadataValue{StringValue: in, form: t.form}, nil
}

func (t metadataType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	s, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T for %s", v, t.form)
	}
	return metadataValue{StringValue: s, form: t.form}, nil
}

// metadataValue is a metadata_xml or encoded_metadata_document value.
type metadataValue struct {
	basetypes.StringValue
	form metadataForm
}

// value is a known value of this form.
func (f metadataForm) value(s string) metadataValue {
	return metadataValue{StringValue: basetypes.NewStringValue(s), form: f}
}

func (f metadataForm) null() metadataValue {
	return metadataValue{StringValue: basetypes.NewStringNull(), form: f}
}

func newSAMLMetadataValue(doc string) metadataValue { return formXML.value(doc) }

func newSAMLMetadataNull() metadataValue { return formXML.null() }

func newEncodedMetadataValue(encoded string) metadataValue { return formEncoded.value(encoded) }

func newEncodedMetadataNull() metadataValue { return formEncoded.null() }

func (v metadataValue) Type(context.Context) attr.Type { return metadataType{form: v.form} }

func (v metadataValue) Equal(o attr.Value) bool {
	other, ok := o.(metadataValue)
	return ok && v.form == other.form && v.StringValue.Equal(other.StringValue)
}

// StringSemanticEquals reports whether both values hold documents with the same canonical XML
// form (decoding them first in the encoded form). A value that does not decode or parse is
// never equal to another, so that a broken value cannot hide a change.
func (v metadataValue) StringSemanticEquals(_ context.Context, other basetypes.StringValuable) (bool, diag.Diagnostics) {
	var diags diag.Diagnostics
	o, ok := other.(metadataValue)
	if !ok || o.form != v.form {
		diags.AddError("Semantic Equality Check Error",
			fmt.Sprintf("Expected %s value, got %T. Please report this issue to the provider developers.", v.form, other))
		return false, diags
	}
	if v.form == formEncoded {
		return equivalentEncoded(v.ValueString(), o.ValueString()), diags
	}
	return samlmeta.Equivalent([]byte(v.ValueString()), []byte(o.ValueString())), diags
}

// equivalentEncoded reports whether two base64 values hold the same metadata by meaning.
func equivalentEncoded(a, b string) bool {
	da, err := samlmeta.DecodeEncodedDocument(a)
	if err != nil {
		return false
	}
	db, err := samlmeta.DecodeEncodedDocument(b)
	if err != nil {
		return false
	}
	return samlmeta.Equivalent(da, db)
}
