# Tencent Cloud's side of SAML, for the IdP's SAML application.
data "tencentcloudidc_saml_service_provider" "this" {}

# OneLogin: Configuration tab → Audience (EntityID).
# Okta: Audience URI (SP Entity ID). Entra ID: Identifier (Entity ID).
output "saml_audience" {
  value = data.tencentcloudidc_saml_service_provider.this.entity_id
}

# OneLogin: Recipient, ACS (Consumer) URL Validator and ACS (Consumer) URL.
# Okta: Single sign-on URL. Entra ID: Reply URL (Assertion Consumer Service URL).
output "saml_acs_url" {
  value = data.tencentcloudidc_saml_service_provider.this.acs_url
}

# IdPs that import SP metadata from a file (Entra ID "Upload metadata file", AD FS relying
# party trusts) take the XML itself.
output "saml_sp_metadata" {
  value = data.tencentcloudidc_saml_service_provider.this.metadata_xml
}
