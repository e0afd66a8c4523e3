package idcsim

import (
	"encoding/base64"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestSCIMCredentials(t *testing.T) {
	t.Parallel()
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
