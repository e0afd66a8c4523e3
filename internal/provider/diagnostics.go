package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

// addAPIError adds the provider's one diagnostic shape for a failed API call:
// summary "Unable to <Verb> <Thing>", and a detail that names the object, quotes Tencent's
// error code, message and request ID, and says what to do.
//
//	addAPIError(&resp.Diagnostics, "Create", "SCIM Credential", "zone z-abc", err)
func addAPIError(diags *diag.Diagnostics, verb, thing, target string, err error) {
	diags.AddError(fmt.Sprintf("Unable to %s %s", verb, thing),
		fmt.Sprintf("Could not %s the %s of %s.\n\n%s", strings.ToLower(verb), lowerThing(thing), target, describeAPIErrorFor(verb, err)))
}

// describeAPIError explains err: the Tencent code, message and request ID when the service
// answered, what is known when no answer came, and advice that depends on the kind of failure.
func describeAPIError(err error) string {
	return describeAPIErrorFor("", err)
}

// describeAPIErrorFor is describeAPIError for an operation (verb "Create", "Read", …), whose
// advice can depend on it: a create never hears "re-create it".
func describeAPIErrorFor(verb string, err error) string {
	if t, ok := timedOut(err); ok {
		return describeTimeout(t, err)
	}
	var b strings.Builder
	var apiErr *idc.APIError
	var netErr *idc.NetworkError
	var interrupted *idc.InterruptedError
	switch {
	case errors.As(err, &apiErr):
		b.WriteString(tencentAnswer(apiErr))
	case errors.As(err, &netErr):
		where := "the Identity Center API"
		if netErr.URL != "" {
			where += " at " + netErr.URL
		}
		fmt.Fprintf(&b, "No answer came from %s: %s (%s", where, netErr.Reason(), netErr.Action)
		if netErr.Attempts > 1 {
			fmt.Fprintf(&b, ", given up after %d attempts", netErr.Attempts)
		}
		b.WriteString(").")
	case errors.As(err, &interrupted) && errors.Is(err, context.Canceled):
		if interrupted.Sent {
			fmt.Fprintf(&b, "The operation was cancelled after the %s request was sent and before its answer arrived.", interrupted.Action)
		} else {
			fmt.Fprintf(&b, "The operation was cancelled before the %s request was sent, so Tencent Cloud did not receive it.", interrupted.Action)
		}
	default:
		fmt.Fprintf(&b, "The request failed: %s.", readableError(err))
	}
	var checked *checkedError
	if errors.As(err, &checked) {
		b.WriteString(" ")
		b.WriteString(checked.found)
	}
	if advice := adviceFor(verb, err, checked != nil); advice != "" {
		b.WriteString("\n\n")
		b.WriteString(advice)
	}
	return b.String()
}

// tencentAnswer is the sentence that quotes what the service answered: action, code, message
// and request ID.
func tencentAnswer(apiErr *idc.APIError) string {
	text := fmt.Sprintf("Tencent Cloud answered %s with error code %s: %s", apiErr.Action, apiErr.Code, strings.TrimSuffix(apiErr.Message, "."))
	if apiErr.RequestID != "" {
		text += fmt.Sprintf(" (request ID %s)", apiErr.RequestID)
	}
	return text + "."
}

// addDataSourceReadError reports a failed read of a data source. It is addAPIError, except for
// a zone that does not exist: the generic not-found advice ("run apply again to re-create it")
// does not fit a lookup, so that case gets its own detail, on the data source's zone_id when the
// zone came from there.
func addDataSourceReadError(diags *diag.Diagnostics, configuredZone types.String, thing, zone string, err error) {
	var apiErr *idc.APIError
	if !errors.Is(err, idc.ErrZoneNotFound) || !errors.As(err, &apiErr) {
		addAPIError(diags, "Read", thing, "zone "+zone, err)
		return
	}
	summary := "Unable to Read " + thing
	detail := fmt.Sprintf("Zone %s does not exist, so its %s cannot be read.\n\n%s\n\n"+
		"An organization has exactly one Identity Center zone. Copy its ID (z- and 12 letters or digits) from the Identity Center console, "+
		"read it with data.tencentcloudidc_zone, or leave zone_id unset everywhere to use the organization's zone.", zone, lowerThing(thing), tencentAnswer(apiErr))
	if !configuredZone.IsNull() && !configuredZone.IsUnknown() && configuredZone.ValueString() != "" {
		diags.AddAttributeError(pathZoneID, summary, detail)
		return
	}
	diags.AddError(summary, detail+" The zone came from the provider's zone_id (or "+envZoneID+").")
}

// adviceFor says what to do about err in operation verb ("" when unknown). checked says a
// reconciliation already found out what happened, so "outcome unknown" advice would mislead.
func adviceFor(verb string, err error, checked bool) string {
	switch {
	case errors.Is(err, idc.ErrAuthFailure):
		return "Check the API key pair (secret_id/secret_key or TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY), " +
			"the security token of temporary credentials, and that the machine's clock is correct (signatures expire after 5 minutes)."
	case errors.Is(err, idc.ErrIdentityCenterNotOpen):
		return "Identity Center is not open for this organization: open it in the Tencent Cloud console (Organization → Identity Center) first."
	case errors.Is(err, idc.ErrThrottled):
		return "The service kept answering RequestLimitExceeded after several retries. Run again later, or lower Terraform's -parallelism."
	case errors.Is(err, idc.ErrUnreachable):
		return "Check endpoint (or " + envEndpoint + "), or when it is not set domain (or " + envDomain + "), and protocol; " +
			"then check that the service, or the simulator (tencentcloudidc-sim) when you test against one, is running and " +
			"reachable from this machine, through any proxy that HTTPS_PROXY names."
	case errors.Is(err, idc.ErrOutcomeUnknown):
		if checked {
			return ""
		}
		return "The request was sent but its answer was lost, so the provider cannot tell whether it took effect. " +
			"Run plan to see the current state before applying again."
	case errors.Is(err, idc.ErrNotFound):
		if verb == "Create" {
			// Nothing is in the state yet, so "deleted outside Terraform" cannot be it: what is
			// missing is what the object is created in.
			return "The zone, or an object this one is created in, does not exist. Check zone_id (on this resource, " +
				"the provider or " + envZoneID + ") against the Identity Center console; data.tencentcloudidc_zone reads the organization's zone."
		}
		return "The object does not exist (any more): it was probably deleted outside Terraform. Run plan: the refresh removes it " +
			"from the state and apply re-creates it. If the zone itself is missing, check zone_id."
	}
	return ""
}

// readableError is err's text as a clause to embed in a sentence.
func readableError(err error) string {
	return strings.TrimSuffix(err.Error(), ".")
}

// lowerThing turns a Title Case thing ("SCIM Endpoint") into running text ("SCIM endpoint"),
// keeping acronyms (SCIM, SAML) and the product's name (Identity Center) as they are.
func lowerThing(thing string) string {
	words := strings.Fields(thing)
	for i, w := range words {
		switch {
		case len(w) > 1 && strings.ToUpper(w) == w:
		case w == "Identity" && i+1 < len(words) && words[i+1] == "Center",
			w == "Center" && i > 0 && words[i-1] == "Identity":
		default:
			words[i] = strings.ToLower(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}
