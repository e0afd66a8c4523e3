package idc

import "time"

// The domain types below are what the provider sees: plain Go values, time.Time instead of
// the API's "2006-01-02 15:04:05" strings (Beijing time, UTC+8), bools instead of
// "Enabled"/"Disabled". The wire structs that mirror the API's JSON field names live in
// wire.go and never leave this package.

// IdentityCenter is the organization's Identity Center service (DescribeIdentityCenter).
// An organization has exactly one zone.
type IdentityCenter struct {
	ZoneID          string
	ZoneName        string
	ServiceEnabled  bool // ServiceStatus == "Enabled": Identity Center has been opened
	SCIMSyncEnabled bool // ScimSyncStatus == "Enabled"
	CreateTime      time.Time
	UpdateTime      time.Time
}

// ZoneStatistics holds the zone's quotas and counters (GetZoneStatistics).
type ZoneStatistics struct {
	UserQuota                             int64
	GroupQuota                            int64
	RoleConfigurationQuota                int64
	SystemPolicyPerRoleConfigurationQuota int64
	UserCount                             int64
	GroupCount                            int64
	RoleConfigurationCount                int64
	UserProvisioningCount                 int64
	RoleConfigurationSyncCount            int64
}

// SAMLServiceProvider is Tencent's side of SAML for a zone (GetZoneSAMLServiceProviderInfo).
type SAMLServiceProvider struct {
	ZoneID   string
	EntityID string
	AcsURL   string
	// EncodedMetadataDocument is the SP metadata exactly as the API returned it (base64; the
	// API's own example base64-encodes URL-encoded XML). samlmeta.DecodeEncodedDocument reads it.
	EncodedMetadataDocument string
}

// SCIMCredential is a SCIM bearer credential. Secret is only ever set on the value that
// CreateSCIMCredential returns: the API never returns it again.
type SCIMCredential struct {
	ZoneID         string
	CredentialID   string
	CredentialType string
	Enabled        bool
	CreateTime     time.Time
	ExpireTime     time.Time
	Secret         string
}

// SAMLIdentityProvider is the zone's external IdP configuration (GetExternalSAMLIdentityProvider).
type SAMLIdentityProvider struct {
	ZoneID                  string
	EntityID                string
	LoginURL                string
	SSOEnabled              bool
	EncodedMetadataDocument string
	CertificateIDs          []string
	CreateTime              time.Time
	UpdateTime              time.Time
}

// SetSAMLIdentityProviderInput is SetExternalSAMLIdentityProvider's request. Nil fields are
// left out of the request, which leaves them unchanged on the service.
type SetSAMLIdentityProviderInput struct {
	ZoneID                  string
	EncodedMetadataDocument *string
	SSOEnabled              *bool
	EntityID                *string
	LoginURL                *string
	// X509Certificate replaces every stored certificate when set.
	X509Certificate *string
}

// SAMLIdPCertificate is one stored IdP signing certificate (ListExternalSAMLIdPCertificates).
type SAMLIdPCertificate struct {
	CertificateID      string
	SerialNumber       string
	Issuer             string
	Subject            string
	Version            int64
	SignatureAlgorithm string
	PublicKey          string
	X509Certificate    string
	NotBefore          time.Time
	NotAfter           time.Time
}

// User is an Identity Center user (UserInfo).
type User struct {
	UserID      string
	UserName    string
	FirstName   string
	LastName    string
	DisplayName string
	Description string
	Email       string
	Enabled     bool   // UserStatus == "Enabled"
	UserType    string // "Manual" or "Synchronized" (came over SCIM)
	IsSelected  bool
	// NeedResetPassword: the user must set a new password at the next console login.
	NeedResetPassword bool
	CreateTime        time.Time
	UpdateTime        time.Time
}

// ListUsersInput filters ListUsers. Empty fields are left out of the request.
type ListUsersInput struct {
	ZoneID       string
	UserStatus   string // "Enabled" | "Disabled"
	UserType     string // "Manual" | "Synchronized"
	Filter       string
	FilterGroups []string
}

// Group is an Identity Center group (GroupInfo).
type Group struct {
	GroupID     string
	GroupName   string
	Description string
	GroupType   string // "Manual" or "Synchronized"
	MemberCount int64
	IsSelected  bool
	CreateTime  time.Time
	UpdateTime  time.Time
}

