# Certificate rollover by hand, for an identity provider configured with entity ID, login URL and
# certificates rather than metadata. Each step is one apply:
#
#   1. x509_certificates = [current]         (normal state)
#   2. x509_certificates = [current, next]   the new certificate is added; both are trusted
#   3. switch the IdP to sign with the new certificate
#   4. x509_certificates = [next]            the old certificate is removed
#
# The provider adds before it removes, so there is no moment without a trusted certificate.

terraform {
  required_version = ">= 1.5"
  required_providers {
    tencentcloudidc = {
      source = "tencentcloudidc/tencentcloudidc"
    }
  }
}

provider "tencentcloudidc" {}

variable "signing_certificate_files" {
  description = "PEM files of the certificates Identity Center should trust, 1 or 2."
  type        = list(string)
  default     = ["certs/current.pem", "certs/next.pem"]
}

resource "tencentcloudidc_saml_identity_provider" "this" {
  entity_id         = "https://idp.acme.example/saml/metadata"
  login_url         = "https://idp.acme.example/saml/sso"
  x509_certificates = [for f in var.signing_certificate_files : file("${path.module}/${f}")]
}

output "trusted_certificates" {
  description = "The signing certificates Identity Center trusts now."
  value       = { for c in tencentcloudidc_saml_identity_provider.this.certificates : c.subject => c.not_after }
}
