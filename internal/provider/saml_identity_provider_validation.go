package provider

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/samlmeta"
)

var (
	pathMetadataXML      = path.Root("metadata_xml")
	pathEncodedMetadata  = path.Root("encoded_metadata_document")
	pathEntityID         = path.Root("entity_id")
	pathLoginURL         = path.Root("login_url")
	pathX509Certificates = path.Root("x509_certificates")
)

// findingPhase selects the findings one validation pass reports.
type findingPhase int

const (
	phaseStructure findingPhase = iota // ValidateConfig: everything that does not depend on the clock
	phaseClock                         // ModifyPlan: expiry and validity windows
)

func (p findingPhase) wants(f samlmeta.Finding) bool {
	return f.DependsOnClock() == (p == phaseClock)
}

// parse reads a metadata document for the phase: phaseStructure judges nothing against the
// clock, so that its verdict (and the metadata it returns, which validateModes compares
// login_url with) is the same on any day; phaseClock judges at now.
func (p findingPhase) parse(doc []byte, entityID string, now time.Time) (*samlmeta.Metadata, []samlmeta.Finding) {
	if p == phaseStructure {
		return samlmeta.Parse(doc, samlmeta.Options{IgnoreClock: true, EntityID: entityID})
	}
	return samlmeta.Parse(doc, samlmeta.Options{Now: now, EntityID: entityID})
}

// certificate reads a certificate given by hand for the phase, as parse does a document.
func (p findingPhase) certificate(s string, now time.Time) []samlmeta.Finding {
	if p == phaseStructure {
		_, findings := samlmeta.ReadCertificate(s)
		return findings
	}
	_, findings := samlmeta.ParseCertificate(s, now)
	return findings
}

// addFinding turns a samlmeta finding into a diagnostic on the attribute it is about. Findings
// are written to be shown as they are: their Detail already says what to do.
func addFinding(diags *diag.Diagnostics, at path.Path, f samlmeta.Finding) {
	if f.Severity == samlmeta.SeverityError {
		diags.AddAttributeError(at, f.Summary, f.Detail)
		return
	}
	diags.AddAttributeWarning(at, f.Summary, f.Detail)
}

// presence is what the configuration says about one attribute: absent (null), set, or not
// known yet (a module variable, `var.manual ? x : null`, another resource's attribute).
type presence int

const (
	absent presence = iota
	set
	notKnownYet
)

func presenceOf(v attr.Value) presence {
	switch {
	case v.IsUnknown():
		return notKnownYet
	case v.IsNull():
		return absent
	}
	return set
}

// validateModes checks that the configuration picks exactly one way of describing the IdP,
// and that way's own rules (idpDescription.validate; implied is the configured metadata,
// parsed, or nil while it is not known or does not parse). Only what is known counts: a value
// not known yet is neither set nor absent, and every verdict that depends on it is left to a
// later call. The CLIs validate the configuration again with the values known before they
// plan it, and once more at apply for values that come from other resources, so the same
// check then decides.
func validateModes(m *samlIdentityProviderModel, implied *samlmeta.Metadata, diags *diag.Diagnostics) {
	var given []documentDescription
	pending := false
	for _, d := range documentDescriptions {
		switch presenceOf(d.value(m)) {
		case set:
			given = append(given, d)
		case notKnownYet:
			pending = true
		}
	}
	switch {
	case len(given) > 1:
		diags.AddAttributeError(pathEncodedMetadata, "Conflicting SAML Metadata",
			"metadata_xml and encoded_metadata_document both give the identity provider's metadata; set only one of them: "+
				"metadata_xml for the XML document itself (for example file(\"idp-metadata.xml\")), or encoded_metadata_document for its base64 encoding.")
	case len(given) == 1:
		given[0].validate(m, implied, diags)
	case pending:
		// Metadata or not is not known yet, so neither a conflict nor a missing setting is.
	default:
		byHand.validate(m, implied, diags)
	}
}

// checkIdentityProvider validates the configured metadata or certificates with samlmeta and
// adds the findings of phase; now is the clock of phaseClock (phaseStructure has none). It
// returns the parsed metadata of a document (nil when the IdP is described by hand, on errors,
// or while a value is unknown).
func checkIdentityProvider(m *samlIdentityProviderModel, now time.Time, phase findingPhase, diags *diag.Diagnostics) *samlmeta.Metadata {
	return describedBy(m).check(m, now, phase, diags)
}

// loginURLValidator accepts the login URL of a hand-configured IdP: an absolute https URL, or
// an http URL on a loopback host. Identity Center sends users' browsers to this URL with their
// SAML requests, so plain http is refused except for an IdP running on the user's own machine
// for tests (localhost, 127.0.0.0/8, ::1). Metadata documents are judged by samlmeta instead.
type loginURLValidator struct{}

var _ validator.String = loginURLValidator{}

func (v loginURLValidator) Description(context.Context) string {
	return "must be an absolute https URL (http only for a loopback host such as localhost)"
}

func (v loginURLValidator) MarkdownDescription(context.Context) string {
	return "must be an absolute `https://` URL (`http://` only for a loopback host such as `localhost`)"
}

func (v loginURLValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := checkLoginURL(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid SAML Login URL",
			fmt.Sprintf("login_url %q %s. Set it to the identity provider's SAML 2.0 single sign-on URL, for example "+
				"https://example.onelogin.com/trust/saml2/http-redirect/sso/0a1b2c3d, as its SAML settings show it.", req.ConfigValue.ValueString(), err))
	}
}

func checkLoginURL(s string) error {
	u, err := url.Parse(s)
	switch {
	case err != nil || strings.TrimSpace(s) != s:
		return errors.New("is not a valid URL")
	case u.Scheme != "https" && u.Scheme != "http":
		return errors.New("is not an https URL")
	case u.Host == "" || u.Hostname() == "":
		return errors.New("has no host")
	case u.Scheme == "http" && !idc.IsLoopbackHost(u.Hostname()):
		return errors.New("uses plain http, which would send sign-in requests unencrypted; use https (http is accepted only for a loopback host)")
	}
	return nil
}

// listKnown reports whether a list and every element of it are known.
func listKnown(l types.List) bool {
	if l.IsUnknown() {
		return false
	}
	for _, e := range l.Elements() {
		if e.IsUnknown() {
			return false
		}
	}
	return true
}
