package main

import "testing"

// The refusals are matched in the CLI's rendering of diagnostics: wrapped at 78 columns,
// with box-drawing margins when the CLI thinks it writes to a terminal.
func TestLimitRefusalsInCLIOutput(t *testing.T) {
	cases := map[string]struct {
		output      string
		wantErrors  int
		wantRefused int
	}{
		"refused before sending": {
			output: `
Error: Unable to Create SCIM Credential

  with tencentcloudidc_scim_credential.two,
  on main.tf line 15, in resource "tencentcloudidc_scim_credential" "two":
  15: resource "tencentcloudidc_scim_credential" "two" {

Zone z-simulator001 already holds 2 SCIM credentials, the most a zone may
have, so no request was sent:
`,
			wantErrors: 1, wantRefused: 1,
		},
		"refused by the service, in a box": {
			output: `
╷
│ Error: Unable to Create SCIM Credential
│
│ A zone may hold at most 2 SCIM credentials, and zone z-simulator001 refused a
│ new one: another apply, or someone in the console, took the last free slot
╵
╷
│ Error: Unable to Create SCIM Credential
│
│ A zone may hold at most 2 SCIM
│ credentials, and zone z-simulator001 refused a new one
╵
`,
			wantErrors: 2, wantRefused: 2,
		},
		"an error that does not name the limit": {
			output: `
Error: Unable to Create SCIM Credential

Tencent Cloud answered CreateSCIMCredential with error code
LimitExceeded.ScimCredentialLimitExceeded: quota exceeded.

Error: Unable to Create SCIM Credential

A zone may hold at most 2 SCIM credentials, and zone z-simulator001 refused a new one
`,
			wantErrors: 2, wantRefused: 1,
		},
		"another resource's error": {
			output:     "Error: Unable to Update SCIM Synchronization\n\nA zone may hold at most 2 SCIM credentials\n",
			wantErrors: 1, wantRefused: 0,
		},
		"no error": {output: "Apply complete! Resources: 2 added, 0 changed, 0 destroyed.\n"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			errs, refused := countRefusals(tc.output)
			if errs != tc.wantErrors || refused != tc.wantRefused {
				t.Errorf("errors %d, refusals naming the limit %d; want %d and %d", errs, refused, tc.wantErrors, tc.wantRefused)
			}
		})
	}
}
