package idcsim

import (
	"strings"
	"time"
)

// Role assignments, identity-center-authorization-api.md §5: a principal (user or group) holds a
// role configuration on an account. Creating and deleting are tasks (§6); the assignment exists
// once its CreateRoleAssignment task succeeded and is gone once its DeleteRoleAssignment task did.

const (
	principalUser  = "User"
	principalGroup = "Group"

	deprovisionLast = "DeprovisionForLastRoleAssignmentOnAccount"
	deprovisionNone = "None"

	// maxAssignmentsPerCreate is CreateRoleAssignment's documented limit (§5.1, §10).
	maxAssignmentsPerCreate = 50
)

type roleAssignment struct {
	RoleConfigurationId string
	TargetType          string
	TargetUin           int64
	PrincipalType       string
	PrincipalId         string
	CreateTime          time.Time
	UpdateTime          time.Time
}

func assignmentKey(rcID, targetType string, uin int64, principalType, principalID string) string {
	return provisioningKey(rcID, targetType, uin) + "/" + principalType + "/" + principalID
}

func (a *roleAssignment) key() string {
	return assignmentKey(a.RoleConfigurationId, a.TargetType, a.TargetUin, a.PrincipalType, a.PrincipalId)
}

func (t *task) assignmentKey() string {
	return assignmentKey(t.RoleConfigurationId, t.TargetType, t.TargetUin, t.PrincipalType, t.PrincipalId)
}

func (st *store) putAssignmentLocked(a *roleAssignment) {
	st.assignments[a.key()] = a
	st.asgOrder.insert(keyOf(a.CreateTime, a.key()))
}

func (st *store) deleteAssignmentLocked(key string) {
	if a, ok := st.assignments[key]; ok {
		delete(st.assignments, key)
		st.asgOrder.remove(keyOf(a.CreateTime, key))
	}
}

// assignmentCountLocked counts the assignments of the role configuration on the target, those
// whose CreateRoleAssignment task still runs included (§1.4 rule 3).
func (st *store) assignmentCountLocked(rcID, targetType string, uin int64) int {
	n := 0
	for _, a := range st.assignments {
		if a.RoleConfigurationId == rcID && a.TargetType == targetType && a.TargetUin == uin {
			n++
		}
	}
	for _, id := range st.pendingTasks {
		t := st.tasks[id]
		if t.TaskType == taskTypeCreateRA && t.RoleConfigurationId == rcID && t.TargetType == targetType && t.TargetUin == uin {
			n++
		}
	}
	return n
}

func (st *store) rcAssignmentCountLocked(rcID string) int {
	n := 0
	for _, a := range st.assignments {
		if a.RoleConfigurationId == rcID {
			n++
		}
	}
	return n
}

// principalAssignedLocked reports whether the principal holds the role configuration on the
// account (ListRoleConfigurations' FilterTargets with PrincipalId).
func (st *store) principalAssignedLocked(rcID string, uin int64, principalID string) bool {
	for _, a := range st.assignments {
		if a.RoleConfigurationId == rcID && a.TargetUin == uin && a.PrincipalId == principalID {
			return true
		}
	}
	return false
}

// principalAssignmentCountLocked counts the assignments a user or group holds, those being
// created included (§1.4 rule 5).
func (st *store) principalAssignmentCountLocked(principalID string) int {
	n := 0
	for _, a := range st.assignments {
		if a.PrincipalId == principalID {
			n++
		}
	}
	for _, id := range st.pendingTasks {
		if t := st.tasks[id]; t.TaskType == taskTypeCreateRA && t.PrincipalId == principalID {
			n++
		}
	}
	return n
}

func (st *store) principalExistsLocked(principalType, id string) bool {
	if principalType == principalUser {
		_, ok := st.users[id]
		return ok
	}
	_, ok := st.groups[id]
	return ok
}

// dropPrincipalAssignmentsLocked removes a principal's assignments when SCIM deletes it: the IdP
// is the source of truth there and the SCIM protocol has no error for "still assigned".
func (st *store) dropPrincipalAssignmentsLocked(principalID string) {
	for key, a := range st.assignments {
		if a.PrincipalId == principalID {
			st.deleteAssignmentLocked(key)
		}
	}
}

