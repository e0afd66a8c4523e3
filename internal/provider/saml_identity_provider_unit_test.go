package provider

import (
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/samlmeta"
)

func TestUploadDocument(t *testing.T) {
	t.Parallel()
	const one, two = "https://idp1.example.com/metadata", "https://idp2.example.com/metadata"
	entities := testEntities(t, one, two)
	single := testEntities(t, one)
	cert := validTestCert(t, "idp")
	plain := testMetadata(one, "https://idp1.example.com/sso", mdStyle{bom: true}, cert)

	cases := map[string]struct {
		doc, entityID string
		unchanged     bool
		want          string // the entity samlmeta finds in the result without being told
	}{
		"second of two":             {doc: entities, entityID: two, want: two},
		"first of two":              {doc: entities, entityID: one, want: one},
		"BOM kept":                  {doc: "\xEF\xBB\xBF" + entities, entityID: two, want: two},
		"one IdP beside an SP":      {doc: single, entityID: one, unchanged: true},
		"no such entity":            {doc: entities, entityID: "https://nobody.example.com", unchanged: true},
		"an EntityDescriptor alone": {doc: plain, entityID: one, unchanged: true},
		"no entity ID":              {doc: entities, entityID: "", unchanged: true},
		"not XML":                   {doc: "<a><b></a>", entityID: one, unchanged: true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := uploadDocument([]byte(tc.doc), tc.entityID)
			if tc.unchanged {
				if string(got) != tc.doc {
					t.Fatalf("the document changed:\n%s", got)
				}
				return
			}
			if strings.HasPrefix(tc.doc, "\xEF\xBB\xBF") != strings.HasPrefix(string(got), "\xEF\xBB\xBF") {
				t.Error("the byte order mark was not kept")
			}
			md, findings := samlmeta.Parse(got, samlmeta.Options{})
			if md == nil {
				t.Fatalf("the cut document does not parse on its own: %v\n%s", findings, got)
			}
			if md.EntityID != tc.want {
				t.Errorf("the cut document describes %q, want %q", md.EntityID, tc.want)
			}
			if strings.Contains(string(got), "sp.example.com") {
				t.Error("the SP entity was kept")
			}
			if !strings.Contains(string(got), `Name="urn:example:federation"`) {
				t.Error("the EntitiesDescriptor's own attributes were lost")
			}
			if !sameUpload([]byte(tc.doc), tc.entityID, got) {
				t.Error("sameUpload does not recognise the uploaded document")
			}
		})
	}
}

// simulateRotation applies steps to the stored fingerprints and checks the invariants of a
// rotation without a gap: never more than limit certificates, never none, and every state
// shares a certificate with the one before it (whichever certificate the IdP signs with during
// the switch is trusted throughout).
func simulateRotation(t *testing.T, stored []string, steps []certificateStep, limit int) []string {
	t.Helper()
	current := slices.Clone(stored)
	for i, s := range steps {
		before := slices.Clone(current)
		if s.add {
			current = append(current, s.fingerprint)
		} else {
			idx := slices.Index(current, s.fingerprint)
			if idx < 0 {
				t.Fatalf("step %d removes %s, which is not stored (%v)", i, s.fingerprint, current)
			}
			current = slices.Delete(current, idx, idx+1)
		}
		switch {
		case len(current) > limit:
			t.Fatalf("after step %d %d certificates are stored, more than %d", i, len(current), limit)
		case len(current) == 0:
			t.Fatalf("after step %d no certificate is stored", i)
		case len(before) > 0 && !slices.ContainsFunc(current, func(fp string) bool { return slices.Contains(before, fp) }):
			t.Fatalf("step %d jumps from %v to %v without a common certificate", i, before, current)
		}
	}
	return current
}

