package idc

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
)

// callMode says whether a call may be sent twice.
type callMode int

const (
	// idempotent calls are retried after any transient failure.
	idempotent callMode = iota
	// notIdempotent calls (creating a SCIM credential, adding an IdP certificate) are never
	// re-sent once the request may have reached the service: a lost answer is reported as
	// *OutcomeUnknownError instead, so the caller can reconcile rather than create a duplicate.
	notIdempotent
)

const (
	codeRequestLimitExceeded = "RequestLimitExceeded"
	codeInternalError        = "InternalError"
)

// target is one API: an SDK client and the service and version signed into each request.
type target struct {
	sdk              *common.Client
	service, version string
	// beforeAttempt runs before each attempt (renewing temporary credentials).
	beforeAttempt func(ctx context.Context) error
}

func (c *Client) organization() target {
	return target{sdk: c.sdk, service: service, version: apiVersion, beforeAttempt: c.creds.ensureFresh}
}

// retryPolicy bounds retries: at most maxRetries, exponential backoff with jitter between
// minBackoff and maxBackoff, each attempt limited to timeout.
type retryPolicy struct {
	maxRetries             int
	minBackoff, maxBackoff time.Duration
	timeout                time.Duration
}

// backoff is the wait before retry number n (0-based): uniformly random between minBackoff and
// min(maxBackoff, minBackoff·2ⁿ), so clients that were throttled together do not return together.
func (p retryPolicy) backoff(n int) time.Duration {
	ceiling := p.maxBackoff
	if n < 32 {
		if d := p.minBackoff << n; d > 0 && d < ceiling {
			ceiling = d
		}
	}
	if ceiling <= p.minBackoff {
		return p.minBackoff
	}
	return p.minBackoff + rand.N(ceiling-p.minBackoff+1)
}

// outcome is what one attempt produced, classified for the retry decision.
type outcome struct {
	body      []byte // the whole {"Response":{…}} on success
	err       error  // the error to return if no retry follows
	apiErr    *APIError
	transient bool // a transport-level failure worth retrying for idempotent calls
	wrote     bool // the request was completely written, so the service may have acted on it
}

// call sends one organization action.
func (c *Client) call(ctx context.Context, action string, in, out any, mode callMode) error {
	return c.do(ctx, c.organization(), action, in, out, mode)
}

// do runs the retry policy around single attempts and decodes the "Response" object into out.
func (c *Client) do(ctx context.Context, t target, action string, in, out any, mode callMode) error {
	ctx = logContext(ctx, c.secrets())
	params, err := json.Marshal(in)
	if err != nil {
		return fmt.Errorf("%s: encoding the request: %w", action, err)
	}
	if tflog.SubsystemIsTrace(ctx, LogSubsystem) {
		tflog.SubsystemTrace(ctx, LogSubsystem, "api request", map[string]any{
			"action": action, "service": t.service, "request": redactJSON(params),
		})
	}
	limiter := c.limiter(t.service + ":" + action)
	started := time.Now()
	// sent: an earlier attempt's request may have been carried out (it was written and no answer
	// said it was not), so a context that ends later leaves the outcome unknown.
	sent := false
	var last error
	for attempt := 1; ; attempt++ {
		if limiter != nil {
			if err := limiter.Wait(ctx); err != nil {
				return &InterruptedError{Action: action, Sent: sent, Err: ctxCause(ctx), Last: last}
			}
		}
		if t.beforeAttempt != nil {
			if err := t.beforeAttempt(ctx); err != nil {
				if ctx.Err() != nil {
					return &InterruptedError{Action: action, Sent: sent, Err: context.Cause(ctx), Last: last}
				}
				return fmt.Errorf("%s: %w", action, err)
			}
		}
		attemptStart := time.Now()
		o := c.attempt(ctx, t, action, params)
		if o.wrote && (o.apiErr == nil || o.apiErr.Code != codeRequestLimitExceeded) {
			sent = true
		}
		fields := map[string]any{
			"action":      action,
			"attempt":     attempt,
			"retries":     attempt - 1,
			"duration_ms": time.Since(attemptStart).Milliseconds(),
		}
		if o.apiErr != nil {
			fields["error_code"] = o.apiErr.Code
			fields["request_id"] = o.apiErr.RequestID
		} else if o.err != nil {
			fields["error"] = o.err.Error()
		}

		if o.err == nil {
			fields["total_duration_ms"] = time.Since(started).Milliseconds()
			return decodeAnswer(ctx, action, o.body, out, mode, fields)
		}

		retry, final := c.decide(ctx, action, mode, o, sent)
		if retry && attempt > c.policy.maxRetries {
			retry = false
			var ne *NetworkError
			switch {
			case errors.As(final, &ne):
				ne.Attempts = attempt
			case attempt > 1:
				final = fmt.Errorf("%w (gave up after %d attempts)", final, attempt)
			}
		}
		if !retry {
			fields["total_duration_ms"] = time.Since(started).Milliseconds()
			tflog.SubsystemDebug(ctx, LogSubsystem, "api call failed", fields)
			return final
		}
		wait := c.policy.backoff(attempt - 1)
		fields["retry_in_ms"] = wait.Milliseconds()
		tflog.SubsystemDebug(ctx, LogSubsystem, "api call failed, retrying", fields)
		last = o.err
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return &InterruptedError{Action: action, Sent: sent, Err: context.Cause(ctx), Last: last}
		case <-timer.C:
		}
	}
}

