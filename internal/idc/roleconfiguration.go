package idc

import (
	"context"
	"fmt"
	"iter"
)

// convertAll converts a page of wire items, naming the first item that fails by its ID.
func convertAll[W, T any](action, kind string, items []W, conv func(*W) (T, error), id func(*W) string) ([]T, error) {
	out := make([]T, 0, len(items))
	for i := range items {
		v, err := conv(&items[i])
		if err != nil {
			return nil, fmt.Errorf("%s: %s %s: %w", action, kind, id(&items[i]), err)
		}
		out = append(out, v)
	}
	return out, nil
}

func roleConfigurationID(w *wireRoleConfiguration) string { return w.RoleConfigurationId }

// CreateRoleConfiguration creates a role configuration (permission set) in the zone.
//
// The call is never re-sent once the request may have reached the service: a lost answer
// returns *OutcomeUnknownError (errors.Is(err, ErrOutcomeUnknown)); list the zone's role
// configurations by name before trying again. A name already in use is ErrAlreadyExists.
func (c *Client) CreateRoleConfiguration(ctx context.Context, in CreateRoleConfigurationInput) (*RoleConfiguration, error) {
	const action = "CreateRoleConfiguration"
	req := createRoleConfigurationRequest{
		ZoneId:                in.ZoneID,
		RoleConfigurationName: in.Name,
		Description:           in.Description,
		SessionDuration:       in.SessionDuration,
		RelayState:            in.RelayState,
	}
	var out roleConfigurationResponse
	if err := c.call(ctx, action, req, &out, notIdempotent); err != nil {
		return nil, err
	}
	if out.RoleConfigurationInfo == nil || out.RoleConfigurationInfo.RoleConfigurationId == "" {
		return nil, &OutcomeUnknownError{Action: action, Err: fmt.Errorf("the answer has no role configuration ID")}
	}
	return roleConfigurationAnswer(action, out.RoleConfigurationInfo)
}

// roleConfigurationAnswer converts a single-object answer. When its timestamps are malformed
// the role configuration is returned with the error, so that a created one is not orphaned.
func roleConfigurationAnswer(action string, w *wireRoleConfiguration) (*RoleConfiguration, error) {
	rc, err := w.toRoleConfiguration()
	if err != nil {
		return &rc, fmt.Errorf("%s: role configuration %s: %w", action, w.RoleConfigurationId, err)
	}
	return &rc, nil
}

// GetRoleConfiguration returns one role configuration; ErrNotFound when it does not exist.
func (c *Client) GetRoleConfiguration(ctx context.Context, zoneID, roleConfigurationID string) (*RoleConfiguration, error) {
	const action = "GetRoleConfiguration"
	var out roleConfigurationResponse
	req := roleConfigurationRequest{ZoneId: zoneID, RoleConfigurationId: roleConfigurationID}
	if err := c.call(ctx, action, req, &out, idempotent); err != nil {
		return nil, err
	}
	if out.RoleConfigurationInfo == nil {
		return nil, fmt.Errorf("%s: role configuration %s in zone %s: %w", action, roleConfigurationID, zoneID, ErrNotFound)
	}
	return roleConfigurationAnswer(action, out.RoleConfigurationInfo)
}

// UpdateRoleConfiguration changes the description, session duration or relay state (nil fields
// stay as they are) and returns the role configuration as the service now has it.
func (c *Client) UpdateRoleConfiguration(ctx context.Context, in UpdateRoleConfigurationInput) (*RoleConfiguration, error) {
	const action = "UpdateRoleConfiguration"
	req := updateRoleConfigurationRequest{
		ZoneId:              in.ZoneID,
		RoleConfigurationId: in.RoleConfigurationID,
		NewDescription:      in.Description,
		NewSessionDuration:  in.SessionDuration,
		NewRelayState:       in.RelayState,
	}
	var out roleConfigurationResponse
	if err := c.call(ctx, action, req, &out, idempotent); err != nil {
		return nil, err
	}
	if out.RoleConfigurationInfo == nil {
		return nil, fmt.Errorf("%s: the answer has no role configuration %s", action, in.RoleConfigurationID)
	}
	return roleConfigurationAnswer(action, out.RoleConfigurationInfo)
}

