package bls12381

// Subgroup membership tests (Scott, "A note on group membership tests for
// G1, G2 and GT on BLS pairing-friendly curves", ePrint 2021/1130):
//
//   - G1: P is in G1 iff phi(P) = -u^2 P, where phi(x, y) = (beta x, y) and
//     beta is the cube root of unity for which phi acts as -u^2 on G1.
//   - G2: Q is in G2 iff psi(Q) = u Q, where psi is the untwist-Frobenius-
//     twist endomorphism.
//   - GT: f is in GT iff f is in the cyclotomic subgroup
//     (f^(p^4) f = f^(p^2)) and f^p = f^u.
//
// All three are variable time in the point: membership of a received value
// is public information.

var (
	// betaG1 is the cube root of unity used by phi.
	betaG1 Fp
	// psiX, psiY are the constants of psi(x, y) = (conj(x) psiX, conj(y) psiY).
	psiX, psiY Fp2
	// uSquared is u^2 as little-endian limbs.
	uSquared [2]uint64
)

func init() {
	// beta is a primitive cube root of unity: w^((p-1)/3) for any w that is
	// not a cube. frob[1][2] = xi^((p-1)/3) lies in Fp2; use Fp's own:
	// 2^((p-1)/3) is a primitive cube root because 2 is a non-cube here,
	// which the selection below confirms.
	var cand Fp
	cand.SetUint64(2)
	e := expCubeRoot()
	cand.expPublic(&cand, &e)
	hi, lo := mul64(uAbs, uAbs)
	uSquared = [2]uint64{lo, hi}
	// Pick beta or beta^2 so that phi(G) = -u^2 G.
	var want G1
	want.scalarMultLimbsVarTime(&g1Gen, uSquared[:])
	want.Neg(&want)
	for i := 0; i < 2; i++ {
		var phiG G1
		phiG.X.Mul(&g1Gen.X, &cand)
		phiG.Y.Set(&g1Gen.Y)
		phiG.Z.Set(&g1Gen.Z)
		if phiG.Equal(&want) == 1 {
			betaG1 = cand
			break
		}
		cand.Square(&cand)
	}
	if betaG1.IsZero() == 1 {
		panic("bls12381: no cube root of unity matches -u^2 on G1")
	}
	psiX.Inverse(&frob[1][2])
	psiY.Inverse(&frob[1][3])
}

// expCubeRoot returns (p-1)/3 as limbs.
func expCubeRoot() [6]uint64 {
	m := ModulusFp()
	m.Sub(m, bigOne())
	m.Div(m, bigThree())
	var out [6]uint64
	var buf [48]byte
	m.FillBytes(buf[:])
	for i := range out {
		for j := 0; j < 8; j++ {
			out[i] |= uint64(buf[47-8*i-j]) << (8 * j)
		}
	}
	return out
}

// IsInSubgroup returns 1 if p (assumed on the curve) is in G1 and 0
// otherwise. Variable time: the running time depends on p.
//
// It tests phi(P) = -u^2 P (Scott, ePrint 2021/1130; see the top of this
// file). u^2 has 128 bits, about sqrt(r), the length one expects of a test
// built on an endomorphism of degree 2 over Z[phi]. u^2 P is computed as
// |u|(|u|P) with the binary expansion of |u| = 0xd201000000010000 (Hamming
// weight 6): 126 doublings and 10 additions, no table, in the Jacobian
// coordinates of varmult.go. That measured faster than a width-5 NAF of u^2
// (its table costs more than it saves), and the Jacobian doubling is
// cheaper than the complete projective one.
func (p *G1) IsInSubgroup() int {
	if p.IsIdentity() == 1 {
		return 1
	}
	var j, t g1Jac
	j.fromG1(p)
	t.mulByUAbs(&j)
	t.mulByUAbs(&t)
	if t.Z.IsZero() == 1 {
		return 0 // u^2 P = O but P != O, while phi(P) != O
	}
	// phi(P) = (beta X_j : Y_j : Z_j) equals -t = (X_t : -Y_t : Z_t) iff
	// beta X_j Z_t^2 = X_t Z_j^2 and Y_j Z_t^3 = -Y_t Z_j^3.
	var zj2, zt2, l, r Fp
	zj2.Square(&j.Z)
	zt2.Square(&t.Z)
	l.Mul(&j.X, &betaG1)
	l.Mul(&l, &zt2)
	r.Mul(&t.X, &zj2)
	if l.Equal(&r) != 1 {
		return 0
	}
	zj2.Mul(&zj2, &j.Z)
	zt2.Mul(&zt2, &t.Z)
	l.Mul(&j.Y, &zt2)
	r.Mul(&t.Y, &zj2)
	r.Neg(&r)
	return l.Equal(&r)
}

// mulByUAbsVarTime sets p = |u| q and returns p, by the binary expansion of
// |u| (63 doublings and 5 additions, no table). Variable time.
func (p *G2) mulByUAbsVarTime(q *G2) *G2 {
	acc := *q
	for i := 62; i >= 0; i-- {
		acc.Double(&acc)
		if uAbs>>uint(i)&1 == 1 {
			acc.Add(&acc, q)
		}
	}
	return p.Set(&acc)
}

// psi applies the untwist-Frobenius-twist endomorphism to q.
func (p *G2) psi(q *G2) *G2 {
	p.X.Conjugate(&q.X)
	p.X.Mul(&p.X, &psiX)
	p.Y.Conjugate(&q.Y)
	p.Y.Mul(&p.Y, &psiY)
	p.Z.Conjugate(&q.Z)
	return p
}

// IsInSubgroup returns 1 if p (assumed on the curve) is in G2 and 0
// otherwise. Variable time.
func (p *G2) IsInSubgroup() int {
	var l, r G2
	l.psi(p)
	r.mulByUAbsVarTime(p)
	r.Neg(&r) // u < 0
	return l.Equal(&r)
}

// isInGT returns 1 if f lies in GT and 0 otherwise (variable time).
func isInGT(f *Fp12) int {
	if f.IsZero() == 1 {
		return 0
	}
	var a, b Fp12
	// cyclotomic: f^(p^4) * f == f^(p^2)
	a.Frobenius(f, 2)
	b.Frobenius(&a, 2)
	b.Mul(&b, f)
	if b.Equal(&a) != 1 {
		return 0
	}
	// f^p == f^u
	a.Frobenius(f, 1)
	expByU(&b, f)
	return a.Equal(&b)
}
