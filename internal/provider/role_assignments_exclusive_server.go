package provider

import (
	"context"
	"fmt"
	"math/big"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

// The assignments of tencentcloudidc_role_assignments_exclusive are carried past the
// framework. For every value it receives or returns, the framework (v1.19) walks each element
// and each element's attribute, and writes a trace line for each (the provider always emits
// trace lines; the CLI drops those TF_LOG does not ask for), with a context that grows by one
// layer per step: at 500 assignments that was about 0.3 s of CPU per plan and per apply, more
// than the API calls of the apply. Nothing in the framework's handling of this attribute needs
// the elements (it is required, not computed, with no default and no plan modifier, and its
// one validator checks all elements at once), so the server wrapper swaps them for an empty
// list on the way in and puts the real list back on the way out:
//
//   - ValidateResourceConfig: assignmentsValidator checks the real list itself.
//   - PlanResourceChange: the planned list is the proposed one, as the framework would plan it.
//   - ApplyResourceChange and ReadResource: the resource gets the planned and prior lists as
//     keys through raxSideband, and hands back the list the new state holds the same way.
//
// When a value cannot be carried this way (an assignments list that is not wholly known), the
// request takes the framework's own path, and the resource reads and writes its model.

const raxTypeName = ownerRoleAssignmentsExclusive

// raxSideband carries one ApplyResourceChange's or ReadResource's assignments between the
// server wrapper and the resource, through the request's context.
type raxSideband struct {
	// planned and prior are the request's lists in their order (keys without the role
	// configuration); has* says whether the request held that list (it is null on import).
	planned, prior       []idc.RoleAssignmentKey
	hasPlanned, hasPrior bool
	// result is the list of the new state, set by the resource whenever it writes the state.
	result  []idc.RoleAssignmentKey
	written bool
}

type raxSidebandKey struct{}

func raxSidebandFrom(ctx context.Context) *raxSideband {
	sb, _ := ctx.Value(raxSidebandKey{}).(*raxSideband)
	return sb
}

// raxObjectType is the resource's value type on the wire.
var raxObjectType = sync.OnceValue(func() tftypes.Object {
	var resp fwresource.SchemaResponse
	NewRoleAssignmentsExclusiveResource().Schema(context.Background(), fwresource.SchemaRequest{}, &resp)
	t, _ := resp.Schema.Type().TerraformType(context.Background()).(tftypes.Object)
	return t
})

func raxListType() tftypes.Type { return raxObjectType().AttributeTypes["assignments"] }

func raxElementType() tftypes.Type {
	l, _ := raxListType().(tftypes.List)
	return l.ElementType
}

// raxValue is one decoded value of the resource (config, prior, proposed, planned, new).
type raxValue struct {
	attrs map[string]tftypes.Value // nil for a null (or absent) value
}

func decodeRAXValue(dv *tfprotov6.DynamicValue) (raxValue, error) {
	if dv == nil {
		return raxValue{}, nil
	}
	v, err := dv.Unmarshal(raxObjectType())
	if err != nil || v.IsNull() || !v.IsKnown() {
		return raxValue{}, err
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		return raxValue{}, err
	}
	return raxValue{attrs: attrs}, nil
}

func (v raxValue) null() bool { return v.attrs == nil }

func (v raxValue) list() tftypes.Value {
	if v.attrs == nil {
		return tftypes.NewValue(raxListType(), nil)
	}
	return v.attrs["assignments"]
}

// takeOut puts the stand-in (an empty list) where the assignments were, when they were a
// known list, and returns them.
func (v raxValue) takeOut() tftypes.Value {
	l := v.list()
	if v.attrs != nil && l.IsKnown() && !l.IsNull() {
		v.attrs["assignments"] = tftypes.NewValue(raxListType(), []tftypes.Value{})
	}
	return l
}

func (v raxValue) put(l tftypes.Value) {
	if v.attrs != nil {
		v.attrs["assignments"] = l
	}
}

func (v raxValue) encode() (*tfprotov6.DynamicValue, error) {
	if v.attrs == nil {
		return nil, fmt.Errorf("encoding a null value")
	}
	dv, err := tfprotov6.NewDynamicValue(raxObjectType(), tftypes.NewValue(raxObjectType(), v.attrs))
	return &dv, err
}

// raxKeysOf is a wholly known list as keys (without the role configuration), in its order;
// false for anything else, which then takes the framework's path.
func raxKeysOf(l tftypes.Value) ([]idc.RoleAssignmentKey, bool) {
	if !l.IsFullyKnown() || l.IsNull() {
		return nil, false
	}
	var elems []tftypes.Value
	if err := l.As(&elems); err != nil {
		return nil, false
	}
	keys := make([]idc.RoleAssignmentKey, 0, len(elems))
	for _, e := range elems {
		var attrs map[string]tftypes.Value
		if e.IsNull() || e.As(&attrs) != nil {
			return nil, false
		}
		var k idc.RoleAssignmentKey
		var uin big.Float
		for _, part := range []struct {
			name string
			to   any
		}{{"principal_type", &k.PrincipalType}, {"principal_id", &k.PrincipalID}, {"target_type", &k.TargetType}, {"target_uin", &uin}} {
			if a := attrs[part.name]; a.IsNull() || a.As(part.to) != nil {
				return nil, false
			}
		}
		n, acc := uin.Int64()
		if acc != big.Exact {
			return nil, false
		}
		k.TargetUin = n
		keys = append(keys, k)
	}
	return keys, true
}

func raxListOf(keys []idc.RoleAssignmentKey) tftypes.Value {
	et := raxElementType()
	elems := make([]tftypes.Value, len(keys))
	for i, k := range keys {
		elems[i] = tftypes.NewValue(et, map[string]tftypes.Value{
			"principal_type": tftypes.NewValue(tftypes.String, k.PrincipalType),
			"principal_id":   tftypes.NewValue(tftypes.String, k.PrincipalID),
			"target_type":    tftypes.NewValue(tftypes.String, k.TargetType),
			"target_uin":     tftypes.NewValue(tftypes.Number, new(big.Float).SetInt64(k.TargetUin)),
		})
	}
	return tftypes.NewValue(raxListType(), elems)
}

// planRoleAssignmentsExclusive plans with the assignments taken out of config, prior and
// proposed state, and gives the planned state the proposed list.
func (s *protocol6Server) planRoleAssignmentsExclusive(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	proposed, err1 := decodeRAXValue(req.ProposedNewState)
	config, err2 := decodeRAXValue(req.Config)
	prior, err3 := decodeRAXValue(req.PriorState)
	if err1 != nil || err2 != nil || err3 != nil || proposed.null() || config.null() || !proposed.list().IsKnown() || proposed.list().IsNull() {
		return s.frameworkServer.PlanResourceChange(ctx, req)
	}
	want := proposed.takeOut()
	config.takeOut()
	prior.takeOut()
	inner := *req
	var err error
	if inner.ProposedNewState, err = proposed.encode(); err != nil {
		return nil, err
	}
	if inner.Config, err = config.encode(); err != nil {
		return nil, err
	}
	if !prior.null() {
		if inner.PriorState, err = prior.encode(); err != nil {
			return nil, err
		}
	}
	resp, err := s.frameworkServer.PlanResourceChange(ctx, &inner)
	if err != nil || resp == nil {
		return resp, err
	}
	planned, err := decodeRAXValue(resp.PlannedState)
	if err != nil {
		return nil, err
	}
	if !planned.null() {
		planned.put(want)
		if resp.PlannedState, err = planned.encode(); err != nil {
			return nil, err
		}
	}
	return resp, nil
}

// raxRequest is the assignments side of an ApplyResourceChange or ReadResource: the sideband
// for the resource and what to put back when the resource wrote no state.
type raxRequest struct {
	sb       *raxSideband
	original tftypes.Value // the list of the value the framework's new state starts from
}

// take fills the sideband from the planned value (nil for a read) and the prior one, taking
// their lists out; false when a list cannot be carried (the framework's path is taken then).
func takeRAXLists(planned *raxValue, prior raxValue) (raxRequest, bool) {
	r := raxRequest{sb: &raxSideband{}}
	if planned != nil && !planned.null() {
		keys, ok := raxKeysOf(planned.list())
		if !ok {
			return r, false
		}
		r.sb.planned, r.sb.hasPlanned = keys, true
		r.original = planned.takeOut()
	}
	if !prior.null() && !prior.list().IsNull() {
		keys, ok := raxKeysOf(prior.list())
		if !ok {
			return r, false
		}
		r.sb.prior, r.sb.hasPrior = keys, true
		l := prior.takeOut()
		if !r.sb.hasPlanned {
			r.original = l
		}
	}
	if r.original.Type() == nil {
		r.original = tftypes.NewValue(raxListType(), nil)
	}
	return r, true
}

// newState puts the list the resource wrote into the framework's new state. A resource that
// wrote no state leaves the framework's (which starts from the request's), so the request's
// list goes back; a new state without an error and without the resource's list would record
// the stand-in, so it is refused.
func (r raxRequest) newState(dv *tfprotov6.DynamicValue, diags *[]*tfprotov6.Diagnostic) (*tfprotov6.DynamicValue, error) {
	v, err := decodeRAXValue(dv)
	if err != nil || v.null() {
		return dv, err
	}
	if r.sb.written {
		v.put(raxListOf(r.sb.result))
	} else {
		v.put(r.original)
		if !hasErrorDiagnostic(*diags) {
			*diags = append(*diags, &tfprotov6.Diagnostic{Severity: tfprotov6.DiagnosticSeverityError,
				Summary: "Provider Bug: Role Assignments Not Recorded",
				Detail: "The provider wrote the state of " + raxTypeName + " without its assignments. This is a bug in the provider; " +
					"please report it. The next plan refreshes the assignments from the service."})
		}
	}
	return v.encode()
}

func (s *protocol6Server) applyRoleAssignmentsExclusive(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	planned, err1 := decodeRAXValue(req.PlannedState)
	config, err2 := decodeRAXValue(req.Config)
	prior, err3 := decodeRAXValue(req.PriorState)
	if err1 != nil || err2 != nil || err3 != nil {
		return s.frameworkServer.ApplyResourceChange(ctx, req)
	}
	rr, ok := takeRAXLists(&planned, prior)
	if !ok {
		return s.frameworkServer.ApplyResourceChange(ctx, req)
	}
	config.takeOut()
	inner := *req
	var err error
	for _, v := range []struct {
		from raxValue
		to   **tfprotov6.DynamicValue
	}{{planned, &inner.PlannedState}, {config, &inner.Config}, {prior, &inner.PriorState}} {
		if !v.from.null() {
			if *v.to, err = v.from.encode(); err != nil {
				return nil, err
			}
		}
	}
	resp, err := s.frameworkServer.ApplyResourceChange(context.WithValue(ctx, raxSidebandKey{}, rr.sb), &inner)
	if err != nil || resp == nil {
		return resp, err
	}
	resp.NewState, err = rr.newState(resp.NewState, &resp.Diagnostics)
	return resp, err
}

func (s *protocol6Server) readRoleAssignmentsExclusive(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	current, err := decodeRAXValue(req.CurrentState)
	if err != nil || current.null() {
		return s.frameworkServer.ReadResource(ctx, req)
	}
	rr, ok := takeRAXLists(nil, current)
	if !ok {
		return s.frameworkServer.ReadResource(ctx, req)
	}
	inner := *req
	if inner.CurrentState, err = current.encode(); err != nil {
		return nil, err
	}
	resp, err := s.frameworkServer.ReadResource(context.WithValue(ctx, raxSidebandKey{}, rr.sb), &inner)
	if err != nil || resp == nil {
		return resp, err
	}
	resp.NewState, err = rr.newState(resp.NewState, &resp.Diagnostics)
	return resp, err
}

// validateRoleAssignmentsExclusive validates the configuration with the assignments taken
// out, and the assignments with assignmentsValidator directly, which makes the same checks
// the framework would have run it for.
func (s *protocol6Server) validateRoleAssignmentsExclusive(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	config, err := decodeRAXValue(req.Config)
	if err != nil || config.null() || !config.list().IsKnown() || config.list().IsNull() {
		return s.frameworkServer.ValidateResourceConfig(ctx, req)
	}
	list, err := raxListAttrType.ValueFromTerraform(ctx, config.takeOut())
	if err != nil {
		return s.frameworkServer.ValidateResourceConfig(ctx, req)
	}
	inner := *req
	if inner.Config, err = config.encode(); err != nil {
		return nil, err
	}
	resp, err := s.frameworkServer.ValidateResourceConfig(ctx, &inner)
	if err != nil || resp == nil {
		return resp, err
	}
	lv, _ := list.(types.List)
	var vresp validator.ListResponse
	assignmentsValidator{}.ValidateList(ctx, validator.ListRequest{Path: raxPathAssignments, PathExpression: raxPathAssignments.Expression(),
		ConfigValue: lv}, &vresp)
	resp.Diagnostics = append(resp.Diagnostics, toProtoDiagnostics(vresp.Diagnostics)...)
	return resp, nil
}

var raxListAttrType = types.ListType{ElemType: types.ObjectType{AttrTypes: raxElementAttrTypes}}

// toProtoDiagnostics is diags on the wire, as the framework would send them.
func toProtoDiagnostics(diags diag.Diagnostics) []*tfprotov6.Diagnostic {
	out := make([]*tfprotov6.Diagnostic, 0, len(diags))
	for _, d := range diags {
		pd := &tfprotov6.Diagnostic{Summary: d.Summary(), Detail: d.Detail(), Severity: tfprotov6.DiagnosticSeverityWarning}
		if d.Severity() == diag.SeverityError {
			pd.Severity = tfprotov6.DiagnosticSeverityError
		}
		if dp, ok := d.(diag.DiagnosticWithPath); ok {
			pd.Attribute = toAttributePath(dp.Path())
		}
		out = append(out, pd)
	}
	return out
}

func toAttributePath(p path.Path) *tftypes.AttributePath {
	ap := tftypes.NewAttributePath()
	for _, step := range p.Steps() {
		switch s := step.(type) {
		case path.PathStepAttributeName:
			ap = ap.WithAttributeName(string(s))
		case path.PathStepElementKeyInt:
			ap = ap.WithElementKeyInt(int(s))
		case path.PathStepElementKeyString:
			ap = ap.WithElementKeyString(string(s))
		}
	}
	return ap
}
