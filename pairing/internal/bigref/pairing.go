package bigref

import "math/big"

// vertical evaluates at p the vertical line x - x_s through s (the constant
// 1 when s = O, whose "vertical line" is the line at infinity).
func (c *Curve) vertical(s, p E12) Fp12 {
	if s.Inf {
		return c.Fp12One()
	}
	return c.Fp12Sub(p.X, s.X)
}

// lineStep returns s = t + q together with the two factors of the Miller
// recurrence evaluated at p: l, the line through t and q (the tangent when
// t == q), and v, the vertical line through s. The Miller function then
// updates as f <- f * l / v.
func (c *Curve) lineStep(t, q, p E12) (s E12, l, v Fp12) {
	k := c.e12()
	if t.Inf || q.Inf {
		// The "line" through O and q is the vertical at q, which cancels the
		// vertical at s = q: the factor is 1.
		return k.add(t, q), c.Fp12One(), c.Fp12One()
	}
	lambda, ok := k.slope(t, q)
	if !ok {
		// q = -t: the line is the vertical x - x_t and the sum is O.
		return k.infinity(), c.Fp12Sub(p.X, t.X), c.Fp12One()
	}
	s = k.addWithSlope(t, q, lambda)
	// l(x, y) = (y - y_t) - lambda (x - x_t)
	l = c.Fp12Sub(c.Fp12Sub(p.Y, t.Y), c.Fp12Mul(lambda, c.Fp12Sub(p.X, t.X)))
	return s, l, c.vertical(s, p)
}

// miller evaluates at p the Miller function f_{n,q}, the function with
// divisor n(q) - ([n]q) - (n-1)(O), for any integer n. It returns it as a
// fraction num/den (so that only one inversion is needed) together with
// [n]q. It uses f_{i+j} = f_i f_j l_{[i]q,[j]q} / v_{[i+j]q} and f_1 = 1,
// and for negative n the identity f_{-m} = 1 / (f_m v_{[m]q}), which follows
// from comparing divisors.
func (c *Curve) miller(n *big.Int, q, p E12) (num, den Fp12, t E12) {
	num, den = c.Fp12One(), c.Fp12One()
	if n.Sign() == 0 || q.Inf {
		return num, den, c.E12Infinity()
	}
	m := new(big.Int).Abs(n)
	t = q
	var l, v Fp12
	for i := m.BitLen() - 2; i >= 0; i-- {
		num, den = c.Fp12Sqr(num), c.Fp12Sqr(den)
		t, l, v = c.lineStep(t, t, p)
		num, den = c.Fp12Mul(num, l), c.Fp12Mul(den, v)
		if m.Bit(i) == 1 {
			t, l, v = c.lineStep(t, q, p)
			num, den = c.Fp12Mul(num, l), c.Fp12Mul(den, v)
		}
	}
	if n.Sign() < 0 {
		num, den = den, c.Fp12Mul(num, c.vertical(t, p))
		t = c.E12Neg(t)
	}
	return num, den, t
}

