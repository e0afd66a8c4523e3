package provider

import (
	"context"
	"sync"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

// organizationAccountsCache holds the organization's accounts for the plans of one provider
// process: the member accounts (DescribeOrganizationMembers) and the management account
// (DescribeOrganization's HostUin). Plans check every assignment's target_uin against them, and
// one listing serves all of them; a failed listing is not kept.
type organizationAccountsCache struct {
	mu      sync.Mutex
	loaded  bool
	members map[int64]string
	host    int64
}

// accounts returns the member accounts by UIN (with their names) and the management account.
func (c *organizationAccountsCache) accounts(ctx context.Context, client *idc.Client) (map[int64]string, int64, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.loaded {
		return c.members, c.host, nil
	}
	members, err := client.ListOrganizationMembers(ctx, idc.ListOrganizationMembersInput{Lang: "en"})
	if err != nil {
		return nil, 0, err
	}
	org, err := client.DescribeOrganization(ctx, "en", "")
	if err != nil {
		return nil, 0, err
	}
	c.members = make(map[int64]string, len(members))
	for _, m := range members {
		c.members[m.MemberUin] = m.Name
	}
	c.host, c.loaded = org.HostUin, true
	return c.members, c.host, nil
}
