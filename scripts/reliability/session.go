package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/e2e"
)

// session is one configuration directory driven against one simulator: every command runs
// with TF_LOG=TRACE into log, its stdout and stderr go to out, and both are scanned for leaks
// and panics when the session ends.
type session struct {
	s    *suite
	name string // where problems are reported: "cycle 3 (seed 42)"
	dir  string
	sim  *e2e.Sim
	env  []string
	log  string // TF_LOG_PATH
	out  *os.File
	scan *scanner
	// simLog is the simulator's log, scanned with the CLI's files: the simulator must not log
	// a secret or panic either ("" when another session of the same simulator scans it).
	simLog string
	// countStats attributes the simulator's counters around each command to the CLI; off where
	// commands overlap or the simulator may be down.
	countStats bool
}

// newSession prepares dir (a copy of src when src is not "") and its log files under logDir.
func (s *suite) newSession(name, dir, src, logDir string, sim *e2e.Sim) (*session, error) {
	if src != "" {
		if err := e2e.CopyDir(dir, src); err != nil {
			return nil, err
		}
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	base := filepath.Join(logDir, strings.NewReplacer(" ", "-", "(", "", ")", "").Replace(name))
	out, err := os.Create(base + ".out")
	if err != nil {
		return nil, err
	}
	ss := &session{s: s, name: name, dir: dir, sim: sim, log: base + ".trace.log", out: out, scan: newScanner()}
	ss.env = e2e.SimEnv(s.rc, sim.Ready, "TF_LOG=TRACE", "TF_LOG_PATH="+ss.log)
	ss.scan.add(sim.Ready.SecretKey, "API secret key")
	return ss, nil
}

// cli runs one command, counts it and, when judged, its failure. It returns the result and
// whether the command succeeded (exit status 0).
func (ss *session) cli(ctx context.Context, judged bool, args ...string) (e2e.Result, bool) {
	var before e2e.Stats
	if ss.countStats {
		before, _ = ss.sim.Stats(ctx)
	}
	fmt.Fprintf(ss.out, "\n$ %s %s\n", ss.s.cli.Name, strings.Join(args, " "))
	res, err := e2e.Run(ctx, ss.s.cli, ss.dir, ss.env, ss.out, args...)
	ss.s.t.commands++
	if ss.countStats {
		if after, serr := ss.sim.Stats(ctx); serr == nil {
			ss.s.t.stats = ss.s.t.stats.Add(after.Sub(before))
		}
	}
	ss.learnSecrets()
	if err != nil {
		res.Code = -1
		res.Stderr += err.Error()
	}
	ok := err == nil && res.Code == 0
	if !ok && judged {
		ss.s.t.failed++
		ss.problem("%s %s exited %d:\n%s", ss.s.cli.Name, strings.Join(args, " "), res.Code, indent(e2e.Tail(res.Output(), 30)))
	}
	return res, ok
}

// learnSecrets adds every credential secret in the state to the secrets the scan looks for.
func (ss *session) learnSecrets() {
	st, err := e2e.ReadState(ss.dir)
	if err != nil {
		return
	}
	for _, secret := range st.Strings(typeCredential, "secret") {
		ss.scan.add(secret, "SCIM credential secret")
	}
}

func (ss *session) problem(format string, args ...any) {
	ss.s.problem(ss.scan, ss.name, format, args...)
}

// finish closes the output and counts the leaks and panics of the session's files.
func (ss *session) finish() error {
	if err := ss.out.Close(); err != nil {
		return err
	}
	for _, path := range []string{ss.out.Name(), ss.log, ss.simLog} {
		if path == "" {
			continue
		}
		leaks, panics, err := ss.scan.scanFile(path)
		if err != nil {
			return err
		}
		ss.s.t.leaks += len(leaks)
		ss.s.t.panics += len(panics)
		for i, f := range append(leaks, panics...) {
			if i == 5 {
				ss.problem("… and %d more in %s", len(leaks)+len(panics)-5, path)
				break
			}
			ss.problem("%s", f)
		}
	}
	return nil
}

func indent(s string) string {
	return "      " + strings.ReplaceAll(s, "\n", "\n      ")
}
