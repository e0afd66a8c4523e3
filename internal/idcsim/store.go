package idcsim

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// stateFormat is the version of the state file's layout.
const stateFormat = 1

// stateFile is what the state file holds.
type stateFile struct {
	Format           int
	Zone             zoneState
	Users            []*User
	Groups           []*Group
	Memberships      []membership
	SCIMCredentials  []*scimCredential
	IdentityProvider *identityProvider `json:",omitempty"`
	// Organization, RoleConfigurations (with their policies), Provisionings and Tasks are the
	// access layer; a file written before they existed loads with none.
	Organization       *organization        `json:",omitempty"`
	RoleConfigurations []*roleConfiguration `json:",omitempty"`
	Provisionings      []*provisioning      `json:",omitempty"`
	Tasks              []*task              `json:",omitempty"`
	Assignments        []*roleAssignment    `json:",omitempty"`
	// PageTokenKey signs NextTokens; kept so that tokens stay valid across restarts.
	PageTokenKey []byte
}

// memberSet is the membership of one group, in join order.
type memberSet struct {
	joined map[string]time.Time // user ID → join time
	order  orderIndex
}

// store is all the simulator's state behind one mutex. Methods whose names end in Locked expect
// the caller to hold mu (read lock for reads, write lock for changes).
type store struct {
	mu   sync.RWMutex
	path string
	// syncFile flushes the temporary state file before the rename; tests replace it to prove
	// that a failed write leaves the previous file intact.
	syncFile func(*os.File) error

	zone        zoneState
	users       map[string]*User
	userByName  map[string]string // lower-case user name → ID
	userByEmail map[string]string // lower-case email → ID
	userSearch  map[string]string // ID → lower-case text that ListUsers' Filter searches
	userOrder   orderIndex
	groups      map[string]*Group
	groupByName map[string]string // lower-case group name → ID
	groupOrder  orderIndex
	members     map[string]*memberSet          // group ID → members
	userGroups  map[string]map[string]struct{} // user ID → group IDs
	credentials []*scimCredential              // in creation order
	idp         *identityProvider              // nil: no IdP configured
	tokenKey    []byte

	org           *organization
	roleConfigs   map[string]*roleConfiguration
	rcByName      map[string]string // lower-case name → ID
	rcOrder       orderIndex
	provisionings map[string]*provisioning // provisioningKey → row
	provOrder     orderIndex
	tasks         map[string]*task
	taskOrder     orderIndex
	assignments   map[string]*roleAssignment // assignmentKey → assignment
	asgOrder      orderIndex
	// pendingTasks are the IDs of tasks still InProgress, for settleTasksLocked.
	pendingTasks []string
}

func newStore(path string) *store {
	return &store{
		path:        path,
		syncFile:    (*os.File).Sync,
		users:       map[string]*User{},
		userByName:  map[string]string{},
		userByEmail: map[string]string{},
		userSearch:  map[string]string{},
		groups:      map[string]*Group{},
		groupByName: map[string]string{},
		members:     map[string]*memberSet{},
		userGroups:  map[string]map[string]struct{}{},

		roleConfigs:   map[string]*roleConfiguration{},
		rcByName:      map[string]string{},
		provisionings: map[string]*provisioning{},
		tasks:         map[string]*task{},
		assignments:   map[string]*roleAssignment{},
	}
}

// openStore loads the state file at path when it exists. It reports whether it did.
// A file that exists but cannot be read is an error: starting empty would overwrite it.
func openStore(path string) (*store, bool, error) {
	st := newStore(path)
	if path == "" {
		return st, false, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return st, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("reading state file: %w", err)
	}
	var sf stateFile
	if err := json.Unmarshal(data, &sf); err != nil {
		return nil, false, fmt.Errorf("parsing state file %s: %w", path, err)
	}
	if sf.Format != stateFormat {
		return nil, false, fmt.Errorf("state file %s has format %d, want %d", path, sf.Format, stateFormat)
	}
	if err := st.restore(&sf); err != nil {
		return nil, false, fmt.Errorf("state file %s: %w", path, err)
	}
	return st, true, nil
}

