package idcsim

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// groupInfo is the API's GroupInfo object.
type groupInfo struct {
	GroupName   string
	Description string
	CreateTime  string
	GroupType   string
	UpdateTime  string
	GroupId     string
	MemberCount int
	IsSelected  *bool `json:",omitempty"` // only when ListGroups has FilterUsers
}

func (c *call) toGroupInfo(g *Group) groupInfo {
	return groupInfo{
		GroupName:   g.GroupName,
		Description: g.Description,
		CreateTime:  apiTime(g.CreateTime),
		GroupType:   g.GroupType,
		UpdateTime:  apiTime(g.UpdateTime),
		GroupId:     g.GroupId,
		MemberCount: c.st.memberCountLocked(g.GroupId),
	}
}

type groupInfoResponse struct {
	GroupInfo groupInfo
}

type listGroupsRequest struct {
	ZoneId      *string  `json:"ZoneId" req:"true"`
	NextToken   *string  `json:"NextToken"`
	MaxResults  *int64   `json:"MaxResults"`
	Filter      *string  `json:"Filter"`
	GroupType   *string  `json:"GroupType"`
	FilterUsers []string `json:"FilterUsers"`
	SortField   *string  `json:"SortField"`
	SortType    *string  `json:"SortType"`
	Offset      *int64   `json:"Offset"`
}

type listGroupsResponse struct {
	NextToken   string `json:",omitempty"` // only on truncated pages, as the SDK's models say
	Groups      []groupInfo
	MaxResults  int
	TotalCounts int
	IsTruncated bool
}

// groupNameMatcher reads ListGroups' Filter: "GroupName eq X" or "GroupName sw X" (attribute and
// operator case-insensitive, as the older SDK documented), otherwise a plain substring. Names are
// compared case-insensitively.
func groupNameMatcher(filter string) func(name string) bool {
	filter = strings.TrimSpace(filter)
	if filter == "" {
		return nil
	}
	if attr, rest, ok := strings.Cut(filter, " "); ok && strings.EqualFold(attr, "GroupName") {
		rest = strings.TrimLeft(rest, " ")
		if op, value, ok := strings.Cut(rest, " "); ok {
			value = strings.ToLower(strings.Trim(strings.TrimSpace(value), `"`))
			switch strings.ToLower(op) {
			case "eq":
				return func(name string) bool { return strings.ToLower(name) == value }
			case "sw":
				return func(name string) bool { return strings.HasPrefix(strings.ToLower(name), value) }
			}
		}
	}
	needle := strings.ToLower(filter)
	return func(name string) bool { return strings.Contains(strings.ToLower(name), needle) }
}

func listGroups(c *call, req *listGroupsRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	if req.GroupType != nil {
		if err := checkEnum(codeInvalidParameterValue, "GroupType", *req.GroupType, typeManual, typeSynchronized); err != nil {
			return nil, err
		}
	}
	q, aerr := c.parseListQuery("ListGroups",
		pagingParams{MaxResults: req.MaxResults, NextToken: req.NextToken, SortField: req.SortField, SortType: req.SortType, Offset: req.Offset},
		str(req.Filter), str(req.GroupType), req.FilterUsers)
	if aerr != nil {
		return nil, aerr
	}
	groupType, nameMatch := str(req.GroupType), groupNameMatcher(str(req.Filter))
	var match func(sortKey) bool
	if groupType != "" || nameMatch != nil {
		match = func(k sortKey) bool {
			g := c.st.groups[k.ID]
			return (groupType == "" || g.GroupType == groupType) && (nameMatch == nil || nameMatch(g.GroupName))
		}
	}
	pg := c.st.groupOrder.paginate(pageRequest{Desc: q.desc, After: q.after, Offset: q.offset, Limit: q.limit, Match: match})
	groups := make([]groupInfo, 0, len(pg.Keys))
	for _, k := range pg.Keys {
		info := c.toGroupInfo(c.st.groups[k.ID])
		if req.FilterUsers != nil {
			selected := slices.ContainsFunc(req.FilterUsers, func(uid string) bool { return c.st.isMemberLocked(k.ID, uid) })
			info.IsSelected = &selected
		}
		groups = append(groups, info)
	}
	return listGroupsResponse{
		NextToken:   c.nextToken(q, pg),
		Groups:      groups,
		MaxResults:  q.limit,
		TotalCounts: pg.Total,
		IsTruncated: pg.Truncated,
	}, nil
}

