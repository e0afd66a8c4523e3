# Every role configuration of the zone, with its policies and deployments.
data "tencentcloudidc_role_configurations" "all" {}

locals {
  # Each account still waiting for a redeployment after a policy change, by configuration name.
  pending_redeploy = {
    for rc in data.tencentcloudidc_role_configurations.all.role_configurations :
    rc.name => [for d in rc.deployments : d.target_uin if d.status == "DeployedRequired"]
    if length([for d in rc.deployments : d if d.status == "DeployedRequired"]) > 0
  }
}

output "pending_redeploy" {
  value = local.pending_redeploy
}

# Only the configurations whose name or description contains "readonly", in any case.
data "tencentcloudidc_role_configurations" "readonly" {
  name_filter = "readonly"
}
