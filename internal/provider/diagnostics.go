package provider

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

// addAPIError adds the provider's one diagnostic shape for a failed API call:
// summary "Unable to <Verb> <Thing>", and a detail that names the object, quotes Tencent's
// error code, message and request ID, and says what to do.
//
//	addAPIError(&resp.Diagnostics, "Create", "SCIM Credential", "zone z-abc", err)
func addAPIError(diags *diag.Diagnostics, verb, thing, target string, err error) {
	diags.AddError(fmt.Sprintf("Unable to %s %s", verb, thing),
		fmt.Sprintf("Could not %s the %s of %s.\n\n%s", strings.ToLower(verb), strings.ToLower(thing), target, describeAPIError(err)))
}

// describeAPIError explains err: the Tencent code, message and request ID when the service
// answered, and advice that depends on the kind of failure.
func describeAPIError(err error) string {
	if t, ok := timedOut(err); ok {
		return describeTimeout(t, err)
	}
	var b strings.Builder
	var apiErr *idc.APIError
	if errors.As(err, &apiErr) {
		fmt.Fprintf(&b, "Tencent Cloud answered %s with error code %s: %s", apiErr.Action, apiErr.Code, apiErr.Message)
		if apiErr.RequestID != "" {
			fmt.Fprintf(&b, " (request ID %s)", apiErr.RequestID)
		}
		b.WriteString(".")
	} else {
		fmt.Fprintf(&b, "Error: %s.", readableError(err))
	}
	var checked *checkedError
	if errors.As(err, &checked) {
		b.WriteString(" ")
		b.WriteString(checked.found)
	}
	if advice := adviceFor(err); advice != "" {
		b.WriteString("\n\n")
		b.WriteString(advice)
	}
	return b.String()
}

func adviceFor(err error) string {
	switch {
	case errors.Is(err, idc.ErrAuthFailure):
		return "Check the API key pair (secret_id/secret_key or TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY), " +
			"the security token of temporary credentials, and that the machine's clock is correct (signatures expire after 5 minutes)."
	case errors.Is(err, idc.ErrIdentityCenterNotOpen):
		return "Identity Center is not open for this organization: open it in the Tencent Cloud console (Organization → Identity Center) first."
	case errors.Is(err, idc.ErrThrottled):
		return "The service kept answering RequestLimitExceeded after several retries. Run again later, or lower Terraform's -parallelism."
	case errors.Is(err, idc.ErrOutcomeUnknown):
		return "The request was sent but its answer was lost, so the provider cannot tell whether it took effect. " +
			"Run plan to see the current state before applying again."
	case errors.Is(err, idc.ErrNotFound):
		return "The object does not exist (any more). If it was deleted outside Terraform, run apply again to re-create it, or check zone_id."
	}
	return ""
}

// readableError is err's text as a clause to embed in a sentence.
func readableError(err error) string {
	return strings.TrimSuffix(err.Error(), ".")
}
