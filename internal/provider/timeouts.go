package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

const (
	opCreate = "create"
	opRead   = "read"
	opUpdate = "update"
	opDelete = "delete"

	// settleTimeout bounds the read that decides an operation whose change was sent when its
	// own timeout ran out: that timeout is gone, and one more read is cheap.
	settleTimeout = 10 * time.Second
)

// timeoutsBlock is the timeouts block of every resource. The library's own descriptions list
// only s, m and h, while it accepts every Go duration unit: these say what is accepted.
func timeoutsBlock(ctx context.Context) schema.Block {
	desc := func(op, extra string) string {
		return fmt.Sprintf("How long the %s may take, default %s: a Go duration, a number followed by a unit of "+
			"`h`, `m`, `s`, `ms`, `us` or `ns` (several may be combined), for example `\"30s\"`, `\"10m\"` or `\"1h30m\"`. "+
			"There is no day unit.%s", op, formatDuration(defaultTimeout), extra)
	}
	return timeouts.Block(ctx, timeouts.Opts{
		Create: true, Read: true, Update: true, Delete: true,
		CreateDescription: desc("create", ""),
		ReadDescription:   desc("read", " Reads happen on every refresh, so on every plan."),
		UpdateDescription: desc("update", ""),
		DeleteDescription: desc("delete", ""),
	})
}

// operationTimeout is the cause of an operation's context. When the deadline passes, the idc
// client's errors carry it (context.Cause), so the diagnostic can name the timeout that ran out
// whichever call was waiting.
type operationTimeout struct {
	op         string // create, read, update, delete
	configured string // timeouts.<op> as written; "" when unset
	limit      time.Duration
}

func (e *operationTimeout) Error() string { return e.phrase() + " ran out" }

// Is keeps errors.Is(err, context.DeadlineExceeded) true for an operation that timed out.
func (e *operationTimeout) Is(target error) bool { return target == context.DeadlineExceeded }

// phrase is `the create timeout (timeouts.create = "1ms")`, or for an unset one
// `the create timeout (5m, the default: timeouts.create is not set)`.
func (e *operationTimeout) phrase() string {
	if e.configured != "" {
		return fmt.Sprintf("the %s timeout (timeouts.%s = %q)", e.op, e.op, e.configured)
	}
	return fmt.Sprintf("the %s timeout (%s, the default: timeouts.%s is not set)", e.op, formatDuration(e.limit), e.op)
}

// withOperationTimeout bounds ctx by timeouts.<op>, or defaultTimeout when it is not set.
func withOperationTimeout(ctx context.Context, tv timeouts.Value, op string) (context.Context, context.CancelFunc, diag.Diagnostics) {
	def := defaultTimeout
	var limit time.Duration
	var diags diag.Diagnostics
	switch op {
	case opCreate:
		limit, diags = tv.Create(ctx, def)
	case opRead:
		limit, diags = tv.Read(ctx, def)
	case opUpdate:
		limit, diags = tv.Update(ctx, def)
	default:
		limit, diags = tv.Delete(ctx, def)
	}
	if diags.HasError() {
		return ctx, func() {}, diags
	}
	cause := &operationTimeout{op: op, limit: limit}
	if !tv.IsNull() && !tv.IsUnknown() {
		if s, ok := tv.Attributes()[op].(types.String); ok && !s.IsNull() && !s.IsUnknown() {
			cause.configured = s.ValueString()
		}
	}
	ctx, cancel := context.WithTimeoutCause(ctx, limit, cause)
	return ctx, cancel, diags
}

// timedOut returns the operation timeout err ran into.
func timedOut(err error) (*operationTimeout, bool) {
	var t *operationTimeout
	return t, errors.As(err, &t)
}

