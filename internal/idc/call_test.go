package idc

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

func TestRetryThenSuccess(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		fail     func(t *testing.T, w http.ResponseWriter)
		failures int
	}{
		{"RequestLimitExceeded", func(t *testing.T, w http.ResponseWriter) { writeAPIError(w, "RequestLimitExceeded") }, 3},
		{"InternalError", func(t *testing.T, w http.ResponseWriter) { writeAPIError(w, "InternalError") }, 2},
		{"connection dropped after the request", dropConnection, 2},
		{"HTTP 502 without envelope", func(t *testing.T, w http.ResponseWriter) {
			http.Error(w, "<html>bad gateway</html>", http.StatusBadGateway)
		}, 1},
		{"HTTP 503 with InternalError envelope", func(t *testing.T, w http.ResponseWriter) {
			w.WriteHeader(http.StatusServiceUnavailable)
			writeAPIError(w, "InternalError")
		}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, req fakeRequest, n int) {
				if n <= tt.failures {
					tt.fail(t, w)
					return
				}
				writeOK(w, okFor(req.Action, req.Body))
			})
			c := newTestClient(t, testConfig(f))
			enabled, err := c.GetSCIMSynchronizationStatus(t.Context(), "z-abcdefabcdef")
			if err != nil {
				t.Fatalf("GetSCIMSynchronizationStatus: %v", err)
			}
			if !enabled {
				t.Error("enabled = false, want true")
			}
			if got, want := f.count("GetSCIMSynchronizationStatus"), tt.failures+1; got != want {
				t.Errorf("server saw %d calls, want %d", got, want)
			}
		})
	}
}

func TestNoRetryOnDefinitiveErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		code string
		is   error
	}{
		{"InvalidParameter.ScimSyncStatusError", nil},
		{"FailedOperation.ZoneIdNotExist", ErrNotFound},
		{"AuthFailure.SignatureFailure", ErrAuthFailure},
		{"RequestLimitExceeded.UinLimitExceeded", ErrThrottled},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			f := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ fakeRequest, _ int) {
				writeAPIError(w, tt.code)
			})
			c := newTestClient(t, testConfig(f))
			err := c.UpdateSCIMSynchronizationStatus(t.Context(), "z-abcdefabcdef", true)
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("error %v is not an *APIError", err)
			}
			if apiErr.Code != tt.code || apiErr.Action != "UpdateSCIMSynchronizationStatus" || apiErr.RequestID == "" || apiErr.Message == "" {
				t.Errorf("APIError = %+v, want code %s, the action, a request ID and a message", apiErr, tt.code)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.is)
			}
			if got := f.count("UpdateSCIMSynchronizationStatus"); got != 1 {
				t.Errorf("server saw %d calls, want 1 (no retry)", got)
			}
		})
	}
}

func TestMaxRetriesBound(t *testing.T) {
	t.Parallel()
	tests := []struct {
		maxRetries int
		wantCalls  int
	}{
		{0, 6}, // default 5 retries
		{2, 3},
		{-1, 1},
	}
	for _, tt := range tests {
		f := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ fakeRequest, _ int) {
			writeAPIError(w, "RequestLimitExceeded")
		})
		cfg := testConfig(f)
		cfg.MaxRetries = tt.maxRetries
		c := newTestClient(t, cfg)
		_, err := c.ListSCIMCredentials(t.Context(), "z-abcdefabcdef")
		if !errors.Is(err, ErrThrottled) {
			t.Errorf("MaxRetries %d: error %v, want ErrThrottled", tt.maxRetries, err)
		}
		if got := f.count("ListSCIMCredentials"); got != tt.wantCalls {
			t.Errorf("MaxRetries %d: server saw %d calls, want %d", tt.maxRetries, got, tt.wantCalls)
		}
	}
}

