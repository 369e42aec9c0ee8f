package bls12381

import "math/bits"

// Encodings of G1 and G2 points in the Zcash format used by the IETF BLS
// signature drafts, circl and most BLS12-381 libraries:
//
//   - G1: 48 bytes compressed or 96 bytes uncompressed (x then y, big-endian).
//   - G2: 96 bytes compressed or 192 bytes uncompressed; each Fp2 coordinate
//     is written imaginary part first (A1 then A0).
//
// The three most significant bits of the first byte are flags: 0x80 marks a
// compressed encoding, 0x40 the point at infinity (all other bits zero), and
// 0x20, in compressed form only, says that y is the lexicographically larger
// of the two square roots. Decoders accept exactly one encoding per point:
// they reject wrong lengths, unused flag combinations, coordinates not below
// p, points off the curve and points outside the prime-order subgroup. The
// point at infinity decodes to the identity; callers that must refuse it
// check IsIdentity (the M-Pin layer does).
//
// Encoding is constant time. Decoding is constant time in the coordinates up
// to the public validity outcome and the subgroup check, which is variable
// time (membership of a received point is public).

const (
	// G1CompressedSize is the length of a compressed G1 encoding.
	G1CompressedSize = 48
	// G1UncompressedSize is the length of an uncompressed G1 encoding.
	G1UncompressedSize = 96
	// G2CompressedSize is the length of a compressed G2 encoding.
	G2CompressedSize = 96
	// G2UncompressedSize is the length of an uncompressed G2 encoding.
	G2UncompressedSize = 192

	flagCompressed = 0x80
	flagInfinity   = 0x40
	flagLargest    = 0x20
	flagMask       = 0xe0
)

// halfPLimbs is (p-1)/2 as little-endian limbs.
var halfPLimbs = expLegFp

// lexLargest returns 1 if the canonical value of y is greater than (p-1)/2.
func lexLargest(y *Fp) int {
	c := y.canonical()
	var b uint64
	for i := range c {
		_, b = bits.Sub64(halfPLimbs[i], c[i], b)
	}
	return int(b)
}

// lexLargestFp2 orders Fp2 elements by the imaginary part, then the real
// part, as the Zcash format does.
func lexLargestFp2(y *Fp2) int {
	hi := lexLargest(&y.A1)
	lo := lexLargest(&y.A0)
	z := y.A1.IsZero()
	return (hi & (1 ^ z)) | (lo & z)
}

// Bytes returns the 48-byte compressed encoding of p.
func (p *G1) Bytes() [G1CompressedSize]byte {
	var out [G1CompressedSize]byte
	a, ok := p.ToAffine()
	x := a.X.Bytes()
	copy(out[:], x[:])
	inf := 1 ^ ok
	big := lexLargest(&a.Y) & ok
	out[0] |= flagCompressed | byte(inf)<<6 | byte(big)<<5
	return out
}

// BytesUncompressed returns the 96-byte uncompressed encoding of p.
func (p *G1) BytesUncompressed() [G1UncompressedSize]byte {
	var out [G1UncompressedSize]byte
	a, ok := p.ToAffine()
	x, y := a.X.Bytes(), a.Y.Bytes()
	copy(out[:48], x[:])
	copy(out[48:], y[:])
	out[0] |= byte(1^ok) << 6
	return out
}

// checkInfinity validates an encoding whose infinity flag is set: every
// other bit must be zero and the sign flag clear.
func checkInfinity(b []byte) error {
	if b[0]&^(flagCompressed|flagInfinity) != 0 {
		return ErrNonCanonical
	}
	for _, c := range b[1:] {
		if c != 0 {
			return ErrNonCanonical
		}
	}
	return nil
}

// readFlags checks the compression flag against the length and returns the
// infinity and sign flags.
func readFlags(b []byte, compressedLen, uncompressedLen int) (compressed, inf, largest bool, err error) {
	switch len(b) {
	case compressedLen:
		compressed = true
	case uncompressedLen:
	default:
		return false, false, false, ErrLength
	}
	if (b[0]&flagCompressed != 0) != compressed {
		return false, false, false, ErrNonCanonical
	}
	inf = b[0]&flagInfinity != 0
	largest = b[0]&flagLargest != 0
	if largest && (!compressed || inf) {
		return false, false, false, ErrNonCanonical
	}
	return compressed, inf, largest, nil
}

