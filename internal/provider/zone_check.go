package provider

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// organizationZoneCache keeps DescribeIdentityCenter's answer for the provider process. Only an
// answer is kept: a failed call (a transient outage beyond the client's retries, a caller that
// gave up) is asked again by the next object that needs it, instead of failing every later
// object of the run.
type organizationZoneCache struct {
	mu    sync.Mutex
	known bool
	zone  string // "" when Identity Center is not open
}

// zoneDiscoveryTimeout bounds the one DescribeIdentityCenter call that every object waiting for
// the organization's zone shares. It is its own bound, not the first caller's: one resource's
// tiny timeouts.read, or its cancelled context, must not decide for the others.
const zoneDiscoveryTimeout = 2 * time.Minute

// organizationZone returns the organization's one Identity Center zone, as DescribeIdentityCenter
// reports it ("" when Identity Center is not open).
func (d *providerData) organizationZone(ctx context.Context) (string, error) {
	c := &d.orgZone
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.known {
		return c.zone, nil
	}
	// WithoutCancel keeps the caller's logger and masks; the deadline is discovery's own.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), zoneDiscoveryTimeout)
	defer cancel()
	ic, err := d.client.DescribeIdentityCenter(ctx)
	if err != nil {
		return "", err
	}
	c.known = true
	if ic.ServiceEnabled {
		c.zone = ic.ZoneID
	}
	return c.zone, nil
}

// notOrganizationZone is the one wording, for data sources and resources alike, of a zone ID that
// is well formed but not the organization's.
func notOrganizationZone(zone, organizationZone string) string {
	return fmt.Sprintf("Zone %s is not this organization's Identity Center zone: DescribeIdentityCenter reports %s "+
		"(an organization has exactly one zone).", zone, describeZone(organizationZone))
}

// checkPlannedZone refuses, at plan time, to create a resource in a zone that is not the
// organization's, or to move one there. Without it a mistyped zone_id plans a replacement, and
// the apply destroys the object in the real zone before the create in the wrong one fails.
// own says whether the zone comes from the resource's own zone_id; prior is the zone of the
// object being replaced ("" on a create). The CLI plans every resource again during apply, with
// what became known meanwhile, so a zone_id unknown at plan time is checked there, still before
// the create sends anything.
func checkPlannedZone(ctx context.Context, d *providerData, zone string, own bool, prior string, diags *diag.Diagnostics) {
	doing := "creating this resource in zone " + zone
	if prior != "" {
		doing = fmt.Sprintf("replacing this resource (destroying it in zone %s and creating it in zone %s)", prior, zone)
	}
	org, err := d.organizationZone(ctx)
	if err != nil {
		diags.AddError("Unable to Check Identity Center Zone",
			fmt.Sprintf("Before %s, the provider checks with DescribeIdentityCenter that the zone is the organization's, and that call failed, "+
				"so nothing is planned.\n\n%s", doing, describeAPIError(err)))
		return
	}
	if org == zone {
		return
	}

	detail := notOrganizationZone(zone, org)
	if prior != "" {
		detail += fmt.Sprintf(" The plan would destroy this resource in zone %s and then fail to create it in zone %s, so it stops here: nothing is destroyed.", prior, zone)
	} else {
		detail += " Nothing is created."
	}
	var fix string
	switch {
	case org == "":
		fix = "\n\nOpen Identity Center for the organization first (Organization → Identity Center in the Tencent Cloud console)."
	case own:
		fix = fmt.Sprintf("\n\nThe zone comes from this resource's zone_id: set it to %s, or remove it.", org)
	default:
		fix = fmt.Sprintf("\n\nThe zone came from the provider's zone_id (or %s): set it to %s, or remove it to let the provider find the zone.", envZoneID, org)
	}
	if own {
		diags.AddAttributeError(pathZoneID, "Wrong Identity Center Zone", detail+fix)
		return
	}
	diags.AddError("Wrong Identity Center Zone", detail+fix)
}
