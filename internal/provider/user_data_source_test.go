package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/acctest"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idcsim"
)

func TestExactMatches(t *testing.T) {
	users := []idc.User{
		{UserID: "u-1", UserName: "alice", Email: "Alice@Example.com"},
		{UserID: "u-2", UserName: "alice2", Email: "alice2@example.com"},
		{UserID: "u-3", UserName: "ALICE", Email: "other@example.com"}, // a case variant the service might allow
	}
	cases := map[string]struct {
		key   userKey
		want  string
		found []string
	}{
		"name, two case variants": {userNameKey, "Alice", []string{"u-1", "u-3"}},
		"name, exact only":        {userNameKey, "alice2", []string{"u-2"}},
		"name, substring only":    {userNameKey, "ali", nil},
		"email, case ignored":     {emailKey, "alice@example.COM", []string{"u-1"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			found, candidates, err := exactMatches(usersSeq(users), tc.key, tc.want)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, u := range found {
				ids = append(ids, u.UserID)
			}
			if strings.Join(ids, ",") != strings.Join(tc.found, ",") || candidates != len(users) {
				t.Errorf("found %v of %d candidates, want %v of %d", ids, candidates, tc.found, len(users))
			}
		})
	}
}

func TestAddLookupError(t *testing.T) {
	two := []idc.User{{UserID: "u-1", UserName: "dana"}, {UserID: "u-2", UserName: "DANA"}}
	cases := map[string]struct {
		key        userKey
		found      []idc.User
		candidates int
		summary    string
		detail     []string
	}{
		"ambiguous name": {userNameKey, two, 5, "Ambiguous User Lookup",
			[]string{"2 users of zone z-abcdefghijkl have the user name \"dana\"", "u-1 (dana), u-2 (DANA)", "by user_id or email"}},
		"no email": {emailKey, nil, 3, "User Not Found",
			[]string{"0 users match", "found 3 containing it", "by user_id or user_name"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var diags diag.Diagnostics
			addLookupError(&diags, "z-abcdefghijkl", tc.key, "dana", tc.found, tc.candidates)
			if len(diags) != 1 || diags[0].Summary() != tc.summary {
				t.Fatalf("got %v, want one %q", diags, tc.summary)
			}
			withPath, ok := diags[0].(diag.DiagnosticWithPath)
			if !ok || !withPath.Path().Equal(tc.key.path) {
				t.Errorf("diagnostic is not on %s", tc.key.path)
			}
			for _, w := range tc.detail {
				if !strings.Contains(diags[0].Detail(), w) {
					t.Errorf("detail %q lacks %q", diags[0].Detail(), w)
				}
			}
		})
	}
}

func TestAccUserDataSource_lookups(t *testing.T) {
	env := acctest.NewEnv(t, idcsim.Options{SeedUsers: 2})
	env.RequireSim(t)
	id := addUser(t, env, idcsim.User{
		UserName: "Grace.Hopper", FirstName: "Grace", LastName: "Hopper", DisplayName: "Grace Hopper",
		Email: "grace@example.com", Description: "compilers", NeedResetPassword: true,
	})
	addUser(t, env, idcsim.User{UserName: "grace.hopper2", Email: "grace2@example.com", UserType: apiTypeManual})
	want := map[string]knownvalue.Check{
		"zone_id":             knownvalue.StringExact(env.ZoneID),
		"user_id":             knownvalue.StringExact(id),
		"user_name":           knownvalue.StringExact("Grace.Hopper"),
		"email":               knownvalue.StringExact("grace@example.com"),
		"first_name":          knownvalue.StringExact("Grace"),
		"last_name":           knownvalue.StringExact("Hopper"),
		"display_name":        knownvalue.StringExact("Grace Hopper"),
		"description":         knownvalue.StringExact("compilers"),
		"status":              knownvalue.StringExact("Enabled"),
		"type":                knownvalue.StringExact("Synchronized"),
		"need_reset_password": knownvalue.Bool(true),
		"create_time":         knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)),
		"update_time":         knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)),
	}
	lookups := map[string]string{
		"by_id":    fmt.Sprintf("user_id = %q", id),
		"by_name":  `user_name = "grace.HOPPER"`, // the other user's name contains it too: only the exact match counts
		"by_email": `email = "GRACE@example.com"`,
	}
	var blocks []string
	var checks []statecheck.StateCheck
	for name, arg := range lookups {
		blocks = append(blocks, fmt.Sprintf("data \"tencentcloudidc_user\" %q { %s }", name, arg))
		for attr, check := range want {
			checks = append(checks, statecheck.ExpectKnownValue("data.tencentcloudidc_user."+name, tfjsonpath.New(attr), check))
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    []resource.TestStep{{Config: testAccUsersConfig(env, blocks...), ConfigStateChecks: checks}},
	})
}
