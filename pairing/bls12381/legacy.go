package bls12381

import (
	"crypto/sha256"
	"encoding/binary"
)

// Legacy Milagro hashing for BLS12-381 ("BLS381" in Milagro), kept only to
// reproduce Milagro's M-Pin implementation and test vectors byte for byte.
// These functions are variable time and the map is not indifferentiable
// from a random oracle; use HashToG1 (RFC 9380) for anything new.

// LegacyModBytes is Milagro's MODBYTES for BLS12-381: the width in bytes of
// field elements and of the legacy hash output.
const LegacyModBytes = FpBytes

// legacyCofactorG1 is the full cofactor h = #E(Fp)/r of G1,
// 0x396C8C005555E1568C00AAAB0000AAAB, as little-endian limbs. Milagro's map
// multiplies by it (not by the "effective" cofactor 1 - u of RFC 9380).
var legacyCofactorG1 = [2]uint64{0x8c00aaab0000aaab, 0x396c8c005555e156}

// LegacyHash returns Milagro's mhashit(n, x): SHA-256 over the 4-byte
// big-endian n (only when n > 0) followed by x, fitted to LegacyModBytes
// bytes, which for BLS12-381 means 16 zero bytes followed by the 32-byte
// digest.
func LegacyHash(n int32, x []byte) []byte {
	h := sha256.New()
	if n > 0 {
		var pre [4]byte
		binary.BigEndian.PutUint32(pre[:], uint32(n))
		h.Write(pre[:])
	}
	h.Write(x)
	d := h.Sum(nil)
	out := make([]byte, LegacyModBytes)
	copy(out[LegacyModBytes-len(d):], d) // left-pad to MODBYTES
	return out
}

// LegacyHashID returns Milagro's HASH_ID(id) = mhashit(0, id): for
// BLS12-381, 16 zero bytes followed by SHA-256(id).
func LegacyHashID(id []byte) []byte { return LegacyHash(0, id) }

// LegacyMapToG1VarTime is Milagro's try-and-increment map from a hash to G1
// (ECP_mapit), as used by its M-Pin for H1:
//
//  1. x = the first LegacyModBytes bytes of h as a big-endian integer,
//     reduced mod p;
//  2. if x^3 + 4 is a non-zero square, take its square root y whose
//     canonical integer value is even; otherwise x = x + 1 and repeat;
//  3. multiply the point by the full cofactor h = 0x396C8C005555E1568C00AAAB0000AAAB;
//     if the result is the identity, continue with x + 1.
//
// It returns ErrLength if h is shorter than LegacyModBytes. The running time
// depends on h: use it only on public inputs such as identities, never on
// secrets.
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
			var p G1
			p.FromAffine(&a)
			p.scalarMultLimbsVarTime(&p, legacyCofactorG1[:])
			if p.IsIdentity() == 0 {
				return &p, nil
			}
		}
		a.X.Add(&a.X, &one)
	}
}
