package idcsim

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Policies of a role configuration, identity-center-authorization-api.md §3.

const (
	policyTypeSystem = "System"
	policyTypeCustom = "Custom"

	customPolicyQuota        = 1    // per role configuration, by default (§3, §10)
	maxPolicyNameLength      = 32   // §3.1
	maxPolicyNamesPerCall    = 20   // §3.1
	maxCustomDocumentLength  = 6144 // the console guides' limit, the larger of the two (§3)
	systemPolicyQuotaPerRole = systemPolicyPerRoleConfigurationQuota
)

type policyDetail struct {
	PolicyId   *int64  `json:"PolicyId" req:"true"`
	PolicyName *string `json:"PolicyName"`
}

type addPermissionPolicyRequest struct {
	ZoneId                *string        `json:"ZoneId" req:"true"`
	RoleConfigurationId   *string        `json:"RoleConfigurationId" req:"true"`
	RolePolicyType        *string        `json:"RolePolicyType" req:"true"`
	RolePolicyNames       []string       `json:"RolePolicyNames"`
	RolePolicies          []policyDetail `json:"RolePolicies"`
	CustomPolicyDocument  *string        `json:"CustomPolicyDocument"`
	CustomPolicyDocuments []string       `json:"CustomPolicyDocuments"`
	PolicyType            *int64         `json:"PolicyType"`
}

func checkPolicyType(v string) *apiError {
	return checkEnum(codeParamError, "RolePolicyType", v, policyTypeSystem, policyTypeCustom)
}

func checkPolicyName(name string) *apiError {
	if name == "" {
		return errf(codeParamError, "A policy name must not be empty.")
	}
	if utf8.RuneCountInString(name) > maxPolicyNameLength {
		return errf(codePolicyNameSizeOverUpperLimit, "The policy name %q is longer than %d characters.", name, maxPolicyNameLength)
	}
	return nil
}

// checkPolicyDocument wants a JSON object of at most maxCustomDocumentLength characters; the
// document itself is kept byte for byte.
func checkPolicyDocument(doc string) *apiError {
	if strings.TrimSpace(doc) == "" {
		return errf(codePolicyDocumentEmpty, "The custom policy document is empty.")
	}
	if utf8.RuneCountInString(doc) > maxCustomDocumentLength {
		return errf(codeParamError, "The custom policy document is longer than %d characters.", maxCustomDocumentLength)
	}
	var obj map[string]any
	if err := json.Unmarshal([]byte(doc), &obj); err != nil || obj == nil {
		return errf(codeParamError, "The custom policy document is not a JSON object.")
	}
	return nil
}

func (rc *roleConfiguration) policy(policyType, name string, id int64) *rolePolicy {
	for _, p := range rc.Policies {
		if p.PolicyType != policyType {
			continue
		}
		if (id != 0 && p.PolicyId == id) || (id == 0 && p.PolicyName == name) {
			return p
		}
	}
	return nil
}

// policyNamed finds a policy of any type by name.
func (rc *roleConfiguration) policyNamed(name string) *rolePolicy {
	for _, p := range rc.Policies {
		if p.PolicyName == name {
			return p
		}
	}
	return nil
}

