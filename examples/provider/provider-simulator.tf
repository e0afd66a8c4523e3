# The local simulator (`go run ./cmd/tencentcloudidc-sim`, see the "Testing your modules offline"
# guide) with its default address and documented development keys. Plain HTTP is accepted only
# because the endpoint is a loopback address.
provider "tencentcloudidc" {
  endpoint      = "127.0.0.1:8089"
  protocol      = "HTTP"
  scim_endpoint = "http://127.0.0.1:8089/scim/v2"
  secret_id     = "AKIDtencentcloudidcsim00000000000000"
  secret_key    = "tencentcloudidc-sim-dev-secret-key"
}
