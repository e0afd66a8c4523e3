package provider

import (
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// TestDescribedBy checks which way a model describes the IdP in, and that each document way
// reads and writes the attribute it names in diagnostics and logs.
func TestDescribedBy(t *testing.T) {
	t.Parallel()
	for _, d := range documentDescriptions {
		m := emptyModel()
		v := reflect.ValueOf(m).Elem()
		var tag string
		for i := range v.NumField() {
			if v.Field(i).Addr().Interface() == any(d.value(m)) {
				tag = v.Type().Field(i).Tag.Get("tfsdk")
			}
		}
		if tag != d.attribute() || d.path().String() != tag || d.String() != tag {
			t.Errorf("%s: value is the attribute %q, path %s", d, tag, d.path())
		}
		for _, val := range []metadataValue{d.form.value("<md/>"), {StringValue: types.StringUnknown(), form: d.form}} {
			*d.value(m) = val
			if got := describedBy(m); got != d {
				t.Errorf("a model with %s = %s is described by %s", d, val, got)
			}
		}
	}

	both := metadataModel("<md/>", "")
	both.EncodedMetadataDocument = newEncodedMetadataValue("PG1kLz4=")
	for name, tc := range map[string]struct {
		model *samlIdentityProviderModel
		want  idpDescription
	}{
		"both documents": {both, byMetadataXML},
		"by hand":        {manualModel(validTestCert(t, "c").pem), byHand},
		"nothing":        {emptyModel(), byHand},
	} {
		if got := describedBy(tc.model); got != tc.want {
			t.Errorf("%s: described by %s, want %s", name, got, tc.want)
		}
	}

	// A document the service holds though the prior state had none (after an import) shows
	// in metadata_xml.
	m := manualModel(validTestCert(t, "c").pem)
	m.EncodedMetadataDocument = newEncodedMetadataValue("PG1kLz4=")
	byHand.readDocument(m, []byte("<md/>"), "PG1kLz4=")
	if m.MetadataXML.ValueString() != "<md/>" || !m.EncodedMetadataDocument.IsNull() {
		t.Errorf("read back metadata_xml %s, encoded_metadata_document %s", m.MetadataXML, m.EncodedMetadataDocument)
	}
}
