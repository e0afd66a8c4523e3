package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

type measureConfig struct {
	tools
	users  int
	forRSS bool // the run for the peak RSS figure; its wall time is reported, not judged
	runs   int
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
	m := marker{}
	mark := m.mark
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
	return m.ok()
}

// measure runs one simulator and one provider for n users, and the plans against them.
func measure(ctx context.Context, c measureConfig, log io.Writer) (result, error) {
	r := result{users: c.users, forRSS: c.forRSS, pages: (c.users + pageSize - 1) / pageSize}
	fmt.Fprintf(log, "\nseeding %d users and starting the simulator…\n", c.users)

	sess, err := startSession(ctx, c.tools, fmt.Sprintf("users-%d", c.users), "-seed-users", strconv.Itoa(c.users))
	if err != nil {
		return r, err
	}
	defer sess.stop()
	sim, prov, work, env := sess.sim, sess.prov, sess.work, sess.env
	ready := sim.Ready
	// No output refers to the data source: data sources are read in every plan anyway, and an
	// output would add the CLI's own cost of decoding the whole object from its state again.
	usersTF := `data "tencentcloudidc_users" "all" {}
`

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
