package provider

import (
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/samlmeta"
)

// uploadDocument is the metadata the provider sends to Identity Center for a configured
// document: the document exactly as the user gave it, except when entity_id picks one of
// several identity providers of an EntitiesDescriptor, which is then cut down to that one
// (samlmeta.PickEntity). The service takes metadata of one IdP (the simulator refuses several,
// MetadataCosParsingFailed; the real service documents nothing about aggregates, so the
// stricter reading is assumed). The cut breaks a signature over the whole EntitiesDescriptor;
// Identity Center is not documented to check one.
func uploadDocument(doc []byte, entityID string) []byte {
	if entityID == "" {
		return doc
	}
	out, err := samlmeta.PickEntity(doc, entityID)
	if err != nil {
		// Validation already parsed the document; a failure here leaves the document whole,
		// and the service then answers for it.
		return doc
	}
	return out
}

// sameUpload reports whether the document the service holds is what the provider uploads for
// a configured document and entity_id, by meaning.
func sameUpload(configured []byte, entityID string, stored []byte) bool {
	return samlmeta.Equivalent(uploadDocument(configured, entityID), stored)
}
