package bn254

import "math/big"

// The optimal ate pairing on BN254CX (Vercauteren, "Optimal pairings",
// IEEE Trans. IT 2010, section IV for BN curves):
//
//	e(P, Q) = ( f_{6u+2,Q}(P) * l_{[6u+2]Q, Q1}(P) * l_{[6u+2]Q+Q1, Q2}(P) )^((p^12-1)/r)
//
// with Q1 = pi(Q), Q2 = -pi^2(Q), where pi is the p-power Frobenius moved to
// the twist. Everything below is written for the D-type twist
// E': y^2 = x^3 + b/xi and its untwisting map (x, y) -> (x w^2, y w^3).
//
// Line functions. For untwisted points T, S on E and P = (xP, yP) in E(Fp),
// the line through T and S evaluated at P is
//
//	l(P) = yP - lambda' xP w + (lambda' x_T - y_T) v w,
//
// where lambda' is the slope computed on the twist (the slope on E is
// lambda' w). This has the shape d0 + (d3 + d4 v) w that Fp12.MulBy034
// multiplies by. We scale every line by a non-zero element of Fp2 to clear
// the projective denominators; such factors become 1 under the final
// exponentiation, because (p^12-1)/r is a multiple of p^2-1.
//
// Doubling and addition use homogeneous projective coordinates on the twist,
// following the explicit formulas of Costello, Lange and Naehrig ("Faster
// pairing computations on curves with high-degree twists", PKC 2010) in the
// form given by Aranha, Karabina, Longa, Gebotys and Lopez ("Faster explicit
// formulas for computing pairings over ordinary curves", EUROCRYPT 2011,
// section 4), re-derived for this tower and scaled to avoid halvings (see
// the comments on each step). No field inversion happens inside the loop.
//
// The loop parameter 6u+2 is negative for BN254CX. We run the loop on
// |6u+2| and then use f_{-m,Q} = 1/(f_{m,Q} v_{[m]Q}): the vertical line is
// an Fp6 value that the final exponentiation removes, and 1/f may be
// replaced by its conjugate f^(p^6), because f^(p^6+1) also vanishes under
// the final exponentiation (r divides p^6+1). The running point is negated
// to [6u+2]Q before the two Frobenius lines.
//
// Constant time: the sequence of field operations depends only on the
// public loop parameter and on the number of pairs. Identity inputs are
// replaced by the generators and their lines masked to 1 with Select, so
// they do not change the schedule either.

// ateLoop holds the non-adjacent form of |6u+2| and uNAF that of |u| (for
// the exponentiations of the final exponentiation), least significant digit
// first, with their lengths. They are public constants, computed during
// package variable initialization (before any init function runs).
var (
	ateLoop, ateLoopLen = nafOf(ateLoopAbs())
	uNAF, uNAFLen       = nafOf(new(big.Int).SetUint64(uAbs))
)

// ateLoopAbs returns |6u+2|.
func ateLoopAbs() *big.Int {
	u := new(big.Int).SetUint64(uAbs)
	if uNegative {
		u.Neg(u)
	}
	l := new(big.Int).Mul(u, big.NewInt(6))
	l.Add(l, big.NewInt(2))
	return l.Abs(l)
}

// nafOf returns the non-adjacent form of the non-negative n (least
// significant digit first) and its number of digits.
func nafOf(n *big.Int) ([72]int8, int) {
	var d [72]int8
	k := nafDigits(n, d[:])
	return d, k
}

// nafDigits writes the non-adjacent form of the non-negative n into d (least
// significant first) and returns the number of digits. Init-time only.
func nafDigits(n *big.Int, d []int8) int {
	n = new(big.Int).Set(n)
	k := 0
	for n.Sign() > 0 {
		var z int8
		if n.Bit(0) == 1 {
			// z = 1 if n = 1 mod 4 and -1 if n = 3 mod 4, so n - z = 0 mod 4.
			z = 1
			if n.Bit(1) == 1 {
				z = -1
			}
			n.Sub(n, big.NewInt(int64(z)))
		}
		d[k] = z
		k++
		n.Rsh(n, 1)
	}
	return k
}

// millerBatch is the number of pairs that share one Miller loop. The state
// for a batch lives on the stack, so the loop never allocates; MultiPair
// with more pairs runs one Miller loop per batch and multiplies the results
// before the single final exponentiation.
const millerBatch = 8

