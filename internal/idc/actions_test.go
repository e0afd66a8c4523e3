package idc

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestRequestParameters checks what each method puts on the wire: the documented field names,
// and only the fields that are set (never a null).
func TestRequestParameters(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t, alwaysOK)
	c := newTestClient(t, testConfig(f))
	ctx := t.Context()
	s := func(v string) *string { return &v }
	b := func(v bool) *bool { return &v }
	const zone = "z-abcdefabcdef"

	tests := []struct {
		action string
		call   func() error
		want   map[string]any
	}{
		{"DescribeIdentityCenter", func() error { _, err := c.DescribeIdentityCenter(ctx); return err }, map[string]any{}},
		{"UpdateSCIMSynchronizationStatus", func() error { return c.UpdateSCIMSynchronizationStatus(ctx, zone, false) },
			map[string]any{"ZoneId": zone, "SCIMSynchronizationStatus": "Disabled"}},
		{"CreateSCIMCredential", func() error { _, err := c.CreateSCIMCredential(ctx, zone, 0); return err },
			map[string]any{"ZoneId": zone}},
		{"CreateSCIMCredential", func() error {
			_, err := c.CreateSCIMCredential(ctx, zone, 90*time.Minute+500*time.Millisecond)
			return err
		},
			map[string]any{"ZoneId": zone, "ExpireDuration": float64(5400)}},
		{"ListSCIMCredentials", func() error { _, err := c.ListSCIMCredentials(ctx, zone); return err },
			map[string]any{"ZoneId": zone}},
		{"ListSCIMCredentials", func() error { _, err := c.GetSCIMCredential(ctx, zone, "scimcred-abcdefabcdef"); return err },
			map[string]any{"ZoneId": zone, "CredentialId": "scimcred-abcdefabcdef"}},
		{"UpdateSCIMCredentialStatus", func() error { return c.UpdateSCIMCredentialStatus(ctx, zone, "scimcred-1", true) },
			map[string]any{"ZoneId": zone, "CredentialId": "scimcred-1", "NewStatus": "Enabled"}},
		{"DeleteSCIMCredential", func() error { return c.DeleteSCIMCredential(ctx, zone, "scimcred-1") },
			map[string]any{"ZoneId": zone, "CredentialId": "scimcred-1"}},
		{"SetExternalSAMLIdentityProvider", func() error {
			_, err := c.SetExternalSAMLIdentityProvider(ctx, SetSAMLIdentityProviderInput{ZoneID: zone, SSOEnabled: b(false)})
			return err
		}, map[string]any{"ZoneId": zone, "SSOStatus": "Disabled"}},
		{"SetExternalSAMLIdentityProvider", func() error {
			_, err := c.SetExternalSAMLIdentityProvider(ctx, SetSAMLIdentityProviderInput{
				ZoneID: zone, EntityID: s("https://idp"), LoginURL: s("https://idp/sso"), X509Certificate: s("MIIB"),
				EncodedMetadataDocument: s(""),
			})
			return err
		}, map[string]any{"ZoneId": zone, "EntityId": "https://idp", "LoginUrl": "https://idp/sso", "X509Certificate": "MIIB", "EncodedMetadataDocument": ""}},
		{"ClearExternalSAMLIdentityProvider", func() error { return c.ClearExternalSAMLIdentityProvider(ctx, zone) },
			map[string]any{"ZoneId": zone}},
		{"AddExternalSAMLIdPCertificate", func() error { _, err := c.AddExternalSAMLIdPCertificate(ctx, zone, "PEM"); return err },
			map[string]any{"ZoneId": zone, "X509Certificate": "PEM"}},
		{"RemoveExternalSAMLIdPCertificate", func() error { return c.RemoveExternalSAMLIdPCertificate(ctx, zone, "idp-c-1") },
			map[string]any{"ZoneId": zone, "CertificateId": "idp-c-1"}},
		{"ListUsers", func() error { _, err := c.ListUsers(ctx, ListUsersInput{ZoneID: zone}); return err },
			map[string]any{"ZoneId": zone, "MaxResults": float64(100)}},
		{"ListUsers", func() error {
			_, err := c.ListUsers(ctx, ListUsersInput{ZoneID: zone, UserStatus: "Enabled", UserType: "Synchronized", Filter: "ann", FilterGroups: []string{"g-1"}})
			return err
		}, map[string]any{"ZoneId": zone, "MaxResults": float64(100), "UserStatus": "Enabled", "UserType": "Synchronized", "Filter": "ann", "FilterGroups": []any{"g-1"}}},
		{"ListGroups", func() error {
			_, err := c.ListGroups(ctx, ListGroupsInput{ZoneID: zone, GroupType: "Manual", FilterUsers: []string{"u-1"}})
			return err
		}, map[string]any{"ZoneId": zone, "MaxResults": float64(100), "GroupType": "Manual", "FilterUsers": []any{"u-1"}}},
		{"ListGroupMembers", func() error { _, err := c.ListGroupMembers(ctx, zone, "g-1", ""); return err },
			map[string]any{"ZoneId": zone, "GroupId": "g-1", "MaxResults": float64(100)}},
		{"ListGroupMembers", func() error { _, err := c.ListGroupMembers(ctx, zone, "g-1", "Synchronized"); return err },
			map[string]any{"ZoneId": zone, "GroupId": "g-1", "MaxResults": float64(100), "UserType": "Synchronized"}},
	}
	for i, tt := range tests {
		t.Run(fmt.Sprintf("%d_%s", i, tt.action), func(t *testing.T) {
			before := len(f.recorded())
			if err := tt.call(); err != nil && !errors.Is(err, ErrNotFound) {
				t.Fatalf("call: %v", err)
			}
			reqs := f.recorded()[before:]
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			r := reqs[0]
			if r.Action != tt.action || r.Header.Get("X-TC-Version") != "2021-03-31" {
				t.Errorf("action %s version %s", r.Action, r.Header.Get("X-TC-Version"))
			}
			if !strings.Contains(r.Header.Get("Authorization"), "/organization/tc3_request") || r.Header.Get("X-TC-Region") != "" {
				t.Errorf("Authorization %q, X-TC-Region %q", r.Header.Get("Authorization"), r.Header.Get("X-TC-Region"))
			}
			if !reflect.DeepEqual(r.Body, tt.want) {
				t.Errorf("body = %s, want %v", r.Raw, tt.want)
			}
			if strings.Contains(r.Raw, "null") {
				t.Errorf("body sends a null: %s", r.Raw)
			}
		})
	}
}

