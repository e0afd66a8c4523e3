package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestPolicyDocumentProblems(t *testing.T) {
	for name, tc := range map[string]struct {
		doc  string
		want []string
	}{
		"valid, lists":       {doc: `{"version":"2.0","statement":[{"effect":"allow","action":["vpc:*"],"resource":["*"]}]}`},
		"valid, strings":     {doc: `{"version":"2.0","statement":[{"effect":"deny","action":"cos:*","resource":"*","condition":{}}]}`},
		"version 1.0":        {doc: `{"version":"1.0","statement":[{"effect":"allow","action":"a","resource":"*"}]}`, want: []string{`must have "version": "2.0"`}},
		"no statement":       {doc: `{"version":"2.0"}`, want: []string{`"statement" list`}},
		"effect Allow":       {doc: `{"version":"2.0","statement":[{"effect":"Allow","action":"a","resource":"*"}]}`, want: []string{`statement[0] must have "effect" "allow" or "deny", got "Allow"`}},
		"second bad":         {doc: `{"version":"2.0","statement":[{"effect":"allow","action":"a","resource":"*"},{"effect":"allow","action":[1],"resource":"*"}]}`, want: []string{`statement[1] must have "action"`}},
		"statement a string": {doc: `{"version":"2.0","statement":["x"]}`, want: []string{"statement[0] is not an object"}},
		"array":              {doc: `[]`, want: []string{"is not a JSON object"}},
		"too long":           {doc: `{"version":"2.0","x":"` + strings.Repeat("a", maxCustomPolicyDocument) + `"}`, want: []string{"characters long"}},
	} {
		t.Run(name, func(t *testing.T) {
			got := policyDocumentProblems(tc.doc)
			if len(got) != len(tc.want) {
				t.Fatalf("problems %q, want %q", got, tc.want)
			}
			for i := range got {
				if !strings.Contains(got[i], tc.want[i]) {
					t.Errorf("problem %q, want it to contain %q", got[i], tc.want[i])
				}
			}
		})
	}
}

func TestPolicyDocumentSemanticEquals(t *testing.T) {
	a := policyDocumentOf(`{"version":"2.0","statement":[{"effect":"allow","action":["a"],"resource":["*"]}]}`)
	for doc, want := range map[string]bool{
		"{\n \"statement\": [ {\"resource\":[\"*\"], \"action\":[\"a\"], \"effect\":\"allow\"} ],\n \"version\": \"2.0\"\n}\n": true,
		`{"version":"2.0","statement":[{"effect":"allow","action":["b"],"resource":["*"]}]}`:                                   false,
		`{"version":"2.0","statement":[{"effect":"allow","action":"a","resource":["*"]}]}`:                                     false,
		`not json`: false,
	} {
		got, diags := a.StringSemanticEquals(context.Background(), policyDocumentOf(doc))
		if diags.HasError() || got != want {
			t.Errorf("StringSemanticEquals(%q) = %v, %v; want %v", doc, got, diags, want)
		}
	}
	if ok, _ := a.StringSemanticEquals(context.Background(), types.StringValue(a.ValueString())); ok {
		t.Error("a plain string value is not a policy document")
	}
}
