package mpin

import (
	"errors"
)

// Errors. Each failure of this package matches, under errors.Is, exactly
// one of the class sentinels below, which correspond one to one to the
// canonical error names of spec/mpin.md section 13 (see ErrorName). More
// specific sentinels (ErrInvalidPIN, ErrSessionUsed, ...) wrap their
// class, and decoding errors also wrap the pairing package's error that
// caused them.
var (
	// ErrUnsupported (UNSUPPORTED) reports a suite or operation this
	// package, or the pairing suite under a profile, does not offer.
	ErrUnsupported = errors.New("mpin: unsupported")
	// ErrInvalidArgument (INVALID_ARGUMENT) reports a non-cryptographic
	// parameter outside its domain.
	ErrInvalidArgument = errors.New("mpin: invalid argument")
	// ErrNonCanonical (NON_CANONICAL) reports an encoding of the wrong
	// length, with a wrong prefix, with a coordinate not below p, or a
	// malformed hashed identity.
	ErrNonCanonical = errors.New("mpin: non-canonical encoding")
	// ErrIdentity (IDENTITY_POINT) reports the encoding of the point at
	// infinity, or a computed point that must not be the identity.
	ErrIdentity = errors.New("mpin: point at infinity")
	// ErrInvalidPoint (INVALID_POINT) reports canonical coordinates off
	// the curve or twist, a point outside the prime-order subgroup, or an
	// Fp12 value outside GT.
	ErrInvalidPoint = errors.New("mpin: invalid point")
	// ErrInvalidScalar (INVALID_SCALAR) reports a scalar not below the
	// group order r, a zero scalar where a non-zero one is needed, or a
	// challenge with x + y = 0 (or z + h = 0) mod r.
	ErrInvalidScalar = errors.New("mpin: invalid scalar")
	// ErrStale (STALE_TIMEVALUE) reports a one-pass TimeValue outside the
	// server's freshness window.
	ErrStale = errors.New("mpin: stale or future time value")
	// ErrWrongDay (WRONG_DAY) reports a time permit for a day after the
	// server's current day.
	ErrWrongDay = errors.New("mpin: time permit for a future day")
	// ErrExpiredPermit (EXPIRED_PERMIT) reports a time permit for a past
	// day outside the grace window, or a missing permit where one is
	// required.
	ErrExpiredPermit = errors.New("mpin: time permit expired or missing")
	// ErrReplay (REPLAY) reports a second use of something single-use.
	ErrReplay = errors.New("mpin: replay")
	// ErrBadPIN (BAD_PIN) reports a failed verification explained by a
	// wrong PIN: the error is a *WrongPINError telling by how much.
	ErrBadPIN = errors.New("mpin: wrong PIN")
	// ErrNotAClient (NOT_A_CLIENT) reports a failed verification that no
	// small PIN error explains: an invalid or forged token, a secret from
	// another authority, a wrong permit or a tampered message.
	ErrNotAClient = errors.New("mpin: invalid token or not a client of this authority")
)

// Specific errors, each wrapping its class.
var (
	// ErrUnknownProfile is an ErrUnsupported: a profile name that is not
	// one of the suite strings, or a pairing.Suite for another curve.
	ErrUnknownProfile = classed("mpin: unknown profile", ErrUnsupported)
	// ErrInvalidPIN is an ErrInvalidArgument: a negative PIN.
	ErrInvalidPIN = classed("mpin: invalid PIN", ErrInvalidArgument)
	// ErrInvalidFactor is an ErrInvalidArgument: a factor that does not
	// fit its bit length, or a bit length outside [1, 32].
	ErrInvalidFactor = classed("mpin: invalid factor", ErrInvalidArgument)
	// ErrNoShares is an ErrInvalidArgument: a recombination of no shares.
	ErrNoShares = classed("mpin: no shares to recombine", ErrInvalidArgument)
	// ErrInvalidDay is an ErrInvalidArgument: a permit day outside
	// [1, 2^31 - 1].
	ErrInvalidDay = classed("mpin: day number out of range", ErrInvalidArgument)
	// ErrInvalidTime is an ErrInvalidArgument: a one-pass time value
	// outside [1, 2^31 - 1], or a negative server time.
	ErrInvalidTime = classed("mpin: time value out of range", ErrInvalidArgument)
	// ErrInvalidConfig is an ErrInvalidArgument: a ServerConfig with
	// out-of-range values.
	ErrInvalidConfig = classed("mpin: invalid server configuration", ErrInvalidArgument)
	// ErrSessionUsed is an ErrReplay: a client session asked to answer a
	// second challenge (one x answering two challenges reveals the
	// client's secret).
	ErrSessionUsed = classed("mpin: client session already used", ErrReplay)
)

// classedError is a sentinel that belongs to a class.
type classedError struct {
	msg   string
	class error
}

func classed(msg string, class error) error { return &classedError{msg, class} }

func (e *classedError) Error() string { return e.msg }
func (e *classedError) Unwrap() error { return e.class }

// WrongPINError is returned by server verification when the pairing check
// fails by a PIN error: the client used a PIN that differs from the
// registered one by Delta = entered - registered (both reduced mod 10000),
// so 0 < |Delta| < 10000. It matches ErrBadPIN under errors.Is. Its Error
// text leaves Delta out, so that logging the error does not log it: Delta
// is for the server's lockout policy, never for the client.
type WrongPINError struct {
	// Delta is the entered PIN minus the registered PIN.
	Delta int
}

// Error returns the text of ErrBadPIN.
func (e *WrongPINError) Error() string { return ErrBadPIN.Error() }

// Unwrap returns ErrBadPIN.
func (e *WrongPINError) Unwrap() error { return ErrBadPIN }

// errorNames lists the classes in the precedence order of spec/mpin.md
// (REQ-MPIN-13.2).
var errorNames = []struct {
	err  error
	name string
}{
	{ErrUnsupported, "UNSUPPORTED"},
	{ErrInvalidArgument, "INVALID_ARGUMENT"},
	{ErrNonCanonical, "NON_CANONICAL"},
	{ErrIdentity, "IDENTITY_POINT"},
	{ErrInvalidPoint, "INVALID_POINT"},
	{ErrInvalidScalar, "INVALID_SCALAR"},
	{ErrStale, "STALE_TIMEVALUE"},
	{ErrWrongDay, "WRONG_DAY"},
	{ErrExpiredPermit, "EXPIRED_PERMIT"},
	{ErrReplay, "REPLAY"},
	{ErrBadPIN, "BAD_PIN"},
	{ErrNotAClient, "NOT_A_CLIENT"},
}

// ErrorName returns the canonical name (spec/mpin.md section 13) of an
// error of this package: "OK" for nil, "NON_CANONICAL", "IDENTITY_POINT",
// "INVALID_POINT", "INVALID_SCALAR", "INVALID_ARGUMENT", "BAD_PIN",
// "NOT_A_CLIENT", "EXPIRED_PERMIT", "WRONG_DAY", "STALE_TIMEVALUE",
// "REPLAY" or "UNSUPPORTED"; "" for an error that is not this package's.
func ErrorName(err error) string {
	if err == nil {
		return "OK"
	}
	for _, e := range errorNames {
		if errors.Is(err, e.err) {
			return e.name
		}
	}
	return ""
}
