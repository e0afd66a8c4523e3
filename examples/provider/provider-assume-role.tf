# Sign in with the keys of a tccli profile, then work as a CAM role through STS AssumeRole.
# The role's temporary credentials are renewed before they expire, so long applies keep working.
provider "tencentcloudidc" {
  profile = "identity-admin" # ~/.tccli/identity-admin.credential

  assume_role {
    role_arn         = "qcs::cam::uin/100000000001:roleName/identity-center-admin"
    session_name     = "terraform"
    session_duration = 3600
  }
}
