package samlmeta

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/crewjam/saml"
)

// defaultMaxBytes bounds the document size when Options.MaxBytes is zero.
// One IdP's metadata is a few kilobytes; the largest real ones (AD FS, with
// WS-Federation roles and a signature) are under 100 KB.
const defaultMaxBytes = 1 << 20

// maxEntityIDLength is the limit of the entityID attribute
// (saml-metadata-2.0-os §2.2.1, entityIDType).
const maxEntityIDLength = 1024

// Options tune Parse.
type Options struct {
	// Now is the time validity is judged at; zero means time.Now().
	Now time.Time
	// IgnoreClock leaves out every judgement that depends on the time:
	// expired or expiring certificates and validUntil, and certificates not
	// valid yet (the findings whose DependsOnClock is true). Now is then
	// unused. Callers whose verdict must be the same on any day set it:
	// `validate` and provider functions, which must give the same result
	// for the same document.
	IgnoreClock bool
	// EntityID picks one identity provider when the document describes
	// several (an EntitiesDescriptor); the provider's entity_id argument.
	EntityID string
	// MaxBytes limits the document size; zero means 1 MiB.
	MaxBytes int
	// ExpiryWarning is how long before expiry certificates and the
	// metadata draw a warning; zero means 30 days.
	ExpiryWarning time.Duration
}

// Metadata holds the facts of one SAML 2.0 identity provider.
type Metadata struct {
	EntityID string
	// LoginURL is the location of the HTTP-Redirect SingleSignOnService,
	// or of the HTTP-POST one when there is no redirect endpoint.
	LoginURL string
	// SSOURLs maps each SingleSignOnService binding to its location (the
	// first one when a binding is listed twice). The SAML 2.0 bindings use
	// their short names "HTTP-Redirect", "HTTP-POST",
	// "HTTP-POST-SimpleSign", "SOAP" and "HTTP-Artifact"; any other binding
	// keeps its full URI.
	SSOURLs map[string]string
	// Certificates are the distinct signing certificates, in document
	// order: those of KeyDescriptors with use="signing" or no use.
	Certificates []Certificate
	// ValidUntil is the earliest validUntil that applies to the IdP (on
	// its IDPSSODescriptor, EntityDescriptor or an enclosing
	// EntitiesDescriptor), or nil.
	ValidUntil *time.Time
	// UsesSHA1 is set when the metadata signs, digests or advertises
	// signing with SHA-1, or a signing certificate is signed with SHA-1.
	UsesSHA1 bool
}

// bindingShortNames are the SAML 2.0 bindings that SSOURLs names briefly.
var bindingShortNames = map[string]string{
	saml.HTTPRedirectBinding:       "HTTP-Redirect",
	saml.HTTPPostBinding:           "HTTP-POST",
	saml.HTTPPostSimpleSignBinding: "HTTP-POST-SimpleSign",
	saml.SOAPBinding:               "SOAP",
	saml.HTTPArtifactBinding:       "HTTP-Artifact",
}

// sha1Advice is the remedy for every SHA-1 finding.
const sha1Advice = "Identity Center requires SHA-256 signing; change the IdP's signature algorithm to SHA-256 " +
	"(in OneLogin: the application's SSO tab → SAML Signature Algorithm → SHA-256; " +
	"Okta: Signature Algorithm RSA-SHA256; Entra ID: Signing Option / Signing Algorithm SHA-256; " +
	"AD FS: relying party trust → Advanced → SHA-256), and replace a signing certificate that is itself " +
	"signed with SHA-1 by a new one, then download the metadata again."

