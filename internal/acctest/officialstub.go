package acctest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// The official provider's stand-in (internal/acctest/officialstub) for the tests of the state
// movers: built once per test process into a directory that Main removes, and found by the CLI
// through dev_overrides in a CLI configuration of the test's own.

const (
	officialStubPackage = "github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/acctest/officialstub"
	// OfficialSource is the official provider's source address in required_providers.
	OfficialSource = "tencentcloudstack/tencentcloud"
	// OfficialStubEndpoint is the variable the stand-in takes the simulator's host:port from.
	OfficialStubEndpoint = "TENCENTCLOUDIDC_STUB_ENDPOINT"
	// officialStubVersion is the version the filesystem mirror offers `init`; dev_overrides
	// then runs the binary as built.
	officialStubVersion = "1.83.25"
)

var (
	officialStub struct {
		once sync.Once
		dir  string
		err  error
	}
	// runDirs are removed when Main returns.
	runDirs []string
)

// officialStubDir builds the stand-in (once) and returns the directory holding it as
// terraform-provider-tencentcloud.
func officialStubDir() (string, error) {
	officialStub.once.Do(func() {
		dir, err := os.MkdirTemp("", "tencentcloudidc-officialstub-")
		if err != nil {
			officialStub.err = err
			return
		}
		runDirs = append(runDirs, dir)
		cmd := exec.Command("go", "build", "-trimpath", "-o", filepath.Join(dir, "terraform-provider-tencentcloud"), officialStubPackage)
		if out, err := cmd.CombinedOutput(); err != nil {
			officialStub.err = fmt.Errorf("building the official provider's stand-in: %v: %s", err, out)
			return
		}
		officialStub.dir = dir
	})
	return officialStub.dir, officialStub.err
}

// OfficialStubEnv returns the environment (KEY=value) under which a CLI run by the test finds
// the official provider's stand-in and the stand-in talks to e's simulator: a CLI configuration
// with dev_overrides for the official provider on both registries, and a filesystem mirror
// holding the same binary for `init`, which resolves every provider even when overridden.
func OfficialStubEnv(t *testing.T, e *Env) []string {
	t.Helper()
	bin, err := officialStubDir()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	mirror := filepath.Join(dir, "mirror")
	var includes []string
	for _, host := range []string{"registry.terraform.io", "registry.opentofu.org"} {
		platform := filepath.Join(mirror, host, OfficialSource, officialStubVersion, runtime.GOOS+"_"+runtime.GOARCH)
		if err := os.MkdirAll(platform, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Join(bin, "terraform-provider-tencentcloud"), filepath.Join(platform, "terraform-provider-tencentcloud_v"+officialStubVersion)); err != nil {
			t.Fatal(err)
		}
		includes = append(includes, fmt.Sprintf("%q", host+"/"+OfficialSource))
	}
	rc := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.terraform.io/%[1]s" = %[2]q
    "registry.opentofu.org/%[1]s" = %[2]q
  }
  filesystem_mirror {
    path    = %[3]q
    include = [%[4]s]
  }
}
`, OfficialSource, bin, mirror, strings.Join(includes, ", "))
	path := filepath.Join(dir, "official.tfrc")
	if err := os.WriteFile(path, []byte(rc), 0o600); err != nil {
		t.Fatal(err)
	}
	return []string{
		"TF_CLI_CONFIG_FILE=" + path,
		OfficialStubEndpoint + "=" + e.Endpoint,
		"TENCENTCLOUD_SECRET_ID=" + e.SecretID,
		"TENCENTCLOUD_SECRET_KEY=" + e.SecretKey,
	}
}
