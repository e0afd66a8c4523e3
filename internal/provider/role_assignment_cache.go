package provider

import (
	"context"
	"errors"
	"sync"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

// roleAssignmentCache shares one role configuration's assignment listing among the reads of one
// provider process. There is no GetRoleAssignment, and listing by all five key fields costs
// one call per assignment: a refresh of 500 assignments would make 500 calls (the official
// provider does, and at 15 requests per second that is over half a minute). Listing the
// configuration once, 100 per page, serves them all.
//
// Reads that arrive while a listing is under way wait for it instead of starting another. A
// write (any create or delete of an assignment of that configuration) forgets the listing, so
// that reads after it fetch again; an error is never kept.
type roleAssignmentCache struct {
	mu      sync.Mutex
	entries map[roleAssignmentScope]*roleAssignmentFetch
}

// roleAssignmentScope is what one listing covers: one role configuration of one zone.
type roleAssignmentScope struct {
	zone, roleConfigurationID string
}

type roleAssignmentFetch struct {
	done chan struct{}
	list []idc.RoleAssignment
	err  error
}

// list returns every assignment of the role configuration, from the listing this process
// already holds when there is one.
func (c *roleAssignmentCache) list(ctx context.Context, client *idc.Client, zone, roleConfigurationID string) ([]idc.RoleAssignment, error) {
	scope := roleAssignmentScope{zone, roleConfigurationID}
	for {
		c.mu.Lock()
		if c.entries == nil {
			c.entries = map[roleAssignmentScope]*roleAssignmentFetch{}
		}
		f, ok := c.entries[scope]
		if !ok {
			f = &roleAssignmentFetch{done: make(chan struct{})}
			c.entries[scope] = f
			c.mu.Unlock()
			f.list, f.err = client.ListRoleAssignments(ctx, idc.ListRoleAssignmentsInput{ZoneID: zone, RoleConfigurationID: roleConfigurationID})
			if f.err != nil {
				c.forgetFetch(scope, f)
			}
			close(f.done)
			return f.list, f.err
		}
		c.mu.Unlock()
		select {
		case <-f.done:
		case <-ctx.Done():
			return nil, context.Cause(ctx)
		}
		// A listing that ended because its caller's deadline passed says nothing about this
		// caller's: fetch again while this one still has time.
		if f.err != nil && (errors.Is(f.err, context.DeadlineExceeded) || errors.Is(f.err, context.Canceled)) && ctx.Err() == nil {
			continue
		}
		return f.list, f.err
	}
}

// find returns the assignment with key from the shared listing; ok is false when the
// configuration has no such assignment.
func (c *roleAssignmentCache) find(ctx context.Context, client *idc.Client, zone string, key idc.RoleAssignmentKey) (_ *idc.RoleAssignment, ok bool, _ error) {
	list, err := c.list(ctx, client, zone, key.RoleConfigurationID)
	if err != nil {
		return nil, false, err
	}
	for i := range list {
		a := &list[i]
		if a.RoleConfigurationID == key.RoleConfigurationID && a.TargetType == key.TargetType && a.TargetUin == key.TargetUin &&
			a.PrincipalType == key.PrincipalType && a.PrincipalID == key.PrincipalID {
			found := *a
			return &found, true, nil
		}
	}
	return nil, false, nil
}

// forget drops the listing of a role configuration after a write to its assignments (call it
// whether or not the write succeeded: a lost answer may have changed them too).
func (c *roleAssignmentCache) forget(zone, roleConfigurationID string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.entries, roleAssignmentScope{zone, roleConfigurationID})
}

func (c *roleAssignmentCache) forgetFetch(scope roleAssignmentScope, f *roleAssignmentFetch) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries[scope] == f {
		delete(c.entries, scope)
	}
}
