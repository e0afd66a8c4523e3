package main

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/e2e"
)

// tally is one CLI's figures. Every field but the informative ones (cycles, commands, stats,
// concurrency created/refused, durability acknowledged) has the goal 0.
type tally struct {
	cli string

	cycles         int
	commands       int
	failed         int // CLI commands that exited other than wanted
	nonEmptyPlans  int
	orphans        int // credentials in the zone that no state holds
	missing        int // objects a state holds that the service does not
	secretsChanged int // credential secrets empty, changed across a refresh, or refused by SCIM
	checkFailures  int // other API checks: sync, IdP, SCIM pushes, outputs
	leaks          int
	panics         int

	taskFailures         int       // commands failed by a task the simulator was told to fail (informative)
	taskFailuresReported int       // … of which named the task and the service's reason (goal: all)
	untracked            int       // assignments in the service that no state holds
	deploymentsLeft      int       // deployments of the state's role configurations left after destroy
	stats                e2e.Stats // the CLI commands' share of the simulator's counters in the cycles

	concurrencyRuns    int
	concurrencyCreated int // credentials the racing applies created
	concurrencyRefused int // credential creates refused with an error naming the limit
	concurrencyBad     int // wrong counts, refusals not naming the limit, orphans or duplicates

	durabilityRuns  int
	durabilityAcked int // mutating calls the simulator had acknowledged when it was killed
	durabilityBad   int // state file not loading, acknowledged objects lost, no convergence
}

func newTally(cli string) *tally {
	return &tally{cli: cli, stats: e2e.NewStats()}
}

// row is one line of the table: the figure of each CLI and the goal.
type row struct {
	name string
	get  func(*tally) string
	goal string
	ok   func(*tally) bool
}

func zero(f func(*tally) int) (func(*tally) string, func(*tally) bool) {
	return func(t *tally) string { return fmt.Sprint(f(t)) }, func(t *tally) bool { return f(t) == 0 }
}

func printTable(w io.Writer, ts []*tally, o options) bool {
	info := func(f func(*tally) string) row { return row{get: f, goal: "", ok: func(*tally) bool { return true }} }
	goal0 := func(name string, f func(*tally) int) row {
		get, ok := zero(f)
		return row{name: name, get: get, goal: "0", ok: ok}
	}
	named := func(name string, r row) row { r.name = name; return r }
	rows := []row{
		named("cycles (apply, SCIM push, refresh, plan, access, plan, destroy)", info(func(t *tally) string { return fmt.Sprint(t.cycles) })),
		named("CLI commands run (all scenarios)", info(func(t *tally) string { return fmt.Sprint(t.commands) })),
		goal0("failed CLI commands", func(t *tally) int { return t.failed }),
		goal0("non-empty plans after apply", func(t *tally) int { return t.nonEmptyPlans }),
		goal0("orphaned credentials", func(t *tally) int { return t.orphans }),
		goal0("objects in state missing from the service", func(t *tally) int { return t.missing }),
		goal0("lost/changed credential secrets", func(t *tally) int { return t.secretsChanged }),
		goal0("other failed API checks", func(t *tally) int { return t.checkFailures }),
		goal0("leaks (secret key, SCIM secrets, Authorization)", func(t *tally) int { return t.leaks }),
		goal0("panics", func(t *tally) int { return t.panics }),
		{name: "commands failed by injected task failures / naming task and reason",
			get:  func(t *tally) string { return fmt.Sprintf("%d / %d", t.taskFailures, t.taskFailuresReported) },
			goal: "all named", ok: func(t *tally) bool { return t.taskFailures == t.taskFailuresReported }},
		goal0("untracked role assignments", func(t *tally) int { return t.untracked }),
		goal0("deployments left after destroy", func(t *tally) int { return t.deploymentsLeft }),
		named("faults injected during CLI commands", info(func(t *tally) string { return fmt.Sprint(t.stats.Faults) })),
		named("… of which on mutating actions", info(func(t *tally) string { n, _ := mutatingFaults(t.stats); return fmt.Sprint(n) })),
		named("API calls by CLI commands (throttled)", info(func(t *tally) string {
			return fmt.Sprintf("%d (%d)", t.stats.APICalls(), t.stats.Throttled)
		})),
	}
	if o.scenarios["concurrency"] {
		rows = append(rows,
			row{name: "concurrency: credentials created / refused naming the limit",
				get: func(t *tally) string {
					return fmt.Sprintf("%d / %d", t.concurrencyCreated, t.concurrencyRefused)
				},
				goal: "2 / 2 per run",
				ok: func(t *tally) bool {
					return t.concurrencyCreated == 2*t.concurrencyRuns && t.concurrencyRefused == 2*t.concurrencyRuns
				}},
			goal0("concurrency: orphans, duplicates, wrong errors", func(t *tally) int { return t.concurrencyBad }))
	}
	if o.scenarios["durability"] {
		rows = append(rows,
			named("durability: runs, changes acknowledged before kill -9", info(func(t *tally) string { return fmt.Sprintf("%d, %d", t.durabilityRuns, t.durabilityAcked) })),
			goal0("durability: reload, lost objects, no convergence", func(t *tally) int { return t.durabilityBad }))
	}

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	header := []string{"figure"}
	for _, t := range ts {
		header = append(header, t.cli)
	}
	fmt.Fprintln(tw, strings.Join(append(header, "goal", ""), "\t"))
	allOK := true
	for _, r := range rows {
		cells := []string{r.name}
		rowOK := true
		for _, t := range ts {
			cells = append(cells, r.get(t))
			rowOK = rowOK && r.ok(t)
		}
		mark := ""
		if r.goal != "" {
			mark = "ok"
			if !rowOK {
				mark, allOK = "MISSED", false
			}
		}
		fmt.Fprintln(tw, strings.Join(append(cells, r.goal, mark), "\t"))
	}
	_ = tw.Flush()
	fmt.Fprintln(w)
	for _, t := range ts {
		_, onMutating := mutatingFaults(t.stats)
		fmt.Fprintf(w, "[%s] faults by kind: %s\n", t.cli, faultSummary(t.stats))
		fmt.Fprintf(w, "[%s] faults on mutating actions: %s\n", t.cli, onMutating)
	}
	return allOK
}

func faultSummary(s e2e.Stats) string {
	return breakdown(s.FaultKinds, func(string) bool { return true })
}

// mutatingFaults are the faults that landed on actions that change something: the ones whose
// lost answers test the provider's reconciliation rather than its retries.
func mutatingFaults(s e2e.Stats) (int64, string) {
	mutating := func(a string) bool {
		return !strings.HasPrefix(a, "Get") && !strings.HasPrefix(a, "List") && !strings.HasPrefix(a, "Describe")
	}
	var n int64
	for a, v := range s.FaultActions {
		if mutating(a) {
			n += v
		}
	}
	return n, breakdown(s.FaultActions, mutating)
}

// breakdown lists the counts of the keys that pass keep, sorted by key.
func breakdown(m map[string]int64, keep func(string) bool) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if keep(k) {
			parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}
