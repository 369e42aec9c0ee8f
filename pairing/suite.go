// Package pairing defines the curve-agnostic interface that the protocols in
// reference/ are written against, and hosts the concrete pairing-friendly
// curves in its subpackages:
//
//   - pairing/bn254: BN254CX, the curve of the draft-era M-Pin implementations.
//   - pairing/bls12381: BLS12-381 with the Zcash/IETF encodings and RFC 9380
//     hashing.
//
// A Suite bundles the groups G1, G2 and GT of a type-3 pairing, the scalar
// field, the pairing itself and the hash and map functions onto G1. Values of
// one suite must not be mixed with values of another. Methods that return an
// error report a foreign value as ErrWrongSuite; the arithmetic methods,
// which return no error, panic on a foreign value, as they would on a nil
// pointer: that is a programming error, never a property of input data.
//
// Constant time: the interface methods inherit the guarantees of the curve
// packages. Scalar arithmetic, ScalarMult, GT Exp, pairings and the RFC 9380
// hash functions are constant time; methods with VarTime in their name, the
// legacy Milagro map and the validity checks in decoders are not.
package pairing

import (
	"errors"
	"io"
)

// Errors shared by every Suite implementation. Curve packages return their
// own sentinel errors wrapped so that errors.Is matches both.
var (
	// ErrWrongSuite reports a value that belongs to another suite.
	ErrWrongSuite = errors.New("pairing: value from a different suite")
	// ErrInvalidPoint reports an encoding that is not a valid group element:
	// wrong length, non-canonical coordinates, off the curve or outside the
	// prime-order subgroup.
	ErrInvalidPoint = errors.New("pairing: invalid point")
	// ErrIdentity reports the point at infinity where a non-identity point is
	// required.
	ErrIdentity = errors.New("pairing: point at infinity")
	// ErrInvalidScalar reports a scalar encoding that is not canonical.
	ErrInvalidScalar = errors.New("pairing: invalid scalar")
	// ErrLengthMismatch reports MultiPair inputs of different lengths.
	ErrLengthMismatch = errors.New("pairing: mismatched input lengths")
)

// Suite is a type-3 pairing e: G1 x G2 -> GT of prime order r.
type Suite interface {
	// Name is a short identifier of the curve, for example "BN254CX" or
	// "BLS12381".
	Name() string
	// FieldBytes is the length of a base-field element encoding.
	FieldBytes() int
	// ScalarBytes is the length of a scalar encoding.
	ScalarBytes() int

	// NewScalar returns the scalar 0.
	NewScalar() Scalar
	// RandomScalar draws a uniformly random scalar in [1, r) from rand.
	RandomScalar(rand io.Reader) (Scalar, error)

	// G1Generator returns the fixed generator of G1.
	G1Generator() G1
	// NewG1 returns the identity of G1.
	NewG1() G1
	// G2Generator returns the fixed generator of G2.
	G2Generator() G2
	// NewG2 returns the identity of G2.
	NewG2() G2
	// NewGT returns the identity of GT.
	NewGT() GT

	// Pair returns e(p, q).
	Pair(p G1, q G2) (GT, error)
	// MultiPair returns the product of e(ps[i], qs[i]) with one final
	// exponentiation.
	MultiPair(ps []G1, qs []G2) (GT, error)

	// HashToG1 is the RFC 9380 hash_to_curve of the suite's G1 (random
	// oracle, two field elements) with the given domain-separation tag.
	HashToG1(msg, dst []byte) (G1, error)
	// EncodeToG1 is the RFC 9380 encode_to_curve (non-uniform, one field
	// element) of the suite's G1.
	EncodeToG1(msg, dst []byte) (G1, error)
	// LegacyMapToG1VarTime is the try-and-increment map of the Milagro
	// implementation applied to a hash output h. Variable time.
	LegacyMapToG1VarTime(h []byte) (G1, error)
}

// Scalar is an element of Z/rZ. Arithmetic methods set the receiver and
// return it, in the style of math/big.
type Scalar interface {
	Set(a Scalar) Scalar
	SetUint64(v uint64) Scalar
	// SetBytes decodes a canonical big-endian encoding of ScalarBytes bytes.
	SetBytes(b []byte) (Scalar, error)
	// SetBytesReduce sets the receiver to a big-endian integer of any length
	// reduced mod r.
	SetBytesReduce(b []byte) Scalar
	Add(a, b Scalar) Scalar
	Sub(a, b Scalar) Scalar
	Mul(a, b Scalar) Scalar
	Neg(a Scalar) Scalar
	// Inverse sets the receiver to 1/a (0 maps to 0).
	Inverse(a Scalar) Scalar
	Equal(b Scalar) bool
	IsZero() bool
	// Bytes returns the canonical big-endian encoding (ScalarBytes long).
	Bytes() []byte
}

