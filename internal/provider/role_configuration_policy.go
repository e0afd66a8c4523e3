package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// policyDocumentType is a CAM policy document compared by meaning: jsonencode() and a heredoc
// with other key order or white space are the same document, so neither the plan nor a Read
// of the verbatim stored text shows a diff. (jsontypes.Normalized would do the same, but it is
// not a dependency of the project; this is the few lines of it we need.)
type policyDocumentType struct {
	basetypes.StringType
}

var (
	_ basetypes.StringTypable                    = policyDocumentType{}
	_ basetypes.StringValuableWithSemanticEquals = policyDocumentValue{}
)

func (t policyDocumentType) String() string { return "policyDocumentType" }

func (t policyDocumentType) ValueType(context.Context) attr.Value { return policyDocumentValue{} }

func (t policyDocumentType) Equal(o attr.Type) bool {
	_, ok := o.(policyDocumentType)
	return ok
}

func (t policyDocumentType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return policyDocumentValue{StringValue: in}, nil
}

func (t policyDocumentType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	s, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return policyDocumentValue{StringValue: s}, nil
}

// policyDocumentValue is a value of policyDocumentType.
type policyDocumentValue struct {
	basetypes.StringValue
}

func (v policyDocumentValue) Type(context.Context) attr.Type { return policyDocumentType{} }

func (v policyDocumentValue) Equal(o attr.Value) bool {
	other, ok := o.(policyDocumentValue)
	return ok && v.StringValue.Equal(other.StringValue)
}

// StringSemanticEquals is true when both documents parse to the same JSON value.
func (v policyDocumentValue) StringSemanticEquals(_ context.Context, newValuable basetypes.StringValuable) (bool, diag.Diagnostics) {
	other, ok := newValuable.(policyDocumentValue)
	if !ok {
		return false, nil
	}
	return jsonSameMeaning(v.ValueString(), other.ValueString()), nil
}

func policyDocumentNull() policyDocumentValue {
	return policyDocumentValue{StringValue: types.StringNull()}
}

func policyDocumentOf(s string) policyDocumentValue {
	if s == "" {
		return policyDocumentNull()
	}
	return policyDocumentValue{StringValue: types.StringValue(s)}
}

func jsonSameMeaning(a, b string) bool {
	var x, y any
	if json.Unmarshal([]byte(a), &x) != nil || json.Unmarshal([]byte(b), &y) != nil {
		return a == b
	}
	return reflect.DeepEqual(x, y)
}

// maxCustomPolicyDocument is the console guides' limit; the SDK says 4096, and the reference
// advises not to refuse below the larger one (§3).
const maxCustomPolicyDocument = 6144

// policyDocumentValidator checks a CAM policy document: version "2.0", a non-empty statement
// list, each statement with effect allow|deny, action and resource (a string or a list of
// strings). Errors name the statement by its index.
type policyDocumentValidator struct{}

var _ validator.String = policyDocumentValidator{}

func (policyDocumentValidator) Description(context.Context) string {
	return `must be a CAM policy document: {"version": "2.0", "statement": [{"effect": "allow"|"deny", "action": [...], "resource": [...]}]}`
}

func (v policyDocumentValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (policyDocumentValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	for _, problem := range policyDocumentProblems(req.ConfigValue.ValueString()) {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid CAM Policy Document",
			fmt.Sprintf("Attribute %s %s. Write it with jsonencode() or as a heredoc, for example "+
				`jsonencode({version = "2.0", statement = [{effect = "allow", action = ["vpc:Describe*"], resource = ["*"]}]}).`, req.Path, problem))
	}
}

// policyDocumentProblems lists what is wrong with doc, each as the end of a sentence.
func policyDocumentProblems(doc string) []string {
	if len(doc) > maxCustomPolicyDocument {
		return []string{fmt.Sprintf("is %d characters long; Tencent Cloud accepts at most %d", len(doc), maxCustomPolicyDocument)}
	}
	var top map[string]any
	if err := json.Unmarshal([]byte(doc), &top); err != nil {
		return []string{fmt.Sprintf("is not a JSON object: %s", err)}
	}
	var problems []string
	if v, ok := top["version"].(string); !ok || v != "2.0" {
		problems = append(problems, `must have "version": "2.0"`)
	}
	statements, ok := top["statement"].([]any)
	if !ok || len(statements) == 0 {
		return append(problems, `must have a "statement" list with at least one statement`)
	}
	for i, s := range statements {
		st, ok := s.(map[string]any)
		if !ok {
			problems = append(problems, fmt.Sprintf("statement[%d] is not an object", i))
			continue
		}
		if e, _ := st["effect"].(string); e != "allow" && e != "deny" {
			problems = append(problems, fmt.Sprintf(`statement[%d] must have "effect" "allow" or "deny", got %s`, i, jsonText(st["effect"])))
		}
		for _, key := range []string{"action", "resource"} {
			if !stringOrStrings(st[key]) {
				problems = append(problems, fmt.Sprintf(`statement[%d] must have %q as a non-empty string or list of strings, got %s`, i, key, jsonText(st[key])))
			}
		}
	}
	return problems
}

func stringOrStrings(v any) bool {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v) != ""
	case []any:
		if len(v) == 0 {
			return false
		}
		for _, e := range v {
			if s, ok := e.(string); !ok || strings.TrimSpace(s) == "" {
				return false
			}
		}
		return true
	}
	return false
}

func jsonText(v any) string {
	if v == nil {
		return "nothing"
	}
	b, _ := json.Marshal(v)
	return string(b)
}
