package faulty

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"

	"github.com/mpinkit/mpinkit/conformance/internal/curvemath"
	"github.com/mpinkit/mpinkit/conformance/iut"
)

// Fault describes one defect.
type Fault struct {
	// Name is what --fault takes.
	Name string
	// Defect says what the faulty stack does wrong.
	Defect string
	// Tags is a tag expression (godog syntax) selecting the scenarios
	// expected to catch it; the fault test runs the suite filtered by it.
	Tags string
}

// Faults lists every defect, in the order of the documentation.
var Faults = []Fault{
	{"skip-subgroup-check", "accepts points that are on the curve or twist but outside the order-r subgroup", "@REQ-MPIN-14.6"},
	{"accept-identity", "accepts the encoding of the point at infinity, and recombined sums equal to it", "@REQ-MPIN-14.4,@REQ-MPIN-3.7"},
	{"accept-wrong-pin", "the server accepts a proof made with a wrong PIN", "@REQ-MPIN-9.4,@REQ-MPIN-10.4"},
	{"ignore-permit-day", "the two-pass server accepts a permit of any day, verifying with the day the client states", "@REQ-MPIN-6.4"},
	{"wrong-hash-prefix", "the one-pass challenge hashes the time value little-endian (mhashit prefix)", "@REQ-MPIN-8.1,@REQ-MPIN-4.2"},
	{"swap-g2-coordinates", "G2 points are written and read with the real and imaginary parts exchanged", "@REQ-MPIN-3.4,@REQ-MPIN-12.3,@REQ-MPIN-12.4"},
	{"accept-stale-timevalue", "the one-pass server accepts any time value (no freshness window)", "@REQ-MPIN-8.4"},
	{"reuse-challenge", "the server issues the same challenge y to every session", "@REQ-MPIN-7.3"},
	{"leak-noncanonical-encoding", "coordinates not below p are reduced and accepted instead of rejected", "@REQ-MPIN-14.3"},
	{"mis-recombine-shares", "recombination leaves out the last share", "@REQ-MPIN-3.7"},
	{"full-key-without-transcript-hash", "the M-Pin Full hash h covers the hashed identity only, not the transcript", "@REQ-MPIN-11.3"},
	{"zero-y-accepted", "the client answers a zero challenge", "@REQ-MPIN-14.9"},
	{"wrong-pin-delta-sign", "wrong-PIN detection reports the PIN error with the opposite sign", "@REQ-MPIN-10.2"},
	{"no-x-plus-y-check", "the client answers a challenge y = -x with V = O instead of aborting", "@REQ-MPIN-14.10"},
	{"wrong-dst", "the modern identity map uses a wrong domain-separation tag", "@REQ-MPIN-4.7"},
	{"drop-time-permit", "the client ignores its time permit: no permit in SEC, UT equal to U", "@REQ-MPIN-6.3"},
	{"accept-zero-share", "the authority accepts a master share of zero", "@REQ-MPIN-3.2"},
	{"no-session-replay-check", "sessions and one-pass messages can be used again (no replay memory)", "@REQ-MPIN-7.6,@REQ-MPIN-8.5"},
	{"no-lockout", "the server claims lockout but never locks an identity", "@REQ-MPIN-10.5"},
	{"odd-y-in-legacy-map", "the legacy map to G1 keeps the odd square root instead of the even one", "@REQ-MPIN-4.4"},
}

// Names returns the fault names, sorted.
func Names() []string {
	out := make([]string, len(Faults))
	for i, f := range Faults {
		out[i] = f.Name
	}
	sort.Strings(out)
	return out
}

// Lookup returns a fault by name.
func Lookup(name string) (Fault, bool) {
	for _, f := range Faults {
		if f.Name == name {
			return f, true
		}
	}
	return Fault{}, false
}

// ErrUnknownFault reports a fault name that is not in Faults.
var ErrUnknownFault = errors.New("faulty: unknown fault")

// IUT is an iut.IUT with one defect. Methods a fault does not concern
// pass straight to the wrapped IUT.
type IUT struct {
	iut.IUT
	fault string

	mu sync.Mutex
	// handle suites, challenge reuse, day shifts and replay caches
	suites  map[string]string
	firstY  map[string]iut.Hex
	shift   map[string]int64
	answers map[string]any
}

