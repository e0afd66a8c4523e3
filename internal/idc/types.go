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
