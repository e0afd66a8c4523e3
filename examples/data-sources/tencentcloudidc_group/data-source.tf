# The group the IdP pushes over SCIM for the platform team, by name (ignoring case).
data "tencentcloudidc_group" "platform_admins" {
  name = "Platform-Admins"
}

output "platform_admins_group_id" {
  value = data.tencentcloudidc_group.platform_admins.group_id
}

# Access is given to the group the IdP manages, never to a hand-made copy in the console.
check "platform_admins_from_idp" {
  assert {
    condition     = data.tencentcloudidc_group.platform_admins.type == "Synchronized"
    error_message = "Group Platform-Admins is ${data.tencentcloudidc_group.platform_admins.type}: it should be pushed by the IdP over SCIM."
  }
}
