// Command demo runs the whole OneLogin flow offline (`make demo`): it builds the provider and
// the simulator, starts the simulator on a free loopback port, applies examples/complete with
// OpenTofu through a dev_overrides CLI configuration, plays the IdP by pushing users and a
// group over SCIM with the secret Terraform created, reads them back, shows a drift being
// caught and repaired, and destroys everything. It prints one line per step and exits
// non-zero as soon as a step misbehaves, with the output of the command that failed.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

type readyLine struct {
	Endpoint  string `json:"endpoint"`
	SCIMURL   string `json:"scim_url"`
	ZoneID    string `json:"zone_id"`
	SecretID  string `json:"secret_id"`
	SecretKey string `json:"secret_key"`
}

type demo struct {
	root    string // repository root
	work    string // scratch directory, removed at the end
	config  string // copy of examples/complete
	tofu    string
	env     []string
	sim     *exec.Cmd
	ready   readyLine
	api     *idc.Client
	logFile *os.File
	step    int
}

const steps = 6

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
	d.say("SCIM synchronization on in zone %s", d.ready.ZoneID)
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

	d.begin("tofu plan -detailed-exitcode: no drift")
	if _, err := d.tf(ctx, 0, "plan", "-detailed-exitcode", "-input=false", "-no-color"); err != nil {
		return fmt.Errorf("expected an empty plan (exit 0): %w", err)
	}
	d.say("exit code 0: the zone matches the configuration")

	d.begin("turn SCIM synchronization off behind Terraform's back: plan catches it, apply repairs it")
	if err := d.api.UpdateSCIMSynchronizationStatus(ctx, d.ready.ZoneID, false); err != nil {
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
	on, err := d.api.GetSCIMSynchronizationStatus(ctx, d.ready.ZoneID)
	if err != nil {
		return err
	}
	if !on {
		return errors.New("SCIM synchronization is still off after apply")
	}
	d.say("apply turned it back on; the API confirms")

	d.begin("tofu destroy: everything back to the service's defaults")
	if _, err := d.tf(ctx, 0, "destroy", "-auto-approve", "-input=false", "-no-color"); err != nil {
		return err
	}
	return d.checkAPIAfterDestroy(ctx)
}