// DeleteRoleConfiguration deletes a role configuration. The service refuses (ErrInUse) while it
// still has policies or is deployed to an account. A retry after a lost answer may get
// ErrNotFound, which callers deleting it treat as success.
func (c *Client) DeleteRoleConfiguration(ctx context.Context, zoneID, roleConfigurationID string) error {
	req := roleConfigurationRequest{ZoneId: zoneID, RoleConfigurationId: roleConfigurationID}
	return c.call(ctx, "DeleteRoleConfiguration", req, nil, idempotent)
}

// RoleConfigurations iterates over the zone's role configurations matching in, fetching 100
// per call.
func (c *Client) RoleConfigurations(ctx context.Context, in ListRoleConfigurationsInput) iter.Seq2[RoleConfiguration, error] {
	const action = "ListRoleConfigurations"
	return paginate(ctx, action, func(ctx context.Context, token string) ([]RoleConfiguration, wirePage, error) {
		req := listRoleConfigurationsRequest{
			ZoneId:        in.ZoneID,
			NextToken:     token,
			MaxResults:    pageSize,
			Filter:        in.Filter,
			FilterTargets: in.FilterTargets,
			PrincipalId:   in.PrincipalID,
		}
		var out listRoleConfigurationsResponse
		if err := c.call(ctx, action, req, &out, idempotent); err != nil {
			return nil, wirePage{}, err
		}
		items, err := convertAll(action, "role configuration", out.RoleConfigurations,
			(*wireRoleConfiguration).toRoleConfiguration, roleConfigurationID)
		return items, out.wirePage, err
	})
}

// ListRoleConfigurations returns every role configuration matching in.
func (c *Client) ListRoleConfigurations(ctx context.Context, in ListRoleConfigurationsInput) ([]RoleConfiguration, error) {
	return collect(c.RoleConfigurations(ctx, in))
}

// AddPermissionPolicyToRoleConfiguration attaches system policies or one custom policy. It
// does not reach accounts the role configuration is already deployed to: redeploy with
// ProvisionRoleConfiguration.
//
// The call is never re-sent once the request may have reached the service (a second add of the
// same policy is refused): a lost answer returns *OutcomeUnknownError; list the role
// configuration's policies before trying again.
func (c *Client) AddPermissionPolicyToRoleConfiguration(ctx context.Context, in AddPermissionPolicyInput) error {
	req := addPermissionPolicyRequest{
		ZoneId:               in.ZoneID,
		RoleConfigurationId:  in.RoleConfigurationID,
		RolePolicyType:       in.PolicyType,
		RolePolicyNames:      in.PolicyNames,
		CustomPolicyDocument: in.CustomPolicyDocument,
	}
	for _, p := range in.SystemPolicies {
		req.RolePolicies = append(req.RolePolicies, wirePolicyDetail{PolicyId: p.PolicyID, PolicyName: p.PolicyName})
	}
	return c.call(ctx, "AddPermissionPolicyToRoleConfiguration", req, nil, notIdempotent)
}

// AddSystemPoliciesToRoleConfiguration attaches CAM preset policies by ID.
func (c *Client) AddSystemPoliciesToRoleConfiguration(ctx context.Context, zoneID, roleConfigurationID string, policies []SystemPolicy) error {
	return c.AddPermissionPolicyToRoleConfiguration(ctx, AddPermissionPolicyInput{
		ZoneID: zoneID, RoleConfigurationID: roleConfigurationID, PolicyType: PolicyTypeSystem, SystemPolicies: policies,
	})
}

