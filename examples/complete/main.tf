# Our side of Tencent Cloud's OneLogin walkthrough, as code: SCIM provisioning on, a SCIM
# credential for the IdP, Tencent's SAML service-provider details and SCIM endpoint as outputs
# for the IdP, the IdP's metadata uploaded with SSO on, and the users the IdP pushed.
#
# Credentials come from TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY. To run it offline
# against the simulator, also set TENCENTCLOUDIDC_ENDPOINT and TENCENTCLOUD_PROTOCOL=HTTP
# (`make demo` does all of this).

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
  description = "Bump to mint a new SCIM credential; create_before_destroy keeps the old one working until the new one exists."
  type        = string
  default     = "1"
}

# The organization's one Identity Center zone.
data "tencentcloudidc_zone" "this" {}

# 1. Turn SCIM user synchronization on. Destroy turns it off again.
resource "tencentcloudidc_scim_synchronization" "this" {
  zone_id = data.tencentcloudidc_zone.this.zone_id
}

# 2. A SCIM bearer credential for the IdP. Its secret exists only in the create response, so it
#    lives (sensitive) in state: protect the state (OpenTofu state encryption, or a remote
#    backend with access control). The zone allows 2 credentials: rotation with
#    create_before_destroy needs one free slot.
resource "tencentcloudidc_scim_credential" "idp" {
  zone_id       = tencentcloudidc_scim_synchronization.this.zone_id
  expire_after  = "8760h" # one year
  rotate_before = "720h"  # plan a replacement 30 days before expiry
  keepers = {
    generation = var.scim_credential_generation
  }

  lifecycle {
    create_before_destroy = true
  }
}

# 3. What the IdP needs from Tencent Cloud.
data "tencentcloudidc_saml_service_provider" "this" {
  zone_id = data.tencentcloudidc_zone.this.zone_id
}

data "tencentcloudidc_scim_endpoint" "this" {
  zone_id    = data.tencentcloudidc_zone.this.zone_id
  depends_on = [tencentcloudidc_scim_synchronization.this]
}

# 4. The IdP's SAML metadata (OneLogin: Applications -> app -> More Actions -> SAML Metadata),
#    compared by meaning: re-downloading a reformatted copy plans nothing.
resource "tencentcloudidc_saml_identity_provider" "onelogin" {
  zone_id      = data.tencentcloudidc_zone.this.zone_id
  metadata_xml = file("${path.module}/onelogin-idp-metadata.xml")
  sso_enabled  = true
}

# 5. The users the IdP pushed over SCIM ("External Import" in the console).
data "tencentcloudidc_users" "synced" {
  zone_id    = data.tencentcloudidc_zone.this.zone_id
  user_type  = "Synchronized"
  depends_on = [tencentcloudidc_scim_synchronization.this]
}
