# Rotate the SCIM credential with no moment in which the identity provider holds a revoked
# token: the new credential is created first, handed to the IdP, and only then is the old one
# deleted, all in one apply.

terraform {
  required_version = ">= 1.5"
  required_providers {
    tencentcloudidc = {
      source = "tencentcloudidc/tencentcloudidc"
    }
  }
}

provider "tencentcloudidc" {}

variable "scim_credential_generation" {
  description = "Change this value (a date, a ticket number) to rotate the credential now."
  type        = string
  default     = "2026-11"
}

resource "tencentcloudidc_scim_synchronization" "this" {}

resource "tencentcloudidc_scim_credential" "idp" {
  zone_id = tencentcloudidc_scim_synchronization.this.zone_id

  # Scheduled rotation: a plan made within 30 days of expiry replaces the credential and says why.
  expire_after  = "8760h"
  rotate_before = "720h"

  # Rotation on demand: any new value replaces the credential.
  keepers = {
    generation = var.scim_credential_generation
  }

  # New credential first, old one deleted last. Needs one free slot of the zone's two.
  lifecycle {
    create_before_destroy = true
  }
}

# Hand the new secret to the identity provider in the same apply, before the old credential is
# deleted. push-scim-token.sh stands for whatever your IdP needs (its API, its CLI); the secret
# travels in the environment, never on the command line, and Terraform hides the command's
# output because the value is sensitive. Replaced whenever the credential is.
resource "terraform_data" "push_scim_token_to_idp" {
  triggers_replace = [tencentcloudidc_scim_credential.idp.credential_id]

  provisioner "local-exec" {
    command = "${path.module}/push-scim-token.sh"
    environment = {
      SCIM_BASE_URL = data.tencentcloudidc_scim_endpoint.this.url
      SCIM_TOKEN    = tencentcloudidc_scim_credential.idp.secret
    }
  }
}

data "tencentcloudidc_scim_endpoint" "this" {
  depends_on = [tencentcloudidc_scim_synchronization.this]
}

output "scim_credential_id" {
  value = tencentcloudidc_scim_credential.idp.credential_id
}

output "scim_credential_expires" {
  value = tencentcloudidc_scim_credential.idp.expire_time
}
