package idcsim

import (
	"fmt"
	"maps"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/elimity-com/scim"
	scimerrors "github.com/elimity-com/scim/errors"
)

// scimUsers maps SCIM users onto the store's Synchronized users. Only Synchronized users exist
// for SCIM: users made through the API or the console (Manual) are invisible here, but their
// names and emails stay taken.
type scimUsers struct {
	*scimCollection[*User]
}

var _ scim.ResourceHandler = (*scimUsers)(nil)

func newSCIMUsers(h *scimServer) *scimUsers {
	return &scimUsers{&scimCollection[*User]{
		h: h, kind: scimUserKind, nameAttr: "userName",
		objects:    func(st *store) map[string]*User { return st.users },
		order:      func(st *store) *orderIndex { return &st.userOrder },
		byName:     func(st *store) map[string]string { return st.userByName },
		attributes: userAttributes,
		remove:     (*store).deleteUserLocked, // memberships go with the user
	}}
}

func (h *scimUsers) Create(r *http.Request, attrs scim.ResourceAttributes) (scim.Resource, error) {
	base := scimRequestFrom(r.Context()).base
	now := h.h.s.now()
	u := &User{UserId: randomID("u-"), UserType: typeSynchronized, CreateTime: now, UpdateTime: now}
	if serr := userFromDoc(attrs, u); serr != nil {
		return scim.Resource{}, *serr
	}
	st := h.h.s.store
	st.mu.Lock()
	defer st.mu.Unlock()
	if aerr := st.insertUserLocked(u); aerr != nil {
		return scim.Resource{}, scimFromAPI(aerr)
	}
	if err := h.h.commitLocked(); err != nil {
		return scim.Resource{}, err
	}
	return h.resource(st, u, base), nil
}

func (h *scimUsers) Replace(r *http.Request, id string, attrs scim.ResourceAttributes) (scim.Resource, error) {
	return h.update(r, id, replacing(attrs))
}

func (h *scimUsers) Patch(r *http.Request, id string, ops []scim.PatchOperation) (scim.Resource, error) {
	return h.update(r, id, h.patching(ops))
}

// update replaces user id's SCIM attributes by what change makes of the current ones, then
// checks and stores the result in one critical section.
func (h *scimUsers) update(r *http.Request, id string, change scimChange) (scim.Resource, error) {
	base := scimRequestFrom(r.Context()).base
	st := h.h.s.store
	st.mu.Lock()
	defer st.mu.Unlock()
	old, err := h.lookup(st, id)
	if err != nil {
		return scim.Resource{}, err
	}
	doc, serr := change(h.attributes(st, old, base))
	if serr != nil {
		return scim.Resource{}, *serr
	}
	updated := *old
	if serr := userFromDoc(doc, &updated); serr != nil {
		return scim.Resource{}, *serr
	}
	if !sameUser(old, &updated) {
		updated.UpdateTime = h.h.s.now()
		if aerr := validateUser(&updated); aerr != nil {
			return scim.Resource{}, scimFromAPI(aerr)
		}
		if aerr := st.putUserLocked(old, &updated); aerr != nil {
			return scim.Resource{}, scimFromAPI(aerr)
		}
		if err := h.h.commitLocked(); err != nil {
			return scim.Resource{}, err
		}
	}
	return h.resource(st, st.users[id], base), nil
}

