# Microsoft Entra ID (Azure AD) SAML single sign-on and SCIM provisioning to Tencent Cloud
# Identity Center. Step 1 applies this file and outputs.tf; step 2 adds identity-provider.tf once
# the Federation Metadata XML is downloaded.

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

# Entra ID's provisioning "Secret Token". Its secret is in the state: protect the state.
resource "tencentcloudidc_scim_credential" "entra" {
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

data "tencentcloudidc_users" "from_entra" {
  user_type  = "Synchronized"
  depends_on = [tencentcloudidc_scim_synchronization.this]
}
