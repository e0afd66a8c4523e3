package idc

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Task polling: the first poll after a second, then doubling up to 10 s (the incumbent provider
// polls every 3 s; tasks usually end within a minute).
const (
	defaultTaskPollMin = time.Second
	defaultTaskPollMax = 10 * time.Second
)

// TaskFailedError reports a task that ended Failed, with the service's reason.
type TaskFailedError struct {
	ZoneID        string
	TaskID        string
	TaskType      string
	Status        string
	FailureReason string
}

func (e *TaskFailedError) Error() string {
	reason := e.FailureReason
	if reason == "" {
		reason = "the service gave no reason"
	}
	return fmt.Sprintf("task %s (%s) in zone %s ended %s: %s", e.TaskID, e.TaskType, e.ZoneID, e.Status, reason)
}

// Is makes errors.Is(err, ErrTaskFailed) true.
func (e *TaskFailedError) Is(target error) bool { return target == ErrTaskFailed }

// TaskNotFinishedError reports a wait that ended (its context's deadline or cancellation, Err)
// while the task was still running. The service answered, so the task is known to exist and
// not to have finished: it may still succeed or fail; poll it again rather than start another.
type TaskNotFinishedError struct {
	ZoneID string
	TaskID string
	// Status is the last status the service reported ("" if no poll was answered).
	Status string
	Err    error
}

func (e *TaskNotFinishedError) Error() string {
	status := e.Status
	if status == "" {
		status = "not yet reported"
	}
	return fmt.Sprintf("task %s in zone %s had not finished (status %s) when the wait ended: %v", e.TaskID, e.ZoneID, status, e.Err)
}

func (e *TaskNotFinishedError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrTaskNotFinished) true.
func (e *TaskNotFinishedError) Is(target error) bool { return target == ErrTaskNotFinished }

// GetTaskStatus returns a role configuration or role assignment task's status (TaskID,
// TaskType, Status, FailureReason); ErrNotFound when the task does not exist.
func (c *Client) GetTaskStatus(ctx context.Context, zoneID, taskID string) (*Task, error) {
	const action = "GetTaskStatus"
	var out getTaskStatusResponse
	if err := c.call(ctx, action, getTaskStatusRequest{ZoneId: zoneID, TaskId: taskID}, &out, idempotent); err != nil {
		return nil, err
	}
	if out.TaskStatus == nil {
		return nil, fmt.Errorf("%s: task %s in zone %s: %w", action, taskID, zoneID, ErrNotFound)
	}
	t := out.TaskStatus.toTask()
	return &t, nil
}

// WaitForTask polls GetTaskStatus until the task ends or ctx does; the first poll is at once,
// so a task whose start answer already said Failed is reported with the service's
// FailureReason (which only GetTaskStatus carries). It returns the task on
// Success, *TaskFailedError (ErrTaskFailed) on Failed, and *TaskNotFinishedError
// (ErrTaskNotFinished, and errors.Is(err, context.DeadlineExceeded) for a deadline) when ctx
// ends first. Statuses other than the documented three are waited on like InProgress.
func (c *Client) WaitForTask(ctx context.Context, zoneID, taskID string) (*Task, error) {
	poll := c.taskPollPolicy()
	last := ""
	for n := 0; ; n++ {
		t, err := c.GetTaskStatus(ctx, zoneID, taskID)
		switch {
		case err != nil && ctx.Err() != nil:
			return nil, &TaskNotFinishedError{ZoneID: zoneID, TaskID: taskID, Status: last, Err: context.Cause(ctx)}
		case err != nil:
			return nil, err
		case t.Status == TaskStatusSuccess:
			return t, nil
		case t.Status == TaskStatusFailed:
			return t, &TaskFailedError{ZoneID: zoneID, TaskID: taskID, TaskType: t.TaskType, Status: t.Status, FailureReason: t.FailureReason}
		case t.Status != TaskStatusInProgress:
			tflog.SubsystemWarn(ctx, LogSubsystem, "task status not documented, waiting as for InProgress",
				map[string]any{"task_id": taskID, "status": t.Status})
		}
		last = t.Status
		if err := sleepCtx(ctx, poll.backoff(n)); err != nil {
			return nil, &TaskNotFinishedError{ZoneID: zoneID, TaskID: taskID, Status: last, Err: err}
		}
	}
}

func (c *Client) taskPollPolicy() retryPolicy {
	p := c.taskPoll
	if p.minBackoff <= 0 {
		p.minBackoff = defaultTaskPollMin
	}
	if p.maxBackoff < p.minBackoff {
		p.maxBackoff = max(defaultTaskPollMax, p.minBackoff)
	}
	return p
}

// sleepCtx waits d, or returns the context's cause if it ends first.
func sleepCtx(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return context.Cause(ctx)
	case <-timer.C:
		return nil
	}
}

