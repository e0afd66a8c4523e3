# Certificate rollover with metadata: the IdP publishes the next signing certificate beside the
# current one; uploading that metadata makes Identity Center trust both, so sign-in keeps working
# whichever one the IdP signs with. After the switch, the IdP's metadata lists only the new one.

terraform {
  required_version = ">= 1.5"
  required_providers {
    tencentcloudidc = {
      source = "tencentcloudidc/tencentcloudidc"
    }
  }
}

provider "tencentcloudidc" {}

resource "tencentcloudidc_saml_identity_provider" "this" {
  # Download the IdP's metadata again at each step of the rollover and apply. A copy that
  # differs only in formatting plans no change.
  metadata_xml = file("${path.module}/idp-metadata.xml")
}

output "trusted_certificates" {
  description = "The signing certificates Identity Center trusts now."
  value = [
    for c in tencentcloudidc_saml_identity_provider.this.certificates : {
      subject            = c.subject
      not_after          = c.not_after
      sha256_fingerprint = c.sha256_fingerprint
    }
  ]
}
