package idc

import (
	"context"
	"fmt"
	"iter"
)

// pageSize is the largest page the List* actions accept (the service default is 10).
const pageSize = 100

// paginate walks a NextToken/IsTruncated listing. fetch gets one page for a token ("" for the
// first). Iteration stops at the first error, which is yielded once; a page that claims to be
// truncated but gives no new token is an error rather than an endless loop.
func paginate[T any](ctx context.Context, action string, fetch func(ctx context.Context, token string) ([]T, wirePage, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		token := ""
		seen := map[string]bool{}
		for {
			items, page, err := fetch(ctx, token)
			if err != nil {
				yield(zero, err)
				return
			}
			for _, item := range items {
				if !yield(item, nil) {
					return
				}
			}
			if !page.IsTruncated {
				return
			}
			if page.NextToken == "" || seen[page.NextToken] {
				yield(zero, fmt.Errorf("%s: the service reported more results but returned no new NextToken", action))
				return
			}
			seen[page.NextToken] = true
			token = page.NextToken
		}
	}
}

// collect drains an iterator into a slice, stopping at the first error.
func collect[T any](seq iter.Seq2[T, error]) ([]T, error) {
	out := []T{}
	for item, err := range seq {
		if err != nil {
			return nil, err
		}
		out = append(out, item)
	}
	return out, nil
}

// Users iterates over the zone's users matching in, fetching 100 per call.
func (c *Client) Users(ctx context.Context, in ListUsersInput) iter.Seq2[User, error] {
	const action = "ListUsers"
	return paginate(ctx, action, func(ctx context.Context, token string) ([]User, wirePage, error) {
		req := listUsersRequest{
			ZoneId:       in.ZoneID,
			UserStatus:   in.UserStatus,
			UserType:     in.UserType,
			Filter:       in.Filter,
			FilterGroups: in.FilterGroups,
			MaxResults:   pageSize,
			NextToken:    token,
		}
		var out listUsersResponse
		if err := c.call(ctx, action, req, &out, idempotent); err != nil {
			return nil, wirePage{}, err
		}
		users := make([]User, 0, len(out.Users))
		for _, w := range out.Users {
			u, err := w.toUser()
			if err != nil {
				return nil, wirePage{}, fmt.Errorf("%s: user %s: %w", action, w.UserId, err)
			}
			users = append(users, u)
		}
		return users, out.wirePage, nil
	})
}

// ListUsers returns every user matching in.
func (c *Client) ListUsers(ctx context.Context, in ListUsersInput) ([]User, error) {
	return collect(c.Users(ctx, in))
}

// GetUser returns one user; ErrNotFound when it does not exist.
func (c *Client) GetUser(ctx context.Context, zoneID, userID string) (*User, error) {
	const action = "GetUser"
	var out getUserResponse
	if err := c.call(ctx, action, getUserRequest{ZoneId: zoneID, UserId: userID}, &out, idempotent); err != nil {
		return nil, err
	}
	if out.UserInfo == nil {
		return nil, fmt.Errorf("%s: user %s in zone %s: %w", action, userID, zoneID, ErrNotFound)
	}
	u, err := out.UserInfo.toUser()
	if err != nil {
		return nil, fmt.Errorf("%s: user %s: %w", action, userID, err)
	}
	return &u, nil
}

// Groups iterates over the zone's groups matching in, fetching 100 per call.
func (c *Client) Groups(ctx context.Context, in ListGroupsInput) iter.Seq2[Group, error] {
	const action = "ListGroups"
	return paginate(ctx, action, func(ctx context.Context, token string) ([]Group, wirePage, error) {
		req := listGroupsRequest{
			ZoneId:      in.ZoneID,
			Filter:      in.Filter,
			GroupType:   in.GroupType,
			FilterUsers: in.FilterUsers,
			MaxResults:  pageSize,
			NextToken:   token,
		}
		var out listGroupsResponse
		if err := c.call(ctx, action, req, &out, idempotent); err != nil {
			return nil, wirePage{}, err
		}
		groups := make([]Group, 0, len(out.Groups))
		for _, w := range out.Groups {
			g, err := w.toGroup()
			if err != nil {
				return nil, wirePage{}, fmt.Errorf("%s: group %s: %w", action, w.GroupId, err)
			}
			groups = append(groups, g)
		}
		return groups, out.wirePage, nil
	})
}

// ListGroups returns every group matching in.
func (c *Client) ListGroups(ctx context.Context, in ListGroupsInput) ([]Group, error) {
	return collect(c.Groups(ctx, in))
}

// GetGroup returns one group; ErrNotFound when it does not exist.
func (c *Client) GetGroup(ctx context.Context, zoneID, groupID string) (*Group, error) {
	const action = "GetGroup"
	var out getGroupResponse
	if err := c.call(ctx, action, getGroupRequest{ZoneId: zoneID, GroupId: groupID}, &out, idempotent); err != nil {
		return nil, err
	}
	if out.GroupInfo == nil {
		return nil, fmt.Errorf("%s: group %s in zone %s: %w", action, groupID, zoneID, ErrNotFound)
	}
	g, err := out.GroupInfo.toGroup()
	if err != nil {
		return nil, fmt.Errorf("%s: group %s: %w", action, groupID, err)
	}
	return &g, nil
}

// GroupMembers iterates over a group's members, optionally only those of one userType
// ("Manual" or "Synchronized"; "" for all).
func (c *Client) GroupMembers(ctx context.Context, zoneID, groupID, userType string) iter.Seq2[GroupMember, error] {
	const action = "ListGroupMembers"
	return paginate(ctx, action, func(ctx context.Context, token string) ([]GroupMember, wirePage, error) {
		req := listGroupMembersRequest{
			ZoneId:     zoneID,
			GroupId:    groupID,
			UserType:   userType,
			MaxResults: pageSize,
			NextToken:  token,
		}
		var out listGroupMembersResponse
		if err := c.call(ctx, action, req, &out, idempotent); err != nil {
			return nil, wirePage{}, err
		}
		members := make([]GroupMember, 0, len(out.GroupMembers))
		for _, w := range out.GroupMembers {
			m, err := w.toGroupMember()
			if err != nil {
				return nil, wirePage{}, fmt.Errorf("%s: member %s: %w", action, w.UserId, err)
			}
			members = append(members, m)
		}
		return members, out.wirePage, nil
	})
}

// ListGroupMembers returns every member of a group (see GroupMembers).
func (c *Client) ListGroupMembers(ctx context.Context, zoneID, groupID, userType string) ([]GroupMember, error) {
	return collect(c.GroupMembers(ctx, zoneID, groupID, userType))
}
