// Command fuzz runs every `go test -fuzz` target of the repository for a set time, one after
// another with one worker each (`-parallel 1`: the project's machines are small and shared), and
// prints a markdown table of the figures with the machine they were taken on: time, executions,
// new interesting inputs, corpus size, and crashers. It exits 1 when a target fails; the failing
// input is then in the package's testdata/fuzz/<Target>/, where `go test` keeps running it as a
// regression case once it is committed.
//
// Targets are discovered, not listed: every `func FuzzXxx(*testing.F)` in a _test.go file under
// the repository root. New interesting inputs go to Go's fuzz cache ($GOCACHE/fuzz), not to the
// repository.
//
// Minimizing is capped (-minimizetime, default 5s) because the seeds are real documents of up to
// 70 KB: Go minimizes every new interesting input byte by byte, which on such inputs would take
// the default 60 s each and leave the worker idle for most of the run.
//
// Usage (from the repository root; `make fuzz` runs it):
//
//	go run ./scripts/fuzz [-fuzztime 5m] [-minimizetime 5s] [-run REGEXP] [-list]
package main