// millerPair is the per-pair state of a Miller loop.
type millerPair struct {
	t      G2       // running point T on the twist
	q, qn  G2Affine // Q and -Q
	xP, yP Fp       // affine P
	nxP    Fp       // -xP
	nyP    Fp       // -yP
	skip   int      // 1 if P or Q is the identity: every line is masked to 1
}

// setup fills s from p and q. Nil or identity inputs are replaced by the
// generators, with skip = 1, in constant time.
func (s *millerPair) setup(p *G1, q *G2) {
	var pp G1
	var qq G2
	if p == nil { // a nil pointer is not secret
		pp.SetIdentity()
	} else {
		pp.Set(p)
	}
	if q == nil {
		qq.SetIdentity()
	} else {
		qq.Set(q)
	}
	pi, qi := pp.IsIdentity(), qq.IsIdentity()
	skip := pi | qi
	pp.Select(&g1Gen, &pp, pi)
	qq.Select(&g2Gen, &qq, qi)
	pa, qa, _, _ := affinePair(&pp, &qq)
	s.xP, s.yP = pa.X, pa.Y
	s.nxP.Neg(&pa.X)
	s.nyP.Neg(&pa.Y)
	s.q = qa
	s.qn.X = qa.X
	s.qn.Y.Neg(&qa.Y)
	s.t.FromAffine(&qa)
	s.skip = skip
}

// line is a sparse Fp12 value d0 + (d3 + d4 v) w.
type line struct {
	d0, d3, d4 Fp2
}

// mask replaces l by the constant 1 when skip == 1.
func (l *line) mask(skip int) {
	var one, zero Fp2
	one.SetOne()
	l.d0.Select(&one, &l.d0, skip)
	l.d3.Select(&zero, &l.d3, skip)
	l.d4.Select(&zero, &l.d4, skip)
}

// doubleStep sets T = 2T and returns in l the tangent line at T evaluated at
// P. With T = (X : Y : Z), B = Y^2, C = Z^2, E = 3b'C, F = 3E, H = 2YZ:
//
//	2T = (2XY(B - F) : (B + F)^2 - 12E^2 : 4BH)
//	l  = -H yP + 3X^2 xP w + (E - B) v w
//
// The point is four times the (XY(B-F)/2 : ((B+F)/2)^2 - 3E^2 : BH) of
// Aranha et al.; the line is the affine tangent times -2YZ, simplified with
// Y^2 Z = X^3 + b'Z^3.
func doubleStep(t *G2, l *line, xP, nyP *Fp) {
	var a, b, c, e, f, h, t0, t1 Fp2
	a.Mul(&t.X, &t.Y) // XY
	b.Square(&t.Y)    // B = Y^2
	c.Square(&t.Z)    // C = Z^2
	e.Mul(&c, &b3G2)  // E = 3b'Z^2
	f.Double(&e)
	f.Add(&f, &e) // F = 3E
	h.Add(&t.Y, &t.Z)
	h.Square(&h)
	t0.Add(&b, &c)
	h.Sub(&h, &t0) // H = 2YZ

	// Line coefficients (use X before it is overwritten).
	t1.Square(&t.X)
	t0.Double(&t1)
	t0.Add(&t0, &t1) // 3X^2
	l.d3.MulByFp(&t0, xP)
	l.d0.MulByFp(&h, nyP)
	l.d4.Sub(&e, &b)

	// X3 = 2XY(B - F)
	t0.Sub(&b, &f)
	t.X.Mul(&a, &t0)
	t.X.Double(&t.X)
	// Y3 = (B + F)^2 - 12E^2
	t0.Add(&b, &f)
	t0.Square(&t0)
	t1.Square(&e)
	c.Double(&t1)
	c.Add(&c, &t1) // 3E^2
	c.Double(&c)
	c.Double(&c) // 12E^2
	t.Y.Sub(&t0, &c)
	// Z3 = 4BH
	t.Z.Mul(&b, &h)
	t.Z.Double(&t.Z)
	t.Z.Double(&t.Z)
}

