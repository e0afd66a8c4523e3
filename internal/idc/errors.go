package idc

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"strings"
	"syscall"
)

// Sentinels for errors.Is. An *APIError matches the sentinel of its code's class, so callers
// never compare Tencent error codes themselves.
var (
	// ErrNotFound: the zone, credential, IdP configuration, certificate, user, group, role
	// configuration, policy, deployment, role assignment, task or target account does not exist.
	ErrNotFound = errors.New("not found")
	// ErrZoneNotFound: the zone ID is not the organization's zone (FailedOperation.ZoneIdNotExist).
	// It also matches ErrNotFound; callers test it first when a missing zone must read
	// differently from a missing object inside it.
	ErrZoneNotFound = errors.New("zone not found")
	// ErrIdentityCenterNotOpen: Identity Center has not been opened for the organization.
	ErrIdentityCenterNotOpen = errors.New("identity center not open")
	// ErrLimitExceeded: a quota was hit (for example the 2-credential limit of a zone).
	ErrLimitExceeded = errors.New("limit exceeded")
	// ErrAuthFailure: the API key pair, token or signature was refused (AuthFailure.*).
	ErrAuthFailure = errors.New("authentication failed")
	// ErrThrottled: the service answered RequestLimitExceeded (after the retries ran out).
	ErrThrottled = errors.New("request limit exceeded")
	// ErrOutcomeUnknown: a non-idempotent call was sent but its answer was lost (connection
	// dropped, timeout). The call may or may not have taken effect: reconcile before retrying.
	ErrOutcomeUnknown = errors.New("outcome unknown")
	// ErrNotSent: the call's context ended (its deadline passed, or it was cancelled) before
	// any request of the call was sent: the service did not receive it, so nothing changed.
	ErrNotSent = errors.New("not sent")
	// ErrUnreachable: no answer came from the service: the connection could not be made or
	// broke (wrong endpoint, service or simulator down, network or proxy trouble).
	ErrUnreachable = errors.New("service unreachable")
	// ErrAlreadyExists: the object to create is already there (a role configuration name or a
	// policy name in use, the same role assignment).
	ErrAlreadyExists = errors.New("already exists")
	// ErrInUse: the object is still used by others: a role configuration that has policies or
	// deployments, a deployment that still has role assignments.
	ErrInUse = errors.New("in use")
	// ErrMemberNotFound: the target account is not a member of the organization
	// (FailedOperation.OrganizationMemberNotExist). It also matches ErrNotFound.
	ErrMemberNotFound = errors.New("organization member not found")
	// ErrTaskFailed: an asynchronous task ended Failed (*TaskFailedError).
	ErrTaskFailed = errors.New("task failed")
	// ErrTaskNotFinished: the wait for an asynchronous task ended while the service still
	// reported it in progress (*TaskNotFinishedError): it may still succeed or fail.
	ErrTaskNotFinished = errors.New("task not finished")
)

// notFoundCodes are the Tencent codes that mean "the object is not there", from the error lists
// of the actions this package calls (each action's "Error Codes" table on Tencent's API pages,
// https://cloud.tencent.com/document/api/850). Codes under
// ResourceNotFound. match too, except notNotFoundCodes.
var notFoundCodes = map[string]bool{
	zoneNotFoundCode: true,
	"InvalidParameter.ScimCredentialNotFound":       true,
	"ResourceNotFound.SAMLIdentityProviderNotFound": true,
	"ResourceNotFound.SAMLServiceProviderNotFound":  true,
	"ResourceNotFound.X509CertificateNotFound":      true,
	"ResourceNotFound.UserNotExist":                 true,
	"InvalidParameter.GroupNotExist":                true,
	"InvalidParameter.GroupUserNotExist":            true,
	"ResourceNotFound":                              true,
	"InvalidParameter.RoleConfigurationNotExist":    true,
	"InvalidParameter.RolePolicyNotExist":           true,
	memberNotFoundCode:                              true,
}

// memberNotFoundCode answers a deployment or assignment whose target account is not (or no
// longer) in the organization.
const memberNotFoundCode = "FailedOperation.OrganizationMemberNotExist"

