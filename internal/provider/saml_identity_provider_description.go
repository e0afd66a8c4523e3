package provider

import (
	"context"
	"encoding/base64"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/samlmeta"
)

// idpDescription is one way a configuration describes the identity provider: by its metadata
// document, in metadata_xml or (base64) in encoded_metadata_document, or by hand with entity_id,
// login_url and x509_certificates. Each way knows how it is validated, when a plan says the same
// as the prior state in other words, how it is uploaded, and how a document the service holds
// reads back into it; the resource looks the way up once (describedBy) instead of deciding it
// again in every step.
type idpDescription interface {
	// String names the way in logs: its attribute, or "manual".
	String() string
	// check validates the description with samlmeta and adds the findings of phase (now is the
	// clock of phaseClock). It returns the parsed metadata of a document, else nil.
	check(m *samlIdentityProviderModel, now time.Time, phase findingPhase, diags *diag.Diagnostics) *samlmeta.Metadata
	// validate checks the attributes this way needs or rules out; implied is what check parsed.
	validate(m *samlIdentityProviderModel, implied *samlmeta.Metadata, diags *diag.Diagnostics)
	// keepEquivalent puts the prior state's text back into plan where both describe the IdP
	// this way and mean the same.
	keepEquivalent(ctx context.Context, plan, state *samlIdentityProviderModel)
	// changed reports whether plan describes another IdP than state, both this way, beyond the
	// entity ID and login URL.
	changed(ctx context.Context, plan, state *samlIdentityProviderModel) bool
	// replacesCertificates reports whether uploading plan over state (both this way) stores
	// the certificates anew, which gives them new IDs.
	replacesCertificates(ctx context.Context, plan, state *samlIdentityProviderModel) bool
	// upload makes the service hold plan's IdP; prior is nil on create.
	upload(ctx context.Context, w idpWriter, plan, prior *samlIdentityProviderModel) diag.Diagnostics
	// readDocument shows in m, the prior state described this way, the document the service
	// holds (stored, and as the service encodes it).
	readDocument(m *samlIdentityProviderModel, stored []byte, encoded string)
}

var (
	byMetadataXML     = documentDescription{form: formXML}
	byEncodedMetadata = documentDescription{form: formEncoded}
	byHand            = manualDescription{}
)

// documentDescriptions are the ways by a document, in precedence order.
var documentDescriptions = []documentDescription{byMetadataXML, byEncodedMetadata}

// describedBy returns the way m describes the IdP: the first metadata attribute that is not
// null (a value not known yet counts), else by hand.
func describedBy(m *samlIdentityProviderModel) idpDescription {
	for _, d := range documentDescriptions {
		if !d.value(m).IsNull() {
			return d
		}
	}
	return byHand
}

// documentDescription describes the IdP by its metadata document, in one of the two forms.
type documentDescription struct {
	form metadataForm
}

func (d documentDescription) String() string { return d.attribute() }

func (d documentDescription) attribute() string {
	if d.form == formEncoded {
		return "encoded_metadata_document"
	}
	return "metadata_xml"
}

func (d documentDescription) path() path.Path {
	if d.form == formEncoded {
		return pathEncodedMetadata
	}
	return pathMetadataXML
}

func (d documentDescription) value(m *samlIdentityProviderModel) *metadataValue {
	if d.form == formEncoded {
		return &m.EncodedMetadataDocument
	}
	return &m.MetadataXML
}

// document returns m's document, decoded.
func (d documentDescription) document(m *samlIdentityProviderModel) ([]byte, error) {
	v := d.value(m).ValueString()
	if d.form == formEncoded {
		return samlmeta.DecodeEncodedDocument(v)
	}
	return []byte(v), nil
}

