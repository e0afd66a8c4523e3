package provider

import (
	"context"
	"fmt"
	"math/big"
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tfsdklog"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

// raxTestElement is one element of assignments on the wire; a nil part is null, an
// unknownPart unknown.
type raxTestElement struct {
	principalType, principalID, targetType any
	targetUin                              any
}

var unknownPart = struct{ unknown bool }{true}

func raxWirePart(t tftypes.Type, v any) tftypes.Value {
	switch v := v.(type) {
	case nil:
		return tftypes.NewValue(t, nil)
	case struct{ unknown bool }:
		return tftypes.NewValue(t, tftypes.UnknownValue)
	case int:
		return tftypes.NewValue(t, new(big.Float).SetInt64(int64(v)))
	case float64:
		return tftypes.NewValue(t, big.NewFloat(v))
	default:
		return tftypes.NewValue(t, v)
	}
}

func raxWireElement(e *raxTestElement) tftypes.Value {
	if e == nil {
		return tftypes.NewValue(raxElementType(), nil)
	}
	return tftypes.NewValue(raxElementType(), map[string]tftypes.Value{
		"principal_type": raxWirePart(tftypes.String, e.principalType),
		"principal_id":   raxWirePart(tftypes.String, e.principalID),
		"target_type":    raxWirePart(tftypes.String, e.targetType),
		"target_uin":     raxWirePart(tftypes.Number, e.targetUin),
	})
}

func raxGroup(id string, uin int) *raxTestElement {
	return &raxTestElement{"Group", id, "MemberUin", uin}
}

// raxWireList is elems as the assignments value; nil elems is a null list.
func raxWireList(elems ...*raxTestElement) tftypes.Value {
	vals := make([]tftypes.Value, len(elems))
	for i, e := range elems {
		vals[i] = raxWireElement(e)
	}
	return tftypes.NewValue(raxListType(), vals)
}

// raxWireObject is the resource with assignments; state adds what the provider computes.
func raxWireObject(t testing.TB, assignments tftypes.Value, state bool) *tfprotov6.DynamicValue {
	t.Helper()
	attrs := map[string]tftypes.Value{}
	for name, at := range raxObjectType().AttributeTypes {
		attrs[name] = tftypes.NewValue(at, nil)
	}
	attrs["role_configuration_id"] = tftypes.NewValue(tftypes.String, "rc-000000000001")
	attrs["assignments"] = assignments
	if state {
		attrs["id"] = tftypes.NewValue(tftypes.String, "z-000000000001/rc-000000000001")
		attrs["zone_id"] = tftypes.NewValue(tftypes.String, "z-000000000001")
		attrs["deprovision_strategy"] = tftypes.NewValue(tftypes.String, idc.DeprovisionForLastRoleAssignment)
	}
	dv, err := tfprotov6.NewDynamicValue(raxObjectType(), tftypes.NewValue(raxObjectType(), attrs))
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

func raxUnknownList() tftypes.Value { return tftypes.NewValue(raxListType(), tftypes.UnknownValue) }

func raxDecoded(t *testing.T, dv *tfprotov6.DynamicValue) tftypes.Value {
	t.Helper()
	if dv == nil {
		return tftypes.NewValue(raxObjectType(), nil)
	}
	v, err := dv.Unmarshal(raxObjectType())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// bareFramework is the framework's own server for the provider, without the wrapper.
func bareFramework() tfprotov6.ProviderServer { return providerserver.NewProtocol6(New("test")())() }

func describeDiagnostics(diags []*tfprotov6.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "%v %q %q at %v\n", d.Severity, d.Summary, d.Detail, d.Attribute)
	}
	return b.String()
}

// The wrapper's validation says exactly what the framework's says, where it says it.
func TestRoleAssignmentsExclusiveServer_validateAsTheFramework(t *testing.T) {
	a, b := raxGroup("g-platform0001", 100000000001), raxGroup("g-network00001", 100000000002)
	cases := map[string]tftypes.Value{
		"valid":                     raxWireList(a, b),
		"empty":                     raxWireList(),
		"null":                      tftypes.NewValue(raxListType(), nil),
		"unknown":                   raxUnknownList(),
		"listed twice":              raxWireList(a, b, a),
		"null element":              raxWireList(a, nil, b),
		"null part":                 raxWireList(a, &raxTestElement{"Group", "g-x00000001", "MemberUin", nil}),
		"bad parts":                 raxWireList(&raxTestElement{"Role", "platform", "Member", 0}),
		"user ID as a group":        raxWireList(&raxTestElement{"Group", "u-alice0000001", "MemberUin", 100000000001}),
		"unknown part, then a twin": raxWireList(&raxTestElement{"Group", unknownPart, "MemberUin", 100000000001}, a, a),
		"unknown element":           tftypes.NewValue(raxListType(), []tftypes.Value{tftypes.NewValue(raxElementType(), tftypes.UnknownValue), raxWireElement(a)}),
	}
	for name, assignments := range cases {
		t.Run(name, func(t *testing.T) {
			req := &tfprotov6.ValidateResourceConfigRequest{TypeName: raxTypeName, Config: raxWireObject(t, assignments, false)}
			want, err := bareFramework().ValidateResourceConfig(t.Context(), req)
			if err != nil {
				t.Fatal(err)
			}
			got, err := NewProtocol6Server("test")().ValidateResourceConfig(t.Context(), req)
			if err != nil {
				t.Fatal(err)
			}
			if g, w := describeDiagnostics(got.Diagnostics), describeDiagnostics(want.Diagnostics); g != w {
				t.Errorf("diagnostics\n%s\nwant (the framework's)\n%s", g, w)
			}
		})
	}
}

// The wrapper plans what the framework plans: the same planned state (the proposed list in its
// order), replacements and diagnostics, for creates, updates, reorders, unknown lists and the
// destroy.
func TestRoleAssignmentsExclusiveServer_planAsTheFramework(t *testing.T) {
	a, b, c := raxGroup("g-a00000001", 100000000001), raxGroup("g-b00000001", 100000000002), raxGroup("g-c00000001", 100000000003)
	partly := raxWireList(a, &raxTestElement{"Group", unknownPart, "MemberUin", 100000000002})
	type planCase struct {
		config, prior tftypes.Value // the assignments; a prior of nil type is a create
		destroy       bool
	}
	null := tftypes.Value{}
	cases := map[string]planCase{
		"create":                 {config: raxWireList(a, b), prior: null},
		"create, empty":          {config: raxWireList(), prior: null},
		"create, unknown list":   {config: raxUnknownList(), prior: null},
		"create, partly unknown": {config: partly, prior: null},
		"no change":              {config: raxWireList(a, b), prior: raxWireList(a, b)},
		"added":                  {config: raxWireList(a, b, c), prior: raxWireList(a, b)},
		"removed":                {config: raxWireList(c), prior: raxWireList(a, b, c)},
		"reordered":              {config: raxWireList(c, b, a), prior: raxWireList(a, b, c)},
		"update, unknown list":   {config: raxUnknownList(), prior: raxWireList(a)},
		"update, partly unknown": {config: partly, prior: raxWireList(a, b)},
		"destroy":                {prior: raxWireList(a, b), destroy: true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			req := &tfprotov6.PlanResourceChangeRequest{TypeName: raxTypeName}
			if tc.prior.Type() != nil {
				req.PriorState = raxWireObject(t, tc.prior, true)
			} else {
				req.PriorState = &tfprotov6.DynamicValue{MsgPack: mustNullObject(t)}
			}
			if tc.destroy {
				req.Config = &tfprotov6.DynamicValue{MsgPack: mustNullObject(t)}
				req.ProposedNewState = req.Config
			} else {
				req.Config = raxWireObject(t, tc.config, false)
				// The CLI proposes the configuration, with the prior state's computed values.
				req.ProposedNewState = raxWireObject(t, tc.config, tc.prior.Type() != nil)
			}
			want, err := bareFramework().PlanResourceChange(t.Context(), req)
			if err != nil {
				t.Fatal(err)
			}
			got, err := NewProtocol6Server("test")().PlanResourceChange(t.Context(), req)
			if err != nil {
				t.Fatal(err)
			}
			if g, w := raxDecoded(t, got.PlannedState), raxDecoded(t, want.PlannedState); !g.Equal(w) {
				t.Errorf("planned state\n%v\nwant (the framework's)\n%v", g, w)
			}
			if g, w := fmt.Sprint(got.RequiresReplace), fmt.Sprint(want.RequiresReplace); g != w {
				t.Errorf("requires replace %s, want %s", g, w)
			}
			if g, w := describeDiagnostics(got.Diagnostics), describeDiagnostics(want.Diagnostics); g != w {
				t.Errorf("diagnostics\n%s\nwant\n%s", g, w)
			}
		})
	}
}

