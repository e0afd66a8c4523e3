# Read-only network access, with one inline policy for the team's log bucket. Policy changes
# are redeployed to every account the configuration is deployed to, in the same apply.
resource "tencentcloudidc_role_configuration" "network_readonly" {
  name             = "network-readonly"
  description      = "Read-only access to VPC, plus the network team's log bucket"
  session_duration = "4h"
  relay_state      = "https://console.cloud.tencent.com/vpc"

  system_policies = ["QcloudVPCReadOnlyAccess"]

  custom_policy_name = "network-logs"
  custom_policy = jsonencode({
    version = "2.0"
    statement = [{
      effect   = "allow"
      action   = ["cos:GetObject", "cos:HeadObject"]
      resource = ["qcs::cos::uid/1250000000:network-logs-1250000000/*"]
    }]
  })
}

# Deployment status per account, for a drift job or an output.
output "network_readonly_deployments" {
  value = tencentcloudidc_role_configuration.network_readonly.deployments
}
