package provider

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/acctest"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idcsim"
)

// usersStateType is the Terraform type of the users data source and of one element of users.
func usersStateType(t *testing.T) (tftypes.Object, tftypes.Object) {
	t.Helper()
	var resp datasource.SchemaResponse
	NewUsersDataSource().Schema(t.Context(), datasource.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("schema: %v", resp.Diagnostics)
	}
	state, elem, err := stateAndElementTypes(t.Context(), resp.Schema.Type(), "users")
	if err != nil {
		t.Fatal(err)
	}
	return state, elem
}

func usersSeq(users []idc.User) func(yield func(idc.User, error) bool) {
	return func(yield func(idc.User, error) bool) {
		for _, u := range users {
			if !yield(u, nil) {
				return
			}
		}
	}
}

func TestBuildUserList_onlySelected(t *testing.T) {
	_, elem := usersStateType(t)
	users := []idc.User{
		{UserID: "u-in1", UserName: "in1", IsSelected: true},
		{UserID: "u-out", UserName: "out"},
		{UserID: "u-in2", UserName: "in2", IsSelected: true},
	}
	for _, tc := range []struct {
		onlySelected bool
		want         []string
	}{
		{false, []string{"u-in1", "u-out", "u-in2"}},
		{true, []string{"u-in1", "u-in2"}},
	} {
		list, err := buildUserList(usersSeq(users), elem, tc.onlySelected)
		if err != nil {
			t.Fatal(err)
		}
		var ids []tftypes.Value
		if err := list.ids.As(&ids); err != nil {
			t.Fatal(err)
		}
		got := make([]string, len(ids))
		for i, v := range ids {
			if err := v.As(&got[i]); err != nil {
				t.Fatal(err)
			}
		}
		if !slices.Equal(got, tc.want) || list.count != len(tc.want) {
			t.Errorf("onlySelected=%t: got %v (count %d), want %v", tc.onlySelected, got, list.count, tc.want)
		}
	}
}

func TestBuildUserList_stopsAtError(t *testing.T) {
	_, elem := usersStateType(t)
	boom := fmt.Errorf("page 2: %w", idc.ErrThrottled)
	seq := func(yield func(idc.User, error) bool) {
		if yield(idc.User{UserID: "u-1"}, nil) {
			yield(idc.User{}, boom)
		}
	}
	if _, err := buildUserList(seq, elem, false); !errors.Is(err, boom) {
		t.Fatalf("got %v, want the iterator's error", err)
	}
}