// addPermissionPolicyToRoleConfiguration adds all the policies of the request or none. It does not
// touch deployed accounts: their provisionings become DeployedRequired (§1.4 rule 2).
func addPermissionPolicyToRoleConfiguration(c *call, req *addPermissionPolicyRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	rc, err := c.roleConfiguration(req.RoleConfigurationId)
	if err != nil {
		return nil, err
	}
	policyType := str(req.RolePolicyType)
	if err := checkPolicyType(policyType); err != nil {
		return nil, err
	}
	if req.PolicyType != nil && *req.PolicyType != 0 && *req.PolicyType != 1 {
		return nil, errf(codeParamError, "PolicyType must be 0 or 1.")
	}
	if len(req.RolePolicyNames) > maxPolicyNamesPerCall {
		return nil, errf(codeParamError, "At most %d RolePolicyNames may be given in one call.", maxPolicyNamesPerCall)
	}
	var added []*rolePolicy
	switch policyType {
	case policyTypeSystem:
		if req.CustomPolicyDocument != nil || req.CustomPolicyDocuments != nil {
			return nil, errf(codeParamError, "CustomPolicyDocument(s) only go with RolePolicyType Custom.")
		}
		if len(req.RolePolicyNames) == 0 && len(req.RolePolicies) == 0 {
			return nil, errf(codeParamError, "Give the system policies in RolePolicies or RolePolicyNames.")
		}
		for _, d := range req.RolePolicies {
			p, ok := systemPolicyByID(*d.PolicyId)
			if !ok {
				return nil, errf(codeParamError, "There is no CAM system policy with PolicyId %d.", *d.PolicyId)
			}
			if d.PolicyName != nil && *d.PolicyName != "" && *d.PolicyName != p.Name {
				return nil, errf(codeParamError, "The CAM system policy %d is named %s, not %s.", p.ID, p.Name, *d.PolicyName)
			}
			added = append(added, &rolePolicy{PolicyId: p.ID, PolicyName: p.Name, PolicyType: policyTypeSystem})
		}
		for _, name := range req.RolePolicyNames {
			if err := checkPolicyName(name); err != nil {
				return nil, err
			}
			p, ok := systemPolicyByName(name)
			if !ok {
				return nil, errf(codeParamError, "There is no CAM system policy named %q.", name)
			}
			added = append(added, &rolePolicy{PolicyId: p.ID, PolicyName: p.Name, PolicyType: policyTypeSystem})
		}
		for _, a := range added {
			if p, _ := systemPolicyByID(a.PolicyId); !p.Bindable {
				return nil, errf(codeBindPolicyNameNotAllowed, "The policy %s is a service-role policy and cannot be bound to a role configuration.", a.PolicyName)
			}
		}
	case policyTypeCustom:
		if req.RolePolicies != nil {
			return nil, errf(codeParamError, "RolePolicies only go with RolePolicyType System.")
		}
		if len(req.RolePolicyNames) == 0 {
			return nil, errf(codeParamError, "Give the custom policy's name in RolePolicyNames.")
		}
		docs := req.CustomPolicyDocuments
		switch {
		case req.CustomPolicyDocument != nil && docs != nil:
			return nil, errf(codeParamError, "Give either CustomPolicyDocument or CustomPolicyDocuments, not both.")
		case docs != nil && len(docs) != len(req.RolePolicyNames):
			return nil, errf(codeParamError, "CustomPolicyDocuments must have one document per name of RolePolicyNames.")
		case docs == nil && len(req.RolePolicyNames) != 1:
			return nil, errf(codeParamError, "CustomPolicyDocument goes with exactly one name in RolePolicyNames.")
		case docs == nil:
			docs = []string{str(req.CustomPolicyDocument)}
		}
		for i, name := range req.RolePolicyNames {
			if err := checkPolicyName(name); err != nil {
				return nil, err
			}
			if err := checkPolicyDocument(docs[i]); err != nil {
				return nil, err
			}
			added = append(added, &rolePolicy{PolicyName: name, PolicyType: policyTypeCustom, Document: docs[i]})
		}
	}
	for i, a := range added {
		dupInRequest := slices.ContainsFunc(added[:i], func(b *rolePolicy) bool { return b.PolicyName == a.PolicyName })
		if dupInRequest || rc.policyNamed(a.PolicyName) != nil {
			return nil, errf(codePolicyNameAlreadyExists, "The role configuration %s already has a policy named %s.", rc.RoleConfigurationId, a.PolicyName)
		}
	}
	if policyType == policyTypeSystem && rc.policyCount(policyTypeSystem)+len(added) > systemPolicyQuotaPerRole {
		return nil, errf(codeSystemPolicyOverUpperLimit, "A role configuration may have at most %d system policies.", systemPolicyQuotaPerRole)
	}
	if policyType == policyTypeCustom && rc.policyCount(policyTypeCustom)+len(added) > customPolicyQuota {
		return nil, errf(codeCustomPolicyOverUpperLimit, "A role configuration may have at most %d custom policy.", customPolicyQuota)
	}
	for _, a := range added {
		a.AddTime = c.now
		rc.Policies = append(rc.Policies, a)
	}
	rc.UpdateTime = c.now
	c.st.redeployRequiredLocked(rc, c.now)
	return struct{}{}, nil
}

type removePermissionPolicyRequest struct {
	ZoneId              *string `json:"ZoneId" req:"true"`
	RoleConfigurationId *string `json:"RoleConfigurationId" req:"true"`
	RolePolicyType      *string `json:"RolePolicyType" req:"true"`
	RolePolicyName      *string `json:"RolePolicyName"`
	RolePolicyId        *int64  `json:"RolePolicyId"`
}

