package main

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/e2e"
)

const defaultFaults = "InternalError=0.05,RequestLimitExceeded=0.05,reset=0.02,lost-response=0.02,task-failure=0.3"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

type options struct {
	n         int
	clis      []string
	faults    string
	seed      int64
	scenarios map[string]bool
	keep      bool
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("reliability", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 20, "apply/refresh/plan/destroy cycles per CLI")
	cliFlag := fs.String("cli", "tofu", "tofu, terraform, terraform-1.8, both (tofu and terraform) or all")
	faults := fs.String("faults", defaultFaults, "the simulator's -faults during the cycles")
	seed := fs.Int64("fault-seed", 0, "fault seed of the first cycle; cycle i uses seed+i-1 (0: a random seed)")
	scenarios := fs.String("scenarios", "cycles,concurrency,durability", "which scenarios run")
	keep := fs.Bool("keep", false, "keep the working directory (logs, states) instead of removing it")
	timeout := fs.Duration("timeout", 90*time.Minute, "give up after this long")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	o := options{n: *n, faults: *faults, seed: *seed, keep: *keep, scenarios: map[string]bool{}}
	switch *cliFlag {
	case "both":
		// OpenTofu and Terraform 1.5.7, the oldest supported: the short suite of make test. The
		// provider's fault handling does not depend on the CLI's version, so Terraform 1.8.5
		// runs only with -cli all or -cli terraform-1.8.
		o.clis = []string{"tofu", "terraform"}
	case "all":
		o.clis = e2e.CLINames
	default:
		if !slices.Contains(e2e.CLINames, *cliFlag) {
			fmt.Fprintf(stderr, "reliability: -cli %q: want tofu, terraform, terraform-1.8, both or all\n", *cliFlag)
			return 2
		}
		o.clis = []string{*cliFlag}
	}
	for s := range strings.SplitSeq(*scenarios, ",") {
		if s = strings.TrimSpace(s); !slices.Contains([]string{"cycles", "concurrency", "durability"}, s) {
			fmt.Fprintf(stderr, "reliability: unknown scenario %q (want cycles, concurrency, durability)\n", s)
			return 2
		}
		o.scenarios[s] = true
	}
	if o.n < 0 || (o.n == 0 && o.scenarios["cycles"]) {
		fmt.Fprintln(stderr, "reliability: -n must be at least 1")
		return 2
	}
	if o.seed == 0 {
		var b [8]byte
		_, _ = rand.Read(b[:])
		o.seed = int64(binary.LittleEndian.Uint64(b[:])>>16) + 1 // positive and short enough to retype
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()

	root, err := os.Getwd()
	if err == nil {
		_, err = os.Stat(filepath.Join(root, "examples", "complete", "main.tf"))
	}
	if err != nil {
		fmt.Fprintln(stderr, "reliability: run from the repository root (go run ./scripts/reliability)")
		return 2
	}
	work, err := os.MkdirTemp("", "tencentcloudidc-reliability-")
	if err != nil {
		fmt.Fprintf(stderr, "reliability: %v\n", err)
		return 1
	}
	if o.keep {
		defer fmt.Fprintf(stdout, "kept %s\n", work)
	} else {
		defer os.RemoveAll(work)
	}

	started := time.Now()
	fmt.Fprintln(stdout, "building the provider and the simulator…")
	bins, err := e2e.Build(ctx, root, filepath.Join(work, "bin"), io.Discard)
	if err != nil {
		fmt.Fprintf(stderr, "reliability: %v\n", err)
		return 1
	}
	var tallies []*tally
	for _, name := range o.clis {
		cli, err := e2e.FindCLI(ctx, root, name, stdout)
		if err != nil {
			fmt.Fprintf(stderr, "reliability: %v\n", err)
			return 1
		}
		s := &suite{opts: o, root: root, work: filepath.Join(work, name), bins: bins, cli: cli, out: stdout, t: newTally(name)}
		if err := s.run(ctx); err != nil {
			fmt.Fprintf(stderr, "reliability: %s: %v\n", name, err)
			return 1
		}
		tallies = append(tallies, s.t)
	}
	fmt.Fprintf(stdout, "\nfaults %s; fault seeds %d..%d (cycle i: %d+i-1); took %s\n\n",
		o.faults, o.seed, o.seed+int64(max(o.n, 1))-1, o.seed, time.Since(started).Round(time.Second))
	if !printTable(stdout, tallies, o) {
		fmt.Fprintln(stdout, "\nRESULT: a goal was missed (details above)")
		return 1
	}
	fmt.Fprintln(stdout, "\nRESULT: every goal met")
	return 0
}

// suite runs the scenarios on one CLI.
type suite struct {
	opts options
	root string
	work string
	bins e2e.Binaries
	cli  e2e.CLI
	out  io.Writer
	t    *tally
	rc   string // the CLI configuration
}

func (s *suite) run(ctx context.Context) error {
	if err := os.MkdirAll(filepath.Join(s.work, "logs"), 0o755); err != nil {
		return err
	}
	rc, err := e2e.WriteCLIConfig(s.work, s.cli, s.bins)
	if err != nil {
		return err
	}
	s.rc = rc
	if s.opts.scenarios["cycles"] {
		if err := s.cycles(ctx); err != nil {
			return err
		}
	}
	if s.opts.scenarios["concurrency"] {
		if err := s.concurrency(ctx); err != nil {
			return err
		}
	}
	if s.opts.scenarios["durability"] {
		if err := s.durability(ctx); err != nil {
			return err
		}
	}
	return nil
}

// problem reports a missed goal as it happens, with the output tail scrubbed of secrets.
func (s *suite) problem(sc *scanner, where, format string, args ...any) {
	fmt.Fprintf(s.out, "  ✗ [%s] %s: %s\n", s.cli.Name, where, sc.scrub(fmt.Sprintf(format, args...)))
}
