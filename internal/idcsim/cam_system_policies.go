package idcsim

// camSystemPolicy is one CAM preset (system) policy a role configuration may reference.
type camSystemPolicy struct {
	ID   int64
	Name string
	// Bindable is false for service-role policies (QcloudAccessFor…Role), which CAM attaches to
	// service roles only: AddPermissionPolicyToRoleConfiguration refuses them with
	// InvalidParameter.BindPolicyNameNotAllowed (inferred).
	Bindable bool
}

// camSystemPolicies is the simulator's catalogue of CAM system policies. 186457
// QcloudVPCReadOnlyAccess is the real pair the incumbent's acceptance test attaches
// (identity-center-authorization-api.md §1.3, §12); QcloudAccessForOceanusRole is the reference's
// PolicyDetail example. The other names are CAM's preset policy names; their IDs are the
// simulator's own (the public sources give no other ID), listed in doc.go.
var camSystemPolicies = []camSystemPolicy{
	{1, "AdministratorAccess", true},
	{2, "ReadOnlyAccess", true},
	{186457, "QcloudVPCReadOnlyAccess", true},
	{900001, "QcloudVPCFullAccess", true},
	{900002, "QcloudCVMFullAccess", true},
	{900003, "QcloudCVMReadOnlyAccess", true},
	{900004, "QcloudCOSFullAccess", true},
	{900005, "QcloudCOSReadOnlyAccess", true},
	{900006, "QcloudCamFullAccess", true},
	{900007, "QcloudCamReadOnlyAccess", true},
	{900008, "QcloudCLBFullAccess", true},
	{900009, "QcloudTKEFullAccess", true},
	{900010, "QcloudCDBFullAccess", true},
	{900011, "QcloudFinanceFullAccess", true},
	{900012, "QcloudMonitorFullAccess", true},
	{900013, "QcloudCloudAuditFullAccess", true},
	{900014, "QcloudCDNFullAccess", true},
	{900015, "QcloudSCFFullAccess", true},
	{900016, "QcloudAPIGWFullAccess", true},
	{900017, "QcloudCLSFullAccess", true},
	{900018, "QcloudKMSFullAccess", true},
	{900019, "QcloudSSLFullAccess", true},
	{900020, "QcloudDNSPodFullAccess", true},
	{900021, "QcloudCKafkaFullAccess", true},
	{900022, "QcloudRedisFullAccess", true},
	{900023, "QcloudAccessForOceanusRole", false},
	{900024, "QcloudAccessForCVMRole", false},
}

func systemPolicyByID(id int64) (camSystemPolicy, bool) {
	for _, p := range camSystemPolicies {
		if p.ID == id {
			return p, true
		}
	}
	return camSystemPolicy{}, false
}

func systemPolicyByName(name string) (camSystemPolicy, bool) {
	for _, p := range camSystemPolicies {
		if p.Name == name {
			return p, true
		}
	}
	return camSystemPolicy{}, false
}
