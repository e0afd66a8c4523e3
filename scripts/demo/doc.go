// Command demo runs the whole OneLogin flow offline (`make demo`): it builds the provider and
// the simulator, starts the simulator on a free loopback port, applies examples/complete with
// OpenTofu through a dev_overrides CLI configuration, plays the IdP by pushing users and a
// group over SCIM with the secret Terraform created, reads them back, shows a drift being
// caught and repaired, and destroys everything. It prints one line per step and exits
// non-zero as soon as a step misbehaves, with the output of the command that failed.
package main
