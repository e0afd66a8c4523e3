package idc

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestConfigValidation(t *testing.T) {
	t.Parallel()
	ok := Config{SecretID: "AKIDx", SecretKey: "k"}
	tests := []struct {
		name    string
		mod     func(*Config)
		wantErr string
	}{
		{"HTTP to the public API", func(c *Config) { c.Protocol = "HTTP" }, "Protocol HTTP is only allowed with a loopback endpoint"},
		{"HTTP to a remote endpoint", func(c *Config) { c.Protocol = "http"; c.Endpoint = "api.example.com:8080" }, "endpoint"},
		{"HTTP to a private address", func(c *Config) { c.Protocol = "HTTP"; c.Endpoint = "10.0.0.1:8089" }, "loopback"},
		{"HTTP to localhost", func(c *Config) { c.Protocol = "HTTP"; c.Endpoint = "localhost:8089" }, ""},
		{"HTTP to 127.0.0.2", func(c *Config) { c.Protocol = "HTTP"; c.Endpoint = "127.0.0.2:8089" }, ""},
		{"HTTP to ::1", func(c *Config) { c.Protocol = "HTTP"; c.Endpoint = "[::1]:8089" }, ""},
		{"HTTP with a remote STS", func(c *Config) {
			c.Protocol = "HTTP"
			c.Endpoint = "127.0.0.1:1"
			c.AssumeRole = &AssumeRoleConfig{RoleARN: "r"}
		}, "STS endpoint"},
		{"unknown protocol", func(c *Config) { c.Protocol = "FTP" }, "Protocol \"FTP\" is not supported"},
		{"endpoint with scheme", func(c *Config) { c.Endpoint = "https://organization.tencentcloudapi.com" }, "without a scheme"},
		{"endpoint with path", func(c *Config) { c.Endpoint = "example.com/api" }, "without a path"},
		{"bad user agent", func(c *Config) { c.UserAgent = "terraform/1.5 (linux)" }, "user agent"},
		{"long user agent", func(c *Config) { c.UserAgent = strings.Repeat("a", 129) }, "user agent"},
		{"good user agent", func(c *Config) { c.UserAgent = "terraform-provider-tencentcloudidc 1.2.3, terraform 1.5.7" }, ""},
		{"session too long", func(c *Config) {
			c.AssumeRole = &AssumeRoleConfig{RoleARN: "r", SessionDuration: 43201 * time.Second}
		}, "session_duration"},
		{"role without ARN", func(c *Config) { c.AssumeRole = &AssumeRoleConfig{} }, "role_arn is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := ok
			tt.mod(&cfg)
			_, err := New(t.Context(), cfg)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("New: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("New error = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestDomainAndRegion(t *testing.T) {
	t.Parallel()
	// The host is derived from the domain; nothing listens there, so the transport records
	// where the request would have gone instead.
	var gotHost, gotRegion string
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		gotHost, gotRegion = r.Host, r.Header.Get("X-TC-Region")
		return nil, http.ErrHandlerTimeout
	})
	tests := []struct {
		cfg        Config
		host, regn string
	}{
		{Config{}, "organization.tencentcloudapi.com", ""},
		{Config{Domain: "intl.tencentcloudapi.com", Region: "ap-singapore"}, "organization.intl.tencentcloudapi.com", "ap-singapore"},
		{Config{Domain: "intl.tencentcloudapi.com", Endpoint: "org.internal.example:443"}, "org.internal.example:443", ""},
	}
	for _, tt := range tests {
		cfg := tt.cfg
		cfg.SecretID, cfg.SecretKey, cfg.HTTPTransport, cfg.MaxRetries, cfg.RateLimit = "AKIDx", "k", rt, -1, -1
		c := newTestClient(t, cfg)
		_, _ = c.DescribeIdentityCenter(t.Context())
		if gotHost != tt.host || gotRegion != tt.regn {
			t.Errorf("%+v: host %q region %q, want %q %q", tt.cfg, gotHost, gotRegion, tt.host, tt.regn)
		}
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