// userAttributes renders u as SCIM attributes (externalId included; no id, schemas or meta): the
// stored SCIM attributes overlaid with the Identity Center fields they map to, which win.
func userAttributes(st *store, u *User, base string) map[string]any {
	doc := cloneMap(u.SCIMAttributes)
	doc["userName"] = u.UserName
	name, _ := doc["name"].(map[string]any)
	if name == nil {
		name = map[string]any{}
	}
	setOrDelete(name, "givenName", u.FirstName)
	setOrDelete(name, "familyName", u.LastName)
	doc["name"] = name
	if len(name) == 0 {
		delete(doc, "name")
	}
	setOrDelete(doc, "displayName", u.DisplayName)
	setOrDelete(doc, "externalId", u.ExternalId)
	doc["active"] = u.UserStatus == statusEnabled

	emails := asList(doc["emails"])
	switch i := mainEmail(emails); {
	case u.Email == "" && i >= 0:
		emails = slices.Delete(emails, i, i+1)
	case u.Email == "":
	case i >= 0:
		if m, ok := emails[i].(map[string]any); ok {
			m["value"] = u.Email
		}
	default:
		emails = []any{map[string]any{"value": u.Email, "type": "work", "primary": true}}
	}
	doc["emails"] = emails
	if len(emails) == 0 {
		delete(doc, "emails")
	}

	// groups is read-only and derived from the memberships (RFC 7643 §4.1.2).
	groupIDs := slices.Sorted(maps.Keys(st.userGroups[u.UserId]))
	groups := make([]any, 0, len(groupIDs))
	for _, gid := range groupIDs {
		groups = append(groups, map[string]any{
			"value": gid, "display": st.groups[gid].GroupName, "$ref": base + "/Groups/" + gid, "type": "direct",
		})
	}
	delete(doc, "groups")
	if len(groups) > 0 {
		doc["groups"] = groups
	}
	return doc
}

// userFromDoc sets u's SCIM-mapped fields from SCIM attributes: userName → UserName,
// name.givenName/familyName → FirstName/LastName, displayName, the primary (else the first)
// email → Email, active → UserStatus, externalId. Every other attribute is kept in
// SCIMAttributes, except the password, which is dropped: the simulator has no use for it and
// must not write it to its state file.
func userFromDoc(doc map[string]any, u *User) *scimerrors.ScimError {
	invalid := func(format string, args ...any) *scimerrors.ScimError {
		return scimStatus(http.StatusBadRequest, scimerrors.ScimTypeInvalidValue, fmt.Sprintf(format, args...))
	}
	userName, _ := doc["userName"].(string)
	if strings.TrimSpace(userName) == "" {
		return invalid("userName is required.")
	}
	name, _ := doc["name"].(map[string]any)
	active := true
	switch v := doc["active"].(type) {
	case nil:
	case bool:
		active = v
	default:
		return invalid("active must be true or false.")
	}
	emails := asList(doc["emails"])
	primaries := 0
	for _, e := range emails {
		if m, ok := e.(map[string]any); ok && m["primary"] == true {
			primaries++
		}
	}
	if primaries > 1 {
		return invalid("At most one email may be primary.")
	}
	email := ""
	if i := mainEmail(emails); i >= 0 {
		if m, ok := emails[i].(map[string]any); ok {
			email, _ = m["value"].(string)
		}
	}

	u.UserName = userName
	u.FirstName, _ = name["givenName"].(string)
	u.LastName, _ = name["familyName"].(string)
	u.DisplayName, _ = doc["displayName"].(string)
	u.ExternalId, _ = doc["externalId"].(string)
	u.Email = email
	u.UserStatus = statusDisabled
	if active {
		u.UserStatus = statusEnabled
	}

	extras := cloneMap(doc)
	for _, k := range []string{"userName", "displayName", "externalId", "active", "password", "groups", "id", "meta", "schemas"} {
		delete(extras, k)
	}
	if n, ok := extras["name"].(map[string]any); ok {
		delete(n, "givenName")
		delete(n, "familyName")
	}
	// An attribute set to null or [] is unassigned (RFC 7643 §2.5): keep nothing for it.
	for k, v := range extras {
		if v == nil || !present(v) && !isString(v) {
			delete(extras, k)
		}
	}
	u.SCIMAttributes = nil
	if len(extras) > 0 {
		u.SCIMAttributes = extras
	}
	return nil
}

func isString(v any) bool {
	_, ok := v.(string)
	return ok
}

// mainEmail is the index of the primary email, else of the first, else -1.
func mainEmail(emails []any) int {
	for i, e := range emails {
		if m, ok := e.(map[string]any); ok && m["primary"] == true {
			return i
		}
	}
	if len(emails) > 0 {
		return 0
	}
	return -1
}

func sameUser(a, b *User) bool {
	x, y := *a, *b
	x.UpdateTime, y.UpdateTime = time.Time{}, time.Time{}
	return reflect.DeepEqual(x, y)
}

func setOrDelete(m map[string]any, key, value string) {
	if value == "" {
		delete(m, key)
		return
	}
	m[key] = value
}
