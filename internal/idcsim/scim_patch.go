package idcsim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"reflect"
	"slices"
	"strings"

	"github.com/elimity-com/scim"
	scimerrors "github.com/elimity-com/scim/errors"
	"github.com/elimity-com/scim/schema"
	filter "github.com/scim2/filter-parser/v2"
)

// applyPatch applies one PATCH operation (RFC 7644 §3.5.2), already checked by the library, to
// doc: the resource's attributes with canonical names, externalId included. doc's nested values
// are the caller's own copies and are changed in place.
func applyPatch(doc map[string]any, kind *scimKind, op scim.PatchOperation) *scimerrors.ScimError {
	if op.Path != nil {
		return applyAt(doc, kind, op.Op, *op.Path, op.Value)
	}
	// Without a path the value is a set of attributes of the resource; IdPs write the keys as
	// attribute paths ("name.givenName", "urn:…:User:employeeNumber") or as an extension's URN
	// holding its attributes.
	values, ok := op.Value.(map[string]any)
	if !ok {
		return scimStatus(http.StatusBadRequest, scimerrors.ScimTypeInvalidValue, "An operation without a path needs an object as its value.")
	}
	for _, key := range slices.Sorted(maps.Keys(values)) {
		if ext, ok := kind.extension(key); ok {
			inner, ok := values[key].(map[string]any)
			if !ok {
				return scimStatus(http.StatusBadRequest, scimerrors.ScimTypeInvalidValue, fmt.Sprintf("The value of %s must be an object.", key))
			}
			for _, name := range slices.Sorted(maps.Keys(inner)) {
				uri := ext.ID
				p := filter.Path{AttributePath: filter.AttributePath{URIPrefix: &uri, AttributeName: name}}
				if serr := applyAt(doc, kind, op.Op, p, inner[name]); serr != nil {
					return serr
				}
			}
			continue
		}
		p, err := filter.ParsePath([]byte(key))
		if err != nil {
			return scimStatus(http.StatusBadRequest, scimerrors.ScimTypeInvalidPath, fmt.Sprintf("%q is not an attribute path.", key))
		}
		if serr := applyAt(doc, kind, op.Op, p, values[key]); serr != nil {
			return serr
		}
	}
	return nil
}

func applyAt(doc map[string]any, kind *scimKind, opName string, p filter.Path, value any) *scimerrors.ScimError {
	container, attr, ok := kind.resolve(p.AttributePath.URI(), p.AttributePath.AttributeName)
	if !ok {
		return scimStatus(http.StatusBadRequest, scimerrors.ScimTypeInvalidPath, fmt.Sprintf("%s has no attribute %q.", kind.name, p.String()))
	}
	if serr := writable(attr); serr != nil {
		return serr
	}
	target := doc
	if container != "" {
		ext, _ := lookupKey(doc, container).(map[string]any)
		if ext == nil {
			if opName == scim.PatchOperationRemove {
				return nil
			}
			ext = map[string]any{}
		}
		doc[container] = ext
		target = ext
		defer func() {
			if len(ext) == 0 {
				delete(doc, container)
			}
		}()
	}
	name := attr.Name()
	if k := actualKey(target, name); k != name {
		target[name] = target[k]
		delete(target, k)
	}
	subName := p.AttributePath.SubAttributeName()
	if p.ValueExpression != nil {
		subName = p.SubAttributeName()
	}
	var sub schema.CoreAttribute
	if subName != "" {
		if sub, ok = attr.SubAttributes().ContainsAttribute(subName); !ok {
			return scimStatus(http.StatusBadRequest, scimerrors.ScimTypeInvalidPath, fmt.Sprintf("%s has no sub-attribute %q.", name, subName))
		}
		subName = sub.Name()
	}
	defer func() {
		if !present(target[name]) {
			delete(target, name)
		}
	}()
	value = cloneJSON(value)

	switch {
	case p.ValueExpression != nil:
		return applyFiltered(target, attr, p.ValueExpression, subName, opName, value)
	case subName != "" && attr.MultiValued():
		elems := asList(target[name])
		if len(elems) == 0 && opName == scim.PatchOperationReplace {
			return noTarget(p.String())
		}
		if len(elems) == 0 && opName == scim.PatchOperationAdd {
			elems = []any{map[string]any{}}
		}
		for _, e := range elems {
			if m, ok := e.(map[string]any); ok {
				setSub(m, subName, opName, value)
			}
		}
		target[name] = elems
	case subName != "":
		m, _ := target[name].(map[string]any)
		if m == nil {
			m = map[string]any{}
		}
		setSub(m, subName, opName, value)
		target[name] = m
	case opName == scim.PatchOperationRemove:
		if value != nil && attr.MultiValued() {
			target[name] = removeValues(asList(target[name]), asList(value))
		} else {
			delete(target, name)
		}
	case attr.MultiValued():
		added := asList(value)
		elems := added
		if opName == scim.PatchOperationAdd {
			elems = appendNew(asList(target[name]), added)
		}
		target[name] = singlePrimary(elems, added)
	case attr.HasSubAttributes():
		// Add and replace both merge into a complex attribute: sub-attributes the value does
		// not name stay (RFC 7644 §3.5.2.1 and §3.5.2.3).
		m, _ := target[name].(map[string]any)
		if m == nil {
			m = map[string]any{}
		}
		if v, ok := value.(map[string]any); ok {
			maps.Copy(m, v)
		}
		target[name] = m
	default:
		target[name] = value
	}
	return nil
}

