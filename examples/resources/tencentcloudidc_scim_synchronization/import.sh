# SCIM synchronization is imported by zone ID, the same ID as the official tencentcloud
# provider's tencentcloud_identity_center_scim_synchronization_status.
terraform import tencentcloudidc_scim_synchronization.this z-vft38p2hq8tq