// decide returns whether to retry after a failed attempt, and otherwise the error to return.
// sent says whether this or an earlier attempt's request may have been carried out.
func (c *Client) decide(ctx context.Context, action string, mode callMode, o outcome, sent bool) (retry bool, final error) {
	if o.apiErr != nil {
		switch o.apiErr.Code {
		case codeRequestLimitExceeded:
			// Throttling is decided before the action runs: always safe to send again.
			return true, o.err
		case codeInternalError:
			if mode == notIdempotent {
				// The service may have committed before it failed.
				return false, &OutcomeUnknownError{Action: action, Err: o.err}
			}
			return true, o.err
		}
		return false, o.err
	}
	if ctx.Err() != nil {
		// The caller's deadline or cancellation, not this attempt's own timeout: say whether the
		// request can have arrived, for every kind of call (a delete whose request was sent may
		// have happened; one that was never sent did not).
		return false, &InterruptedError{Action: action, Sent: sent, Err: context.Cause(ctx)}
	}
	if mode == notIdempotent && o.wrote {
		return false, &OutcomeUnknownError{Action: action, Err: o.err}
	}
	return o.transient, o.err
}

// attempt sends the request once. The httptrace hook records whether the request was fully
// written: before that point a failure (connection refused, DNS) cannot have reached the
// service and any call may be retried; after it, only idempotent ones may.
func (c *Client) attempt(ctx context.Context, t target, action string, params []byte) outcome {
	actx, cancel := context.WithTimeout(ctx, c.policy.timeout)
	defer cancel()
	var wrote atomic.Bool
	var status atomic.Int32
	actx = context.WithValue(actx, statusKey{}, &status)
	actx = httptrace.WithClientTrace(actx, &httptrace.ClientTrace{
		WroteRequest: func(info httptrace.WroteRequestInfo) {
			if info.Err == nil {
				wrote.Store(true)
			}
		},
	})

	req := tchttp.NewCommonRequest(t.service, t.version, action)
	if err := req.SetActionParameters(params); err != nil {
		return outcome{err: fmt.Errorf("%s: encoding the request: %w", action, err)}
	}
	req.SetContext(actx)
	resp := tchttp.NewCommonResponse()
	err := t.sdk.Send(req, resp)
	if err == nil {
		return outcome{body: resp.GetBody(), wrote: wrote.Load()}
	}
	o := classify(action, err, int(status.Load()), actx.Err() != nil && ctx.Err() == nil)
	o.wrote = wrote.Load()
	return o
}