func TestContextCancelStopsRetrying(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ fakeRequest, _ int) {
		writeAPIError(w, "InternalError")
	})
	cfg := testConfig(f)
	cfg.MaxRetries = 100
	cfg.RetryMinBackoff = 10 * time.Second
	cfg.RetryMaxBackoff = 10 * time.Second
	c := newTestClient(t, cfg)

	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, err := c.ListSCIMCredentials(ctx, "z-abcdefabcdef")
	elapsed := time.Since(start)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if !strings.Contains(err.Error(), "ListSCIMCredentials") {
		t.Errorf("error %q does not name the action", err)
	}
	if elapsed > 2*time.Second {
		t.Errorf("returned after %s, want promptly after the cancel", elapsed)
	}
	if got := f.count("ListSCIMCredentials"); got != 1 {
		t.Errorf("server saw %d calls, want 1", got)
	}
}

// Not parallel: the retried attempt must answer within the 100ms attempt timeout.
func TestAttemptTimeoutIsRetried(t *testing.T) {
	f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, req fakeRequest, n int) {
		if n == 1 {
			select {
			case <-r.Context().Done():
			case <-time.After(2 * time.Second):
			}
			return
		}
		writeOK(w, okFor(req.Action, req.Body))
	})
	cfg := testConfig(f)
	cfg.RequestTimeout = 100 * time.Millisecond
	c := newTestClient(t, cfg)
	if _, err := c.GetSCIMSynchronizationStatus(t.Context(), "z-abcdefabcdef"); err != nil {
		t.Fatalf("GetSCIMSynchronizationStatus: %v", err)
	}
	if got := f.count("GetSCIMSynchronizationStatus"); got != 2 {
		t.Errorf("server saw %d calls, want 2", got)
	}
}

// Not parallel: the attempts after a 100ms timeout must answer within it.
func TestNonIdempotentAmbiguousFailures(t *testing.T) {
	tests := []struct {
		name    string
		timeout time.Duration
		fail    func(t *testing.T, w http.ResponseWriter, r *http.Request)
	}{
		{"connection dropped after the request", 5 * time.Second, func(t *testing.T, w http.ResponseWriter, _ *http.Request) {
			dropConnection(t, w)
		}},
		{"no answer within the timeout", 100 * time.Millisecond, func(t *testing.T, w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(2 * time.Second):
			}
		}},
		{"InternalError", 5 * time.Second, func(t *testing.T, w http.ResponseWriter, _ *http.Request) {
			writeAPIError(w, "InternalError")
		}},
		{"HTTP 500 without envelope", 5 * time.Second, func(t *testing.T, w http.ResponseWriter, _ *http.Request) {
			http.Error(w, "oops", http.StatusInternalServerError)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, req fakeRequest, n int) {
				if n == 1 {
					tt.fail(t, w, r)
					return
				}
				writeOK(w, okFor(req.Action, req.Body))
			})
			cfg := testConfig(f)
			cfg.RequestTimeout = tt.timeout
			c := newTestClient(t, cfg)

			_, err := c.CreateSCIMCredential(t.Context(), "z-abcdefabcdef", 0)
			var unknown *OutcomeUnknownError
			if !errors.As(err, &unknown) || !errors.Is(err, ErrOutcomeUnknown) {
				t.Fatalf("CreateSCIMCredential error %v, want *OutcomeUnknownError", err)
			}
			if unknown.Action != "CreateSCIMCredential" {
				t.Errorf("Action = %q", unknown.Action)
			}
			if got := f.count("CreateSCIMCredential"); got != 1 {
				t.Errorf("server saw %d creates, want exactly 1", got)
			}

			_, err = c.AddExternalSAMLIdPCertificate(t.Context(), "z-abcdefabcdef", "-----BEGIN CERTIFICATE-----")
			// The handler fails only the first call per action: the add's first call fails the same way.
			if !errors.Is(err, ErrOutcomeUnknown) {
				t.Fatalf("AddExternalSAMLIdPCertificate error %v, want ErrOutcomeUnknown", err)
			}
			if got := f.count("AddExternalSAMLIdPCertificate"); got != 1 {
				t.Errorf("server saw %d adds, want exactly 1", got)
			}
		})
	}
}

