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
	_ basetypes.StringTypable                    = samlMetadataType{}
	_ basetypes.StringValuableWithSemanticEquals = samlMetadataValue{}
)

// samlMetadataType is the type of metadata_xml: a string holding a SAML metadata document,
// compared by meaning. Identity providers re-export the same metadata with other indentation,
// prefixes, attribute order, line endings, comments or a byte order mark; none of that may
// plan a change or trip Terraform's consistency checks after apply or refresh.
type samlMetadataType struct {
	basetypes.StringType
}

func (t samlMetadataType) String() string { return "provider.samlMetadataType" }

func (t samlMetadataType) Equal(o attr.Type) bool {
	other, ok := o.(samlMetadataType)
	return ok && t.StringType.Equal(other.StringType)
}

func (t samlMetadataType) ValueType(context.Context) attr.Value { return samlMetadataValue{} }

func (t samlMetadataType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return samlMetadataValue{StringValue: in}, nil
}

func (t samlMetadataType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	s, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T for a SAML metadata document", v)
	}
	return samlMetadataValue{StringValue: s}, nil
}

// samlMetadataValue is a metadata_xml value.
type samlMetadataValue struct {
	basetypes.StringValue
}

func newSAMLMetadataValue(doc string) samlMetadataValue {
	return samlMetadataValue{StringValue: basetypes.NewStringValue(doc)}
}

func newSAMLMetadataNull() samlMetadataValue {
	return samlMetadataValue{StringValue: basetypes.NewStringNull()}
}

func (v samlMetadataValue) Type(context.Context) attr.Type { return samlMetadataType{} }

func (v samlMetadataValue) Equal(o attr.Value) bool {
	other, ok := o.(samlMetadataValue)
	return ok && v.StringValue.Equal(other.StringValue)
}

// StringSemanticEquals reports whether both documents have the same canonical XML form. A
// document that does not parse is never equal to another, so that a broken value cannot hide
// a change.
func (v samlMetadataValue) StringSemanticEquals(_ context.Context, other basetypes.StringValuable) (bool, diag.Diagnostics) {
	var diags diag.Diagnostics
	o, ok := other.(samlMetadataValue)
	if !ok {
		diags.AddError("Semantic Equality Check Error",
			fmt.Sprintf("Expected a SAML metadata value, got %T. Please report this issue to the provider developers.", other))
		return false, diags
	}
	return samlmeta.Equivalent([]byte(v.ValueString()), []byte(o.ValueString())), diags
}
