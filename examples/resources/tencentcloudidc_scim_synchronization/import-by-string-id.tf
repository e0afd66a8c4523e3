# Import the zone's SCIM synchronization switch by zone ID. The next apply sets it to the
# configured `enabled`.
import {
  to = tencentcloudidc_scim_synchronization.this
  id = "z-vft38p2hq8tq"
}
