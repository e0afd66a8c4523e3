# Role assignments of the official tencentcloud provider taken over by this provider, one by one
# (tencentcloudidc_role_assignment) or, for a configuration whose every assignment Terraform
# should own, as one set (tencentcloudidc_role_assignments_exclusive). Nothing changes in
# Identity Center.
#
# Before (delete these blocks from the configuration):
#
#   resource "tencentcloud_identity_center_role_assignment" "engineers_prod" {
#     zone_id               = "z-vft38p2hq8tq"
#     role_configuration_id = "rc-4plmus8fdfsb"
#     target_type           = "MemberUin"
#     target_uin            = 100043911945
#     principal_type        = "Group"
#     principal_id          = "g-8sjd2k3l9xqa"
#     deprovision_strategy  = "None"
#   }
#
#   resource "tencentcloud_identity_center_role_assignment" "data_lake" {
#     for_each              = toset(["100043911945", "100043911946"])
#     zone_id               = "z-vft38p2hq8tq"
#     role_configuration_id = "rc-9rtq2lbn4wcx"
#     target_type           = "MemberUin"
#     target_uin            = each.key
#     principal_type        = "Group"
#     principal_id          = "g-d7kq2mzn5tpa"
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

# Forget the old assignments (a removed block covers every instance of a for_each), never
# destroy them: their delete also undeploys the role
# configuration from the account, which fails while anyone else still holds it there.
removed {
  from = tencentcloud_identity_center_role_assignment.engineers_prod
  lifecycle {
    destroy = false
  }
}

removed {
  from = tencentcloud_identity_center_role_assignment.data_lake
  lifecycle {
    destroy = false
  }
}

# One by one: the old six-part ID, zoneId#rcId#targetType#targetUin#principalType#principalId,
# is accepted as it is.
import {
  to = tencentcloudidc_role_assignment.engineers_prod
  id = "z-vft38p2hq8tq#rc-4plmus8fdfsb#MemberUin#100043911945#Group#g-8sjd2k3l9xqa"
}

resource "tencentcloudidc_role_assignment" "engineers_prod" {
  role_configuration_id = "rc-4plmus8fdfsb"
  target_type           = "MemberUin"
  target_uin            = 100043911945
  principal_type        = "Group"
  principal_id          = "g-8sjd2k3l9xqa"
  # The old default was "None", but the old destroy undeployed the role configuration from the
  # account anyway; here the default undeploys it when this was its last assignment there.
  # "None" keeps the deployment.
  deprovision_strategy = "None"
}

# As one set: every assignment of rc-9rtq2lbn4wcx, imported at once by zoneId#rcId (or
# zoneId/rcId). An assignment made in the console later shows in the plan, to be removed.
import {
  to = tencentcloudidc_role_assignments_exclusive.data_lake
  id = "z-vft38p2hq8tq#rc-9rtq2lbn4wcx"
}

resource "tencentcloudidc_role_assignments_exclusive" "data_lake" {
  role_configuration_id = "rc-9rtq2lbn4wcx"
  assignments = [
    { principal_type = "Group", principal_id = "g-d7kq2mzn5tpa", target_type = "MemberUin", target_uin = 100043911945 },
    { principal_type = "Group", principal_id = "g-d7kq2mzn5tpa", target_type = "MemberUin", target_uin = 100043911946 },
  ]
}
