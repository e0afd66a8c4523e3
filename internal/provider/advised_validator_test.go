package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestAdvisedValidators(t *testing.T) {
	const advice = "Do this instead"
	at := path.Root("filter")
	str := func(value types.String) func(context.Context) diag.Diagnostics {
		return func(ctx context.Context) diag.Diagnostics {
			var resp validator.StringResponse
			adviseString(stringvalidator.LengthAtLeast(1), advice).ValidateString(ctx, validator.StringRequest{Path: at, ConfigValue: value}, &resp)
			return resp.Diagnostics
		}
	}
	list := func(value types.List) func(context.Context) diag.Diagnostics {
		return func(ctx context.Context) diag.Diagnostics {
			var resp validator.ListResponse
			adviseList(listvalidator.SizeAtLeast(1), advice).ValidateList(ctx, validator.ListRequest{Path: at, ConfigValue: value}, &resp)
			return resp.Diagnostics
		}
	}
	integer := func(value types.Int64) func(context.Context) diag.Diagnostics {
		return func(ctx context.Context) diag.Diagnostics {
			var resp validator.Int64Response
			adviseInt64(int64validator.Between(1, 10), advice).ValidateInt64(ctx, validator.Int64Request{Path: at, ConfigValue: value}, &resp)
			return resp.Diagnostics
		}
	}
	for _, tc := range []struct {
		name     string
		validate func(context.Context) diag.Diagnostics
		// detail is the whole detail the user reads, or "" when the value is fine.
		detail string
	}{
		{"empty string", str(types.StringValue("")), "Attribute filter string length must be at least 1, got: 0. Do this instead"},
		{"good string", str(types.StringValue("alice")), ""},
		{"null string", str(types.StringNull()), ""},
		{"empty list", list(types.ListValueMust(types.StringType, nil)), "Attribute filter list must contain at least 1 elements, got: 0. Do this instead"},
		{"good list", list(types.ListValueMust(types.StringType, []attr.Value{types.StringValue("g-1")})), ""},
		{"int64 too large", integer(types.Int64Value(11)), "Attribute filter value must be between 1 and 10, got: 11. Do this instead"},
		{"good int64", integer(types.Int64Value(5)), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			diags := tc.validate(t.Context())
			if tc.detail == "" {
				if len(diags) > 0 {
					t.Fatalf("want no diagnostics, got %v", diags)
				}
				return
			}
			if len(diags) != 1 {
				t.Fatalf("want one diagnostic, got %v", diags)
			}
			d := diags[0]
			if d.Severity() != diag.SeverityError || d.Detail() != tc.detail {
				t.Errorf("got %s %q, want error %q", d.Severity(), d.Detail(), tc.detail)
			}
			// The CLI shows which attribute is wrong only when the path survives.
			if p, ok := d.(diag.DiagnosticWithPath); !ok || !p.Path().Equal(at) {
				t.Errorf("the diagnostic lost its attribute path: %#v", d)
			}
		})
	}
}
