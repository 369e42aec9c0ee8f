package bls12381

import "errors"

// ErrLengthMismatch reports MultiPair inputs of different lengths.
var ErrLengthMismatch = errors.New("bls12381: MultiPair needs as many G2 as G1 points")

// The optimal ate pairing on BLS12-381:
//
//	e(P, Q) = f_{|u|,Q}(P)^(3(p^12-1)/r), conjugated because u < 0,
//
// with the Miller loop in homogeneous projective coordinates on the M-type
// twist and lines evaluated at the affine P. The final exponentiation uses
// the decomposition of Hayashida, Hayasaka and Teruya (ePrint 2020/875),
// 3(p^4-p^2+1)/r = (u-1)^2 (u+p)(u^2+p^2-1) + 3, so the pairing value is the
// cube of the "exact" reduced pairing. The cube is again a non-degenerate
// bilinear pairing, and it is the value circl and gnark-crypto compute, so
// GT elements are byte-compatible with them.
//
// Everything here is constant time in the points: the loop follows the
// public bits of u, and identity inputs are handled with selections.

// lineDouble performs the doubling step T <- 2T and returns the line
// tangent at T evaluated at P = (xP, yP), scaled by a factor in Fp2, as the
// sparse coefficients (d0, d1, d4) of d0 + d1 v + d4 v w.
func lineDouble(t *G2, xP, yP *Fp) (d0, d1, d4 Fp2) {
	// With x = X/Z, y = Y/Z the tangent slope is 3X^2/(2YZ). Multiplying
	// the untwisted line by 2YZ w^3 gives
	//   (Y^2 - 3b'Z^2) + (-3X^2 xP) v + (2YZ yP) v w.
	var a, b, c, e, f, g, h, x2, t0 Fp2
	a.Mul(&t.X, &t.Y)
	a.MulByFp(&a, &halfFp) // XY/2
	b.Square(&t.Y)         // Y^2
	c.Square(&t.Z)         // Z^2
	e.Mul(&c, &b3G2)       // 3b'Z^2
	f.Double(&e)
	f.Add(&f, &e) // 9b'Z^2
	g.Add(&b, &f)
	g.MulByFp(&g, &halfFp) // (Y^2 + 9b'Z^2)/2
	h.Add(&t.Y, &t.Z)
	h.Square(&h)
	t0.Add(&b, &c)
	h.Sub(&h, &t0) // 2YZ
	x2.Square(&t.X)

	d0.Sub(&b, &e)
	d1.Double(&x2)
	d1.Add(&d1, &x2)
	d1.MulByFp(&d1, xP)
	d1.Neg(&d1)
	d4.MulByFp(&h, yP)

	// X3 = XY/2 (Y^2 - 9b'Z^2), Y3 = G^2 - 3E^2, Z3 = Y^2 * 2YZ
	t0.Sub(&b, &f)
	t.X.Mul(&a, &t0)
	t0.Square(&e)
	var t1 Fp2
	t1.Double(&t0)
	t1.Add(&t1, &t0)
	t.Y.Square(&g)
	t.Y.Sub(&t.Y, &t1)
	t.Z.Mul(&b, &h)
	return
}

// lineAdd performs T <- T + Q for an affine Q and returns the line through T
// and Q evaluated at P, scaled, as sparse coefficients (d0, d1, d4).
func lineAdd(t *G2, q *G2Affine, xP, yP *Fp) (d0, d1, d4 Fp2) {
	// slope = theta/lambda with theta = Y - yQ Z, lambda = X - xQ Z. The line
	// times lambda w^3 is (theta xQ - lambda yQ) + (-theta xP) v + (lambda yP) v w.
	var theta, lambda, c, d, e, f, g, h, t0 Fp2
	theta.Mul(&q.Y, &t.Z)
	theta.Sub(&t.Y, &theta)
	lambda.Mul(&q.X, &t.Z)
	lambda.Sub(&t.X, &lambda)

	d0.Mul(&theta, &q.X)
	t0.Mul(&lambda, &q.Y)
	d0.Sub(&d0, &t0)
	d1.MulByFp(&theta, xP)
	d1.Neg(&d1)
	d4.MulByFp(&lambda, yP)

	c.Square(&theta)
	d.Square(&lambda)
	e.Mul(&d, &lambda) // lambda^3
	f.Mul(&t.Z, &c)
	g.Mul(&t.X, &d)
	h.Add(&e, &f)
	h.Sub(&h, &g)
	h.Sub(&h, &g) // E + F - 2G
	t.X.Mul(&lambda, &h)
	t0.Sub(&g, &h)
	t0.Mul(&t0, &theta)
	var t1 Fp2
	t1.Mul(&t.Y, &e)
	t.Y.Sub(&t0, &t1)
	t.Z.Mul(&t.Z, &e)
	return
}

// millerPair holds the per-pair state of a multi-pairing Miller loop.
type millerPair struct {
	xP, yP Fp
	q      G2Affine
	t      G2
	skip   int // 1 when P or Q is the identity: the pair contributes 1
}

