# Import the zone's identity provider by zone ID. With metadata_xml in the configuration, a
# stored document that means the same (in any formatting) is adopted without a change.
import {
  to = tencentcloudidc_saml_identity_provider.onelogin
  id = "z-vft38p2hq8tq"
}
