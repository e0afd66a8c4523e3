package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/e2e"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

// The access scenarios: one role configuration given to every seeded group on every seeded
// member account (the 10 groups × 50 accounts = 500 assignments).
const (
	accessGroups   = 10
	accessAccounts = 50
	// taskDelay is how long the simulator keeps an assignment task InProgress (its default).
	taskDelay = 300 * time.Millisecond

	createBatch = 50 // CreateRoleAssignment's documented maximum per call

	maxRefreshCallsPerPage = 2  // ListRoleAssignments calls of a refresh ≤ 2 × pages
	maxExclusiveCalls      = 30 // every API call of the exclusive apply
	maxExclusiveRatio      = 1.20
)

type accessConfig struct {
	tools
	runs int
}

// accessFixture is what the scenarios assign: the seeded groups and member accounts and one
// role configuration, made through the API before the timed commands.
type accessFixture struct {
	zone     string
	groups   []string // group IDs
	accounts []int64  // member UINs
	rcID     string
}

func (f accessFixture) assignments() int { return len(f.groups) * len(f.accounts) }
func (f accessFixture) pages() int       { return (f.assignments() + pageSize - 1) / pageSize }

func newAccessFixture(ctx context.Context, sim *e2e.Sim, rcName string) (accessFixture, error) {
	f := accessFixture{zone: sim.Ready.ZoneID}
	api, err := sim.API(ctx)
	if err != nil {
		return f, err
	}
	groups, err := api.ListGroups(ctx, idc.ListGroupsInput{ZoneID: f.zone})
	if err != nil {
		return f, err
	}
	for _, g := range groups {
		f.groups = append(f.groups, g.GroupID)
	}
	org, err := api.DescribeOrganization(ctx, "", "")
	if err != nil {
		return f, err
	}
	members, err := api.ListOrganizationMembers(ctx, idc.ListOrganizationMembersInput{})
	if err != nil {
		return f, err
	}
	for _, m := range members {
		if m.MemberUin != org.HostUin {
			f.accounts = append(f.accounts, m.MemberUin)
		}
	}
	if len(f.groups) != accessGroups || len(f.accounts) != accessAccounts {
		return f, fmt.Errorf("the simulator holds %d groups and %d member accounts, want %d and %d", len(f.groups), len(f.accounts), accessGroups, accessAccounts)
	}
	rc, err := api.CreateRoleConfiguration(ctx, idc.CreateRoleConfigurationInput{ZoneID: f.zone, Name: rcName})
	if err != nil {
		return f, err
	}
	f.rcID = rc.RoleConfigurationID
	return f, nil
}

func (f accessFixture) keys() []idc.RoleAssignmentKey {
	var keys []idc.RoleAssignmentKey
	for _, g := range f.groups {
		for _, uin := range f.accounts {
			keys = append(keys, idc.RoleAssignmentKey{
				RoleConfigurationID: f.rcID, TargetType: idc.TargetTypeMember, TargetUin: uin,
				PrincipalType: idc.PrincipalTypeGroup, PrincipalID: g,
			})
		}
	}
	return keys
}

func startAccessSession(ctx context.Context, t tools, name string) (*session, error) {
	return startSession(ctx, t, name, "-seed-groups", strconv.Itoa(accessGroups),
		"-seed-accounts", strconv.Itoa(accessAccounts), "-task-delay", taskDelay.String())
}

// refreshResult is the refresh of one tencentcloudidc_role_assignment resource per assignment.
type refreshResult struct {
	assignments, pages int
	listCalls          int64 // ListRoleAssignments calls of one plan (the largest seen)
	otherCalls         int64 // every other call of that plan
	throttled          int64
	noRefresh, plan    time.Duration // best of each
}

