// Package samlmeta parses, validates and canonicalizes SAML 2.0 identity
// provider metadata, for the tencentcloudidc_saml_identity_provider resource
// (validation at plan time, comparison by meaning) and the saml_metadata
// provider function. It is pure Go and never touches the network: nothing a
// document references is fetched, and DTDs and entity declarations are
// refused before any other processing.
//
// Every problem is reported as a Finding whose Summary and Detail go into a
// Terraform diagnostic unchanged, so Details are complete sentences that say
// what is wrong, where in the document, and what to do about it.
//
// The document is read into a tree in which every element and attribute
// name carries its namespace URI. Checks match names by namespace, never by
// prefix or by local name alone, because real metadata has namespace
// mistakes that name-only matching (encoding/xml struct tags without a
// namespace) would silently accept. The SAML binding identifiers and the
// lenient SAML date parsing come from github.com/crewjam/saml.
package samlmeta