func mustNullObject(t *testing.T) []byte {
	t.Helper()
	dv, err := tfprotov6.NewDynamicValue(raxObjectType(), tftypes.NewValue(raxObjectType(), nil))
	if err != nil {
		t.Fatal(err)
	}
	return dv.MsgPack
}

// raxFakeResource stands in for the framework and the resource behind the wrapper: it
// records what reached it, and writes result (unless nil) as the resource does.
type raxFakeResource struct {
	frameworkServer
	result                   []idc.RoleAssignmentKey
	gotSideband              *raxSideband
	gotPlanned, gotPrior     tftypes.Value
	errorDiagnostic, noState bool
}

func (f *raxFakeResource) answer(ctx context.Context, t tftypes.Value) (*tfprotov6.DynamicValue, []*tfprotov6.Diagnostic) {
	f.gotSideband = raxSidebandFrom(ctx)
	if f.gotSideband != nil && f.result != nil {
		f.gotSideband.result, f.gotSideband.written = f.result, true
	}
	var diags []*tfprotov6.Diagnostic
	if f.errorDiagnostic {
		diags = append(diags, &tfprotov6.Diagnostic{Severity: tfprotov6.DiagnosticSeverityError, Summary: "Unable to Create Role Assignments"})
	}
	if f.noState {
		t = tftypes.NewValue(raxObjectType(), nil)
	}
	dv, _ := tfprotov6.NewDynamicValue(raxObjectType(), t)
	return &dv, diags
}

