package provider

import (
	"bytes"
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
	"github.com/vmihailenco/msgpack/v5"
	"github.com/vmihailenco/msgpack/v5/msgpcode"

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

// raxValue is one value of the resource (config, prior, proposed, planned, new) as the
// plugin protocol encodes it, with the place of its assignments. The list is cut out and
// spliced in as msgpack bytes: decoding and encoding the whole value would cost as much as
// the framework's walk (tftypes makes a value and a path for each element).
type raxValue struct {
	msgpack    []byte // nil for a null (or absent) value
	start, end int    // the encoded assignments: msgpack[start:end]
}

// raxStandIn is the encoded empty list the framework gets instead of the assignments.
var raxStandIn = []byte{0x90}

// parseRAXValue finds the assignments in dv; false when dv is not in the form the CLI sends
// (msgpack of the resource's object), which then takes the framework's path.
func parseRAXValue(dv *tfprotov6.DynamicValue) (raxValue, bool) {
	if dv == nil {
		return raxValue{}, true
	}
	if len(dv.MsgPack) == 0 {
		return raxValue{}, false
	}
	if dv.MsgPack[0] == msgpcode.Nil {
		return raxValue{}, true
	}
	r := bytes.NewReader(dv.MsgPack)
	dec := msgpack.NewDecoder(r) // a bytes.Reader is read byte by byte: its offset is the decoder's
	n, err := dec.DecodeMapLen()
	if err != nil || n < 0 {
		return raxValue{}, false
	}
	v := raxValue{msgpack: dv.MsgPack, start: -1}
	for range n {
		key, err := dec.DecodeString()
		if err != nil {
			return raxValue{}, false
		}
		at := len(dv.MsgPack) - r.Len()
		if err := dec.Skip(); err != nil {
			return raxValue{}, false
		}
		if key == "assignments" {
			v.start, v.end = at, len(dv.MsgPack)-r.Len()
		}
	}
	if v.start < 0 || r.Len() != 0 {
		return raxValue{}, false
	}
	return v, true
}

func (v raxValue) null() bool { return v.msgpack == nil }

// listBytes is the encoded assignments.
func (v raxValue) listBytes() []byte { return v.msgpack[v.start:v.end] }

// knownList tells whether the assignments are a list (null and unknown are not), whose
// elements may still be partly unknown.
func (v raxValue) knownList() bool {
	if v.null() {
		return false
	}
	c := v.msgpack[v.start]
	return msgpcode.IsFixedArray(c) || c == msgpcode.Array16 || c == msgpcode.Array32
}

// list is the decoded assignments.
func (v raxValue) list() (tftypes.Value, error) {
	if v.null() {
		return tftypes.NewValue(raxListType(), nil), nil
	}
	return (&tfprotov6.DynamicValue{MsgPack: v.listBytes()}).Unmarshal(raxListType())
}

// with is the value with list (encoded) in place of its assignments.
func (v raxValue) with(list []byte) *tfprotov6.DynamicValue {
	b := make([]byte, 0, len(v.msgpack)-(v.end-v.start)+len(list))
	b = append(append(append(b, v.msgpack[:v.start]...), list...), v.msgpack[v.end:]...)
	return &tfprotov6.DynamicValue{MsgPack: b}
}

// withStandIn is the value for the framework: its assignments taken out when they are a list.
func (v raxValue) withStandIn(dv *tfprotov6.DynamicValue) *tfprotov6.DynamicValue {
	if !v.knownList() {
		return dv
	}
	return v.with(raxStandIn)
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
	proposed, ok1 := parseRAXValue(req.ProposedNewState)
	config, ok2 := parseRAXValue(req.Config)
	prior, ok3 := parseRAXValue(req.PriorState)
	if !ok1 || !ok2 || !ok3 || !proposed.knownList() || !config.knownList() {
		return s.frameworkServer.PlanResourceChange(ctx, req)
	}
	inner := *req
	inner.ProposedNewState = proposed.withStandIn(req.ProposedNewState)
	inner.Config = config.withStandIn(req.Config)
	inner.PriorState = prior.withStandIn(req.PriorState)
	resp, err := s.frameworkServer.PlanResourceChange(ctx, &inner)
	if err != nil || resp == nil {
		return resp, err
	}
	planned, ok := parseRAXValue(resp.PlannedState)
	if !ok {
		return nil, fmt.Errorf("the framework planned %s in an unexpected form", raxTypeName)
	}
	if !planned.null() {
		resp.PlannedState = planned.with(proposed.listBytes())
	}
	return resp, nil
}

// raxRequest is the assignments side of an ApplyResourceChange or ReadResource: the sideband
// for the resource and what to put back when the resource wrote no state.
type raxRequest struct {
	sb       *raxSideband
	original []byte // the encoded list of the value the framework's new state starts from
}

// takeRAXLists fills the sideband from the planned value (null for a read) and the prior
// one; false when a list cannot be carried (the framework's path is taken then).
func takeRAXLists(planned, prior raxValue) (raxRequest, bool) {
	r := raxRequest{sb: &raxSideband{}, original: []byte{msgpcode.Nil}}
	for _, side := range []struct {
		v    raxValue
		keys *[]idc.RoleAssignmentKey
		has  *bool
	}{{prior, &r.sb.prior, &r.sb.hasPrior}, {planned, &r.sb.planned, &r.sb.hasPlanned}} {
		if side.v.null() || side.v.msgpack[side.v.start] == msgpcode.Nil {
			continue // no value, or an imported state's null list
		}
		l, err := side.v.list()
		if err != nil {
			return r, false
		}
		keys, ok := raxKeysOf(l)
		if !ok {
			return r, false
		}
		*side.keys, *side.has = keys, true
		r.original = side.v.listBytes()
	}
	return r, true
}

// newState puts the list the resource wrote into the framework's new state. A resource that
// wrote no state leaves the framework's (which starts from the request's), so the request's
// list goes back; a new state without an error and without the resource's list would record
// the stand-in, so it is refused.
func (r raxRequest) newState(dv *tfprotov6.DynamicValue, diags *[]*tfprotov6.Diagnostic) (*tfprotov6.DynamicValue, error) {
	v, ok := parseRAXValue(dv)
	if !ok {
		return nil, fmt.Errorf("the framework answered with a state of %s in an unexpected form", raxTypeName)
	}
	if v.null() {
		return dv, nil
	}
	if !r.sb.written {
		if !hasErrorDiagnostic(*diags) {
			*diags = append(*diags, &tfprotov6.Diagnostic{Severity: tfprotov6.DiagnosticSeverityError,
				Summary: "Provider Bug: Role Assignments Not Recorded",
				Detail: "The provider wrote the state of " + raxTypeName + " without its assignments. This is a bug in the provider; " +
					"please report it. The next plan refreshes the assignments from the service."})
		}
		return v.with(r.original), nil
	}
	list, err := tfprotov6.NewDynamicValue(raxListType(), raxListOf(r.sb.result))
	if err != nil {
		return nil, err
	}
	return v.with(list.MsgPack), nil
}

func (s *protocol6Server) applyRoleAssignmentsExclusive(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	planned, ok1 := parseRAXValue(req.PlannedState)
	config, ok2 := parseRAXValue(req.Config)
	prior, ok3 := parseRAXValue(req.PriorState)
	if !ok1 || !ok2 || !ok3 {
		return s.frameworkServer.ApplyResourceChange(ctx, req)
	}
	rr, ok := takeRAXLists(planned, prior)
	if !ok {
		return s.frameworkServer.ApplyResourceChange(ctx, req)
	}
	inner := *req
	inner.PlannedState = planned.withStandIn(req.PlannedState)
	inner.Config = config.withStandIn(req.Config)
	inner.PriorState = prior.withStandIn(req.PriorState)
	resp, err := s.frameworkServer.ApplyResourceChange(context.WithValue(ctx, raxSidebandKey{}, rr.sb), &inner)
	if err != nil || resp == nil {
		return resp, err
	}
	resp.NewState, err = rr.newState(resp.NewState, &resp.Diagnostics)
	return resp, err
}

func (s *protocol6Server) readRoleAssignmentsExclusive(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	current, ok := parseRAXValue(req.CurrentState)
	if !ok || current.null() {
		return s.frameworkServer.ReadResource(ctx, req)
	}
	rr, ok := takeRAXLists(raxValue{}, current)
	if !ok {
		return s.frameworkServer.ReadResource(ctx, req)
	}
	inner := *req
	inner.CurrentState = current.withStandIn(req.CurrentState)
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
	config, ok := parseRAXValue(req.Config)
	if !ok || !config.knownList() {
		return s.frameworkServer.ValidateResourceConfig(ctx, req)
	}
	l, err := config.list()
	if err != nil {
		return s.frameworkServer.ValidateResourceConfig(ctx, req)
	}
	list, err := raxListAttrType.ValueFromTerraform(ctx, l)
	if err != nil {
		return s.frameworkServer.ValidateResourceConfig(ctx, req)
	}
	inner := *req
	inner.Config = config.withStandIn(req.Config)
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
