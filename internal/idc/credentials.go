package idc

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
)

// defaultSessionName names assumed-role sessions when the configuration gives none; STS
// requires one and it shows up in the role's audit trail.
const defaultSessionName = "terraform-provider-tencentcloudidc"

// credentialSource is where the client's signing credentials come from.
type credentialSource interface {
	// sdkCredential is what the SDK signs with; its GetCredential is an atomic snapshot.
	sdkCredential() common.CredentialIface
	// ensureFresh renews temporary credentials that are about to expire.
	ensureFresh(ctx context.Context) error
	// secrets lists the values that must never be logged.
	secrets() []string
}

type staticCredential struct{ cred *common.Credential }

func (s staticCredential) sdkCredential() common.CredentialIface { return s.cred }
func (staticCredential) ensureFresh(context.Context) error       { return nil }
func (s staticCredential) secrets() []string {
	return []string{s.cred.SecretKey, s.cred.Token}
}

// resolveBaseCredential picks the long-term credentials: the static key pair when both halves
// are set, else the tccli profile file. A role named in that file is returned so New assumes it.
func resolveBaseCredential(cfg Config) (*common.Credential, *AssumeRoleConfig, error) {
	switch {
	case cfg.SecretID != "" && cfg.SecretKey != "":
		return common.NewTokenCredential(cfg.SecretID, cfg.SecretKey, cfg.SecurityToken), nil, nil
	case cfg.SecretID != "":
		return nil, nil, configErrorf("secret_key", "Incomplete API Key Pair", "A secret ID is set but the secret key is empty: set both, or neither to use a tccli profile.")
	case cfg.SecretKey != "":
		return nil, nil, configErrorf("secret_id", "Incomplete API Key Pair", "A secret key is set but the secret ID is empty: set both, or neither to use a tccli profile.")
	}
	return loadTccliProfile(cfg.SharedCredentialsDir, cfg.Profile)
}

// tccliCredentialFile is the JSON that `tccli configure` writes to <dir>/<profile>.credential.
type tccliCredentialFile struct {
	SecretID        string `json:"secretId"`
	SecretKey       string `json:"secretKey"`
	Token           string `json:"token"`
	RoleARN         string `json:"role-arn"`
	RoleSessionName string `json:"role-session-name"`
}

func loadTccliProfile(dir, profile string) (*common.Credential, *AssumeRoleConfig, error) {
	if profile == "" {
		profile = defaultProfile
	}
	dir, err := credentialsDir(dir)
	if err != nil {
		return nil, nil, err
	}
	path := filepath.Join(dir, profile+".credential")
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, configErrorf("", "No Tencent Cloud Credentials",
			"No credentials are configured: set secret_id and secret_key (or TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY), "+
				"or create the tccli profile %q at %s (see profile and shared_credentials_dir).", profile, path)
	}
	if err != nil {
		return nil, nil, configErrorf("profile", "Unreadable tccli Profile", "The tccli profile %q cannot be read: %v.", profile, err)
	}
	var f tccliCredentialFile
	if err := json.Unmarshal(data, &f); err != nil {
		// The JSON error text can quote the file's content, which holds the secret key: leave it out.
		return nil, nil, configErrorf("profile", "Invalid tccli Profile",
			"The tccli profile file %s is not valid JSON: write it as tccli configure does, {\"secretId\": \"…\", \"secretKey\": \"…\"}, or set secret_id and secret_key.", path)
	}
	if f.SecretID == "" || f.SecretKey == "" {
		return nil, nil, configErrorf("profile", "Invalid tccli Profile", "The tccli profile file %s must contain \"secretId\" and \"secretKey\".", path)
	}
	cred := common.NewTokenCredential(f.SecretID, f.SecretKey, f.Token)
	switch {
	case f.RoleARN != "" && f.RoleSessionName == "":
		return nil, nil, configErrorf("profile", "Invalid tccli Profile", "The tccli profile file %s has \"role-arn\" but no \"role-session-name\".", path)
	case f.RoleARN != "":
		return cred, &AssumeRoleConfig{RoleARN: f.RoleARN, SessionName: f.RoleSessionName}, nil
	}
	return cred, nil, nil
}

func credentialsDir(dir string) (string, error) {
	if dir != "" && dir != "~" && !strings.HasPrefix(dir, "~/") {
		return dir, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("locating the tccli credentials directory: %w", err)
	}
	if dir == "" {
		return filepath.Join(home, ".tccli"), nil
	}
	return filepath.Join(home, strings.TrimPrefix(dir, "~")), nil
}

