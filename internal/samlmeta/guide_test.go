package samlmeta

import (
	"os"
	"strings"
	"testing"
)

// The OneLogin guide once said the provider notices a forgotten SHA-256 switch. It cannot:
// checkSHA1 looks only at the document. The guide must say exactly where it looks, so this
// test lists the places checkSHA1 checks and requires the guide to name each one.
func TestOneLoginGuideSaysWhatSHA1CheckDetects(t *testing.T) {
	b, err := os.ReadFile("../../templates/guides/onelogin.md.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	guide := strings.Join(strings.Fields(string(b)), " ")
	for _, want := range []string{
		"`ds:SignatureMethod`", "`ds:DigestMethod`", // signatures over the metadata
		"`alg:SigningMethod`", "`alg:DigestMethod`", // algorithm support extensions
		"signing certificate",    // certificates signed with SHA-1
		"`#sha1`", "`#rsa-sha1`", // what isSHA1Algorithm recognises
		"cannot see this switch", // the switch itself is invisible
		"Check the switch yourself",
	} {
		if !strings.Contains(guide, want) {
			t.Errorf("the OneLogin guide does not say %q", want)
		}
	}
	if strings.Contains(guide, "the provider notices") {
		t.Error("the OneLogin guide still claims the provider notices a forgotten SHA-256 switch")
	}
}
