package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

// assignmentProblem is one thing that went wrong while converging a configuration's
// assignments: what was being done, and the error (nil when what says it all, as for a
// task that ended Failed).
type assignmentProblem struct {
	what string
	err  error
}

// assignmentOutcome is what converge ran into.
type assignmentOutcome struct {
	problems         []assignmentProblem
	created, removed int
}

func (o *assignmentOutcome) failed() bool { return o != nil && len(o.problems) > 0 }

// shownProblems is how many problems a diagnostic lists before it counts the rest.
const shownProblems = 10

// converge makes the configuration's assignments exactly want, given current (what the
// service holds): it creates what is missing, up to 50 per call with a few calls in flight,
// waits for those tasks, then removes what is extra, one call each, and waits again. Creating
// first means that moving access from one principal to another on an account never leaves the
// account without the configuration, which the removal of its last assignment would undeploy.
// Every task is followed with WaitForTasks (one ListTasks listing for all of them).
func (r *roleAssignmentsExclusiveResource) converge(ctx context.Context, zone, rc string, want []idc.RoleAssignmentKey, current []idc.RoleAssignment, strategy string) *assignmentOutcome {
	out := &assignmentOutcome{}
	have := make(map[idc.RoleAssignmentKey]bool, len(current))
	for i := range current {
		have[assignmentKeyOf(&current[i])] = true
	}
	wanted := make(map[idc.RoleAssignmentKey]bool, len(want))
	var create []idc.RoleAssignmentKey
	for _, k := range want {
		wanted[k] = true
		if !have[k] {
			create = append(create, k)
		}
	}
	var remove []idc.RoleAssignmentKey
	for i := range current {
		if k := assignmentKeyOf(&current[i]); !wanted[k] {
			remove = append(remove, k)
		}
	}
	sortAssignmentKeys(remove)
	tflog.Info(ctx, "converging role assignments", map[string]any{"zone_id": zone, "role_configuration_id": rc,
		"create": len(create), "remove": len(remove), "keep": len(want) - len(create)})
	defer r.data.assignments.forget(zone, rc)

	if len(create) > 0 {
		tasks := r.createAll(ctx, zone, rc, create, out)
		r.waitAll(ctx, zone, rc, tasks, "create", out)
		out.created = len(tasks)
	}
	if len(remove) > 0 && ctx.Err() == nil {
		tasks := r.removeAll(ctx, zone, remove, strategy, out)
		r.waitAll(ctx, zone, rc, tasks, "removal", out)
		out.removed = len(tasks)
	}
	return out
}

// inFlight runs f(0) … f(n-1) with at most limit running at once.
func inFlight(limit, n int, f func(i int)) {
	sem := make(chan struct{}, limit)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			f(i)
		}()
	}
	wg.Wait()
}

func chunks(keys []idc.RoleAssignmentKey, size int) [][]idc.RoleAssignmentKey {
	var out [][]idc.RoleAssignmentKey
	for len(keys) > size {
		out = append(out, keys[:size])
		keys = keys[size:]
	}
	if len(keys) > 0 {
		out = append(out, keys)
	}
	return out
}

// describeBatch is "Group g-… on account … (MemberUin) and 49 more".
func describeBatch(keys []idc.RoleAssignmentKey) string {
	if len(keys) == 1 {
		return describeAssignmentKey(keys[0])
	}
	return fmt.Sprintf("%s and %d more", describeAssignmentKey(keys[0]), len(keys)-1)
}

