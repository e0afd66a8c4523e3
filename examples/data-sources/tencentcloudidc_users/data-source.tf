# Everyone the identity provider pushed over SCIM.
data "tencentcloudidc_users" "synchronized" {
  user_type = "Synchronized"
}

# The members of two groups (a user in either counts once), still able to sign in.
data "tencentcloudidc_users" "admins" {
  group_ids   = ["g-2f8a1k3s9d0q", "g-7h1x0p4m2c8e"]
  user_status = "Enabled"
}

output "synchronized_user_count" {
  value = data.tencentcloudidc_users.synchronized.total_count
}

output "admin_emails" {
  value = [for u in data.tencentcloudidc_users.admins.users : u.email]
}

# A drift job: these people must exist, pushed by the IdP. A missing name means the IdP's
# assignment or its SCIM push is broken.
variable "expected_users" {
  type    = list(string)
  default = ["alice@example.com", "bob@example.com"]
}

check "expected_users_provisioned" {
  assert {
    condition     = length(setsubtract(var.expected_users, data.tencentcloudidc_users.synchronized.user_names)) == 0
    error_message = "Not provisioned over SCIM: ${join(", ", setsubtract(var.expected_users, data.tencentcloudidc_users.synchronized.user_names))}."
  }
}
