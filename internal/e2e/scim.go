package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// Person is a user an identity provider pushes over SCIM.
type Person struct {
	UserName, GivenName, FamilyName, ExternalID string
}

// Created is a SCIM resource the push made.
type Created struct {
	Kind, Name, ID string
}

// DemoPeople are the users of the OneLogin walkthrough, in the "Cloud Engineers" group.
var DemoPeople = []Person{
	{"ana.lima@acme.example", "Ana", "Lima", "onelogin-1000"},
	{"bo.chen@acme.example", "Bo", "Chen", "onelogin-1001"},
	{"chidi.okafor@acme.example", "Chidi", "Okafor", "onelogin-1002"},
}

// DemoGroup is the group the walkthrough's users are pushed into.
const DemoGroup = "Cloud Engineers"

// PushDirectory does what an IdP's provisioning (OneLogin, Okta, Entra ID) does once it has the
// SCIM base URL and bearer token: it creates the users, then a group holding them. It returns
// what it made, in order.
func PushDirectory(ctx context.Context, base, token string, people []Person, group string) ([]Created, error) {
	var made []Created
	var members []map[string]string
	for _, p := range people {
		body := map[string]any{
			"schemas":     []string{"urn:ietf:params:scim:schemas:core:2.0:User"},
			"userName":    p.UserName,
			"externalId":  p.ExternalID,
			"name":        map[string]string{"givenName": p.GivenName, "familyName": p.FamilyName},
			"displayName": p.GivenName + " " + p.FamilyName,
			"emails":      []map[string]any{{"value": p.UserName, "type": "work", "primary": true}},
			"active":      true,
		}
		id, err := scimCreate(ctx, base+"/Users", token, body)
		if err != nil {
			return made, err
		}
		made = append(made, Created{Kind: "User", Name: p.UserName, ID: id})
		members = append(members, map[string]string{"value": id, "display": p.GivenName + " " + p.FamilyName})
	}
	id, err := scimCreate(ctx, base+"/Groups", token, map[string]any{
		"schemas":     []string{"urn:ietf:params:scim:schemas:core:2.0:Group"},
		"displayName": group,
		"externalId":  "onelogin-role-42",
		"members":     members,
	})
	if err != nil {
		return made, err
	}
	return append(made, Created{Kind: "Group", Name: group, ID: id}), nil
}

// SCIMError is a SCIM answer other than 201 Created.
type SCIMError struct {
	URL    string
	Status int
	Body   string
}

func (e *SCIMError) Error() string {
	return fmt.Sprintf("POST %s: HTTP %d: %s", e.URL, e.Status, e.Body)
}

func scimCreate(ctx context.Context, url, token string, body any) (string, error) {
	raw, err := json.Marshal(body)
	if err != nil {
		return "", err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(raw))
	if err != nil {
		return "", err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/scim+json")
	resp, err := (&http.Client{Timeout: 30 * time.Second}).Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != http.StatusCreated {
		return "", &SCIMError{URL: url, Status: resp.StatusCode, Body: string(answer)}
	}
	var created struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(answer, &created); err != nil || created.ID == "" {
		return "", fmt.Errorf("POST %s: the answer has no id", url)
	}
	return created.ID, nil
}