// addStep sets T = T + S for an affine S = (x2, y2) and returns in l the
// line through T and S evaluated at P. With theta = Y - y2 Z and
// lambda = X - x2 Z (the affine slope is theta/lambda):
//
//	T + S = (lambda H : theta (G - H) - Y lambda^3 : Z lambda^3),
//	        G = X lambda^2, H = lambda^3 + Z theta^2 - 2G
//	l     = lambda yP - theta xP w + (theta x2 - lambda y2) v w
//
// The line is the affine line through S times lambda. T and S must be
// distinct and not opposite, which holds for the multiples of Q that the
// loop meets.
func addStep(t *G2, s *G2Affine, l *line, yP, nxP *Fp) {
	var theta, lambda, c, d, e, f, g, h, t0 Fp2
	theta.Mul(&s.Y, &t.Z)
	theta.Sub(&t.Y, &theta)
	lambda.Mul(&s.X, &t.Z)
	lambda.Sub(&t.X, &lambda)

	l.d0.MulByFp(&lambda, yP)
	l.d3.MulByFp(&theta, nxP)
	t0.Mul(&theta, &s.X)
	l.d4.Mul(&lambda, &s.Y)
	l.d4.Sub(&t0, &l.d4)

	c.Square(&theta)
	d.Square(&lambda)
	e.Mul(&lambda, &d) // lambda^3
	f.Mul(&t.Z, &c)
	g.Mul(&t.X, &d)
	h.Add(&e, &f)
	t0.Double(&g)
	h.Sub(&h, &t0)
	t.X.Mul(&lambda, &h)
	t0.Sub(&g, &h)
	t0.Mul(&t0, &theta)
	t.Y.Mul(&t.Y, &e)
	t.Y.Sub(&t0, &t.Y)
	t.Z.Mul(&t.Z, &e)
}

// lineOnly returns in l the line through T and the affine S evaluated at P,
// without updating T (the last line of the loop).
func lineOnly(t *G2, s *G2Affine, l *line, yP, nxP *Fp) {
	var theta, lambda, t0 Fp2
	theta.Mul(&s.Y, &t.Z)
	theta.Sub(&t.Y, &theta)
	lambda.Mul(&s.X, &t.Z)
	lambda.Sub(&t.X, &lambda)
	l.d0.MulByFp(&lambda, yP)
	l.d3.MulByFp(&theta, nxP)
	t0.Mul(&theta, &s.X)
	l.d4.Mul(&lambda, &s.Y)
	l.d4.Sub(&t0, &l.d4)
}

// Frobenius on the twist. With w^6 = xi, w^(2p) = w^2 xi^((p-1)/3) and
// w^(3p) = w^3 xi^((p-1)/2), so pi moved to the twist through the untwisting
// map (x, y) -> (x w^2, y w^3) is
//
//	pi(x, y)   = (conj(x) xi^((p-1)/3), conj(y) xi^((p-1)/2)),
//	pi^2(x, y) = (x xi^((p^2-1)/3), y xi^((p^2-1)/2)).
//
// The constants are entries of the tower's table frob[n][k] =
// xi^(k(p^n-1)/6) (tower_gen.go): k = 2 for x and k = 3 for y.

// twistFrobenius sets z to pi(q) for an affine point q of the twist.
func twistFrobenius(z, q *G2Affine) {
	z.X.Conjugate(&q.X)
	z.X.Mul(&z.X, &frob[1][2])
	z.Y.Conjugate(&q.Y)
	z.Y.Mul(&z.Y, &frob[1][3])
}

// twistFrobenius2Neg sets z to -pi^2(q) for an affine point q of the twist.
func twistFrobenius2Neg(z, q *G2Affine) {
	z.X.Mul(&q.X, &frob[2][2])
	z.Y.Mul(&q.Y, &frob[2][3])
	z.Y.Neg(&z.Y)
}

