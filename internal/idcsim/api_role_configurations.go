package idcsim

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Role configurations (permission sets), identity-center-authorization-api.md §2.

const (
	defaultSessionDuration = 3600
	minSessionDuration     = 900
	maxSessionDuration     = 43200
)

var roleConfigurationNamePattern = regexp.MustCompile(`^[A-Za-z0-9-]{1,128}$`)

// roleConfiguration is a role configuration with its policies, in the order they were added.
type roleConfiguration struct {
	RoleConfigurationId   string
	RoleConfigurationName string
	Description           string
	SessionDuration       int64
	RelayState            string
	Policies              []*rolePolicy
	// Revision counts the changes that a deployment carries (policies, session duration, relay
	// state): a provisioning task started at an older revision ends DeployedRequired.
	Revision   int64
	CreateTime time.Time
	UpdateTime time.Time
}

// rolePolicy is one policy of a role configuration: a CAM system policy (by PolicyId) or the
// configuration's own custom policy (by name, with its document kept verbatim).
type rolePolicy struct {
	PolicyId   int64 `json:",omitempty"`
	PolicyName string
	PolicyType string // System or Custom
	Document   string `json:",omitempty"`
	AddTime    time.Time
}

func (rc *roleConfiguration) policyCount(policyType string) int {
	n := 0
	for _, p := range rc.Policies {
		if p.PolicyType == policyType {
			n++
		}
	}
	return n
}

// roleConfigurationInfo is the API's RoleConfiguration object.
type roleConfigurationInfo struct {
	RoleConfigurationId   string
	RoleConfigurationName string
	Description           string
	SessionDuration       int64
	RelayState            string
	CreateTime            string
	UpdateTime            string
	IsSelected            *bool `json:",omitempty"` // only when ListRoleConfigurations has FilterTargets
}

func toRoleConfigurationInfo(rc *roleConfiguration) roleConfigurationInfo {
	return roleConfigurationInfo{
		RoleConfigurationId:   rc.RoleConfigurationId,
		RoleConfigurationName: rc.RoleConfigurationName,
		Description:           rc.Description,
		SessionDuration:       rc.SessionDuration,
		RelayState:            rc.RelayState,
		CreateTime:            apiTime(rc.CreateTime),
		UpdateTime:            apiTime(rc.UpdateTime),
	}
}

type roleConfigurationInfoResponse struct {
	RoleConfigurationInfo roleConfigurationInfo
}

// addRoleConfigurationLocked indexes a role configuration after checking only uniqueness (see
// addUserLocked).
func (st *store) addRoleConfigurationLocked(rc *roleConfiguration) *apiError {
	if _, dup := st.roleConfigs[rc.RoleConfigurationId]; dup {
		return errf(codeInternalError, "role configuration ID %s is already taken.", rc.RoleConfigurationId)
	}
	name := strings.ToLower(rc.RoleConfigurationName)
	if _, dup := st.rcByName[name]; dup {
		return errf(codeConfigurationNameAlreadyExists, "A role configuration named %q already exists.", rc.RoleConfigurationName)
	}
	st.roleConfigs[rc.RoleConfigurationId] = rc
	st.rcByName[name] = rc.RoleConfigurationId
	st.rcOrder.insert(keyOf(rc.CreateTime, rc.RoleConfigurationId))
	return nil
}

func (c *call) roleConfiguration(id *string) (*roleConfiguration, *apiError) {
	rc, ok := c.st.roleConfigs[str(id)]
	if !ok {
		return nil, errf(codeRoleConfigurationNotExist, "The role configuration %s does not exist.", str(id))
	}
	return rc, nil
}

func checkSessionDuration(field string, d int64) *apiError {
	if d < minSessionDuration || d > maxSessionDuration {
		return errf(codeInvalidParameterValue, "%s must be between %d and %d seconds.", field, minSessionDuration, maxSessionDuration)
	}
	return nil
}

// checkRelayState accepts "" (the console's home page) or an https URL of a Tencent Cloud
// console: the documented rule is "a Tencent Cloud console page".
func checkRelayState(field, v string) *apiError {
	if v == "" {
		return nil
	}
	if err := checkLen(field, v, 1024); err != nil {
		return err
	}
	u, err := url.Parse(v)
	host := ""
	if err == nil {
		host = strings.ToLower(u.Hostname())
	}
	if err != nil || u.Scheme != "https" || (host != "console.cloud.tencent.com" && host != "console.tencentcloud.com") {
		return errf(codeInvalidParameterValue, "%s must be an https URL of the Tencent Cloud console (console.cloud.tencent.com or console.tencentcloud.com), not %q.", field, v)
	}
	return nil
}

