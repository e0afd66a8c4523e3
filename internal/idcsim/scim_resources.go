package idcsim

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"strings"
	"time"

	"github.com/elimity-com/scim"
	scimerrors "github.com/elimity-com/scim/errors"
	"github.com/elimity-com/scim/optional"
)

// scimCollection is what SCIM users and groups share: finding a Synchronized object, listing
// and filtering, rendering and deleting, over one kind of object of the store. scimUsers and
// scimGroups embed it and add what differs, how a document becomes a stored object (Create,
// Replace, Patch).
type scimCollection[T scimStored] struct {
	h    *scimServer
	kind *scimKind
	// nameAttr is the attribute IdPs look objects up by before every create (userName,
	// displayName); `nameAttr eq "X"` is answered from the store's name index.
	nameAttr   string
	objects    func(st *store) map[string]T
	order      func(st *store) *orderIndex       // creation order
	byName     func(st *store) map[string]string // lower-case name → ID
	attributes func(st *store, obj T, base string) map[string]any
	remove     func(st *store, id string)
}

// scimStored is a stored user or group as the SCIM server sees it.
type scimStored interface {
	scimRecord() scimRecord
}

// scimRecord is what every SCIM resource has besides its attributes.
type scimRecord struct {
	id                string
	created, modified time.Time
	synchronized      bool // only Synchronized objects exist for SCIM
}

func (u *User) scimRecord() scimRecord {
	return scimRecord{id: u.UserId, created: u.CreateTime, modified: u.UpdateTime, synchronized: u.UserType == typeSynchronized}
}

func (g *Group) scimRecord() scimRecord {
	return scimRecord{id: g.GroupId, created: g.CreateTime, modified: g.UpdateTime, synchronized: g.GroupType == typeSynchronized}
}

func (c *scimCollection[T]) lookup(st *store, id string) (T, error) {
	obj, ok := c.objects(st)[id]
	if !ok || !obj.scimRecord().synchronized {
		var none T
		return none, scimNotFound(id)
	}
	return obj, nil
}

func (c *scimCollection[T]) Get(r *http.Request, id string) (scim.Resource, error) {
	st := c.h.s.store
	st.mu.RLock()
	defer st.mu.RUnlock()
	obj, err := c.lookup(st, id)
	if err != nil {
		return scim.Resource{}, err
	}
	return c.resource(st, obj, scimRequestFrom(r.Context()).base), nil
}

func (c *scimCollection[T]) GetAll(r *http.Request, params scim.ListRequestParams) (scim.Page, error) {
	req := scimRequestFrom(r.Context())
	st := c.h.s.store
	st.mu.RLock()
	defer st.mu.RUnlock()
	ids := c.matchIDs(st, req.filter, req.base)
	lo, hi := pageSlice(len(ids), params.StartIndex, params.Count)
	page := scim.Page{TotalResults: len(ids), Resources: make([]scim.Resource, 0, hi-lo)}
	objects := c.objects(st)
	for _, id := range ids[lo:hi] {
		page.Resources = append(page.Resources, c.resource(st, objects[id], req.base))
	}
	return page, nil
}

// matchIDs lists the Synchronized objects that pass f (all when f is nil) in creation order.
func (c *scimCollection[T]) matchIDs(st *store, f *scimFilter, base string) []string {
	objects := c.objects(st)
	if f != nil {
		if name, ok := f.eqString(c.nameAttr); ok {
			if id, ok := c.byName(st)[strings.ToLower(name)]; ok && objects[id].scimRecord().synchronized {
				return []string{id}
			}
			return nil
		}
	}
	var ids []string
	for _, k := range c.order(st).keys {
		obj := objects[k.ID]
		rec := obj.scimRecord()
		if rec.synchronized && (f == nil ||
			f.matches(filterDoc(c.kind, c.attributes(st, obj, base), rec.id, rec.created, rec.modified, base, f))) {
			ids = append(ids, k.ID)
		}
	}
	return ids
}

func (c *scimCollection[T]) Delete(_ *http.Request, id string) error {
	st := c.h.s.store
	st.mu.Lock()
	defer st.mu.Unlock()
	if _, err := c.lookup(st, id); err != nil {
		return err
	}
	c.remove(st, id)
	return c.h.commitLocked()
}

func (c *scimCollection[T]) resource(st *store, obj T, base string) scim.Resource {
	rec := obj.scimRecord()
	return resourceOf(c.attributes(st, obj, base), rec.id, rec.created, rec.modified)
}

// fullDoc is the object exactly as a client sees it, for filters and searches.
func (c *scimCollection[T]) fullDoc(st *store, obj T, base string) map[string]any {
	return fullDoc(c.kind, c.resource(st, obj, base), base)
}

// scimChange makes the new SCIM attributes of an object from its current ones.
type scimChange func(current map[string]any) (map[string]any, *scimerrors.ScimError)

// replacing is the change of a PUT: the attributes sent, whatever the current ones.
func replacing(attrs scim.ResourceAttributes) scimChange {
	return func(map[string]any) (map[string]any, *scimerrors.ScimError) { return attrs, nil }
}

// patching is the change of a PATCH: its operations applied in order to the current attributes,
// all or none (RFC 7644 §3.5.2).
func (c *scimCollection[T]) patching(ops []scim.PatchOperation) scimChange {
	return func(doc map[string]any) (map[string]any, *scimerrors.ScimError) {
		for _, op := range ops {
			if serr := applyPatch(doc, c.kind, op); serr != nil {
				return nil, serr
			}
		}
		return doc, nil
	}
}

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
