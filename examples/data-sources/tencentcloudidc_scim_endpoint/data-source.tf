# What the identity provider's provisioning settings need (OneLogin: the application's
# Configuration tab → SCIM Base URL and SCIM Bearer Token).
data "tencentcloudidc_scim_endpoint" "this" {}

output "scim_base_url" {
  description = "OneLogin SCIM Base URL, Okta SCIM connector base URL, Entra ID Tenant URL."
  value       = data.tencentcloudidc_scim_endpoint.this.url
}

# The IdP's pushes fail while synchronization is off: say so on every plan.
check "scim_synchronization_on" {
  assert {
    condition     = data.tencentcloudidc_scim_endpoint.this.synchronization_enabled
    error_message = "SCIM synchronization is off in zone ${data.tencentcloudidc_scim_endpoint.this.zone_id}: the IdP cannot push users. Manage it with tencentcloudidc_scim_synchronization."
  }
}
