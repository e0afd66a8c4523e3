# Tencent Cloud's OneLogin walkthrough ("Synchronizing Users with OneLogin" and "Identity Center
# and OneLogin Single Sign-On Example") as code. Step 1 applies this file and outputs.tf; step 2
# adds identity-provider.tf once OneLogin's metadata is downloaded.

terraform {
  required_version = ">= 1.5"
  required_providers {
    tencentcloudidc = {
      source = "tencentcloudidc/tencentcloudidc"
    }
  }
}

# Credentials from TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY or a tccli profile; the zone
# is discovered. International accounts add domain = "intl.tencentcloudapi.com".
provider "tencentcloudidc" {}

# SCIM user synchronization on (console: User Management > Settings > SCIM User Synchronization).
resource "tencentcloudidc_scim_synchronization" "this" {}

# The SCIM key OneLogin pushes users with. Its secret is in the state: protect the state.
resource "tencentcloudidc_scim_credential" "onelogin" {
  zone_id       = tencentcloudidc_scim_synchronization.this.zone_id
  expire_after  = "8760h" # one year, the console's default
  rotate_before = "720h"  # plans a new key 30 days before this one expires

  lifecycle {
    create_before_destroy = true
  }
}

# Tencent Cloud's side of SAML: the ACS URL and entity ID OneLogin asks for.
data "tencentcloudidc_saml_service_provider" "this" {}

# The SCIM server address for OneLogin's API Connection.
data "tencentcloudidc_scim_endpoint" "this" {
  depends_on = [tencentcloudidc_scim_synchronization.this]
}

# The users OneLogin pushed ("External Import" in the console), once provisioning has run.
data "tencentcloudidc_users" "from_onelogin" {
  user_type  = "Synchronized"
  depends_on = [tencentcloudidc_scim_synchronization.this]
}
