package bls12381

import "math/bits"

// Scalar multiplication with the curve endomorphisms (GLV on G1, GLS on G2).
//
// Every scalar k < r < |u|^4 has a base-|u| expansion
//
//	k = k0 + k1 |u| + k2 |u|^2 + k3 |u|^3,  0 <= ki < |u| < 2^64.
//
// On G2, psi acts as multiplication by u = -|u|, so
// kQ = k0 Q - k1 psi(Q) + k2 psi^2(Q) - k3 psi^3(Q): a 4-term multi-scalar
// multiplication with 64-bit scalars. On G1, phi acts as -u^2, so with
// a = k0 + k1 |u| and b = k2 + k3 |u| (both below 2^128),
// kP = a P + b (-phi(P)): a 2-term one with 128-bit scalars.
//
// The digits come from long division by the constant |u| using a
// precomputed reciprocal (Moller and Granlund, "Improved division by
// invariant integers", 2011, Algorithm 4) with both correction steps done by
// masks, so the decomposition is constant time; the multi-scalar
// multiplication reads every table entry. |u| has its top bit set, which is
// the normalisation the method needs.

// uRecip is floor((2^128 - 1) / |u|) - 2^64.
var uRecip = func() uint64 {
	q, _ := bits.Div64(^uAbs, ^uint64(0), uAbs)
	return q
}()

// div2by1 divides (hi, lo) by |u| for hi < |u| and returns the quotient and
// the remainder, in constant time.
func div2by1(hi, lo uint64) (q, r uint64) {
	ph, pl := bits.Mul64(uRecip, hi)
	var c uint64
	pl, c = bits.Add64(pl, lo, 0)
	ph, _ = bits.Add64(ph, hi+1, c)
	r = lo - ph*uAbs
	// if r > pl: q = ph - 1, r += |u|
	_, gt := bits.Sub64(pl, r, 0)
	m := -gt
	ph -= 1 & m
	r += uAbs & m
	// if r >= |u|: q += 1, r -= |u|
	_, lt := bits.Sub64(r, uAbs, 0)
	m = lt - 1 // all ones when r >= |u|
	ph += 1 & m
	r -= uAbs & m
	return ph, r
}

// divByU divides the little-endian number k in place by |u| and returns the
// remainder.
func divByU(k *[4]uint64) uint64 {
	var rem uint64
	for i := 3; i >= 0; i-- {
		k[i], rem = div2by1(rem, k[i])
	}
	return rem
}

// baseU returns the four base-|u| digits of k (constant time).
func baseU(k *Fr) [4]uint64 {
	l := k.Limbs()
	var d [4]uint64
	d[0] = divByU(&l)
	d[1] = divByU(&l)
	d[2] = divByU(&l)
	d[3] = l[0] // k < |u|^4, so the rest fits in one word
	return d
}

// glvSplit returns a = k0 + k1 |u| and b = k2 + k3 |u| (both below 2^128,
// as little-endian limbs) from the base-|u| digits of k, so that
// k = a + b |u|^2 and kP = aP + b(-phi(P)) for P in G1 (constant time).
func glvSplit(k *Fr) (a, b [2]uint64) {
	d := baseU(k)
	hi, lo := bits.Mul64(d[1], uAbs)
	var c uint64
	a[0], c = bits.Add64(lo, d[0], 0)
	a[1] = hi + c // d0 + d1 |u| < |u|^2 < 2^128: no carry out
	hi, lo = bits.Mul64(d[3], uAbs)
	b[0], c = bits.Add64(lo, d[2], 0)
	b[1] = hi + c
	return a, b
}

// scalarMultCT sets p = k*q using phi (constant time).
func (p *G1) scalarMultCT(k *Fr, q *G1) *G1 {
	a, b := glvSplit(k)
	var phi G1
	phi.X.Mul(&q.X, &betaG1)
	phi.Y.Neg(&q.Y)
	phi.Z.Set(&q.Z)
	return p.multiScalarMultLimbs([]*G1{q, &phi}, [][]uint64{a[:], b[:]}, 128, false)
}

// scalarMultCT sets p = k*q using psi (constant time).
func (p *G2) scalarMultCT(k *Fr, q *G2) *G2 {
	d := baseU(k)
	var q1, q2, q3 G2
	q1.psi(q)
	q1.Neg(&q1)
	q2.psi(&q1)
	q2.Neg(&q2)
	q3.psi(&q2)
	q3.Neg(&q3)
	return p.multiScalarMultLimbs([]*G2{q, &q1, &q2, &q3},
		[][]uint64{d[0:1], d[1:2], d[2:3], d[3:4]}, 64, false)
}
