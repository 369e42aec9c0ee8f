package iut

import (
	"errors"
	"fmt"
)

// Canonical error names of spec/mpin.md section 13, and the two names that
// belong to the shim protocol itself (spec/shim.md section 7).
const (
	NonCanonical    = "NON_CANONICAL"
	IdentityPoint   = "IDENTITY_POINT"
	InvalidPoint    = "INVALID_POINT"
	InvalidScalar   = "INVALID_SCALAR"
	InvalidArgument = "INVALID_ARGUMENT"
	BadPIN          = "BAD_PIN"
	NotAClient      = "NOT_A_CLIENT"
	ExpiredPermit   = "EXPIRED_PERMIT"
	WrongDay        = "WRONG_DAY"
	StaleTimeValue  = "STALE_TIMEVALUE"
	Replay          = "REPLAY"
	Locked          = "LOCKED"
	Unsupported     = "UNSUPPORTED"

	BadRequest = "BAD_REQUEST"
	Internal   = "INTERNAL"
)

// CanonicalNames lists the names of spec/mpin.md section 13 in the
// precedence order of REQ-MPIN-13.2.
var CanonicalNames = []string{
	Unsupported, InvalidArgument, NonCanonical, IdentityPoint, InvalidPoint, InvalidScalar,
	StaleTimeValue, WrongDay, ExpiredPermit, Replay, Locked, BadPIN, NotAClient,
}

// IsCanonical reports whether name is one of CanonicalNames.
func IsCanonical(name string) bool { return contains(CanonicalNames, name) }

// IsProtocolName reports whether name is a canonical name or one of the
// shim protocol's own, BAD_REQUEST and INTERNAL.
func IsProtocolName(name string) bool {
	return IsCanonical(name) || name == BadRequest || name == Internal
}

// Error is a rejection: the IUT refused the inputs with a named error.
type Error struct {
	// Name is the error name as the IUT reported it (after any mapping
	// the harness applies, a canonical name).
	Name string
	// Detail is free text for people; never interpreted.
	Detail string
	// Delta is the PIN error a BAD_PIN result carries with wrong-PIN
	// detection, or nil.
	Delta *int
}

func (e *Error) Error() string {
	s := e.Name
	if e.Delta != nil {
		s += fmt.Sprintf(" (delta %d)", *e.Delta)
	}
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}

// Errorf returns an *Error with a formatted detail.
func Errorf(name, format string, args ...any) *Error {
	return &Error{Name: name, Detail: fmt.Sprintf(format, args...)}
}

// ErrorName returns the name of err when it is an *Error, "OK" for nil,
// and "" otherwise.
func ErrorName(err error) string {
	if err == nil {
		return "OK"
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Name
	}
	return ""
}

// UnimplementedError is the protocol's "unimplemented" answer: the IUT
// does not offer the operation or this variant of it.
type UnimplementedError struct {
	// Op is the operation asked for.
	Op string
	// Detail is the shim's explanation, if any.
	Detail string
}

func (e *UnimplementedError) Error() string {
	if e.Detail == "" {
		return e.Op + ": unimplemented"
	}
	return e.Op + ": unimplemented: " + e.Detail
}

// FatalError reports that the adapter broke: the shim wrote a fatal line,
// exited, timed out, or violated the protocol. The scenario in progress
// fails.
type FatalError struct {
	// Op is the operation in progress, if any.
	Op string
	// Reason says what happened.
	Reason string
}

func (e *FatalError) Error() string {
	if e.Op == "" {
		return "shim failure: " + e.Reason
	}
	return "shim failure in " + e.Op + ": " + e.Reason
}

// ErrAborted is returned by adapters that gave up: the shim failed to start
// three times in a row (spec/shim.md section 2.4).
var ErrAborted = errors.New("iut: shim failed to start three times in a row; run aborted")