func setSub(m map[string]any, sub, opName string, value any) {
	delete(m, actualKey(m, sub))
	if opName != scim.PatchOperationRemove {
		m[sub] = value
	}
}

// applyFiltered applies an operation whose path selects values of a multi-valued attribute with
// a filter, such as `emails[type eq "work"].value` or `members[value eq "u-…"]`.
func applyFiltered(target map[string]any, attr schema.CoreAttribute, expr filter.Expression, sub, opName string, value any) *scimerrors.ScimError {
	name := attr.Name()
	elems := asList(target[name])
	scope := elementScope{attrs: attr.SubAttributes()}
	unescapeFilterStrings(expr)
	var hits []int
	for i, e := range elems {
		if m, ok := e.(map[string]any); ok && evalFilter(expr, m, scope) {
			hits = append(hits, i)
		}
	}
	path := fmt.Sprintf("%s[%v]", name, expr)
	switch {
	case opName == scim.PatchOperationRemove && sub == "":
		// Removing values that are already gone succeeds: the outcome the client wants holds.
		kept := elems[:0:0]
		for i, e := range elems {
			if !slices.Contains(hits, i) {
				kept = append(kept, e)
			}
		}
		target[name] = kept
		return nil
	case opName == scim.PatchOperationRemove:
		for _, i := range hits {
			if m, ok := elems[i].(map[string]any); ok {
				setSub(m, sub, opName, nil)
			}
		}
		return nil
	case len(hits) == 0 && opName == scim.PatchOperationReplace:
		return noTarget(path)
	case len(hits) == 0:
		// Adding through a filter that matches nothing creates the value the filter describes,
		// as Entra ID expects when it adds a user's first work email.
		seed, ok := equalityPairs(expr)
		if !ok {
			return noTarget(path)
		}
		if sub != "" {
			seed[sub] = value
		} else if v, ok := value.(map[string]any); ok {
			maps.Copy(seed, v)
		}
		elems = append(elems, seed)
		hits = []int{len(elems) - 1}
	default:
		for _, i := range hits {
			m, ok := elems[i].(map[string]any)
			if !ok {
				continue
			}
			switch v, isMap := value.(map[string]any); {
			case sub != "":
				m[sub] = value
			case opName == scim.PatchOperationReplace && isMap:
				elems[i] = cloneMap(v)
			case isMap:
				maps.Copy(m, cloneMap(v))
			}
		}
	}
	changed := make([]any, 0, len(hits))
	for _, i := range hits {
		changed = append(changed, elems[i])
	}
	target[name] = singlePrimary(elems, changed)
	return nil
}

