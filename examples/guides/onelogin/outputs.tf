# Each output names the OneLogin field it goes into (application "Tencent Cloud_SCIM",
# Configuration tab).

output "onelogin_acs_url" {
  description = "Configuration > Application details > ACS URL."
  value       = data.tencentcloudidc_saml_service_provider.this.acs_url
}

output "onelogin_entity_id" {
  description = "Configuration > Application details > Entity ID."
  value       = data.tencentcloudidc_saml_service_provider.this.entity_id
}

output "onelogin_scim_base_url" {
  description = "Configuration > API Connection > SCIM server address (SCIM Base URL)."
  value       = data.tencentcloudidc_scim_endpoint.this.url
}

output "onelogin_scim_token" {
  description = "Configuration > API Connection > SCIM Token. Print it with: terraform output -raw onelogin_scim_token"
  value       = tencentcloudidc_scim_credential.onelogin.secret
  sensitive   = true
}

output "scim_token_expires" {
  description = "When the SCIM token stops working (RFC 3339)."
  value       = tencentcloudidc_scim_credential.onelogin.expire_time
}

output "synchronized_users" {
  description = "User names OneLogin has pushed so far."
  value       = data.tencentcloudidc_users.from_onelogin.user_names
}
