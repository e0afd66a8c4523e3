package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
)

// CLI is the OpenTofu or Terraform binary a run drives.
type CLI struct {
	Name string // one of CLINames
	Path string
}

// CLINames are the CLIs the project supports, as scripts/install-clis.sh names their binaries:
// OpenTofu 1.12.6, Terraform 1.5.7 and Terraform 1.8.5.
var CLINames = []string{"tofu", "terraform", "terraform-1.8"}

// RegistryHost is where the CLI resolves "tencentcloudidc/tencentcloudidc": each CLI has its own
// default registry, and the filesystem mirror must be laid out under that host.
func (c CLI) RegistryHost() string {
	if c.Name == "tofu" {
		return "registry.opentofu.org"
	}
	return "registry.terraform.io"
}

// ToolsDir is where scripts/install-clis.sh builds the CLIs (outside the checkout, reused
// across runs): $TENCENTCLOUDIDC_TOOLS, else ~/.cache/terraform-provider-tencentcloudidc.
func ToolsDir() string {
	if d := os.Getenv("TENCENTCLOUDIDC_TOOLS"); d != "" {
		return d
	}
	home, err := os.UserHomeDir()
	if err != nil {
		home = os.TempDir()
	}
	return filepath.Join(home, ".cache", "terraform-provider-tencentcloudidc")
}

// FindCLI returns the named CLI from ToolsDir, building it with scripts/install-clis.sh (under
// root) when it is missing; the build's output goes to log.
func FindCLI(ctx context.Context, root, name string, log io.Writer) (CLI, error) {
	if !slices.Contains(CLINames, name) {
		return CLI{}, fmt.Errorf("unknown CLI %q: want one of %s", name, strings.Join(CLINames, ", "))
	}
	c := CLI{Name: name, Path: filepath.Join(ToolsDir(), "bin", name)}
	if _, err := os.Stat(c.Path); err == nil {
		return c, nil
	}
	fmt.Fprintf(log, "%s is missing: building it from the Go module proxy (minutes, once)\n", name)
	if err := runTool(ctx, root, log, filepath.Join(root, "scripts", "install-clis.sh"), name); err != nil {
		return c, err
	}
	if _, err := os.Stat(c.Path); err != nil {
		return c, fmt.Errorf("scripts/install-clis.sh did not produce %s: %w", c.Path, err)
	}
	return c, nil
}

// WriteCLIConfig writes dir/<cli>.tfrc and a filesystem mirror under dir/mirror, and returns
// the configuration's path. dev_overrides makes the CLI run the provider binary as built;
// `init` still resolves every provider of a configuration and there is no registry to ask
// offline, so the mirror holds the same binary and answers it.
func WriteCLIConfig(dir string, cli CLI, b Binaries) (string, error) {
	mirror := filepath.Join(dir, "mirror")
	platform := filepath.Join(mirror, cli.RegistryHost(), "tencentcloudidc", "tencentcloudidc", "0.0.1", runtime.GOOS+"_"+runtime.GOARCH)
	if err := os.MkdirAll(platform, 0o755); err != nil {
		return "", err
	}
	mirrored := filepath.Join(platform, ProviderBinaryName)
	if _, err := os.Stat(mirrored); errors.Is(err, os.ErrNotExist) {
		if err := os.Link(b.Provider, mirrored); err != nil {
			return "", err
		}
	}
	path := filepath.Join(dir, cli.Name+".tfrc")
	rc := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "tencentcloudidc/tencentcloudidc" = %q
  }
  filesystem_mirror {
    path    = %q
    include = ["%s/tencentcloudidc/tencentcloudidc"]
  }
}
`, b.Dir, mirror, cli.RegistryHost())
	return path, os.WriteFile(path, []byte(rc), 0o600)
}

// Env is the process environment without the caller's TF_* and TENCENTCLOUD* variables (their
// cloud credentials and CLI settings must not reach a run against the simulator), plus extra.
func Env(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "TF_") || strings.HasPrefix(kv, "TENCENTCLOUD") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, extra...)
}

// SimEnv is Env for a CLI that uses cliConfig and whose provider talks to the simulator that
// printed r: the provider block of the configuration can stay empty.
func SimEnv(cliConfig string, r Ready, extra ...string) []string {
	return Env(append([]string{
		"TF_CLI_CONFIG_FILE=" + cliConfig,
		"TF_IN_AUTOMATION=1",
		"TF_INPUT=0",
		"CHECKPOINT_DISABLE=1",
		"TENCENTCLOUD_SECRET_ID=" + r.SecretID,
		"TENCENTCLOUD_SECRET_KEY=" + r.SecretKey,
		"TENCENTCLOUD_PROTOCOL=HTTP",
		"TENCENTCLOUDIDC_ENDPOINT=" + r.Endpoint,
		"TENCENTCLOUDIDC_SCIM_ENDPOINT=" + r.SCIMURL,
	}, extra...)...)
}

// Result is what one CLI command did.
type Result struct {
	Args           []string
	Code           int // exit status
	Stdout, Stderr string
}

// Output is stdout followed by stderr.
func (r Result) Output() string { return r.Stdout + r.Stderr }

// Run runs the CLI with args in dir. Stdout and stderr are kept apart in the result and both
// teed to log (nil: nowhere). The error is non-nil only when the command could not run; a
// non-zero exit status is in Result.Code.
func Run(ctx context.Context, cli CLI, dir string, env []string, log io.Writer, args ...string) (Result, error) {
	cmd := exec.CommandContext(ctx, cli.Path, args...)
	cmd.Dir, cmd.Env = dir, env
	if log == nil {
		log = io.Discard
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout = io.MultiWriter(&stdout, log)
	cmd.Stderr = io.MultiWriter(&stderr, log)
	err := cmd.Run()
	res := Result{Args: args, Stdout: stdout.String(), Stderr: stderr.String()}
	var exitErr *exec.ExitError
	switch {
	case errors.As(err, &exitErr):
		res.Code = exitErr.ExitCode()
	case err != nil:
		return res, fmt.Errorf("%s %s: %w", cli.Name, strings.Join(args, " "), err)
	}
	return res, nil
}

// Want turns a result whose exit status is not want into an error quoting the output's tail.
func (r Result) Want(cli CLI, want int) error {
	if r.Code == want {
		return nil
	}
	return fmt.Errorf("%s %s exited %d, want %d:\n%s", cli.Name, strings.Join(r.Args, " "), r.Code, want, Tail(r.Output(), 60))
}

// Tail is the last n lines of s, with an ellipsis line when some were cut.
func Tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{"…"}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}

// CopyDir copies the directory tree src to dst (which must not exist).
func CopyDir(dst, src string) error {
	return os.CopyFS(dst, os.DirFS(src))
}