// measureRefresh grants the assignments through the API, imports one resource per assignment,
// and times `plan` against `plan -refresh=false` of the same state.
func measureRefresh(ctx context.Context, c accessConfig, log io.Writer) (refreshResult, error) {
	var r refreshResult
	fmt.Fprintf(log, "\nrefresh: %d groups × %d accounts, one tencentcloudidc_role_assignment each\n", accessGroups, accessAccounts)
	sess, err := startAccessSession(ctx, c.tools, "access-refresh")
	if err != nil {
		return r, err
	}
	defer sess.stop()
	f, err := newAccessFixture(ctx, sess.sim, "bench-refresh")
	if err != nil {
		return r, err
	}
	r.assignments, r.pages = f.assignments(), f.pages()
	fmt.Fprintf(log, "  granting %d assignments through the API… ", r.assignments)
	if err := grant(ctx, sess.sim, f); err != nil {
		return r, err
	}
	fmt.Fprintln(log, "done")

	var tf strings.Builder
	for i, k := range f.keys() {
		fmt.Fprintf(&tf, `resource "tencentcloudidc_role_assignment" "a%d" {
  role_configuration_id = %q
  target_uin            = %d
  principal_type        = "Group"
  principal_id          = %q
}

import {
  to = tencentcloudidc_role_assignment.a%d
  id = "%s/%s/MemberUin/%d/Group/%s"
}

`, i, k.RoleConfigurationID, k.TargetUin, k.PrincipalID, i, f.zone, k.RoleConfigurationID, k.TargetUin, k.PrincipalID)
	}
	if err := sess.write("assignments.tf", tf.String()); err != nil {
		return r, err
	}
	fmt.Fprintf(log, "  importing them… ")
	if out, err := cliRun(ctx, c.cli, sess.work, sess.env, "apply", "-input=false", "-auto-approve", "-no-color"); err != nil {
		return r, fmt.Errorf("import: %w\n%s", err, tail(out))
	} else if !strings.Contains(string(out), fmt.Sprintf("%d imported, 0 added, 0 changed, 0 destroyed", r.assignments)) {
		return r, fmt.Errorf("import did not import %d assignments and change nothing:\n%s", r.assignments, tail(out))
	}
	fmt.Fprintln(log, "done")

	before, err := sess.sim.Stats(ctx)
	if err != nil {
		return r, err
	}
	for i := range c.runs {
		fmt.Fprintf(log, "  plan %d/%d -refresh=false… ", i+1, c.runs)
		d, err := timedCommand(ctx, c.cli, sess, "plan", "-input=false", "-lock=false", "-no-color", "-refresh=false", "-detailed-exitcode")
		if err != nil {
			return r, err
		}
		fmt.Fprintf(log, "%s\n", d.Round(time.Millisecond))
		r.noRefresh = best(r.noRefresh, d)

		fmt.Fprintf(log, "  plan %d/%d…                 ", i+1, c.runs)
		s0, err := sess.sim.Stats(ctx)
		if err != nil {
			return r, err
		}
		d, err = timedCommand(ctx, c.cli, sess, "plan", "-input=false", "-lock=false", "-no-color", "-detailed-exitcode")
		if err != nil {
			return r, err
		}
		s1, err := sess.sim.Stats(ctx)
		if err != nil {
			return r, err
		}
		calls := callsBetween(s0, s1)
		list := calls["ListRoleAssignments"]
		fmt.Fprintf(log, "%s, %d ListRoleAssignments calls, %d others\n", d.Round(time.Millisecond), list, total(calls)-list)
		if list > r.listCalls {
			r.listCalls, r.otherCalls = list, total(calls)-list
		}
		r.plan = best(r.plan, d)
	}
	after, err := sess.sim.Stats(ctx)
	if err != nil {
		return r, err
	}
	r.throttled = after.Throttled - before.Throttled
	return r, nil
}

