# SCIM synchronization must be on for the identity provider to push users with the credential.
resource "tencentcloudidc_scim_synchronization" "this" {}

# Bump this value (for example every quarter, from CI) to rotate the credential on purpose.
# It plays the part of a time_rotating resource without needing another provider.
variable "scim_credential_rotation" {
  type        = string
  description = "Any new value rotates the SCIM credential."
  default     = "2025-Q1"
}

resource "tencentcloudidc_scim_credential" "onelogin" {
  # One year, and a new credential 30 days before it runs out (checked on every plan, so
  # schedule `terraform plan`/`apply`, for example weekly).
  expire_after  = "8760h"
  rotate_before = "720h"

  keepers = {
    rotation = var.scim_credential_rotation
  }

  # Zero-downtime rotation: the new credential is created while the old one still works, and
  # the old one is deleted only after the new one exists. A zone holds at most two credentials,
  # so this needs one free slot.
  lifecycle {
    create_before_destroy = true
  }

  depends_on = [tencentcloudidc_scim_synchronization.this]
}

# Give this to the identity provider (OneLogin: Provisioning → SCIM Bearer Token).
# `terraform output -raw scim_bearer_token` prints it.
output "scim_bearer_token" {
  value     = tencentcloudidc_scim_credential.onelogin.secret
  sensitive = true
}

output "scim_credential_expires" {
  value = tencentcloudidc_scim_credential.onelogin.expire_time
}
