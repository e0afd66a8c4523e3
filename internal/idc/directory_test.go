package idc

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestPagination(t *testing.T) {
	t.Parallel()
	const total = 250
	f := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, req fakeRequest, _ int) {
		start := 0
		if tok, ok := req.Body["NextToken"].(string); ok {
			if _, err := fmt.Sscanf(tok, "tok-%d", &start); err != nil {
				t.Errorf("NextToken %q: %v", tok, err)
			}
		}
		maxResults, _ := req.Body["MaxResults"].(float64)
		size := int(maxResults)
		end := min(start+size, total)
		var users []any
		for i := start; i < end; i++ {
			users = append(users, map[string]any{"UserId": fmt.Sprintf("u-%04d", i), "UserName": fmt.Sprintf("user%d", i),
				"UserStatus": "Enabled", "UserType": "Synchronized", "CreateTime": "2024-01-01 00:00:00", "UpdateTime": "2024-01-01 00:00:00"})
		}
		resp := map[string]any{"Users": users, "TotalCounts": total, "MaxResults": size, "IsTruncated": end < total}
		if end < total {
			resp["NextToken"] = fmt.Sprintf("tok-%d", end)
		}
		writeOK(w, resp)
	})
	c := newTestClient(t, testConfig(f))
	users, err := c.ListUsers(t.Context(), ListUsersInput{ZoneID: "z-1"})
	if err != nil {
		t.Fatal(err)
	}
	if len(users) != total || users[0].UserID != "u-0000" || users[total-1].UserID != "u-0249" {
		t.Fatalf("got %d users (%s…%s)", len(users), users[0].UserID, users[len(users)-1].UserID)
	}
	if got := f.count("ListUsers"); got != 3 {
		t.Errorf("ListUsers calls = %d, want 3", got)
	}

	// Stopping early fetches no further page.
	n := 0
	for _, err := range c.Users(t.Context(), ListUsersInput{ZoneID: "z-1"}) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 5 {
			break
		}
	}
	if got := f.count("ListUsers"); got != 4 {
		t.Errorf("ListUsers calls after an early break = %d, want 4", got)
	}
}

// TestPaginationStopsOnIsTruncated follows the SDK's models (organization/v20210331,
// List{Users,Groups,GroupMembers}ResponseParams): NextToken is "shown only when IsTruncated is
// true" (只有IsTruncated为true时，才显示该参数). The client must stop on IsTruncated false whatever
// the last page says about NextToken: absent (as documented), "" or a leftover token; looping
// while a NextToken is present, or treating an absent one as "start again", would never end.
func TestPaginationStopsOnIsTruncated(t *testing.T) {
	t.Parallel()
	for _, last := range []struct {
		name  string
		token any // nil: no NextToken member
	}{{"absent", nil}, {"empty", ""}, {"leftover", "tok-stale"}} {
		for _, action := range []struct {
			name, items string
			item        map[string]any
			list        func(c *Client) (int, error)
		}{
			{"ListUsers", "Users", map[string]any{"UserId": "u-1", "UserName": "user", "UserStatus": "Enabled", "UserType": "Synchronized"},
				func(c *Client) (int, error) {
					l, err := c.ListUsers(t.Context(), ListUsersInput{ZoneID: "z-1"})
					return len(l), err
				}},
			{"ListGroups", "Groups", map[string]any{"GroupId": "g-1", "GroupName": "group", "GroupType": "Synchronized"},
				func(c *Client) (int, error) {
					l, err := c.ListGroups(t.Context(), ListGroupsInput{ZoneID: "z-1"})
					return len(l), err
				}},
			{"ListGroupMembers", "GroupMembers", map[string]any{"UserId": "u-1", "UserName": "user", "UserStatus": "Enabled", "UserType": "Synchronized"},
				func(c *Client) (int, error) {
					l, err := c.ListGroupMembers(t.Context(), "z-1", "g-1", "")
					return len(l), err
				}},
		} {
			t.Run(action.name+" "+last.name, func(t *testing.T) {
				f := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, req fakeRequest, _ int) {
					page := map[string]any{action.items: []any{action.item}, "TotalCounts": 2, "MaxResults": 100}
					if _, continued := req.Body["NextToken"]; !continued {
						page["IsTruncated"], page["NextToken"] = true, "tok-2"
					} else {
						page["IsTruncated"] = false
						if last.token != nil {
							page["NextToken"] = last.token
						}
					}
					writeOK(w, page)
				})
				n, err := action.list(newTestClient(t, testConfig(f)))
				if err != nil || n != 2 {
					t.Fatalf("%d items, %v; want 2", n, err)
				}
				if got := f.count(action.name); got != 2 {
					t.Errorf("%s calls = %d, want 2", action.name, got)
				}
			})
		}
	}
}

func TestPaginationThatDoesNotAdvance(t *testing.T) {
	t.Parallel()
	tests := map[string]map[string]any{
		"truncated without token": {"Groups": []any{}, "IsTruncated": true},
		"same token again":        {"Groups": []any{}, "IsTruncated": true, "NextToken": "again"},
	}
	for name, page := range tests {
		t.Run(name, func(t *testing.T) {
			f := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ fakeRequest, _ int) { writeOK(w, page) })
			c := newTestClient(t, testConfig(f))
			_, err := c.ListGroups(t.Context(), ListGroupsInput{ZoneID: "z-1"})
			if err == nil || !strings.Contains(err.Error(), "no new NextToken") {
				t.Fatalf("error = %v", err)
			}
			if got := f.count("ListGroups"); got > 2 {
				t.Errorf("ListGroups calls = %d, want at most 2", got)
			}
		})
	}
}
