package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// scimOperators are the comparison operators of SCIM filters (RFC 7644 §3.4.2.2), which users
// who know SCIM reach for. The API's Filter is not SCIM: for users it is plain text, and for
// groups only "GroupName eq|sw <value>"; anything else would silently match nothing.
var scimOperators = map[string]bool{"eq": true, "ne": true, "co": true, "sw": true, "ew": true, "pr": true, "gt": true, "ge": true, "lt": true, "le": true}

// filterValidator refuses a filter the service would read as text that matches nothing,
// because it is written as an expression: "UserName eq ana@example.com", "GroupName zz x",
// "GroupName eq". groups allows the one expression ListGroups understands.
type filterValidator struct{ groups bool }

func (v filterValidator) Description(ctx context.Context) string { return v.MarkdownDescription(ctx) }

func (v filterValidator) MarkdownDescription(context.Context) string {
	if v.groups {
		return "value must be `GroupName eq <name>`, `GroupName sw <prefix>`, or plain text contained in the group's name"
	}
	return "value must be plain text contained in the user's name, email, user ID or description, not an expression"
}

func (v filterValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if problem := v.problem(req.ConfigValue.ValueString()); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Filter", problem)
	}
}

// problem explains what is wrong with filter, or returns "".
func (v filterValidator) problem(filter string) string {
	fields := strings.Fields(filter)
	if len(fields) == 0 {
		return ""
	}
	attr := fields[0]
	op := ""
	if len(fields) > 1 {
		op = strings.ToLower(fields[1])
	}
	if v.groups && strings.EqualFold(attr, "GroupName") {
		switch {
		case (op == "eq" || op == "sw") && len(fields) > 2:
			return ""
		case op == "eq" || op == "sw":
			return fmt.Sprintf("The filter %q has no value after %q: write GroupName %s <value>, for example \"GroupName %s Platform-Admins\".", filter, fields[1], op, op)
		}
		return fmt.Sprintf("The filter %q starts with GroupName but is not an expression the service understands: only "+
			"\"GroupName eq <name>\" (the exact name, ignoring case) and \"GroupName sw <prefix>\" (names starting with it) are; "+
			"any other text is looked for inside group names, so this one would match nothing.", filter)
	}
	if !scimOperators[op] || !isWord(attr) {
		return ""
	}
	if v.groups {
		return fmt.Sprintf("The filter %q looks like a SCIM expression, which the service does not read: it understands only "+
			"\"GroupName eq <name>\" and \"GroupName sw <prefix>\", and looks for any other text inside group names, so this one "+
			"would match nothing.", filter)
	}
	example := "alice"
	if len(fields) > 2 {
		example = strings.Join(fields[2:], " ")
	}
	return fmt.Sprintf("The filter %q looks like a SCIM expression, which the service does not read: filter is plain text, "+
		"looked for (ignoring case) in each user's user name, email, user ID and description, so this one would match nothing. "+
		"Write only the text, for example filter = %q, or look one user up with the tencentcloudidc_user data source (user_name or email).",
		filter, example)
}

func isWord(s string) bool {
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') && r != '.' && r != '_' {
			return false
		}
	}
	return s != ""
}