type groupRequest struct {
	ZoneId  *string `json:"ZoneId" req:"true"`
	GroupId *string `json:"GroupId" req:"true"`
}

func (c *call) group(id string) (*Group, *apiError) {
	g, ok := c.st.groups[id]
	if !ok {
		return nil, errf(codeGroupNotExist, "The group %s does not exist.", id)
	}
	return g, nil
}

func getGroup(c *call, req *groupRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	g, aerr := c.group(*req.GroupId)
	if aerr != nil {
		return nil, aerr
	}
	return groupInfoResponse{GroupInfo: c.toGroupInfo(g)}, nil
}

type createGroupRequest struct {
	ZoneId      *string `json:"ZoneId" req:"true"`
	GroupName   *string `json:"GroupName" req:"true"`
	Description *string `json:"Description"`
	GroupType   *string `json:"GroupType"`
}

func createGroup(c *call, req *createGroupRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	g := &Group{
		GroupId:     randomID("g-"),
		GroupName:   *req.GroupName,
		Description: str(req.Description),
		GroupType:   cmp.Or(str(req.GroupType), typeManual),
		CreateTime:  c.now,
		UpdateTime:  c.now,
	}
	if aerr := c.st.insertGroupLocked(g); aerr != nil {
		return nil, aerr
	}
	return groupInfoResponse{GroupInfo: c.toGroupInfo(g)}, nil
}

// readOnlySynchronizedGroup refuses changes to a SCIM-provisioned group, or its membership, while
// SCIM sync is on.
func (c *call) readOnlySynchronizedGroup(g *Group, code string) *apiError {
	if g.GroupType == typeSynchronized && c.st.syncEnabledLocked() {
		return errf(code, "The group %s is synchronized from the identity provider and cannot be changed while SCIM synchronization is enabled.", g.GroupId)
	}
	return nil
}

type updateGroupRequest struct {
	ZoneId         *string `json:"ZoneId" req:"true"`
	GroupId        *string `json:"GroupId" req:"true"`
	NewGroupName   *string `json:"NewGroupName"`
	NewDescription *string `json:"NewDescription"`
}

func updateGroup(c *call, req *updateGroupRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	g, aerr := c.group(*req.GroupId)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := c.readOnlySynchronizedGroup(g, codeSynchronizedGroupNotUpdate); aerr != nil {
		return nil, aerr
	}
	updated := *g
	if req.NewGroupName != nil {
		updated.GroupName = *req.NewGroupName
	}
	if req.NewDescription != nil {
		updated.Description = *req.NewDescription
	}
	updated.UpdateTime = c.now
	if aerr := c.st.replaceGroupLocked(&updated); aerr != nil {
		return nil, aerr
	}
	return groupInfoResponse{GroupInfo: c.toGroupInfo(&updated)}, nil
}

func deleteGroup(c *call, req *groupRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	g, aerr := c.group(*req.GroupId)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := c.readOnlySynchronizedGroup(g, codeSynchronizedGroupNotDelete); aerr != nil {
		return nil, aerr
	}
	if n := c.st.memberCountLocked(g.GroupId); n > 0 {
		return nil, errf(codeDeleteGroupNotAllowExistUser, "The group %s still has %d member(s); remove them first.", g.GroupId, n)
	}
	if n := c.st.principalAssignmentCountLocked(g.GroupId); n > 0 {
		return nil, errf(codeRoleAuthorizationExist, "The group %s still holds %d role assignment(s); delete them first.", g.GroupId, n)
	}
	c.st.deleteGroupLocked(g.GroupId)
	return emptyResponse{}, nil
}

