// Package idcsim is a local simulator of Tencent Cloud's Identity Center API (service
// "organization", version 2021-03-31).
//
// It is written from the project's reference documents, not from our client: it speaks the real
// wire protocol (POST / with X-TC-Action, TC3-HMAC-SHA256 signatures verified over the raw body,
// {"Response":{...}} envelopes on HTTP 200) so that the real Tencent SDK is exercised end to end.
// It never imports the SDK, internal/idc, internal/provider or internal/samlmeta, so the simulator
// and the client check each other.
//
// The package is two servers over one store. api.go and the api_*.go files are the Tencent Cloud
// API: the wire protocol (api_tc3*.go, api_params.go, api_errors.go, api_paging.go, api_faults.go)
// and one file per family of actions (api_zone.go, api_scim_credentials.go, api_saml*.go,
// api_users.go, api_groups.go; the access layer: api_organization.go, api_role_configurations.go,
// api_role_policies.go with the CAM catalogue in cam_system_policies.go, api_provisioning.go,
// api_tasks.go). The scim_*.go files are the SCIM 2.0 server at /scim/v2. Both
// share server.go (options, start, stats, routing), store.go, index.go and model.go; seed.go
// and testhooks.go are the exported helpers tests use to set state up.
//
// # Behaviour the reference leaves open
//
// Where the public documentation does not say what the real service does, the simulator picks the
// stricter plausible behaviour. Each choice is listed here so that it can go into the user docs:
//
//   - Requests: an empty body is not a JSON object and is refused with InvalidParameter (the SDK
//     always sends at least "{}"). A JSON null for any parameter is a type error (InvalidParameter),
//     not "absent". Parameter names are case-sensitive: "zoneid" is UnknownParameter. The content
//     type must be application/json. A required string parameter that is empty counts as missing.
//   - Signatures: the signed headers must include content-type and host, be lower case, sorted and
//     unique; a credential scope whose date is not the UTC date of X-TC-Timestamp, or whose service
//     is not "organization", is AuthFailure.SignatureFailure. Skew is symmetric (±300 s). Identical
//     replays are accepted, because the SDK re-sends the same signed request on RequestLimitExceeded.
//     A missing or non-numeric X-TC-Timestamp is AuthFailure.InvalidAuthorization.
//   - Every action that takes a ZoneId answers FailedOperation.ZoneIdNotExist for any other zone,
//     including the SAML and CreateSCIMCredential actions whose documented error lists omit it.
//   - Pagination: a NextToken is bound to the whole query, MaxResults included (the reference says
//     to repeat "the same other parameters"); a token from another query, another action or another
//     group is InvalidParameter.NextTokenInvalid. An empty NextToken means "first page". Offset is
//     ignored when a NextToken is given. Pages are keyset-based, so deleting objects between pages
//     never skips or repeats the others. NextToken is present only when IsTruncated is true,
//     as the SDK's models say ("shown only when IsTruncated is true"): the last page has none.
//   - Bad enum values of list filters (UserStatus, UserType, GroupType, SortField, SortType) are
//     InvalidParameterValue; MaxResults outside 1..100 and a negative Offset are
//     InvalidParameter.ParamError. Without SortType lists are in ascending creation order.
//   - ListGroups Filter accepts "GroupName eq X" and "GroupName sw X" (case-insensitive); anything
//     else is a case-insensitive substring of the group name.
//   - SCIM credentials: CreateSCIMCredential does not require SCIM synchronization to be enabled
//     (the console asks for it, the API documents no error for it). ExpireDuration must be within
//     3600 s and 99×365 days, else InvalidParameterValue. Without it a credential expires one
//     calendar year after creation, as in Tencent's example. Expired credentials keep their status.
//   - SAML identity provider: the first configuration must leave at least one certificate
//     (FailedOperation.X509CertificateMinimumRequired), even when it only sets SSOStatus Disabled.
//     Fields are applied in order: metadata document first, then explicit EntityId, LoginUrl and
//     X509Certificate, which override what the document said. An explicit "" EntityId or LoginUrl
//     clears that field; an explicit "" X509Certificate is InvalidParameterValue.X509CertificateFormatError.
//     Every replacement of the certificates (by a document or by X509Certificate) issues new
//     certificate IDs, so clients must take the IDs from the answer. At most two certificates per
//     zone (maxIdPCertificates). SSO can only be Enabled, and stay Enabled, while an entity ID, a
//     login URL and a certificate are configured (ResourceNotFound.SAMLIdentityProviderNotFound).
//     LoginUrl must be an absolute http(s) URL (InvalidParameterValue). Metadata with a DOCTYPE is
//     refused (XMLDataUnmarshalFailed); an EntitiesDescriptor must hold exactly one entity with an
//     IDPSSODescriptor (MetadataCosParsingFailed otherwise). The signing certificate of a
//     KeyDescriptor is the first X509Certificate of each X509Data (a chain lists the leaf first).
//     Expired certificates are accepted, and so are certificates with a negative serial number,
//     which Go's x509 parser refuses but old AD FS and Entra ID certificates have.
//   - With no IdP configured, ListExternalSAMLIdPCertificates lists no certificates and
//     RemoveExternalSAMLIdPCertificate answers ResourceNotFound.X509CertificateNotFound, codes
//     within what the SDK lists for them. AddExternalSAMLIdPCertificate answers
//     ResourceNotFound.SAMLIdentityProviderNotFound, which the SDK does not list for it: none of
//     the codes it lists means "no IdP" (they are about the certificate or the database),
//     accepting the certificate would make an IdP configuration as a side effect, and it is the
//     code Get and Clear answer for the same state, which clients handle already.
//   - Users and groups: user names, emails and group names are unique case-insensitively. A user's
//     email must look like local@domain. A user still in a group cannot be deleted
//     (InvalidParameter.UserAlreadyExistsGroup) and a group with members cannot be deleted
//     (FailedOperation.DeleteGroupNotAllowExistUser). AddUserToGroup requires the user type to
//     equal the group type (FailedOperation.GroupTypeUserTypeNotMatch). While SCIM synchronization
//     is Enabled, Synchronized users, groups and their memberships are read-only through the API.
//     The FailedOperation.ManualUserNot*/ManualGroupNot* codes are never raised: the reference's
//     wording contradicts ordinary manual editing.
//   - Quotas: 1000 users and 500 groups by default. Seeding more than fits raises the quota to the
//     existing count plus N plus the default, so that tests can still create objects after seeding.
//     Test seeding through AddUser and AddGroup respects the quota.
//
// # Access layer: choices the reference leaves open
//
// Role configurations, their policies, provisioning, tasks and the organization follow
// identity-center-authorization-api.md; where it says "inferred" or "could not confirm":
//
//   - Organization: the key pair is the management account's. DescribeOrganization's HostUin is
//     the management account ("sim-management"), the only ManagerUin target; member accounts
//     sim-account-01…N (Options.SeedAccounts, -seed-accounts, default 5) are the only MemberUin
//     targets. Their 12-digit UINs (1000xxxxxxxx) derive from the zone ID, so they are the same on
//     every run. A MemberUin target naming the management account, a ManagerUin target naming a
//     member, or an account outside the organization is FailedOperation.OrganizationMemberNotExist;
//     a bad TargetType is InvalidParameter.ParamError. DescribeOrganizationMembers does not list the
//     management account, lists members in joining order, refuses a Limit outside 1..50, an Offset
//     that is not a multiple of Limit and a Lang other than en/zh (InvalidParameter), knows only
//     the root node (ResourceNotFound.OrganizationNodeNotExist for another NodeId), and its Tags
//     and AuthName filters match nothing (seeded members have no tags or verified entity).
//     SearchKey is a case-insensitive substring of the name or the UIN.
//   - Role configurations: names are unique case-insensitively. An out-of-range SessionDuration
//     (outside 900..43200), a Description over 1024 characters and a RelayState that is not an
//     https URL on console.cloud.tencent.com or console.tencentcloud.com are
//     InvalidParameterValue. Update leaves absent fields unchanged; "" clears Description and
//     RelayState. ListRoleConfigurations lists in creation order; its FilterTargets marks
//     IsSelected when the configuration has a provisioning row (any status) on one of the accounts,
//     or, with PrincipalId, when that principal has an assignment there; PrincipalId without
//     FilterTargets is InvalidParameter.ParamError.
//   - Policies: the CAM catalogue (cam_system_policies.go) has real names; only 186457
//     QcloudVPCReadOnlyAccess is a real ID, the others are the simulator's (1, 2, 9000xx).
//     An unknown PolicyId or system policy name, a PolicyName that does not match the PolicyId, a
//     custom document that is not a JSON object or is over 6144 characters, a PolicyType other
//     than 0/1, more than 20 RolePolicyNames, System with a document and Custom with RolePolicies
//     are InvalidParameter.ParamError. Service-role policies (QcloudAccessFor…Role) are
//     InvalidParameter.BindPolicyNameNotAllowed. Adding a policy already attached (system or
//     custom, matched by name across both kinds) is InvalidParameter.PolicyNameAlreadyExists; an Add
//     is all-or-nothing. Custom documents are stored and returned verbatim. Remove takes a system
//     policy by RolePolicyId, or by name without one; both given must name the same policy;
//     custom policies go by name (RolePolicyId ignored, 0 is what the incumbent sends).
//     ListPermissionPoliciesInRoleConfiguration lists in the order added; its Filter is a
//     case-insensitive substring of the name. Delegated administrators are not modelled, so
//     FailedOperation.DelegatedAdminCannotModifyPolicy is never raised.
//   - Redeploy marking (§1.4 rule 2): every policy add, remove or document change, and every
//     change of SessionDuration or RelayState (a Description change does not), turns Deployed
//     provisioning rows DeployedRequired; a provisioning task that was running during such a
//     change ends DeployedRequired instead of Deployed. A DeployFailed row stays DeployFailed.
//   - Tasks: IDs are t- and 12 characters. A task stays InProgress for Options.TaskDelay
//     (-task-delay, default 300 ms on the command line, 0 in Options: done by the next request)
//     and finishes lazily at the first request after that, so the test clock drives it. A
//     provisioning row appears only when a Provision task ends (no "deploying" status): Success
//     makes it Deployed, Failed makes it DeployFailed. A Dismantle task removes the row on
//     Success and leaves it on Failed. Provision of an up-to-date deployment is a task that
//     succeeds. A second Provision or Dismantle of the same configuration on the same account
//     while a task runs is FailedOperation.RoleConfigurationProvisioningStatusError. Dismantle of a
//     row in any status is allowed (ResourceNotFound.RoleConfigurationProvisioningNotFound without
//     one). Provision and Dismantle of an unknown configuration answer
//     InvalidParameter.RoleConfigurationNotExist (their lists have no such code). Tasks are kept
//     for ever (and in the state file); ListTasks lists provisioning tasks too, oldest first, with
//     empty PrincipalId/PrincipalType; bad Status, TaskType, TargetType, PrincipalType filters are
//     InvalidParameter.ParamError (also in ListRoleConfigurationProvisionings). GetTaskStatus
//     sends FailureReason only for Failed tasks, as the SDK says.
//   - The task-failure fault (-faults task-failure=P, FailNext(action, FaultTaskFailure, n)) does
//     not fail the request: the task it starts ends Failed with a FailureReason. As a random fault
//     it is rolled once per task and its probability is not added to the per-request faults';
//     each failed task counts in Stats.Faults and Stats.FaultKinds["task-failure"], and in
//     Stats.FaultActions only when it was queued with FailNext.
//   - DeleteRoleConfiguration is refused while policies remain (InvalidParameter.RolePolicyAlreadyExist,
//     checked first), while a provisioning row exists in any status, DeployFailed included, and
//     while a provisioning task runs (FailedOperation.RoleConfigurationProvisioningAlreadyDeployed).
//   - Role assignments: CreateRoleAssignment checks every entry before starting anything (one bad
//     entry refuses the request: no partial batches), needs 1..50 entries (none is
//     MissingParameter, more LimitExceeded.CreateRoleAssignmentLimitExceeded) with all five members
//     (MissingParameter otherwise, although api.json marks none required), and starts one task
//     per entry. An assignment is listed only once its task succeeded; the same tuple stored, in a
//     running task or twice in the request is FailedOperation.RoleConfigurationAuthorizationAlreadyExist.
//     No assignment quota is enforced (its number is not documented). A successful create deploys
//     the configuration (Deployed row, same task) where it had no row; an existing row keeps its
//     status. A failed task leaves nothing. DeleteRoleAssignment's task removes it; with
//     DeprovisionForLastRoleAssignmentOnAccount the same task removes the deployment when no other
//     assignment (stored or being created) of that configuration remains on the account. A
//     second delete while one runs is FailedOperation.RoleConfigurationProvisioningStatusError, as
//     is any Provision, Dismantle or assignment change of a configuration on an account while
//     another task on that pair runs. ListRoleAssignments filters on the stored principal (a
//     user's assignments through groups are not listed under the user); Filter is a substring of
//     the configuration name. DeleteUser/DeleteGroup through the API are refused while the
//     principal holds assignments (FailedOperation.RoleConfigurationAuthorizationExist, §1.4 rule
//     5); deleting it over SCIM drops its assignments and leaves the deployments.
//     DeleteRoleConfiguration is refused while assignments remain
//     (FailedOperation.RoleConfigurationProvisioningAlreadyDeployed: its list has no other code).
//   - GetZoneStatistics: RoleConfigurationCount is the number of role configurations and
//     RoleConfigurationSyncCount the number of provisioning rows.
//
// # State
//
// All state sits in one store behind one mutex. With a state file every change is written to a
// temporary file in the same directory, fsynced and renamed over the old file before the answer is
// sent, so the file survives kill -9. If the write fails the answer is InternalError and the
// change stays in memory only, like a commit whose outcome is unknown. The file holds SCIM
// credential secrets and is created with mode 0600. Loading it checks only that IDs and names are
// unique, so state written once stays loadable. SCIM-made users and groups live in the same
// store, so the API lists and counts them at once and they survive restarts with their members.
//
// # SCIM 2.0 server
//
// /scim/v2 is the zone's SCIM server (RFC 7643, RFC 7644), what Tencent runs at
// https://scim.tencentcloudsso.com/scim/v2: Users, Groups, ServiceProviderConfig, ResourceTypes,
// Schemas, filters, paging, PUT, PATCH, DELETE and POST /.search. SCIM users are Identity Center
// users of UserType Synchronized and SCIM groups are Synchronized groups; a resource's id is its
// Identity Center ID (u-…, g-…). Mapping: userName → UserName, name.givenName → FirstName,
// name.familyName → LastName, displayName → DisplayName, the primary (else the first) email →
// Email, active → UserStatus Enabled/Disabled, externalId kept; a group's displayName →
// GroupName, members → memberships. Behaviour the public documentation leaves open:
//
//   - Authentication: every request, discovery endpoints included, needs "Authorization: Bearer
//     <secret>" with the secret of an Enabled, unexpired SCIM credential of the zone (401
//     otherwise), and SCIM synchronization must be Enabled (403). Credentials are checked on each
//     request, so disabling, deleting or expiring one (Options.Now is the clock) locks it out at
//     once. Requests with a body must be application/scim+json or application/json (415), or
//     carry no Content-Type, and at most 1 MiB (413). Answers are application/scim+json, or
//     application/json when the Accept header asks for that and not for application/scim+json.
//   - SCIM traffic is counted in Stats.Calls as "SCIM <method> <endpoint>" but is neither rate
//     limited (-rate-limit is per API action), nor delayed (-latency), nor subject to -faults.
//   - Only Synchronized users and groups exist for SCIM; Manual ones are invisible there but
//     their user names, emails and group names stay taken (409 uniqueness). Names and emails are
//     unique case-insensitively, as in the API.
//   - SCIM users obey the API's rules (user name 1-64 letters, digits or + = , . @ - _; email
//     local@domain; field lengths): a violation is 400 invalidValue. SCIM group names do not obey
//     CreateGroup's rule (letters, digits and - only), because IdP group names contain spaces
//     ("Engineering Team"); they need 1-128 characters and no control characters. UpdateGroup
//     applies the API's rule only to a new name, so such groups stay editable through the API
//     once synchronization is off.
//   - Attributes Identity Center has no field for (name.formatted, nickName, title, further
//     emails, addresses, the enterprise extension, …) are kept and returned as written, except
//     the password, which is never stored. A resource's schemas lists the schemas whose
//     attributes it holds (RFC 7643 §3), whatever the client sent: the enterprise extension's URN
//     only while the user has one of its attributes, and not when attributes= leaves them out. A user's groups attribute is read-only and derived
//     from the memberships. Group members must be Synchronized users of the zone (400
//     invalidValue otherwise; nested groups do not exist).
//   - Writing id, meta, groups or schemas (PATCH path, path-less PATCH value, or a PUT whose id
//     differs from the URL's) is 400 mutability; Okta's path-less replace that repeats the
//     resource's own id is accepted.
//   - Filters: eq, ne, co, sw, ew, gt, ge, lt, le, pr, and, or, not and value filters on every
//     schema attribute, id, externalId, meta and schemas. Attribute names are case-insensitive
//     and strings compare according to the schema's caseExact (userName, displayName and emails
//     ignore case; id and externalId do not). A filter on an unknown attribute, or whose value
//     does not fit the attribute's type, is 400 invalidFilter rather than an empty result. A
//     comparison on a multi-valued attribute matches when any value satisfies it, ne included
//     (RFC 7644 §3.4.2.2): `emails.value ne "x"` selects users with some other email, not users
//     without any; on a single-valued attribute an unassigned value is not equal to any. An
//     unquoted value (Microsoft's documented `externalId eq jyoung`) and a quoted value glued to
//     its operator (RFC 7644's `value eq"…"`) are repaired and accepted.
//   - PATCH accepts operations in any case ("Replace"), the strings "True"/"False" for boolean
//     attributes, value-filter paths (`emails[type eq "work"].value`), path-less values with
//     attribute paths as keys ("name.givenName") and Entra's member removal by value array. A
//     replace through a value filter that matches nothing is 400 noTarget; an add through a
//     filter made of eq comparisons creates the value it describes; a remove that matches
//     nothing succeeds. A null value in add or replace (by path, as a member of a path-less
//     value, an extension's URN object or a complex value, or the extension object itself)
//     unassigns the attribute, as in POST and PUT (RFC 7643 §2.5): it is a remove, which
//     succeeds through a filter that matches nothing, except that add with null to a
//     multi-valued attribute adds no value. Required attributes (userName, a group's
//     displayName) refuse null with 400 invalidValue, and then the whole PATCH changes nothing.
//     Setting primary on one value clears it on the others; more than one primary email is 400
//     invalidValue. User PATCHes answer 200 with the user; group PATCHes answer 204 unless
//     attributes or excludedAttributes is given.
//   - Lists are in creation order (sortBy is ignored; sorting is not offered), count defaults to
//     and is capped at 100, itemsPerPage is the number of resources returned, and
//     attributes/excludedAttributes apply to every resource answer (id and schemas always stay).
//     GET on the server root, /Bulk (any method) and /Me are 501 Not Implemented with a SCIM error
//     body (RFC 7644 §3.12); ETags and If-Match are not supported (meta.version is still present
//     and changes with the resource).
package idcsim
