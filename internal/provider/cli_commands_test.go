package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/acctest"
)

// cliDir is a working directory in which a test runs the acceptance run's CLI itself, with
// this process serving the provider, for what terraform-plugin-testing never runs: `validate`
// on its own, and a plain `plan` of the file that `plan -generate-config-out` wrote.
type cliDir struct {
	t   *testing.T
	cli *acctest.CLI
	dir string
	env []string // added to the process environment of every command
}

// newCLIDir writes files (name → content) into a new directory and runs `init` there.
func newCLIDir(t *testing.T, files map[string]string) *cliDir {
	t.Helper()
	return newCLIDirWithEnv(t, nil, files)
}

// newCLIDirWithEnv is newCLIDir for commands that also get env (KEY=value), which overrides
// the process environment.
func newCLIDirWithEnv(t *testing.T, env []string, files map[string]string) *cliDir {
	t.Helper()
	cli := acctest.Current()
	if cli == nil {
		t.Skipf("acceptance test: set %s=1", "TF_ACC")
	}
	c := &cliDir{t: t, cli: cli, dir: t.TempDir(), env: env}
	for name, content := range files {
		c.write(name, content)
	}
	c.must("init", "-input=false", "-no-color")
	return c
}

func (c *cliDir) write(name, content string) {
	c.t.Helper()
	if err := os.WriteFile(filepath.Join(c.dir, name), []byte(content), 0o600); err != nil {
		c.t.Fatal(err)
	}
}

func (c *cliDir) read(name string) string {
	c.t.Helper()
	b, err := os.ReadFile(filepath.Join(c.dir, name))
	if err != nil {
		c.t.Fatal(err)
	}
	return string(b)
}

// must runs the CLI and fails the test unless it succeeds; it returns the output.
func (c *cliDir) must(args ...string) string {
	c.t.Helper()
	code, out := c.run(args...)
	if code != 0 {
		c.t.Fatalf("%s %s exited %d, want 0:\n%s", c.cli.Name, strings.Join(args, " "), code, out)
	}
	return out
}

// run runs the CLI with args against a provider server of its own, as terraform-plugin-testing
// does for each command, and returns the exit status and the output (stdout, then stderr).
func (c *cliDir) run(args ...string) (int, string) {
	c.t.Helper()
	ctx, cancel := context.WithCancel(c.t.Context())
	defer cancel()
	reattach := make(chan *plugin.ReattachConfig, 1)
	closed := make(chan struct{})
	host := os.Getenv("TF_ACC_PROVIDER_HOST")
	addr := host + "/tencentcloudidc/tencentcloudidc"
	served := make(chan error, 1)
	go func() {
		served <- tf6server.Serve(addr, NewProtocol6Server("test"),
			tf6server.WithDebug(ctx, reattach, closed),
			tf6server.WithoutLogStderrOverride(),
			// As terraform-plugin-testing does: provider logs go where TF_LOG_PATH and the like say, not to stderr.
			tf6server.WithLoggingSink(c.t),
			tf6server.WithGoPluginLogger(hclog.NewNullLogger()))
	}()
	var cfg *plugin.ReattachConfig
	select {
	case cfg = <-reattach:
	case err := <-served:
		c.t.Fatalf("serving the provider: %v", err)
	case <-time.After(30 * time.Second):
		c.t.Fatal("the provider server did not start")
	}
	info, err := json.Marshal(map[string]any{addr: map[string]any{
		"Protocol":        cfg.Protocol,
		"ProtocolVersion": cfg.ProtocolVersion,
		"Pid":             cfg.Pid,
		"Test":            cfg.Test,
		"Addr":            map[string]string{"Network": cfg.Addr.Network(), "String": cfg.Addr.String()},
	}})
	if err != nil {
		c.t.Fatal(err)
	}

	cmd := exec.CommandContext(ctx, c.cli.Path, args...)
	cmd.Dir = c.dir
	cmd.Env = append(append(os.Environ(), c.env...), "TF_REATTACH_PROVIDERS="+string(info), "TF_INPUT=0")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	code := 0
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		c.t.Fatalf("%s %s: %v", c.cli.Name, strings.Join(args, " "), err)
	}
	cancel()
	select {
	case <-closed:
	case <-time.After(30 * time.Second):
		c.t.Error("the provider server did not stop")
	}
	return code, stdout.String() + stderr.String()
}
