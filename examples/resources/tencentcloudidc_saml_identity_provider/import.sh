# The identity provider of a zone is imported by zone ID. A stored metadata document fills
# metadata_xml; otherwise entity_id, login_url and x509_certificates are filled.
terraform import tencentcloudidc_saml_identity_provider.onelogin z-vft38p2hq8tq
