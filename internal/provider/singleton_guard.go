package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

// A zone has one SCIM synchronization switch and one SAML identity provider. A resource that
// creates one of them must not take over what the zone already holds (set in the console, by
// another configuration, or by a second resource of this one): the two owners would then undo
// each other's changes, and destroying either one would clear the zone for both. So a create
// is refused unless the zone is at the service's default (SCIM off; no identity provider):
//
//   - At plan time, when the zone holds something else than the plan asks for: the create
//     would overwrite it. When it holds just what the plan asks for, it may be this resource's
//     own object (a tainted one, destroyed first; or the one a create_before_destroy
//     replacement keeps), which the plan cannot tell, so the plan only warns.
//   - Right before the first write, always, holding a lock of the kind and zone: the plan may
//     be stale, and of two resources of one configuration, both planned against an empty zone,
//     only the first may win. A create_before_destroy replacement ends here, before any write,
//     and the CLI then keeps the old object; refused at plan time it would leave it deposed.
//
// A replacement in the same zone whose destroy restores the default (the usual
// destroy-then-create, -replace) is not checked at plan time at all: the plan of its create
// half carries a marker, in private state, from the plan of the object it replaces. And a
// create that fails after it may have changed the zone puts the default back, so that the next
// apply is not refused because of what the failed one left behind.

// singleton describes one of the per-zone objects.
type singleton struct {
	typeName string // the resource type
	thing    string // Title Case, for diagnostics
	noun     string // running text: "a zone has one …"
	taken    string // the summary of the refusal
	empty    string // the service's default, in running text
	// occupant reads what the zone holds instead of the service's default (nil at the default).
	occupant func(ctx context.Context, c *idc.Client, zone string) (*occupant, error)
	// sameAsPlan reports whether the occupant is what the plan would make.
	sameAsPlan func(ctx context.Context, o *occupant, plan tfsdk.Plan) bool
	// restore brings back the default and reports whether there was anything to undo.
	restore func(ctx context.Context, c *idc.Client, zone string) (bool, error)
	// restoresOnDestroy reports whether destroying the object of state brings back the default.
	restoresOnDestroy func(ctx context.Context, state tfsdk.State) bool
	// importNote follows the import block in the refusal.
	importNote string
}

var scimSynchronizationSingleton = singleton{
	typeName: "tencentcloudidc_scim_synchronization",
	thing:    "SCIM Synchronization",
	noun:     "SCIM synchronization switch",
	taken:    "SCIM Synchronization Already Enabled",
	empty:    "SCIM synchronization off",
	occupant: func(ctx context.Context, c *idc.Client, zone string) (*occupant, error) {
		on, err := c.GetSCIMSynchronizationStatus(ctx, zone)
		if err != nil || !on {
			return nil, err
		}
		desc := fmt.Sprintf("SCIM synchronization is already on in zone %s", zone)
		// Only for the message: which credentials an identity provider may be pushing with.
		if creds, err := c.ListSCIMCredentials(ctx, zone); err == nil {
			ids := make([]string, 0, len(creds))
			for _, cr := range creds {
				ids = append(ids, fmt.Sprintf("%s (%s)", cr.CredentialID, idc.Status(cr.Enabled)))
			}
			switch len(ids) {
			case 0:
				desc += ", and the zone holds no SCIM credential"
			default:
				desc += fmt.Sprintf(", and the zone holds %d SCIM credential(s): %s", len(ids), strings.Join(ids, ", "))
			}
		}
		return &occupant{desc: desc + ".", on: true}, nil
	},
	sameAsPlan: func(ctx context.Context, o *occupant, plan tfsdk.Plan) bool {
		var enabled types.Bool
		plan.GetAttribute(ctx, path.Root("enabled"), &enabled)
		return enabled.IsUnknown() || enabled.ValueBool() == o.on
	},
	restore: func(ctx context.Context, c *idc.Client, zone string) (bool, error) {
		on, err := c.GetSCIMSynchronizationStatus(ctx, zone)
		if err != nil || !on {
			return false, err
		}
		return true, c.UpdateSCIMSynchronizationStatus(ctx, zone, false)
	},
	restoresOnDestroy: func(ctx context.Context, state tfsdk.State) bool {
		var v types.Bool
		state.GetAttribute(ctx, path.Root("disable_on_destroy"), &v)
		return v.IsNull() || v.IsUnknown() || v.ValueBool()
	},
	importNote: "The import adopts the switch as it is; disable_on_destroy starts as true.",
}

