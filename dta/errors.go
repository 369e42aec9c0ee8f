package dta

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/mpinkit/mpinkit/reference/mpin"
)

// Error names that an authority puts in error bodies besides the canonical
// M-Pin names of spec/mpin.md section 13 (NON_CANONICAL, INVALID_POINT,
// WRONG_DAY, UNSUPPORTED, ...). spec/interop.md lists them with their HTTP
// statuses.
const (
	NameMalformed        = "MALFORMED"          // body is not the JSON the endpoint takes
	NameTooLarge         = "TOO_LARGE"          // body over the size limit
	NameNotFound         = "NOT_FOUND"          // no such endpoint
	NameMethodNotAllowed = "METHOD_NOT_ALLOWED" // wrong HTTP method
	NameUnauthorized     = "UNAUTHORIZED"       // missing, malformed or forged Authorization
	NameAuthExpired      = "AUTH_EXPIRED"       // Authorization past its expiry
	NameRevoked          = "REVOKED"            // permits asked for a revoked identity
	NameInternal         = "INTERNAL"           // the authority failed (store, randomness)
	NameUnavailable      = "UNAVAILABLE"        // shutting down or overloaded
	NameTimeout          = "TIMEOUT"            // the request took longer than allowed
)

// Error is a refusal from an authority: the HTTP status, one error name
// and a human-readable message. The client returns it for every error
// body it receives; the handlers build one for every refusal. Errors
// compare equal under errors.Is when their names are equal, so
// errors.Is(err, dta.ErrRevoked) works on errors from Client.
type Error struct {
	// Status is the HTTP status code.
	Status int
	// Name is the error name: a canonical name of spec/mpin.md or one of
	// the Name constants of this package.
	Name string
	// Message says what went wrong, for people; it never holds secrets.
	Message string
}

// Error returns "dta: NAME: message".
func (e *Error) Error() string {
	if e.Message == "" {
		return "dta: " + e.Name
	}
	return "dta: " + e.Name + ": " + e.Message
}

// Is reports whether target is an *Error with the same name.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Name == e.Name
}

// Sentinels for errors.Is on the errors Client returns.
var (
	ErrUnauthorized = &Error{Status: http.StatusUnauthorized, Name: NameUnauthorized}
	ErrAuthExpired  = &Error{Status: http.StatusUnauthorized, Name: NameAuthExpired}
	ErrRevoked      = &Error{Status: http.StatusForbidden, Name: NameRevoked}
	ErrMalformed    = &Error{Status: http.StatusBadRequest, Name: NameMalformed}
	ErrTooLarge     = &Error{Status: http.StatusRequestEntityTooLarge, Name: NameTooLarge}
	ErrWrongDay     = &Error{Status: http.StatusBadRequest, Name: "WRONG_DAY"}
	ErrUnsupported  = &Error{Status: http.StatusBadRequest, Name: "UNSUPPORTED"}
)

// Local errors of the package (configuration and files).
var (
	// ErrConfig reports an unusable Config.
	ErrConfig = errors.New("dta: invalid configuration")
	// ErrShareFile reports a master-share file that is not in the format
	// of this package (or of a version it does not read).
	ErrShareFile = errors.New("dta: malformed master-share file")
	// ErrPassphrase reports a passphrase that does not open a master-share
	// file, or a file whose contents were altered: AES-GCM cannot tell the
	// two apart.
	ErrPassphrase = errors.New("dta: wrong passphrase or damaged master-share file")
	// ErrExists reports that InitShareFile found a file already there.
	ErrExists = errors.New("dta: file already exists")
	// ErrStoreClosed reports use of a closed Store.
	ErrStoreClosed = errors.New("dta: store closed")
)

// apiError builds an *Error.
func apiError(status int, name, format string, args ...any) *Error {
	return &Error{Status: status, Name: name, Message: fmt.Sprintf(format, args...)}
}

// mpinError turns an error of the reference into an *Error with its
// canonical name. Every such error is about the request's values, so the
// status is 400; an error the reference does not name is internal.
func mpinError(err error, what string) *Error {
	name := mpin.ErrorName(err)
	if name == "" || name == "OK" {
		return apiError(http.StatusInternalServerError, NameInternal, "%s failed", what)
	}
	return apiError(http.StatusBadRequest, name, "%s: %v", what, err)
}