// createAll sends the creates and returns the tasks started. A batch whose answer was lost,
// or that the service refused because one of its assignments already exists (another apply,
// the console, or this apply's own lost batch), is settled by looking: assignments that exist
// are done, those with a running create task are followed, and only the others are sent
// again, so nothing is made twice and nothing this apply made goes unfollowed.
func (r *roleAssignmentsExclusiveResource) createAll(ctx context.Context, zone, rc string, keys []idc.RoleAssignmentKey, out *assignmentOutcome) []idc.Task {
	type result struct {
		tasks []idc.Task
		err   error
	}
	var tasks []idc.Task
	pending := keys
	for round := 0; len(pending) > 0; round++ {
		batches := chunks(pending, maxAssignmentsPerCreate)
		results := make([]result, len(batches))
		inFlight(assignmentCallsInFlight, len(batches), func(i int) {
			results[i].tasks, results[i].err = r.data.client.CreateRoleAssignment(ctx, zone, batches[i])
		})
		r.data.assignments.forget(zone, rc)
		var unsure []idc.RoleAssignmentKey
		for i, res := range results {
			settleable := errors.Is(res.err, idc.ErrOutcomeUnknown) || errors.Is(res.err, idc.ErrAlreadyExists)
			switch {
			case res.err == nil:
				tasks = append(tasks, res.tasks...)
			case settleable && ctx.Err() == nil && round < createRounds-1:
				unsure = append(unsure, batches[i]...)
			default:
				out.problems = append(out.problems, assignmentProblem{what: "creating " + describeBatch(batches[i]), err: res.err})
			}
		}
		if len(unsure) == 0 {
			break
		}
		made, running, err := r.lookFor(ctx, zone, rc)
		if err != nil {
			out.problems = append(out.problems, assignmentProblem{
				what: fmt.Sprintf("finding out which of %s were made (the answer to their create was lost, or the service said some exist)", describeBatch(unsure)),
				err:  err,
			})
			break
		}
		pending = nil
		for _, k := range unsure {
			if t, ok := running[k]; ok {
				tasks = append(tasks, t)
			} else if !made[k] {
				pending = append(pending, k)
			}
		}
		tflog.Info(ctx, "settled role assignment creates whose outcome was unknown", map[string]any{"zone_id": zone,
			"role_configuration_id": rc, "unsure": len(unsure), "sent_again": len(pending)})
	}
	return tasks
}

// lookFor returns the configuration's assignments and its running create tasks, by key. The
// tasks are listed first: a task that ends between the two listings is then among the running
// ones (and WaitForTasks sees it done) or among the assignments, never in neither, which would
// send its create again.
func (r *roleAssignmentsExclusiveResource) lookFor(ctx context.Context, zone, rc string) (map[idc.RoleAssignmentKey]bool, map[idc.RoleAssignmentKey]idc.Task, error) {
	tasks, err := r.data.client.ListTasks(ctx, idc.ListTasksInput{ZoneID: zone, RoleConfigurationID: rc,
		Status: idc.TaskStatusInProgress, TaskType: taskTypeCreateRoleAssignment})
	if err != nil {
		return nil, nil, err
	}
	running := make(map[idc.RoleAssignmentKey]idc.Task, len(tasks))
	for i := range tasks {
		running[assignmentKeyOfTask(&tasks[i])] = tasks[i]
	}
	r.data.assignments.forget(zone, rc)
	list, err := r.data.assignments.list(ctx, r.data.client, zone, rc)
	if err != nil {
		return nil, nil, err
	}
	made := make(map[idc.RoleAssignmentKey]bool, len(list))
	for i := range list {
		made[assignmentKeyOf(&list[i])] = true
	}
	return made, running, nil
}

// removeAll sends one DeleteRoleAssignment per key (the API has no batch delete) and returns
// the tasks started. One already gone is done.
func (r *roleAssignmentsExclusiveResource) removeAll(ctx context.Context, zone string, keys []idc.RoleAssignmentKey, strategy string, out *assignmentOutcome) []idc.Task {
	tasks := make([]*idc.Task, len(keys))
	errs := make([]error, len(keys))
	inFlight(assignmentCallsInFlight, len(keys), func(i int) {
		if ctx.Err() != nil {
			errs[i] = context.Cause(ctx)
			return
		}
		tasks[i], errs[i] = r.data.client.DeleteRoleAssignment(ctx, zone, keys[i], strategy)
	})
	var started []idc.Task
	var skipped int
	for i, err := range errs {
		switch {
		case err == nil && tasks[i] != nil:
			started = append(started, *tasks[i])
		case err == nil, errors.Is(err, idc.ErrNotFound):
		case ctx.Err() != nil && errors.Is(err, context.Cause(ctx)):
			skipped++
		default:
			out.problems = append(out.problems, assignmentProblem{what: "removing " + describeAssignmentKey(keys[i]), err: err})
		}
	}
	if skipped > 0 {
		out.problems = append(out.problems, assignmentProblem{what: fmt.Sprintf("%d removal(s) not sent", skipped), err: context.Cause(ctx)})
	}
	return started
}

