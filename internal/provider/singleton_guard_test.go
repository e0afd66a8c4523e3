package provider

import (
	"encoding/base64"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/acctest"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idcsim"
)

// importBlock is an import block for the resource at addr.
func importBlock(addr, id string) string {
	return fmt.Sprintf("\nimport {\n  to = %s\n  id = %q\n}\n", addr, id)
}

// checkNow runs a check function in a PreConfig, where the harness hands over no state.
func checkNow(t *testing.T, checks ...func() error) func() {
	return func() {
		t.Helper()
		for _, c := range checks {
			if err := c(); err != nil {
				t.Error(err)
			}
		}
	}
}

func TestAccSCIMSynchronizationResource_existingRefused(t *testing.T) {
	env := acctest.NewEnv(t)
	env.RequireSim(t)
	// Turned on in the console, with the credential an identity provider pushes with.
	if err := env.API.UpdateSCIMSynchronizationStatus(t.Context(), env.ZoneID, true); err != nil {
		t.Fatal(err)
	}
	cred, err := env.API.CreateSCIMCredential(t.Context(), env.ZoneID, 0)
	if err != nil {
		t.Fatal(err)
	}
	env.Sim.ResetStats()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSCIMSynchronization(env, false),
		Steps: []resource.TestStep{
			{
				// Turning it off would overwrite it: refused at plan time.
				Config:   testAccSCIMSynchronizationConfig(env, "  enabled = false"),
				PlanOnly: true,
				ExpectError: acctest.Words("SCIM Synchronization Already Enabled", "SCIM synchronization is already on in zone "+env.ZoneID,
					"would take it over, so nothing was changed", "import {"),
			},
			{
				// Turning it on asks for what is there: the plan only warns (it cannot tell a
				// tainted resource's own switch), and the create refuses before any write.
				Config: testAccSCIMSynchronizationConfig(env, ""),
				ExpectError: acctest.Words("SCIM Synchronization Already Enabled",
					"SCIM synchronization is already on in zone "+env.ZoneID, "holds 1 SCIM credential(s): "+cred.CredentialID+" (Enabled)",
					"nothing was changed", "import {", "to = tencentcloudidc_scim_synchronization.<name>", fmt.Sprintf("id = %q", env.ZoneID),
					"terraform import tencentcloudidc_scim_synchronization.<name> "+env.ZoneID),
			},
			{
				// Refused at plan: nothing was sent. Adopting it with the import block works.
				PreConfig: checkNow(t, func() error { return testAccCheckNoChanges(env)(nil) }),
				Config:    testAccSCIMSynchronizationConfig(env, "") + importBlock(scimSyncAddr, env.ZoneID),
				Check:     testAccCheckSCIMSynchronization(env, true),
			},
		},
	})
}

// Two switches for one zone in one configuration: both plans saw the zone at its default, so
// only the create can tell, and the second one must lose.
func TestAccSCIMSynchronizationResource_twoInOneConfiguration(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSCIMSynchronization(env, false),
		Steps: []resource.TestStep{{
			Config: env.ProviderConfig() + "resource \"tencentcloudidc_scim_synchronization\" \"a\" {}\n\nresource \"tencentcloudidc_scim_synchronization\" \"b\" {}\n",
			ExpectError: acctest.Words("SCIM Synchronization Already Enabled", "SCIM synchronization is already on in zone "+env.ZoneID,
				"by another resource of this configuration"),
		}},
	})
}

// A replacement whose destroy leaves the switch on (disable_on_destroy = false) would have its
// create find the switch on: refused at plan, before the old object is forgotten.
func TestAccSCIMSynchronizationResource_replaceKeepingSwitchRefused(t *testing.T) {
	env := acctest.NewEnv(t)
	config := func(generation string) string {
		return env.ProviderConfig() + fmt.Sprintf(`
resource "terraform_data" "generation" {
  triggers_replace = %q
}

resource "tencentcloudidc_scim_synchronization" "test" {
  disable_on_destroy = false
  lifecycle {
    replace_triggered_by = [terraform_data.generation]
  }
}
`, generation)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config("1")},
			{
				Config:      config("2"),
				ExpectError: acctest.Words("SCIM Synchronization Already Enabled", "This plan replaces this resource", "disable_on_destroy = false"),
			},
		},
	})
}