func TestNonIdempotentRetriesWhatCannotHaveArrived(t *testing.T) {
	t.Parallel()
	t.Run("RequestLimitExceeded", func(t *testing.T) {
		f := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, req fakeRequest, n int) {
			if n <= 2 {
				writeAPIError(w, "RequestLimitExceeded")
				return
			}
			writeOK(w, okFor(req.Action, req.Body))
		})
		c := newTestClient(t, testConfig(f))
		cred, err := c.CreateSCIMCredential(t.Context(), "z-abcdefabcdef", 0)
		if err != nil {
			t.Fatalf("CreateSCIMCredential: %v", err)
		}
		if cred.Secret == "" || cred.CredentialID != "scimcred-abcdefabcdef" {
			t.Errorf("credential = %+v", cred)
		}
		if got := f.count("CreateSCIMCredential"); got != 3 {
			t.Errorf("server saw %d creates, want 3", got)
		}
	})

	t.Run("dial refused", func(t *testing.T) {
		f := newFakeAPI(t, alwaysOK)
		var dials atomic.Int32
		dialer := &net.Dialer{}
		transport := &http.Transport{
			DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
				if dials.Add(1) <= 2 {
					return nil, &net.OpError{Op: "dial", Net: network, Err: syscall.ECONNREFUSED}
				}
				return dialer.DialContext(ctx, network, addr)
			},
		}
		t.Cleanup(transport.CloseIdleConnections)
		cfg := testConfig(f)
		cfg.HTTPTransport = transport
		c := newTestClient(t, cfg)
		if _, err := c.CreateSCIMCredential(t.Context(), "z-abcdefabcdef", time.Hour); err != nil {
			t.Fatalf("CreateSCIMCredential: %v", err)
		}
		if got := dials.Load(); got != 3 {
			t.Errorf("dialled %d times, want 3", got)
		}
		reqs := f.recorded()
		if len(reqs) != 1 {
			t.Fatalf("server saw %d requests, want 1", len(reqs))
		}
		if got := reqs[0].Body["ExpireDuration"]; got != float64(3600) {
			t.Errorf("ExpireDuration = %v, want 3600", got)
		}
	})

	t.Run("cancelled after the request was written", func(t *testing.T) {
		f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ fakeRequest, _ int) {
			<-r.Context().Done()
		})
		c := newTestClient(t, testConfig(f))
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(100*time.Millisecond, cancel)
		_, err := c.CreateSCIMCredential(ctx, "z-abcdefabcdef", 0)
		if !errors.Is(err, ErrOutcomeUnknown) || !errors.Is(err, context.Canceled) {
			t.Fatalf("error %v, want ErrOutcomeUnknown wrapping context.Canceled", err)
		}
	})
}

func TestRateLimiterSpacing(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t, alwaysOK)
	cfg := testConfig(f)
	cfg.RateLimit = 20 // one request every 50ms per action
	c := newTestClient(t, cfg)

	start := time.Now()
	for range 5 {
		if _, err := c.GetSCIMSynchronizationStatus(t.Context(), "z-abcdefabcdef"); err != nil {
			t.Fatal(err)
		}
	}
	if elapsed := time.Since(start); elapsed < 190*time.Millisecond {
		t.Errorf("5 calls of one action took %s, want >= 200ms at 20/s with burst 1", elapsed)
	}

	// Limits are per action: another action has its own, untouched budget. (Checked on the
	// limiter itself; a timing check would flake on a busy machine.)
	busy, other := c.limiter("organization:GetSCIMSynchronizationStatus"), c.limiter("organization:ListSCIMCredentials")
	if busy == other || other.Tokens() < 1 {
		t.Errorf("actions share a limiter or the other action's budget was spent (%v tokens)", other.Tokens())
	}
	if busy.Burst() != 1 {
		t.Errorf("burst %d, want 1 so requests are spread evenly", busy.Burst())
	}

	cfg.RateLimit = 0
	if def := newTestClient(t, cfg); def.limitPerSecond != 20 {
		t.Errorf("default rate %v, want the documented 20/s", def.limitPerSecond)
	}
	cfg.RateLimit = -1
	if off := newTestClient(t, cfg); off.limiter("organization:GetSCIMSynchronizationStatus") != nil {
		t.Error("a negative RateLimit did not turn the limiter off")
	}
}

func TestRateLimiterRespectsDeadline(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t, alwaysOK)
	cfg := testConfig(f)
	cfg.RateLimit = 0.5 // one request every two seconds
	c := newTestClient(t, cfg)
	if _, err := c.GetSCIMSynchronizationStatus(t.Context(), "z-abcdefabcdef"); err != nil {
		t.Fatal(err)
	}
	_, err := c.GetSCIMSynchronizationStatus(ctxWithTimeout(t, 100*time.Millisecond), "z-abcdefabcdef")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error %v, want context.DeadlineExceeded", err)
	}
}

