# Import an existing role assignment by
# "<zone_id>/<role_configuration_id>/<target_type>/<target_uin>/<principal_type>/<principal_id>".
import {
  to = tencentcloudidc_role_assignment.engineers_network_readonly
  id = "z-vft38p2hq8tq/rc-4plmus8fdfsb/MemberUin/100000000001/Group/g-8sjd2k3l9a0b"
}
