package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/samlmeta"
)

var (
	_ resource.Resource                   = (*samlIdentityProviderResource)(nil)
	_ resource.ResourceWithConfigure      = (*samlIdentityProviderResource)(nil)
	_ resource.ResourceWithImportState    = (*samlIdentityProviderResource)(nil)
	_ resource.ResourceWithIdentity       = (*samlIdentityProviderResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*samlIdentityProviderResource)(nil)
	_ resource.ResourceWithValidateConfig = (*samlIdentityProviderResource)(nil)
)

// NewSAMLIdentityProviderResource returns the tencentcloudidc_saml_identity_provider resource.
func NewSAMLIdentityProviderResource() resource.Resource {
	return &samlIdentityProviderResource{}
}

type samlIdentityProviderResource struct {
	resourceBase
}

type samlIdentityProviderModel struct {
	ID                      types.String   `tfsdk:"id"`
	ZoneID                  types.String   `tfsdk:"zone_id"`
	MetadataXML             metadataValue  `tfsdk:"metadata_xml"`
	EncodedMetadataDocument metadataValue  `tfsdk:"encoded_metadata_document"`
	EntityID                types.String   `tfsdk:"entity_id"`
	LoginURL                types.String   `tfsdk:"login_url"`
	X509Certificates        types.List     `tfsdk:"x509_certificates"`
	SSOEnabled              types.Bool     `tfsdk:"sso_enabled"`
	CertificateIDs          types.List     `tfsdk:"certificate_ids"`
	Certificates            types.List     `tfsdk:"certificates"`
	CreateTime              types.String   `tfsdk:"create_time"`
	UpdateTime              types.String   `tfsdk:"update_time"`
	Timeouts                timeouts.Value `tfsdk:"timeouts"`
}

func (r *samlIdentityProviderResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_saml_identity_provider"
}

func (r *samlIdentityProviderResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Configures the zone's external SAML 2.0 identity provider (IdP), the OneLogin, Okta, Entra ID, Google Workspace, " +
			"Keycloak or AD FS application that users sign in with, and turns single sign-on on or off.\n\n" +
			"Describe the IdP in exactly one way: by its metadata document (`metadata_xml`, or `encoded_metadata_document` for its base64), " +
			"or by hand (`entity_id`, `login_url` and `x509_certificates` together).\n\n" +
			"`validate` checks everything that does not depend on the date, so its verdict is the same on any day: the combination of " +
			"attributes, well-formed XML without a DTD, a SAML 2.0 identity provider (not SP metadata), a single sign-on URL, readable signing " +
			"certificates (at most two). `plan` also judges the date, before anything is sent: it refuses metadata whose signing certificates " +
			"have all expired or whose `validUntil` has passed, and an expired certificate given by hand. Warnings say when a certificate expires " +
			"within 30 days or SHA-1 is used. Metadata is compared by meaning " +
			"(canonical XML), so an IdP's re-export of the same metadata with other formatting plans no change.\n\n" +
			"A zone has one IdP: manage it from one configuration only. Destroying the resource turns single sign-on off and clears the IdP, " +
			"which brings back sign-in with user name and password.",
		Attributes: withAttributes(map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The zone ID.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"zone_id": zoneIDResourceAttribute(),
			"sso_enabled": schema.BoolAttribute{
				MarkdownDescription: "Whether single sign-on through this identity provider is on. Default `true`. While it is on, users sign in " +
					"only through the IdP (Identity Center turns user name and password sign-in off). Changed in place.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(true),
			},
		}, idpDescriptionAttributes(), idpServiceAttributes()),
		Blocks: map[string]schema.Block{
			"timeouts": timeoutsBlock(ctx),
		},
	}
}

