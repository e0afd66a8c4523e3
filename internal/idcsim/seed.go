package idcsim

import (
	"cmp"
	"fmt"
	"time"
)

// seedUsersAndGroups makes sure the Synchronized users sim-user-00001…N and groups
// sim-group-00001…M exist, user i being a member of group ((i-1) mod M)+1. It is idempotent:
// on a restart with the same flags nothing is created twice. IDs derive from the zone and the
// name, so the same seed gives the same IDs on every run. The quotas grow to fit.
func seedUsersAndGroups(st *store, users, groups int, now time.Time) {
	// need is an upper bound (some seeds may exist already); the default quota stays free on top.
	if need := len(st.users) + users; need > st.userQuotaLocked() {
		st.zone.UserQuota = need + defaultUserQuota
	}
	if need := len(st.groups) + groups; need > st.groupQuotaLocked() {
		st.zone.GroupQuota = need + defaultGroupQuota
	}
	// Seeded objects are spread over the time just before now, one millisecond apart, so that
	// creation order (the list order) is the numeric order of their names.
	base := now.Add(-time.Duration(users+groups) * time.Millisecond)
	groupIDs := make([]string, 0, groups)
	for i := 1; i <= groups; i++ {
		name := fmt.Sprintf("sim-group-%05d", i)
		if id, ok := st.groupByName[name]; ok {
			groupIDs = append(groupIDs, id)
			continue
		}
		at := base.Add(time.Duration(i) * time.Millisecond)
		g := &Group{
			GroupId:     derivedID("g-", st.zone.ZoneId+"/"+name),
			GroupName:   name,
			Description: fmt.Sprintf("Simulator seed group %d", i),
			GroupType:   typeSynchronized,
			CreateTime:  at,
			UpdateTime:  at,
		}
		if _, taken := st.groups[g.GroupId]; taken {
			g.GroupId = randomID("g-")
		}
		if err := st.insertGroupLocked(g); err == nil {
			groupIDs = append(groupIDs, g.GroupId)
		}
	}
	for i := 1; i <= users; i++ {
		name := fmt.Sprintf("sim-user-%05d", i)
		id, ok := st.userByName[name]
		if !ok {
			at := base.Add(time.Duration(groups+i) * time.Millisecond)
			u := &User{
				UserId:      derivedID("u-", st.zone.ZoneId+"/"+name),
				UserName:    name,
				FirstName:   "Sim",
				LastName:    fmt.Sprintf("User%05d", i),
				DisplayName: fmt.Sprintf("Sim User %05d", i),
				Description: fmt.Sprintf("Simulator seed user %d", i),
				Email:       name + "@example.com",
				UserStatus:  statusEnabled,
				UserType:    typeSynchronized,
				CreateTime:  at,
				UpdateTime:  at,
			}
			if _, taken := st.users[u.UserId]; taken {
				u.UserId = randomID("u-")
			}
			if err := st.insertUserLocked(u); err != nil {
				continue // a name or email already used by a non-seed user
			}
			id = u.UserId
		}
		if len(groupIDs) > 0 {
			gid := groupIDs[(i-1)%len(groupIDs)]
			if !st.isMemberLocked(gid, id) {
				_ = st.addMemberLocked(gid, id, st.users[id].CreateTime)
			}
		}
	}
}

// AddUser stores a user directly, bypassing the API (for tests): the field checks, uniqueness and
// quota still apply, not the read-only rules of synchronized users. It fills UserId (u-…), the
// times, UserType (Synchronized) and UserStatus (Enabled) when they are empty, and writes the
// state file like any change.
func (s *Server) AddUser(u User) (User, error) {
	now := s.now()
	if u.UserId == "" {
		u.UserId = randomID("u-")
	}
	if u.CreateTime.IsZero() {
		u.CreateTime = now
	}
	if u.UpdateTime.IsZero() {
		u.UpdateTime = u.CreateTime
	}
	u.UserType = cmp.Or(u.UserType, typeSynchronized)
	u.UserStatus = cmp.Or(u.UserStatus, statusEnabled)
	st := s.store
	st.mu.Lock()
	defer st.mu.Unlock()
	stored := u
	if aerr := st.insertUserLocked(&stored); aerr != nil {
		return User{}, fmt.Errorf("adding user %s: %w", u.UserName, aerr)
	}
	if err := st.persistLocked(); err != nil {
		return User{}, fmt.Errorf("adding user %s: %w", u.UserName, err)
	}
	return u, nil
}

// AddGroup stores a group directly, bypassing the API (for tests). It fills GroupId (g-…), the
// times and GroupType (Synchronized) when they are empty.
func (s *Server) AddGroup(g Group) (Group, error) {
	now := s.now()
	if g.GroupId == "" {
		g.GroupId = randomID("g-")
	}
	if g.CreateTime.IsZero() {
		g.CreateTime = now
	}
	if g.UpdateTime.IsZero() {
		g.UpdateTime = g.CreateTime
	}
	g.GroupType = cmp.Or(g.GroupType, typeSynchronized)
	st := s.store
	st.mu.Lock()
	defer st.mu.Unlock()
	stored := g
	if aerr := st.insertGroupLocked(&stored); aerr != nil {
		return Group{}, fmt.Errorf("adding group %s: %w", g.GroupName, aerr)
	}
	if err := st.persistLocked(); err != nil {
		return Group{}, fmt.Errorf("adding group %s: %w", g.GroupName, err)
	}
	return g, nil
}

// AddGroupMember puts a user into a group directly, bypassing the API (for tests): no type or
// read-only checks, only that both exist and the user is not a member yet.
func (s *Server) AddGroupMember(groupID, userID string) error {
	st := s.store
	st.mu.Lock()
	defer st.mu.Unlock()
	if aerr := st.addMemberLocked(groupID, userID, s.now()); aerr != nil {
		return fmt.Errorf("adding user %s to group %s: %w", userID, groupID, aerr)
	}
	if err := st.persistLocked(); err != nil {
		return fmt.Errorf("adding user %s to group %s: %w", userID, groupID, err)
	}
	return nil
}
