package idc

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestAPIErrorSentinels(t *testing.T) {
	t.Parallel()
	all := []error{ErrNotFound, ErrZoneNotFound, ErrIdentityCenterNotOpen, ErrLimitExceeded, ErrAuthFailure, ErrThrottled, ErrOutcomeUnknown,
		ErrAlreadyExists, ErrInUse, ErrMemberNotFound, ErrTaskFailed, ErrTaskNotFinished}
	tests := []struct {
		code string
		want error // nil: matches no sentinel
		also error // a second sentinel it matches, if any
	}{
		{"FailedOperation.ZoneIdNotExist", ErrZoneNotFound, ErrNotFound},
		{"ResourceNotFound.SAMLIdentityProviderNotFound", ErrNotFound, nil},
		{"InvalidParameter.ScimCredentialNotFound", ErrNotFound, nil},
		{"ResourceNotFound.SAMLServiceProviderNotFound", ErrNotFound, nil},
		{"ResourceNotFound.X509CertificateNotFound", ErrNotFound, nil},
		{"ResourceNotFound.UserNotExist", ErrNotFound, nil},
		{"InvalidParameter.GroupNotExist", ErrNotFound, nil},
		{"InvalidParameter.GroupUserNotExist", ErrNotFound, nil},
		{"ResourceNotFound", ErrNotFound, nil},
		{"ResourceNotFound.SomethingNew", ErrNotFound, nil},
		{"ResourceNotFound.ServiceRoleNotExist", nil, nil},
		{"ResourceNotFound.OrganizationNotExist", nil, nil},
		{"FailedOperation.IdentityCenterNotOpen", ErrIdentityCenterNotOpen, nil},
		{"FailedOperation.IdentityCenterOrganizationNotOpen", nil, nil},
		{"LimitExceeded.ScimCredentialLimitExceeded", ErrLimitExceeded, nil},
		{"LimitExceeded", ErrLimitExceeded, nil},
		{"FailedOperation.X509CertificateLimitExceeded", nil, nil},
		{"AuthFailure.SignatureFailure", ErrAuthFailure, nil},
		{"AuthFailure.SecretIdNotFound", ErrAuthFailure, nil},
		{"AuthFailure.TokenFailure", ErrAuthFailure, nil},
		{"AuthFailure", ErrAuthFailure, nil},
		{"RequestLimitExceeded", ErrThrottled, nil},
		{"RequestLimitExceeded.GlobalRegionUinLimitExceeded", ErrThrottled, nil},
		{"InternalError", nil, nil},
		{"InvalidParameter.ScimSyncStatusError", nil, nil},
		{"FailedOperation.SSoStatusEnableNotClearIdentityProvider", nil, nil},
		{"InvalidParameter.RoleConfigurationNotExist", ErrNotFound, nil},
		{"InvalidParameter.RolePolicyNotExist", ErrNotFound, nil},
		{"ResourceNotFound.RoleConfigurationTaskNotFound", ErrNotFound, nil},
		{"ResourceNotFound.RoleConfigurationProvisioningNotFound", ErrNotFound, nil},
		{"ResourceNotFound.RoleConfigurationAuthorizationNotFound", ErrNotFound, nil},
		{"FailedOperation.OrganizationMemberNotExist", ErrMemberNotFound, ErrNotFound},
		{"ResourceNotFound.OrganizationNodeNotExist", nil, nil},
		{"ResourceNotFound.OrganizationServiceNotExist", nil, nil},
		{"InvalidParameter.ConfigurationNameAlreadyExists", ErrAlreadyExists, nil},
		{"InvalidParameter.PolicyNameAlreadyExists", ErrAlreadyExists, nil},
		{"FailedOperation.RoleConfigurationAuthorizationAlreadyExist", ErrAlreadyExists, nil},
		{"FailedOperation.RoleConfigurationProvisioningAlreadyDeployed", ErrInUse, nil},
		{"InvalidParameter.RolePolicyAlreadyExist", ErrInUse, nil},
		{"FailedOperation.RoleConfigurationAuthorizationExist", ErrInUse, nil},
		{"FailedOperation.ConfigurationOverUpperLimit", ErrLimitExceeded, nil},
		{"FailedOperation.SystemPolicyOverUpperLimit", ErrLimitExceeded, nil},
		{"FailedOperation.CustomPolicyOverUpperLimit", ErrLimitExceeded, nil},
		{"FailedOperation.RoleConfigurationAuthorizationOverLimit", ErrLimitExceeded, nil},
		{"LimitExceeded.CreateRoleAssignmentLimitExceeded", ErrLimitExceeded, nil},
		{"FailedOperation.RoleConfigurationProvisioningStatusError", nil, nil},
		{"InvalidParameter.PolicyTypeError", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			err := fmt.Errorf("wrapped: %w", &APIError{Action: "X", Code: tt.code, Message: "m", RequestID: "r"})
			for _, s := range all {
				if got, want := errors.Is(err, s), s == tt.want || (tt.also != nil && s == tt.also); got != want {
					t.Errorf("errors.Is(%s, %q) = %v, want %v", tt.code, s, got, want)
				}
			}
		})
	}
}

func TestAPIErrorMessage(t *testing.T) {
	t.Parallel()
	e := &APIError{Action: "DeleteSCIMCredential", Code: "InvalidParameter.ScimCredentialNotFound", Message: "not found", RequestID: "abc"}
	want := "DeleteSCIMCredential: [InvalidParameter.ScimCredentialNotFound] not found (request ID abc)"
	if e.Error() != want {
		t.Errorf("Error() = %q, want %q", e.Error(), want)
	}
}

func TestOutcomeUnknownError(t *testing.T) {
	t.Parallel()
	err := fmt.Errorf("outer: %w", &OutcomeUnknownError{Action: "CreateSCIMCredential", Err: context.DeadlineExceeded})
	if !errors.Is(err, ErrOutcomeUnknown) || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("%v should match ErrOutcomeUnknown and its cause", err)
	}
	if errors.Is(err, ErrNotFound) {
		t.Error("outcome unknown must not look like not found")
	}
	if !strings.Contains(err.Error(), "CreateSCIMCredential") {
		t.Errorf("message %q does not name the action", err)
	}
}
