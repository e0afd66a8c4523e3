package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/e2e"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

type demo struct {
	root    string // repository root
	work    string // scratch directory, removed at the end
	config  string // copy of examples/complete
	cli     e2e.CLI
	env     []string
	sim     *e2e.Sim
	api     *idc.Client
	logFile *os.File
	step    int
	pushed  []e2e.Created // what the simulated IdP pushed over SCIM
}

const steps = 8

// The access step gives the pushed group the example's role configuration on this member
// account (the simulator's first seeded account).
const (
	accessAccount = "sim-account-01"
	accessTFVars  = `access = {
  group_name   = "` + e2e.DemoGroup + `"
  account_name = "` + accessAccount + `"
}
`
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	d := &demo{}
	err := d.run(ctx)
	d.cleanup()
	if err != nil {
		fmt.Fprintf(os.Stderr, "\ndemo FAILED: %v\n", err)
		os.Exit(1)
	}
	fmt.Println("demo passed: every step behaved")
}

func (d *demo) say(format string, args ...any) {
	fmt.Printf("  %s\n", fmt.Sprintf(format, args...))
}

func (d *demo) begin(title string) {
	d.step++
	fmt.Printf("[%d/%d] %s\n", d.step, steps, title)
	fmt.Fprintf(d.logFile, "\n==== step %d: %s\n", d.step, title)
}

