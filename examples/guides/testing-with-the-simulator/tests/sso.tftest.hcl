# `tofu test` (or `terraform test`, Terraform 1.6 and later) against tencentcloudidc-sim. Each run
# applies for real, against the simulator, and the test destroys everything at the end.

run "sso_with_scim" {
  assert {
    condition     = data.tencentcloudidc_scim_endpoint.this.synchronization_enabled
    error_message = "SCIM synchronization should be on."
  }

  assert {
    condition     = length(nonsensitive(output.scim_token)) > 0
    error_message = "The SCIM credential should come with its secret."
  }

  assert {
    condition     = output.idp_entity_id == "https://app.onelogin.com/saml/metadata/7b0a6f3e-5c1d-4b8e-9f2a-3d4c5b6a7e8f"
    error_message = "The entity ID should come from the metadata file."
  }

  assert {
    condition     = length(tencentcloudidc_saml_identity_provider.idp.certificates) == 1
    error_message = "Identity Center should trust exactly the metadata's signing certificate."
  }
}

run "sso_can_be_turned_off" {
  variables {
    sso_enabled = false
  }

  assert {
    condition     = tencentcloudidc_saml_identity_provider.idp.sso_enabled == false
    error_message = "SSO should be off."
  }
}