func TestRotationSteps(t *testing.T) {
	t.Parallel()
	stored := func(fps ...string) []storedCertificate {
		out := make([]storedCertificate, 0, len(fps))
		for _, fp := range fps {
			out = append(out, storedCertificate{id: "idp-c-" + fp, fingerprint: fp})
		}
		return out
	}
	wanted := func(fps ...string) []wantedCertificate {
		out := make([]wantedCertificate, 0, len(fps))
		for _, fp := range fps {
			out = append(out, wantedCertificate{pem: "PEM " + fp, fingerprint: fp})
		}
		return out
	}
	cases := map[string]struct {
		stored []storedCertificate
		wanted []wantedCertificate
		steps  []string // "+X" adds X, "-X" removes X
	}{
		"unchanged":                 {stored("A", "B"), wanted("B", "A"), nil},
		"add a second":              {stored("A"), wanted("A", "B"), []string{"+B"}},
		"drop the second":           {stored("A", "B"), wanted("A"), []string{"-B"}},
		"replace the only one":      {stored("A"), wanted("B"), []string{"+B", "-A"}},
		"replace one of two (full)": {stored("A", "B"), wanted("B", "C"), []string{"-A", "+C"}},
		"replace both (full)":       {stored("A", "B"), wanted("C", "D"), []string{"-A", "+C", "-B", "+D"}},
		"two become one new":        {stored("A", "B"), wanted("C"), []string{"-A", "+C", "-B"}},
		"one becomes two new":       {stored("A"), wanted("B", "C"), []string{"+B", "-A", "+C"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			steps, err := rotationSteps(tc.stored, tc.wanted, 2)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range steps {
				if s.add {
					got = append(got, "+"+s.fingerprint)
					if s.pem != "PEM "+s.fingerprint {
						t.Errorf("adding %s sends %q", s.fingerprint, s.pem)
					}
					continue
				}
				got = append(got, "-"+s.fingerprint)
				if s.id != "idp-c-"+s.fingerprint {
					t.Errorf("removing %s names the ID %q", s.fingerprint, s.id)
				}
			}
			if !slices.Equal(got, tc.steps) {
				t.Errorf("steps = %v, want %v", got, tc.steps)
			}
			var before, want []string
			for _, s := range tc.stored {
				before = append(before, s.fingerprint)
			}
			for _, w := range tc.wanted {
				want = append(want, w.fingerprint)
			}
			after := simulateRotation(t, before, steps, 2)
			slices.Sort(after)
			slices.Sort(want)
			if !slices.Equal(after, want) {
				t.Errorf("after the rotation %v are stored, want %v", after, want)
			}
		})
	}
	if _, err := rotationSteps(stored("A", "B"), wanted("A", "B", "C"), 2); err == nil {
		t.Error("three wanted certificates under a limit of two gave no error")
	}
}

func TestSameCertificates(t *testing.T) {
	t.Parallel()
	a, b := validTestCert(t, "a"), validTestCert(t, "b")
	expired := newTestCert(t, "old", time.Now().AddDate(-2, 0, 0), time.Now().AddDate(-1, 0, 0))
	cases := map[string]struct {
		x, y []string
		want bool
	}{
		"same PEM":                  {[]string{a.pem}, []string{a.pem}, true},
		"PEM and bare base64":       {[]string{a.pem}, []string{a.base64(0)}, true},
		"PEM and wrapped base64":    {[]string{a.pem}, []string{"  " + a.base64(40) + "\n"}, true},
		"order does not matter":     {[]string{a.pem, b.pem}, []string{b.pem, a.pem}, true},
		"expired ones are readable": {[]string{expired.pem}, []string{expired.base64(64)}, true},
		"other certificate":         {[]string{a.pem}, []string{b.pem}, false},
		"one more":                  {[]string{a.pem}, []string{a.pem, b.pem}, false},
		"unreadable":                {[]string{"garbage"}, []string{"garbage"}, false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := sameCertificates(tc.x, tc.y); got != tc.want {
				t.Errorf("sameCertificates = %t, want %t", got, tc.want)
			}
		})
	}
	if fp, ok := certificateFingerprint(expired.pem); !ok || fp != expired.fingerprint {
		t.Errorf("fingerprint of an expired certificate = %q, %t; want %q", fp, ok, expired.fingerprint)
	}
}

