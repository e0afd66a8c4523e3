package idc

import (
	"fmt"
	"time"
)

const timeLayout = "2006-01-02 15:04:05"

// beijing is the API's time zone. A fixed offset, so the result never depends on the host's
// tzdata (China has had no daylight saving time since 1991).
var beijing = time.FixedZone("UTC+8", 8*60*60)

// ParseTime parses the API's "2006-01-02 15:04:05" timestamps, which are Beijing time (UTC+8).
// The empty string is the zero time.
func ParseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation(timeLayout, s, beijing)
	if err != nil {
		return time.Time{}, fmt.Errorf("time %q is not in the API's \"2006-01-02 15:04:05\" format: %w", s, err)
	}
	return t, nil
}

// The API's words for a switch or a status; the client turns them into bools, and Status turns
// a bool back for requests and for attributes that show the API's word.
const (
	StatusEnabled  = "Enabled"
	StatusDisabled = "Disabled"
)

// Status is the API's word for enabled.
func Status(enabled bool) string {
	if enabled {
		return StatusEnabled
	}
	return StatusDisabled
}

// timeParser parses several timestamps of one response and keeps the first failure, naming its field.
type timeParser struct{ err error }

func (p *timeParser) parse(field, s string) time.Time {
	if p.err != nil {
		return time.Time{}
	}
	t, err := ParseTime(s)
	if err != nil {
		p.err = fmt.Errorf("%s: %w", field, err)
	}
	return t
}

func (w *wireUserInfo) toUser() (User, error) {
	var p timeParser
	u := User{
		UserID:            w.UserId,
		UserName:          w.UserName,
		FirstName:         w.FirstName,
		LastName:          w.LastName,
		DisplayName:       w.DisplayName,
		Description:       w.Description,
		Email:             w.Email,
		Enabled:           w.UserStatus == StatusEnabled,
		UserType:          w.UserType,
		IsSelected:        w.IsSelected,
		NeedResetPassword: w.NeedResetPassword,
		CreateTime:        p.parse("CreateTime", w.CreateTime),
		UpdateTime:        p.parse("UpdateTime", w.UpdateTime),
	}
	return u, p.err
}

func (w *wireGroupInfo) toGroup() (Group, error) {
	var p timeParser
	g := Group{
		GroupID:     w.GroupId,
		GroupName:   w.GroupName,
		Description: w.Description,
		GroupType:   w.GroupType,
		MemberCount: w.MemberCount,
		IsSelected:  w.IsSelected,
		CreateTime:  p.parse("CreateTime", w.CreateTime),
		UpdateTime:  p.parse("UpdateTime", w.UpdateTime),
	}
	return g, p.err
}

func (w *wireGroupMember) toGroupMember() (GroupMember, error) {
	var p timeParser
	m := GroupMember{
		UserID:      w.UserId,
		UserName:    w.UserName,
		DisplayName: w.DisplayName,
		Description: w.Description,
		Email:       w.Email,
		Enabled:     w.UserStatus == StatusEnabled,
		UserType:    w.UserType,
		JoinTime:    p.parse("JoinTime", w.JoinTime),
	}
	return m, p.err
}

func (w *wireSCIMCredential) toSCIMCredential() (SCIMCredential, error) {
	var p timeParser
	c := SCIMCredential{
		ZoneID:         w.ZoneId,
		CredentialID:   w.CredentialId,
		CredentialType: w.CredentialType,
		Enabled:        w.Status == StatusEnabled,
		CreateTime:     p.parse("CreateTime", w.CreateTime),
		ExpireTime:     p.parse("ExpireTime", w.ExpireTime),
	}
	return c, p.err
}

func (w *wireSAMLIdPCertificate) toCertificate() (SAMLIdPCertificate, error) {
	var p timeParser
	c := SAMLIdPCertificate{
		CertificateID:      w.CertificateId,
		SerialNumber:       w.SerialNumber,
		Issuer:             w.Issuer,
		Subject:            w.Subject,
		Version:            w.Version,
		SignatureAlgorithm: w.SignatureAlgorithm,
		PublicKey:          w.PublicKey,
		X509Certificate:    w.X509Certificate,
		NotBefore:          p.parse("NotBefore", w.NotBefore),
		NotAfter:           p.parse("NotAfter", w.NotAfter),
	}
	return c, p.err
}

func (w *wireRoleConfiguration) toRoleConfiguration() (RoleConfiguration, error) {
	var p timeParser
	rc := RoleConfiguration{
		RoleConfigurationID: w.RoleConfigurationId,
		Name:                w.RoleConfigurationName,
		Description:         w.Description,
		SessionDuration:     w.SessionDuration,
		RelayState:          w.RelayState,
		IsSelected:          w.IsSelected,
		CreateTime:          p.parse("CreateTime", w.CreateTime),
		UpdateTime:          p.parse("UpdateTime", w.UpdateTime),
	}
	return rc, p.err
}

