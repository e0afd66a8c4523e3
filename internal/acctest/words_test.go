package acctest

import "testing"

func TestWords(t *testing.T) {
	t.Parallel()
	tests := []struct {
		fragments []string
		text      string
		want      bool
	}{
		{[]string{"Invalid Duration"}, "Error: Invalid Duration", true},
		// The CLIs wrap long lines, and indent the continuation.
		{[]string{"must be a duration from 1h"}, "must be a\n  duration from 1h", true},
		{[]string{"Invalid Duration", "there is no day unit"}, "Invalid Duration\n\n  with expire_after,\n  there is no day unit", true},
		{[]string{"Invalid Duration", "there is no day unit"}, "there is no day unit; Invalid Duration", false},
		// Fragments are literal text, not regular expressions.
		{[]string{"secret = (sensitive value)"}, "secret    = (sensitive value)", true},
		{[]string{"scim_credential.test"}, "scim_credentialXtest", false},
		{[]string{"a b"}, "ab", false},
	}
	for _, tc := range tests {
		if got := Words(tc.fragments...).MatchString(tc.text); got != tc.want {
			t.Errorf("Words(%q) on %q: %t, want %t", tc.fragments, tc.text, got, tc.want)
		}
	}
}
