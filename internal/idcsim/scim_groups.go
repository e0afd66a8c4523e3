package idcsim

import (
	"cmp"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/elimity-com/scim"
	scimerrors "github.com/elimity-com/scim/errors"
)

// maxSCIMGroupName is the length limit of group names, the API's: only the API's character rule
// is lifted for SCIM groups, whose names from IdPs contain spaces ("Engineering Team").
const maxSCIMGroupName = 128

// scimGroups maps SCIM groups onto the store's Synchronized groups and their memberships.
type scimGroups struct {
	*scimCollection[*Group]
}

var _ scim.ResourceHandler = (*scimGroups)(nil)

func newSCIMGroups(h *scimServer) *scimGroups {
	return &scimGroups{&scimCollection[*Group]{
		h: h, kind: scimGroupKind, nameAttr: "displayName",
		objects:    func(st *store) map[string]*Group { return st.groups },
		order:      func(st *store) *orderIndex { return &st.groupOrder },
		byName:     func(st *store) map[string]string { return st.groupByName },
		attributes: groupAttributes,
		remove:     (*store).deleteGroupLocked, // members leave the group; the users stay
	}}
}

func (h *scimGroups) Create(r *http.Request, attrs scim.ResourceAttributes) (scim.Resource, error) {
	base := scimRequestFrom(r.Context()).base
	now := h.h.s.now()
	g := &Group{GroupId: randomID("g-"), GroupType: typeSynchronized, CreateTime: now, UpdateTime: now}
	members, serr := groupFromDoc(attrs, g)
	if serr != nil {
		return scim.Resource{}, *serr
	}
	st := h.h.s.store
	st.mu.Lock()
	defer st.mu.Unlock()
	if err := checkMembers(st, members); err != nil {
		return scim.Resource{}, err
	}
	if len(st.groups) >= st.groupQuotaLocked() {
		return scim.Resource{}, scimFromAPI(errf(codeGroupOverUpperLimit, "The zone already has %d groups, its quota.", len(st.groups)))
	}
	if aerr := st.addGroupLocked(g); aerr != nil {
		return scim.Resource{}, scimFromAPI(aerr)
	}
	setMembers(st, g.GroupId, members, now)
	if err := h.h.commitLocked(); err != nil {
		return scim.Resource{}, err
	}
	return h.resource(st, g, base), nil
}

func (h *scimGroups) Replace(r *http.Request, id string, attrs scim.ResourceAttributes) (scim.Resource, error) {
	return h.update(r, id, replacing(attrs))
}

// Patch answers 204 No Content unless the request asks for attributes (RFC 7644 §3.5.2 then
// requires 200 with the resource): Entra ID expects 204 from group PATCHes, and a large group's
// member list is not worth sending back.
func (h *scimGroups) Patch(r *http.Request, id string, ops []scim.PatchOperation) (scim.Resource, error) {
	res, err := h.update(r, id, h.patching(ops))
	if err != nil {
		return scim.Resource{}, err
	}
	if q := r.URL.Query(); !q.Has("attributes") && !q.Has("excludedAttributes") {
		return scim.Resource{ID: id}, nil // no attributes: the library answers 204
	}
	return res, nil
}

// update stores what change makes of group id's current SCIM attributes: name, externalId and
// the member list, all checked before anything changes.
func (h *scimGroups) update(r *http.Request, id string, change scimChange) (scim.Resource, error) {
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
	members, serr := groupFromDoc(doc, &updated)
	if serr != nil {
		return scim.Resource{}, *serr
	}
	if err := checkMembers(st, members); err != nil {
		return scim.Resource{}, err
	}
	now := h.h.s.now()
	changed := updated != *old
	if changed {
		if aerr := st.putGroupLocked(old, &updated); aerr != nil {
			return scim.Resource{}, scimFromAPI(aerr)
		}
	}
	if setMembers(st, id, members, now) {
		changed = true
	}
	if changed {
		st.groups[id].UpdateTime = now
		if err := h.h.commitLocked(); err != nil {
			return scim.Resource{}, err
		}
	}
	return h.resource(st, st.groups[id], base), nil
}

// groupAttributes renders g as SCIM attributes: displayName, externalId and the members in join
// order.
func groupAttributes(st *store, g *Group, base string) map[string]any {
	members := []any{}
	if set, ok := st.members[g.GroupId]; ok {
		for _, k := range set.order.keys {
			u := st.users[k.ID]
			members = append(members, map[string]any{
				"value": u.UserId, "display": cmp.Or(u.DisplayName, u.UserName), "$ref": base + "/Users/" + u.UserId, "type": "User",
			})
		}
	}
	doc := map[string]any{"displayName": g.GroupName, "members": members}
	setOrDelete(doc, "externalId", g.ExternalId)
	return doc
}

// groupFromDoc sets g's SCIM-mapped fields (displayName → GroupName, externalId) and returns the
// member user IDs the document lists, without duplicates, in order.
func groupFromDoc(doc map[string]any, g *Group) ([]string, *scimerrors.ScimError) {
	invalid := func(format string, args ...any) *scimerrors.ScimError {
		return scimStatus(http.StatusBadRequest, scimerrors.ScimTypeInvalidValue, fmt.Sprintf(format, args...))
	}
	name, _ := doc["displayName"].(string)
	switch {
	case strings.TrimSpace(name) == "":
		return nil, invalid("displayName is required.")
	case utf8.RuneCountInString(name) > maxSCIMGroupName:
		return nil, invalid("displayName must be at most %d characters.", maxSCIMGroupName)
	case strings.ContainsFunc(name, unicode.IsControl):
		return nil, invalid("displayName must not contain control characters.")
	}
	g.GroupName = name
	g.ExternalId, _ = doc["externalId"].(string)
	var members []string
	seen := map[string]bool{}
	for _, e := range asList(doc["members"]) {
		m, _ := e.(map[string]any)
		value, _ := m["value"].(string)
		if value == "" {
			return nil, invalid("Every member needs a value: the id of a user.")
		}
		if t, _ := m["type"].(string); t != "" && !strings.EqualFold(t, "User") {
			return nil, invalid("Member %s has type %q: Identity Center groups hold users only.", value, t)
		}
		if !seen[value] {
			seen[value] = true
			members = append(members, value)
		}
	}
	return members, nil
}

// checkMembers refuses member IDs that are not Synchronized users of the zone; group IDs, because
// Identity Center has no nested groups.
func checkMembers(st *store, ids []string) error {
	for _, id := range ids {
		if u, ok := st.users[id]; ok && u.UserType == typeSynchronized {
			continue
		}
		detail := fmt.Sprintf("Member %s is not a user of this zone provisioned over SCIM.", id)
		if _, ok := st.groups[id]; ok {
			detail = fmt.Sprintf("Member %s is a group: Identity Center has no nested groups.", id)
		}
		return scimerrors.ScimError{Status: http.StatusBadRequest, ScimType: scimerrors.ScimTypeInvalidValue, Detail: detail}
	}
	return nil
}

// setMembers makes want the members of group gid (new members join at now) and reports whether
// anything changed. The IDs are checked.
func setMembers(st *store, gid string, want []string, now time.Time) bool {
	wanted := make(map[string]bool, len(want))
	for _, uid := range want {
		wanted[uid] = true
	}
	changed := false
	for uid := range st.members[gid].joined {
		if !wanted[uid] {
			st.removeMemberLocked(gid, uid)
			changed = true
		}
	}
	for _, uid := range want {
		if !st.isMemberLocked(gid, uid) {
			if aerr := st.addMemberLocked(gid, uid, now); aerr == nil {
				changed = true
			}
		}
	}
	return changed
}
