package idcsim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"sync"
)

// Request structs declare an action's parameters: the JSON name in the json tag, req:"true" for
// parameters the reference marks **req**. Scalars are pointers so that "absent" and "zero" differ.
// Supported field types: *string, *int64, *bool, []string, []int64, and slices of request-like
// structs (arrays of objects such as RolePolicies), whose elements are decoded with the same rules.

type paramField struct {
	name     string
	index    int
	required bool
	kind     string // for messages: "a string", "an integer", …
}

var paramFieldsCache sync.Map // reflect.Type → []paramField

func paramFields(t reflect.Type) []paramField {
	if cached, ok := paramFieldsCache.Load(t); ok {
		if fields, ok := cached.([]paramField); ok {
			return fields
		}
	}
	var fields []paramField
	for i := range t.NumField() {
		f := t.Field(i)
		name := f.Tag.Get("json")
		if name == "" {
			panic(fmt.Sprintf("idcsim: request field %s.%s has no json tag", t.Name(), f.Name))
		}
		var kind string
		switch f.Type {
		case reflect.TypeFor[*string]():
			kind = "a string"
		case reflect.TypeFor[*int64]():
			kind = "an integer"
		case reflect.TypeFor[*bool]():
			kind = "a boolean"
		case reflect.TypeFor[[]string]():
			kind = "an array of strings"
		case reflect.TypeFor[[]int64]():
			kind = "an array of integers"
		default:
			if f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Struct {
				kind = "an array of objects"
				break
			}
			panic(fmt.Sprintf("idcsim: request field %s.%s has unsupported type %s", t.Name(), f.Name, f.Type))
		}
		fields = append(fields, paramField{name: name, index: i, required: f.Tag.Get("req") == "true", kind: kind})
	}
	paramFieldsCache.Store(t, fields)
	return fields
}

// decodeParams fills dst (a pointer to a request struct) from a JSON body, with the checks the
// real API gateway makes: the body is an object, every key is a parameter of the action (names
// are case-sensitive), every value has the parameter's JSON type, required parameters are present.
func decodeParams(body []byte, dst any) *apiError {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil || raw == nil {
		return errf(codeInvalidParameter, "The request body must be a JSON object.")
	}
	v := reflect.ValueOf(dst).Elem()
	fields := paramFields(v.Type())
	byName := make(map[string]paramField, len(fields))
	for _, f := range fields {
		byName[f.name] = f
	}
	names := make([]string, 0, len(raw))
	for name := range raw {
		names = append(names, name)
	}
	slices.Sort(names) // report the same parameter every time when several are wrong
	for _, name := range names {
		if _, ok := byName[name]; !ok {
			return errf(codeUnknownParameter, "The parameter `%s` is not recognized.", name)
		}
	}
	for _, name := range names {
		f := byName[name]
		value := raw[name]
		if bytes.Equal(bytes.TrimSpace(value), []byte("null")) || !validElements(value, f) {
			return errf(codeInvalidParameter, "The parameter `%s` must be %s.", name, f.kind)
		}
		if f.kind == "an array of objects" {
			if aerr := decodeObjects(value, v.Field(f.index)); aerr != nil {
				return aerr
			}
			continue
		}
		if err := json.Unmarshal(value, v.Field(f.index).Addr().Interface()); err != nil {
			return errf(codeInvalidParameter, "The parameter `%s` must be %s.", name, f.kind)
		}
	}
	for _, f := range fields {
		if !f.required {
			continue
		}
		field := v.Field(f.index)
		missing := field.IsNil()
		if !missing && field.Kind() == reflect.Pointer && field.Elem().Kind() == reflect.String {
			missing = field.Elem().String() == ""
		}
		if missing {
			return errf(codeMissingParameter, "The parameter `%s` is missing.", f.name)
		}
	}
	return nil
}

// decodeObjects fills a slice of structs element by element, each with decodeParams' checks, so
// that an unknown or mistyped member of an array element is refused like a top-level one.
func decodeObjects(value json.RawMessage, slice reflect.Value) *apiError {
	var elems []json.RawMessage
	if err := json.Unmarshal(value, &elems); err != nil {
		return errf(codeInvalidParameter, "The parameter must be an array of objects.")
	}
	out := reflect.MakeSlice(slice.Type(), len(elems), len(elems))
	for i, e := range elems {
		if aerr := decodeParams(e, out.Index(i).Addr().Interface()); aerr != nil {
			return aerr
		}
	}
	slice.Set(out)
	return nil
}

// validElements refuses null inside an array, which encoding/json would turn into "" or 0.
func validElements(value json.RawMessage, f paramField) bool {
	if f.kind != "an array of strings" && f.kind != "an array of integers" && f.kind != "an array of objects" {
		return true
	}
	var elems []json.RawMessage
	if err := json.Unmarshal(value, &elems); err != nil {
		return false
	}
	for _, e := range elems {
		if bytes.Equal(bytes.TrimSpace(e), []byte("null")) {
			return false
		}
	}
	return true
}

// str returns *p, or "" when the parameter was absent.
func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
