package bn254

import (
	"crypto/sha256"
	"encoding/binary"
)

// Legacy Milagro hashing, kept only to reproduce the draft-era M-Pin
// implementations and their published test vectors byte for byte. These
// functions are variable time and the map is not indifferentiable from a
// random oracle; new protocols should use a hash-to-curve construction
// (RFC 9380) instead.

// LegacyModBytes is Milagro's MODBYTES for BN254CX: the width in bytes of
// field elements and of the legacy hash output.
const LegacyModBytes = FpBytes

// LegacyHash returns Milagro's mhashit(n, x): SHA-256 over the 4-byte
// big-endian n (only when n > 0) followed by x, fitted to LegacyModBytes
// bytes (for BN254CX the digest itself). M-Pin uses n = 0 to hash an
// identity and n = day number to derive the time-permit identity from a
// hashed identity.
func LegacyHash(n int32, x []byte) []byte {
	h := sha256.New()
	if n > 0 {
		var pre [4]byte
		binary.BigEndian.PutUint32(pre[:], uint32(n))
		h.Write(pre[:])
	}
	h.Write(x)
	d := h.Sum(nil)
	return fitLegacyDigest(d)
}

// fitLegacyDigest left-pads the digest with zeros to LegacyModBytes, or keeps
// its first LegacyModBytes bytes if it is longer.
func fitLegacyDigest(d []byte) []byte {
	out := make([]byte, LegacyModBytes)
	if len(d) >= LegacyModBytes {
		copy(out, d[:LegacyModBytes])
	} else {
		copy(out[LegacyModBytes-len(d):], d)
	}
	return out
}

// LegacyHashID returns Milagro's HASH_ID(id) = mhashit(0, id), for BN254CX
// simply SHA-256(id): the "hashed ID" that D-TAs receive.
func LegacyHashID(id []byte) []byte { return LegacyHash(0, id) }

// LegacyMapToG1VarTime is Milagro's try-and-increment map from a hash to G1
// (ECP_mapit), as used by M-Pin for H1:
//
//  1. x = the first LegacyModBytes bytes of h as a big-endian integer,
//     reduced mod p;
//  2. if x^3 + b is a non-zero square, take its square root y whose
//     canonical integer value is even; otherwise x = x + 1 and repeat;
//  3. multiply by the cofactor of G1 (1 for BN254CX, so nothing to do) and
//     continue with x + 1 if the result were the identity.
//
// It returns ErrLength if h is shorter than LegacyModBytes. The running time
// depends on h (the number of increments): use it only on public inputs such
// as identities, never on secrets.
func LegacyMapToG1VarTime(h []byte) (*G1, error) {
	if len(h) < LegacyModBytes {
		return nil, ErrLength
	}
	var a G1Affine
	a.X.SetBytesReduce(h[:LegacyModBytes])
	var one Fp
	one.SetOne()
	for {
		var rhs Fp
		rhs.Square(&a.X)
		rhs.Mul(&rhs, &a.X)
		rhs.Add(&rhs, &bG1)
		if rhs.Legendre() == 1 {
			a.Y.Sqrt(&rhs)
			a.Y.CondNeg(&a.Y, a.Y.Parity())
			p := new(G1).FromAffine(&a)
			// Cofactor 1: no multiplication, and p is never the identity.
			return p, nil
		}
		a.X.Add(&a.X, &one)
	}
}
