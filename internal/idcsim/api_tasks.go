package idcsim

import (
	"slices"
	"strings"
	"time"
)

// Asynchronous tasks, identity-center-authorization-api.md §6: a task is InProgress for
// Options.TaskDelay, then ends Success, or Failed with a FailureReason when a task-failure fault
// picked it. Tasks settle lazily, at the start of the first request after they are due, so that a
// test clock drives them like everything else.

const (
	taskInProgress = "InProgress"
	taskSuccess    = "Success"
	taskFailed     = "Failed"

	taskTypeProvision   = "ProvisionRoleConfiguration"
	taskTypeDeprovision = "DeprovisionRoleConfiguration"
	taskTypeCreateRA    = "CreateRoleAssignment"
	taskTypeDeleteRA    = "DeleteRoleAssignment"
)

// task is one asynchronous task with what it will do when it finishes.
type task struct {
	TaskId                string
	TaskType              string
	RoleConfigurationId   string
	RoleConfigurationName string
	TargetType            string
	TargetUin             int64
	PrincipalId           string `json:",omitempty"`
	PrincipalType         string `json:",omitempty"`
	Status                string
	FailureReason         string `json:",omitempty"`
	// Revision is the role configuration's revision when the task started (see roleConfiguration).
	Revision int64 `json:",omitempty"`
	// WillFail is decided when the task starts (a task-failure fault).
	WillFail bool `json:",omitempty"`
	// Deprovision is DeleteRoleAssignment's DeprovisionForLastRoleAssignmentOnAccount.
	Deprovision bool `json:",omitempty"`
	CreateTime  time.Time
	DueTime     time.Time
	EndTime     time.Time `json:",omitzero"`
}

func (st *store) addTaskLocked(t *task) {
	st.tasks[t.TaskId] = t
	st.taskOrder.insert(keyOf(t.CreateTime, t.TaskId))
	if t.Status == taskInProgress {
		st.pendingTasks = append(st.pendingTasks, t.TaskId)
	}
}

// startTaskLocked records a new InProgress task. fail says whether it will end Failed.
func (c *call) startTaskLocked(t *task) {
	t.TaskId = randomID("t-")
	t.Status = taskInProgress
	t.CreateTime = c.now
	t.DueTime = c.now.Add(c.taskDelay)
	t.WillFail = c.taskFails()
	c.st.addTaskLocked(t)
}

// pendingTaskForLocked returns a task still InProgress on the role configuration (and, when
// targetType is not "", on that target), or nil.
func (st *store) pendingTaskForLocked(rcID, targetType string, uin int64) *task {
	for _, id := range st.pendingTasks {
		t := st.tasks[id]
		if t.RoleConfigurationId == rcID && (targetType == "" || (t.TargetType == targetType && t.TargetUin == uin)) {
			return t
		}
	}
	return nil
}

// settleTasksLocked finishes every task due by now and reports whether any was.
func (st *store) settleTasksLocked(now time.Time) bool {
	changed := false
	st.pendingTasks = slices.DeleteFunc(st.pendingTasks, func(id string) bool {
		t := st.tasks[id]
		if now.Before(t.DueTime) {
			return false
		}
		// The task ended when it was due, whenever a request noticed.
		st.finishTaskLocked(t, t.DueTime)
		changed = true
		return true
	})
	return changed
}

// hasDueTasksLocked reports whether settleTasksLocked has work.
func (st *store) hasDueTasksLocked(now time.Time) bool {
	for _, id := range st.pendingTasks {
		if !now.Before(st.tasks[id].DueTime) {
			return true
		}
	}
	return false
}

func (st *store) finishTaskLocked(t *task, now time.Time) {
	t.EndTime = now
	if t.TaskType == taskTypeCreateRA && !t.WillFail && !st.principalExistsLocked(t.PrincipalType, t.PrincipalId) {
		t.Status = taskFailed
		t.FailureReason = "The " + strings.ToLower(t.PrincipalType) + " " + t.PrincipalId + " was deleted while the assignment was being created."
		return
	}
	if t.WillFail {
		t.Status = taskFailed
		t.FailureReason = "Simulated task failure (task-failure fault): the CAM role could not be updated in account " + formatUin(t.TargetUin) + "."
	} else {
		t.Status = taskSuccess
	}
	switch t.TaskType {
	case taskTypeCreateRA, taskTypeDeleteRA:
		if !t.WillFail {
			st.finishAssignmentTaskLocked(t, now)
		}
	case taskTypeProvision:
		rc := st.roleConfigs[t.RoleConfigurationId]
		status := deployDeployed
		switch {
		case t.WillFail:
			status = deployFailed
		case rc == nil:
			return
		case rc.Revision != t.Revision:
			status = deployRequired // edited while the task ran
		}
		// A failed (re)deploy leaves the row DeployFailed, whatever it was before (inferred).
		if p, ok := st.provisionings[provisioningKey(t.RoleConfigurationId, t.TargetType, t.TargetUin)]; ok {
			p.DeploymentStatus = status
			p.UpdateTime = now
			return
		}
		st.putProvisioningLocked(&provisioning{
			RoleConfigurationId: t.RoleConfigurationId,
			TargetType:          t.TargetType,
			TargetUin:           t.TargetUin,
			DeploymentStatus:    status,
			CreateTime:          now,
			UpdateTime:          now,
		})
	case taskTypeDeprovision:
		if !t.WillFail {
			st.deleteProvisioningLocked(provisioningKey(t.RoleConfigurationId, t.TargetType, t.TargetUin))
		}
	}
}

