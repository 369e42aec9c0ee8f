package bn254

import "math/big"

// Subgroup membership tests that are faster than multiplying by r.
//
// G1. E(Fp) of a BN curve has exactly r points (#E(Fp) = p + 1 - t with
// trace t = 6u^2 + 1 gives 36u^4 + 36u^3 + 18u^2 + 6u + 1 = r): the
// cofactor is 1, so every point on the curve is in G1 and the check reduces
// to the curve equation.
//
// G2. Let psi be the endomorphism of the twist E'(Fp2) obtained by
// untwisting, applying the p-power Frobenius and twisting back:
//
//	psi(x, y) = (conj(x) xi^((p-1)/3), conj(y) xi^((p-1)/2)).
//
// psi satisfies psi^2 - t psi + p = 0 on all of E'(Fp2), like the Frobenius
// on E, and acts on G2 as multiplication by p = 6u^2 (mod r). Conversely,
// if psi(Q) = [6u^2]Q then psi^2(Q) = [36u^4]Q and the characteristic
// equation gives [36u^4 - t 6u^2 + p]Q = [p - 6u^2]Q = [r]Q = O. So
//
//	Q in G2  <=>  psi(Q) = [6u^2]Q,
//
// with no further condition. 6u^2 has 127 bits, half the length of r.
// (This is the BN test of M. Scott, "A note on group membership tests for
// G1, G2 and GT on BLS pairing-friendly curves", ePrint 2021/1130, here
// with the short argument above.)

// sixUSquared holds 6u^2 as little-endian limbs (set during package
// variable initialization).
var sixUSquared = sixUSquaredLimbs()

func sixUSquaredLimbs() [2]uint64 {
	u := new(big.Int).SetUint64(uAbs)
	s := new(big.Int).Mul(u, u)
	s.Mul(s, big.NewInt(6))
	// Not via s.Bits(): big.Word is 32 bits wide on 32-bit platforms.
	lo := new(big.Int).And(s, new(big.Int).SetUint64(^uint64(0))).Uint64()
	hi := new(big.Int).Rsh(s, 64).Uint64()
	return [2]uint64{lo, hi}
}

// g1IsInSubgroupFast returns 1 if p is on the curve and 0 otherwise: with
// cofactor 1, being on E(Fp) is the same as being in G1 (including the
// identity). Constant time.
func g1IsInSubgroupFast(p *G1) int { return p.IsOnCurve() }

// psi sets p = psi(q) (see the comment at the top of this file) for a
// projective point; psi is Fp2-semilinear, so it applies coordinatewise.
func (p *G2) psi(q *G2) *G2 {
	p.X.Conjugate(&q.X)
	p.X.Mul(&p.X, &frob[1][2])
	p.Y.Conjugate(&q.Y)
	p.Y.Mul(&p.Y, &frob[1][3])
	p.Z.Conjugate(&q.Z)
	return p
}

// g2IsInSubgroupFast returns 1 if q, a point on the twist, is in G2 and 0
// otherwise, by testing psi(q) = [6u^2]q. q must be on the curve (decoders
// check that first). The scalar is a public constant, so the running time
// does not depend on q; the identity is in G2.
func g2IsInSubgroupFast(q *G2) int {
	var a, b G2
	a.psi(q)
	b.scalarMultLimbsVarTime(q, sixUSquared[:])
	return a.Equal(&b)
}
