package acctest

import (
	"regexp"
	"strings"
)

// Words matches the fragments in this order, anything between them, each fragment taken
// literally except that its whitespace matches any whitespace: the CLIs wrap long diagnostics
// at their own width.
func Words(fragments ...string) *regexp.Regexp {
	quoted := make([]string, len(fragments))
	for i, f := range fragments {
		quoted[i] = strings.Join(strings.Fields(regexp.QuoteMeta(f)), `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(quoted, ".*"))
}
