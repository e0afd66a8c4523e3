package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// knownOnCreate plans a computed attribute that the service always sets to the same value on
// create (a SCIM credential's type is BearerToken) as that value, instead of "known after
// apply". Afterwards the attribute follows what the service reports; pair it with
// UseStateForUnknown so that later plans keep the state's value.
type knownOnCreate string

var _ planmodifier.String = knownOnCreate("")

func (m knownOnCreate) Description(context.Context) string {
	return "is " + string(m) + " on create"
}

func (m knownOnCreate) MarkdownDescription(ctx context.Context) string {
	return "is `" + string(m) + "` on create"
}

func (m knownOnCreate) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !req.State.Raw.IsNull() || !req.PlanValue.IsUnknown() || !req.ConfigValue.IsNull() {
		return
	}
	resp.PlanValue = types.StringValue(string(m))
}
