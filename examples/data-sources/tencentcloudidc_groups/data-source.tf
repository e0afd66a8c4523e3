# The groups the identity provider pushed, with their members.
data "tencentcloudidc_groups" "synchronized" {
  group_type      = "Synchronized"
  include_members = true
}

# One group by exact name (the service's filter syntax; "GroupName sw platform-" matches a prefix).
data "tencentcloudidc_groups" "platform_admins" {
  filter = "GroupName eq platform-admins"
}

output "group_sizes" {
  value = { for g in data.tencentcloudidc_groups.synchronized.groups : g.name => length(g.member_user_ids) }
}

# Use the group's ID elsewhere, for example to list its members' details. The precondition
# says what is wrong when the group is missing (group_ids would be empty).
data "tencentcloudidc_users" "platform_admins" {
  group_ids = data.tencentcloudidc_groups.platform_admins.ids

  lifecycle {
    precondition {
      condition     = data.tencentcloudidc_groups.platform_admins.total_count == 1
      error_message = "Expected one group named platform-admins, found ${data.tencentcloudidc_groups.platform_admins.total_count}: has the IdP pushed it?"
    }
  }
}