// roleCredential holds temporary credentials from STS AssumeRole. The SDK's own RoleArnProvider
// is not used because it drops Policy and ExternalId; this one also renews the credentials
// ahead of ExpiredTime, under a mutex, with the caller's context.
type roleCredential struct {
	role   AssumeRoleConfig
	base   *common.Credential
	client *Client
	target target
	now    func() time.Time

	refreshMu sync.Mutex // one STS call at a time

	mu           sync.RWMutex
	id, key, tok string
	expires      time.Time
}

func newRoleCredential(role AssumeRoleConfig, base *common.Credential, c *Client, sts *common.Client) (*roleCredential, error) {
	if role.RoleARN == "" {
		return nil, errors.New("assume_role: role_arn is required")
	}
	if role.SessionName == "" {
		role.SessionName = defaultSessionName
	}
	switch {
	case role.SessionDuration == 0:
		role.SessionDuration = defaultSessionDuration
	case role.SessionDuration < time.Second || role.SessionDuration > maxSessionDuration:
		return nil, fmt.Errorf("assume_role: session_duration %s must be between 1s and %s", role.SessionDuration, maxSessionDuration)
	}
	return &roleCredential{
		role:   role,
		base:   base,
		client: c,
		target: target{sdk: sts, service: stsService, version: stsAPIVersion},
		now:    time.Now,
	}, nil
}

func (r *roleCredential) sdkCredential() common.CredentialIface { return r }

func (r *roleCredential) GetSecretId() string  { id, _, _ := r.GetCredential(); return id }
func (r *roleCredential) GetSecretKey() string { _, key, _ := r.GetCredential(); return key }
func (r *roleCredential) GetToken() string     { _, _, tok := r.GetCredential(); return tok }

// GetCredential is the snapshot the SDK signs each request with.
func (r *roleCredential) GetCredential() (string, string, string) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.id, r.key, r.tok
}

func (r *roleCredential) secrets() []string {
	_, key, tok := r.GetCredential()
	return []string{key, tok, r.base.SecretKey, r.base.Token}
}

// refreshMargin is how long before expiry the credentials are renewed: five minutes, or half
// the session for very short sessions, so a call never signs with a key that dies in flight.
func (r *roleCredential) refreshMargin() time.Duration {
	return min(5*time.Minute, r.role.SessionDuration/2)
}

func (r *roleCredential) stale() bool {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.expires.IsZero() || !r.now().Before(r.expires.Add(-r.refreshMargin()))
}

func (r *roleCredential) ensureFresh(ctx context.Context) error {
	if !r.stale() {
		return nil
	}
	r.refreshMu.Lock()
	defer r.refreshMu.Unlock()
	// Another caller may have renewed them while this one waited for the lock.
	if !r.stale() {
		return nil
	}
	return r.refreshLocked(ctx)
}

func (r *roleCredential) refresh(ctx context.Context) error {
	r.refreshMu.Lock()
	defer r.refreshMu.Unlock()
	return r.refreshLocked(ctx)
}

func (r *roleCredential) refreshLocked(ctx context.Context) error {
	in := assumeRoleRequest{
		RoleArn:         r.role.RoleARN,
		RoleSessionName: r.role.SessionName,
		DurationSeconds: int64(r.role.SessionDuration / time.Second),
		ExternalId:      r.role.ExternalID,
	}
	if r.role.Policy != "" {
		// STS documents that Policy must be URL-encoded; the official provider does the same.
		in.Policy = url.QueryEscape(r.role.Policy)
	}
	var out assumeRoleResponse
	if err := r.client.do(ctx, r.target, "AssumeRole", in, &out, idempotent); err != nil {
		return fmt.Errorf("assuming role %s: %w", r.role.RoleARN, err)
	}
	if out.Credentials.TmpSecretId == "" || out.Credentials.TmpSecretKey == "" {
		return fmt.Errorf("assuming role %s: STS returned no temporary credentials", r.role.RoleARN)
	}
	expires := r.now().Add(r.role.SessionDuration)
	if out.ExpiredTime > 0 {
		expires = time.Unix(out.ExpiredTime, 0)
	}
	r.mu.Lock()
	r.id, r.key, r.tok = out.Credentials.TmpSecretId, out.Credentials.TmpSecretKey, out.Credentials.Token
	r.expires = expires
	r.mu.Unlock()
	return nil
}