func TestCheckUserFields(t *testing.T) {
	_, elem := usersStateType(t)
	if err := checkUserFields(elem); err != nil {
		t.Fatalf("the schema's element type: %v", err)
	}
	missing := tftypes.Object{AttributeTypes: map[string]tftypes.Type{}}
	for k, v := range elem.AttributeTypes {
		if k != "email" {
			missing.AttributeTypes[k] = v
		}
	}
	renamed := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"mail": tftypes.String}}
	for k, v := range missing.AttributeTypes {
		renamed.AttributeTypes[k] = v
	}
	retyped := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"email": tftypes.Number}}
	for k, v := range missing.AttributeTypes {
		retyped.AttributeTypes[k] = v
	}
	for name, typ := range map[string]tftypes.Object{"missing": missing, "renamed": renamed, "retyped": retyped} {
		if err := checkUserFields(typ); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// testAccUsersConfig is the provider block and the given data source blocks.
func testAccUsersConfig(env *acctest.Env, blocks ...string) string {
	return env.ProviderConfig() + strings.Join(blocks, "\n")
}

// addUser stores a user behind Terraform's back and returns its ID.
func addUser(t *testing.T, env *acctest.Env, u idcsim.User) string {
	t.Helper()
	stored, err := env.Sim.AddUser(u)
	if err != nil {
		t.Fatal(err)
	}
	return stored.UserId
}

func addGroup(t *testing.T, env *acctest.Env, name string, members ...string) string {
	t.Helper()
	g, err := env.Sim.AddGroup(idcsim.Group{GroupName: name, Description: "members of " + name})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range members {
		if err := env.Sim.AddGroupMember(g.GroupId, m); err != nil {
			t.Fatal(err)
		}
	}
	return g.GroupId
}

func TestAccUsersDataSource_filters(t *testing.T) {
	env := acctest.NewEnv(t, idcsim.Options{SeedUsers: 3})
	env.RequireSim(t)
	// Explicit creation times after the seeded users' keep the list order (creation order) known.
	created := time.Now().UTC().Truncate(time.Second).Add(time.Hour)
	alice := addUser(t, env, idcsim.User{
		UserName: "alice", FirstName: "Alice", LastName: "Liddell", DisplayName: "Alice L.", Email: "alice@example.com",
		Description: "finance lead", UserType: apiTypeManual, CreateTime: created,
	})
	bob := addUser(t, env, idcsim.User{UserName: "bob", Email: "bob@example.com", UserType: apiTypeManual, UserStatus: idc.StatusDisabled,
		CreateTime: created.Add(time.Minute)})
	carol := addUser(t, env, idcsim.User{UserName: "carol", Email: "carol@example.com", Description: "finance analyst",
		CreateTime: created.Add(2 * time.Minute)})
	finance := addGroup(t, env, "finance", alice, carol)
	audit := addGroup(t, env, "audit", bob)
	empty := addGroup(t, env, "empty")

	const all = "data.tencentcloudidc_users.all"
	config := testAccUsersConfig(env,
		`data "tencentcloudidc_users" "all" {}`,
		`data "tencentcloudidc_users" "synchronized" { user_type = "Synchronized" }`,
		`data "tencentcloudidc_users" "manual" { user_type = "Manual" }`,
		`data "tencentcloudidc_users" "disabled" { user_status = "Disabled" }`,
		`data "tencentcloudidc_users" "finance_text" { filter = "FINANCE" }`,
		// The filter is the text itself, looked for in the email too: what "UserName eq …" meant to say.
		`data "tencentcloudidc_users" "email_text" { filter = "alice@EXAMPLE.com" }`,
		fmt.Sprintf(`data "tencentcloudidc_users" "groups" { group_ids = [%q, %q] }`, finance, audit),
		fmt.Sprintf(`data "tencentcloudidc_users" "finance_manual" {
  group_ids = [%q]
  user_type = "Manual"
}`, finance),
		fmt.Sprintf(`data "tencentcloudidc_users" "empty_group" { group_ids = [%q] }`, empty),
		`data "tencentcloudidc_users" "nobody" { filter = "no-such-user" }`,
	)
	ids := func(want ...string) knownvalue.Check {
		checks := make([]knownvalue.Check, len(want))
		for i, w := range want {
			checks[i] = knownvalue.StringExact(w)
		}
		return knownvalue.ListExact(checks)
	}
	seeded := regexp.MustCompile(`^u-[0-9a-z]+$`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(all, tfjsonpath.New("zone_id"), knownvalue.StringExact(env.ZoneID)),
				statecheck.ExpectKnownValue(all, tfjsonpath.New("total_count"), knownvalue.Int64Exact(6)),
				statecheck.ExpectKnownValue(all, tfjsonpath.New("user_names"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("sim-user-00001"), knownvalue.StringExact("sim-user-00002"), knownvalue.StringExact("sim-user-00003"),
					knownvalue.StringExact("alice"), knownvalue.StringExact("bob"), knownvalue.StringExact("carol"),
				})),
				statecheck.ExpectKnownValue(all, tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringRegexp(seeded), knownvalue.StringRegexp(seeded), knownvalue.StringRegexp(seeded),
					knownvalue.StringExact(alice), knownvalue.StringExact(bob), knownvalue.StringExact(carol),
				})),
				statecheck.ExpectKnownValue(all, tfjsonpath.New("users").AtSliceIndex(3), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"user_id":      knownvalue.StringExact(alice),
					"user_name":    knownvalue.StringExact("alice"),
					"first_name":   knownvalue.StringExact("Alice"),
					"last_name":    knownvalue.StringExact("Liddell"),
					"display_name": knownvalue.StringExact("Alice L."),
					"email":        knownvalue.StringExact("alice@example.com"),
					"description":  knownvalue.StringExact("finance lead"),
					"status":       knownvalue.StringExact("Enabled"),
					"type":         knownvalue.StringExact("Manual"),
					"create_time":  knownvalue.StringExact(created.Format(time.RFC3339)),
					"update_time":  knownvalue.StringExact(created.Format(time.RFC3339)),
				})),
				// Users pushed over SCIM (the seeded ones, and carol) come out Synchronized; empty text stays "".
				statecheck.ExpectKnownValue(all, tfjsonpath.New("users").AtSliceIndex(0).AtMapKey("type"), knownvalue.StringExact("Synchronized")),
				statecheck.ExpectKnownValue(all, tfjsonpath.New("users").AtSliceIndex(4).AtMapKey("first_name"), knownvalue.StringExact("")),
				statecheck.ExpectKnownValue(all, tfjsonpath.New("users").AtSliceIndex(4).AtMapKey("status"), knownvalue.StringExact("Disabled")),

				statecheck.ExpectKnownValue("data.tencentcloudidc_users.synchronized", tfjsonpath.New("user_names"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("sim-user-00001"), knownvalue.StringExact("sim-user-00002"), knownvalue.StringExact("sim-user-00003"),
					knownvalue.StringExact("carol"),
				})),
				statecheck.ExpectKnownValue("data.tencentcloudidc_users.manual", tfjsonpath.New("ids"), ids(alice, bob)),
				statecheck.ExpectKnownValue("data.tencentcloudidc_users.disabled", tfjsonpath.New("ids"), ids(bob)),
				statecheck.ExpectKnownValue("data.tencentcloudidc_users.finance_text", tfjsonpath.New("ids"), ids(alice, carol)),
				statecheck.ExpectKnownValue("data.tencentcloudidc_users.email_text", tfjsonpath.New("ids"), ids(alice)),
				statecheck.ExpectKnownValue("data.tencentcloudidc_users.groups", tfjsonpath.New("ids"), ids(alice, bob, carol)),
				statecheck.ExpectKnownValue("data.tencentcloudidc_users.groups", tfjsonpath.New("total_count"), knownvalue.Int64Exact(3)),
				statecheck.ExpectKnownValue("data.tencentcloudidc_users.finance_manual", tfjsonpath.New("ids"), ids(alice)),
				// No match: empty lists and 0, never null.
				statecheck.ExpectKnownValue("data.tencentcloudidc_users.empty_group", tfjsonpath.New("users"), knownvalue.ListExact([]knownvalue.Check{})),
				statecheck.ExpectKnownValue("data.tencentcloudidc_users.nobody", tfjsonpath.New("users"), knownvalue.ListExact([]knownvalue.Check{})),
				statecheck.ExpectKnownValue("data.tencentcloudidc_users.nobody", tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{})),
				statecheck.ExpectKnownValue("data.tencentcloudidc_users.nobody", tfjsonpath.New("user_names"), knownvalue.ListExact([]knownvalue.Check{})),
				statecheck.ExpectKnownValue("data.tencentcloudidc_users.nobody", tfjsonpath.New("total_count"), knownvalue.Int64Exact(0)),
			},
		}},
	})
}

