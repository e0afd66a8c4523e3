package idc

import (
	"context"
	"net"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
	"golang.org/x/time/rate"
)

const (
	service    = "organization"
	apiVersion = "2021-03-31"

	stsService    = "sts"
	stsAPIVersion = "2018-08-13"
	// stsRegion is the region the SDK's own role provider sends to STS; STS wants one.
	stsRegion = "ap-guangzhou"

	defaultProfile         = "default"
	defaultRateLimit       = 20 // requests per second per action, the documented service limit
	defaultMaxRetries      = 5
	defaultRetryMinBackoff = 200 * time.Millisecond
	defaultRetryMaxBackoff = 5 * time.Second
	defaultRequestTimeout  = 60 * time.Second
	defaultSessionDuration = 7200 * time.Second
	maxSessionDuration     = 43200 * time.Second
)

// The API's domains and protocols, as Config takes them. Config's zero values are the China
// site over HTTPS; the provider's settings document the same values from here.
const (
	DefaultDomain       = "tencentcloudapi.com"
	InternationalDomain = "intl.tencentcloudapi.com"
	ProtocolHTTPS       = "HTTPS"
	ProtocolHTTP        = "HTTP"
)

// requestClientPattern is what the SDK accepts in X-TC-RequestClient; it silently drops
// anything else, so New refuses it instead.
var requestClientPattern = regexp.MustCompile(`^[0-9a-zA-Z-_ ,;.]+$`)

// Config configures New. Zero values select the documented defaults.
type Config struct {
	SecretID, SecretKey, SecurityToken string
	// Region is sent as X-TC-Region only when non-empty; the organization API ignores it.
	Region string
	// Protocol is "HTTPS" (default) or "HTTP" (case-insensitive). HTTP is only allowed
	// towards a loopback endpoint.
	Protocol string
	// Domain is the root domain, default "tencentcloudapi.com"; the API host is
	// "organization." + Domain.
	Domain string
	// Endpoint is host[:port] of the organization API; it overrides Domain.
	Endpoint string
	// Profile is the tccli profile name (default "default"), used when no static key pair is given.
	Profile string
	// SharedCredentialsDir is the tccli files directory, default ~/.tccli.
	SharedCredentialsDir string
	AssumeRole           *AssumeRoleConfig
	// RateLimit is the client-side limit in requests per second PER ACTION; 0 selects 20 (the
	// documented service limit), a negative value turns the limiter off.
	RateLimit float64
	// MaxRetries bounds the retries of one call; 0 selects 5, a negative value disables retries.
	MaxRetries int
	// RetryMinBackoff and RetryMaxBackoff bound the backoff; 0 selects 200ms / 5s.
	RetryMinBackoff, RetryMaxBackoff time.Duration
	// RequestTimeout bounds one attempt; 0 selects 60s.
	RequestTimeout time.Duration
	// UserAgent is appended to X-TC-RequestClient; it must match ^[0-9a-zA-Z-_ ,;.]+$ and be at
	// most 128 characters.
	UserAgent string
	// HTTPTransport replaces the SDK's default transport (tests inject faults here).
	HTTPTransport http.RoundTripper
}

// AssumeRoleConfig makes New exchange the base credentials for a role's temporary ones
// through STS AssumeRole, refreshed before they expire.
type AssumeRoleConfig struct {
	RoleARN, SessionName string
	// SessionDuration defaults to 7200s; it must be in (0, 43200s].
	SessionDuration time.Duration
	// Policy is an inline session policy (JSON); it is URL-encoded before it is sent, as STS requires.
	Policy     string
	ExternalID string
	// Endpoint is the STS host[:port]; default "sts." + Domain.
	Endpoint string
}

// Client calls the Identity Center API. It is safe for concurrent use.
type Client struct {
	sdk    *common.Client
	creds  credentialSource
	policy retryPolicy
	// taskPoll spaces WaitForTask's polls (minBackoff·2ⁿ up to maxBackoff); zero: the defaults.
	taskPoll retryPolicy

	limitPerSecond float64 // <= 0: no client-side limit
	limitersMu     sync.Mutex
	limiters       map[string]*rate.Limiter
}

