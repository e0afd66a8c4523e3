package provider

import (
	"sort"
	"strings"
	"sync"
)

// Resource kinds that manage role assignments, as claim records them.
const (
	ownerRoleAssignment           = "tencentcloudidc_role_assignment"
	ownerRoleAssignmentsExclusive = "tencentcloudidc_role_assignments_exclusive"
)

// roleAssignmentOwners records, for one provider process, which resource types manage the
// assignments of each role configuration. tencentcloudidc_role_assignments_exclusive removes
// every assignment of its configuration that it does not list, so a tencentcloudidc_role_assignment
// of the same configuration would be deleted by one apply and re-created by the next, for
// ever. Neither resource sees the other's configuration, but both run in the same provider
// process during a plan: each claims its (zone, configuration) in Read and ModifyPlan, and the
// one that finds the other kind there reports the conflict.
type roleAssignmentOwners struct {
	mu     sync.Mutex
	owners map[roleAssignmentScope]map[string]bool
}

// claim records that a resource of kind (ownerRoleAssignment or ownerRoleAssignmentsExclusive)
// manages assignments of the role configuration, and returns another kind that already
// claimed it in this process ("" when none did). Claiming again with the same kind is not a
// conflict: one resource is read and planned several times, and two resources of the same
// kind cannot be told apart here (two tencentcloudidc_role_assignment are fine; two exclusive
// ones are not, and go undetected).
//
// tencentcloudidc_role_assignment calls it from Read and ModifyPlan as
// r.data.assignmentOwners.claim(zone, rcID, ownerRoleAssignment), and reports a non-empty
// answer as the exclusive resource does (see roleAssignmentsConflict).
func (o *roleAssignmentOwners) claim(zone, roleConfigurationID, kind string) (other string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.owners == nil {
		o.owners = map[roleAssignmentScope]map[string]bool{}
	}
	scope := roleAssignmentScope{zone, roleConfigurationID}
	kinds := o.owners[scope]
	if kinds == nil {
		kinds = map[string]bool{}
		o.owners[scope] = kinds
	}
	kinds[kind] = true
	var others []string
	for k := range kinds {
		if k != kind {
			others = append(others, k)
		}
	}
	sort.Strings(others)
	return strings.Join(others, ", ")
}

// roleAssignmentsConflict is the detail of the error both resources give when claim found the
// other kind on the same role configuration.
func roleAssignmentsConflict(zone, roleConfigurationID string) string {
	return "Role configuration " + roleConfigurationID + " in zone " + zone + " is managed by both " + ownerRoleAssignmentsExclusive +
		" and " + ownerRoleAssignment + " in this configuration. The exclusive resource removes every assignment of the role " +
		"configuration it does not list, so each apply would delete what the other creates. Nothing was changed. Manage the " +
		"configuration's assignments in one place: list them all in the " + ownerRoleAssignmentsExclusive + " resource's " +
		"assignments (and remove the " + ownerRoleAssignment + " resources from the state with `terraform state rm`, or a " +
		"`removed` block, so that they are not deleted), or drop the exclusive resource."
}
