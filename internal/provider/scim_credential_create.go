package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

// The crash-safe create protocol of tencentcloudidc_scim_credential: a zone holds two
// credentials at most and a credential's secret exists only in the create's answer, so a create
// must never leave behind a credential whose answer was lost.

const (
	// credentialCreateAttempts bounds how often a create whose answer was lost is tried again.
	credentialCreateAttempts = 3
	// credentialOrphanCleanupTimeout is how long the removal of a credential left behind by a lost create
	// answer may take, even when the create's own timeout has run out: an orphan would hold one
	// of the zone's two slots and its secret can never be known.
	credentialOrphanCleanupTimeout = time.Minute
	// credentialOrphanCleanupPause separates the cleanup's attempts to reach a service that does
	// not answer (each attempt is itself a call with the client's retries).
	credentialOrphanCleanupPause = 2 * time.Second
)

// scimCredentialAPI is the part of *idc.Client that creating a credential safely needs.
type scimCredentialAPI interface {
	ListSCIMCredentials(ctx context.Context, zoneID string) ([]idc.SCIMCredential, error)
	CreateSCIMCredential(ctx context.Context, zoneID string, expireAfter time.Duration) (*idc.SCIMCredential, error)
	GetSCIMCredential(ctx context.Context, zoneID, credentialID string) (*idc.SCIMCredential, error)
	DeleteSCIMCredential(ctx context.Context, zoneID, credentialID string) error
}

// credentialLimitError: the zone already holds as many credentials as it may. Either the list
// before the create showed it full (refused is nil, nothing was sent), or the service refused
// the create with LimitExceeded because someone else took the last slot after that list
// (another apply racing this one, or the console); existing is then a fresh list, when one
// could be read.
type credentialLimitError struct {
	zone     string
	existing []idc.SCIMCredential
	refused  error
}

func (e *credentialLimitError) Error() string {
	if e.refused != nil {
		return fmt.Sprintf("zone %s refused a new scim credential, a zone may hold at most %d: %v", e.zone, maxSCIMCredentialsPerZone, e.refused)
	}
	return fmt.Sprintf("zone %s already holds %d scim credentials, the most it may", e.zone, len(e.existing))
}

func (e *credentialLimitError) Unwrap() error { return e.refused }

// detail names the limit, lists the credentials in the way and explains how to make room or
// rotate.
func (e *credentialLimitError) detail() string {
	var b strings.Builder
	if e.refused == nil {
		fmt.Fprintf(&b, "Zone %s already holds %d SCIM credentials, the most a zone may have, so no request was sent:\n", e.zone, len(e.existing))
	} else {
		fmt.Fprintf(&b, "A zone may hold at most %d SCIM credentials, and zone %s refused a new one: another apply, or someone "+
			"in the console, took the last free slot after this apply had found it free.\n\n%s\n\n",
			maxSCIMCredentialsPerZone, e.zone, describeAPIError(e.refused))
		if e.existing != nil {
			b.WriteString("The zone now holds:\n")
		}
	}
	for _, c := range e.existing {
		fmt.Fprintf(&b, "  - %s (%s, expires %s)\n", c.CredentialID, idc.Status(c.Enabled), timeValue(c.ExpireTime).ValueString())
	}
	b.WriteString("\nDelete a credential that no identity provider uses (in the console, or by importing it into a " +
		"tencentcloudidc_scim_credential resource and removing that), or import the one in use so Terraform manages it.\n\n" +
		"If this create is the new credential of a create_before_destroy replacement, one of these is the credential it " +
		"replaces (the plan's warning \"SCIM Credential Replacement Needs a Free Slot\" named it), which is deleted only once " +
		"the new one exists: keep create_before_destroy, and free the other slot.")
	return b.String()
}

// credentialCreateError is a failure of the create protocol as a whole rather than of one call:
// detail tells the user what was left behind and what to do; err is the call that failed. With
// tail, err's description (which then carries what was found) is all there is to say.
type credentialCreateError struct {
	msg    string
	detail string
	err    error
	tail   bool
}

// message is the diagnostic's detail.
func (e *credentialCreateError) message() string {
	if e.tail {
		return describeAPIError(e.err)
	}
	return e.detail + "\n\n" + describeAPIError(e.err)
}

