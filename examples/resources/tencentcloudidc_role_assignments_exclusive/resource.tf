# Who may use the network-readonly role configuration, and where: two IdP groups on every
# production account, and one on-call user on the management account. Nothing else: an
# assignment of this configuration made in the console shows in the plan and is removed.
resource "tencentcloudidc_role_configuration" "network_readonly" {
  name            = "network-readonly"
  system_policies = ["QcloudVPCReadOnlyAccess"]
}

data "tencentcloudidc_group" "network" {
  name = "Network-Engineers"
}

data "tencentcloudidc_group" "sre" {
  name = "SRE"
}

data "tencentcloudidc_user" "oncall" {
  user_name = "oncall"
}

data "tencentcloudidc_member_accounts" "production" {
  search_key = "prod"
}

resource "tencentcloudidc_role_assignments_exclusive" "network_readonly" {
  role_configuration_id = tencentcloudidc_role_configuration.network_readonly.role_configuration_id

  assignments = concat(
    [for pair in setproduct([data.tencentcloudidc_group.network.group_id, data.tencentcloudidc_group.sre.group_id],
      data.tencentcloudidc_member_accounts.production.member_uins) : {
      principal_type = "Group"
      principal_id   = pair[0]
      target_type    = "MemberUin"
      target_uin     = pair[1]
    }],
    [{
      principal_type = "User"
      principal_id   = data.tencentcloudidc_user.oncall.user_id
      target_type    = "ManagerUin"
      target_uin     = data.tencentcloudidc_member_accounts.production.management_account_uin
    }],
  )
}
