package bls12381

// legacyCofactorG1 is the full cofactor h = #E(Fp)/r of G1,
// 0x396C8C005555E1568C00AAAB0000AAAB, as little-endian limbs. Milagro's map
// multiplies by it (not by the "effective" cofactor 1 - u of RFC 9380).
var legacyCofactorG1 = [2]uint64{0x8c00aaab0000aaab, 0x396c8c005555e156}

// legacyCofactorThird is (1 - u)/3 = (1 + |u|)/3 = 0x4600555555555AAB, the
// second factor of h = (1 - u) (1 - u)/3.
const legacyCofactorThird uint64 = (1 + uAbs) / 3

// legacyClearCofactor multiplies p by the full G1 cofactor, as the legacy
// Milagro map does, and returns p. Variable time (the cofactor is public,
// and p is a public hash output).
//
// It uses h = (1 - u) (1 - u)/3: Q = (1 - u) P = P + |u| P by the sparse
// chain of |u| (63 doublings, 5 additions), then (1 - u)/3 Q by a width-5
// NAF of the 63-bit factor, all in Jacobian coordinates. That is the
// 126-bit multiplication by h done with about a third fewer additions than
// a NAF of h, and with the cheaper Jacobian doubling. The Jacobian formulas
// branch on the exceptional cases, so the result is exact for every point
// of E(Fp), in G1 or not (p need not have order r: the cofactor is what
// removes the other part).
func legacyClearCofactor(p *G1) *G1 {
	var j g1Jac
	j.fromG1(p)
	j.mulByOneMinusU(&j)
	return j.mulSmallVarTime(legacyCofactorThird).toG1(p)
}

// mulByOneMinusU sets j = (1 - u) a = a + |u| a (RFC 9380's effective G1
// cofactor) and returns j. Variable time.
func (j *g1Jac) mulByOneMinusU(a *g1Jac) *g1Jac {
	var c g1JacCached
	c.set(a)
	j.mulByUAbs(a)
	return j.addCached(j, &c)
}

// mulSmallVarTime sets j = k j for a public 64-bit k by a width-5 NAF in
// Jacobian coordinates and returns j. Exact for every point of E(Fp).
// Variable time in k and in j.
func (j *g1Jac) mulSmallVarTime(k uint64) *g1Jac {
	var naf [64 + 1]int8
	n := wnaf5(naf[:], []uint64{k})
	var odd [8]g1JacCached
	var t, twice g1Jac
	var twiceC g1JacCached
	t = *j
	twice.double(j)
	twiceC.set(&twice)
	odd[0].set(&t)
	for i := 1; i < len(odd); i++ {
		t.addCached(&t, &twiceC)
		odd[i].set(&t)
	}
	var acc g1Jac
	acc.setIdentity()
	for i := n - 1; i >= 0; i-- {
		acc.double(&acc)
		if naf[i] != 0 {
			acc.addDigit(&acc, &odd, naf[i])
		}
	}
	*j = acc
	return j
}

// legacyClearCofactorSum returns h p1 + h p2 for two points of E(Fp) and
// true, or false when h p1 or h p2 is the identity (the legacy map then
// moves on to another x, so the sum is not h (p1 + p2)).
//
// With h = (1 - u)/3 (1 - u): Q_i = (1 - u) p_i, which lies in G1 (RFC 9380's
// effective cofactor), then h p1 + h p2 = (1 - u)/3 (Q1 + Q2). h p_i is the
// identity exactly when Q_i is: a Q_i of G1 other than the identity has
// order r, which does not divide (1 - u)/3. Two |u| chains and one 63-bit
// multiplication, against two of each for two separate clearings.
// Variable time.
func legacyClearCofactorSum(p1, p2 *G1) (*G1, bool) {
	var q1, q2 g1Jac
	q1.fromG1(p1)
	q1.mulByOneMinusU(&q1)
	q2.fromG1(p2)
	q2.mulByOneMinusU(&q2)
	if q1.Z.IsZero() == 1 || q2.Z.IsZero() == 1 {
		return nil, false
	}
	var c g1JacCached
	c.set(&q2)
	q1.addCached(&q1, &c)
	var s G1
	return q1.mulSmallVarTime(legacyCofactorThird).toG1(&s), true
}
