package idc

// Wire structs: the JSON of requests and of the "Response" object, with the field names of
// Tencent's Organization API pages exactly (https://cloud.tencent.com/document/api/850, e.g.
// /850/112052 CreateSCIMCredential; the API is not consistent: ScimSyncStatus vs
// SCIMSynchronizationStatus, CredentialStatus vs Status, SSOStatus, SAMLIdPCertificates…).
// Optional request fields carry omitempty so that only set fields are sent, never a null.

type zoneRequest struct {
	ZoneId string
}

type describeIdentityCenterRequest struct{}

type describeIdentityCenterResponse struct {
	ZoneId         string
	ZoneName       string
	ServiceStatus  string
	ScimSyncStatus string
	CreateTime     string
	UpdateTime     string
}

type getZoneStatisticsResponse struct {
	ZoneStatistics *wireZoneStatistics
}

type wireZoneStatistics struct {
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

type getZoneSAMLServiceProviderInfoResponse struct {
	SAMLServiceProvider *wireSAMLServiceProvider
}

type wireSAMLServiceProvider struct {
	EntityId                string
	ZoneId                  string
	EncodedMetadataDocument string
	AcsUrl                  string
}

type getSCIMSynchronizationStatusResponse struct {
	SCIMSynchronizationStatus string
}

type updateSCIMSynchronizationStatusRequest struct {
	ZoneId                    string
	SCIMSynchronizationStatus string
}

type createSCIMCredentialRequest struct {
	ZoneId         string
	ExpireDuration uint64 `json:",omitempty"`
}

type createSCIMCredentialResponse struct {
	ZoneId           string
	CredentialId     string
	CredentialType   string
	CreateTime       string
	ExpireTime       string
	CredentialStatus string
	CredentialSecret string
}

type listSCIMCredentialsRequest struct {
	ZoneId       string
	CredentialId string `json:",omitempty"`
}

type listSCIMCredentialsResponse struct {
	TotalCounts     int64
	SCIMCredentials []wireSCIMCredential
}

type wireSCIMCredential struct {
	ZoneId         string
	Status         string
	CredentialId   string
	CredentialType string
	CreateTime     string
	ExpireTime     string
}

type updateSCIMCredentialStatusRequest struct {
	ZoneId       string
	CredentialId string
	NewStatus    string
}

type credentialRequest struct {
	ZoneId       string
	CredentialId string
}

type setExternalSAMLIdentityProviderRequest struct {
	ZoneId                  string
	EncodedMetadataDocument *string `json:",omitempty"`
	SSOStatus               string  `json:",omitempty"`
	EntityId                *string `json:",omitempty"`
	LoginUrl                *string `json:",omitempty"`
	X509Certificate         *string `json:",omitempty"`
}

type setExternalSAMLIdentityProviderResponse struct {
	CertificateIds []string
}

type getExternalSAMLIdentityProviderResponse struct {
	SAMLIdentityProviderConfiguration *wireSAMLIdentityProviderConfiguration
}

type wireSAMLIdentityProviderConfiguration struct {
	EntityId                string
	SSOStatus               string
	EncodedMetadataDocument string
	CertificateIds          []string
	LoginUrl                string
	CreateTime              string
	UpdateTime              string
}

type addExternalSAMLIdPCertificateRequest struct {
	ZoneId          string
	X509Certificate string
}

type addExternalSAMLIdPCertificateResponse struct {
	CertificateId string
}

type removeExternalSAMLIdPCertificateRequest struct {
	ZoneId        string
	CertificateId string
}

type listExternalSAMLIdPCertificatesResponse struct {
	TotalCounts         int64
	SAMLIdPCertificates []wireSAMLIdPCertificate
}

type wireSAMLIdPCertificate struct {
	SerialNumber       string
	Issuer             string
	Version            int64
	CertificateId      string
	PublicKey          string
	SignatureAlgorithm string
	NotAfter           string
	NotBefore          string
	Subject            string
	X509Certificate    string
}

// wirePage is the pagination part every List* response shares.
type wirePage struct {
	NextToken   string
	IsTruncated bool
	TotalCounts int64
	MaxResults  int64
}

type listUsersRequest struct {
	ZoneId       string
	UserStatus   string   `json:",omitempty"`
	UserType     string   `json:",omitempty"`
	Filter       string   `json:",omitempty"`
	FilterGroups []string `json:",omitempty"`
	MaxResults   int64
	NextToken    string `json:",omitempty"`
}

type listUsersResponse struct {
	wirePage
	Users []wireUserInfo
}

type wireUserInfo struct {
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
	IsSelected        bool
	NeedResetPassword bool
}

type getUserRequest struct {
	ZoneId string
	UserId string
}

type getUserResponse struct {
	UserInfo *wireUserInfo
}

type listGroupsRequest struct {
	ZoneId      string
	Filter      string   `json:",omitempty"`
	GroupType   string   `json:",omitempty"`
	FilterUsers []string `json:",omitempty"`
	MaxResults  int64
	NextToken   string `json:",omitempty"`
}

type listGroupsResponse struct {
	wirePage
	Groups []wireGroupInfo
}

type wireGroupInfo struct {
	GroupName   string
	Description string
	CreateTime  string
	GroupType   string
	UpdateTime  string
	GroupId     string
	MemberCount int64
	IsSelected  bool
}

type getGroupRequest struct {
	ZoneId  string
	GroupId string
}

type getGroupResponse struct {
	GroupInfo *wireGroupInfo
}

type listGroupMembersRequest struct {
	ZoneId     string
	GroupId    string
	UserType   string `json:",omitempty"`
	MaxResults int64
	NextToken  string `json:",omitempty"`
}

type listGroupMembersResponse struct {
	wirePage
	GroupMembers []wireGroupMember
}

type wireGroupMember struct {
	UserName    string
	DisplayName string
	Description string
	Email       string
	UserStatus  string
	UserType    string
	UserId      string
	JoinTime    string
}

// STS (service sts, version 2018-08-13).

type assumeRoleRequest struct {
	RoleArn         string
	RoleSessionName string
	DurationSeconds int64
	Policy          string `json:",omitempty"`
	ExternalId      string `json:",omitempty"`
}

type assumeRoleResponse struct {
	Credentials struct {
		Token        string
		TmpSecretId  string
		TmpSecretKey string
	}
	ExpiredTime int64
	Expiration  string
}

// Access layer: role configurations, their policies, deployments, role assignments and tasks
// (https://cloud.tencent.com/document/api/850, e.g. /850/109930 UpdateRoleConfiguration), and
// the organization's accounts. Every UIN is a JSON number except PayUin, which is a string; the
// task status is TaskStatus in RoleProvisioningsTask but Status in TaskInfo and TaskStatus.

type wireRoleConfiguration struct {
	RoleConfigurationId   string
	RoleConfigurationName string
	Description           string
	SessionDuration       int64
	RelayState            string
	CreateTime            string
	UpdateTime            string
	IsSelected            bool
}

type createRoleConfigurationRequest struct {
	ZoneId                string
	RoleConfigurationName string
	Description           string `json:",omitempty"`
	SessionDuration       int64  `json:",omitempty"`
	RelayState            string `json:",omitempty"`
}

type roleConfigurationResponse struct {
	RoleConfigurationInfo *wireRoleConfiguration
}

type roleConfigurationRequest struct {
	ZoneId              string
	RoleConfigurationId string
}

type updateRoleConfigurationRequest struct {
	ZoneId              string
	RoleConfigurationId string
	NewDescription      *string `json:",omitempty"`
	NewSessionDuration  *int64  `json:",omitempty"`
	NewRelayState       *string `json:",omitempty"`
}

type listRoleConfigurationsRequest struct {
	ZoneId        string
	NextToken     string  `json:",omitempty"`
	MaxResults    int64   `json:",omitempty"`
	Filter        string  `json:",omitempty"`
	FilterTargets []int64 `json:",omitempty"`
	PrincipalId   string  `json:",omitempty"`
}

type listRoleConfigurationsResponse struct {
	wirePage
	RoleConfigurations []wireRoleConfiguration
}

type wirePolicyDetail struct {
	PolicyId   int64
	PolicyName string `json:",omitempty"`
}

type addPermissionPolicyRequest struct {
	ZoneId                string
	RoleConfigurationId   string
	RolePolicyType        string
	RolePolicyNames       []string           `json:",omitempty"`
	RolePolicies          []wirePolicyDetail `json:",omitempty"`
	CustomPolicyDocument  string             `json:",omitempty"`
	CustomPolicyDocuments []string           `json:",omitempty"`
}

type removePermissionPolicyRequest struct {
	ZoneId              string
	RoleConfigurationId string
	RolePolicyType      string
	RolePolicyName      string `json:",omitempty"`
	RolePolicyId        int64  `json:",omitempty"`
}

type listPermissionPoliciesRequest struct {
	ZoneId              string
	RoleConfigurationId string
	RolePolicyType      string `json:",omitempty"`
	Filter              string `json:",omitempty"`
}

type listPermissionPoliciesResponse struct {
	TotalCounts  int64
	RolePolicies []wireRolePolicie
}

// wireRolePolicie is the API's RolePolicie (sic).
type wireRolePolicie struct {
	RolePolicyId       int64
	RolePolicyName     string
	RolePolicyType     string
	RolePolicyDocument string
	AddTime            string
}

type updateCustomPolicyRequest struct {
	ZoneId                  string
	RoleConfigurationId     string
	CustomPolicyName        string
	NewCustomPolicyDocument string
}

type roleTargetRequest struct {
	ZoneId              string
	RoleConfigurationId string
	TargetType          string
	TargetUin           int64
}

type roleProvisioningTaskResponse struct {
	Task *wireRoleProvisioningsTask
}

type wireRoleProvisioningsTask struct {
	TaskId                string
	RoleConfigurationId   string
	RoleConfigurationName string
	TargetUin             int64
	TargetType            string
	TaskType              string
	TaskStatus            string
}

type listRoleConfigurationProvisioningsRequest struct {
	ZoneId              string
	RoleConfigurationId string `json:",omitempty"`
	MaxResults          int64  `json:",omitempty"`
	NextToken           string `json:",omitempty"`
	TargetType          string `json:",omitempty"`
	TargetUin           int64  `json:",omitempty"`
	DeploymentStatus    string `json:",omitempty"`
	Filter              string `json:",omitempty"`
}

type listRoleConfigurationProvisioningsResponse struct {
	wirePage
	RoleConfigurationProvisionings []wireRoleConfigurationProvisioning
}

type wireRoleConfigurationProvisioning struct {
	DeploymentStatus      string
	RoleConfigurationId   string
	RoleConfigurationName string
	TargetUin             int64
	TargetName            string
	TargetType            string
	CreateTime            string
	UpdateTime            string
}

type getTaskStatusRequest struct {
	ZoneId string
	TaskId string
}

type getTaskStatusResponse struct {
	TaskStatus *wireTaskStatus
}

type wireTaskStatus struct {
	Status        string
	TaskId        string
	TaskType      string
	FailureReason string
}

type listTasksRequest struct {
	ZoneId              string
	PrincipalId         string `json:",omitempty"`
	NextToken           string `json:",omitempty"`
	MaxResults          int64  `json:",omitempty"`
	PrincipalType       string `json:",omitempty"`
	TargetUin           int64  `json:",omitempty"`
	TargetType          string `json:",omitempty"`
	RoleConfigurationId string `json:",omitempty"`
	Status              string `json:",omitempty"`
	TaskType            string `json:",omitempty"`
}

type listTasksResponse struct {
	wirePage
	Tasks []wireTaskInfo
}

type wireTaskInfo struct {
	TaskId                string
	RoleConfigurationId   string
	RoleConfigurationName string
	TargetUin             int64
	TargetType            string
	PrincipalId           string
	PrincipalType         string
	TaskType              string
	Status                string
	FailureReason         string
}

type describeOrganizationMembersRequest struct {
	Offset    uint64
	Limit     uint64
	Lang      string `json:",omitempty"`
	SearchKey string `json:",omitempty"`
	AuthName  string `json:",omitempty"`
	Product   string `json:",omitempty"`
}

type describeOrganizationMembersResponse struct {
	Items []wireOrgMember
	Total uint64
}

type wireOrgMember struct {
	MemberUin        int64
	Name             string
	MemberType       string
	OrgPolicyType    string
	OrgPolicyName    string
	NodeId           int64
	NodeName         string
	Remark           string
	CreateTime       string
	UpdateTime       string
	IsAllowQuit      string
	PayUin           string
	PayName          string
	BindStatus       string
	PermissionStatus string
	NickName         string
}

type describeOrganizationRequest struct {
	Lang    string `json:",omitempty"`
	Product string `json:",omitempty"`
}

type describeOrganizationResponse struct {
	OrgId           int64
	HostUin         int64
	NickName        string
	OrgType         int64
	IsManager       bool
	OrgPolicyType   string
	OrgPolicyName   string
	RootNodeId      int64
	CreateTime      string
	JoinTime        string
	IsAllowQuit     string
	PayUin          string
	PayName         string
	IsAssignManager bool
	IsAuthManager   bool
}

type wireRoleAssignmentInfo struct {
	RoleConfigurationId string
	TargetType          string
	TargetUin           int64
	PrincipalType       string
	PrincipalId         string
}

type createRoleAssignmentRequest struct {
	ZoneId             string
	RoleAssignmentInfo []wireRoleAssignmentInfo
}

type createRoleAssignmentResponse struct {
	Tasks []wireTaskInfo
}

type deleteRoleAssignmentRequest struct {
	ZoneId              string
	RoleConfigurationId string
	TargetType          string
	TargetUin           int64
	PrincipalType       string
	PrincipalId         string
	DeprovisionStrategy string `json:",omitempty"`
}

type deleteRoleAssignmentResponse struct {
	Task *wireTaskInfo
}

type listRoleAssignmentsRequest struct {
	ZoneId              string
	RoleConfigurationId string `json:",omitempty"`
	MaxResults          int64  `json:",omitempty"`
	NextToken           string `json:",omitempty"`
	TargetType          string `json:",omitempty"`
	TargetUin           int64  `json:",omitempty"`
	PrincipalType       string `json:",omitempty"`
	PrincipalId         string `json:",omitempty"`
	Filter              string `json:",omitempty"`
}

type listRoleAssignmentsResponse struct {
	wirePage
	RoleAssignments []wireRoleAssignment
}

type wireRoleAssignment struct {
	RoleConfigurationId   string
	RoleConfigurationName string
	TargetUin             int64
	TargetType            string
	TargetName            string
	PrincipalId           string
	PrincipalType         string
	PrincipalName         string
	CreateTime            string
	UpdateTime            string
}
