// Package idc is the typed client of Tencent Cloud Organization Identity Center (API version
// 2021-03-31): SCIM synchronization and credentials, the external SAML identity provider, and
// the users and groups SCIM pushes. It is the only package that imports the Tencent Cloud SDK;
// callers see plain Go values and the sentinel errors of errors.go.
//
// Every call goes through one policy (call.go): a client-side rate limit per action, bounded
// retries with jittered exponential backoff for throttling, internal errors and transport
// failures, and no blind re-send of calls that are not idempotent.
//
// Where the service's behaviour is not documented, the client takes the stricter reading:
//
//   - CreateSCIMCredential and AddExternalSAMLIdPCertificate are not re-sent once the request was
//     completely written. A lost answer, a timeout, a cancelled context, an InternalError, an
//     HTTP 5xx without a Tencent error code or an unreadable answer is reported as
//     *OutcomeUnknownError. Only failures before the request left (connection refused, DNS)
//     and RequestLimitExceeded are retried for them.
//   - A call whose context ends (the caller's timeout, a cancellation) returns *InterruptedError,
//     which says whether a request may have reached the service: ErrNotSent when none was
//     completely written (nothing changed), ErrOutcomeUnknown when a changing request was.
//     Only an answer of RequestLimitExceeded proves a written request was not carried out.
//   - A GetExternalSAMLIdentityProvider answer without entity ID, login URL, metadata and
//     certificates is "no IdP" (ErrNotFound), like ResourceNotFound.SAMLIdentityProviderNotFound.
//   - ListSCIMCredentials filtered by CredentialId is matched again on the client, and an empty
//     result is ErrNotFound.
//   - ResourceNotFound.ServiceRoleNotExist and ResourceNotFound.OrganizationNotExist are not
//     ErrNotFound: they are missing prerequisites, not missing objects.
//   - Messages are requested in English (X-TC-Language: en-US).
package idc
