// Command terraform-provider-tencentcloudidc serves the tencentcloudidc Terraform/OpenTofu
// provider over plugin protocol 6.
package main
