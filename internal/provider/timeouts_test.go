package provider

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/acctest"
)

// slowAnswers stands between the provider and env's simulator and holds back one request for
// action, the one after the first skip, until the client gives up (at most a minute): with
// commit the simulator carries it out first, so only its answer is lost; without, the request
// never reaches the simulator. It returns env with its endpoint moved to the proxy.
func slowAnswers(t *testing.T, env *acctest.Env, action string, skip int, commit bool) *acctest.Env {
	t.Helper()
	env.RequireSim(t)
	sim := env.Sim.Handler()
	var held atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-TC-Action") != action || held.Add(1) != int32(skip+1) {
			sim.ServeHTTP(w, r)
			return
		}
		if commit {
			sim.ServeHTTP(httptest.NewRecorder(), r)
		} else {
			// The server notices a client that hangs up only once the body has been read.
			_, _ = io.Copy(io.Discard, r.Body)
		}
		select {
		case <-r.Context().Done():
		case <-time.After(time.Minute):
		}
		// No answer: the client has gone.
		panic(http.ErrAbortHandler)
	}))
	t.Cleanup(srv.Close)
	proxied := *env
	proxied.Endpoint = srv.Listener.Addr().String()
	return &proxied
}

func credentialWithTimeouts(env *acctest.Env, timeouts string) string {
	return testAccSCIMCredentialConfig(env, fmt.Sprintf("  timeouts {\n    %s\n  }", timeouts))
}

// A create timeout that runs out before anything was sent says so, and names the setting;
// nothing is created and nothing is cleaned up.
func TestAccSCIMCredential_createTimeoutBeforeSending(t *testing.T) {
	env := acctest.NewEnv(t)
	env.RequireSim(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: credentialWithTimeouts(env, `create = "1ns"`),
			ExpectError: acctest.Words(`Unable to Create SCIM Credential`,
				`The create timeout (timeouts.create = "1ns") ran out before the ListSCIMCredentials request was sent, so Tencent Cloud did not receive it.`,
				`No credential was requested`, `Raise timeouts.create`),
		}, {
			// What the user would check: nothing reached the service that could create.
			Config:   credentialWithTimeouts(env, `create = "1ns"`),
			PlanOnly: true, ExpectNonEmptyPlan: true,
			PreConfig: func() {
				if n := env.Calls("CreateSCIMCredential"); n != 0 {
					t.Errorf("the simulator saw %d CreateSCIMCredential calls, want none", n)
				}
				if n := env.Calls("DeleteSCIMCredential"); n != 0 {
					t.Errorf("the simulator saw %d DeleteSCIMCredential calls: a clean-up ran although nothing was sent", n)
				}
			},
		}},
	})
}

// A create whose request was sent and carried out, but whose answer the timeout did not wait
// for: the provider lists the zone, finds the credential it made (its secret is gone with the
// answer), deletes it, and says all of that.
func TestAccSCIMCredential_createTimeoutAnswerNotAwaited(t *testing.T) {
	env := acctest.NewEnv(t)
	proxied := slowAnswers(t, env, "CreateSCIMCredential", 0, true)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: credentialWithTimeouts(proxied, `create = "2s"`),
			ExpectError: acctest.Words(`Unable to Create SCIM Credential`,
				`The create timeout (timeouts.create = "2s") ran out after the CreateSCIMCredential request was sent and before its answer arrived`,
				`Listing the zone's credentials afterwards found scimcred-`, `which the create had made; it was deleted again`,
				`Nothing is left behind.`),
		}, {
			Config:   credentialWithTimeouts(proxied, `create = "2s"`),
			PlanOnly: true, ExpectNonEmptyPlan: true,
			PreConfig: func() {
				creds, err := env.API.ListSCIMCredentials(t.Context(), env.ZoneID)
				if err != nil || len(creds) != 0 {
					t.Errorf("the zone holds %v (error %v), want no credential left behind", creds, err)
				}
				if c, d := env.Calls("CreateSCIMCredential"), env.Calls("DeleteSCIMCredential"); c != 1 || d != 1 {
					t.Errorf("creates %d, deletes %d: want the one create and the one clean-up", c, d)
				}
			},
		}},
	})
}

// The same, but the request never got to the service: the listing finds nothing, and the
// message says the create did not take effect instead of claiming a clean-up.
func TestAccSCIMCredential_createTimeoutRequestLost(t *testing.T) {
	env := acctest.NewEnv(t)
	proxied := slowAnswers(t, env, "CreateSCIMCredential", 0, false)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: credentialWithTimeouts(proxied, `create = "2s"`),
			ExpectError: acctest.Words(`The create timeout (timeouts.create = "2s") ran out after the CreateSCIMCredential request was sent`,
				`Listing the zone's credentials afterwards found no new one, so the create did not take effect.`),
		}, {
			Config:   credentialWithTimeouts(proxied, `create = "2s"`),
			PlanOnly: true, ExpectNonEmptyPlan: true,
			PreConfig: func() {
				if n := env.Calls("DeleteSCIMCredential"); n != 0 {
					t.Errorf("%d deletes: nothing was made, so nothing may be deleted", n)
				}
			},
		}},
	})
}

