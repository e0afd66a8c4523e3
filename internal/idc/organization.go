package idc

import (
	"context"
	"fmt"
	"iter"
)

// memberPageSize is DescribeOrganizationMembers' largest Limit.
const memberPageSize = 50

// OrganizationMembers iterates over the organization's member accounts matching in, fetching
// 50 per call (DescribeOrganizationMembers pages by Offset, a multiple of Limit, and Total).
// Iteration stops at a short or empty page, so a Total that is too high cannot loop forever.
func (c *Client) OrganizationMembers(ctx context.Context, in ListOrganizationMembersInput) iter.Seq2[OrganizationMember, error] {
	const action = "DescribeOrganizationMembers"
	return func(yield func(OrganizationMember, error) bool) {
		for offset := uint64(0); ; offset += memberPageSize {
			members, total, err := c.organizationMembersPage(ctx, in, offset)
			if err != nil {
				yield(OrganizationMember{}, fmt.Errorf("%s: %w", action, err))
				return
			}
			for _, m := range members {
				if !yield(m, nil) {
					return
				}
			}
			if len(members) < memberPageSize || offset+uint64(len(members)) >= total {
				return
			}
		}
	}
}

func (c *Client) organizationMembersPage(ctx context.Context, in ListOrganizationMembersInput, offset uint64) ([]OrganizationMember, uint64, error) {
	const action = "DescribeOrganizationMembers"
	req := describeOrganizationMembersRequest{
		Offset: offset, Limit: memberPageSize, Lang: in.Lang, SearchKey: in.SearchKey, AuthName: in.AuthName, Product: in.Product,
	}
	var out describeOrganizationMembersResponse
	if err := c.call(ctx, action, req, &out, idempotent); err != nil {
		return nil, 0, err
	}
	members := make([]OrganizationMember, 0, len(out.Items))
	for i := range out.Items {
		m, err := out.Items[i].toOrganizationMember()
		if err != nil {
			return nil, 0, fmt.Errorf("member %d: %w", out.Items[i].MemberUin, err)
		}
		members = append(members, m)
	}
	return members, out.Total, nil
}

// ListOrganizationMembers returns every member account matching in.
func (c *Client) ListOrganizationMembers(ctx context.Context, in ListOrganizationMembersInput) ([]OrganizationMember, error) {
	return collect(c.OrganizationMembers(ctx, in))
}

// DescribeOrganization returns the caller's organization; its HostUin is the management
// account (the TargetUin of TargetTypeManager). lang ("en", "zh") and product (a trusted
// service, when a delegated admin asks) may be empty.
func (c *Client) DescribeOrganization(ctx context.Context, lang, product string) (*Organization, error) {
	const action = "DescribeOrganization"
	var out describeOrganizationResponse
	if err := c.call(ctx, action, describeOrganizationRequest{Lang: lang, Product: product}, &out, idempotent); err != nil {
		return nil, err
	}
	o, err := out.toOrganization()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", action, err)
	}
	return &o, nil
}
