# Static API keys. Prefer the environment variables TENCENTCLOUD_SECRET_ID and
# TENCENTCLOUD_SECRET_KEY: a key written into a configuration ends up in version control.
variable "tencentcloud_secret_id" {
  type = string
}

variable "tencentcloud_secret_key" {
  type      = string
  sensitive = true
}

provider "tencentcloudidc" {
  secret_id  = var.tencentcloud_secret_id
  secret_key = var.tencentcloud_secret_key

  # Skip zone discovery: every resource and data source without its own zone_id uses this zone.
  zone_id = "z-vft38p2hq8tq"
}
