package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"time"
)

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
	fmt.Fprintf(w, "service  simulator, %d requests/s per action, %s latency per call, tasks InProgress for %s\n", rateLimit, latency, taskDelay)
}