// New validates cfg, resolves the credentials (assuming a role when asked, which calls STS
// with ctx) and returns a ready client.
func New(ctx context.Context, cfg Config) (*Client, error) {
	scheme, err := parseProtocol(cfg.Protocol)
	if err != nil {
		return nil, err
	}
	domain := cfg.Domain
	if domain == "" {
		domain = DefaultDomain
	}
	host := cfg.Endpoint
	if host == "" {
		host = service + "." + domain
	} else if err := validateEndpoint("endpoint", host); err != nil {
		return nil, err
	}
	if scheme == ProtocolHTTP && !IsLoopbackHost(host) {
		return nil, configErrorf("protocol", "Plain HTTP Refused",
			"Protocol HTTP is only allowed with a loopback endpoint (127.0.0.0/8, ::1, localhost), and %q is not one: set protocol = \"HTTPS\", or point endpoint at a local simulator.", host)
	}
	if cfg.UserAgent != "" && (len(cfg.UserAgent) > 128 || !requestClientPattern.MatchString(cfg.UserAgent)) {
		return nil, configErrorf("", "Invalid User Agent", "The user agent %q must be at most 128 characters of letters, digits and \"-_ ,;.\".", cfg.UserAgent)
	}

	policy := retryPolicy{
		maxRetries: cfg.MaxRetries,
		minBackoff: cfg.RetryMinBackoff,
		maxBackoff: cfg.RetryMaxBackoff,
		timeout:    cfg.RequestTimeout,
	}
	switch {
	case policy.maxRetries == 0:
		policy.maxRetries = defaultMaxRetries
	case policy.maxRetries < 0:
		policy.maxRetries = 0
	}
	if policy.minBackoff <= 0 {
		policy.minBackoff = defaultRetryMinBackoff
	}
	if policy.maxBackoff <= 0 {
		policy.maxBackoff = defaultRetryMaxBackoff
	}
	policy.maxBackoff = max(policy.maxBackoff, policy.minBackoff)
	if policy.timeout <= 0 {
		policy.timeout = defaultRequestTimeout
	}

	limit := cfg.RateLimit
	if limit == 0 {
		limit = defaultRateLimit
	}

	c := &Client{
		policy:         policy,
		limitPerSecond: limit,
		limiters:       map[string]*rate.Limiter{},
	}
	newSDK := func(host, region string, cred common.CredentialIface) *common.Client {
		return newSDKClient(host, scheme, region, cred, cfg.UserAgent, cfg.HTTPTransport)
	}

	base, roleFromProfile, err := resolveBaseCredential(cfg)
	if err != nil {
		return nil, err
	}
	role := cfg.AssumeRole
	if role == nil {
		role = roleFromProfile
	}
	if role == nil {
		c.creds = staticCredential{base}
	} else {
		stsHost := role.Endpoint
		if stsHost == "" {
			stsHost = stsService + "." + domain
		} else if err := validateEndpoint("assume_role endpoint", stsHost); err != nil {
			return nil, err
		}
		if scheme == ProtocolHTTP && !IsLoopbackHost(stsHost) {
			return nil, configErrorf("protocol", "Plain HTTP Refused",
				"Protocol HTTP is only allowed with a loopback endpoint, and the STS endpoint %q is not one: set protocol = \"HTTPS\", or point assume_role's endpoint at a local server.", stsHost)
		}
		stsRegionName := cfg.Region
		if stsRegionName == "" {
			stsRegionName = stsRegion
		}
		rc, err := newRoleCredential(*role, base, c, newSDK(stsHost, stsRegionName, base))
		if err != nil {
			return nil, err
		}
		// Set before the first STS call so that its logs mask the base key pair too.
		c.creds = rc
		if err := rc.refresh(ctx); err != nil {
			return nil, err
		}
	}
	c.sdk = newSDK(host, cfg.Region, c.creds.sdkCredential())
	return c, nil
}

