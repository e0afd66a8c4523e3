package provider

import (
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// timeValue renders an API time as RFC 3339 in UTC, the form Terraform's timeadd(),
// timecmp() and plantimestamp() work with; the zero time (field absent) is null.
func timeValue(t time.Time) types.String {
	if t.IsZero() {
		return types.StringNull()
	}
	return types.StringValue(t.UTC().Format(time.RFC3339))
}
