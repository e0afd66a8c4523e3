package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// dataSourceBase is what every data source embeds: Configure, which hands it the provider's
// data, and readConfig, the start every zone-scoped Read shares.
type dataSourceBase struct {
	data *providerData
}

func (d *dataSourceBase) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// readConfig reads the configuration into model and returns the zone the data source reads: its
// own zone_id, else the provider's, else the organization's. ok is false when diags say why not.
func (d *dataSourceBase) readConfig(ctx context.Context, config tfsdk.Config, model any, diags *diag.Diagnostics) (zone string, ok bool) {
	diags.Append(config.Get(ctx, model)...)
	if diags.HasError() {
		return "", false
	}
	var own types.String
	diags.Append(config.GetAttribute(ctx, pathZoneID, &own)...)
	if diags.HasError() {
		return "", false
	}
	zone, zoneDiags := d.data.zone(ctx, own)
	diags.Append(zoneDiags...)
	return zone, !diags.HasError()
}
