package e2e

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
)

// Binaries are the provider and the simulator built from the checkout.
type Binaries struct {
	Dir       string // holds both
	Provider  string // terraform-provider-tencentcloudidc
	Simulator string // tencentcloudidc-sim
}

// ProviderBinaryName is the file name the CLI looks for in a plugin directory.
const ProviderBinaryName = "terraform-provider-tencentcloudidc"

// Build compiles the provider and the simulator from the module at root into dir. The go
// tool's output goes to log; on failure its tail is in the error too.
func Build(ctx context.Context, root, dir string, log io.Writer) (Binaries, error) {
	b := Binaries{
		Dir:       dir,
		Provider:  filepath.Join(dir, ProviderBinaryName),
		Simulator: filepath.Join(dir, "tencentcloudidc-sim"),
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return b, err
	}
	for _, target := range [][2]string{{b.Provider, "."}, {b.Simulator, "./cmd/tencentcloudidc-sim"}} {
		if err := runTool(ctx, root, log, "go", "build", "-trimpath", "-o", target[0], target[1]); err != nil {
			return b, err
		}
	}
	return b, nil
}

// runTool runs a build tool in dir, teeing its output to log.
func runTool(ctx context.Context, dir string, log io.Writer, name string, args ...string) error {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	var out bytes.Buffer
	w := io.MultiWriter(&out, log)
	cmd.Stdout, cmd.Stderr = w, w
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %v: %w\n%s", name, args, err, Tail(out.String(), 40))
	}
	return nil
}