// G1 is an element of the first source group.
type G1 interface {
	Set(a G1) G1
	Add(a, b G1) G1
	Sub(a, b G1) G1
	Neg(a G1) G1
	// ScalarMult sets the receiver to k*p in constant time.
	ScalarMult(k Scalar, p G1) G1
	// ScalarMultVarTime sets the receiver to k*p for a public k.
	ScalarMultVarTime(k Scalar, p G1) G1
	Equal(b G1) bool
	IsIdentity() bool
	// Coordinates returns the affine x and y as big-endian FieldBytes-long
	// encodings, or ok = false for the identity.
	Coordinates() (x, y []byte, ok bool)
	// SetCoordinates sets the receiver to the affine point (x, y) after
	// checking canonical encoding, the curve equation and subgroup
	// membership (ErrInvalidPoint).
	SetCoordinates(x, y []byte) (G1, error)
}

// G2 is an element of the second source group, on the sextic twist over
// Fp2 = Fp[i]/(i^2+1). Coordinates are given as pairs (real, imaginary).
type G2 interface {
	Set(a G2) G2
	Add(a, b G2) G2
	Sub(a, b G2) G2
	Neg(a G2) G2
	ScalarMult(k Scalar, p G2) G2
	ScalarMultVarTime(k Scalar, p G2) G2
	Equal(b G2) bool
	IsIdentity() bool
	// Coordinates returns x = x0 + x1*i and y = y0 + y1*i, each part
	// FieldBytes long, or ok = false for the identity.
	Coordinates() (x0, x1, y0, y1 []byte, ok bool)
	// SetCoordinates sets the receiver to the affine point after checking
	// canonical encoding, the twist equation and subgroup membership.
	SetCoordinates(x0, x1, y0, y1 []byte) (G2, error)
}

// GT is an element of the target group.
type GT interface {
	Set(a GT) GT
	Mul(a, b GT) GT
	Inverse(a GT) GT
	// Exp sets the receiver to a^k in constant time.
	Exp(a GT, k Scalar) GT
	Equal(b GT) bool
	IsOne() bool
	// Coefficients returns the twelve Fp coefficients of the Fp12 value in
	// tower order: c[2*(3*j+k)+l] is part l (0 real, 1 imaginary) of the Fp2
	// coefficient of v^k w^j, for Fp12 = Fp6[w]/(w^2 - v),
	// Fp6 = Fp2[v]/(v^3 - (1+i)).
	Coefficients() [12][]byte
	// SetCoefficients is the inverse of Coefficients; it checks membership
	// in GT.
	SetCoefficients(c [12][]byte) (GT, error)
}

// PreparedG2 is a G2 point with the G2 side of its Miller loop computed in
// advance by a G2Preparer. It is immutable and safe for concurrent use; it
// holds data derived from the point, so a prepared secret (a server's sQ)
// is as sensitive as the point itself.
type PreparedG2 interface {
	// Point returns a copy of the point that was prepared.
	Point() G2
}

// G2Preparer is an optional interface of a Suite for pairings whose second
// argument is fixed and reused, such as an M-Pin server's Q and sQ: the
// doubling and addition steps of the Miller loop depend on the G2 point
// alone, so they are done once by PrepareG2 and each later pairing only
// evaluates the stored lines at its G1 points. Results equal those of
// MultiPair on the same points. Preparation and evaluation are constant
// time in the points, as Pair is.
type G2Preparer interface {
	// PrepareG2 precomputes the Miller-loop lines of q. It returns
	// ErrWrongSuite for a point of another suite. The identity may be
	// prepared: it contributes the factor 1.
	PrepareG2(q G2) (PreparedG2, error)
	// MultiPairPrepared returns the product of e(ps[i], qs[i]) with one
	// final exponentiation, as MultiPair does. It returns
	// ErrLengthMismatch for slices of different lengths and
	// ErrWrongSuite for a value of another suite.
	MultiPairPrepared(ps []G1, qs []PreparedG2) (GT, error)
}

// SmallScalarMultiplier is an optional interface of a Suite for
// multiplying a G1 point by a short secret, such as an M-Pin PIN: the work
// grows with the stated bit length, not with the size of the group.
type SmallScalarMultiplier interface {
	// G1ScalarMultSmall returns k*p for k < 2^bits, bits from 1 to 64,
	// in time independent of k and p for a given bits. A k of more than
	// bits bits or a bits out of range gives ErrInvalidScalar, a point
	// of another suite ErrWrongSuite.
	G1ScalarMultSmall(k uint64, bits int, p G1) (G1, error)
}

// PublicEncoder is an optional interface of a Suite for hashing public
// data to G1 (an identity sent in the clear, a day number): it returns the
// point EncodeToG1 returns, in time that may depend on the message.
type PublicEncoder interface {
	// EncodeToG1VarTime is EncodeToG1 in variable time.
	EncodeToG1VarTime(msg, dst []byte) (G1, error)
}

// LegacySumMapper is an optional interface of a Suite for the sum of two
// outputs of the legacy Milagro map (M-Pin's H1(ID) + HT(day, ID)): it
// returns LegacyMapToG1VarTime(h1) + LegacyMapToG1VarTime(h2), the same
// point, with the cofactor cleared once for both where the curve has one.
type LegacySumMapper interface {
	// LegacyMapSumToG1VarTime is the sum of the two legacy maps, in
	// variable time.
	LegacyMapSumToG1VarTime(h1, h2 []byte) (G1, error)
}