func (w *wireRolePolicie) toRolePolicy() (RolePolicy, error) {
	var p timeParser
	rp := RolePolicy{
		PolicyID:   w.RolePolicyId,
		PolicyName: w.RolePolicyName,
		PolicyType: w.RolePolicyType,
		Document:   w.RolePolicyDocument,
		AddTime:    p.parse("AddTime", w.AddTime),
	}
	return rp, p.err
}

func (w *wireRoleProvisioningsTask) toTask() Task {
	return Task{
		TaskID:                w.TaskId,
		TaskType:              w.TaskType,
		Status:                w.TaskStatus,
		RoleConfigurationID:   w.RoleConfigurationId,
		RoleConfigurationName: w.RoleConfigurationName,
		TargetType:            w.TargetType,
		TargetUin:             w.TargetUin,
	}
}

func (w *wireTaskInfo) toTask() Task {
	return Task{
		TaskID:                w.TaskId,
		TaskType:              w.TaskType,
		Status:                w.Status,
		FailureReason:         w.FailureReason,
		RoleConfigurationID:   w.RoleConfigurationId,
		RoleConfigurationName: w.RoleConfigurationName,
		TargetType:            w.TargetType,
		TargetUin:             w.TargetUin,
		PrincipalType:         w.PrincipalType,
		PrincipalID:           w.PrincipalId,
	}
}

func (w *wireTaskStatus) toTask() Task {
	return Task{TaskID: w.TaskId, TaskType: w.TaskType, Status: w.Status, FailureReason: w.FailureReason}
}

func (w *wireRoleConfigurationProvisioning) toProvisioning() (Provisioning, error) {
	var p timeParser
	pr := Provisioning{
		RoleConfigurationID:   w.RoleConfigurationId,
		RoleConfigurationName: w.RoleConfigurationName,
		TargetType:            w.TargetType,
		TargetUin:             w.TargetUin,
		TargetName:            w.TargetName,
		DeploymentStatus:      w.DeploymentStatus,
		CreateTime:            p.parse("CreateTime", w.CreateTime),
		UpdateTime:            p.parse("UpdateTime", w.UpdateTime),
	}
	return pr, p.err
}

func (w *wireOrgMember) toOrganizationMember() (OrganizationMember, error) {
	var p timeParser
	m := OrganizationMember{
		MemberUin:        w.MemberUin,
		Name:             w.Name,
		MemberType:       w.MemberType,
		NodeID:           w.NodeId,
		NodeName:         w.NodeName,
		Remark:           w.Remark,
		OrgPolicyType:    w.OrgPolicyType,
		OrgPolicyName:    w.OrgPolicyName,
		IsAllowQuit:      w.IsAllowQuit,
		PayUin:           w.PayUin,
		PayName:          w.PayName,
		BindStatus:       w.BindStatus,
		PermissionStatus: w.PermissionStatus,
		NickName:         w.NickName,
		CreateTime:       p.parse("CreateTime", w.CreateTime),
		UpdateTime:       p.parse("UpdateTime", w.UpdateTime),
	}
	return m, p.err
}

func (w *describeOrganizationResponse) toOrganization() (Organization, error) {
	var p timeParser
	o := Organization{
		OrgID:           w.OrgId,
		HostUin:         w.HostUin,
		NickName:        w.NickName,
		OrgType:         w.OrgType,
		RootNodeID:      w.RootNodeId,
		IsManager:       w.IsManager,
		IsAssignManager: w.IsAssignManager,
		IsAuthManager:   w.IsAuthManager,
		OrgPolicyType:   w.OrgPolicyType,
		OrgPolicyName:   w.OrgPolicyName,
		IsAllowQuit:     w.IsAllowQuit,
		PayUin:          w.PayUin,
		PayName:         w.PayName,
		CreateTime:      p.parse("CreateTime", w.CreateTime),
		JoinTime:        p.parse("JoinTime", w.JoinTime),
	}
	return o, p.err
}

func (w *wireRoleAssignment) toRoleAssignment() (RoleAssignment, error) {
	var p timeParser
	a := RoleAssignment{
		RoleConfigurationID:   w.RoleConfigurationId,
		RoleConfigurationName: w.RoleConfigurationName,
		TargetType:            w.TargetType,
		TargetUin:             w.TargetUin,
		TargetName:            w.TargetName,
		PrincipalType:         w.PrincipalType,
		PrincipalID:           w.PrincipalId,
		PrincipalName:         w.PrincipalName,
		CreateTime:            p.parse("CreateTime", w.CreateTime),
		UpdateTime:            p.parse("UpdateTime", w.UpdateTime),
	}
	return a, p.err
}