// TestClockFindings makes sure that what samlmeta reports for time-based problems is marked
// as depending on the clock, and a structural problem is not: ValidateConfig reports the
// ones, ModifyPlan the others, so a wrong mark would report a finding twice or never.
func TestClockFindings(t *testing.T) {
	t.Parallel()
	now := time.Now()
	valid := validTestCert(t, "valid")
	expired := newTestCert(t, "expired", now.AddDate(-2, 0, 0), now.AddDate(0, 0, -1))
	expiring := newTestCert(t, "expiring", now.AddDate(-1, 0, 0), now.AddDate(0, 0, 10))
	future := newTestCert(t, "future", now.AddDate(0, 0, 5), now.AddDate(2, 0, 0))
	const entity, login = "https://idp.example.com/metadata", "https://idp.example.com/sso"

	var timeBased []samlmeta.Finding
	for _, doc := range []string{
		testMetadata(entity, login, mdStyle{}, expired),
		testMetadata(entity, login, mdStyle{}, expired, valid),
		testMetadata(entity, login, mdStyle{}, expiring),
		testMetadata(entity, login, mdStyle{}, future),
		testMetadata(entity, login, mdStyle{validUntil: now.AddDate(0, 0, -1).UTC().Format(time.RFC3339)}, valid),
		testMetadata(entity, login, mdStyle{validUntil: now.AddDate(0, 0, 10).UTC().Format(time.RFC3339)}, valid),
	} {
		_, findings := samlmeta.Parse([]byte(doc), samlmeta.Options{Now: now})
		if len(findings) == 0 {
			t.Errorf("no finding for a time-based problem in\n%s", doc)
		}
		timeBased = append(timeBased, findings...)
	}
	for _, c := range []testCert{expired, expiring, future} {
		_, findings := samlmeta.ParseCertificate(c.pem, now)
		if len(findings) == 0 {
			t.Errorf("no finding for certificate %s", c.fingerprint)
		}
		timeBased = append(timeBased, findings...)
	}
	for _, f := range timeBased {
		if !f.DependsOnClock() {
			t.Errorf("%q (%s) is about the clock but not marked so", f.Summary, f.Detail)
		}
	}
	_, findings := samlmeta.Parse([]byte(`<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>`), samlmeta.Options{Now: now})
	for _, f := range findings {
		if f.DependsOnClock() {
			t.Errorf("%q (%s) counts as clock-dependent", f.Summary, f.Detail)
		}
	}
}

// metadataModel is a configuration in metadata_xml mode.
func metadataModel(doc, entityID string) *samlIdentityProviderModel {
	m := emptyModel()
	m.MetadataXML = newSAMLMetadataValue(doc)
	if entityID != "" {
		m.EntityID = types.StringValue(entityID)
	}
	return m
}

func manualModel(certs ...string) *samlIdentityProviderModel {
	m := emptyModel()
	m.EntityID = types.StringValue("https://idp.example.com/metadata")
	m.LoginURL = types.StringValue("https://idp.example.com/sso")
	elems := make([]attr.Value, 0, len(certs))
	for _, c := range certs {
		elems = append(elems, types.StringValue(c))
	}
	m.X509Certificates = types.ListValueMust(types.StringType, elems)
	return m
}

func emptyModel() *samlIdentityProviderModel {
	return &samlIdentityProviderModel{
		MetadataXML:             newSAMLMetadataNull(),
		EncodedMetadataDocument: newEncodedMetadataNull(),
		EntityID:                types.StringNull(),
		LoginURL:                types.StringNull(),
		X509Certificates:        types.ListNull(types.StringType),
	}
}

// diagSummary renders a diagnostic as "severity path: summary" for comparisons.
func diagSummary(d diag.Diagnostic) string {
	p := "(resource)"
	if wp, ok := d.(diag.DiagnosticWithPath); ok {
		p = wp.Path().String()
	}
	return fmt.Sprintf("%s %s: %s", strings.ToLower(d.Severity().String()), p, d.Summary())
}

