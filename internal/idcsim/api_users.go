package idcsim

import (
	"cmp"
	"slices"
	"strings"
)

// userInfo is the API's UserInfo object.
type userInfo struct {
	UserName          string
	FirstName         string
	LastName          string
	DisplayName       string
	Description       string
	Email             string
	UserStatus        string
	UserType          string
	UserId            string
	CreateTime        string
	UpdateTime        string
	IsSelected        *bool `json:",omitempty"` // only when ListUsers has FilterGroups
	NeedResetPassword bool
}

func toUserInfo(u *User) userInfo {
	return userInfo{
		UserName:          u.UserName,
		FirstName:         u.FirstName,
		LastName:          u.LastName,
		DisplayName:       u.DisplayName,
		Description:       u.Description,
		Email:             u.Email,
		UserStatus:        u.UserStatus,
		UserType:          u.UserType,
		UserId:            u.UserId,
		CreateTime:        apiTime(u.CreateTime),
		UpdateTime:        apiTime(u.UpdateTime),
		NeedResetPassword: u.NeedResetPassword,
	}
}

type userInfoResponse struct {
	UserInfo userInfo
}

type listUsersRequest struct {
	ZoneId       *string  `json:"ZoneId" req:"true"`
	UserStatus   *string  `json:"UserStatus"`
	UserType     *string  `json:"UserType"`
	Filter       *string  `json:"Filter"`
	MaxResults   *int64   `json:"MaxResults"`
	NextToken    *string  `json:"NextToken"`
	FilterGroups []string `json:"FilterGroups"`
	SortField    *string  `json:"SortField"`
	SortType     *string  `json:"SortType"`
	Offset       *int64   `json:"Offset"`
}

type listUsersResponse struct {
	TotalCounts int
	MaxResults  int
	Users       []userInfo
	NextToken   string `json:",omitempty"` // only on truncated pages, as the SDK's models say
	IsTruncated bool
}

func listUsers(c *call, req *listUsersRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	if req.UserStatus != nil {
		if err := checkEnum(codeInvalidParameterValue, "UserStatus", *req.UserStatus, statusEnabled, statusDisabled); err != nil {
			return nil, err
		}
	}
	if req.UserType != nil {
		if err := checkEnum(codeInvalidParameterValue, "UserType", *req.UserType, typeManual, typeSynchronized); err != nil {
			return nil, err
		}
	}
	q, aerr := c.parseListQuery("ListUsers",
		pagingParams{MaxResults: req.MaxResults, NextToken: req.NextToken, SortField: req.SortField, SortType: req.SortType, Offset: req.Offset},
		str(req.UserStatus), str(req.UserType), str(req.Filter), req.FilterGroups)
	if aerr != nil {
		return nil, aerr
	}
	status, userType, filter := str(req.UserStatus), str(req.UserType), strings.ToLower(str(req.Filter))
	var match func(sortKey) bool
	if status != "" || userType != "" || filter != "" {
		match = func(k sortKey) bool {
			u := c.st.users[k.ID]
			return (status == "" || u.UserStatus == status) &&
				(userType == "" || u.UserType == userType) &&
				(filter == "" || strings.Contains(c.st.userSearch[k.ID], filter))
		}
	}
	pg := c.st.userOrder.paginate(pageRequest{Desc: q.desc, After: q.after, Offset: q.offset, Limit: q.limit, Match: match})
	users := make([]userInfo, 0, len(pg.Keys))
	for _, k := range pg.Keys {
		info := toUserInfo(c.st.users[k.ID])
		if req.FilterGroups != nil {
			selected := slices.ContainsFunc(req.FilterGroups, func(gid string) bool { return c.st.isMemberLocked(gid, k.ID) })
			info.IsSelected = &selected
		}
		users = append(users, info)
	}
	return listUsersResponse{
		TotalCounts: pg.Total,
		MaxResults:  q.limit,
		Users:       users,
		NextToken:   c.nextToken(q, pg),
		IsTruncated: pg.Truncated,
	}, nil
}

type userRequest struct {
	UserId *string `json:"UserId" req:"true"`
	ZoneId *string `json:"ZoneId" req:"true"`
}

func (c *call) user(id string) (*User, *apiError) {
	u, ok := c.st.users[id]
	if !ok {
		return nil, errf(codeUserNotExist, "The user %s does not exist.", id)
	}
	return u, nil
}

func getUser(c *call, req *userRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	u, aerr := c.user(*req.UserId)
	if aerr != nil {
		return nil, aerr
	}
	return userInfoResponse{UserInfo: toUserInfo(u)}, nil
}

type createUserRequest struct {
	ZoneId            *string `json:"ZoneId" req:"true"`
	UserName          *string `json:"UserName" req:"true"`
	FirstName         *string `json:"FirstName"`
	LastName          *string `json:"LastName"`
	DisplayName       *string `json:"DisplayName"`
	Description       *string `json:"Description"`
	Email             *string `json:"Email"`
	UserStatus        *string `json:"UserStatus"`
	UserType          *string `json:"UserType"`
	NeedResetPassword *bool   `json:"NeedResetPassword"`
}