// Parse validates SAML 2.0 IdP metadata and returns its facts. Metadata is
// nil exactly when an error finding is returned; warnings can come with a
// usable result. The document is read without any network access: nothing
// it references is fetched.
//
// Rules, beyond those in the reference, that this package chose (the
// stricter reading where the service's behaviour is unknown):
//   - An IdP is an EntityDescriptor whose md:IDPSSODescriptor lists
//     urn:oasis:names:tc:SAML:2.0:protocol in protocolSupportEnumeration.
//   - Names are matched by namespace, never by prefix or local name alone:
//     a KeyInfo outside the XML-DSig namespace holds no certificate.
//   - A root in no namespace is an error; the checks that follow assume
//     the fix (a default namespace declaration for SAML metadata) so that
//     one plan reports every problem.
//   - A SingleSignOnService without Binding or Location, an HTTP-Redirect
//     or HTTP-POST location that is not an absolute http(s) URL, an empty
//     entityID or one over 1024 characters, and a validUntil that is not
//     an xs:dateTime are errors.
//   - validUntil on the IDPSSODescriptor counts, as well as on the entity
//     and on enclosing EntitiesDescriptors; the earliest applies.
//   - Within one KeyInfo the first ds:X509Certificate is the signing
//     certificate; later ones are its chain.
//   - SHA-1 anywhere in the IdP's entity or in the signatures of enclosing
//     EntitiesDescriptors is a warning, including an alg:SigningMethod or
//     alg:DigestMethod that merely advertises SHA-1 beside stronger
//     algorithms.
//   - A certificate that is not valid yet is a warning.
func Parse(doc []byte, opts Options) (*Metadata, []Finding) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = defaultMaxBytes
	}
	if opts.ExpiryWarning <= 0 {
		opts.ExpiryWarning = defaultExpiryWarning
	}
	if len(doc) > opts.MaxBytes {
		return nil, []Finding{errorFinding(KindTooLarge, fmt.Sprintf(
			"The SAML metadata is %d bytes; at most %d bytes are accepted. The metadata of one identity provider is a few kilobytes: if this is a federation's aggregate metadata, download the metadata of your own identity provider instead.",
			len(doc), opts.MaxBytes))}
	}
	if looksEncoded(doc) {
		return nil, []Finding{errorFinding(KindEncoded, "The value is the base64 encoding of a metadata document (as filebase64() gives it), not the metadata XML itself. Give the XML document as the identity provider publishes it, or decode the base64 first.")}
	}
	root, err := parseTree(doc)
	if err != nil {
		remedy := "Use the metadata document exactly as the identity provider publishes it (an XML file that starts with <EntityDescriptor or <md:EntityDescriptor), not an HTML page or a copy that was cut off."
		var de *docError
		if errors.As(err, &de) && de.remedy != "" {
			remedy = de.remedy
		}
		return nil, []Finding{errorFinding(KindInvalid, fmt.Sprintf("The SAML metadata is not acceptable XML: %v. %s", err, remedy))}
	}
	p := &parser{opts: opts}
	md := p.parse(root)
	if md == nil || HasErrors(p.findings) {
		return nil, p.findings
	}
	return md, p.findings
}

// looksEncoded reports whether doc is base64 of metadata rather than
// metadata: it does not start like XML, and it decodes to an XML document the
// way DecodeEncodedDocument reads base64.
func looksEncoded(doc []byte) bool {
	start := bytes.TrimLeft(bytes.TrimPrefix(doc, utf8BOM), xmlSpace)
	if len(start) == 0 || start[0] == '<' {
		return false
	}
	_, err := DecodeEncodedDocument(string(doc))
	return err == nil
}

type parser struct {
	opts     Options
	findings []Finding
}

func (p *parser) errorf(kind Kind, format string, args ...any) {
	p.findings = append(p.findings, errorFinding(kind, fmt.Sprintf(format, args...)))
}

func (p *parser) warnf(kind Kind, format string, args ...any) {
	p.findings = append(p.findings, warningFinding(kind, fmt.Sprintf(format, args...)))
}

// entity is an EntityDescriptor with the EntitiesDescriptors around it,
// outermost first, and its SAML 2.0 IDPSSODescriptor if it has one.
type entity struct {
	node      *node
	enclosing []*node
	idp       *node
}

