# Each output names the Okta setting it goes into.

output "okta_single_sign_on_url" {
  description = "SAML Settings > Single sign-on URL (also use it for Recipient URL and Destination URL)."
  value       = data.tencentcloudidc_saml_service_provider.this.acs_url
}

output "okta_audience_uri" {
  description = "SAML Settings > Audience URI (SP Entity ID)."
  value       = data.tencentcloudidc_saml_service_provider.this.entity_id
}

output "okta_scim_connector_base_url" {
  description = "Provisioning > Integration > SCIM connector base URL."
  value       = data.tencentcloudidc_scim_endpoint.this.url
}

output "okta_scim_bearer_token" {
  description = "Provisioning > Integration > Authentication Mode HTTP Header > Authorization (Bearer). Print it with: terraform output -raw okta_scim_bearer_token"
  value       = tencentcloudidc_scim_credential.okta.secret
  sensitive   = true
}

output "synchronized_users" {
  description = "Enabled users Okta has pushed so far."
  value       = data.tencentcloudidc_users.from_okta.user_names
}
