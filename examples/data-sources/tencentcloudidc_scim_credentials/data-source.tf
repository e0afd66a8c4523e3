resource "tencentcloudidc_scim_synchronization" "this" {}

# The credential the identity provider uses, managed here.
resource "tencentcloudidc_scim_credential" "idp" {
  depends_on = [tencentcloudidc_scim_synchronization.this]
}

# Every credential of the zone, without secrets.
data "tencentcloudidc_scim_credentials" "all" {
  zone_id = tencentcloudidc_scim_credential.idp.zone_id
}

# A zone holds at most two credentials. One nobody manages blocks the next rotation and is a
# working token nobody rotates: flag it on every plan.
check "no_unmanaged_scim_credentials" {
  assert {
    condition     = length(setsubtract(data.tencentcloudidc_scim_credentials.all.ids, [tencentcloudidc_scim_credential.idp.credential_id])) == 0
    error_message = "SCIM credentials not managed here: ${join(", ", setsubtract(data.tencentcloudidc_scim_credentials.all.ids, [tencentcloudidc_scim_credential.idp.credential_id]))}. Delete them, or import them into a tencentcloudidc_scim_credential."
  }
}

output "scim_credential_expiry" {
  value = { for c in data.tencentcloudidc_scim_credentials.all.credentials : c.credential_id => c.expire_time }
}
