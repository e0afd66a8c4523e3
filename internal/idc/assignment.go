package idc

import (
	"context"
	"errors"
	"fmt"
	"iter"
)

// maxAssignmentsPerCall is CreateRoleAssignment's documented limit of RoleAssignmentInfo items.
const maxAssignmentsPerCall = 50

// CreateRoleAssignment grants role assignments (at most 50 per call) and returns their tasks,
// one per assignment; wait for each with WaitForTask. The first assignment of a role
// configuration on an account also deploys it there. An assignment that already exists is
// ErrAlreadyExists.
//
// The call is never re-sent once the request may have reached the service: a lost answer
// returns *OutcomeUnknownError; list the assignments before trying again.
func (c *Client) CreateRoleAssignment(ctx context.Context, zoneID string, assignments []RoleAssignmentKey) ([]Task, error) {
	const action = "CreateRoleAssignment"
	if len(assignments) == 0 || len(assignments) > maxAssignmentsPerCall {
		return nil, fmt.Errorf("%s: %d assignments, the service takes 1 to %d per call", action, len(assignments), maxAssignmentsPerCall)
	}
	req := createRoleAssignmentRequest{ZoneId: zoneID}
	for _, a := range assignments {
		req.RoleAssignmentInfo = append(req.RoleAssignmentInfo, wireRoleAssignmentInfo{
			RoleConfigurationId: a.RoleConfigurationID, TargetType: a.TargetType, TargetUin: a.TargetUin,
			PrincipalType: a.PrincipalType, PrincipalId: a.PrincipalID,
		})
	}
	var out createRoleAssignmentResponse
	if err := c.call(ctx, action, req, &out, notIdempotent); err != nil {
		return nil, err
	}
	if len(out.Tasks) == 0 {
		return nil, &OutcomeUnknownError{Action: action, Err: fmt.Errorf("the answer has no tasks")}
	}
	tasks := make([]Task, 0, len(out.Tasks))
	for i := range out.Tasks {
		tasks = append(tasks, out.Tasks[i].toTask())
	}
	return tasks, nil
}

// codeTaskInProgress refuses to delete an assignment while a task on it (its create, say,
// whose answer was lost) is still running.
const codeTaskInProgress = "FailedOperation.RoleConfigurationProvisioningStatusError"

// DeleteRoleAssignment removes a role assignment and returns its task (nil when the answer has
// none). deprovisionStrategy is DeprovisionForLastRoleAssignment, "None" or "" (the service's
// default, None: the role configuration stays deployed). An assignment that is not there is
// ErrNotFound, which a retry after a lost answer may also get. While a task on the assignment
// is still running the delete is sent again, as often as a task is polled, until ctx ends;
// then the service's last refusal is returned.
func (c *Client) DeleteRoleAssignment(ctx context.Context, zoneID string, key RoleAssignmentKey, deprovisionStrategy string) (*Task, error) {
	req := deleteRoleAssignmentRequest{
		ZoneId: zoneID, RoleConfigurationId: key.RoleConfigurationID, TargetType: key.TargetType, TargetUin: key.TargetUin,
		PrincipalType: key.PrincipalType, PrincipalId: key.PrincipalID, DeprovisionStrategy: deprovisionStrategy,
	}
	var out deleteRoleAssignmentResponse
	poll := c.taskPollPolicy()
	for n := 0; ; n++ {
		err := c.call(ctx, "DeleteRoleAssignment", req, &out, idempotent)
		var apiErr *APIError
		if err == nil {
			break
		}
		if !errors.As(err, &apiErr) || apiErr.Code != codeTaskInProgress || sleepCtx(ctx, poll.backoff(n)) != nil {
			return nil, err
		}
	}
	if out.Task == nil {
		return nil, nil
	}
	t := out.Task.toTask()
	return &t, nil
}

// RoleAssignments iterates over the role assignments matching in, fetching 100 per call.
// There is no GetRoleAssignment: set all five key fields to read one.
func (c *Client) RoleAssignments(ctx context.Context, in ListRoleAssignmentsInput) iter.Seq2[RoleAssignment, error] {
	const action = "ListRoleAssignments"
	return paginate(ctx, action, func(ctx context.Context, token string) ([]RoleAssignment, wirePage, error) {
		req := listRoleAssignmentsRequest{
			ZoneId:              in.ZoneID,
			RoleConfigurationId: in.RoleConfigurationID,
			MaxResults:          pageSize,
			NextToken:           token,
			TargetType:          in.TargetType,
			TargetUin:           in.TargetUin,
			PrincipalType:       in.PrincipalType,
			PrincipalId:         in.PrincipalID,
			Filter:              in.Filter,
		}
		var out listRoleAssignmentsResponse
		if err := c.call(ctx, action, req, &out, idempotent); err != nil {
			return nil, wirePage{}, err
		}
		items, err := convertAll(action, "assignment", out.RoleAssignments, (*wireRoleAssignment).toRoleAssignment,
			func(w *wireRoleAssignment) string {
				return fmt.Sprintf("of %s to %s %s on %d", w.RoleConfigurationId, w.PrincipalType, w.PrincipalId, w.TargetUin)
			})
		return items, out.wirePage, err
	})
}

// ListRoleAssignments returns every role assignment matching in.
func (c *Client) ListRoleAssignments(ctx context.Context, in ListRoleAssignmentsInput) ([]RoleAssignment, error) {
	return collect(c.RoleAssignments(ctx, in))
}

// GetRoleAssignment returns one role assignment (there is no GetRoleAssignment action: it lists
// by all five key fields and matches them again here, so that one assignment never stands for
// another); ErrNotFound when it does not exist.
func (c *Client) GetRoleAssignment(ctx context.Context, zoneID string, key RoleAssignmentKey) (*RoleAssignment, error) {
	list := ListRoleAssignmentsInput{
		ZoneID: zoneID, RoleConfigurationID: key.RoleConfigurationID, TargetType: key.TargetType, TargetUin: key.TargetUin,
		PrincipalType: key.PrincipalType, PrincipalID: key.PrincipalID,
	}
	for a, err := range c.RoleAssignments(ctx, list) {
		if err != nil {
			return nil, err
		}
		if a.key() == key {
			return &a, nil
		}
	}
	return nil, fmt.Errorf("role assignment of %s to %s %s on %s %d in zone %s: %w",
		key.RoleConfigurationID, key.PrincipalType, key.PrincipalID, key.TargetType, key.TargetUin, zoneID, ErrNotFound)
}

func (a *RoleAssignment) key() RoleAssignmentKey {
	return RoleAssignmentKey{
		RoleConfigurationID: a.RoleConfigurationID, TargetType: a.TargetType, TargetUin: a.TargetUin,
		PrincipalType: a.PrincipalType, PrincipalID: a.PrincipalID,
	}
}
