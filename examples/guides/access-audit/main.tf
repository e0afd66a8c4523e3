# Who may sign in where, for a scheduled audit job: every role assignment of the zone as a
# readable report, and a check that warns about assignments of role configurations that this
# configuration does not manage (granted in the console, or by another team's Terraform).

terraform {
  required_version = ">= 1.5"
  required_providers {
    tencentcloudidc = {
      source = "tencentcloudidc/tencentcloudidc"
    }
  }
}

provider "tencentcloudidc" {}

variable "managed_role_configurations" {
  description = "Names of the role configurations whose assignments Terraform manages."
  type        = set(string)
  default     = ["platform-readonly", "cos-admin"]
}

# Top level, not inside the check block: a data block nested in a check is always read during
# apply, so every plan would report a change.
data "tencentcloudidc_role_assignments" "all" {}

locals {
  # "prod-network (100043911945)" => ["Group Platform-Engineers as platform-readonly", ...]
  access_by_account = {
    for a in data.tencentcloudidc_role_assignments.all.assignments :
    "${a.target_name} (${a.target_uin})" => "${a.principal_type} ${a.principal_name} as ${a.role_configuration_name}"...
  }

  unmanaged = [
    for a in data.tencentcloudidc_role_assignments.all.assignments :
    "${a.principal_type} ${a.principal_name} on ${a.target_name} (${a.target_uin}) as ${a.role_configuration_name}"
    if !contains(var.managed_role_configurations, a.role_configuration_name)
  ]
}

check "no_unmanaged_access" {
  assert {
    condition     = length(local.unmanaged) == 0
    error_message = "Role assignments outside Terraform: ${join("; ", local.unmanaged)}"
  }
}

output "access_by_account" {
  description = "Every account with who may sign in to it and with which role configuration."
  value       = local.access_by_account
}

# Who may reach the management account: a short list worth reviewing on its own.
data "tencentcloudidc_member_accounts" "all" {}

data "tencentcloudidc_role_assignments" "management" {
  target_type = "ManagerUin"
  target_uin  = data.tencentcloudidc_member_accounts.all.management_account_uin
}

output "management_account_access" {
  value = [
    for a in data.tencentcloudidc_role_assignments.management.assignments :
    "${a.principal_type} ${a.principal_name} as ${a.role_configuration_name}"
  ]
}
