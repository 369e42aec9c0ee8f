package bls12381

// Pairings with a fixed G2 argument.
//
// In the Miller loop every doubling and addition step works on the G2 side
// only; the G1 point enters when the line is evaluated, as the factors xP
// and yP of two of its three coefficients (see lineDouble and lineAdd):
//
//	l(P) = c0 + (c1 xP) v + (c2 yP) v w.
//
// A line may be scaled by any non-zero element of Fp6 without changing the
// pairing, because the final exponentiation (a multiple of p^6 - 1) sends
// Fp6* to 1. PrepareG2 stores each of the 63 doubling and 5 addition lines
// of the loop over |u| divided by c2 (an Fp2 value, never zero for a point
// of G2), as n0 = c0/c2 and n1 = c1/c2; MultiPairPrepared further divides
// each line by yP (in Fp), so that it evaluates
//
//	l(P) / (c2 yP) = n0 (1/yP) + (n1 (xP/yP)) v + v w
//
// with four Fp multiplications and a sparse multiplication whose v w
// coefficient is 1 (mulBy01V: two Fp6-by-sparse products and a shift,
// instead of three). 1/yP and xP/yP cost one inversion for all the G1
// points together. The results equal Pair and MultiPair after the final
// exponentiation; the Miller-loop values themselves differ by the scaling.

// millerSteps is the number of lines in the loop: one per doubling (63) and
// one per set bit of |u| below the top one (5).
const millerSteps = 68

// preparedLine is a line function divided by its v w coefficient, with the
// G1 point left out: c0/c2 and c1/c2.
type preparedLine struct {
	n0, n1 Fp2
}

// G2Prepared is a G2 point with its Miller-loop lines precomputed. The zero
// value is not usable; make one with PrepareG2. It is immutable once made,
// so it may be shared between goroutines. It holds values derived from the
// point: a prepared secret point is as secret as the point.
type G2Prepared struct {
	q     G2
	lines [millerSteps]preparedLine
	skip  int // 1 when the point is the identity
}

// PrepareG2 returns the prepared form of q. Constant time in q; the
// identity is accepted and contributes the factor 1 to a pairing.
func PrepareG2(q *G2) *G2Prepared {
	pr := new(G2Prepared)
	var qa G2Affine
	pr.q, qa, pr.skip = preparedBase(q)
	var t G2
	t.FromAffine(&qa)
	// lineDouble and lineAdd evaluate at (xP, yP); at (1, 1) they return
	// exactly the coefficients c0, c1, c2.
	var one Fp
	one.SetOne()
	var c2 [millerSteps]Fp2
	n := 0
	for i := 62; i >= 0; i-- {
		l := &pr.lines[n]
		l.n0, l.n1, c2[n] = lineDouble(&t, &one, &one)
		n++
		if (uAbs>>uint(i))&1 == 1 {
			l := &pr.lines[n]
			l.n0, l.n1, c2[n] = lineAdd(&t, &qa, &one, &one)
			n++
		}
	}
	// Divide by every c2 with one inversion (Montgomery's trick). The c2
	// are 2YZ of a doubling and X - xQ Z of an addition of multiples of a
	// point of order r below r: never zero.
	var prefix [millerSteps + 1]Fp2
	prefix[0].SetOne()
	for i := range c2 {
		prefix[i+1].Mul(&prefix[i], &c2[i])
	}
	var inv, ci Fp2
	inv.Inverse(&prefix[millerSteps])
	for i := millerSteps - 1; i >= 0; i-- {
		ci.Mul(&inv, &prefix[i]) // 1/c2[i]
		inv.Mul(&inv, &c2[i])
		pr.lines[i].n0.Mul(&pr.lines[i].n0, &ci)
		pr.lines[i].n1.Mul(&pr.lines[i].n1, &ci)
	}
	return pr
}

// mulBy01V sets z = x * ((d0 + d1 v) + v w), a line whose v w coefficient
// is 1 (Karatsuba over Fp12 = Fp6[w]: x.C1 times v is a shift).
func (z *Fp12) mulBy01V(x *Fp12, d0, d1 *Fp2) *Fp12 {
	var t0, t1, s Fp6
	var e, one Fp2
	one.SetOne()
	t0.MulBy01(&x.C0, d0, d1)
	t1.MulByV(&x.C1)
	s.Add(&x.C0, &x.C1)
	e.Add(d1, &one)
	s.MulBy01(&s, d0, &e)
	s.Sub(&s, &t0)
	z.C1.Sub(&s, &t1)
	t1.MulByV(&t1)
	z.C0.Add(&t0, &t1)
	return z
}

// MultiPairPrepared returns the product of e(ps[i], qs[i]) with one shared
// Miller loop and one final exponentiation; it equals MultiPair on the
// same points. Nil entries act as the identity. Constant time in the points.
func MultiPairPrepared(ps []*G1, qs []*G2Prepared) (*GT, error) {
	if len(ps) != len(qs) {
		return nil, ErrLengthMismatch
	}
	xs, ys, skip := g1Affines(ps)
	qs = preparedOrIdentity(qs, skip)
	// ys becomes 1/yP and xs xP/yP: one inversion for all. No yP is zero
	// (G1 has odd order, and identities were replaced by the generator).
	n := len(ys)
	prefix := make([]Fp, n+1)
	prefix[0].SetOne()
	for i := range ys {
		prefix[i+1].Mul(&prefix[i], &ys[i])
	}
	var inv, yi Fp
	inv.Inverse(&prefix[n])
	for i := n - 1; i >= 0; i-- {
		yi.Mul(&inv, &prefix[i])
		inv.Mul(&inv, &ys[i])
		ys[i] = yi
		xs[i].Mul(&xs[i], &yi)
	}
	var f, g Fp12
	f.SetOne()
	var d0, d1 Fp2
	k := 0
	step := func() {
		for j, q := range qs {
			l := &q.lines[k]
			d0.MulByFp(&l.n0, &ys[j])
			d1.MulByFp(&l.n1, &xs[j])
			g.mulBy01V(&f, &d0, &d1)
			f.Select(&f, &g, skip[j])
		}
		k++
	}
	for i := 62; i >= 0; i-- {
		f.Square(&f)
		step()
		if (uAbs>>uint(i))&1 == 1 {
			step()
		}
	}
	f.Conjugate(&f)
	return FinalExponentiation(&f), nil
}
