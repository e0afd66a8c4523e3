# Tencent Cloud International: the API is organization.intl.tencentcloudapi.com and the SCIM
# endpoint reported by tencentcloudidc_scim_endpoint is https://scim.tencentcloudssointl.com/scim/v2.
provider "tencentcloudidc" {
  domain = "intl.tencentcloudapi.com"
}
