package bls12381

// Variable-time scalar multiplication for public scalars and points: the
// hooks behind the generated ScalarMultVarTime, and the Jacobian arithmetic
// the G1 subgroup test (subgroup.go) shares with it.
//
// G1 uses the GLV endomorphism (see glv.go): kP = aP + b(-phi(P)) with
// a, b < 2^128 from glvSplit. The two width-5 NAFs are interleaved (Straus),
// so the about 128 doublings are shared. The odd multiples P, 3P, ..., 15P
// are computed once; those of -phi(P) = (beta x, -y) cost one field
// multiplication each. The arithmetic is in Jacobian coordinates
// (x = X/Z^2, y = Y/Z^3) with the a = 0 formulas of the Explicit-Formulas
// Database (dbl-2009-l, add-2007-bl with the table's Z^2 and Z^3 cached).
// They are cheaper than the complete projective formulas (7 instead of 9
// multiplications per doubling, 14 per addition like the complete
// formula's) but not complete: addition branches on an
// operand at infinity and on equal or opposite operands.
//
// G2 uses psi, which acts as u on G2: the four 64-bit base-|u| digits give
// kQ = k0 Q + k1 (-psi(Q)) + k2 psi^2(Q) + k3 (-psi^3(Q)), four interleaved
// width-5 NAFs with about 64 shared doublings in the generated complete
// projective formulas. The tables of the psi images cost two Fp2
// multiplications per entry.
//
// Nothing here is constant time: the control flow and the memory accesses
// depend on the digits of k and, through the exceptional cases, on the
// points. Secret scalars go through ScalarMult (glv.go), which is.

// g1Jac is a point of E(Fp) in Jacobian coordinates (X : Y : Z), standing
// for (X/Z^2, Y/Z^3); Z = 0 is the point at infinity. Variable-time use
// only.
type g1Jac struct {
	X, Y, Z Fp
}

// g1JacCached is a point in Jacobian coordinates with ZZ = Z^2 and
// ZZZ = Z^3, the second operand of repeated additions.
type g1JacCached struct {
	X, Y, Z, ZZ, ZZZ Fp
}

func (j *g1Jac) setIdentity() *g1Jac {
	j.X.SetOne()
	j.Y.SetOne()
	j.Z.SetZero()
	return j
}

// fromG1 sets j to the projective point p: (X : Y : Z) is (XZ : YZ^2 : Z)
// in Jacobian coordinates.
func (j *g1Jac) fromG1(p *G1) *g1Jac {
	var zz Fp
	zz.Square(&p.Z)
	j.X.Mul(&p.X, &p.Z)
	j.Y.Mul(&p.Y, &zz)
	j.Z.Set(&p.Z)
	return j
}

// toG1 sets p to j in projective coordinates, (XZ : Y : Z^3), and returns p.
func (j *g1Jac) toG1(p *G1) *G1 {
	if j.Z.IsZero() == 1 {
		return p.SetIdentity()
	}
	var z3 Fp
	z3.Square(&j.Z)
	z3.Mul(&z3, &j.Z)
	p.X.Mul(&j.X, &j.Z)
	p.Y.Set(&j.Y)
	p.Z.Set(&z3)
	return p
}

// set sets c to j with its Z^2 and Z^3.
func (c *g1JacCached) set(j *g1Jac) *g1JacCached {
	c.X.Set(&j.X)
	c.Y.Set(&j.Y)
	c.Z.Set(&j.Z)
	c.ZZ.Square(&j.Z)
	c.ZZZ.Mul(&c.ZZ, &j.Z)
	return c
}

// double sets j = 2a and returns j (dbl-2009-l with D = 4 X B instead of
// 2((X + B)^2 - A - C), as a squaring costs a multiplication here: 3M + 4S).
// Correct for every input, including infinity (Z stays 0).
func (j *g1Jac) double(a *g1Jac) *g1Jac {
	var A, B, C, D, E, F, t Fp
	A.Square(&a.X)
	B.Square(&a.Y)
	C.Square(&B)
	D.Mul(&a.X, &B)
	D.Double(&D)
	D.Double(&D) // 4 X B
	E.Double(&A)
	E.Add(&E, &A) // 3 X^2
	F.Square(&E)
	t.Mul(&a.Y, &a.Z)
	j.Z.Double(&t) // a is fully read above
	j.X.Double(&D)
	j.X.Sub(&F, &j.X) // F - 2D
	t.Sub(&D, &j.X)
	t.Mul(&E, &t)
	C.Double(&C)
	C.Double(&C)
	C.Double(&C) // 8 C
	j.Y.Sub(&t, &C)
	return j
}

