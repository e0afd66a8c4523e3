# Step 2: the app's metadata (Sign On tab > SAML 2.0 > Metadata details), saved next to this file.
resource "tencentcloudidc_saml_identity_provider" "okta" {
  metadata_xml = file("${path.module}/okta-metadata.xml")
  sso_enabled  = true
}

output "okta_entity_id" {
  description = "Okta's issuer, as read from the metadata (http://www.okta.com/<app id>)."
  value       = tencentcloudidc_saml_identity_provider.okta.entity_id
}
