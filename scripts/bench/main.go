package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/e2e"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
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
	if err := fs.Parse(args); err != nil {
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
	if *rssUsers > 0 {
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
	providerBin, simBin := bins.Provider, bins.Simulator

	ok := true
	for _, p := range planned {
		r, err := measure(ctx, measureConfig{users: p.users, forRSS: p.forRSS, runs: *runs, cli: cli, env: env, providerBin: providerBin, simBin: simBin, tmp: tmp}, stdout)
		if err != nil {
			fmt.Fprintf(stderr, "bench: %d users: %v\n", p.users, err)
			return 1
		}
		ok = r.report(stdout) && ok
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

type measureConfig struct {
	users                    int
	forRSS                   bool // the run for the peak RSS figure; its wall time is reported, not judged
	runs                     int
	cli, providerBin, simBin string
	tmp                      string
	env                      []string
}

// result is one run's figures.
type result struct {
	users          int
	forRSS         bool
	pages          int
	listUsersCalls int64 // of one plan with the data source (the largest seen)
	throttled      int64 // RequestLimitExceeded answers during every plan of the run and the paging
	baseline, with time.Duration
	// paging is how long the idc client alone (the provider's client, same limiter) takes to
	// list the users: what the provider cannot go below. added − paging is the CLI's share
	// (decoding the answer, writing the state) plus the provider's own work.
	paging  time.Duration
	peakRSS int64 // bytes
}

func (r result) floor() time.Duration {
	byRate := time.Duration(float64(r.pages) / rateLimit * float64(time.Second))
	byLatency := time.Duration(r.pages) * latency
	return max(byRate, byLatency)
}

func (r result) added() time.Duration { return r.with - r.baseline }

// report prints the figures and reports whether every target was met.
func (r result) report(w io.Writer) bool {
	ok := true
	mark := func(good bool) string {
		if good {
			return "ok"
		}
		ok = false
		return "MISSED"
	}
	ratio := float64(r.added()) / float64(r.floor())
	what := "timed run"
	if r.forRSS {
		what = "run for the peak RSS figure"
	}
	fmt.Fprintf(w, "\n%d users (%d pages of %d), %s\n", r.users, r.pages, pageSize, what)
	fmt.Fprintf(w, "  ListUsers calls per plan     %d (target ≤ %d) %s\n", r.listUsersCalls, r.pages+maxCallsOverPages,
		mark(r.listUsersCalls <= int64(r.pages+maxCallsOverPages)))
	fmt.Fprintf(w, "  plan without / with          %s / %s (best of each)\n", r.baseline.Round(time.Millisecond), r.with.Round(time.Millisecond))
	fmt.Fprintf(w, "  added wall time              %s = %s paging with the idc client alone + %s CLI and provider work\n",
		r.added().Round(time.Millisecond), r.paging.Round(time.Millisecond), (r.added() - r.paging).Round(time.Millisecond))
	fmt.Fprintf(w, "  floor                        %s = max(%d/%d s, %d × %s)\n", r.floor().Round(time.Millisecond), r.pages, rateLimit, r.pages, latency)
	if r.forRSS {
		fmt.Fprintf(w, "  ratio added/floor            %.3f\n", ratio)
	} else {
		fmt.Fprintf(w, "  ratio added/floor            %.3f (target ≤ %.2f) %s\n", ratio, maxWallRatio, mark(ratio <= maxWallRatio))
	}
	fmt.Fprintf(w, "  RequestLimitExceeded         %d (target 0) %s\n", r.throttled, mark(r.throttled == 0))
	rss := fmt.Sprintf("%.1f MB", float64(r.peakRSS)/(1<<20))
	if r.forRSS {
		fmt.Fprintf(w, "  provider peak RSS (VmHWM)    %s (target < %d MB) %s\n", rss, maxRSSBytes>>20, mark(r.peakRSS < maxRSSBytes))
	} else {
		fmt.Fprintf(w, "  provider peak RSS (VmHWM)    %s\n", rss)
	}
	return ok
}

// measure runs one simulator and one provider for n users, and the plans against them.
func measure(ctx context.Context, c measureConfig, log io.Writer) (result, error) {
	r := result{users: c.users, forRSS: c.forRSS, pages: (c.users + pageSize - 1) / pageSize}
	fmt.Fprintf(log, "\nseeding %d users and starting the simulator…\n", c.users)

	sim, err := e2e.StartSim(ctx, c.simBin, nil,
		"-listen", "127.0.0.1:0", "-seed-users", strconv.Itoa(c.users),
		"-latency", latency.String(), "-rate-limit", strconv.Itoa(rateLimit))
	if err != nil {
		return r, err
	}
	defer sim.Stop()
	ready := sim.Ready

	const reattachPrefix = "\tTF_REATTACH_PROVIDERS='"
	prov, provLine, err := e2e.Start(ctx, c.providerBin, []string{"-debug"}, nil,
		func(line string) bool { return strings.HasPrefix(line, reattachPrefix) }, time.Minute)
	if err != nil {
		return r, fmt.Errorf("starting the provider: %w", err)
	}
	defer prov.Stop()
	reattach := strings.TrimSuffix(strings.TrimPrefix(provLine, reattachPrefix), "'")

	work := filepath.Join(c.tmp, fmt.Sprintf("work-%d", c.users))
	if err := os.MkdirAll(work, 0o700); err != nil {
		return r, err
	}
	env := append(slices.Clip(c.env), "TF_REATTACH_PROVIDERS="+reattach)
	mainTF := fmt.Sprintf(`terraform {
  required_providers {
    tencentcloudidc = {
      source = %q
    }
  }
}

provider "tencentcloudidc" {
  endpoint   = %q
  protocol   = "HTTP"
  secret_id  = %q
  secret_key = %q
  # Set, so that no plan spends a DescribeIdentityCenter call discovering it.
  zone_id = %q
}

# The baseline reads this one cheap data source, so that both variants start and configure
# the provider; the difference is the users data source alone.
data "tencentcloudidc_scim_endpoint" "this" {}

output "scim_url" {
  value = data.tencentcloudidc_scim_endpoint.this.url
}
`, providerAddress, ready.Endpoint, ready.SecretID, ready.SecretKey, ready.ZoneID)
	// No output refers to the data source: data sources are read in every plan anyway, and an
	// output would add the CLI's own cost of decoding the whole object from its state again.
	usersTF := `data "tencentcloudidc_users" "all" {}
`
	if err := os.WriteFile(filepath.Join(work, "main.tf"), []byte(mainTF), 0o600); err != nil {
		return r, err
	}
	if out, err := cliRun(ctx, c.cli, work, env, "init", "-input=false", "-no-color"); err != nil {
		return r, fmt.Errorf("init: %w\n%s", err, out)
	}

	before, err := sim.Stats(ctx)
	if err != nil {
		return r, err
	}
	usersPath := filepath.Join(work, "users.tf")
	for i := range c.runs {
		fmt.Fprintf(log, "  plan %d/%d without the data source… ", i+1, c.runs)
		if err := os.Remove(usersPath); err != nil && !errors.Is(err, os.ErrNotExist) {
			return r, err
		}
		d, err := timedPlan(ctx, c.cli, work, env)
		if err != nil {
			return r, err
		}
		fmt.Fprintf(log, "%s\n", d.Round(time.Millisecond))
		if r.baseline == 0 || d < r.baseline {
			r.baseline = d
		}

		fmt.Fprintf(log, "  plan %d/%d with the data source…    ", i+1, c.runs)
		if err := os.WriteFile(usersPath, []byte(usersTF), 0o600); err != nil {
			return r, err
		}
		s0, err := sim.Stats(ctx)
		if err != nil {
			return r, err
		}
		d, err = timedPlan(ctx, c.cli, work, env)
		if err != nil {
			return r, err
		}
		s1, err := sim.Stats(ctx)
		if err != nil {
			return r, err
		}
		calls := s1.Calls["ListUsers"] - s0.Calls["ListUsers"]
		fmt.Fprintf(log, "%s, %d ListUsers calls\n", d.Round(time.Millisecond), calls)
		r.listUsersCalls = max(r.listUsersCalls, calls)
		if r.with == 0 || d < r.with {
			r.with = d
		}
	}
	after, err := sim.Stats(ctx)
	if err != nil {
		return r, err
	}
	r.throttled = after.Throttled - before.Throttled
	if r.peakRSS, err = vmHWM(prov.Pid()); err != nil {
		return r, err
	}

	fmt.Fprintf(log, "  paging with the idc client alone…    ")
	client, err := idc.New(ctx, idc.Config{SecretID: ready.SecretID, SecretKey: ready.SecretKey, Endpoint: ready.Endpoint, Protocol: "HTTP"})
	if err != nil {
		return r, err
	}
	start := time.Now()
	n := 0
	for _, err := range client.Users(ctx, idc.ListUsersInput{ZoneID: ready.ZoneID}) {
		if err != nil {
			return r, fmt.Errorf("paging: %w", err)
		}
		n++
	}
	r.paging = time.Since(start)
	fmt.Fprintf(log, "%s, %d users\n", r.paging.Round(time.Millisecond), n)
	if n != c.users {
		return r, fmt.Errorf("paging listed %d users, want %d", n, c.users)
	}
	final, err := sim.Stats(ctx)
	if err != nil {
		return r, err
	}
	r.throttled += final.Throttled - after.Throttled
	return r, nil
}

func timedPlan(ctx context.Context, cli, dir string, env []string) (time.Duration, error) {
	start := time.Now()
	out, err := cliRun(ctx, cli, dir, env, "plan", "-input=false", "-lock=false", "-no-color")
	d := time.Since(start)
	if err != nil {
		return 0, fmt.Errorf("plan: %w\n%s", err, out)
	}
	return d, nil
}

func cliRun(ctx context.Context, cli, dir string, env []string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, cli, args...)
	cmd.Dir, cmd.Env = dir, env
	return cmd.CombinedOutput()
}

// vmHWM is the peak resident set size of a process, from /proc/<pid>/status.
func vmHWM(pid int) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return 0, fmt.Errorf("reading VmHWM of %d: %w", pid, err)
			}
			return kb << 10, nil
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/%d/status", pid)
}

func printMachine(w io.Writer, cli string, env []string) {
	model := "unknown"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for line := range strings.SplitSeq(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	mem := "unknown"
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for line := range strings.SplitSeq(string(b), "\n") {
			if rest, ok := strings.CutPrefix(line, "MemTotal:"); ok {
				if kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64); err == nil {
					mem = fmt.Sprintf("%.1f GiB", float64(kb)/(1<<20))
				}
			}
		}
	}
	version := "unknown"
	cmd := exec.Command(cli, "version")
	cmd.Env = env
	if out, err := cmd.Output(); err == nil {
		for line := range strings.SplitSeq(string(out), "\n") {
			if strings.HasPrefix(line, "OpenTofu v") || strings.HasPrefix(line, "Terraform v") {
				version = line
				break
			}
		}
	}
	fmt.Fprintf(w, "date     %s\n", time.Now().UTC().Format(time.RFC3339))
	fmt.Fprintf(w, "machine  %d CPUs (nproc), %s, %s memory, %s/%s\n", runtime.NumCPU(), model, mem, runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(w, "cli      %s (%s)\n", version, cli)
	fmt.Fprintf(w, "service  simulator, %d requests/s per action, %s latency per call\n", rateLimit, latency)
}