// removePermissionPolicyFromRoleConfiguration removes one policy: a system one by RolePolicyId
// (or, without it, by name), a custom one by name (RolePolicyId 0 is what the incumbent sends).
// When both are given for a system policy they must name the same policy.
func removePermissionPolicyFromRoleConfiguration(c *call, req *removePermissionPolicyRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	rc, err := c.roleConfiguration(req.RoleConfigurationId)
	if err != nil {
		return nil, err
	}
	policyType := str(req.RolePolicyType)
	if err := checkPolicyType(policyType); err != nil {
		return nil, err
	}
	var id int64
	if req.RolePolicyId != nil {
		id = *req.RolePolicyId
	}
	name := str(req.RolePolicyName)
	if policyType == policyTypeCustom {
		id = 0
	}
	if id == 0 && name == "" {
		return nil, errf(codeParamError, "Give RolePolicyId (system policies) or RolePolicyName.")
	}
	p := rc.policy(policyType, name, id)
	if p == nil || (name != "" && p.PolicyName != name) {
		return nil, errf(codeRolePolicyNotExist, "The role configuration %s has no %s policy %s.", rc.RoleConfigurationId, policyType, policyLabel(name, id))
	}
	rc.Policies = slices.DeleteFunc(rc.Policies, func(q *rolePolicy) bool { return q == p })
	rc.UpdateTime = c.now
	c.st.redeployRequiredLocked(rc, c.now)
	return struct{}{}, nil
}

func policyLabel(name string, id int64) string {
	if id != 0 {
		return strings.TrimSpace(name + " (" + strconv.FormatInt(id, 10) + ")")
	}
	return name
}

type listPermissionPoliciesRequest struct {
	ZoneId              *string `json:"ZoneId" req:"true"`
	RoleConfigurationId *string `json:"RoleConfigurationId" req:"true"`
	RolePolicyType      *string `json:"RolePolicyType"`
	Filter              *string `json:"Filter"`
}

type rolePolicie struct { // sic: the API's struct is RolePolicie
	RolePolicyId       int64 `json:",omitempty"`
	RolePolicyName     string
	RolePolicyType     string
	RolePolicyDocument string
	AddTime            string
}

type listPermissionPoliciesResponse struct {
	TotalCounts  int
	RolePolicies []rolePolicie
}

func listPermissionPoliciesInRoleConfiguration(c *call, req *listPermissionPoliciesRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	rc, err := c.roleConfiguration(req.RoleConfigurationId)
	if err != nil {
		return nil, err
	}
	if req.RolePolicyType != nil {
		if err := checkPolicyType(*req.RolePolicyType); err != nil {
			return nil, err
		}
	}
	needle := strings.ToLower(strings.TrimSpace(str(req.Filter)))
	items := []rolePolicie{}
	for _, p := range rc.Policies {
		if req.RolePolicyType != nil && p.PolicyType != *req.RolePolicyType {
			continue
		}
		if needle != "" && !strings.Contains(strings.ToLower(p.PolicyName), needle) {
			continue
		}
		items = append(items, rolePolicie{
			RolePolicyId:       p.PolicyId,
			RolePolicyName:     p.PolicyName,
			RolePolicyType:     p.PolicyType,
			RolePolicyDocument: p.Document,
			AddTime:            apiTime(p.AddTime),
		})
	}
	return listPermissionPoliciesResponse{TotalCounts: len(items), RolePolicies: items}, nil
}

type updateCustomPolicyRequest struct {
	ZoneId                  *string `json:"ZoneId" req:"true"`
	RoleConfigurationId     *string `json:"RoleConfigurationId" req:"true"`
	CustomPolicyName        *string `json:"CustomPolicyName" req:"true"`
	NewCustomPolicyDocument *string `json:"NewCustomPolicyDocument"`
}

func updateCustomPolicyForRoleConfiguration(c *call, req *updateCustomPolicyRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	rc, err := c.roleConfiguration(req.RoleConfigurationId)
	if err != nil {
		return nil, err
	}
	name := str(req.CustomPolicyName)
	p := rc.policyNamed(name)
	if p == nil {
		return nil, errf(codeRolePolicyNotExist, "The role configuration %s has no policy %s.", rc.RoleConfigurationId, name)
	}
	if p.PolicyType != policyTypeCustom {
		return nil, errf(codePolicyTypeError, "The policy %s is a system policy; only custom policies can be modified.", name)
	}
	doc := str(req.NewCustomPolicyDocument)
	if err := checkPolicyDocument(doc); err != nil {
		return nil, err
	}
	if doc != p.Document {
		p.Document = doc
		rc.UpdateTime = c.now
		c.st.redeployRequiredLocked(rc, c.now)
	}
	return struct{}{}, nil
}
