package provider

import (
	"regexp"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

// principalIDPattern is a role assignment's principal: a user ID (u-…) or a group ID (g-…).
// One pattern for every access resource and data source, so that an ID one of them accepts
// is not refused by another.
var principalIDPattern = regexp.MustCompile(`^[ug]-[0-9A-Za-z]+$`)

// principalIDPrefix is how the IDs of principalType (User or Group) start; "" for any other type.
func principalIDPrefix(principalType string) string {
	switch principalType {
	case idc.PrincipalTypeUser:
		return "u-"
	case idc.PrincipalTypeGroup:
		return "g-"
	}
	return ""
}