// AddCustomPolicyToRoleConfiguration attaches an inline policy: name and its JSON document,
// sent as it is.
func (c *Client) AddCustomPolicyToRoleConfiguration(ctx context.Context, zoneID, roleConfigurationID, name, document string) error {
	return c.AddPermissionPolicyToRoleConfiguration(ctx, AddPermissionPolicyInput{
		ZoneID: zoneID, RoleConfigurationID: roleConfigurationID, PolicyType: PolicyTypeCustom,
		PolicyNames: []string{name}, CustomPolicyDocument: document,
	})
}

// RemoveSystemPolicyFromRoleConfiguration detaches a system policy by its CAM policy ID. A
// policy that is not attached is ErrNotFound.
func (c *Client) RemoveSystemPolicyFromRoleConfiguration(ctx context.Context, zoneID, roleConfigurationID string, policyID int64) error {
	req := removePermissionPolicyRequest{
		ZoneId: zoneID, RoleConfigurationId: roleConfigurationID, RolePolicyType: PolicyTypeSystem, RolePolicyId: policyID,
	}
	return c.call(ctx, "RemovePermissionPolicyFromRoleConfiguration", req, nil, idempotent)
}

// RemoveCustomPolicyFromRoleConfiguration detaches a custom policy by its name. A policy that
// is not attached is ErrNotFound.
func (c *Client) RemoveCustomPolicyFromRoleConfiguration(ctx context.Context, zoneID, roleConfigurationID, name string) error {
	req := removePermissionPolicyRequest{
		ZoneId: zoneID, RoleConfigurationId: roleConfigurationID, RolePolicyType: PolicyTypeCustom, RolePolicyName: name,
	}
	return c.call(ctx, "RemovePermissionPolicyFromRoleConfiguration", req, nil, idempotent)
}

// ListPermissionPoliciesInRoleConfiguration returns the role configuration's policies (the
// action has no paging). policyType is PolicyTypeSystem, PolicyTypeCustom or "" for both;
// filter, when set, searches the policy names.
func (c *Client) ListPermissionPoliciesInRoleConfiguration(ctx context.Context, zoneID, roleConfigurationID, policyType, filter string) ([]RolePolicy, error) {
	const action = "ListPermissionPoliciesInRoleConfiguration"
	req := listPermissionPoliciesRequest{
		ZoneId: zoneID, RoleConfigurationId: roleConfigurationID, RolePolicyType: policyType, Filter: filter,
	}
	var out listPermissionPoliciesResponse
	if err := c.call(ctx, action, req, &out, idempotent); err != nil {
		return nil, err
	}
	return convertAll(action, "policy", out.RolePolicies, (*wireRolePolicie).toRolePolicy,
		func(w *wireRolePolicie) string { return w.RolePolicyName })
}

// UpdateCustomPolicyForRoleConfiguration replaces the document of the custom policy name. Like
// adding, it does not reach accounts already deployed to.
func (c *Client) UpdateCustomPolicyForRoleConfiguration(ctx context.Context, zoneID, roleConfigurationID, name, document string) error {
	req := updateCustomPolicyRequest{
		ZoneId: zoneID, RoleConfigurationId: roleConfigurationID, CustomPolicyName: name, NewCustomPolicyDocument: document,
	}
	return c.call(ctx, "UpdateCustomPolicyForRoleConfiguration", req, nil, idempotent)
}

// RoleConfigurationByName finds the role configuration named name (names are unique in a
// zone); ErrNotFound when there is none. The service's filter is a substring match over names
// and descriptions, so the name is matched exactly here. Use it to reconcile after a create
// whose outcome is unknown, and to refuse taking over an existing one.
func (c *Client) RoleConfigurationByName(ctx context.Context, zoneID, name string) (*RoleConfiguration, error) {
	for rc, err := range c.RoleConfigurations(ctx, ListRoleConfigurationsInput{ZoneID: zoneID, Filter: name}) {
		if err != nil {
			return nil, err
		}
		if rc.Name == name {
			return &rc, nil
		}
	}
	return nil, fmt.Errorf("role configuration named %q in zone %s: %w", name, zoneID, ErrNotFound)
}
