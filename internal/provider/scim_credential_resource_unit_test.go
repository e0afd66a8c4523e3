package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/acctest"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

func TestCredentialLifetimeMatches(t *testing.T) {
	t.Parallel()
	leapCreate := "2024-01-15T00:00:00Z" // a calendar year from here is 366 days
	cases := map[string]struct {
		expireAfter      types.String
		created, expires string
		want             bool
	}{
		"exact":                        {types.StringValue("720h"), "2025-01-01T00:00:00Z", "2025-01-31T00:00:00Z", true},
		"respelled":                    {types.StringValue("43200m"), "2025-01-01T00:00:00Z", "2025-01-31T00:00:00Z", true},
		"one second off":               {types.StringValue("720h"), "2025-01-01T00:00:00Z", "2025-01-31T00:00:01Z", true},
		"two seconds off":              {types.StringValue("720h"), "2025-01-01T00:00:00Z", "2025-01-31T00:00:02Z", false},
		"different":                    {types.StringValue("2h"), "2025-01-01T00:00:00Z", "2025-01-31T00:00:00Z", false},
		"unset, 365 days":              {types.StringNull(), "2025-03-01T00:00:00Z", "2026-03-01T00:00:00Z", true},
		"unset, leap calendar year":    {types.StringNull(), leapCreate, "2025-01-15T00:00:00Z", true},
		"unset, one month":             {types.StringNull(), "2025-01-01T00:00:00Z", "2025-01-31T00:00:00Z", false},
		"8760h against leap year":      {types.StringValue("8760h"), leapCreate, "2025-01-15T00:00:00Z", false},
		"unparsable times":             {types.StringValue("720h"), "yesterday", "2025-01-31T00:00:00Z", false},
		"not a duration (unreachable)": {types.StringValue("forever"), "2025-01-01T00:00:00Z", "2025-01-31T00:00:00Z", false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := credentialLifetimeMatches(tc.expireAfter, types.StringValue(tc.created), types.StringValue(tc.expires))
			if got != tc.want {
				t.Fatalf("got %t, want %t", got, tc.want)
			}
		})
	}
	if credentialLifetimeMatches(types.StringValue("1h"), types.StringNull(), types.StringValue("2025-01-01T00:00:00Z")) {
		t.Error("a credential without a create time cannot match")
	}
}

func TestCredentialRotationDue(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	state := func(expire types.String) scimCredentialModel {
		return scimCredentialModel{ZoneID: types.StringValue("z-abcdefghijkl"), CredentialID: types.StringValue("scimcred-abcdefghijkl"), ExpireTime: expire}
	}
	at := func(d time.Duration) types.String { return types.StringValue(now.Add(d).Format(time.RFC3339)) }
	cases := map[string]struct {
		expire types.String
		rotate types.String
		want   bool
		reason string
	}{
		"far from expiry":     {at(48 * time.Hour), types.StringValue("24h"), false, ""},
		"inside the window":   {at(30 * time.Minute), types.StringValue("1h"), true, "scimcred-abcdefghijkl in zone z-abcdefghijkl expires at 2025-06-01T12:30:00Z, in 30m, which is within rotate_before (1h)"},
		"exactly at the edge": {at(time.Hour), types.StringValue("1h"), true, "in 1h,"},
		"already expired":     {at(-time.Hour), types.StringValue("1h"), true, "expired at 2025-06-01T11:00:00Z"},
		"no rotate_before":    {at(time.Minute), types.StringNull(), false, ""},
		"unknown window":      {at(time.Minute), types.StringUnknown(), false, ""},
		"no expiry in state":  {types.StringNull(), types.StringValue("1h"), false, ""},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			due, reason := credentialRotationDue(state(tc.expire), tc.rotate, now)
			if due != tc.want || !strings.Contains(reason, tc.reason) {
				t.Fatalf("got (%t, %q), want (%t, …%q…)", due, reason, tc.want, tc.reason)
			}
		})
	}
}

