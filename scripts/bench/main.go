package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/e2e"
)

const (
	pageSize = 100
	// The simulator's service limits: the documented 20 requests per second per action, and a
	// latency in line with a call from a nearby region.
	rateLimit = 20
	latency   = 20 * time.Millisecond

	maxCallsOverPages = 1
	maxWallRatio      = 1.10
	maxRSSBytes       = 150 << 20

	providerAddress = "registry.terraform.io/tencentcloudidc/tencentcloudidc"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Minute)
	defer cancel()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	usersFlag := fs.String("users", "10000", "comma-separated user counts of the timed runs (wall-time target)")
	rssUsers := fs.Int("rss-users", 50000, "user count of the run for the peak RSS figure (0: no such run)")
	cliFlag := fs.String("cli", "", "the tofu (or terraform) binary; default $TENCENTCLOUDIDC_TOOLS/bin/tofu")
	runs := fs.Int("runs", 3, "plans per variant; the best one counts")
	scenarios := fs.String("scenarios", "users,access", "what to measure: users (the users data source), access (role assignments), or both")
	accessRuns := fs.Int("access-runs", 2, "runs of each access variant; the best one counts")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	doUsers, doAccess := false, false
	for sc := range strings.SplitSeq(*scenarios, ",") {
		switch strings.TrimSpace(sc) {
		case "users":
			doUsers = true
		case "access":
			doAccess = true
		default:
			fmt.Fprintf(stderr, "bench: -scenarios wants users and/or access separated by commas, got %q\n", sc)
			return 2
		}
	}
	if *accessRuns < 1 {
		fmt.Fprintln(stderr, "bench: -access-runs wants at least 1")
		return 2
	}
	counts, err := parseCounts(*usersFlag)
	if err != nil || *runs < 1 || *rssUsers < 0 {
		fmt.Fprintf(stderr, "bench: -users wants positive numbers separated by commas, -runs at least 1, -rss-users 0 or more: %v\n", err)
		return 2
	}
	type plannedRun struct {
		users  int
		forRSS bool
	}
	var planned []plannedRun
	for _, n := range counts {
		planned = append(planned, plannedRun{users: n})
	}
	if !doUsers {
		planned = nil
	} else if *rssUsers > 0 {
		planned = append(planned, plannedRun{users: *rssUsers, forRSS: true})
	}
	cli := *cliFlag
	if cli == "" {
		cli = filepath.Join(e2e.ToolsDir(), "bin", "tofu")
	}
	if _, err := os.Stat(cli); err != nil {
		fmt.Fprintf(stderr, "bench: %v (build the CLIs with `make clis`)\n", err)
		return 1
	}
	if _, err := os.Stat("go.mod"); err != nil {
		fmt.Fprintln(stderr, "bench: run from the repository root (go run ./scripts/bench)")
		return 2
	}

	tmp, err := os.MkdirTemp("", "tencentcloudidc-bench-")
	if err != nil {
		fmt.Fprintf(stderr, "bench: %v\n", err)
		return 1
	}
	defer os.RemoveAll(tmp)

	emptyRC := filepath.Join(tmp, "empty.tfrc")
	if err := os.WriteFile(emptyRC, nil, 0o600); err != nil {
		fmt.Fprintf(stderr, "bench: %v\n", err)
		return 1
	}
	env := e2e.Env(
		// The machine may point TF_CLI_CONFIG_FILE at a missing file; nothing here needs one.
		"TF_CLI_CONFIG_FILE="+emptyRC,
		"CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1",
	)

	printMachine(stdout, cli, env)
	fmt.Fprintln(stdout, "building the provider and the simulator…")
	bins, err := e2e.Build(ctx, ".", filepath.Join(tmp, "bin"), io.Discard)
	if err != nil {
		fmt.Fprintf(stderr, "bench: %v\n", err)
		return 1
	}
	t := tools{cli: cli, providerBin: bins.Provider, simBin: bins.Simulator, tmp: tmp, env: env}

	ok := true
	for _, p := range planned {
		r, err := measure(ctx, measureConfig{tools: t, users: p.users, forRSS: p.forRSS, runs: *runs}, stdout)
		if err != nil {
			fmt.Fprintf(stderr, "bench: %d users: %v\n", p.users, err)
			return 1
		}
		ok = r.report(stdout) && ok
	}
	if doAccess {
		ac := accessConfig{tools: t, runs: *accessRuns}
		refresh, err := measureRefresh(ctx, ac, stdout)
		if err != nil {
			fmt.Fprintf(stderr, "bench: access refresh: %v\n", err)
			return 1
		}
		exclusive, err := measureExclusive(ctx, ac, stdout)
		if err != nil {
			fmt.Fprintf(stderr, "bench: access exclusive apply: %v\n", err)
			return 1
		}
		ok = refresh.report(stdout) && ok
		ok = exclusive.report(stdout) && ok
	}
	if !ok {
		fmt.Fprintln(stdout, "\nRESULT: a target was missed")
		return 1
	}
	fmt.Fprintln(stdout, "\nRESULT: every target met")
	return 0
}

func parseCounts(s string) ([]int, error) {
	var out []int
	for f := range strings.SplitSeq(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("%q is not a positive number", f)
		}
		out = append(out, n)
	}
	return out, nil
}