// pendingAssignmentTaskLocked returns a running task on the assignment, or nil.
func (st *store) pendingAssignmentTaskLocked(key string) *task {
	for _, id := range st.pendingTasks {
		t := st.tasks[id]
		if (t.TaskType == taskTypeCreateRA || t.TaskType == taskTypeDeleteRA) && t.assignmentKey() == key {
			return t
		}
	}
	return nil
}

// finishAssignmentTaskLocked applies a successful assignment task.
func (st *store) finishAssignmentTaskLocked(t *task, now time.Time) {
	switch t.TaskType {
	case taskTypeCreateRA:
		if _, ok := st.roleConfigs[t.RoleConfigurationId]; !ok {
			return
		}
		st.putAssignmentLocked(&roleAssignment{
			RoleConfigurationId: t.RoleConfigurationId,
			TargetType:          t.TargetType,
			TargetUin:           t.TargetUin,
			PrincipalType:       t.PrincipalType,
			PrincipalId:         t.PrincipalId,
			CreateTime:          now,
			UpdateTime:          now,
		})
		// §1.4 rule 1: assigning deploys where the configuration is not deployed yet.
		key := provisioningKey(t.RoleConfigurationId, t.TargetType, t.TargetUin)
		if _, ok := st.provisionings[key]; !ok {
			st.putProvisioningLocked(&provisioning{RoleConfigurationId: t.RoleConfigurationId, TargetType: t.TargetType, TargetUin: t.TargetUin,
				DeploymentStatus: deployDeployed, CreateTime: now, UpdateTime: now})
		}
	case taskTypeDeleteRA:
		st.deleteAssignmentLocked(t.assignmentKey())
		if t.Deprovision && st.assignmentCountLocked(t.RoleConfigurationId, t.TargetType, t.TargetUin) == 0 {
			st.deleteProvisioningLocked(provisioningKey(t.RoleConfigurationId, t.TargetType, t.TargetUin))
		}
	}
}

type roleAssignmentInfo struct {
	PrincipalId         *string `json:"PrincipalId" req:"true"`
	PrincipalType       *string `json:"PrincipalType" req:"true"`
	TargetUin           *int64  `json:"TargetUin" req:"true"`
	TargetType          *string `json:"TargetType" req:"true"`
	RoleConfigurationId *string `json:"RoleConfigurationId" req:"true"`
}

type createRoleAssignmentRequest struct {
	ZoneId             *string              `json:"ZoneId" req:"true"`
	RoleAssignmentInfo []roleAssignmentInfo `json:"RoleAssignmentInfo"`
}

type createRoleAssignmentResponse struct {
	Tasks []taskInfo
}

// principal checks that a user or group of the zone exists and returns its name.
func (c *call) principal(principalType, id string) (string, *apiError) {
	if err := checkEnum(codeParamError, "PrincipalType", principalType, principalUser, principalGroup); err != nil {
		return "", err
	}
	if principalType == principalUser {
		u, ok := c.st.users[id]
		if !ok {
			return "", errf(codeUserNotExist, "The user %s does not exist.", id)
		}
		return u.UserName, nil
	}
	g, ok := c.st.groups[id]
	if !ok {
		return "", errf(codeGroupNotExist, "The group %s does not exist.", id)
	}
	return g.GroupName, nil
}