func TestResponseDecoding(t *testing.T) {
	t.Parallel()
	xml := `<?xml version="1.0"?><EntityDescriptor entityID="https://tencentcloudsso.com/saml/sp/z-abcdefabcdef"/>`
	spMetadata := base64.StdEncoding.EncodeToString([]byte(strings.ReplaceAll(url.QueryEscape(xml), "+", "%20")))
	answers := map[string]map[string]any{
		"DescribeIdentityCenter": okFor("DescribeIdentityCenter", nil),
		"GetZoneStatistics": {"ZoneStatistics": map[string]any{"UserQuota": 1000, "GroupQuota": 500, "RoleConfigurationQuota": 1000,
			"SystemPolicyPerRoleConfigurationQuota": 20, "UserCount": 10, "GroupCount": 2, "RoleConfigurationCount": 3,
			"UserProvisioningCount": 4, "RoleConfigurationSyncCount": 5}},
		"GetZoneSAMLServiceProviderInfo": {"SAMLServiceProvider": map[string]any{"EntityId": "https://tencentcloudsso.com/saml/sp/z-abcdefabcdef",
			"ZoneId": "z-abcdefabcdef", "EncodedMetadataDocument": spMetadata, "AcsUrl": "https://tencentcloudsso.com/saml/acs/x"}},
		"GetExternalSAMLIdentityProvider": {"SAMLIdentityProviderConfiguration": map[string]any{"EntityId": "http://www.okta.com/x",
			"SSOStatus": "Enabled", "EncodedMetadataDocument": "PD94bWwvPg==", "CertificateIds": []any{"idp-c-1", "idp-c-2"},
			"LoginUrl": "https://okta/sso", "CreateTime": "2024-01-01 12:12:12", "UpdateTime": "2024-01-02 12:12:12"}},
		"ListExternalSAMLIdPCertificates": {"TotalCounts": 1, "SAMLIdPCertificates": []any{map[string]any{"SerialNumber": "1347",
			"Issuer": "CN=dev", "Version": 3, "CertificateId": "idp-c-1", "PublicKey": "pk", "SignatureAlgorithm": "SHA256withRSA",
			"NotAfter": "2030-06-23 07:04:37", "NotBefore": "2010-06-23 07:04:37", "Subject": "CN=dev", "X509Certificate": "MIIB"}}},
		"GetUser": {"UserInfo": map[string]any{"UserName": "user1", "FirstName": "john", "LastName": "smith", "DisplayName": "john",
			"Description": "d", "Email": "a@example.com", "UserStatus": "Disabled", "UserType": "Synchronized", "UserId": "u-1",
			"CreateTime": "2024-03-12 12:12:12", "UpdateTime": "2024-03-13 12:12:12", "NeedResetPassword": true}},
		"GetGroup": {"GroupInfo": map[string]any{"GroupName": "g", "Description": "d", "CreateTime": "2024-01-01 12:12:12",
			"GroupType": "Manual", "UpdateTime": "2024-01-01 12:12:12", "GroupId": "g-1", "MemberCount": 20}},
		"ListGroupMembers": {"TotalCounts": 1, "MaxResults": 100, "IsTruncated": false, "GroupMembers": []any{map[string]any{
			"UserName": "user1", "DisplayName": "john", "Description": "d", "Email": "a@example.com", "UserStatus": "Enabled",
			"UserType": "Manual", "UserId": "u-1", "JoinTime": "2024-01-01 12:12:12"}}},
		"ListSCIMCredentials":             okFor("ListSCIMCredentials", map[string]any{"ZoneId": "z-abcdefabcdef"}),
		"CreateSCIMCredential":            okFor("CreateSCIMCredential", map[string]any{"ZoneId": "z-abcdefabcdef"}),
		"SetExternalSAMLIdentityProvider": okFor("SetExternalSAMLIdentityProvider", nil),
	}
	f := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, req fakeRequest, _ int) {
		writeOK(w, answers[req.Action])
	})
	c := newTestClient(t, testConfig(f))
	ctx := t.Context()
	bj := func(s string) time.Time { tm, _ := ParseTime(s); return tm }

	ic, err := c.DescribeIdentityCenter(ctx)
	check(t, err, ic, &IdentityCenter{ZoneID: "z-abcdefabcdef", ZoneName: "unit", ServiceEnabled: true, SCIMSyncEnabled: false,
		CreateTime: bj("2024-05-30 10:50:11"), UpdateTime: bj("2024-06-25 10:08:21")})
	st, err := c.GetZoneStatistics(ctx, "z-abcdefabcdef")
	check(t, err, st, &ZoneStatistics{UserQuota: 1000, GroupQuota: 500, RoleConfigurationQuota: 1000, SystemPolicyPerRoleConfigurationQuota: 20,
		UserCount: 10, GroupCount: 2, RoleConfigurationCount: 3, UserProvisioningCount: 4, RoleConfigurationSyncCount: 5})
	sp, err := c.GetZoneSAMLServiceProviderInfo(ctx, "z-abcdefabcdef")
	check(t, err, sp, &SAMLServiceProvider{ZoneID: "z-abcdefabcdef", EntityID: "https://tencentcloudsso.com/saml/sp/z-abcdefabcdef",
		AcsURL: "https://tencentcloudsso.com/saml/acs/x", EncodedMetadataDocument: spMetadata})
	idp, err := c.GetExternalSAMLIdentityProvider(ctx, "z-abcdefabcdef")
	check(t, err, idp, &SAMLIdentityProvider{ZoneID: "z-abcdefabcdef", EntityID: "http://www.okta.com/x", LoginURL: "https://okta/sso",
		SSOEnabled: true, EncodedMetadataDocument: "PD94bWwvPg==", CertificateIDs: []string{"idp-c-1", "idp-c-2"},
		CreateTime: bj("2024-01-01 12:12:12"), UpdateTime: bj("2024-01-02 12:12:12")})
	certs, err := c.ListExternalSAMLIdPCertificates(ctx, "z-abcdefabcdef")
	check(t, err, certs, []SAMLIdPCertificate{{CertificateID: "idp-c-1", SerialNumber: "1347", Issuer: "CN=dev", Subject: "CN=dev",
		Version: 3, SignatureAlgorithm: "SHA256withRSA", PublicKey: "pk", X509Certificate: "MIIB",
		NotBefore: bj("2010-06-23 07:04:37"), NotAfter: bj("2030-06-23 07:04:37")}})
	u, err := c.GetUser(ctx, "z-abcdefabcdef", "u-1")
	check(t, err, u, &User{UserID: "u-1", UserName: "user1", FirstName: "john", LastName: "smith", DisplayName: "john", Description: "d",
		Email: "a@example.com", Enabled: false, UserType: "Synchronized", NeedResetPassword: true,
		CreateTime: bj("2024-03-12 12:12:12"), UpdateTime: bj("2024-03-13 12:12:12")})
	g, err := c.GetGroup(ctx, "z-abcdefabcdef", "g-1")
	check(t, err, g, &Group{GroupID: "g-1", GroupName: "g", Description: "d", GroupType: "Manual", MemberCount: 20,
		CreateTime: bj("2024-01-01 12:12:12"), UpdateTime: bj("2024-01-01 12:12:12")})
	members, err := c.ListGroupMembers(ctx, "z-abcdefabcdef", "g-1", "")
	check(t, err, members, []GroupMember{{UserID: "u-1", UserName: "user1", DisplayName: "john", Description: "d", Email: "a@example.com",
		Enabled: true, UserType: "Manual", JoinTime: bj("2024-01-01 12:12:12")}})
	creds, err := c.ListSCIMCredentials(ctx, "z-abcdefabcdef")
	check(t, err, creds, []SCIMCredential{{ZoneID: "z-abcdefabcdef", CredentialID: "scimcred-abcdefabcdef", CredentialType: "BearerToken",
		Enabled: true, CreateTime: bj("2024-05-31 15:04:53"), ExpireTime: bj("2025-05-31 15:04:53")}})
	cred, err := c.CreateSCIMCredential(ctx, "z-abcdefabcdef", 0)
	check(t, err, cred, &SCIMCredential{ZoneID: "z-abcdefabcdef", CredentialID: "scimcred-abcdefabcdef", CredentialType: "BearerToken",
		Enabled: true, CreateTime: bj("2024-05-31 15:04:53"), ExpireTime: bj("2025-05-31 15:04:53"),
		Secret: "c2NpbVNlY3JldFRoYXRNdXN0TmV2ZXJCZUxvZ2dlZA=="})
	ids, err := c.SetExternalSAMLIdentityProvider(ctx, SetSAMLIdentityProviderInput{ZoneID: "z-abcdefabcdef"})
	check(t, err, ids, []string{"idp-c-000000000001"})
}

