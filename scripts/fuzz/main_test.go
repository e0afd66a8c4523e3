package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestDiscover(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"a/a_test.go": `package a
import "testing"
func FuzzOne(f *testing.F) {}
func FuzzHelper(t *testing.T) {}
func FuzzTwoArgs(f *testing.F, n int) {}
type x struct{}
func (x) FuzzMethod(f *testing.F) {}
func TestThing(t *testing.T) {}
`,
		"a/a.go":                   "package a\nimport \"testing\"\nfunc FuzzNotInATest(f *testing.F) {}\n",
		"b/c/c_test.go":            "package c\nimport \"testing\"\nfunc FuzzDeep(f *testing.F) {}\n",
		"b/testdata/x_test.go":     "package x\nimport \"testing\"\nfunc FuzzInTestdata(f *testing.F) {}\n",
		".hidden/h_test.go":        "package h\nimport \"testing\"\nfunc FuzzHidden(f *testing.F) {}\n",
		"a/renamed_import_test.go": "package a\nimport tt \"testing\"\nfunc FuzzRenamed(f *tt.F) {}\n",
	}
	for name, text := range files {
		path := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(root)
	got, err := discover(".")
	if err != nil {
		t.Fatal(err)
	}
	// A renamed testing import is not recognised; no file in this repository renames it.
	want := []target{{pkg: "./a", name: "FuzzOne"}, {pkg: "./b/c", name: "FuzzDeep"}}
	if !slices.Equal(got, want) {
		t.Fatalf("discover = %v, want %v", got, want)
	}
}

func TestStatusLineAndRate(t *testing.T) {
	for _, tc := range []struct {
		line     string
		match    bool
		execs    string
		elapsed  string
		wantRate string
	}{
		{"fuzz: elapsed: 5m1s, execs: 349970 (0/sec), new interesting: 74 (total: 290)", true, "349970", "5m1s", "1162"},
		{"fuzz: elapsed: 3s, execs: 43 (14/sec), new interesting: 0 (total: 41)", true, "43", "3s", "14"},
		{"fuzz: elapsed: 1s, gathering baseline coverage: 41/41 completed, now fuzzing with 1 workers", false, "", "", ""},
	} {
		m := statusLine.FindStringSubmatch(tc.line)
		if (m != nil) != tc.match {
			t.Fatalf("%q: match = %v", tc.line, m != nil)
		}
		if m == nil {
			continue
		}
		o := outcome{elapsed: m[1], execs: m[2]}
		if o.execs != tc.execs || o.elapsed != tc.elapsed || rate(o) != tc.wantRate {
			t.Fatalf("%q: execs %s, elapsed %s, rate %s", tc.line, o.execs, o.elapsed, rate(o))
		}
	}
	if m := crasherLine.FindStringSubmatch("    Failing input written to testdata/fuzz/FuzzParse/52e43c09b1fd0869"); m == nil || m[1] != "testdata/fuzz/FuzzParse/52e43c09b1fd0869" {
		t.Fatalf("crasher line not recognised: %v", m)
	}
}
