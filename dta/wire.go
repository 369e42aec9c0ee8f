package dta

import "time"

// The JSON bodies of the authority's API (spec/interop.md section 2).
// Binary values are hex strings: lower case on output, either case on
// input.

// Endpoint paths.
const (
	PathServerSecret = "/v1/server-secret"
	PathClientSecret = "/v1/client-secret"
	PathTimePermits  = "/v1/time-permits"
	PathRevoke       = "/v1/revoke"
	PathStatus       = "/v1/status"
	PathHealth       = "/healthz"
)

// ServerSecretRequest asks for the authority's server-secret share s_i Q.
type ServerSecretRequest struct {
	Suite string `json:"suite"` // suite string (REQ-MPIN-2.1)
}

// ServerSecretResponse carries a server-secret share (G2, hex).
type ServerSecretResponse struct {
	Suite     string `json:"suite"`               // suite string (REQ-MPIN-2.1)
	Authority string `json:"authority"`           // the answering authority's name
	Share     string `json:"server_secret_share"` // s_i Q, G2 hex
}

// ClientSecretRequest asks for the client-secret share s_i A of a hashed
// identity (hex, REQ-MPIN-12.5).
type ClientSecretRequest struct {
	Suite    string `json:"suite"`     // suite string (REQ-MPIN-2.1)
	HashedID string `json:"hashed_id"` // hashed identity HID, hex (REQ-MPIN-12.5)
}

// ClientSecretResponse carries a client-secret share (G1, hex).
type ClientSecretResponse struct {
	Suite     string `json:"suite"`               // suite string (REQ-MPIN-2.1)
	Authority string `json:"authority"`           // the answering authority's name
	Share     string `json:"client_secret_share"` // s_i A, G1 hex
}

// TimePermitsRequest asks for the time-permit shares of a hashed identity
// for every day from FirstDay to LastDay inclusive.
type TimePermitsRequest struct {
	Suite    string `json:"suite"`     // suite string (REQ-MPIN-2.1)
	HashedID string `json:"hashed_id"` // hashed identity HID, hex (REQ-MPIN-12.5)
	FirstDay int    `json:"first_day"` // first permit day (days since 1970-01-01)
	LastDay  int    `json:"last_day"`  // last permit day, inclusive
}

// PermitShare is one day's time-permit share (G1, hex).
type PermitShare struct {
	Day   int    `json:"day"`   // the permit day
	Share string `json:"share"` // s_i AT for the day, G1 hex
}

// TimePermitsResponse carries the permit shares, one per day, in day
// order.
type TimePermitsResponse struct {
	Suite     string        `json:"suite"`              // suite string (REQ-MPIN-2.1)
	Authority string        `json:"authority"`          // the answering authority's name
	Shares    []PermitShare `json:"time_permit_shares"` // one share per day, in day order
}

// RevokeRequest revokes a hashed identity: no more permits for it.
type RevokeRequest struct {
	Suite    string `json:"suite"`     // suite string (REQ-MPIN-2.1)
	HashedID string `json:"hashed_id"` // hashed identity HID, hex (REQ-MPIN-12.5)
}

// RevokeResponse confirms a revocation.
type RevokeResponse struct {
	Suite     string `json:"suite"`     // suite string (REQ-MPIN-2.1)
	Authority string `json:"authority"` // the answering authority's name
	Revoked   bool   `json:"revoked"`   // always true
}

// StatusResponse describes a running authority.
type StatusResponse struct {
	Authority string    `json:"authority"` // the answering authority's name
	Suite     string    `json:"suite"`     // suite string (REQ-MPIN-2.1)
	Started   time.Time `json:"started"`   // when the authority started
	Now       time.Time `json:"now"`       // the authority's clock
	Day       int64     `json:"day"`       // the authority's day number
	Log       Stats     `json:"log"`       // issuance-log counts
}

// ErrorBody is the body of every error response.
type ErrorBody struct {
	Error   string `json:"error"`   // the error name
	Message string `json:"message"` // what went wrong, for people
}
