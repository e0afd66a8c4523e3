# Read the IdP's metadata once, and use its facts in outputs and checks. The call fails when
# Identity Center could not use the document (no IdP, no login URL, no signing certificate).
locals {
  idp = provider::tencentcloudidc::saml_metadata(file("${path.module}/idp-metadata.xml"))
}

output "idp_entity_id" {
  value = local.idp.entity_id
}

output "idp_login_url" {
  value = local.idp.login_url
}

# Compare with the fingerprint the IdP's console shows (OneLogin: SSO tab → X.509 Certificate
# → View Details; Okta: SAML Signing Certificates).
output "idp_certificate_fingerprints" {
  value = [for c in local.idp.certificates : c.sha256_fingerprint]
}

# The function does not judge expiry (a function returns the same result for the same
# argument); checks against plantimestamp() do, on every plan.
check "idp_certificates_valid" {
  assert {
    condition = anytrue([
      for c in local.idp.certificates : timecmp(c.not_after, timeadd(plantimestamp(), "720h")) > 0
    ])
    error_message = "No IdP signing certificate is valid for another 30 days: create the next one in the IdP and download its metadata again."
  }
}

check "idp_metadata_fresh" {
  assert {
    condition     = local.idp.valid_until == null ? true : timecmp(local.idp.valid_until, plantimestamp()) > 0
    error_message = "The IdP metadata was valid until ${coalesce(local.idp.valid_until, "never")}: download it again."
  }
}
