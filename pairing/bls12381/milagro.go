package bls12381

// Point encodings of the Apache Milagro / AMCL libraries (ECP_toOctet,
// ECP_fromOctet, ECP2_toOctet, ECP2_fromOctet) for the curve Milagro calls
// "BLS381", as used by its M-Pin implementation and test vectors. They are
// not the Zcash/IETF encodings of encoding.go:
//
//	G1: 0x04 || x || y         (97 bytes, uncompressed; what Milagro writes)
//	    0x02 || x or 0x03 || x (49 bytes, compressed; 0x03 = y is odd)
//	G2: x.a || x.b || y.a || y.b (192 bytes, no prefix or flags), where
//	    x = x.a + x.b i: the real part first, the opposite of the Zcash order.
//
// All integers are 48-byte big-endian. Milagro has no encoding of the point
// at infinity: MilagroBytes writes the identity with all coordinate bytes
// zero ((0, 0) is on neither curve), and the decoders reject those bytes
// with ErrIdentity.
//
// Unlike Milagro's decoders, which check only the curve equation, these
// check, in order: length (ErrLength), prefix byte and coordinates below p
// (ErrNonCanonical), identity (ErrIdentity), curve equation (ErrNotOnCurve)
// and subgroup membership (ErrNotInSubgroup; on BLS12-381 both G1 and G2
// have large cofactors, so this matters). Encoding is constant time;
// decoding is constant time in the coordinates up to the public validity
// outcome and the (variable-time) subgroup checks of subgroup.go.

// Lengths of the Milagro encodings.
const (
	// MilagroG1Bytes is the length of an uncompressed Milagro G1 encoding.
	MilagroG1Bytes = 1 + 2*FpBytes
	// MilagroG1CompressedBytes is the length of a compressed Milagro G1
	// encoding.
	MilagroG1CompressedBytes = 1 + FpBytes
	// MilagroG2Bytes is the length of a Milagro G2 encoding.
	MilagroG2Bytes = 4 * FpBytes
)

// Prefix bytes of the Milagro G1 encodings.
const (
	milagroUncompressed = 0x04
	milagroEvenY        = 0x02
	milagroOddY         = 0x03
)

// MilagroBytes returns the 97-byte uncompressed Milagro encoding
// 0x04 || x || y of p. The identity, which Milagro cannot encode, is written
// as 0x04 followed by 96 zero bytes. Constant time.
func (p *G1) MilagroBytes() []byte {
	a, _ := p.ToAffine() // the identity gives (0, 0)
	out := make([]byte, 0, MilagroG1Bytes)
	x, y := a.X.Bytes(), a.Y.Bytes()
	out = append(out, milagroUncompressed)
	out = append(out, x[:]...)
	return append(out, y[:]...)
}

// SetMilagroBytes sets p to the point encoded in b, in the uncompressed
// (97 bytes, 0x04) or compressed (49 bytes, 0x02 / 0x03) Milagro form, and
// returns p. On error p is unchanged and the error is one of ErrLength,
// ErrNonCanonical (bad prefix or a coordinate >= p), ErrIdentity (the
// all-zero uncompressed form), ErrNotOnCurve (including a compressed x with
// no point) and ErrNotInSubgroup.
func (p *G1) SetMilagroBytes(b []byte) (*G1, error) {
	var a G1Affine
	switch len(b) {
	case MilagroG1Bytes:
		if b[0] != milagroUncompressed {
			return nil, ErrNonCanonical
		}
		if _, err := a.X.SetBytes(b[1 : 1+FpBytes]); err != nil {
			return nil, err
		}
		if _, err := a.Y.SetBytes(b[1+FpBytes:]); err != nil {
			return nil, err
		}
		if a.X.IsZero()&a.Y.IsZero() == 1 {
			return nil, ErrIdentity
		}
	case MilagroG1CompressedBytes:
		if b[0] != milagroEvenY && b[0] != milagroOddY {
			return nil, ErrNonCanonical
		}
		if _, err := a.X.SetBytes(b[1:]); err != nil {
			return nil, err
		}
		var rhs Fp
		rhs.Square(&a.X)
		rhs.Mul(&rhs, &a.X)
		rhs.Add(&rhs, &bG1)
		if _, ok := a.Y.Sqrt(&rhs); ok != 1 {
			return nil, ErrNotOnCurve
		}
		// Pick the root with the parity the prefix asks for (y != 0: the
		// cofactor is odd, so E(Fp) has no point of order 2).
		wantOdd := int(b[0] & 1)
		a.Y.CondNeg(&a.Y, a.Y.Parity()^wantOdd)
	default:
		return nil, ErrLength
	}
	var q G1
	q.FromAffine(&a)
	if q.IsOnCurve() != 1 {
		return nil, ErrNotOnCurve
	}
	if q.IsInSubgroup() != 1 {
		return nil, ErrNotInSubgroup
	}
	return p.Set(&q), nil
}

// MilagroBytes returns the 192-byte Milagro encoding x.a || x.b || y.a || y.b
// of p (real parts first, no prefix). The identity, which Milagro cannot
// encode, is written as 192 zero bytes. Constant time.
func (p *G2) MilagroBytes() []byte {
	a, _ := p.ToAffine() // the identity gives (0, 0)
	out := make([]byte, 0, MilagroG2Bytes)
	for _, e := range [4]*Fp{&a.X.A0, &a.X.A1, &a.Y.A0, &a.Y.A1} {
		v := e.Bytes()
		out = append(out, v[:]...)
	}
	return out
}

// SetMilagroBytes sets p to the point encoded in the 192-byte Milagro G2
// encoding b and returns p. On error p is unchanged and the error is one of
// ErrLength, ErrNonCanonical (a coordinate >= p), ErrIdentity (all zero
// bytes), ErrNotOnCurve and ErrNotInSubgroup.
func (p *G2) SetMilagroBytes(b []byte) (*G2, error) {
	if len(b) != MilagroG2Bytes {
		return nil, ErrLength
	}
	var a G2Affine
	for k, e := range [4]*Fp{&a.X.A0, &a.X.A1, &a.Y.A0, &a.Y.A1} {
		if _, err := e.SetBytes(b[k*FpBytes : (k+1)*FpBytes]); err != nil {
			return nil, err
		}
	}
	if a.X.IsZero()&a.Y.IsZero() == 1 {
		return nil, ErrIdentity
	}
	var q G2
	q.FromAffine(&a)
	if q.IsOnCurve() != 1 {
		return nil, ErrNotOnCurve
	}
	if q.IsInSubgroup() != 1 {
		return nil, ErrNotInSubgroup
	}
	return p.Set(&q), nil
}