func (e entity) id() string {
	v, _ := e.node.attr("entityID")
	return collapseSpace(v)
}

func (p *parser) parse(root *node) *Metadata {
	if !p.checkRoot(root) {
		return nil
	}
	var entities []entity
	collectEntities(root, nil, &entities)
	chosen, ok := p.choose(entities)
	if !ok {
		return nil
	}

	md := &Metadata{EntityID: chosen.id(), SSOURLs: map[string]string{}}
	switch {
	case md.EntityID == "":
		p.errorf(KindInvalid, "The %s has no entityID. Every SAML entity has a unique entityID; download the metadata from the identity provider again.", chosen.node.where())
	case len(md.EntityID) > maxEntityIDLength:
		p.errorf(KindInvalid, "The entityID of the %s is %d characters long; SAML allows at most %d. Use a shorter entity ID in the identity provider.", chosen.node.where(), len(md.EntityID), maxEntityIDLength)
	}
	p.singleSignOn(chosen.idp, md)
	certs := p.signingCertificates(chosen.idp)
	md.ValidUntil = p.checkValidUntil(chosen)
	if !p.opts.IgnoreClock {
		p.certificateTimes(certs)
	}
	md.UsesSHA1 = p.checkSHA1(chosen, certs)
	for _, c := range certs {
		md.Certificates = append(md.Certificates, *c.cert)
	}
	return md
}

func isRootName(local string) bool {
	return local == "EntityDescriptor" || local == "EntitiesDescriptor"
}

// checkRoot reports whether the checks can go on. A root in no namespace is
// an error, but the rest of the document is then read as if the fix were
// applied, so that the user learns about every problem at once.
func (p *parser) checkRoot(root *node) bool {
	switch {
	case root.name.Space == nsMetadata && isRootName(root.name.Local):
		return true
	case root.name.Space == "" && isRootName(root.name.Local):
		why := "no default namespace is declared and the elements have no prefix"
		if prefix := prefixFor(root.scope, nsMetadata); prefix != "" {
			why = fmt.Sprintf("xmlns:%s declares the SAML metadata namespace, but the elements are written without the %s: prefix and no default namespace is declared", prefix, prefix)
		}
		p.errorf(KindInvalid, "The root element %s and the elements inside it are in no XML namespace: %s. SAML metadata elements must be in the namespace %s, so this document is not SAML metadata to a conforming reader. Add xmlns=%q to the root element, or better, download the metadata from the identity provider again. The other findings assume that fix.",
			root.where(), why, nsMetadata, nsMetadata)
		for n := range root.descendants() {
			if n.name.Space == "" {
				n.name.Space = nsMetadata
			}
		}
		return true
	case isRootName(root.name.Local):
		p.errorf(KindInvalid, "The root element %s is in the namespace %q, not the SAML 2.0 metadata namespace %s. Only SAML 2.0 metadata is supported: download the identity provider's SAML 2.0 metadata.",
			root.where(), root.name.Space, nsMetadata)
	default:
		p.errorf(KindInvalid, "The root element is %s (namespace %q), not md:EntityDescriptor or md:EntitiesDescriptor, so this is not SAML 2.0 metadata. Download the identity provider's SAML 2.0 metadata XML.",
			root.where(), root.name.Space)
	}
	return false
}

// collectEntities finds the EntityDescriptors at n and in nested
// EntitiesDescriptors.
func collectEntities(n *node, enclosing []*node, out *[]entity) {
	if n.is(nsMetadata, "EntityDescriptor") {
		e := entity{node: n, enclosing: enclosing}
		for d := range n.children(nsMetadata, "IDPSSODescriptor") {
			if supportsSAML2(d) {
				e.idp = d
				break
			}
		}
		*out = append(*out, e)
		return
	}
	if !n.is(nsMetadata, "EntitiesDescriptor") {
		return
	}
	inner := append(slices.Clip(enclosing), n)
	for c := range n.elements() {
		collectEntities(c, inner, out)
	}
}

