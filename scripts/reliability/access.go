package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/e2e"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

const (
	typeExclusive = "tencentcloudidc_role_assignments_exclusive"
	typeRC        = "tencentcloudidc_role_configuration"

	// accessAccount is the member account examples/complete's access step targets.
	accessAccount = "sim-account-01"
	// maxConvergingRuns bounds the re-runs of a command that failed on injected task failures.
	maxConvergingRuns = 6
)

var (
	// A failed task as the provider must report it: the task's ID and the service's reason
	// (the simulator's task-failure fault gives this one).
	taskIDPattern         = regexp.MustCompile(`\bt-[a-z0-9]{12}\b`)
	injectedFailureReason = "Simulated task failure"
)

// grantAccess gives the pushed group the example's role configuration on one member account
// (examples/complete's var.access), the step after the SCIM push.
func (ss *session) grantAccess(ctx context.Context, api *idc.Client) {
	tfvars := fmt.Sprintf("access = {\n  group_name   = %q\n  account_name = %q\n}\n", e2e.DemoGroup, accessAccount)
	if err := os.WriteFile(filepath.Join(ss.dir, "access.auto.tfvars"), []byte(tfvars), 0o600); err != nil {
		ss.s.t.checkFailures++
		ss.problem("writing access.auto.tfvars: %v", err)
		return
	}
	if !ss.converge(ctx, "apply", "-auto-approve", "-input=false", "-no-color") {
		return
	}
	ss.checkAssignments(ctx, api, "after the access apply")
}

// converge runs a command until it succeeds. A run that fails only because the simulator
// failed a task it was told to fail is counted as such, and must name the task and the
// service's reason; any other failure counts as a failed command and stops.
func (ss *session) converge(ctx context.Context, args ...string) bool {
	for range maxConvergingRuns {
		res, ok := ss.cli(ctx, false, args...)
		if ok {
			return true
		}
		out := res.Output()
		if !strings.Contains(out, injectedFailureReason) {
			ss.s.t.failed++
			ss.problem("%s %s exited %d:\n%s", ss.s.cli.Name, strings.Join(args, " "), res.Code, indent(e2e.Tail(out, 30)))
			return false
		}
		ss.s.t.taskFailures++
		if taskIDPattern.MatchString(out) {
			ss.s.t.taskFailuresReported++
		} else {
			ss.problem("%s %s failed on an injected task failure without naming the task:\n%s",
				ss.s.cli.Name, strings.Join(args, " "), indent(e2e.Tail(out, 30)))
		}
	}
	ss.s.t.failed++
	ss.problem("%s %s did not converge in %d runs of injected task failures", ss.s.cli.Name, strings.Join(args, " "), maxConvergingRuns)
	return false
}

// stateAssignments is the set of assignment keys the state's exclusive resources hold, by
// role configuration.
func stateAssignments(st e2e.State) map[string]map[idc.RoleAssignmentKey]bool {
	out := map[string]map[idc.RoleAssignmentKey]bool{}
	for _, r := range st.Managed(typeExclusive) {
		rc, _ := r["role_configuration_id"].(string)
		keys := map[idc.RoleAssignmentKey]bool{}
		items, _ := r["assignments"].([]any)
		for _, it := range items {
			m, _ := it.(map[string]any)
			uin, _ := m["target_uin"].(float64)
			k := idc.RoleAssignmentKey{RoleConfigurationID: rc, TargetUin: int64(uin)}
			k.TargetType, _ = m["target_type"].(string)
			k.PrincipalType, _ = m["principal_type"].(string)
			k.PrincipalID, _ = m["principal_id"].(string)
			keys[k] = true
		}
		out[rc] = keys
	}
	return out
}

// checkAssignments counts the assignments of the state's role configurations that the state
// does not hold (untracked) and the state's that the service lacks (missing).
func (ss *session) checkAssignments(ctx context.Context, api *idc.Client, when string) {
	st, err := e2e.ReadState(ss.dir)
	if err != nil {
		ss.s.t.checkFailures++
		ss.problem("%s: reading the state: %v", when, err)
		return
	}
	held := stateAssignments(st)
	if len(held) == 0 {
		ss.s.t.checkFailures++
		ss.problem("%s: the state holds no %s", when, typeExclusive)
		return
	}
	for rc, keys := range held {
		got, err := api.ListRoleAssignments(ctx, idc.ListRoleAssignmentsInput{ZoneID: ss.sim.Ready.ZoneID, RoleConfigurationID: rc})
		if err != nil {
			ss.s.t.checkFailures++
			ss.problem("%s: listing the assignments of %s: %v", when, rc, err)
			return
		}
		inService := map[idc.RoleAssignmentKey]bool{}
		for _, a := range got {
			k := idc.RoleAssignmentKey{RoleConfigurationID: a.RoleConfigurationID, TargetType: a.TargetType, TargetUin: a.TargetUin,
				PrincipalType: a.PrincipalType, PrincipalID: a.PrincipalID}
			inService[k] = true
			if !keys[k] {
				ss.s.t.untracked++
				ss.problem("%s: %s %s on %d holds %s in the service but in no state (untracked)", when, a.PrincipalType, a.PrincipalID, a.TargetUin, rc)
			}
		}
		for k := range keys {
			if !inService[k] {
				ss.s.t.missing++
				ss.problem("%s: the state's assignment of %s to %s %s on %d is not in the service", when, rc, k.PrincipalType, k.PrincipalID, k.TargetUin)
			}
		}
		if len(keys) != 1 {
			ss.s.t.checkFailures++
			ss.problem("%s: role configuration %s has %d assignments in the state, want the group's one", when, rc, len(keys))
		}
	}
}

// roleConfigurationIDs are the role configurations the state holds, for the checks after destroy.
func roleConfigurationIDs(dir string) []string {
	st, err := e2e.ReadState(dir)
	if err != nil {
		return nil
	}
	return st.Strings(typeRC, "role_configuration_id")
}

// checkAccessDestroyed wants no role configuration, assignment or deployment left in the zone.
func (ss *session) checkAccessDestroyed(ctx context.Context, api *idc.Client, rcs []string) error {
	zone := ss.sim.Ready.ZoneID
	left, err := api.ListRoleConfigurations(ctx, idc.ListRoleConfigurationsInput{ZoneID: zone})
	if err != nil {
		return fmt.Errorf("listing role configurations: %w", err)
	}
	if len(left) != 0 {
		ss.s.t.checkFailures++
		ss.problem("after destroy: %d role configurations are left", len(left))
	}
	assignments, err := api.ListRoleAssignments(ctx, idc.ListRoleAssignmentsInput{ZoneID: zone})
	if err != nil {
		return fmt.Errorf("listing role assignments: %w", err)
	}
	ss.s.t.untracked += len(assignments)
	for _, a := range assignments {
		ss.problem("after destroy: %s %s still holds %s on %d", a.PrincipalType, a.PrincipalID, a.RoleConfigurationID, a.TargetUin)
	}
	for _, rc := range rcs {
		deployed, err := api.ListRoleConfigurationProvisionings(ctx, idc.ListProvisioningsInput{ZoneID: zone, RoleConfigurationID: rc})
		if err != nil {
			return fmt.Errorf("listing the deployments of %s: %w", rc, err)
		}
		ss.s.t.deploymentsLeft += len(deployed)
		for _, p := range deployed {
			ss.problem("after destroy: %s is still deployed on %d (%s)", rc, p.TargetUin, p.DeploymentStatus)
		}
	}
	return nil
}
