// Package quicchan opens secure channels over QUIC (github.com/quic-go/quic-go)
// keyed by an M-Pin login: after a successful M-Pin Full login both ends hold
// the same channel.Keys (reference/channel), and a channel proves that each
// end holds them, with no certificate authority involved.
//
// The API is the same in both modes:
//
//	l, err := quicchan.Listen("127.0.0.1:0", quicchan.ServerConfig{Mode: m, Lookup: table})
//	c, err := l.Accept(ctx)                     // server
//	c, err := quicchan.Dial(ctx, addr, quicchan.ClientConfig{Mode: m, Keys: keys}) // client
//
// A *Conn is an io.ReadWriteCloser over one bidirectional QUIC stream, ready
// for application data (the interop echo/transcript protocol) when Dial or
// Accept returns it. Dial and the server's per-connection set-up are bounded
// by HandshakeTimeout (and Dial by its context), Accept by its context,
// Conn.Close by Linger; Listener.Close closes every connection and waits for
// every goroutine it started.
//
// # ModePSK: the Go-to-Go PSK profile
//
// The TLS 1.3 handshake itself is keyed by channel.Keys.PSK, in psk_dhe_ke
// mode (so every channel has a fresh key exchange), and no certificate is
// sent or checked. crypto/tls has no API for external PSKs, so the profile
// carries the PSK through its session-resumption hooks: both ends build a
// synthetic TLS 1.3 session whose resumption secret is the PSK, and the
// client "resumes" it.
//
//   - Client: a SessionState is encoded by hand in the layout of
//     SessionState.Bytes (crypto/tls ticket.go; version 0x0304, client type,
//     TLS_AES_128_GCM_SHA256 — only its hash, SHA-256, matters — created now,
//     secret = PSK, no extras, use_by an hour ahead, age_add 0), parsed with
//     tls.ParseSessionState and wrapped with tls.NewResumptionState with the
//     PSK identity as the ticket; a ClientSessionCache returns it. The ticket
//     is sent as the pre_shared_key identity (handshake_client.go
//     loadSession), with psk_key_exchange_modes = psk_dhe_ke only.
//   - Server: Config.UnwrapSession looks the identity up (ServerConfig.Lookup)
//     and returns a hand-built server SessionState holding the PSK;
//     checkForResumption (handshake_server_tls13.go) then checks the binder.
//     An unknown identity makes UnwrapSession return an error, which aborts
//     the handshake. WrapSession hands out random bytes, since quic-go asks
//     for a ticket after every handshake and they must never resume anything.
//
// What crypto/tls (Go 1.26) requires, and what the code does about it:
//
//   - ParseSessionState rejects a client session without a server
//     certificate, and loadSession re-verifies the remembered chain against
//     RootCAs and ServerName unless InsecureSkipVerify is set. The client
//     therefore puts in a placeholder: a self-signed Ed25519 certificate for
//     "mpinkit-psk.invalid", made per Dial with a key that is dropped at once,
//     stored as both the peer certificate and a one-element verified chain,
//     and made the only root in RootCAs. InsecureSkipVerify stays off.
//   - On resumption the client reads no Certificate message
//     (readServerCertificate returns early when usingPSK and only calls
//     VerifyConnection) and the server picks none (pickCertificate returns
//     early). So the server needs no certificate at all: its GetCertificate
//     refuses, which makes any non-PSK handshake fail. No ephemeral server
//     certificate is needed, contrary to what one might expect from
//     tls.Listen (which alone insists on one).
//   - The client refuses certificate authentication three ways: the only
//     trusted root is the placeholder nobody can sign with,
//     VerifyPeerCertificate refuses every certificate, and VerifyConnection
//     (called on resumption too) refuses a connection with DidResume false.
//     Dial checks DidResume once more; the server checks it too.
//   - The server ignores sessions created more than seven days ago, so the
//     server's synthetic session is stamped with the time of the handshake.
//
// Why Go-to-Go only: the binder is computed with the resumption label
// ("res binder"), not the external one ("ext binder", RFC 8446 section
// 7.1), and the PSK is offered as a ticket (with an obfuscated age). Both
// ends must be crypto/tls. For other stacks use ModeBinding over QUIC, or
// the RFC 8446 external-PSK stack over TCP in interop/tlspsk.
//
// SelfTest runs, in memory, the handshakes the profile relies on (hand-made
// session resumed on both sides, no server certificate, equal exporters, a
// wrong PSK refused). Listen and Dial in ModePSK run it once per process and
// fail with ErrSelfTest if a Go release changed the behaviour. The tests in
// pin_test.go pin each fact above separately.
//
// The PSK opening message is one byte: the client opens the first
// bidirectional stream and sends 0x01 (the version), so the server learns
// of the stream; application data follows on it.
//
// # ModeBinding: channel binding for any TLS 1.3 / QUIC stack
//
// An ordinary TLS 1.3 handshake: the server presents an ephemeral
// self-signed Ed25519 certificate made at Listen, which the client does not
// verify (InsecureSkipVerify: it authenticates nothing); session tickets
// are off. Then, before any application data, each end proves it holds
// channel.Keys.Binding for this very TLS connection. On the first
// client-initiated bidirectional stream (stream 0):
//
//	client -> server   49 bytes: 0x01 || identity (16) || client MAC (32)
//	server -> client   32 bytes: server MAC
//
// where, with E the TLS exporter value
//
//	E = TLS-Exporter("EXPORTER-mpinkit channel v1 binding", empty context, 32)
//	client MAC = HMAC-SHA256(Binding, "mpinkit channel v1 binding mac" || 0x01 || E)
//	server MAC = HMAC-SHA256(Binding, "mpinkit channel v1 binding mac" || 0x02 || E)
//
// (channel.BindingMAC). The server looks the identity up, checks the client
// MAC with hmac.Equal and only then sends its own; the client checks it
// before Dial returns. Application data follows on the same stream. A MITM
// that terminates TLS sees a different E on each side and cannot make
// either MAC without the binding key.
//
// # Wire constants and error codes
//
// ALPN "mpinkit-psk-1" (ModePSK) and "mpinkit-bind-1" (ModeBinding); a
// client of the other mode fails the handshake. SNI "mpinkit-psk.invalid"
// and "mpinkit-bind.invalid", the same for every user. Failures close the
// QUIC connection with an application error code:
//
//	0x4d01 CodeUnknownIdentity  identity not known (ModeBinding)
//	0x4d02 CodeBindingFailed    a binding MAC did not verify (either side)
//	0x4d03 CodeProtocol         bad version byte, short or late opening message
//	0x4d04 CodeShutdown         the listener is closing
//
// In ModePSK a wrong PSK or unknown identity fails inside the TLS handshake
// (a QUIC CRYPTO_ERROR). More than MaxPending connections in handshake or
// waiting for Accept are refused with QUIC's CONNECTION_REFUSED; once half of
// MaxPending are taken, new clients are sent a Retry first and get a slot
// only when they come back with its token from the address they claimed.
//
// # Closing
//
// Conn.Close delivers everything written before it: the client sends FIN,
// reads until the server's FIN, then closes the connection; the server reads
// until the client's FIN, sends FIN, then waits for the client to close. Each
// wait is bounded by Linger. CloseWrite sends FIN alone.
//
// # Security notes
//
// Secrets are never logged; identities (pseudorandom, public on the wire in
// ModePSK) are logged in hex when a connection is refused. MAC comparison is
// constant-time (hmac.Equal); the rest is crypto/tls and quic-go.
package quicchan