// createRoleAssignment checks every entry before starting anything: one bad entry refuses the
// whole request (inferred). Each entry gets its own task.
func createRoleAssignment(c *call, req *createRoleAssignmentRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	if len(req.RoleAssignmentInfo) == 0 {
		return nil, errf(codeMissingParameter, "The parameter `RoleAssignmentInfo` is missing.")
	}
	if len(req.RoleAssignmentInfo) > maxAssignmentsPerCreate {
		return nil, errf(codeCreateAssignmentLimit, "At most %d role assignments may be created in one request.", maxAssignmentsPerCreate)
	}
	var tasks []*task
	seen := map[string]bool{}
	for _, info := range req.RoleAssignmentInfo {
		rc, err := c.roleConfiguration(info.RoleConfigurationId)
		if err != nil {
			return nil, err
		}
		target, err := c.target(info.TargetType, info.TargetUin)
		if err != nil {
			return nil, err
		}
		if _, err := c.principal(*info.PrincipalType, *info.PrincipalId); err != nil {
			return nil, err
		}
		key := assignmentKey(rc.RoleConfigurationId, *info.TargetType, target.Uin, *info.PrincipalType, *info.PrincipalId)
		if _, ok := c.st.assignments[key]; ok || seen[key] || c.st.pendingAssignmentTaskLocked(key) != nil {
			return nil, errf(codeAuthorizationAlreadyExist, "%s %s already holds role configuration %s on account %d.", *info.PrincipalType, *info.PrincipalId, rc.RoleConfigurationId, target.Uin)
		}
		seen[key] = true
		tasks = append(tasks, &task{
			TaskType:              taskTypeCreateRA,
			RoleConfigurationId:   rc.RoleConfigurationId,
			RoleConfigurationName: rc.RoleConfigurationName,
			TargetType:            *info.TargetType,
			TargetUin:             target.Uin,
			PrincipalType:         *info.PrincipalType,
			PrincipalId:           *info.PrincipalId,
			Revision:              rc.Revision,
		})
	}
	out := createRoleAssignmentResponse{Tasks: make([]taskInfo, 0, len(tasks))}
	for _, t := range tasks {
		c.startTaskLocked(t)
		out.Tasks = append(out.Tasks, toTaskInfo(t))
	}
	return out, nil
}

type deleteRoleAssignmentRequest struct {
	ZoneId              *string `json:"ZoneId" req:"true"`
	RoleConfigurationId *string `json:"RoleConfigurationId" req:"true"`
	TargetType          *string `json:"TargetType" req:"true"`
	TargetUin           *int64  `json:"TargetUin" req:"true"`
	PrincipalType       *string `json:"PrincipalType" req:"true"`
	PrincipalId         *string `json:"PrincipalId" req:"true"`
	DeprovisionStrategy *string `json:"DeprovisionStrategy"`
}

type deleteRoleAssignmentResponse struct {
	Task taskInfo
}

func deleteRoleAssignment(c *call, req *deleteRoleAssignmentRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	if err := checkOptionalEnum("DeprovisionStrategy", req.DeprovisionStrategy, deprovisionLast, deprovisionNone); err != nil {
		return nil, err
	}
	if err := checkEnum(codeParamError, "TargetType", *req.TargetType, targetManagerUin, targetMemberUin); err != nil {
		return nil, err
	}
	if err := checkEnum(codeParamError, "PrincipalType", *req.PrincipalType, principalUser, principalGroup); err != nil {
		return nil, err
	}
	key := assignmentKey(*req.RoleConfigurationId, *req.TargetType, *req.TargetUin, *req.PrincipalType, *req.PrincipalId)
	if t := c.st.pendingAssignmentTaskLocked(key); t != nil {
		return nil, errf(codeProvisioningStatusError, "The task %s on this role assignment is still in progress; wait for it to finish.", t.TaskId)
	}
	if _, ok := c.st.assignments[key]; !ok {
		return nil, errf(codeRoleAuthorizationNotFound, "%s %s does not hold role configuration %s on account %d.", *req.PrincipalType, *req.PrincipalId, *req.RoleConfigurationId, *req.TargetUin)
	}
	rc := c.st.roleConfigs[*req.RoleConfigurationId]
	t := &task{
		TaskType:              taskTypeDeleteRA,
		RoleConfigurationId:   rc.RoleConfigurationId,
		RoleConfigurationName: rc.RoleConfigurationName,
		TargetType:            *req.TargetType,
		TargetUin:             *req.TargetUin,
		PrincipalType:         *req.PrincipalType,
		PrincipalId:           *req.PrincipalId,
		Revision:              rc.Revision,
		Deprovision:           str(req.DeprovisionStrategy) == deprovisionLast,
	}
	c.startTaskLocked(t)
	return deleteRoleAssignmentResponse{Task: toTaskInfo(t)}, nil
}