func TestSplitCredentialImportID(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		id, zone, cred string
		ok             bool
	}{
		"slash":            {"z-abcdefghijkl/scimcred-un1tgbnt0s9j", "z-abcdefghijkl", "scimcred-un1tgbnt0s9j", true},
		"hash (incumbent)": {"z-abcdefghijkl#scimcred-un1tgbnt0s9j", "z-abcdefghijkl", "scimcred-un1tgbnt0s9j", true},
		"credential only":  {"scimcred-un1tgbnt0s9j", "", "", false},
		"zone only":        {"z-abcdefghijkl", "", "", false},
		"bad zone":         {"zone/scimcred-un1tgbnt0s9j", "zone", "scimcred-un1tgbnt0s9j", false},
		"bad credential":   {"z-abcdefghijkl/cred-1", "z-abcdefghijkl", "cred-1", false},
		"short credential": {"z-abcdefghijkl/scimcred-nope", "z-abcdefghijkl", "scimcred-nope", false},
		"long credential":  {"z-abcdefghijkl/scimcred-un1tgbnt0s9jx", "z-abcdefghijkl", "scimcred-un1tgbnt0s9jx", false},
		"extra part":       {"z-abcdefghijkl/scimcred-un1tgbnt0s9j/x", "z-abcdefghijkl", "scimcred-un1tgbnt0s9j/x", false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			zone, cred, ok := splitCredentialImportID(tc.id)
			if ok != tc.ok || (ok && (zone != tc.zone || cred != tc.cred)) {
				t.Fatalf("got (%q, %q, %t), want (%q, %q, %t)", zone, cred, ok, tc.zone, tc.cred, tc.ok)
			}
		})
	}
}

// TestSCIMCredentialImportState drives ImportState the way the framework does: it checks only
// the form of the ID and warns about nothing (the Read after it knows whether there is a
// credential whose secret is missing).
func TestSCIMCredentialImportState(t *testing.T) {
	t.Parallel()
	const zone, cred = "z-abcdefghijkl", "scimcred-un1tgbnt0s9j"
	cases := map[string]struct {
		id       string
		identity map[string]string
		want     string // error text; "" = success
	}{
		"slash":          {id: zone + "/" + cred},
		"hash":           {id: zone + "#" + cred},
		"identity":       {identity: map[string]string{"zone_id": zone, "credential_id": cred}},
		"bad format":     {id: cred, want: "Expected `<zone_id>/<credential_id>` or `<zone_id>#<credential_id>`"},
		"bad zone":       {id: "Z-ABC/" + cred, want: "Expected `<zone_id>/<credential_id>`"},
		"bad credential": {id: zone + "/scimcred-nope", want: `got "z-abcdefghijkl/scimcred-nope": the credential ID "scimcred-nope" is not ` + "`scimcred-` followed by 12"},
		"no separator":   {id: zone + cred, want: "it has no / or # between the zone ID and the credential ID"},
		"bad identity":   {identity: map[string]string{"zone_id": zone, "credential_id": "nope"}, want: "credential_id `scimcred-` followed by 12"},
		"nothing at all": {want: "or an identity with zone_id and credential_id"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := t.Context()
			r := &scimCredentialResource{}
			state, identity := emptyStateAndIdentity(t, r)
			req := resource.ImportStateRequest{ID: tc.id}
			if tc.identity != nil {
				req.Identity = identityValue(t, identity, tc.identity)
			}
			resp := &resource.ImportStateResponse{State: state, Identity: identity}
			r.ImportState(ctx, req, resp)
			text := diagText(resp.Diagnostics)
			if tc.want != "" {
				if !resp.Diagnostics.HasError() || !strings.Contains(text, tc.want) {
					t.Fatalf("want an error containing %q, got %q", tc.want, text)
				}
				return
			}
			if resp.Diagnostics.HasError() {
				t.Fatalf("unexpected error: %s", text)
			}
			if len(resp.Diagnostics) != 0 {
				t.Fatalf("want no diagnostic before the Read has found the credential, got %q", text)
			}
			var got scimCredentialModel
			if d := resp.State.Get(ctx, &got); d.HasError() {
				t.Fatal(diagText(d))
			}
			if got.ID.ValueString() != zone+"/"+cred || got.ZoneID.ValueString() != zone || got.CredentialID.ValueString() != cred {
				t.Fatalf("state: id %s, zone_id %s, credential_id %s", got.ID, got.ZoneID, got.CredentialID)
			}
			if !got.Secret.IsNull() {
				t.Fatalf("the secret must stay null after an import, got %s", got.Secret)
			}
			var ident scimCredentialIdentityModel
			if d := resp.Identity.Get(ctx, &ident); d.HasError() {
				t.Fatal(diagText(d))
			}
			if ident.ZoneID.ValueString() != zone || ident.CredentialID.ValueString() != cred {
				t.Fatalf("identity: %v", ident)
			}
		})
	}
}