func supportsSAML2(d *node) bool {
	v, _ := d.attr("protocolSupportEnumeration")
	return slices.Contains(strings.Fields(v), nsProtocol)
}

// choose picks the identity provider the caller means.
func (p *parser) choose(entities []entity) (entity, bool) {
	var idps []entity
	for _, e := range entities {
		if e.idp != nil {
			idps = append(idps, e)
		}
	}
	if want := collapseSpace(p.opts.EntityID); want != "" {
		for _, e := range idps {
			if e.id() == want {
				return e, true
			}
		}
		if len(idps) == 0 {
			kind, reason := noIdPReason(entities)
			p.errorf(kind, "entity_id is %q, but the metadata describes no SAML 2.0 identity provider at all. %s", want, reason)
		} else {
			p.errorf(KindNoIdP, "entity_id is %q, but no identity provider in the metadata has that entityID. Set entity_id to one of: %s.", want, quotedIDs(idps))
		}
		return entity{}, false
	}
	switch len(idps) {
	case 0:
		kind, reason := noIdPReason(entities)
		p.errorf(kind, "%s", reason)
		return entity{}, false
	case 1:
		return idps[0], true
	default:
		p.errorf(KindManyIdPs, "The metadata describes %d identity providers: %s. Set entity_id to the entityID of the one Identity Center should trust.", len(idps), quotedIDs(idps))
		return entity{}, false
	}
}

// noIdPReason explains why no entity is a SAML 2.0 identity provider, and
// whether the document is in fact a service provider's metadata.
func noIdPReason(entities []entity) (Kind, string) {
	const fetch = "Download the IdP metadata from your identity provider."
	if len(entities) == 0 {
		return KindNoIdP, "The metadata has no md:EntityDescriptor, so it describes no identity provider. " + fetch
	}
	for _, e := range entities {
		for c := range e.node.elements() {
			switch {
			case c.is(nsMetadata, "IDPSSODescriptor"):
				v, _ := c.attr("protocolSupportEnumeration")
				return KindNoIdP, fmt.Sprintf("The %s of entity %q supports only the protocols %q, not SAML 2.0 (%s). Identity Center needs a SAML 2.0 identity provider: enable SAML 2.0 in the identity provider and download its metadata again.", c.where(), e.id(), collapseSpace(v), nsProtocol)
			case c.name.Local == "IDPSSODescriptor":
				return KindNoIdP, fmt.Sprintf("The %s of entity %q is in the namespace %q, not the SAML metadata namespace %s, so it does not count as an identity provider. %s", c.where(), e.id(), c.name.Space, nsMetadata, fetch)
			}
		}
	}
	for _, e := range entities {
		for c := range e.node.children(nsMetadata, "SPSSODescriptor") {
			const idpSide = "Identity Center needs the metadata of the identity provider your users sign in with: download it from the IdP's admin console " +
				"(OneLogin: the application's SSO tab, More Actions, SAML Metadata; Okta: the application's Sign On tab, Metadata URL; " +
				"Microsoft Entra ID: the enterprise application's Single sign-on page, Federation Metadata XML) and give that document instead."
			if isTencentSP(e.id()) {
				return KindSPMetadata, fmt.Sprintf("This is Tencent Cloud's own service provider (SP) metadata, entity %q, as the tencentcloudidc_saml_service_provider data source "+
					"and the Identity Center console's SP metadata download give it, not your identity provider's. That document goes the other way: upload it to the IdP. %s", e.id(), idpSide)
			}
			return KindSPMetadata, fmt.Sprintf("This is SP metadata (a service provider's, for example Tencent Cloud's own), not your IdP's: entity %q has an %s and no IDPSSODescriptor. %s", e.id(), c.where(), idpSide)
		}
	}
	return KindNoIdP, "No EntityDescriptor in the metadata has an md:IDPSSODescriptor, so it describes no identity provider. " + fetch
}

