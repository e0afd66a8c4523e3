# Step 1 of "Giving IdP groups access to member accounts": what a sign-in may do (role
# configurations), and the groups and accounts to join with them, looked up by name.

terraform {
  required_version = ">= 1.5"
  required_providers {
    tencentcloudidc = {
      source = "tencentcloudidc/tencentcloudidc"
    }
  }
}

provider "tencentcloudidc" {}

# Read-only access to networking and storage, for most engineers.
resource "tencentcloudidc_role_configuration" "readonly" {
  name             = "platform-readonly"
  description      = "Read-only network and storage access"
  session_duration = "4h"
  relay_state      = "https://console.cloud.tencent.com/vpc"
  system_policies  = ["QcloudVPCReadOnlyAccess", "QcloudCOSReadOnlyAccess"]
}

# Administrators of one service, with an inline policy.
resource "tencentcloudidc_role_configuration" "cos_admin" {
  name            = "cos-admin"
  description     = "Full access to COS buckets of the data team"
  system_policies = ["QcloudCOSFullAccess"]
  custom_policy = jsonencode({
    version = "2.0"
    statement = [{
      effect   = "deny"
      action   = ["cos:DeleteBucket"]
      resource = ["*"]
    }]
  })
}

# Groups the IdP pushed over SCIM (Okta "Push Groups", Entra ID assignment, OneLogin rules), by
# the name the IdP gave them. The lookup fails while the group has not arrived yet.
data "tencentcloudidc_group" "engineers" {
  name = "Platform-Engineers"
}

# The organization's member accounts, to find UINs by account name.
data "tencentcloudidc_member_accounts" "all" {}

locals {
  account_uins = { for a in data.tencentcloudidc_member_accounts.all.accounts : a.name => a.member_uin }
}

output "engineers_group_id" {
  value = data.tencentcloudidc_group.engineers.group_id
}

output "account_uins" {
  value = local.account_uins
}