// ListGroupsInput filters ListGroups. Empty fields are left out of the request.
type ListGroupsInput struct {
	ZoneID      string
	Filter      string
	GroupType   string // "Manual" | "Synchronized"
	FilterUsers []string
}

// GroupMember is one member of a group (ListGroupMembers).
type GroupMember struct {
	UserID      string
	UserName    string
	DisplayName string
	Description string
	Email       string
	Enabled     bool
	UserType    string
	JoinTime    time.Time
}

// The API's words for policy kinds, deployment targets, principals and task states.
const (
	// PolicyTypeSystem is a CAM preset policy attached by its PolicyId.
	PolicyTypeSystem = "System"
	// PolicyTypeCustom is an inline policy document owned by the role configuration, named
	// within it.
	PolicyTypeCustom = "Custom"

	// TargetTypeMember is a member account of the organization.
	TargetTypeMember = "MemberUin"
	// TargetTypeManager is the organization's management account (Organization.HostUin).
	TargetTypeManager = "ManagerUin"

	// PrincipalTypeUser and PrincipalTypeGroup name what a role assignment grants access to.
	PrincipalTypeUser  = "User"
	PrincipalTypeGroup = "Group"

	// TaskStatusInProgress, TaskStatusSuccess and TaskStatusFailed are the states of an
	// asynchronous task; only the last two are final.
	TaskStatusInProgress = "InProgress"
	TaskStatusSuccess    = "Success"
	TaskStatusFailed     = "Failed"

	// DeprovisionForLastRoleAssignment makes DeleteRoleAssignment also undeploy the role
	// configuration when it removes the last assignment using it on that account.
	DeprovisionForLastRoleAssignment = "DeprovisionForLastRoleAssignmentOnAccount"
)

// RoleConfiguration is a permission set of the zone (RoleConfiguration).
type RoleConfiguration struct {
	RoleConfigurationID string
	Name                string
	Description         string
	// SessionDuration is the longest console session, in seconds; 0 when the answer has none.
	SessionDuration int64
	RelayState      string
	// IsSelected is only meaningful in a listing filtered by FilterTargets.
	IsSelected bool
	CreateTime time.Time
	UpdateTime time.Time
}

// CreateRoleConfigurationInput is CreateRoleConfiguration's request. Zero fields are left out,
// so the service applies its defaults (a 3600 s session, the console home page).
type CreateRoleConfigurationInput struct {
	ZoneID          string
	Name            string
	Description     string
	SessionDuration int64
	RelayState      string
}

// UpdateRoleConfigurationInput is UpdateRoleConfiguration's request. Nil fields are left out
// of the request, which leaves them unchanged; the name cannot be changed.
type UpdateRoleConfigurationInput struct {
	ZoneID              string
	RoleConfigurationID string
	Description         *string
	SessionDuration     *int64
	RelayState          *string
}

// ListRoleConfigurationsInput filters ListRoleConfigurations. Empty fields are left out.
type ListRoleConfigurationsInput struct {
	ZoneID string
	// Filter is a case-insensitive substring of the name or the description.
	Filter string
	// FilterTargets are member UINs; with PrincipalID they set IsSelected on each item.
	FilterTargets []int64
	PrincipalID   string
}

// SystemPolicy names a CAM preset policy by its ID (and optionally its name).
type SystemPolicy struct {
	PolicyID   int64
	PolicyName string
}

// AddPermissionPolicyInput is AddPermissionPolicyToRoleConfiguration's request. For system
// policies set SystemPolicies; for a custom policy set PolicyNames to its name and
// CustomPolicyDocument to its JSON document. Empty fields are left out.
type AddPermissionPolicyInput struct {
	ZoneID               string
	RoleConfigurationID  string
	PolicyType           string // PolicyTypeSystem | PolicyTypeCustom
	SystemPolicies       []SystemPolicy
	PolicyNames          []string
	CustomPolicyDocument string
}

// RolePolicy is a policy inside a role configuration (RolePolicie).
type RolePolicy struct {
	// PolicyID is the CAM policy ID of a system policy; 0 for a custom one.
	PolicyID   int64
	PolicyName string
	PolicyType string // PolicyTypeSystem | PolicyTypeCustom
	// Document is the custom policy's JSON exactly as stored; empty for a system policy.
	Document string
	AddTime  time.Time
}

