package server

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/mpinkit/mpinkit/reference/mpin"
)

// Error names of the M-Pin server beyond the canonical names of
// spec/mpin.md section 13 (which it uses for every M-Pin outcome).
// spec/interop.md section 3.8 lists them all with their HTTP statuses.
const (
	NameMalformed        = "MALFORMED"
	NameTooLarge         = "TOO_LARGE"
	NameNotFound         = "NOT_FOUND"
	NameMethodNotAllowed = "METHOD_NOT_ALLOWED"
	NameUnavailable      = "UNAVAILABLE"
	NameTimeout          = "TIMEOUT"
	NameInternal         = "INTERNAL"
	NameForbidden        = "FORBIDDEN"
)

// Error is a refusal of the M-Pin server: HTTP status, error name and a
// message for people. The client package returns it for every error body;
// errors.Is matches two Errors with the same name.
type Error struct {
	// Status is the HTTP status code.
	Status int
	// Name is a canonical name of spec/mpin.md or one of the Name
	// constants.
	Name string
	// Message says what went wrong; it never carries a secret or the PIN
	// error.
	Message string
}

// Error returns "server: NAME: message".
func (e *Error) Error() string {
	if e.Message == "" {
		return "server: " + e.Name
	}
	return "server: " + e.Name + ": " + e.Message
}

// Is reports whether target is an *Error with the same name.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Name == e.Name
}

// Sentinels for errors.Is, one per name a client may see.
var (
	ErrMalformed      = &Error{Status: http.StatusBadRequest, Name: NameMalformed}
	ErrTooLarge       = &Error{Status: http.StatusRequestEntityTooLarge, Name: NameTooLarge}
	ErrUnsupported    = &Error{Status: http.StatusBadRequest, Name: "UNSUPPORTED"}
	ErrInvalidArg     = &Error{Status: http.StatusBadRequest, Name: "INVALID_ARGUMENT"}
	ErrNonCanonical   = &Error{Status: http.StatusBadRequest, Name: "NON_CANONICAL"}
	ErrIdentityPoint  = &Error{Status: http.StatusBadRequest, Name: "IDENTITY_POINT"}
	ErrInvalidPoint   = &Error{Status: http.StatusBadRequest, Name: "INVALID_POINT"}
	ErrInvalidScalar  = &Error{Status: http.StatusBadRequest, Name: "INVALID_SCALAR"}
	ErrStaleTimeValue = &Error{Status: http.StatusBadRequest, Name: "STALE_TIMEVALUE"}
	ErrWrongDay       = &Error{Status: http.StatusBadRequest, Name: "WRONG_DAY"}
	ErrExpiredPermit  = &Error{Status: http.StatusBadRequest, Name: "EXPIRED_PERMIT"}
	ErrReplay         = &Error{Status: http.StatusConflict, Name: "REPLAY"}
	ErrLocked         = &Error{Status: http.StatusForbidden, Name: "LOCKED"}
	ErrBadPIN         = &Error{Status: http.StatusUnauthorized, Name: "BAD_PIN"}
	ErrNotAClient     = &Error{Status: http.StatusUnauthorized, Name: "NOT_A_CLIENT"}
	ErrUnavailable    = &Error{Status: http.StatusServiceUnavailable, Name: NameUnavailable}
)

// ErrConfig reports an unusable Config.
var ErrConfig = errors.New("server: invalid configuration")

// statusOf gives the HTTP status of a canonical M-Pin error name.
func statusOf(name string) int {
	switch name {
	case "REPLAY":
		return http.StatusConflict
	case "LOCKED":
		return http.StatusForbidden
	case "BAD_PIN", "NOT_A_CLIENT":
		return http.StatusUnauthorized
	}
	return http.StatusBadRequest
}

func apiError(status int, name, format string, args ...any) *Error {
	return &Error{Status: status, Name: name, Message: fmt.Sprintf(format, args...)}
}

// named builds an *Error with a canonical name and its status.
func named(name, format string, args ...any) *Error {
	return apiError(statusOf(name), name, format, args...)
}

// fromMPIN turns an error of the reference into an *Error with its
// canonical name; what prefixes the message. An error without a name is
// internal.
func fromMPIN(err error, what string) *Error {
	name := mpin.ErrorName(err)
	if name == "" || name == "OK" {
		return apiError(http.StatusInternalServerError, NameInternal, "%s failed", what)
	}
	return named(name, "%s: %v", what, err)
}
