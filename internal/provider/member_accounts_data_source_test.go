package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/acctest"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idcsim"
)

const memberAccountsAddr = "data.tencentcloudidc_member_accounts.test"

// uinCheck matches a realistic 12-digit UIN.
var uinCheck = knownvalue.Int64Func(func(v int64) error {
	if v < 100000000000 || v > 999999999999 {
		return fmt.Errorf("%d is not a 12-digit UIN", v)
	}
	return nil
})

func TestAccMemberAccountsDataSource_basic(t *testing.T) {
	env := acctest.NewEnv(t, idcsim.Options{SeedAccounts: 3})
	env.RequireSim(t)
	org, err := env.API.DescribeOrganization(context.Background(), "", "")
	if err != nil {
		t.Fatal(err)
	}
	members, err := env.API.ListOrganizationMembers(context.Background(), idc.ListOrganizationMembersInput{})
	if err != nil {
		t.Fatal(err)
	}
	uins := make([]knownvalue.Check, len(members))
	for i, m := range members {
		if m.MemberUin == org.HostUin {
			t.Fatalf("the simulator lists the management account %d as a member", m.MemberUin)
		}
		uins[i] = knownvalue.Int64Exact(m.MemberUin)
	}
	timestamp := knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: testAccUsersConfig(env, `data "tencentcloudidc_member_accounts" "test" {}`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(memberAccountsAddr, tfjsonpath.New("total_count"), knownvalue.Int64Exact(3)),
				statecheck.ExpectKnownValue(memberAccountsAddr, tfjsonpath.New("names"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("sim-account-01"), knownvalue.StringExact("sim-account-02"), knownvalue.StringExact("sim-account-03"),
				})),
				statecheck.ExpectKnownValue(memberAccountsAddr, tfjsonpath.New("member_uins"), knownvalue.ListExact(uins)),
				statecheck.ExpectKnownValue(memberAccountsAddr, tfjsonpath.New("accounts").AtSliceIndex(0), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"member_uin":        knownvalue.Int64Exact(members[0].MemberUin),
					"name":              knownvalue.StringExact("sim-account-01"),
					"member_type":       knownvalue.StringExact("Create"),
					"node_id":           knownvalue.Int64Exact(members[0].NodeID),
					"node_name":         knownvalue.StringExact("Root"),
					"remark":            knownvalue.StringExact(""),
					"org_policy_type":   knownvalue.StringExact("Financial"),
					"org_policy_name":   knownvalue.StringExact(members[0].OrgPolicyName),
					"permission_status": knownvalue.StringExact("Confirmed"),
					"create_time":       timestamp,
					"update_time":       timestamp,
				})),
				statecheck.ExpectKnownValue(memberAccountsAddr, tfjsonpath.New("accounts").AtSliceIndex(0).AtMapKey("member_uin"), uinCheck),
				statecheck.ExpectKnownValue(memberAccountsAddr, tfjsonpath.New("management_account_uin"), knownvalue.Int64Exact(org.HostUin)),
				statecheck.ExpectKnownValue(memberAccountsAddr, tfjsonpath.New("management_account_uin"), uinCheck),
				statecheck.ExpectKnownValue(memberAccountsAddr, tfjsonpath.New("management_account_name"), knownvalue.StringExact("sim-management")),
			},
			Check: env.CheckNoMutatingCalls("reading member accounts"),
		}},
	})
}

