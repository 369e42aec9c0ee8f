// Package bigref is a deliberately slow, test-only reference implementation
// of pairing-friendly elliptic curve arithmetic (BN and BLS12 families with
// embedding degree 12).
//
// It exists so that tests of the optimized, constant-time pairing code in
// this module have a second, independent code path to compare against.
// DO NOT use it in production: every operation is variable-time, allocates
// freely, leaks secrets through timing, and is orders of magnitude slower
// than a real implementation. Correctness by inspection is the only goal.
//
// Design choices, all made for readability rather than speed:
//
//   - Field elements are math/big integers reduced modulo p. Fp2 is
//     Fp[i]/(i^2+1), represented as a pair (A, B) meaning A + B*i.
//   - Fp12 is NOT built as a tower. It is the flat quotient ring
//     Fp[w]/(w^12 - 2w^6 + 2): an element is 12 coefficients a_0..a_11 of
//     a_0 + a_1 w + ... + a_11 w^11. The modulus comes from w^6 = xi = 1+i:
//     then i = w^6 - 1 and i^2 = -1 gives (w^6-1)^2 + 1 = w^12 - 2w^6 + 2 = 0.
//     Multiplication is schoolbook followed by reduction with
//     w^12 = 2w^6 - 2; inversion is the extended Euclidean algorithm in
//     Fp[w]; Frobenius is plain exponentiation by p.
//   - Curve points use affine textbook formulas with an explicit infinity
//     flag. The same generic affine code serves E(Fp), the twist E'(Fp2) and
//     E(Fp12).
//   - The optimal ate pairing is computed on E(Fp12) after untwisting the G2
//     argument, with a textbook Miller loop that keeps numerator and
//     denominator (vertical lines included) and a final exponentiation by
//     the full integer (p^12 - 1)/r.
//
// Fp12ToTower and Fp12FromTower convert between the flat representation and
// the usual tower Fp2 -> Fp6 = Fp2[v]/(v^3 - xi) -> Fp12 = Fp6[w]/(w^2 - v),
// so that GT values can be compared coefficient by coefficient with a tower
// implementation; see their documentation for the derivation.
package bigref
