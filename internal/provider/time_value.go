package provider

import (
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

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
