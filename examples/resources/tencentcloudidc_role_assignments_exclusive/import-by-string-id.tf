# Adopt every current assignment of a role configuration by "<zone_id>/<role_configuration_id>".
# The plan after the import shows what differs from `assignments`, before anything is removed.
import {
  to = tencentcloudidc_role_assignments_exclusive.network_readonly
  id = "z-vft38p2hq8tq/rc-4plmus8fdfsb"
}
