package provider

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

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

// validateModes checks that the configuration picks exactly one way of describing the IdP.
// Only what is known counts: a value not known yet is neither set nor absent, and every
// verdict that depends on it is left to a later call. The CLIs validate the configuration
// again with the values known before they plan it, and once more at apply for values that
// come from other resources, so the same check then decides.
//
// implied is the configured metadata, parsed (nil while it is not known or does not parse): a
// login_url that repeats the login URL it gives conflicts with nothing. `plan
// -generate-config-out` writes every optional attribute the import read back, login_url
// included, next to metadata_xml, and that configuration must plan as it was written.
func validateModes(m *samlIdentityProviderModel, implied *samlmeta.Metadata, diags *diag.Diagnostics) {
	xml, encoded := presenceOf(m.MetadataXML), presenceOf(m.EncodedMetadataDocument)
	entity, login, certs := presenceOf(m.EntityID), presenceOf(m.LoginURL), presenceOf(m.X509Certificates)

	if xml == set && encoded == set {
		diags.AddAttributeError(pathEncodedMetadata, "Conflicting SAML Metadata",
			"metadata_xml and encoded_metadata_document both give the identity provider's metadata; set only one of them: "+
				"metadata_xml for the XML document itself (for example file(\"idp-metadata.xml\")), or encoded_metadata_document for its base64 encoding.")
		return
	}
	switch {
	case xml == set || encoded == set:
		given := "metadata_xml"
		if encoded == set {
			given = "encoded_metadata_document"
		}
		if login == set && implied != nil && m.LoginURL.ValueString() != implied.LoginURL {
			diags.AddAttributeError(pathLoginURL, "Conflicting SAML Identity Provider Settings",
				fmt.Sprintf("login_url cannot be set together with %s: the login URL comes from the metadata, which gives %q, not %q. Remove login_url, "+
					"or remove %s to configure the identity provider by entity_id, login_url and x509_certificates instead.",
					given, implied.LoginURL, m.LoginURL.ValueString(), given))
		}
		if certs == set {
			diags.AddAttributeError(pathX509Certificates, "Conflicting SAML Identity Provider Settings",
				fmt.Sprintf("x509_certificates cannot be set together with %s: the signing certificates come from the metadata. Remove x509_certificates, "+
					"or remove %s to configure the identity provider by entity_id, login_url and x509_certificates instead.", given, given))
		}
		return
	case xml == notKnownYet || encoded == notKnownYet:
		// Metadata or not is not known yet, so neither a conflict nor a missing setting is.
		return
	}
	if entity == absent && login == absent && certs == absent {
		diags.AddError("Missing SAML Identity Provider Configuration",
			"Describe the identity provider either by its metadata, with metadata_xml (for example file(\"idp-metadata.xml\")) or encoded_metadata_document (base64), "+
				"or by hand, with entity_id, login_url and x509_certificates together.")
		return
	}
	const manual = "Without metadata_xml or encoded_metadata_document, the identity provider is configured by hand and needs entity_id, login_url and x509_certificates together; "
	if entity == absent {
		diags.AddAttributeError(pathEntityID, "Missing SAML Entity ID",
			manual+"entity_id is not set. Set it to the identity provider's entity ID (issuer), as its SAML settings show it, or give its metadata instead.")
	}
	if login == absent {
		diags.AddAttributeError(pathLoginURL, "Missing SAML Login URL",
			manual+"login_url is not set. Set it to the identity provider's SAML 2.0 single sign-on URL (HTTP-Redirect or HTTP-POST binding), or give its metadata instead.")
	}
	if certs == absent {
		diags.AddAttributeError(pathX509Certificates, "Missing SAML Signing Certificate",
			manual+"x509_certificates is not set. Set it to the identity provider's signing certificate in PEM, or give its metadata instead.")
	}
}