// newSDKClient builds an SDK common client with the settings that keep it predictable: POST +
// TC3 only (the only combination that sends a CommonRequest's parameters), no region breaker
// (it would redirect requests to another host), no SDK retry (ours does it), no SDK debug (it
// dumps the Authorization header) and a logger that drops the SDK's few warnings.
func newSDKClient(host, scheme, region string, cred common.CredentialIface, userAgent string, transport http.RoundTripper) *common.Client {
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = host
	cpf.HttpProfile.Scheme = scheme
	cpf.HttpProfile.ReqMethod = "POST"
	// Attempts are bounded by a context deadline instead (retryPolicy.timeout), which also
	// lets tests use sub-second timeouts.
	cpf.HttpProfile.ReqTimeout = 0
	cpf.SignMethod = "TC3-HMAC-SHA256"
	cpf.Language = "en-US"
	cpf.DisableRegionBreaker = true
	cpf.Debug = false
	cpf.RateLimitExceededMaxRetries = 0
	cpf.NetworkFailureMaxRetries = 0
	cpf.UnsafeRetryOnConnectionFailure = false

	sdk := common.NewCommonClient(cred, region, cpf)
	sdk.WithLogger(discardLogger{})
	sdk.WithDebug(false)
	if userAgent != "" {
		sdk.WithRequestClient(userAgent)
	}
	if transport == nil {
		// What the SDK would build itself: a clone of the default transport (proxy settings
		// from the environment) with a 30s idle timeout.
		transport = http.DefaultTransport
		if dt, ok := http.DefaultTransport.(*http.Transport); ok {
			t := dt.Clone()
			t.IdleConnTimeout = 30 * time.Second
			transport = t
		}
	}
	sdk.WithHttpTransport(statusRecordingTransport{transport})
	return sdk
}

// statusRecordingTransport notes the HTTP status of each answer for the attempt that sent it.
// The SDK does not expose it: a 502 page from a gateway reaches us only as "not JSON".
type statusRecordingTransport struct{ next http.RoundTripper }

type statusKey struct{}

func (t statusRecordingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if resp != nil {
		if p, ok := req.Context().Value(statusKey{}).(*atomic.Int32); ok {
			p.Store(int32(resp.StatusCode))
		}
	}
	return resp, err
}

type discardLogger struct{}

func (discardLogger) Printf(string, ...any) {}

func parseProtocol(p string) (string, error) {
	switch strings.ToUpper(p) {
	case "", ProtocolHTTPS:
		return ProtocolHTTPS, nil
	case ProtocolHTTP:
		return ProtocolHTTP, nil
	}
	return "", configErrorf("protocol", "Unsupported Protocol", "Protocol %q is not supported: use \"HTTPS\" or \"HTTP\".", p)
}

// validateEndpoint insists on host[:port]: the SDK would treat a scheme as part of the host and
// a path as the URL path, and both mistakes only show up as confusing network errors.
func validateEndpoint(name, host string) error {
	if strings.Contains(host, "://") {
		return configErrorf("endpoint", "Invalid Endpoint", "The %s %q must be host[:port] without a scheme: the scheme comes from protocol.", name, host)
	}
	if strings.ContainsAny(host, "/?# \t") {
		return configErrorf("endpoint", "Invalid Endpoint", "The %s %q must be host[:port] without a path.", name, host)
	}
	return nil
}

// IsLoopbackHost reports whether hostport (host, host:port, or [v6]:port) names this machine:
// localhost, 127.0.0.0/8 or ::1. Plain HTTP is allowed only towards such a host, for the
// simulator; the provider applies the same rule to an IdP's http login URL.
func IsLoopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// limiter returns the action's limiter, or nil when client-side limiting is off. Burst 1 spreads
// requests evenly, so a steady caller never trips the service's per-second limit.
func (c *Client) limiter(action string) *rate.Limiter {
	if c.limitPerSecond <= 0 {
		return nil
	}
	c.limitersMu.Lock()
	defer c.limitersMu.Unlock()
	l, ok := c.limiters[action]
	if !ok {
		l = rate.NewLimiter(rate.Limit(c.limitPerSecond), 1)
		c.limiters[action] = l
	}
	return l
}
