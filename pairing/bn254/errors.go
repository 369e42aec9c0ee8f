package bn254

import "errors"

// Errors returned by the decoders of this package. They are sentinel values:
// test for them with errors.Is, since callers may wrap them.
var (
	// ErrLength reports an encoding of the wrong length.
	ErrLength = errors.New("bn254: wrong encoding length")
	// ErrNonCanonical reports a field or scalar encoding that is not fully
	// reduced, or flag bits that do not match the rest of the encoding.
	ErrNonCanonical = errors.New("bn254: non-canonical encoding")
	// ErrNotOnCurve reports coordinates that do not satisfy the curve equation.
	ErrNotOnCurve = errors.New("bn254: point not on curve")
	// ErrNotInSubgroup reports a point on the curve but outside the prime-order subgroup.
	ErrNotInSubgroup = errors.New("bn254: point not in the prime-order subgroup")
	// ErrIdentity reports the point at infinity where a non-identity point is required.
	ErrIdentity = errors.New("bn254: point at infinity")
	// ErrNotInGT reports an Fp12 value that is not in the order-r subgroup GT.
	ErrNotInGT = errors.New("bn254: value not in GT")
)
