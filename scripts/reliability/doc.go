// Command reliability is the provider's fault suite (`make reliability`, and a short form in
// `make test`). Against the simulator binary injecting random faults
// (-faults InternalError=0.05,RequestLimitExceeded=0.05,reset=0.02,lost-response=0.02 by
// default), it runs N cycles of examples/complete through a real CLI:
//
//	apply → push users and a group over SCIM with the bearer token from the state →
//	apply -refresh-only → plan -detailed-exitcode (must be 0) → destroy
//
// and after each step checks the service through the API, not through the provider's state:
// the managed credentials and nothing else exist in the zone, their secrets in the state do
// not change, and destroy leaves SCIM synchronization off, no credential and no IdP. Every CLI
// command runs with TF_LOG=TRACE; the logs, stdout and stderr are scanned for the API secret
// key, the SCIM credential secrets, Authorization values and TC3 signatures (leaks) and for
// panics. Two more scenarios run once per CLI: two applies racing for the zone's two credential
// slots (concurrency), and the simulator killed with SIGKILL in the middle of an apply and
// restarted on its state file (durability).
//
// It prints a table and exits 1 unless every goal is met. Each cycle has its own simulator
// and fault seed, printed so that a failing cycle can be replayed alone:
//
//	go run ./scripts/reliability -n 1 -fault-seed SEED -scenarios cycles
//
// Usage (from the repository root):
//
//	go run ./scripts/reliability [-n 20] [-cli tofu|terraform|terraform-1.8|both|all] [-faults SPEC] [-fault-seed S] [-scenarios cycles,concurrency,durability] [-keep]
package main