// describeTimeout says which timeout ran out, what is known about the outcome of the call it
// interrupted, and what a check made afterwards found.
func describeTimeout(t *operationTimeout, err error) string {
	var b strings.Builder
	b.WriteString(capitalize(t.phrase()))
	b.WriteString(" ran out")
	var ie *idc.InterruptedError
	unknown := false
	switch {
	case !errors.As(err, &ie):
		b.WriteString(".")
	case !ie.Sent:
		fmt.Fprintf(&b, " before the %s request was sent, so Tencent Cloud did not receive it.", ie.Action)
	case idc.ReadOnlyAction(ie.Action):
		fmt.Fprintf(&b, " while waiting for the answer to %s.", ie.Action)
	default:
		unknown = true
		fmt.Fprintf(&b, " after the %s request was sent and before its answer arrived, so whether it took effect is not known from the call itself.", ie.Action)
	}
	if ie != nil && ie.Last != nil {
		fmt.Fprintf(&b, " The attempt before had failed: %s.", readableError(ie.Last))
	}
	var checked *checkedError
	switch {
	case errors.As(err, &checked):
		b.WriteString(" ")
		b.WriteString(checked.found)
	case unknown:
		b.WriteString(" Run plan to see the current state before applying again: the refresh reads what the service holds.")
	}
	fmt.Fprintf(&b, "\n\nRaise timeouts.%s (for example to \"10m\") and run again.", t.op)
	return b.String()
}

// checkedError is an error with what a check made after it found out (a reconciliation):
// describeAPIError writes found after the error's own description.
type checkedError struct {
	err   error
	found string
}

func (e *checkedError) Error() string { return e.err.Error() + "; " + e.found }

func (e *checkedError) Unwrap() error { return e.err }

// settle reconciles a change whose request was sent but whose answer was not awaited (the
// operation's timeout ran out, or its answer was lost): took reads the service, under its own
// settleTimeout since the operation's deadline is gone, and reports whether the change took
// effect, or else what it found instead ("credential scimcred-… still exists"). settle returns
// nil when the change took effect, and otherwise err with what the check found. Any other
// error is returned as it is.
func settle(ctx context.Context, err error, change string, took func(context.Context) (done bool, found string, err error)) error {
	if err == nil || !errors.Is(err, idc.ErrOutcomeUnknown) {
		return err
	}
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), settleTimeout)
	defer cancel()
	done, found, cerr := took(cctx)
	switch {
	case cerr != nil:
		return &checkedError{err: err, found: fmt.Sprintf("Reading it back afterwards to find out failed too (%s), so it is not known "+
			"whether the %s took effect: the next plan refreshes it and shows what is there.", readableError(cerr), change)}
	case done:
		tflog.Info(ctx, "the answer to a change was not awaited, and reading it back shows it took effect", map[string]any{"change": change})
		return nil
	}
	return &checkedError{err: err, found: fmt.Sprintf("Reading it back afterwards shows that %s: the %s did not take effect.", found, change)}
}

// resendAttempts bounds how often resend sends a change.
const resendAttempts = 3

// resend sends a change that the client does not repeat on its own (its answer may be lost
// after the service acted), and settles a lost answer with took: a change found to have taken
// effect is done; one found not to have taken effect is sent again, up to resendAttempts
// times in all, while ctx has time. send may look at what took found (the part still missing).
func resend(ctx context.Context, change string, send func(context.Context) error, took func(context.Context) (done bool, found string, err error)) error {
	for attempt := 1; ; attempt++ {
		err := send(ctx)
		if !errors.Is(err, idc.ErrOutcomeUnknown) {
			return err
		}
		checked := false
		err = settle(ctx, err, change, func(ctx context.Context) (bool, string, error) {
			done, found, cerr := took(ctx)
			checked = cerr == nil && !done
			return done, found, cerr
		})
		if err == nil || !checked || attempt == resendAttempts || ctx.Err() != nil {
			return err
		}
		tflog.Info(ctx, "the answer to a change was lost and it did not take effect: sending it again",
			map[string]any{"change": change, "attempt": attempt + 1})
	}
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
