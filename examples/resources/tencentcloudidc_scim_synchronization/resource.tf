# SCIM user synchronization on for the organization's zone (found by the provider).
resource "tencentcloudidc_scim_synchronization" "this" {
  # false pauses SCIM pushes (for example to fix a synchronized user by hand) without removing
  # the resource.
  enabled = true

  # Destroying the resource turns synchronization off. Set false first if removing the resource
  # should only make Terraform forget the switch (for example when moving it elsewhere).
  disable_on_destroy = true
}

# The identity provider's credential depends on the switch, so a first apply never hands the
# IdP a token it cannot use yet.
resource "tencentcloudidc_scim_credential" "idp" {
  zone_id = tencentcloudidc_scim_synchronization.this.zone_id
}
