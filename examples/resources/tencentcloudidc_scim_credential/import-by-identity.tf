# Import an existing SCIM credential by its resource identity (Terraform 1.12+, OpenTofu 1.12+).
# Its secret stays null: Tencent Cloud shows it only once, at creation.
import {
  to = tencentcloudidc_scim_credential.onelogin
  identity = {
    zone_id       = "z-vft38p2hq8tq"
    credential_id = "scimcred-un1tgbnt0s9j"
  }
}