func (d *demo) run(ctx context.Context) error {
	root, err := os.Getwd()
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(root, "examples", "complete", "main.tf")); err != nil {
		return errors.New("run the demo from the repository root (make demo)")
	}
	d.root = root
	if d.work, err = os.MkdirTemp("", "tencentcloudidc-demo-"); err != nil {
		return err
	}
	if d.logFile, err = os.Create(filepath.Join(d.work, "demo.log")); err != nil {
		return err
	}

	fmt.Println("preparing: provider, simulator and OpenTofu")
	if err := d.prepare(ctx); err != nil {
		return err
	}

	d.begin("tofu init + tofu apply examples/complete")
	if _, err := d.tf(ctx, 0, "init", "-input=false", "-no-color"); err != nil {
		return err
	}
	if _, err := d.tf(ctx, 0, "apply", "-auto-approve", "-input=false", "-no-color"); err != nil {
		return err
	}
	outputs, err := d.outputs(ctx)
	if err != nil {
		return err
	}
	d.say("SCIM synchronization on in zone %s", d.sim.Ready.ZoneID)
	d.say("SAML SP entity ID %s, ACS URL %s", outputs.str("saml_sp_entity_id"), outputs.str("saml_acs_url"))
	d.say("SCIM base URL %s, credential expires %s", outputs.str("scim_base_url"), outputs.str("scim_credential_expires"))
	if err := d.checkAPIAfterApply(ctx); err != nil {
		return err
	}

	d.begin("play the IdP: push 3 users and 1 group over SCIM with the secret Terraform created")
	token := outputs.str("scim_bearer_token")
	if token == "" {
		return errors.New("the scim_bearer_token output is empty")
	}
	if err := d.playIdP(ctx, outputs.str("scim_base_url"), token); err != nil {
		return err
	}

	d.begin("tofu apply -refresh-only: the synced users appear in the outputs")
	if _, err := d.tf(ctx, 0, "apply", "-refresh-only", "-auto-approve", "-input=false", "-no-color"); err != nil {
		return err
	}
	if outputs, err = d.outputs(ctx); err != nil {
		return err
	}
	names := outputs.strings("synced_user_names")
	slices.Sort(names)
	want := []string{"ana.lima@acme.example", "bo.chen@acme.example", "chidi.okafor@acme.example"}
	if !slices.Equal(names, want) {
		return fmt.Errorf("synced_user_names = %v, want %v", names, want)
	}
	d.say("synced_user_names = %s", strings.Join(names, ", "))

	d.begin(fmt.Sprintf("access: give %q the role configuration on %s, both by name", e2e.DemoGroup, accessAccount))
	if err := os.WriteFile(filepath.Join(d.config, "access.auto.tfvars"), []byte(accessTFVars), 0o600); err != nil {
		return err
	}
	d.say("wrote access.auto.tfvars: %s", strings.Join(strings.Fields(accessTFVars), " "))
	if _, err := d.tf(ctx, 0, "apply", "-auto-approve", "-input=false", "-no-color"); err != nil {
		return err
	}
	if outputs, err = d.outputs(ctx); err != nil {
		return err
	}
	rcID := outputs.str("engineers_role_configuration_id")
	if err := d.checkAccess(ctx, rcID, e2e.DemoGroup); err != nil {
		return err
	}

	d.begin("tofu plan -detailed-exitcode: no drift")
	if _, err := d.tf(ctx, 0, "plan", "-detailed-exitcode", "-input=false", "-no-color"); err != nil {
		return fmt.Errorf("expected an empty plan (exit 0): %w", err)
	}
	d.say("exit code 0: the zone matches the configuration")

	d.begin("turn SCIM synchronization off behind Terraform's back: plan catches it, apply repairs it")
	if err := d.api.UpdateSCIMSynchronizationStatus(ctx, d.sim.Ready.ZoneID, false); err != nil {
		return fmt.Errorf("turning SCIM synchronization off through the API: %w", err)
	}
	d.say("UpdateSCIMSynchronizationStatus(Disabled) sent straight to the API")
	out, err := d.tf(ctx, 2, "plan", "-detailed-exitcode", "-input=false", "-no-color")
	if err != nil {
		return fmt.Errorf("expected the plan to report a change (exit 2): %w", err)
	}
	if !strings.Contains(out, "tencentcloudidc_scim_synchronization.this") {
		return errors.New("the plan does not name tencentcloudidc_scim_synchronization.this")
	}
	d.say("exit code 2: the plan updates tencentcloudidc_scim_synchronization.this (enabled false -> true)")
	if _, err := d.tf(ctx, 0, "apply", "-auto-approve", "-input=false", "-no-color"); err != nil {
		return err
	}
	on, err := d.api.GetSCIMSynchronizationStatus(ctx, d.sim.Ready.ZoneID)
	if err != nil {
		return err
	}
	if !on {
		return errors.New("SCIM synchronization is still off after apply")
	}
	d.say("apply turned it back on; the API confirms")

	d.begin("a colleague grants access in the console: plan catches it, apply removes it")
	if err := d.grantBehindTerraformsBack(ctx, rcID); err != nil {
		return err
	}
	out, err = d.tf(ctx, 2, "plan", "-detailed-exitcode", "-input=false", "-no-color")
	if err != nil {
		return fmt.Errorf("expected the plan to report a change (exit 2): %w", err)
	}
	if !strings.Contains(out, "tencentcloudidc_role_assignments_exclusive.engineers") {
		return errors.New("the plan does not name tencentcloudidc_role_assignments_exclusive.engineers")
	}
	d.say("exit code 2: the plan removes the assignment from tencentcloudidc_role_assignments_exclusive.engineers")
	if _, err := d.tf(ctx, 0, "apply", "-auto-approve", "-input=false", "-no-color"); err != nil {
		return err
	}
	if err := d.checkAccess(ctx, rcID, e2e.DemoGroup); err != nil {
		return err
	}

	d.begin("tofu destroy: everything back to the service's defaults")
	if _, err := d.tf(ctx, 0, "destroy", "-auto-approve", "-input=false", "-no-color"); err != nil {
		return err
	}
	return d.checkAPIAfterDestroy(ctx)
}

// prepare builds the binaries, makes sure tofu exists, starts the simulator and writes the CLI
// configuration that points tofu at the freshly built provider.
func (d *demo) prepare(ctx context.Context) error {
	bins, err := e2e.Build(ctx, d.root, filepath.Join(d.work, "bin"), d.logFile)
	if err != nil {
		return err
	}
	if d.cli, err = e2e.FindCLI(ctx, d.root, "tofu", os.Stdout); err != nil {
		return err
	}
	d.sim, err = e2e.StartSim(ctx, bins.Simulator, d.logFile,
		"-listen", "127.0.0.1:0", "-state", filepath.Join(d.work, "sim-state.json"), "-zone-name", "acme-demo")
	if err != nil {
		return err
	}
	fmt.Printf("  simulator on %s, zone %s\n", d.sim.Ready.Endpoint, d.sim.Ready.ZoneID)
	if d.api, err = d.sim.API(ctx); err != nil {
		return err
	}
	cliConfig, err := e2e.WriteCLIConfig(d.work, d.cli, bins)
	if err != nil {
		return err
	}
	d.config = filepath.Join(d.work, "complete")
	if err := e2e.CopyDir(d.config, filepath.Join(d.root, "examples", "complete")); err != nil {
		return err
	}
	d.env = e2e.SimEnv(cliConfig, d.sim.Ready)
	return nil
}