// alreadyExistsCodes are the codes of a create that found its object there already.
var alreadyExistsCodes = map[string]bool{
	"InvalidParameter.ConfigurationNameAlreadyExists":            true,
	"InvalidParameter.PolicyNameAlreadyExists":                   true,
	"FailedOperation.RoleConfigurationAuthorizationAlreadyExist": true,
}

// inUseCodes are the refusals to delete or undeploy something others still depend on.
var inUseCodes = map[string]bool{
	"FailedOperation.RoleConfigurationProvisioningAlreadyDeployed": true,
	"InvalidParameter.RolePolicyAlreadyExist":                      true,
	"FailedOperation.RoleConfigurationAuthorizationExist":          true,
}

// limitCodes are quota codes outside LimitExceeded.*.
var limitCodes = map[string]bool{
	"FailedOperation.ConfigurationOverUpperLimit":             true,
	"FailedOperation.SystemPolicyOverUpperLimit":              true,
	"FailedOperation.CustomPolicyOverUpperLimit":              true,
	"FailedOperation.RoleConfigurationAuthorizationOverLimit": true,
}

// zoneNotFoundCode is the answer of every zone-scoped action for a zone ID that is not the
// organization's.
const zoneNotFoundCode = "FailedOperation.ZoneIdNotExist"

// notNotFoundCodes are ResourceNotFound.* codes about a prerequisite of the organization, not
// the object asked for: treating them as "gone" would make Terraform drop live resources from
// state.
var notNotFoundCodes = map[string]bool{
	"ResourceNotFound.ServiceRoleNotExist":  true,
	"ResourceNotFound.OrganizationNotExist": true,
	// DescribeOrganizationMembers: an unknown department or trusted service, not a member.
	"ResourceNotFound.OrganizationNodeNotExist":    true,
	"ResourceNotFound.OrganizationServiceNotExist": true,
}

// APIError is an error answered by the Identity Center API: Tencent's error code, message and
// request ID, and the action that was called.
type APIError struct {
	Action    string
	Code      string
	Message   string
	RequestID string
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: [%s] %s", e.Action, e.Code, e.Message)
	if e.RequestID != "" {
		fmt.Fprintf(&b, " (request ID %s)", e.RequestID)
	}
	return b.String()
}

// Is maps the code onto the package's sentinels.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrZoneNotFound:
		return e.Code == zoneNotFoundCode
	case ErrNotFound:
		return notFoundCodes[e.Code] || (strings.HasPrefix(e.Code, "ResourceNotFound.") && !notNotFoundCodes[e.Code])
	case ErrIdentityCenterNotOpen:
		return e.Code == "FailedOperation.IdentityCenterNotOpen"
	case ErrMemberNotFound:
		return e.Code == memberNotFoundCode
	case ErrAlreadyExists:
		return alreadyExistsCodes[e.Code]
	case ErrInUse:
		return inUseCodes[e.Code]
	case ErrLimitExceeded:
		return e.Code == "LimitExceeded" || strings.HasPrefix(e.Code, "LimitExceeded.") || limitCodes[e.Code]
	case ErrAuthFailure:
		return e.Code == "AuthFailure" || strings.HasPrefix(e.Code, "AuthFailure.")
	case ErrThrottled:
		return e.Code == "RequestLimitExceeded" || strings.HasPrefix(e.Code, "RequestLimitExceeded.")
	}
	return false
}

// OutcomeUnknownError reports a non-idempotent call that reached the service but whose result
// cannot be known: the answer was lost, timed out, or was an internal error.
type OutcomeUnknownError struct {
	Action string
	Err    error
}

func (e *OutcomeUnknownError) Error() string {
	return fmt.Sprintf("%s: outcome unknown, the service may or may not have carried out the request (list before retrying): %v", e.Action, e.Err)
}

func (e *OutcomeUnknownError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrOutcomeUnknown) true.
func (e *OutcomeUnknownError) Is(target error) bool { return target == ErrOutcomeUnknown }

