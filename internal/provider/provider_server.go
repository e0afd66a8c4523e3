package provider

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// How the provider is served: the framework's protocol 6 server, with a few RPCs taken over:
// ReadDataSource of tencentcloudidc_users, whose Read encodes its own state, and the
// validation, plan, apply and read of tencentcloudidc_role_assignments_exclusive, whose assignments are carried
// past the framework (role_assignments_exclusive_server.go).

// usersStateSink carries the encoded state from Read to the server wrapper, through the
// request's context.
type usersStateSink struct {
	msgpack []byte
}

type usersStateSinkKey struct{}

func usersStateSinkFrom(ctx context.Context) *usersStateSink {
	sink, _ := ctx.Value(usersStateSinkKey{}).(*usersStateSink)
	return sink
}

// usersDataSourceTypeName is the data source newProtocol6Server serves encoded.
const usersDataSourceTypeName = "tencentcloudidc_users"

// frameworkServer is everything the framework's protocol 6 server implements. The wrapper
// embeds it whole, so that tf6server's checks for the optional RPC groups (list resources,
// actions, state stores) see what they would see without the wrapper.
type frameworkServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
	tfprotov6.ActionServer
	tfprotov6.StateStoreServer
}

// NewProtocol6Server serves the provider over plugin protocol 6: the framework's server, with
// ReadDataSource of tencentcloudidc_users answered from the state its Read encoded itself (see
// usersDataSource.readEncoded). main.go and the acceptance tests serve the provider through it.
func NewProtocol6Server(version string) func() tfprotov6.ProviderServer {
	return func() tfprotov6.ProviderServer {
		inner := providerserver.NewProtocol6(New(version)())()
		full, ok := inner.(frameworkServer)
		if !ok {
			// A framework without one of the optional groups: serve it unwrapped; the users data
			// source then takes the framework's own path.
			return inner
		}
		return &protocol6Server{frameworkServer: full}
	}
}

type protocol6Server struct {
	frameworkServer
}

func (s *protocol6Server) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	if req.TypeName != usersDataSourceTypeName {
		return s.frameworkServer.ReadDataSource(ctx, req)
	}
	sink := &usersStateSink{}
	resp, err := s.frameworkServer.ReadDataSource(context.WithValue(ctx, usersStateSinkKey{}, sink), req)
	if err != nil || resp == nil || sink.msgpack == nil || hasErrorDiagnostic(resp.Diagnostics) {
		return resp, err
	}
	resp.State = &tfprotov6.DynamicValue{MsgPack: sink.msgpack}
	// Something keeps the request's context after the call, and through it the sink: heap
	// profiles showed the encoded state of the last read still reachable until the next read
	// (15 MB at 50 000 users) until the sink let go of it here.
	sink.msgpack = nil
	return resp, nil
}

func (s *protocol6Server) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	if req.TypeName == raxTypeName {
		return s.validateRoleAssignmentsExclusive(ctx, req)
	}
	return s.frameworkServer.ValidateResourceConfig(ctx, req)
}

func (s *protocol6Server) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	if req.TypeName == raxTypeName {
		return s.planRoleAssignmentsExclusive(ctx, req)
	}
	return s.frameworkServer.PlanResourceChange(ctx, req)
}

func (s *protocol6Server) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	if req.TypeName == raxTypeName {
		return s.applyRoleAssignmentsExclusive(ctx, req)
	}
	return s.frameworkServer.ApplyResourceChange(ctx, req)
}

func (s *protocol6Server) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	if req.TypeName == raxTypeName {
		return s.readRoleAssignmentsExclusive(ctx, req)
	}
	return s.frameworkServer.ReadResource(ctx, req)
}

func hasErrorDiagnostic(diags []*tfprotov6.Diagnostic) bool {
	return slices.ContainsFunc(diags, func(d *tfprotov6.Diagnostic) bool {
		return d != nil && d.Severity == tfprotov6.DiagnosticSeverityError
	})
}
