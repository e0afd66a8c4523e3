package idcsim

import (
	"crypto/rand"
	"encoding/base64"
	"slices"
	"time"
)

const (
	// maxSCIMCredentials is the documented limit of SCIM keys per zone.
	maxSCIMCredentials = 2
	minExpireDuration  = time.Hour
	// maxExpireDuration is "99 years", counted as 99×365 days.
	maxExpireDuration = 99 * 365 * 24 * time.Hour
	// scimSecretBytes is the amount of randomness in a SCIM bearer secret.
	scimSecretBytes = 48
)

type createSCIMCredentialRequest struct {
	ZoneId         *string `json:"ZoneId" req:"true"`
	ExpireDuration *int64  `json:"ExpireDuration"`
}

type createSCIMCredentialResponse struct {
	ZoneId           string
	CredentialId     string
	CredentialType   string
	CreateTime       string
	ExpireTime       string
	CredentialStatus string
	CredentialSecret string
}

func createSCIMCredential(c *call, req *createSCIMCredentialRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	expire := c.now.AddDate(1, 0, 0)
	if req.ExpireDuration != nil {
		d := *req.ExpireDuration
		if d < int64(minExpireDuration/time.Second) || d > int64(maxExpireDuration/time.Second) {
			return nil, errf(codeInvalidParameterValue, "ExpireDuration must be between %d and %d seconds.",
				int64(minExpireDuration/time.Second), int64(maxExpireDuration/time.Second))
		}
		expire = c.now.Add(time.Duration(d) * time.Second)
	}
	if len(c.st.credentials) >= maxSCIMCredentials {
		return nil, errf(codeScimCredentialLimitExceeded, "A zone can have at most %d SCIM credentials.", maxSCIMCredentials)
	}
	secret := make([]byte, scimSecretBytes)
	_, _ = rand.Read(secret)
	cred := &scimCredential{
		CredentialId:   randomID("scimcred-"),
		CredentialType: credentialTypeBearer,
		Status:         statusEnabled,
		Secret:         base64.StdEncoding.EncodeToString(secret),
		CreateTime:     c.now,
		ExpireTime:     expire,
	}
	c.st.credentials = append(c.st.credentials, cred)
	return createSCIMCredentialResponse{
		ZoneId:           c.st.zone.ZoneId,
		CredentialId:     cred.CredentialId,
		CredentialType:   cred.CredentialType,
		CreateTime:       apiTime(cred.CreateTime),
		ExpireTime:       apiTime(cred.ExpireTime),
		CredentialStatus: cred.Status,
		CredentialSecret: cred.Secret,
	}, nil
}

type listSCIMCredentialsRequest struct {
	ZoneId       *string `json:"ZoneId" req:"true"`
	CredentialId *string `json:"CredentialId"`
}

// scimCredentialItem is a listed credential: never the secret.
type scimCredentialItem struct {
	ZoneId         string
	Status         string
	CredentialId   string
	CredentialType string
	CreateTime     string
	ExpireTime     string
}

type listSCIMCredentialsResponse struct {
	TotalCounts     int
	SCIMCredentials []scimCredentialItem
}

func listSCIMCredentials(c *call, req *listSCIMCredentialsRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	items := []scimCredentialItem{}
	for _, cred := range c.st.credentials {
		// An unknown CredentialId yields an empty list rather than an error (the reference's
		// reading of how the official provider detects a deleted credential).
		if req.CredentialId != nil && *req.CredentialId != "" && cred.CredentialId != *req.CredentialId {
			continue
		}
		items = append(items, scimCredentialItem{
			ZoneId:         c.st.zone.ZoneId,
			Status:         cred.Status,
			CredentialId:   cred.CredentialId,
			CredentialType: cred.CredentialType,
			CreateTime:     apiTime(cred.CreateTime),
			ExpireTime:     apiTime(cred.ExpireTime),
		})
	}
	return listSCIMCredentialsResponse{TotalCounts: len(items), SCIMCredentials: items}, nil
}

type updateSCIMCredentialStatusRequest struct {
	ZoneId       *string `json:"ZoneId" req:"true"`
	CredentialId *string `json:"CredentialId" req:"true"`
	NewStatus    *string `json:"NewStatus" req:"true"`
}

func updateSCIMCredentialStatus(c *call, req *updateSCIMCredentialStatusRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	if err := checkEnum(codeScimCredentialStatusError, "NewStatus", *req.NewStatus, statusEnabled, statusDisabled); err != nil {
		return nil, err
	}
	_, cred := c.st.credentialLocked(*req.CredentialId)
	if cred == nil {
		return nil, errf(codeScimCredentialNotFound, "The SCIM credential %s does not exist.", *req.CredentialId)
	}
	cred.Status = *req.NewStatus
	return emptyResponse{}, nil
}

type deleteSCIMCredentialRequest struct {
	ZoneId       *string `json:"ZoneId" req:"true"`
	CredentialId *string `json:"CredentialId" req:"true"`
}

func deleteSCIMCredential(c *call, req *deleteSCIMCredentialRequest) (any, *apiError) {
	if err := c.checkZone(req.ZoneId); err != nil {
		return nil, err
	}
	i, cred := c.st.credentialLocked(*req.CredentialId)
	if cred == nil {
		return nil, errf(codeScimCredentialNotFound, "The SCIM credential %s does not exist.", *req.CredentialId)
	}
	c.st.credentials = slices.Delete(c.st.credentials, i, i+1)
	return emptyResponse{}, nil
}