func TestAccMemberAccountsDataSource_searchKey(t *testing.T) {
	env := acctest.NewEnv(t, idcsim.Options{SeedAccounts: 4})
	env.RequireSim(t)
	members, err := env.API.ListOrganizationMembers(context.Background(), idc.ListOrganizationMembersInput{})
	if err != nil {
		t.Fatal(err)
	}
	third := members[2]
	const byName, byUIN, none = "data.tencentcloudidc_member_accounts.by_name", "data.tencentcloudidc_member_accounts.by_uin", "data.tencentcloudidc_member_accounts.none"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: testAccUsersConfig(env,
				`data "tencentcloudidc_member_accounts" "by_name" { search_key = "sim-account-03" }`,
				fmt.Sprintf(`data "tencentcloudidc_member_accounts" "by_uin" { search_key = "%d" }`, third.MemberUin),
				`data "tencentcloudidc_member_accounts" "none" { search_key = "no-such-account" }`,
			),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(byName, tfjsonpath.New("member_uins"), knownvalue.ListExact([]knownvalue.Check{knownvalue.Int64Exact(third.MemberUin)})),
				statecheck.ExpectKnownValue(byName, tfjsonpath.New("names"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("sim-account-03")})),
				statecheck.ExpectKnownValue(byUIN, tfjsonpath.New("names"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("sim-account-03")})),
				// Nothing matching is an empty list, not an error; the management account is still there.
				statecheck.ExpectKnownValue(none, tfjsonpath.New("accounts"), knownvalue.ListExact(nil)),
				statecheck.ExpectKnownValue(none, tfjsonpath.New("total_count"), knownvalue.Int64Exact(0)),
				statecheck.ExpectKnownValue(none, tfjsonpath.New("management_account_uin"), uinCheck),
			},
		}},
	})
}

func TestAccMemberAccountsDataSource_empty(t *testing.T) {
	env := acctest.NewEnv(t, idcsim.Options{SeedAccounts: -1})
	env.RequireSim(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: testAccUsersConfig(env, `data "tencentcloudidc_member_accounts" "test" {}`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(memberAccountsAddr, tfjsonpath.New("accounts"), knownvalue.ListExact(nil)),
				statecheck.ExpectKnownValue(memberAccountsAddr, tfjsonpath.New("member_uins"), knownvalue.ListExact(nil)),
				statecheck.ExpectKnownValue(memberAccountsAddr, tfjsonpath.New("names"), knownvalue.ListExact(nil)),
				statecheck.ExpectKnownValue(memberAccountsAddr, tfjsonpath.New("total_count"), knownvalue.Int64Exact(0)),
				statecheck.ExpectKnownValue(memberAccountsAddr, tfjsonpath.New("management_account_uin"), uinCheck),
			},
		}},
	})
}

func TestAccMemberAccountsDataSource_paging(t *testing.T) {
	// 120 accounts are three pages of DescribeOrganizationMembers' largest Limit, 50: 50, 50, 20.
	const accounts, pages = 120, 3
	env := acctest.NewEnv(t, idcsim.Options{SeedAccounts: accounts})
	env.RequireSim(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: testAccUsersConfig(env, `data "tencentcloudidc_member_accounts" "test" {}`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(memberAccountsAddr, tfjsonpath.New("total_count"), knownvalue.Int64Exact(accounts)),
				statecheck.ExpectKnownValue(memberAccountsAddr, tfjsonpath.New("accounts"), knownvalue.ListSizeExact(accounts)),
				statecheck.ExpectKnownValue(memberAccountsAddr, tfjsonpath.New("names").AtSliceIndex(0), knownvalue.StringExact("sim-account-01")),
				statecheck.ExpectKnownValue(memberAccountsAddr, tfjsonpath.New("names").AtSliceIndex(50), knownvalue.StringExact("sim-account-51")),
				statecheck.ExpectKnownValue(memberAccountsAddr, tfjsonpath.New("names").AtSliceIndex(accounts-1), knownvalue.StringExact("sim-account-120")),
			},
			// Every read is one DescribeOrganization and one DescribeOrganizationMembers per page;
			// the CLI reads the data source more than once per step.
			Check: func(*terraform.State) error {
				reads, calls := env.Calls("DescribeOrganization"), env.Calls("DescribeOrganizationMembers")
				if reads == 0 || calls != pages*reads {
					return fmt.Errorf("%d DescribeOrganizationMembers calls for %d reads, want %d per read", calls, reads, pages)
				}
				return nil
			},
		}},
	})
}

func TestAccMemberAccountsDataSource_apiError(t *testing.T) {
	env := acctest.NewEnv(t)
	env.RequireSim(t)
	env.Sim.FailNext("DescribeOrganizationMembers", "ResourceNotFound.OrganizationNotExist", 1)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: testAccUsersConfig(env, `data "tencentcloudidc_member_accounts" "test" {}`),
			ExpectError: acctest.Words("Unable to Read Member Accounts", "Could not read the member accounts of the organization",
				"DescribeOrganizationMembers with error code ResourceNotFound.OrganizationNotExist", "request ID"),
		}},
	})
}