// emptyStateAndIdentity builds the null state and identity the framework hands to ImportState.
func emptyStateAndIdentity(t *testing.T, r *scimCredentialResource) (tfsdk.State, *tfsdk.ResourceIdentity) {
	t.Helper()
	ctx := t.Context()
	var sresp resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sresp)
	var iresp resource.IdentitySchemaResponse
	r.IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &iresp)
	if sresp.Diagnostics.HasError() || iresp.Diagnostics.HasError() {
		t.Fatalf("schema: %s %s", diagText(sresp.Diagnostics), diagText(iresp.Diagnostics))
	}
	state := tfsdk.State{Schema: sresp.Schema, Raw: tftypes.NewValue(sresp.Schema.Type().TerraformType(ctx), nil)}
	identity := &tfsdk.ResourceIdentity{Schema: iresp.IdentitySchema, Raw: tftypes.NewValue(iresp.IdentitySchema.Type().TerraformType(ctx), nil)}
	return state, identity
}

func identityValue(t *testing.T, empty *tfsdk.ResourceIdentity, values map[string]string) *tfsdk.ResourceIdentity {
	t.Helper()
	typ := empty.Schema.Type().TerraformType(t.Context())
	attrs := map[string]tftypes.Value{}
	for k, v := range values {
		attrs[k] = tftypes.NewValue(tftypes.String, v)
	}
	return &tfsdk.ResourceIdentity{Schema: empty.Schema, Raw: tftypes.NewValue(typ, attrs)}
}

// fakeCredentialAPI is a zone's credentials in memory, with scripted create outcomes.
type fakeCredentialAPI struct {
	creds []idc.SCIMCredential
	// outcome of each create in turn: "ok", "lost" (made, answer lost), "refused" (not made,
	// answer lost), "full" (LimitExceeded: the zone filled up since the list), "error", "malformed"
	creates []string
	// listFailsFrom makes the n-th list and every later one fail (0: never).
	listFailsFrom int
	// unreachableLists makes that many lists after the first go unanswered, as when the
	// service is down for a while after it lost a create's answer.
	unreachableLists int
	getMissing       bool
	deleteFails      bool
	calls            map[string]int
	deleted          []string
	next             int
}

func (f *fakeCredentialAPI) count(action string) int {
	if f.calls == nil {
		f.calls = map[string]int{}
	}
	f.calls[action]++
	return f.calls[action]
}

func (f *fakeCredentialAPI) ListSCIMCredentials(_ context.Context, zone string) ([]idc.SCIMCredential, error) {
	n := f.count("List")
	if f.listFailsFrom > 0 && n >= f.listFailsFrom {
		return nil, &idc.APIError{Action: "ListSCIMCredentials", Code: "FailedOperation.DBOperationError", Message: "db down"}
	}
	if n > 1 && n <= 1+f.unreachableLists {
		return nil, errors.New("ListSCIMCredentials: network error: connect: connection refused (gave up after 6 attempts)")
	}
	return slices.Clone(f.creds), nil
}