// Wrap returns base with the named fault.
func Wrap(base iut.IUT, name string) (*IUT, error) {
	if _, ok := Lookup(name); !ok {
		return nil, fmt.Errorf("%w %q", ErrUnknownFault, name)
	}
	f := &IUT{IUT: base, fault: name}
	f.clear()
	return f, nil
}

func (f *IUT) clear() {
	f.suites = map[string]string{}
	f.firstY = map[string]iut.Hex{}
	f.shift = map[string]int64{}
	f.answers = map[string]any{}
}

func (f *IUT) is(name string) bool { return f.fault == name }

// Capabilities reports the wrapped IUT's claim with the fault in the
// implementation name.
func (f *IUT) Capabilities(ctx context.Context) (*iut.Capabilities, error) {
	c, err := f.IUT.Capabilities(ctx)
	if err != nil {
		return nil, err
	}
	cc := *c
	cc.Implementation.Name += " with fault " + f.fault
	return &cc, nil
}

// Reset forgets the wrapper's state as well.
func (f *IUT) Reset(ctx context.Context) error {
	f.mu.Lock()
	f.clear()
	f.mu.Unlock()
	return f.IUT.Reset(ctx)
}

func curve(suite string) *curvemath.Curve {
	c, err := curvemath.Lookup(suite)
	if err != nil {
		return nil
	}
	return c
}

// named reports whether err is a rejection with one of the names.
func named(err error, names ...string) bool {
	n := iut.ErrorName(err)
	for _, v := range names {
		if n == v {
			return true
		}
	}
	return false
}

// acceptsBad reports whether the fault makes the stack accept inputs the
// wrapped IUT refused with err: skip-subgroup-check for on-curve points
// refused as INVALID_POINT, accept-identity for IDENTITY_POINT.
func (f *IUT) acceptsBad(suite string, err error, g1 []iut.Hex, g2 []iut.Hex) bool {
	c := curve(suite)
	if c == nil || err == nil {
		return false
	}
	switch {
	case f.is("accept-identity"):
		return named(err, iut.IdentityPoint)
	case f.is("skip-subgroup-check"):
		if !named(err, iut.InvalidPoint) {
			return false
		}
		for _, b := range g1 {
			if b != nil && !c.OnCurveG1(b) {
				return false
			}
		}
		for _, b := range g2 {
			if b != nil && !c.OnTwistG2(b) {
				return false
			}
		}
		return true
	}
	return false
}

// reduce rewrites coordinates not below p for leak-noncanonical-encoding.
func (f *IUT) reduceG1(suite string, b iut.Hex) iut.Hex {
	if !f.is("leak-noncanonical-encoding") || b == nil {
		return b
	}
	if c := curve(suite); c != nil {
		return c.ReduceG1(b)
	}
	return b
}

func (f *IUT) reduceG2(suite string, b iut.Hex) iut.Hex {
	if !f.is("leak-noncanonical-encoding") || b == nil {
		return b
	}
	if c := curve(suite); c != nil {
		return c.ReduceG2(b)
	}
	return b
}

// swapG2 exchanges real and imaginary parts for swap-g2-coordinates.
func (f *IUT) swapG2(suite string, b iut.Hex) iut.Hex {
	if !f.is("swap-g2-coordinates") || b == nil {
		return b
	}
	if c := curve(suite); c != nil {
		return c.SwapG2(b)
	}
	return b
}

// g2In applies the G2 input faults.
func (f *IUT) g2In(suite string, b iut.Hex) iut.Hex { return f.reduceG2(suite, f.swapG2(suite, b)) }

// negateDelta implements wrong-pin-delta-sign on a rejection.
func (f *IUT) negateDelta(err error) error {
	var e *iut.Error
	if f.is("wrong-pin-delta-sign") && errors.As(err, &e) && e.Delta != nil {
		d := -*e.Delta
		ne := *e
		ne.Delta = &d
		return &ne
	}
	return err
}