// prepare builds the binaries, makes sure tofu exists, starts the simulator and writes the CLI
// configuration that points tofu at the freshly built provider.
func (d *demo) prepare(ctx context.Context) error {
	bin := filepath.Join(d.work, "bin")
	if err := d.run1(ctx, d.root, "go", "build", "-o", filepath.Join(bin, "terraform-provider-tencentcloudidc"), "."); err != nil {
		return err
	}
	if err := d.run1(ctx, d.root, "go", "build", "-o", filepath.Join(bin, "tencentcloudidc-sim"), "./cmd/tencentcloudidc-sim"); err != nil {
		return err
	}
	tools := os.Getenv("TENCENTCLOUDIDC_TOOLS")
	if tools == "" {
		home, _ := os.UserHomeDir()
		tools = filepath.Join(home, ".cache", "terraform-provider-tencentcloudidc")
	}
	d.tofu = filepath.Join(tools, "bin", "tofu")
	if _, err := os.Stat(d.tofu); err != nil {
		fmt.Println("  OpenTofu is missing: building it from the Go module proxy (about 3 minutes, once)")
		if err := d.run1(ctx, d.root, filepath.Join(d.root, "scripts", "install-clis.sh"), "tofu"); err != nil {
			return err
		}
	}

	d.sim = exec.CommandContext(ctx, filepath.Join(bin, "tencentcloudidc-sim"),
		"-listen", "127.0.0.1:0", "-state", filepath.Join(d.work, "sim-state.json"), "-zone-name", "acme-demo")
	d.sim.Stderr = d.logFile
	stdout, err := d.sim.StdoutPipe()
	if err != nil {
		return err
	}
	if err := d.sim.Start(); err != nil {
		return fmt.Errorf("starting the simulator: %w", err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		return fmt.Errorf("reading the simulator's ready line: %w", err)
	}
	if err := json.Unmarshal([]byte(line), &d.ready); err != nil {
		return fmt.Errorf("parsing the simulator's ready line %q: %w", line, err)
	}
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	fmt.Printf("  simulator on %s, zone %s\n", d.ready.Endpoint, d.ready.ZoneID)

	if d.api, err = idc.New(ctx, idc.Config{
		SecretID: d.ready.SecretID, SecretKey: d.ready.SecretKey, Endpoint: d.ready.Endpoint, Protocol: "HTTP",
	}); err != nil {
		return err
	}

	// dev_overrides makes tofu run the provider just built. `tofu init` still resolves every
	// provider of the configuration, and there is no registry to ask here, so a filesystem
	// mirror holding the same binary answers it.
	mirror := filepath.Join(d.work, "mirror")
	mirrored := filepath.Join(mirror, "registry.opentofu.org", "tencentcloudidc", "tencentcloudidc", "0.0.1", runtime.GOOS+"_"+runtime.GOARCH)
	if err := os.MkdirAll(mirrored, 0o755); err != nil {
		return err
	}
	if err := os.Link(filepath.Join(bin, "terraform-provider-tencentcloudidc"), filepath.Join(mirrored, "terraform-provider-tencentcloudidc")); err != nil {
		return err
	}
	cliConfig := filepath.Join(d.work, "tofu.tfrc")
	rc := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "tencentcloudidc/tencentcloudidc" = %q
  }
  filesystem_mirror {
    path    = %q
    include = ["registry.opentofu.org/tencentcloudidc/tencentcloudidc"]
  }
}
`, bin, mirror)
	if err := os.WriteFile(cliConfig, []byte(rc), 0o600); err != nil {
		return err
	}
	d.config = filepath.Join(d.work, "complete")
	if err := os.CopyFS(d.config, os.DirFS(filepath.Join(d.root, "examples", "complete"))); err != nil {
		return err
	}
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "TF_") || strings.HasPrefix(kv, "TENCENTCLOUD") {
			continue // the caller's cloud credentials and CLI settings must not leak into the demo
		}
		d.env = append(d.env, kv)
	}
	d.env = append(d.env,
		"TF_CLI_CONFIG_FILE="+cliConfig,
		"TF_IN_AUTOMATION=1",
		"TF_INPUT=0",
		"CHECKPOINT_DISABLE=1",
		"TENCENTCLOUD_SECRET_ID="+d.ready.SecretID,
		"TENCENTCLOUD_SECRET_KEY="+d.ready.SecretKey,
		"TENCENTCLOUD_PROTOCOL=HTTP",
		"TENCENTCLOUDIDC_ENDPOINT="+d.ready.Endpoint,
		"TENCENTCLOUDIDC_SCIM_ENDPOINT="+d.ready.SCIMURL,
	)
	return nil
}

// tf runs tofu in the configuration directory and wants the given exit code.
func (d *demo) tf(ctx context.Context, wantExit int, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, d.tofu, args...)
	cmd.Dir = d.config
	cmd.Env = d.env
	var out bytes.Buffer
	cmd.Stdout = io.MultiWriter(&out, d.logFile)
	cmd.Stderr = io.MultiWriter(&out, d.logFile)
	err := cmd.Run()
	code := 0
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		code = exitErr.ExitCode()
	} else if err != nil {
		return "", err
	}
	if code != wantExit {
		return out.String(), fmt.Errorf("tofu %s exited %d, want %d:\n%s", strings.Join(args, " "), code, wantExit, tail(out.String(), 60))
	}
	return out.String(), nil
}

func (d *demo) run1(ctx context.Context, dir, name string, args ...string) error {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout = io.MultiWriter(&out, d.logFile)
	cmd.Stderr = io.MultiWriter(&out, d.logFile)
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %s: %w\n%s", name, strings.Join(args, " "), err, tail(out.String(), 40))
	}
	return nil
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
	cmd := exec.CommandContext(ctx, d.tofu, "output", "-json")
	cmd.Dir = d.config
	cmd.Env = d.env
	cmd.Stderr = d.logFile
	raw, err := cmd.Output() // not teed to the log: it holds the SCIM secret
	if err != nil {
		return nil, fmt.Errorf("tofu output -json: %w", err)
	}
	var out tfOutputs
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, fmt.Errorf("tofu output -json: %w", err)
	}
	return out, nil
}

func (d *demo) checkAPIAfterApply(ctx context.Context) error {
	creds, err := d.api.ListSCIMCredentials(ctx, d.ready.ZoneID)
	if err != nil {
		return err
	}
	if len(creds) != 1 || !creds[0].Enabled {
		return fmt.Errorf("the zone holds %d SCIM credentials after apply, want 1 enabled", len(creds))
	}
	idp, err := d.api.GetExternalSAMLIdentityProvider(ctx, d.ready.ZoneID)
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
	on, err := d.api.GetSCIMSynchronizationStatus(ctx, d.ready.ZoneID)
	if err != nil {
		return err
	}
	creds, err := d.api.ListSCIMCredentials(ctx, d.ready.ZoneID)
	if err != nil {
		return err
	}
	_, idpErr := d.api.GetExternalSAMLIdentityProvider(ctx, d.ready.ZoneID)
	switch {
	case on:
		return errors.New("SCIM synchronization is still on after destroy")
	case len(creds) != 0:
		return fmt.Errorf("%d SCIM credentials remain after destroy", len(creds))
	case !errors.Is(idpErr, idc.ErrNotFound):
		return fmt.Errorf("the IdP configuration is still there after destroy (%v)", idpErr)
	}
	d.say("API confirms: SCIM synchronization off, no SCIM credential, IdP cleared and SSO off")
	return nil
}

// playIdP does what OneLogin's provisioning does once the SCIM base URL and bearer token are
// entered: create users, then a group holding them.
func (d *demo) playIdP(ctx context.Context, base, token string) error {
	people := []struct{ user, given, family string }{
		{"ana.lima@acme.example", "Ana", "Lima"},
		{"bo.chen@acme.example", "Bo", "Chen"},
		{"chidi.okafor@acme.example", "Chidi", "Okafor"},
	}
	var members []map[string]string
	for i, p := range people {
		body := map[string]any{
			"schemas":     []string{"urn:ietf:params:scim:schemas:core:2.0:User"},
			"userName":    p.user,
			"externalId":  fmt.Sprintf("onelogin-%d", 1000+i),
			"name":        map[string]string{"givenName": p.given, "familyName": p.family},
			"displayName": p.given + " " + p.family,
			"emails":      []map[string]any{{"value": p.user, "type": "work", "primary": true}},
			"active":      true,
		}
		var created struct {
			ID string `json:"id"`
		}
		if err := scimPost(ctx, base+"/Users", token, body, &created); err != nil {
			return err
		}
		d.say("POST /Users %s -> 201, id %s", p.user, created.ID)
		members = append(members, map[string]string{"value": created.ID, "display": p.given + " " + p.family})
	}
	group := map[string]any{
		"schemas":     []string{"urn:ietf:params:scim:schemas:core:2.0:Group"},
		"displayName": "Cloud Engineers",
		"externalId":  "onelogin-role-42",
		"members":     members,
	}
	var created struct {
		ID string `json:"id"`
	}
	if err := scimPost(ctx, base+"/Groups", token, group, &created); err != nil {
		return err
	}
	d.say("POST /Groups \"Cloud Engineers\" with 3 members -> 201, id %s", created.ID)
	return nil
}

func scimPost(ctx context.Context, url, token string, body, out any) error {
	raw, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(raw))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/scim+json")
	resp, err := (&http.Client{Timeout: 30 * time.Second}).Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusCreated {
		return fmt.Errorf("POST %s: HTTP %d: %s", url, resp.StatusCode, answer)
	}
	return json.Unmarshal(answer, out)
}

func (d *demo) cleanup() {
	if d.sim != nil && d.sim.Process != nil {
		_ = d.sim.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = d.sim.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = d.sim.Process.Kill()
		}
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

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{"…"}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}