func (f *fakeCredentialAPI) CreateSCIMCredential(_ context.Context, zone string, expireAfter time.Duration) (*idc.SCIMCredential, error) {
	n := f.count("Create")
	outcome := "ok"
	if n <= len(f.creates) {
		outcome = f.creates[n-1]
	}
	switch outcome {
	case "full":
		return nil, &idc.APIError{Action: "CreateSCIMCredential", Code: "LimitExceeded.ScimCredentialLimitExceeded", Message: "full", RequestID: "req-full"}
	case "error":
		return nil, &idc.APIError{Action: "CreateSCIMCredential", Code: "FailedOperation.DBOperationError", Message: "db down"}
	}
	if outcome == "refused" {
		return nil, &idc.OutcomeUnknownError{Action: "CreateSCIMCredential", Err: errors.New("InternalError")}
	}
	f.next++
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	if expireAfter == 0 {
		expireAfter = defaultCredentialLifetime
	}
	c := idc.SCIMCredential{
		ZoneID: zone, CredentialID: fmt.Sprintf("scimcred-new%09d", f.next), CredentialType: "BearerToken", Enabled: true,
		CreateTime: now, ExpireTime: now.Add(expireAfter), Secret: fmt.Sprintf("secret-%d", f.next),
	}
	listed := c
	listed.Secret = ""
	f.creds = append(f.creds, listed)
	switch outcome {
	case "lost":
		return nil, &idc.OutcomeUnknownError{Action: "CreateSCIMCredential", Err: errors.New("connection reset")}
	case "malformed":
		c.ExpireTime = time.Time{}
		return &c, fmt.Errorf("CreateSCIMCredential: credential %s was created but its answer is malformed: bad ExpireTime", c.CredentialID)
	}
	return &c, nil
}

func (f *fakeCredentialAPI) GetSCIMCredential(_ context.Context, zone, id string) (*idc.SCIMCredential, error) {
	f.count("Get")
	for i := range f.creds {
		if f.creds[i].CredentialID == id && !f.getMissing {
			c := f.creds[i]
			return &c, nil
		}
	}
	return nil, fmt.Errorf("SCIM credential %s in zone %s: %w", id, zone, idc.ErrNotFound)
}

func (f *fakeCredentialAPI) DeleteSCIMCredential(_ context.Context, zone, id string) error {
	f.count("Delete")
	if f.deleteFails {
		return &idc.APIError{Action: "DeleteSCIMCredential", Code: "FailedOperation.DBOperationError", Message: "db down"}
	}
	for i := range f.creds {
		if f.creds[i].CredentialID == id {
			f.creds = slices.Delete(f.creds, i, i+1)
			f.deleted = append(f.deleted, id)
			return nil
		}
	}
	return &idc.APIError{Action: "DeleteSCIMCredential", Code: "InvalidParameter.ScimCredentialNotFound", Message: "gone"}
}

// racingCredentialAPI is a zone in which another client creates a credential between this
// client's list and its create.
type racingCredentialAPI struct {
	*fakeCredentialAPI
	appearOnCreate idc.SCIMCredential
}

func (r *racingCredentialAPI) CreateSCIMCredential(ctx context.Context, zone string, expireAfter time.Duration) (*idc.SCIMCredential, error) {
	r.creds = append(r.creds, r.appearOnCreate)
	return r.fakeCredentialAPI.CreateSCIMCredential(ctx, zone, expireAfter)
}