// addCached sets j = a + b and returns j (add-2007-bl with Z2^2 and Z2^3
// from the cache and Z3 = 2 Z1 Z2 H: 11M + 3S). Variable time: it branches on either operand
// at infinity and on a = b (doubling) or a = -b (infinity).
func (j *g1Jac) addCached(a *g1Jac, b *g1JacCached) *g1Jac {
	if b.Z.IsZero() == 1 {
		*j = *a
		return j
	}
	if a.Z.IsZero() == 1 {
		j.X, j.Y, j.Z = b.X, b.Y, b.Z
		return j
	}
	var z1z1, u1, u2, s1, s2, h, r Fp
	z1z1.Square(&a.Z)
	u1.Mul(&a.X, &b.ZZ)
	u2.Mul(&b.X, &z1z1)
	s1.Mul(&a.Y, &b.ZZZ)
	s2.Mul(&a.Z, &z1z1)
	s2.Mul(&s2, &b.Y)
	h.Sub(&u2, &u1)
	r.Sub(&s2, &s1)
	if h.IsZero() == 1 {
		if r.IsZero() == 1 {
			return j.double(a)
		}
		return j.setIdentity()
	}
	var i, jj, v, x3, y3, z3 Fp
	r.Double(&r)
	i.Double(&h)
	i.Square(&i) // (2H)^2
	jj.Mul(&h, &i)
	v.Mul(&u1, &i)
	x3.Square(&r)
	x3.Sub(&x3, &jj)
	x3.Sub(&x3, &v)
	x3.Sub(&x3, &v) // r^2 - J - 2V
	y3.Sub(&v, &x3)
	y3.Mul(&y3, &r)
	s1.Mul(&s1, &jj)
	s1.Double(&s1)
	y3.Sub(&y3, &s1) // r(V - X3) - 2 S1 J
	z3.Mul(&a.Z, &b.Z)
	z3.Double(&z3)
	z3.Mul(&z3, &h) // 2 Z1 Z2 H
	j.X, j.Y, j.Z = x3, y3, z3
	return j
}

// addDigit sets j = a + d*P for an odd NAF digit d, with odd[i] = (2i+1)P.
func (j *g1Jac) addDigit(a *g1Jac, odd *[8]g1JacCached, d int8) *g1Jac {
	if d > 0 {
		return j.addCached(a, &odd[d/2])
	}
	c := odd[-d/2]
	c.Y.Neg(&c.Y)
	return j.addCached(a, &c)
}

// mulByUAbs sets j = |u| a and returns j, by the binary expansion of
// |u| = 0xd201000000010000 from the top: 63 doublings and 5 additions, no
// table. Variable time (|u| is public; a enters through the exceptional
// cases only).
func (j *g1Jac) mulByUAbs(a *g1Jac) *g1Jac {
	var c g1JacCached
	c.set(a)
	acc := *a
	for i := 62; i >= 0; i-- {
		acc.double(&acc)
		if uAbs>>uint(i)&1 == 1 {
			acc.addCached(&acc, &c)
		}
	}
	*j = acc
	return j
}

// scalarMultVarTime sets p = k*q with GLV and interleaved width-5 NAFs in
// Jacobian coordinates (see the top of this file) and returns p. q must be
// in G1, where phi acts as -u^2; for other points of E(Fp) the result is
// some point but not kq. Variable time in k and q.
func (p *G1) scalarMultVarTime(k *Fr, q *G1) *G1 {
	if q.IsIdentity() == 1 {
		return p.SetIdentity()
	}
	a, b := glvSplit(k)
	var nafA, nafB [2*64 + 1]int8
	na := wnaf5(nafA[:], a[:])
	nb := wnaf5(nafB[:], b[:])

	// Odd multiples of q and of -phi(q) = (beta X, -Y, Z).
	var tq, tphi [8]g1JacCached
	var q1, q2, t g1Jac
	var q2c g1JacCached
	q1.fromG1(q)
	q2.double(&q1)
	q2c.set(&q2)
	tq[0].set(&q1)
	t = q1
	for i := 1; i < 8; i++ {
		t.addCached(&t, &q2c)
		tq[i].set(&t)
	}
	for i := range tq {
		tphi[i] = tq[i]
		tphi[i].X.Mul(&tq[i].X, &betaG1)
		tphi[i].Y.Neg(&tq[i].Y)
	}

	var acc g1Jac
	acc.setIdentity()
	started := false
	for i := max(na, nb) - 1; i >= 0; i-- {
		if started {
			acc.double(&acc)
		}
		if i < na && nafA[i] != 0 {
			acc.addDigit(&acc, &tq, nafA[i])
			started = true
		}
		if i < nb && nafB[i] != 0 {
			acc.addDigit(&acc, &tphi, nafB[i])
			started = true
		}
	}
	return acc.toG1(p)
}

// scalarMultVarTime sets p = k*q with GLS over psi and four interleaved
// width-5 NAFs of the base-|u| digits (see the top of this file) and
// returns p. q must be in G2, where psi acts as u. Variable time in k and q.
func (p *G2) scalarMultVarTime(k *Fr, q *G2) *G2 {
	d := baseU(k)
	var odd [4][8]G2
	oddG2(&odd[0], q)
	// odd[j] holds the odd multiples of (-psi)^j(q), matching the signs of
	// u^j = (-|u|)^j.
	for j := 1; j < 4; j++ {
		for i := range odd[j] {
			odd[j][i].psi(&odd[j-1][i])
			odd[j][i].Neg(&odd[j][i])
		}
	}
	var bufs [4][64 + 1]int8
	var nafs [4][]int8
	for j := range d {
		n := wnaf5(bufs[j][:], d[j:j+1])
		nafs[j] = bufs[j][:n]
	}
	return p.interleavedNAFVarTime(odd[:], nafs[:])
}