var samlIdentityProviderSingleton = singleton{
	typeName: "tencentcloudidc_saml_identity_provider",
	thing:    "SAML Identity Provider",
	noun:     "identity provider",
	taken:    "SAML Identity Provider Already Configured",
	empty:    "no identity provider",
	occupant: func(ctx context.Context, c *idc.Client, zone string) (*occupant, error) {
		idp, err := c.GetExternalSAMLIdentityProvider(ctx, zone)
		if errors.Is(err, idc.ErrNotFound) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		how := "configured by hand (no metadata document)"
		if idp.EncodedMetadataDocument != "" {
			how = "uploaded as a metadata document"
		}
		sso := "off"
		if idp.SSOEnabled {
			sso = "on"
		}
		desc := fmt.Sprintf("Zone %s already has a SAML identity provider: entity ID %q, login URL %q, %d signing certificate(s), %s; single sign-on is %s",
			zone, idp.EntityID, idp.LoginURL, len(idp.CertificateIDs), how, sso)
		if t := timeValue(idp.UpdateTime); !t.IsNull() {
			desc += " (last changed " + t.ValueString() + ")"
		}
		return &occupant{desc: desc + ".", entityID: idp.EntityID, loginURL: idp.LoginURL, on: idp.SSOEnabled}, nil
	},
	sameAsPlan: func(ctx context.Context, o *occupant, plan tfsdk.Plan) bool {
		var entityID, loginURL types.String
		var sso types.Bool
		plan.GetAttribute(ctx, path.Root("entity_id"), &entityID)
		plan.GetAttribute(ctx, path.Root("login_url"), &loginURL)
		plan.GetAttribute(ctx, path.Root("sso_enabled"), &sso)
		if entityID.IsUnknown() || loginURL.IsUnknown() || sso.IsUnknown() {
			return true // cannot tell yet: the create decides
		}
		return entityID.ValueString() == o.entityID && loginURL.ValueString() == o.loginURL && sso.ValueBool() == o.on
	},
	restore: func(ctx context.Context, c *idc.Client, zone string) (bool, error) {
		idp, err := c.GetExternalSAMLIdentityProvider(ctx, zone)
		if errors.Is(err, idc.ErrNotFound) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		// The service refuses to clear an identity provider while SSO is on.
		if idp.SSOEnabled {
			off := false
			_, err := c.SetExternalSAMLIdentityProvider(ctx, idc.SetSAMLIdentityProviderInput{ZoneID: zone, SSOEnabled: &off})
			if errors.Is(err, idc.ErrNotFound) {
				return true, nil
			}
			if err != nil {
				return true, err
			}
		}
		if err := c.ClearExternalSAMLIdentityProvider(ctx, zone); err != nil && !errors.Is(err, idc.ErrNotFound) {
			return true, err
		}
		return true, nil
	},
	restoresOnDestroy: func(context.Context, tfsdk.State) bool { return true },
	importNote:        "The import reads the identity provider as it is; the next plan shows what the configuration would change.",
}

// occupant is what a zone holds where the service's default holds nothing.
type occupant struct {
	desc               string // a sentence for diagnostics
	entityID, loginURL string // of an identity provider
	on                 bool   // SCIM synchronization, or an identity provider's single sign-on
}

// singletonLocks serializes the creates of one kind in one zone within the provider process.
type singletonLocks struct {
	mu    sync.Mutex
	locks map[string]*sync.Mutex
}

func (l *singletonLocks) lock(key string) (unlock func()) {
	l.mu.Lock()
	if l.locks == nil {
		l.locks = map[string]*sync.Mutex{}
	}
	m, ok := l.locks[key]
	if !ok {
		m = &sync.Mutex{}
		l.locks[key] = m
	}
	l.mu.Unlock()
	m.Lock()
	return m.Unlock
}

// replacesKey is the private-state key of the marker that a plan of an existing object leaves
// for the plan of the create half of its replacement: the CLI hands the first plan's private
// state to the second (and to nothing else, not to a tainted object's plan).
const replacesKey = "replaces"

type replacementMarker struct {
	Zone     string `json:"zone"`
	Restores bool   `json:"restores"` // its destroy brings back the zone's default
}