func TestCreateSCIMCredential(t *testing.T) {
	t.Parallel()
	existing := idc.SCIMCredential{ZoneID: "z-abcdefghijkl", CredentialID: "scimcred-old000000001", CredentialType: "BearerToken", Enabled: true,
		CreateTime: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), ExpireTime: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	disabled := existing
	disabled.CredentialID, disabled.Enabled = "scimcred-old000000002", false

	cases := map[string]struct {
		api         fakeCredentialAPI
		wantErr     string // "" = success
		wantDetail  string // the user-facing explanation of a protocol failure
		wantCred    bool   // a credential (with its secret) comes back
		wantCreates int
		wantDeleted []string
		wantLeft    int // credentials in the zone afterwards
	}{
		"empty zone": {
			api: fakeCredentialAPI{}, wantCred: true, wantCreates: 1, wantLeft: 1,
		},
		"one slot left": {
			api: fakeCredentialAPI{creds: []idc.SCIMCredential{existing}}, wantCred: true, wantCreates: 1, wantLeft: 2,
		},
		"zone full: nothing sent": {
			api:     fakeCredentialAPI{creds: []idc.SCIMCredential{existing, disabled}},
			wantErr: "already holds 2 scim credentials", wantLeft: 2,
		},
		"lost answer: orphan deleted, second try": {
			api:      fakeCredentialAPI{creds: []idc.SCIMCredential{existing}, creates: []string{"lost"}},
			wantCred: true, wantCreates: 2, wantDeleted: []string{"scimcred-new000000001"}, wantLeft: 2,
		},
		"refused answer: nothing to delete, second try": {
			api:      fakeCredentialAPI{creates: []string{"refused"}},
			wantCred: true, wantCreates: 2, wantLeft: 1,
		},
		"lost three times: gives up clean": {
			api:         fakeCredentialAPI{creates: []string{"lost", "lost", "lost"}},
			wantErr:     "the answers to 3 creates in a row were lost",
			wantDetail:  "found scimcred-new000000003, which the create had made; it was deleted again",
			wantCreates: 3, wantDeleted: []string{"scimcred-new000000001", "scimcred-new000000002", "scimcred-new000000003"},
		},
		"plain error: no retry": {
			api: fakeCredentialAPI{creates: []string{"error"}}, wantErr: "FailedOperation.DBOperationError", wantCreates: 1,
		},
		"zone filled since the list: names the limit, no retry": {
			api:     fakeCredentialAPI{creds: []idc.SCIMCredential{existing}, creates: []string{"full"}},
			wantErr: "refused a new scim credential, a zone may hold at most 2", wantCreates: 1, wantLeft: 1,
		},
		"first list fails: nothing sent": {
			api: fakeCredentialAPI{listFailsFrom: 1}, wantErr: "listing the zone's credentials before creating one",
		},
		"cleanup list fails: says an orphan may be left": {
			api:     fakeCredentialAPI{creates: []string{"lost"}, listFailsFrom: 2},
			wantErr: "one may be left", wantCreates: 1, wantLeft: 1,
			wantDetail: "delete any that no identity provider uses",
		},
		"service down after a lost answer: the cleanup waits for it": {
			api:      fakeCredentialAPI{creates: []string{"lost"}, unreachableLists: 1},
			wantCred: true, wantCreates: 2, wantDeleted: []string{"scimcred-new000000001"}, wantLeft: 1,
		},
		"orphan delete fails: names the orphan": {
			api:     fakeCredentialAPI{creates: []string{"lost"}, deleteFails: true},
			wantErr: "deleting credential scimcred-new000000001, which it made, failed", wantCreates: 1, wantLeft: 1,
			wantDetail: "Delete scimcred-new000000001 in the console",
		},
		"not listed yet: create answer kept": {
			api: fakeCredentialAPI{getMissing: true}, wantCred: true, wantCreates: 1, wantLeft: 1,
		},
		"malformed answer: credential and error": {
			api: fakeCredentialAPI{creates: []string{"malformed"}}, wantCred: true, wantErr: "answer is malformed", wantCreates: 1, wantLeft: 1,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			api := tc.api
			cred, err := createSCIMCredential(t.Context(), &api, "z-abcdefghijkl", 2*time.Hour)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Fatalf("want an error containing %q, got %v", tc.wantErr, err)
			}
			var failed *credentialCreateError
			if tc.wantDetail != "" && (!errors.As(err, &failed) || !strings.Contains(failed.detail, tc.wantDetail)) {
				t.Fatalf("want a credentialCreateError whose detail contains %q, got %v", tc.wantDetail, err)
			}
			if (cred != nil) != tc.wantCred {
				t.Fatalf("credential returned: %t, want %t", cred != nil, tc.wantCred)
			}
			if cred != nil && (cred.Secret == "" || cred.CredentialID == "") {
				t.Fatalf("the returned credential must carry its ID and secret: %+v", cred)
			}
			if got := api.calls["Create"]; got != tc.wantCreates {
				t.Errorf("creates: got %d, want %d", got, tc.wantCreates)
			}
			if !slices.Equal(api.deleted, tc.wantDeleted) {
				t.Errorf("deleted: got %v, want %v", api.deleted, tc.wantDeleted)
			}
			if len(api.creds) != tc.wantLeft {
				t.Errorf("credentials left in the zone: got %d, want %d", len(api.creds), tc.wantLeft)
			}
			if cred != nil && err == nil && !slices.ContainsFunc(api.creds, func(c idc.SCIMCredential) bool { return c.CredentialID == cred.CredentialID }) {
				t.Errorf("the returned credential %s is not in the zone", cred.CredentialID)
			}
		})
	}

	// Two applies racing for the last slot: both lists see room, the service refuses the second
	// create. The error must still name the limit, carry Tencent's code and request ID, and list
	// what fills the zone now.
	t.Run("limit reached by a concurrent create", func(t *testing.T) {
		t.Parallel()
		api := &fakeCredentialAPI{creds: []idc.SCIMCredential{existing}, creates: []string{"full"}}
		racer := &racingCredentialAPI{fakeCredentialAPI: api, appearOnCreate: disabled}
		_, err := createSCIMCredential(t.Context(), racer, "z-abcdefghijkl", 0)
		var full *credentialLimitError
		if !errors.As(err, &full) || !errors.Is(err, idc.ErrLimitExceeded) {
			t.Fatalf("want a credentialLimitError wrapping the service's LimitExceeded, got %v", err)
		}
		detail := full.detail()
		for _, want := range []string{
			"A zone may hold at most 2 SCIM credentials",
			"took the last free slot",
			"LimitExceeded.ScimCredentialLimitExceeded", "req-full",
			"scimcred-old000000001 (Enabled", "scimcred-old000000002 (Disabled",
			"create_before_destroy",
		} {
			if !strings.Contains(detail, want) {
				t.Errorf("detail lacks %q:\n%s", want, detail)
			}
		}
		if strings.Contains(detail, "no request was sent") {
			t.Errorf("a request was sent, the detail says otherwise:\n%s", detail)
		}
		if got := api.calls["List"]; got != 2 {
			t.Errorf("lists: got %d, want 2 (before the create, and for the message)", got)
		}
	})

	t.Run("limit error lists both credentials", func(t *testing.T) {
		t.Parallel()
		api := &fakeCredentialAPI{creds: []idc.SCIMCredential{existing, disabled}}
		_, err := createSCIMCredential(t.Context(), api, "z-abcdefghijkl", 0)
		var full *credentialLimitError
		if !errors.As(err, &full) {
			t.Fatalf("want a credentialLimitError, got %v", err)
		}
		detail := full.detail()
		for _, want := range []string{
			"scimcred-old000000001 (Enabled, expires 2025-01-01T00:00:00Z)",
			"scimcred-old000000002 (Disabled, expires 2025-01-01T00:00:00Z)",
			"create_before_destroy", "no request was sent",
		} {
			if !strings.Contains(detail, want) {
				t.Errorf("detail lacks %q:\n%s", want, detail)
			}
		}
	})
}

