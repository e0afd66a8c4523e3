# Which IdP setting takes each output.

output "saml_sp_entity_id" {
  description = "OneLogin: Configuration -> Audience (EntityID). Okta: Audience URI (SP Entity ID). Entra ID: Identifier (Entity ID)."
  value       = data.tencentcloudidc_saml_service_provider.this.entity_id
}

output "saml_acs_url" {
  description = "OneLogin: Configuration -> Recipient, ACS (Consumer) URL and ACS (Consumer) URL Validator. Okta: Single sign-on URL. Entra ID: Reply URL (Assertion Consumer Service URL)."
  value       = data.tencentcloudidc_saml_service_provider.this.acs_url
}

output "saml_sp_metadata_xml" {
  description = "Tencent Cloud's SP metadata, for IdPs that import it (Entra ID: Upload metadata file)."
  value       = data.tencentcloudidc_saml_service_provider.this.metadata_xml
}

output "scim_base_url" {
  description = "OneLogin: Configuration -> SCIM Base URL. Okta: Provisioning -> SCIM connector base URL. Entra ID: Provisioning -> Tenant URL."
  value       = data.tencentcloudidc_scim_endpoint.this.url
}

output "scim_bearer_token" {
  description = "OneLogin: Configuration -> SCIM Bearer Token. Okta: API Token (HTTP Header auth). Entra ID: Secret Token. Read it with `tofu output -raw scim_bearer_token`."
  value       = tencentcloudidc_scim_credential.idp.secret
  sensitive   = true
}

output "scim_credential_expires" {
  description = "When the SCIM credential expires (RFC 3339); the plan replaces it rotate_before earlier."
  value       = tencentcloudidc_scim_credential.idp.expire_time
}

output "idp_certificate_not_after" {
  description = "Expiry of each IdP signing certificate Tencent Cloud holds: roll the certificate in the IdP before then."
  value       = [for c in tencentcloudidc_saml_identity_provider.onelogin.certificates : c.not_after]
}

output "synced_user_names" {
  description = "Users the IdP pushed over SCIM."
  value       = data.tencentcloudidc_users.synced.user_names
}

output "engineers_role_configuration_id" {
  description = "The role configuration the pushed group signs in with on the target account."
  value       = tencentcloudidc_role_configuration.engineers.role_configuration_id
}
