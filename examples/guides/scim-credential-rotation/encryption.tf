# OpenTofu only: encrypt the state and plan files, which hold the SCIM credential's secret.
# Terraform rejects this block; with Terraform, rely on the backend's encryption and access control.
# Set the passphrase outside the configuration, for example TF_VAR_state_passphrase in CI
# (16 characters or more). A KMS key provider (aws_kms, gcp_kms, openbao) avoids a passphrase.
variable "state_passphrase" {
  type      = string
  sensitive = true
}

terraform {
  encryption {
    key_provider "pbkdf2" "state" {
      passphrase = var.state_passphrase
    }

    method "aes_gcm" "state" {
      keys = key_provider.pbkdf2.state
    }

    state {
      method = method.aes_gcm.state
    }

    plan {
      method = method.aes_gcm.state
    }
  }
}