func TestCheckIdentityProvider(t *testing.T) {
	t.Parallel()
	now := time.Now()
	valid, valid2, valid3 := validTestCert(t, "valid"), validTestCert(t, "valid2"), validTestCert(t, "valid3")
	expired := newTestCert(t, "expired", now.AddDate(-2, 0, 0), now.AddDate(0, 0, -1))
	expired2 := newTestCert(t, "expired2", now.AddDate(-2, 0, 0), now.AddDate(0, 0, -2))
	expired3 := newTestCert(t, "expired3", now.AddDate(-2, 0, 0), now.AddDate(0, 0, -3))
	expiring := newTestCert(t, "expiring", now.AddDate(-1, 0, 0), now.AddDate(0, 0, 10))
	const entity, login = "https://idp.example.com/metadata", "https://idp.example.com/sso"
	entities := testEntities(t, "https://idp1.example.com", "https://idp2.example.com")
	encoded := func(doc string) *samlIdentityProviderModel {
		m := emptyModel()
		m.EncodedMetadataDocument = newEncodedMetadataValue(doc)
		return m
	}

	cases := map[string]struct {
		model      *samlIdentityProviderModel
		structure  []string
		clock      []string
		wantEntity string // metadata parsed in the clock phase, with this entity ID
	}{
		"valid metadata": {model: metadataModel(testMetadata(entity, login, mdStyle{}, valid), ""), wantEntity: entity},
		"expired metadata certificate": {
			model: metadataModel(testMetadata(entity, login, mdStyle{}, expired), ""),
			clock: []string{"error metadata_xml: SAML Signing Certificates Expired"},
		},
		"expiring metadata certificate": {
			model:      metadataModel(testMetadata(entity, login, mdStyle{}, expiring), ""),
			clock:      []string{"warning metadata_xml: SAML Certificate Expiring Soon"},
			wantEntity: entity,
		},
		"three signing certificates": {
			model:     metadataModel(testMetadata(entity, login, mdStyle{}, valid, valid2, valid3), ""),
			structure: []string{"error metadata_xml: Too Many SAML Signing Certificates"},
			// The clock phase has nothing to add; the plan stopped at validation anyway.
			wantEntity: entity,
		},
		"three expired signing certificates": {
			// What needs no clock is judged whatever the date: too many certificates, at validate.
			model:     metadataModel(testMetadata(entity, login, mdStyle{}, expired, expired2, expired3), ""),
			structure: []string{"error metadata_xml: Too Many SAML Signing Certificates"},
			clock:     []string{"error metadata_xml: SAML Signing Certificates Expired"},
		},
		"several IdPs, none picked": {
			model:     metadataModel(entities, ""),
			structure: []string{"error metadata_xml: Multiple SAML Identity Providers"},
		},
		"several IdPs, one picked": {model: metadataModel(entities, "https://idp2.example.com"), wantEntity: "https://idp2.example.com"},
		"picked entity missing": {
			model:     metadataModel(entities, "https://idp9.example.com"),
			structure: []string{"error entity_id: SAML Identity Provider Not in Metadata"},
		},
		"not XML": {model: metadataModel("hello", ""), structure: []string{"error metadata_xml: Invalid SAML Metadata"}},
		"metadata_xml given base64": {
			model:     metadataModel(base64.StdEncoding.EncodeToString([]byte(testMetadata(entity, login, mdStyle{}, valid))), ""),
			structure: []string{"error metadata_xml: SAML Metadata Is Base64-Encoded"},
		},
		"encoded, valid": {
			model:      encoded(wrap(base64.StdEncoding.EncodeToString([]byte(testMetadata(entity, login, mdStyle{}, valid))), 76)),
			wantEntity: entity,
		},
		"encoded, bad base64": {
			model:     encoded("not*base64"),
			structure: []string{"error encoded_metadata_document: Invalid Encoded SAML Metadata"},
		},
		"encoded, expired": {
			model: encoded(base64.StdEncoding.EncodeToString([]byte(testMetadata(entity, login, mdStyle{}, expired)))),
			clock: []string{"error encoded_metadata_document: SAML Signing Certificates Expired"},
		},
		"manual, valid":    {model: manualModel(valid.pem, valid2.base64(64))},
		"manual, expiring": {model: manualModel(valid.pem, expiring.pem), clock: []string{"warning x509_certificates[1]: SAML Certificate Expiring Soon"}},
		"manual, expired":  {model: manualModel(expired.pem), clock: []string{"error x509_certificates[0]: SAML Certificate Expired"}},
		"manual, bad PEM": {
			model:     manualModel(valid.pem, "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----"),
			structure: []string{"error x509_certificates[1]: Invalid SAML Certificate"},
		},
		"manual, duplicate": {
			model:     manualModel(valid.pem, valid.base64(0)),
			structure: []string{"error x509_certificates[1]: Duplicate SAML Certificate"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for _, phase := range []struct {
				phase findingPhase
				want  []string
			}{{phaseStructure, tc.structure}, {phaseClock, tc.clock}} {
				var diags diag.Diagnostics
				md := checkIdentityProvider(tc.model, now, phase.phase, &diags)
				var got []string
				for _, d := range diags {
					got = append(got, diagSummary(d))
				}
				if !slices.Equal(got, phase.want) {
					t.Errorf("phase %d: diagnostics %q, want %q", phase.phase, got, phase.want)
				}
				if phase.phase != phaseClock {
					continue
				}
				switch {
				case tc.wantEntity == "" && md != nil:
					t.Errorf("metadata %q parsed, want none", md.EntityID)
				case tc.wantEntity != "" && (md == nil || md.EntityID != tc.wantEntity):
					t.Errorf("parsed metadata %+v, want entity %q", md, tc.wantEntity)
				}
			}
		})
	}
}

