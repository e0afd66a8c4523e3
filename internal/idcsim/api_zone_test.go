package idcsim

import (
	"encoding/base64"
	"encoding/xml"
	"net/url"
	"strings"
	"testing"
)

func TestDescribeIdentityCenterAndStatistics(t *testing.T) {
	t.Parallel()
	s, c := startSim(t, Options{ZoneID: "z-abcdef123456", ZoneName: "my-zone"})
	var desc describeIdentityCenterResponse
	c.call("DescribeIdentityCenter", map[string]any{}).into(t, &desc)
	want := describeIdentityCenterResponse{
		ZoneId: "z-abcdef123456", ZoneName: "my-zone", ServiceStatus: "Enabled", ScimSyncStatus: "Disabled",
		// The test clock is 2026-05-31 07:04:53 UTC; the API speaks Beijing time.
		CreateTime: "2026-05-31 15:04:53", UpdateTime: "2026-05-31 15:04:53",
	}
	if desc != want {
		t.Fatalf("DescribeIdentityCenter = %+v, want %+v", desc, want)
	}

	for i := range 3 {
		if _, err := s.AddUser(User{UserName: "user" + string(rune('a'+i))}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.AddGroup(Group{GroupName: "group-a"}); err != nil {
		t.Fatal(err)
	}
	zone := map[string]any{"ZoneId": "z-abcdef123456"}
	for _, name := range []string{"rc-a", "rc-b"} {
		var rc roleConfigurationInfoResponse
		c.call("CreateRoleConfiguration", map[string]any{"ZoneId": "z-abcdef123456", "RoleConfigurationName": name}).into(t, &rc)
		if name == "rc-a" {
			c.call("ProvisionRoleConfiguration", map[string]any{"ZoneId": "z-abcdef123456", "RoleConfigurationId": rc.RoleConfigurationInfo.RoleConfigurationId,
				"TargetType": "MemberUin", "TargetUin": s.store.org.Members[0].Uin}).wantCode(t, "")
		}
	}
	var stats getZoneStatisticsResponse
	c.call("GetZoneStatistics", zone).into(t, &stats)
	wantStats := zoneStatistics{UserQuota: 1000, GroupQuota: 500, RoleConfigurationQuota: 1000,
		SystemPolicyPerRoleConfigurationQuota: 20, UserCount: 3, GroupCount: 1, RoleConfigurationCount: 2, RoleConfigurationSyncCount: 1}
	if stats.ZoneStatistics != wantStats {
		t.Fatalf("GetZoneStatistics = %+v, want %+v", stats.ZoneStatistics, wantStats)
	}
	c.call("GetZoneStatistics", zoneOnly).wantCode(t, codeZoneIDNotExist)
}

func TestZoneOptionsValidated(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		opts Options
		ok   bool
	}{
		{"defaults", Options{}, true},
		{"good", Options{ZoneID: "z-0123456789ab", ZoneName: "a-b"}, true},
		{"short id", Options{ZoneID: "z-0123"}, false},
		{"upper-case id", Options{ZoneID: "z-0123456789AB"}, false},
		{"no prefix", Options{ZoneID: "0123456789abcd"}, false},
		{"one-letter name", Options{ZoneName: "a"}, false},
		{"leading dash", Options{ZoneName: "-ab"}, false},
		{"trailing dash", Options{ZoneName: "ab-"}, false},
		{"double dash", Options{ZoneName: "a--b"}, false},
		{"upper case name", Options{ZoneName: "Abc"}, false},
		{"65 characters", Options{ZoneName: strings.Repeat("a", 65)}, false},
		{"64 characters", Options{ZoneName: strings.Repeat("a", 64)}, true},
		{"bad faults", Options{Faults: "reset=2"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(tc.opts)
			if (err == nil) != tc.ok {
				t.Fatalf("New: %v, want ok=%v", err, tc.ok)
			}
		})
	}
}

func TestServiceProviderInfo(t *testing.T) {
	t.Parallel()
	_, c := startSim(t, Options{})
	var out getZoneSAMLServiceProviderInfoResponse
	c.call("GetZoneSAMLServiceProviderInfo", zoneOnly).into(t, &out)
	sp := out.SAMLServiceProvider
	if sp.EntityId != "https://tencentcloudsso.com/saml/sp/"+DefaultZoneID || sp.ZoneId != DefaultZoneID {
		t.Errorf("EntityId %q, ZoneId %q", sp.EntityId, sp.ZoneId)
	}
	if !strings.HasPrefix(sp.AcsUrl, "https://tencentcloudsso.com/saml/acs/") || strings.Contains(sp.AcsUrl, DefaultZoneID) {
		t.Errorf("AcsUrl %q: want an opaque id under /saml/acs/", sp.AcsUrl)
	}
	// The ACS URL is stable: another simulator of the same zone gives the same one.
	_, c2 := startSim(t, Options{})
	var again getZoneSAMLServiceProviderInfoResponse
	c2.call("GetZoneSAMLServiceProviderInfo", zoneOnly).into(t, &again)
	if again.SAMLServiceProvider != sp {
		t.Errorf("SP info changed between runs: %+v vs %+v", again.SAMLServiceProvider, sp)
	}

	decoded, err := base64.StdEncoding.DecodeString(sp.EncodedMetadataDocument)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(decoded), "%3C%3Fxml%20version%3D%221.0%22%20encoding%3D%22") {
		t.Fatalf("metadata is not URL-encoded XML like Tencent's example: %.60s", decoded)
	}
	doc, err := url.PathUnescape(string(decoded))
	if err != nil {
		t.Fatal(err)
	}
	var md struct {
		XMLName  xml.Name `xml:"urn:oasis:names:tc:SAML:2.0:metadata EntityDescriptor"`
		EntityID string   `xml:"entityID,attr"`
		SP       struct {
			Protocols string `xml:"protocolSupportEnumeration,attr"`
			ACS       []struct {
				Binding  string `xml:"Binding,attr"`
				Location string `xml:"Location,attr"`
			} `xml:"urn:oasis:names:tc:SAML:2.0:metadata AssertionConsumerService"`
		} `xml:"urn:oasis:names:tc:SAML:2.0:metadata SPSSODescriptor"`
	}
	if err := xml.Unmarshal([]byte(doc), &md); err != nil {
		t.Fatalf("SP metadata is not SAML metadata: %v\n%s", err, doc)
	}
	if md.EntityID != sp.EntityId || md.SP.Protocols != "urn:oasis:names:tc:SAML:2.0:protocol" ||
		len(md.SP.ACS) != 1 || md.SP.ACS[0].Binding != bindingPOST || md.SP.ACS[0].Location != sp.AcsUrl {
		t.Fatalf("SP metadata does not describe the SP: %+v", md)
	}
}

