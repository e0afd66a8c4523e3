package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/samlmeta"
)

var _ function.Function = (*samlMetadataFunction)(nil)

// NewSAMLMetadataFunction returns provider::tencentcloudidc::saml_metadata.
func NewSAMLMetadataFunction() function.Function {
	return &samlMetadataFunction{}
}

type samlMetadataFunction struct{}

var samlMetadataCertificateAttrTypes = map[string]attr.Type{
	"sha256_fingerprint":  types.StringType,
	"not_after":           types.StringType,
	"signature_algorithm": types.StringType,
	"pem":                 types.StringType,
}

var samlMetadataAttrTypes = map[string]attr.Type{
	"entity_id":    types.StringType,
	"login_url":    types.StringType,
	"sso_urls":     types.MapType{ElemType: types.StringType},
	"certificates": types.ListType{ElemType: types.ObjectType{AttrTypes: samlMetadataCertificateAttrTypes}},
	"valid_until":  types.StringType,
}

func (f *samlMetadataFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "saml_metadata"
}

func (f *samlMetadataFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Reads the facts of SAML 2.0 identity provider metadata.",
		MarkdownDescription: "Parses and checks SAML 2.0 IdP metadata XML, as `tencentcloudidc_saml_identity_provider` does at plan time, and " +
			"returns what Identity Center takes from it, to show in outputs or to compare in `check` blocks:\n\n" +
			"- `entity_id`: the IdP's entity ID;\n" +
			"- `login_url`: the HTTP-Redirect single sign-on URL, else the HTTP-POST one;\n" +
			"- `sso_urls`: every single sign-on URL by binding (`HTTP-Redirect`, `HTTP-POST`, `HTTP-POST-SimpleSign`, `SOAP`, " +
			"`HTTP-Artifact`; other bindings by their full URI);\n" +
			"- `certificates`: the distinct signing certificates in document order, each with `sha256_fingerprint` (lowercase hex pairs " +
			"joined by colons, as `openssl x509 -fingerprint -sha256` prints it), `not_after` (RFC 3339, UTC), `signature_algorithm` " +
			"(in the names Identity Center reports for stored certificates, the same as the resource's `certificates[].signature_algorithm`: " +
			"`SHA256withRSA`, `SHA256withECDSA`, `RSASSA-PSS`, `Ed25519`, …) and `pem`;\n" +
			"- `valid_until`: the earliest `validUntil` that applies to the IdP (RFC 3339, UTC), or null.\n\n" +
			"Metadata Identity Center cannot use (not SAML 2.0 metadata, no IdP or several, no HTTP-Redirect or HTTP-POST " +
			"single sign-on service, no readable signing certificate, a DTD, or the base64 of a document rather than the XML) makes the call fail with the reason. Provider functions " +
			"cannot return warnings, so what the resource only warns about (SHA-1, a skipped key, a certificate close to expiry) is " +
			"not reported here. The function does not judge the document against the clock either, because a function must " +
			"return the same result for the same argument: expired certificates and metadata are returned as they are. Compare " +
			"`not_after` and `valid_until` with `plantimestamp()` in a `check` block to be told about them. Nothing the " +
			"document references is fetched. Needs OpenTofu 1.7 or Terraform 1.8 or later.",
		Parameters: []function.Parameter{
			function.StringParameter{
				Name: "xml",
				MarkdownDescription: "The metadata XML document, for example `file(\"idp-metadata.xml\")`. For the Base64 form some consoles " +
					"offer, use `base64decode()` first.",
			},
		},
		Return: function.ObjectReturn{AttributeTypes: samlMetadataAttrTypes},
	}
}

func (f *samlMetadataFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var doc string
	resp.Error = req.Arguments.Get(ctx, &doc)
	if resp.Error != nil {
		return
	}
	result, reason := samlMetadataFacts(doc)
	if reason != "" {
		resp.Error = function.NewArgumentFuncError(0, reason)
		return
	}
	resp.Error = resp.Result.Set(ctx, result)
}

// samlMetadataFacts parses doc without judging it against the clock, so that only the
// document itself can make it fail and the same document always gives the same answer. It
// returns the result object, or the reason the document is refused.
func samlMetadataFacts(doc string) (types.Object, string) {
	md, findings := samlmeta.Parse([]byte(doc), samlmeta.Options{IgnoreClock: true})
	if samlmeta.HasErrors(findings) || md == nil {
		var reasons []string
		for _, f := range findings {
			if f.Severity != samlmeta.SeverityError {
				continue
			}
			if f.Kind == samlmeta.KindEncoded {
				f.Detail = "The argument is the base64 encoding of the metadata (as filebase64() gives it), not the XML. " +
					"Pass the document itself, saml_metadata(file(\"idp-metadata.xml\")), or decode the value first with base64decode()."
			}
			reasons = append(reasons, f.Summary+": "+f.Detail)
		}
		if len(reasons) == 0 {
			reasons = append(reasons, "Invalid SAML Metadata: the document describes no usable identity provider.")
		}
		// The CLIs end the message with a period of their own.
		return types.Object{}, strings.TrimSuffix("the SAML metadata cannot be used. "+strings.Join(reasons, "\n\n"), ".")
	}

	urls := make(map[string]attr.Value, len(md.SSOURLs))
	for binding, u := range md.SSOURLs {
		urls[binding] = types.StringValue(u)
	}
	certs := make([]attr.Value, len(md.Certificates))
	for i, c := range md.Certificates {
		certs[i] = types.ObjectValueMust(samlMetadataCertificateAttrTypes, map[string]attr.Value{
			"sha256_fingerprint":  types.StringValue(c.SHA256Fingerprint),
			"not_after":           timeValue(c.NotAfter),
			"signature_algorithm": types.StringValue(c.SignatureAlgorithm),
			"pem":                 types.StringValue(c.PEM),
		})
	}
	validUntil := types.StringNull()
	if md.ValidUntil != nil {
		validUntil = timeValue(*md.ValidUntil)
	}
	return types.ObjectValueMust(samlMetadataAttrTypes, map[string]attr.Value{
		"entity_id":    types.StringValue(md.EntityID),
		"login_url":    types.StringValue(md.LoginURL),
		"sso_urls":     types.MapValueMust(types.StringType, urls),
		"certificates": types.ListValueMust(types.ObjectType{AttrTypes: samlMetadataCertificateAttrTypes}, certs),
		"valid_until":  validUntil,
	}), ""
}