// equalityPairs reads a filter made only of `attr eq "value"` joined by and, as the attributes
// of the value it describes.
func equalityPairs(expr filter.Expression) (map[string]any, bool) {
	switch e := expr.(type) {
	case *filter.AttributeExpression:
		if e.Operator != filter.EQ || e.AttributePath.SubAttribute != nil || e.AttributePath.URIPrefix != nil {
			return nil, false
		}
		return map[string]any{e.AttributePath.AttributeName: e.CompareValue}, true
	case *filter.LogicalExpression:
		if e.Operator != filter.AND {
			return nil, false
		}
		left, ok := equalityPairs(e.Left)
		if !ok {
			return nil, false
		}
		right, ok := equalityPairs(e.Right)
		if !ok {
			return nil, false
		}
		maps.Copy(left, right)
		return left, true
	}
	return nil, false
}

// appendNew appends the values not present yet: adding a value twice keeps one (RFC 7644
// §3.5.2.1). Values with a "value" sub-attribute (members, emails) are the same when their
// "value" is.
func appendNew(elems, added []any) []any {
	for _, a := range added {
		if !slices.ContainsFunc(elems, func(e any) bool { return sameValue(e, a) }) {
			elems = append(elems, a)
		}
	}
	return elems
}

// removeValues drops the elements equal to one of values: the form Entra ID sends to remove
// group members (op Remove, path members, value [{"value": "…"}]).
func removeValues(elems, values []any) []any {
	return slices.DeleteFunc(slices.Clone(elems), func(e any) bool {
		return slices.ContainsFunc(values, func(v any) bool { return sameValue(e, v) })
	})
}

func sameValue(a, b any) bool {
	am, aok := a.(map[string]any)
	bm, bok := b.(map[string]any)
	if aok && bok {
		av, ahas := lookupKey(am, "value").(string)
		bv, bhas := lookupKey(bm, "value").(string)
		if ahas && bhas {
			return av == bv
		}
	}
	return reflect.DeepEqual(a, b)
}

// singlePrimary keeps "primary": true on at most one value: setting it on a value clears it on
// the others (RFC 7644 §3.5.2).
func singlePrimary(elems, changed []any) []any {
	newPrimary := -1
	for i, e := range elems {
		m, ok := e.(map[string]any)
		if !ok || lookupKey(m, "primary") != true {
			continue
		}
		if slices.ContainsFunc(changed, func(c any) bool { return sameElement(c, e) }) || newPrimary < 0 {
			newPrimary = i
		}
	}
	if newPrimary < 0 {
		return elems
	}
	for i, e := range elems {
		if m, ok := e.(map[string]any); ok && i != newPrimary && lookupKey(m, "primary") == true {
			m[actualKey(m, "primary")] = false
		}
	}
	return elems
}

// sameElement reports whether a and b are the same map (not merely equal ones).
func sameElement(a, b any) bool {
	am, aok := a.(map[string]any)
	bm, bok := b.(map[string]any)
	return aok && bok && reflect.ValueOf(am).UnsafePointer() == reflect.ValueOf(bm).UnsafePointer()
}

func noTarget(path string) *scimerrors.ScimError {
	return scimStatus(http.StatusBadRequest, scimerrors.ScimTypeNoTarget, fmt.Sprintf("The path %s matches no value.", path))
}

// writable refuses changes to read-only attributes (id, meta, a user's groups) and to the
// immutable schemas attribute, with scimType mutability (RFC 7644 §3.5.2).
func writable(attr schema.CoreAttribute) *scimerrors.ScimError {
	if m := attr.Mutability(); m == "readOnly" || m == "immutable" {
		return scimStatus(http.StatusBadRequest, scimerrors.ScimTypeMutability, fmt.Sprintf("Attribute '%s' is %s.", attr.Name(), m))
	}
	return nil
}

// --- request repairs ----------------------------------------------------------------------

