# Every role assignment of the zone: who may sign in where, with which role configuration.
data "tencentcloudidc_role_assignments" "all" {}

output "access" {
  value = [
    for a in data.tencentcloudidc_role_assignments.all.assignments :
    "${a.principal_type} ${a.principal_name} -> ${a.target_name} (${a.target_uin}) as ${a.role_configuration_name}"
  ]
}

# Who may sign in to one member account.
data "tencentcloudidc_member_accounts" "prod" {
  search_key = "prod"
}

data "tencentcloudidc_role_assignments" "prod" {
  target_type = "MemberUin"
  target_uin  = data.tencentcloudidc_member_accounts.prod.member_uins[0]
}

# Where one group may sign in.
data "tencentcloudidc_group" "platform" {
  name = "Platform-Admins"
}

data "tencentcloudidc_role_assignments" "platform" {
  principal_type = "Group"
  principal_id   = data.tencentcloudidc_group.platform.group_id
}
