package e2e

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// State is the part of a local terraform.tfstate that checks need: the managed resources and
// the outputs.
type State struct {
	Resources []StateResource `json:"resources"`
	Outputs   map[string]struct {
		Value json.RawMessage `json:"value"`
	} `json:"outputs"`
}

// StateResource is one resource block of the state, with its instances' attributes.
type StateResource struct {
	Mode      string `json:"mode"` // "managed" or "data"
	Type      string `json:"type"`
	Name      string `json:"name"`
	Instances []struct {
		Attributes map[string]any `json:"attributes"`
		Status     string         `json:"status"` // "tainted" or ""
	} `json:"instances"`
}

// ReadState reads dir/terraform.tfstate; a missing file is an empty state.
func ReadState(dir string) (State, error) {
	var s State
	raw, err := os.ReadFile(filepath.Join(dir, "terraform.tfstate"))
	if errors.Is(err, os.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return s, err
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		return s, fmt.Errorf("reading %s: %w", filepath.Join(dir, "terraform.tfstate"), err)
	}
	return s, nil
}

// Managed returns the attributes of every instance of managed resources of type typ.
func (s State) Managed(typ string) []map[string]any {
	var out []map[string]any
	for _, r := range s.Resources {
		if r.Mode != "managed" || r.Type != typ {
			continue
		}
		for _, in := range r.Instances {
			out = append(out, in.Attributes)
		}
	}
	return out
}

// Strings is attribute key of every managed instance of type typ that has it as a string.
func (s State) Strings(typ, key string) []string {
	var out []string
	for _, a := range s.Managed(typ) {
		if v, ok := a[key].(string); ok {
			out = append(out, v)
		}
	}
	return out
}

// Output decodes output name into v; it reports whether the output exists.
func (s State) Output(name string, v any) (bool, error) {
	o, ok := s.Outputs[name]
	if !ok {
		return false, nil
	}
	return true, json.Unmarshal(o.Value, v)
}