// isTencentSP recognises the entity ID of Identity Center's own SAML service
// provider: https://tencentcloudsso.com/saml/sp/<zone> (tencentcloudssointl.com
// on the international site).
func isTencentSP(entityID string) bool {
	u, err := url.Parse(entityID)
	if err != nil {
		return false
	}
	host := strings.ToLower(u.Hostname())
	return (host == "tencentcloudsso.com" || host == "tencentcloudssointl.com" ||
		strings.HasSuffix(host, ".tencentcloudsso.com") || strings.HasSuffix(host, ".tencentcloudssointl.com")) &&
		strings.HasPrefix(u.Path, "/saml/sp/")
}

func quotedIDs(es []entity) string {
	ids := make([]string, len(es))
	for i, e := range es {
		ids[i] = fmt.Sprintf("%q", e.id())
	}
	return strings.Join(ids, ", ")
}

// singleSignOn fills the SSO endpoints and the login URL.
func (p *parser) singleSignOn(idp *node, md *Metadata) {
	var seen []string
	for s := range idp.children(nsMetadata, "SingleSignOnService") {
		binding, _ := s.attr("Binding")
		location, _ := s.attr("Location")
		binding, location = collapseSpace(binding), collapseSpace(location)
		if binding == "" || location == "" {
			p.errorf(KindInvalid, "The %s lacks its Binding or Location attribute; both are required. Download the metadata from the identity provider again.", s.where())
			continue
		}
		key := binding
		if short, ok := bindingShortNames[binding]; ok {
			key = short
		}
		seen = append(seen, key)
		if _, dup := md.SSOURLs[key]; dup {
			continue
		}
		if key == "HTTP-Redirect" || key == "HTTP-POST" {
			if err := checkLoginURL(location); err != nil {
				p.errorf(KindInvalid, "The Location %q of the %s SingleSignOnService (%s) %v. Identity Center sends users to this URL to sign in; fix it in the identity provider and download the metadata again.", location, key, s.where(), err)
				continue
			}
		}
		md.SSOURLs[key] = location
	}
	md.LoginURL = cmp.Or(md.SSOURLs["HTTP-Redirect"], md.SSOURLs["HTTP-POST"])
	if md.LoginURL != "" {
		return
	}
	has := "it has none"
	if len(seen) > 0 {
		has = "it has only " + strings.Join(slices.Compact(slices.Sorted(slices.Values(seen))), ", ")
	}
	p.errorf(KindNoSSO, "The %s has no SingleSignOnService with the HTTP-Redirect or HTTP-POST binding (%s). Identity Center sends users to the identity provider's login URL with one of these bindings: enable SAML 2.0 web browser single sign-on for this application in the identity provider and download its metadata again.", idp.where(), has)
}

func checkLoginURL(location string) error {
	u, err := url.Parse(location)
	switch {
	case err != nil:
		return errors.New("is not a valid URL")
	case u.Scheme != "https" && u.Scheme != "http":
		return errors.New("is not an http or https URL")
	case u.Host == "":
		return errors.New("has no host")
	}
	return nil
}

// signingCert is a signing certificate and where the document has it.
type signingCert struct {
	cert *Certificate
	at   *node
}

