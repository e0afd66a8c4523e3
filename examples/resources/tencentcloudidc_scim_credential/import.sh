# A SCIM credential is imported by zone ID and credential ID, separated by "/"
# (the official tencentcloud provider's "#" works too). Its secret cannot be imported:
# Tencent Cloud shows it only once, at creation. Replace the credential to get one.
terraform import tencentcloudidc_scim_credential.onelogin z-vft38p2hq8tq/scimcred-un1tgbnt0s9j
