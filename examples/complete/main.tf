# Our side of Tencent Cloud's OneLogin walkthrough, as code: SCIM provisioning on, a SCIM
# credential for the IdP, Tencent's SAML service-provider details and SCIM endpoint as outputs
# for the IdP, the IdP's metadata uploaded with SSO on, and the users the IdP pushed. Once the
# IdP has pushed its group, `access` gives that group a role configuration on a member account,
# authoritatively: an assignment of that role configuration made in the console is removed.
#
# Credentials come from TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY. To run it offline
# against the simulator, also set TENCENTCLOUDIDC_ENDPOINT and TENCENTCLOUD_PROTOCOL=HTTP
# (`make demo` does all of this).

terraform {
  required_version = ">= 1.5"
  required_providers {
    tencentcloudidc = {
      source = "tencentcloudidc/tencentcloudidc"
    }
  }
}

provider "tencentcloudidc" {}

variable "access" {
  description = "Which pushed group gets the engineers' role configuration on which member account (both by name). Leave it null until the IdP has pushed the group."
  type = object({
    group_name   = string
    account_name = string
  })
  default = null
}

variable "scim_credential_generation" {
  description = "Bump to mint a new SCIM credential; create_before_destroy keeps the old one working until the new one exists."
  type        = string
  default     = "1"
}

# The organization's one Identity Center zone.
data "tencentcloudidc_zone" "this" {}

# 1. Turn SCIM user synchronization on. Destroy turns it off again.
resource "tencentcloudidc_scim_synchronization" "this" {
  zone_id = data.tencentcloudidc_zone.this.zone_id
}

# 2. A SCIM bearer credential for the IdP. Its secret exists only in the create response, so it
#    lives (sensitive) in state: protect the state (OpenTofu state encryption, or a remote
#    backend with access control). The zone allows 2 credentials: rotation with
#    create_before_destroy needs one free slot.
resource "tencentcloudidc_scim_credential" "idp" {
  zone_id       = tencentcloudidc_scim_synchronization.this.zone_id
  expire_after  = "8760h" # one year
  rotate_before = "720h"  # plan a replacement 30 days before expiry
  keepers = {
    generation = var.scim_credential_generation
  }

  lifecycle {
    create_before_destroy = true
  }
}

# 3. What the IdP needs from Tencent Cloud.
data "tencentcloudidc_saml_service_provider" "this" {
  zone_id = data.tencentcloudidc_zone.this.zone_id
}

data "tencentcloudidc_scim_endpoint" "this" {
  zone_id    = data.tencentcloudidc_zone.this.zone_id
  depends_on = [tencentcloudidc_scim_synchronization.this]
}

# 4. The IdP's SAML metadata (OneLogin: Applications -> app -> More Actions -> SAML Metadata),
#    compared by meaning: re-downloading a reformatted copy plans nothing.
resource "tencentcloudidc_saml_identity_provider" "onelogin" {
  zone_id      = data.tencentcloudidc_zone.this.zone_id
  metadata_xml = file("${path.module}/onelogin-idp-metadata.xml")
  sso_enabled  = true
}

# 5. The users the IdP pushed over SCIM ("External Import" in the console).
data "tencentcloudidc_users" "synced" {
  zone_id    = data.tencentcloudidc_zone.this.zone_id
  user_type  = "Synchronized"
  depends_on = [tencentcloudidc_scim_synchronization.this]
}

# 6. Access: a role configuration with one CAM system policy, given to the pushed group on one
#    member account. The role configuration exists from the first apply; the assignment waits
#    for var.access, since the group only exists once the IdP has pushed it.
resource "tencentcloudidc_role_configuration" "engineers" {
  zone_id          = data.tencentcloudidc_zone.this.zone_id
  name             = "cloud-engineers-readonly"
  description      = "Read-only network access for the Cloud Engineers group"
  session_duration = "4h"
  system_policies  = ["QcloudVPCReadOnlyAccess"]
}

data "tencentcloudidc_group" "engineers" {
  count   = var.access == null ? 0 : 1
  zone_id = data.tencentcloudidc_zone.this.zone_id
  name    = var.access.group_name
}

data "tencentcloudidc_member_accounts" "target" {
  count      = var.access == null ? 0 : 1
  search_key = var.access.account_name
}

locals {
  target_uins = var.access == null ? [] : [
    for a in data.tencentcloudidc_member_accounts.target[0].accounts : a.member_uin if a.name == var.access.account_name
  ]
}

# Every assignment of the role configuration: one made outside Terraform shows up in the plan
# and is removed by apply.
resource "tencentcloudidc_role_assignments_exclusive" "engineers" {
  zone_id               = data.tencentcloudidc_zone.this.zone_id
  role_configuration_id = tencentcloudidc_role_configuration.engineers.role_configuration_id
  assignments = var.access == null ? [] : [{
    principal_type = "Group"
    principal_id   = data.tencentcloudidc_group.engineers[0].group_id
    target_type    = "MemberUin"
    target_uin     = one(local.target_uins)
  }]

  lifecycle {
    precondition {
      condition     = var.access == null || length(local.target_uins) == 1
      error_message = "var.access.account_name must name exactly one member account of the organization (see data.tencentcloudidc_member_accounts)."
    }
  }
}
