package idcsim

import (
	"encoding/base64"
	"net/url"
)

// maxIdPCertificates is the number of signing certificates a zone's IdP may have. The reference
// does not document it; the official provider's second SAML resource models exactly two
// certificate slots, so two it is.
const maxIdPCertificates = 2

func newCertificates(ders [][]byte) []idpCertificate {
	out := make([]idpCertificate, 0, len(ders))
	for _, der := range ders {
		out = append(out, idpCertificate{CertificateId: randomID("idp-c-"), DER: der})
	}
	return out
}

type setExternalSAMLIdentityProviderRequest struct {
	ZoneId                  *string `json:"ZoneId" req:"true"`
	EncodedMetadataDocument *string `json:"EncodedMetadataDocument"`
	SSOStatus               *string `json:"SSOStatus"`
	EntityId                *string `json:"EntityId"`
	LoginUrl                *string `json:"LoginUrl"`
	X509Certificate         *string `json:"X509Certificate"`
}

type setExternalSAMLIdentityProviderResponse struct {
	CertificateIds []string
}

// setExternalSAMLIdentityProvider changes only what the request names: a metadata document first
// (entity ID, login URL and certificates from it), then explicit EntityId, LoginUrl and
// X509Certificate, then SSOStatus. The result must have a certificate, and SSO can only be
// Enabled on a complete configuration.
func setExternalSAMLIdentityProvider(c *call, req *setExternalSAMLIdentityProviderRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	if req.SSOStatus != nil {
		if err := checkEnum(codeSSOStatusInvalid, "SSOStatus", *req.SSOStatus, statusEnabled, statusDisabled); err != nil {
			return nil, err
		}
	}
	next := identityProvider{SSOStatus: statusDisabled, CreateTime: c.now}
	if c.st.idp != nil {
		next = *c.st.idp
	}
	if req.EncodedMetadataDocument != nil {
		if *req.EncodedMetadataDocument == "" {
			next.Metadata = nil
		} else {
			md, aerr := decodeIdPMetadata(*req.EncodedMetadataDocument)
			if aerr != nil {
				return nil, aerr
			}
			next.Metadata = md.XML
			next.EntityId = md.EntityID
			next.LoginUrl = md.LoginURL
			next.Certificates = newCertificates(md.Certificates)
		}
	}
	if req.EntityId != nil {
		next.EntityId = *req.EntityId
	}
	if req.LoginUrl != nil {
		if *req.LoginUrl != "" {
			if u, err := url.Parse(*req.LoginUrl); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
				return nil, errf(codeInvalidParameterValue, "LoginUrl must be an absolute http(s) URL.")
			}
		}
		next.LoginUrl = *req.LoginUrl
	}
	if req.X509Certificate != nil {
		der, aerr := decodeCertificate(*req.X509Certificate)
		if aerr != nil {
			return nil, aerr
		}
		next.Certificates = newCertificates([][]byte{der})
	}
	if req.SSOStatus != nil {
		next.SSOStatus = *req.SSOStatus
	}
	if next.SSOStatus == statusEnabled && !next.complete() {
		return nil, errf(codeSAMLIdentityProviderNotFound,
			"SSO can only be enabled once the identity provider's entity ID, login URL and a certificate are configured.")
	}
	if len(next.Certificates) == 0 {
		return nil, errf(codeX509CertificateMinimumRequired, "The identity provider needs at least one signing certificate.")
	}
	next.UpdateTime = c.now
	c.st.idp = &next
	return setExternalSAMLIdentityProviderResponse{CertificateIds: next.certificateIDs()}, nil
}

type samlIdentityProviderConfiguration struct {
	EntityId                string
	SSOStatus               string
	EncodedMetadataDocument string
	CertificateIds          []string
	LoginUrl                string
	CreateTime              string
	UpdateTime              string
}

type getExternalSAMLIdentityProviderResponse struct {
	SAMLIdentityProviderConfiguration samlIdentityProviderConfiguration
}

func (c *call) configuredIdP() (*identityProvider, *apiError) {
	if c.st.idp == nil {
		return nil, errf(codeSAMLIdentityProviderNotFound, "No SAML identity provider is configured for zone %s.", c.st.zone.ZoneId)
	}
	return c.st.idp, nil
}

