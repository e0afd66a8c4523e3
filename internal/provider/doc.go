// Package provider implements the tencentcloudidc Terraform/OpenTofu provider: Tencent Cloud
// Identity Center SCIM provisioning and SAML single sign-on as code. It talks to the service
// only through internal/idc and never sees Tencent SDK types.
package provider
