package samlmeta

import (
	"slices"
	"testing"
	"time"
)

// TestKindDependsOnClock parses every fixture at moments decades apart: a finding whose
// kind does not depend on the clock must be there at every moment, word for word, and
// every finding that comes or goes with the moment must be of a kind that says so. The
// provider leaves the clock kinds out of `validate` and the saml_metadata function.
func TestKindDependsOnClock(t *testing.T) {
	moments := []time.Time{
		time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC),
		testNow,
		time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	clockKinds := map[Kind]bool{}
	for _, row := range loadManifest(t) {
		doc := readFixture(t, row.file)
		var stable [][]Finding
		for _, now := range moments {
			_, findings := Parse(doc, Options{Now: now})
			var timeless []Finding
			for _, f := range findings {
				if f.DependsOnClock() {
					clockKinds[f.Kind] = true
					continue
				}
				timeless = append(timeless, f)
			}
			stable = append(stable, timeless)
		}
		for i := 1; i < len(stable); i++ {
			if !slices.Equal(stable[0], stable[i]) {
				t.Errorf("%s: the findings that do not depend on the clock differ between %s and %s:\n%v\n%v",
					row.file, moments[0].Format(time.DateOnly), moments[i].Format(time.DateOnly), stable[0], stable[i])
			}
		}
	}
	// The fixtures are old and new enough that expiry and not-yet-valid both show.
	for _, k := range []Kind{KindAllExpired, KindCertNotYetValid} {
		if !clockKinds[k] {
			t.Errorf("no fixture produced a %q finding at any moment; the test lost its power", k.Summary())
		}
	}
}