// Tasks iterates over the zone's role configuration and role assignment tasks matching in,
// fetching 100 per call.
func (c *Client) Tasks(ctx context.Context, in ListTasksInput) iter.Seq2[Task, error] {
	const action = "ListTasks"
	return paginate(ctx, action, func(ctx context.Context, token string) ([]Task, wirePage, error) {
		req := listTasksRequest{
			ZoneId:              in.ZoneID,
			PrincipalId:         in.PrincipalID,
			NextToken:           token,
			MaxResults:          pageSize,
			PrincipalType:       in.PrincipalType,
			TargetUin:           in.TargetUin,
			TargetType:          in.TargetType,
			RoleConfigurationId: in.RoleConfigurationID,
			Status:              in.Status,
			TaskType:            in.TaskType,
		}
		var out listTasksResponse
		if err := c.call(ctx, action, req, &out, idempotent); err != nil {
			return nil, wirePage{}, err
		}
		tasks := make([]Task, 0, len(out.Tasks))
		for i := range out.Tasks {
			tasks = append(tasks, out.Tasks[i].toTask())
		}
		return tasks, out.wirePage, nil
	})
}

// ListTasks returns every task matching in.
func (c *Client) ListTasks(ctx context.Context, in ListTasksInput) ([]Task, error) {
	return collect(c.Tasks(ctx, in))
}

// ProvisionRoleConfiguration deploys (or redeploys, after policy changes) a role configuration
// to an account and returns the started task; wait for it with WaitForTask.
//
// The call is never re-sent once the request may have reached the service, so that a lost
// answer cannot start a second deployment task: it returns *OutcomeUnknownError; look at
// ListRoleConfigurationProvisionings or ListTasks before trying again.
func (c *Client) ProvisionRoleConfiguration(ctx context.Context, in RoleTarget) (*Task, error) {
	return c.roleTargetTask(ctx, "ProvisionRoleConfiguration", in, notIdempotent)
}

// DismantleRoleConfiguration undeploys a role configuration from an account and returns the
// started task. The service refuses (ErrInUse) while role assignments use it there; a
// role configuration not deployed there is ErrNotFound, which a retry after a lost answer may
// also get.
func (c *Client) DismantleRoleConfiguration(ctx context.Context, in RoleTarget) (*Task, error) {
	return c.roleTargetTask(ctx, "DismantleRoleConfiguration", in, idempotent)
}

func (c *Client) roleTargetTask(ctx context.Context, action string, in RoleTarget, mode callMode) (*Task, error) {
	req := roleTargetRequest{
		ZoneId: in.ZoneID, RoleConfigurationId: in.RoleConfigurationID, TargetType: in.TargetType, TargetUin: in.TargetUin,
	}
	var out roleProvisioningTaskResponse
	if err := c.call(ctx, action, req, &out, mode); err != nil {
		return nil, err
	}
	if out.Task == nil || out.Task.TaskId == "" {
		err := fmt.Errorf("%s: the answer has no task for role configuration %s on %s %d", action, in.RoleConfigurationID, in.TargetType, in.TargetUin)
		if mode == notIdempotent {
			return nil, &OutcomeUnknownError{Action: action, Err: err}
		}
		return nil, err
	}
	t := out.Task.toTask()
	return &t, nil
}

