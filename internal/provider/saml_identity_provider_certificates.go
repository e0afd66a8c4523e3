package provider

import (
	"errors"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/samlmeta"
)

// maxIdPCertificates is how many signing certificates a zone's IdP can hold. Tencent does not
// document it (FailedOperation.X509CertificateLimitExceeded exists); the official provider's
// second SAML resource models two slots and the simulator allows two, so the provider plans with
// two: x509_certificates takes at most two, metadata with more signing certificates is refused
// at plan time, and rotation frees a slot before adding when both are taken.
const maxIdPCertificates = 2

// readCertificate reads a PEM or base64 certificate whatever its validity period; nil when it
// cannot be read.
func readCertificate(s string) *samlmeta.Certificate {
	c, _ := samlmeta.ReadCertificate(s)
	return c
}

// certificateFingerprint returns the SHA-256 fingerprint of a PEM or base64 certificate,
// whatever its validity period, and false when it cannot be read.
func certificateFingerprint(s string) (string, bool) {
	c := readCertificate(s)
	if c == nil {
		return "", false
	}
	return c.SHA256Fingerprint, true
}

// fingerprintSet returns the fingerprints of the certificates, sorted, and false when one of
// them cannot be read (then nothing can be said about sameness).
func fingerprintSet(pems []string) ([]string, bool) {
	out := make([]string, 0, len(pems))
	for _, p := range pems {
		fp, ok := certificateFingerprint(p)
		if !ok {
			return nil, false
		}
		out = append(out, fp)
	}
	slices.Sort(out)
	return slices.Compact(out), true
}

// sameCertificates reports whether two lists hold the same certificates, however each is
// written (PEM wrapping, bare base64) and in whatever order.
func sameCertificates(a, b []string) bool {
	fa, okA := fingerprintSet(a)
	fb, okB := fingerprintSet(b)
	return okA && okB && slices.Equal(fa, fb)
}

// storedCertificate is a certificate the service holds.
type storedCertificate struct {
	id          string
	fingerprint string
}

// wantedCertificate is a configured certificate.
type wantedCertificate struct {
	pem         string // one CERTIFICATE block, however the configuration wrote it
	fingerprint string
}

// certificateStep is one call of a certificate rotation: an add (pem set) or a remove (id set).
type certificateStep struct {
	add         bool
	pem         string
	id          string
	fingerprint string
}

var errTooManyCertificates = errors.New("more certificates are wanted than the identity provider can hold")

// rotationSteps plans the calls that turn the stored certificates into the wanted ones so that
// the identity provider's signing certificate is trusted at every moment: new certificates are
// added before the old ones are removed. When the zone is full (limit), one old certificate
// that is no longer wanted is removed first to make room; at least one other certificate is
// still stored at that moment, because a full zone holds at least two. Certificates are matched
// by SHA-256 fingerprint, never by text.
func rotationSteps(stored []storedCertificate, wanted []wantedCertificate, limit int) ([]certificateStep, error) {
	keep := map[string]bool{}
	for _, w := range wanted {
		keep[w.fingerprint] = true
	}
	have := map[string]bool{}
	var obsolete []storedCertificate
	for _, s := range stored {
		have[s.fingerprint] = true
		if !keep[s.fingerprint] {
			obsolete = append(obsolete, s)
		}
	}
	var steps []certificateStep
	count := len(stored)
	for _, w := range wanted {
		if have[w.fingerprint] {
			continue
		}
		if count >= limit {
			if len(obsolete) == 0 || count < 2 {
				return nil, errTooManyCertificates
			}
			steps = append(steps, certificateStep{id: obsolete[0].id, fingerprint: obsolete[0].fingerprint})
			obsolete = obsolete[1:]
			count--
		}
		steps = append(steps, certificateStep{add: true, pem: w.pem, fingerprint: w.fingerprint})
		have[w.fingerprint] = true
		count++
	}
	for _, s := range obsolete {
		steps = append(steps, certificateStep{id: s.id, fingerprint: s.fingerprint})
	}
	return steps, nil
}

// samlCertificateAttrTypes are the attributes of one element of `certificates`.
var samlCertificateAttrTypes = map[string]attr.Type{
	"id":                  types.StringType,
	"sha256_fingerprint":  types.StringType,
	"subject":             types.StringType,
	"issuer":              types.StringType,
	"serial_number":       types.StringType,
	"not_before":          types.StringType,
	"not_after":           types.StringType,
	"signature_algorithm": types.StringType,
}

// certificatesValue describes the stored certificates as the API reports them; the fingerprint
// is computed from the PEM the API returns.
func certificatesValue(certs []idc.SAMLIdPCertificate) (types.List, diag.Diagnostics) {
	elemType := types.ObjectType{AttrTypes: samlCertificateAttrTypes}
	var diags diag.Diagnostics
	elems := make([]attr.Value, 0, len(certs))
	for _, c := range certs {
		fp := types.StringNull()
		if v, ok := certificateFingerprint(c.X509Certificate); ok {
			fp = types.StringValue(v)
		}
		obj, d := types.ObjectValue(samlCertificateAttrTypes, map[string]attr.Value{
			"id":                  types.StringValue(c.CertificateID),
			"sha256_fingerprint":  fp,
			"subject":             stringOrNull(c.Subject),
			"issuer":              stringOrNull(c.Issuer),
			"serial_number":       stringOrNull(c.SerialNumber),
			"not_before":          timeValue(c.NotBefore),
			"not_after":           timeValue(c.NotAfter),
			"signature_algorithm": stringOrNull(c.SignatureAlgorithm),
		})
		diags.Append(d...)
		elems = append(elems, obj)
	}
	list, d := types.ListValue(elemType, elems)
	diags.Append(d...)
	return list, diags
}
