# A role configuration of the official tencentcloud provider, with its two policy attachments,
# taken over by one tencentcloudidc_role_configuration. Nothing changes in Identity Center: the
# old resources are forgotten (removed blocks, Terraform 1.7+ / OpenTofu 1.7+) and the role
# configuration is imported with its policies.
#
# Before (delete these blocks from the configuration):
#
#   resource "tencentcloud_identity_center_role_configuration" "readonly" {
#     zone_id                 = "z-vft38p2hq8tq"
#     role_configuration_name = "platform-readonly"
#     description             = "Read-only network access"
#     session_duration        = 14400
#     relay_state             = "https://console.cloud.tencent.com/vpc"
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

terraform {
  required_version = ">= 1.7"
  required_providers {
    tencentcloudidc = {
      source = "tencentcloudidc/tencentcloudidc"
    }
  }
}

provider "tencentcloudidc" {
  zone_id = "z-vft38p2hq8tq"
}

# Forget the old resources without destroying them: destroying an attachment would detach the
# policy, destroying the old role configuration would try to delete it.
removed {
  from = tencentcloud_identity_center_role_configuration.readonly
  lifecycle {
    destroy = false
  }
}

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

# The old ID, zoneId#roleConfigurationId, is accepted as it is.
import {
  to = tencentcloudidc_role_configuration.readonly
  id = "z-vft38p2hq8tq#rc-4plmus8fdfsb"
}

resource "tencentcloudidc_role_configuration" "readonly" {
  name             = "platform-readonly"                     # was role_configuration_name
  description      = "Read-only network access"              # the same
  session_duration = "4h"                                    # was 14400 (seconds)
  relay_state      = "https://console.cloud.tencent.com/vpc" # the same

  # Was one permission_policy_attachment per policy, by role_policy_id: here by name.
  system_policies = ["QcloudVPCReadOnlyAccess"]

  # Was the permission_custom_policy_attachment. Keep its role_policy_name, or the first apply
  # replaces the policy by one named "inline-policy".
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