func (r refreshResult) report(w io.Writer) bool {
	m := marker{}
	target := int64(maxRefreshCallsPerPage * r.pages)
	fmt.Fprintf(w, "\nrefresh of %d tencentcloudidc_role_assignment resources (one role configuration, %d pages of %d)\n", r.assignments, r.pages, pageSize)
	fmt.Fprintf(w, "  ListRoleAssignments per plan %d (target ≤ %d = %d × %d pages; one per resource would be %d) %s\n",
		r.listCalls, target, maxRefreshCallsPerPage, r.pages, r.assignments, m.mark(r.listCalls <= target))
	fmt.Fprintf(w, "  other API calls of that plan %d\n", r.otherCalls)
	fmt.Fprintf(w, "  plan -refresh=false / plan   %s / %s (best of each); the refresh adds %s\n",
		r.noRefresh.Round(time.Millisecond), r.plan.Round(time.Millisecond), (r.plan - r.noRefresh).Round(time.Millisecond))
	fmt.Fprintf(w, "  RequestLimitExceeded         %d (target 0) %s\n", r.throttled, m.mark(r.throttled == 0))
	return m.ok()
}

// exclusiveResult is the apply of every assignment through one tencentcloudidc_role_assignments_exclusive.
type exclusiveResult struct {
	assignments, pages, creates int
	calls                       map[string]int64 // of the apply beyond the carrier's (the largest run)
	throttled                   int64
	// noChange is an apply with nothing to do; baseline the apply of the carrier, the same 500
	// objects in a terraform_data; with the apply of the exclusive resource. Best of each.
	noChange, baseline, with time.Duration
}

func (r exclusiveResult) floor() time.Duration {
	perCall := time.Second / rateLimit
	return time.Duration(r.creates)*perCall + taskDelay + time.Duration(r.pages)*perCall
}

