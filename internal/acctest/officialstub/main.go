// Command officialstub stands in for the official tencentcloudstack/tencentcloud provider in the
// acceptance tests of the state movers: it serves only the resource types that our resources move
// from, with the attributes (and schema version 0) that the official provider's SDKv2 resources
// have, so that a CLI can hold their state before a `moved` block hands it to us. Its CRUD calls
// the Identity Center API of the simulator whose host:port is in TENCENTCLOUDIDC_STUB_ENDPOINT
// (keys from TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY), so the objects really exist.
//
// It is test code: nothing the provider ships imports it. Where the official provider is known
// to misbehave in a way a mover must survive, the stub does the same (its SAML Read stores
// Tencent's own SP entity ID and metadata where the IdP has none).
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
)

func main() {
	err := providerserver.Serve(context.Background(), newProvider, providerserver.ServeOpts{
		Address: "registry.terraform.io/tencentcloudstack/tencentcloud",
		// The official provider muxes SDKv2 and the framework over protocol 5.
		ProtocolVersion: 5,
	})
	if err != nil {
		log.Fatal(err)
	}
}
