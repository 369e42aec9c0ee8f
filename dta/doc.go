// Package dta is a Distributed Trust Authority (D-TA) service: one process,
// one authority, one master-secret share s_i of one M-Pin suite. It issues
// the authority's shares of M-Pin secrets over an HTTP JSON API, to
// registration servers that authenticate every request:
//
//   - a server-secret share s_i Q (REQ-MPIN-3.4),
//   - a client-secret share s_i A for a hashed identity (REQ-MPIN-3.5, 3.6),
//   - time-permit shares s_i AT for a range of days (REQ-MPIN-6.2, 6.7),
//   - revocation of a hashed identity (no more permits), status and
//     /healthz.
//
// Clients and servers add the shares of N independent authorities
// (mpin.Profile.RecombineG1 and RecombineG2), so no authority alone can
// issue a working secret (REQ-MPIN-3.1, 15.6). The math is the reference's
// (reference/mpin, dta.go); this package adds custody, authentication, the
// log and the network. spec/interop.md section 2 is the API, byte for
// byte.
//
// # Authentication
//
// Each registration server ("application") shares a key with the
// authority and signs each request with HMAC-SHA256 over the method, the
// path, the SHA-256 of the body and an expiry time, sent as
//
//	Authorization: MPIN-HMAC-SHA256 app=<id>,expires=<unix>,mac=<hex>
//
// (auth.go). The authority refuses an unknown app, a MAC that does not
// verify (compared with hmac.Equal), an expiry in the past and one more
// than MaxAuthValidity ahead. A signed request can be handed to a client,
// which sends it unchanged (SignedRequest, Do): that is how a client fetches
// its own shares without the registration server seeing them. Within its
// validity a signed request can be repeated; every issuance is idempotent
// (the same share again) and logged.
//
// # State and durability
//
// The master share lives in a file encrypted with AES-256-GCM under a key
// derived from a passphrase with scrypt (sharefile.go gives the version-1
// format); the file is written once, through a synced temporary file, a
// link and a directory sync, and never rewritten. The issuance log and the
// revocation list live in a bbolt file (BoltStore): every issuance is
// committed, with fsync, before its response is sent, so a crash can lose
// no acknowledged issuance. The log holds no secrets: the shares issued are
// recorded by their SHA-256 fingerprint.
//
// # Limits
//
// Every request is bounded: body size (MaxBodyBytes), time (RequestTimeout,
// and the http.Server's header, read, write and idle timeouts), header
// size, and the number of requests doing work at once (MaxConcurrent).
// Serve shuts down gracefully when its context ends.
//
// # Secrets and logs
//
// The master share, the application keys and the shares issued are never
// logged; MasterShare formats itself with the share redacted. Each request
// gets one log line (method, path, app, status, error name). Share
// arithmetic is the reference's constant-time scalar multiplication; MAC
// comparison is constant time; decoding of public inputs is not.
package dta
