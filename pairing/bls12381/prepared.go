package bls12381

// Pairings with a fixed G2 argument.
//
// In the Miller loop every doubling and addition step works on the G2 side
// only; the G1 point enters when the line is evaluated, as the factors xP
// and yP of two of its three coefficients (see lineDouble and lineAdd). A
// G2Prepared stores, for each of the 63 doubling and 5 addition steps of
// the loop over |u|, the three Fp2 values
//
//	c0, c1, c2   with the line at P equal to c0 + (c1 xP) v + (c2 yP) v w,
//
// so a pairing against it costs the Fp12 squarings, one sparse
// multiplication per step and four Fp multiplications per step. Results are
// identical to Pair and MultiPair: the same lines are multiplied in the
// same order.

// millerSteps is the number of lines in the loop: one per doubling (63) and
// one per set bit of |u| below the top one (5).
const millerSteps = 68

// preparedLine is a line function with the G1 point left out.
type preparedLine struct {
	c0, c1, c2 Fp2
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
	n := 0
	for i := 62; i >= 0; i-- {
		l := &pr.lines[n]
		l.c0, l.c1, l.c2 = lineDouble(&t, &one, &one)
		n++
		if (uAbs>>uint(i))&1 == 1 {
			l := &pr.lines[n]
			l.c0, l.c1, l.c2 = lineAdd(&t, &qa, &one, &one)
			n++
		}
	}
	return pr
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
	var f, g Fp12
	f.SetOne()
	var d1, d4 Fp2
	n := 0
	step := func() {
		for j, q := range qs {
			l := &q.lines[n]
			d1.MulByFp(&l.c1, &xs[j])
			d4.MulByFp(&l.c2, &ys[j])
			g.MulBy014(&f, &l.c0, &d1, &d4)
			f.Select(&f, &g, skip[j])
		}
		n++
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
