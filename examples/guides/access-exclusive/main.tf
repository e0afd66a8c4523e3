# Who may use each role configuration, as one authoritative set per configuration: every group
# listed here on every account listed for it, and nothing else. An assignment added in the
# console to one of these configurations shows up in the next plan, to be removed.

terraform {
  required_version = ">= 1.5"
  required_providers {
    tencentcloudidc = {
      source = "tencentcloudidc/tencentcloudidc"
    }
  }
}

provider "tencentcloudidc" {}

variable "access" {
  description = "Per role configuration name: the IdP groups (by name) and the member accounts (by name) they may sign in to."
  type = map(object({
    groups   = set(string)
    accounts = set(string)
  }))
  default = {
    "platform-readonly" = {
      groups   = ["Platform-Engineers", "SRE"]
      accounts = ["dev-network", "staging-network", "prod-network"]
    }
    "cos-admin" = {
      groups   = ["Data-Platform"]
      accounts = ["data-lake"]
    }
  }
}

resource "tencentcloudidc_role_configuration" "this" {
  for_each = var.access

  name            = each.key
  system_policies = each.key == "cos-admin" ? ["QcloudCOSFullAccess"] : ["QcloudVPCReadOnlyAccess", "QcloudCOSReadOnlyAccess"]
}

# Each group once, whatever number of configurations it appears in. These groups must already
# have been pushed by the IdP: a name that matches no group fails the plan, naming it.
data "tencentcloudidc_group" "this" {
  for_each = toset(flatten([for a in var.access : tolist(a.groups)]))

  name = each.key
}

data "tencentcloudidc_member_accounts" "all" {}

locals {
  account_uins = { for a in data.tencentcloudidc_member_accounts.all.accounts : a.name => a.member_uin }
}

# One resource per role configuration, holding groups × accounts. Do not add a
# tencentcloudidc_role_assignment for these configurations: the provider refuses the mix.
resource "tencentcloudidc_role_assignments_exclusive" "this" {
  for_each = var.access

  role_configuration_id = tencentcloudidc_role_configuration.this[each.key].role_configuration_id
  assignments = [
    for pair in setproduct(each.value.groups, each.value.accounts) : {
      principal_type = "Group"
      principal_id   = data.tencentcloudidc_group.this[pair[0]].group_id
      target_type    = "MemberUin"
      target_uin     = local.account_uins[pair[1]]
    }
  ]

  timeouts {
    create = "30m"
    update = "30m"
  }
}
