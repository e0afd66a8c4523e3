# The configuration around assignments.tf: one role configuration and the accounts by name, as in
# step 1 of "Giving IdP groups access to member accounts".

terraform {
  required_version = ">= 1.5"
  required_providers {
    tencentcloudidc = {
      source = "tencentcloudidc/tencentcloudidc"
    }
  }
}

provider "tencentcloudidc" {}

resource "tencentcloudidc_role_configuration" "readonly" {
  name            = "platform-readonly"
  system_policies = ["QcloudVPCReadOnlyAccess", "QcloudCOSReadOnlyAccess"]
}

data "tencentcloudidc_member_accounts" "all" {}

locals {
  account_uins = { for a in data.tencentcloudidc_member_accounts.all.accounts : a.name => a.member_uin }
}