type createRoleConfigurationRequest struct {
	ZoneId                *string `json:"ZoneId" req:"true"`
	RoleConfigurationName *string `json:"RoleConfigurationName" req:"true"`
	Description           *string `json:"Description"`
	SessionDuration       *int64  `json:"SessionDuration"`
	RelayState            *string `json:"RelayState"`
}

func createRoleConfiguration(c *call, req *createRoleConfigurationRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	name := str(req.RoleConfigurationName)
	if !roleConfigurationNamePattern.MatchString(name) {
		return nil, errf(codeConfigurationNameFormatError, "RoleConfigurationName must be 1-128 letters, digits or -.")
	}
	if err := checkLen("Description", str(req.Description), 1024); err != nil {
		return nil, err
	}
	duration := int64(defaultSessionDuration)
	if req.SessionDuration != nil {
		duration = *req.SessionDuration
		if err := checkSessionDuration("SessionDuration", duration); err != nil {
			return nil, err
		}
	}
	if err := checkRelayState("RelayState", str(req.RelayState)); err != nil {
		return nil, err
	}
	if _, dup := c.st.rcByName[strings.ToLower(name)]; dup {
		return nil, errf(codeConfigurationNameAlreadyExists, "A role configuration named %q already exists.", name)
	}
	if len(c.st.roleConfigs) >= roleConfigurationQuota {
		return nil, errf(codeConfigurationOverUpperLimit, "The zone already has %d role configurations, its quota.", len(c.st.roleConfigs))
	}
	rc := &roleConfiguration{
		RoleConfigurationId:   randomID("rc-"),
		RoleConfigurationName: name,
		Description:           str(req.Description),
		SessionDuration:       duration,
		RelayState:            str(req.RelayState),
		CreateTime:            c.now,
		UpdateTime:            c.now,
	}
	if err := c.st.addRoleConfigurationLocked(rc); err != nil {
		return nil, err
	}
	return roleConfigurationInfoResponse{RoleConfigurationInfo: toRoleConfigurationInfo(rc)}, nil
}

type roleConfigurationRequest struct {
	ZoneId              *string `json:"ZoneId" req:"true"`
	RoleConfigurationId *string `json:"RoleConfigurationId" req:"true"`
}

func getRoleConfiguration(c *call, req *roleConfigurationRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	rc, err := c.roleConfiguration(req.RoleConfigurationId)
	if err != nil {
		return nil, err
	}
	return roleConfigurationInfoResponse{RoleConfigurationInfo: toRoleConfigurationInfo(rc)}, nil
}

type listRoleConfigurationsRequest struct {
	ZoneId        *string `json:"ZoneId" req:"true"`
	NextToken     *string `json:"NextToken"`
	MaxResults    *int64  `json:"MaxResults"`
	Filter        *string `json:"Filter"`
	FilterTargets []int64 `json:"FilterTargets"`
	PrincipalId   *string `json:"PrincipalId"`
}

type listRoleConfigurationsResponse struct {
	TotalCounts        int
	MaxResults         int
	IsTruncated        bool
	NextToken          string `json:",omitempty"`
	RoleConfigurations []roleConfigurationInfo
}

