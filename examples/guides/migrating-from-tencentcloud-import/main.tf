# The SCIM and SSO objects that the official tencentcloud provider managed, taken over by this
# provider with import blocks: the way for Terraform 1.5 to 1.7, which cannot move state between
# providers. The IDs are the official provider's, unchanged: read them with
# `terraform state show` before removing the old resources from the state. The SCIM token
# cannot be imported.

terraform {
  required_version = ">= 1.5"
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

# Was tencentcloud_identity_center_scim_synchronization_status.this, ID "z-vft38p2hq8tq".
import {
  to = tencentcloudidc_scim_synchronization.this
  id = "z-vft38p2hq8tq"
}

resource "tencentcloudidc_scim_synchronization" "this" {
  enabled = true # was scim_synchronization_status = "Enabled"

  # Unlike the old resource, destroying this one turns synchronization off. Set false while
  # migrating if you want destroy to only forget it.
  disable_on_destroy = true
}

# Was tencentcloud_identity_center_scim_credential.onelogin, ID "z-vft38p2hq8tq#scimcred-un1tgbnt0s9j",
# and tencentcloud_identity_center_scim_credential_status.onelogin, which only set its status.
import {
  to = tencentcloudidc_scim_credential.onelogin
  id = "z-vft38p2hq8tq#scimcred-un1tgbnt0s9j" # the old "#" ID is accepted as it is
}

resource "tencentcloudidc_scim_credential" "onelogin" {
  enabled = true # was tencentcloud_identity_center_scim_credential_status.onelogin.status = "Enabled"

  # New: replacement on demand and ahead of expiry. The first keepers on an imported credential
  # are only recorded; changing them later rotates it, which is also how Terraform gets a secret.
  keepers = {
    generation = "imported"
  }
  rotate_before = "720h"

  lifecycle {
    create_before_destroy = true
  }
}

# Was tencentcloud_identity_center_external_saml_identity_provider.onelogin, ID "z-vft38p2hq8tq"
# (tencentcloud_organization_external_saml_identity_provider had no import; its zone ID works here).
import {
  to = tencentcloudidc_saml_identity_provider.onelogin
  id = "z-vft38p2hq8tq"
}

resource "tencentcloudidc_saml_identity_provider" "onelogin" {
  # Was encoded_metadata_document = filebase64("onelogin-metadata.xml"): the same document as XML.
  metadata_xml = file("${path.module}/onelogin-metadata.xml")
  sso_enabled  = true # was sso_status = "Enabled"
}

# Was the acs_url attribute of the SAML resource, mixed in with the IdP's settings.
data "tencentcloudidc_saml_service_provider" "this" {}

# Was data "tencentcloud_identity_center_users" with user_type = "Synchronized".
data "tencentcloudidc_users" "synced" {
  user_type = "Synchronized"
}

output "acs_url" {
  value = data.tencentcloudidc_saml_service_provider.this.acs_url
}