func TestBackoffBounds(t *testing.T) {
	t.Parallel()
	p := retryPolicy{minBackoff: 100 * time.Millisecond, maxBackoff: time.Second}
	tests := []struct {
		n        int
		min, max time.Duration
	}{
		{0, 100 * time.Millisecond, 100 * time.Millisecond},
		{1, 100 * time.Millisecond, 200 * time.Millisecond},
		{3, 100 * time.Millisecond, 800 * time.Millisecond},
		{10, 100 * time.Millisecond, time.Second},
		{200, 100 * time.Millisecond, time.Second},
	}
	for _, tt := range tests {
		var sawAboveMin bool
		for range 200 {
			d := p.backoff(tt.n)
			if d < tt.min || d > tt.max {
				t.Fatalf("backoff(%d) = %s, want within [%s, %s]", tt.n, d, tt.min, tt.max)
			}
			sawAboveMin = sawAboveMin || d > tt.min
		}
		if tt.max > tt.min && !sawAboveMin {
			t.Errorf("backoff(%d) never jittered above the minimum", tt.n)
		}
	}
}

func TestClientErrorsDoNotQuoteTheBody(t *testing.T) {
	t.Parallel()
	const secret = "c2VjcmV0SW5BQnJva2VuQm9keQ=="
	tests := []struct {
		name  string
		write func(w http.ResponseWriter)
	}{
		{"non-JSON 200", func(w http.ResponseWriter) {
			_, _ = w.Write([]byte(`{"Response":{"CredentialSecret":"` + secret + `"`))
		}},
		{"HTTP 400 without envelope", func(w http.ResponseWriter) {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"CredentialSecret":"` + secret + `"}`))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ fakeRequest, _ int) { tt.write(w) })
			c := newTestClient(t, testConfig(f))
			_, err := c.ListSCIMCredentials(t.Context(), "z-abcdefabcdef")
			if err == nil {
				t.Fatal("no error")
			}
			if strings.Contains(err.Error(), secret) {
				t.Errorf("error quotes the response body: %v", err)
			}
			if !strings.Contains(err.Error(), "ListSCIMCredentials") {
				t.Errorf("error %q does not name the action", err)
			}
			if got := f.count("ListSCIMCredentials"); got != 1 {
				t.Errorf("server saw %d calls, want 1 (not retryable)", got)
			}
		})
	}
}

// A call whose context ends says whether its request can have reached the service: the
// provider's timeout messages, and whether it reconciles, depend on it.
func TestInterruptedCallSaysWhetherItWasSent(t *testing.T) {
	t.Parallel()
	cause := errors.New("the delete timeout ran out")
	withCause := func(d time.Duration) context.Context {
		ctx, cancel := context.WithTimeoutCause(t.Context(), d, cause)
		t.Cleanup(cancel)
		return ctx
	}
	hang := func(w http.ResponseWriter, r *http.Request, _ fakeRequest, _ int) { <-r.Context().Done() }

	t.Run("expired before the first attempt", func(t *testing.T) {
		f := newFakeAPI(t, alwaysOK)
		c := newTestClient(t, testConfig(f))
		err := c.DeleteSCIMCredential(withCause(time.Nanosecond), "z-abcdefabcdef", "scimcred-abcdefabcdef")
		var ie *InterruptedError
		if !errors.As(err, &ie) || ie.Sent || ie.Action != "DeleteSCIMCredential" {
			t.Fatalf("error %v, want an unsent *InterruptedError of DeleteSCIMCredential", err)
		}
		if !errors.Is(err, ErrNotSent) || errors.Is(err, ErrOutcomeUnknown) || !errors.Is(err, cause) {
			t.Errorf("error %v: want ErrNotSent and the context's cause, not ErrOutcomeUnknown", err)
		}
		if got := f.count("DeleteSCIMCredential"); got != 0 {
			t.Errorf("server saw %d deletes, want none", got)
		}
	})

	t.Run("rate limiter wait would pass the deadline", func(t *testing.T) {
		f := newFakeAPI(t, alwaysOK)
		cfg := testConfig(f)
		cfg.RateLimit = 0.5
		c := newTestClient(t, cfg)
		if err := c.DeleteSCIMCredential(t.Context(), "z-abcdefabcdef", "scimcred-abcdefabcdef"); err != nil {
			t.Fatal(err)
		}
		err := c.DeleteSCIMCredential(withCause(100*time.Millisecond), "z-abcdefabcdef", "scimcred-abcdefabcdef")
		if !errors.Is(err, ErrNotSent) || !errors.Is(err, cause) {
			t.Fatalf("error %v, want ErrNotSent with the context's cause", err)
		}
		if strings.Contains(err.Error(), "rate: Wait") {
			t.Errorf("error %q quotes the rate limiter's internals", err)
		}
		if got := f.count("DeleteSCIMCredential"); got != 1 {
			t.Errorf("server saw %d deletes, want only the first", got)
		}
	})

	t.Run("sent, answer not awaited: a change", func(t *testing.T) {
		f := newFakeAPI(t, hang)
		c := newTestClient(t, testConfig(f))
		err := c.DeleteSCIMCredential(withCause(200*time.Millisecond), "z-abcdefabcdef", "scimcred-abcdefabcdef")
		var ie *InterruptedError
		if !errors.As(err, &ie) || !ie.Sent {
			t.Fatalf("error %v, want a sent *InterruptedError", err)
		}
		if !errors.Is(err, ErrOutcomeUnknown) || errors.Is(err, ErrNotSent) || !errors.Is(err, cause) {
			t.Errorf("error %v: want ErrOutcomeUnknown with the context's cause", err)
		}
	})

	t.Run("sent, answer not awaited: a read", func(t *testing.T) {
		f := newFakeAPI(t, hang)
		c := newTestClient(t, testConfig(f))
		_, err := c.ListSCIMCredentials(withCause(200*time.Millisecond), "z-abcdefabcdef")
		if !errors.Is(err, cause) || errors.Is(err, ErrOutcomeUnknown) || errors.Is(err, ErrNotSent) {
			t.Errorf("error %v: a read that was sent is neither unsent nor of unknown outcome", err)
		}
	})

	t.Run("not sent while retrying after throttling", func(t *testing.T) {
		f := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ fakeRequest, _ int) {
			writeAPIError(w, "RequestLimitExceeded")
		})
		cfg := testConfig(f)
		cfg.RetryMinBackoff, cfg.RetryMaxBackoff = time.Second, time.Second
		c := newTestClient(t, cfg)
		_, err := c.CreateSCIMCredential(withCause(300*time.Millisecond), "z-abcdefabcdef", 0)
		if !errors.Is(err, ErrNotSent) || errors.Is(err, ErrOutcomeUnknown) {
			t.Errorf("error %v: a create only ever refused with RequestLimitExceeded was not carried out", err)
		}
	})
}

// Connection refused is a *NetworkError that says where the request went and how often, so
// the provider can tell the user to check the endpoint rather than quote a Go error chain.
//
// Not parallel: the port it closes must stay free until the call.
func TestNetworkErrorSaysWhereAndWhy(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close() // nothing listens there now
	c := newTestClient(t, Config{SecretID: testSecretID, SecretKey: testSecretKey, Protocol: "http", Endpoint: addr,
		RateLimit: -1, MaxRetries: 2, RetryMinBackoff: time.Millisecond, RetryMaxBackoff: time.Millisecond})
	_, err = c.DescribeIdentityCenter(t.Context())
	var ne *NetworkError
	if !errors.As(err, &ne) || !errors.Is(err, ErrUnreachable) {
		t.Fatalf("error %v, want a *NetworkError matching ErrUnreachable", err)
	}
	if ne.Action != "DescribeIdentityCenter" || ne.URL != "http://"+addr+"/" || ne.Attempts != 3 {
		t.Errorf("NetworkError = %+v, want DescribeIdentityCenter to http://%s/ after 3 attempts", ne, addr)
	}
	if got := ne.Reason(); got != "the connection was refused (nothing listens there)" {
		t.Errorf("Reason() = %q", got)
	}
}
