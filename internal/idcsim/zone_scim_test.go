package idcsim

import (
	"encoding/base64"
	"encoding/xml"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestDescribeIdentityCenterAndStatistics(t *testing.T) {
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
	var stats getZoneStatisticsResponse
	c.call("GetZoneStatistics", map[string]any{"ZoneId": "z-abcdef123456"}).into(t, &stats)
	wantStats := zoneStatistics{UserQuota: 1000, GroupQuota: 500, RoleConfigurationQuota: 1000,
		SystemPolicyPerRoleConfigurationQuota: 20, UserCount: 3, GroupCount: 1}
	if stats.ZoneStatistics != wantStats {
		t.Fatalf("GetZoneStatistics = %+v, want %+v", stats.ZoneStatistics, wantStats)
	}
	c.call("GetZoneStatistics", zoneOnly).wantCode(t, codeZoneIDNotExist)
}

func TestZoneOptionsValidated(t *testing.T) {
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

func TestSCIMCredentials(t *testing.T) {
	clock := newTestClock()
	s, c := startSim(t, Options{Now: clock.Now})
	create := func(params map[string]any) (createSCIMCredentialResponse, result) {
		res := c.call("CreateSCIMCredential", params)
		var out createSCIMCredentialResponse
		if res.Code == "" {
			res.into(t, &out)
		}
		return out, res
	}

	first, _ := create(with())
	if !regexp.MustCompile(`^scimcred-[a-z0-9]{12}$`).MatchString(first.CredentialId) {
		t.Errorf("CredentialId %q", first.CredentialId)
	}
	if first.ZoneId != DefaultZoneID || first.CredentialType != "BearerToken" || first.CredentialStatus != "Enabled" {
		t.Errorf("created %+v", first)
	}
	if first.CreateTime != "2026-05-31 15:04:53" || first.ExpireTime != "2027-05-31 15:04:53" {
		t.Errorf("default lifetime: created %s, expires %s; want one calendar year", first.CreateTime, first.ExpireTime)
	}
	if secret, err := base64.StdEncoding.DecodeString(first.CredentialSecret); err != nil || len(secret) < 32 {
		t.Errorf("secret %q is not base64 of 32+ bytes (%v)", first.CredentialSecret, err)
	}
	// The simulator keeps the secret for its SCIM endpoint.
	if got := s.store.credentials[0].Secret; got != first.CredentialSecret {
		t.Errorf("stored secret differs from the one handed out")
	}

	t.Run("expire bounds", func(t *testing.T) {
		for _, tc := range []struct {
			seconds any
			want    string
		}{
			{3599, codeInvalidParameterValue},
			{0, codeInvalidParameterValue},
			{-3600, codeInvalidParameterValue},
			{int64(99*365*24*3600) + 1, codeInvalidParameterValue},
			{"3600", codeInvalidParameter},
		} {
			_, res := create(with("ExpireDuration", tc.seconds))
			res.wantCode(t, tc.want)
		}
		hour, _ := create(with("ExpireDuration", 3600))
		if hour.ExpireTime != "2026-05-31 16:04:53" {
			t.Errorf("ExpireDuration 3600: expires %s", hour.ExpireTime)
		}
		c.call("DeleteSCIMCredential", with("CredentialId", hour.CredentialId)).wantCode(t, "")
	})

	second, _ := create(with("ExpireDuration", 99*365*24*3600))
	if second.ExpireTime != "2125-05-07 15:04:53" {
		t.Errorf("99-year credential expires %s", second.ExpireTime)
	}
	_, res := create(with())
	res.wantCode(t, codeScimCredentialLimitExceeded)

	t.Run("secret only in create", func(t *testing.T) {
		for _, res := range []result{
			c.call("ListSCIMCredentials", zoneOnly),
			c.call("ListSCIMCredentials", with("CredentialId", first.CredentialId)),
			c.call("DescribeIdentityCenter", map[string]any{}),
		} {
			body := string(res.Body)
			if strings.Contains(body, first.CredentialSecret) || strings.Contains(body, second.CredentialSecret) || strings.Contains(body, "Secret") {
				t.Errorf("secret leaked: %s", body)
			}
		}
	})

	t.Run("list", func(t *testing.T) {
		var all listSCIMCredentialsResponse
		c.call("ListSCIMCredentials", zoneOnly).into(t, &all)
		if all.TotalCounts != 2 || len(all.SCIMCredentials) != 2 || all.SCIMCredentials[0].CredentialId != first.CredentialId {
			t.Fatalf("list %+v", all)
		}
		want := scimCredentialItem{ZoneId: DefaultZoneID, Status: "Enabled", CredentialId: first.CredentialId,
			CredentialType: "BearerToken", CreateTime: first.CreateTime, ExpireTime: first.ExpireTime}
		if all.SCIMCredentials[0] != want {
			t.Errorf("item %+v, want %+v", all.SCIMCredentials[0], want)
		}
		var one listSCIMCredentialsResponse
		c.call("ListSCIMCredentials", with("CredentialId", second.CredentialId)).into(t, &one)
		if one.TotalCounts != 1 || one.SCIMCredentials[0].CredentialId != second.CredentialId {
			t.Errorf("filtered list %+v", one)
		}
		res := c.call("ListSCIMCredentials", with("CredentialId", "scimcred-000000000000"))
		if !strings.Contains(string(res.Body), `"SCIMCredentials":[]`) || !strings.Contains(string(res.Body), `"TotalCounts":0`) {
			t.Errorf("unknown id: %s", res.Body)
		}
	})

	t.Run("status", func(t *testing.T) {
		for _, tc := range []struct {
			id, status, want string
		}{
			{first.CredentialId, "Disabled", ""},
			{first.CredentialId, "disabled", codeScimCredentialStatusError},
			{first.CredentialId, "Expired", codeScimCredentialStatusError},
			{"scimcred-000000000000", "Enabled", codeScimCredentialNotFound},
		} {
			c.call("UpdateSCIMCredentialStatus", with("CredentialId", tc.id, "NewStatus", tc.status)).wantCode(t, tc.want)
		}
		var one listSCIMCredentialsResponse
		c.call("ListSCIMCredentials", with("CredentialId", first.CredentialId)).into(t, &one)
		if one.SCIMCredentials[0].Status != "Disabled" {
			t.Errorf("status after disabling: %s", one.SCIMCredentials[0].Status)
		}
		c.call("UpdateSCIMCredentialStatus", with("CredentialId", first.CredentialId)).wantCode(t, codeMissingParameter)
	})

	t.Run("delete", func(t *testing.T) {
		c.call("DeleteSCIMCredential", with("CredentialId", "scimcred-000000000000")).wantCode(t, codeScimCredentialNotFound)
		c.call("DeleteSCIMCredential", with("CredentialId", first.CredentialId)).wantCode(t, "")
		c.call("DeleteSCIMCredential", with("CredentialId", first.CredentialId)).wantCode(t, codeScimCredentialNotFound)
		// A slot is free again.
		clock.Advance(time.Minute)
		third, res := create(with())
		res.wantCode(t, "")
		var all listSCIMCredentialsResponse
		c.call("ListSCIMCredentials", zoneOnly).into(t, &all)
		if all.TotalCounts != 2 || all.SCIMCredentials[0].CredentialId != second.CredentialId || all.SCIMCredentials[1].CredentialId != third.CredentialId {
			t.Errorf("after delete and create: %+v", all)
		}
	})
	c.call("CreateSCIMCredential", map[string]any{"ZoneId": "z-000000000000"}).wantCode(t, codeZoneIDNotExist)
}