// normalizeBody prepares a POST, PUT or PATCH body for the library. It converts the strings
// "True"/"False" (any case) to booleans where the schema says boolean, as Entra ID's default
// provisioning job sends them; repairs PATCH paths like `members[value eq"…"]`; and refuses
// changes to read-only attributes with scimType mutability, which the library would call
// invalidPath or let through. Bodies that are not JSON objects are passed on untouched, for the
// library to answer invalidSyntax.
func normalizeBody(method, route string, body []byte, kind *scimKind, id string) ([]byte, *scimerrors.ScimError) {
	if len(body) == 0 || (method != http.MethodPost && method != http.MethodPut && method != http.MethodPatch) {
		return body, nil
	}
	doc, ok := decodeObject(body)
	if !ok {
		return body, nil
	}
	switch {
	case method == http.MethodPatch && strings.HasSuffix(route, "/{id}"):
		opsKey := actualKey(doc, "Operations")
		if ops, ok := doc[opsKey].([]any); ok {
			out := make([]any, 0, len(ops))
			for _, o := range ops {
				op, ok := o.(map[string]any)
				if !ok {
					out = append(out, o)
					continue
				}
				expanded, serr := normalizeOperation(op, kind, id)
				if serr != nil {
					return nil, serr
				}
				out = append(out, expanded...)
			}
			doc[opsKey] = out
		}
	case method == http.MethodPut || method == http.MethodPost:
		if given, ok := lookupKey(doc, "id").(string); ok && method == http.MethodPut && strings.HasSuffix(route, "/{id}") && given != id {
			return nil, scimStatus(http.StatusBadRequest, scimerrors.ScimTypeMutability,
				fmt.Sprintf("Attribute 'id' is readOnly: the body says %q, the URL %q.", given, id))
		}
		boolifyResource(doc, kind)
	}
	out, err := json.Marshal(doc)
	if err != nil {
		return nil, scimStatus(http.StatusInternalServerError, "", "The request could not be re-encoded.")
	}
	return out, nil
}

// decodeObject decodes body as one JSON object, numbers kept as written.
func decodeObject(body []byte) (map[string]any, bool) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var doc map[string]any
	if dec.Decode(&doc) != nil || doc == nil || dec.More() {
		return nil, false
	}
	return doc, true
}

// normalizeOperation repairs one PATCH operation for the library and returns what replaces it:
// the operation itself, followed by the operations that unassign what it sets to null, which
// the library would refuse as invalidValue (RFC 7643 §2.5: assigning null unassigns).
func normalizeOperation(op map[string]any, kind *scimKind, id string) ([]any, *scimerrors.ScimError) {
	opKey, valueKey := actualKey(op, "op"), actualKey(op, "value")
	opName, isString := op[opKey].(string)
	opName = strings.ToLower(opName)
	if isString {
		op[opKey] = opName
	}
	value, hasValue := op[valueKey]
	rawPath, _ := lookupKey(op, "path").(string)
	out := []any{op}
	if strings.TrimSpace(rawPath) == "" {
		values, ok := value.(map[string]any)
		if !ok {
			return out, nil
		}
		split, serr := normalizePathless(values, opName, kind, id)
		if serr != nil {
			return nil, serr
		}
		// The operations split off carry a path: normalize them as such.
		for _, o := range split {
			more, serr := normalizeOperation(o, kind, id)
			if serr != nil {
				return nil, serr
			}
			out = append(out, more...)
		}
		return out, nil
	}
	p, repaired, ok := parsePatchPath(rawPath)
	if !ok {
		return out, nil // the library answers invalidPath
	}
	op[actualKey(op, "path")] = repaired
	if serr := checkWritable(kind, p); serr != nil {
		return nil, serr
	}
	attr, ok := pathTarget(kind, p)
	if !ok || !hasValue {
		return out, nil
	}
	if value == nil && assigns(opName) {
		return []any{unassignOp(opName, p, repaired, attr)}, nil
	}
	if p.ValueExpression != nil && p.SubAttribute == nil {
		// The value is one element of the multi-valued attribute.
		if m, ok := value.(map[string]any); ok {
			op[valueKey] = boolify(m, attr)
		}
	} else {
		op[valueKey] = boolify(value, attr)
	}
	var removes []map[string]any
	op[valueKey], removes = unassignMembers(opName, repaired, p, attr, op[valueKey])
	for _, r := range removes {
		out = append(out, r)
	}
	return out, nil
}

