package acctest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/go-version"
)

// Environment variables of the harness.
const (
	// EnvCLI selects the CLI: "tofu" (default), "terraform" (1.5.7) or "terraform-1.8" (1.8.5).
	EnvCLI = "TENCENTCLOUDIDC_TEST_CLI"
	// EnvTools is the cache directory the CLIs are built into (scripts/install-clis.sh).
	EnvTools = "TENCENTCLOUDIDC_TOOLS"
	// EnvReal runs the tests against the real service (with TENCENTCLOUD_SECRET_ID/_KEY).
	EnvReal = "TF_ACC_REAL"
)

// CLI is the command-line program a test run drives.
type CLI struct {
	Name    string // one of CLINames
	Path    string
	Version *version.Version
}

// CLINames are the CLIs the harness drives, as scripts/install-clis.sh names their binaries:
// OpenTofu 1.12.6, Terraform 1.5.7 (the last MPL release, still pinned by many teams) and
// Terraform 1.8.5 (the newest the Go module proxy builds; it has provider functions and moved
// blocks between resource types).
var CLINames = []string{"tofu", "terraform", "terraform-1.8"}

// IsTofu reports whether the run drives OpenTofu.
func (c CLI) IsTofu() bool { return c.Name == "tofu" }

func (c CLI) String() string {
	product := "Terraform"
	if c.IsTofu() {
		product = "OpenTofu"
	}
	return fmt.Sprintf("%s %s (%s)", product, c.Version, c.Path)
}

var current *CLI

// Current returns the CLI selected by Main. It is nil outside acceptance runs.
func Current() *CLI { return current }

// ToolsDir is where scripts/install-clis.sh builds the CLIs: outside the checkout, so that
// clean clones and later runs reuse them.
func ToolsDir() string {
	if d := os.Getenv(EnvTools); d != "" {
		return d
	}
	home, err := os.UserHomeDir()
	if err != nil {
		home = os.TempDir()
	}
	return filepath.Join(home, ".cache", "terraform-provider-tencentcloudidc")
}

// Main is the provider package's TestMain: when TF_ACC is set it selects the CLI, exports
// what terraform-plugin-testing needs to drive it, prints which CLI runs, and runs the tests.
func Main(m *testing.M) int {
	if os.Getenv("TF_ACC") != "" {
		cli, err := setupCLI()
		if err != nil {
			fmt.Fprintf(os.Stderr, "acctest: %v\n", err)
			return 1
		}
		current = cli
		fmt.Fprintf(os.Stderr, "acctest: acceptance tests run on %s\n", cli)
	}
	code := m.Run()
	for _, dir := range runDirs {
		_ = os.RemoveAll(dir)
	}
	return code
}

var versionPattern = regexp.MustCompile(`v(\d+\.\d+\.\d+\S*)`)

func setupCLI() (*CLI, error) {
	name := os.Getenv(EnvCLI)
	if name == "" {
		name = "tofu"
	}
	if !slices.Contains(CLINames, name) {
		return nil, fmt.Errorf("%s=%q: want one of %s", EnvCLI, name, strings.Join(CLINames, ", "))
	}
	cliPath := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if cliPath == "" {
		cliPath = filepath.Join(ToolsDir(), "bin", name)
	}
	if _, err := os.Stat(cliPath); err != nil {
		return nil, fmt.Errorf("%s not found at %s: run scripts/install-clis.sh (make tools) first", name, cliPath)
	}

	// This machine may export TF_CLI_CONFIG_FILE pointing at a file that does not exist; tofu
	// then prints a warning that breaks terraform-plugin-testing's version parsing. The tests
	// need no CLI configuration, so point both CLIs at an empty one.
	empty := filepath.Join(os.TempDir(), "tencentcloudidc-acctest-empty.tfrc")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		return nil, err
	}
	settings := map[string]string{
		"TF_ACC_TERRAFORM_PATH":     cliPath,
		"TF_ACC_PROVIDER_NAMESPACE": "tencentcloudidc",
		"TF_ACC_PROVIDER_HOST":      "registry.terraform.io",
		"TF_CLI_CONFIG_FILE":        empty,
		"CHECKPOINT_DISABLE":        "1",
		"TF_IN_AUTOMATION":          "1",
	}
	if name == "tofu" {
		settings["TF_ACC_PROVIDER_HOST"] = "registry.opentofu.org"
	}
	// An explicit version would make terraform-plugin-testing download a CLI: there is no
	// network here, and the binary above is the one we want.
	os.Unsetenv("TF_ACC_TERRAFORM_VERSION")
	for k, v := range settings {
		os.Setenv(k, v)
	}

	out, err := exec.Command(cliPath, "version").CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("%s version: %v: %s", cliPath, err, out)
	}
	firstLine, _, _ := strings.Cut(string(out), "\n")
	match := versionPattern.FindStringSubmatch(firstLine)
	if match == nil {
		return nil, fmt.Errorf("cannot read the version of %s from %q", cliPath, firstLine)
	}
	v, err := version.NewVersion(match[1])
	if err != nil {
		return nil, err
	}
	return &CLI{Name: name, Path: cliPath, Version: v}, nil
}

// SkipUnlessAtLeast skips a test on a CLI older than the given Terraform or OpenTofu version,
// which lacks what the test needs; why says what, so that the log shows what that CLI did not
// cover. Outside acceptance runs it does nothing.
func SkipUnlessAtLeast(t *testing.T, terraform, tofu, why string) {
	t.Helper()
	c := Current()
	if c == nil {
		return
	}
	minimum := terraform
	if c.IsTofu() {
		minimum = tofu
	}
	if !c.AtLeast(minimum) {
		t.Skipf("skipped on %s: %s", c, why)
	}
}

// AtLeast reports whether the CLI's version is minimum or later; a pre-release or -dev build of
// minimum counts as minimum.
func (c CLI) AtLeast(minimum string) bool {
	want := version.Must(version.NewVersion(minimum))
	return c.Version.Core().GreaterThanOrEqual(want)
}