// TestAccUsersDataSource_pagination reads 250 users in pages of 100. Every plan and refresh reads
// each data source once, and the scim_endpoint data source beside it costs exactly one
// GetSCIMSynchronizationStatus per read: so ListUsers calls must be 3 × that, whatever number of
// reads the test framework makes. None may be throttled: the client's limiter keeps under the
// service's 20 calls per second.
func TestAccUsersDataSource_pagination(t *testing.T) {
	const users, pages = 250, 3
	// The service's rate limit is on, so that the throttling check below means something.
	env := acctest.NewEnv(t, idcsim.Options{SeedUsers: users, RateLimit: idcsim.DefaultRateLimit})
	env.RequireSim(t)
	config := testAccUsersConfig(env,
		`data "tencentcloudidc_users" "all" {}`,
		`data "tencentcloudidc_scim_endpoint" "reads" {}`,
	)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: env.Sim.ResetStats,
			Config:    config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.tencentcloudidc_users.all", tfjsonpath.New("total_count"), knownvalue.Int64Exact(users)),
				statecheck.ExpectKnownValue("data.tencentcloudidc_users.all", tfjsonpath.New("ids"), knownvalue.ListSizeExact(users)),
				statecheck.ExpectKnownValue("data.tencentcloudidc_users.all", tfjsonpath.New("users"), knownvalue.ListSizeExact(users)),
				statecheck.ExpectKnownValue("data.tencentcloudidc_users.all", tfjsonpath.New("user_names").AtSliceIndex(users-1),
					knownvalue.StringExact(fmt.Sprintf("sim-user-%05d", users))),
			},
			Check: func(*terraform.State) error {
				reads, calls := env.Calls("GetSCIMSynchronizationStatus"), env.Calls("ListUsers")
				if reads == 0 || calls != pages*reads {
					return fmt.Errorf("%d ListUsers calls for %d reads, want %d per read", calls, reads, pages)
				}
				if n := env.Sim.Stats().Throttled; n > 0 {
					return fmt.Errorf("%d calls were throttled", n)
				}
				return nil
			},
		}},
	})
}
