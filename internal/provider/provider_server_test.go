package provider

import (
	"bytes"
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// fakeFrameworkServer answers ReadDataSource with a fixed response, after letting fill put
// an encoded state into the request's sink (as usersDataSource.Read does).
type fakeFrameworkServer struct {
	frameworkServer
	resp *tfprotov6.ReadDataSourceResponse
	fill []byte
}

func (f *fakeFrameworkServer) ReadDataSource(ctx context.Context, _ *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	if sink := usersStateSinkFrom(ctx); sink != nil {
		sink.msgpack = f.fill
	}
	return f.resp, nil
}

func TestProtocol6Server_swapsOnlyTheUsersState(t *testing.T) {
	standIn := &tfprotov6.DynamicValue{MsgPack: []byte("stand-in")}
	encoded := []byte("encoded")
	errDiag := &tfprotov6.Diagnostic{Severity: tfprotov6.DiagnosticSeverityError, Summary: "Unable to Read Users"}
	warnDiag := &tfprotov6.Diagnostic{Severity: tfprotov6.DiagnosticSeverityWarning, Summary: "Careful"}
	cases := map[string]struct {
		typeName string
		fill     []byte
		diags    []*tfprotov6.Diagnostic
		want     []byte
	}{
		"users, encoded":            {usersDataSourceTypeName, encoded, nil, encoded},
		"users, encoded, warning":   {usersDataSourceTypeName, encoded, []*tfprotov6.Diagnostic{warnDiag}, encoded},
		"users, error":              {usersDataSourceTypeName, encoded, []*tfprotov6.Diagnostic{errDiag}, standIn.MsgPack},
		"users, nothing encoded":    {usersDataSourceTypeName, nil, nil, standIn.MsgPack},
		"another data source":       {"tencentcloudidc_zone", encoded, nil, standIn.MsgPack},
		"another data source, warn": {"tencentcloudidc_groups", encoded, []*tfprotov6.Diagnostic{warnDiag}, standIn.MsgPack},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			fake := &fakeFrameworkServer{fill: tc.fill, resp: &tfprotov6.ReadDataSourceResponse{State: standIn, Diagnostics: tc.diags}}
			srv := &protocol6Server{frameworkServer: fake}
			resp, err := srv.ReadDataSource(t.Context(), &tfprotov6.ReadDataSourceRequest{TypeName: tc.typeName})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(resp.State.MsgPack, tc.want) {
				t.Errorf("state %q, want %q", resp.State.MsgPack, tc.want)
			}
			if len(resp.Diagnostics) != len(tc.diags) {
				t.Errorf("diagnostics %v, want %v", resp.Diagnostics, tc.diags)
			}
		})
	}
}

func TestNewProtocol6Server_wrapsTheFramework(t *testing.T) {
	if _, ok := NewProtocol6Server("test")().(*protocol6Server); !ok {
		t.Fatal("the framework's server does not implement every optional RPC group, so the users data source is not wrapped")
	}
}