func (d documentDescription) check(m *samlIdentityProviderModel, now time.Time, phase findingPhase, diags *diag.Diagnostics) *samlmeta.Metadata {
	// Until the document is known or while it does not decode, certificates given by hand are
	// judged as they would be without it; validateModes decides whether they may be given.
	if d.value(m).IsUnknown() {
		return byHand.check(m, now, phase, diags)
	}
	at := d.path()
	doc, err := d.document(m)
	if err != nil {
		if phase == phaseStructure {
			diags.AddAttributeError(at, "Invalid Encoded SAML Metadata",
				fmt.Sprintf("encoded_metadata_document must be the base64 encoding of the identity provider's metadata XML: %s. "+
					"Use filebase64(\"idp-metadata.xml\"), or give the XML itself with metadata_xml = file(\"idp-metadata.xml\").", err))
		}
		return byHand.check(m, now, phase, diags)
	}
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
		case f.Kind == samlmeta.KindEncoded && d.form == formXML:
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

// validate refuses the settings the document gives. A login_url that repeats the login URL
// the document gives (implied) conflicts with nothing: `plan -generate-config-out` writes
// every optional attribute the import read back, login_url included, next to metadata_xml,
// and that configuration must plan as it was written.
func (d documentDescription) validate(m *samlIdentityProviderModel, implied *samlmeta.Metadata, diags *diag.Diagnostics) {
	given := d.attribute()
	if presenceOf(m.LoginURL) == set && implied != nil && m.LoginURL.ValueString() != implied.LoginURL {
		diags.AddAttributeError(pathLoginURL, "Conflicting SAML Identity Provider Settings",
			fmt.Sprintf("login_url cannot be set together with %s: the login URL comes from the metadata, which gives %q, not %q. Remove login_url, "+
				"or remove %s to configure the identity provider by entity_id, login_url and x509_certificates instead.",
				given, implied.LoginURL, m.LoginURL.ValueString(), given))
	}
	if presenceOf(m.X509Certificates) == set {
		diags.AddAttributeError(pathX509Certificates, "Conflicting SAML Identity Provider Settings",
			fmt.Sprintf("x509_certificates cannot be set together with %s: the signing certificates come from the metadata. Remove x509_certificates, "+
				"or remove %s to configure the identity provider by entity_id, login_url and x509_certificates instead.", given, given))
	}
}

// keepEquivalent keeps the prior document when the planned one uploads the same metadata, by
// meaning, for the same entity ID.
func (d documentDescription) keepEquivalent(_ context.Context, plan, state *samlIdentityProviderModel) {
	planned, prior := d.value(plan), d.value(state)
	if planned.IsUnknown() || prior.IsNull() || planned.Equal(*prior) || !plan.EntityID.Equal(state.EntityID) {
		return
	}
	doc, err1 := d.document(plan)
	priorDoc, err2 := d.document(state)
	if err1 == nil && err2 == nil && sameUpload(doc, plan.EntityID.ValueString(), uploadDocument(priorDoc, state.EntityID.ValueString())) {
		*planned = *prior
	}
}

func (d documentDescription) changed(_ context.Context, plan, state *samlIdentityProviderModel) bool {
	return !d.value(plan).Equal(*d.value(state))
}

// replacesCertificates: every upload of metadata stores the document's certificates anew.
func (d documentDescription) replacesCertificates(context.Context, *samlIdentityProviderModel, *samlIdentityProviderModel) bool {
	return true
}

// upload sends the document (cut down to entity_id's IdP, see uploadDocument) and the SSO
// switch in one SetExternalSAMLIdentityProvider, which stores the document's certificates.
func (d documentDescription) upload(ctx context.Context, w idpWriter, plan, _ *samlIdentityProviderModel) diag.Diagnostics {
	var diags diag.Diagnostics
	doc, err := d.document(plan)
	if err != nil {
		diags.AddAttributeError(d.path(), "Invalid Encoded SAML Metadata", err.Error())
		return diags
	}
	encoded := base64.StdEncoding.EncodeToString(uploadDocument(doc, plan.EntityID.ValueString()))
	sso := plan.SSOEnabled.ValueBool()
	_, diags = w.set(ctx, idc.SetSAMLIdentityProviderInput{EncodedMetadataDocument: &encoded, SSOEnabled: &sso})
	return diags
}

// readDocument keeps the prior text while the service holds what it uploads, by meaning.
func (d documentDescription) readDocument(m *samlIdentityProviderModel, stored []byte, encoded string) {
	prior, err := d.document(m)
	if err != nil || !sameUpload(prior, m.EntityID.ValueString(), stored) {
		d.show(m, stored, encoded)
		return
	}
	d.clearOthers(m)
}

// show sets m to describe the IdP by the stored document, in this form.
func (d documentDescription) show(m *samlIdentityProviderModel, stored []byte, encoded string) {
	s := string(stored)
	if d.form == formEncoded {
		s = encoded
	}
	*d.value(m) = d.form.value(s)
	d.clearOthers(m)
}

func (d documentDescription) clearOthers(m *samlIdentityProviderModel) {
	for _, other := range documentDescriptions {
		if other != d {
			*other.value(m) = other.form.null()
		}
	}
}

// manualDescription describes the IdP by hand: entity_id, login_url and x509_certificates.
type manualDescription struct{}

func (manualDescription) String() string { return "manual" }

// check judges each certificate given by hand, and refuses one given twice.
func (manualDescription) check(m *samlIdentityProviderModel, now time.Time, phase findingPhase, diags *diag.Diagnostics) *samlmeta.Metadata {
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

// validate asks for the three settings together.
func (manualDescription) validate(m *samlIdentityProviderModel, _ *samlmeta.Metadata, diags *diag.Diagnostics) {
	entity, login, certs := presenceOf(m.EntityID), presenceOf(m.LoginURL), presenceOf(m.X509Certificates)
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

// keepEquivalent keeps the prior certificates when the planned ones are the same certificates,
// however they are written.
func (manualDescription) keepEquivalent(ctx context.Context, plan, state *samlIdentityProviderModel) {
	if !listKnown(plan.X509Certificates) || state.X509Certificates.IsNull() || plan.X509Certificates.Equal(state.X509Certificates) {
		return
	}
	if certificatesUnchanged(ctx, plan, state) {
		plan.X509Certificates = state.X509Certificates
	}
}

// changed: a document uploaded outside Terraform makes the prior state describe the IdP by
// the document, so the ways differ and the hand-made settings are applied again.
func (manualDescription) changed(ctx context.Context, plan, state *samlIdentityProviderModel) bool {
	return !certificatesUnchanged(ctx, plan, state)
}

// replacesCertificates: by hand, a new entity ID or login URL is sent alone, and the
// certificates change only when the configured ones do.
func (manualDescription) replacesCertificates(ctx context.Context, plan, state *samlIdentityProviderModel) bool {
	return !certificatesUnchanged(ctx, plan, state)
}

// upload, on create or when the IdP was described otherwise before, starts over: one Set with
// the entity ID, login URL, the first certificate (which replaces all stored ones), an empty
// document (which removes a stored one) and the SSO switch, then one
// AddExternalSAMLIdPCertificate per further certificate. Otherwise it sends one Set if the
// entity ID, login URL or SSO switch changed, then rotates the certificates (rotationSteps) if
// they changed.
func (manualDescription) upload(ctx context.Context, w idpWriter, plan, prior *samlIdentityProviderModel) diag.Diagnostics {
	wanted, diags := wantedCertificates(ctx, plan.X509Certificates)
	if diags.HasError() {
		return diags
	}
	sso := plan.SSOEnabled.ValueBool()
	entityID, loginURL := plan.EntityID.ValueString(), plan.LoginURL.ValueString()
	in := idc.SetSAMLIdentityProviderInput{EntityID: &entityID, LoginURL: &loginURL, SSOEnabled: &sso}
	if prior == nil || describedBy(prior) != byHand {
		// Start over: the first certificate replaces whatever is stored, and an empty
		// document removes a stored one, so that the service holds no metadata that would
		// contradict the hand-made settings.
		empty := ""
		in.EncodedMetadataDocument, in.X509Certificate = &empty, &wanted[0].pem
		ids, d := w.set(ctx, in)
		diags.Append(d...)
		if diags.HasError() {
			return diags
		}
		stored := []storedCertificate{{fingerprint: wanted[0].fingerprint}}
		if len(ids) == 1 {
			stored[0].id = ids[0]
		}
		diags.Append(w.rotate(ctx, stored, wanted)...)
		return diags
	}
	if !plan.EntityID.Equal(prior.EntityID) || !plan.LoginURL.Equal(prior.LoginURL) || !plan.SSOEnabled.Equal(prior.SSOEnabled) {
		_, d := w.set(ctx, in)
		diags.Append(d...)
		if diags.HasError() {
			return diags
		}
	}
	if certificatesUnchanged(ctx, plan, prior) {
		return diags
	}
	stored, d := w.storedCertificates(ctx)
	diags.Append(d...)
	if diags.HasError() {
		return diags
	}
	diags.Append(w.rotate(ctx, stored, wanted)...)
	return diags
}

// readDocument: a document the service holds though the prior state described the IdP by
// hand (after an import, or uploaded outside Terraform) shows in metadata_xml.
func (manualDescription) readDocument(m *samlIdentityProviderModel, stored []byte, encoded string) {
	byMetadataXML.show(m, stored, encoded)
}