// TestSCIMCredentialReadAfterImport drives the Read that follows an import, against a
// simulator: the secret warning only for a credential that exists, and for one that does not
// an error that lists the zone's credentials (the CLI's own "Cannot import non-existent remote
// object" says nothing about them). A credential that vanishes later is still only a warning.
func TestSCIMCredentialReadAfterImport(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	env.RequireSim(t)
	existing, err := env.API.CreateSCIMCredential(t.Context(), env.ZoneID, 0)
	if err != nil {
		t.Fatal(err)
	}
	const missing = "scimcred-000000000000"
	r := &scimCredentialResource{resourceBase{data: &providerData{client: env.API}}}
	read := func(t *testing.T, id string, afterImport bool) diag.Diagnostics {
		t.Helper()
		ctx := t.Context()
		state, identity := emptyStateAndIdentity(t, r)
		ir := &resource.ImportStateResponse{State: state, Identity: identity}
		r.ImportState(ctx, resource.ImportStateRequest{ID: env.ZoneID + "/" + id}, ir)
		if ir.Diagnostics.HasError() {
			t.Fatal(diagText(ir.Diagnostics))
		}
		if !afterImport {
			// As after a create: the type is known.
			ir.Diagnostics.Append(ir.State.SetAttribute(ctx, path.Root("credential_type"), "BearerToken")...)
		}
		resp := &resource.ReadResponse{State: ir.State, Identity: ir.Identity}
		r.Read(ctx, resource.ReadRequest{State: ir.State, Identity: ir.Identity}, resp)
		return resp.Diagnostics
	}

	t.Run("exists", func(t *testing.T) {
		diags := read(t, existing.CredentialID, true)
		text := diagText(diags)
		if diags.HasError() || len(diags.Warnings()) != 1 || diags.Warnings()[0].Summary() != "SCIM Credential Secret Not Imported" ||
			!strings.Contains(text, existing.CredentialID) || !strings.Contains(text, "replace it") {
			t.Fatalf("want only the secret warning naming %s and saying how to rotate, got %q", existing.CredentialID, text)
		}
	})
	t.Run("does not exist", func(t *testing.T) {
		diags := read(t, missing, true)
		text := diagText(diags)
		want := fmt.Sprintf("Zone %s has no SCIM credential %s, so there is nothing to import. The zone holds: %s (Enabled).", env.ZoneID, missing, existing.CredentialID)
		if !diags.HasError() || !strings.Contains(text, "SCIM Credential Not Found") || !strings.Contains(text, want) {
			t.Fatalf("want an error saying %q, got %q", want, text)
		}
		if strings.Contains(text, "imported without its secret") {
			t.Fatalf("the secret warning for a credential that does not exist: %q", text)
		}
	})
	t.Run("vanished after create", func(t *testing.T) {
		diags := read(t, missing, false)
		if diags.HasError() || len(diags.Warnings()) != 1 || diags.Warnings()[0].Summary() != "SCIM Credential Not Found" {
			t.Fatalf("want the removed-from-state warning only, got %q", diagText(diags))
		}
	})
}