func check[T any](t *testing.T, err error, got, want T) {
	t.Helper()
	if err != nil {
		t.Errorf("%T: %v", want, err)
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestNotFoundShapes(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, req fakeRequest, _ int) {
		switch req.Action {
		case "ListSCIMCredentials":
			writeOK(w, map[string]any{"TotalCounts": 0, "SCIMCredentials": []any{}})
		case "GetExternalSAMLIdentityProvider":
			// What a zone without IdP may answer instead of an error: an empty shell.
			writeOK(w, map[string]any{"SAMLIdentityProviderConfiguration": map[string]any{"SSOStatus": "Disabled", "CertificateIds": []any{}}})
		case "GetUser":
			writeAPIError(w, "ResourceNotFound.UserNotExist")
		case "GetGroup":
			writeAPIError(w, "InvalidParameter.GroupNotExist")
		case "DeleteSCIMCredential":
			writeAPIError(w, "InvalidParameter.ScimCredentialNotFound")
		case "RemoveExternalSAMLIdPCertificate":
			writeAPIError(w, "ResourceNotFound.X509CertificateNotFound")
		case "ClearExternalSAMLIdentityProvider":
			writeAPIError(w, "ResourceNotFound.SAMLIdentityProviderNotFound")
		default:
			writeAPIError(w, "FailedOperation.ZoneIdNotExist")
		}
	})
	c := newTestClient(t, testConfig(f))
	ctx := t.Context()
	calls := map[string]func() error{
		"GetSCIMCredential (empty list)": func() error { _, err := c.GetSCIMCredential(ctx, "z-1", "scimcred-1"); return err },
		"GetExternalSAMLIdentityProvider (empty shell)": func() error {
			_, err := c.GetExternalSAMLIdentityProvider(ctx, "z-1")
			return err
		},
		"GetUser":                          func() error { _, err := c.GetUser(ctx, "z-1", "u-1"); return err },
		"GetGroup":                         func() error { _, err := c.GetGroup(ctx, "z-1", "g-1"); return err },
		"DeleteSCIMCredential":             func() error { return c.DeleteSCIMCredential(ctx, "z-1", "scimcred-1") },
		"RemoveExternalSAMLIdPCertificate": func() error { return c.RemoveExternalSAMLIdPCertificate(ctx, "z-1", "idp-c-1") },
		"ClearExternalSAMLIdentityProvider": func() error {
			return c.ClearExternalSAMLIdentityProvider(ctx, "z-1")
		},
		"GetZoneStatistics (zone gone)": func() error { _, err := c.GetZoneStatistics(ctx, "z-1"); return err },
	}
	for name, call := range calls {
		if err := call(); !errors.Is(err, ErrNotFound) {
			t.Errorf("%s: error %v, want ErrNotFound", name, err)
		}
	}
}

func TestMalformedResponses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		answer map[string]any
		call   func(c *Client) error
		want   string
	}{
		{"bad time", map[string]any{"UserInfo": map[string]any{"UserId": "u-1", "CreateTime": "2024-01-01T00:00:00Z"}},
			func(c *Client) error { _, err := c.GetUser(t.Context(), "z", "u-1"); return err }, "CreateTime"},
		{"wrong JSON type", map[string]any{"ZoneStatistics": map[string]any{"UserQuota": "lots"}},
			func(c *Client) error { _, err := c.GetZoneStatistics(t.Context(), "z"); return err }, "does not have the documented shape"},
		{"create without secret", map[string]any{"CredentialId": "scimcred-1"},
			func(c *Client) error { _, err := c.CreateSCIMCredential(t.Context(), "z", 0); return err }, "outcome unknown"},
		{"SP info without object", map[string]any{},
			func(c *Client) error { _, err := c.GetZoneSAMLServiceProviderInfo(t.Context(), "z"); return err }, "no SAMLServiceProvider"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ fakeRequest, _ int) { writeOK(w, tt.answer) })
			c := newTestClient(t, testConfig(f))
			if err := tt.call(c); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}