// signingCertificates reads the distinct signing certificates of the IdP.
// Keys it has to skip are reported: as part of the error when no
// certificate is left, as warnings otherwise. A signing key whose certificate
// is there but cannot be read, or whose use is "signing" or "encryption" with
// white space around it, is an error even beside good keys: Identity Center
// reads the whole document and refuses it (found by the differential fuzz
// target against the simulator), so the plan must fail rather than the apply.
func (p *parser) signingCertificates(idp *node) []signingCert {
	var certs []signingCert
	var problems, refused []string
	seen := map[[sha256.Size]byte]bool{}
	for kd := range idp.children(nsMetadata, "KeyDescriptor") {
		use, _ := kd.attr("use")
		switch use {
		case "", "signing":
		case "encryption":
			continue
		default:
			if c := collapseSpace(use); c == "signing" || c == "encryption" {
				refused = append(refused, fmt.Sprintf("the %s has use=%q: the value must be exactly %q, without white space", kd.where(), use, c))
				continue
			}
			problems = append(problems, fmt.Sprintf("the %s has use=%q, which is neither \"signing\" nor \"encryption\", so it is not taken as a signing key", kd.where(), use))
			continue
		}
		xc, problem := x509CertificateOf(kd)
		if xc == nil {
			problems = append(problems, problem)
			continue
		}
		der, err := decodeBase64(removeSpace(xc.text()))
		if err != nil {
			refused = append(refused, fmt.Sprintf("the certificate in the %s cannot be read: %v", xc.where(), err))
			continue
		}
		c, err := newCertificate(der)
		if err != nil {
			refused = append(refused, fmt.Sprintf("the certificate in the %s cannot be read: %v", xc.where(), err))
			continue
		}
		sum := sha256.Sum256(der)
		if seen[sum] {
			continue
		}
		seen[sum] = true
		certs = append(certs, signingCert{cert: c, at: xc})
	}
	if len(refused) > 0 {
		p.errorf(KindBadCertificate, "A signing key of the identity provider cannot be used: %s. Identity Center refuses the whole document when one signing key is broken, even beside good ones. Download the metadata from the identity provider again, or remove or fix that KeyDescriptor.", strings.Join(refused, "; "))
		return nil
	}
	if len(certs) == 0 {
		why := "it has no KeyDescriptor with use=\"signing\" or without use"
		if len(problems) > 0 {
			why = strings.Join(problems, "; ")
		}
		p.errorf(KindNoCertificate, "No signing certificate is found in the %s: %s. Identity Center verifies the identity provider's SAML responses with this certificate, so it is required. Download the metadata from the identity provider again, or fix the document so that each signing key is a <ds:KeyInfo><ds:X509Data><ds:X509Certificate> with xmlns:ds=\"%s\".", idp.where(), why, nsDSig)
		return nil
	}
	for _, problem := range problems {
		p.warnf(KindIgnoredKey, "A signing key of the identity provider was skipped: %s. The other signing certificates are used. If the identity provider signs with the skipped key, sign-in fails: download the metadata from the identity provider again.", problem)
	}
	return certs
}

// x509CertificateOf finds the signing certificate of a KeyDescriptor, or
// says why there is none. Namespaces are checked on every step because
// encoding/xml-style matching by local name alone would accept the broken
// documents that IdPs and toolkits do produce.
func x509CertificateOf(kd *node) (*node, string) {
	problem := fmt.Sprintf("the %s has no ds:KeyInfo", kd.where())
	for ki := range kd.elements() {
		if ki.name.Local != "KeyInfo" {
			continue
		}
		if ki.name.Space != nsDSig {
			problem = namespaceProblem(ki)
			continue
		}
		problem = fmt.Sprintf("the %s has no ds:X509Data with a ds:X509Certificate (the signing key must be given as an X.509 certificate)", ki.where())
		for xd := range ki.elements() {
			if xd.name.Local != "X509Data" {
				continue
			}
			if xd.name.Space != nsDSig {
				problem = namespaceProblem(xd)
				continue
			}
			for xc := range xd.elements() {
				if xc.name.Local != "X509Certificate" {
					continue
				}
				if xc.name.Space != nsDSig {
					problem = namespaceProblem(xc)
					continue
				}
				return xc, ""
			}
		}
	}
	return nil, problem
}