// guardSingletonPlan refuses, at plan time, a create in a zone that already holds the object.
// Call it at the end of ModifyPlan, once the plan's zone_id is set.
func guardSingletonPlan(ctx context.Context, d *providerData, s singleton, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if d == nil || req.Plan.Raw.IsNull() || resp.Diagnostics.HasError() {
		return
	}
	if !req.State.Raw.IsNull() {
		var prior types.String
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, pathZoneID, &prior)...)
		marker, err := json.Marshal(replacementMarker{Zone: prior.ValueString(), Restores: s.restoresOnDestroy(ctx, req.State)})
		if err == nil {
			resp.Diagnostics.Append(resp.Private.SetKey(ctx, replacesKey, marker)...)
		}
		return
	}
	var zone types.String
	resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, pathZoneID, &zone)...)
	if resp.Diagnostics.HasError() || zone.IsUnknown() || zone.IsNull() {
		return // the create checks, once the zone is known
	}
	var replaced *replacementMarker
	if raw, diags := req.Private.GetKey(ctx, replacesKey); !diags.HasError() && len(raw) > 0 {
		var m replacementMarker
		if json.Unmarshal(raw, &m) == nil && m.Zone == zone.ValueString() {
			replaced = &m
		}
	}
	if replaced != nil && replaced.Restores {
		return // the old object's destroy runs first and brings back the default
	}
	o, err := s.occupant(ctx, d.client, zone.ValueString())
	if err != nil {
		addAPIError(&resp.Diagnostics, "Plan", s.thing, "zone "+zone.ValueString()+" (checking that the zone holds none yet)", err)
		return
	}
	switch {
	case o == nil:
	case replaced != nil:
		// Only the SCIM switch can outlive its destroy.
		resp.Diagnostics.AddError(s.taken, o.desc+fmt.Sprintf(" This plan replaces this resource, and its disable_on_destroy = false leaves the "+
			"%s as it is when the old object is destroyed, so the new one would take over what is left. Set disable_on_destroy = true and "+
			"apply first, or do not replace the resource: a zone has one %s, and replacing it in the same zone changes nothing.", s.noun, s.noun))
	case s.sameAsPlan(ctx, o, resp.Plan):
		// It may be this resource's own object: a tainted one, or the one a create_before_destroy
		// replacement keeps until the new one exists, whose plans carry no marker. An error here
		// would leave the latter deposed; the create refuses it instead, and the CLI then
		// restores the old object.
		resp.Diagnostics.AddWarning(s.taken, o.desc+" This configuration asks for the same, so the plan cannot tell it from this resource's "+
			"own object (a tainted resource, which is destroyed first): the apply creates the resource only if the zone is back to its "+
			"default by then, and otherwise refuses before changing anything.\n\n"+s.adopt(zone.ValueString()))
	default:
		resp.Diagnostics.AddError(s.taken, s.refusal(o.desc, zone.ValueString()))
	}
}

// refusal explains that a create would take over what the zone holds (desc), and how to
// adopt it instead.
func (s singleton) refusal(desc, zone string) string {
	return fmt.Sprintf("%s Creating %s here would take it over, so nothing was changed. Either it was set outside this resource (in the "+
		"console, by another configuration, or by another resource of this configuration), or this is the create of a "+
		"create_before_destroy replacement of this resource, and the zone still holds the old object.\n\n%s\n\n"+
		"A zone has one %s, so a replacement with lifecycle { create_before_destroy = true } cannot work: the new object cannot exist "+
		"before the old one is destroyed. Remove create_before_destroy from this resource; the old object stays as it is.",
		desc, s.typeName, s.adopt(zone), s.noun)
}

// adopt says how to manage the zone's object with this resource instead of creating one.
func (s singleton) adopt(zone string) string {
	addr := s.typeName + ".<name>"
	return fmt.Sprintf("To manage it with this resource, import it. Add this block (with <name> replaced by this resource's name, shown above) "+
		"and plan again:\n\nimport {\n  to = %s\n  id = %q\n}\n\nor run: terraform import %s %s (tofu import alike). %s "+
		"If another configuration manages it, remove this resource instead: a zone has one %s.", addr, zone, addr, zone, s.importNote, s.noun)
}

// guardSingletonCreate checks, right before a create's first write and while holding the
// lock of the kind and zone, that the zone is still at its default: the plan may be stale, and
// two resources of one configuration both planned their create against an empty zone. The
// caller defers unlock and returns when diags has an error.
func guardSingletonCreate(ctx context.Context, d *providerData, s singleton, zone string, diags *diag.Diagnostics) (unlock func()) {
	unlock = d.singletons.lock(s.typeName + "/" + zone)
	o, err := s.occupant(ctx, d.client, zone)
	if err != nil {
		addAPIError(diags, "Create", s.thing, "zone "+zone+" (checking that the zone holds none yet)", err)
		return unlock
	}
	if o != nil {
		diags.AddError(s.taken, s.refusal(o.desc, zone))
	}
	return unlock
}

// restoreAfterFailedCreate brings back the zone's default after a create that failed once
// guardSingletonCreate had found the zone at its default, so that what the failed create may
// have written (a lost answer, a later step that failed) is not left for the next plan to
// refuse as someone else's. Like the cleanup after a lost credential create, it has its own
// deadline and outlasts a short outage.
func restoreAfterFailedCreate(ctx context.Context, d *providerData, s singleton, zone string, diags *diag.Diagnostics) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), credentialOrphanCleanupTimeout)
	defer cancel()
	var undone bool
	err := untilAnswered(ctx, func() (err error) {
		undone, err = s.restore(ctx, d.client, zone)
		return err
	})
	switch {
	case err != nil:
		addr := s.typeName + ".<name>"
		diags.AddError("Unable to Roll Back "+s.thing, fmt.Sprintf("The create failed after it may have changed zone %s, and putting back the "+
			"zone's default (%s) failed too, so the zone may hold part of this configuration. The next plan refuses to create over it, "+
			"since it cannot tell it from someone else's: import it (import { to = %s, id = %q }) and apply, or clear it in the "+
			"Identity Center console and apply.\n\n%s", zone, s.empty, addr, zone, describeAPIError(err)))
	case undone:
		diags.AddWarning(s.thing+" Create Rolled Back", fmt.Sprintf("The create failed (see the error) after it had changed zone %s, so the "+
			"provider put back the zone's default (%s), as this apply found it: the next apply starts over.", zone, s.empty))
	}
}
