package idcsim

import (
	"strconv"
	"strings"
	"time"
)

// Deployments of role configurations to accounts, identity-center-authorization-api.md §4: one
// provisioning row per (role configuration, target), made or removed by a task when it succeeds.

const (
	deployDeployed = "Deployed"
	deployRequired = "DeployedRequired"
	deployFailed   = "DeployFailed"
)

type provisioning struct {
	RoleConfigurationId string
	TargetType          string
	TargetUin           int64
	DeploymentStatus    string
	CreateTime          time.Time
	UpdateTime          time.Time
}

func formatUin(uin int64) string { return strconv.FormatInt(uin, 10) }

func provisioningKey(rcID, targetType string, uin int64) string {
	return rcID + "/" + targetType + "/" + formatUin(uin)
}

func (p *provisioning) key() string {
	return provisioningKey(p.RoleConfigurationId, p.TargetType, p.TargetUin)
}

func (st *store) putProvisioningLocked(p *provisioning) {
	st.provisionings[p.key()] = p
	st.provOrder.insert(keyOf(p.CreateTime, p.key()))
}

func (st *store) deleteProvisioningLocked(key string) {
	if p, ok := st.provisionings[key]; ok {
		delete(st.provisionings, key)
		st.provOrder.remove(keyOf(p.CreateTime, key))
	}
}

func (st *store) provisioningCountLocked(rcID string) int {
	n := 0
	for _, p := range st.provisionings {
		if p.RoleConfigurationId == rcID {
			n++
		}
	}
	return n
}

// deployedToLocked reports whether the role configuration has a provisioning row on the account.
func (st *store) deployedToLocked(rcID string, uin int64) bool {
	for _, p := range st.provisionings {
		if p.RoleConfigurationId == rcID && p.TargetUin == uin {
			return true
		}
	}
	return false
}

// redeployRequiredLocked records a change that deployments carry: Deployed rows of the role
// configuration become DeployedRequired (§1.4 rule 2), and running provisioning tasks will end so.
func (st *store) redeployRequiredLocked(rc *roleConfiguration, now time.Time) {
	rc.Revision++
	for _, p := range st.provisionings {
		if p.RoleConfigurationId == rc.RoleConfigurationId && p.DeploymentStatus == deployDeployed {
			p.DeploymentStatus = deployRequired
			p.UpdateTime = now
		}
	}
}

type provisionRequest struct {
	ZoneId              *string `json:"ZoneId" req:"true"`
	RoleConfigurationId *string `json:"RoleConfigurationId" req:"true"`
	TargetType          *string `json:"TargetType" req:"true"`
	TargetUin           *int64  `json:"TargetUin" req:"true"`
}

type provisioningTaskResponse struct {
	Task roleProvisioningsTask
}

// provisionRoleConfiguration deploys or redeploys; on an up-to-date deployment it is a task that
// succeeds and changes nothing (inferred). A second task on the same target while one runs is
// refused (inferred).
func provisionRoleConfiguration(c *call, req *provisionRequest) (any, *apiError) {
	rc, target, err := c.provisioningTarget(req)
	if err != nil {
		return nil, err
	}
	t := &task{
		TaskType:              taskTypeProvision,
		RoleConfigurationId:   rc.RoleConfigurationId,
		RoleConfigurationName: rc.RoleConfigurationName,
		TargetType:            str(req.TargetType),
		TargetUin:             target.Uin,
		Revision:              rc.Revision,
	}
	c.startTaskLocked(t)
	return provisioningTaskResponse{Task: toRoleProvisioningsTask(t)}, nil
}

func (c *call) provisioningTarget(req *provisionRequest) (*roleConfiguration, *orgAccount, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, nil, err
	}
	// Provision and Dismantle list no code for an unknown role configuration (§15); the one the
	// other actions use is the plausible answer.
	rc, err := c.roleConfiguration(req.RoleConfigurationId)
	if err != nil {
		return nil, nil, err
	}
	target, err := c.target(req.TargetType, req.TargetUin)
	if err != nil {
		return nil, nil, err
	}
	if t := c.st.pendingTaskForLocked(rc.RoleConfigurationId, str(req.TargetType), target.Uin); t != nil {
		return nil, nil, errf(codeProvisioningStatusError, "The task %s (%s) on account %d is still in progress; wait for it to finish.", t.TaskId, t.TaskType, target.Uin)
	}
	return rc, target, nil
}

