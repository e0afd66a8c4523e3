# A small module under test: SCIM on, a SCIM credential, the IdP from a metadata file. It has
# no provider settings of its own, so the same code talks to Tencent Cloud in production and
# to tencentcloudidc-sim in tests: only the environment differs.

terraform {
  required_version = ">= 1.5"
  required_providers {
    tencentcloudidc = {
      source = "tencentcloudidc/tencentcloudidc"
    }
  }
}

variable "idp_metadata_file" {
  description = "Path of the identity provider's SAML metadata XML."
  type        = string
  default     = "idp-metadata.xml"
}

variable "sso_enabled" {
  description = "Whether users sign in through the identity provider."
  type        = bool
  default     = true
}

resource "tencentcloudidc_scim_synchronization" "this" {}

resource "tencentcloudidc_scim_credential" "idp" {
  zone_id      = tencentcloudidc_scim_synchronization.this.zone_id
  expire_after = "8760h"

  lifecycle {
    create_before_destroy = true
  }
}

resource "tencentcloudidc_saml_identity_provider" "idp" {
  metadata_xml = file("${path.module}/${var.idp_metadata_file}")
  sso_enabled  = var.sso_enabled
}

data "tencentcloudidc_scim_endpoint" "this" {
  depends_on = [tencentcloudidc_scim_synchronization.this]
}

output "scim_base_url" {
  value = data.tencentcloudidc_scim_endpoint.this.url
}

output "scim_token" {
  value     = tencentcloudidc_scim_credential.idp.secret
  sensitive = true
}

output "idp_entity_id" {
  value = tencentcloudidc_saml_identity_provider.idp.entity_id
}
