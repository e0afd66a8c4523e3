// Package e2e runs the built provider and simulator binaries through a real OpenTofu or
// Terraform CLI, the way a user's pipeline does. scripts/demo, scripts/bench and
// scripts/reliability share it: each builds the two binaries once per run into a temporary
// directory (Build), starts the simulator on a free loopback port and reads its JSON ready line
// (StartSim), writes a CLI configuration whose dev_overrides and filesystem mirror point the CLI
// at the provider just built (WriteCLIConfig), scrubs the caller's TF_* and TENCENTCLOUD*
// settings from the environment (Env), runs CLI commands (Run) and reads the local state the
// CLI wrote (ReadState).
//
// It may import internal/idc, so that callers check the service through the API rather than
// through the provider's own state; the simulator must never import it.
package e2e