// normalizePathless repairs the value of an operation without a path in place (booleans, the
// id Okta repeats) and takes out its null members, returning the operations that assign them
// by path instead.
func normalizePathless(values map[string]any, opName string, kind *scimKind, id string) ([]map[string]any, *scimerrors.ScimError) {
	var split []map[string]any
	nullAt := func(path string) map[string]any { return map[string]any{"op": opName, "path": path, "value": nil} }
	for _, key := range slices.Sorted(maps.Keys(values)) {
		v := values[key]
		if strings.EqualFold(key, "id") {
			// Okta repeats the id in path-less replaces; only a different one is a change.
			if s, ok := v.(string); !ok || s != id {
				return nil, scimStatus(http.StatusBadRequest, scimerrors.ScimTypeMutability,
					fmt.Sprintf("Attribute 'id' is readOnly: the value says %v, the URL %q.", v, id))
			}
			continue
		}
		if ext, ok := kind.extension(key); ok {
			switch m := v.(type) {
			case nil:
				if assigns(opName) {
					// The extension as a whole is unassigned: each of its attributes is.
					delete(values, key)
					for _, a := range ext.Attributes {
						split = append(split, nullAt(ext.ID+":"+a.Name()))
					}
				}
			case map[string]any:
				boolifyResource(map[string]any{key: m}, kind)
				for _, name := range slices.Sorted(maps.Keys(m)) {
					path := ext.ID + ":" + name
					if m[name] == nil && assigns(opName) {
						delete(m, name)
						split = append(split, nullAt(path))
						continue
					}
					if a, ok := ext.Attributes.ContainsAttribute(name); ok {
						uri := ext.ID
						p := filter.Path{AttributePath: filter.AttributePath{URIPrefix: &uri, AttributeName: name}}
						var removes []map[string]any
						m[name], removes = unassignMembers(opName, path, p, a, m[name])
						split = append(split, removes...)
					}
				}
			}
			continue
		}
		p, err := filter.ParsePath([]byte(key))
		if err != nil {
			continue // the library answers invalidPath
		}
		attr, ok := pathTarget(kind, p)
		if !ok {
			continue
		}
		if serr := checkWritable(kind, p); serr != nil {
			return nil, serr
		}
		if v == nil && assigns(opName) {
			delete(values, key)
			split = append(split, nullAt(key))
			continue
		}
		var removes []map[string]any
		values[key], removes = unassignMembers(opName, key, p, attr, boolify(v, attr))
		split = append(split, removes...)
	}
	return split, nil
}

// assigns reports whether an operation sets a value: add and replace, not remove.
func assigns(opName string) bool {
	return opName == scim.PatchOperationAdd || opName == scim.PatchOperationReplace
}

// unassignOp is what assigning null at a path means: the attribute becomes unassigned (RFC 7643
// §2.5), which is a remove for replace and for add to a single value. Adding null to a
// multi-valued attribute adds no value (null and [] are the same state), so it becomes an add of
// [] without the value filter, which would otherwise create the value it describes.
func unassignOp(opName string, p filter.Path, path string, target schema.CoreAttribute) map[string]any {
	if opName == scim.PatchOperationAdd && target.MultiValued() {
		return map[string]any{"op": scim.PatchOperationAdd, "path": p.AttributePath.String(), "value": []any{}}
	}
	return map[string]any{"op": scim.PatchOperationRemove, "path": path}
}

