package server

import "github.com/mpinkit/mpinkit/dta"

// The JSON bodies of the M-Pin server's API (spec/interop.md section 3).
// Binary values are hex strings (lower case on output, either case on
// input); day numbers and times are JSON integers. Optional fields are
// omitted or empty when absent.

// Endpoint paths.
const (
	PathInfo        = "/v1/info"
	PathRegister    = "/v1/register"
	PathTimePermits = "/v1/time-permits"
	PathPass1       = "/v1/pass1"
	PathPass2       = "/v1/pass2"
	PathOnePass     = "/v1/one-pass"
	PathHealth      = "/healthz"
)

// Features lists what the server offers (REQ-MPIN-2.6).
type Features struct {
	TwoPass           bool `json:"two_pass"`            // two-pass login (always)
	OnePass           bool `json:"one_pass"`            // one-pass login
	Full              bool `json:"full"`                // M-Pin Full key agreement
	TimePermits       bool `json:"time_permits"`        // permits required
	WrongPINDetection bool `json:"wrong_pin_detection"` // the server diagnoses wrong PINs (it never tells the client the PIN error)
}

// Channels gives the addresses ("host:port") of the channel listeners; an
// empty string means that kind of channel is not offered.
type Channels struct {
	TLSPSK      string `json:"tls_psk"`      // TLS 1.3 external PSK over TCP
	QUICPSK     string `json:"quic_psk"`     // QUIC, Go-to-Go PSK profile (UDP)
	QUICBinding string `json:"quic_binding"` // QUIC with channel binding (UDP)
}

// InfoResponse describes the server (GET /v1/info).
type InfoResponse struct {
	Suite         string   `json:"suite"`           // suite string (REQ-MPIN-2.1)
	Features      Features `json:"features"`        // what the server offers
	Authorities   int      `json:"authorities"`     // number of authorities N
	Channels      Channels `json:"channels"`        // channel listeners
	SessionTTL    int64    `json:"session_ttl"`     // seconds a challenge stays answerable
	OnePassWindow int64    `json:"one_pass_window"` // one-pass freshness window W, seconds
	Time          int64    `json:"time"`            // the server's clock, Unix seconds
}

// RegisterRequest registers an identity (hex octets, REQ-MPIN-4.1).
type RegisterRequest struct {
	Suite string `json:"suite"` // suite string (REQ-MPIN-2.1)
	ID    string `json:"id"`    // identity octets, hex (REQ-MPIN-4.1)
}

// RegisterResponse hands the client one signed client-secret request per
// authority; the client sends each unchanged and adds up the shares.
type RegisterResponse struct {
	Suite                string              `json:"suite"`                  // suite string (REQ-MPIN-2.1)
	ID                   string              `json:"id"`                     // the identity, as sent
	HashedID             string              `json:"hashed_id"`              // hashed identity HID, hex (REQ-MPIN-12.5)
	TimePermits          bool                `json:"time_permits"`           // the server requires permits
	ClientSecretRequests []dta.SignedRequest `json:"client_secret_requests"` // one per authority, in authority order
}

// TimePermitsRequest asks for signed permit requests for days FirstDay
// to LastDay.
type TimePermitsRequest struct {
	Suite    string `json:"suite"`     // suite string (REQ-MPIN-2.1)
	ID       string `json:"id"`        // identity octets, hex (REQ-MPIN-4.1)
	FirstDay int    `json:"first_day"` // first permit day (days since 1970-01-01)
	LastDay  int    `json:"last_day"`  // last permit day, inclusive
}

// TimePermitsResponse hands the client one signed permit request per
// authority.
type TimePermitsResponse struct {
	Suite              string              `json:"suite"`                // suite string (REQ-MPIN-2.1)
	ID                 string              `json:"id"`                   // the identity, as sent
	TimePermitRequests []dta.SignedRequest `json:"time_permit_requests"` // one per authority, in authority order
}

// Pass1Request is the client's first pass (REQ-MPIN-7.1); KeyShare is R
// and makes the run M-Pin Full (REQ-MPIN-11.2).
type Pass1Request struct {
	Suite    string `json:"suite"`               // suite string (REQ-MPIN-2.1)
	ID       string `json:"id"`                  // identity octets, hex (REQ-MPIN-4.1)
	U        string `json:"u"`                   // U = x A, G1 hex
	UT       string `json:"ut,omitempty"`        // UT = x (A + AT), G1 hex; only with a time permit
	Day      int    `json:"day,omitempty"`       // permit day of UT; 0 or absent without a permit
	KeyShare string `json:"key_share,omitempty"` // M-Pin Full: R = z A, G1 hex; absent for plain two-pass
}

// Pass1Response carries the challenge y, the session to answer it in, and
// for M-Pin Full the server's key share W.
type Pass1Response struct {
	Suite    string `json:"suite"`               // suite string (REQ-MPIN-2.1)
	Session  string `json:"session"`             // session ID, 16 octets hex
	Y        string `json:"y"`                   // challenge y, scalar hex
	KeyShare string `json:"key_share,omitempty"` // M-Pin Full: W = w H*, G1 hex
	Expires  int64  `json:"expires"`             // Unix time after which pass 2 is refused
}

// Pass2Request is the client's second pass: V for a session.
type Pass2Request struct {
	Suite   string `json:"suite"`   // suite string (REQ-MPIN-2.1)
	Session string `json:"session"` // the session ID of pass 1
	V       string `json:"v"`       // V = -(x + y) SEC, G1 hex
}

// LoginResponse is the answer to a successful pass 2 or one-pass login.
// For M-Pin Full it lists the channels the client may open with the
// derived keys, until ChannelExpires (Unix seconds).
type LoginResponse struct {
	Suite          string    `json:"suite"`                     // suite string (REQ-MPIN-2.1)
	Result         string    `json:"result"`                    // "OK"
	Full           bool      `json:"full"`                      // the run was M-Pin Full
	Channels       *Channels `json:"channels,omitempty"`        // M-Pin Full only
	ChannelExpires int64     `json:"channel_expires,omitempty"` // M-Pin Full only: Unix time the server forgets the channel keys
}

// OnePassRequest is a one-pass login (REQ-MPIN-8.1).
type OnePassRequest struct {
	Suite     string `json:"suite"`             // suite string (REQ-MPIN-2.1)
	ID        string `json:"id"`                // identity octets, hex (REQ-MPIN-4.1)
	U         string `json:"u"`                 // U = x A, G1 hex
	UT        string `json:"ut,omitempty"`      // UT = x (A + AT), G1 hex; only with a time permit
	Day       int    `json:"day,omitempty"`     // permit day of UT; 0 or absent without a permit
	V         string `json:"v"`                 // V = -(x + y) SEC, G1 hex
	TimeValue int64  `json:"time_value"`        // TV, Unix seconds
	Message   string `json:"message,omitempty"` // optional message M bound into y, hex
}

// ErrorBody is the body of every error response.
type ErrorBody struct {
	Error   string `json:"error"`   // the error name
	Message string `json:"message"` // what went wrong, for people
}
