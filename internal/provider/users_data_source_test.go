package provider

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
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

// TestUserListEncoder_matchesTFTypes checks that the encoded path produces, byte for byte, the
// state the framework would send for the same users: the wrapper swaps one for the other.
func TestUserListEncoder_matchesTFTypes(t *testing.T) {
	stateType, elem := usersStateType(t)
	at := time.Date(2026, 5, 31, 7, 4, 53, 0, time.UTC)
	full := idc.User{
		UserID: "u-abc123def456", UserName: "alice@example.com", FirstName: "Alice", LastName: "Liddell",
		DisplayName: "Alice Liddell", Email: "alice@example.com", Description: "Wonderland",
		Enabled: true, UserType: apiTypeSynchronized, CreateTime: at, UpdateTime: at.Add(time.Hour),
	}
	bare := idc.User{UserID: "u-bare", UserName: "bare", UserType: apiTypeManual}
	long := full
	long.UserID, long.UserName = "u-long", "long"
	long.Description = strings.Repeat("長い説明 ", 40) // over 255 bytes: a str16 header
	long.DisplayName = strings.Repeat("d", 40)     // over 31 bytes: a str8 header
	many := make([]idc.User, 70)                   // over 15 elements: an array16 header
	for i := range many {
		many[i] = full
		many[i].UserID = fmt.Sprintf("u-%012d", i)
		many[i].UserName = fmt.Sprintf("user-%d", i)
	}
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	groups := tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{str("g-one"), str("g-two")})

	cases := map[string]struct {
		users  []idc.User
		config map[string]tftypes.Value
	}{
		"no users":             {nil, nil},
		"one user, all fields": {[]idc.User{full}, nil},
		"empty text, no times": {[]idc.User{bare}, nil},
		"long strings":         {[]idc.User{long, bare}, nil},
		"many users":           {many, nil},
		"every filter set": {[]idc.User{full}, map[string]tftypes.Value{
			"user_type": str(apiTypeSynchronized), "user_status": str(idc.StatusEnabled), "filter": str("ali"), "group_ids": groups,
		}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			configAttrs := map[string]tftypes.Value{}
			for k, typ := range stateType.AttributeTypes {
				configAttrs[k] = tftypes.NewValue(typ, nil)
			}
			for k, v := range tc.config {
				configAttrs[k] = v
			}
			config := tftypes.NewValue(stateType, configAttrs)
			configBefore := config.Copy()

			list, err := buildUserList(usersSeq(tc.users), elem, false)
			if err != nil {
				t.Fatal(err)
			}
			want, err := dataSourceState(config, stateType, map[string]tftypes.Value{
				"zone_id": str("z-abcdefghijkl"), "users": list.users, "ids": list.ids, "user_names": list.names,
				"total_count": tftypes.NewValue(tftypes.Number, list.count),
			})
			if err != nil {
				t.Fatal(err)
			}
			wantBytes, err := tfprotov6.NewDynamicValue(stateType, want)
			if err != nil {
				t.Fatal(err)
			}

			enc, err := newUserListEncoder(elem)
			if err != nil {
				t.Fatal(err)
			}
			for i := range tc.users {
				if err := enc.add(&tc.users[i]); err != nil {
					t.Fatal(err)
				}
			}
			fixed, err := dataSourceState(config, stateType, map[string]tftypes.Value{
				"zone_id":     str("z-abcdefghijkl"),
				"users":       tftypes.NewValue(stateType.AttributeTypes["users"], []tftypes.Value{}),
				"ids":         tftypes.NewValue(stateType.AttributeTypes["ids"], []tftypes.Value{}),
				"user_names":  tftypes.NewValue(stateType.AttributeTypes["user_names"], []tftypes.Value{}),
				"total_count": tftypes.NewValue(tftypes.Number, enc.count),
			})
			if err != nil {
				t.Fatal(err)
			}
			got, err := enc.state(stateType, fixed)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, wantBytes.MsgPack) {
				decoded, derr := (&tfprotov6.DynamicValue{MsgPack: got}).Unmarshal(stateType)
				t.Fatalf("encoded state differs from tftypes' encoding (%d vs %d bytes); decodes to %v (error %v), want %v",
					len(got), len(wantBytes.MsgPack), decoded, derr, want)
			}
			if !config.Equal(configBefore) {
				t.Error("building the state changed the configuration value")
			}
		})
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

// fakeFrameworkServer answers ReadDataSource with a fixed response, after letting fill put
// an encoded state into the request's sink (as usersDataSource.Read does).
type fakeFrameworkServer struct {
	frameworkServer
	resp *tfprotov6.ReadDataSourceResponse
	fill []byte
}

func (f *fakeFrameworkServer) ReadDataSource(ctx context.Context, _ *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	if sink := usersStateSinkFrom(ctx); sink != nil {
		sink.msgpack = f.fill
	}
	return f.resp, nil
}

