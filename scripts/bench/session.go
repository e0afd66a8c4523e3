package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/e2e"
)

// tools is what every scenario runs: the CLI and the two binaries built for this run.
type tools struct {
	cli, providerBin, simBin string
	tmp                      string
	env                      []string
}

// session is one simulator behind the service's limits, one provider process the CLI
// attaches to, and a working directory initialised against both.
type session struct {
	sim  *e2e.Sim
	prov *e2e.Process
	work string
	env  []string
}

// mainTF configures the provider against the simulator. The baseline of every scenario reads
// this one cheap data source, so that both variants start and configure the provider; the
// difference is what the scenario adds.
const mainTF = `terraform {
  required_providers {
    tencentcloudidc = {
      source = %q
    }
  }
}

provider "tencentcloudidc" {
  endpoint   = %q
  protocol   = "HTTP"
  secret_id  = %q
  secret_key = %q
  # Set, so that no command spends a DescribeIdentityCenter call discovering it.
  zone_id = %q
}

data "tencentcloudidc_scim_endpoint" "this" {}

output "scim_url" {
  value = data.tencentcloudidc_scim_endpoint.this.url
}
`

// startSession starts the simulator with the service's limits and simArgs, and the provider in
// -debug mode, and runs init in a new directory called name.
//
// The provider runs in -debug mode and the CLI attaches to it through TF_REATTACH_PROVIDERS, so
// this program knows its PID for the peak RSS. The CLI configures it again for every command
// (each command's walk gets fresh provider data), so nothing is shared between commands that
// separate provider processes would not share.
func startSession(ctx context.Context, t tools, name string, simArgs ...string) (_ *session, err error) {
	args := append([]string{"-listen", "127.0.0.1:0", "-latency", latency.String(), "-rate-limit", strconv.Itoa(rateLimit)}, simArgs...)
	sim, err := e2e.StartSim(ctx, t.simBin, nil, args...)
	if err != nil {
		return nil, err
	}
	s := &session{sim: sim}
	defer func() {
		if err != nil {
			s.stop()
		}
	}()
	const reattachPrefix = "\tTF_REATTACH_PROVIDERS='"
	prov, provLine, err := e2e.Start(ctx, t.providerBin, []string{"-debug"}, nil,
		func(line string) bool { return strings.HasPrefix(line, reattachPrefix) }, time.Minute)
	if err != nil {
		return nil, fmt.Errorf("starting the provider: %w", err)
	}
	s.prov = prov
	reattach := strings.TrimSuffix(strings.TrimPrefix(provLine, reattachPrefix), "'")

	s.work = filepath.Join(t.tmp, name)
	if err := os.MkdirAll(s.work, 0o700); err != nil {
		return nil, err
	}
	s.env = append(slices.Clip(t.env), "TF_REATTACH_PROVIDERS="+reattach)
	ready := sim.Ready
	if err := s.write("main.tf", fmt.Sprintf(mainTF, providerAddress, ready.Endpoint, ready.SecretID, ready.SecretKey, ready.ZoneID)); err != nil {
		return nil, err
	}
	if out, err := cliRun(ctx, t.cli, s.work, s.env, "init", "-input=false", "-no-color"); err != nil {
		return nil, fmt.Errorf("init: %w\n%s", err, out)
	}
	return s, nil
}

func (s *session) write(file, content string) error {
	return os.WriteFile(filepath.Join(s.work, file), []byte(content), 0o600)
}

func (s *session) stop() {
	if s.prov != nil {
		s.prov.Stop()
	}
	s.sim.Stop()
}

func (s *session) remove(file string) error {
	if err := os.Remove(filepath.Join(s.work, file)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}
