# Rotation when the SCIM token is pasted into the identity provider by hand: two credential
# "slots" (the zone's limit), so the old token keeps working until a person has switched the IdP.
#
#   1. credential_slots = ["blue"],          active_slot = "blue"    (normal state)
#   2. credential_slots = ["blue", "green"], active_slot = "blue"    apply: green is created
#   3. paste green's token into the IdP,     active_slot = "green"
#   4. credential_slots = ["green"],         active_slot = "green"   apply: blue is deleted
#
# The next rotation goes back to blue, which is then a brand-new credential.

terraform {
  required_version = ">= 1.5"
  required_providers {
    tencentcloudidc = {
      source = "tencentcloudidc/tencentcloudidc"
    }
  }
}

provider "tencentcloudidc" {}

variable "credential_slots" {
  description = "Which credential slots exist: one normally, both during a rotation."
  type        = set(string)
  default     = ["blue"]

  validation {
    condition     = length(var.credential_slots) >= 1 && length(var.credential_slots) <= 2 && alltrue([for s in var.credential_slots : contains(["blue", "green"], s)])
    error_message = "credential_slots holds \"blue\", \"green\" or both: a zone has room for two SCIM credentials."
  }
}

variable "active_slot" {
  description = "The slot whose token the identity provider uses."
  type        = string
  default     = "blue"
}

resource "tencentcloudidc_scim_synchronization" "this" {}

resource "tencentcloudidc_scim_credential" "slot" {
  for_each = var.credential_slots

  zone_id      = tencentcloudidc_scim_synchronization.this.zone_id
  expire_after = "8760h"
}

output "active_scim_token" {
  description = "The token for the identity provider: terraform output -raw active_scim_token"
  value       = tencentcloudidc_scim_credential.slot[var.active_slot].secret
  sensitive   = true

  precondition {
    condition     = contains(var.credential_slots, var.active_slot)
    error_message = "active_slot must be one of credential_slots: create the slot before switching the IdP to it."
  }
}

output "scim_credentials" {
  description = "Each slot's credential ID and expiry, to tell which token the IdP holds."
  value = {
    for slot, c in tencentcloudidc_scim_credential.slot : slot => {
      credential_id = c.credential_id
      expire_time   = c.expire_time
    }
  }
}
