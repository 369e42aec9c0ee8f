package bigref

import "math/big"

// Point is an affine point (X, Y) on a curve y^2 = x^3 + b over the field
// whose elements have type E, or the point at infinity O when Inf is true
// (X and Y are then ignored and may be zero values).
type Point[E any] struct {
	X, Y E
	Inf  bool
}

// G1 is a point of E(Fp): y^2 = x^3 + b. It need not lie in the order-r
// subgroup; see G1InSubgroup.
type G1 = Point[*big.Int]

// G2 is a point of the sextic twist E'(Fp2): y^2 = x^3 + b', where b' = b/xi
// for a D-type twist and b' = b*xi for an M-type twist. It need not lie in
// the order-r subgroup; see G2InSubgroup.
type G2 = Point[Fp2]

// E12 is a point of E(Fp12): y^2 = x^3 + b with coordinates in the flat
// Fp12. Pairings are computed on such points.
type E12 = Point[Fp12]

// field bundles the operations the generic affine formulas need.
type field[E any] struct {
	add, sub, mul func(x, y E) E
	neg, inv      func(x E) E
	equal         func(x, y E) bool
	isZero        func(x E) bool
	small         func(v int64) E
}

// affine implements textbook affine arithmetic on y^2 = x^3 + b over f.
type affine[E any] struct {
	f field[E]
	b E
}

func (k affine[E]) infinity() Point[E] {
	return Point[E]{X: k.f.small(0), Y: k.f.small(0), Inf: true}
}

func (k affine[E]) onCurve(p Point[E]) bool {
	if p.Inf {
		return true
	}
	lhs := k.f.mul(p.Y, p.Y)
	rhs := k.f.add(k.f.mul(k.f.mul(p.X, p.X), p.X), k.b)
	return k.f.equal(lhs, rhs)
}

func (k affine[E]) equal(p, q Point[E]) bool {
	if p.Inf || q.Inf {
		return p.Inf == q.Inf
	}
	return k.f.equal(p.X, q.X) && k.f.equal(p.Y, q.Y)
}

func (k affine[E]) neg(p Point[E]) Point[E] {
	if p.Inf {
		return k.infinity()
	}
	return Point[E]{X: p.X, Y: k.f.neg(p.Y)}
}

// slope returns the slope of the line through p and q (the tangent when
// p == q) and true, or false when that line is vertical, i.e. p + q = O.
// Neither point may be O.
func (k affine[E]) slope(p, q Point[E]) (E, bool) {
	if !k.f.equal(p.X, q.X) {
		// chord: (y_q - y_p) / (x_q - x_p)
		return k.f.mul(k.f.sub(q.Y, p.Y), k.f.inv(k.f.sub(q.X, p.X))), true
	}
	if !k.f.equal(p.Y, q.Y) || k.f.isZero(p.Y) {
		// q = -p (including the 2-torsion case p = q = -p)
		var zero E
		return zero, false
	}
	// tangent: 3x^2 / (2y), since the curve has a = 0
	num := k.f.mul(k.f.small(3), k.f.mul(p.X, p.X))
	return k.f.mul(num, k.f.inv(k.f.add(p.Y, p.Y))), true
}

// addWithSlope finishes p + q given the slope lambda of the line through them:
// x3 = lambda^2 - x_p - x_q and y3 = lambda (x_p - x3) - y_p.
func (k affine[E]) addWithSlope(p, q Point[E], lambda E) Point[E] {
	x3 := k.f.sub(k.f.sub(k.f.mul(lambda, lambda), p.X), q.X)
	y3 := k.f.sub(k.f.mul(lambda, k.f.sub(p.X, x3)), p.Y)
	return Point[E]{X: x3, Y: y3}
}

func (k affine[E]) add(p, q Point[E]) Point[E] {
	if p.Inf {
		return q
	}
	if q.Inf {
		return p
	}
	lambda, ok := k.slope(p, q)
	if !ok {
		return k.infinity()
	}
	return k.addWithSlope(p, q, lambda)
}

// scalarMul returns [n]p by left-to-right double-and-add on |n|, negating
// the result for negative n.
func (k affine[E]) scalarMul(p Point[E], n *big.Int) Point[E] {
	m := new(big.Int).Abs(n) // big.Int.Bit reads two's complement, so use |n|
	acc := k.infinity()
	for i := m.BitLen() - 1; i >= 0; i-- {
		acc = k.add(acc, acc)
		if m.Bit(i) == 1 {
			acc = k.add(acc, p)
		}
	}
	if n.Sign() < 0 {
		acc = k.neg(acc)
	}
	return acc
}

// --- concrete fields -------------------------------------------------------

func (c *Curve) fpField() field[*big.Int] {
	return field[*big.Int]{
		add: c.FpAdd, sub: c.FpSub, mul: c.FpMul,
		neg: c.FpNeg, inv: c.FpInv,
		equal:  func(x, y *big.Int) bool { return c.Fp(x).Cmp(c.Fp(y)) == 0 },
		isZero: func(x *big.Int) bool { return c.Fp(x).Sign() == 0 },
		small:  c.FpFromInt,
	}
}

func (c *Curve) fp2Field() field[Fp2] {
	return field[Fp2]{
		add: c.Fp2Add, sub: c.Fp2Sub, mul: c.Fp2Mul,
		neg: c.Fp2Neg, inv: c.Fp2Inv,
		equal: c.Fp2Equal, isZero: c.Fp2IsZero,
		small: c.Fp2FromInt,
	}
}

