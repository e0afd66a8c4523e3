terraform {
  required_providers {
    tencentcloudidc = {
      source = "tencentcloudidc/tencentcloudidc"
    }
  }
}

# With no arguments the provider reads TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (or the
# tccli profile ~/.tccli/default.credential), talks to the China site and finds the organization's
# one Identity Center zone by itself, with one DescribeIdentityCenter call when something needs it.
provider "tencentcloudidc" {}