// RoleTarget is a role configuration on one account: what ProvisionRoleConfiguration deploys
// and DismantleRoleConfiguration removes.
type RoleTarget struct {
	ZoneID              string
	RoleConfigurationID string
	TargetType          string // TargetTypeMember | TargetTypeManager
	TargetUin           int64
}

// Task is an asynchronous task of the zone. Which fields are set depends on the answer: a
// GetTaskStatus answer carries only TaskID, TaskType, Status and FailureReason.
type Task struct {
	TaskID                string
	TaskType              string
	Status                string // TaskStatusInProgress | TaskStatusSuccess | TaskStatusFailed
	FailureReason         string
	RoleConfigurationID   string
	RoleConfigurationName string
	TargetType            string
	TargetUin             int64
	PrincipalType         string
	PrincipalID           string
}

// Provisioning is the deployment of a role configuration on one account.
type Provisioning struct {
	RoleConfigurationID   string
	RoleConfigurationName string
	TargetType            string
	TargetUin             int64
	TargetName            string
	// DeploymentStatus is "Deployed", "DeployedRequired" (policies changed since: redeploy)
	// or "DeployFailed".
	DeploymentStatus string
	CreateTime       time.Time
	UpdateTime       time.Time
}

// ListProvisioningsInput filters ListRoleConfigurationProvisionings. Empty fields are left out.
type ListProvisioningsInput struct {
	ZoneID              string
	RoleConfigurationID string
	TargetType          string
	TargetUin           int64
	DeploymentStatus    string
	Filter              string
}

// ListTasksInput filters ListTasks. Empty fields are left out.
type ListTasksInput struct {
	ZoneID              string
	RoleConfigurationID string
	TargetType          string
	TargetUin           int64
	PrincipalType       string
	PrincipalID         string
	Status              string
	TaskType            string
}

// OrganizationMember is an account of the organization (OrgMember of DescribeOrganizationMembers).
type OrganizationMember struct {
	MemberUin        int64
	Name             string
	MemberType       string // "Invite" | "Create"
	NodeID           int64
	NodeName         string
	Remark           string
	OrgPolicyType    string
	OrgPolicyName    string
	IsAllowQuit      string // "Allow" | "Denied"
	PayUin           string // a string in the API, unlike every other UIN
	PayName          string
	BindStatus       string
	PermissionStatus string
	NickName         string
	CreateTime       time.Time
	UpdateTime       time.Time
}

// ListOrganizationMembersInput filters DescribeOrganizationMembers. Empty fields are left out.
type ListOrganizationMembersInput struct {
	Lang      string // "en" | "zh"
	SearchKey string // member name or UIN
	AuthName  string
	Product   string // required when a trusted-service (delegated) admin asks
}

// Organization is the caller's organization (DescribeOrganization).
type Organization struct {
	OrgID int64
	// HostUin is the creator's UIN: the management account, the TargetUin of TargetTypeManager.
	HostUin    int64
	NickName   string
	OrgType    int64
	RootNodeID int64
	// IsManager: the caller is the organization's management account.
	IsManager bool
	// IsAssignManager: the caller is a trusted-service (delegated) admin.
	IsAssignManager bool
	IsAuthManager   bool
	OrgPolicyType   string
	OrgPolicyName   string
	IsAllowQuit     string
	PayUin          string
	PayName         string
	CreateTime      time.Time
	JoinTime        time.Time
}

// RoleAssignment grants a user or group a role configuration on one account.
type RoleAssignment struct {
	RoleConfigurationID   string
	RoleConfigurationName string
	TargetType            string
	TargetUin             int64
	TargetName            string
	PrincipalType         string // PrincipalTypeUser | PrincipalTypeGroup
	PrincipalID           string
	PrincipalName         string
	CreateTime            time.Time
	UpdateTime            time.Time
}

// RoleAssignmentKey identifies a role assignment: CreateRoleAssignment's request item and
// DeleteRoleAssignment's request.
type RoleAssignmentKey struct {
	RoleConfigurationID string
	TargetType          string
	TargetUin           int64
	PrincipalType       string
	PrincipalID         string
}

// ListRoleAssignmentsInput filters ListRoleAssignments. Empty fields are left out.
type ListRoleAssignmentsInput struct {
	ZoneID              string
	RoleConfigurationID string
	TargetType          string
	TargetUin           int64
	PrincipalType       string
	PrincipalID         string
	Filter              string
}
