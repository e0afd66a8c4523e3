package acctest

import (
	"errors"
	"fmt"
	"maps"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// Call counts read the simulator's statistics, which ResetStats sets back to zero: a test
// resets them in a step's PreConfig and checks them in that step's Check.

// mutatingVerbs are the verbs of the API actions that change the service's state; every other
// action (Describe, Get, List) only reads.
var mutatingVerbs = []string{"Create", "Update", "Set", "Delete", "Add", "Remove", "Clear", "Open"}

// IsMutating reports whether the Identity Center API action changes the service's state.
func IsMutating(action string) bool {
	for _, verb := range mutatingVerbs {
		if strings.HasPrefix(action, verb) {
			return true
		}
	}
	return false
}

// Calls returns how many times the simulator was asked for action since the last ResetStats.
func (e *Env) Calls(action string) int64 {
	return e.Sim.Stats().Calls[action]
}

// MutatingCalls returns the state-changing actions the simulator received since the last
// ResetStats, with their counts.
func (e *Env) MutatingCalls() map[string]int64 {
	out := map[string]int64{}
	for action, n := range e.Sim.Stats().Calls {
		if IsMutating(action) && n > 0 {
			out[action] = n
		}
	}
	return out
}

// NoMutatingCalls fails when the simulator received a state-changing call since the last
// ResetStats; what names what should have left the service alone ("a refused plan").
func (e *Env) NoMutatingCalls(what string) error {
	if calls := e.MutatingCalls(); len(calls) > 0 {
		return fmt.Errorf("%s changed the service: %v", what, calls)
	}
	return nil
}

// CheckNoMutatingCalls is NoMutatingCalls as a test step's Check.
func (e *Env) CheckNoMutatingCalls(what string) func(*terraform.State) error {
	return func(*terraform.State) error { return e.NoMutatingCalls(what) }
}

// CheckCalls checks the simulator's count of each action in want since the last ResetStats,
// and that no state-changing action outside want was called.
func (e *Env) CheckCalls(want map[string]int64) func(*terraform.State) error {
	return func(*terraform.State) error {
		all := e.Sim.Stats().Calls
		var errs []error
		for action, n := range want {
			if got := all[action]; got != n {
				errs = append(errs, fmt.Errorf("%s called %d times, want %d (all calls: %v)", action, got, n, all))
			}
		}
		for action, n := range e.MutatingCalls() {
			if _, ok := want[action]; !ok {
				errs = append(errs, fmt.Errorf("unexpected %s (%d calls)", action, n))
			}
		}
		return errors.Join(errs...)
	}
}

// CheckExactCalls checks that the calls since the last ResetStats, reads included, are exactly
// want; what names the step's operation ("a refresh").
func (e *Env) CheckExactCalls(what string, want map[string]int64) func(*terraform.State) error {
	return func(*terraform.State) error {
		if got := e.Sim.Stats().Calls; !maps.Equal(got, want) {
			return fmt.Errorf("%s made the calls %v, want exactly %v", what, got, want)
		}
		return nil
	}
}
