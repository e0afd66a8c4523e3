package idcsim

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	scimerrors "github.com/elimity-com/scim/errors"
	"github.com/elimity-com/scim/schema"
	filter "github.com/scim2/filter-parser/v2"
)

// scimKind is one SCIM resource type with the schemas that define its attributes.
type scimKind struct {
	name     string // "User"
	endpoint string // "/Users"
	core     schema.Schema
	exts     []schema.Schema
}

var (
	scimUserKind = &scimKind{name: "User", endpoint: "/Users",
		core: schema.CoreUserSchema(), exts: []schema.Schema{schema.ExtensionEnterpriseUser()}}
	scimGroupKind = &scimKind{name: "Group", endpoint: "/Groups", core: schema.CoreGroupSchema()}
	// scimCommon are the attributes every resource has: schemas, id, externalId, meta.
	scimCommon = schema.Attributes(schema.CommonAttributes())
)

func scimKindOfRoute(route string) *scimKind {
	for _, k := range []*scimKind{scimUserKind, scimGroupKind} {
		if route == k.endpoint || strings.HasPrefix(route, k.endpoint+"/") {
			return k
		}
	}
	return nil
}

// heldSchemas lists the schemas whose attributes doc holds: the core schema and the extensions
// present in it. RFC 7643 §3: schemas names the schemas "that define the attributes present in
// the current JSON structure", so a user without enterprise attributes is not an enterprise user.
func (k *scimKind) heldSchemas(doc map[string]any) []any {
	ids := []any{k.core.ID}
	for _, e := range k.exts {
		if present(lookupKey(doc, e.ID)) {
			ids = append(ids, e.ID)
		}
	}
	return ids
}

// withHeldSchemas sets the schemas of a user or group document to its heldSchemas, after a
// projection may have dropped an extension; other documents stay as they are.
func withHeldSchemas(doc map[string]any) map[string]any {
	schemas := asList(doc["schemas"])
	if len(schemas) == 0 {
		return doc
	}
	for _, k := range []*scimKind{scimUserKind, scimGroupKind} {
		if schemas[0] == k.core.ID {
			doc["schemas"] = k.heldSchemas(doc)
		}
	}
	return doc
}

// extension returns the extension schema whose URN is uri (compared case-insensitively).
func (k *scimKind) extension(uri string) (schema.Schema, bool) {
	for _, e := range k.exts {
		if strings.EqualFold(uri, e.ID) {
			return e, true
		}
	}
	return schema.Schema{}, false
}

// attrScope resolves attribute names: a resource type, or the sub-attributes of a complex
// attribute inside a value filter ("emails[type eq "work"]").
type attrScope interface {
	// resolve returns the key of the map that holds the attribute ("" for top-level attributes,
	// the extension URN for extension attributes) and the attribute's definition.
	resolve(uri, name string) (container string, attr schema.CoreAttribute, ok bool)
}

func (k *scimKind) resolve(uri, name string) (string, schema.CoreAttribute, bool) {
	if uri == "" || strings.EqualFold(uri, k.core.ID) {
		if a, ok := k.core.Attributes.ContainsAttribute(name); ok {
			return "", a, true
		}
		if a, ok := scimCommon.ContainsAttribute(name); ok {
			return "", a, true
		}
		return "", schema.CoreAttribute{}, false
	}
	if e, ok := k.extension(uri); ok {
		if a, ok := e.Attributes.ContainsAttribute(name); ok {
			return e.ID, a, true
		}
	}
	return "", schema.CoreAttribute{}, false
}

type elementScope struct{ attrs schema.Attributes }

func (e elementScope) resolve(uri, name string) (string, schema.CoreAttribute, bool) {
	if uri != "" {
		return "", schema.CoreAttribute{}, false
	}
	a, ok := e.attrs.ContainsAttribute(name)
	return "", a, ok
}

