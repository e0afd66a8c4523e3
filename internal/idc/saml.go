package idc

import (
	"context"
	"fmt"
)

// SetExternalSAMLIdentityProvider configures the zone's external IdP and/or the SSO switch.
// Nil fields of in are left out of the request, which leaves them unchanged; a set
// X509Certificate replaces every stored certificate. It returns the IDs of the certificates
// stored afterwards (empty when the service omits them).
func (c *Client) SetExternalSAMLIdentityProvider(ctx context.Context, in SetSAMLIdentityProviderInput) (certificateIDs []string, err error) {
	req := setExternalSAMLIdentityProviderRequest{
		ZoneId:                  in.ZoneID,
		EncodedMetadataDocument: in.EncodedMetadataDocument,
		EntityId:                in.EntityID,
		LoginUrl:                in.LoginURL,
		X509Certificate:         in.X509Certificate,
	}
	if in.SSOEnabled != nil {
		req.SSOStatus = Status(*in.SSOEnabled)
	}
	var out setExternalSAMLIdentityProviderResponse
	if err := c.call(ctx, "SetExternalSAMLIdentityProvider", req, &out, idempotent); err != nil {
		return nil, err
	}
	return out.CertificateIds, nil
}

// GetExternalSAMLIdentityProvider returns the zone's IdP configuration, or ErrNotFound (wrapped)
// when none is configured. The service may answer "none" either with
// ResourceNotFound.SAMLIdentityProviderNotFound or with a configuration that holds no entity
// ID, login URL, metadata or certificate; both are ErrNotFound here, because the provider must
// not mistake an empty shell for a configured IdP.
func (c *Client) GetExternalSAMLIdentityProvider(ctx context.Context, zoneID string) (*SAMLIdentityProvider, error) {
	const action = "GetExternalSAMLIdentityProvider"
	var out getExternalSAMLIdentityProviderResponse
	if err := c.call(ctx, action, zoneRequest{ZoneId: zoneID}, &out, idempotent); err != nil {
		return nil, err
	}
	w := out.SAMLIdentityProviderConfiguration
	if w == nil || (w.EntityId == "" && w.LoginUrl == "" && w.EncodedMetadataDocument == "" && len(w.CertificateIds) == 0) {
		return nil, fmt.Errorf("%s: no SAML identity provider configured in zone %s: %w", action, zoneID, ErrNotFound)
	}
	var p timeParser
	idp := &SAMLIdentityProvider{
		ZoneID:                  zoneID,
		EntityID:                w.EntityId,
		LoginURL:                w.LoginUrl,
		SSOEnabled:              w.SSOStatus == StatusEnabled,
		EncodedMetadataDocument: w.EncodedMetadataDocument,
		CertificateIDs:          w.CertificateIds,
		CreateTime:              p.parse("CreateTime", w.CreateTime),
		UpdateTime:              p.parse("UpdateTime", w.UpdateTime),
	}
	if p.err != nil {
		return nil, fmt.Errorf("%s: %w", action, p.err)
	}
	return idp, nil
}

// ClearExternalSAMLIdentityProvider removes the zone's IdP configuration. The service refuses
// while SSO is enabled (FailedOperation.SSoStatusEnableNotClearIdentityProvider): disable it first.
func (c *Client) ClearExternalSAMLIdentityProvider(ctx context.Context, zoneID string) error {
	return c.call(ctx, "ClearExternalSAMLIdentityProvider", zoneRequest{ZoneId: zoneID}, nil, idempotent)
}

// AddExternalSAMLIdPCertificate stores one more IdP signing certificate (PEM). Like
// CreateSCIMCredential it is never re-sent after the request may have reached the service; a
// lost answer is *OutcomeUnknownError, and ListExternalSAMLIdPCertificates tells what happened.
func (c *Client) AddExternalSAMLIdPCertificate(ctx context.Context, zoneID, x509PEM string) (certificateID string, err error) {
	const action = "AddExternalSAMLIdPCertificate"
	var out addExternalSAMLIdPCertificateResponse
	in := addExternalSAMLIdPCertificateRequest{ZoneId: zoneID, X509Certificate: x509PEM}
	if err := c.call(ctx, action, in, &out, notIdempotent); err != nil {
		return "", err
	}
	if out.CertificateId == "" {
		return "", &OutcomeUnknownError{Action: action, Err: fmt.Errorf("the answer has no certificate ID")}
	}
	return out.CertificateId, nil
}

// RemoveExternalSAMLIdPCertificate removes a stored certificate; the service keeps at least one.
func (c *Client) RemoveExternalSAMLIdPCertificate(ctx context.Context, zoneID, certificateID string) error {
	in := removeExternalSAMLIdPCertificateRequest{ZoneId: zoneID, CertificateId: certificateID}
	return c.call(ctx, "RemoveExternalSAMLIdPCertificate", in, nil, idempotent)
}

// ListExternalSAMLIdPCertificates lists the zone's stored IdP signing certificates.
func (c *Client) ListExternalSAMLIdPCertificates(ctx context.Context, zoneID string) ([]SAMLIdPCertificate, error) {
	const action = "ListExternalSAMLIdPCertificates"
	var out listExternalSAMLIdPCertificatesResponse
	if err := c.call(ctx, action, zoneRequest{ZoneId: zoneID}, &out, idempotent); err != nil {
		return nil, err
	}
	certs := make([]SAMLIdPCertificate, 0, len(out.SAMLIdPCertificates))
	for _, w := range out.SAMLIdPCertificates {
		cert, err := w.toCertificate()
		if err != nil {
			return nil, fmt.Errorf("%s: certificate %s: %w", action, w.CertificateId, err)
		}
		certs = append(certs, cert)
	}
	return certs, nil
}
