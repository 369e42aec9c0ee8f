package conformance

import (
	"context"
	"errors"
	"fmt"

	"github.com/mpinkit/mpinkit/conformance/iut"
)

// opFunc runs one operation on a party and returns its outputs by name.
type opFunc func(ctx context.Context, p iut.IUT) (map[string][]byte, map[string]int64, error)

// partyFor returns the implementation playing a role.
func (w *world) partyFor(role string) (string, iut.IUT) {
	if w.roles[role] == "reference" {
		return "reference", w.h.ref
	}
	return "IUT", w.h.iut
}

// call runs an operation for a role and records its outcome for the Then
// steps. It fails the step only when the outcome cannot be judged: a
// broken shim, a malformed-request or internal error, an unmapped error
// name, or an "unimplemented" answer to a core operation; an
// "unimplemented" answer to an optional operation skips the scenario.
func (w *world) call(ctx context.Context, role, op, primary string, f opFunc) error {
	party, p := w.partyFor(role)
	if party == "IUT" && !w.h.caps.Implements(op) {
		if iut.IsCore(op, w.claim) {
			return w.failf("the IUT does not list %s among its operations, but it is core for what it claims", op)
		}
		return w.skipWith("the IUT does not implement %s (optional for its claim)", op)
	}
	res, ints, err := f(ctx, p)
	w.op, w.party, w.primary = op, party, primary
	w.res, w.resInts, w.err, w.replay = res, ints, err, f
	if w.res == nil {
		w.res = map[string][]byte{}
	}
	if w.resInts == nil {
		w.resInts = map[string]int64{}
	}
	var unimpl *iut.UnimplementedError
	var fatal *iut.FatalError
	var rej *iut.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &unimpl):
		if party == "reference" {
			return w.failf("our reference does not implement %s", op)
		}
		if iut.IsCore(op, w.claim) {
			return w.failf("%s answered unimplemented, but it is core for what the IUT claims (%s)", op, unimpl.Detail)
		}
		return w.skipWith("the IUT does not implement %s: %s", op, unimpl.Detail)
	case errors.As(err, &fatal):
		return w.failf("%s: %v", party, fatal)
	case errors.Is(err, iut.ErrAborted):
		return w.failf("%v", err)
	case errors.As(err, &rej):
		if party == "IUT" {
			rej = w.h.cfg.mapError(rej)
			w.err = rej
		}
		switch {
		case rej.Name == iut.BadRequest:
			return w.failf("%s answered BAD_REQUEST to %s (a harness/shim disagreement): %s", party, op, rej.Detail)
		case rej.Name == iut.Internal:
			return w.failf("%s failed internally in %s: %s", party, op, rej.Detail)
		case !iut.IsCanonical(rej.Name):
			return w.failf("%s answered %s with the unmapped error %q (%s)", party, op, rej.Name, rej.Detail)
		}
		return nil
	}
	return w.failf("%s: %s: unexpected error %v", party, op, err)
}

// expectOK fails unless the last operation succeeded.
func (w *world) expectOK() error {
	if w.err != nil {
		return w.failf("%s (%s) was rejected with %v, expected a result", w.op, w.party, w.err)
	}
	return nil
}

// expectError checks the last operation's error name, allowing the coarse
// equivalents of the configuration.
func (w *world) expectError(want string) error {
	if w.err == nil {
		return w.failf("%s (%s) was accepted, expected %s", w.op, w.party, want)
	}
	got := iut.ErrorName(w.err)
	if got == want {
		return nil
	}
	if w.party == "IUT" && w.h.cfg.coarseMatch(got, want) {
		w.coarse = append(w.coarse, fmt.Sprintf("%s answered %s where %s was expected", w.op, got, want))
		return nil
	}
	return w.failf("%s (%s) was rejected with %v, expected %s", w.op, w.party, w.err, want)
}

// result returns a named output of the last successful operation.
func (w *world) result(name string) ([]byte, error) {
	if err := w.expectOK(); err != nil {
		return nil, err
	}
	if name == "" || name == "RESULT" {
		name = w.primary
	}
	b, ok := w.res[name]
	if !ok {
		return nil, w.failf("%s returned no %s", w.op, name)
	}
	return b, nil
}
