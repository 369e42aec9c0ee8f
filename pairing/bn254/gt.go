package bn254

// GTSize is the length of the encoding of a GT element produced by
// GT.Bytes: twelve 32-byte field elements.
const GTSize = 12 * FpBytes

// gtCoeffs lists the twelve Fp coefficients of f in encoding order: the
// tower coefficients from the highest (C1.B2, the coefficient of v^2 w) to
// the lowest (C0.B0), each Fp2 with its imaginary part first. This is the
// order of the bls12381 package (and of circl and gnark-crypto there), so
// both suites serialize GT the same way.
func gtCoeffs(f *Fp12) [12]*Fp {
	var out [12]*Fp
	for k, c := range [6]*Fp2{&f.C1.B2, &f.C1.B1, &f.C1.B0, &f.C0.B2, &f.C0.B1, &f.C0.B0} {
		out[2*k], out[2*k+1] = &c.A1, &c.A0
	}
	return out
}

// isInGT returns 1 if f lies in GT, the subgroup of order r of the
// multiplicative group of Fp12, and 0 otherwise. Two checks:
//
//  1. f != 0 and f^(p^4 - p^2 + 1) = 1, evaluated as f^(p^4) * f = f^(p^2)
//     with Frobenius maps: f lies in the cyclotomic subgroup, whose order
//     Phi_12(p) = p^4 - p^2 + 1 is a multiple of r.
//  2. f^p = f^(6u^2), with the right side computed by two exponentiations by
//     u (cyclotomic squarings) and a multiplication by 6. For BN curves
//     p - 6u^2 = r exactly, so this is the same as f^r = 1, at about a
//     third of the cost of a final exponentiation instead of a 254-bit
//     exponentiation.
//
// Check 2 uses cyclotomic-only arithmetic; its outcome is meaningless when
// check 1 fails, but both results are combined without branching. Constant
// time in f.
func isInGT(f *Fp12) int {
	var a, b, c Fp12
	a.Frobenius(f, 2)
	b.Frobenius(&a, 2) // f^(p^4)
	b.Mul(&b, f)
	cyclo := b.Equal(&a) & (1 ^ f.IsZero())

	expByU(&a, f)
	expByU(&a, &a) // f^(u^2): the signs of u cancel
	b.CyclotomicSquare(&a)
	b.Mul(&b, &a)
	b.CyclotomicSquare(&b) // f^(6u^2)
	c.Frobenius(f, 1)
	return cyclo & c.Equal(&b)
}

// SetFp12 sets x = f and returns x if f is an element of GT (the order-r
// subgroup of Fp12*), and returns (nil, ErrNotInGT) otherwise, leaving x
// unchanged. Use it to accept GT values from outside the package. The
// membership test is described at isInGT: cyclotomic-subgroup test plus
// the BN identity f^p = f^(6u^2), which is equivalent to f^r = 1. Constant
// time in f. A nil f is rejected.
func (x *GT) SetFp12(f *Fp12) (*GT, error) {
	if f == nil || isInGT(f) != 1 {
		return nil, ErrNotInGT
	}
	x.f = *f
	return x, nil
}

// Bytes returns the 384-byte encoding of x: twelve 32-byte big-endian
// coefficients, C1.B2.A1 first and C0.B0.A0 last (see gtCoeffs). This is
// the module's own format; Milagro's FP12 octets use a different tower and
// are not produced here.
func (x *GT) Bytes() [GTSize]byte {
	var out [GTSize]byte
	f := x.f
	for k, c := range gtCoeffs(&f) {
		b := c.Bytes()
		copy(out[k*FpBytes:], b[:])
	}
	return out
}

// SetBytes sets x to the GT element encoded in b (see Bytes) and returns x.
// It returns ErrLength if len(b) != GTSize, ErrNonCanonical if a
// coefficient is not below p, and ErrNotInGT if the value is not in GT; x is
// unchanged on error. Constant time in the value when it is valid.
func (x *GT) SetBytes(b []byte) (*GT, error) {
	if len(b) != GTSize {
		return nil, ErrLength
	}
	var f Fp12
	for k, c := range gtCoeffs(&f) {
		if _, err := c.SetBytes(b[k*FpBytes : (k+1)*FpBytes]); err != nil {
			return nil, err
		}
	}
	return x.SetFp12(&f)
}