// configuredDocument returns the metadata document of a metadata-mode configuration and the
// attribute it came from; ok is false in manual mode, when the value is unknown, or when the
// base64 does not decode (reported in phaseStructure).
func configuredDocument(m *samlIdentityProviderModel, phase findingPhase, diags *diag.Diagnostics) (doc []byte, at path.Path, ok bool) {
	switch {
	case !m.MetadataXML.IsNull():
		if m.MetadataXML.IsUnknown() {
			return nil, pathMetadataXML, false
		}
		return []byte(m.MetadataXML.ValueString()), pathMetadataXML, true
	case !m.EncodedMetadataDocument.IsNull():
		if m.EncodedMetadataDocument.IsUnknown() {
			return nil, pathEncodedMetadata, false
		}
		doc, err := samlmeta.DecodeEncodedDocument(m.EncodedMetadataDocument.ValueString())
		if err != nil {
			if phase == phaseStructure {
				diags.AddAttributeError(pathEncodedMetadata, "Invalid Encoded SAML Metadata",
					fmt.Sprintf("encoded_metadata_document must be the base64 encoding of the identity provider's metadata XML: %s. "+
						"Use filebase64(\"idp-metadata.xml\"), or give the XML itself with metadata_xml = file(\"idp-metadata.xml\").", err))
			}
			return nil, pathEncodedMetadata, false
		}
		return doc, pathEncodedMetadata, true
	}
	return nil, path.Empty(), false
}

// checkIdentityProvider validates the configured metadata or certificates with samlmeta and
// adds the findings of phase; now is the clock of phaseClock (phaseStructure has none). It returns the parsed metadata in metadata mode (nil in
// manual mode, on errors, or while a value is unknown).
func checkIdentityProvider(m *samlIdentityProviderModel, now time.Time, phase findingPhase, diags *diag.Diagnostics) *samlmeta.Metadata {
	if doc, at, ok := configuredDocument(m, phase, diags); ok {
		if m.EntityID.IsUnknown() {
			return nil
		}
		entityID := m.EntityID.ValueString()
		md, findings := phase.parse(doc, entityID, now)
		for _, f := range findings {
			if !phase.wants(f) {
				continue
			}
			where := at
			switch {
			case f.Kind == samlmeta.KindNoIdP && entityID != "":
				where = pathEntityID
			case f.Kind == samlmeta.KindEncoded:
				f.Detail = "metadata_xml holds the base64 encoding of the metadata document (as filebase64() gives it), not the XML itself. " +
					"Give the XML, metadata_xml = file(\"idp-metadata.xml\"), or give the base64 as encoded_metadata_document = filebase64(\"idp-metadata.xml\") " +
					"instead of metadata_xml."
			}
			addFinding(diags, where, f)
		}
		if md != nil && phase == phaseStructure && len(md.Certificates) > maxIdPCertificates {
			diags.AddAttributeError(at, "Too Many SAML Signing Certificates",
				fmt.Sprintf("The metadata lists %d distinct signing certificates; Identity Center keeps at most %d. "+
					"Remove the retired certificates from the identity provider (finish the rollover) and download its metadata again.",
					len(md.Certificates), maxIdPCertificates))
			return nil
		}
		return md
	}
	if m.X509Certificates.IsNull() || m.X509Certificates.IsUnknown() {
		return nil
	}
	seen := map[string]int{}
	for i, e := range m.X509Certificates.Elements() {
		s, ok := e.(types.String)
		if !ok || s.IsUnknown() || s.IsNull() {
			continue
		}
		at := pathX509Certificates.AtListIndex(i)
		for _, f := range phase.certificate(s.ValueString(), now) {
			if phase.wants(f) {
				addFinding(diags, at, f)
			}
		}
		if phase != phaseStructure {
			continue
		}
		fp, ok := certificateFingerprint(s.ValueString())
		if !ok {
			continue
		}
		if j, dup := seen[fp]; dup {
			diags.AddAttributeError(at, "Duplicate SAML Certificate",
				fmt.Sprintf("x509_certificates[%d] is the same certificate as x509_certificates[%d] (SHA-256 fingerprint %s). "+
					"List each signing certificate once.", i, j, fp))
			continue
		}
		seen[fp] = i
	}
	return nil
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
	case u.Scheme == "http" && !isLoopbackHost(u.Hostname()):
		return errors.New("uses plain http, which would send sign-in requests unencrypted; use https (http is accepted only for a loopback host)")
	}
	return nil
}

func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
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