func (f *raxFakeResource) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	planned, _ := req.PlannedState.Unmarshal(raxObjectType())
	prior, _ := req.PriorState.Unmarshal(raxObjectType())
	f.gotPlanned, f.gotPrior = planned, prior
	next := planned
	if planned.IsNull() {
		next = prior
	}
	state, diags := f.answer(ctx, next)
	return &tfprotov6.ApplyResourceChangeResponse{NewState: state, Diagnostics: diags}, nil
}

func (f *raxFakeResource) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	prior, _ := req.CurrentState.Unmarshal(raxObjectType())
	f.gotPrior = prior
	state, diags := f.answer(ctx, prior)
	return &tfprotov6.ReadResourceResponse{NewState: state, Diagnostics: diags}, nil
}

func attrOf(t *testing.T, v tftypes.Value, name string) tftypes.Value {
	t.Helper()
	if v.IsNull() {
		return tftypes.Value{}
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		t.Fatal(err)
	}
	return attrs[name]
}

// Apply and read carry the lists past the framework as keys in their order, and the new state
// holds the list the resource wrote; a state written without it is refused.
func TestRoleAssignmentsExclusiveServer_carriesTheLists(t *testing.T) {
	a, b, c := raxGroup("g-a00000001", 100000000001), raxGroup("g-b00000001", 100000000002), raxGroup("g-c00000001", 100000000003)
	key := func(e *raxTestElement) idc.RoleAssignmentKey {
		id, _ := e.principalID.(string)
		uin, _ := e.targetUin.(int)
		return idc.RoleAssignmentKey{PrincipalType: "Group", PrincipalID: id, TargetType: "MemberUin", TargetUin: int64(uin)}
	}
	empty := raxWireList()
	nullObj := func(t *testing.T) *tfprotov6.DynamicValue { return &tfprotov6.DynamicValue{MsgPack: mustNullObject(t)} }
	cases := []struct {
		name            string
		read            bool
		planned, prior  tftypes.Value // tftypes.Value{}: a null object
		fake            raxFakeResource
		wantPlanned     []idc.RoleAssignmentKey
		wantPrior       []idc.RoleAssignmentKey
		wantNoSideband  bool
		wantState       tftypes.Value // of the new state's assignments; tftypes.Value{}: null state
		wantBugReported bool
	}{
		{name: "create", planned: raxWireList(b, a), fake: raxFakeResource{result: []idc.RoleAssignmentKey{key(b), key(a)}},
			wantPlanned: []idc.RoleAssignmentKey{key(b), key(a)}, wantState: raxWireList(b, a)},
		{name: "create refused", planned: raxWireList(a), fake: raxFakeResource{noState: true, errorDiagnostic: true},
			wantPlanned: []idc.RoleAssignmentKey{key(a)}},
		{name: "update", planned: raxWireList(c, a), prior: raxWireList(a, b), fake: raxFakeResource{result: []idc.RoleAssignmentKey{key(c), key(a)}},
			wantPlanned: []idc.RoleAssignmentKey{key(c), key(a)}, wantPrior: []idc.RoleAssignmentKey{key(a), key(b)}, wantState: raxWireList(c, a)},
		{name: "delete", prior: raxWireList(a, b), fake: raxFakeResource{noState: true},
			wantPrior: []idc.RoleAssignmentKey{key(a), key(b)}},
		{name: "delete failed half way", prior: raxWireList(a, b), fake: raxFakeResource{result: []idc.RoleAssignmentKey{key(b)}, errorDiagnostic: true},
			wantPrior: []idc.RoleAssignmentKey{key(a), key(b)}, wantState: raxWireList(b)},
		{name: "update failed before writing", planned: raxWireList(c), prior: raxWireList(a), fake: raxFakeResource{errorDiagnostic: true},
			wantPlanned: []idc.RoleAssignmentKey{key(c)}, wantPrior: []idc.RoleAssignmentKey{key(a)}, wantState: raxWireList(c)},
		{name: "state written without the list", planned: raxWireList(a), fake: raxFakeResource{},
			wantPlanned: []idc.RoleAssignmentKey{key(a)}, wantState: raxWireList(a), wantBugReported: true},
		{name: "read", read: true, prior: raxWireList(b, a), fake: raxFakeResource{result: []idc.RoleAssignmentKey{key(b), key(a), key(c)}},
			wantPrior: []idc.RoleAssignmentKey{key(b), key(a)}, wantState: raxWireList(b, a, c)},
		{name: "read after import", read: true, prior: tftypes.NewValue(raxListType(), nil), fake: raxFakeResource{result: []idc.RoleAssignmentKey{key(a)}},
			wantState: raxWireList(a)},
		{name: "read, gone", read: true, prior: raxWireList(a), fake: raxFakeResource{noState: true}, wantPrior: []idc.RoleAssignmentKey{key(a)}},
		{name: "apply of a list not wholly known", planned: raxWireList(a, &raxTestElement{"Group", unknownPart, "MemberUin", 1}),
			fake: raxFakeResource{}, wantNoSideband: true, wantState: raxWireList(a, &raxTestElement{"Group", unknownPart, "MemberUin", 1})},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fake := tc.fake
			srv := &protocol6Server{frameworkServer: &fake}
			var newState *tfprotov6.DynamicValue
			var diags []*tfprotov6.Diagnostic
			prior := nullObj(t)
			if tc.prior.Type() != nil {
				prior = raxWireObject(t, tc.prior, true)
			}
			if tc.read {
				resp, err := srv.ReadResource(t.Context(), &tfprotov6.ReadResourceRequest{TypeName: raxTypeName, CurrentState: prior})
				if err != nil {
					t.Fatal(err)
				}
				newState, diags = resp.NewState, resp.Diagnostics
			} else {
				planned, config := nullObj(t), nullObj(t)
				if tc.planned.Type() != nil {
					planned, config = raxWireObject(t, tc.planned, true), raxWireObject(t, tc.planned, false)
				}
				resp, err := srv.ApplyResourceChange(t.Context(), &tfprotov6.ApplyResourceChangeRequest{TypeName: raxTypeName,
					PlannedState: planned, Config: config, PriorState: prior})
				if err != nil {
					t.Fatal(err)
				}
				newState, diags = resp.NewState, resp.Diagnostics
			}

			if tc.wantNoSideband {
				if fake.gotSideband != nil {
					t.Errorf("a list not wholly known was carried past the framework")
				}
			} else {
				sb := fake.gotSideband
				if sb == nil {
					t.Fatal("no sideband reached the resource")
				}
				if fmt.Sprint(sb.planned) != fmt.Sprint(tc.wantPlanned) || sb.hasPlanned != (tc.wantPlanned != nil) {
					t.Errorf("sideband planned %v (%v), want %v", sb.planned, sb.hasPlanned, tc.wantPlanned)
				}
				if fmt.Sprint(sb.prior) != fmt.Sprint(tc.wantPrior) || sb.hasPrior != (tc.wantPrior != nil) {
					t.Errorf("sideband prior %v (%v), want %v", sb.prior, sb.hasPrior, tc.wantPrior)
				}
				// The framework saw the stand-in, never the list.
				for what, v := range map[string]tftypes.Value{"planned": fake.gotPlanned, "prior": fake.gotPrior} {
					if l := attrOf(t, v, "assignments"); l.Type() != nil && !l.IsNull() && !l.Equal(empty) {
						t.Errorf("the framework's %s state held %v, want the empty stand-in", what, l)
					}
				}
			}
			got := attrOf(t, raxDecoded(t, newState), "assignments")
			if tc.wantState.Type() == nil {
				if got.Type() != nil {
					t.Errorf("new state holds %v, want a null state", got)
				}
			} else if !got.Equal(tc.wantState) {
				t.Errorf("new state's assignments\n%v\nwant\n%v", got, tc.wantState)
			}
			reported := strings.Contains(describeDiagnostics(diags), "Provider Bug: Role Assignments Not Recorded")
			if reported != tc.wantBugReported {
				t.Errorf("bug reported %v, want %v: %s", reported, tc.wantBugReported, describeDiagnostics(diags))
			}
		})
	}
}

