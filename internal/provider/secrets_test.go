package provider

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/acctest"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idcsim"
)

// authRecorder keeps every Authorization and X-TC-Token value the simulator received, so that
// the test can look for the exact signatures in the logs rather than guess at their shape.
type authRecorder struct {
	mu     sync.Mutex
	values map[string]bool
}

var tc3Signature = regexp.MustCompile(`Signature=([0-9a-f]{64})`)

func (r *authRecorder) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		for _, name := range []string{"Authorization", "X-TC-Token"} {
			if v := req.Header.Get(name); v != "" {
				r.values[v] = true
				if m := tc3Signature.FindStringSubmatch(v); m != nil {
					r.values[m[1]] = true
				}
			}
		}
		r.mu.Unlock()
		next.ServeHTTP(w, req)
	})
}

func (r *authRecorder) all() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]string, 0, len(r.values))
	for v := range r.values {
		out = append(out, v)
	}
	return out
}

// newSecretsEnv is acctest.NewEnv with a random API key and a required security token, served
// through an authRecorder.
func newSecretsEnv(t *testing.T, secretKey, token string) (*acctest.Env, *authRecorder) {
	t.Helper()
	zone := acctest.RandomZoneID()
	sim, err := idcsim.New(idcsim.Options{ZoneID: zone, SecretKey: secretKey, SecurityToken: token, SeedUsers: 2, SeedGroups: 1})
	if err != nil {
		t.Fatal(err)
	}
	rec := &authRecorder{values: map[string]bool{}}
	srv := httptest.NewServer(rec.wrap(sim.Handler()))
	t.Cleanup(srv.Close)
	endpoint := srv.Listener.Addr().String()
	api, err := idc.New(t.Context(), idc.Config{
		SecretID: idcsim.DefaultSecretID, SecretKey: secretKey, SecurityToken: token,
		Endpoint: endpoint, Protocol: "HTTP",
		RateLimit: -1, RetryMinBackoff: 10 * time.Millisecond, RetryMaxBackoff: 50 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	return &acctest.Env{
		Endpoint: endpoint, SCIMURL: "http://" + endpoint + "/scim/v2", ZoneID: zone,
		SecretID: idcsim.DefaultSecretID, SecretKey: secretKey, Sim: sim, API: api,
	}, rec
}

func randomSecret(t *testing.T, prefix string) string {
	t.Helper()
	b := make([]byte, 18)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return prefix + hex.EncodeToString(b)
}

// expectedFailure is the error one step must fail with; the test case's ErrorCheck checks the
// whole text of it, which ExpectError (a bare regexp) cannot.
type expectedFailure struct {
	name string
	want *regexp.Regexp
	seen string
}

// TestAccSecretsNeverLeak drives all three resources and every data source through apply,
// refresh, a plan that replaces the credential, a replacement, a validation error, API errors
// and destroy, with the CLI and the provider logging at TRACE into one file. The API key comes
// through the provider block (from a sensitive variable, since the test harness logs each
// step's configuration text), the security token from the environment. Neither, nor any SCIM
// credential secret, nor any Authorization value the simulator received, may appear in the log,
// in an error or in the plan. It cannot run in parallel: the log settings are process
// environment.
func TestAccSecretsNeverLeak(t *testing.T) {
	if os.Getenv(acctest.EnvReal) != "" {
		t.Skip("needs the simulator: it records the Authorization headers and injects an API error")
	}
	secretKey, token := randomSecret(t, "sk"), randomSecret(t, "tok")
	env, rec := newSecretsEnv(t, secretKey, token)
	logFile := filepath.Join(t.TempDir(), "trace.log")
	t.Setenv("TF_ACC_LOG_PATH", logFile)
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TENCENTCLOUD_SECURITY_TOKEN", token)

	metadata := writeTestFile(t, "idp.xml", testMetadata("https://idp.example.com/metadata", "https://idp.example.com/sso", mdStyle{}, validTestCert(t, "secrets")))
	configFor := func(generation string, extra ...string) string {
		return fmt.Sprintf(`terraform {
  required_providers {
    tencentcloudidc = {
      source = "tencentcloudidc/tencentcloudidc"
    }
  }
}

variable "secret_key" {
  type      = string
  sensitive = true
}

provider "tencentcloudidc" {
  endpoint   = %[1]q
  protocol   = "HTTP"
  secret_id  = %[2]q
  secret_key = var.secret_key
}

data "tencentcloudidc_zone" "this" {}

resource "tencentcloudidc_scim_synchronization" "this" {
  zone_id = data.tencentcloudidc_zone.this.zone_id
}

resource "tencentcloudidc_scim_credential" "test" {
  zone_id = tencentcloudidc_scim_synchronization.this.zone_id
  keepers = { generation = %[3]q }
  %[5]s
}

resource "tencentcloudidc_saml_identity_provider" "test" {
  metadata_xml = file(%[4]q)
  sso_enabled  = true
}

data "tencentcloudidc_saml_service_provider" "this" {}
data "tencentcloudidc_scim_endpoint" "this" {}
data "tencentcloudidc_users" "all" {}
data "tencentcloudidc_user" "first" {
  user_name = "sim-user-00001"
}
data "tencentcloudidc_groups" "all" {}
data "tencentcloudidc_scim_credentials" "all" {
  depends_on = [tencentcloudidc_scim_credential.test]
}

output "scim_secret" {
  value     = tencentcloudidc_scim_credential.test.secret
  sensitive = true
}
`, env.Endpoint, env.SecretID, generation, metadata, strings.Join(extra, "\n  "))
	}
	withBlock := func(generation, block string) string {
		return configFor(generation) + block + "\n"
	}
	vars := config.Variables{"secret_key": config.StringVariable(secretKey)}

	var secrets, credentialIDs []string
	recordCredential := func(s *terraform.State) error {
		attrs := s.RootModule().Resources[scimCredAddr].Primary.Attributes
		if attrs["secret"] == "" {
			return errors.New("no secret in the state")
		}
		secrets = append(secrets, attrs["secret"])
		credentialIDs = append(credentialIDs, attrs["credential_id"])
		return nil
	}

	var expect *expectedFailure
	var failures []*expectedFailure
	expectFailure := func(name string, fragments ...string) func() {
		return func() {
			expect = &expectedFailure{name: name, want: acctest.Words(fragments...)}
			failures = append(failures, expect)
		}
	}
	noFailure := func() { expect = nil }

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: resource.ComposeTestCheckFunc(testAccCheckSCIMCredentialDestroy(env), testAccCheckSAMLIdPDestroyed(env),
			testAccCheckSCIMSynchronization(env, false)),
		ErrorCheck: func(err error) error {
			if expect == nil || expect.seen != "" || !expect.want.MatchString(err.Error()) {
				return err
			}
			expect.seen = err.Error()
			return nil
		},
		Steps: []resource.TestStep{
			{
				PreConfig:       noFailure,
				Config:          configFor("1"),
				ConfigVariables: vars,
				Check:           recordCredential,
			},
			{
				PreConfig:    noFailure,
				RefreshState: true,
			},
			{
				// A plan that replaces the credential: the human plan shows the old secret as
				// sensitive. The harness fails a non-empty PlanOnly step with that plan's text.
				PreConfig:       expectFailure("plan output", "plan was not empty", "tencentcloudidc_scim_credential.test must be replaced", "secret = (sensitive value)"),
				Config:          configFor("2"),
				ConfigVariables: vars,
				PlanOnly:        true,
			},
			{
				PreConfig:       noFailure,
				Config:          configFor("2"),
				ConfigVariables: vars,
				Check:           recordCredential,
			},
			{
				PreConfig:       expectFailure("validation error", "Invalid Duration", "expire_after", "there is no day unit"),
				Config:          configFor("2", `expire_after = "365d"`),
				ConfigVariables: vars,
			},
			{
				PreConfig: expectFailure("API error at plan", "Unable to Read SCIM Credentials", "z-000000000000", "FailedOperation.ZoneIdNotExist", "request ID"),
				Config: withBlock("2", `data "tencentcloudidc_scim_credentials" "elsewhere" {
  zone_id = "z-000000000000"
}`),
				ConfigVariables: vars,
			},
			{
				// The service refuses the replacement credential: the create's error goes
				// through the same diagnostics as every API error.
				PreConfig: func() {
					expectFailure("API error at apply", "Unable to Create SCIM Credential", "AuthFailure.UnauthorizedOperation", "request ID")()
					env.Sim.FailNext("CreateSCIMCredential", "AuthFailure.UnauthorizedOperation", 1)
				},
				Config:          configFor("3"),
				ConfigVariables: vars,
			},
		},
	})
	if t.Failed() {
		return
	}

	for _, f := range failures {
		if f.seen == "" {
			t.Errorf("the %s step did not fail as expected", f.name)
		}
	}
	raw, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	log := string(raw)
	// The log must hold the provider's API traffic and the CLI's own lines for every phase, or
	// the absence of secrets below proves nothing.
	// ClearExternalSAMLIdentityProvider is called only by the final destroy.
	markers := []string{"CreateSCIMCredential", "DeleteSCIMCredential", "SetExternalSAMLIdentityProvider",
		"ClearExternalSAMLIdentityProvider", "AuthFailure.UnauthorizedOperation", "FailedOperation.ZoneIdNotExist", env.ZoneID}
	markers = append(markers, credentialIDs...)
	for _, m := range markers {
		if !strings.Contains(log, m) {
			t.Errorf("the TRACE log (%d bytes) does not mention %q: logging was not captured", len(raw), m)
		}
	}
	if len(secrets) != 2 {
		t.Fatalf("recorded %d credential secrets, want 2", len(secrets))
	}
	authValues := rec.all()
	if len(authValues) == 0 {
		t.Fatal("the simulator recorded no Authorization header")
	}

	forbidden := map[string]string{"API secret key": secretKey, "security token": token}
	for i, s := range secrets {
		forbidden[fmt.Sprintf("SCIM credential secret %d", i+1)] = s
	}
	for _, v := range authValues {
		forbidden["Authorization value or signature "+v[:min(len(v), 24)]+"…"] = v
	}
	texts := map[string]string{"TRACE log": log}
	for _, f := range failures {
		texts["text of the "+f.name] = f.seen
	}
	for where, text := range texts {
		for what, value := range forbidden {
			if i := strings.Index(text, value); i >= 0 {
				start := strings.LastIndex(text[:i], "\n") + 1
				t.Errorf("the %s contains the %s, on the line: %.200s", where, what, text[start:i])
			}
		}
		if strings.Contains(text, "TC3-HMAC-SHA256 Credential=") {
			t.Errorf("the %s contains an Authorization header", where)
		}
	}
}