func TestSCIMSynchronizationStatus(t *testing.T) {
	t.Parallel()
	_, c := startSim(t, Options{})
	status := func() (string, string) {
		var get getSCIMSynchronizationStatusResponse
		c.call("GetSCIMSynchronizationStatus", zoneOnly).into(t, &get)
		var desc describeIdentityCenterResponse
		c.call("DescribeIdentityCenter", map[string]any{}).into(t, &desc)
		return get.SCIMSynchronizationStatus, desc.ScimSyncStatus
	}
	if a, b := status(); a != "Disabled" || b != "Disabled" {
		t.Fatalf("initial status %s/%s", a, b)
	}
	for _, tc := range []struct {
		value, want string
	}{
		{"Enabled", ""},
		{"Disabled", ""},
		{"Enabled", ""},
		{"enabled", codeScimSyncStatusError},
		{"On", codeScimSyncStatusError},
	} {
		c.call("UpdateSCIMSynchronizationStatus", with("SCIMSynchronizationStatus", tc.value)).wantCode(t, tc.want)
	}
	if a, b := status(); a != "Enabled" || b != "Enabled" {
		t.Fatalf("status after updates %s/%s, want Enabled", a, b)
	}
	c.call("UpdateSCIMSynchronizationStatus", zoneOnly).wantCode(t, codeMissingParameter)
}