// A delete carried out whose answer the timeout did not wait for is a delete that succeeded:
// reading the credential back finds it gone, and the destroy does not fail.
func TestAccSCIMCredential_deleteTimeoutAnswerNotAwaited(t *testing.T) {
	env := acctest.NewEnv(t)
	proxied := slowAnswers(t, env, "DeleteSCIMCredential", 0, true)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: resource.ComposeTestCheckFunc(testAccCheckSCIMCredentialDestroy(env), func(*terraform.State) error {
			if n := env.Calls("DeleteSCIMCredential"); n != 1 {
				return fmt.Errorf("%d DeleteSCIMCredential calls, want exactly the one whose answer was not awaited", n)
			}
			return nil
		}),
		Steps: []resource.TestStep{{
			Config: credentialWithTimeouts(proxied, `delete = "2s"`),
		}},
	})
}

// A delete that did not reach the service, or did not take effect, fails and says which.
func TestAccSCIMCredential_deleteTimeout(t *testing.T) {
	t.Run("before sending", func(t *testing.T) {
		env := acctest.NewEnv(t)
		env.RequireSim(t)
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			CheckDestroy:             testAccCheckSCIMCredentialDestroy(env),
			Steps: []resource.TestStep{
				{Config: credentialWithTimeouts(env, `delete = "1ns"`)},
				{
					Config: credentialWithTimeouts(env, `delete = "1ns"`), Destroy: true,
					ExpectError: acctest.Words(`Unable to Delete SCIM Credential`,
						`The delete timeout (timeouts.delete = "1ns") ran out before the DeleteSCIMCredential request was sent, so Tencent Cloud did not receive it.`,
						`Raise timeouts.delete`),
				},
				{Config: credentialWithTimeouts(env, `delete = "5m"`)},
			},
		})
	})
	t.Run("request lost", func(t *testing.T) {
		env := acctest.NewEnv(t)
		proxied := slowAnswers(t, env, "DeleteSCIMCredential", 0, false)
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			CheckDestroy:             testAccCheckSCIMCredentialDestroy(env),
			Steps: []resource.TestStep{
				{Config: credentialWithTimeouts(proxied, `delete = "2s"`)},
				{
					Config: credentialWithTimeouts(proxied, `delete = "2s"`), Destroy: true,
					ExpectError: acctest.Words(`The delete timeout (timeouts.delete = "2s") ran out after the DeleteSCIMCredential request was sent`,
						`Reading it back afterwards shows that credential scimcred-`, `still exists: the delete did not take effect.`),
				},
			},
		})
	})
}

// SCIM synchronization: a switch that was not answered in time is read back. Held before it
// reached the service, the create fails saying synchronization is still off; carried out, the
// destroy succeeds.
func TestAccSCIMSynchronization_timeoutAnswerNotAwaited(t *testing.T) {
	config := func(env *acctest.Env, timeouts string) string {
		return env.ProviderConfig() + fmt.Sprintf("resource \"tencentcloudidc_scim_synchronization\" \"test\" {\n  timeouts {\n    %s\n  }\n}\n", timeouts)
	}
	t.Run("create not carried out", func(t *testing.T) {
		env := acctest.NewEnv(t)
		proxied := slowAnswers(t, env, "UpdateSCIMSynchronizationStatus", 0, false)
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: config(proxied, `create = "2s"`),
				ExpectError: acctest.Words(`Unable to Create SCIM Synchronization`,
					`The create timeout (timeouts.create = "2s") ran out after the UpdateSCIMSynchronizationStatus request was sent`,
					`Reading it back afterwards shows that SCIM synchronization is still off: the change did not take effect.`),
			}},
		})
	})
	t.Run("delete carried out", func(t *testing.T) {
		env := acctest.NewEnv(t)
		proxied := slowAnswers(t, env, "UpdateSCIMSynchronizationStatus", 1, true)
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			CheckDestroy: func(*terraform.State) error {
				on, err := env.API.GetSCIMSynchronizationStatus(ctxBackground(), env.ZoneID)
				if err != nil || on {
					return fmt.Errorf("SCIM synchronization on: %t (error %v), want off after the destroy", on, err)
				}
				return nil
			},
			Steps: []resource.TestStep{{Config: config(proxied, `delete = "2s"`)}},
		})
	})
}

// The timeouts library documents only s, m and h while it accepts every Go duration unit;
// the descriptions must say what is accepted (issue 11: "1ms" worked but was not documented).
func TestTimeoutsDescribeAcceptedUnits(t *testing.T) {
	for _, r := range []fwresource.Resource{NewSCIMCredentialResource(), NewSCIMSynchronizationResource(), NewSAMLIdentityProviderResource()} {
		var resp fwresource.SchemaResponse
		r.Schema(t.Context(), fwresource.SchemaRequest{}, &resp)
		block, ok := resp.Schema.Blocks["timeouts"].(schema.SingleNestedBlock)
		if !ok {
			t.Fatalf("%T: no timeouts block", r)
		}
		for _, op := range []string{"create", "read", "update", "delete"} {
			desc := block.Attributes[op].GetDescription()
			for _, want := range []string{"`ms`", "`ns`", "default 5m", "no day unit"} {
				if !strings.Contains(desc, want) {
					t.Errorf("%T timeouts.%s: description %q lacks %s", r, op, desc, want)
				}
			}
			if strings.Contains(desc, `Valid time units are "s" (seconds), "m" (minutes), "h" (hours)`) {
				t.Errorf("%T timeouts.%s still lists only s, m and h", r, op)
			}
		}
	}
}
