# Import an existing SCIM credential by "<zone_id>/<credential_id>". Its secret stays null:
# Tencent Cloud shows it only once, at creation. An expire_after equal to the credential's
# actual lifetime, and keepers, are adopted without replacing it.
import {
  to = tencentcloudidc_scim_credential.onelogin
  id = "z-vft38p2hq8tq/scimcred-un1tgbnt0s9j"
}
