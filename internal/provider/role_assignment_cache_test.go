package provider

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/acctest"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idcsim"
)

// The reads of one role configuration's assignments in one provider process share one listing,
// concurrent ones included; a write makes the next read list again; an error is not kept.
func TestRoleAssignmentCache(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t, idcsim.Options{SeedAccounts: 50, SeedGroups: 5, TaskDelay: time.Millisecond})
	env.RequireSim(t)
	ctx := t.Context()
	keys := grantGroupsEverywhere(t, env, "cached")
	if len(keys) != 250 {
		t.Fatalf("%d assignments, want 5 groups × 50 accounts", len(keys))
	}
	listCalls := func() int64 { return env.Sim.Stats().Calls["ListRoleAssignments"] }

	var cache roleAssignmentCache
	start := listCalls()
	var wg sync.WaitGroup
	errs := make(chan error, len(keys))
	for _, k := range keys {
		wg.Go(func() {
			a, ok, err := cache.find(ctx, env.API, env.ZoneID, k)
			switch {
			case err != nil:
				errs <- err
			case !ok || a.PrincipalID != k.PrincipalID || a.TargetUin != k.TargetUin:
				errs <- fmt.Errorf("find(%+v) = %+v, %v", k, a, ok)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := listCalls() - start; n != 3 {
		t.Errorf("250 concurrent reads made %d ListRoleAssignments calls, want one listing of 3 pages", n)
	}

	missing := keys[0]
	missing.PrincipalID = "g-000000000000"
	if _, ok, err := cache.find(ctx, env.API, env.ZoneID, missing); ok || err != nil {
		t.Errorf("find of an assignment that does not exist = %v, %v; want not found", ok, err)
	}
	if n := listCalls() - start; n != 3 {
		t.Errorf("a read after the listing made a call (%d in all)", n)
	}

	if _, err := env.API.DeleteRoleAssignment(ctx, env.ZoneID, keys[0], ""); err != nil {
		t.Fatal(err)
	}
	waitUntilGone(t, env, keys[0])
	cache.forget(env.ZoneID, keys[0].RoleConfigurationID)
	start = listCalls()
	if _, ok, err := cache.find(ctx, env.API, env.ZoneID, keys[0]); ok || err != nil {
		t.Errorf("after forget, find of the deleted assignment = %v, %v; want it gone", ok, err)
	}
	if n := listCalls() - start; n != 3 {
		t.Errorf("the read after forget made %d calls, want a new listing of 3 pages", n)
	}

	other := roleAssignmentCache{}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := other.list(cancelled, env.API, env.ZoneID, keys[0].RoleConfigurationID); err == nil {
		t.Fatal("a listing with a cancelled context succeeded")
	}
	if list, err := other.list(ctx, env.API, env.ZoneID, keys[0].RoleConfigurationID); err != nil || len(list) != 249 {
		t.Errorf("after a failed listing: %d assignments, %v; want a new listing of 249", len(list), err)
	}
}

// grantGroupsEverywhere gives a new role configuration to every group of the zone on every
// member account, through the API, and waits for the tasks.
func grantGroupsEverywhere(t *testing.T, env *acctest.Env, rcName string) []idc.RoleAssignmentKey {
	t.Helper()
	ctx := t.Context()
	groups, err := env.API.ListGroups(ctx, idc.ListGroupsInput{ZoneID: env.ZoneID})
	if err != nil {
		t.Fatal(err)
	}
	org, err := env.API.DescribeOrganization(ctx, "", "")
	if err != nil {
		t.Fatal(err)
	}
	members, err := env.API.ListOrganizationMembers(ctx, idc.ListOrganizationMembersInput{})
	if err != nil {
		t.Fatal(err)
	}
	rc, err := env.API.CreateRoleConfiguration(ctx, idc.CreateRoleConfigurationInput{ZoneID: env.ZoneID, Name: rcName, SessionDuration: 3600})
	if err != nil {
		t.Fatal(err)
	}
	var keys []idc.RoleAssignmentKey
	for _, g := range groups {
		for _, m := range members {
			if m.MemberUin != org.HostUin {
				keys = append(keys, idc.RoleAssignmentKey{RoleConfigurationID: rc.RoleConfigurationID, TargetType: idc.TargetTypeMember,
					TargetUin: m.MemberUin, PrincipalType: idc.PrincipalTypeGroup, PrincipalID: g.GroupID})
			}
		}
	}
	var tasks []idc.Task
	for i := 0; i < len(keys); i += 50 {
		batch, err := env.API.CreateRoleAssignment(ctx, env.ZoneID, keys[i:min(i+50, len(keys))])
		if err != nil {
			t.Fatal(err)
		}
		tasks = append(tasks, batch...)
	}
	if _, err := env.API.WaitForTasks(ctx, env.ZoneID, rc.RoleConfigurationID, tasks); err != nil {
		t.Fatal(err)
	}
	return keys
}

func waitUntilGone(t *testing.T, env *acctest.Env, key idc.RoleAssignmentKey) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if _, err := env.API.GetRoleAssignment(t.Context(), env.ZoneID, key); err != nil {
			return
		}
	}
	t.Fatalf("assignment %+v still there after its delete", key)
}
