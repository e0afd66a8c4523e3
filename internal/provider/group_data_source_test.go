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

func TestAddGroupLookupError(t *testing.T) {
	// The service keeps group names unique ignoring case, so two matches can only come from a
	// service that changed its rules: the message must still name both.
	two := []idc.Group{{GroupID: "g-1", GroupName: "Platform-Admins"}, {GroupID: "g-2", GroupName: "platform-admins"}}
	cases := map[string]struct {
		found      []idc.Group
		candidates int
		summary    string
		detail     []string
	}{
		"ambiguous": {two, 2, "Ambiguous Group Lookup",
			[]string{`2 groups of zone z-abcdefghijkl are named "platform-admins"`, "g-1 (Platform-Admins), g-2 (platform-admins)", "by group_id instead"}},
		"none": {nil, 3, "Group Not Found",
			[]string{`is named "platform-admins" (0 groups match`, "answered 3", "by group_id"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var diags diag.Diagnostics
			addGroupLookupError(&diags, "z-abcdefghijkl", "platform-admins", tc.found, tc.candidates)
			if len(diags) != 1 || diags[0].Summary() != tc.summary {
				t.Fatalf("got %v, want one %q", diags, tc.summary)
			}
			withPath, ok := diags[0].(diag.DiagnosticWithPath)
			if !ok || !withPath.Path().Equal(pathGroupName) {
				t.Errorf("diagnostic is not on %s", pathGroupName)
			}
			for _, w := range tc.detail {
				if !strings.Contains(diags[0].Detail(), w) {
					t.Errorf("detail %q lacks %q", diags[0].Detail(), w)
				}
			}
		})
	}
}

func TestAccGroupDataSource_lookups(t *testing.T) {
	env := acctest.NewEnv(t, idcsim.Options{SeedGroups: 1})
	env.RequireSim(t)
	alice := addUser(t, env, idcsim.User{UserName: "alice"})
	bob := addUser(t, env, idcsim.User{UserName: "bob"})
	id := addGroup(t, env, "Platform-Admins", bob, alice)
	// Its name contains the other's: only the exact match counts.
	addGroup(t, env, "Platform-Admins-Readonly")

	timestamp := knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`))
	want := map[string]knownvalue.Check{
		"zone_id":         knownvalue.StringExact(env.ZoneID),
		"group_id":        knownvalue.StringExact(id),
		"name":            knownvalue.StringExact("Platform-Admins"),
		"description":     knownvalue.StringExact("members of Platform-Admins"),
		"type":            knownvalue.StringExact("Synchronized"),
		"member_count":    knownvalue.Int64Exact(2),
		"create_time":     timestamp,
		"update_time":     timestamp,
		"member_user_ids": knownvalue.Null(),
	}
	lookups := map[string]string{
		"by_id":   fmt.Sprintf("group_id = %q", id),
		"by_name": `name = "platform-ADMINS"`,
	}
	var blocks []string
	var checks []statecheck.StateCheck
	for name, arg := range lookups {
		blocks = append(blocks, fmt.Sprintf("data \"tencentcloudidc_group\" %q { %s }", name, arg))
		for attr, check := range want {
			checks = append(checks, statecheck.ExpectKnownValue("data.tencentcloudidc_group."+name, tfjsonpath.New(attr), check))
		}
	}
	blocks = append(blocks, `data "tencentcloudidc_group" "members" {
  name            = "Platform-Admins"
  include_members = true
}`)
	// Members come in the order they joined.
	checks = append(checks, statecheck.ExpectKnownValue("data.tencentcloudidc_group.members", tfjsonpath.New("member_user_ids"),
		knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(bob), knownvalue.StringExact(alice)})))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            testAccUsersConfig(env, blocks...),
			ConfigStateChecks: checks,
			Check:             env.CheckNoMutatingCalls("reading groups"),
		}},
	})
}

func TestAccGroupDataSource_notFound(t *testing.T) {
	env := acctest.NewEnv(t)
	env.RequireSim(t)
	addGroup(t, env, "Platform-Admins")
	cases := map[string]struct {
		block string
		want  []string
	}{
		"id":             {`data "tencentcloudidc_group" "test" { group_id = "g-nosuchgroup1" }`, []string{"Group Not Found", "has no group g-nosuchgroup1", "look the group up by name"}},
		"name prefix":    {`data "tencentcloudidc_group" "test" { name = "Platform" }`, []string{"Group Not Found", `is named "Platform" (0 groups match`, "by group_id"}},
		"name":           {`data "tencentcloudidc_group" "test" { name = "Finance" }`, []string{"Group Not Found", `is named "Finance"`, "SCIM push"}},
		"zone not found": {"data \"tencentcloudidc_group\" \"test\" {\n  zone_id = \"" + noZone + "\"\n  name    = \"Platform-Admins\"\n}", []string{"Unable to Read Group", "Zone z-000000000000 does not exist"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      testAccUsersConfig(env, tc.block),
					ExpectError: acctest.Words(tc.want...),
				}},
			})
		})
	}
}