// classify turns an SDK error into this package's errors. Tencent codes become *APIError;
// client-side failures are wrapped with the action, and their SDK messages, which can quote
// the response body (and with it a credential secret), are replaced by a description.
// status is the HTTP status of the answer, 0 when none arrived.
func classify(action string, err error, status int, attemptTimedOut bool) outcome {
	var sdkErr *tcerr.TencentCloudSDKError
	if !errors.As(err, &sdkErr) {
		return outcome{err: fmt.Errorf("%s: %w", action, err)}
	}
	isClientErr := strings.HasPrefix(sdkErr.Code, "ClientError.")
	if isClientErr && status != 0 && status != 200 && sdkErr.Code != "ClientError.NetworkError" {
		// A non-200 answer without a Tencent error code (a gateway's error page, say): the SDK
		// reports it as HttpStatusCodeError or, when the page is not JSON, ParseJsonError.
		return outcome{err: fmt.Errorf("%s: HTTP status %d without a Tencent Cloud error code", action, status), transient: status >= 500}
	}
	switch code := sdkErr.Code; {
	case code == "ClientError.NetworkError":
		cause := errors.Unwrap(sdkErr)
		if cause == nil {
			cause = errors.New(sdkErr.Message)
		}
		if attemptTimedOut {
			return outcome{err: fmt.Errorf("%s: no answer within the request timeout: %w", action, cause), transient: true}
		}
		ne := &NetworkError{Action: action, Err: cause}
		var ue *url.Error
		if errors.As(cause, &ue) {
			ne.URL, ne.Err = ue.URL, ue.Err
		}
		return outcome{err: ne, transient: true}
	case code == "ClientError.ParseJsonError" && strings.HasPrefix(sdkErr.Message, "Fail to read http body"),
		code == "ClientError.IOError":
		// The connection broke while the answer was being read.
		return outcome{err: fmt.Errorf("%s: reading the response failed (connection interrupted)", action), transient: true}
	case code == "ClientError.ParseJsonError":
		return outcome{err: fmt.Errorf("%s: the response is not valid JSON", action)}
	case isClientErr:
		return outcome{err: fmt.Errorf("%s: client error %s", action, code)}
	}
	apiErr := &APIError{Action: action, Code: sdkErr.Code, Message: sdkErr.Message, RequestID: sdkErr.RequestId}
	return outcome{err: apiErr, apiErr: apiErr}
}

// ctxCause returns the cause of a context the rate limiter gave up on. The limiter refuses at
// once when its wait would pass the deadline; waiting for the deadline instead lets the error
// carry the context's cause (which names the operation's timeout) rather than the limiter's
// own words, and the call could not have finished in time anyway.
func ctxCause(ctx context.Context) error {
	<-ctx.Done()
	return context.Cause(ctx)
}

// jsonErrorKind describes a decoding error without quoting any of the input.
func jsonErrorKind(err error) string {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		return fmt.Sprintf("field %q is a JSON %s, expected %s", typeErr.Field, typeErr.Value, typeErr.Type)
	}
	var syntaxErr *json.SyntaxError
	if errors.As(err, &syntaxErr) {
		return "invalid JSON"
	}
	return "cannot decode"
}

func (c *Client) secrets() []string {
	if c.creds == nil {
		return nil
	}
	return c.creds.secrets()
}

// decodeAnswer decodes a successful answer's Response into out and logs the call (the body only
// at TRACE, redacted). An answer that does not have the documented shape leaves a call that is
// not idempotent with an unknown outcome: the service may have carried it out.
func decodeAnswer(ctx context.Context, action string, body []byte, out any, mode callMode, fields map[string]any) error {
	var env struct {
		Response json.RawMessage
	}
	var meta struct{ RequestId string }
	err := json.Unmarshal(body, &env)
	if err == nil {
		err = json.Unmarshal(env.Response, &meta)
	}
	if err == nil && out != nil {
		err = json.Unmarshal(env.Response, out)
	}
	fields["request_id"] = meta.RequestId
	tflog.SubsystemDebug(ctx, LogSubsystem, "api call", fields)
	if tflog.SubsystemIsTrace(ctx, LogSubsystem) {
		tflog.SubsystemTrace(ctx, LogSubsystem, "api response", map[string]any{
			"action": action, "request_id": meta.RequestId, "response": redactJSON(body),
		})
	}
	if err != nil {
		// Never quote the body: it may hold a credential secret.
		decodeErr := fmt.Errorf("%s: the response does not have the documented shape (request ID %s): %s", action, meta.RequestId, jsonErrorKind(err))
		if mode == notIdempotent {
			return &OutcomeUnknownError{Action: action, Err: decodeErr}
		}
		return decodeErr
	}
	return nil
}
