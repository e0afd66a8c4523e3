# Every member account of the organization, and its management account.
data "tencentcloudidc_member_accounts" "all" {}

locals {
  # Account name → UIN, to name the targets of deployments and role assignments.
  account_uins = zipmap(data.tencentcloudidc_member_accounts.all.names, data.tencentcloudidc_member_accounts.all.member_uins)
}

output "production_account_uin" {
  value = lookup(local.account_uins, "production", null)
}

# The management account is not a member account: it is the target of type ManagerUin.
output "management_account_uin" {
  value = data.tencentcloudidc_member_accounts.all.management_account_uin
}

# Only the accounts whose name or UIN the service's search matches.
data "tencentcloudidc_member_accounts" "sandboxes" {
  search_key = "sandbox"
}
