package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/acctest"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idcsim"
)

func TestAccGroupsDataSource_filters(t *testing.T) {
	// Two seeded (Synchronized) groups; seeded users alternate between them.
	env := acctest.NewEnv(t, idcsim.Options{SeedUsers: 3, SeedGroups: 2})
	env.RequireSim(t)
	alice := addUser(t, env, idcsim.User{UserName: "alice", UserType: apiTypeManual})
	bob := addUser(t, env, idcsim.User{UserName: "bob", UserType: apiTypeManual})
	admins, err := env.Sim.AddGroup(idcsim.Group{GroupName: "Platform-Admins", GroupType: apiTypeManual})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{bob, alice} {
		if err := env.Sim.AddGroupMember(admins.GroupId, u); err != nil {
			t.Fatal(err)
		}
	}

	const all = "data.tencentcloudidc_groups.all"
	strs := func(want ...string) knownvalue.Check {
		checks := make([]knownvalue.Check, len(want))
		for i, w := range want {
			checks[i] = knownvalue.StringExact(w)
		}
		return knownvalue.ListExact(checks)
	}
	seededID := knownvalue.StringRegexp(regexp.MustCompile(`^g-[0-9a-z]+$`))
	userID := knownvalue.StringRegexp(regexp.MustCompile(`^u-[0-9a-z]+$`))
	config := testAccUsersConfig(env,
		`data "tencentcloudidc_groups" "all" {}`,
		`data "tencentcloudidc_groups" "members" { include_members = true }`,
		`data "tencentcloudidc_groups" "synchronized" { group_type = "Synchronized" }`,
		`data "tencentcloudidc_groups" "manual" { group_type = "Manual" }`,
		`data "tencentcloudidc_groups" "eq" { filter = "GroupName eq platform-admins" }`,
		`data "tencentcloudidc_groups" "sw" { filter = "GroupName sw SIM-" }`,
		`data "tencentcloudidc_groups" "text" { filter = "group-00002" }`,
		// Plain text is looked for inside names, ignoring case; "GroupName" without eq/sw is refused (bad-input rows).
		`data "tencentcloudidc_groups" "text_case" { filter = "PLATFORM" }`,
		`data "tencentcloudidc_groups" "none" { filter = "GroupName eq nobody" }`,
	)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(all, tfjsonpath.New("zone_id"), knownvalue.StringExact(env.ZoneID)),
				statecheck.ExpectKnownValue(all, tfjsonpath.New("names"), strs("sim-group-00001", "sim-group-00002", "Platform-Admins")),
				statecheck.ExpectKnownValue(all, tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{seededID, seededID, knownvalue.StringExact(admins.GroupId)})),
				statecheck.ExpectKnownValue(all, tfjsonpath.New("total_count"), knownvalue.Int64Exact(3)),
				statecheck.ExpectKnownValue(all, tfjsonpath.New("groups").AtSliceIndex(0), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"group_id":        seededID,
					"name":            knownvalue.StringExact("sim-group-00001"),
					"description":     knownvalue.StringExact("Simulator seed group 1"),
					"type":            knownvalue.StringExact("Synchronized"),
					"member_count":    knownvalue.Int64Exact(2),
					"create_time":     knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)),
					"update_time":     knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)),
					"member_user_ids": knownvalue.Null(),
				})),
				statecheck.ExpectKnownValue(all, tfjsonpath.New("groups").AtSliceIndex(2).AtMapKey("type"), knownvalue.StringExact("Manual")),
				statecheck.ExpectKnownValue(all, tfjsonpath.New("groups").AtSliceIndex(2).AtMapKey("description"), knownvalue.StringExact("")),

				statecheck.ExpectKnownValue("data.tencentcloudidc_groups.members", tfjsonpath.New("groups").AtSliceIndex(0).AtMapKey("member_user_ids"),
					knownvalue.ListExact([]knownvalue.Check{userID, userID})),
				statecheck.ExpectKnownValue("data.tencentcloudidc_groups.members", tfjsonpath.New("groups").AtSliceIndex(1).AtMapKey("member_user_ids"),
					knownvalue.ListSizeExact(1)),
				// Members come in the order they joined.
				statecheck.ExpectKnownValue("data.tencentcloudidc_groups.members", tfjsonpath.New("groups").AtSliceIndex(2).AtMapKey("member_user_ids"),
					strs(bob, alice)),

				statecheck.ExpectKnownValue("data.tencentcloudidc_groups.synchronized", tfjsonpath.New("names"), strs("sim-group-00001", "sim-group-00002")),
				statecheck.ExpectKnownValue("data.tencentcloudidc_groups.manual", tfjsonpath.New("ids"), strs(admins.GroupId)),
				statecheck.ExpectKnownValue("data.tencentcloudidc_groups.eq", tfjsonpath.New("names"), strs("Platform-Admins")),
				statecheck.ExpectKnownValue("data.tencentcloudidc_groups.sw", tfjsonpath.New("names"), strs("sim-group-00001", "sim-group-00002")),
				statecheck.ExpectKnownValue("data.tencentcloudidc_groups.text", tfjsonpath.New("names"), strs("sim-group-00002")),
				statecheck.ExpectKnownValue("data.tencentcloudidc_groups.text_case", tfjsonpath.New("names"), strs("Platform-Admins")),
				statecheck.ExpectKnownValue("data.tencentcloudidc_groups.none", tfjsonpath.New("groups"), knownvalue.ListExact([]knownvalue.Check{})),
				statecheck.ExpectKnownValue("data.tencentcloudidc_groups.none", tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{})),
				statecheck.ExpectKnownValue("data.tencentcloudidc_groups.none", tfjsonpath.New("names"), knownvalue.ListExact([]knownvalue.Check{})),
				statecheck.ExpectKnownValue("data.tencentcloudidc_groups.none", tfjsonpath.New("total_count"), knownvalue.Int64Exact(0)),
			},
		}},
	})
}
