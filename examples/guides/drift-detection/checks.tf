# Checks that run on every plan and apply. A failed check is a warning: it never blocks an
# apply, and the CI job in the guide turns it into a failed run.

# The SCIM token stops working at expire_time. rotate_before already plans a replacement 30
# days ahead; this check makes the deadline visible even when nobody applies that plan.
check "scim_credential_not_expiring" {
  assert {
    condition     = timecmp(tencentcloudidc_scim_credential.idp.expire_time, timeadd(plantimestamp(), "336h")) > 0
    error_message = "The SCIM credential expires at ${tencentcloudidc_scim_credential.idp.expire_time}, within 14 days: apply the planned rotation."
  }
}

# Identity Center refuses SAML responses signed with an expired certificate, so sign-in breaks
# the moment the IdP's certificate runs out.
check "idp_certificates_not_expiring" {
  assert {
    condition = alltrue([
      for c in tencentcloudidc_saml_identity_provider.this.certificates :
      timecmp(c.not_after, timeadd(plantimestamp(), "720h")) > 0
    ])
    error_message = "An IdP signing certificate expires within 30 days: ${join(", ", [for c in tencentcloudidc_saml_identity_provider.this.certificates : "${c.subject} on ${c.not_after}"])}. Roll it over in the IdP."
  }
}

# SCIM credentials nobody manages: made in the console, or left behind by another
# configuration. They hold one of the zone's two slots (so the next rotation fails) and are a
# working token that no one rotates.
#
# The data sources are top-level on purpose: a data block nested in a check block is always
# planned as "read during apply", which makes every `plan -detailed-exitcode` report a change.
data "tencentcloudidc_scim_credentials" "all" {
  zone_id = tencentcloudidc_scim_synchronization.this.zone_id
}

check "no_unmanaged_scim_credentials" {
  assert {
    condition     = length(setsubtract(data.tencentcloudidc_scim_credentials.all.ids, [tencentcloudidc_scim_credential.idp.credential_id])) == 0
    error_message = "SCIM credentials not managed here: ${join(", ", setsubtract(data.tencentcloudidc_scim_credentials.all.ids, [tencentcloudidc_scim_credential.idp.credential_id]))}. Delete them, or import them into a tencentcloudidc_scim_credential."
  }
}

# With an IdP provisioning over SCIM, every user should come from it. A user created by hand in
# the console bypasses the IdP's joiner/leaver process.
data "tencentcloudidc_users" "manual" {
  zone_id   = tencentcloudidc_scim_synchronization.this.zone_id
  user_type = "Manual"
}

check "no_manual_users" {
  assert {
    condition     = data.tencentcloudidc_users.manual.total_count == 0
    error_message = "Users created outside the IdP: ${join(", ", data.tencentcloudidc_users.manual.user_names)}."
  }
}
