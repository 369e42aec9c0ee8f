// Package tlspsk is a narrowly scoped TLS 1.3 (RFC 8446) client and server
// authenticated only by an external pre-shared key, in psk_dhe_ke mode, so
// every session also runs an X25519 exchange and has forward secrecy. It
// exists because crypto/tls cannot use external PSKs; the mpinkit secure
// channel keys it with the PSK derived from an M-Pin login.
//
// # Scope
//
// Implemented, with the RFC 8446 sections followed:
//
//   - Handshake (§2, §4.1–§4.4): ClientHello with supported_versions (TLS 1.3
//     only), supported_groups and key_share (X25519 only),
//     psk_key_exchange_modes (psk_dhe_ke only) and pre_shared_key as the last
//     extension with one identity (obfuscated_ticket_age 0) and a binder
//     made with the "ext binder" label over the partial ClientHello
//     (§4.2.11, §4.2.11.2); ServerHello with supported_versions, key_share
//     and pre_shared_key; an empty EncryptedExtensions; Finished both ways.
//     No Certificate, CertificateRequest or CertificateVerify.
//   - HelloRetryRequest (§4.1.4): the server asks for X25519 when the client
//     sent no X25519 share; the client answers once, echoing any cookie,
//     with the transcript rewritten as message_hash (§4.4.1).
//   - Middlebox compatibility mode (§D.4): the client sends a 32-byte
//     legacy_session_id and one dummy change_cipher_spec record; the server
//     echoes the ID and sends its own dummy record; both drop the peer's
//     dummy records during the handshake (§5).
//   - Key schedule (§7.1–§7.3) with HKDF-SHA256 from crypto/hkdf, the
//     exporter (§7.5) and KeyUpdate (§4.6.3, §7.2) in both directions.
//   - Record layer (§5): AES-128-GCM (crypto/cipher) and ChaCha20-Poly1305
//     (golang.org/x/crypto/chacha20poly1305) per §5.2–§5.3, padding of any
//     length tolerated on receipt (§5.4), handshake messages fragmented over
//     and coalesced within records, no interleaving and no key change inside
//     a record (§5.1), size limits (§5.1, §5.2) enforced with
//     record_overflow, at most 2^14 bytes sent per record and fewer on
//     request (Config.MaxRecordSize).
//   - Alerts (§6): every failure sends the matching alert (decrypt_error for
//     a bad binder or Finished, unknown_psk_identity, handshake_failure,
//     illegal_parameter, decode_error, protocol_version, record_overflow,
//     bad_record_mac, unexpected_message, missing_extension,
//     unsupported_extension) and returns an *AlertError wrapping a sentinel
//     error of this package; close_notify on Close.
//   - NewSessionTicket from a server is checked for framing and ignored.
//   - A server that is sent 0-RTT data skips it (§4.2.10) and completes a
//     1-RTT handshake.
//
// Not implemented: certificates and signatures (a ClientHello without
// pre_shared_key is refused with handshake_failure), the psk_ke mode,
// resumption PSKs and session tickets (none are issued, received ones are
// dropped), 0-RTT early data, groups other than X25519, SHA-384 suites
// (TLS_AES_256_GCM_SHA384), record_size_limit, ALPN and SNI, post-handshake
// client authentication, and TLS 1.2 or older.
//
// # Security notes
//
// The binder and Finished values are compared with crypto/hmac.Equal. The
// PSK identity lookup without Config.Lookup uses crypto/subtle. AEAD and
// X25519 come from the standard library and x/crypto and are constant time;
// the record and message parsers are not secret-dependent. Every length
// field is bounded (handshake messages 64 KiB, records per §5, at most 64
// extensions, 16 key shares, 64 offered PSKs of which 16 are looked up),
// the handshake has a deadline (Config.HandshakeTimeout), and no input makes
// the code panic (fuzz targets cover the ClientHello and ServerHello
// parsers, the record layer and both handshake state machines). A client with a wrong PSK is
// indistinguishable from a forged binder: both fail with decrypt_error.
//
// Config.Faults makes an endpoint misbehave on purpose (wrong binder, psk_ke
// without key share, bad Finished, unknown identity, deferred key share) so
// a harness can check that a peer rejects it.
package tlspsk
