package idc

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestAPIErrorSentinels(t *testing.T) {
	all := []error{ErrNotFound, ErrIdentityCenterNotOpen, ErrLimitExceeded, ErrAuthFailure, ErrThrottled, ErrOutcomeUnknown}
	tests := []struct {
		code string
		want error // nil: matches no sentinel
	}{
		{"FailedOperation.ZoneIdNotExist", ErrNotFound},
		{"InvalidParameter.ScimCredentialNotFound", ErrNotFound},
		{"ResourceNotFound.SAMLIdentityProviderNotFound", ErrNotFound},
		{"ResourceNotFound.SAMLServiceProviderNotFound", ErrNotFound},
		{"ResourceNotFound.X509CertificateNotFound", ErrNotFound},
		{"ResourceNotFound.UserNotExist", ErrNotFound},
		{"InvalidParameter.GroupNotExist", ErrNotFound},
		{"InvalidParameter.GroupUserNotExist", ErrNotFound},
		{"ResourceNotFound", ErrNotFound},
		{"ResourceNotFound.SomethingNew", ErrNotFound},
		{"ResourceNotFound.ServiceRoleNotExist", nil},
		{"ResourceNotFound.OrganizationNotExist", nil},
		{"FailedOperation.IdentityCenterNotOpen", ErrIdentityCenterNotOpen},
		{"FailedOperation.IdentityCenterOrganizationNotOpen", nil},
		{"LimitExceeded.ScimCredentialLimitExceeded", ErrLimitExceeded},
		{"LimitExceeded", ErrLimitExceeded},
		{"FailedOperation.X509CertificateLimitExceeded", nil},
		{"AuthFailure.SignatureFailure", ErrAuthFailure},
		{"AuthFailure.SecretIdNotFound", ErrAuthFailure},
		{"AuthFailure.TokenFailure", ErrAuthFailure},
		{"AuthFailure", ErrAuthFailure},
		{"RequestLimitExceeded", ErrThrottled},
		{"RequestLimitExceeded.GlobalRegionUinLimitExceeded", ErrThrottled},
		{"InternalError", nil},
		{"InvalidParameter.ScimSyncStatusError", nil},
		{"FailedOperation.SSoStatusEnableNotClearIdentityProvider", nil},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			err := fmt.Errorf("wrapped: %w", &APIError{Action: "X", Code: tt.code, Message: "m", RequestID: "r"})
			for _, s := range all {
				if got, want := errors.Is(err, s), s == tt.want; got != want {
					t.Errorf("errors.Is(%s, %q) = %v, want %v", tt.code, s, got, want)
				}
			}
		})
	}
}

func TestAPIErrorMessage(t *testing.T) {
	e := &APIError{Action: "DeleteSCIMCredential", Code: "InvalidParameter.ScimCredentialNotFound", Message: "not found", RequestID: "abc"}
	want := "DeleteSCIMCredential: [InvalidParameter.ScimCredentialNotFound] not found (request ID abc)"
	if e.Error() != want {
		t.Errorf("Error() = %q, want %q", e.Error(), want)
	}
}

func TestOutcomeUnknownError(t *testing.T) {
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
