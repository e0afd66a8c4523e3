resource "tencentcloudidc_role_configuration" "network_readonly" {
  name            = "network-readonly"
  system_policies = ["QcloudVPCReadOnlyAccess"]
}

# The cloud-engineers group, pushed by the identity provider over SCIM, gets read-only network
# access on one member account. The group is looked up by name when the assignment is created:
# an apply that also adds the group in the identity provider waits (within timeouts.create)
# for the push instead of failing at plan.
resource "tencentcloudidc_role_assignment" "engineers_network_readonly" {
  role_configuration_id = tencentcloudidc_role_configuration.network_readonly.role_configuration_id
  target_uin            = 100000000001
  principal_type        = "Group"
  principal_name        = "cloud-engineers"

  timeouts {
    create = "15m"
  }
}

# One user by ID on the management account. Destroying it leaves the role configuration
# deployed there even when this was its last assignment.
resource "tencentcloudidc_role_assignment" "alice_admin" {
  role_configuration_id = tencentcloudidc_role_configuration.network_readonly.role_configuration_id
  target_type           = "ManagerUin"
  target_uin            = 100000000000
  principal_type        = "User"
  principal_id          = "u-8sjd2k3l9a0b"
  deprovision_strategy  = "None"
}
