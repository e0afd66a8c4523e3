# All assignments of a role configuration are imported at once, by zone ID and role
# configuration ID separated by "/" ("#" works too).
terraform import tencentcloudidc_role_assignments_exclusive.network_readonly z-vft38p2hq8tq/rc-4plmus8fdfsb