// A create whose write may have taken effect but failed puts the switch back off, so that the
// next apply is not refused because of it.
func TestAccSCIMSynchronizationResource_failedCreateRolledBack(t *testing.T) {
	env := acctest.NewEnv(t)
	env.RequireSim(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSCIMSynchronization(env, false),
		Steps: []resource.TestStep{
			{
				// Every answer lost: the client's first try and its five retries, each of which
				// turned the switch on.
				PreConfig:   func() { env.Sim.FailNext("UpdateSCIMSynchronizationStatus", idcsim.FaultLostResponse, 6) },
				Config:      testAccSCIMSynchronizationConfig(env, ""),
				ExpectError: acctest.Words("Unable to Create SCIM Synchronization", "zone "+env.ZoneID),
			},
			{
				PreConfig: checkNow(t, func() error { return testAccCheckSCIMSynchronization(env, false)(nil) }),
				Config:    testAccSCIMSynchronizationConfig(env, ""),
				Check:     testAccCheckSCIMSynchronization(env, true),
			},
		},
	})
}

// setIdPBehindTerraform configures the zone's IdP from a metadata document, SSO on, as the
// console or another configuration would.
func setIdPBehindTerraform(t *testing.T, env *acctest.Env, document string) {
	t.Helper()
	encoded := base64.StdEncoding.EncodeToString([]byte(document))
	on := true
	if _, err := env.API.SetExternalSAMLIdentityProvider(t.Context(), idc.SetSAMLIdentityProviderInput{
		ZoneID: env.ZoneID, EncodedMetadataDocument: &encoded, SSOEnabled: &on,
	}); err != nil {
		t.Fatal(err)
	}
}

func TestAccSAMLIdentityProviderResource_existingRefused(t *testing.T) {
	env := acctest.NewEnv(t)
	env.RequireSim(t)
	const entity, login = "https://console.example.com/idp", "https://console.example.com/idp/sso"
	theirs := validTestCert(t, "theirs")
	document := testMetadata(entity, login, mdStyle{}, theirs)
	setIdPBehindTerraform(t, env, document)
	ours := writeTestFile(t, "ours.xml", testMetadata("https://ours.example.com", "https://ours.example.com/sso", mdStyle{}, validTestCert(t, "ours")))
	theirsFile := writeTestFile(t, "theirs.xml", document)
	env.Sim.ResetStats()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSAMLIdPDestroyed(env),
		Steps: []resource.TestStep{
			{
				// Another IdP than the zone's: refused at plan time.
				Config:   testAccSAMLIdPConfig(env, metadataXMLFrom(ours)),
				PlanOnly: true,
				ExpectError: acctest.Words("SAML Identity Provider Already Configured",
					fmt.Sprintf("Zone %s already has a SAML identity provider: entity ID %q, login URL %q, 1 signing certificate(s), uploaded as a metadata document; single sign-on is on", env.ZoneID, entity, login),
					"nothing was changed", "import {", "to = tencentcloudidc_saml_identity_provider.<name>", fmt.Sprintf("id = %q", env.ZoneID)),
			},
			{
				// Nothing was sent: their IdP is intact. Importing it adopts it.
				PreConfig: checkNow(t,
					func() error { return testAccCheckNoChanges(env)(nil) },
					func() error { return expectIdP(env, entity, login, true, true, theirs)(nil) }),
				Config: testAccSAMLIdPConfig(env, metadataXMLFrom(theirsFile)) + importBlock(samlIdPAddr, env.ZoneID),
				Check:  expectIdP(env, entity, login, true, true, theirs),
			},
		},
	})
}

func TestAccSAMLIdentityProviderResource_twoInOneConfiguration(t *testing.T) {
	env := acctest.NewEnv(t)
	a := writeTestFile(t, "a.xml", testMetadata("https://a.example.com", "https://a.example.com/sso", mdStyle{}, validTestCert(t, "a")))
	b := writeTestFile(t, "b.xml", testMetadata("https://b.example.com", "https://b.example.com/sso", mdStyle{}, validTestCert(t, "b")))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSAMLIdPDestroyed(env),
		Steps: []resource.TestStep{{
			Config: env.ProviderConfig() + fmt.Sprintf("resource \"tencentcloudidc_saml_identity_provider\" \"a\" {\n  %s\n}\n\n"+
				"resource \"tencentcloudidc_saml_identity_provider\" \"b\" {\n  %s\n}\n", metadataXMLFrom(a), metadataXMLFrom(b)),
			ExpectError: acctest.Words("SAML Identity Provider Already Configured", "Zone "+env.ZoneID+" already has a SAML identity provider"),
		}},
	})
}

// testAccSAMLIdPReplacedConfig is an IdP that a change of generation replaces, in the same zone.
func testAccSAMLIdPReplacedConfig(env *acctest.Env, file, generation string, createBeforeDestroy bool) string {
	return env.ProviderConfig() + fmt.Sprintf(`
resource "terraform_data" "generation" {
  triggers_replace = %q
}

resource "tencentcloudidc_saml_identity_provider" "test" {
  %s
  lifecycle {
    replace_triggered_by  = [terraform_data.generation]
    create_before_destroy = %t
  }
}
`, generation, metadataXMLFrom(file), createBeforeDestroy)
}