func TestValidateModes(t *testing.T) {
	t.Parallel()
	cert := validTestCert(t, "c")
	withXML := func(m *samlIdentityProviderModel) *samlIdentityProviderModel {
		m.MetadataXML = newSAMLMetadataValue("<md/>")
		return m
	}
	implied := &samlmeta.Metadata{EntityID: "https://idp.example.com/metadata", LoginURL: "https://idp.example.com/from-metadata"}
	cases := map[string]struct {
		model *samlIdentityProviderModel
		want  []string
	}{
		"metadata_xml": {withXML(emptyModel()), nil},
		// As plan -generate-config-out writes it after an import.
		"metadata_xml with the document's login_url": {func() *samlIdentityProviderModel {
			m := withXML(emptyModel())
			m.EntityID, m.LoginURL = types.StringValue(implied.EntityID), types.StringValue(implied.LoginURL)
			return m
		}(), nil},
		"metadata_xml with entity_id": {metadataModel("<md/>", "https://idp"), nil},
		"manual":                      {manualModel(cert.pem), nil},
		"both documents": {func() *samlIdentityProviderModel {
			m := withXML(emptyModel())
			m.EncodedMetadataDocument = newEncodedMetadataValue("PG1kLz4=")
			return m
		}(), []string{"error encoded_metadata_document: Conflicting SAML Metadata"}},
		"metadata and manual": {withXML(manualModel(cert.pem)), []string{
			"error login_url: Conflicting SAML Identity Provider Settings",
			"error x509_certificates: Conflicting SAML Identity Provider Settings",
		}},
		"nothing": {emptyModel(), []string{"error (resource): Missing SAML Identity Provider Configuration"}},
		"manual without login_url": {func() *samlIdentityProviderModel {
			m := manualModel(cert.pem)
			m.LoginURL = types.StringNull()
			return m
		}(), []string{"error login_url: Missing SAML Login URL"}},
		// A module that offers both ways as optional variables: at validate every variable is
		// unknown, and unknown is not set.
		"metadata, login_url not known yet": {func() *samlIdentityProviderModel {
			m := withXML(emptyModel())
			m.LoginURL = types.StringUnknown()
			m.X509Certificates = types.ListUnknown(types.StringType)
			return m
		}(), nil},
		"everything not known yet": {func() *samlIdentityProviderModel {
			m := emptyModel()
			m.MetadataXML = metadataValue{StringValue: types.StringUnknown()}
			m.EncodedMetadataDocument = metadataValue{StringValue: types.StringUnknown(), form: formEncoded}
			m.EntityID, m.LoginURL = types.StringUnknown(), types.StringUnknown()
			m.X509Certificates = types.ListUnknown(types.StringType)
			return m
		}(), nil},
		"metadata not known yet, manual settings set": {func() *samlIdentityProviderModel {
			m := manualModel(cert.pem)
			m.MetadataXML = metadataValue{StringValue: types.StringUnknown()}
			return m
		}(), nil},
		"manual, entity_id not known yet": {func() *samlIdentityProviderModel {
			m := manualModel(cert.pem)
			m.EntityID = types.StringUnknown()
			return m
		}(), nil},
		// What is known still decides.
		"metadata and a known login_url, certificates not known yet": {func() *samlIdentityProviderModel {
			m := withXML(emptyModel())
			m.LoginURL = types.StringValue("https://idp.example.com/sso")
			m.X509Certificates = types.ListUnknown(types.StringType)
			return m
		}(), []string{"error login_url: Conflicting SAML Identity Provider Settings"}},
		"both documents, one not known yet": {func() *samlIdentityProviderModel {
			m := withXML(emptyModel())
			m.EncodedMetadataDocument = metadataValue{StringValue: types.StringUnknown(), form: formEncoded}
			return m
		}(), nil},
		"only a login URL": {func() *samlIdentityProviderModel {
			m := emptyModel()
			m.LoginURL = types.StringUnknown()
			return m
		}(), []string{"error entity_id: Missing SAML Entity ID", "error x509_certificates: Missing SAML Signing Certificate"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var diags diag.Diagnostics
			validateModes(tc.model, implied, &diags)
			var got []string
			for _, d := range diags {
				got = append(got, diagSummary(d))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("diagnostics %q, want %q", got, tc.want)
			}
		})
	}
}