// RoleConfigurationProvisionings iterates over the deployments matching in, fetching 100 per call.
func (c *Client) RoleConfigurationProvisionings(ctx context.Context, in ListProvisioningsInput) iter.Seq2[Provisioning, error] {
	const action = "ListRoleConfigurationProvisionings"
	return paginate(ctx, action, func(ctx context.Context, token string) ([]Provisioning, wirePage, error) {
		req := listRoleConfigurationProvisioningsRequest{
			ZoneId:              in.ZoneID,
			RoleConfigurationId: in.RoleConfigurationID,
			MaxResults:          pageSize,
			NextToken:           token,
			TargetType:          in.TargetType,
			TargetUin:           in.TargetUin,
			DeploymentStatus:    in.DeploymentStatus,
			Filter:              in.Filter,
		}
		var out listRoleConfigurationProvisioningsResponse
		if err := c.call(ctx, action, req, &out, idempotent); err != nil {
			return nil, wirePage{}, err
		}
		items, err := convertAll(action, "deployment", out.RoleConfigurationProvisionings,
			(*wireRoleConfigurationProvisioning).toProvisioning,
			func(w *wireRoleConfigurationProvisioning) string {
				return fmt.Sprintf("of %s on %d", w.RoleConfigurationId, w.TargetUin)
			})
		return items, out.wirePage, err
	})
}

// ListRoleConfigurationProvisionings returns every deployment matching in.
func (c *Client) ListRoleConfigurationProvisionings(ctx context.Context, in ListProvisioningsInput) ([]Provisioning, error) {
	return collect(c.RoleConfigurationProvisionings(ctx, in))
}

// GetRoleConfigurationProvisioning returns the deployment of a role configuration on one
// account; ErrNotFound when it is not deployed there. The listing is filtered by the service
// and matched again here, so that one deployment never stands for another.
func (c *Client) GetRoleConfigurationProvisioning(ctx context.Context, in RoleTarget) (*Provisioning, error) {
	list := ListProvisioningsInput{ZoneID: in.ZoneID, RoleConfigurationID: in.RoleConfigurationID, TargetType: in.TargetType, TargetUin: in.TargetUin}
	for p, err := range c.RoleConfigurationProvisionings(ctx, list) {
		if err != nil {
			return nil, err
		}
		if p.RoleConfigurationID == in.RoleConfigurationID && p.TargetType == in.TargetType && p.TargetUin == in.TargetUin {
			return &p, nil
		}
	}
	return nil, fmt.Errorf("deployment of role configuration %s on %s %d in zone %s: %w", in.RoleConfigurationID, in.TargetType, in.TargetUin, in.ZoneID, ErrNotFound)
}

// Batch polling: one ListTasks call reports up to 100 tasks, so polls can come sooner than
// WaitForTask's without costing more calls than the tasks they follow.
const (
	batchPollMin = 200 * time.Millisecond
	batchPollMax = 10 * time.Second
)

// TasksFailedError reports the tasks of a batch that ended Failed, each with the service's
// reason; the other tasks of the batch succeeded.
type TasksFailedError struct {
	Failed []TaskFailedError
}

func (e *TasksFailedError) Error() string {
	if len(e.Failed) == 1 {
		return e.Failed[0].Error()
	}
	return fmt.Sprintf("%d tasks failed, the first: %v", len(e.Failed), &e.Failed[0])
}

// Is makes errors.Is(err, ErrTaskFailed) true.
func (e *TasksFailedError) Is(target error) bool { return target == ErrTaskFailed }

// TasksNotFinishedError reports a batch wait that ended (Err) while tasks were still running.
type TasksNotFinishedError struct {
	ZoneID  string
	Pending []string // task IDs still InProgress at the last poll
	Err     error
}

