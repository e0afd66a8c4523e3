# Import an existing role configuration by "<zone_id>/<role_configuration_id>".
import {
  to = tencentcloudidc_role_configuration.network_readonly
  id = "z-vft38p2hq8tq/rc-4plmus8fdfsb"
}
