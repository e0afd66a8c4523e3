package idcsim

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The organization the zone belongs to (identity-center-authorization-api.md §7): its management
// account (DescribeOrganization's HostUin, the ManagerUin target) and its member accounts (the
// MemberUin targets).

// DefaultSeedAccounts is how many member accounts the organization has unless told otherwise.
const DefaultSeedAccounts = 5

const (
	targetManagerUin = "ManagerUin"
	targetMemberUin  = "MemberUin"

	orgRootNodeID = 100001
	// describeMembersMaxLimit is DescribeOrganizationMembers' documented Limit range, 1–50 (§7.1).
	describeMembersMaxLimit = 50
)

// orgAccount is one account of the organization.
type orgAccount struct {
	Uin        int64
	Name       string
	CreateTime time.Time
}

// organization is the simulated organization: the management account and the members, in the
// order they joined.
type organization struct {
	OrgId      int64
	Host       orgAccount
	Members    []orgAccount
	CreateTime time.Time
}

// derivedUin returns a realistic 12-digit UIN (1000xxxxxxxx) derived from seed, so that a seed
// gives the same accounts on every run.
func derivedUin(seed string) int64 {
	sum := sha256.Sum256([]byte(seed))
	return 100000000000 + int64(binary.BigEndian.Uint64(sum[:8])%100000000)
}

// seedOrganization makes sure the organization exists with a management account and member
// accounts sim-account-01…n. It is idempotent, like seedUsersAndGroups.
func seedOrganization(st *store, members int, now time.Time) {
	if st.org == nil {
		st.org = &organization{
			OrgId:      derivedUin(st.zone.ZoneId+"/org") % 100000000,
			Host:       orgAccount{Uin: derivedUin(st.zone.ZoneId + "/host"), Name: "sim-management", CreateTime: now},
			CreateTime: now,
		}
	}
	for i := len(st.org.Members) + 1; i <= members; i++ {
		name := fmt.Sprintf("sim-account-%02d", i)
		uin := derivedUin(st.zone.ZoneId + "/" + name)
		for st.org.account(uin) != nil {
			uin++
		}
		st.org.Members = append(st.org.Members, orgAccount{Uin: uin, Name: name, CreateTime: now.Add(time.Duration(i-members) * time.Millisecond)})
	}
}

// account returns the organization's account with this UIN (the management account included).
func (o *organization) account(uin int64) *orgAccount {
	if o.Host.Uin == uin {
		return &o.Host
	}
	for i := range o.Members {
		if o.Members[i].Uin == uin {
			return &o.Members[i]
		}
	}
	return nil
}

// target checks a (TargetType, TargetUin) pair: ManagerUin must name the management account and
// MemberUin a member account (inferred: the management account is not a MemberUin target, and a
// member is not a ManagerUin one). It returns the account.
func (c *call) target(targetType *string, uin *int64) (*orgAccount, *apiError) {
	tt := str(targetType)
	if err := checkEnum(codeParamError, "TargetType", tt, targetManagerUin, targetMemberUin); err != nil {
		return nil, err
	}
	o := c.st.org
	switch {
	case tt == targetManagerUin && *uin == o.Host.Uin:
		return &o.Host, nil
	case tt == targetMemberUin && *uin != o.Host.Uin:
		if a := o.account(*uin); a != nil {
			return a, nil
		}
	}
	return nil, errf(codeOrganizationMemberNotExist, "The account %d is not a %s of the organization.", *uin, tt)
}

type describeOrganizationRequest struct {
	Lang    *string `json:"Lang"`
	Product *string `json:"Product"`
}

type orgPermission struct {
	Id   int64
	Name string
}

type describeOrganizationResponse struct {
	OrgId           int64
	HostUin         int64
	NickName        string
	OrgType         int64
	IsManager       bool
	OrgPolicyType   string
	OrgPolicyName   string
	OrgPermission   []orgPermission
	RootNodeId      int64
	CreateTime      string
	JoinTime        string
	IsAllowQuit     string
	PayUin          string
	PayName         string
	IsAssignManager bool
	IsAuthManager   bool
}

// orgPermissions are the permissions a financial-management member grants (the console's
// defaults: view bills, view balance, allocate funds, merge invoicing).
var orgPermissions = []orgPermission{{1, "查看账单"}, {2, "查看余额"}, {3, "资金划拨"}, {4, "合并出账"}}

func checkLang(lang *string) *apiError {
	if lang == nil {
		return nil
	}
	return checkEnum(codeInvalidParameter, "Lang", *lang, "en", "zh")
}