// Keys from the wire keep their order and need every part known and the UIN whole.
func TestRAXKeysOf(t *testing.T) {
	cases := map[string]struct {
		list tftypes.Value
		want string // fmt of the keys; "" when refused
	}{
		"in order":       {raxWireList(raxGroup("g-b00000001", 2), raxGroup("g-a00000001", 1)), "[{ MemberUin 2 Group g-b00000001} { MemberUin 1 Group g-a00000001}]"},
		"empty":          {raxWireList(), "[]"},
		"null list":      {tftypes.NewValue(raxListType(), nil), ""},
		"unknown list":   {raxUnknownList(), ""},
		"unknown part":   {raxWireList(&raxTestElement{"Group", unknownPart, "MemberUin", 1}), ""},
		"null part":      {raxWireList(&raxTestElement{"Group", nil, "MemberUin", 1}), ""},
		"null element":   {raxWireList(nil), ""},
		"fractional uin": {raxWireList(&raxTestElement{"Group", "g-a00000001", "MemberUin", 1.5}), ""},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			keys, ok := raxKeysOf(tc.list)
			got := ""
			if ok {
				got = fmt.Sprint(keys)
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			if ok && !raxListOf(keys).Equal(tc.list) {
				t.Errorf("the keys back on the wire are %v, want %v", raxListOf(keys), tc.list)
			}
		})
	}
}

// withTraceLogging gives ctx the SDK's root logger at trace level, as tf6server gives every
// request of a provider process (its lines go to the CLI, which drops what TF_LOG does not
// ask for), writing to w. The logger writes to the os.Stderr of the moment it is made.
func withTraceLogging(ctx context.Context, w *os.File) context.Context {
	stderr := os.Stderr
	os.Stderr = w
	defer func() { os.Stderr = stderr }()
	return tfsdklog.NewRootSDKLogger(ctx, tfsdklog.WithLevel(hclog.Trace))
}
