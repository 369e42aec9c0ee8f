package bls12381

// GTSize is the length of the encoding of a GT element.
const GTSize = 12 * FpBytes

// gtCoefficients lists the Fp coefficients of f in encoding order: the
// highest tower coefficient first and, within each Fp2, the imaginary part
// first (the order circl and gnark-crypto use).
func gtCoefficients(f *Fp12) [12]*Fp {
	var out [12]*Fp
	i := 0
	for _, c6 := range []*Fp6{&f.C1, &f.C0} {
		for _, c2 := range []*Fp2{&c6.B2, &c6.B1, &c6.B0} {
			out[i], out[i+1] = &c2.A1, &c2.A0
			i += 2
		}
	}
	return out
}

// Bytes returns the 576-byte encoding of x: twelve 48-byte big-endian
// coefficients, C1.B2.A1 first and C0.B0.A0 last.
func (x *GT) Bytes() [GTSize]byte {
	var out [GTSize]byte
	f := x.f
	for i, c := range gtCoefficients(&f) {
		b := c.Bytes()
		copy(out[i*FpBytes:], b[:])
	}
	return out
}

// SetBytes decodes a 576-byte GT encoding into z. It rejects wrong lengths
// (ErrLength), coefficients not below p (ErrNonCanonical) and values outside
// GT (ErrNotInGT). The membership test is variable time.
func (z *GT) SetBytes(b []byte) (*GT, error) {
	if len(b) != GTSize {
		return nil, ErrLength
	}
	var f Fp12
	for i, c := range gtCoefficients(&f) {
		if _, err := c.SetBytes(b[i*FpBytes : (i+1)*FpBytes]); err != nil {
			return nil, err
		}
	}
	return z.SetFp12(&f)
}

// SetFp12 sets z = f if f lies in GT and returns ErrNotInGT otherwise.
func (z *GT) SetFp12(f *Fp12) (*GT, error) {
	if !isInGT(f) {
		return nil, ErrNotInGT
	}
	z.f = *f
	return z, nil
}