type listRoleAssignmentsRequest struct {
	ZoneId              *string `json:"ZoneId" req:"true"`
	RoleConfigurationId *string `json:"RoleConfigurationId"`
	MaxResults          *int64  `json:"MaxResults"`
	NextToken           *string `json:"NextToken"`
	TargetType          *string `json:"TargetType"`
	TargetUin           *int64  `json:"TargetUin"`
	PrincipalType       *string `json:"PrincipalType"`
	PrincipalId         *string `json:"PrincipalId"`
	Filter              *string `json:"Filter"`
}

type roleAssignmentItem struct {
	RoleConfigurationId   string
	RoleConfigurationName string
	TargetUin             int64
	TargetType            string
	PrincipalId           string
	PrincipalType         string
	PrincipalName         string
	CreateTime            string
	UpdateTime            string
	TargetName            string
}

type listRoleAssignmentsResponse struct {
	NextToken       string `json:",omitempty"`
	TotalCounts     int
	MaxResults      int
	IsTruncated     bool
	RoleAssignments []roleAssignmentItem
}

// listRoleAssignments filters on the stored principal: a user's assignments through a group are
// not listed under the user (inferred).
func listRoleAssignments(c *call, req *listRoleAssignmentsRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	for _, e := range []*apiError{
		checkOptionalEnum("TargetType", req.TargetType, targetManagerUin, targetMemberUin),
		checkOptionalEnum("PrincipalType", req.PrincipalType, principalUser, principalGroup),
	} {
		if e != nil {
			return nil, e
		}
	}
	q, aerr := c.parseListQuery("ListRoleAssignments", pagingParams{MaxResults: req.MaxResults, NextToken: req.NextToken},
		str(req.RoleConfigurationId), str(req.TargetType), req.TargetUin, str(req.PrincipalType), str(req.PrincipalId), str(req.Filter))
	if aerr != nil {
		return nil, aerr
	}
	eq := func(want *string, got string) bool { return want == nil || *want == got }
	needle := strings.ToLower(strings.TrimSpace(str(req.Filter)))
	match := func(k sortKey) bool {
		a := c.st.assignments[k.ID]
		return eq(req.RoleConfigurationId, a.RoleConfigurationId) && eq(req.TargetType, a.TargetType) &&
			(req.TargetUin == nil || *req.TargetUin == a.TargetUin) && eq(req.PrincipalType, a.PrincipalType) && eq(req.PrincipalId, a.PrincipalId) &&
			(needle == "" || strings.Contains(strings.ToLower(c.st.roleConfigs[a.RoleConfigurationId].RoleConfigurationName), needle))
	}
	pg := c.st.asgOrder.paginate(pageRequest{After: q.after, Limit: q.limit, Match: match})
	items := make([]roleAssignmentItem, 0, len(pg.Keys))
	for _, k := range pg.Keys {
		a := c.st.assignments[k.ID]
		principalName, _ := c.principal(a.PrincipalType, a.PrincipalId)
		targetName := ""
		if acct := c.st.org.account(a.TargetUin); acct != nil {
			targetName = acct.Name
		}
		items = append(items, roleAssignmentItem{
			RoleConfigurationId:   a.RoleConfigurationId,
			RoleConfigurationName: c.st.roleConfigs[a.RoleConfigurationId].RoleConfigurationName,
			TargetUin:             a.TargetUin,
			TargetType:            a.TargetType,
			PrincipalId:           a.PrincipalId,
			PrincipalType:         a.PrincipalType,
			PrincipalName:         principalName,
			CreateTime:            apiTime(a.CreateTime),
			UpdateTime:            apiTime(a.UpdateTime),
			TargetName:            targetName,
		})
	}
	return listRoleAssignmentsResponse{NextToken: c.nextToken(q, pg), TotalCounts: pg.Total, MaxResults: q.limit, IsTruncated: pg.Truncated, RoleAssignments: items}, nil
}