func (c *Curve) fp12Field() field[Fp12] {
	return field[Fp12]{
		add: c.Fp12Add, sub: c.Fp12Sub, mul: c.Fp12Mul,
		neg: c.Fp12Neg, inv: c.Fp12Inv,
		equal: c.Fp12Equal, isZero: c.Fp12IsZero,
		small: func(v int64) Fp12 { return c.Fp12FromFp(big.NewInt(v)) },
	}
}

func (c *Curve) g1() affine[*big.Int] { return affine[*big.Int]{c.fpField(), c.Fp(c.B)} }
func (c *Curve) g2() affine[Fp2]      { return affine[Fp2]{c.fp2Field(), c.BTwist} }
func (c *Curve) e12() affine[Fp12] {
	return affine[Fp12]{c.fp12Field(), c.Fp12FromFp(c.B)}
}

// --- G1 --------------------------------------------------------------------

// G1Infinity returns the point at infinity of E(Fp).
func (c *Curve) G1Infinity() G1 { return c.g1().infinity() }

// NewG1 returns the affine point (x, y) of E(Fp), reduced mod p. It does
// not check that the point is on the curve.
func (c *Curve) NewG1(x, y *big.Int) G1 { return G1{X: c.Fp(x), Y: c.Fp(y)} }

// G1IsOnCurve reports whether p satisfies y^2 = x^3 + b (O always does).
func (c *Curve) G1IsOnCurve(p G1) bool { return c.g1().onCurve(p) }

// G1InSubgroup reports whether p is on the curve and [r]p = O.
func (c *Curve) G1InSubgroup(p G1) bool {
	return c.G1IsOnCurve(p) && c.G1ScalarMul(p, c.R).Inf
}

// G1Equal reports whether p == q.
func (c *Curve) G1Equal(p, q G1) bool { return c.g1().equal(p, q) }

// G1Neg returns -p.
func (c *Curve) G1Neg(p G1) G1 { return c.g1().neg(p) }

// G1Add returns p + q (all cases: O, doubling, p = -q).
func (c *Curve) G1Add(p, q G1) G1 { return c.g1().add(p, q) }

// G1Double returns 2p.
func (c *Curve) G1Double(p G1) G1 { return c.g1().add(p, p) }

// G1ScalarMul returns [n]p for any integer n (negative allowed).
func (c *Curve) G1ScalarMul(p G1, n *big.Int) G1 { return c.g1().scalarMul(p, n) }

// --- G2 (points on the twist) -----------------------------------------------

// G2Infinity returns the point at infinity of E'(Fp2).
func (c *Curve) G2Infinity() G2 { return c.g2().infinity() }

// NewG2 returns the affine point (x, y) of E'(Fp2). It does not check that
// the point is on the twist.
func (c *Curve) NewG2(x, y Fp2) G2 {
	return G2{X: c.NewFp2(x.A, x.B), Y: c.NewFp2(y.A, y.B)}
}

// G2IsOnCurve reports whether p satisfies y^2 = x^3 + b' on the twist.
func (c *Curve) G2IsOnCurve(p G2) bool { return c.g2().onCurve(p) }

// G2InSubgroup reports whether p is on the twist and [r]p = O.
func (c *Curve) G2InSubgroup(p G2) bool {
	return c.G2IsOnCurve(p) && c.G2ScalarMul(p, c.R).Inf
}

// G2Equal reports whether p == q.
func (c *Curve) G2Equal(p, q G2) bool { return c.g2().equal(p, q) }

// G2Neg returns -p.
func (c *Curve) G2Neg(p G2) G2 { return c.g2().neg(p) }

// G2Add returns p + q.
func (c *Curve) G2Add(p, q G2) G2 { return c.g2().add(p, q) }

// G2Double returns 2p.
func (c *Curve) G2Double(p G2) G2 { return c.g2().add(p, p) }

// G2ScalarMul returns [n]p for any integer n (negative allowed).
func (c *Curve) G2ScalarMul(p G2, n *big.Int) G2 { return c.g2().scalarMul(p, n) }

// --- E(Fp12) ---------------------------------------------------------------

// E12Infinity returns the point at infinity of E(Fp12).
func (c *Curve) E12Infinity() E12 { return c.e12().infinity() }

// E12IsOnCurve reports whether p satisfies y^2 = x^3 + b over Fp12.
func (c *Curve) E12IsOnCurve(p E12) bool { return c.e12().onCurve(p) }

// E12Equal reports whether p == q.
func (c *Curve) E12Equal(p, q E12) bool { return c.e12().equal(p, q) }

// E12Neg returns -p.
func (c *Curve) E12Neg(p E12) E12 { return c.e12().neg(p) }

// E12Add returns p + q.
func (c *Curve) E12Add(p, q E12) E12 { return c.e12().add(p, q) }

// E12Double returns 2p.
func (c *Curve) E12Double(p E12) E12 { return c.e12().add(p, p) }

// E12ScalarMul returns [n]p for any integer n (negative allowed).
func (c *Curve) E12ScalarMul(p E12, n *big.Int) E12 { return c.e12().scalarMul(p, n) }

// E12FromG1 embeds a point of E(Fp) into E(Fp12) (coordinates become
// constant polynomials).
func (c *Curve) E12FromG1(p G1) E12 {
	if p.Inf {
		return c.E12Infinity()
	}
	return E12{X: c.Fp12FromFp(p.X), Y: c.Fp12FromFp(p.Y)}
}

// E12Frobenius applies the p^k-power Frobenius endomorphism
// (x, y) -> (x^(p^k), y^(p^k)) to a point of E(Fp12).
func (c *Curve) E12Frobenius(p E12, k int) E12 {
	if p.Inf {
		return c.E12Infinity()
	}
	return E12{X: c.Fp12Frobenius(p.X, k), Y: c.Fp12Frobenius(p.Y, k)}
}