// measureExclusive times `apply` of one tencentcloudidc_role_assignments_exclusive holding
// every assignment against `apply` of a terraform_data carrying the same objects (and an apply
// with nothing to do, for the CLI's own share), destroying in between.
func measureExclusive(ctx context.Context, c accessConfig, log io.Writer) (exclusiveResult, error) {
	var r exclusiveResult
	fmt.Fprintf(log, "\nexclusive: %d groups × %d accounts in one tencentcloudidc_role_assignments_exclusive\n", accessGroups, accessAccounts)
	sess, err := startAccessSession(ctx, c.tools, "access-exclusive")
	if err != nil {
		return r, err
	}
	defer sess.stop()
	f, err := newAccessFixture(ctx, sess.sim, "bench-exclusive")
	if err != nil {
		return r, err
	}
	r.assignments, r.pages, r.creates = f.assignments(), f.pages(), (f.assignments()+createBatch-1)/createBatch
	api, err := sess.sim.API(ctx)
	if err != nil {
		return r, err
	}

	// Both timed variants carry the same 500 objects through the CLI and make one create: the
	// carrier through the CLI's built-in terraform_data, which calls nothing, so that the
	// difference is what our provider adds (API calls, waiting for tasks, its own work), not
	// the CLI's cost of planning and storing 500 objects.
	localsTF := fmt.Sprintf(`locals {
  groups   = [%s]
  accounts = [%s]
  assignments = [for pair in setproduct(local.groups, local.accounts) : {
    principal_type = "Group"
    principal_id   = pair[0]
    target_type    = "MemberUin"
    target_uin     = pair[1]
  }]
}
`, quoted(f.groups), joinInts(f.accounts))
	carrierTF := `resource "terraform_data" "carrier" {
  input = local.assignments
}
`
	exclusiveTF := fmt.Sprintf(`resource "tencentcloudidc_role_assignments_exclusive" "bench" {
  role_configuration_id = %q
  assignments           = local.assignments
}
`, f.rcID)
	if err := sess.write("locals.tf", localsTF); err != nil {
		return r, err
	}

	before, err := sess.sim.Stats(ctx)
	if err != nil {
		return r, err
	}
	apply := []string{"apply", "-input=false", "-auto-approve", "-no-color"}
	for i := range c.runs {
		fmt.Fprintf(log, "  apply %d/%d with nothing to change…  ", i+1, c.runs)
		d, err := timedCommand(ctx, c.cli, sess, apply...)
		if err != nil {
			return r, err
		}
		fmt.Fprintf(log, "%s\n", d.Round(time.Millisecond))
		r.noChange = best(r.noChange, d)

		fmt.Fprintf(log, "  apply %d/%d of the carrier…          ", i+1, c.runs)
		if err := sess.write("carrier.tf", carrierTF); err != nil {
			return r, err
		}
		s0, err := sess.sim.Stats(ctx)
		if err != nil {
			return r, err
		}
		if d, err = timedCommand(ctx, c.cli, sess, apply...); err != nil {
			return r, err
		}
		s1, err := sess.sim.Stats(ctx)
		if err != nil {
			return r, err
		}
		baseCalls := callsBetween(s0, s1)
		fmt.Fprintf(log, "%s\n", d.Round(time.Millisecond))
		r.baseline = best(r.baseline, d)
		if err := sess.remove("carrier.tf"); err != nil {
			return r, err
		}
		if _, err := timedCommand(ctx, c.cli, sess, apply...); err != nil {
			return r, err
		}

		fmt.Fprintf(log, "  apply %d/%d of the exclusive set…    ", i+1, c.runs)
		if err := sess.write("exclusive.tf", exclusiveTF); err != nil {
			return r, err
		}
		s2, err := sess.sim.Stats(ctx)
		if err != nil {
			return r, err
		}
		if d, err = timedCommand(ctx, c.cli, sess, apply...); err != nil {
			return r, err
		}
		s3, err := sess.sim.Stats(ctx)
		if err != nil {
			return r, err
		}
		calls := callsBetween(s2, s3)
		for action, n := range baseCalls {
			calls[action] -= n
		}
		fmt.Fprintf(log, "%s, %d API calls beyond the carrier's\n", d.Round(time.Millisecond), total(calls))
		if r.calls == nil || total(calls) > total(r.calls) {
			r.calls = calls
		}
		r.with = best(r.with, d)

		held, err := api.ListRoleAssignments(ctx, idc.ListRoleAssignmentsInput{ZoneID: f.zone, RoleConfigurationID: f.rcID})
		if err != nil {
			return r, err
		}
		if len(held) != r.assignments {
			return r, fmt.Errorf("after the apply the role configuration holds %d assignments, want %d", len(held), r.assignments)
		}
		fmt.Fprintf(log, "  destroying them… ")
		if err := sess.remove("exclusive.tf"); err != nil {
			return r, err
		}
		if out, err := cliRun(ctx, c.cli, sess.work, sess.env, apply...); err != nil {
			return r, fmt.Errorf("destroy: %w\n%s", err, tail(out))
		}
		held, err = api.ListRoleAssignments(ctx, idc.ListRoleAssignmentsInput{ZoneID: f.zone, RoleConfigurationID: f.rcID})
		if err != nil {
			return r, err
		}
		deployed, err := api.ListRoleConfigurationProvisionings(ctx, idc.ListProvisioningsInput{ZoneID: f.zone, RoleConfigurationID: f.rcID})
		if err != nil {
			return r, err
		}
		if len(held) != 0 || len(deployed) != 0 {
			return r, fmt.Errorf("after the destroy %d assignments and %d deployments are left, want none", len(held), len(deployed))
		}
		fmt.Fprintln(log, "done, no assignment or deployment left")
	}
	after, err := sess.sim.Stats(ctx)
	if err != nil {
		return r, err
	}
	r.throttled = after.Throttled - before.Throttled
	return r, nil
}