// tf runs tofu in the configuration directory and wants the given exit code.
func (d *demo) tf(ctx context.Context, wantExit int, args ...string) (string, error) {
	res, err := e2e.Run(ctx, d.cli, d.config, d.env, d.logFile, args...)
	if err != nil {
		return "", err
	}
	return res.Output(), res.Want(d.cli, wantExit)
}

type tfOutputs map[string]struct {
	Value json.RawMessage `json:"value"`
}

func (o tfOutputs) str(name string) string {
	var s string
	_ = json.Unmarshal(o[name].Value, &s)
	return s
}

func (o tfOutputs) strings(name string) []string {
	var s []string
	_ = json.Unmarshal(o[name].Value, &s)
	return s
}

func (d *demo) outputs(ctx context.Context) (tfOutputs, error) {
	res, err := e2e.Run(ctx, d.cli, d.config, d.env, nil, "output", "-json") // not teed to the log: it holds the SCIM secret
	if err == nil {
		err = res.Want(d.cli, 0)
	}
	if err != nil {
		return nil, fmt.Errorf("tofu output -json: %w", err)
	}
	var out tfOutputs
	if err := json.Unmarshal([]byte(res.Stdout), &out); err != nil {
		return nil, fmt.Errorf("tofu output -json: %w", err)
	}
	return out, nil
}

func (d *demo) checkAPIAfterApply(ctx context.Context) error {
	creds, err := d.api.ListSCIMCredentials(ctx, d.sim.Ready.ZoneID)
	if err != nil {
		return err
	}
	if len(creds) != 1 || !creds[0].Enabled {
		return fmt.Errorf("the zone holds %d SCIM credentials after apply, want 1 enabled", len(creds))
	}
	idp, err := d.api.GetExternalSAMLIdentityProvider(ctx, d.sim.Ready.ZoneID)
	if err != nil {
		return fmt.Errorf("reading the IdP back: %w", err)
	}
	if !idp.SSOEnabled {
		return errors.New("SSO is not enabled after apply")
	}
	d.say("credential %s enabled; IdP %s uploaded with SSO on", creds[0].CredentialID, idp.EntityID)
	return nil
}

func (d *demo) checkAPIAfterDestroy(ctx context.Context) error {
	on, err := d.api.GetSCIMSynchronizationStatus(ctx, d.sim.Ready.ZoneID)
	if err != nil {
		return err
	}
	creds, err := d.api.ListSCIMCredentials(ctx, d.sim.Ready.ZoneID)
	if err != nil {
		return err
	}
	_, idpErr := d.api.GetExternalSAMLIdentityProvider(ctx, d.sim.Ready.ZoneID)
	switch {
	case on:
		return errors.New("SCIM synchronization is still on after destroy")
	case len(creds) != 0:
		return fmt.Errorf("%d SCIM credentials remain after destroy", len(creds))
	case !errors.Is(idpErr, idc.ErrNotFound):
		return fmt.Errorf("the IdP configuration is still there after destroy (%v)", idpErr)
	}
	rcs, err := d.api.ListRoleConfigurations(ctx, idc.ListRoleConfigurationsInput{ZoneID: d.sim.Ready.ZoneID})
	if err != nil {
		return err
	}
	assignments, err := d.api.ListRoleAssignments(ctx, idc.ListRoleAssignmentsInput{ZoneID: d.sim.Ready.ZoneID})
	if err != nil {
		return err
	}
	if len(rcs) != 0 || len(assignments) != 0 {
		return fmt.Errorf("%d role configurations and %d role assignments remain after destroy", len(rcs), len(assignments))
	}
	d.say("API confirms: SCIM synchronization off, no SCIM credential, IdP cleared and SSO off, no role configuration or assignment")
	return nil
}

