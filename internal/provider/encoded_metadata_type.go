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
	_ basetypes.StringTypable                    = encodedMetadataType{}
	_ basetypes.StringValuableWithSemanticEquals = encodedMetadataValue{}
)

// encodedMetadataType is the type of encoded_metadata_document: base64 of a SAML metadata
// document, as the official provider and Tencent's API take it. Two values are equal when the
// documents they decode to are equal by meaning, so line wrapping of the base64 (which the API
// drops) and reformatting of the document inside never plan a change.
type encodedMetadataType struct {
	basetypes.StringType
}

func (t encodedMetadataType) String() string { return "provider.encodedMetadataType" }

func (t encodedMetadataType) Equal(o attr.Type) bool {
	other, ok := o.(encodedMetadataType)
	return ok && t.StringType.Equal(other.StringType)
}

func (t encodedMetadataType) ValueType(context.Context) attr.Value { return encodedMetadataValue{} }

func (t encodedMetadataType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return encodedMetadataValue{StringValue: in}, nil
}

func (t encodedMetadataType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	s, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T for an encoded SAML metadata document", v)
	}
	return encodedMetadataValue{StringValue: s}, nil
}

// encodedMetadataValue is an encoded_metadata_document value.
type encodedMetadataValue struct {
	basetypes.StringValue
}

func newEncodedMetadataValue(encoded string) encodedMetadataValue {
	return encodedMetadataValue{StringValue: basetypes.NewStringValue(encoded)}
}

func newEncodedMetadataNull() encodedMetadataValue {
	return encodedMetadataValue{StringValue: basetypes.NewStringNull()}
}

func (v encodedMetadataValue) Type(context.Context) attr.Type { return encodedMetadataType{} }

func (v encodedMetadataValue) Equal(o attr.Value) bool {
	other, ok := o.(encodedMetadataValue)
	return ok && v.StringValue.Equal(other.StringValue)
}

// StringSemanticEquals decodes both values and compares the documents canonically. A value
// that does not decode or parse is never equal to another.
func (v encodedMetadataValue) StringSemanticEquals(_ context.Context, other basetypes.StringValuable) (bool, diag.Diagnostics) {
	var diags diag.Diagnostics
	o, ok := other.(encodedMetadataValue)
	if !ok {
		diags.AddError("Semantic Equality Check Error",
			fmt.Sprintf("Expected an encoded SAML metadata value, got %T. Please report this issue to the provider developers.", other))
		return false, diags
	}
	return equivalentEncoded(v.ValueString(), o.ValueString()), diags
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