// millerLoopBatch multiplies f by the optimal ate Miller function of every
// pair in st (at most millerBatch pairs). It does not allocate.
func millerLoopBatch(f *Fp12, st []millerPair) {
	var acc Fp12
	var l line
	acc.SetOne()
	for i := ateLoopLen - 2; i >= 0; i-- {
		acc.Square(&acc)
		for k := range st {
			s := &st[k]
			doubleStep(&s.t, &l, &s.xP, &s.nyP)
			l.mask(s.skip)
			acc.MulBy034(&acc, &l.d0, &l.d3, &l.d4)
		}
		switch ateLoop[i] { // public loop digit
		case 1:
			for k := range st {
				s := &st[k]
				addStep(&s.t, &s.q, &l, &s.yP, &s.nxP)
				l.mask(s.skip)
				acc.MulBy034(&acc, &l.d0, &l.d3, &l.d4)
			}
		case -1:
			for k := range st {
				s := &st[k]
				addStep(&s.t, &s.qn, &l, &s.yP, &s.nxP)
				l.mask(s.skip)
				acc.MulBy034(&acc, &l.d0, &l.d3, &l.d4)
			}
		}
	}
	if uNegative {
		// f_{6u+2} = 1/f_{|6u+2|} up to a vertical line; T = -T.
		acc.Conjugate(&acc)
	}
	for k := range st {
		s := &st[k]
		if uNegative {
			s.t.Neg(&s.t)
		}
		var q1, q2 G2Affine
		twistFrobenius(&q1, &s.q)
		twistFrobenius2Neg(&q2, &s.q)
		addStep(&s.t, &q1, &l, &s.yP, &s.nxP)
		l.mask(s.skip)
		acc.MulBy034(&acc, &l.d0, &l.d3, &l.d4)
		lineOnly(&s.t, &q2, &l, &s.yP, &s.nxP)
		l.mask(s.skip)
		acc.MulBy034(&acc, &l.d0, &l.d3, &l.d4)
	}
	f.Mul(f, &acc)
}

// millerLoop sets f to the product of the optimal ate Miller functions of
// the pairs (ps[k], qs[k]); the slices must have equal length. Nil and
// identity points contribute 1. It does not allocate.
func millerLoop(f *Fp12, ps []*G1, qs []*G2) {
	f.SetOne()
	var st [millerBatch]millerPair
	for start := 0; start < len(ps); start += millerBatch {
		n := min(len(ps)-start, millerBatch)
		for k := 0; k < n; k++ {
			st[k].setup(ps[start+k], qs[start+k])
		}
		millerLoopBatch(f, st[:n])
	}
}

// MillerLoop returns the product over k of the optimal ate Miller functions
// f_k evaluated for the pairs (ps[k], qs[k]), before the final
// exponentiation, so that FinalExponentiation(MillerLoop(ps, qs)) is the
// product of the pairings. The value is only meaningful after
// FinalExponentiation: it is defined up to factors that the exponentiation
// removes. It returns ErrLengthMismatch if the slices differ in length. Nil
// points and the identity contribute 1. Constant time in the points.
func MillerLoop(ps []*G1, qs []*G2) (*Fp12, error) {
	if len(ps) != len(qs) {
		return nil, ErrLengthMismatch
	}
	f := new(Fp12)
	millerLoop(f, ps, qs)
	return f, nil
}

// Pair returns the optimal ate pairing e(p, q) as a new GT element.
// e(O, q) = e(p, O) = 1; a nil point is treated as the identity. The inputs
// are assumed to be in G1 and G2 (decoders of this package check that).
// Constant time in p and q. The only heap allocation is the returned value.
func Pair(p *G1, q *G2) *GT {
	var st [1]millerPair
	st[0].setup(p, q)
	var f Fp12
	f.SetOne()
	millerLoopBatch(&f, st[:])
	z := new(GT)
	finalExponentiation(&z.f, &f)
	return z
}

// MultiPair returns the product of the pairings e(ps[k], qs[k]) computed with
// shared Miller loops (batches of millerBatch pairs) and one final
// exponentiation. It returns ErrLengthMismatch if the slices differ in length;
// the empty product is 1. Nil and identity points contribute 1. Constant
// time in the points; the only heap allocation is the returned value.
func MultiPair(ps []*G1, qs []*G2) (*GT, error) {
	if len(ps) != len(qs) {
		return nil, ErrLengthMismatch
	}
	var f Fp12
	millerLoop(&f, ps, qs)
	z := new(GT)
	finalExponentiation(&z.f, &f)
	return z, nil
}