// checkAccess asks the API who may sign in with the role configuration: only the group, on the
// one account, where the configuration is deployed.
func (d *demo) checkAccess(ctx context.Context, rcID, group string) error {
	zone := d.sim.Ready.ZoneID
	got, err := d.api.ListRoleAssignments(ctx, idc.ListRoleAssignmentsInput{ZoneID: zone, RoleConfigurationID: rcID})
	if err != nil {
		return err
	}
	if len(got) != 1 || got[0].PrincipalType != idc.PrincipalTypeGroup || got[0].PrincipalName != group || got[0].TargetName != accessAccount {
		return fmt.Errorf("role configuration %s has %d assignments (%+v), want only group %q on %s", rcID, len(got), got, group, accessAccount)
	}
	deployed, err := d.api.ListRoleConfigurationProvisionings(ctx, idc.ListProvisioningsInput{ZoneID: zone, RoleConfigurationID: rcID})
	if err != nil {
		return err
	}
	if len(deployed) != 1 || deployed[0].TargetUin != got[0].TargetUin {
		return fmt.Errorf("role configuration %s is deployed on %d accounts, want only %s", rcID, len(deployed), accessAccount)
	}
	d.say("API: only group %q (%s) may sign in with %s, on %s (%d), where it is %s",
		group, got[0].PrincipalID, got[0].RoleConfigurationName, accessAccount, got[0].TargetUin, deployed[0].DeploymentStatus)
	return nil
}

// grantBehindTerraformsBack gives one pushed user the role configuration on the same account
// straight through the API, as a colleague in the console would.
func (d *demo) grantBehindTerraformsBack(ctx context.Context, rcID string) error {
	zone := d.sim.Ready.ZoneID
	var user e2e.Created
	for _, c := range d.pushed {
		if c.Kind == "User" {
			user = c
			break
		}
	}
	held, err := d.api.ListRoleAssignments(ctx, idc.ListRoleAssignmentsInput{ZoneID: zone, RoleConfigurationID: rcID})
	if err != nil || len(held) == 0 || user.ID == "" {
		return fmt.Errorf("nothing to add an assignment beside (%d assignments, user %q): %v", len(held), user.ID, err)
	}
	key := idc.RoleAssignmentKey{RoleConfigurationID: rcID, TargetType: idc.TargetTypeMember, TargetUin: held[0].TargetUin,
		PrincipalType: idc.PrincipalTypeUser, PrincipalID: user.ID}
	tasks, err := d.api.CreateRoleAssignment(ctx, zone, []idc.RoleAssignmentKey{key})
	if err != nil {
		return fmt.Errorf("CreateRoleAssignment through the API: %w", err)
	}
	if _, err := d.api.WaitForTask(ctx, zone, tasks[0].TaskID); err != nil {
		return err
	}
	d.say("CreateRoleAssignment sent straight to the API: user %s (%s) on %s, task %s succeeded", user.Name, user.ID, accessAccount, tasks[0].TaskID)
	return nil
}

// playIdP does what OneLogin's provisioning does once the SCIM base URL and bearer token are
// entered: create users, then a group holding them.
func (d *demo) playIdP(ctx context.Context, base, token string) error {
	made, err := e2e.PushDirectory(ctx, base, token, e2e.DemoPeople, e2e.DemoGroup)
	d.pushed = made
	for _, c := range made {
		if c.Kind == "Group" {
			d.say("POST /Groups %q with %d members -> 201, id %s", c.Name, len(e2e.DemoPeople), c.ID)
		} else {
			d.say("POST /Users %s -> 201, id %s", c.Name, c.ID)
		}
	}
	return err
}

func (d *demo) cleanup() {
	if d.sim != nil {
		d.sim.Stop()
		fmt.Println("simulator stopped")
	}
	if d.logFile != nil {
		_ = d.logFile.Close()
	}
	if d.work != "" {
		if os.Getenv("DEMO_KEEP") != "" {
			fmt.Printf("kept %s (DEMO_KEEP is set)\n", d.work)
			return
		}
		_ = os.RemoveAll(d.work)
	}
}
