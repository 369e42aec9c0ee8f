// Package mpin is the reference implementation of M-Pin, the zero-knowledge
// two-factor authentication protocol of draft-scott-mpin-00 ("M-PIN:
// Zero-Knowledge two-factor authentication for digital identity", M. Scott
// et al., 2015), written once over pairing.Suite. It is the source of the
// project's test vectors and the implementation the conformance harness
// runs in process. The normative restatement is spec/mpin.md; requirement
// IDs (REQ-MPIN-x.y) below refer to it.
//
// # Profiles
//
// A Profile fixes every byte-level choice and is named by a suite string:
//
//   - MPIN-BN254CX-SHA256-MILAGRO and MPIN-BLS12381-SHA256-MILAGRO follow
//     the draft-era Apache Milagro implementation (mpin.c, pbc_support.c)
//     exactly: Milagro's mhashit, its try-and-increment map to G1, its
//     point encodings (G2 real part first, no prefix). They reproduce the
//     upstream files BN254_CX.json, BLS381.json and MPIN_BN254CX.json
//     value for value (upstream_test.go).
//   - MPIN-BLS12381-SHA256-MODERN and MPIN-BN254CX-SHA256-MODERN follow the
//     M-Pin of MIRACL core: identities mapped with RFC 9380 encode_to_curve
//     (SSWU on BLS12-381, SVDW on BN254CX) under the tag
//     "<curve>G1_XMD:SHA-256_<map>_NU_MPIN", G2 written 0x04 || x || y
//     with the imaginary parts first. Time permits, one-pass and M-Pin
//     Full, which MIRACL core dropped, keep the Milagro formulas; the
//     permit point uses encode_to_curve under its own tag (…_MPIN_PERMIT).
//
// hash.go lists the hashing rules and encoding.go the encodings.
//
// # What the package does
//
//   - Trusted authority for N >= 1 D-TAs (REQ-MPIN-3): master shares
//     (GenerateMasterShare, MasterShareFromSeed), server-secret shares
//     s_i Q, client-secret and time-permit shares s_i H1(ID) and
//     s_i HT(day, ID) computed from the hashed identity, and their
//     recombination (RecombineG1, RecombineG2; Milagro RECOMBINE_G1/G2).
//   - PIN extraction and restoration (ExtractPIN, RestorePIN; PINs reduced
//     mod 10000) and general factors of up to 32 bits (ExtractFactor,
//     RestoreFactor) (REQ-MPIN-5).
//   - Two-pass authentication (Client.Pass1, Server.Challenge,
//     ClientSession.Pass2, Server.Verify; REQ-MPIN-7, 9): the server checks
//     e(V, Q) e(U* + y H*, sQ) = 1 with one two-pairing product.
//   - One-pass authentication (Client.OnePass, Server.VerifyOnePass;
//     REQ-MPIN-8) with a Unix-time TimeValue, an optional message and a
//     freshness window.
//   - Time permits on or off, with the day-boundary grace as an explicit
//     server option (ServerConfig; REQ-MPIN-6).
//   - Wrong-PIN detection (REQ-MPIN-10): on a failed check the server
//     finds the PIN error delta by a complete baby-step giant-step search
//     and returns a *WrongPINError, or ErrNotAClient when no PIN error
//     below 10000 explains the failure.
//   - Server sessions (Server.Begin, Server.BeginFull, ServerSession.Verify,
//     Server.ResumeSession): the same checks and results as Verify and
//     VerifyFull, split at the passes, so that the first pass is decoded,
//     validated and hashed once, when it arrives, and the second pass only
//     decodes V, checks and (M-Pin Full) derives the key.
//   - M-Pin Full authenticated key agreement (REQ-MPIN-11;
//     Client.FullPass1, ClientSession.FullPass2, Server.FullChallenge,
//     Server.VerifyFull, or a session from BeginFull). The GT value is compressed by the trace to Fp4,
//     Tr(g) = 3 (a_0 + a_3 w^3), computed from pairing.GT.Coefficients as
//     3 c[0], 3 c[1], 3 c[8], 3 c[9] mod p; the key is the first 16 bytes
//     of SHA-256 over those four values and the DH point's x and y.
//     Profile.FullClientKey and Profile.FullServerKey run the same key
//     schedule on explicit inputs, for vectors and harnesses.
//
// Beyond Milagro, every received point is checked for canonical encoding,
// the curve equation, subgroup membership and the identity, every scalar
// for range and zero, and challenges with x + y = 0, expired or future
// permits and stale one-pass times are refused, each with a typed error
// (errors.go; ErrorName gives the spec's canonical name). No input panics.
//
// The package never touches the network, the disk or the clock:
// randomness is an io.Reader, days are day numbers and times Unix seconds,
// all passed in. A Server keeps no state between calls: a ServerSession
// holds one run's state for the caller, and the bookkeeping around it (a
// challenge used once, one-pass replay memory, lockouts after wrong PINs)
// belongs to the service above. When the suite implements
// pairing.G2Preparer, a Server prepares Q and sQ once and pairs against
// the prepared points. In the Milagro profiles, when the suite implements
// pairing.LegacySumMapper, H* = H1(ID) + HT(day, ID) is hashed with one
// cofactor clearing for both maps (Profile.HStar computes the same point),
// and H1(ID) alone only when the wrong-PIN diagnosis or M-Pin Full needs
// it.
//
// # Constant time
//
// Operations on secrets use the suite's constant-time primitives: the
// D-TAs' multiplications by master shares, PIN and factor extraction and
// restoration (the suite's short constant-time multiplication by the PIN
// or factor, pairing.SmallScalarMultiplier, else ScalarMult), the client's x U, x UT, pin H1(ID)
// and V = -(x+y) SEC, the server's w H* and w U* in M-Pin Full, the
// client's GT exponentiations (g2^pin and (g1 g2^pin)^(z+h)), the pairings
// with secret inputs, and the Fp4 trace (a constant-time 3c mod p on
// bytes). Not constant time, and applied to public values only: decoding
// and its validity checks, the Milagro try-and-increment map (on the
// public hashed identity), the RFC 9380 encoding of identities and permit
// days (pairing.PublicEncoder, when the suite has it: identities travel in
// the clear), y H* with the public challenge, the
// verification product, and the wrong-PIN search over the public E and F.
// Secrets that pass through math/big: none. Scalars held in sessions are
// zeroed after use as far as the suite's API allows; Go gives no stronger
// guarantee of erasure.
package mpin