// describeOrganization answers as the management account, the caller the simulator's key pair
// stands for.
func describeOrganization(c *call, req *describeOrganizationRequest) (any, *apiError) {
	if err := checkLang(req.Lang); err != nil {
		return nil, err
	}
	o := c.st.org
	return describeOrganizationResponse{
		OrgId:         o.OrgId,
		HostUin:       o.Host.Uin,
		NickName:      o.Host.Name,
		OrgType:       1,
		IsManager:     true,
		OrgPolicyType: "Financial",
		OrgPolicyName: "财务管理",
		OrgPermission: orgPermissions,
		RootNodeId:    orgRootNodeID,
		CreateTime:    apiTime(o.CreateTime),
		JoinTime:      apiTime(o.CreateTime),
		IsAllowQuit:   "Denied",
		PayUin:        "",
		PayName:       "",
	}, nil
}

type orgTag struct {
	TagKey   *string `json:"TagKey" req:"true"`
	TagValue *string `json:"TagValue" req:"true"`
}

type describeOrganizationMembersRequest struct {
	Offset    *int64   `json:"Offset" req:"true"`
	Limit     *int64   `json:"Limit" req:"true"`
	Lang      *string  `json:"Lang"`
	SearchKey *string  `json:"SearchKey"`
	AuthName  *string  `json:"AuthName"`
	Product   *string  `json:"Product"`
	Tags      []orgTag `json:"Tags"`
	NodeId    *int64   `json:"NodeId"`
	NodeName  *string  `json:"NodeName"`
}

type memberIdentity struct {
	IdentityId        int64
	IdentityAliasName string
}

type orgMember struct {
	MemberUin        int64
	Name             string
	MemberType       string
	OrgPolicyType    string
	OrgPolicyName    string
	OrgPermission    []orgPermission
	NodeId           int64
	NodeName         string
	Remark           string
	CreateTime       string
	UpdateTime       string
	IsAllowQuit      string
	PayUin           string
	PayName          string
	OrgIdentity      []memberIdentity
	BindStatus       string
	PermissionStatus string
}

type describeOrganizationMembersResponse struct {
	Items []orgMember
	Total int64
}

// describeOrganizationMembers lists the member accounts (not the management account: whether the
// real list holds it could not be confirmed, and a client must not rely on it) in joining order.
func describeOrganizationMembers(c *call, req *describeOrganizationMembersRequest) (any, *apiError) {
	limit, offset := *req.Limit, *req.Offset
	if limit < 1 || limit > describeMembersMaxLimit {
		return nil, errf(codeInvalidParameter, "Limit must be between 1 and %d.", describeMembersMaxLimit)
	}
	if offset < 0 || offset%limit != 0 {
		return nil, errf(codeInvalidParameter, "Offset must be a non-negative multiple of Limit.")
	}
	if err := checkLang(req.Lang); err != nil {
		return nil, err
	}
	if len(req.Tags) > 10 {
		return nil, errf(codeInvalidParameter, "At most 10 Tags may be given.")
	}
	if req.NodeId != nil && *req.NodeId != orgRootNodeID {
		return nil, errf(codeOrganizationNodeNotExist, "The organization node %d does not exist.", *req.NodeId)
	}
	search := strings.ToLower(strings.TrimSpace(str(req.SearchKey)))
	matched := slices.DeleteFunc(slices.Clone(c.st.org.Members), func(a orgAccount) bool {
		// Seeded members carry no tags and no verified entity, so such filters match nothing.
		if len(req.Tags) > 0 || str(req.AuthName) != "" {
			return true
		}
		if nn := str(req.NodeName); nn != "" && nn != "Root" {
			return true
		}
		return search != "" && !strings.Contains(strings.ToLower(a.Name), search) && !strings.Contains(strconv.FormatInt(a.Uin, 10), search)
	})
	items := []orgMember{}
	for i := int(min(offset, int64(len(matched)))); i < len(matched) && len(items) < int(limit); i++ {
		a := matched[i]
		items = append(items, orgMember{
			MemberUin:        a.Uin,
			Name:             a.Name,
			MemberType:       "Create",
			OrgPolicyType:    "Financial",
			OrgPolicyName:    "财务管理",
			OrgPermission:    orgPermissions,
			NodeId:           orgRootNodeID,
			NodeName:         "Root",
			CreateTime:       apiTime(a.CreateTime),
			UpdateTime:       apiTime(a.CreateTime),
			IsAllowQuit:      "Denied",
			PayUin:           strconv.FormatInt(c.st.org.Host.Uin, 10),
			PayName:          c.st.org.Host.Name,
			OrgIdentity:      []memberIdentity{{IdentityId: 1, IdentityAliasName: "管理员"}},
			BindStatus:       "Unbound",
			PermissionStatus: "Confirmed",
		})
	}
	return describeOrganizationMembersResponse{Items: items, Total: int64(len(matched))}, nil
}
