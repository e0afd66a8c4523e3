# Okta SAML single sign-on and SCIM provisioning to Tencent Cloud Identity Center. Step 1 applies
# this file and outputs.tf; step 2 adds identity-provider.tf once Okta's metadata is downloaded.

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

# The bearer token of Okta's SCIM connector. Its secret is in the state: protect the state.
resource "tencentcloudidc_scim_credential" "okta" {
  zone_id       = tencentcloudidc_scim_synchronization.this.zone_id
  expire_after  = "8760h"
  rotate_before = "720h"

  lifecycle {
    create_before_destroy = true
  }
}

data "tencentcloudidc_saml_service_provider" "this" {}

data "tencentcloudidc_scim_endpoint" "this" {
  depends_on = [tencentcloudidc_scim_synchronization.this]
}

# Users Okta has pushed and that are enabled, for a check or a report.
data "tencentcloudidc_users" "from_okta" {
  user_type   = "Synchronized"
  user_status = "Enabled"
  depends_on  = [tencentcloudidc_scim_synchronization.this]
}
