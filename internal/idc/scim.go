package idc

import (
	"context"
	"fmt"
	"time"
)

// GetSCIMSynchronizationStatus reports whether SCIM user synchronization is on for the zone.
func (c *Client) GetSCIMSynchronizationStatus(ctx context.Context, zoneID string) (enabled bool, err error) {
	var out getSCIMSynchronizationStatusResponse
	if err := c.call(ctx, "GetSCIMSynchronizationStatus", zoneRequest{ZoneId: zoneID}, &out, idempotent); err != nil {
		return false, err
	}
	return out.SCIMSynchronizationStatus == StatusEnabled, nil
}

// UpdateSCIMSynchronizationStatus turns SCIM user synchronization on or off.
func (c *Client) UpdateSCIMSynchronizationStatus(ctx context.Context, zoneID string, enabled bool) error {
	in := updateSCIMSynchronizationStatusRequest{ZoneId: zoneID, SCIMSynchronizationStatus: Status(enabled)}
	return c.call(ctx, "UpdateSCIMSynchronizationStatus", in, nil, idempotent)
}

// CreateSCIMCredential mints a SCIM bearer credential. Its Secret is only ever in this answer.
// expireAfter 0 leaves the lifetime to the service (one year); otherwise it is sent in whole
// seconds (the service accepts one hour to 99 years).
//
// The call is never re-sent once the request may have reached the service: a lost answer
// returns *OutcomeUnknownError (errors.Is(err, ErrOutcomeUnknown)), and the caller should list
// the zone's credentials before trying again, as the zone holds at most two. If the answer's
// timestamps are malformed, the credential (with its Secret) is returned together with the
// error, so that it is not orphaned.
func (c *Client) CreateSCIMCredential(ctx context.Context, zoneID string, expireAfter time.Duration) (*SCIMCredential, error) {
	const action = "CreateSCIMCredential"
	if expireAfter < 0 {
		return nil, fmt.Errorf("%s: expireAfter %s is negative", action, expireAfter)
	}
	in := createSCIMCredentialRequest{ZoneId: zoneID, ExpireDuration: uint64(expireAfter / time.Second)}
	if expireAfter > 0 && in.ExpireDuration == 0 {
		return nil, fmt.Errorf("%s: expireAfter %s is shorter than a second", action, expireAfter)
	}
	var out createSCIMCredentialResponse
	if err := c.call(ctx, action, in, &out, notIdempotent); err != nil {
		return nil, err
	}
	var p timeParser
	cred := &SCIMCredential{
		ZoneID:         out.ZoneId,
		CredentialID:   out.CredentialId,
		CredentialType: out.CredentialType,
		// CredentialStatus is optional in the answer; a new credential is Enabled (documented).
		Enabled:    out.CredentialStatus == "" || out.CredentialStatus == StatusEnabled,
		CreateTime: p.parse("CreateTime", out.CreateTime),
		ExpireTime: p.parse("ExpireTime", out.ExpireTime),
		Secret:     out.CredentialSecret,
	}
	if p.err != nil {
		// The credential exists and its ID is known: hand it back with the error so it is not orphaned.
		return cred, fmt.Errorf("%s: credential %s was created but its answer is malformed: %w", action, out.CredentialId, p.err)
	}
	if out.CredentialId == "" || out.CredentialSecret == "" {
		return nil, &OutcomeUnknownError{Action: action, Err: fmt.Errorf("the answer has no credential ID or secret")}
	}
	return cred, nil
}

// ListSCIMCredentials lists the zone's SCIM credentials (never with their secrets).
func (c *Client) ListSCIMCredentials(ctx context.Context, zoneID string) ([]SCIMCredential, error) {
	return c.listSCIMCredentials(ctx, listSCIMCredentialsRequest{ZoneId: zoneID})
}

// GetSCIMCredential finds one credential. A credential that is not there is ErrNotFound
// (wrapped), whether the service answers with an empty list or a not-found code.
func (c *Client) GetSCIMCredential(ctx context.Context, zoneID, credentialID string) (*SCIMCredential, error) {
	creds, err := c.listSCIMCredentials(ctx, listSCIMCredentialsRequest{ZoneId: zoneID, CredentialId: credentialID})
	if err != nil {
		return nil, err
	}
	// The filter is applied by the service; match the ID again so a service that ignores
	// the filter cannot make one credential stand for another.
	for i := range creds {
		if creds[i].CredentialID == credentialID {
			return &creds[i], nil
		}
	}
	return nil, fmt.Errorf("SCIM credential %s in zone %s: %w", credentialID, zoneID, ErrNotFound)
}

func (c *Client) listSCIMCredentials(ctx context.Context, in listSCIMCredentialsRequest) ([]SCIMCredential, error) {
	const action = "ListSCIMCredentials"
	var out listSCIMCredentialsResponse
	if err := c.call(ctx, action, in, &out, idempotent); err != nil {
		return nil, err
	}
	creds := make([]SCIMCredential, 0, len(out.SCIMCredentials))
	for _, w := range out.SCIMCredentials {
		cred, err := w.toSCIMCredential()
		if err != nil {
			return nil, fmt.Errorf("%s: credential %s: %w", action, w.CredentialId, err)
		}
		creds = append(creds, cred)
	}
	return creds, nil
}

// UpdateSCIMCredentialStatus enables or disables a credential.
func (c *Client) UpdateSCIMCredentialStatus(ctx context.Context, zoneID, credentialID string, enabled bool) error {
	in := updateSCIMCredentialStatusRequest{ZoneId: zoneID, CredentialId: credentialID, NewStatus: Status(enabled)}
	return c.call(ctx, "UpdateSCIMCredentialStatus", in, nil, idempotent)
}

// DeleteSCIMCredential deletes a credential. A retry after a lost answer may get ErrNotFound,
// which callers deleting a credential treat as success.
func (c *Client) DeleteSCIMCredential(ctx context.Context, zoneID, credentialID string) error {
	return c.call(ctx, "DeleteSCIMCredential", credentialRequest{ZoneId: zoneID, CredentialId: credentialID}, nil, idempotent)
}
