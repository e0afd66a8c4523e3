# A role configuration of the official tencentcloud provider, with its policy attachments, and a
# role assignment of it, moved to this provider with moved blocks (Terraform 1.8 or later,
# OpenTofu 1.10 or later). Nothing in Identity Center changes: the policies stay attached, the
# assignment and its deployment stay. The official provider stays in required_providers, with
# its provider block, until the move is applied (see the guide).
#
# Before (replace these blocks by the ones below):
#
#   resource "tencentcloud_identity_center_role_configuration" "readonly" {
#     zone_id                 = "z-vft38p2hq8tq"
#     role_configuration_name = "platform-readonly"
#     description             = "Read-only network access"
#     session_duration        = 14400
#   }
#
#   resource "tencentcloud_identity_center_role_configuration_permission_policy_attachment" "vpc" {
#     zone_id               = "z-vft38p2hq8tq"
#     role_configuration_id = tencentcloud_identity_center_role_configuration.readonly.role_configuration_id
#     role_policy_id        = 186457
#     role_policy_name      = "QcloudVPCReadOnlyAccess"
#   }
#
#   resource "tencentcloud_identity_center_role_configuration_permission_custom_policy_attachment" "cos" {
#     zone_id               = "z-vft38p2hq8tq"
#     role_configuration_id = tencentcloud_identity_center_role_configuration.readonly.role_configuration_id
#     role_policy_name      = "cos-read"
#     role_policy_document  = jsonencode({ ... })
#   }
#
#   resource "tencentcloud_identity_center_role_assignment" "engineers_prod" {
#     zone_id               = "z-vft38p2hq8tq"
#     role_configuration_id = tencentcloud_identity_center_role_configuration.readonly.role_configuration_id
#     target_type           = "MemberUin"
#     target_uin            = 100043911945
#     principal_type        = "Group"
#     principal_id          = "g-8sjd2k3l9xqa"
#   }

terraform {
  required_version = ">= 1.8"
  required_providers {
    tencentcloudidc = {
      source = "tencentcloudidc/tencentcloudidc"
    }
  }
}

provider "tencentcloudidc" {
  zone_id = "z-vft38p2hq8tq"
}

moved {
  from = tencentcloud_identity_center_role_configuration.readonly
  to   = tencentcloudidc_role_configuration.readonly
}

resource "tencentcloudidc_role_configuration" "readonly" {
  name             = "platform-readonly"        # was role_configuration_name
  description      = "Read-only network access" # the same
  session_duration = "4h"                       # was 14400 (seconds)

  # Was one permission_policy_attachment per policy, by role_policy_id: here by name. List
  # every policy the role configuration holds: the policies are authoritative here.
  system_policies = ["QcloudVPCReadOnlyAccess"]

  # Was the permission_custom_policy_attachment: keep its role_policy_name.
  custom_policy_name = "cos-read"
  custom_policy = jsonencode({
    version = "2.0"
    statement = [{
      effect   = "allow"
      action   = ["cos:GetObject", "cos:HeadObject"]
      resource = ["*"]
    }]
  })
}

# The attachments have no counterpart (their policies are the inline ones above): forget them,
# never destroy them, which would detach the policies.
removed {
  from = tencentcloud_identity_center_role_configuration_permission_policy_attachment.vpc
  lifecycle {
    destroy = false
  }
}

removed {
  from = tencentcloud_identity_center_role_configuration_permission_custom_policy_attachment.cos
  lifecycle {
    destroy = false
  }
}

moved {
  from = tencentcloud_identity_center_role_assignment.engineers_prod
  to   = tencentcloudidc_role_assignment.engineers_prod
}

resource "tencentcloudidc_role_assignment" "engineers_prod" {
  role_configuration_id = tencentcloudidc_role_configuration.readonly.role_configuration_id
  target_type           = "MemberUin"
  target_uin            = 100043911945
  principal_type        = "Group"
  principal_id          = "g-8sjd2k3l9xqa"
  # The moved state holds the default, DeprovisionForLastRoleAssignmentOnAccount, whatever the
  # old resource had (its destroy undeployed the configuration from the account anyway):
  # without this attribute the plan is empty. "None" keeps the deployment on destroy, and plans
  # one in-place update of this attribute that calls no API.
}
