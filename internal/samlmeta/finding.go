package samlmeta

import "slices"

// Severity says whether a Finding blocks the metadata (SeverityError) or only
// deserves the user's attention (SeverityWarning).
type Severity int

const (
	// SeverityError findings mean Identity Center cannot use the document;
	// the provider turns them into plan-time errors.
	SeverityError Severity = iota
	// SeverityWarning findings describe a working configuration that is
	// about to break or is weaker than Identity Center expects.
	SeverityWarning
)

// String returns "error" or "warning", for logs and test failures.
func (s Severity) String() string {
	switch s {
	case SeverityError:
		return "error"
	case SeverityWarning:
		return "warning"
	default:
		return "unknown"
	}
}

// Finding is one problem found in a metadata document or certificate. The
// provider maps it one to one onto a diagnostic, so Summary is short and in
// Title Case and Detail is complete prose: what is wrong, where in the
// document, and what to do about it.
type Finding struct {
	Severity Severity
	Summary  string
	Detail   string
}

// Summaries used by the findings. They are stable so that callers and tests
// can recognise a kind of finding without parsing its Detail.
const (
	summaryInvalid          = "Invalid SAML Metadata"
	summaryTooLarge         = "SAML Metadata Too Large"
	summaryNotIdP           = "SAML Identity Provider Not Found"
	summaryManyIdPs         = "Multiple SAML Identity Providers"
	summaryNoSSO            = "SAML Single Sign-On Service Missing"
	summaryNoCertificate    = "SAML Signing Certificate Missing"
	summaryBadCertificate   = "Invalid SAML Certificate"
	summaryIgnoredKey       = "SAML Signing Key Ignored"
	summaryMetadataExpired  = "SAML Metadata Expired"
	summaryMetadataExpiring = "SAML Metadata Expiring Soon"
	summaryAllExpired       = "SAML Signing Certificates Expired"
	summaryCertExpired      = "SAML Certificate Expired"
	summaryCertExpiring     = "SAML Certificate Expiring Soon"
	summaryCertNotYetValid  = "SAML Certificate Not Yet Valid"
	summarySHA1             = "SAML Signing Uses SHA-1"
)

// HasErrors reports whether any finding is an error.
func HasErrors(f []Finding) bool {
	return slices.ContainsFunc(f, func(x Finding) bool { return x.Severity == SeverityError })
}

func errorFinding(summary, detail string) Finding {
	return Finding{Severity: SeverityError, Summary: summary, Detail: detail}
}

func warningFinding(summary, detail string) Finding {
	return Finding{Severity: SeverityWarning, Summary: summary, Detail: detail}
}