// settleTasks finishes due tasks before a request runs, writing the state file when it did.
func (s *Server) settleTasks() error {
	st := s.store
	now := s.now()
	st.mu.RLock()
	due := st.hasDueTasksLocked(now)
	st.mu.RUnlock()
	if !due {
		return nil
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.settleTasksLocked(now) {
		return st.persistLocked()
	}
	return nil
}

type roleProvisioningsTask struct {
	TaskId                string
	RoleConfigurationId   string
	RoleConfigurationName string
	TargetUin             int64
	TargetType            string
	TaskType              string
	TaskStatus            string
}

func toRoleProvisioningsTask(t *task) roleProvisioningsTask {
	return roleProvisioningsTask{
		TaskId:                t.TaskId,
		RoleConfigurationId:   t.RoleConfigurationId,
		RoleConfigurationName: t.RoleConfigurationName,
		TargetUin:             t.TargetUin,
		TargetType:            t.TargetType,
		TaskType:              t.TaskType,
		TaskStatus:            t.Status,
	}
}

// taskInfo is the API's TaskInfo (assignment tasks and ListTasks).
type taskInfo struct {
	TaskId                string
	RoleConfigurationId   string
	RoleConfigurationName string
	TargetUin             int64
	TargetType            string
	PrincipalId           string
	PrincipalType         string
	TaskType              string
	Status                string
	FailureReason         string `json:",omitempty"`
}

func toTaskInfo(t *task) taskInfo {
	return taskInfo{
		TaskId:                t.TaskId,
		RoleConfigurationId:   t.RoleConfigurationId,
		RoleConfigurationName: t.RoleConfigurationName,
		TargetUin:             t.TargetUin,
		TargetType:            t.TargetType,
		PrincipalId:           t.PrincipalId,
		PrincipalType:         t.PrincipalType,
		TaskType:              t.TaskType,
		Status:                t.Status,
		FailureReason:         t.FailureReason,
	}
}

type getTaskStatusRequest struct {
	ZoneId *string `json:"ZoneId" req:"true"`
	TaskId *string `json:"TaskId" req:"true"`
}

type taskStatus struct {
	Status        string
	TaskId        string
	TaskType      string
	FailureReason string `json:",omitempty"` // only when Failed, as the SDK says
}

type getTaskStatusResponse struct {
	TaskStatus taskStatus
}

func getTaskStatus(c *call, req *getTaskStatusRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	t, ok := c.st.tasks[str(req.TaskId)]
	if !ok {
		return nil, errf(codeRoleConfigurationTaskNotFound, "The task %s does not exist.", str(req.TaskId))
	}
	return getTaskStatusResponse{TaskStatus: taskStatus{Status: t.Status, TaskId: t.TaskId, TaskType: t.TaskType, FailureReason: t.FailureReason}}, nil
}

type listTasksRequest struct {
	ZoneId              *string `json:"ZoneId" req:"true"`
	PrincipalId         *string `json:"PrincipalId"`
	NextToken           *string `json:"NextToken"`
	MaxResults          *int64  `json:"MaxResults"`
	PrincipalType       *string `json:"PrincipalType"`
	TargetUin           *int64  `json:"TargetUin"`
	TargetType          *string `json:"TargetType"`
	RoleConfigurationId *string `json:"RoleConfigurationId"`
	Status              *string `json:"Status"`
	TaskType            *string `json:"TaskType"`
}

type listTasksResponse struct {
	NextToken   string `json:",omitempty"`
	TotalCounts int
	MaxResults  int
	IsTruncated bool
	Tasks       []taskInfo
}

func checkOptionalEnum(field string, v *string, allowed ...string) *apiError {
	if v == nil {
		return nil
	}
	return checkEnum(codeParamError, field, *v, allowed...)
}

// listTasks lists every task, provisioning tasks included (with empty principal fields), oldest
// first.
func listTasks(c *call, req *listTasksRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	for _, e := range []*apiError{
		checkOptionalEnum("PrincipalType", req.PrincipalType, "User", "Group"),
		checkOptionalEnum("TargetType", req.TargetType, targetManagerUin, targetMemberUin),
		checkOptionalEnum("Status", req.Status, taskInProgress, taskSuccess, taskFailed),
		checkOptionalEnum("TaskType", req.TaskType, taskTypeProvision, taskTypeDeprovision, taskTypeCreateRA, taskTypeDeleteRA),
	} {
		if e != nil {
			return nil, e
		}
	}
	q, aerr := c.parseListQuery("ListTasks", pagingParams{MaxResults: req.MaxResults, NextToken: req.NextToken},
		str(req.PrincipalId), str(req.PrincipalType), req.TargetUin, str(req.TargetType), str(req.RoleConfigurationId), str(req.Status), str(req.TaskType))
	if aerr != nil {
		return nil, aerr
	}
	eq := func(want *string, got string) bool { return want == nil || *want == got }
	match := func(k sortKey) bool {
		t := c.st.tasks[k.ID]
		return eq(req.PrincipalId, t.PrincipalId) && eq(req.PrincipalType, t.PrincipalType) &&
			(req.TargetUin == nil || *req.TargetUin == t.TargetUin) && eq(req.TargetType, t.TargetType) &&
			eq(req.RoleConfigurationId, t.RoleConfigurationId) && eq(req.Status, t.Status) && eq(req.TaskType, t.TaskType)
	}
	pg := c.st.taskOrder.paginate(pageRequest{After: q.after, Limit: q.limit, Match: match})
	items := make([]taskInfo, 0, len(pg.Keys))
	for _, k := range pg.Keys {
		items = append(items, toTaskInfo(c.st.tasks[k.ID]))
	}
	return listTasksResponse{NextToken: c.nextToken(q, pg), TotalCounts: pg.Total, MaxResults: q.limit, IsTruncated: pg.Truncated, Tasks: items}, nil
}
