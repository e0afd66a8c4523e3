package idc

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idcsim"
)

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Code != code {
		t.Fatalf("error %v, want code %s", err, code)
	}
}

func TestSimulatorZone(t *testing.T) {
	t.Parallel()
	s, c := startSimulator(t, idcsim.Options{})
	ctx := t.Context()
	zone := s.Ready().ZoneID

	ic, err := c.DescribeIdentityCenter(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if ic.ZoneID != zone || ic.ZoneName == "" || !ic.ServiceEnabled || ic.SCIMSyncEnabled || ic.CreateTime.IsZero() {
		t.Errorf("DescribeIdentityCenter = %+v", ic)
	}

	st, err := c.GetZoneStatistics(ctx, zone)
	if err != nil {
		t.Fatal(err)
	}
	if st.UserQuota <= 0 || st.GroupQuota <= 0 {
		t.Errorf("GetZoneStatistics = %+v", st)
	}

	sp, err := c.GetZoneSAMLServiceProviderInfo(ctx, zone)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(sp.EntityID, zone) || sp.AcsURL == "" || sp.EncodedMetadataDocument == "" || sp.ZoneID != zone {
		t.Errorf("GetZoneSAMLServiceProviderInfo = %+v", sp)
	}

	// Every zone-scoped action refuses another zone.
	_, err = c.GetZoneStatistics(ctx, "z-000000000000")
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("other zone: %v, want ErrNotFound", err)
	}
	_, err = c.GetZoneSAMLServiceProviderInfo(ctx, "z-000000000000")
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("other zone: %v, want ErrNotFound", err)
	}

	// A wrong key is an authentication failure.
	bad := newTestClient(t, Config{SecretID: s.Ready().SecretID, SecretKey: "wrong", Protocol: "HTTP", Endpoint: s.Ready().Endpoint})
	_, err = bad.DescribeIdentityCenter(ctx)
	if !errors.Is(err, ErrAuthFailure) {
		t.Errorf("wrong key: %v, want ErrAuthFailure", err)
	}
	wantCode(t, err, "AuthFailure.SignatureFailure")
}

