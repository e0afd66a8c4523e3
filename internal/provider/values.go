package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Conversions between framework values and plain Go values that several files share.

// stringList converts a known list of strings; unknown elements come back as "".
func stringList(ctx context.Context, l types.List) ([]string, diag.Diagnostics) {
	if l.IsNull() || l.IsUnknown() {
		return nil, nil
	}
	var out []string
	diags := l.ElementsAs(ctx, &out, false)
	return out, diags
}

func stringListValue(values []string) types.List {
	elems := make([]attr.Value, 0, len(values))
	for _, v := range values {
		elems = append(elems, types.StringValue(v))
	}
	return types.ListValueMust(types.StringType, elems)
}

func stringOrNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// timeValue renders an API time as RFC 3339 in UTC, the form Terraform's timeadd(),
// timecmp() and plantimestamp() work with; the zero time (field absent) is null.
func timeValue(t time.Time) types.String {
	if text, ok := rfc3339(t); ok {
		return types.StringValue(text)
	}
	return types.StringNull()
}

// rfc3339 is timeValue's text, for the users data source's encoder, which writes text, not
// framework values; ok is false for the zero time.
func rfc3339(t time.Time) (text string, ok bool) {
	if t.IsZero() {
		return "", false
	}
	return t.UTC().Format(time.RFC3339), true
}
