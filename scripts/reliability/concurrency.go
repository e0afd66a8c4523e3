package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/e2e"
)

// raceConfig asks for two credentials: two of these applied at once against one zone ask for
// twice the zone's limit.
const raceConfig = `terraform {
  required_providers {
    tencentcloudidc = {
      source = "tencentcloudidc/tencentcloudidc"
    }
  }
}

provider "tencentcloudidc" {}

resource "tencentcloudidc_scim_credential" "one" {
  expire_after = "24h"
}

resource "tencentcloudidc_scim_credential" "two" {
  expire_after = "24h"
}
`

// limitError is how the provider names the zone's limit when it refuses a credential, whether
// it saw the zone full before sending anything or the service answered LimitExceeded because
// another apply took the slot first.
var limitError = regexp.MustCompile(`^Unable to Create SCIM Credential .*(already holds 2 SCIM credentials, the most a zone may have|may hold at most 2 SCIM credentials)`)

// countRefusals counts the error diagnostics in a command's output, and those among them that
// refuse a credential naming the zone's limit.
func countRefusals(output string) (errs, refused int) {
	for _, d := range strings.Split(flatten(output), "Error: ")[1:] {
		errs++
		if limitError.MatchString(d) {
			refused++
		}
	}
	return errs, refused
}

// concurrency applies two configurations of two credentials each, on separate state
// directories, at the same moment against one zone that allows two. The credentials that fit
// are created, every other create fails naming the limit, and each credential of the zone is
// in exactly one state. It runs without random faults: a create whose answer is lost makes the
// provider delete every credential that appeared meanwhile, the other apply's included (it
// cannot tell them apart without the lost answer), which is a documented trade-off and not
// what this scenario measures.
func (s *suite) concurrency(ctx context.Context) error {
	fmt.Fprintf(s.out, "[%s] concurrency: two applies of two credentials each against one zone of two\n", s.cli.Name)
	logs := filepath.Join(s.work, "logs")
	if err := os.MkdirAll(logs, 0o755); err != nil {
		return err
	}
	simLog, err := os.Create(filepath.Join(logs, "concurrency.sim.log"))
	if err != nil {
		return err
	}
	defer simLog.Close()
	// The latency makes the four creates' lists overlap, so that the service itself has to
	// refuse the creates that no longer fit (LimitExceeded), not only the provider's own check.
	sim, err := e2e.StartSim(ctx, s.bins.Simulator, simLog, "-listen", "127.0.0.1:0", "-latency", "150ms")
	if err != nil {
		return err
	}
	defer sim.Stop()
	api, err := sim.API(ctx)
	if err != nil {
		return err
	}
	s.t.concurrencyRuns++

	var sessions []*session
	for _, name := range []string{"a", "b"} {
		ss, err := s.newSession("concurrency "+name, filepath.Join(s.work, "race-"+name), "", logs, sim)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(ss.dir, "main.tf"), []byte(raceConfig), 0o600); err != nil {
			return err
		}
		if name == "a" {
			ss.simLog = simLog.Name()
		}
		ss.cli(ctx, true, "init", "-input=false", "-no-color")
		sessions = append(sessions, ss)
	}

	// The two applies overlap, so they run outside session.cli (which counts as it goes) and
	// are counted once both are done.
	results := make([]e2e.Result, len(sessions))
	var wg sync.WaitGroup
	for i, ss := range sessions {
		wg.Go(func() {
			fmt.Fprintf(ss.out, "\n$ %s apply -auto-approve (racing)\n", s.cli.Name)
			res, err := e2e.Run(ctx, s.cli, ss.dir, ss.env, ss.out, "apply", "-auto-approve", "-input=false", "-no-color")
			if err != nil {
				res.Code, res.Stderr = -1, err.Error()
			}
			results[i] = res
		})
	}
	wg.Wait()

	var inStates []string
	for i, ss := range sessions {
		s.t.commands++
		ss.learnSecrets()
		res := results[i]
		st, err := e2e.ReadState(ss.dir)
		if err != nil {
			return err
		}
		ids := st.Strings(typeCredential, "credential_id")
		inStates = append(inStates, ids...)
		s.t.concurrencyCreated += len(ids)
		errorsShown, refused := countRefusals(res.Output())
		s.t.concurrencyRefused += refused
		switch {
		case res.Code != 0 && res.Code != 1:
			s.t.concurrencyBad++
			ss.problem("apply exited %d:\n%s", res.Code, indent(e2e.Tail(res.Output(), 30)))
		case len(ids)+refused != 2:
			s.t.concurrencyBad++
			ss.problem("%d credentials created and %d refused naming the limit, want 2 in all:\n%s", len(ids), refused, indent(e2e.Tail(res.Output(), 40)))
		case errorsShown != refused:
			s.t.concurrencyBad++
			ss.problem("%d errors, of which %d name the 2-credential limit:\n%s", errorsShown, refused, indent(e2e.Tail(res.Output(), 40)))
		case (res.Code == 0) != (refused == 0):
			s.t.concurrencyBad++
			ss.problem("apply exited %d with %d refusals", res.Code, refused)
		}
	}

	creds, err := api.ListSCIMCredentials(ctx, sim.Ready.ZoneID)
	if err != nil {
		return fmt.Errorf("listing the zone's credentials: %w", err)
	}
	var inZone []string
	for _, c := range creds {
		inZone = append(inZone, c.CredentialID)
	}
	slices.Sort(inZone)
	slices.Sort(inStates)
	if !slices.Equal(inZone, inStates) || len(inZone) != 2 {
		s.t.concurrencyBad++
		s.problem(sessions[0].scan, "concurrency", "the zone holds %v and the two states %v: want the same 2 credentials, each in one state", inZone, inStates)
	}

	for _, ss := range sessions {
		ss.cli(ctx, true, "destroy", "-auto-approve", "-input=false", "-no-color")
	}
	if left, err := api.ListSCIMCredentials(ctx, sim.Ready.ZoneID); err != nil {
		return err
	} else if len(left) != 0 {
		s.t.orphans += len(left)
		s.problem(sessions[0].scan, "concurrency", "%d credentials left after both destroys", len(left))
	}
	for _, ss := range sessions {
		// Each session learns the other's secrets too: a leak of either is a leak.
		for _, other := range sessions {
			for secret, what := range other.scan.secrets {
				ss.scan.add(secret, what)
			}
		}
	}
	for _, ss := range sessions {
		if err := ss.finish(); err != nil {
			return err
		}
	}
	return nil
}

// flatten undoes the CLI's diagnostic layout (box-drawing margins, wrapped lines), so that a
// phrase can be matched across line breaks.
func flatten(s string) string {
	s = strings.NewReplacer("│", " ", "╷", " ", "╵", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}
