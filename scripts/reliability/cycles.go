package main

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/e2e"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

const (
	typeCredential = "tencentcloudidc_scim_credential"
	typeSync       = "tencentcloudidc_scim_synchronization"
	typeIdP        = "tencentcloudidc_saml_identity_provider"
)

// cycles runs the fault cycles: one simulator with its own fault seed per cycle, and one
// configuration directory (a copy of examples/complete, initialised once) for all of them.
func (s *suite) cycles(ctx context.Context) error {
	dir := filepath.Join(s.work, "complete")
	logs := filepath.Join(s.work, "logs")
	if err := os.MkdirAll(logs, 0o755); err != nil {
		return err
	}
	fmt.Fprintf(s.out, "[%s] %d cycles of examples/complete with -faults %s\n", s.cli.Name, s.opts.n, s.opts.faults)
	for i := 1; i <= s.opts.n; i++ {
		seed := s.opts.seed + int64(i) - 1
		if err := s.cycle(ctx, i, seed, dir, logs); err != nil {
			return fmt.Errorf("cycle %d (seed %d): %w", i, seed, err)
		}
	}
	return nil
}

// cycle is apply → SCIM push → refresh → plan → destroy against a fresh simulator. Missed goals
// are counted and reported; an error means the suite itself could not go on.
func (s *suite) cycle(ctx context.Context, i int, seed int64, dir, logs string) error {
	simLog, err := os.Create(filepath.Join(logs, fmt.Sprintf("cycle-%d.sim.log", i)))
	if err != nil {
		return err
	}
	defer simLog.Close()
	sim, err := e2e.StartSim(ctx, s.bins.Simulator, simLog,
		"-listen", "127.0.0.1:0", "-faults", s.opts.faults, "-fault-seed", strconv.FormatInt(seed, 10))
	if err != nil {
		return err
	}
	defer sim.Stop()
	api, err := sim.API(ctx)
	if err != nil {
		return err
	}

	src := ""
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		src = filepath.Join(s.root, "examples", "complete")
	}
	ss, err := s.newSession(fmt.Sprintf("cycle %d (seed %d)", i, seed), dir, src, logs, sim)
	if err != nil {
		return err
	}
	ss.countStats = true
	ss.simLog = simLog.Name()
	for _, f := range []string{"terraform.tfstate", "terraform.tfstate.backup"} {
		if err := os.Remove(filepath.Join(dir, f)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	s.t.cycles++
	if src != "" {
		ss.cli(ctx, true, "init", "-input=false", "-no-color")
	}

	if _, ok := ss.cli(ctx, true, "apply", "-auto-approve", "-input=false", "-no-color"); ok {
		secrets, err := ss.checkApplied(ctx, api, "after apply")
		if err != nil {
			return err
		}
		ss.pushDirectory(ctx, secrets)
		if _, ok := ss.cli(ctx, true, "apply", "-refresh-only", "-auto-approve", "-input=false", "-no-color"); ok {
			after, err := ss.checkApplied(ctx, api, "after refresh")
			if err != nil {
				return err
			}
			ss.compareSecrets(secrets, after)
			ss.checkSyncedUsers()
		}
		ss.wantEmptyPlan(ctx, "plan after apply and refresh")
		ss.grantAccess(ctx, api)
		ss.wantEmptyPlan(ctx, "plan after the access apply")
	}
	// Destroy runs whatever happened before: a cycle must not leave anything behind. Injected
	// task failures may fail it; the next run must finish it.
	rcs := roleConfigurationIDs(dir)
	ss.converge(ctx, "destroy", "-auto-approve", "-input=false", "-no-color")
	if err := ss.checkDestroyed(ctx, api); err != nil {
		return err
	}
	if err := ss.checkAccessDestroyed(ctx, api, rcs); err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(dir, "access.auto.tfvars")); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return ss.finish()
}

// wantEmptyPlan counts a plan that is not empty, or fails.
func (ss *session) wantEmptyPlan(ctx context.Context, what string) {
	if res, _ := ss.cli(ctx, false, "plan", "-detailed-exitcode", "-input=false", "-no-color"); res.Code == 2 {
		ss.s.t.nonEmptyPlans++
		ss.problem("%s is not empty:\n%s", what, indent(e2e.Tail(res.Output(), 30)))
	} else if res.Code != 0 {
		ss.s.t.failed++
		ss.problem("%s: plan -detailed-exitcode exited %d:\n%s", what, res.Code, indent(e2e.Tail(res.Output(), 30)))
	}
}