// orphanCleanupFound says what listing the zone after a lost create answer found: the
// credentials it made (deleted again, their secrets lost with the answer), or none.
func orphanCleanupFound(deleted []string) string {
	switch len(deleted) {
	case 0:
		return "Listing the zone's credentials afterwards found no new one, so the create did not take effect."
	case 1:
		return fmt.Sprintf("Listing the zone's credentials afterwards found %s, which the create had made; it was deleted again, since its secret was lost with the answer.", deleted[0])
	}
	return fmt.Sprintf("Listing the zone's credentials afterwards found %s, made meanwhile; they were deleted again, since a secret lost with the answer cannot be told apart.", strings.Join(deleted, " and "))
}

func (e *credentialCreateError) Error() string { return e.msg + ": " + e.err.Error() }

func (e *credentialCreateError) Unwrap() error { return e.err }

// createSCIMCredential creates a credential without ever leaving one behind whose secret is lost:
//
//  1. It lists the zone first and refuses, sending nothing, when the zone is full. When the
//     service still answers LimitExceeded (another apply took the last slot in between), the
//     error names the limit too and lists the zone again.
//  2. When the answer to a create is lost (errors.Is(err, idc.ErrOutcomeUnknown)), it deletes
//     every credential that appeared since the first list, since its secret can never be known
//     and it would hold one of the two slots, and tries again, up to credentialCreateAttempts times.
//     A credential that someone else creates in the zone at that very moment is deleted too:
//     telling it apart from ours is impossible without the lost answer.
//  3. It reads the new credential back to pick up what the service stores; when the service
//     does not list it yet, the create answer stands.
//
// The returned credential always carries the secret. A credential returned with an error was
// created: the caller must keep it.
func createSCIMCredential(ctx context.Context, api scimCredentialAPI, zone string, expireAfter time.Duration) (*idc.SCIMCredential, error) {
	before, err := api.ListSCIMCredentials(ctx, zone)
	if err != nil {
		return nil, &checkedError{
			err:   fmt.Errorf("listing the zone's credentials before creating one: %w", err),
			found: "No credential was requested: the zone's credentials are listed first, and a create is only sent after that list.",
		}
	}
	if len(before) >= maxSCIMCredentialsPerZone {
		return nil, &credentialLimitError{zone: zone, existing: before}
	}
	known := make(map[string]bool, len(before))
	for _, c := range before {
		known[c.CredentialID] = true
	}

	var cred *idc.SCIMCredential
	// lost says what the clean-ups after earlier lost answers found, for an error that follows.
	var lost []string
	for attempt := 1; ; attempt++ {
		cred, err = api.CreateSCIMCredential(ctx, zone, expireAfter)
		if cred != nil {
			break
		}
		if err != nil && !errors.Is(err, idc.ErrOutcomeUnknown) && len(lost) > 0 {
			err = &checkedError{err: err, found: "An earlier create's answer had been lost: " + strings.Join(lost, " ")}
		}
		if errors.Is(err, idc.ErrLimitExceeded) {
			// The zone filled up between the list and the create. The fresh list is only for
			// the message: without it the error still names the limit.
			now, lerr := api.ListSCIMCredentials(ctx, zone)
			if lerr != nil {
				now = nil
			}
			return nil, &credentialLimitError{zone: zone, existing: now, refused: err}
		}
		if !errors.Is(err, idc.ErrOutcomeUnknown) {
			return nil, err
		}
		tflog.Warn(ctx, "the answer to a SCIM credential create was lost; deleting any credential it made before trying again",
			map[string]any{"zone_id": zone, "attempt": attempt, "error": err.Error()})
		deleted, cerr := deleteOrphanCredentials(ctx, api, zone, known)
		if cerr != nil {
			return nil, cerr
		}
		lost = append(lost, orphanCleanupFound(deleted))
		if attempt == credentialCreateAttempts {
			return nil, &credentialCreateError{
				msg: fmt.Sprintf("the answers to %d creates in a row were lost", attempt),
				detail: fmt.Sprintf("The answers to %d SCIM credential creates in a row in zone %s were lost. %s Nothing is left behind. "+
					"Check the network path to the API and apply again.",
					attempt, zone, strings.Join(lost, " ")),
				err: err,
			}
		}
		if ctx.Err() != nil {
			// The create's own timeout ran out: describeAPIError names it; what the clean-up found follows.
			return nil, &credentialCreateError{
				msg:  "the answer to a create was not awaited and no time is left to try again",
				err:  &checkedError{err: err, found: strings.Join(lost, " ") + " Nothing is left behind."},
				tail: true,
			}
		}
	}
	if err != nil {
		return cred, err
	}

	got, gerr := api.GetSCIMCredential(ctx, zone, cred.CredentialID)
	switch {
	case gerr == nil:
		secret := cred.Secret
		cred = got
		cred.Secret = secret
	case errors.Is(gerr, idc.ErrNotFound):
		tflog.Debug(ctx, "the new SCIM credential is not listed yet; keeping the create answer", map[string]any{"zone_id": zone, "credential_id": cred.CredentialID})
	default:
		tflog.Warn(ctx, "reading the new SCIM credential back failed; keeping the create answer",
			map[string]any{"zone_id": zone, "credential_id": cred.CredentialID, "error": gerr.Error()})
	}
	return cred, nil
}

