package idcsim

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// The simulator guide must match what exists: how to build it before any release, the file
// `make sim` writes, and the site the simulator plays (its SP URLs are China-site ones).
func TestSimulatorGuideMatchesTheSimulator(t *testing.T) {
	b, err := os.ReadFile("../../templates/guides/testing-with-the-simulator.md.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	guide := string(b)
	flat := strings.Join(strings.Fields(guide), " ")

	mk, err := os.ReadFile("../../GNUmakefile")
	if err != nil {
		t.Fatal(err)
	}
	out := regexp.MustCompile(`(?m)^sim:\n\tgo build .*-o (\S+) `).FindSubmatch(mk)
	if out == nil {
		t.Fatal("GNUmakefile has no sim target building with -o")
	}
	built := "./" + string(out[1])
	if !strings.Contains(guide, "make sim    # writes "+built) {
		t.Errorf("the guide does not say that make sim writes %s", built)
	}
	start := regexp.MustCompile("(?s)## Starting it.*?```shell\n(.*?)```").FindStringSubmatch(guide)
	if start == nil || !strings.HasPrefix(start[1], built+" ") {
		t.Errorf("the Starting it snippet does not run %s, the file make sim writes: %q", built, start)
	}
	if strings.Contains(flat, "tencentcloudidc-sim@latest ```") {
		t.Error("the guide still offers go install …@latest, which has nothing to install before a release")
	}
	if !strings.Contains(guide, "git clone ") {
		t.Error("the guide does not say how to build the simulator from a clone")
	}

	// The SP URLs it reports, whatever site the provider is set to.
	sp := serviceProvider("z-abcdefghijkl")
	if !strings.HasPrefix(sp.EntityId, spHost+"/saml/sp/") || !strings.HasPrefix(sp.AcsUrl, spHost+"/saml/acs/") {
		t.Fatalf("the simulator's SP URLs %s, %s are not where the guide looks", sp.EntityId, sp.AcsUrl)
	}
	for _, want := range []string{"plays the China site only", spHost + "/saml/sp/<zone_id>", spHost + "/saml/acs/"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the guide does not say %q (the simulator reports entity ID %s)", want, sp.EntityId)
		}
	}
}
