# Adopt every current assignment of a role configuration by its resource identity (Terraform 1.12+, OpenTofu 1.12+).
import {
  to = tencentcloudidc_role_assignments_exclusive.network_readonly
  identity = {
    zone_id               = "z-vft38p2hq8tq"
    role_configuration_id = "rc-4plmus8fdfsb"
  }
}
