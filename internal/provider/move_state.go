package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// State moves from the official tencentcloudstack/tencentcloud provider: a `moved` block whose
// `from` is one of its resources and whose `to` is ours hands us that resource's raw state
// (Terraform 1.8+, OpenTofu 1.10+). The official Identity Center resources are SDKv2 ones at
// schema version 0, whose state is a flat JSON object of strings (lists for a few computed
// attributes). The raw state may hold the SCIM secret: it is decoded here and never logged, and
// no diagnostic quotes an attribute's value except IDs.

// officialProviderSources are the addresses under which the CLIs name the official provider in
// a move: each registry's, and the host-less forms OpenTofu sent before 1.12.4.
var officialProviderSources = []string{
	"registry.terraform.io/tencentcloudstack/tencentcloud",
	"registry.opentofu.org/tencentcloudstack/tencentcloud",
	"tencentcloudstack/tencentcloud",
	"tencentcloud",
}

// officialSchemaVersion is the only schema version the official Identity Center resources have had.
const officialSchemaVersion = 0

// officialMover moves one official resource type into one of ours.
type officialMover struct {
	sourceType string
	// sensitive names the source attributes whose values must be masked in every log line
	// written while the move runs.
	sensitive []string
	// move sets the target state from the source's attributes; the Read that follows the move
	// refreshes what the service knows.
	move func(ctx context.Context, src officialState, resp *resource.MoveStateResponse)
}

// officialStateMovers returns the framework's movers for target (our resource type name): one
// per official source type, then one that refuses every other source, so that a `moved` block
// from anything else fails with what was given and what is accepted, not with the framework's
// generic "not supported".
func officialStateMovers(target string, movers ...officialMover) []resource.StateMover {
	out := make([]resource.StateMover, 0, len(movers)+1)
	sources := make([]string, 0, len(movers))
	for _, m := range movers {
		sources = append(sources, m.sourceType)
		out = append(out, resource.StateMover{StateMover: m.stateMove(target)})
	}
	out = append(out, resource.StateMover{StateMover: func(_ context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
		resp.Diagnostics.AddError("Unable to Move Resource State", fmt.Sprintf(
			"%s can be moved only from %s of the official provider (%s); the moved block's source is %s of %s. "+
				"For any other resource, remove the old one from the state (a removed block with destroy = false) and import %s instead.",
			target, orList(sources), strings.Join(officialProviderSources, ", "), req.SourceTypeName, req.SourceProviderAddress, target))
	}})
	return out
}

func (m officialMover) stateMove(target string) func(context.Context, resource.MoveStateRequest, *resource.MoveStateResponse) {
	return func(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
		if req.SourceTypeName != m.sourceType {
			return // another mover's source
		}
		what := fmt.Sprintf("%s of %s to %s", m.sourceType, req.SourceProviderAddress, target)
		if !slices.Contains(officialProviderSources, req.SourceProviderAddress) {
			resp.Diagnostics.AddError("Unable to Move Resource State", fmt.Sprintf(
				"Cannot move %s: %s is accepted only from the official provider, %s; the source provider is %s. "+
					"Remove the old resource from the state (a removed block with destroy = false) and import %s instead.",
				what, m.sourceType, strings.Join(officialProviderSources, ", "), req.SourceProviderAddress, target))
			return
		}
		if req.SourceSchemaVersion != officialSchemaVersion {
			resp.Diagnostics.AddError("Unable to Move Resource State", fmt.Sprintf(
				"Cannot move %s: its state has schema version %d, and this provider knows only version %d of %s. "+
					"Upgrade this provider, or remove the old resource from the state (a removed block with destroy = false) and import %s instead.",
				what, req.SourceSchemaVersion, officialSchemaVersion, m.sourceType, target))
			return
		}
		src, err := decodeOfficialState(req)
		if err != nil {
			resp.Diagnostics.AddError("Unable to Move Resource State", fmt.Sprintf("Cannot move %s: %s.", what, err))
			return
		}
		for _, name := range m.sensitive {
			if v := src.str(name); v != "" {
				ctx = tflog.MaskAllFieldValuesStrings(ctx, v)
				ctx = tflog.MaskMessageStrings(ctx, v)
			}
		}
		src.what = what
		tflog.Debug(ctx, "moving state from the official provider", map[string]any{"source_type": m.sourceType, "target_type": target})
		m.move(ctx, src, resp)
	}
}

// officialState is a source resource's attributes, decoded from its raw JSON state.
type officialState struct {
	what  string // "<source type> of <provider> to <target type>", for diagnostics
	attrs map[string]json.RawMessage
}

// decodeOfficialState decodes the raw state. Its errors never quote the state: it may hold a secret.
func decodeOfficialState(req resource.MoveStateRequest) (officialState, error) {
	if req.SourceRawState == nil || len(req.SourceRawState.JSON) == 0 {
		return officialState{}, fmt.Errorf("the CLI sent no JSON state for it (a state written by Terraform before 0.12 cannot be moved; refresh it with a current CLI first)")
	}
	var attrs map[string]json.RawMessage
	if err := json.Unmarshal(req.SourceRawState.JSON, &attrs); err != nil || attrs == nil {
		return officialState{}, fmt.Errorf("its state is not a JSON object")
	}
	return officialState{attrs: attrs}, nil
}

// str is a string attribute's value; "" when it is absent, null, empty or not a string (SDKv2
// writes "" for an unset string).
func (s officialState) str(name string) string {
	var v string
	if raw, ok := s.attrs[name]; ok {
		_ = json.Unmarshal(raw, &v)
	}
	return v
}

// integer is an integer attribute's value (SDKv2 writes a TypeInt as a JSON number; a string
// of digits is taken too); false when it is absent, null or not an integer.
func (s officialState) integer(name string) (int64, bool) {
	raw, ok := s.attrs[name]
	if !ok {
		return 0, false
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err != nil {
		var text string
		if json.Unmarshal(raw, &text) != nil {
			return 0, false
		}
		n = json.Number(text)
	}
	v, err := n.Int64()
	return v, err == nil
}

// zoneID is the source's zone: zone_id, else the part of id before the first "#" (the official
// provider's IDs are `zoneId` or `zoneId#…`). It is refused unless it has the form of a zone ID.
func (s officialState) zoneID(resp *resource.MoveStateResponse) (string, bool) {
	zone := s.str("zone_id")
	if zone == "" {
		zone, _, _ = strings.Cut(s.str("id"), "#")
	}
	if !zoneIDPattern.MatchString(zone) {
		resp.Diagnostics.AddError("Unable to Move Resource State", fmt.Sprintf(
			"Cannot move %s: its zone_id %q is not a zone ID (`z-` followed by 12 lowercase letters or digits). "+
				"Refresh the old resource (terraform apply -refresh-only) with the official provider, then move it again.", s.what, zone))
		return "", false
	}
	return zone, true
}

// setMoved sets one attribute of the target state.
func setMoved(ctx context.Context, resp *resource.MoveStateResponse, name string, value any) {
	resp.Diagnostics.Append(resp.TargetState.SetAttribute(ctx, path.Root(name), value)...)
}

// orList joins names as "a, b or c".
func orList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// setMovedZone sets the id and zone_id of a per-zone resource, and its identity.
func setMovedZone(ctx context.Context, resp *resource.MoveStateResponse, zone string) {
	setMoved(ctx, resp, "id", zone)
	setMoved(ctx, resp, "zone_id", zone)
	if resp.TargetIdentity != nil {
		resp.Diagnostics.Append(setZoneIdentity(ctx, resp.TargetIdentity, types.StringValue(zone))...)
	}
}