// deleteOrphanCredentials deletes the zone's credentials that are not in known. It runs on its own
// deadline: the create's may be what ran out, and an orphan must not outlive it. Within that
// deadline it outlasts an outage: a lost answer often means the service (or the path to it) went
// away, and the client's own retries of one call give up after seconds, while whatever the
// create made holds a slot forever unless this finds it.
func deleteOrphanCredentials(ctx context.Context, api scimCredentialAPI, zone string, known map[string]bool) (deleted []string, _ error) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), credentialOrphanCleanupTimeout)
	defer cancel()
	var after []idc.SCIMCredential
	err := untilAnswered(ctx, func() (err error) {
		after, err = api.ListSCIMCredentials(ctx, zone)
		return err
	})
	if err != nil {
		return nil, &credentialCreateError{
			msg: "the answer to a create was lost, and listing the zone's credentials to find what it made failed, so one may be left",
			detail: fmt.Sprintf("The answer to a SCIM credential create in zone %s was lost, and listing the zone's credentials to find "+
				"the one it may have made failed, so a credential whose secret nobody knows may be left, holding one of the zone's "+
				"two slots. List the credentials (tencentcloudidc_scim_credentials data source, or the console), delete any that no "+
				"identity provider uses, and apply again.", zone),
			err: err,
		}
	}
	for _, c := range after {
		if known[c.CredentialID] {
			continue
		}
		tflog.Info(ctx, "deleting the SCIM credential a lost create answer left behind", map[string]any{"zone_id": zone, "credential_id": c.CredentialID})
		err := untilAnswered(ctx, func() error { return api.DeleteSCIMCredential(ctx, zone, c.CredentialID) })
		if err != nil && !errors.Is(err, idc.ErrNotFound) {
			return deleted, &credentialCreateError{
				msg: fmt.Sprintf("the answer to a create was lost, and deleting credential %s, which it made, failed", c.CredentialID),
				detail: fmt.Sprintf("The answer to a SCIM credential create in zone %s was lost, and deleting credential %s, which it "+
					"made and whose secret nobody knows, failed. Delete %s in the console (it holds one of the zone's two slots) and "+
					"apply again.", zone, c.CredentialID, c.CredentialID),
				err: err,
			}
		}
		deleted = append(deleted, c.CredentialID)
	}
	return deleted, nil
}

// untilAnswered runs call again, credentialOrphanCleanupPause apart, for as long as it fails
// without an answer from the service (connection refused, reset, timed out) and ctx allows.
// An error the service answered is returned at once: it will not change by waiting.
func untilAnswered(ctx context.Context, call func() error) error {
	for {
		err := call()
		var apiErr *idc.APIError
		if err == nil || errors.As(err, &apiErr) || ctx.Err() != nil {
			return err
		}
		tflog.Warn(ctx, "the service did not answer while cleaning up after a lost create answer; trying again", map[string]any{"error": err.Error()})
		t := time.NewTimer(credentialOrphanCleanupPause)
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
	}
}
