package idcsim

import "fmt"

// Error codes the simulator answers with. Common codes come from Tencent's common error table,
// the others from the Identity Center reference.
const (
	codeInternalError         = "InternalError"
	codeInvalidAction         = "InvalidAction"
	codeInvalidParameter      = "InvalidParameter"
	codeInvalidParameterValue = "InvalidParameterValue"
	codeMissingParameter      = "MissingParameter"
	codeNoSuchVersion         = "NoSuchVersion"
	codeRequestLimitExceeded  = "RequestLimitExceeded"
	codeUnknownParameter      = "UnknownParameter"
	codeUnsupportedProtocol   = "UnsupportedProtocol"

	codeAuthInvalidAuthorization = "AuthFailure.InvalidAuthorization"
	codeAuthSecretIDNotFound     = "AuthFailure.SecretIdNotFound"
	codeAuthSignatureExpire      = "AuthFailure.SignatureExpire"
	codeAuthSignatureFailure     = "AuthFailure.SignatureFailure"
	codeAuthTokenFailure         = "AuthFailure.TokenFailure"

	codeZoneIDNotExist = "FailedOperation.ZoneIdNotExist"

	codeScimCredentialLimitExceeded = "LimitExceeded.ScimCredentialLimitExceeded"
	codeScimCredentialNotFound      = "InvalidParameter.ScimCredentialNotFound"
	codeScimSyncStatusError         = "InvalidParameter.ScimSyncStatusError"
	codeScimCredentialStatusError   = "InvalidParameter.UserScimCredentialStatusError"

	codeSAMLIdentityProviderNotFound   = "ResourceNotFound.SAMLIdentityProviderNotFound"
	codeSSOStatusEnableNotClear        = "FailedOperation.SSoStatusEnableNotClearIdentityProvider"
	codeSSOStatusInvalid               = "InvalidParameterValue.SSoStatusInvalid"
	codeDecodeMetadataDocumentFailed   = "FailedOperation.DecodeMetadataDocumentFailed"
	codeMetadataCosParsingFailed       = "FailedOperation.MetadataCosParsingFailed"
	codeXMLDataUnmarshalFailed         = "FailedOperation.XMLDataUnmarshalFailed"
	codeX509CertificateParsingFailed   = "FailedOperation.X509CertificateParsingFailed"
	codeX509CertificateFormatError     = "InvalidParameterValue.X509CertificateFormatError"
	codeX509CertificateAlreadyExist    = "FailedOperation.X509CertificateAlreadyExist"
	codeX509CertificateLimitExceeded   = "FailedOperation.X509CertificateLimitExceeded"
	codeX509CertificateMinimumRequired = "FailedOperation.X509CertificateMinimumRequired"
	codeX509CertificateNotFound        = "ResourceNotFound.X509CertificateNotFound"

	codeNextTokenInvalid = "InvalidParameter.NextTokenInvalid"
	codeParamError       = "InvalidParameter.ParamError"

	codeUserNotExist          = "ResourceNotFound.UserNotExist"
	codeUsernameAlreadyExists = "InvalidParameter.UsernameAlreadyExists"
	codeUsernameFormatError   = "InvalidParameter.UsernameFormatError"
	codeEmailAlreadyExists    = "InvalidParameter.EmailAlreadyExists"
	codeUserAlreadyExistsGrp  = "InvalidParameter.UserAlreadyExistsGroup"
	codeUserOverUpperLimit    = "FailedOperation.UserOverUpperLimit"

	codeSynchronizedUserNotUpdate      = "FailedOperation.SynchronizedUserNotUpdate"
	codeSynchronizedUserNotDelete      = "FailedOperation.SynchronizedUserNotDelete"
	codeSynchronizedGroupNotUpdate     = "FailedOperation.SynchronizedGroupNotUpdate"
	codeSynchronizedGroupNotDelete     = "FailedOperation.SynchronizedGroupNotDelete"
	codeSynchronizedGroupNotAddUser    = "FailedOperation.SynchronizedGroupNotAddUser"
	codeSynchronizedGroupNotRemoveUser = "FailedOperation.SynchronizedGroupNotRemoveUser"
	codeGroupNotExist                  = "InvalidParameter.GroupNotExist"
	codeGroupNameAlreadyExists         = "InvalidParameter.GroupNameAlreadyExists"
	codeGroupNameFormatError           = "InvalidParameter.GroupNameFormatError"
	codeGroupOverUpperLimit            = "FailedOperation.GroupOverUpperLimit"
	codeGroupUserAlreadyExists         = "InvalidParameter.GroupUserAlreadyExists"
	codeGroupUserNotExist              = "InvalidParameter.GroupUserNotExist"
	codeGroupTypeUserTypeNotMatch      = "FailedOperation.GroupTypeUserTypeNotMatch"
	codeDeleteGroupNotAllowExistUser   = "FailedOperation.DeleteGroupNotAllowExistUser"

	// Organization (identity-center-authorization-api.md §7, §9).
	codeOrganizationNodeNotExist = "ResourceNotFound.OrganizationNodeNotExist"

	// Role configurations and their policies (§2, §3, §9).
	codeConfigurationOverUpperLimit    = "FailedOperation.ConfigurationOverUpperLimit"
	codeConfigurationNameAlreadyExists = "InvalidParameter.ConfigurationNameAlreadyExists"
	codeConfigurationNameFormatError   = "InvalidParameter.ConfigurationNameFormatError"
	codeRoleConfigurationNotExist      = "InvalidParameter.RoleConfigurationNotExist"
	codeProvisioningAlreadyDeployed    = "FailedOperation.RoleConfigurationProvisioningAlreadyDeployed"
	codeRolePolicyAlreadyExist         = "InvalidParameter.RolePolicyAlreadyExist"
	codeSystemPolicyOverUpperLimit     = "FailedOperation.SystemPolicyOverUpperLimit"
	codeCustomPolicyOverUpperLimit     = "FailedOperation.CustomPolicyOverUpperLimit"
	codeBindPolicyNameNotAllowed       = "InvalidParameter.BindPolicyNameNotAllowed"
	codePolicyDocumentEmpty            = "InvalidParameter.PolicyDocumentEmpty"
	codePolicyNameAlreadyExists        = "InvalidParameter.PolicyNameAlreadyExists"
	codePolicyNameSizeOverUpperLimit   = "InvalidParameter.PolicyNameSizeOverUpperLimit"
	codePolicyTypeError                = "InvalidParameter.PolicyTypeError"
	codeRolePolicyNotExist             = "InvalidParameter.RolePolicyNotExist"

	// Provisioning, assignments and tasks (§4–§6, §9).
	codeOrganizationMemberNotExist    = "FailedOperation.OrganizationMemberNotExist"
	codeRoleAuthorizationExist        = "FailedOperation.RoleConfigurationAuthorizationExist"
	codeProvisioningStatusError       = "FailedOperation.RoleConfigurationProvisioningStatusError"
	codeProvisioningNotFound          = "ResourceNotFound.RoleConfigurationProvisioningNotFound"
	codeRoleConfigurationTaskNotFound = "ResourceNotFound.RoleConfigurationTaskNotFound"
	codeAuthorizationAlreadyExist     = "FailedOperation.RoleConfigurationAuthorizationAlreadyExist"
	codeCreateAssignmentLimit         = "LimitExceeded.CreateRoleAssignmentLimitExceeded"
	codeRoleAuthorizationNotFound     = "ResourceNotFound.RoleConfigurationAuthorizationNotFound"
)

// apiError is an error the API answers with: it becomes Response.Error in the envelope. It also
// implements error so that the Go seeding API (AddUser, …) can return the same checks.
type apiError struct {
	Code    string
	Message string
}

func (e *apiError) Error() string {
	return e.Code + ": " + e.Message
}

func errf(code, format string, args ...any) *apiError {
	return &apiError{Code: code, Message: fmt.Sprintf(format, args...)}
}
