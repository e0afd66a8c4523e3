# Step 2: Single sign-on > SAML Certificates > Federation Metadata XML, saved next to this file.
resource "tencentcloudidc_saml_identity_provider" "entra" {
  metadata_xml = file("${path.module}/entra-federation-metadata.xml")
  sso_enabled  = true
}

# Entra ID's SAML signing certificates last three years by default. Warn a month ahead, on every
# plan, so the rollover is done before sign-in breaks.
check "entra_signing_certificate" {
  assert {
    condition = alltrue([
      for c in tencentcloudidc_saml_identity_provider.entra.certificates :
      timecmp(c.not_after, timeadd(plantimestamp(), "720h")) > 0
    ])
    error_message = "An Entra ID signing certificate expires within 30 days: roll it over (see the Rotating the IdP certificate guide)."
  }
}