func (st *store) restore(sf *stateFile) error {
	st.zone = sf.Zone
	st.tokenKey = sf.PageTokenKey
	for _, u := range sf.Users {
		if err := st.addUserLocked(u); err != nil {
			return fmt.Errorf("user %s: %w", u.UserId, err)
		}
	}
	for _, g := range sf.Groups {
		if err := st.addGroupLocked(g); err != nil {
			return fmt.Errorf("group %s: %w", g.GroupId, err)
		}
	}
	for _, m := range sf.Memberships {
		if err := st.addMemberLocked(m.GroupId, m.UserId, m.JoinTime); err != nil {
			return fmt.Errorf("membership %s/%s: %w", m.GroupId, m.UserId, err)
		}
	}
	st.credentials = sf.SCIMCredentials
	st.idp = sf.IdentityProvider
	st.org = sf.Organization
	for _, rc := range sf.RoleConfigurations {
		if err := st.addRoleConfigurationLocked(rc); err != nil {
			return fmt.Errorf("role configuration %s: %w", rc.RoleConfigurationId, err)
		}
	}
	for _, p := range sf.Provisionings {
		if _, ok := st.roleConfigs[p.RoleConfigurationId]; !ok {
			return fmt.Errorf("provisioning %s: no such role configuration", p.key())
		}
		st.putProvisioningLocked(p)
	}
	for _, t := range sf.Tasks {
		st.addTaskLocked(t)
	}
	for _, a := range sf.Assignments {
		if _, ok := st.roleConfigs[a.RoleConfigurationId]; !ok {
			return fmt.Errorf("role assignment %s: no such role configuration", a.key())
		}
		st.putAssignmentLocked(a)
	}
	return nil
}

func (st *store) snapshotLocked() *stateFile {
	sf := &stateFile{
		Format:           stateFormat,
		Zone:             st.zone,
		Users:            make([]*User, 0, len(st.users)),
		Groups:           make([]*Group, 0, len(st.groups)),
		Memberships:      []membership{},
		SCIMCredentials:  st.credentials,
		IdentityProvider: st.idp,
		PageTokenKey:     st.tokenKey,
	}
	sf.Organization = st.org
	for _, k := range st.rcOrder.keys {
		sf.RoleConfigurations = append(sf.RoleConfigurations, st.roleConfigs[k.ID])
	}
	for _, k := range st.provOrder.keys {
		sf.Provisionings = append(sf.Provisionings, st.provisionings[k.ID])
	}
	for _, k := range st.taskOrder.keys {
		sf.Tasks = append(sf.Tasks, st.tasks[k.ID])
	}
	for _, k := range st.asgOrder.keys {
		sf.Assignments = append(sf.Assignments, st.assignments[k.ID])
	}
	for _, k := range st.userOrder.keys {
		sf.Users = append(sf.Users, st.users[k.ID])
	}
	for _, k := range st.groupOrder.keys {
		sf.Groups = append(sf.Groups, st.groups[k.ID])
		for _, mk := range st.members[k.ID].order.keys {
			sf.Memberships = append(sf.Memberships, membership{GroupId: k.ID, UserId: mk.ID, JoinTime: time.Unix(0, mk.At).UTC()})
		}
	}
	if sf.SCIMCredentials == nil {
		sf.SCIMCredentials = []*scimCredential{}
	}
	return sf
}

