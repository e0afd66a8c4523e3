package idcsim

import (
	"crypto/rand"
	"encoding/binary"
	"fmt"
	mrand "math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Fault kinds that are not error codes.
const (
	// FaultReset closes the connection before the action runs: nothing changes.
	FaultReset = "reset"
	// FaultLostResponse runs and commits the action, then closes the connection unanswered.
	FaultLostResponse = "lost-response"
	// FaultTaskFailure lets the request succeed but makes the asynchronous task it starts end
	// Failed with a FailureReason. As a random fault it is rolled once per task started, not per
	// request; queued with FailNext it fails the tasks of that action's next requests.
	FaultTaskFailure = "task-failure"
)

// errorCodePattern is the shape of a Tencent error code ("InternalError", "FailedOperation.X").
var errorCodePattern = regexp.MustCompile(`^[A-Z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$`)

type faultRule struct {
	fault       string // FaultReset, FaultLostResponse or an error code
	probability float64
}

// parseFaults reads a spec such as "InternalError=0.05,reset=0.02": each entry a fault and its
// probability per API request. The probabilities may add up to at most 1.
func parseFaults(spec string) ([]faultRule, error) {
	var rules []faultRule
	total := 0.0
	seen := map[string]bool{}
	for entry := range strings.SplitSeq(spec, ",") {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		fault, p, ok := strings.Cut(entry, "=")
		if !ok {
			return nil, fmt.Errorf("fault %q: want FAULT=PROBABILITY", entry)
		}
		fault = strings.TrimSpace(fault)
		if fault != FaultReset && fault != FaultLostResponse && fault != FaultTaskFailure && !errorCodePattern.MatchString(fault) {
			return nil, fmt.Errorf("fault %q: want reset, lost-response, task-failure or an error code such as InternalError", fault)
		}
		if seen[fault] {
			return nil, fmt.Errorf("fault %q is given twice", fault)
		}
		seen[fault] = true
		prob, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || prob < 0 || prob > 1 {
			return nil, fmt.Errorf("fault %q: probability %q is not a number between 0 and 1", fault, p)
		}
		if fault != FaultTaskFailure { // rolled per task, not shared with the per-request faults
			total += prob
		}
		rules = append(rules, faultRule{fault: fault, probability: prob})
	}
	if total > 1+1e-9 {
		return nil, fmt.Errorf("fault probabilities add up to %g, more than 1", total)
	}
	return rules, nil
}

type queuedFault struct {
	fault     string
	remaining int
}

// faultInjector decides which API requests fail and how.
type faultInjector struct {
	mu    sync.Mutex
	rules []faultRule
	rng   *mrand.Rand
	next  map[string][]queuedFault // action → faults for its next requests, in order
}

// newFaultInjector seeds the random source with seed; seed 0 picks a random seed.
func newFaultInjector(rules []faultRule, seed int64) *faultInjector {
	if seed == 0 {
		var b [8]byte
		_, _ = rand.Read(b[:])
		seed = int64(binary.LittleEndian.Uint64(b[:]))
	}
	return &faultInjector{
		rules: rules,
		rng:   mrand.New(mrand.NewPCG(uint64(seed), 0x1dc5)),
		next:  map[string][]queuedFault{},
	}
}

func (f *faultInjector) setRules(rules []faultRule) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rules = rules
}

func (f *faultInjector) failNext(action, fault string, n int) {
	if n <= 0 {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.next[action] = append(f.next[action], queuedFault{fault: fault, remaining: n})
}

// pick returns the fault for one request of action, or "" for none. Queued faults (FailNext) come
// before random ones.
func (f *faultInjector) pick(action string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if q := f.next[action]; len(q) > 0 {
		fault := q[0].fault
		q[0].remaining--
		if q[0].remaining == 0 {
			q = q[1:]
		}
		if len(q) == 0 {
			delete(f.next, action)
		} else {
			f.next[action] = q
		}
		return fault
	}
	if len(f.rules) == 0 {
		return ""
	}
	x := f.rng.Float64()
	for _, r := range f.rules {
		if r.fault == FaultTaskFailure {
			continue
		}
		if x < r.probability {
			return r.fault
		}
		x -= r.probability
	}
	return ""
}

// taskFails rolls the random task-failure fault for one task.
func (f *faultInjector) taskFails() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, r := range f.rules {
		if r.fault == FaultTaskFailure {
			return r.probability > 0 && f.rng.Float64() < r.probability
		}
	}
	return false
}

// actionLimiter is a token bucket per action: rate n per second, burst n.
type actionLimiter struct {
	mu       sync.Mutex
	perSec   int
	now      func() time.Time
	limiters map[string]*rate.Limiter
}

func newActionLimiter(perSec int, now func() time.Time) *actionLimiter {
	return &actionLimiter{perSec: perSec, now: now, limiters: map[string]*rate.Limiter{}}
}

// allow takes a token for action; false means the request is over the limit.
func (l *actionLimiter) allow(action string) bool {
	if l.perSec <= 0 {
		return true
	}
	l.mu.Lock()
	lim, ok := l.limiters[action]
	if !ok {
		lim = rate.NewLimiter(rate.Limit(l.perSec), l.perSec)
		l.limiters[action] = lim
	}
	l.mu.Unlock()
	return lim.AllowN(l.now(), 1)
}