// unassignMembers takes the nulls out of a value assigned at path (the library refuses null
// elements and drops null sub-attributes) and returns it with removes for the sub-attributes
// that would otherwise keep their old values: add and replace merge into a complex attribute
// (RFC 7644 §3.5.2.1, §3.5.2.3), and add merges into the elements a value filter selects. A
// list's elements replace or join the old ones whole, so their nulls just go.
func unassignMembers(opName, path string, p filter.Path, attr schema.CoreAttribute, value any) (any, []map[string]any) {
	if !assigns(opName) || !attr.HasSubAttributes() {
		return value, nil
	}
	merges := !attr.MultiValued()
	if p.ValueExpression != nil && p.SubAttribute == nil {
		merges = opName == scim.PatchOperationAdd
	}
	switch x := value.(type) {
	case map[string]any:
		var removes []map[string]any
		for _, k := range slices.Sorted(maps.Keys(x)) {
			if x[k] != nil {
				continue
			}
			delete(x, k)
			if sub, ok := attr.SubAttributes().ContainsAttribute(k); ok && merges {
				removes = append(removes, map[string]any{"op": scim.PatchOperationRemove, "path": path + "." + sub.Name()})
			}
		}
		return x, removes
	case []any:
		kept := make([]any, 0, len(x))
		for _, e := range x {
			if m, ok := e.(map[string]any); ok {
				maps.DeleteFunc(m, func(_ string, v any) bool { return v == nil })
			}
			if e != nil {
				kept = append(kept, e)
			}
		}
		return kept, nil
	}
	return value, nil
}

// parsePatchPath parses a PATCH path, repaired by repairFilter when it does not parse as sent.
// It returns the path and its text as the library should see it.
func parsePatchPath(raw string) (filter.Path, string, bool) {
	if p, err := filter.ParsePath([]byte(raw)); err == nil {
		return p, raw, true
	}
	repaired, changed := repairFilter(raw)
	if !changed {
		return filter.Path{}, raw, false
	}
	p, err := filter.ParsePath([]byte(repaired))
	return p, repaired, err == nil
}

// checkWritable refuses paths to read-only attributes (id, meta, a user's groups, schemas).
func checkWritable(kind *scimKind, p filter.Path) *scimerrors.ScimError {
	if _, attr, ok := kind.resolve(p.AttributePath.URI(), p.AttributePath.AttributeName); ok {
		return writable(attr)
	}
	return nil
}

// pathTarget is the attribute a PATCH path finally addresses (a sub-attribute when it names one).
func pathTarget(kind *scimKind, p filter.Path) (schema.CoreAttribute, bool) {
	_, attr, ok := kind.resolve(p.AttributePath.URI(), p.AttributePath.AttributeName)
	if !ok {
		return attr, false
	}
	sub := p.AttributePath.SubAttributeName()
	if p.ValueExpression != nil {
		sub = p.SubAttributeName()
	}
	if sub == "" {
		return attr, true
	}
	return attr.SubAttributes().ContainsAttribute(sub)
}

func boolifyResource(doc map[string]any, kind *scimKind) {
	for key, v := range doc {
		if ext, ok := kind.extension(key); ok {
			if m, ok := v.(map[string]any); ok {
				for name, ev := range m {
					if a, ok := ext.Attributes.ContainsAttribute(name); ok {
						m[name] = boolify(ev, a)
					}
				}
			}
			continue
		}
		if _, attr, ok := kind.resolve("", key); ok {
			doc[key] = boolify(v, attr)
		}
	}
}

// boolify converts "true"/"false" in any case to booleans wherever attr (or its sub-attributes)
// is boolean. Other strings stay, for the library to refuse as invalidValue.
func boolify(v any, attr schema.CoreAttribute) any {
	switch attr.AttributeType() {
	case "boolean":
		if s, ok := v.(string); ok {
			switch {
			case strings.EqualFold(s, "true"):
				return true
			case strings.EqualFold(s, "false"):
				return false
			}
		}
	case "complex":
		switch x := v.(type) {
		case map[string]any:
			for k, sv := range x {
				if sa, ok := attr.SubAttributes().ContainsAttribute(k); ok {
					x[k] = boolify(sv, sa)
				}
			}
		case []any:
			for i := range x {
				x[i] = boolify(x[i], attr)
			}
		}
	}
	return v
}

// --- attributes and excludedAttributes (RFC 7644 §3.9) ---------------------------------------

type projection struct {
	include, exclude []filter.AttributePath
}

