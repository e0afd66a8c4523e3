package provider

import (
	"context"
	"encoding/base64"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idcsim"
)

// entityIDAttr finds the entity IDs a document names, for the entity_id
// argument: fuzzed strings would almost never name one.
var entityIDAttr = regexp.MustCompile(`entityID\s*=\s*["']([^"']*)["']`)

// FuzzMetadataAcceptedByService: what plan-time validation accepts, the
// service (the simulator, its independent model written from the API
// reference) accepts when apply uploads it, and reads as the same identity
// provider: entity ID, login URL and number of certificates. A document
// that passes the plan and fails the apply leaves SSO half-configured.
//
// Two disagreements are known and left to a decision (FUZZING.md, "Open
// questions"), so inputs in them are skipped: a signing key that
// validation skips with a warning (an unreadable certificate beside a good
// one) makes the simulator refuse the whole document, and a use attribute
// with surrounding whitespace is "signing" to validation (which collapses
// attribute whitespace, as canonical comparison does) but not to the
// simulator.
func FuzzMetadataAcceptedByService(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("..", "samlmeta", "testdata", "idp-metadata", "*.xml"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no metadata fixtures: %v", err)
	}
	for _, file := range files {
		doc, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(doc, uint8(0))
	}
	okta, err := os.ReadFile(filepath.Join("..", "samlmeta", "testdata", "idp-metadata", "okta-1.xml"))
	if err != nil {
		f.Fatal(err)
	}
	// The two documents validation once accepted and the service refused (an
	// unreadable signing key beside a good one; use=" signing "), now refused at
	// plan, and a spaced entityID that both read alike.
	for _, edit := range [][2]string{
		{`<md:KeyDescriptor use="signing">`, `<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>AAAA</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor><md:KeyDescriptor use="signing">`},
		{`<md:KeyDescriptor use="signing">`, `<md:KeyDescriptor use=" signing ">`},
		{`entityID="http://www.okta.com/exkppsa1qwuFV4D7z0h7"`, `entityID="  http://www.okta.com/exkppsa1qwuFV4D7z0h7 "`},
	} {
		f.Add([]byte(strings.Replace(string(okta), edit[0], edit[1], 1)), uint8(0))
	}
	// Two identity providers in one EntitiesDescriptor: entity_id picks one,
	// and apply uploads only that one (uploadDocument).
	const oktaID = "http://www.okta.com/exkppsa1qwuFV4D7z0h7"
	aggregate := `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">` + string(okta) +
		strings.Replace(string(okta), oktaID, oktaID+"-2", 1) + `</md:EntitiesDescriptor>`
	f.Add([]byte(aggregate), uint8(1))
	f.Add([]byte(aggregate), uint8(2))

	s, err := idcsim.New(idcsim.Options{})
	if err != nil {
		f.Fatal(err)
	}
	if err := s.Start("127.0.0.1:0"); err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { _ = s.Close() })
	ready := s.Ready()
	client, err := idc.New(context.Background(), idc.Config{
		SecretID: ready.SecretID, SecretKey: ready.SecretKey, Protocol: "HTTP", Endpoint: ready.Endpoint,
		RateLimit: -1, MaxRetries: -1, RequestTimeout: 10 * time.Second,
	})
	if err != nil {
		f.Fatal(err)
	}
	// Validation judges expiry at the real time, as a plan does; the
	// simulator accepts expired certificates, so expiry cannot disagree.
	now := time.Now()

	f.Fuzz(func(t *testing.T, doc []byte, pick uint8) {
		entityID := ""
		if ids := entityIDAttr.FindAllSubmatch(doc, -1); pick > 0 && len(ids) > 0 {
			entityID = string(ids[int(pick-1)%len(ids)][1])
		}
		m := &samlIdentityProviderModel{
			MetadataXML:             newSAMLMetadataValue(string(doc)),
			EncodedMetadataDocument: newEncodedMetadataNull(),
			EntityID:                types.StringValue(entityID),
			X509Certificates:        types.ListNull(types.StringType),
		}
		var diags diag.Diagnostics
		md := checkIdentityProvider(m, now, phaseStructure, &diags)
		checkIdentityProvider(m, now, phaseClock, &diags)
		if md == nil || diags.HasError() {
			return
		}
		encoded := base64.StdEncoding.EncodeToString(uploadDocument(doc, entityID))
		ctx := context.Background()
		if _, err := client.SetExternalSAMLIdentityProvider(ctx, idc.SetSAMLIdentityProviderInput{ZoneID: ready.ZoneID, EncodedMetadataDocument: &encoded}); err != nil {
			t.Fatalf("validation accepted the metadata (entity %q, login %q, %d certificates), the service refuses it: %v", md.EntityID, md.LoginURL, len(md.Certificates), err)
		}
		idp, err := client.GetExternalSAMLIdentityProvider(ctx, ready.ZoneID)
		if err != nil {
			t.Fatal(err)
		}
		if idp.EntityID != md.EntityID || idp.LoginURL != md.LoginURL || len(idp.CertificateIDs) != len(md.Certificates) {
			t.Fatalf("validation read entity %q, login %q, %d certificates; the service %q, %q, %d",
				md.EntityID, md.LoginURL, len(md.Certificates), idp.EntityID, idp.LoginURL, len(idp.CertificateIDs))
		}
	})
}
