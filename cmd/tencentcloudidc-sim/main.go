package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idcsim"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run is the whole command; it returns the exit status (2 for bad usage).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("tencentcloudidc-sim", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		listen        = fs.String("listen", idcsim.DefaultListen, "address to listen on; 127.0.0.1:0 picks a free port")
		secretID      = fs.String("secret-id", idcsim.DefaultSecretID, "the API SecretId accepted")
		secretKey     = fs.String("secret-key", idcsim.DefaultSecretKey, "the API SecretKey accepted")
		securityToken = fs.String("security-token", "", "the only X-TC-Token accepted (default: any token is refused)")
		zoneID        = fs.String("zone-id", "", "zone ID, z- and 12 lower-case letters or digits (default: the state file's zone, else "+idcsim.DefaultZoneID+")")
		zoneName      = fs.String("zone-name", "", "zone name (default: the state file's zone, else "+idcsim.DefaultZoneName+")")
		stateFile     = fs.String("state", "", "keep state in this file, written atomically after every change and loaded at start")
		latency       = fs.Duration("latency", 0, "delay added to every API call")
		rateLimit     = fs.Int("rate-limit", idcsim.DefaultRateLimit, "requests per second per action (0 = no limit)")
		seedUsers     = fs.Int("seed-users", 0, "make sure this many Synchronized users sim-user-NNNNN exist")
		seedGroups    = fs.Int("seed-groups", 0, "make sure this many Synchronized groups sim-group-NNNNN exist, users spread over them")
		seedAccounts  = fs.Int("seed-accounts", idcsim.DefaultSeedAccounts, "member accounts sim-account-NN of the organization (12-digit UINs), besides the management account")
		taskDelay     = fs.Duration("task-delay", 300*time.Millisecond, "how long an asynchronous task (deployment, assignment) stays InProgress before it finishes")
		faults        = fs.String("faults", "", "random faults per request, e.g. InternalError=0.05,RequestLimitExceeded=0.05,reset=0.02,lost-response=0.02 (task-failure=P: a task ends Failed)")
		faultSeed     = fs.Int64("fault-seed", 0, "seed of the fault generator, for reproducible runs (0 = random)")
	)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "tencentcloudidc-sim: unexpected arguments %q\n", fs.Args())
		return 2
	}
	if *seedAccounts < 0 {
		fmt.Fprintf(stderr, "tencentcloudidc-sim: -seed-accounts must not be negative\n")
		return 2
	}
	if *seedAccounts == 0 {
		*seedAccounts = -1 // Options: 0 is the default, negative is none
	}
	logger := log.New(stderr, "tencentcloudidc-sim: ", log.LstdFlags|log.Lmicroseconds)

	srv, err := idcsim.New(idcsim.Options{
		SecretID:      *secretID,
		SecretKey:     *secretKey,
		SecurityToken: *securityToken,
		ZoneID:        *zoneID,
		ZoneName:      *zoneName,
		StateFile:     *stateFile,
		Latency:       *latency,
		RateLimit:     *rateLimit,
		Faults:        *faults,
		FaultSeed:     *faultSeed,
		SeedUsers:     *seedUsers,
		SeedGroups:    *seedGroups,
		SeedAccounts:  *seedAccounts,
		TaskDelay:     *taskDelay,
		Logf:          logger.Printf,
	})
	if err != nil {
		logger.Printf("%v", err)
		return 1
	}
	if err := srv.Start(*listen); err != nil {
		logger.Printf("%v", err)
		return 1
	}
	ready, err := json.Marshal(srv.Ready())
	if err != nil {
		logger.Printf("encoding the ready line: %v", err)
		return 1
	}
	if _, err := fmt.Fprintf(stdout, "%s\n", ready); err != nil {
		logger.Printf("writing the ready line: %v", err)
		return 1
	}
	logger.Printf("listening on %s (zone %s, rate limit %d/s per action)", srv.Addr(), srv.Ready().ZoneID, *rateLimit)

	<-ctx.Done()
	logger.Printf("stopping")
	start := time.Now()
	if err := srv.Close(); err != nil {
		logger.Printf("closing: %v", err)
		return 1
	}
	logger.Printf("stopped in %s", time.Since(start).Round(time.Millisecond))
	return 0
}
