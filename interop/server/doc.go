// Package server is the M-Pin interop server: the service outside
// implementers point their M-Pin stacks at. Over HTTP with JSON bodies it
// offers registration with N distributed trust authorities (package dta,
// in-process or external, reached by URL), two-pass login (pass 1 returns
// a challenge, pass 2 the verdict), one-pass login, and M-Pin Full key
// agreement. After a Full login both ends derive channel keys
// (reference/channel) from the session key and the login transcript, and
// the client may open a channel to one of three listeners: TLS 1.3 with
// an external PSK over TCP (interop/tlspsk), QUIC with the Go-to-Go PSK
// profile and QUIC with channel binding (interop/quicchan). Inside every
// channel a small echo protocol proves that both ends hold the same keys
// on this very connection. spec/interop.md is the wire specification,
// precise enough to write another implementation; the M-Pin values and
// error names are those of spec/mpin.md.
//
// # Registration without custody
//
// The server never holds a client secret, a token or a permit
// (REQ-MPIN-3.1): for registration it signs one request per authority
// (dta.SignedRequest, HMAC-authenticated, short-lived) and hands them to
// the client, which fetches its shares from the authorities itself and
// adds them up. At start-up the server fetches its own server-secret
// shares and keeps only their sum sQ.
//
// # State
//
// The server is stateless but for three small stores, each behind an
// interface so that replicas can share them: ChallengeStore (open
// two-pass sessions, each taken once, expiring after SessionTTL;
// REQ-MPIN-7.6), ReplayStore (accepted one-pass messages; REQ-MPIN-8.5)
// and LockoutStore (consecutive wrong PINs; REQ-MPIN-10.5). The defaults
// are in memory and bounded. Channel keys live in an in-memory table for
// ChannelTTL, indexed by their pseudorandom PSK identity.
//
// Pass 1 answers with an mpin.ServerSession (Begin, or BeginFull for
// M-Pin Full), which keeps the first pass decoded and validated, H*, y and
// for Full w and W; the in-memory ChallengeStore keeps it with the
// session, so pass 2 only decodes V, checks and derives the key. A
// ChallengeStore that serialises Challenges keeps their exported fields,
// and pass 2 rebuilds the session from them with every check
// (mpin.Server.ResumeSession; see Challenge). Every way out of pass 2, and
// the expiry of a session in the memory store, erases w.
//
// # Failures
//
// Every refusal is a JSON error body with one canonical name (spec/mpin.md
// section 13, or MALFORMED, TOO_LARGE, ... for transport-level faults),
// an HTTP status, and one log line. A wrong PIN and a client that is not
// one get the same answer (BAD_PIN) unless RevealNotAClient is set; the
// PIN error delta found by wrong-PIN detection goes to Config.OnOutcome
// only, never to the client or the log (REQ-MPIN-9.5, 15.2). Every
// request is bounded in size and time, curve arithmetic runs in at most
// MaxConcurrent requests at once, channel handshakes and echo frames are
// bounded in time, and no input panics (fuzz targets cover every handler
// and the echo parser).
//
// # Lifecycle
//
//	s, err := server.New(ctx, cfg)         // checks cfg, fetches sQ
//	err = s.Listen(server.LoopbackAddrs)   // binds HTTP, TCP and UDP
//	err = s.Serve(ctx)                     // until ctx ends, then graceful shutdown
//
// StartLocalAuthorities starts N authorities in this process on loopback,
// the embedded set-up of `mpin interop serve` and of the demo.
//
// # Constant time and secrets
//
// Curve arithmetic on secrets is the reference's (constant time where it
// says so); MACs are compared with hmac.Equal. Secrets (sQ, w, session and
// channel keys) are never logged; identities appear in logs only as a
// short hash. Go gives no guarantee of erasure; the code clears what it
// can.
package server