// namespaceProblem explains why an XML-DSig element was not recognised.
func namespaceProblem(n *node) string {
	msg := fmt.Sprintf("the %s is in the namespace %q, not the XML-DSig namespace %s", n.where(), n.name.Space, nsDSig)
	var hint string
	switch {
	case n.name.Space == "":
		hint = "it is written without a prefix and no namespace applies to it"
	case n.name.Space == nsMetadata:
		hint = "it is written without a prefix, so it inherits the default namespace, the SAML metadata namespace"
	case looksLikeDSig(n.name.Space):
		hint = "the namespace is compared character by character, so this misspelling of the XML-DSig namespace is a different namespace"
		if n.prefix != "" {
			hint += fmt.Sprintf("; correct the xmlns:%s declaration", n.prefix)
		}
	}
	if prefix := prefixFor(n.scope, nsDSig); n.prefix == "" && prefix != "" {
		hint += fmt.Sprintf("; xmlns:%s declares XML-DSig here, but the element is not written as %s:%s", prefix, prefix, n.name.Local)
	}
	if hint != "" {
		msg += " (" + strings.TrimPrefix(hint, "; ") + ")"
	}
	return msg
}

// prefixFor returns the first prefix, in sorted order so that messages are
// stable, that is bound to uri in scope, or "".
func prefixFor(scope map[string]string, uri string) string {
	for _, prefix := range slices.Sorted(maps.Keys(scope)) {
		if prefix != "" && scope[prefix] == uri {
			return prefix
		}
	}
	return ""
}

// looksLikeDSig reports whether uri is the XML-DSig namespace with a wrong
// scheme, case or trailing character, as hand-edited metadata has.
func looksLikeDSig(uri string) bool {
	norm := func(s string) string {
		s = strings.ToLower(strings.TrimSpace(s))
		s = strings.TrimPrefix(strings.TrimPrefix(s, "http://"), "https://")
		return strings.TrimRight(s, "#/")
	}
	return uri != nsDSig && norm(uri) == norm(nsDSig)
}

// checkValidUntil checks the earliest validUntil that applies to the IdP.
func (p *parser) checkValidUntil(e entity) *time.Time {
	var earliest *time.Time
	var at *node
	for _, n := range append(slices.Clip(e.enclosing), e.node, e.idp) {
		v, ok := n.attr("validUntil")
		if !ok {
			continue
		}
		var rt saml.RelaxedTime
		if err := rt.UnmarshalText([]byte(collapseSpace(v))); err != nil || collapseSpace(v) == "" {
			p.errorf(KindInvalid, "validUntil=%q on the %s is not a date and time (xs:dateTime, for example 2030-01-01T00:00:00Z). Download the metadata from the identity provider again.", v, n.where())
			continue
		}
		t := time.Time(rt).UTC()
		if earliest == nil || t.Before(*earliest) {
			earliest, at = &t, n
		}
	}
	switch {
	case earliest == nil || p.opts.IgnoreClock:
	case p.opts.Now.After(*earliest):
		p.errorf(KindMetadataExpired, "The metadata is valid only until %s (validUntil on the %s), which has passed. The identity provider declared this copy stale, and SAML consumers must not use it after that time. Download fresh metadata from the identity provider.", stamp(*earliest), at.where())
	case earliest.Sub(p.opts.Now) < p.opts.ExpiryWarning:
		p.warnf(KindMetadataExpiring, "The metadata is valid only until %s (validUntil on the %s), in %s. Download fresh metadata from the identity provider before then and update it here.", stamp(*earliest), at.where(), untilText(p.opts.Now, *earliest))
	}
	return earliest
}

