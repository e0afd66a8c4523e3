package main

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"strings"
)

// Leak patterns that need no known secret: an Authorization header value (a TC3 signature or
// a SCIM bearer token), or a bare TC3 signature. A header name followed by a redaction marker
// is not a leak.
var leakPatterns = []struct {
	name string
	re   *regexp.Regexp
}{
	{"Authorization value", regexp.MustCompile(`(?i)authorization["']?\s*[:=]\s*\[?["']?\s*(TC3-HMAC-SHA256|Bearer)\s+[^\s*"']`)},
	{"TC3 signature", regexp.MustCompile(`(?i)Signature=[0-9a-f]{64}`)},
	{"TC3 credential scope", regexp.MustCompile(`TC3-HMAC-SHA256\s+Credential=[A-Za-z0-9]`)},
}

// Panic patterns: a Go panic in the provider, or the CLI's report that the plugin died.
var panicPattern = regexp.MustCompile(`(?i)\bpanic: |plugin crashed|plugin did not respond|the plugin encountered an error`)

// finding is one line of a scanned file that holds a leak or a panic. what never quotes the
// secret itself.
type finding struct {
	file string
	line int
	what string
}

func (f finding) String() string { return fmt.Sprintf("%s:%d: %s", f.file, f.line, f.what) }

// scanner counts leaks of the known secrets and of the patterns above, and panics.
type scanner struct {
	secrets map[string]string // secret → what it is
}

func newScanner() *scanner { return &scanner{secrets: map[string]string{}} }

// add makes s a secret to look for; empty and very short values are ignored, since they would
// match innocent text.
func (sc *scanner) add(s, what string) {
	if len(s) >= 8 {
		sc.secrets[s] = what
	}
}

// scrub replaces every known secret in text, so that a command's output can be quoted safely.
func (sc *scanner) scrub(text string) string {
	for s := range sc.secrets {
		text = strings.ReplaceAll(text, s, "***")
	}
	return text
}

// scanText returns the leaks and panics in text, one finding per line and kind.
func (sc *scanner) scanText(name, text string) (leaks, panics []finding) {
	for i, line := range strings.Split(text, "\n") {
		l, p := sc.scanLine(name, i+1, line)
		leaks = append(leaks, l...)
		panics = append(panics, p...)
	}
	return leaks, panics
}

func (sc *scanner) scanLine(name string, n int, line string) (leaks, panics []finding) {
	for s, what := range sc.secrets {
		if strings.Contains(line, s) {
			leaks = append(leaks, finding{name, n, what})
		}
	}
	for _, p := range leakPatterns {
		if p.re.MatchString(line) {
			leaks = append(leaks, finding{name, n, p.name})
		}
	}
	if panicPattern.MatchString(line) {
		panics = append(panics, finding{name, n, sc.scrub(strings.TrimSpace(line))})
	}
	return leaks, panics
}

// scanFile scans a file line by line; a missing file has nothing in it.
func (sc *scanner) scanFile(path string) (leaks, panics []finding, err error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	r := bufio.NewScanner(f)
	r.Buffer(make([]byte, 1<<20), 64<<20)
	for n := 1; r.Scan(); n++ {
		l, p := sc.scanLine(path, n, r.Text())
		leaks = append(leaks, l...)
		panics = append(panics, p...)
	}
	return leaks, panics, r.Err()
}
