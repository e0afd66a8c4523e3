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

// Kind says what a Finding is about, so that callers can tell findings apart
// (which attribute to blame, which validation pass reports it) without
// comparing their text.
type Kind int

const (
	// KindInvalid: the document is not SAML 2.0 metadata that can be read.
	KindInvalid Kind = iota + 1
	// KindTooLarge: the document is over the size limit.
	KindTooLarge
	// KindEncoded: the document is the base64 encoding of metadata, not
	// the XML itself.
	KindEncoded
	// KindNoIdP: the document describes no SAML 2.0 identity provider, or
	// none with the requested entity ID.
	KindNoIdP
	// KindSPMetadata: the document is a service provider's metadata (such
	// as Tencent Cloud's own), given where an IdP's belongs.
	KindSPMetadata
	// KindManyIdPs: several identity providers and none was picked.
	KindManyIdPs
	// KindNoSSO: no HTTP-Redirect or HTTP-POST single sign-on service.
	KindNoSSO
	// KindNoCertificate: no signing certificate.
	KindNoCertificate
	// KindBadCertificate: a certificate or signing key cannot be used.
	KindBadCertificate
	// KindIgnoredKey: a key or a chain certificate was skipped.
	KindIgnoredKey
	// KindMetadataExpired: validUntil has passed.
	KindMetadataExpired
	// KindMetadataExpiring: validUntil is near.
	KindMetadataExpiring
	// KindAllExpired: every signing certificate of the metadata has expired.
	KindAllExpired
	// KindCertExpired: a certificate has expired.
	KindCertExpired
	// KindCertExpiring: a certificate expires soon.
	KindCertExpiring
	// KindCertNotYetValid: a certificate's validity has not begun.
	KindCertNotYetValid
	// KindSHA1: SHA-1 is used for signing or digests.
	KindSHA1
)

// Summaries used by the findings, one per kind. They are stable so that
// tests can recognise a finding in a CLI's output.
const (
	summaryInvalid          = "Invalid SAML Metadata"
	summaryTooLarge         = "SAML Metadata Too Large"
	summaryEncoded          = "SAML Metadata Is Base64-Encoded"
	summaryNotIdP           = "SAML Identity Provider Not in Metadata"
	summarySPMetadata       = "Service Provider Metadata Instead of IdP Metadata"
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

var kindSummaries = map[Kind]string{
	KindInvalid:          summaryInvalid,
	KindTooLarge:         summaryTooLarge,
	KindEncoded:          summaryEncoded,
	KindNoIdP:            summaryNotIdP,
	KindSPMetadata:       summarySPMetadata,
	KindManyIdPs:         summaryManyIdPs,
	KindNoSSO:            summaryNoSSO,
	KindNoCertificate:    summaryNoCertificate,
	KindBadCertificate:   summaryBadCertificate,
	KindIgnoredKey:       summaryIgnoredKey,
	KindMetadataExpired:  summaryMetadataExpired,
	KindMetadataExpiring: summaryMetadataExpiring,
	KindAllExpired:       summaryAllExpired,
	KindCertExpired:      summaryCertExpired,
	KindCertExpiring:     summaryCertExpiring,
	KindCertNotYetValid:  summaryCertNotYetValid,
	KindSHA1:             summarySHA1,
}

// Summary is the Title Case summary of findings of this kind.
func (k Kind) Summary() string {
	if s, ok := kindSummaries[k]; ok {
		return s
	}
	return "SAML Metadata Problem"
}

// DependsOnClock reports whether findings of this kind come and go with the
// current time (expiry and validity windows). The same document can be fine
// today and refused next month for these, and only for these, so callers that
// must give the same answer every time (`validate`, a provider function) leave
// them out.
func (k Kind) DependsOnClock() bool {
	switch k {
	case KindMetadataExpired, KindMetadataExpiring, KindAllExpired, KindCertExpired, KindCertExpiring, KindCertNotYetValid:
		return true
	}
	return false
}

// Finding is one problem found in a metadata document or certificate. The
// provider maps it one to one onto a diagnostic, so Summary is short and in
// Title Case and Detail is complete prose: what is wrong, where in the
// document, and what to do about it.
type Finding struct {
	Kind     Kind
	Severity Severity
	Summary  string
	Detail   string
}

// DependsOnClock reports whether the finding depends on the current time.
func (f Finding) DependsOnClock() bool { return f.Kind.DependsOnClock() }

// HasErrors reports whether any finding is an error.
func HasErrors(f []Finding) bool {
	return slices.ContainsFunc(f, func(x Finding) bool { return x.Severity == SeverityError })
}

func errorFinding(kind Kind, detail string) Finding {
	return Finding{Kind: kind, Severity: SeverityError, Summary: kind.Summary(), Detail: detail}
}

func warningFinding(kind Kind, detail string) Finding {
	return Finding{Kind: kind, Severity: SeverityWarning, Summary: kind.Summary(), Detail: detail}
}
