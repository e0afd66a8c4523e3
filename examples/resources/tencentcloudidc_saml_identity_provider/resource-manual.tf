# The same resource configured by hand, without a metadata document: the identity provider's
# issuer, its SAML 2.0 single sign-on URL and its signing certificate, as its SAML settings show
# them (here an Okta application's "View SAML setup instructions"). A zone has one identity
# provider, so use either this form or the metadata form.
resource "tencentcloudidc_saml_identity_provider" "okta" {
  entity_id = "http://www.okta.com/exk1a2b3c4d5e6f7g8h9"
  login_url = "https://example.okta.com/app/example_tencentcloud_1/exk1a2b3c4d5e6f7g8h9/sso/saml"

  # To roll the certificate over, list the new one beside the old one and apply (both are
  # trusted), switch Okta to the new one, then remove the old one and apply again. Each apply
  # adds before it removes, so sign-in never breaks. At most two certificates.
  x509_certificates = [
    file("${path.module}/okta-signing-certificate.pem"),
  ]

  sso_enabled = true
}