// scimFilter is a parsed, checked filter of one resource type (RFC 7644 §3.4.2.2).
type scimFilter struct {
	expr filter.Expression
	kind *scimKind
	// version is set when the filter may compare meta.version (its text mentions "version").
	version bool
}

// parseSCIMFilter parses raw, repairing the deviations IdPs are documented to send, and checks
// every attribute, operator and comparison value against the kind's schemas. Anything it cannot
// evaluate exactly is invalidFilter, rather than a silent mismatch.
func parseSCIMFilter(raw string, kind *scimKind) (*scimFilter, *scimerrors.ScimError) {
	expr, err := filter.ParseFilter([]byte(raw))
	if err != nil {
		if repaired, changed := repairFilter(raw); changed {
			expr, err = filter.ParseFilter([]byte(repaired))
		}
	}
	if err != nil {
		return nil, scimStatus(http.StatusBadRequest, scimerrors.ScimTypeInvalidFilter,
			fmt.Sprintf("The filter %q is not valid filter syntax (RFC 7644 section 3.4.2.2).", raw))
	}
	unescapeFilterStrings(expr)
	if err := checkFilter(expr, kind); err != nil {
		return nil, scimStatus(http.StatusBadRequest, scimerrors.ScimTypeInvalidFilter,
			fmt.Sprintf("The filter %q cannot be applied to %s resources: %v.", raw, kind.name, err))
	}
	return &scimFilter{expr: expr, kind: kind, version: strings.Contains(strings.ToLower(raw), "version")}, nil
}