func getExternalSAMLIdentityProvider(c *call, req *zoneRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	idp, aerr := c.configuredIdP()
	if aerr != nil {
		return nil, aerr
	}
	doc := ""
	if len(idp.Metadata) > 0 {
		// Get answers base64 of the raw XML, as Tencent's Get example does.
		doc = base64.StdEncoding.EncodeToString(idp.Metadata)
	}
	return getExternalSAMLIdentityProviderResponse{SAMLIdentityProviderConfiguration: samlIdentityProviderConfiguration{
		EntityId:                idp.EntityId,
		SSOStatus:               idp.SSOStatus,
		EncodedMetadataDocument: doc,
		CertificateIds:          idp.certificateIDs(),
		LoginUrl:                idp.LoginUrl,
		CreateTime:              apiTime(idp.CreateTime),
		UpdateTime:              apiTime(idp.UpdateTime),
	}}, nil
}

func clearExternalSAMLIdentityProvider(c *call, req *zoneRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	idp, aerr := c.configuredIdP()
	if aerr != nil {
		return nil, aerr
	}
	if idp.SSOStatus == statusEnabled {
		return nil, errf(codeSSOStatusEnableNotClear, "SSO is enabled: disable it before clearing the identity provider.")
	}
	c.st.idp = nil
	return emptyResponse{}, nil
}

type addExternalSAMLIdPCertificateRequest struct {
	ZoneId          *string `json:"ZoneId" req:"true"`
	X509Certificate *string `json:"X509Certificate" req:"true"`
}

type addExternalSAMLIdPCertificateResponse struct {
	CertificateId string
}

// addExternalSAMLIdPCertificate needs a configured IdP: doc.go says why its answer without one,
// ResourceNotFound.SAMLIdentityProviderNotFound, is a code the SDK does not list for it.
func addExternalSAMLIdPCertificate(c *call, req *addExternalSAMLIdPCertificateRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	idp, aerr := c.configuredIdP()
	if aerr != nil {
		return nil, aerr
	}
	der, aerr := decodeCertificate(*req.X509Certificate)
	if aerr != nil {
		return nil, aerr
	}
	for _, cert := range idp.Certificates {
		if string(cert.DER) == string(der) {
			return nil, errf(codeX509CertificateAlreadyExist, "The certificate is already configured as %s.", cert.CertificateId)
		}
	}
	if len(idp.Certificates) >= maxIdPCertificates {
		return nil, errf(codeX509CertificateLimitExceeded, "The identity provider already has %d certificates, the maximum.", maxIdPCertificates)
	}
	added := newCertificates([][]byte{der})[0]
	idp.Certificates = append(idp.Certificates, added)
	idp.UpdateTime = c.now
	return addExternalSAMLIdPCertificateResponse{CertificateId: added.CertificateId}, nil
}

type removeExternalSAMLIdPCertificateRequest struct {
	ZoneId        *string `json:"ZoneId" req:"true"`
	CertificateId *string `json:"CertificateId" req:"true"`
}

// removeExternalSAMLIdPCertificate answers ResourceNotFound.X509CertificateNotFound, a code the
// SDK lists for it, when no IdP is configured: the certificate does not exist either.
func removeExternalSAMLIdPCertificate(c *call, req *removeExternalSAMLIdPCertificateRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	idp := c.st.idp
	if idp == nil {
		idp = &identityProvider{}
	}
	for i, cert := range idp.Certificates {
		if cert.CertificateId != *req.CertificateId {
			continue
		}
		if len(idp.Certificates) == 1 {
			return nil, errf(codeX509CertificateMinimumRequired, "%s is the identity provider's last certificate; add another one first.", cert.CertificateId)
		}
		idp.Certificates = append(idp.Certificates[:i:i], idp.Certificates[i+1:]...)
		idp.UpdateTime = c.now
		return emptyResponse{}, nil
	}
	return nil, errf(codeX509CertificateNotFound, "The certificate %s does not exist.", *req.CertificateId)
}

type listExternalSAMLIdPCertificatesResponse struct {
	TotalCounts         int
	SAMLIdPCertificates []samlIdPCertificate
}

// listExternalSAMLIdPCertificates lists no certificates, rather than failing, when no IdP is
// configured: the SDK lists only FailedOperation.DBOperationError and InternalError for it.
func listExternalSAMLIdPCertificates(c *call, req *zoneRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	items := []samlIdPCertificate{}
	if idp := c.st.idp; idp != nil {
		for _, cert := range idp.Certificates {
			items = append(items, describeCertificate(cert))
		}
	}
	return listExternalSAMLIdPCertificatesResponse{TotalCounts: len(items), SAMLIdPCertificates: items}, nil
}