// idpDescriptionAttributes are the attributes that describe the IdP, in the ways of
// idpDescription.
func idpDescriptionAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"metadata_xml": schema.StringAttribute{
			CustomType: samlMetadataType,
			MarkdownDescription: "The identity provider's SAML 2.0 metadata XML, as the IdP publishes it, for example " +
				"`file(\"${path.module}/onelogin-metadata.xml\")`. The entity ID, login URL and signing certificates are taken from it. " +
				"Compared by meaning: whitespace, indentation, attribute order, namespace prefixes, line endings, comments and a byte order mark " +
				"never plan a change. At most 1 MiB, UTF-8, no DTD. Conflicts with `encoded_metadata_document` and `x509_certificates`, and with a " +
				"`login_url` other than the document's. " +
				"Changing it updates the IdP in place.",
			Optional: true,
		},
		"encoded_metadata_document": schema.StringAttribute{
			CustomType: encodedMetadataType,
			MarkdownDescription: "The identity provider's SAML 2.0 metadata XML encoded in base64, as the official `tencentcloud` provider takes it, " +
				"for example `filebase64(\"${path.module}/idp-metadata.xml\")`. Line breaks in the base64 are ignored and the decoded documents are " +
				"compared by meaning, like `metadata_xml`. Prefer `metadata_xml` for new configurations: plans then show the XML. " +
				"Conflicts with `metadata_xml` and `x509_certificates`, and with a `login_url` other than the document's. Changing it updates the IdP in place.",
			Optional: true,
		},
		"entity_id": schema.StringAttribute{
			MarkdownDescription: "The identity provider's entity ID (issuer). Required when the IdP is configured by hand. With metadata it is " +
				"computed from the document and shown in the plan; set it only to pick one identity provider from metadata that describes several " +
				"(an `EntitiesDescriptor`): only that provider's `EntityDescriptor` is then uploaded. 1 to 1024 characters. Changing it updates the IdP in place.",
			Optional:   true,
			Computed:   true,
			Validators: []validator.String{stringvalidator.LengthBetween(1, 1024)},
		},
		"login_url": schema.StringAttribute{
			MarkdownDescription: "The identity provider's SAML 2.0 single sign-on URL, where Identity Center sends users to sign in. " +
				"Required when the IdP is configured by hand; it must then be an absolute `https://` URL (`http://` only for a loopback host " +
				"such as `localhost`, for a local test IdP). With metadata it is computed from the document (the HTTP-Redirect endpoint, else the " +
				"HTTP-POST one); set it there only to the URL the document gives, as `plan -generate-config-out` writes it after an import. " +
				"Changing it updates the IdP in place.",
			Optional:   true,
			Computed:   true,
			Validators: []validator.String{loginURLValidator{}},
		},
		"x509_certificates": schema.ListAttribute{
			ElementType: types.StringType,
			MarkdownDescription: fmt.Sprintf("The identity provider's signing certificates when it is configured by hand: 1 to %d, each in PEM "+
				"(`-----BEGIN CERTIFICATE-----`) or as the bare base64 of the DER bytes. Certificates are compared by SHA-256 fingerprint, so "+
				"re-wrapping the PEM plans no change. Changing the list rotates the certificates in place without a gap: new certificates are "+
				"added before the old ones are removed (when the IdP already holds %d, one certificate that is no longer listed is removed "+
				"first to make room, while another one stays). Expired certificates are refused by `plan` (not `validate`, which does not judge dates); those expiring within 30 days or "+
				"signed with SHA-1 draw a warning. Conflicts with `metadata_xml` and `encoded_metadata_document`.", maxIdPCertificates, maxIdPCertificates),
			Optional: true,
			Validators: []validator.List{adviseList(listvalidator.SizeBetween(1, maxIdPCertificates), fmt.Sprintf(
				"Identity Center keeps at most %d signing certificates per identity provider: list the current one, and during a rollover the next one too",
				maxIdPCertificates))},
		},
	}
}

