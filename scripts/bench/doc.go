// Command bench measures, in real CLI commands against the simulator behind the service's
// documented limits (20 requests per second per action, 20 ms per call), what two things cost:
// the tencentcloudidc_users data source (scenario users) and role assignments (scenario
// access). It prints the figures with the machine they were taken on and exits 1 when a target
// is missed.
//
// Scenario users seeds N users and times `tofu plan` with and without the data source (best of
// -runs each):
//
//   - ListUsers calls of one plan ≤ ⌈N/100⌉ + 1 (pages of 100, nothing re-read);
//   - added wall time ≤ 1.10 × floor in the timed runs (-users, default 10 000), the floor being
//     max(⌈N/100⌉ / 20 s, ⌈N/100⌉ × 20 ms): the time the service's rate limit and latency
//     alone impose;
//   - no RequestLimitExceeded answer (the client's limiter must keep under the service's);
//   - the provider's peak RSS (VmHWM) under 150 MB in the run for the RSS figure (-rss-users,
//     default 50 000), whose wall time is printed but not judged.
//
// To tell the provider's share from the CLI's, it also times the idc client alone paging
// through the same users (the provider's floor) and prints the rest of the added time apart.
//
// Scenario access seeds 10 groups and 50 member accounts and gives one role configuration to
// every group on every account, 500 assignments (tasks stay InProgress 300 ms):
//
//   - refresh: the assignments are granted through the API and imported as 500
//     tencentcloudidc_role_assignment resources; `plan` (against `plan -refresh=false`) makes at
//     most 2 × ⌈500/100⌉ ListRoleAssignments calls, because the reads of one configuration share
//     the pages fetched in the same provider process;
//   - exclusive: `apply` of one tencentcloudidc_role_assignments_exclusive holding all 500
//     (against `apply` without it, best of -access-runs, destroyed in between) makes at most 30
//     API calls, none throttled, and adds at most 1.2 × the floor ⌈500/50⌉ CreateRoleAssignment
//     calls / 20 s + the task delay + ⌈500/100⌉ pages read back / 20 s; every destroy must leave
//     no assignment and no deployment.
//
// The provider runs in -debug mode and the CLI attaches to it through TF_REATTACH_PROVIDERS.
// That way this program starts the provider itself, so it knows the PID without searching
// /proc, and one provider process serves every plan of a run, so its VmHWM covers them all.
// With dev_overrides the CLI would start (and stop) a provider process of its own for every
// command, several times per plan, and the peak would have to be sampled from outside before
// each process exits.
//
// Usage (from the repository root; `make bench` runs it):
//
//	go run ./scripts/bench [-scenarios users,access] [-users 10000] [-rss-users 50000] [-runs 3] [-access-runs 2] [-cli PATH]
package main
