# One group on one account: the group may sign in to "prod-network" with platform-readonly.
# principal_name is resolved when the assignment is created, so this works in the same apply
# that connects the IdP: the create waits (up to timeouts.create) for the IdP to push the group.
resource "tencentcloudidc_role_assignment" "engineers_prod" {
  role_configuration_id = tencentcloudidc_role_configuration.readonly.role_configuration_id
  target_uin            = local.account_uins["prod-network"]
  principal_type        = "Group"
  principal_name        = "Platform-Engineers"

  timeouts {
    create = "30m" # Entra ID provisions in cycles of about 40 minutes; use "1h" there
  }
}

# The same group on several accounts: one resource per account.
resource "tencentcloudidc_role_assignment" "engineers" {
  for_each = toset(["dev-network", "staging-network"])

  role_configuration_id = tencentcloudidc_role_configuration.readonly.role_configuration_id
  target_uin            = local.account_uins[each.key]
  principal_type        = "Group"
  principal_name        = "Platform-Engineers"
}

# The organization's management account is target_type "ManagerUin". A group already in Identity
# Center can be given by ID; destroying the last assignment of the configuration on the account
# leaves the configuration deployed there with deprovision_strategy = "None".
data "tencentcloudidc_group" "auditors" {
  name = "Auditors"
}

resource "tencentcloudidc_role_assignment" "auditors_management" {
  role_configuration_id = tencentcloudidc_role_configuration.readonly.role_configuration_id
  target_type           = "ManagerUin"
  target_uin            = data.tencentcloudidc_member_accounts.all.management_account_uin
  principal_type        = "Group"
  principal_id          = data.tencentcloudidc_group.auditors.group_id
  deprovision_strategy  = "None"
}