// idpServiceAttributes are the attributes only the service knows.
func idpServiceAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"certificate_ids": schema.ListAttribute{
			ElementType: types.StringType,
			MarkdownDescription: "IDs (`idp-c-…`) of the signing certificates Identity Center stores for the IdP. They change whenever the certificates are stored " +
				"anew: on every upload of metadata, and by hand when the listed certificates change (not when only the entity ID, login URL or SSO switch does).",
			Computed: true,
		},
		// A list of objects rather than a nested attribute: Terraform before 1.6 crashes in
		// `plan -generate-config-out` on a computed-only nested attribute (its schema filter
		// drops the attribute, then dereferences it). The state is the same either way.
		"certificates": schema.ListAttribute{
			ElementType: types.ObjectType{AttrTypes: samlCertificateAttrTypes},
			MarkdownDescription: "The signing certificates Identity Center stores for the IdP, as it reports them, for monitoring their expiry " +
				"(for example with `timecmp(one(...).not_after, timeadd(plantimestamp(), \"720h\"))`). Each has its `id` (`idp-c-…`); its " +
				"`sha256_fingerprint`, lowercase hex pairs joined by colons, as `openssl x509 -fingerprint -sha256` prints it (in lowercase); its " +
				"`subject` and `issuer` distinguished names; its `serial_number` in decimal; its validity period, `not_before` and `not_after` (the " +
				"expiry), RFC 3339 in UTC; and its `signature_algorithm` as Identity Center reports it, in Java's names (`SHA256withRSA`, " +
				"`SHA256withECDSA`, `RSASSA-PSS`, `Ed25519`…, or the OID of an algorithm without a name), the names the `saml_metadata` function uses too.",
			Computed: true,
		},
		"create_time": schema.StringAttribute{
			MarkdownDescription: "When the IdP configuration was created, RFC 3339 in UTC. Reconfiguring the IdP in place keeps it, so plans show it known.",
			Computed:            true,
		},
		"update_time": schema.StringAttribute{
			MarkdownDescription: "When the IdP configuration last changed, RFC 3339 in UTC: known after apply in a plan that changes the IdP or the SSO switch.",
			Computed:            true,
		},
	}
}

// withAttributes merges groups of attributes into one schema's.
func withAttributes(groups ...map[string]schema.Attribute) map[string]schema.Attribute {
	out := map[string]schema.Attribute{}
	for _, g := range groups {
		maps.Copy(out, g)
	}
	return out
}

func (r *samlIdentityProviderResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = zoneIdentitySchema()
}

// ValidateConfig checks everything that does not depend on the clock, so that `validate`
// already catches a wrong combination of attributes, a broken document or certificate, and
// gives the same verdict on any day. Expiry is ModifyPlan's.
func (r *samlIdentityProviderResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg samlIdentityProviderModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	implied := checkIdentityProvider(&cfg, time.Time{}, phaseStructure, &resp.Diagnostics)
	validateModes(&cfg, implied, &resp.Diagnostics)
}

