# A role configuration is imported by zone ID and role configuration ID, separated by "/"
# (the official tencentcloud provider's "#" works too). Its policies come along.
terraform import tencentcloudidc_role_configuration.network_readonly z-vft38p2hq8tq/rc-4plmus8fdfsb
