# Import an existing role assignment by its resource identity (Terraform 1.12+, OpenTofu 1.12+).
import {
  to = tencentcloudidc_role_assignment.engineers_network_readonly
  identity = {
    zone_id               = "z-vft38p2hq8tq"
    role_configuration_id = "rc-4plmus8fdfsb"
    target_type           = "MemberUin"
    target_uin            = 100000000001
    principal_type        = "Group"
    principal_id          = "g-8sjd2k3l9a0b"
  }
}
