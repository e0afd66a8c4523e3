# OneLogin's SAML metadata for the Tencent Cloud application (Applications > the app > More
# Actions > SAML Metadata), saved next to this file. The entity ID, login URL and signing
# certificate come from it, and the plan already shows them. The document is validated at
# plan time (an expired certificate or Tencent's own SP metadata is an error there, not at
# apply) and compared by meaning: a re-downloaded copy with other formatting plans nothing.
resource "tencentcloudidc_saml_identity_provider" "onelogin" {
  metadata_xml = file("${path.module}/onelogin-metadata.xml")

  # From now on users sign in through OneLogin only: Identity Center turns password sign-in
  # off while SSO is on. Set false to upload and review the identity provider first.
  sso_enabled = true
}

# Identity Center's copy of the signing certificate, to watch its expiry.
output "onelogin_certificate_expires" {
  value = [for c in tencentcloudidc_saml_identity_provider.onelogin.certificates : c.not_after]
}

# Metadata given in base64, as the official tencentcloud provider takes it, works too;
# line breaks in the base64 do not matter:
#
#   encoded_metadata_document = filebase64("${path.module}/onelogin-metadata.xml")
