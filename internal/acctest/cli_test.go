package acctest

import (
	"testing"

	"github.com/hashicorp/go-version"
)

func TestCLIAtLeast(t *testing.T) {
	cases := []struct {
		name, version, minimum string
		want                   bool
	}{
		{"Terraform 1.5.7 lacks what 1.8 has", "1.5.7", "1.8", false},
		{"Terraform 1.8.5 has what 1.8 has", "1.8.5", "1.8", true},
		{"a -dev build counts as its release", "1.8.5-dev", "1.8.5", true},
		{"OpenTofu 1.12.6 has what 1.10 has", "1.12.6", "1.10", true},
		{"minor versions compare as numbers", "1.9.0", "1.10", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := CLI{Name: "terraform", Version: version.Must(version.NewVersion(tc.version))}
			if got := c.AtLeast(tc.minimum); got != tc.want {
				t.Errorf("%s AtLeast(%s) = %v, want %v", tc.version, tc.minimum, got, tc.want)
			}
		})
	}
}
