# A role assignment is imported by its six key parts separated by "/":
# <zone_id>/<role_configuration_id>/<target_type>/<target_uin>/<principal_type>/<principal_id>.
# The official tencentcloud provider's "#"-separated ID works too.
terraform import tencentcloudidc_role_assignment.engineers_network_readonly z-vft38p2hq8tq/rc-4plmus8fdfsb/MemberUin/100000000001/Group/g-8sjd2k3l9a0b