// persistLocked writes the whole state to the state file, atomically: a temporary file in the same
// directory is written and fsynced, then renamed over the old file, then the directory is synced.
// A crash at any point leaves either the old or the new file, never a mix.
func (st *store) persistLocked() error {
	if st.path == "" {
		return nil
	}
	data, err := json.Marshal(st.snapshotLocked())
	if err != nil {
		return fmt.Errorf("encoding state: %w", err)
	}
	dir, base := filepath.Split(st.path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("creating temporary state file: %w", err)
	}
	ok := false
	defer func() {
		if !ok {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("writing temporary state file: %w", err)
	}
	if err := st.syncFile(tmp); err != nil {
		return fmt.Errorf("syncing temporary state file: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("closing temporary state file: %w", err)
	}
	if err := os.Rename(tmp.Name(), st.path); err != nil {
		return fmt.Errorf("replacing state file: %w", err)
	}
	ok = true
	// The rename is durable only once the directory entry is; some file systems refuse to
	// sync a directory, which is not worth failing the change for.
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}

// ensureTokenKeyLocked creates the key that signs NextTokens on first use.
func (st *store) ensureTokenKeyLocked() {
	if len(st.tokenKey) == 0 {
		st.tokenKey = make([]byte, 32)
		_, _ = rand.Read(st.tokenKey)
	}
}

// syncEnabledLocked reports whether SCIM synchronization is on: Synchronized users, groups and
// memberships are then read-only through the API.
func (st *store) syncEnabledLocked() bool {
	return st.zone.ScimSyncStatus == statusEnabled
}

// --- users -------------------------------------------------------------------------------

var (
	userNamePattern  = regexp.MustCompile(`^[A-Za-z0-9+=,.@_-]{1,64}$`)
	emailPattern     = regexp.MustCompile(`^[^@\s]+@[^@\s]+$`)
	groupNamePattern = regexp.MustCompile(`^[A-Za-z0-9-]{1,128}$`)
)

func checkLen(field, value string, limit int) *apiError {
	if utf8.RuneCountInString(value) > limit {
		return errf(codeInvalidParameterValue, "%s must be at most %d characters.", field, limit)
	}
	return nil
}

func checkEnum(code, field, value string, allowed ...string) *apiError {
	for _, a := range allowed {
		if value == a {
			return nil
		}
	}
	return errf(code, "%s must be one of %s, not %q.", field, strings.Join(allowed, ", "), value)
}

// validateUser checks a user's fields against the documented limits.
func validateUser(u *User) *apiError {
	if !userNamePattern.MatchString(u.UserName) {
		return errf(codeUsernameFormatError, "UserName must be 1-64 letters, digits or + = , . @ - _.")
	}
	for _, c := range []struct {
		field, value string
		limit        int
	}{
		{"FirstName", u.FirstName, 64},
		{"LastName", u.LastName, 64},
		{"DisplayName", u.DisplayName, 256},
		{"Description", u.Description, 1024},
		{"Email", u.Email, 128},
	} {
		if err := checkLen(c.field, c.value, c.limit); err != nil {
			return err
		}
	}
	if u.Email != "" && !emailPattern.MatchString(u.Email) {
		return errf(codeInvalidParameterValue, "Email %q is not an email address.", u.Email)
	}
	if err := checkEnum(codeInvalidParameterValue, "UserStatus", u.UserStatus, statusEnabled, statusDisabled); err != nil {
		return err
	}
	return checkEnum(codeInvalidParameterValue, "UserType", u.UserType, typeManual, typeSynchronized)
}

func userSearchText(u *User) string {
	return strings.ToLower(u.UserName + "\x00" + u.Email + "\x00" + u.UserId + "\x00" + u.Description)
}

func (st *store) userQuotaLocked() int {
	return max(st.zone.UserQuota, defaultUserQuota)
}

func (st *store) groupQuotaLocked() int {
	return max(st.zone.GroupQuota, defaultGroupQuota)
}

// insertUserLocked adds a new user after checking its fields, uniqueness and the quota. The
// caller fills UserId and the times.
func (st *store) insertUserLocked(u *User) *apiError {
	if err := validateUser(u); err != nil {
		return err
	}
	if len(st.users) >= st.userQuotaLocked() {
		return errf(codeUserOverUpperLimit, "The zone already has %d users, its quota.", len(st.users))
	}
	return st.addUserLocked(u)
}

// addUserLocked indexes a user after checking only uniqueness. Loading the state file uses it
// directly: what was stored once stays loadable even if the field rules change.
func (st *store) addUserLocked(u *User) *apiError {
	if _, dup := st.users[u.UserId]; dup {
		return errf(codeInternalError, "user ID %s is already taken.", u.UserId)
	}
	if _, dup := st.userByName[strings.ToLower(u.UserName)]; dup {
		return errf(codeUsernameAlreadyExists, "A user named %q already exists.", u.UserName)
	}
	if u.Email != "" {
		if _, dup := st.userByEmail[strings.ToLower(u.Email)]; dup {
			return errf(codeEmailAlreadyExists, "A user with email %q already exists.", u.Email)
		}
	}
	st.users[u.UserId] = u
	st.userByName[strings.ToLower(u.UserName)] = u.UserId
	if u.Email != "" {
		st.userByEmail[strings.ToLower(u.Email)] = u.UserId
	}
	st.userSearch[u.UserId] = userSearchText(u)
	st.userOrder.insert(keyOf(u.CreateTime, u.UserId))
	return nil
}

// replaceUserLocked stores new attributes for an existing user. UserId, UserName and CreateTime
// cannot change.
func (st *store) replaceUserLocked(updated *User) *apiError {
	old, ok := st.users[updated.UserId]
	if !ok {
		return errf(codeUserNotExist, "User %s does not exist.", updated.UserId)
	}
	updated.UserName = old.UserName
	if err := validateUser(updated); err != nil {
		return err
	}
	return st.putUserLocked(old, updated)
}

// putUserLocked stores updated in place of old (same UserId) after checking that a changed name or
// email is still free, and re-indexes both. The caller has validated the fields: the SCIM server
// renames users, which the API cannot.
func (st *store) putUserLocked(old, updated *User) *apiError {
	oldName, newName := strings.ToLower(old.UserName), strings.ToLower(updated.UserName)
	if newName != oldName {
		if _, dup := st.userByName[newName]; dup {
			return errf(codeUsernameAlreadyExists, "A user named %q already exists.", updated.UserName)
		}
	}
	oldEmail, newEmail := strings.ToLower(old.Email), strings.ToLower(updated.Email)
	if newEmail != "" && newEmail != oldEmail {
		if _, dup := st.userByEmail[newEmail]; dup {
			return errf(codeEmailAlreadyExists, "A user with email %q already exists.", updated.Email)
		}
	}
	if oldEmail != "" {
		delete(st.userByEmail, oldEmail)
	}
	if newEmail != "" {
		st.userByEmail[newEmail] = updated.UserId
	}
	delete(st.userByName, oldName)
	st.userByName[newName] = updated.UserId
	updated.CreateTime = old.CreateTime
	st.users[updated.UserId] = updated
	st.userSearch[updated.UserId] = userSearchText(updated)
	return nil
}

func (st *store) deleteUserLocked(id string) {
	u, ok := st.users[id]
	if !ok {
		return
	}
	for gid := range st.userGroups[id] {
		st.removeMemberLocked(gid, id)
	}
	st.dropPrincipalAssignmentsLocked(id)
	delete(st.users, id)
	delete(st.userByName, strings.ToLower(u.UserName))
	if u.Email != "" {
		delete(st.userByEmail, strings.ToLower(u.Email))
	}
	delete(st.userSearch, id)
	st.userOrder.remove(keyOf(u.CreateTime, id))
}

// --- groups ------------------------------------------------------------------------------

func validateGroup(g *Group) *apiError {
	if !groupNamePattern.MatchString(g.GroupName) {
		return errf(codeGroupNameFormatError, "GroupName must be 1-128 letters, digits or -.")
	}
	return validateGroupFields(g)
}

// validateGroupFields checks everything but the name.
func validateGroupFields(g *Group) *apiError {
	if err := checkLen("Description", g.Description, 1024); err != nil {
		return err
	}
	return checkEnum(codeInvalidParameterValue, "GroupType", g.GroupType, typeManual, typeSynchronized)
}

// insertGroupLocked adds a new group after checking its fields, uniqueness and the quota.
func (st *store) insertGroupLocked(g *Group) *apiError {
	if err := validateGroup(g); err != nil {
		return err
	}
	if len(st.groups) >= st.groupQuotaLocked() {
		return errf(codeGroupOverUpperLimit, "The zone already has %d groups, its quota.", len(st.groups))
	}
	return st.addGroupLocked(g)
}

// addGroupLocked indexes a group after checking only uniqueness (see addUserLocked).
func (st *store) addGroupLocked(g *Group) *apiError {
	if _, dup := st.groups[g.GroupId]; dup {
		return errf(codeInternalError, "group ID %s is already taken.", g.GroupId)
	}
	if _, dup := st.groupByName[strings.ToLower(g.GroupName)]; dup {
		return errf(codeGroupNameAlreadyExists, "A group named %q already exists.", g.GroupName)
	}
	st.groups[g.GroupId] = g
	st.groupByName[strings.ToLower(g.GroupName)] = g.GroupId
	st.groupOrder.insert(keyOf(g.CreateTime, g.GroupId))
	st.members[g.GroupId] = &memberSet{joined: map[string]time.Time{}}
	return nil
}

func (st *store) replaceGroupLocked(updated *Group) *apiError {
	old, ok := st.groups[updated.GroupId]
	if !ok {
		return errf(codeGroupNotExist, "Group %s does not exist.", updated.GroupId)
	}
	// Only a new name must follow the API's rule: groups made over SCIM have names with spaces,
	// and the API may still edit them once synchronization is off.
	check := validateGroup
	if updated.GroupName == old.GroupName {
		check = validateGroupFields
	}
	if err := check(updated); err != nil {
		return err
	}
	return st.putGroupLocked(old, updated)
}

// putGroupLocked stores updated in place of old (same GroupId) after checking that a changed name
// is still free. The caller has validated the fields: SCIM group names follow other rules than
// the API's.
func (st *store) putGroupLocked(old, updated *Group) *apiError {
	oldName, newName := strings.ToLower(old.GroupName), strings.ToLower(updated.GroupName)
	if newName != oldName {
		if _, dup := st.groupByName[newName]; dup {
			return errf(codeGroupNameAlreadyExists, "A group named %q already exists.", updated.GroupName)
		}
		delete(st.groupByName, oldName)
		st.groupByName[newName] = updated.GroupId
	}
	updated.CreateTime = old.CreateTime
	st.groups[updated.GroupId] = updated
	return nil
}

func (st *store) deleteGroupLocked(id string) {
	g, ok := st.groups[id]
	if !ok {
		return
	}
	for uid := range st.members[id].joined {
		st.removeMemberLocked(id, uid)
	}
	st.dropPrincipalAssignmentsLocked(id)
	delete(st.members, id)
	delete(st.groups, id)
	delete(st.groupByName, strings.ToLower(g.GroupName))
	st.groupOrder.remove(keyOf(g.CreateTime, id))
}

// --- memberships -------------------------------------------------------------------------

func (st *store) addMemberLocked(groupID, userID string, at time.Time) *apiError {
	set, ok := st.members[groupID]
	if !ok {
		return errf(codeGroupNotExist, "Group %s does not exist.", groupID)
	}
	if _, ok := st.users[userID]; !ok {
		return errf(codeUserNotExist, "User %s does not exist.", userID)
	}
	if _, dup := set.joined[userID]; dup {
		return errf(codeGroupUserAlreadyExists, "User %s is already in group %s.", userID, groupID)
	}
	set.joined[userID] = at
	set.order.insert(keyOf(at, userID))
	if st.userGroups[userID] == nil {
		st.userGroups[userID] = map[string]struct{}{}
	}
	st.userGroups[userID][groupID] = struct{}{}
	return nil
}

func (st *store) removeMemberLocked(groupID, userID string) {
	set, ok := st.members[groupID]
	if !ok {
		return
	}
	at, ok := set.joined[userID]
	if !ok {
		return
	}
	delete(set.joined, userID)
	set.order.remove(keyOf(at, userID))
	delete(st.userGroups[userID], groupID)
	if len(st.userGroups[userID]) == 0 {
		delete(st.userGroups, userID)
	}
}

func (st *store) isMemberLocked(groupID, userID string) bool {
	set, ok := st.members[groupID]
	if !ok {
		return false
	}
	_, ok = set.joined[userID]
	return ok
}

func (st *store) memberCountLocked(groupID string) int {
	if set, ok := st.members[groupID]; ok {
		return len(set.joined)
	}
	return 0
}

// --- SCIM credentials --------------------------------------------------------------------

func (st *store) credentialLocked(id string) (int, *scimCredential) {
	for i, c := range st.credentials {
		if c.CredentialId == id {
			return i, c
		}
	}
	return -1, nil
}
