package provider

import (
	"testing"
	"time"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/acctest"
)

// TestAccSAMLIdentityProviderResource_validateNeedsNoClock runs `validate` and `plan` as a user
// does. `validate` judges everything that does not depend on the date, and only that, so its
// verdict is the same on any day: a broken document fails it even when its certificates have
// also expired, while expired certificates and a passed validUntil pass it and fail the plan,
// before anything is sent.
func TestAccSAMLIdentityProviderResource_validateNeedsNoClock(t *testing.T) {
	env := acctest.NewEnv(t)
	env.RequireSim(t)
	now := time.Now()
	const entity, login = "https://idp.example.com/metadata", "https://idp.example.com/sso"
	valid := validTestCert(t, "valid")
	expired := newTestCert(t, "expired", now.AddDate(-2, 0, 0), now.AddDate(0, 0, -1))
	expired2 := newTestCert(t, "expired2", now.AddDate(-2, 0, 0), now.AddDate(0, 0, -2))
	expired3 := newTestCert(t, "expired3", now.AddDate(-2, 0, 0), now.AddDate(0, 0, -3))
	passed := now.AddDate(0, 0, -1).UTC().Format(time.RFC3339)

	cases := []struct {
		name     string
		lines    []string
		validate string // the error `validate` reports; "" when it passes
		plan     string // the error `plan` reports
	}{
		{name: "expired metadata certificate",
			lines: []string{metadataXMLFrom(writeTestFile(t, "expired.xml", testMetadata(entity, login, mdStyle{}, expired)))},
			plan:  "Every signing certificate in the metadata has expired"},
		{name: "validUntil passed",
			lines: []string{metadataXMLFrom(writeTestFile(t, "stale.xml", testMetadata(entity, login, mdStyle{validUntil: passed}, valid)))},
			plan:  "which has passed"},
		{name: "expired certificate by hand",
			lines: manualLines(entity, login, expired.pem),
			plan:  "SAML Certificate Expired"},
		{name: "three expired certificates",
			lines:    []string{metadataXMLFrom(writeTestFile(t, "three.xml", testMetadata(entity, login, mdStyle{}, expired, expired2, expired3)))},
			validate: "Too Many SAML Signing Certificates"},
	}
	dir := newCLIDir(t, map[string]string{"main.tf": testAccSAMLIdPConfig(env, manualLines(entity, login, valid.pem)...)})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir.write("main.tf", testAccSAMLIdPConfig(env, tc.lines...))
			code, out := dir.run("validate", "-no-color")
			switch {
			case tc.validate == "" && code != 0:
				t.Fatalf("validate exited %d, want 0 (the date is for plan to judge):\n%s", code, out)
			case tc.validate != "" && (code != 1 || !acctest.Words(tc.validate).MatchString(out)):
				t.Fatalf("validate exited %d, want 1 with %q:\n%s", code, tc.validate, out)
			case tc.validate != "":
				return
			}
			code, out = dir.run("plan", "-no-color", "-input=false")
			if code != 1 || !acctest.Words(tc.plan).MatchString(out) {
				t.Fatalf("plan exited %d, want 1 with %q:\n%s", code, tc.plan, out)
			}
			if err := env.NoMutatingCalls("a plan that failed"); err != nil {
				t.Error(err)
			}
		})
	}
}