// checkApplied compares the state with the service: the credentials in the zone are exactly
// those of the state, each with a secret; SCIM synchronization is on and the IdP has SSO on.
// It returns the state's secrets by credential ID.
func (ss *session) checkApplied(ctx context.Context, api *idc.Client, when string) (map[string]string, error) {
	st, err := e2e.ReadState(ss.dir)
	if err != nil {
		return nil, err
	}
	secrets := map[string]string{}
	for _, a := range st.Managed(typeCredential) {
		id, _ := a["credential_id"].(string)
		secret, _ := a["secret"].(string)
		secrets[id] = secret
		switch {
		case secret == "":
			ss.s.t.secretsChanged++
			ss.problem("%s: credential %s has no secret in the state", when, id)
		case ss.scan.secrets[secret] == "":
			// The leak count is only worth something when the scan looks for this secret.
			ss.s.t.checkFailures++
			ss.problem("%s: the leak scan does not know the secret of credential %s", when, id)
		}
	}
	if err := ss.compareCredentials(ctx, api, when, slices.Collect(maps.Keys(secrets))); err != nil {
		return nil, err
	}
	if len(secrets) != 1 {
		ss.s.t.checkFailures++
		ss.problem("%s: the state holds %d credentials, want 1", when, len(secrets))
	}
	on, err := api.GetSCIMSynchronizationStatus(ctx, ss.sim.Ready.ZoneID)
	if err != nil {
		return nil, fmt.Errorf("checking SCIM synchronization: %w", err)
	}
	if !on {
		ss.s.t.checkFailures++
		ss.problem("%s: SCIM synchronization is off in the service", when)
	}
	idp, err := api.GetExternalSAMLIdentityProvider(ctx, ss.sim.Ready.ZoneID)
	switch {
	case errors.Is(err, idc.ErrNotFound):
		ss.s.t.missing++
		ss.problem("%s: the service has no IdP configuration", when)
	case err != nil:
		return nil, fmt.Errorf("checking the IdP: %w", err)
	case !idp.SSOEnabled:
		ss.s.t.checkFailures++
		ss.problem("%s: SSO is off in the service", when)
	}
	return secrets, nil
}

// compareCredentials counts the zone's credentials that the state lacks (orphans) and the
// state's credentials that the zone lacks (missing).
func (ss *session) compareCredentials(ctx context.Context, api *idc.Client, when string, inState []string) error {
	creds, err := api.ListSCIMCredentials(ctx, ss.sim.Ready.ZoneID)
	if err != nil {
		return fmt.Errorf("listing the zone's credentials: %w", err)
	}
	var inZone []string
	for _, c := range creds {
		inZone = append(inZone, c.CredentialID)
		if !slices.Contains(inState, c.CredentialID) {
			ss.s.t.orphans++
			ss.problem("%s: credential %s is in the zone but in no state (orphan)", when, c.CredentialID)
		}
	}
	for _, id := range inState {
		if !slices.Contains(inZone, id) {
			ss.s.t.missing++
			ss.problem("%s: credential %s is in the state but not in the zone", when, id)
		}
	}
	return nil
}

// pushDirectory plays the IdP with the state's bearer token. The simulator never faults SCIM
// requests (its -faults apply to API actions only), so a failed push is a finding, not bad
// luck: it is not retried. A 401 means the secret in the state does not work.
func (ss *session) pushDirectory(ctx context.Context, secrets map[string]string) {
	for _, token := range secrets {
		_, err := e2e.PushDirectory(ctx, ss.sim.Ready.SCIMURL, token, e2e.DemoPeople, e2e.DemoGroup)
		var scimErr *e2e.SCIMError
		switch {
		case err == nil:
		case errors.As(err, &scimErr) && scimErr.Status == 401:
			ss.s.t.secretsChanged++
			ss.problem("SCIM refused the state's bearer token: %v", err)
		default:
			ss.s.t.checkFailures++
			ss.problem("SCIM push: %v", err)
		}
		return // one credential is enough to push with
	}
}

// compareSecrets counts secrets that changed or vanished between two reads of the state.
func (ss *session) compareSecrets(before, after map[string]string) {
	for id, secret := range before {
		if got, ok := after[id]; !ok || got != secret {
			ss.s.t.secretsChanged++
			ss.problem("after refresh: the secret of credential %s changed or vanished from the state", id)
		}
	}
}

// checkSyncedUsers wants the refresh to have picked up the users the IdP pushed.
func (ss *session) checkSyncedUsers() {
	st, err := e2e.ReadState(ss.dir)
	var names []string
	if err == nil {
		_, err = st.Output("synced_user_names", &names)
	}
	slices.Sort(names)
	var want []string
	for _, p := range e2e.DemoPeople {
		want = append(want, p.UserName)
	}
	if err != nil || !slices.Equal(names, want) {
		ss.s.t.checkFailures++
		ss.problem("after refresh: synced_user_names = %v, want %v (%v)", names, want, err)
	}
}

// checkDestroyed wants the service back at its defaults and the state empty.
func (ss *session) checkDestroyed(ctx context.Context, api *idc.Client) error {
	if err := ss.compareCredentials(ctx, api, "after destroy", nil); err != nil {
		return err
	}
	on, err := api.GetSCIMSynchronizationStatus(ctx, ss.sim.Ready.ZoneID)
	if err != nil {
		return fmt.Errorf("checking SCIM synchronization: %w", err)
	}
	if on {
		ss.s.t.checkFailures++
		ss.problem("after destroy: SCIM synchronization is still on")
	}
	if _, err := api.GetExternalSAMLIdentityProvider(ctx, ss.sim.Ready.ZoneID); !errors.Is(err, idc.ErrNotFound) {
		ss.s.t.checkFailures++
		ss.problem("after destroy: the IdP configuration is still there (%v)", err)
	}
	st, err := e2e.ReadState(ss.dir)
	if err != nil {
		return err
	}
	if n := len(st.Managed(typeCredential)) + len(st.Managed(typeSync)) + len(st.Managed(typeIdP)) + len(st.Managed(typeRC)) + len(st.Managed(typeExclusive)); n != 0 {
		ss.s.t.checkFailures++
		ss.problem("after destroy: the state still holds %d resources", n)
	}
	return nil
}