func (r exclusiveResult) report(w io.Writer) bool {
	m := marker{}
	added := r.with - r.baseline
	ratio := float64(added) / float64(r.floor())
	fmt.Fprintf(w, "\napply of %d assignments through one tencentcloudidc_role_assignments_exclusive\n", r.assignments)
	fmt.Fprintf(w, "  API calls of the apply       %d (target ≤ %d) %s: %s\n", total(r.calls), maxExclusiveCalls,
		m.mark(total(r.calls) <= maxExclusiveCalls), byAction(r.calls))
	fmt.Fprintf(w, "  apply: nothing / carrier / exclusive  %s / %s / %s (best of each; the carrier is the same 500 objects in a terraform_data)\n",
		r.noChange.Round(time.Millisecond), r.baseline.Round(time.Millisecond), r.with.Round(time.Millisecond))
	fmt.Fprintf(w, "  the CLI's own cost of 500 objects    %s (carrier − nothing)\n", (r.baseline - r.noChange).Round(time.Millisecond))
	fmt.Fprintf(w, "  added by the provider         %s (exclusive − carrier)\n", added.Round(time.Millisecond))
	fmt.Fprintf(w, "  floor                        %s = %d CreateRoleAssignment calls / %d s + %s task delay + %d pages read back / %d s\n",
		r.floor().Round(time.Millisecond), r.creates, rateLimit, taskDelay, r.pages, rateLimit)
	fmt.Fprintf(w, "  ratio added/floor            %.3f (target ≤ %.2f) %s\n", ratio, maxExclusiveRatio, m.mark(ratio <= maxExclusiveRatio))
	fmt.Fprintf(w, "  RequestLimitExceeded         %d (target 0) %s\n", r.throttled, m.mark(r.throttled == 0))
	return m.ok()
}

// grant makes every assignment of f through the API, 50 per call, and waits for the tasks.
func grant(ctx context.Context, sim *e2e.Sim, f accessFixture) error {
	api, err := sim.API(ctx)
	if err != nil {
		return err
	}
	var tasks []idc.Task
	for batch := range slices.Chunk(f.keys(), createBatch) {
		t, err := api.CreateRoleAssignment(ctx, f.zone, batch)
		if err != nil {
			return err
		}
		tasks = append(tasks, t...)
	}
	_, err = api.WaitForTasks(ctx, f.zone, f.rcID, tasks)
	return err
}

func timedCommand(ctx context.Context, cli string, s *session, args ...string) (time.Duration, error) {
	start := time.Now()
	out, err := cliRun(ctx, cli, s.work, s.env, args...)
	d := time.Since(start)
	if err != nil {
		return 0, fmt.Errorf("%s: %w\n%s", args[0], err, tail(out))
	}
	return d, nil
}

func callsBetween(a, b e2e.Stats) map[string]int64 {
	out := map[string]int64{}
	for action, n := range b.Calls {
		if d := n - a.Calls[action]; d != 0 {
			out[action] = d
		}
	}
	return out
}

func total(calls map[string]int64) int64 {
	var n int64
	for _, c := range calls {
		n += c
	}
	return n
}

func byAction(calls map[string]int64) string {
	var parts []string
	for _, action := range slices.Sorted(maps.Keys(calls)) {
		if calls[action] != 0 {
			parts = append(parts, fmt.Sprintf("%s %d", action, calls[action]))
		}
	}
	return strings.Join(parts, ", ")
}

func best(cur, d time.Duration) time.Duration {
	if cur == 0 || d < cur {
		return d
	}
	return cur
}

func quoted(s []string) string {
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = strconv.Quote(v)
	}
	return strings.Join(q, ", ")
}

func joinInts(v []int64) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = strconv.FormatInt(n, 10)
	}
	return strings.Join(s, ", ")
}

// tail is the end of a command's output, where the CLI prints its errors.
func tail(out []byte) string {
	const keep = 4000
	if len(out) > keep {
		return "…" + string(out[len(out)-keep:])
	}
	return string(out)
}

// marker marks figures against their targets and remembers whether one was missed.
type marker struct{ missed bool }

func (m *marker) mark(good bool) string {
	if good {
		return "ok"
	}
	m.missed = true
	return "MISSED"
}

func (m *marker) ok() bool { return !m.missed }