func listRoleConfigurations(c *call, req *listRoleConfigurationsRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	if req.PrincipalId != nil && req.FilterTargets == nil {
		return nil, errf(codeParamError, "PrincipalId must be given together with FilterTargets.")
	}
	q, aerr := c.parseListQuery("ListRoleConfigurations",
		pagingParams{MaxResults: req.MaxResults, NextToken: req.NextToken},
		str(req.Filter), req.FilterTargets, str(req.PrincipalId))
	if aerr != nil {
		return nil, aerr
	}
	var match func(sortKey) bool
	if needle := strings.ToLower(strings.TrimSpace(str(req.Filter))); needle != "" {
		match = func(k sortKey) bool {
			rc := c.st.roleConfigs[k.ID]
			return strings.Contains(strings.ToLower(rc.RoleConfigurationName), needle) ||
				strings.Contains(strings.ToLower(rc.Description), needle)
		}
	}
	pg := c.st.rcOrder.paginate(pageRequest{After: q.after, Limit: q.limit, Match: match})
	items := make([]roleConfigurationInfo, 0, len(pg.Keys))
	for _, k := range pg.Keys {
		info := toRoleConfigurationInfo(c.st.roleConfigs[k.ID])
		if req.FilterTargets != nil {
			selected := slices.ContainsFunc(req.FilterTargets, func(uin int64) bool {
				if req.PrincipalId != nil {
					return c.st.principalAssignedLocked(k.ID, uin, *req.PrincipalId)
				}
				return c.st.deployedToLocked(k.ID, uin)
			})
			info.IsSelected = &selected
		}
		items = append(items, info)
	}
	return listRoleConfigurationsResponse{
		TotalCounts:        pg.Total,
		MaxResults:         q.limit,
		IsTruncated:        pg.Truncated,
		NextToken:          c.nextToken(q, pg),
		RoleConfigurations: items,
	}, nil
}

type updateRoleConfigurationRequest struct {
	ZoneId              *string `json:"ZoneId" req:"true"`
	RoleConfigurationId *string `json:"RoleConfigurationId" req:"true"`
	NewDescription      *string `json:"NewDescription"`
	NewSessionDuration  *int64  `json:"NewSessionDuration"`
	NewRelayState       *string `json:"NewRelayState"`
}

func updateRoleConfiguration(c *call, req *updateRoleConfigurationRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	rc, err := c.roleConfiguration(req.RoleConfigurationId)
	if err != nil {
		return nil, err
	}
	if req.NewDescription != nil {
		if err := checkLen("NewDescription", *req.NewDescription, 1024); err != nil {
			return nil, err
		}
	}
	if req.NewSessionDuration != nil {
		if err := checkSessionDuration("NewSessionDuration", *req.NewSessionDuration); err != nil {
			return nil, err
		}
	}
	if req.NewRelayState != nil {
		if err := checkRelayState("NewRelayState", *req.NewRelayState); err != nil {
			return nil, err
		}
	}
	deployed := false
	if req.NewDescription != nil {
		rc.Description = *req.NewDescription
	}
	if req.NewSessionDuration != nil && *req.NewSessionDuration != rc.SessionDuration {
		rc.SessionDuration = *req.NewSessionDuration
		deployed = true
	}
	if req.NewRelayState != nil && *req.NewRelayState != rc.RelayState {
		rc.RelayState = *req.NewRelayState
		deployed = true
	}
	rc.UpdateTime = c.now
	if deployed {
		c.st.redeployRequiredLocked(rc, c.now)
	}
	return roleConfigurationInfoResponse{RoleConfigurationInfo: toRoleConfigurationInfo(rc)}, nil
}

func deleteRoleConfiguration(c *call, req *roleConfigurationRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	rc, err := c.roleConfiguration(req.RoleConfigurationId)
	if err != nil {
		return nil, err
	}
	// §1.4 rule 4: no policies and no deployment anywhere; a provisioning task still running
	// counts as a deployment (inferred).
	if len(rc.Policies) > 0 {
		return nil, errf(codeRolePolicyAlreadyExist, "The role configuration %s still has %d policies; remove them first.", rc.RoleConfigurationId, len(rc.Policies))
	}
	if n := c.st.provisioningCountLocked(rc.RoleConfigurationId); n > 0 {
		return nil, errf(codeProvisioningAlreadyDeployed, "The role configuration %s is still deployed to %d accounts; dismantle it first.", rc.RoleConfigurationId, n)
	}
	if n := c.st.rcAssignmentCountLocked(rc.RoleConfigurationId); n > 0 {
		return nil, errf(codeProvisioningAlreadyDeployed, "The role configuration %s still has %d role assignments; delete them first.", rc.RoleConfigurationId, n)
	}
	if c.st.pendingTaskForLocked(rc.RoleConfigurationId, "", 0) != nil {
		return nil, errf(codeProvisioningAlreadyDeployed, "The role configuration %s has a task in progress.", rc.RoleConfigurationId)
	}
	delete(c.st.roleConfigs, rc.RoleConfigurationId)
	delete(c.st.rcByName, strings.ToLower(rc.RoleConfigurationName))
	c.st.rcOrder.remove(keyOf(rc.CreateTime, rc.RoleConfigurationId))
	return struct{}{}, nil
}
