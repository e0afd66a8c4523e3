# Each output names the Entra ID setting it goes into (Enterprise applications > your app).

output "entra_identifier" {
  description = "Single sign-on > Basic SAML Configuration > Identifier (Entity ID)."
  value       = data.tencentcloudidc_saml_service_provider.this.entity_id
}

output "entra_reply_url" {
  description = "Single sign-on > Basic SAML Configuration > Reply URL (Assertion Consumer Service URL)."
  value       = data.tencentcloudidc_saml_service_provider.this.acs_url
}

output "entra_tenant_url" {
  description = "Provisioning > Admin Credentials > Tenant URL."
  value       = data.tencentcloudidc_scim_endpoint.this.url
}

output "entra_secret_token" {
  description = "Provisioning > Admin Credentials > Secret Token. Print it with: terraform output -raw entra_secret_token"
  value       = tencentcloudidc_scim_credential.entra.secret
  sensitive   = true
}

output "synchronized_users" {
  description = "Users Entra ID has provisioned so far."
  value       = data.tencentcloudidc_users.from_entra.user_names
}

# Tencent Cloud's SP metadata as XML, for "Upload metadata file" in Basic SAML Configuration.
output "sp_metadata_xml" {
  description = "Save as tencent-sp-metadata.xml: terraform output -raw sp_metadata_xml > tencent-sp-metadata.xml"
  value       = data.tencentcloudidc_saml_service_provider.this.metadata_xml
}
