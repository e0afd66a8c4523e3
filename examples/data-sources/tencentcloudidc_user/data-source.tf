# One user, by exactly one of user_id, user_name or email (names and emails ignore case).
data "tencentcloudidc_user" "alice" {
  email = "alice@example.com"
}

output "alice_user_id" {
  value = data.tencentcloudidc_user.alice.user_id
}

# Alice signs in through the IdP, so she must have come over SCIM and be enabled.
check "alice_from_idp" {
  assert {
    condition     = data.tencentcloudidc_user.alice.type == "Synchronized" && data.tencentcloudidc_user.alice.status == "Enabled"
    error_message = "alice@example.com is ${data.tencentcloudidc_user.alice.type} and ${data.tencentcloudidc_user.alice.status}: she should be pushed (and enabled) by the IdP."
  }
}