func (e *TasksNotFinishedError) Error() string {
	return fmt.Sprintf("%d tasks in zone %s had not finished when the wait ended (%s): %v",
		len(e.Pending), e.ZoneID, strings.Join(firstN(e.Pending, 5), ", "), e.Err)
}

func (e *TasksNotFinishedError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrTaskNotFinished) true.
func (e *TasksNotFinishedError) Is(target error) bool { return target == ErrTaskNotFinished }

func firstN(s []string, n int) []string {
	if len(s) <= n {
		return s
	}
	return append(slices.Clone(s[:n]), fmt.Sprintf("and %d more", len(s)-n))
}

// WaitForTasks follows many tasks of one role configuration (CreateRoleAssignment's and
// DeleteRoleAssignment's) at once: instead of one GetTaskStatus per task, it lists the
// configuration's InProgress tasks, 100 per call, until none of tasks is among them, and then
// its Failed tasks for their reasons. ListTasks is documented to list these tasks (TaskInfo is
// its item); a task that has left the InProgress list and is not Failed has succeeded.
//
// It returns tasks with their final status, and *TasksFailedError (ErrTaskFailed) when any
// failed, or *TasksNotFinishedError (ErrTaskNotFinished; errors.Is(err,
// context.DeadlineExceeded) for a deadline) when ctx ends first. The first poll is at once.
func (c *Client) WaitForTasks(ctx context.Context, zoneID, roleConfigurationID string, tasks []Task) ([]Task, error) {
	out := slices.Clone(tasks)
	index := make(map[string]int, len(out))
	pending := make(map[string]bool, len(out))
	for i, t := range out {
		index[t.TaskID] = i
		if t.Status != TaskStatusFailed {
			pending[t.TaskID] = true
		}
	}
	poll := retryPolicy{minBackoff: batchPollMin, maxBackoff: batchPollMax}
	for n := 0; len(pending) > 0; n++ {
		running := map[string]bool{}
		for t, err := range c.Tasks(ctx, ListTasksInput{ZoneID: zoneID, RoleConfigurationID: roleConfigurationID, Status: TaskStatusInProgress}) {
			if err != nil {
				if ctx.Err() != nil {
					return out, &TasksNotFinishedError{ZoneID: zoneID, Pending: sortedKeys(pending), Err: context.Cause(ctx)}
				}
				return out, err
			}
			if pending[t.TaskID] {
				running[t.TaskID] = true
			}
		}
		for id := range pending {
			if !running[id] {
				delete(pending, id)
				out[index[id]].Status = TaskStatusSuccess // unless the Failed list below says otherwise
			}
		}
		if len(pending) == 0 {
			break
		}
		if err := sleepCtx(ctx, poll.backoff(n)); err != nil {
			return out, &TasksNotFinishedError{ZoneID: zoneID, Pending: sortedKeys(pending), Err: err}
		}
	}
	var failed []TaskFailedError
	for t, err := range c.Tasks(ctx, ListTasksInput{ZoneID: zoneID, RoleConfigurationID: roleConfigurationID, Status: TaskStatusFailed}) {
		if err != nil {
			return out, err
		}
		i, ours := index[t.TaskID]
		if !ours {
			continue
		}
		out[i].Status, out[i].FailureReason = TaskStatusFailed, t.FailureReason
		failed = append(failed, TaskFailedError{ZoneID: zoneID, TaskID: t.TaskID, TaskType: t.TaskType, Status: t.Status, FailureReason: t.FailureReason})
	}
	// A task whose start answer said Failed but that the list did not show still failed.
	for i, t := range tasks {
		if t.Status == TaskStatusFailed && out[i].FailureReason == "" && !slices.ContainsFunc(failed, func(f TaskFailedError) bool { return f.TaskID == t.TaskID }) {
			failed = append(failed, TaskFailedError{ZoneID: zoneID, TaskID: t.TaskID, TaskType: t.TaskType, Status: t.Status, FailureReason: t.FailureReason})
		}
	}
	if len(failed) > 0 {
		return out, &TasksFailedError{Failed: failed}
	}
	return out, nil
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
