package e2e

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

func TestWriteCLIConfig(t *testing.T) {
	cases := map[string]struct {
		cli      CLI
		wantHost string
	}{
		"tofu resolves the OpenTofu registry":           {CLI{Name: "tofu"}, "registry.opentofu.org"},
		"terraform resolves the HashiCorp registry":     {CLI{Name: "terraform"}, "registry.terraform.io"},
		"terraform 1.8 resolves the HashiCorp registry": {CLI{Name: "terraform-1.8"}, "registry.terraform.io"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			bins := Binaries{Dir: filepath.Join(dir, "bin"), Provider: filepath.Join(dir, "bin", ProviderBinaryName)}
			if err := os.MkdirAll(bins.Dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(bins.Provider, []byte("provider"), 0o755); err != nil {
				t.Fatal(err)
			}
			path, err := WriteCLIConfig(dir, tc.cli, bins)
			if err != nil {
				t.Fatal(err)
			}
			rc, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{
				`"tencentcloudidc/tencentcloudidc" = "` + bins.Dir + `"`,
				`include = ["` + tc.wantHost + `/tencentcloudidc/tencentcloudidc"]`,
			} {
				if !strings.Contains(string(rc), want) {
					t.Errorf("%s lacks %s:\n%s", path, want, rc)
				}
			}
			mirrored := filepath.Join(dir, "mirror", tc.wantHost, "tencentcloudidc", "tencentcloudidc", "0.0.1", runtime.GOOS+"_"+runtime.GOARCH, ProviderBinaryName)
			if got, err := os.ReadFile(mirrored); err != nil || string(got) != "provider" {
				t.Errorf("mirror does not hold the provider at %s: %v", mirrored, err)
			}
			// A second CLI configuration in the same directory reuses the mirror.
			if _, err := WriteCLIConfig(dir, tc.cli, bins); err != nil {
				t.Errorf("writing the configuration again: %v", err)
			}
		})
	}
}

func TestSimEnvScrubsCallerSettings(t *testing.T) {
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_CLI_CONFIG_FILE", "/nonexistent")
	t.Setenv("TENCENTCLOUD_SECRET_KEY", "caller-real-key")
	t.Setenv("TENCENTCLOUDIDC_ZONE_ID", "z-callerzone01")
	t.Setenv("E2E_KEPT", "yes")
	env := SimEnv("/tmp/x.tfrc", Ready{Endpoint: "127.0.0.1:1", SCIMURL: "http://127.0.0.1:1/scim/v2", SecretID: "id", SecretKey: "sim-key"}, "TF_LOG=DEBUG")
	for _, kv := range env {
		for _, banned := range []string{"caller-real-key", "z-callerzone01", "/nonexistent", "TF_LOG=TRACE"} {
			if strings.Contains(kv, banned) {
				t.Errorf("the caller's %s reached the environment", kv)
			}
		}
	}
	for _, want := range []string{"E2E_KEPT=yes", "TF_CLI_CONFIG_FILE=/tmp/x.tfrc", "TENCENTCLOUD_SECRET_KEY=sim-key", "TENCENTCLOUDIDC_ENDPOINT=127.0.0.1:1", "TF_LOG=DEBUG"} {
		if !slices.Contains(env, want) {
			t.Errorf("environment lacks %s", want)
		}
	}
}

func TestReadState(t *testing.T) {
	dir := t.TempDir()
	if s, err := ReadState(dir); err != nil || len(s.Resources) != 0 {
		t.Fatalf("a missing state file must read as empty: %+v, %v", s, err)
	}
	state := `{"version":4,"outputs":{"names":{"value":["a","b"],"type":["list","string"]}},"resources":[
	  {"mode":"data","type":"tencentcloudidc_scim_credential","name":"d","instances":[{"attributes":{"credential_id":"scimcred-data"}}]},
	  {"mode":"managed","type":"tencentcloudidc_scim_credential","name":"a","instances":[{"attributes":{"credential_id":"scimcred-a","secret":"s1"}}]},
	  {"mode":"managed","type":"tencentcloudidc_scim_credential","name":"b","instances":[{"status":"tainted","attributes":{"credential_id":"scimcred-b","secret":null}}]}]}`
	if err := os.WriteFile(filepath.Join(dir, "terraform.tfstate"), []byte(state), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := ReadState(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Strings("tencentcloudidc_scim_credential", "credential_id"); !slices.Equal(got, []string{"scimcred-a", "scimcred-b"}) {
		t.Errorf("managed credential IDs = %v, want the two managed ones only", got)
	}
	if got := s.Strings("tencentcloudidc_scim_credential", "secret"); !slices.Equal(got, []string{"s1"}) {
		t.Errorf("secrets = %v, want only the non-null one", got)
	}
	var names []string
	if ok, err := s.Output("names", &names); !ok || err != nil || !slices.Equal(names, []string{"a", "b"}) {
		t.Errorf("output names = %v (%t, %v)", names, ok, err)
	}
}

func TestStatsArithmetic(t *testing.T) {
	before := Stats{Calls: map[string]int64{"ListUsers": 2, "SCIM POST /Users": 1}, Faults: 1,
		FaultKinds: map[string]int64{"reset": 1}, FaultActions: map[string]int64{"ListUsers": 1}}
	after := Stats{Calls: map[string]int64{"ListUsers": 5, "SCIM POST /Users": 4, "GetZone": 1}, Faults: 3,
		FaultKinds: map[string]int64{"reset": 1, "InternalError": 2}, FaultActions: map[string]int64{"ListUsers": 2, "GetZone": 1}}
	d := after.Sub(before)
	if d.APICalls() != 4 || d.Calls["SCIM POST /Users"] != 3 || d.Faults != 2 || d.FaultKinds["InternalError"] != 2 || d.FaultKinds["reset"] != 0 ||
		d.FaultActions["ListUsers"] != 1 || d.FaultActions["GetZone"] != 1 {
		t.Errorf("delta = %+v", d)
	}
	sum := NewStats().Add(d).Add(d)
	if sum.APICalls() != 8 || sum.Faults != 4 || sum.FaultKinds["InternalError"] != 4 || sum.FaultActions["GetZone"] != 2 {
		t.Errorf("sum = %+v", sum)
	}
}
