package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

// EnvEndpoint is the simulator's host:port that the stub's calls go to.
const EnvEndpoint = "TENCENTCLOUDIDC_STUB_ENDPOINT"

type stubProvider struct{}

func newProvider() provider.Provider { return stubProvider{} }

func (stubProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "tencentcloud"
}

// Schema is empty: the stub takes its keys and endpoint from the environment, so the test's
// configuration has the `provider "tencentcloud" {}` of a user whose keys are in the environment.
func (stubProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{}
}

func (stubProvider) Configure(ctx context.Context, _ provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	endpoint := os.Getenv(EnvEndpoint)
	if endpoint == "" {
		resp.Diagnostics.AddError("Stand-in Not Configured", EnvEndpoint+" must name the simulator's host:port.")
		return
	}
	client, err := idc.New(ctx, idc.Config{
		SecretID: os.Getenv("TENCENTCLOUD_SECRET_ID"), SecretKey: os.Getenv("TENCENTCLOUD_SECRET_KEY"),
		Endpoint: endpoint, Protocol: "HTTP", RateLimit: -1,
		RetryMinBackoff: 10 * time.Millisecond, RetryMaxBackoff: 50 * time.Millisecond,
	})
	if err != nil {
		resp.Diagnostics.AddError("Stand-in Not Configured", err.Error())
		return
	}
	resp.ResourceData = client
}

func (stubProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		func() resource.Resource { return &scimCredential{} },
		func() resource.Resource { return &scimCredentialStatus{} },
		func() resource.Resource { return &scimSynchronizationStatus{} },
		func() resource.Resource {
			return &samlIdentityProvider{typeName: "identity_center_external_saml_identity_provider"}
		},
		func() resource.Resource {
			return &samlIdentityProvider{typeName: "organization_external_saml_identity_provider", organization: true}
		},
		func() resource.Resource { return &roleConfiguration{} },
		func() resource.Resource { return &systemPolicyAttachment{} },
		func() resource.Resource { return &customPolicyAttachment{} },
		func() resource.Resource { return &roleAssignment{} },
	}
}

func (stubProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

// base holds the API client every stand-in resource uses.
type base struct{ client *idc.Client }

func (b *base) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if req.ProviderData == nil {
		return
	}
	c, ok := req.ProviderData.(*idc.Client)
	if !ok {
		resp.Diagnostics.AddError("Unexpected Provider Data", fmt.Sprintf("got %T", req.ProviderData))
		return
	}
	b.client = c
}

// apiTime is a timestamp as the official provider stores it: the API's text, Beijing time.
func apiTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(time.FixedZone("UTC+8", 8*60*60)).Format("2006-01-02 15:04:05")
}