type listGroupMembersRequest struct {
	ZoneId     *string `json:"ZoneId" req:"true"`
	GroupId    *string `json:"GroupId" req:"true"`
	NextToken  *string `json:"NextToken"`
	MaxResults *int64  `json:"MaxResults"`
	UserType   *string `json:"UserType"`
}

// groupMember is the API's GroupMembers object (one member, despite the plural name).
type groupMember struct {
	UserName    string
	DisplayName string
	Description string
	Email       string
	UserStatus  string
	UserType    string
	UserId      string
	JoinTime    string
}

type listGroupMembersResponse struct {
	NextToken    string `json:",omitempty"` // only on truncated pages, as the SDK's models say
	TotalCounts  int
	MaxResults   int
	IsTruncated  bool
	GroupMembers []groupMember
}

func listGroupMembers(c *call, req *listGroupMembersRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	g, aerr := c.group(*req.GroupId)
	if aerr != nil {
		return nil, aerr
	}
	if req.UserType != nil {
		if err := checkEnum(codeInvalidParameterValue, "UserType", *req.UserType, typeManual, typeSynchronized); err != nil {
			return nil, err
		}
	}
	q, aerr := c.parseListQuery("ListGroupMembers",
		pagingParams{MaxResults: req.MaxResults, NextToken: req.NextToken},
		g.GroupId, str(req.UserType))
	if aerr != nil {
		return nil, aerr
	}
	var match func(sortKey) bool
	if userType := str(req.UserType); userType != "" {
		match = func(k sortKey) bool { return c.st.users[k.ID].UserType == userType }
	}
	pg := c.st.members[g.GroupId].order.paginate(pageRequest{After: q.after, Limit: q.limit, Match: match})
	members := make([]groupMember, 0, len(pg.Keys))
	for _, k := range pg.Keys {
		u := c.st.users[k.ID]
		members = append(members, groupMember{
			UserName:    u.UserName,
			DisplayName: u.DisplayName,
			Description: u.Description,
			Email:       u.Email,
			UserStatus:  u.UserStatus,
			UserType:    u.UserType,
			UserId:      u.UserId,
			JoinTime:    apiTime(time.Unix(0, k.At)),
		})
	}
	return listGroupMembersResponse{
		NextToken:    c.nextToken(q, pg),
		TotalCounts:  pg.Total,
		MaxResults:   q.limit,
		IsTruncated:  pg.Truncated,
		GroupMembers: members,
	}, nil
}

type membershipRequest struct {
	ZoneId  *string `json:"ZoneId" req:"true"`
	GroupId *string `json:"GroupId" req:"true"`
	UserId  *string `json:"UserId" req:"true"`
}

func addUserToGroup(c *call, req *membershipRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	g, aerr := c.group(*req.GroupId)
	if aerr != nil {
		return nil, aerr
	}
	u, aerr := c.user(*req.UserId)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := c.readOnlySynchronizedGroup(g, codeSynchronizedGroupNotAddUser); aerr != nil {
		return nil, aerr
	}
	if u.UserType != g.GroupType {
		return nil, errf(codeGroupTypeUserTypeNotMatch, "A %s user cannot join a %s group.", u.UserType, g.GroupType)
	}
	if aerr := c.st.addMemberLocked(g.GroupId, u.UserId, c.now); aerr != nil {
		return nil, aerr
	}
	return emptyResponse{}, nil
}

func removeUserFromGroup(c *call, req *membershipRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	g, aerr := c.group(*req.GroupId)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := c.readOnlySynchronizedGroup(g, codeSynchronizedGroupNotRemoveUser); aerr != nil {
		return nil, aerr
	}
	if !c.st.isMemberLocked(g.GroupId, *req.UserId) {
		return nil, errf(codeGroupUserNotExist, "The user %s is not in group %s.", *req.UserId, g.GroupId)
	}
	c.st.removeMemberLocked(g.GroupId, *req.UserId)
	return emptyResponse{}, nil
}