// MillerLoop returns the value at P of the optimal ate Miller function for
// psi(Q), before the final exponentiation. All computation happens in
// E(Fp12) with P embedded and Q untwisted:
//
//   - BN:    f = f_{6u+2,Q'}(P) * l_{T,Q1}(P)/v_{T+Q1}(P) * l_{T+Q1,Q2}(P)/v_{T+Q1+Q2}(P)
//     with Q' = psi(Q), T = [6u+2]Q', Q1 = pi_p(Q'), Q2 = -pi_p^2(Q');
//   - BLS12: f = f_{u,Q'}(P).
//
// The Miller function is computed for the signed loop parameter, using
// f_{-m,Q} = 1/(f_{m,Q} v_{[m]Q}) when it is negative (as it is for both
// built-in curves), and T = [6u+2]Q' is then the negated point. After the
// final exponentiation this agrees with the common shortcut of running the
// loop on |n| and conjugating. The value is only
// defined up to factors that the final exponentiation removes (this code
// keeps vertical lines that optimized code drops), so compare MillerLoop
// outputs only after FinalExp. It returns 1 if P or Q is O.
func (c *Curve) MillerLoop(P G1, Q G2) Fp12 {
	if P.Inf || Q.Inf {
		return c.Fp12One()
	}
	pp := c.E12FromG1(P)
	qq := c.Untwist(Q)
	switch c.Family {
	case BN:
		n := new(big.Int).Mul(big.NewInt(6), c.U)
		n.Add(n, big.NewInt(2))
		num, den, t := c.miller(n, qq, pp)
		q1 := c.E12Frobenius(qq, 1)
		q2 := c.E12Neg(c.E12Frobenius(qq, 2))
		var l, v Fp12
		t, l, v = c.lineStep(t, q1, pp)
		num, den = c.Fp12Mul(num, l), c.Fp12Mul(den, v)
		_, l, v = c.lineStep(t, q2, pp)
		num, den = c.Fp12Mul(num, l), c.Fp12Mul(den, v)
		return c.Fp12Mul(num, c.Fp12Inv(den))
	case BLS12:
		num, den, _ := c.miller(c.U, qq, pp)
		return c.Fp12Mul(num, c.Fp12Inv(den))
	}
	panic("bigref: unknown curve family")
}

// FinalExp raises f to the power (p^12 - 1)/r with one plain
// square-and-multiply exponentiation.
func (c *Curve) FinalExp(f Fp12) Fp12 {
	return c.Fp12Exp(f, c.finalExp)
}

// FinalExponent returns a copy of (p^12 - 1)/r.
func (c *Curve) FinalExponent() *big.Int {
	return new(big.Int).Set(c.finalExp)
}

// Pair returns the optimal ate pairing e(P, Q) = MillerLoop(P, Q)^((p^12-1)/r).
// P should be in G1 and Q in G2; this is not checked. e(O, Q) = e(P, O) = 1.
//
// Optimized libraries sometimes return a fixed power of this value instead:
// a final exponentiation whose hard part is computed as a multiple of
// (p^4 - p^2 + 1)/r (for BLS12 typically 3 times it) yields e(P, Q)^3.
// Such a library is still a correct pairing; compare with Fp12Exp(Pair, 3).
func (c *Curve) Pair(P G1, Q G2) Fp12 {
	return c.FinalExp(c.MillerLoop(P, Q))
}

// MultiPair returns the product of e(ps[k], qs[k]), computed as the product
// of the Miller loop values followed by a single final exponentiation. It
// panics if the slices have different lengths; the empty product is 1.
func (c *Curve) MultiPair(ps []G1, qs []G2) Fp12 {
	if len(ps) != len(qs) {
		panic("bigref: MultiPair needs as many G1 as G2 points")
	}
	f := c.Fp12One()
	for k := range ps {
		f = c.Fp12Mul(f, c.MillerLoop(ps[k], qs[k]))
	}
	return c.FinalExp(f)
}

// Tate returns the reduced Tate pairing f_{r,P}(psi(Q))^((p^12-1)/r), with the
// Miller loop run over r on P in E(Fp) and evaluated at the untwisted Q. It
// is a different bilinear pairing from Pair (on G1 x G2 the two are related
// by a fixed power), useful as an independent cross-check.
func (c *Curve) Tate(P G1, Q G2) Fp12 {
	if P.Inf || Q.Inf {
		return c.Fp12One()
	}
	num, den, _ := c.miller(c.R, c.E12FromG1(P), c.Untwist(Q))
	return c.FinalExp(c.Fp12Mul(num, c.Fp12Inv(den)))
}

// InGT reports whether f is an r-th root of unity in Fp12 (f^r = 1), the
// property every pairing value has.
func (c *Curve) InGT(f Fp12) bool {
	return c.Fp12IsOne(c.Fp12Exp(f, c.R))
}
