package provider

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/acctest"
)

// Acceptance plumbing of the state movers: a working directory whose configuration uses the
// official provider's stand-in (internal/acctest/officialstub) and ours, as a migrating user's
// does while the moved blocks run.

// newOfficialDir writes body under both providers' blocks, runs `init` and `apply`: the
// stand-in's resources then exist on env's simulator and in the CLI's state.
func newOfficialDir(t *testing.T, env *acctest.Env, body string) *cliDir {
	t.Helper()
	acctest.SkipUnlessAtLeast(t, "1.8", "1.10",
		"moved blocks between resource types of different providers need Terraform 1.8 or OpenTofu 1.10")
	env.RequireSim(t)
	d := newCLIDirWithEnv(t, acctest.OfficialStubEnv(t, env), map[string]string{"main.tf": withOfficialProvider(env, body)})
	d.must("apply", "-auto-approve", "-input=false", "-no-color")
	return d
}

// withOfficialProvider is env's provider configuration with the official provider added, then body.
func withOfficialProvider(env *acctest.Env, body string) string {
	cfg := strings.Replace(env.ProviderConfig(), "  required_providers {\n",
		fmt.Sprintf("  required_providers {\n    tencentcloud = {\n      source = %q\n    }\n", acctest.OfficialSource), 1)
	return cfg + "\nprovider \"tencentcloud\" {}\n\n" + body
}

var (
	movedLine    = regexp.MustCompile(`(?m)^\s*# (\S+) has moved to (\S+)`)
	nothingToDo  = regexp.MustCompile(`0 to add, 0 to change, 0 to destroy`)
	planActionRe = regexp.MustCompile(`(?m)will be (created|updated in-place|destroyed)|must be replaced`)
)

// checkMove replaces the configuration with after, whose moved blocks hand the stand-in's
// resources to ours, and checks what a migrating user checks: the plan shows exactly the moves
// (from → to) and nothing to add, change or destroy; neither it nor the apply changes anything
// on the service; the next plan is empty. It returns the output of the move's plan.
func (d *cliDir) checkMove(env *acctest.Env, after string, moves map[string]string) string {
	d.t.Helper()
	d.write("main.tf", withOfficialProvider(env, after))
	env.Sim.ResetStats()
	out := d.must("plan", "-input=false", "-no-color")
	d.t.Logf("the plan of the move:\n%s", out)
	got := map[string]string{}
	for _, m := range movedLine.FindAllStringSubmatch(out, -1) {
		got[m[1]] = m[2]
	}
	if fmt.Sprint(got) != fmt.Sprint(moves) {
		d.t.Errorf("the plan moves %v, want %v:\n%s", got, moves, out)
	}
	if !nothingToDo.MatchString(out) || planActionRe.MatchString(out) {
		d.t.Errorf("the plan of the move changes something:\n%s", out)
	}
	d.must("apply", "-auto-approve", "-input=false", "-no-color")
	if err := env.NoMutatingCalls("the plan and apply of the move"); err != nil {
		d.t.Error(err)
	}
	if code, out := d.run("plan", "-detailed-exitcode", "-input=false", "-no-color"); code != 0 {
		d.t.Errorf("the plan after the move exited %d, want 0 (empty):\n%s", code, out)
	}
	return out
}

// stateAttributes returns the attributes of the resource at address (type.name) in the local
// state, nil when the state has no such resource.
func (d *cliDir) stateAttributes(address string) map[string]any {
	d.t.Helper()
	var state struct {
		Resources []struct {
			Mode, Type, Name string
			Instances        []struct {
				Attributes map[string]any `json:"attributes"`
			}
		}
	}
	if err := json.Unmarshal([]byte(d.read("terraform.tfstate")), &state); err != nil {
		d.t.Fatalf("reading the state: %v", err)
	}
	for _, r := range state.Resources {
		if r.Mode == "managed" && r.Type+"."+r.Name == address && len(r.Instances) == 1 {
			return r.Instances[0].Attributes
		}
	}
	return nil
}

// TestAccMoveFromOfficialRefused: a moved block from an official resource that has no
// counterpart here (the credential status, which a removed block forgets) fails at plan with the
// provider's refusal, naming what it got and what it accepts, and nothing changes.
func TestAccMoveFromOfficialRefused(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	d := newOfficialDir(t, env, fmt.Sprintf(`resource "tencentcloud_identity_center_scim_synchronization_status" "this" {
  zone_id                     = %[1]q
  scim_synchronization_status = "Enabled"
}

resource "tencentcloud_identity_center_scim_credential" "this" {
  zone_id    = %[1]q
  depends_on = [tencentcloud_identity_center_scim_synchronization_status.this]
}

resource "tencentcloud_identity_center_scim_credential_status" "this" {
  zone_id       = %[1]q
  credential_id = tencentcloud_identity_center_scim_credential.this.credential_id
  status        = "Enabled"
}
`, env.ZoneID))
	before := d.read("terraform.tfstate")
	d.write("main.tf", withOfficialProvider(env, fmt.Sprintf(`resource "tencentcloudidc_scim_credential" "this" {
  zone_id = %q
}

moved {
  from = tencentcloud_identity_center_scim_credential_status.this
  to   = tencentcloudidc_scim_credential.this
}
`, env.ZoneID)))
	env.Sim.ResetStats()
	code, out := d.run("plan", "-input=false", "-no-color")
	if code == 0 {
		t.Fatalf("the plan of a move from the credential status succeeded:\n%s", out)
	}
	if !acctest.Words("Unable to Move Resource State", "tencentcloudidc_scim_credential can be moved only from",
		"tencentcloud_identity_center_scim_credential of the official provider", "tencentcloud_identity_center_scim_credential_status").MatchString(out) {
		t.Errorf("the refusal does not say what was moved and what is accepted:\n%s", out)
	}
	if err := env.NoMutatingCalls("the refused move"); err != nil {
		t.Error(err)
	}
	if d.read("terraform.tfstate") != before {
		t.Error("the refused move changed the state")
	}
}
