package provider

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/acctest"
)

// TestAccSCIMMoveFromOfficial migrates a zone's SCIM set-up from the official provider as the
// guide says: the synchronization switch and the credential move to ours with moved blocks, the
// credential's status resource is forgotten with a removed block. The identity provider keeps
// working: the secret in our state is the one the official provider was given, the service is
// not changed, and the plan afterwards is empty. The logs of the whole run, at TRACE, never
// show the secret. Not parallel: the log settings are process environment.
func TestAccSCIMMoveFromOfficial(t *testing.T) {
	env := acctest.NewEnv(t)
	logs := t.TempDir()
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_LOG_PATH", filepath.Join(logs, "cli.log"))
	t.Setenv("TF_ACC_LOG_PATH", filepath.Join(logs, "provider.log"))
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
	official := d.stateAttributes("tencentcloud_identity_center_scim_credential.this")
	secret, _ := official["credential_secret"].(string)
	if secret == "" {
		t.Fatalf("the stand-in's credential has no secret: %v", official["credential_id"])
	}

	plan := d.checkMove(env, fmt.Sprintf(`resource "tencentcloudidc_scim_synchronization" "this" {
  zone_id = %[1]q
}

resource "tencentcloudidc_scim_credential" "this" {
  zone_id    = tencentcloudidc_scim_synchronization.this.zone_id
}

moved {
  from = tencentcloud_identity_center_scim_synchronization_status.this
  to   = tencentcloudidc_scim_synchronization.this
}

moved {
  from = tencentcloud_identity_center_scim_credential.this
  to   = tencentcloudidc_scim_credential.this
}

removed {
  from = tencentcloud_identity_center_scim_credential_status.this
  lifecycle {
    destroy = false
  }
}
`, env.ZoneID), map[string]string{
		"tencentcloud_identity_center_scim_synchronization_status.this": "tencentcloudidc_scim_synchronization.this",
		"tencentcloud_identity_center_scim_credential.this":             "tencentcloudidc_scim_credential.this",
	})

	if strings.Contains(plan, secret) {
		t.Error("the plan of the move shows the SCIM secret")
	}
	ours := d.stateAttributes("tencentcloudidc_scim_credential.this")
	if ours == nil {
		t.Fatal("tencentcloudidc_scim_credential.this is not in the state after the move")
	}
	if ours["secret"] != secret {
		t.Error("the moved credential's secret differs from the one the official provider was given")
	}
	for ourName, theirs := range map[string]string{"credential_id": "credential_id", "zone_id": "zone_id", "status": "status", "credential_type": "credential_type"} {
		if ours[ourName] != official[theirs] {
			t.Errorf("%s after the move is %v, the official state had %s %v", ourName, ours[ourName], theirs, official[theirs])
		}
	}
	if ours["enabled"] != true || ours["expire_time"] == nil || ours["create_time"] == nil {
		t.Errorf("the moved credential's enabled/create_time/expire_time are %v/%v/%v", ours["enabled"], ours["create_time"], ours["expire_time"])
	}
	if d.stateAttributes("tencentcloud_identity_center_scim_credential_status.this") != nil {
		t.Error("the removed block left the credential status resource in the state")
	}
	creds, err := env.API.ListSCIMCredentials(t.Context(), env.ZoneID)
	if err != nil || len(creds) != 1 || !creds[0].Enabled {
		t.Errorf("after the move the zone's credentials are %+v (%v), want the one enabled credential", creds, err)
	}
	if sync, err := env.API.GetSCIMSynchronizationStatus(t.Context(), env.ZoneID); err != nil || !sync {
		t.Errorf("SCIM synchronization after the move: %v (%v), want on", sync, err)
	}
	// The identity provider keeps working: a SCIM request with the token it holds succeeds.
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, env.SCIMURL+"/Users", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+secret)
	if resp, err := http.DefaultClient.Do(req); err != nil {
		t.Errorf("SCIM request after the move: %v", err)
	} else {
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("SCIM request with the moved secret: HTTP %d, want 200", resp.StatusCode)
		}
	}

	for _, name := range []string{"cli.log", "provider.log"} {
		b, err := os.ReadFile(filepath.Join(logs, name))
		if err != nil {
			t.Fatalf("reading %s: %v", name, err)
		}
		if len(b) == 0 {
			t.Errorf("%s is empty: TF_LOG=TRACE did not reach it, so the test shows nothing", name)
		}
		if strings.Contains(string(b), secret) {
			t.Errorf("%s holds the SCIM secret", name)
		}
	}
}