// dismantleRoleConfiguration undeploys. It needs a provisioning row (in any status) and no
// assignments on that account (§1.4 rule 3).
func dismantleRoleConfiguration(c *call, req *provisionRequest) (any, *apiError) {
	rc, target, err := c.provisioningTarget(req)
	if err != nil {
		return nil, err
	}
	targetType := str(req.TargetType)
	if _, ok := c.st.provisionings[provisioningKey(rc.RoleConfigurationId, targetType, target.Uin)]; !ok {
		return nil, errf(codeProvisioningNotFound, "The role configuration %s is not deployed to account %d.", rc.RoleConfigurationId, target.Uin)
	}
	if n := c.st.assignmentCountLocked(rc.RoleConfigurationId, targetType, target.Uin); n > 0 {
		return nil, errf(codeRoleAuthorizationExist, "The role configuration %s still has %d role assignments on account %d; delete them first.", rc.RoleConfigurationId, n, target.Uin)
	}
	t := &task{
		TaskType:              taskTypeDeprovision,
		RoleConfigurationId:   rc.RoleConfigurationId,
		RoleConfigurationName: rc.RoleConfigurationName,
		TargetType:            targetType,
		TargetUin:             target.Uin,
		Revision:              rc.Revision,
	}
	c.startTaskLocked(t)
	return provisioningTaskResponse{Task: toRoleProvisioningsTask(t)}, nil
}

type listProvisioningsRequest struct {
	ZoneId              *string `json:"ZoneId" req:"true"`
	RoleConfigurationId *string `json:"RoleConfigurationId"`
	MaxResults          *int64  `json:"MaxResults"`
	NextToken           *string `json:"NextToken"`
	TargetType          *string `json:"TargetType"`
	TargetUin           *int64  `json:"TargetUin"`
	DeploymentStatus    *string `json:"DeploymentStatus"`
	Filter              *string `json:"Filter"`
}

type roleConfigurationProvisionings struct {
	DeploymentStatus      string
	RoleConfigurationId   string
	RoleConfigurationName string
	TargetUin             int64
	TargetName            string
	CreateTime            string
	UpdateTime            string
	TargetType            string
}

type listProvisioningsResponse struct {
	NextToken                      string `json:",omitempty"`
	TotalCounts                    int
	MaxResults                     int
	IsTruncated                    bool
	RoleConfigurationProvisionings []roleConfigurationProvisionings
}

func listRoleConfigurationProvisionings(c *call, req *listProvisioningsRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	for _, e := range []*apiError{
		checkOptionalEnum("TargetType", req.TargetType, targetManagerUin, targetMemberUin),
		checkOptionalEnum("DeploymentStatus", req.DeploymentStatus, deployDeployed, deployRequired, deployFailed),
	} {
		if e != nil {
			return nil, e
		}
	}
	q, aerr := c.parseListQuery("ListRoleConfigurationProvisionings", pagingParams{MaxResults: req.MaxResults, NextToken: req.NextToken},
		str(req.RoleConfigurationId), str(req.TargetType), req.TargetUin, str(req.DeploymentStatus), str(req.Filter))
	if aerr != nil {
		return nil, aerr
	}
	eq := func(want *string, got string) bool { return want == nil || *want == got }
	needle := strings.ToLower(strings.TrimSpace(str(req.Filter)))
	match := func(k sortKey) bool {
		p := c.st.provisionings[k.ID]
		return eq(req.RoleConfigurationId, p.RoleConfigurationId) && eq(req.TargetType, p.TargetType) &&
			(req.TargetUin == nil || *req.TargetUin == p.TargetUin) && eq(req.DeploymentStatus, p.DeploymentStatus) &&
			(needle == "" || strings.Contains(strings.ToLower(c.st.roleConfigs[p.RoleConfigurationId].RoleConfigurationName), needle))
	}
	pg := c.st.provOrder.paginate(pageRequest{After: q.after, Limit: q.limit, Match: match})
	items := make([]roleConfigurationProvisionings, 0, len(pg.Keys))
	for _, k := range pg.Keys {
		p := c.st.provisionings[k.ID]
		name := ""
		if a := c.st.org.account(p.TargetUin); a != nil {
			name = a.Name
		}
		items = append(items, roleConfigurationProvisionings{
			DeploymentStatus:      p.DeploymentStatus,
			RoleConfigurationId:   p.RoleConfigurationId,
			RoleConfigurationName: c.st.roleConfigs[p.RoleConfigurationId].RoleConfigurationName,
			TargetUin:             p.TargetUin,
			TargetName:            name,
			CreateTime:            apiTime(p.CreateTime),
			UpdateTime:            apiTime(p.UpdateTime),
			TargetType:            p.TargetType,
		})
	}
	return listProvisioningsResponse{NextToken: c.nextToken(q, pg), TotalCounts: pg.Total, MaxResults: q.limit, IsTruncated: pg.Truncated, RoleConfigurationProvisionings: items}, nil
}