// InterruptedError reports a call whose context ended (deadline or cancellation) before an
// answer arrived. Sent says whether a request of the call may have reached the service: a
// request that was completely written may have been carried out even though no answer was
// awaited. Before that point (waiting for the client-side rate limit, renewing credentials,
// dialling, writing) nothing can have reached it.
//
// It matches ErrNotSent when nothing was sent, and ErrOutcomeUnknown when a request that changes
// something (any action but Get…, List… and Describe…) was sent; Err is the context's cause,
// so errors.Is(err, context.DeadlineExceeded) holds for a deadline.
type InterruptedError struct {
	Action string
	Sent   bool
	Err    error
	// Last is the failure of the last attempt when the context ended while waiting to retry.
	Last error
}

func (e *InterruptedError) Error() string {
	var b strings.Builder
	if e.Sent {
		fmt.Fprintf(&b, "%s: %v after the request was sent, before its answer arrived", e.Action, e.Err)
	} else {
		fmt.Fprintf(&b, "%s: %v before the request was sent", e.Action, e.Err)
	}
	if e.Last != nil {
		fmt.Fprintf(&b, " (the previous attempt failed: %v)", e.Last)
	}
	return b.String()
}

func (e *InterruptedError) Unwrap() []error {
	if e.Last == nil {
		return []error{e.Err}
	}
	return []error{e.Err, e.Last}
}

// Is makes errors.Is(err, ErrNotSent) and errors.Is(err, ErrOutcomeUnknown) follow Sent.
func (e *InterruptedError) Is(target error) bool {
	switch target {
	case ErrNotSent:
		return !e.Sent
	case ErrOutcomeUnknown:
		return e.Sent && !ReadOnlyAction(e.Action)
	}
	return false
}

// ReadOnlyAction reports whether action only reads (Get…, List…, Describe…): whether its
// request arrived never matters for the service's state.
func ReadOnlyAction(action string) bool {
	for _, p := range []string{"Get", "List", "Describe"} {
		if strings.HasPrefix(action, p) {
			return true
		}
	}
	return false
}

// NetworkError reports an attempt that got no answer: the connection failed or broke before a
// response arrived. URL is where the request went; Attempts, when above 1, how many were made
// before giving up.
type NetworkError struct {
	Action   string
	URL      string
	Err      error
	Attempts int
}

func (e *NetworkError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: network error", e.Action)
	if e.URL != "" {
		fmt.Fprintf(&b, " calling %s", e.URL)
	}
	fmt.Fprintf(&b, ": %v", e.Err)
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " (gave up after %d attempts)", e.Attempts)
	}
	return b.String()
}

func (e *NetworkError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrUnreachable) true.
func (e *NetworkError) Is(target error) bool { return target == ErrUnreachable }

// Reason describes the failure in words: "the connection was refused", "the host name … could
// not be resolved", or the underlying error's text.
func (e *NetworkError) Reason() string {
	var dns *net.DNSError
	var unknownAuthority x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var certInvalid x509.CertificateInvalidError
	switch {
	case errors.Is(e.Err, syscall.ECONNREFUSED):
		return "the connection was refused (nothing listens there)"
	case errors.As(e.Err, &dns):
		return fmt.Sprintf("the host name %s could not be resolved", dns.Name)
	case errors.Is(e.Err, syscall.ECONNRESET):
		return "the connection was reset"
	case errors.Is(e.Err, syscall.EHOSTUNREACH), errors.Is(e.Err, syscall.ENETUNREACH):
		return "the host is unreachable"
	case errors.As(e.Err, &unknownAuthority), errors.As(e.Err, &hostname), errors.As(e.Err, &certInvalid):
		return "its TLS certificate was not accepted: " + e.Err.Error()
	case errors.Is(e.Err, context.DeadlineExceeded):
		return "no answer arrived within the request timeout"
	}
	return e.Err.Error()
}

// ConfigError is a setting New refuses, worded for the user: Setting is the provider argument
// at fault ("protocol", "endpoint", "secret_key", "profile"; "" when none is), Summary a
// Title Case heading and Detail full sentences naming the arguments and environment variables.
type ConfigError struct {
	Setting string
	Summary string
	Detail  string
}

func (e *ConfigError) Error() string { return e.Detail }

func configErrorf(setting, summary, format string, args ...any) *ConfigError {
	return &ConfigError{Setting: setting, Summary: summary, Detail: fmt.Sprintf(format, args...)}
}
