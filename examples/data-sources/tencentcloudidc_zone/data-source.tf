# The organization's one Identity Center zone. With no zone_id anywhere, the provider finds it
# with DescribeIdentityCenter.
data "tencentcloudidc_zone" "this" {}

output "zone_id" {
  value = data.tencentcloudidc_zone.this.zone_id
}

# Warn before the IdP's next SCIM push hits the user quota.
check "user_quota_headroom" {
  assert {
    condition     = data.tencentcloudidc_zone.this.statistics.user_count < 0.9 * data.tencentcloudidc_zone.this.statistics.user_quota
    error_message = "Zone ${data.tencentcloudidc_zone.this.zone_name} holds ${data.tencentcloudidc_zone.this.statistics.user_count} of ${data.tencentcloudidc_zone.this.statistics.user_quota} users: ask Tencent Cloud for a larger quota before the IdP's next push fails."
  }
}