func createUser(c *call, req *createUserRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	u := &User{
		UserId:            randomID("u-"),
		UserName:          *req.UserName,
		FirstName:         str(req.FirstName),
		LastName:          str(req.LastName),
		DisplayName:       str(req.DisplayName),
		Description:       str(req.Description),
		Email:             str(req.Email),
		UserStatus:        cmp.Or(str(req.UserStatus), statusEnabled),
		UserType:          cmp.Or(str(req.UserType), typeManual),
		NeedResetPassword: req.NeedResetPassword != nil && *req.NeedResetPassword,
		CreateTime:        c.now,
		UpdateTime:        c.now,
	}
	if aerr := c.st.insertUserLocked(u); aerr != nil {
		return nil, aerr
	}
	return userInfoResponse{UserInfo: toUserInfo(u)}, nil
}

// readOnlySynchronizedUser refuses changes to a SCIM-provisioned user while SCIM sync is on: the
// IdP owns it then.
func (c *call) readOnlySynchronizedUser(u *User, code string) *apiError {
	if u.UserType == typeSynchronized && c.st.syncEnabledLocked() {
		return errf(code, "The user %s is synchronized from the identity provider and cannot be changed while SCIM synchronization is enabled.", u.UserId)
	}
	return nil
}

type updateUserRequest struct {
	ZoneId            *string `json:"ZoneId" req:"true"`
	UserId            *string `json:"UserId" req:"true"`
	NewFirstName      *string `json:"NewFirstName"`
	NewLastName       *string `json:"NewLastName"`
	NewDisplayName    *string `json:"NewDisplayName"`
	NewDescription    *string `json:"NewDescription"`
	NewEmail          *string `json:"NewEmail"`
	NeedResetPassword *bool   `json:"NeedResetPassword"`
}

func updateUser(c *call, req *updateUserRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	u, aerr := c.user(*req.UserId)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := c.readOnlySynchronizedUser(u, codeSynchronizedUserNotUpdate); aerr != nil {
		return nil, aerr
	}
	updated := *u
	for _, f := range []struct {
		from *string
		to   *string
	}{
		{req.NewFirstName, &updated.FirstName},
		{req.NewLastName, &updated.LastName},
		{req.NewDisplayName, &updated.DisplayName},
		{req.NewDescription, &updated.Description},
		{req.NewEmail, &updated.Email},
	} {
		if f.from != nil {
			*f.to = *f.from
		}
	}
	if req.NeedResetPassword != nil {
		updated.NeedResetPassword = *req.NeedResetPassword
	}
	updated.UpdateTime = c.now
	if aerr := c.st.replaceUserLocked(&updated); aerr != nil {
		return nil, aerr
	}
	return userInfoResponse{UserInfo: toUserInfo(&updated)}, nil
}

type updateUserStatusRequest struct {
	ZoneId        *string `json:"ZoneId" req:"true"`
	UserId        *string `json:"UserId" req:"true"`
	NewUserStatus *string `json:"NewUserStatus" req:"true"`
}

func updateUserStatus(c *call, req *updateUserStatusRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	if err := checkEnum(codeInvalidParameterValue, "NewUserStatus", *req.NewUserStatus, statusEnabled, statusDisabled); err != nil {
		return nil, err
	}
	u, aerr := c.user(*req.UserId)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := c.readOnlySynchronizedUser(u, codeSynchronizedUserNotUpdate); aerr != nil {
		return nil, aerr
	}
	updated := *u
	updated.UserStatus = *req.NewUserStatus
	updated.UpdateTime = c.now
	if aerr := c.st.replaceUserLocked(&updated); aerr != nil {
		return nil, aerr
	}
	return emptyResponse{}, nil
}

type deleteUserRequest struct {
	ZoneId *string `json:"ZoneId" req:"true"`
	UserId *string `json:"UserId" req:"true"`
}

func deleteUser(c *call, req *deleteUserRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	u, aerr := c.user(*req.UserId)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := c.readOnlySynchronizedUser(u, codeSynchronizedUserNotDelete); aerr != nil {
		return nil, aerr
	}
	if n := len(c.st.userGroups[u.UserId]); n > 0 {
		return nil, errf(codeUserAlreadyExistsGrp, "The user %s is still in %d group(s); remove it from them first.", u.UserId, n)
	}
	if n := c.st.principalAssignmentCountLocked(u.UserId); n > 0 {
		return nil, errf(codeRoleAuthorizationExist, "The user %s still holds %d role assignment(s); delete them first.", u.UserId, n)
	}
	c.st.deleteUserLocked(u.UserId)
	return emptyResponse{}, nil
}
