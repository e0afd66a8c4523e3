package provider

import "testing"

func TestRoleAssignmentOwnersClaim(t *testing.T) {
	type claim struct {
		zone, rc, kind string
		want           string
	}
	tests := []struct {
		name   string
		claims []claim
	}{
		{"one kind, claimed again", []claim{
			{"z-a", "rc-1", ownerRoleAssignmentsExclusive, ""},
			{"z-a", "rc-1", ownerRoleAssignmentsExclusive, ""},
		}},
		{"single resources only", []claim{
			{"z-a", "rc-1", ownerRoleAssignment, ""},
			{"z-a", "rc-1", ownerRoleAssignment, ""},
		}},
		{"exclusive first, then a single one", []claim{
			{"z-a", "rc-1", ownerRoleAssignmentsExclusive, ""},
			{"z-a", "rc-1", ownerRoleAssignment, ownerRoleAssignmentsExclusive},
			{"z-a", "rc-1", ownerRoleAssignmentsExclusive, ownerRoleAssignment},
		}},
		{"single first, then the exclusive one", []claim{
			{"z-a", "rc-1", ownerRoleAssignment, ""},
			{"z-a", "rc-1", ownerRoleAssignmentsExclusive, ownerRoleAssignment},
		}},
		{"other configurations and zones are apart", []claim{
			{"z-a", "rc-1", ownerRoleAssignmentsExclusive, ""},
			{"z-a", "rc-2", ownerRoleAssignment, ""},
			{"z-b", "rc-1", ownerRoleAssignment, ""},
			{"z-a", "rc-2", ownerRoleAssignmentsExclusive, ownerRoleAssignment},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var o roleAssignmentOwners
			for i, c := range tt.claims {
				if got := o.claim(c.zone, c.rc, c.kind); got != c.want {
					t.Errorf("claim %d (%s %s by %s) = %q, want %q", i, c.zone, c.rc, c.kind, got, c.want)
				}
			}
		})
	}
}

func TestRoleAssignmentOwnersConcurrent(t *testing.T) {
	var o roleAssignmentOwners
	done := make(chan string, 2)
	for _, kind := range []string{ownerRoleAssignment, ownerRoleAssignmentsExclusive} {
		go func() { done <- o.claim("z-a", "rc-1", kind) }()
	}
	first, second := <-done, <-done
	// Whichever came second saw the other: the conflict is found whatever the order.
	if (first == "") == (second == "") {
		t.Errorf("claims answered %q and %q, want exactly one to name the other kind", first, second)
	}
}
