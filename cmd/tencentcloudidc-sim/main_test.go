package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idcsim"
)

type simProcess struct {
	cmd    *exec.Cmd
	stdout *bufio.Reader
	stderr *bytes.Buffer
	ready  idcsim.ReadyInfo
}

// startBinary runs the built simulator and reads its ready line.
func startBinary(t *testing.T, bin string, args ...string) *simProcess {
	t.Helper()
	cmd := exec.Command(bin, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &simProcess{cmd: cmd, stdout: bufio.NewReader(stdout), stderr: &bytes.Buffer{}}
	cmd.Stderr = p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	lineCh := make(chan string, 1)
	errCh := make(chan error, 1)
	go func() {
		line, err := p.stdout.ReadString('\n')
		if err != nil {
			errCh <- err
			return
		}
		lineCh <- line
	}()
	select {
	case line := <-lineCh:
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&p.ready); err != nil {
			t.Fatalf("ready line %q: %v", line, err)
		}
	case err := <-errCh:
		t.Fatalf("no ready line: %v; stderr: %s", err, p.stderr)
	case <-time.After(20 * time.Second):
		t.Fatalf("no ready line within 20s; stderr: %s", p.stderr)
	}
	return p
}

// call signs (TC3-HMAC-SHA256) and sends one API request.
func (p *simProcess) call(t *testing.T, action string, params map[string]any) map[string]json.RawMessage {
	t.Helper()
	body, err := json.Marshal(params)
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, "http://"+p.ready.Endpoint+"/", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-TC-Action", action)
	req.Header.Set("X-TC-Version", "2021-03-31")
	idcsim.SignRequest(req, body, p.ready.SecretID, p.ready.SecretKey, "organization", time.Now().Unix())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s: %v", action, err)
	}
	defer resp.Body.Close()
	var env struct{ Response map[string]json.RawMessage }
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		t.Fatalf("%s: %v", action, err)
	}
	if e, ok := env.Response["Error"]; ok {
		t.Fatalf("%s: %s", action, e)
	}
	return env.Response
}

func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "tencentcloudidc-sim")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func TestBinaryKill9AndRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	state := filepath.Join(t.TempDir(), "state.json")

	first := startBinary(t, bin, "-listen", "127.0.0.1:0", "-state", state, "-seed-users", "3", "-seed-groups", "1")
	r := first.ready
	if !strings.HasPrefix(r.Endpoint, "127.0.0.1:") || strings.HasSuffix(r.Endpoint, ":0") || r.SCIMURL != "http://"+r.Endpoint+"/scim/v2" ||
		r.ZoneID != "z-simulator001" || r.SecretID != "AKIDtencentcloudidcsim00000000000000" || r.SecretKey != "tencentcloudidc-sim-dev-secret-key" {
		t.Fatalf("ready line %+v", r)
	}
	zone := map[string]any{"ZoneId": r.ZoneID}
	first.call(t, "UpdateSCIMSynchronizationStatus", map[string]any{"ZoneId": r.ZoneID, "SCIMSynchronizationStatus": "Enabled"})
	created := first.call(t, "CreateSCIMCredential", zone)
	var credentialID string
	if err := json.Unmarshal(created["CredentialId"], &credentialID); err != nil {
		t.Fatal(err)
	}

	if err := first.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = first.cmd.Wait()

	second := startBinary(t, bin, "-listen", "127.0.0.1:0", "-state", state, "-seed-users", "3", "-seed-groups", "1")
	status := second.call(t, "GetSCIMSynchronizationStatus", zone)
	if string(status["SCIMSynchronizationStatus"]) != `"Enabled"` {
		t.Fatalf("sync status after kill -9: %s", status["SCIMSynchronizationStatus"])
	}
	list := second.call(t, "ListSCIMCredentials", zone)
	if string(list["TotalCounts"]) != "1" || !strings.Contains(string(list["SCIMCredentials"]), credentialID) {
		t.Fatalf("credentials after kill -9: %s", list["SCIMCredentials"])
	}
	users := second.call(t, "ListUsers", zone)
	if string(users["TotalCounts"]) != "3" {
		t.Fatalf("users after restart: %s", users["TotalCounts"])
	}

	// SIGTERM stops it cleanly, and stdout never carried more than the ready line.
	if err := second.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	rest, err := io.ReadAll(second.stdout)
	if err != nil {
		t.Fatal(err)
	}
	if err := second.cmd.Wait(); err != nil {
		t.Fatalf("exit after SIGTERM: %v; stderr: %s", err, second.stderr)
	}
	if len(rest) != 0 {
		t.Fatalf("stdout after the ready line: %q", rest)
	}
	if strings.Contains(second.stderr.String(), r.SecretKey) {
		t.Fatal("the secret key reached the log")
	}
}

