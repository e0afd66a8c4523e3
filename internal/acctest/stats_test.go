package acctest

import (
	"strings"
	"testing"
)

func TestIsMutating(t *testing.T) {
	t.Parallel()
	for action, want := range map[string]bool{
		"DescribeIdentityCenter": false, "GetSCIMSynchronizationStatus": false, "ListUsers": false,
		"CreateSCIMCredential": true, "UpdateSCIMSynchronizationStatus": true, "DeleteSCIMCredential": true,
		"SetExternalSAMLIdentityProvider": true, "ClearExternalSAMLIdentityProvider": true,
		"AddExternalSAMLIdPCertificate": true, "RemoveUserFromGroup": true, "OpenIdentityCenter": true,
	} {
		if got := IsMutating(action); got != want {
			t.Errorf("IsMutating(%s) = %t, want %t", action, got, want)
		}
	}
}

// The checks read the in-process simulator's counters since the last ResetStats.
func TestCallChecks(t *testing.T) {
	t.Parallel()
	env := NewEnv(t)
	ctx := t.Context()
	if _, err := env.API.ListSCIMCredentials(ctx, env.ZoneID); err != nil {
		t.Fatal(err)
	}
	if err := env.NoMutatingCalls("a listing"); err != nil {
		t.Errorf("after a read only: %v", err)
	}
	if _, err := env.API.CreateSCIMCredential(ctx, env.ZoneID, 0); err != nil {
		t.Fatal(err)
	}
	if got := env.Calls("CreateSCIMCredential"); got != 1 {
		t.Errorf("Calls(CreateSCIMCredential) = %d, want 1", got)
	}
	if got := env.MutatingCalls(); len(got) != 1 || got["CreateSCIMCredential"] != 1 {
		t.Errorf("MutatingCalls() = %v, want only CreateSCIMCredential once", got)
	}
	if err := env.NoMutatingCalls("a create"); err == nil || !strings.Contains(err.Error(), "a create changed the service") {
		t.Errorf("NoMutatingCalls after a create: %v", err)
	}

	for _, tc := range []struct {
		name  string
		check func() error
		fails string // "" passes
	}{
		{"counts of the listed actions", func() error { return env.CheckCalls(map[string]int64{"CreateSCIMCredential": 1})(nil) }, ""},
		{"a read need not be listed", func() error {
			return env.CheckCalls(map[string]int64{"CreateSCIMCredential": 1, "DeleteSCIMCredential": 0})(nil)
		}, ""},
		{"a wrong count", func() error { return env.CheckCalls(map[string]int64{"CreateSCIMCredential": 2})(nil) }, "CreateSCIMCredential called 1 times, want 2"},
		{"an unlisted change", func() error { return env.CheckCalls(map[string]int64{"ListSCIMCredentials": 1})(nil) }, "unexpected CreateSCIMCredential"},
		{"exactly these calls", func() error {
			return env.CheckExactCalls("two calls", map[string]int64{"ListSCIMCredentials": 1, "CreateSCIMCredential": 1})(nil)
		}, ""},
		{"a read left out of exact calls", func() error {
			return env.CheckExactCalls("two calls", map[string]int64{"CreateSCIMCredential": 1})(nil)
		}, "two calls made the calls"},
		{"no changes after a create", func() error { return env.CheckNoMutatingCalls("a create")(nil) }, "a create changed the service"},
	} {
		err := tc.check()
		switch {
		case tc.fails == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.fails != "" && (err == nil || !strings.Contains(err.Error(), tc.fails)):
			t.Errorf("%s: error %v, want one saying %q", tc.name, err, tc.fails)
		}
	}

	env.Sim.ResetStats()
	if err := env.CheckExactCalls("nothing", map[string]int64{})(nil); err != nil {
		t.Errorf("after ResetStats: %v", err)
	}
}