func preparePairs(ps []*G1, qs []*G2) []millerPair {
	pairs := make([]millerPair, len(ps))
	for i := range ps {
		pairs[i].setup(ps[i], qs[i])
	}
	return pairs
}

// setup fills pr from p and q. Identity inputs are replaced by the
// generators (the arithmetic stays well defined) and the pair is marked to
// be skipped, by selection, so the work does not depend on them.
func (pr *millerPair) setup(p *G1, q *G2) {
	var pp G1
	var qq G2
	// A nil point is treated as the identity (nil-ness is not secret).
	if p == nil {
		pp.SetIdentity()
	} else {
		pp.Set(p)
	}
	if q == nil {
		qq.SetIdentity()
	} else {
		qq.Set(q)
	}
	skip := pp.IsIdentity() | qq.IsIdentity()
	pp.Select(&g1Gen, &pp, skip)
	qq.Select(&g2Gen, &qq, skip)
	pa, qa, _, _ := affinePair(&pp, &qq)
	pr.xP, pr.yP = pa.X, pa.Y
	pr.q = qa
	pr.t.FromAffine(&qa)
	pr.skip = skip
}

// millerLoop accumulates f = prod_i f_{|u|,Q_i}(P_i), conjugated for u < 0.
func millerLoop(f *Fp12, pairs []millerPair) {
	f.SetOne()
	var g Fp12
	for i := 62; i >= 0; i-- {
		f.Square(f)
		for j := range pairs {
			pr := &pairs[j]
			d0, d1, d4 := lineDouble(&pr.t, &pr.xP, &pr.yP)
			g.MulBy014(f, &d0, &d1, &d4)
			f.Select(f, &g, pr.skip)
		}
		if (uAbs>>uint(i))&1 == 1 {
			for j := range pairs {
				pr := &pairs[j]
				d0, d1, d4 := lineAdd(&pr.t, &pr.q, &pr.xP, &pr.yP)
				g.MulBy014(f, &d0, &d1, &d4)
				f.Select(f, &g, pr.skip)
			}
		}
	}
	f.Conjugate(f)
}

// MillerLoop returns the product of the Miller functions of the pairs
// (ps[i], qs[i]), before the final exponentiation.
func MillerLoop(ps []*G1, qs []*G2) (*Fp12, error) {
	if len(ps) != len(qs) {
		return nil, ErrLengthMismatch
	}
	var f Fp12
	millerLoop(&f, preparePairs(ps, qs))
	return &f, nil
}

// expByU sets z = x^u for x in the cyclotomic subgroup (u < 0).
func expByU(z, x *Fp12) {
	var acc Fp12
	acc.Set(x)
	for i := 62; i >= 0; i-- {
		acc.CyclotomicSquare(&acc)
		if (uAbs>>uint(i))&1 == 1 {
			acc.Mul(&acc, x)
		}
	}
	z.Conjugate(&acc)
}

// FinalExponentiation raises f to 3(p^12-1)/r and returns the GT value.
func FinalExponentiation(f *Fp12) *GT {
	var g GT
	finalExp(&g, f)
	return &g
}

// finalExp sets z = f^(3(p^12-1)/r) without allocating.
func finalExp(z *GT, f *Fp12) {
	var t, g Fp12
	// Easy part: f^((p^6-1)(p^2+1)).
	t.Inverse(f)
	g.Conjugate(f)
	g.Mul(&g, &t)
	t.Frobenius(&g, 2)
	g.Mul(&g, &t)
	// Hard part: g^((u-1)^2 (u+p)(u^2+p^2-1) + 3).
	var a, b, c, inv Fp12
	// a = g^(u-1), then a = a^(u-1)
	expByU(&a, &g)
	inv.Conjugate(&g)
	a.Mul(&a, &inv)
	expByU(&b, &a)
	inv.Conjugate(&a)
	a.Mul(&b, &inv)
	// a = a^(u+p)
	expByU(&b, &a)
	c.Frobenius(&a, 1)
	a.Mul(&b, &c)
	// a = a^(u^2+p^2-1)
	expByU(&b, &a)
	expByU(&b, &b)
	c.Frobenius(&a, 2)
	b.Mul(&b, &c)
	inv.Conjugate(&a)
	a.Mul(&b, &inv)
	// times g^3
	c.CyclotomicSquare(&g)
	c.Mul(&c, &g)
	z.f.Mul(&a, &c)
}

// Pair returns e(p, q). Constant time in p and q.
func Pair(p *G1, q *G2) *GT {
	var f Fp12
	var pairs [1]millerPair
	pairs[0].setup(p, q)
	millerLoop(&f, pairs[:])
	return FinalExponentiation(&f)
}

// MultiPair returns the product of e(ps[i], qs[i]) computed with one shared
// Miller loop and a single final exponentiation. Identity points contribute
// the factor 1.
func MultiPair(ps []*G1, qs []*G2) (*GT, error) {
	f, err := MillerLoop(ps, qs)
	if err != nil {
		return nil, err
	}
	return FinalExponentiation(f), nil
}