func TestProtocol6Server_swapsOnlyTheUsersState(t *testing.T) {
	standIn := &tfprotov6.DynamicValue{MsgPack: []byte("stand-in")}
	encoded := []byte("encoded")
	errDiag := &tfprotov6.Diagnostic{Severity: tfprotov6.DiagnosticSeverityError, Summary: "Unable to Read Users"}
	warnDiag := &tfprotov6.Diagnostic{Severity: tfprotov6.DiagnosticSeverityWarning, Summary: "Careful"}
	cases := map[string]struct {
		typeName string
		fill     []byte
		diags    []*tfprotov6.Diagnostic
		want     []byte
	}{
		"users, encoded":            {usersDataSourceTypeName, encoded, nil, encoded},
		"users, encoded, warning":   {usersDataSourceTypeName, encoded, []*tfprotov6.Diagnostic{warnDiag}, encoded},
		"users, error":              {usersDataSourceTypeName, encoded, []*tfprotov6.Diagnostic{errDiag}, standIn.MsgPack},
		"users, nothing encoded":    {usersDataSourceTypeName, nil, nil, standIn.MsgPack},
		"another data source":       {"tencentcloudidc_zone", encoded, nil, standIn.MsgPack},
		"another data source, warn": {"tencentcloudidc_groups", encoded, []*tfprotov6.Diagnostic{warnDiag}, standIn.MsgPack},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			fake := &fakeFrameworkServer{fill: tc.fill, resp: &tfprotov6.ReadDataSourceResponse{State: standIn, Diagnostics: tc.diags}}
			srv := &protocol6Server{frameworkServer: fake}
			resp, err := srv.ReadDataSource(t.Context(), &tfprotov6.ReadDataSourceRequest{TypeName: tc.typeName})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(resp.State.MsgPack, tc.want) {
				t.Errorf("state %q, want %q", resp.State.MsgPack, tc.want)
			}
			if len(resp.Diagnostics) != len(tc.diags) {
				t.Errorf("diagnostics %v, want %v", resp.Diagnostics, tc.diags)
			}
		})
	}
}

func TestNewProtocol6Server_wrapsTheFramework(t *testing.T) {
	if _, ok := NewProtocol6Server("test")().(*protocol6Server); !ok {
		t.Fatal("the framework's server does not implement every optional RPC group, so the users data source is not wrapped")
	}
}

func TestAddDataSourceReadError(t *testing.T) {
	zoneGone := &idc.APIError{Action: "ListUsers", Code: "FailedOperation.ZoneIdNotExist", Message: "zone not found", RequestID: "req-1"}
	throttled := &idc.APIError{Action: "ListUsers", Code: "RequestLimitExceeded", Message: "slow down", RequestID: "req-2"}
	cases := map[string]struct {
		configured  string
		err         error
		wantPath    bool
		wantSummary string
		wantDetail  []string
	}{
		"zone from the data source": {"z-000000000000", zoneGone, true, "Unable to Read Users",
			[]string{"Zone z-000000000000 does not exist", "FailedOperation.ZoneIdNotExist", "req-1", "data.tencentcloudidc_zone"}},
		"zone from the provider": {"", zoneGone, false, "Unable to Read Users",
			[]string{"Zone z-000000000000 does not exist", "provider's zone_id"}},
		"other failure": {"z-000000000000", throttled, false, "Unable to Read Users",
			[]string{"RequestLimitExceeded", "req-2", "lower Terraform's -parallelism"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var diags diag.Diagnostics
			configured := types.StringNull()
			if tc.configured != "" {
				configured = types.StringValue(tc.configured)
			}
			addDataSourceReadError(&diags, configured, "Users", "z-000000000000", tc.err)
			if len(diags) != 1 {
				t.Fatalf("got %d diagnostics, want 1", len(diags))
			}
			d := diags[0]
			_, hasPath := d.(diag.DiagnosticWithPath)
			if hasPath != tc.wantPath || d.Summary() != tc.wantSummary {
				t.Errorf("path %t summary %q, want %t %q", hasPath, d.Summary(), tc.wantPath, tc.wantSummary)
			}
			for _, w := range tc.wantDetail {
				if !strings.Contains(d.Detail(), w) {
					t.Errorf("detail %q lacks %q", d.Detail(), w)
				}
			}
		})
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

func TestChunkedBuffer(t *testing.T) {
	var want bytes.Buffer
	var got chunkedBuffer
	// Writes of every size, some spanning several chunks, mixed with single bytes.
	for i := range 600 {
		p := bytes.Repeat([]byte{byte(i)}, (i*i*7)%5000)
		if i%97 == 0 {
			p = bytes.Repeat([]byte{byte(i)}, chunkSize+i)
		}
		want.Write(p)
		if n, err := got.Write(p); n != len(p) || err != nil {
			t.Fatalf("Write: %d, %v", n, err)
		}
		want.WriteByte(byte(i))
		if err := got.WriteByte(byte(i)); err != nil {
			t.Fatal(err)
		}
	}
	if got.Len() != want.Len() || len(got.chunks) < 4 {
		t.Fatalf("Len %d in %d chunks, want %d bytes in several chunks", got.Len(), len(got.chunks), want.Len())
	}
	for i, c := range got.chunks[:len(got.chunks)-1] {
		if len(c) != chunkSize {
			t.Fatalf("chunk %d holds %d bytes, want a full chunk", i, len(c))
		}
	}
	var out bytes.Buffer
	out.WriteString("prefix")
	got.moveTo(&out)
	if !bytes.Equal(out.Bytes(), append([]byte("prefix"), want.Bytes()...)) {
		t.Error("moveTo did not append the written bytes in order")
	}
	if got.Len() != 0 || got.chunks != nil {
		t.Error("moveTo kept the chunks")
	}
}
