package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

// providerData is what Configure hands to every resource and data source.
type providerData struct {
	client       *idc.Client
	zoneID       string // provider-level zone_id (or TENCENTCLOUDIDC_ZONE_ID); "" = discover
	scimEndpoint string
	site         string

	// orgZone is the organization's zone from DescribeIdentityCenter: the default zone when
	// neither the object nor the provider names one, and what plans check a zone they create or
	// move objects in against. It is asked only when something needs it, so configurations
	// that name their zone cost no extra call, and once per process when the call succeeds.
	orgZone organizationZoneCache
	// singletons serializes the creates of a zone's one SCIM switch and one IdP.
	singletons singletonLocks
	// assignments shares each role configuration's assignment listing among the reads of
	// this process (role_assignment_cache.go).
	assignments roleAssignmentCache
	// accounts holds the organization's accounts that plans check assignment targets against
	// (role_assignment_accounts.go).
	accounts organizationAccountsCache
	// assignmentOwners records which resource types manage each role configuration's
	// assignments in this process, to refuse an exclusive resource beside single ones
	// (role_assignment_owners.go).
	assignmentOwners roleAssignmentOwners
}

// zone returns the zone an object works in: its own zone_id when set, else the provider's
// zone_id, else the organization's one zone from DescribeIdentityCenter.
func (d *providerData) zone(ctx context.Context, own types.String) (string, diag.Diagnostics) {
	var diags diag.Diagnostics
	if !own.IsNull() && !own.IsUnknown() && own.ValueString() != "" {
		return own.ValueString(), diags
	}
	if d.zoneID != "" {
		return d.zoneID, diags
	}
	zone, err := d.organizationZone(ctx)
	if err == nil && zone == "" {
		err = idc.ErrIdentityCenterNotOpen
	}
	if err != nil {
		detail := "No zone_id is set on this object or on the provider, so the provider asked DescribeIdentityCenter for the organization's zone, and that failed"
		if errors.Is(err, idc.ErrIdentityCenterNotOpen) && !isAPIError(err) {
			diags.AddError("Unable to Determine Identity Center Zone", detail+
				": Identity Center is not open for this organization. Open it in the Tencent Cloud console (Organization → Identity Center), or set zone_id.")
			return "", diags
		}
		diags.AddError("Unable to Determine Identity Center Zone", detail+":\n\n"+describeAPIError(err))
		return "", diags
	}
	return zone, diags
}

func isAPIError(err error) bool {
	var apiErr *idc.APIError
	return errors.As(err, &apiErr)
}

// providerDataFrom unpacks the value Configure stored. It is nil before the provider is
// configured (for example during validation), and callers then do nothing.
func providerDataFrom(v any, diags *diag.Diagnostics) *providerData {
	if v == nil {
		return nil
	}
	d, ok := v.(*providerData)
	if !ok {
		diags.AddError("Unexpected Provider Data Type",
			fmt.Sprintf("Expected *providerData, got: %T. Please report this issue to the provider developers.", v))
		return nil
	}
	return d
}
