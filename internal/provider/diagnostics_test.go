package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

// TestAddAPIError fixes the wording users read for each kind of failure.
func TestAddAPIError(t *testing.T) {
	createTimeout := &operationTimeout{op: opCreate, configured: "1ms", limit: time.Millisecond}
	deleteDefault := &operationTimeout{op: opDelete, limit: defaultTimeout}
	refused := &idc.NetworkError{Action: "DescribeIdentityCenter", URL: "http://127.0.0.1:1/", Attempts: 6,
		Err: fmt.Errorf("dial tcp 127.0.0.1:1: connect: %w", syscall.ECONNREFUSED)}
	zoneGone := &idc.APIError{Action: "UpdateSCIMSynchronizationStatus", Code: "FailedOperation.ZoneIdNotExist", Message: "The zone does not exist.", RequestID: "req-1"}

	cases := []struct {
		name                string
		verb, thing, target string
		err                 error
		summary             string
		want, absent        []string
	}{
		{
			name: "connection refused", verb: "Read", thing: "Identity Center Zone", target: "the organization", err: refused,
			summary: "Unable to Read Identity Center Zone",
			want: []string{
				"Could not read the Identity Center zone of the organization.",
				"No answer came from the Identity Center API at http://127.0.0.1:1/: the connection was refused (nothing listens there) (DescribeIdentityCenter, given up after 6 attempts).",
				"Check endpoint (or TENCENTCLOUDIDC_ENDPOINT), or when it is not set domain (or TENCENTCLOUD_DOMAIN), and protocol",
				"the simulator (tencentcloudidc-sim)",
			},
			absent: []string{"Error:", "dial tcp"},
		},
		{
			name: "acronyms kept", verb: "Update", thing: "SAML Identity Provider", target: "zone z-abcdefghijkl",
			err:  &idc.APIError{Action: "SetExternalSAMLIdentityProvider", Code: "InvalidParameter", Message: "bad"},
			want: []string{"Could not update the SAML identity provider of zone z-abcdefghijkl.", "error code InvalidParameter: bad."},
		},
		{
			name: "not found on create: the zone, never re-create", verb: "Create", thing: "SCIM Synchronization", target: "zone z-abcdefghijkl", err: zoneGone,
			want: []string{
				"Could not create the SCIM synchronization of zone z-abcdefghijkl.",
				"Tencent Cloud answered UpdateSCIMSynchronizationStatus with error code FailedOperation.ZoneIdNotExist: The zone does not exist (request ID req-1).",
				"Check zone_id (on this resource, the provider or TENCENTCLOUDIDC_ZONE_ID)",
			},
			absent: []string{"re-create", "deleted outside Terraform", "exist.."},
		},
		{
			name: "not found on update: deleted outside Terraform", verb: "Update", thing: "SCIM Credential", target: "credential scimcred-x in zone z-abcdefghijkl",
			err:  &idc.APIError{Action: "UpdateSCIMCredentialStatus", Code: "InvalidParameter.ScimCredentialNotFound", Message: "gone"},
			want: []string{"Could not update the SCIM credential of", "deleted outside Terraform", "apply re-creates it"},
		},
		{
			name: "timeout before sending", verb: "Create", thing: "SCIM Credential", target: "zone z-abcdefghijkl",
			err: &idc.InterruptedError{Action: "CreateSCIMCredential", Err: createTimeout},
			want: []string{
				`The create timeout (timeouts.create = "1ms") ran out before the CreateSCIMCredential request was sent, so Tencent Cloud did not receive it.`,
				`Raise timeouts.create (for example to "10m") and run again.`,
			},
			absent: []string{"context deadline exceeded", "rate: Wait", "answer was lost", "Error:"},
		},
		{
			name: "timeout after sending, reconciled", verb: "Delete", thing: "SCIM Credential", target: "credential scimcred-x in zone z-abcdefghijkl",
			err: &checkedError{err: &idc.InterruptedError{Action: "DeleteSCIMCredential", Sent: true, Err: deleteDefault},
				found: "Reading it back afterwards shows that credential scimcred-x still exists: the delete did not take effect."},
			want: []string{
				"The delete timeout (5m, the default: timeouts.delete is not set) ran out after the DeleteSCIMCredential request was sent and before its answer arrived",
				"shows that credential scimcred-x still exists: the delete did not take effect.",
			},
			absent: []string{"cannot tell whether", "Run plan to see"},
		},
		{
			name: "timeout after sending, not reconciled", verb: "Update", thing: "SAML Identity Provider", target: "zone z-abcdefghijkl",
			err:  &idc.InterruptedError{Action: "SetExternalSAMLIdentityProvider", Sent: true, Err: &operationTimeout{op: opUpdate, configured: "30s", limit: 30 * time.Second}},
			want: []string{`ran out after the SetExternalSAMLIdentityProvider request was sent`, "Run plan to see the current state before applying again"},
		},
		{
			name: "read timeout", verb: "Read", thing: "SCIM Synchronization", target: "zone z-abcdefghijkl",
			err:    &idc.InterruptedError{Action: "GetSCIMSynchronizationStatus", Sent: true, Err: &operationTimeout{op: opRead, configured: "2s", limit: 2 * time.Second}},
			want:   []string{`The read timeout (timeouts.read = "2s") ran out while waiting for the answer to GetSCIMSynchronizationStatus.`},
			absent: []string{"took effect"},
		},
		{
			name: "cancelled", verb: "Delete", thing: "SCIM Credential", target: "zone z-abcdefghijkl",
			err:  &idc.InterruptedError{Action: "DeleteSCIMCredential", Err: context.Canceled},
			want: []string{"The operation was cancelled before the DeleteSCIMCredential request was sent, so Tencent Cloud did not receive it."},
		},
		{
			name: "other failure", verb: "Read", thing: "Users", target: "zone z-abcdefghijkl",
			err:    errors.New("ListUsers: HTTP status 502 without a Tencent Cloud error code"),
			want:   []string{"Could not read the users of zone z-abcdefghijkl.", "The request failed: ListUsers: HTTP status 502 without a Tencent Cloud error code."},
			absent: []string{"Error:"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var diags diag.Diagnostics
			addAPIError(&diags, tc.verb, tc.thing, tc.target, tc.err)
			if len(diags) != 1 {
				t.Fatalf("%d diagnostics, want 1", len(diags))
			}
			if want := "Unable to " + tc.verb + " " + tc.thing; diags[0].Summary() != want {
				t.Errorf("summary %q, want %q", diags[0].Summary(), want)
			}
			detail := diags[0].Detail()
			for _, w := range tc.want {
				if !strings.Contains(detail, w) {
					t.Errorf("detail lacks %q:\n%s", w, detail)
				}
			}
			for _, a := range tc.absent {
				if strings.Contains(detail, a) {
					t.Errorf("detail contains %q:\n%s", a, detail)
				}
			}
		})
	}
}

func TestLowerThing(t *testing.T) {
	for in, want := range map[string]string{
		"SCIM Endpoint":                   "SCIM endpoint",
		"SAML Service Provider":           "SAML service provider",
		"SAML Identity Provider":          "SAML identity provider",
		"Users":                           "users",
		"User":                            "user",
		"SCIM Credentials":                "SCIM credentials",
		"Identity Center Zone":            "Identity Center zone",
		"Identity Center Zone Statistics": "Identity Center zone statistics",
		"Group Members":                   "group members",
	} {
		if got := lowerThing(in); got != want {
			t.Errorf("lowerThing(%q) = %q, want %q", in, got, want)
		}
	}
}
