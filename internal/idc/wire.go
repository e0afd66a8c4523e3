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