func TestCheckLoginURL(t *testing.T) {
	t.Parallel()
	cases := map[string]bool{
		"https://example.onelogin.com/trust/saml2/http-redirect/sso/123": true,
		"https://idp.example.com:8443/sso":                               true,
		"http://localhost:8080/sso":                                      true,
		"http://127.0.0.1/sso":                                           true,
		"http://[::1]:9000/sso":                                          true,
		"http://idp.example.com/sso":                                     false,
		"ftp://idp.example.com/sso":                                      false,
		"https:///sso":                                                   false,
		"/sso":                                                           false,
		" https://idp.example.com/sso":                                   false,
		"https://idp.example.com/%zz":                                    false,
	}
	for in, ok := range cases {
		if err := checkLoginURL(in); (err == nil) != ok {
			t.Errorf("checkLoginURL(%q) = %v, want ok=%t", in, err, ok)
		}
	}
}

// TestSAMLIdentityProviderSchema checks the schema the way the framework would at startup,
// that every attribute is documented, and that the path helpers name real attributes.
func TestSAMLIdentityProviderSchema(t *testing.T) {
	t.Parallel()
	var resp resource.SchemaResponse
	NewSAMLIdentityProviderResource().Schema(t.Context(), resource.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("schema: %v", resp.Diagnostics)
	}
	if diags := resp.Schema.ValidateImplementation(t.Context()); diags.HasError() {
		t.Fatalf("schema implementation: %v", diags)
	}
	for name, a := range resp.Schema.Attributes {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("%s has no MarkdownDescription", name)
		}
	}
	for _, p := range []path.Path{pathMetadataXML, pathEncodedMetadata, pathEntityID, pathLoginURL, pathX509Certificates, pathZoneID} {
		if _, ok := resp.Schema.Attributes[p.String()]; !ok {
			t.Errorf("%s is not an attribute of the schema", p)
		}
	}
}

// TestSAMLIdentityProviderCertificatesShape: `certificates` is a computed list of objects, not a
// computed nested attribute, because Terraform before 1.6 crashes on those in `plan
// -generate-config-out`; and it has the type the nested attribute had, so that state written
// by earlier versions of the provider reads unchanged.
func TestSAMLIdentityProviderCertificatesShape(t *testing.T) {
	t.Parallel()
	var resp resource.SchemaResponse
	NewSAMLIdentityProviderResource().Schema(t.Context(), resource.SchemaRequest{}, &resp)
	got, ok := resp.Schema.Attributes["certificates"].(schema.ListAttribute)
	if !ok {
		t.Fatalf("certificates is a %T, want a schema.ListAttribute of objects", resp.Schema.Attributes["certificates"])
	}
	if !got.Computed || got.Optional || got.Required {
		t.Errorf("certificates: computed %t, optional %t, required %t; want computed only", got.Computed, got.Optional, got.Required)
	}
	nested := map[string]schema.Attribute{}
	for name := range samlCertificateAttrTypes {
		nested[name] = schema.StringAttribute{Computed: true}
	}
	before := schema.ListNestedAttribute{Computed: true, NestedObject: schema.NestedAttributeObject{Attributes: nested}}
	if want := before.GetType().TerraformType(t.Context()); !got.GetType().TerraformType(t.Context()).Equal(want) {
		t.Errorf("certificates has type %s, the nested attribute of earlier versions had %s", got.GetType().TerraformType(t.Context()), want)
	}
}
