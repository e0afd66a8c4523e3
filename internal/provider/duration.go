package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// hoursPerYear is a 365-day year, the unit the service's "one year" and "99 years" are counted in.
const hoursPerYear = 8760

var _ validator.String = durationValidator{}

// durationValidator checks a string attribute that holds a Go duration ("8760h", "720h30m"):
// that it parses, lies within [min, max] (max 0: no upper bound; positive: above zero) and, when
// wholeSeconds is set, has no fraction of a second (the API counts in seconds).
type durationValidator struct {
	min, max     time.Duration
	positive     bool
	wholeSeconds bool
	example      string
}

// durationBetween accepts durations from lo to hi inclusive, in whole seconds.
func durationBetween(lo, hi time.Duration, example string) validator.String {
	return durationValidator{min: lo, max: hi, wholeSeconds: true, example: example}
}

// durationPositive accepts any duration above zero.
func durationPositive(example string) validator.String {
	return durationValidator{positive: true, example: example}
}

func (v durationValidator) Description(ctx context.Context) string {
	return v.MarkdownDescription(ctx)
}

func (v durationValidator) MarkdownDescription(_ context.Context) string {
	return "value must be " + v.rangeText() + ", written as a Go duration such as " + v.example
}

// rangeText describes the accepted range, for descriptions and error messages alike.
func (v durationValidator) rangeText() string {
	var b strings.Builder
	switch {
	case v.positive:
		b.WriteString("a duration above zero")
	case v.max > 0:
		fmt.Fprintf(&b, "a duration from %s to %s", formatDuration(v.min), formatDuration(v.max))
	default:
		fmt.Fprintf(&b, "a duration of at least %s", formatDuration(v.min))
	}
	if v.wholeSeconds {
		b.WriteString(" in whole seconds")
	}
	return b.String()
}

func (v durationValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	raw := req.ConfigValue.ValueString()
	d, err := time.ParseDuration(raw)
	if err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Duration",
			fmt.Sprintf("%s must be %s, written as a Go duration: numbers with a unit of h, m or s (ms, us and ns are accepted too; there is no day unit), for example %s. Got %q.",
				req.Path, v.rangeText(), v.example, raw))
		return
	}
	outside := (v.positive && d <= 0) || (!v.positive && d < v.min) || (v.max > 0 && d > v.max)
	if outside || (v.wholeSeconds && d%time.Second != 0) {
		resp.Diagnostics.AddAttributeError(req.Path, "Duration Out of Range",
			fmt.Sprintf("%s must be %s, for example %s. Got %q (%s).", req.Path, v.rangeText(), v.example, raw, formatDuration(d)))
	}
}

// formatDuration writes d the way users write it, adding the count of 365-day years for long
// durations: 867240h (99 years) is easier to check than 867240h0m0s.
func formatDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	if years := d / (hoursPerYear * time.Hour); years >= 1 && d%(hoursPerYear*time.Hour) == 0 {
		if years == 1 {
			return s + " (one year)"
		}
		return fmt.Sprintf("%s (%d years)", s, years)
	}
	return s
}