// FinalExponentiation returns f^((p^12-1)/r) as a new GT element: exactly
// that power, not a multiple of it. f must be non-zero (a Miller loop output
// always is); the zero element maps to zero, which is not a valid GT
// element. A nil f is treated as 1. Constant time in f.
func FinalExponentiation(f *Fp12) *GT {
	z := new(GT)
	if f == nil {
		return z.SetOne()
	}
	finalExponentiation(&z.f, f)
	return z
}

// expByU sets z = x^|u| for x in the cyclotomic subgroup, using the public
// non-adjacent form of |u| (a conjugation is the inverse there).
func expByU(z, x *Fp12) {
	var acc, xInv Fp12
	xInv.Conjugate(x)
	acc.Set(x) // the top NAF digit is 1
	for i := uNAFLen - 2; i >= 0; i-- {
		acc.CyclotomicSquare(&acc)
		switch uNAF[i] { // public digit
		case 1:
			acc.Mul(&acc, x)
		case -1:
			acc.Mul(&acc, &xInv)
		}
	}
	z.Set(&acc)
}

// expByUSigned sets z = x^u (u signed) for x in the cyclotomic subgroup.
func expByUSigned(z, x *Fp12) {
	expByU(z, x)
	if uNegative {
		z.Conjugate(z)
	}
}

// finalExponentiation sets z = f^((p^12-1)/r).
//
// Easy part: m = f^((p^6-1)(p^2+1)), computed as conj(f)/f followed by
// m^(p^2) * m. The result lies in the cyclotomic subgroup, where
// CyclotomicSquare applies and conjugation is inversion.
//
// Hard part: (p^4 - p^2 + 1)/r = l0 + l1 p + l2 p^2 + l3 p^3 with
//
//	l3 = 1, l2 = 6u^2 + 1, l1 = -36u^3 - 18u^2 - 12u + 1,
//	l0 = -36u^3 - 30u^2 - 18u - 2
//
// (Scott, Benger, Charlemagne, Dominguez Perez and Kachisa, "On the final
// exponentiation for calculating pairings on ordinary elliptic curves",
// Pairing 2009, section 5). With a = m^u, b = m^(u^2), c = m^(u^3):
//
//	m^hard = y0 * y1^2 * y2^6 * y3^12 * y4^18 * y5^30 * y6^36,
//	y0 = m^p m^(p^2) m^(p^3), y1 = 1/m, y2 = b^(p^2), y3 = 1/a^p,
//	y4 = 1/(a b^p), y5 = 1/b, y6 = 1/(c c^p),
//
// and the product is evaluated with the addition chain of that paper
// (4 squarings, 6 multiplications). The exponent is exactly
// (p^12-1)/r, which the tests check against a plain exponentiation.
func finalExponentiation(z, f *Fp12) {
	var m, t Fp12
	// Easy part.
	t.Inverse(f)
	m.Conjugate(f)
	m.Mul(&m, &t)
	t.Frobenius(&m, 2)
	m.Mul(&m, &t)

	// Hard part.
	var a, b, c, y0, y1, y2, y3, y4, y5, y6 Fp12
	expByUSigned(&a, &m)
	expByUSigned(&b, &a)
	expByUSigned(&c, &b)

	y0.Frobenius(&m, 1)
	t.Frobenius(&m, 2)
	y0.Mul(&y0, &t)
	t.Frobenius(&m, 3)
	y0.Mul(&y0, &t)

	y1.Conjugate(&m)
	y2.Frobenius(&b, 2)
	y3.Frobenius(&a, 1)
	y3.Conjugate(&y3)
	y4.Frobenius(&b, 1)
	y4.Mul(&y4, &a)
	y4.Conjugate(&y4)
	y5.Conjugate(&b)
	y6.Frobenius(&c, 1)
	y6.Mul(&y6, &c)
	y6.Conjugate(&y6)

	var t0, t1 Fp12
	t0.CyclotomicSquare(&y6)
	t0.Mul(&t0, &y4)
	t0.Mul(&t0, &y5)
	t1.Mul(&y3, &y5)
	t1.Mul(&t1, &t0)
	t0.Mul(&t0, &y2)
	t1.CyclotomicSquare(&t1)
	t1.Mul(&t1, &t0)
	t1.CyclotomicSquare(&t1)
	t0.Mul(&t1, &y1)
	t1.Mul(&t1, &y0)
	t0.CyclotomicSquare(&t0)
	z.Mul(&t0, &t1)
}
