package idcsim

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
	"time"
)

// Values of the API's status and type enums.
const (
	statusEnabled  = "Enabled"
	statusDisabled = "Disabled"

	typeManual       = "Manual"
	typeSynchronized = "Synchronized"

	credentialTypeBearer = "BearerToken"
)

// Default zone quotas (GetZoneStatistics example) and fixed counters the simulator does not model.
const (
	defaultUserQuota                      = 1000
	defaultGroupQuota                     = 500
	roleConfigurationQuota                = 1000
	systemPolicyPerRoleConfigurationQuota = 20
)

// beijing is the zone of every time string the API returns (UTC+8, no daylight saving).
var beijing = time.FixedZone("CST", 8*60*60)

// apiTimeLayout is the API's time format: no zone offset, Beijing time.
const apiTimeLayout = "2006-01-02 15:04:05"

func apiTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(beijing).Format(apiTimeLayout)
}

// User is a user of the zone, with the API's field names. It is the simulator's own state: the
// SCIM server that will live in this package maps SCIM users onto it.
type User struct {
	UserId            string
	UserName          string
	FirstName         string
	LastName          string
	DisplayName       string
	Description       string
	Email             string
	UserStatus        string // Enabled or Disabled
	UserType          string // Manual or Synchronized
	NeedResetPassword bool
	// ExternalId is the identifier the provisioning IdP gave the user over SCIM; the
	// Identity Center API never shows it.
	ExternalId string `json:",omitempty"`
	// SCIMAttributes holds the SCIM attributes the Identity Center model has no field for
	// (name.formatted, nickName, title, all emails, addresses, the enterprise extension, …) as the
	// IdP last wrote them, so that the SCIM server answers with what it was given. The mapped
	// fields above win over their copies in here. It is replaced as a whole, never changed in
	// place, because API code copies User values.
	SCIMAttributes map[string]any `json:",omitempty"`
	CreateTime     time.Time
	UpdateTime     time.Time
}

// Group is a user group of the zone, with the API's field names.
type Group struct {
	GroupId     string
	GroupName   string
	Description string
	GroupType   string // Manual or Synchronized
	// ExternalId is the identifier the provisioning IdP gave the group over SCIM.
	ExternalId string `json:",omitempty"`
	CreateTime time.Time
	UpdateTime time.Time
}

// membership is one user in one group.
type membership struct {
	GroupId  string
	UserId   string
	JoinTime time.Time
}

// scimCredential is a SCIM bearer credential. Secret is the sim's own state: the API returns it
// only from CreateSCIMCredential; the SCIM server compares bearer tokens with it.
type scimCredential struct {
	CredentialId   string
	CredentialType string
	Status         string
	Secret         string
	CreateTime     time.Time
	ExpireTime     time.Time
}

// idpCertificate is one signing certificate of the external SAML identity provider.
type idpCertificate struct {
	CertificateId string
	DER           []byte
}

// identityProvider is the external SAML IdP configuration of the zone.
type identityProvider struct {
	EntityId  string
	LoginUrl  string
	SSOStatus string
	// Metadata is the raw XML of the last uploaded metadata document (nil when none).
	Metadata     []byte
	Certificates []idpCertificate
	CreateTime   time.Time
	UpdateTime   time.Time
}

// complete reports whether SSO can be enabled with this configuration.
func (p *identityProvider) complete() bool {
	return p.EntityId != "" && p.LoginUrl != "" && len(p.Certificates) > 0
}

func (p *identityProvider) certificateIDs() []string {
	ids := make([]string, 0, len(p.Certificates))
	for _, c := range p.Certificates {
		ids = append(ids, c.CertificateId)
	}
	return ids
}

// zoneState is the one Identity Center zone of the simulated organization.
type zoneState struct {
	ZoneId         string
	ZoneName       string
	ScimSyncStatus string
	UserQuota      int
	GroupQuota     int
	CreateTime     time.Time
	UpdateTime     time.Time
}

var (
	zoneIDPattern   = regexp.MustCompile(`^z-[a-z0-9]{12}$`)
	zoneNamePattern = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$`)
)

// validZoneName applies the documented rules: 2–64 characters of lowercase letters, digits and
// "-", no leading or trailing "-", no "--".
func validZoneName(name string) bool {
	return len(name) >= 2 && zoneNamePattern.MatchString(name) && !strings.Contains(name, "--")
}

const idAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789"

// idLength is the length of the random part of every ID the service hands out
// (`z-`/`u-`/`g-`/`scimcred-`/`idp-c-` + 12 characters, per the reference's examples).
const idLength = 12

// randomID returns prefix followed by idLength random characters of [a-z0-9].
func randomID(prefix string) string {
	b := make([]byte, idLength)
	// Rejection sampling keeps the distribution uniform: 252 is the largest multiple of 36
	// below 256.
	var buf [1]byte
	for i := 0; i < idLength; {
		_, _ = rand.Read(buf[:]) // crypto/rand.Read never fails on supported platforms
		if buf[0] >= 252 {
			continue
		}
		b[i] = idAlphabet[buf[0]%36]
		i++
	}
	return prefix + string(b)
}

// derivedID returns prefix followed by idLength characters of [a-z0-9] derived from seed, so that
// seeded objects keep their IDs from one run to the next.
func derivedID(prefix, seed string) string {
	sum := sha256.Sum256([]byte(seed))
	b := make([]byte, idLength)
	for i := range idLength {
		b[i] = idAlphabet[int(sum[i])%36]
	}
	return prefix + string(b)
}

// newRequestID returns a random UUID (version 4), the form of Tencent's RequestId.
func newRequestID() string {
	var u [16]byte
	_, _ = rand.Read(u[:])
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	h := hex.EncodeToString(u[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}
