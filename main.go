package main

import (
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/provider"
)

// version is set at release time through -ldflags "-X main.version=…".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	// provider.NewProtocol6Server is the framework's server plus the users data source's
	// encoded state (see there); it replaces providerserver.Serve, which cannot wrap the server.
	err := tf6server.Serve("registry.terraform.io/tencentcloudidc/tencentcloudidc", provider.NewProtocol6Server(version), opts...)
	if err != nil {
		log.Fatal(err.Error())
	}
}