// fpFrom decodes a 48-byte big-endian coordinate, ignoring the flag bits
// when masked is true.
func fpFrom(b []byte, masked bool) (Fp, error) {
	var buf [FpBytes]byte
	copy(buf[:], b[:FpBytes])
	if masked {
		buf[0] &^= flagMask
	}
	var x Fp
	if _, err := x.SetBytes(buf[:]); err != nil {
		return Fp{}, err
	}
	return x, nil
}

// SetBytes decodes a compressed (48-byte) or uncompressed (96-byte) G1
// encoding into p. On error p is unchanged.
func (p *G1) SetBytes(b []byte) (*G1, error) {
	compressed, inf, largest, err := readFlags(b, G1CompressedSize, G1UncompressedSize)
	if err != nil {
		return nil, err
	}
	if inf {
		if err := checkInfinity(b); err != nil {
			return nil, err
		}
		return p.SetIdentity(), nil
	}
	x, err := fpFrom(b, true)
	if err != nil {
		return nil, err
	}
	var y Fp
	if compressed {
		var rhs Fp
		rhs.Square(&x)
		rhs.Mul(&rhs, &x)
		rhs.Add(&rhs, &bG1)
		if _, ok := y.Sqrt(&rhs); ok != 1 {
			return nil, ErrNotOnCurve
		}
		want := 0
		if largest {
			want = 1
		}
		flip := lexLargest(&y) ^ want
		y.CondNeg(&y, flip)
	} else if y, err = fpFrom(b[FpBytes:], false); err != nil {
		return nil, err
	}
	var q G1
	q.FromAffine(&G1Affine{X: x, Y: y})
	if q.IsOnCurve() != 1 {
		return nil, ErrNotOnCurve
	}
	if q.IsInSubgroup() != 1 {
		return nil, ErrNotInSubgroup
	}
	return p.Set(&q), nil
}

// Bytes returns the 96-byte compressed encoding of p.
func (p *G2) Bytes() [G2CompressedSize]byte {
	var out [G2CompressedSize]byte
	a, ok := p.ToAffine()
	x1, x0 := a.X.A1.Bytes(), a.X.A0.Bytes()
	copy(out[:48], x1[:])
	copy(out[48:], x0[:])
	inf := 1 ^ ok
	big := lexLargestFp2(&a.Y) & ok
	out[0] |= flagCompressed | byte(inf)<<6 | byte(big)<<5
	return out
}

// BytesUncompressed returns the 192-byte uncompressed encoding of p.
func (p *G2) BytesUncompressed() [G2UncompressedSize]byte {
	var out [G2UncompressedSize]byte
	a, ok := p.ToAffine()
	for i, c := range []*Fp{&a.X.A1, &a.X.A0, &a.Y.A1, &a.Y.A0} {
		b := c.Bytes()
		copy(out[i*48:], b[:])
	}
	out[0] |= byte(1^ok) << 6
	return out
}

// SetBytes decodes a compressed (96-byte) or uncompressed (192-byte) G2
// encoding into p. On error p is unchanged.
func (p *G2) SetBytes(b []byte) (*G2, error) {
	compressed, inf, largest, err := readFlags(b, G2CompressedSize, G2UncompressedSize)
	if err != nil {
		return nil, err
	}
	if inf {
		if err := checkInfinity(b); err != nil {
			return nil, err
		}
		return p.SetIdentity(), nil
	}
	var x, y Fp2
	if x.A1, err = fpFrom(b, true); err != nil {
		return nil, err
	}
	if x.A0, err = fpFrom(b[48:], false); err != nil {
		return nil, err
	}
	if compressed {
		var rhs Fp2
		rhs.Square(&x)
		rhs.Mul(&rhs, &x)
		rhs.Add(&rhs, &bG2)
		if _, ok := y.Sqrt(&rhs); ok != 1 {
			return nil, ErrNotOnCurve
		}
		want := 0
		if largest {
			want = 1
		}
		var n Fp2
		n.Neg(&y)
		y.Select(&n, &y, lexLargestFp2(&y)^want)
	} else {
		if y.A1, err = fpFrom(b[96:], false); err != nil {
			return nil, err
		}
		if y.A0, err = fpFrom(b[144:], false); err != nil {
			return nil, err
		}
	}
	var q G2
	q.FromAffine(&G2Affine{X: x, Y: y})
	if q.IsOnCurve() != 1 {
		return nil, ErrNotOnCurve
	}
	if q.IsInSubgroup() != 1 {
		return nil, ErrNotInSubgroup
	}
	return p.Set(&q), nil
}
