package bn254

// Pairings with a fixed G2 argument.
//
// Every step of the Miller loop (doubleStep, addStep and the two Frobenius
// lines at the end) updates the running point on the twist and returns a
// line d0 + (d3 + d4 v) w in which P enters only as the factors yP of d0
// and xP of d3. A G2Prepared stores each line with P left out,
//
//	c0, c3, c4   with the line at P equal to (c0 yP) + ((c3 xP) + c4 v) w,
//
// so a pairing against it does no twist arithmetic. Results are identical
// to Pair and MultiPair: the same lines are multiplied in the same order.

// preparedLine is a line function with the G1 point left out.
type preparedLine struct {
	c0, c3, c4 Fp2
}

// G2Prepared is a G2 point with its Miller-loop lines precomputed. The zero
// value is not usable; make one with PrepareG2. It is immutable once made,
// so it may be shared between goroutines. It holds values derived from the
// point: a prepared secret point is as secret as the point.
type G2Prepared struct {
	q     G2
	lines []preparedLine // loop lines, then the two Frobenius lines
	skip  int            // 1 when the point is the identity
}

// PrepareG2 returns the prepared form of q. Constant time in q; the
// identity is accepted and contributes the factor 1 to a pairing.
func PrepareG2(q *G2) *G2Prepared {
	pr := &G2Prepared{lines: make([]preparedLine, 0, 2*ateLoopLen+2)}
	var qa G2Affine
	pr.q, qa, pr.skip = preparedBase(q)
	var qn G2Affine
	qn.X = qa.X
	qn.Y.Neg(&qa.Y)
	var t G2
	t.FromAffine(&qa)
	// The steps evaluate at P through (xP, -yP) for doublings and
	// (yP, -xP) for additions; passing 1 and -1 leaves exactly the
	// coefficients of yP and xP.
	var one, minusOne Fp
	one.SetOne()
	minusOne.Neg(&one)
	var l line
	keep := func() {
		pr.lines = append(pr.lines, preparedLine{c0: l.d0, c3: l.d3, c4: l.d4})
	}
	for i := ateLoopLen - 2; i >= 0; i-- {
		doubleStep(&t, &l, &one, &minusOne)
		keep()
		switch ateLoop[i] { // public loop digit
		case 1:
			addStep(&t, &qa, &l, &one, &minusOne)
			keep()
		case -1:
			addStep(&t, &qn, &l, &one, &minusOne)
			keep()
		}
	}
	if uNegative {
		t.Neg(&t)
	}
	var q1, q2 G2Affine
	twistFrobenius(&q1, &qa)
	twistFrobenius2Neg(&q2, &qa)
	addStep(&t, &q1, &l, &one, &minusOne)
	keep()
	lineOnly(&t, &q2, &l, &one, &minusOne)
	keep()
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
	var acc Fp12
	acc.SetOne()
	var l line
	n := 0
	step := func() {
		for j, q := range qs {
			pl := &q.lines[n]
			l.d0.MulByFp(&pl.c0, &ys[j])
			l.d3.MulByFp(&pl.c3, &xs[j])
			l.d4 = pl.c4
			l.mask(skip[j])
			acc.MulBy034(&acc, &l.d0, &l.d3, &l.d4)
		}
		n++
	}
	for i := ateLoopLen - 2; i >= 0; i-- {
		acc.Square(&acc)
		step()
		if ateLoop[i] != 0 {
			step()
		}
	}
	if uNegative {
		acc.Conjugate(&acc)
	}
	step()
	step()
	z := new(GT)
	finalExponentiation(&z.f, &acc)
	return z, nil
}
