# Import the zone's identity provider by its resource identity (Terraform 1.12+, OpenTofu 1.12+).
import {
  to = tencentcloudidc_saml_identity_provider.onelogin
  identity = {
    zone_id = "z-vft38p2hq8tq"
  }
}
