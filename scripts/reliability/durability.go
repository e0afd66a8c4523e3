package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/e2e"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

// durabilityLatency slows every API call down so that an apply of examples/complete takes
// several seconds and the kill lands in its middle.
const durabilityLatency = 250 * time.Millisecond

// durabilityOutage is longer than the client's retries of one call (5 retries, backoff capped
// at 0.2+0.4+0.8+1.6+3.2 s) and shorter than the provider's cleanup budget after a lost create
// answer (one minute).
const durabilityOutage = 12 * time.Second

// durability applies examples/complete against a simulator keeping its state in a file, kills
// the simulator with SIGKILL as soon as the file shows that a credential was created (so at
// least the SCIM synchronization change and the credential create were acknowledged, while the
// IdP upload is still to come), and restarts it on the same address and file. It does so twice:
// restarting at once, while the apply's calls are still retrying, and after an outage longer
// than the client's retries of one call, so that calls in flight fail (the CLI saves a partial
// state) and a create whose answer the kill took must be cleaned up across the outage. Each
// time: the file loads, everything the CLI's state says exists exists in the service, a second
// apply converges, the plan after it is empty, there are no orphans, and destroy clears the zone.
func (s *suite) durability(ctx context.Context) error {
	for _, v := range []struct {
		name   string
		outage time.Duration
	}{{"durability (restart at once)", 0}, {"durability (restart after a 12s outage)", durabilityOutage}} {
		if err := s.durabilityRun(ctx, v.name, v.outage); err != nil {
			return fmt.Errorf("%s: %w", v.name, err)
		}
	}
	return nil
}

func (s *suite) durabilityRun(ctx context.Context, name string, outage time.Duration) error {
	fmt.Fprintf(s.out, "[%s] %s: kill -9 of the simulator in the middle of an apply\n", s.cli.Name, name)
	logs := filepath.Join(s.work, "logs")
	tag := "durability-now"
	if outage > 0 {
		tag = "durability-outage"
	}
	addr, err := e2e.FreePort()
	if err != nil {
		return err
	}
	stateFile := filepath.Join(s.work, tag+"-sim-state.json")
	args := []string{"-listen", addr, "-state", stateFile, "-latency", durabilityLatency.String()}
	simLog, err := os.Create(filepath.Join(logs, tag+".sim.log"))
	if err != nil {
		return err
	}
	defer simLog.Close()
	sim, err := e2e.StartSim(ctx, s.bins.Simulator, simLog, args...)
	if err != nil {
		return err
	}
	defer func() { sim.Stop() }()
	s.t.durabilityRuns++

	ss, err := s.newSession(name, filepath.Join(s.work, tag), filepath.Join(s.root, "examples", "complete"), logs, sim)
	if err != nil {
		return err
	}
	ss.simLog = simLog.Name()
	ss.cli(ctx, true, "init", "-input=false", "-no-color")

	applied := make(chan e2e.Result, 1)
	go func() {
		fmt.Fprintf(ss.out, "\n$ %s apply -auto-approve (the simulator is killed during it)\n", s.cli.Name)
		res, err := e2e.Run(ctx, s.cli, ss.dir, ss.env, ss.out, "apply", "-auto-approve", "-input=false", "-no-color")
		if err != nil {
			res.Code, res.Stderr = -1, err.Error()
		}
		applied <- res
	}()

	acked, err := waitForCredential(ctx, stateFile, applied)
	if err != nil {
		ss.s.t.durabilityBad++
		ss.problem("%v", err)
		return ss.finish()
	}
	sim.Kill()
	s.t.durabilityAcked += acked
	select {
	case <-time.After(outage):
	case <-ctx.Done():
		return ctx.Err()
	}
	restarted, err := e2e.StartSim(ctx, s.bins.Simulator, simLog, args...)
	if err != nil {
		s.t.durabilityBad++
		ss.problem("the simulator does not start again on its state file: %v", err)
		<-applied
		return ss.finish()
	}
	sim = restarted
	ss.sim = restarted
	res := <-applied
	s.t.commands++
	ss.learnSecrets()
	fmt.Fprintf(s.out, "  killed after %d acknowledged changes; the interrupted apply exited %d\n", acked, res.Code)

	api, err := sim.API(ctx)
	if err != nil {
		return err
	}
	if err := ss.checkStateExists(ctx, api); err != nil {
		return err
	}
	if _, ok := ss.cli(ctx, true, "apply", "-auto-approve", "-input=false", "-no-color"); !ok {
		s.t.durabilityBad++
	}
	if res, _ := ss.cli(ctx, false, "plan", "-detailed-exitcode", "-input=false", "-no-color"); res.Code != 0 {
		s.t.durabilityBad++
		ss.problem("plan after the second apply exited %d:\n%s", res.Code, indent(e2e.Tail(res.Output(), 30)))
	}
	st, err := e2e.ReadState(ss.dir)
	if err != nil {
		return err
	}
	if err := ss.compareCredentials(ctx, api, "after the second apply", st.Strings(typeCredential, "credential_id")); err != nil {
		return err
	}
	ss.cli(ctx, true, "destroy", "-auto-approve", "-input=false", "-no-color")
	if err := ss.checkDestroyed(ctx, api); err != nil {
		return err
	}
	return ss.finish()
}

// waitForCredential polls the simulator's state file until it holds a SCIM credential and
// returns how many changes it reflects (SCIM synchronization on, and each credential). The
// simulator renames a complete file into place before it answers, so every read is whole.
func waitForCredential(ctx context.Context, path string, applied <-chan e2e.Result) (int, error) {
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case res := <-applied:
			return 0, fmt.Errorf("the apply ended (exit %d) before the simulator's state file showed a credential, so the kill came too late", res.Code)
		case <-tick.C:
		}
		raw, err := os.ReadFile(path)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return 0, err
		}
		var st struct {
			Zone struct {
				ScimSyncStatus string
			}
			SCIMCredentials []json.RawMessage
		}
		if err := json.Unmarshal(raw, &st); err != nil {
			return 0, fmt.Errorf("the simulator's state file is not whole JSON: %w", err)
		}
		if n := len(st.SCIMCredentials); n > 0 {
			acked := n
			if st.Zone.ScimSyncStatus == "Enabled" {
				acked++
			}
			return acked, nil
		}
	}
}

// checkStateExists wants every object of the CLI's state in the service: what the simulator
// acknowledged before it was killed must have survived the restart.
func (ss *session) checkStateExists(ctx context.Context, api *idc.Client) error {
	st, err := e2e.ReadState(ss.dir)
	if err != nil {
		return err
	}
	zone := ss.sim.Ready.ZoneID
	lost := 0
	for _, id := range st.Strings(typeCredential, "credential_id") {
		if _, err := api.GetSCIMCredential(ctx, zone, id); errors.Is(err, idc.ErrNotFound) {
			lost++
			ss.problem("after the restart: credential %s of the state is gone", id)
		} else if err != nil {
			return err
		}
	}
	if len(st.Managed(typeSync)) > 0 {
		on, err := api.GetSCIMSynchronizationStatus(ctx, zone)
		if err != nil {
			return err
		}
		if !on {
			lost++
			ss.problem("after the restart: SCIM synchronization, on in the state, is off")
		}
	}
	if len(st.Managed(typeIdP)) > 0 {
		if _, err := api.GetExternalSAMLIdentityProvider(ctx, zone); errors.Is(err, idc.ErrNotFound) {
			lost++
			ss.problem("after the restart: the IdP configuration of the state is gone")
		} else if err != nil {
			return err
		}
	}
	ss.s.t.durabilityBad += lost
	ss.s.t.missing += lost
	return nil
}
