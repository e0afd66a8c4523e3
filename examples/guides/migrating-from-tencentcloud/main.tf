# The SCIM and SSO objects that the official tencentcloud provider managed, moved to this provider
# with moved blocks (Terraform 1.8 or later, OpenTofu 1.10 or later). The state moves as it is,
# the SCIM token included: nothing in Identity Center changes and the identity provider keeps
# working. The official provider stays in required_providers, with its provider block, until
# the move is applied (see the guide).

terraform {
  required_version = ">= 1.8"
  required_providers {
    tencentcloudidc = {
      source = "tencentcloudidc/tencentcloudidc"
    }
  }
}

# Same credentials and environment variables as the tencentcloud provider.
provider "tencentcloudidc" {
  zone_id = "z-vft38p2hq8tq"
}

# Was tencentcloud_identity_center_scim_synchronization_status.this.
moved {
  from = tencentcloud_identity_center_scim_synchronization_status.this
  to   = tencentcloudidc_scim_synchronization.this
}

resource "tencentcloudidc_scim_synchronization" "this" {
  enabled = true # was scim_synchronization_status = "Enabled"

  # Unlike the old resource, destroying this one turns synchronization off; false makes
  # destroy only forget it, as the old resource did.
  disable_on_destroy = true
}

# Was tencentcloud_identity_center_scim_credential.onelogin: its credential_secret becomes secret.
moved {
  from = tencentcloud_identity_center_scim_credential.onelogin
  to   = tencentcloudidc_scim_credential.onelogin
}

resource "tencentcloudidc_scim_credential" "onelogin" {
  enabled = true # was tencentcloud_identity_center_scim_credential_status.onelogin.status = "Enabled"

  lifecycle {
    create_before_destroy = true
  }
}

# tencentcloud_identity_center_scim_credential_status.onelogin only set the credential's status,
# which is `enabled` above: forget it without destroying anything.
removed {
  from = tencentcloud_identity_center_scim_credential_status.onelogin

  lifecycle {
    destroy = false
  }
}

# Was tencentcloud_identity_center_external_saml_identity_provider.onelogin (a
# tencentcloud_organization_external_saml_identity_provider moves the same way).
moved {
  from = tencentcloud_identity_center_external_saml_identity_provider.onelogin
  to   = tencentcloudidc_saml_identity_provider.onelogin
}

resource "tencentcloudidc_saml_identity_provider" "onelogin" {
  # As before: keep encoded_metadata_document for the move, so that the plan is empty.
  encoded_metadata_document = filebase64("${path.module}/onelogin-metadata.xml")
  sso_enabled               = true # was sso_status = "Enabled"
}

output "scim_token" {
  value     = tencentcloudidc_scim_credential.onelogin.secret
  sensitive = true
}