func TestSimulatorSCIM(t *testing.T) {
	t.Parallel()
	s, c := startSimulator(t, idcsim.Options{})
	ctx := t.Context()
	zone := s.Ready().ZoneID

	if on, err := c.GetSCIMSynchronizationStatus(ctx, zone); err != nil || on {
		t.Fatalf("initial sync status %v, %v", on, err)
	}
	for _, want := range []bool{true, false, true} {
		if err := c.UpdateSCIMSynchronizationStatus(ctx, zone, want); err != nil {
			t.Fatal(err)
		}
		if on, err := c.GetSCIMSynchronizationStatus(ctx, zone); err != nil || on != want {
			t.Fatalf("sync status %v, %v; want %v", on, err, want)
		}
	}
	if ic, err := c.DescribeIdentityCenter(ctx); err != nil || !ic.SCIMSyncEnabled {
		t.Errorf("DescribeIdentityCenter after enabling: %+v, %v", ic, err)
	}
	if err := c.UpdateSCIMSynchronizationStatus(ctx, "z-000000000000", true); !errors.Is(err, ErrNotFound) {
		t.Errorf("other zone: %v", err)
	}

	first, err := c.CreateSCIMCredential(ctx, zone, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(first.CredentialID, "scimcred-") || first.Secret == "" || !first.Enabled || first.CredentialType != "BearerToken" {
		t.Errorf("created %+v", first)
	}
	// Without ExpireDuration the service default is one year.
	if got := first.ExpireTime.Sub(first.CreateTime); got < 365*24*time.Hour || got > 366*24*time.Hour {
		t.Errorf("default lifetime %s, want one year", got)
	}
	second, err := c.CreateSCIMCredential(ctx, zone, 2*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if got := second.ExpireTime.Sub(second.CreateTime); got != 2*time.Hour {
		t.Errorf("lifetime %s, want 2h", got)
	}
	_, err = c.CreateSCIMCredential(ctx, zone, 0)
	if !errors.Is(err, ErrLimitExceeded) {
		t.Fatalf("third credential: %v, want ErrLimitExceeded", err)
	}
	wantCode(t, err, "LimitExceeded.ScimCredentialLimitExceeded")
	if _, err := c.CreateSCIMCredential(ctx, zone, 30*time.Minute); err == nil {
		t.Error("a 30-minute credential was accepted; the minimum is one hour")
	}

	creds, err := c.ListSCIMCredentials(ctx, zone)
	if err != nil || len(creds) != 2 {
		t.Fatalf("ListSCIMCredentials = %v, %v", creds, err)
	}
	for _, cr := range creds {
		if cr.Secret != "" {
			t.Error("a listed credential has a secret")
		}
	}
	got, err := c.GetSCIMCredential(ctx, zone, first.CredentialID)
	if err != nil {
		t.Fatal(err)
	}
	if got.CredentialID != first.CredentialID || !got.CreateTime.Equal(first.CreateTime) || !got.ExpireTime.Equal(first.ExpireTime) || !got.Enabled {
		t.Errorf("GetSCIMCredential = %+v, created %+v", got, first)
	}

	if err := c.UpdateSCIMCredentialStatus(ctx, zone, first.CredentialID, false); err != nil {
		t.Fatal(err)
	}
	if got, err := c.GetSCIMCredential(ctx, zone, first.CredentialID); err != nil || got.Enabled {
		t.Errorf("after disabling: %+v, %v", got, err)
	}
	if err := c.UpdateSCIMCredentialStatus(ctx, zone, "scimcred-000000000000", true); !errors.Is(err, ErrNotFound) {
		t.Errorf("updating a missing credential: %v", err)
	}

	if err := c.DeleteSCIMCredential(ctx, zone, first.CredentialID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetSCIMCredential(ctx, zone, first.CredentialID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted credential: %v, want ErrNotFound", err)
	}
	err = c.DeleteSCIMCredential(ctx, zone, first.CredentialID)
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting twice: %v, want ErrNotFound", err)
	}
	// The freed slot can be used again.
	if _, err := c.CreateSCIMCredential(ctx, zone, 0); err != nil {
		t.Errorf("create after delete: %v", err)
	}
}

func TestSimulatorSAMLIdentityProvider(t *testing.T) {
	t.Parallel()
	s, c := startSimulator(t, idcsim.Options{})
	ctx := t.Context()
	zone := s.Ready().ZoneID
	str := func(v string) *string { return &v }
	boolp := func(v bool) *bool { return &v }

	if _, err := c.GetExternalSAMLIdentityProvider(ctx, zone); !errors.Is(err, ErrNotFound) {
		t.Fatalf("no IdP yet: %v, want ErrNotFound", err)
	}
	// The simulator lists no certificates here (the SDK lists no not-found error for this
	// action); SAMLIdentityProviderNotFound, should the real service answer it, is as good.
	if certs, err := c.ListExternalSAMLIdPCertificates(ctx, zone); !errors.Is(err, ErrNotFound) && (err != nil || len(certs) != 0) {
		t.Fatalf("certificates before any IdP: %v, %v", certs, err)
	}

	pem1, der1 := testCertificate(t, "idp-signing-1")
	doc := idpMetadataDocument("https://idp.example.com/metadata", "https://idp.example.com/sso", der1)
	ids, err := c.SetExternalSAMLIdentityProvider(ctx, SetSAMLIdentityProviderInput{ZoneID: zone, EncodedMetadataDocument: &doc})
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 1 || !strings.HasPrefix(ids[0], "idp-c-") {
		t.Fatalf("certificate IDs %v", ids)
	}
	idp, err := c.GetExternalSAMLIdentityProvider(ctx, zone)
	if err != nil {
		t.Fatal(err)
	}
	if idp.EntityID != "https://idp.example.com/metadata" || idp.LoginURL != "https://idp.example.com/sso" || idp.SSOEnabled ||
		len(idp.CertificateIDs) != 1 || idp.CertificateIDs[0] != ids[0] {
		t.Errorf("GetExternalSAMLIdentityProvider = %+v", idp)
	}
	xml, err := base64.StdEncoding.DecodeString(idp.EncodedMetadataDocument)
	if err != nil || !strings.Contains(string(xml), "https://idp.example.com/metadata") {
		t.Errorf("stored metadata %q, %v", xml, err)
	}

	if _, err := c.SetExternalSAMLIdentityProvider(ctx, SetSAMLIdentityProviderInput{ZoneID: zone, SSOEnabled: boolp(true)}); err != nil {
		t.Fatal(err)
	}
	if idp, err := c.GetExternalSAMLIdentityProvider(ctx, zone); err != nil || !idp.SSOEnabled || idp.EntityID == "" {
		t.Fatalf("SSO-only update lost fields or did not enable: %+v, %v", idp, err)
	}
	wantCode(t, c.ClearExternalSAMLIdentityProvider(ctx, zone), "FailedOperation.SSoStatusEnableNotClearIdentityProvider")

	pem2, _ := testCertificate(t, "idp-signing-2")
	id2, err := c.AddExternalSAMLIdPCertificate(ctx, zone, pem2)
	if err != nil {
		t.Fatal(err)
	}
	certs, err := c.ListExternalSAMLIdPCertificates(ctx, zone)
	if err != nil || len(certs) != 2 {
		t.Fatalf("certificates %v, %v", certs, err)
	}
	for _, cert := range certs {
		if cert.CertificateID == id2 && (!strings.Contains(cert.Subject, "idp-signing-2") || cert.NotAfter.IsZero() || cert.X509Certificate == "") {
			t.Errorf("listed certificate %+v", cert)
		}
	}
	pem3, _ := testCertificate(t, "idp-signing-3")
	_, err = c.AddExternalSAMLIdPCertificate(ctx, zone, pem3)
	wantCode(t, err, "FailedOperation.X509CertificateLimitExceeded")
	_, err = c.AddExternalSAMLIdPCertificate(ctx, zone, pem2)
	if err == nil {
		t.Error("adding the same certificate twice succeeded")
	}
	_, err = c.AddExternalSAMLIdPCertificate(ctx, zone, "not a certificate")
	if err == nil {
		t.Error("adding garbage succeeded")
	}

	if err := c.RemoveExternalSAMLIdPCertificate(ctx, zone, ids[0]); err != nil {
		t.Fatal(err)
	}
	wantCode(t, c.RemoveExternalSAMLIdPCertificate(ctx, zone, id2), "FailedOperation.X509CertificateMinimumRequired")
	if err := c.RemoveExternalSAMLIdPCertificate(ctx, zone, "idp-c-000000000000"); !errors.Is(err, ErrNotFound) {
		t.Errorf("removing a missing certificate: %v", err)
	}

	// A certificate given explicitly replaces all stored ones, with a new ID.
	ids, err = c.SetExternalSAMLIdentityProvider(ctx, SetSAMLIdentityProviderInput{ZoneID: zone, X509Certificate: &pem1, LoginURL: str("https://idp.example.com/sso2")})
	if err != nil || len(ids) != 1 || ids[0] == id2 {
		t.Fatalf("replacing certificates: %v, %v", ids, err)
	}

	if _, err := c.SetExternalSAMLIdentityProvider(ctx, SetSAMLIdentityProviderInput{ZoneID: zone, SSOEnabled: boolp(false)}); err != nil {
		t.Fatal(err)
	}
	if err := c.ClearExternalSAMLIdentityProvider(ctx, zone); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetExternalSAMLIdentityProvider(ctx, zone); !errors.Is(err, ErrNotFound) {
		t.Errorf("after clear: %v, want ErrNotFound", err)
	}
	if err := c.ClearExternalSAMLIdentityProvider(ctx, zone); !errors.Is(err, ErrNotFound) {
		t.Errorf("clearing twice: %v, want ErrNotFound", err)
	}
	bad := "bm90IG1ldGFkYXRh" // base64 of "not metadata"
	_, err = c.SetExternalSAMLIdentityProvider(ctx, SetSAMLIdentityProviderInput{ZoneID: zone, EncodedMetadataDocument: &bad})
	if err == nil {
		t.Error("garbage metadata accepted")
	}
}

func TestSimulatorUsersAndGroups(t *testing.T) {
	t.Parallel()
	s, c := startSimulator(t, idcsim.Options{})
	ctx := t.Context()
	zone := s.Ready().ZoneID

	var users []idcsim.User
	for i := range 3 {
		u, err := s.AddUser(idcsim.User{UserName: fmt.Sprintf("user%d", i), Email: fmt.Sprintf("user%d@example.com", i), DisplayName: fmt.Sprintf("User %d", i)})
		if err != nil {
			t.Fatal(err)
		}
		users = append(users, u)
	}
	manual, err := s.AddUser(idcsim.User{UserName: "manual", Email: "manual@example.com", UserType: "Manual", UserStatus: "Disabled"})
	if err != nil {
		t.Fatal(err)
	}
	g, err := s.AddGroup(idcsim.Group{GroupName: "engineers", Description: "from SCIM"})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users[:2] {
		if err := s.AddGroupMember(g.GroupId, u.UserId); err != nil {
			t.Fatal(err)
		}
	}

	all, err := c.ListUsers(ctx, ListUsersInput{ZoneID: zone})
	if err != nil || len(all) != 4 {
		t.Fatalf("ListUsers = %d users, %v", len(all), err)
	}
	synced, err := c.ListUsers(ctx, ListUsersInput{ZoneID: zone, UserType: "Synchronized"})
	if err != nil || len(synced) != 3 {
		t.Errorf("Synchronized users = %d, %v", len(synced), err)
	}
	disabled, err := c.ListUsers(ctx, ListUsersInput{ZoneID: zone, UserStatus: "Disabled"})
	if err != nil || len(disabled) != 1 || disabled[0].UserID != manual.UserId || disabled[0].Enabled {
		t.Errorf("Disabled users = %+v, %v", disabled, err)
	}
	selected, err := c.ListUsers(ctx, ListUsersInput{ZoneID: zone, FilterGroups: []string{g.GroupId}})
	if err != nil {
		t.Fatal(err)
	}
	nSelected := 0
	for _, u := range selected {
		if u.IsSelected {
			nSelected++
		}
	}
	if nSelected != 2 {
		t.Errorf("%d users selected by group filter, want 2", nSelected)
	}

	u, err := c.GetUser(ctx, zone, users[0].UserId)
	if err != nil {
		t.Fatal(err)
	}
	if u.UserName != "user0" || u.Email != "user0@example.com" || u.DisplayName != "User 0" || !u.Enabled || u.UserType != "Synchronized" ||
		!u.CreateTime.Equal(users[0].CreateTime.Truncate(time.Second)) {
		t.Errorf("GetUser = %+v (stored %+v)", u, users[0])
	}
	if _, err := c.GetUser(ctx, zone, "u-000000000000"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing user: %v", err)
	}

	groups, err := c.ListGroups(ctx, ListGroupsInput{ZoneID: zone})
	if err != nil || len(groups) != 1 || groups[0].GroupID != g.GroupId || groups[0].MemberCount != 2 {
		t.Fatalf("ListGroups = %+v, %v", groups, err)
	}
	if got, err := c.ListGroups(ctx, ListGroupsInput{ZoneID: zone, Filter: "GroupName eq nobody"}); err != nil || len(got) != 0 {
		t.Errorf("filtered groups = %+v, %v", got, err)
	}
	got, err := c.GetGroup(ctx, zone, g.GroupId)
	if err != nil || got.GroupName != "engineers" || got.Description != "from SCIM" || got.GroupType != "Synchronized" {
		t.Errorf("GetGroup = %+v, %v", got, err)
	}
	if _, err := c.GetGroup(ctx, zone, "g-000000000000"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing group: %v", err)
	}

	members, err := c.ListGroupMembers(ctx, zone, g.GroupId, "")
	if err != nil || len(members) != 2 {
		t.Fatalf("ListGroupMembers = %+v, %v", members, err)
	}
	for _, m := range members {
		if m.JoinTime.IsZero() || m.UserName == "" || !m.Enabled {
			t.Errorf("member %+v", m)
		}
	}
	if _, err := c.ListGroupMembers(ctx, zone, "g-000000000000", ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("members of a missing group: %v", err)
	}
}

func TestSimulatorFaults(t *testing.T) {
	t.Parallel()
	s, c := startSimulator(t, idcsim.Options{})
	ctx := t.Context()
	zone := s.Ready().ZoneID
	calls := func(action string) int64 { return s.Stats().Calls[action] }

	for _, fault := range []string{"RequestLimitExceeded", "InternalError", "reset", "lost-response"} {
		t.Run("idempotent "+fault, func(t *testing.T) {
			before := calls("ListSCIMCredentials")
			s.FailNext("ListSCIMCredentials", fault, 2)
			if _, err := c.ListSCIMCredentials(ctx, zone); err != nil {
				t.Fatalf("ListSCIMCredentials after 2×%s: %v", fault, err)
			}
			if got := calls("ListSCIMCredentials") - before; got != 3 {
				t.Errorf("server saw %d calls, want 3", got)
			}
		})
	}

	t.Run("create throttled then success", func(t *testing.T) {
		before := calls("CreateSCIMCredential")
		s.FailNext("CreateSCIMCredential", "RequestLimitExceeded", 1)
		cred, err := c.CreateSCIMCredential(ctx, zone, 0)
		if err != nil {
			t.Fatal(err)
		}
		if got := calls("CreateSCIMCredential") - before; got != 2 {
			t.Errorf("server saw %d creates, want 2", got)
		}
		if err := c.DeleteSCIMCredential(ctx, zone, cred.CredentialID); err != nil {
			t.Fatal(err)
		}
	})

	// A create whose answer is lost (lost-response: committed, then the connection closes) and
	// one whose connection resets (reset: closed after the request was read, before the action
	// ran) look the same to the client: the request was written and no answer came. Neither is
	// re-sent; both are outcome-unknown. Only a listing tells them apart.
	tests := []struct {
		fault         string
		wantCommitted bool
	}{
		{"lost-response", true},
		{"reset", false},
		{"InternalError", false},
	}
	for _, tt := range tests {
		t.Run("create "+tt.fault, func(t *testing.T) {
			before := calls("CreateSCIMCredential")
			s.FailNext("CreateSCIMCredential", tt.fault, 1)
			_, err := c.CreateSCIMCredential(ctx, zone, 0)
			if !errors.Is(err, ErrOutcomeUnknown) {
				t.Fatalf("error %v, want ErrOutcomeUnknown", err)
			}
			if got := calls("CreateSCIMCredential") - before; got != 1 {
				t.Errorf("server saw %d creates, want exactly 1", got)
			}
			creds, err := c.ListSCIMCredentials(ctx, zone)
			if err != nil {
				t.Fatal(err)
			}
			if committed := len(creds) == 1; committed != tt.wantCommitted {
				t.Errorf("credentials after the fault: %d, committed want %v", len(creds), tt.wantCommitted)
			}
			for _, cr := range creds {
				if err := c.DeleteSCIMCredential(ctx, zone, cr.CredentialID); err != nil {
					t.Fatal(err)
				}
			}
		})
	}

	t.Run("add certificate lost-response", func(t *testing.T) {
		_, der := testCertificate(t, "idp")
		doc := idpMetadataDocument("https://idp.example.com", "https://idp.example.com/sso", der)
		if _, err := c.SetExternalSAMLIdentityProvider(ctx, SetSAMLIdentityProviderInput{ZoneID: zone, EncodedMetadataDocument: &doc}); err != nil {
			t.Fatal(err)
		}
		pem, _ := testCertificate(t, "idp-2")
		before := calls("AddExternalSAMLIdPCertificate")
		s.FailNext("AddExternalSAMLIdPCertificate", "lost-response", 1)
		if _, err := c.AddExternalSAMLIdPCertificate(ctx, zone, pem); !errors.Is(err, ErrOutcomeUnknown) {
			t.Fatalf("error %v, want ErrOutcomeUnknown", err)
		}
		if got := calls("AddExternalSAMLIdPCertificate") - before; got != 1 {
			t.Errorf("server saw %d adds, want 1", got)
		}
	})

	t.Run("retries run out", func(t *testing.T) {
		s.FailNext("GetZoneStatistics", "RequestLimitExceeded", 100)
		_, limited := startSimulatorClient(t, s, func(cfg *Config) { cfg.MaxRetries = 2 })
		before := calls("GetZoneStatistics")
		_, err := limited.GetZoneStatistics(ctx, zone)
		if !errors.Is(err, ErrThrottled) {
			t.Fatalf("error %v, want ErrThrottled", err)
		}
		if got := calls("GetZoneStatistics") - before; got != 3 {
			t.Errorf("server saw %d calls, want 3", got)
		}
		s.FailNext("GetZoneStatistics", "RequestLimitExceeded", 0)
	})
}

// startSimulatorClient is another client for a running simulator.
func startSimulatorClient(t *testing.T, s *idcsim.Server, mod func(*Config)) (*idcsim.Server, *Client) {
	ready := s.Ready()
	cfg := Config{
		SecretID: ready.SecretID, SecretKey: ready.SecretKey, Protocol: "HTTP", Endpoint: ready.Endpoint,
		RetryMinBackoff: time.Millisecond, RetryMaxBackoff: 5 * time.Millisecond,
	}
	mod(&cfg)
	return s, newTestClient(t, cfg)
}

func TestSimulatorPagination(t *testing.T) {
	t.Parallel()
	s, c := startSimulator(t, idcsim.Options{SeedUsers: 250, SeedGroups: 3})
	ctx := t.Context()
	zone := s.Ready().ZoneID
	s.ResetStats()

	users, err := c.ListUsers(ctx, ListUsersInput{ZoneID: zone})
	if err != nil {
		t.Fatal(err)
	}
	if len(users) != 250 {
		t.Errorf("%d users, want 250", len(users))
	}
	seen := map[string]bool{}
	for _, u := range users {
		if seen[u.UserID] {
			t.Errorf("user %s listed twice", u.UserID)
		}
		seen[u.UserID] = true
	}
	if got := s.Stats().Calls["ListUsers"]; got != 3 {
		t.Errorf("ListUsers calls = %d, want 3", got)
	}
}

// TestPagingAtTheServiceRateLimit pages 10 000 users from a simulator that enforces the
// documented 20 requests per second per action, with the client's default limiter: not one
// round trip may be wasted on RequestLimitExceeded.
//
// Not parallel: other tests' load would bunch its paced requests.
func TestPagingAtTheServiceRateLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("pages for about five seconds")
	}
	s, c := startSimulator(t, idcsim.Options{SeedUsers: 10000, RateLimit: 20}, func(cfg *Config) { cfg.RateLimit = 0 })
	s.ResetStats()
	start := time.Now()
	n := 0
	for _, err := range c.Users(t.Context(), ListUsersInput{ZoneID: s.Ready().ZoneID}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	st := s.Stats()
	t.Logf("paged %d users in %d calls, %s", n, st.Calls["ListUsers"], time.Since(start).Round(time.Millisecond))
	if n != 10000 {
		t.Errorf("%d users, want 10000", n)
	}
	if st.Throttled != 0 || st.Calls["ListUsers"] != 100 {
		t.Errorf("throttled %d, ListUsers calls %d; want 0 and 100", st.Throttled, st.Calls["ListUsers"])
	}
}