// waitAll follows tasks to their end and records those that failed with the service's reason.
func (r *roleAssignmentsExclusiveResource) waitAll(ctx context.Context, zone, rc string, tasks []idc.Task, kind string, out *assignmentOutcome) {
	if len(tasks) == 0 {
		return
	}
	final, err := r.data.client.WaitForTasks(ctx, zone, rc, tasks)
	for i := range final {
		t := &final[i]
		if t.Status != idc.TaskStatusFailed {
			continue
		}
		reason := t.FailureReason
		if reason == "" {
			reason = "the service gave no reason"
		}
		out.problems = append(out.problems, assignmentProblem{
			what: fmt.Sprintf("the %s of %s failed: task %s ended Failed: %s", kind, describeAssignmentKey(assignmentKeyOfTask(t)), t.TaskID, strings.TrimSuffix(reason, ".")),
		})
	}
	var unfinished *idc.TasksNotFinishedError
	switch {
	case errors.As(err, &unfinished):
		out.problems = append(out.problems, assignmentProblem{
			what: fmt.Sprintf("%d %s task(s) had not finished when the wait ended (%s); they may still succeed or fail, and the next plan reads what exists",
				len(unfinished.Pending), kind, strings.Join(firstFew(unfinished.Pending), ", ")),
			err: unfinished.Err,
		})
	case err != nil && !errors.Is(err, idc.ErrTaskFailed):
		out.problems = append(out.problems, assignmentProblem{what: fmt.Sprintf("following the %d %s task(s)", len(tasks), kind), err: err})
	}
}

func firstFew(ids []string) []string {
	if len(ids) <= shownAssignments {
		return ids
	}
	return append(append([]string{}, ids[:shownAssignments]...), fmt.Sprintf("and %d more", len(ids)-shownAssignments))
}

// finish records in m (and the state) the assignments that exist now, read back afresh, in
// the order of order (the plan's or the prior state's), and reports out's problems. A read back after the operation's timeout ran out gets a short
// time of its own, so that the state is honest even then.
func (r *roleAssignmentsExclusiveResource) finish(ctx context.Context, verb string, m *roleAssignmentsExclusiveModel, order []idc.RoleAssignmentKey,
	out *assignmentOutcome, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	zone, rc := m.ZoneID.ValueString(), m.RoleConfigurationID.ValueString()
	rctx := ctx
	if ctx.Err() != nil {
		var cancel context.CancelFunc
		rctx, cancel = context.WithTimeout(context.WithoutCancel(ctx), settleTimeout)
		defer cancel()
	}
	r.data.assignments.forget(zone, rc)
	list, err := r.data.assignments.list(rctx, r.data.client, zone, rc)
	if err != nil {
		out.problems = append(out.problems, assignmentProblem{what: "reading the assignments back afterwards", err: err})
		setAssignments(ctx, m, order)
	} else {
		setAssignments(ctx, m, assignmentsOrder(order, list))
	}
	if out.failed() {
		var b strings.Builder
		fmt.Fprintf(&b, "Could not %s every role assignment of %s as planned:\n", strings.ToLower(verb), m.target())
		for i, p := range out.problems {
			if i == shownProblems {
				fmt.Fprintf(&b, "\n- and %d more problems", len(out.problems)-shownProblems)
				break
			}
			b.WriteString("\n- " + p.what)
			if p.err != nil {
				b.WriteString(": " + strings.ReplaceAll(describeAPIErrorFor(verb, p.err), "\n\n", "\n  "))
			}
		}
		if err == nil {
			fmt.Fprintf(&b, "\n\nThe state holds the %d assignment(s) that exist now, as read back afterwards, so the next plan shows "+
				"what is still missing or extra and applying again converges.", len(list))
		} else {
			b.WriteString("\n\nThe assignments could not be read back: the next plan refreshes them and shows what is still missing or extra.")
		}
		if verb == "Create" {
			b.WriteString(" Terraform keeps the resource marked tainted, so the next apply replaces it: it removes every assignment " +
				"of the configuration and makes them all again. To add only the missing ones instead, run `terraform untaint` " +
				"on this resource first.")
		}
		diags.AddError(fmt.Sprintf("Unable to %s Role Assignments", verb), b.String())
	}
	if verb == "Delete" && !out.failed() {
		return
	}
	m.ID = types.StringValue(zone + "/" + rc)
	diags.Append(state.Set(ctx, m)...)
	if identity != nil {
		diags.Append(identity.Set(ctx, m.identity())...)
	}
}