// TestBinaryAccessFlags drives the simulator contract's access flags (DESIGN.md): -seed-accounts
// sets the member accounts, -task-delay how long a task stays InProgress, -faults task-failure=P
// makes tasks end Failed.
func TestBinaryAccessFlags(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	for _, tc := range []struct {
		name    string
		args    []string
		members string
		final   string
		delayed bool
	}{
		{"defaults", nil, "5", "Success", true},
		{"two accounts, quick tasks", []string{"-seed-accounts", "2", "-task-delay", "0s"}, "2", "Success", false},
		{"no accounts", []string{"-seed-accounts", "0"}, "0", "", false},
		{"failing tasks", []string{"-seed-accounts", "1", "-task-delay", "0s", "-faults", "task-failure=1"}, "1", "Failed", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := startBinary(t, bin, append([]string{"-listen", "127.0.0.1:0", "-rate-limit", "0"}, tc.args...)...)
			zoneID := p.ready.ZoneID
			members := p.call(t, "DescribeOrganizationMembers", map[string]any{"Offset": 0, "Limit": 50})
			if string(members["Total"]) != tc.members {
				t.Fatalf("Total %s, want %s", members["Total"], tc.members)
			}
			if tc.final == "" {
				return
			}
			var items []struct{ MemberUin int64 }
			if err := json.Unmarshal(members["Items"], &items); err != nil {
				t.Fatal(err)
			}
			created := p.call(t, "CreateRoleConfiguration", map[string]any{"ZoneId": zoneID, "RoleConfigurationName": "flags"})
			var rc struct{ RoleConfigurationId string }
			if err := json.Unmarshal(created["RoleConfigurationInfo"], &rc); err != nil {
				t.Fatal(err)
			}
			started := p.call(t, "ProvisionRoleConfiguration", map[string]any{"ZoneId": zoneID, "RoleConfigurationId": rc.RoleConfigurationId,
				"TargetType": "MemberUin", "TargetUin": items[0].MemberUin})
			var task struct{ TaskId string }
			if err := json.Unmarshal(started["Task"], &task); err != nil {
				t.Fatal(err)
			}
			status := func() string {
				var st struct{ Status string }
				if err := json.Unmarshal(p.call(t, "GetTaskStatus", map[string]any{"ZoneId": zoneID, "TaskId": task.TaskId})["TaskStatus"], &st); err != nil {
					t.Fatal(err)
				}
				return st.Status
			}
			if got := status(); tc.delayed && got != "InProgress" {
				t.Fatalf("right after the start: %s, want InProgress (default -task-delay)", got)
			}
			deadline := time.Now().Add(10 * time.Second)
			for status() == "InProgress" && time.Now().Before(deadline) {
				time.Sleep(50 * time.Millisecond)
			}
			if got := status(); got != tc.final {
				t.Fatalf("final status %s, want %s", got, tc.final)
			}
		})
	}
}

func TestBadFlags(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		code int
	}{
		{"unknown flag", []string{"-nope"}, 2},
		{"stray argument", []string{"extra"}, 2},
		{"bad zone id", []string{"-zone-id", "z-BAD"}, 1},
		{"bad zone name", []string{"-zone-name", "-x-"}, 1},
		{"bad faults", []string{"-faults", "reset=7"}, 1},
		{"bad task-failure", []string{"-faults", "task-failure=2"}, 1},
		{"negative seed accounts", []string{"-seed-accounts", "-1"}, 2},
		{"negative task delay", []string{"-task-delay", "-1s"}, 1},
		{"unusable listen address", []string{"-listen", "256.0.0.1:0"}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if got := run(t.Context(), tc.args, &stdout, &stderr); got != tc.code {
				t.Fatalf("exit %d, want %d; stderr: %s", got, tc.code, stderr.String())
			}
			if stdout.Len() != 0 {
				t.Fatalf("stdout: %q", stdout.String())
			}
			if stderr.Len() == 0 {
				t.Fatal("no explanation on stderr")
			}
		})
	}
}

// TestRunStopsOnCancel drives run in-process: one ready line, then a clean stop.
func TestRunStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	pr, pw := io.Pipe()
	var stderr bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"-listen", "127.0.0.1:0", "-rate-limit", "0"}, pw, &stderr)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	var ready idcsim.ReadyInfo
	if err := json.Unmarshal([]byte(line), &ready); err != nil || ready.Endpoint == "" {
		t.Fatalf("ready line %q: %v", line, err)
	}
	cancel()
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("exit %d; stderr: %s", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not stop")
	}
	client := &http.Client{Transport: &http.Transport{}, Timeout: 5 * time.Second}
	if resp, err := client.Get("http://" + ready.Endpoint + "/_sim/stats"); err == nil {
		resp.Body.Close()
		t.Fatalf("server still answers after stop: %s", resp.Status)
	}
}
