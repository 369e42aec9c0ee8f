package bn254

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
