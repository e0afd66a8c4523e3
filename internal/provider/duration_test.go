package provider

import (
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestDurationValidator(t *testing.T) {
	t.Parallel()
	lifetime := durationBetween(minCredentialLifetime, maxCredentialLifetime, `"8760h"`)
	positive := durationPositive(`"720h"`)
	cases := map[string]struct {
		v     validator.String
		value types.String
		want  string // "" = valid
	}{
		"null skipped":         {lifetime, types.StringNull(), ""},
		"unknown skipped":      {lifetime, types.StringUnknown(), ""},
		"one hour":             {lifetime, types.StringValue("1h"), ""},
		"minutes":              {lifetime, types.StringValue("60m"), ""},
		"one year":             {lifetime, types.StringValue("8760h"), ""},
		"99 years":             {lifetime, types.StringValue("867240h"), ""},
		"below one hour":       {lifetime, types.StringValue("59m59s"), `from 1h to 867240h (99 years) in whole seconds, for example "8760h". Got "59m59s" (59m59s)`},
		"above 99 years":       {lifetime, types.StringValue("867240h1s"), `Got "867240h1s"`},
		"fraction of a second": {lifetime, types.StringValue("1h0.5s"), `in whole seconds`},
		"negative":             {lifetime, types.StringValue("-8760h"), `Got "-8760h" (-8760h).`},
		"days are not a unit":  {lifetime, types.StringValue("365d"), `there is no day unit`},
		"not a duration":       {lifetime, types.StringValue("one year"), `written as a Go duration`},
		"positive ok":          {positive, types.StringValue("1s"), ""},
		"positive zero":        {positive, types.StringValue("0s"), `a duration above zero, for example "720h". Got "0s"`},
		"positive negative":    {positive, types.StringValue("-1h"), `a duration above zero`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			req := validator.StringRequest{Path: path.Root("expire_after"), ConfigValue: tc.value}
			var resp validator.StringResponse
			tc.v.ValidateString(t.Context(), req, &resp)
			got := diagText(resp.Diagnostics)
			if tc.want == "" {
				if resp.Diagnostics.HasError() {
					t.Fatalf("want no error, got %s", got)
				}
				return
			}
			if !resp.Diagnostics.HasError() || !strings.Contains(got, tc.want) {
				t.Fatalf("want an error containing %q, got %q", tc.want, got)
			}
		})
	}
}

func TestFormatDuration(t *testing.T) {
	t.Parallel()
	cases := map[time.Duration]string{
		time.Hour:                    "1h",
		90 * time.Second:             "1m30s",
		10 * time.Minute:             "10m",
		time.Hour + 30*time.Minute:   "1h30m",
		hoursPerYear * time.Hour:     "8760h (one year)",
		3 * hoursPerYear * time.Hour: "26280h (3 years)",
		0:                            "0s",
		-time.Hour:                   "-1h",
	}
	for d, want := range cases {
		if got := formatDuration(d); got != want {
			t.Errorf("formatDuration(%d) = %q, want %q", d, got, want)
		}
	}
}
