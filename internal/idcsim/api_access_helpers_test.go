package idcsim

import (
	"encoding/json"
	"testing"
)

// Helpers for the access-layer tests (role configurations, policies, provisioning, tasks).

func mustCreateRoleConfiguration(t *testing.T, c *apiClient, kv ...any) roleConfigurationInfo {
	t.Helper()
	var out roleConfigurationInfoResponse
	c.call("CreateRoleConfiguration", with(kv...)).into(t, &out)
	return out.RoleConfigurationInfo
}

// firstMember is the UIN of the organization's first member account.
func firstMember(t *testing.T, c *apiClient) int64 {
	t.Helper()
	var out struct{ Items []struct{ MemberUin int64 } }
	c.call("DescribeOrganizationMembers", map[string]any{"Offset": 0, "Limit": 1}).into(t, &out)
	if len(out.Items) == 0 {
		t.Fatal("the organization has no member accounts")
	}
	return out.Items[0].MemberUin
}

func hostUin(t *testing.T, c *apiClient) int64 {
	t.Helper()
	var out struct{ HostUin int64 }
	c.call("DescribeOrganization", map[string]any{}).into(t, &out)
	return out.HostUin
}

func startProvisioningTask(t *testing.T, c *apiClient, action, rcID string, uin int64) roleProvisioningsTask {
	t.Helper()
	var out struct{ Task roleProvisioningsTask }
	c.call(action, with("RoleConfigurationId", rcID, "TargetType", "MemberUin", "TargetUin", uin)).into(t, &out)
	return out.Task
}

func taskStatusOf(t *testing.T, c *apiClient, taskID string) taskStatus {
	t.Helper()
	var out getTaskStatusResponse
	c.call("GetTaskStatus", with("TaskId", taskID)).into(t, &out)
	return out.TaskStatus
}

func deploymentStatuses(t *testing.T, c *apiClient, rcID string) []string {
	t.Helper()
	var out listProvisioningsResponse
	c.call("ListRoleConfigurationProvisionings", with("RoleConfigurationId", rcID, "MaxResults", 100)).into(t, &out)
	var statuses []string
	for _, p := range out.RoleConfigurationProvisionings {
		statuses = append(statuses, p.DeploymentStatus)
	}
	return statuses
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
