package idcsim

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/xml"
	"strings"
)

// spHost is where Tencent's SAML service provider lives (China site, as in the API examples).
const spHost = "https://tencentcloudsso.com"

type describeIdentityCenterRequest struct{}

type describeIdentityCenterResponse struct {
	ZoneId         string
	ZoneName       string
	ServiceStatus  string
	ScimSyncStatus string
	CreateTime     string
	UpdateTime     string
}

func describeIdentityCenter(c *call, _ *describeIdentityCenterRequest) (any, *apiError) {
	z := c.st.zone
	return describeIdentityCenterResponse{
		ZoneId:         z.ZoneId,
		ZoneName:       z.ZoneName,
		ServiceStatus:  statusEnabled, // the simulated organization has opened Identity Center
		ScimSyncStatus: z.ScimSyncStatus,
		CreateTime:     apiTime(z.CreateTime),
		UpdateTime:     apiTime(z.UpdateTime),
	}, nil
}

type zoneRequest struct {
	ZoneId *string `json:"ZoneId" req:"true"`
}

type zoneStatistics struct {
	UserQuota                             int
	GroupQuota                            int
	RoleConfigurationQuota                int
	SystemPolicyPerRoleConfigurationQuota int
	UserCount                             int
	GroupCount                            int
	RoleConfigurationCount                int
	UserProvisioningCount                 int
	RoleConfigurationSyncCount            int
}

type getZoneStatisticsResponse struct {
	ZoneStatistics zoneStatistics
}

func getZoneStatistics(c *call, req *zoneRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	// CAM user provisioning is not simulated: its counter is 0. RoleConfigurationSyncCount is
	// read as the number of deployments (inferred).
	return getZoneStatisticsResponse{ZoneStatistics: zoneStatistics{
		UserQuota:                             c.st.userQuotaLocked(),
		GroupQuota:                            c.st.groupQuotaLocked(),
		RoleConfigurationQuota:                roleConfigurationQuota,
		SystemPolicyPerRoleConfigurationQuota: systemPolicyPerRoleConfigurationQuota,
		UserCount:                             len(c.st.users),
		GroupCount:                            len(c.st.groups),
		RoleConfigurationCount:                len(c.st.roleConfigs),
		RoleConfigurationSyncCount:            len(c.st.provisionings),
	}}, nil
}

type samlServiceProvider struct {
	EntityId                string
	ZoneId                  string
	EncodedMetadataDocument string
	AcsUrl                  string
}

type getZoneSAMLServiceProviderInfoResponse struct {
	SAMLServiceProvider samlServiceProvider
}

func getZoneSAMLServiceProviderInfo(c *call, req *zoneRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	return getZoneSAMLServiceProviderInfoResponse{SAMLServiceProvider: serviceProvider(c.st.zone.ZoneId)}, nil
}

// serviceProvider is Tencent's SAML SP for a zone. The ACS path segment is an opaque ID, not the
// zone ID (as in Tencent's example); deriving it from the zone ID keeps it stable across restarts.
func serviceProvider(zoneID string) samlServiceProvider {
	sum := sha256.Sum256([]byte("acs/" + zoneID))
	h := hex.EncodeToString(sum[:])
	acsID := h[0:5] + "-" + h[5:11] + "-" + h[11:20]
	sp := samlServiceProvider{
		EntityId: spHost + "/saml/sp/" + zoneID,
		ZoneId:   zoneID,
		AcsUrl:   spHost + "/saml/acs/" + acsID,
	}
	sp.EncodedMetadataDocument = base64.StdEncoding.EncodeToString([]byte(encodeURIComponent(spMetadataXML(sp.EntityId, sp.AcsUrl))))
	return sp
}

// spMetadataXML is a SAML 2.0 SP metadata document: the entity ID and one HTTP-POST assertion
// consumer service.
func spMetadataXML(entityID, acsURL string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="`)
	_ = xml.EscapeText(&b, []byte(entityID))
	b.WriteString(`">` + "\n")
	b.WriteString(`  <md:SPSSODescriptor AuthnRequestsSigned="false" WantAssertionsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">` + "\n")
	b.WriteString(`    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified</md:NameIDFormat>` + "\n")
	b.WriteString(`    <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="`)
	_ = xml.EscapeText(&b, []byte(acsURL))
	b.WriteString(`" index="0" isDefault="true"/>` + "\n")
	b.WriteString("  </md:SPSSODescriptor>\n</md:EntityDescriptor>\n")
	return b.String()
}

// encodeURIComponent percent-encodes everything but A-Z a-z 0-9 - _ . ! ~ * ' ( ), as
// JavaScript's function of that name does: Tencent's example document decodes to
// "%3C%3Fxml%20version%3D…", which is exactly that encoding.
func encodeURIComponent(s string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case 'A' <= ch && ch <= 'Z', 'a' <= ch && ch <= 'z', '0' <= ch && ch <= '9',
			strings.IndexByte("-_.!~*'()", ch) >= 0:
			b.WriteByte(ch)
		default:
			b.WriteByte('%')
			b.WriteByte(hexDigits[ch>>4])
			b.WriteByte(hexDigits[ch&15])
		}
	}
	return b.String()
}

type getSCIMSynchronizationStatusResponse struct {
	SCIMSynchronizationStatus string
}

func getSCIMSynchronizationStatus(c *call, req *zoneRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	return getSCIMSynchronizationStatusResponse{SCIMSynchronizationStatus: c.st.zone.ScimSyncStatus}, nil
}

type updateSCIMSynchronizationStatusRequest struct {
	ZoneId                    *string `json:"ZoneId" req:"true"`
	SCIMSynchronizationStatus *string `json:"SCIMSynchronizationStatus" req:"true"`
}

type emptyResponse struct{}

func updateSCIMSynchronizationStatus(c *call, req *updateSCIMSynchronizationStatusRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	status := *req.SCIMSynchronizationStatus
	if err := checkEnum(codeScimSyncStatusError, "SCIMSynchronizationStatus", status, statusEnabled, statusDisabled); err != nil {
		return nil, err
	}
	if c.st.zone.ScimSyncStatus != status {
		c.st.zone.ScimSyncStatus = status
		c.st.zone.UpdateTime = c.now
	}
	return emptyResponse{}, nil
}
