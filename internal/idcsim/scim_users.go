package idcsim

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/elimity-com/scim"
	scimerrors "github.com/elimity-com/scim/errors"
	"github.com/elimity-com/scim/optional"
)

// scimUsers maps SCIM users onto the store's Synchronized users. Only Synchronized users exist
// for SCIM: users made through the API or the console (Manual) are invisible here, but their
// names and emails stay taken.
type scimUsers struct {
	h    *scimServer
	kind *scimKind
}

var _ scim.ResourceHandler = (*scimUsers)(nil)

func (h *scimUsers) lookup(st *store, id string) (*User, error) {
	u, ok := st.users[id]
	if !ok || u.UserType != typeSynchronized {
		return nil, scimNotFound(id)
	}
	return u, nil
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

func (h *scimUsers) Get(r *http.Request, id string) (scim.Resource, error) {
	st := h.h.s.store
	st.mu.RLock()
	defer st.mu.RUnlock()
	u, err := h.lookup(st, id)
	if err != nil {
		return scim.Resource{}, err
	}
	return h.resource(st, u, scimRequestFrom(r.Context()).base), nil
}

func (h *scimUsers) GetAll(r *http.Request, params scim.ListRequestParams) (scim.Page, error) {
	req := scimRequestFrom(r.Context())
	st := h.h.s.store
	st.mu.RLock()
	defer st.mu.RUnlock()
	ids := h.matchIDs(st, req.filter, req.base)
	lo, hi := pageSlice(len(ids), params.StartIndex, params.Count)
	page := scim.Page{TotalResults: len(ids), Resources: make([]scim.Resource, 0, hi-lo)}
	for _, id := range ids[lo:hi] {
		page.Resources = append(page.Resources, h.resource(st, st.users[id], req.base))
	}
	return page, nil
}

// matchIDs lists the Synchronized users that pass f (all when f is nil) in creation order.
func (h *scimUsers) matchIDs(st *store, f *scimFilter, base string) []string {
	if f != nil {
		// IdPs look users up by userName before every create: answer from the index.
		if name, ok := f.eqString("userName"); ok {
			if id, ok := st.userByName[strings.ToLower(name)]; ok && st.users[id].UserType == typeSynchronized {
				return []string{id}
			}
			return nil
		}
	}
	var ids []string
	for _, k := range st.userOrder.keys {
		u := st.users[k.ID]
		if u.UserType == typeSynchronized && (f == nil ||
			f.matches(filterDoc(h.kind, h.attributes(st, u, base), u.UserId, u.CreateTime, u.UpdateTime, base, f))) {
			ids = append(ids, k.ID)
		}
	}
	return ids
}

func (h *scimUsers) Replace(r *http.Request, id string, attrs scim.ResourceAttributes) (scim.Resource, error) {
	return h.update(r, id, func(doc map[string]any) (map[string]any, *scimerrors.ScimError) {
		return attrs, nil
	})
}

func (h *scimUsers) Patch(r *http.Request, id string, ops []scim.PatchOperation) (scim.Resource, error) {
	return h.update(r, id, func(doc map[string]any) (map[string]any, *scimerrors.ScimError) {
		for _, op := range ops {
			if serr := applyPatch(doc, h.kind, op); serr != nil {
				return nil, serr
			}
		}
		return doc, nil
	})
}

// update replaces user id's SCIM attributes by what change makes of the current ones (PUT
// ignores them, PATCH edits them), then checks and stores the result in one critical section.
func (h *scimUsers) update(r *http.Request, id string, change func(map[string]any) (map[string]any, *scimerrors.ScimError)) (scim.Resource, error) {
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

func (h *scimUsers) Delete(_ *http.Request, id string) error {
	st := h.h.s.store
	st.mu.Lock()
	defer st.mu.Unlock()
	if _, err := h.lookup(st, id); err != nil {
		return err
	}
	st.deleteUserLocked(id) // memberships go with the user
	return h.h.commitLocked()
}

// attributes renders u as SCIM attributes (externalId included; no id, schemas or meta): the
// stored SCIM attributes overlaid with the Identity Center fields they map to, which win.
func (h *scimUsers) attributes(st *store, u *User, base string) map[string]any {
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

func (h *scimUsers) resource(st *store, u *User, base string) scim.Resource {
	return resourceOf(h.attributes(st, u, base), u.UserId, u.CreateTime, u.UpdateTime)
}

// fullDoc is the user exactly as a client sees it, for filters and searches.
func (h *scimUsers) fullDoc(st *store, u *User, base string) map[string]any {
	return fullDoc(h.kind, h.resource(st, u, base), base)
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

// --- shared by users and groups --------------------------------------------------------------

// resourceOf splits a rendered document into what the library's Resource wants. meta.version is
// a hash of the representation, so it changes exactly when the resource does.
func resourceOf(doc map[string]any, id string, created, modified time.Time) scim.Resource {
	res := bareResource(doc, id, created, modified)
	res.Meta.Version = scimVersion(doc, id, *res.Meta.Created, *res.Meta.LastModified)
	return res
}

// bareResource is resourceOf without meta.version.
func bareResource(doc map[string]any, id string, created, modified time.Time) scim.Resource {
	attrs := maps.Clone(doc)
	externalID, _ := attrs["externalId"].(string)
	delete(attrs, "externalId")
	created, modified = created.UTC(), modified.UTC()
	res := scim.Resource{ID: id, Attributes: attrs, Meta: scim.Meta{Created: &created, LastModified: &modified}}
	if externalID != "" {
		res.ExternalID = optional.NewString(externalID)
	}
	return res
}

// filterDoc is the resource as a filter sees it: fullDoc, but with meta.version, which costs a
// second encoding of the resource, only when the filter mentions it. Scanning filters render
// every user of the zone.
func filterDoc(kind *scimKind, attrs map[string]any, id string, created, modified time.Time, base string, f *scimFilter) map[string]any {
	if f.version {
		return fullDoc(kind, resourceOf(attrs, id, created, modified), base)
	}
	return fullDoc(kind, bareResource(attrs, id, created, modified), base)
}

// scimVersion hashes the representation without the "$ref" URLs of members and groups, which
// depend on the host the client used, not on the resource.
func scimVersion(doc map[string]any, id string, created, modified time.Time) string {
	hashed := maps.Clone(doc)
	for _, key := range []string{"members", "groups"} {
		list := asList(hashed[key])
		if list == nil {
			continue
		}
		refless := make([]any, 0, len(list))
		for _, e := range list {
			if m, ok := e.(map[string]any); ok {
				m = maps.Clone(m)
				delete(m, "$ref")
				e = m
			}
			refless = append(refless, e)
		}
		hashed[key] = refless
	}
	raw, _ := json.Marshal([]any{id, created, modified, hashed})
	sum := sha256.Sum256(raw)
	return `W/"` + hex.EncodeToString(sum[:8]) + `"`
}

// fullDoc renders a resource as the library answers it: the attributes plus id, externalId,
// schemas and meta (times to the second, RFC 3339).
func fullDoc(kind *scimKind, res scim.Resource, base string) map[string]any {
	doc := maps.Clone(res.Attributes)
	doc["id"] = res.ID
	if res.ExternalID.Present() {
		doc["externalId"] = res.ExternalID.Value()
	}
	doc["schemas"] = kind.heldSchemas(doc)
	doc["meta"] = map[string]any{
		"resourceType": kind.name,
		"created":      res.Meta.Created.Format(time.RFC3339),
		"lastModified": res.Meta.LastModified.Format(time.RFC3339),
		"location":     base + kind.endpoint + "/" + res.ID,
		"version":      res.Meta.Version,
	}
	return doc
}

// commitLocked writes the state file after a SCIM change. As with API actions, a failed write
// is an internal error and the change stays in memory only.
func (h *scimServer) commitLocked() error {
	if err := h.s.store.persistLocked(); err != nil {
		h.s.logf("writing state file: %v", err)
		return scimInternal("The change could not be saved.")
	}
	return nil
}

func scimNotFound(id string) scimerrors.ScimError {
	return scimerrors.ScimError{Status: http.StatusNotFound, Detail: fmt.Sprintf("Resource %s not found.", id)}
}

// scimFromAPI turns a store refusal into a SCIM error: taken names and emails are 409
// uniqueness, a full quota is a plain 400, any other rule is 400 invalidValue.
func scimFromAPI(aerr *apiError) scimerrors.ScimError {
	switch aerr.Code {
	case codeUsernameAlreadyExists, codeEmailAlreadyExists, codeGroupNameAlreadyExists:
		return scimerrors.ScimError{Status: http.StatusConflict, ScimType: scimerrors.ScimTypeUniqueness, Detail: aerr.Message}
	case codeUserOverUpperLimit, codeGroupOverUpperLimit:
		return scimerrors.ScimError{Status: http.StatusBadRequest, Detail: aerr.Message}
	case codeUserNotExist, codeGroupNotExist:
		return scimerrors.ScimError{Status: http.StatusNotFound, Detail: aerr.Message}
	}
	return scimerrors.ScimError{Status: http.StatusBadRequest, ScimType: scimerrors.ScimTypeInvalidValue,
		Detail: "Identity Center refuses the value: " + aerr.Message}
}