// ModifyPlan judges certificates and metadata against the clock, shows the entity ID and login
// URL a metadata document yields, and keeps the prior state wherever the configuration means
// the same thing in other words (reformatted metadata, re-wrapped certificates), so that such
// an edit plans nothing.
func (r *samlIdentityProviderResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	planZone(ctx, r.data, req, resp)
	if resp.Diagnostics.HasError() || req.Plan.Raw.IsNull() {
		return
	}
	var plan, cfg samlIdentityProviderModel
	resp.Diagnostics.Append(resp.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var state *samlIdentityProviderModel
	if !req.State.Raw.IsNull() {
		state = &samlIdentityProviderModel{}
		resp.Diagnostics.Append(req.State.Get(ctx, state)...)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	if !plan.ZoneID.IsUnknown() && !plan.ZoneID.IsNull() {
		plan.ID = plan.ZoneID
	}

	md := checkIdentityProvider(&cfg, time.Now(), phaseClock, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if md != nil {
		// Only where the configuration leaves them to the provider: a configured value, even
		// one not known yet, is the plan's.
		if cfg.EntityID.IsNull() {
			plan.EntityID = types.StringValue(md.EntityID)
		}
		if cfg.LoginURL.IsNull() {
			plan.LoginURL = types.StringValue(md.LoginURL)
		}
	}
	if state != nil {
		keepEquivalentConfiguration(ctx, &plan, state)
		// The framework marks computed values unknown only when the configuration changed; a
		// change seen by Read (drift) or by the checks above needs the same, and a configuration
		// that changed only in form needs the opposite.
		// The IdP is configured in place, so it keeps its creation time whatever changes.
		plan.CreateTime = state.CreateTime
		switch {
		case identityProviderChanged(ctx, &plan, state):
			plan.UpdateTime = types.StringUnknown()
			plan.CertificateIDs = state.CertificateIDs
			plan.Certificates = state.Certificates
			if certificatesReplaced(ctx, &plan, state) {
				plan.CertificateIDs = types.ListUnknown(types.StringType)
				plan.Certificates = types.ListUnknown(types.ObjectType{AttrTypes: samlCertificateAttrTypes})
			}
		default:
			plan.CertificateIDs = state.CertificateIDs
			plan.Certificates = state.Certificates
			plan.UpdateTime = state.UpdateTime
			if !plan.SSOEnabled.Equal(state.SSOEnabled) {
				plan.UpdateTime = types.StringUnknown()
			}
		}
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
	guardSingletonPlan(ctx, r.data, samlIdentityProviderSingleton, req, resp)
}

// keepEquivalentConfiguration replaces planned values by the prior state's when they mean the
// same. Terraform accepts a planned value that differs from the configuration when it equals
// the prior value; the framework applies semantic equality only after Read and apply, so this
// is what keeps a reformatted document from planning an update.
func keepEquivalentConfiguration(ctx context.Context, plan, state *samlIdentityProviderModel) {
	if d := describedBy(plan); d == describedBy(state) {
		d.keepEquivalent(ctx, plan, state)
	}
}

// identityProviderChanged reports whether the IdP itself (not just the SSO switch) differs
// between the plan and the prior state, after keepEquivalentConfiguration.
func identityProviderChanged(ctx context.Context, plan, state *samlIdentityProviderModel) bool {
	d := describedBy(plan)
	return d != describedBy(state) || !plan.EntityID.Equal(state.EntityID) || !plan.LoginURL.Equal(state.LoginURL) ||
		d.changed(ctx, plan, state)
}

// certificatesReplaced reports whether an apply that changes the IdP also changes the stored
// certificates, and with them their IDs: switching between ways of describing the IdP starts
// over, and otherwise the way decides.
func certificatesReplaced(ctx context.Context, plan, state *samlIdentityProviderModel) bool {
	d := describedBy(plan)
	return d != describedBy(state) || d.replacesCertificates(ctx, plan, state)
}

// certificatesUnchanged reports whether the configured certificates are the stored ones.
func certificatesUnchanged(ctx context.Context, plan, state *samlIdentityProviderModel) bool {
	if plan.X509Certificates.Equal(state.X509Certificates) {
		return true
	}
	if !listKnown(plan.X509Certificates) {
		return false
	}
	planned, d1 := stringList(ctx, plan.X509Certificates)
	prior, d2 := stringList(ctx, state.X509Certificates)
	return !d1.HasError() && !d2.HasError() && sameCertificates(planned, prior)
}

func (r *samlIdentityProviderResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan samlIdentityProviderModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, zone, ok := r.beginCreate(ctx, plan.Timeouts, plan.ZoneID, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}
	unlock := guardSingletonCreate(ctx, r.data, samlIdentityProviderSingleton, zone, &resp.Diagnostics)
	defer unlock()
	if resp.Diagnostics.HasError() {
		return
	}
	plan.ZoneID = types.StringValue(zone)
	plan.ID = types.StringValue(zone)
	resp.Diagnostics.Append(r.apply(ctx, "Create", zone, &plan, nil)...)
	if resp.Diagnostics.HasError() {
		restoreAfterFailedCreate(ctx, r.data, samlIdentityProviderSingleton, zone, &resp.Diagnostics)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(setZoneIdentity(ctx, resp.Identity, plan.ZoneID)...)
}

func (r *samlIdentityProviderResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state samlIdentityProviderModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, diags := withOperationTimeout(ctx, state.Timeouts, opRead)
	defer cancel()
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	zone := state.ZoneID.ValueString()
	observed, diags := r.fetch(ctx, zone, "Read")
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if observed == nil {
		resp.Diagnostics.AddWarning("SAML Identity Provider Not Found",
			fmt.Sprintf("No SAML identity provider is configured in zone %s any more (it was cleared outside Terraform), so it was removed from the state. "+
				"Apply to configure it again.", zone))
		// The framework wants an identity even for a removed resource, and a CLI without
		// identity support (Terraform 1.5) has none to carry over.
		resp.Diagnostics.Append(setZoneIdentity(ctx, resp.Identity, state.ZoneID)...)
		resp.State.RemoveResource(ctx)
		return
	}
	state.ID = types.StringValue(zone)
	resp.Diagnostics.Append(observed.readInto(ctx, zone, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	resp.Diagnostics.Append(setZoneIdentity(ctx, resp.Identity, state.ZoneID)...)
}

func (r *samlIdentityProviderResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state samlIdentityProviderModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, diags := withOperationTimeout(ctx, plan.Timeouts, opUpdate)
	defer cancel()
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	zone := state.ZoneID.ValueString()
	resp.Diagnostics.Append(r.apply(ctx, "Update", zone, &plan, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(setZoneIdentity(ctx, resp.Identity, plan.ZoneID)...)
}

// apply makes the service hold plan with as few changing calls as possible, then reads back
// what only the service knows (certificate IDs and descriptions, times). prior is nil on create.
// When the IdP changes, the way plan describes it uploads it (idpDescription.upload), the SSO
// switch with it; when only sso_enabled changed, one Set sends the switch alone.
func (r *samlIdentityProviderResource) apply(ctx context.Context, verb, zone string, plan, prior *samlIdentityProviderModel) diag.Diagnostics {
	w := idpWriter{client: r.data.client, verb: verb, zone: zone}
	sso := plan.SSOEnabled.ValueBool()
	description := describedBy(plan)
	changed := prior == nil || identityProviderChanged(ctx, plan, prior)
	ssoChanged := prior == nil || !plan.SSOEnabled.Equal(prior.SSOEnabled)
	tflog.Debug(ctx, "applying SAML identity provider", map[string]any{
		"zone_id": zone, "mode": description.String(), "idp_changed": changed, "sso_enabled": sso, "sso_changed": ssoChanged,
	})
	var diags diag.Diagnostics
	switch {
	case changed:
		diags = description.upload(ctx, w, plan, prior)
	case ssoChanged:
		_, diags = w.set(ctx, idc.SetSAMLIdentityProviderInput{SSOEnabled: &sso})
	}
	if diags.HasError() {
		return diags
	}

	observed, d := r.fetch(ctx, zone, verb)
	diags.Append(d...)
	if diags.HasError() {
		return diags
	}
	if observed == nil {
		diags.AddError(fmt.Sprintf("Unable to %s SAML Identity Provider", verb),
			fmt.Sprintf("The identity provider of zone %s was configured, but reading it back found none: it may have been cleared at the same time "+
				"outside Terraform. Run plan to see the current state.", zone))
		return diags
	}
	// Values unknown at plan time (a document from another resource, say) are known now.
	if plan.EntityID.IsUnknown() {
		plan.EntityID = stringOrNull(observed.idp.EntityID)
	}
	if plan.LoginURL.IsUnknown() {
		plan.LoginURL = stringOrNull(observed.idp.LoginURL)
	}
	diags.Append(observed.computedInto(plan)...)
	return diags
}

// wantedCertificates reads the configured certificates with their fingerprints, as the PEM
// of the one certificate each names: the API takes PEM, and a pasted chain or bare base64
// would be refused. Validation has already refused unreadable ones.
func wantedCertificates(ctx context.Context, l types.List) ([]wantedCertificate, diag.Diagnostics) {
	pems, diags := stringList(ctx, l)
	if diags.HasError() {
		return nil, diags
	}
	out := make([]wantedCertificate, 0, len(pems))
	for i, p := range pems {
		c := readCertificate(p)
		if c == nil {
			diags.AddAttributeError(pathX509Certificates.AtListIndex(i), "Invalid SAML Certificate",
				"The certificate cannot be read. Paste the identity provider's signing certificate in PEM (-----BEGIN CERTIFICATE-----).")
			continue
		}
		out = append(out, wantedCertificate{pem: c.PEM, fingerprint: c.SHA256Fingerprint})
	}
	if len(out) == 0 && !diags.HasError() {
		diags.AddAttributeError(pathX509Certificates, "Missing SAML Signing Certificate",
			"x509_certificates needs at least one signing certificate of the identity provider.")
	}
	return out, diags
}

// idpWriter makes the calls that change a zone's identity provider for one operation (verb),
// and reports their failures as that operation's.
type idpWriter struct {
	client *idc.Client
	verb   string
	zone   string
}

func (w idpWriter) set(ctx context.Context, in idc.SetSAMLIdentityProviderInput) ([]string, diag.Diagnostics) {
	var diags diag.Diagnostics
	in.ZoneID = w.zone
	ids, err := w.client.SetExternalSAMLIdentityProvider(ctx, in)
	if err != nil {
		addAPIError(&diags, w.verb, "SAML Identity Provider", "zone "+w.zone, err)
		return nil, diags
	}
	return ids, diags
}

// storedCertificates lists the certificates the service holds, by fingerprint.
func (w idpWriter) storedCertificates(ctx context.Context) ([]storedCertificate, diag.Diagnostics) {
	var diags diag.Diagnostics
	certs, err := w.client.ListExternalSAMLIdPCertificates(ctx, w.zone)
	if err != nil {
		addAPIError(&diags, w.verb, "SAML Identity Provider", "zone "+w.zone, err)
		return nil, diags
	}
	stored := make([]storedCertificate, 0, len(certs))
	for _, c := range certs {
		fp, _ := certificateFingerprint(c.X509Certificate)
		stored = append(stored, storedCertificate{id: c.CertificateID, fingerprint: fp})
	}
	return stored, diags
}

// rotate adds and removes certificates as rotationSteps plans, one call per step, in order.
func (w idpWriter) rotate(ctx context.Context, stored []storedCertificate, wanted []wantedCertificate) diag.Diagnostics {
	var diags diag.Diagnostics
	target := "zone " + w.zone
	steps, err := rotationSteps(stored, wanted, maxIdPCertificates)
	if err != nil {
		diags.AddAttributeError(pathX509Certificates, fmt.Sprintf("Unable to %s SAML Identity Provider", w.verb),
			fmt.Sprintf("The certificates cannot be rotated: %s (at most %d). List at most %d certificates.", err, maxIdPCertificates, maxIdPCertificates))
		return diags
	}
	for _, s := range steps {
		fields := map[string]any{"zone_id": w.zone, "sha256_fingerprint": s.fingerprint}
		if s.add {
			tflog.Debug(ctx, "adding SAML IdP certificate", fields)
			if _, err := w.client.AddExternalSAMLIdPCertificate(ctx, w.zone, s.pem); err != nil {
				addAPIError(&diags, w.verb, "SAML Identity Provider", fmt.Sprintf("%s (adding the certificate with SHA-256 fingerprint %s)", target, s.fingerprint), err)
				return diags
			}
			continue
		}
		fields["certificate_id"] = s.id
		tflog.Debug(ctx, "removing SAML IdP certificate", fields)
		err := w.client.RemoveExternalSAMLIdPCertificate(ctx, w.zone, s.id)
		if err != nil && !errors.Is(err, idc.ErrNotFound) {
			addAPIError(&diags, w.verb, "SAML Identity Provider", fmt.Sprintf("%s (removing certificate %s)", target, s.id), err)
			return diags
		}
	}
	return diags
}

func (r *samlIdentityProviderResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state samlIdentityProviderModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, diags := withOperationTimeout(ctx, state.Timeouts, opDelete)
	defer cancel()
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	zone := state.ZoneID.ValueString()
	target := "zone " + zone
	// The live SSO switch decides, not the state's: the service refuses to clear the IdP while
	// SSO is on, and answers a change of the switch of a cleared IdP with an error that is not
	// "not found".
	idp, err := r.data.client.GetExternalSAMLIdentityProvider(ctx, zone)
	if errors.Is(err, idc.ErrNotFound) {
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Delete", "SAML Identity Provider", target, err)
		return
	}
	if idp.SSOEnabled {
		off := false
		_, err := r.data.client.SetExternalSAMLIdentityProvider(ctx, idc.SetSAMLIdentityProviderInput{ZoneID: zone, SSOEnabled: &off})
		err = settle(ctx, err, "delete (turning single sign-on off)", func(ctx context.Context) (bool, string, error) {
			now, gerr := r.data.client.GetExternalSAMLIdentityProvider(ctx, zone)
			if errors.Is(gerr, idc.ErrNotFound) {
				return true, "", nil
			}
			return gerr == nil && !now.SSOEnabled, "single sign-on is still on", gerr
		})
		if errors.Is(err, idc.ErrNotFound) {
			return
		}
		if err != nil {
			addAPIError(&resp.Diagnostics, "Delete", "SAML Identity Provider", target+" (turning single sign-on off)", err)
			return
		}
	}
	err = r.data.client.ClearExternalSAMLIdentityProvider(ctx, zone)
	err = settle(ctx, err, "delete", func(ctx context.Context) (bool, string, error) {
		_, gerr := r.data.client.GetExternalSAMLIdentityProvider(ctx, zone)
		if errors.Is(gerr, idc.ErrNotFound) {
			return true, "", nil
		}
		return false, "the zone still has its identity provider", gerr
	})
	if err != nil && !errors.Is(err, idc.ErrNotFound) {
		addAPIError(&resp.Diagnostics, "Delete", "SAML Identity Provider", target, err)
	}
}

func (r *samlIdentityProviderResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importZoneSingleton(ctx, req, resp)
}

// observedIdP is the identity provider as the service reports it: Get and List, the two calls
// a refresh costs.
type observedIdP struct {
	idp   *idc.SAMLIdentityProvider
	certs []idc.SAMLIdPCertificate
}

// fetch reads the zone's IdP; it returns nil when none is configured.
func (r *samlIdentityProviderResource) fetch(ctx context.Context, zone, verb string) (*observedIdP, diag.Diagnostics) {
	var diags diag.Diagnostics
	target := "zone " + zone
	idp, err := r.data.client.GetExternalSAMLIdentityProvider(ctx, zone)
	if errors.Is(err, idc.ErrNotFound) {
		return nil, diags
	}
	if err != nil {
		addAPIError(&diags, verb, "SAML Identity Provider", target, err)
		return nil, diags
	}
	certs, err := r.data.client.ListExternalSAMLIdPCertificates(ctx, zone)
	if errors.Is(err, idc.ErrNotFound) {
		return nil, diags
	}
	if err != nil {
		addAPIError(&diags, verb, "SAML Identity Provider", target, err)
		return nil, diags
	}
	return &observedIdP{idp: idp, certs: certs}, diags
}

// computedInto sets the attributes only the service knows.
func (o *observedIdP) computedInto(m *samlIdentityProviderModel) diag.Diagnostics {
	ids := o.idp.CertificateIDs
	if len(ids) == 0 {
		for _, c := range o.certs {
			ids = append(ids, c.CertificateID)
		}
	}
	m.CertificateIDs = stringListValue(ids)
	certs, diags := certificatesValue(o.certs)
	m.Certificates = certs
	m.CreateTime = timeValue(o.idp.CreateTime)
	m.UpdateTime = timeValue(o.idp.UpdateTime)
	return diags
}

// readInto refreshes m, the prior state, from the service. Every field is read back, so that
// a change made outside Terraform shows in the plan; where the service's value means the same
// as the prior one (the document or certificates in other formatting), the prior text stays.
// After an import the prior state is empty: a stored document then fills metadata_xml,
// otherwise entity_id, login_url and x509_certificates are filled.
func (o *observedIdP) readInto(ctx context.Context, zone string, m *samlIdentityProviderModel) diag.Diagnostics {
	var diags diag.Diagnostics
	hasDocument := o.idp.EncodedMetadataDocument != ""
	if hasDocument {
		stored, err := samlmeta.DecodeEncodedDocument(o.idp.EncodedMetadataDocument)
		if err != nil {
			diags.AddError("Unable to Read SAML Identity Provider",
				fmt.Sprintf("The metadata document Identity Center holds for zone %s cannot be decoded: %s. Apply to upload the configured one again.", zone, err))
			return diags
		}
		// Before entity_id is read: the prior one picked what was uploaded.
		describedBy(m).readDocument(m, stored, o.idp.EncodedMetadataDocument)
	} else {
		m.MetadataXML = newSAMLMetadataNull()
		m.EncodedMetadataDocument = newEncodedMetadataNull()
	}

	// Certificates by hand are shown when the prior state had them, or when there is no
	// document that they came from.
	if !m.X509Certificates.IsNull() || !hasDocument {
		pems := make([]string, 0, len(o.certs))
		for _, c := range o.certs {
			pems = append(pems, c.X509Certificate)
		}
		prior, d := stringList(ctx, m.X509Certificates)
		diags.Append(d...)
		switch {
		case len(pems) == 0:
			m.X509Certificates = types.ListNull(types.StringType)
		case m.X509Certificates.IsNull() || !sameCertificates(prior, pems):
			m.X509Certificates = stringListValue(pems)
		}
	}
	m.EntityID = stringOrNull(o.idp.EntityID)
	m.LoginURL = stringOrNull(o.idp.LoginURL)
	m.SSOEnabled = types.BoolValue(o.idp.SSOEnabled)
	diags.Append(o.computedInto(m)...)
	return diags
}
