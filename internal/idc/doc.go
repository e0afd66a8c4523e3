// Package idc is the typed client of Tencent Cloud Organization Identity Center (API version
// 2021-03-31): SCIM synchronization and credentials, the external SAML identity provider, the
// users and groups SCIM pushes, and access: role configurations with their policies, their
// deployment to accounts, role assignments, the asynchronous tasks these start, and the
// organization's accounts they target. It is the only package that imports the Tencent Cloud SDK;
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
//   - CreateRoleConfiguration, AddPermissionPolicyToRoleConfiguration, ProvisionRoleConfiguration
//     and CreateRoleAssignment are not re-sent either (a second one is refused as a duplicate or
//     starts a second task); deletes, Dismantle, updates and reads are retried, a retried delete
//     possibly answering ErrNotFound.
//   - InvalidParameter.RoleConfigurationNotExist and InvalidParameter.RolePolicyNotExist are
//     ErrNotFound although they are not ResourceNotFound codes; FailedOperation.OrganizationMemberNotExist
//     is ErrMemberNotFound and ErrNotFound.
//   - WaitForTask treats task statuses other than InProgress, Success and Failed as still running.
//   - DescribeOrganizationMembers paging stops at a short page even when Total claims more.
//   - Messages are requested in English (X-TC-Language: en-US).
package idc