// A replacement in the same zone destroys first, which brings back the default: its create is
// not someone else's takeover.
func TestAccSAMLIdentityProviderResource_replaceInSameZone(t *testing.T) {
	env := acctest.NewEnv(t)
	const entity, login = "https://idp.example.com/replace", "https://idp.example.com/replace/sso"
	cert := validTestCert(t, "replace")
	file := writeTestFile(t, "idp.xml", testMetadata(entity, login, mdStyle{}, cert))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSAMLIdPDestroyed(env),
		Steps: []resource.TestStep{
			{Config: testAccSAMLIdPReplacedConfig(env, file, "1", false)},
			{
				Config: testAccSAMLIdPReplacedConfig(env, file, "2", false),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(samlIdPAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: expectIdP(env, entity, login, true, true, cert),
			},
		},
	})
}

// With create_before_destroy the new IdP would be uploaded over the old one, and then the old
// one's destroy would clear the zone: refused, and the zone keeps its IdP.
func TestAccSAMLIdentityProviderResource_createBeforeDestroyRefused(t *testing.T) {
	env := acctest.NewEnv(t)
	const entity, login = "https://idp.example.com/cbd", "https://idp.example.com/cbd/sso"
	cert := validTestCert(t, "cbd")
	file := writeTestFile(t, "idp.xml", testMetadata(entity, login, mdStyle{}, cert))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSAMLIdPDestroyed(env),
		Steps: []resource.TestStep{
			{Config: testAccSAMLIdPReplacedConfig(env, file, "1", true)},
			{
				Config: testAccSAMLIdPReplacedConfig(env, file, "2", true),
				ExpectError: acctest.Words("SAML Identity Provider Already Configured", "Zone "+env.ZoneID+" already has a SAML identity provider",
					"create_before_destroy = true } cannot work", "the old object stays as it is"),
			},
			{
				// Refused before any write, so the CLI kept the old object: nothing is left to do
				// for the IdP (the old terraform_data object is still to be deleted).
				PreConfig: checkNow(t, func() error { return expectIdP(env, entity, login, true, true, cert)(nil) }),
				Config:    testAccSAMLIdPReplacedConfig(env, file, "2", true),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(samlIdPAddr, plancheck.ResourceActionNoop),
				}},
				Check: expectIdP(env, entity, login, true, true, cert),
			},
		},
	})
}

// A create that fails after its first write (here the second certificate is refused) clears
// the IdP again, so that the next apply is not refused because of what it left.
func TestAccSAMLIdentityProviderResource_failedCreateRolledBack(t *testing.T) {
	env := acctest.NewEnv(t)
	env.RequireSim(t)
	const entity, login = "https://idp.example.com/rollback", "https://idp.example.com/rollback/sso"
	one, two := validTestCert(t, "one"), validTestCert(t, "two")
	config := testAccSAMLIdPConfig(env, manualLines(entity, login, one.pem, two.pem)...)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSAMLIdPDestroyed(env),
		Steps: []resource.TestStep{
			{
				PreConfig:   func() { env.Sim.FailNext("AddExternalSAMLIdPCertificate", "InternalError", 1) },
				Config:      config,
				ExpectError: acctest.Words("Unable to Create SAML Identity Provider", "InternalError"),
			},
			{
				PreConfig: checkNow(t, func() error { return testAccCheckSAMLIdPDestroyed(env)(nil) }),
				Config:    config,
				Check:     expectIdP(env, entity, login, true, false, one, two),
			},
		},
	})
}

// With create_before_destroy the new switch would be turned on over the old one, whose destroy
// would then turn it off: refused before any write, and the old resource stays.
func TestAccSCIMSynchronizationResource_createBeforeDestroyRefused(t *testing.T) {
	env := acctest.NewEnv(t)
	config := func(generation string) string {
		return env.ProviderConfig() + fmt.Sprintf(`
resource "terraform_data" "generation" {
  triggers_replace = %q
}

resource "tencentcloudidc_scim_synchronization" "test" {
  lifecycle {
    replace_triggered_by  = [terraform_data.generation]
    create_before_destroy = true
  }
}
`, generation)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSCIMSynchronization(env, false),
		Steps: []resource.TestStep{
			{Config: config("1")},
			{
				Config:      config("2"),
				ExpectError: acctest.Words("SCIM Synchronization Already Enabled", "create_before_destroy = true } cannot work"),
			},
			{
				PreConfig: checkNow(t, func() error { return testAccCheckSCIMSynchronization(env, true)(nil) }),
				Config:    config("2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(scimSyncAddr, plancheck.ResourceActionNoop),
				}},
				Check: testAccCheckSCIMSynchronization(env, true),
			},
		},
	})
}
