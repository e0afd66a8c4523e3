# Import the zone's SCIM synchronization switch by its resource identity (Terraform 1.12+,
# OpenTofu 1.12+).
import {
  to = tencentcloudidc_scim_synchronization.this
  identity = {
    zone_id = "z-vft38p2hq8tq"
  }
}
