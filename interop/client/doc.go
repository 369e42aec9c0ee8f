// Package client is the client of the M-Pin interop server (package
// server; spec/interop.md): it registers an identity with the server's
// authorities (fetching the client-secret shares from each authority
// directly and extracting the PIN), keeps the resulting Credential, logs in
// with two-pass, one-pass or M-Pin Full, and after a Full login opens
// TLS-PSK or QUIC channels keyed by the login and runs the echo protocol
// through them. RunDemo runs the whole flow in one process and prints it.
//
// The M-Pin computations are the reference's (reference/mpin); the client
// holds the token, never the PIN, and erases the session secrets it can.
// Refusals from the server are *server.Error values and from the
// authorities *dta.Error values, matched with errors.Is against their
// sentinels (server.ErrBadPIN, server.ErrLocked, ...).
package client