func parseProjection(include, exclude string) (projection, *scimerrors.ScimError) {
	var p projection
	for _, list := range []struct {
		param string
		raw   string
		into  *[]filter.AttributePath
	}{{"attributes", include, &p.include}, {"excludedAttributes", exclude, &p.exclude}} {
		for item := range strings.SplitSeq(list.raw, ",") {
			item = strings.TrimSpace(item)
			if item == "" {
				continue
			}
			ap, err := filter.ParseAttrPath([]byte(item))
			if err != nil {
				return projection{}, scimStatus(http.StatusBadRequest, scimerrors.ScimTypeInvalidValue,
					fmt.Sprintf("%s: %q is not an attribute name.", list.param, item))
			}
			*list.into = append(*list.into, ap)
		}
	}
	return p, nil
}

// apply returns the resource with only the attributes asked for (id and schemas always stay),
// minus the excluded ones. Unknown names select nothing.
func (p projection) apply(doc map[string]any) map[string]any {
	if len(p.include) == 0 && len(p.exclude) == 0 {
		return doc
	}
	if len(p.include) > 0 {
		out := map[string]any{}
		for _, k := range []string{"id", "schemas"} {
			if v, ok := doc[k]; ok {
				out[k] = v
			}
		}
		for _, ap := range p.include {
			copyAttr(doc, out, ap)
		}
		doc = out
	}
	for _, ap := range p.exclude {
		if strings.EqualFold(ap.AttributeName, "id") || strings.EqualFold(ap.AttributeName, "schemas") {
			continue
		}
		src, _ := projectionContainer(doc, ap, false)
		if src == nil {
			continue
		}
		key := actualKey(src, ap.AttributeName)
		if sub := ap.SubAttributeName(); sub != "" {
			for _, e := range asList(src[key]) {
				if m, ok := e.(map[string]any); ok {
					delete(m, actualKey(m, sub))
				}
			}
			continue
		}
		delete(src, key)
	}
	return doc
}

// projectionContainer returns the object that holds ap's attribute in doc: doc itself, or the
// extension object ap's URN names (created when create is set).
func projectionContainer(doc map[string]any, ap filter.AttributePath, create bool) (map[string]any, string) {
	uri := ap.URI()
	if uri == "" || strings.EqualFold(uri, scimUserURN) || strings.EqualFold(uri, scimGroupURN) {
		return doc, ""
	}
	key := actualKey(doc, uri)
	m, _ := doc[key].(map[string]any)
	if m == nil && create {
		m = map[string]any{}
		doc[key] = m
	}
	return m, key
}

func copyAttr(src, dst map[string]any, ap filter.AttributePath) {
	from, key := projectionContainer(src, ap, false)
	if from == nil {
		return
	}
	name := actualKey(from, ap.AttributeName)
	v, ok := from[name]
	if !ok {
		return
	}
	to := dst
	if key != "" {
		to, _ = projectionContainer(dst, ap, true)
	}
	sub := ap.SubAttributeName()
	if sub == "" {
		to[name] = v
		return
	}
	pick := func(e any) (map[string]any, bool) {
		m, ok := e.(map[string]any)
		if !ok {
			return nil, false
		}
		sk := actualKey(m, sub)
		sv, ok := m[sk]
		if !ok {
			return nil, false
		}
		return map[string]any{sk: sv}, true
	}
	if list, isList := v.([]any); isList {
		var picked []any
		for _, e := range list {
			if m, ok := pick(e); ok {
				picked = append(picked, m)
			}
		}
		if picked != nil {
			to[name] = picked
		}
		return
	}
	if m, ok := pick(v); ok {
		prev, _ := to[name].(map[string]any)
		if prev == nil {
			prev = map[string]any{}
		}
		maps.Copy(prev, m)
		to[name] = prev
	}
}

// cloneJSON deep-copies a decoded JSON value (maps, slices, scalars), so that rendering and
// patching never write into what the store holds.
func cloneJSON(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = cloneJSON(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = cloneJSON(e)
		}
		return out
	}
	return v
}

func cloneMap(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	out, _ := cloneJSON(m).(map[string]any)
	return out
}
