# Step 2: OneLogin's SAML metadata (application > More Actions > SAML Metadata), downloaded after
# switching SSO > SAML Signature Algorithm to SHA-256. Re-downloading it later with other
# formatting plans no change.
resource "tencentcloudidc_saml_identity_provider" "onelogin" {
  metadata_xml = file("${path.module}/onelogin-metadata.xml")

  # Users sign in through OneLogin only from now on (password sign-in is turned off). Set
  # false to upload and review the IdP first.
  sso_enabled = true
}

output "onelogin_certificate_expires" {
  description = "Expiry of OneLogin's signing certificate as Identity Center stores it."
  value       = [for c in tencentcloudidc_saml_identity_provider.onelogin.certificates : c.not_after]
}
