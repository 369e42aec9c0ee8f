// Package channel is the key schedule of the secure channel that follows an
// M-Pin Full login: from the session key both ends agreed on and the hash of
// the login transcript it derives the keys of a TLS 1.3 (or QUIC) channel
// that needs no certificate.
//
// It is pure: no network, disk, clock or randomness. The derivation is
// deterministic, which is what lets the server find a session by the
// identity the client sends (see "Why the identity is derived" below).
//
// # Where it comes from
//
// The M-Pin draft (draft-scott-mpin, "M-Pin Full") ends with a key agreed
// between client and server (16 bytes, an AES-128 key, in the draft-era KDF)
// and says it may key a secure channel; it does not say how. The labels and
// layout below are ours (mpinkit), versioned "v1". Channels use them as:
//
//   - TLS 1.3 external PSK (RFC 8446, psk_dhe_ke only): Keys.PSK with
//     Keys.Identity as the PskIdentity.identity, hash SHA-256.
//   - channel-binding mode: any TLS 1.3 connection, then each end sends
//     BindingMAC under Keys.Binding over a TLS exporter value.
//
// # The schedule, exactly
//
// Inputs: K, the M-Pin session key (at least 16 bytes); T, the login
// transcript hash (16 to 255 bytes); S, the suite or profile name as ASCII
// bytes (1 to 255 bytes, for example "MPIN-BN254CX-SHA256-MILAGRO"). HKDF is
// RFC 5869 with SHA-256; || is concatenation; u8(n) is one byte holding n.
//
//	PRK      = HKDF-Extract(salt = "mpinkit channel v1 extract", IKM = K)
//	info(L)  = u8(len L) || L || u8(len S) || S || u8(len T) || T
//	PSK      = HKDF-Expand(PRK, info("mpinkit channel v1 psk"),      32)
//	Identity = HKDF-Expand(PRK, info("mpinkit channel v1 identity"), 16)
//	Binding  = HKDF-Expand(PRK, info("mpinkit channel v1 binding"),  32)
//
// All strings are ASCII without a terminator. The transcript and the suite
// name are both length-prefixed, so no two distinct (S, T) pairs give the
// same info string; every output has its own label, so knowing one (the
// identity is public) tells nothing about the others.
//
// The channel-binding MAC (see BindingMAC) is
//
//	E   = TLS-Exporter("EXPORTER-mpinkit channel v1 binding", context = empty, 32)
//	MAC = HMAC-SHA256(Binding, "mpinkit channel v1 binding mac" || role || E)
//
// with role the single byte 0x01 for the client's MAC and 0x02 for the
// server's. E is the RFC 8446 section 7.5 exporter (RFC 5705 interface) of
// the TLS connection being bound; a QUIC connection uses the exporter of its
// TLS handshake (RFC 9001 section 5).
//
// # Why the identity is derived
//
// The PSK identity could be drawn at random by one end and sent to the
// other, or derived by both. We derive it:
//
//   - Both ends compute it from what they already share, so no message has
//     to carry it from the login to the channel, and the server can file
//     Keys under Keys.Identity the moment the login completes and look it
//     up when the ClientHello arrives.
//   - It is the output of a keyed pseudorandom function (HKDF under the
//     session key, with its own label), so it looks random and reveals
//     nothing about the user's identity or the PSK to an observer, even if
//     the transcript contains the identity; a fresh login (fresh nonces in
//     the transcript, a fresh key) gives an unrelated identity, so sessions
//     cannot be linked by it.
//   - It makes the whole schedule deterministic, so it has known-answer
//     vectors that another implementation can check.
//
// The cost is that the identity is tied to one login: a client that wants
// two channels from one login reuses it, which is fine for a server that
// keeps the entry for the session's lifetime (the PSK handshake is
// psk_dhe_ke, so the two channels still get independent traffic keys).
// At 16 bytes two live sessions collide with negligible probability.
//
// # Constant time
//
// Derive and BindingMAC are HMAC-SHA256 over the secret inputs and are
// constant-time in their values; lengths are treated as public.
// VerifyBindingMAC compares with hmac.Equal. Keys formats itself with the
// secrets redacted.
package channel