func TestReplacementRoom(t *testing.T) {
	t.Parallel()
	expire := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	own := idc.SCIMCredential{CredentialID: "scimcred-own000000001", Enabled: true, ExpireTime: expire}
	other := idc.SCIMCredential{CredentialID: "scimcred-oth000000001", Enabled: false, ExpireTime: expire}
	stranger := idc.SCIMCredential{CredentialID: "scimcred-oth000000002", Enabled: true, ExpireTime: expire}
	cases := map[string]struct {
		creds []idc.SCIMCredential
		tight bool
	}{
		"free slot":                {[]idc.SCIMCredential{own}, false},
		"full, with the replaced":  {[]idc.SCIMCredential{own, other}, true},
		"full, without (deleted?)": {[]idc.SCIMCredential{other, stranger}, false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			summary, detail, tight := replacementRoom("z-abcdefghijkl", own.CredentialID, tc.creds)
			if tight != tc.tight {
				t.Fatalf("tight = %t, want %t (%s)", tight, tc.tight, detail)
			}
			if !tight {
				return
			}
			for _, want := range []string{
				"This plan replaces SCIM credential scimcred-own000000001 of zone z-abcdefghijkl, which this resource manages",
				"scimcred-own000000001 (Enabled, expires 2026-01-01T00:00:00Z), which is being replaced, and " +
					"scimcred-oth000000001 (Disabled, expires 2026-01-01T00:00:00Z), which this resource does not manage",
				"the apply will fail before it changes anything. Keep create_before_destroy",
				"delete scimcred-oth000000001 if no identity provider uses it",
				"Without create_before_destroy, scimcred-own000000001 is deleted first",
			} {
				if !strings.Contains(detail, want) {
					t.Errorf("detail lacks %q:\n%s", want, detail)
				}
			}
			if summary != "SCIM Credential Replacement Needs a Free Slot" {
				t.Errorf("summary %q", summary)
			}
		})
	}
}
