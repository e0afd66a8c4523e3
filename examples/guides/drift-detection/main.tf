# The SSO configuration a scheduled drift job watches. Nothing here is specific to drift
# detection: every resource of the provider reads its whole state back on refresh, so a
# change made in the console shows up in `plan`.

terraform {
  required_version = ">= 1.5"
  required_providers {
    tencentcloudidc = {
      source = "tencentcloudidc/tencentcloudidc"
    }
  }
}

provider "tencentcloudidc" {}

resource "tencentcloudidc_scim_synchronization" "this" {}

resource "tencentcloudidc_scim_credential" "idp" {
  zone_id       = tencentcloudidc_scim_synchronization.this.zone_id
  expire_after  = "8760h"
  rotate_before = "720h"

  lifecycle {
    create_before_destroy = true
  }
}

resource "tencentcloudidc_saml_identity_provider" "this" {
  metadata_xml = file("${path.module}/idp-metadata.xml")
}