// certificateTimes judges the signing certificates against the clock. Only
// when every one has expired can no SAML response be verified; one expired
// certificate beside a valid one is the tail of a rollover.
func (p *parser) certificateTimes(certs []signingCert) {
	if len(certs) == 0 {
		return
	}
	now := p.opts.Now
	var expired []string
	for _, c := range certs {
		if now.After(c.cert.NotAfter) {
			expired = append(expired, fmt.Sprintf("%s in the %s expired on %s", c.cert.describe(), c.at.where(), stamp(c.cert.NotAfter)))
		}
	}
	if len(expired) == len(certs) {
		p.errorf(KindAllExpired, "Every signing certificate in the metadata has expired: %s. Identity Center cannot verify SAML responses signed with an expired certificate. Create a new signing certificate in the identity provider, make it active, and download the metadata again.", strings.Join(expired, "; "))
		return
	}
	for _, c := range certs {
		what := fmt.Sprintf("The signing certificate %s in the %s", c.cert.describe(), c.at.where())
		switch {
		case now.After(c.cert.NotAfter):
			p.warnf(KindCertExpired, "%s expired on %s. Another signing certificate is still valid, so sign-in keeps working. Finish the rollover in the identity provider: remove the expired certificate and download the metadata again.", what, stamp(c.cert.NotAfter))
		case c.cert.NotAfter.Sub(now) < p.opts.ExpiryWarning:
			p.warnf(KindCertExpiring, "%s expires on %s, in %s. Roll it over in the identity provider before then: add the next signing certificate, update this metadata so both are trusted, switch the identity provider to the new one, then remove the old one.", what, stamp(c.cert.NotAfter), untilText(now, c.cert.NotAfter))
		}
		if now.Before(c.cert.NotBefore) {
			p.warnf(KindCertNotYetValid, "%s is not valid before %s; sign-in with it fails until then. Check that it is the certificate the identity provider signs with now.", what, stamp(c.cert.NotBefore))
		}
	}
}

// checkSHA1 looks for SHA-1 in the IdP's entity (signatures, algorithm support
// extensions), in the signatures of enclosing EntitiesDescriptors, and in
// the signing certificates themselves.
func (p *parser) checkSHA1(e entity, certs []signingCert) bool {
	var places []string
	check := func(n *node) {
		var role string
		switch {
		case n.is(nsDSig, "SignatureMethod"):
			role = "signs the metadata with"
		case n.is(nsDSig, "DigestMethod"):
			role = "digests the metadata with"
		case n.is(nsAlgSupport, "SigningMethod"):
			role = "advertises the signing method"
		case n.is(nsAlgSupport, "DigestMethod"):
			role = "advertises the digest method"
		default:
			return
		}
		alg, _ := n.attr("Algorithm")
		if alg = collapseSpace(alg); isSHA1Algorithm(alg) {
			places = append(places, fmt.Sprintf("the %s %s %s", n.where(), role, alg))
		}
	}
	for _, outer := range e.enclosing {
		for sig := range outer.children(nsDSig, "Signature") {
			for n := range sig.descendants() {
				check(n)
			}
		}
	}
	for n := range e.node.descendants() {
		check(n)
	}
	for _, c := range certs {
		if c.cert.usesSHA1() {
			places = append(places, fmt.Sprintf("the signing certificate %q in the %s is signed with %s", c.cert.Subject, c.at.where(), c.cert.SignatureAlgorithm))
		}
	}
	if len(places) == 0 {
		return false
	}
	p.warnf(KindSHA1, "The metadata uses SHA-1: %s. %s", strings.Join(places, "; "), sha1Advice)
	return true
}

// isSHA1Algorithm recognises the XML-DSig and XML Encryption identifiers of
// SHA-1 based algorithms: #sha1, #rsa-sha1, #dsa-sha1, #ecdsa-sha1,
// #hmac-sha1.
func isSHA1Algorithm(uri string) bool {
	_, fragment, found := strings.Cut(uri, "#")
	if !found {
		return false
	}
	fragment = strings.ToLower(fragment)
	return fragment == "sha1" || strings.HasSuffix(fragment, "-sha1")
}

func stamp(t time.Time) string {
	return t.UTC().Format(time.RFC3339)
}