// unescapeFilterStrings decodes the JSON escapes (\" and \\) of the filter's string values in
// place: the parser hands them over as written between the quotes.
func unescapeFilterStrings(expr filter.Expression) {
	switch e := expr.(type) {
	case *filter.AttributeExpression:
		if s, ok := e.CompareValue.(string); ok && strings.Contains(s, `\`) {
			var decoded string
			if json.Unmarshal([]byte(`"`+s+`"`), &decoded) == nil {
				e.CompareValue = decoded
			}
		}
	case *filter.ValuePath:
		unescapeFilterStrings(e.ValueFilter)
	case *filter.LogicalExpression:
		unescapeFilterStrings(e.Left)
		unescapeFilterStrings(e.Right)
	case *filter.NotExpression:
		unescapeFilterStrings(e.Expression)
	}
}

// comparisonOperators are the filter operators that take a value.
var comparisonOperators = map[string]bool{"eq": true, "ne": true, "co": true, "sw": true, "ew": true, "gt": true, "lt": true, "ge": true, "le": true}

// repairFilter fixes two deviations seen in real requests: a comparison value that is not quoted
// (Microsoft's documented `externalId eq jyoung`) and a quoted value glued to its operator
// (RFC 7644's own example `members[value eq"…"]`). It reports whether it changed anything.
// Quoted strings are copied untouched.
func repairFilter(raw string) (string, bool) {
	var out strings.Builder
	changed := false
	// The last two bare words outside quotes, to recognise "attribute operator value".
	var prev, prevPrev string
	isDelim := func(c byte) bool { return c == ' ' || c == '"' || c == '(' || c == ')' || c == '[' || c == ']' }
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c == '"':
			j := i + 1
			for j < len(raw) && raw[j] != '"' {
				if raw[j] == '\\' {
					j++
				}
				j++
			}
			j = min(j+1, len(raw))
			out.WriteString(raw[i:j])
			prevPrev, prev = prev, "\"\""
			i = j
		case isDelim(c):
			out.WriteByte(c)
			if c != ' ' {
				prevPrev, prev = prev, string(c)
			}
			i++
		default:
			j := i
			for j < len(raw) && !isDelim(raw[j]) {
				j++
			}
			word := raw[i:j]
			operatorBefore := comparisonOperators[strings.ToLower(prev)] && prevPrev != "" && !isDelim(prevPrev[0])
			switch {
			case operatorBefore && !isFilterLiteral(word):
				// Words hold no quotes (they end at one); only backslashes need escaping, and
				// not as \u sequences, which the parser does not read.
				out.WriteString(`"` + strings.ReplaceAll(word, `\`, `\\`) + `"`)
				changed = true
			case comparisonOperators[strings.ToLower(word)] && j < len(raw) && raw[j] == '"':
				out.WriteString(word + " ")
				changed = true
			default:
				out.WriteString(word)
			}
			prevPrev, prev = prev, word
			i = j
		}
	}
	return out.String(), changed
}

// isFilterLiteral reports whether a bare word is a JSON literal a filter may compare with.
func isFilterLiteral(word string) bool {
	switch strings.ToLower(word) {
	case "true", "false", "null":
		return true
	}
	_, err := strconv.ParseFloat(word, 64)
	return err == nil
}

// filterTarget resolves the attribute a filter expression compares: the top attribute, and the
// leaf it compares (the named sub-attribute; the "value" sub-attribute of a complex attribute
// named without one, as RFC 7644 §3.4.2.2 does with `emails co "example.com"`; else the top).
func filterTarget(scope attrScope, p filter.AttributePath) (container string, top, leaf schema.CoreAttribute, sub bool, err error) {
	container, top, ok := scope.resolve(p.URI(), p.AttributeName)
	if !ok {
		return "", top, leaf, false, fmt.Errorf("unknown attribute %q", p.String())
	}
	if name := p.SubAttributeName(); name != "" {
		leaf, ok = top.SubAttributes().ContainsAttribute(name)
		if !ok {
			return "", top, leaf, false, fmt.Errorf("unknown attribute %q", p.String())
		}
		return container, top, leaf, true, nil
	}
	if top.HasSubAttributes() {
		if leaf, ok = top.SubAttributes().ContainsAttribute("value"); ok {
			return container, top, leaf, true, nil
		}
	}
	return container, top, top, false, nil
}

func checkFilter(expr filter.Expression, scope attrScope) error {
	switch e := expr.(type) {
	case *filter.AttributeExpression:
		_, _, leaf, _, err := filterTarget(scope, e.AttributePath)
		if err != nil {
			return err
		}
		return checkComparison(leaf, e)
	case *filter.ValuePath:
		_, top, ok := scope.resolve(e.AttributePath.URI(), e.AttributePath.AttributeName)
		if !ok || e.AttributePath.SubAttribute != nil {
			return fmt.Errorf("unknown attribute %q", e.AttributePath.String())
		}
		if !top.MultiValued() || !top.HasSubAttributes() {
			return fmt.Errorf("%s is not a multi-valued complex attribute", top.Name())
		}
		return checkFilter(e.ValueFilter, elementScope{attrs: top.SubAttributes()})
	case *filter.LogicalExpression:
		if err := checkFilter(e.Left, scope); err != nil {
			return err
		}
		return checkFilter(e.Right, scope)
	case *filter.NotExpression:
		return checkFilter(e.Expression, scope)
	}
	return fmt.Errorf("unsupported expression %v", expr)
}

// checkComparison refuses operators and values that do not fit the attribute's type.
func checkComparison(attr schema.CoreAttribute, e *filter.AttributeExpression) error {
	if e.Operator == filter.PR {
		return nil
	}
	if e.CompareValue == nil {
		return fmt.Errorf("%s %s null: comparing with null is not supported; use pr", attr.Name(), e.Operator)
	}
	ordering := e.Operator == filter.GT || e.Operator == filter.GE || e.Operator == filter.LT || e.Operator == filter.LE
	substring := e.Operator == filter.CO || e.Operator == filter.SW || e.Operator == filter.EW
	bad := func(want string) error {
		return fmt.Errorf("%s %s %v: %s", attr.Name(), e.Operator, e.CompareValue, want)
	}
	switch attr.AttributeType() {
	case "string", "reference", "binary":
		if _, ok := e.CompareValue.(string); !ok {
			return bad("the value must be a string")
		}
		if attr.AttributeType() == "binary" && ordering {
			return bad("binary attributes cannot be ordered")
		}
	case "boolean":
		if _, ok := e.CompareValue.(bool); !ok || ordering || substring {
			return bad("boolean attributes take eq or ne with true or false")
		}
	case "dateTime":
		s, ok := e.CompareValue.(string)
		if _, err := time.Parse(time.RFC3339Nano, s); !ok || err != nil || substring {
			return bad("dateTime attributes take eq, ne, gt, ge, lt or le with an RFC 3339 time")
		}
	case "integer", "decimal":
		if _, ok := filterNumber(e.CompareValue); !ok || substring {
			return bad("numeric attributes take eq, ne, gt, ge, lt or le with a number")
		}
	default:
		return bad("complex attributes only take pr")
	}
	return nil
}

func filterNumber(v any) (float64, bool) {
	switch n := v.(type) {
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	case float64:
		return n, true
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	}
	return 0, false
}

// matches evaluates the filter on a whole resource document (as the client would see it).
func (f *scimFilter) matches(doc map[string]any) bool {
	return evalFilter(f.expr, doc, f.kind)
}

// eqString returns X when the filter is exactly `name eq "X"` on a top-level attribute, so that
// the common IdP lookups (userName, displayName) can use the store's indexes.
func (f *scimFilter) eqString(name string) (string, bool) {
	e, ok := f.expr.(*filter.AttributeExpression)
	if !ok || e.Operator != filter.EQ || e.AttributePath.SubAttribute != nil || !strings.EqualFold(e.AttributePath.AttributeName, name) {
		return "", false
	}
	if uri := e.AttributePath.URI(); uri != "" && !strings.EqualFold(uri, f.kind.core.ID) {
		return "", false
	}
	s, ok := e.CompareValue.(string)
	return s, ok
}

func evalFilter(expr filter.Expression, doc map[string]any, scope attrScope) bool {
	switch e := expr.(type) {
	case *filter.AttributeExpression:
		container, top, leaf, sub, err := filterTarget(scope, e.AttributePath)
		if err != nil {
			return false
		}
		values := filterValues(doc, container, top, leaf, sub)
		if e.Operator == filter.PR {
			for _, v := range values {
				if present(v) {
					return true
				}
			}
			return false
		}
		if e.Operator == filter.NE && !top.MultiValued() {
			// A single value that is unassigned (null, RFC 7643 §2.5) is not equal to any value.
			eq := *e
			eq.Operator = filter.EQ
			return !anyCompares(values, leaf, &eq)
		}
		// A multi-valued attribute matches when any of its values does (RFC 7644 §3.4.2.2),
		// ne included: a second, different email matches; no email at all does not.
		return anyCompares(values, leaf, e)
	case *filter.ValuePath:
		container, top, ok := scope.resolve(e.AttributePath.URI(), e.AttributePath.AttributeName)
		if !ok {
			return false
		}
		inner := elementScope{attrs: top.SubAttributes()}
		for _, elem := range asList(lookupAttr(doc, container, top.Name())) {
			if m, ok := elem.(map[string]any); ok && evalFilter(e.ValueFilter, m, inner) {
				return true
			}
		}
		return false
	case *filter.LogicalExpression:
		if e.Operator == filter.AND {
			return evalFilter(e.Left, doc, scope) && evalFilter(e.Right, doc, scope)
		}
		return evalFilter(e.Left, doc, scope) || evalFilter(e.Right, doc, scope)
	case *filter.NotExpression:
		return !evalFilter(e.Expression, doc, scope)
	}
	return false
}

// filterValues collects the values an attribute path denotes in doc, flattening multi-valued
// attributes: a filter on a multi-valued attribute matches when any value does.
func filterValues(doc map[string]any, container string, top, leaf schema.CoreAttribute, sub bool) []any {
	raw := asList(lookupAttr(doc, container, top.Name()))
	if !sub {
		return raw
	}
	var out []any
	for _, elem := range raw {
		if m, ok := elem.(map[string]any); ok {
			out = append(out, asList(lookupKey(m, leaf.Name()))...)
		}
	}
	return out
}

func anyCompares(values []any, attr schema.CoreAttribute, e *filter.AttributeExpression) bool {
	for _, v := range values {
		if compareFilterValue(v, attr, e) {
			return true
		}
	}
	return false
}

func compareFilterValue(v any, attr schema.CoreAttribute, e *filter.AttributeExpression) bool {
	switch attr.AttributeType() {
	case "string", "reference", "binary":
		s, ok := v.(string)
		want, _ := e.CompareValue.(string)
		if !ok {
			return false
		}
		if !attr.CaseExact() {
			s, want = strings.ToLower(s), strings.ToLower(want)
		}
		switch e.Operator {
		case filter.EQ:
			return s == want
		case filter.NE:
			return s != want
		case filter.CO:
			return strings.Contains(s, want)
		case filter.SW:
			return strings.HasPrefix(s, want)
		case filter.EW:
			return strings.HasSuffix(s, want)
		}
		return ordered(strings.Compare(s, want), e.Operator)
	case "boolean":
		b, ok := v.(bool)
		want, _ := e.CompareValue.(bool)
		switch e.Operator {
		case filter.EQ:
			return ok && b == want
		case filter.NE:
			return ok && b != want
		}
		return false
	case "dateTime":
		s, _ := v.(string)
		t, err := time.Parse(time.RFC3339Nano, s)
		want, _ := e.CompareValue.(string)
		w, werr := time.Parse(time.RFC3339Nano, want)
		if err != nil || werr != nil {
			return false
		}
		switch e.Operator {
		case filter.EQ:
			return t.Equal(w)
		case filter.NE:
			return !t.Equal(w)
		}
		return ordered(t.Compare(w), e.Operator)
	case "integer", "decimal":
		n, ok := filterNumber(v)
		want, wok := filterNumber(e.CompareValue)
		if !ok || !wok {
			return false
		}
		switch e.Operator {
		case filter.EQ:
			return n == want
		case filter.NE:
			return n != want
		}
		return ordered(cmpFloat(n, want), e.Operator)
	}
	return false
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func ordered(c int, op filter.CompareOperator) bool {
	switch op {
	case filter.GT:
		return c > 0
	case filter.GE:
		return c >= 0
	case filter.LT:
		return c < 0
	case filter.LE:
		return c <= 0
	}
	return false
}

// present is the "pr" test: a value that is not null, not "" and not an empty array or object.
func present(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case string:
		return x != ""
	case []any:
		return len(x) > 0
	case map[string]any:
		return len(x) > 0
	}
	return true
}

// lookupAttr returns the value of a top-level attribute (container "") or of an extension
// attribute (container = the extension's URN) in doc.
func lookupAttr(doc map[string]any, container, name string) any {
	if container != "" {
		ext, _ := lookupKey(doc, container).(map[string]any)
		return lookupKey(ext, name)
	}
	return lookupKey(doc, name)
}

// lookupKey finds a key case-insensitively: attribute names are case-insensitive (RFC 7643 §2.1).
func lookupKey(m map[string]any, name string) any {
	if v, ok := m[name]; ok {
		return v
	}
	for k, v := range m {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return nil
}

// actualKey returns the key under which m holds name, or name when it holds none.
func actualKey(m map[string]any, name string) string {
	if _, ok := m[name]; ok {
		return name
	}
	for k := range m {
		if strings.EqualFold(k, name) {
			return k
		}
	}
	return name
}

// asList views a value as a list: nil is empty, a single value is a list of one.
func asList(v any) []any {
	switch x := v.(type) {
	case nil:
		return nil
	case []any:
		return x
	}
	return []any{v}
}
