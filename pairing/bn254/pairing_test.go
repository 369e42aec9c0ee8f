package bn254

import (
	"errors"
	"flag"
	"math/big"
	"strconv"
	"sync"
	"testing"

	"github.com/mpinkit/mpinkit/pairing/internal/bigref"
	"pgregory.net/rapid"
)

// ---- helpers shared by the tests of this package's pairing files ----

var (
	refBNOnce  sync.Once
	refBNCurve *bigref.Curve
)

// refBN returns the shared math/big reference curve (building it validates the
// generators, which is slow enough to do once).
func refBN() *bigref.Curve {
	refBNOnce.Do(func() { refBNCurve = bigref.BN254CX() })
	return refBNCurve
}

// drawPairScalar draws a uniformly distributed scalar (64 bytes reduced mod r).
func drawPairScalar(t *rapid.T, label string) *Fr {
	b := rapid.SliceOfN(rapid.Byte(), 64, 64).Draw(t, label)
	var k Fr
	k.SetBytesReduce(b)
	return &k
}

// drawPairNonZeroScalar draws a scalar different from 0.
func drawPairNonZeroScalar(t *rapid.T, label string) *Fr {
	k := drawPairScalar(t, label)
	if k.IsZero() == 1 {
		k.SetOne()
	}
	return k
}

// drawPairFp12 draws an arbitrary (usually non-zero) element of Fp12.
func drawPairFp12(t *rapid.T, label string) *Fp12 {
	var f Fp12
	c := []*Fp2{&f.C0.B0, &f.C0.B1, &f.C0.B2, &f.C1.B0, &f.C1.B1, &f.C1.B2}
	for k, e := range c {
		b := rapid.SliceOfN(rapid.Byte(), 96, 96).Draw(t, label+strconv.Itoa(k))
		e.A0.SetBytesReduce(b[:48])
		e.A1.SetBytesReduce(b[48:])
	}
	return &f
}

// expFp12BigVarTime sets z = x^e by plain square-and-multiply over the bits of a
// non-negative big exponent, with generic Fp12 arithmetic only (no
// cyclotomic shortcuts): an independent code path for the exponent checks.
func expFp12BigVarTime(x *Fp12, e *big.Int) *Fp12 {
	var acc Fp12
	acc.SetOne()
	for i := e.BitLen() - 1; i >= 0; i-- {
		acc.Square(&acc)
		if e.Bit(i) == 1 {
			acc.Mul(&acc, x)
		}
	}
	return &acc
}

// finalExponentBig returns (p^12 - 1)/r.
func finalExponentBig() *big.Int {
	p := ModulusFp()
	e := new(big.Int).Exp(p, big.NewInt(12), nil)
	e.Sub(e, big.NewInt(1))
	q, m := new(big.Int).DivMod(e, orderR, new(big.Int))
	if m.Sign() != 0 {
		panic("r does not divide p^12 - 1")
	}
	return q
}

func refFromFp2(x *Fp2) bigref.Fp2 { return bigref.Fp2{A: x.A0.Big(), B: x.A1.Big()} }

func fp2FromRefValue(x bigref.Fp2) Fp2 {
	var z Fp2
	z.A0.SetBig(x.A)
	z.A1.SetBig(x.B)
	return z
}

// fp12FromRefValue converts a reference Fp12 value into our tower through the
// reference's own tower-coefficient conversion.
func fp12FromRefValue(f bigref.Fp12) Fp12 {
	t := refBN().Fp12ToTower(f)
	var z Fp12
	z.C0.B0 = fp2FromRefValue(t[0][0])
	z.C0.B1 = fp2FromRefValue(t[0][1])
	z.C0.B2 = fp2FromRefValue(t[0][2])
	z.C1.B0 = fp2FromRefValue(t[1][0])
	z.C1.B1 = fp2FromRefValue(t[1][1])
	z.C1.B2 = fp2FromRefValue(t[1][2])
	return z
}

func refFromG1(p *G1) bigref.G1 {
	a, ok := p.ToAffine()
	if ok == 0 {
		return refBN().G1Infinity()
	}
	return refBN().NewG1(a.X.Big(), a.Y.Big())
}

func refFromG2(q *G2) bigref.G2 {
	a, ok := q.ToAffine()
	if ok == 0 {
		return refBN().G2Infinity()
	}
	return refBN().NewG2(refFromFp2(&a.X), refFromFp2(&a.Y))
}

// scaleRapidChecks temporarily lowers rapid's check count to 1/div of its
// current value (at least 1) for a test whose checks are expensive, and
// returns a function restoring it. Tests in this package that call it do not
// run in parallel, so the global flag is not shared while changed.
func scaleRapidChecks(t *testing.T, div int) func() {
	f := flag.Lookup("rapid.checks")
	if f == nil {
		return func() {}
	}
	old := f.Value.String()
	n, err := strconv.Atoi(old)
	if err != nil {
		return func() {}
	}
	n = max(1, n/div)
	if err := f.Value.Set(strconv.Itoa(n)); err != nil {
		t.Fatal(err)
	}
	return func() { _ = f.Value.Set(old) }
}

// ---- final exponentiation ----

func TestFinalExponentiationIsExactPower(t *testing.T) {
	e := finalExponentBig()
	rapid.Check(t, func(t *rapid.T) {
		f := drawPairFp12(t, "f")
		if f.IsZero() == 1 {
			f.SetOne()
		}
		got := FinalExponentiation(f)
		want := expFp12BigVarTime(f, e)
		if got.f.Equal(want) != 1 {
			t.Fatalf("FinalExponentiation(f) != f^((p^12-1)/r)")
		}
	})
}

func TestFinalExponentiationEdgeCases(t *testing.T) {
	var one Fp12
	one.SetOne()
	if FinalExponentiation(&one).IsOne() != 1 {
		t.Error("FinalExponentiation(1) != 1")
	}
	if FinalExponentiation(nil).IsOne() != 1 {
		t.Error("FinalExponentiation(nil) != 1")
	}
	var zero Fp12
	if z := FinalExponentiation(&zero); z.f.IsZero() != 1 {
		t.Error("FinalExponentiation(0) != 0")
	}
	// Elements of Fp2 are killed by the final exponentiation, which is why
	// line functions may be scaled by them.
	var c Fp12
	c.C0.B0.A0.SetUint64(12345)
	c.C0.B0.A1.SetUint64(678)
	if FinalExponentiation(&c).IsOne() != 1 {
		t.Error("an Fp2 element does not vanish under the final exponentiation")
	}
}

// ---- the pairing against the reference implementation ----

func TestPairGeneratorsMatchesBigref(t *testing.T) {
	got := Pair(G1Generator(), G2Generator())
	want := fp12FromRefValue(refBN().Pair(refBN().Gen1, refBN().Gen2))
	if got.f.Equal(&want) != 1 {
		t.Fatal("e(G1, G2) differs from bigref")
	}
}

func TestPairMatchesBigref(t *testing.T) {
	// A bigref pairing costs about 0.15 s: run a tenth of the usual checks
	// (10 by default, 2 with -short).
	defer scaleRapidChecks(t, 10)()
	rapid.Check(t, func(t *rapid.T) {
		a, b := drawPairNonZeroScalar(t, "a"), drawPairNonZeroScalar(t, "b")
		var p G1
		var q G2
		p.ScalarBaseMult(a)
		q.ScalarBaseMult(b)
		got := Pair(&p, &q)
		want := fp12FromRefValue(refBN().Pair(refFromG1(&p), refFromG2(&q)))
		if got.f.Equal(&want) != 1 {
			t.Fatalf("Pair differs from bigref.Pair")
		}
	})
}

func TestMultiPairMatchesBigref(t *testing.T) {
	var ps [3]*G1
	var qs [3]*G2
	var rps [3]bigref.G1
	var rqs [3]bigref.G2
	for k := range ps {
		var a, b Fr
		a.SetUint64(uint64(1000*k + 17))
		b.SetUint64(uint64(77*k + 5))
		ps[k] = new(G1).ScalarBaseMult(&a)
		qs[k] = new(G2).ScalarBaseMult(&b)
		rps[k], rqs[k] = refFromG1(ps[k]), refFromG2(qs[k])
	}
	got, err := MultiPair(ps[:], qs[:])
	if err != nil {
		t.Fatal(err)
	}
	want := fp12FromRefValue(refBN().MultiPair(rps[:], rqs[:]))
	if got.f.Equal(&want) != 1 {
		t.Fatal("MultiPair differs from bigref.MultiPair")
	}
}

// ---- algebraic properties ----

func TestPairBilinear(t *testing.T) {
	base := Pair(G1Generator(), G2Generator())
	rapid.Check(t, func(t *rapid.T) {
		a, b := drawPairScalar(t, "a"), drawPairScalar(t, "b")
		var p G1
		var q G2
		p.ScalarBaseMult(a)
		q.ScalarBaseMult(b)
		var ab Fr
		ab.Mul(a, b)
		var want GT
		want.Exp(base, &ab)
		if Pair(&p, &q).Equal(&want) != 1 {
			t.Fatalf("e(aP, bQ) != e(P, Q)^(ab)")
		}
	})
}

func TestPairLinearInEachArgument(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var p1, p2, p12 G1
		var q1, q2, q12 G2
		p1.ScalarBaseMult(drawPairScalar(t, "p1"))
		p2.ScalarBaseMult(drawPairScalar(t, "p2"))
		q1.ScalarBaseMult(drawPairScalar(t, "q1"))
		p12.Add(&p1, &p2)
		q2.ScalarBaseMult(drawPairScalar(t, "q2"))
		q12.Add(&q1, &q2)
		var want GT
		want.Mul(Pair(&p1, &q1), Pair(&p2, &q1))
		if Pair(&p12, &q1).Equal(&want) != 1 {
			t.Fatal("e(P1+P2, Q) != e(P1, Q) e(P2, Q)")
		}
		want.Mul(Pair(&p1, &q1), Pair(&p1, &q2))
		if Pair(&p1, &q12).Equal(&want) != 1 {
			t.Fatal("e(P, Q1+Q2) != e(P, Q1) e(P, Q2)")
		}
		var np G1
		np.Neg(&p1)
		want.Inverse(Pair(&p1, &q1))
		if Pair(&np, &q1).Equal(&want) != 1 {
			t.Fatal("e(-P, Q) != e(P, Q)^-1")
		}
	})
}

func TestPairNonDegenerate(t *testing.T) {
	g := Pair(G1Generator(), G2Generator())
	if g.IsOne() == 1 {
		t.Fatal("e(G1, G2) = 1")
	}
	rapid.Check(t, func(t *rapid.T) {
		a, b := drawPairNonZeroScalar(t, "a"), drawPairNonZeroScalar(t, "b")
		var p G1
		var q G2
		p.ScalarBaseMult(a)
		q.ScalarBaseMult(b)
		if Pair(&p, &q).IsOne() == 1 {
			t.Fatal("e(P, Q) = 1 for P, Q != O")
		}
	})
}

func TestPairHasOrderR(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var p G1
		var q G2
		p.ScalarBaseMult(drawPairScalar(t, "a"))
		q.ScalarBaseMult(drawPairScalar(t, "b"))
		e := Pair(&p, &q)
		if expFp12BigVarTime(&e.f, orderR).IsOne() != 1 {
			t.Fatal("e(P, Q)^r != 1")
		}
	})
}

func TestPairIdentity(t *testing.T) {
	var o1 G1
	var o2 G2
	o1.SetIdentity()
	o2.SetIdentity()
	g1, g2 := G1Generator(), G2Generator()
	for name, e := range map[string]*GT{
		"e(O, Q)":     Pair(&o1, g2),
		"e(P, O)":     Pair(g1, &o2),
		"e(O, O)":     Pair(&o1, &o2),
		"e(nil, Q)":   Pair(nil, g2),
		"e(P, nil)":   Pair(g1, nil),
		"e(nil, nil)": Pair(nil, nil),
	} {
		if e.IsOne() != 1 {
			t.Errorf("%s != 1", name)
		}
	}
}

func TestMultiPairEqualsProductOfPairs(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		// Up to 2*millerBatch+1 pairs crosses the batch boundary twice.
		n := rapid.IntRange(0, 2*millerBatch+1).Draw(t, "n")
		ps := make([]*G1, n)
		qs := make([]*G2, n)
		var want GT
		want.SetOne()
		for k := range n {
			ps[k] = new(G1).ScalarBaseMult(drawPairScalar(t, "a"))
			qs[k] = new(G2).ScalarBaseMult(drawPairScalar(t, "b"))
			switch rapid.IntRange(0, 5).Draw(t, "kind") {
			case 0:
				ps[k].SetIdentity()
			case 1:
				qs[k].SetIdentity()
			case 2:
				ps[k] = nil
			}
			want.Mul(&want, Pair(ps[k], qs[k]))
		}
		got, err := MultiPair(ps, qs)
		if err != nil {
			t.Fatal(err)
		}
		if got.Equal(&want) != 1 {
			t.Fatalf("MultiPair != product of Pair over %d pairs", n)
		}
		f, err := MillerLoop(ps, qs)
		if err != nil {
			t.Fatal(err)
		}
		if FinalExponentiation(f).Equal(&want) != 1 {
			t.Fatal("FinalExponentiation(MillerLoop) != product of Pair")
		}
	})
}

func TestMultiPairLengthMismatch(t *testing.T) {
	ps := []*G1{G1Generator(), G1Generator()}
	qs := []*G2{G2Generator()}
	if _, err := MultiPair(ps, qs); !errors.Is(err, ErrLengthMismatch) {
		t.Errorf("MultiPair: err = %v, want ErrLengthMismatch", err)
	}
	if _, err := MillerLoop(ps, qs); !errors.Is(err, ErrLengthMismatch) {
		t.Errorf("MillerLoop: err = %v, want ErrLengthMismatch", err)
	}
	e, err := MultiPair(nil, nil)
	if err != nil || e.IsOne() != 1 {
		t.Errorf("empty MultiPair = %v, %v; want 1, nil", e, err)
	}
}

// TestMultiPairVerificationShape checks the shape used by M-Pin servers:
// e(-(x+y)sA, Q) e((x+y)A, sQ) = 1.
func TestMultiPairVerificationShape(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s, x := drawPairScalar(t, "s"), drawPairScalar(t, "x")
		var a, v, w G1
		var sq G2
		a.ScalarBaseMult(drawPairScalar(t, "a"))
		var sx Fr
		sx.Mul(s, x)
		sx.Neg(&sx)
		v.ScalarMult(&sx, &a)
		w.ScalarMult(x, &a)
		sq.ScalarBaseMult(s)
		e, err := MultiPair([]*G1{&v, &w}, []*G2{G2Generator(), &sq})
		if err != nil {
			t.Fatal(err)
		}
		if e.IsOne() != 1 {
			t.Fatal("e(-sxA, Q) e(xA, sQ) != 1")
		}
	})
}

// TestMillerLoopEndPoint checks the point arithmetic of the loop: after the
// doubling/addition steps over |6u+2|, T must be [|6u+2|]Q.
func TestMillerLoopEndPoint(t *testing.T) {
	var st millerPair
	st.setup(G1Generator(), G2Generator())
	var l line
	for i := ateLoopLen - 2; i >= 0; i-- {
		doubleStep(&st.t, &l, &st.xP, &st.nyP)
		switch ateLoop[i] {
		case 1:
			addStep(&st.t, &st.q, &l, &st.yP, &st.nxP)
		case -1:
			addStep(&st.t, &st.qn, &l, &st.yP, &st.nxP)
		}
	}
	n := new(big.Int).SetUint64(uAbs)
	n.Mul(n, big.NewInt(6))
	if uNegative {
		n.Sub(n, big.NewInt(2))
	} else {
		n.Add(n, big.NewInt(2))
	}
	var k Fr
	k.SetBig(n)
	var want G2
	want.ScalarMultVarTime(&k, G2Generator())
	if st.t.Equal(&want) != 1 || st.t.IsOnCurve() != 1 {
		t.Fatal("Miller loop point != [|6u+2|]Q")
	}
}

// TestPairAllocations documents the allocation profile: Pair allocates
// only the returned *GT; the Miller loop and final exponentiation run on
// the stack.
func TestPairAllocations(t *testing.T) {
	p, q := G1Generator(), G2Generator()
	if n := testing.AllocsPerRun(5, func() { Pair(p, q) }); n > 1 {
		t.Errorf("Pair allocates %v times per call, want at most 1 (the result)", n)
	}
	ps := []*G1{p, p}
	qs := []*G2{q, q}
	if n := testing.AllocsPerRun(5, func() { _, _ = MultiPair(ps, qs) }); n > 1 {
		t.Errorf("MultiPair allocates %v times per call, want at most 1", n)
	}
	var f Fp12
	if n := testing.AllocsPerRun(5, func() { millerLoop(&f, ps, qs) }); n != 0 {
		t.Errorf("millerLoop allocates %v times per call, want 0", n)
	}
}

// ---- benchmarks ----

func BenchmarkPair(b *testing.B) {
	p, q := G1Generator(), G2Generator()
	b.ReportAllocs()
	for b.Loop() {
		Pair(p, q)
	}
}

func BenchmarkMillerLoop(b *testing.B) {
	ps := []*G1{G1Generator()}
	qs := []*G2{G2Generator()}
	var f Fp12
	b.ReportAllocs()
	for b.Loop() {
		millerLoop(&f, ps, qs)
	}
}

func BenchmarkFinalExp(b *testing.B) {
	var f Fp12
	millerLoop(&f, []*G1{G1Generator()}, []*G2{G2Generator()})
	var z Fp12
	b.ReportAllocs()
	for b.Loop() {
		finalExponentiation(&z, &f)
	}
}

func BenchmarkMultiPair2(b *testing.B) {
	ps := []*G1{G1Generator(), G1Generator()}
	qs := []*G2{G2Generator(), G2Generator()}
	b.ReportAllocs()
	for b.Loop() {
		_, _ = MultiPair(ps, qs)
	}
}

// ---- GT membership and encoding ----

// isInGTSlow is the definition: f != 0 and f^r = 1.
func isInGTSlow(f *Fp12) bool {
	return f.IsZero() == 0 && expFp12BigVarTime(f, orderR).IsOne() == 1
}

// easyPart returns f^((p^6-1)(p^2+1)), an element of the cyclotomic
// subgroup that is in GT only by accident.
func easyPart(f *Fp12) *Fp12 {
	var m, t Fp12
	t.Inverse(f)
	m.Conjugate(f)
	m.Mul(&m, &t)
	t.Frobenius(&m, 2)
	m.Mul(&m, &t)
	return &m
}

func TestGTSetFp12(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := drawPairFp12(t, "f")
		if f.IsZero() == 1 {
			f.SetOne()
		}
		candidates := map[string]*Fp12{
			"random":     f,
			"cyclotomic": easyPart(f),
			// m^r has order dividing (p^4-p^2+1)/r: cyclotomic, not in GT
			// unless it is 1.
			"cyclotomic cofactor part": expFp12BigVarTime(easyPart(f), orderR),
			"final exponentiation":     &FinalExponentiation(f).f,
		}
		for name, c := range candidates {
			want := isInGTSlow(c)
			got := isInGT(c) == 1
			if got != want {
				t.Fatalf("%s: isInGT = %v, f^r = 1 is %v", name, got, want)
			}
			var z GT
			_, err := z.SetFp12(c)
			if (err == nil) != want || (err != nil && !errors.Is(err, ErrNotInGT)) {
				t.Fatalf("%s: SetFp12 err = %v, in GT = %v", name, err, want)
			}
		}
		if isInGT(&FinalExponentiation(f).f) != 1 {
			t.Fatal("final exponentiation output rejected")
		}
		if isInGT(easyPart(f)) == 1 && !isInGTSlow(easyPart(f)) {
			t.Fatal("cyclotomic non-GT element accepted")
		}
	})
	var zero, one Fp12
	one.SetOne()
	var z GT
	if _, err := z.SetFp12(&zero); !errors.Is(err, ErrNotInGT) {
		t.Errorf("SetFp12(0): err = %v", err)
	}
	if _, err := z.SetFp12(nil); !errors.Is(err, ErrNotInGT) {
		t.Errorf("SetFp12(nil): err = %v", err)
	}
	if _, err := z.SetFp12(&one); err != nil || z.IsOne() != 1 {
		t.Errorf("SetFp12(1): err = %v", err)
	}
}

func TestGTBytes(t *testing.T) {
	e := Pair(G1Generator(), G2Generator())
	arr := e.Bytes()
	b := arr[:]
	// The reference writes the tower coefficients lowest first, real part
	// first; ours is the exact reverse at Fp granularity.
	ref := refBN().Fp12ToTowerBytes(refBN().Pair(refBN().Gen1, refBN().Gen2))
	for k := 0; k < 12; k++ {
		got := b[k*FpBytes : (k+1)*FpBytes]
		want := ref[(11-k)*FpBytes : (12-k)*FpBytes]
		if string(got) != string(want) {
			t.Fatalf("GT.Bytes coefficient %d differs from bigref's e(G1, G2)", k)
		}
	}
	var d GT
	if _, err := d.SetBytes(b); err != nil || d.Equal(e) != 1 {
		t.Fatalf("round trip: %v", err)
	}
	if _, err := d.SetBytes(b[1:]); !errors.Is(err, ErrLength) {
		t.Errorf("short: err = %v", err)
	}
	bad := append([]byte(nil), b...)
	pb := ModulusFp().FillBytes(make([]byte, FpBytes))
	copy(bad[5*FpBytes:], pb)
	if _, err := d.SetBytes(bad); !errors.Is(err, ErrNonCanonical) {
		t.Errorf("coefficient = p: err = %v", err)
	}
	bad = append([]byte(nil), b...)
	bad[GTSize-1] ^= 1
	if _, err := d.SetBytes(bad); !errors.Is(err, ErrNotInGT) {
		t.Errorf("perturbed: err = %v", err)
	}
	rapid.Check(t, func(t *rapid.T) {
		var x GT
		x.Exp(e, drawPairScalar(t, "k"))
		var y GT
		xb := x.Bytes()
		if _, err := y.SetBytes(xb[:]); err != nil || y.Equal(&x) != 1 {
			t.Fatalf("round trip: %v", err)
		}
	})
}

// ---- subgroup checks ----

// bigLimbs returns the little-endian 64-bit limbs of a non-negative n.
func bigLimbs(n *big.Int) []uint64 {
	b := n.FillBytes(make([]byte, (n.BitLen()+63)/64*8))
	l := make([]uint64, len(b)/8)
	for i := range l {
		for j := 0; j < 8; j++ {
			l[i] |= uint64(b[len(b)-1-8*i-j]) << (8 * j)
		}
	}
	return l
}

// drawTwistPoint hashes drawn bytes onto the twist E'(Fp2) without clearing
// the cofactor, so the point is almost never in G2.
func drawTwistPoint(t *rapid.T) *G2 {
	b := rapid.SliceOfN(rapid.Byte(), 96, 96).Draw(t, "x")
	var a G2Affine
	a.X.A0.SetBytesReduce(b[:48])
	a.X.A1.SetBytesReduce(b[48:])
	var one Fp
	one.SetOne()
	for {
		var rhs Fp2
		rhs.Square(&a.X)
		rhs.Mul(&rhs, &a.X)
		rhs.Add(&rhs, &bG2)
		if _, ok := a.Y.Sqrt(&rhs); ok == 1 {
			break
		}
		a.X.A0.Add(&a.X.A0, &one)
	}
	var q G2
	return q.FromAffine(&a)
}

func TestG2SubgroupFast(t *testing.T) {
	// #E'(Fp2) = r (2p - r) for the sextic twist of a BN curve.
	cof := new(big.Int).Lsh(ModulusFp(), 1)
	cof.Sub(cof, orderR)
	cofLimbs := bigLimbs(cof)
	rl := bigLimbs(orderR)
	out := 0
	rapid.Check(t, func(t *rapid.T) {
		q := drawTwistPoint(t)
		if q.IsOnCurve() != 1 {
			t.Fatal("hashed point not on the twist")
		}
		var rq G2
		rq.scalarMultLimbsVarTime(q, rl)
		slow := rq.IsIdentity()
		if fast := g2IsInSubgroupFast(q); fast != slow {
			t.Fatalf("raw point: fast = %d, r*Q = O is %d", fast, slow)
		}
		if slow == 0 {
			out++
		}
		var c G2
		c.scalarMultLimbsVarTime(q, cofLimbs)
		rq.scalarMultLimbsVarTime(&c, rl)
		if rq.IsIdentity() != 1 {
			t.Fatal("cofactor-cleared point not of order r")
		}
		if g2IsInSubgroupFast(&c) != 1 {
			t.Fatal("cofactor-cleared point rejected")
		}
	})
	if out == 0 {
		t.Error("no point outside G2 was generated")
	}
	var o G2
	o.SetIdentity()
	if g2IsInSubgroupFast(&o) != 1 || g2IsInSubgroupFast(G2Generator()) != 1 {
		t.Error("identity or generator rejected")
	}
	// psi acts as p = 6u^2 (mod r) on G2.
	var a, b G2
	a.psi(G2Generator())
	var pr Fr
	pr.SetBig(ModulusFp())
	b.ScalarMultVarTime(&pr, G2Generator())
	if a.Equal(&b) != 1 {
		t.Error("psi(Q) != [p]Q on G2")
	}
}

func TestG1SubgroupFast(t *testing.T) {
	rl := bigLimbs(orderR)
	rapid.Check(t, func(t *rapid.T) {
		b := rapid.SliceOfN(rapid.Byte(), 48, 48).Draw(t, "x")
		var a G1Affine
		a.X.SetBytesReduce(b)
		var one Fp
		one.SetOne()
		for {
			var rhs Fp
			rhs.Square(&a.X)
			rhs.Mul(&rhs, &a.X)
			rhs.Add(&rhs, &bG1)
			if _, ok := a.Y.Sqrt(&rhs); ok == 1 {
				break
			}
			a.X.Add(&a.X, &one)
		}
		var p, rp G1
		p.FromAffine(&a)
		rp.scalarMultLimbsVarTime(&p, rl)
		if rp.IsIdentity() != 1 || g1IsInSubgroupFast(&p) != 1 {
			t.Fatal("a point of E(Fp) is not of order r (cofactor should be 1)")
		}
		p.Y.Add(&p.Y, &one)
		if g1IsInSubgroupFast(&p) != 0 {
			t.Fatal("off-curve point accepted")
		}
	})
}

func BenchmarkG2IsInSubgroupFast(b *testing.B) {
	q := G2Generator()
	for b.Loop() {
		g2IsInSubgroupFast(q)
	}
}

func BenchmarkG2IsInSubgroupSlow(b *testing.B) {
	q := G2Generator()
	for b.Loop() {
		q.IsInSubgroup()
	}
}

func BenchmarkGTSetFp12(b *testing.B) {
	e := Pair(G1Generator(), G2Generator()).Fp12()
	var z GT
	for b.Loop() {
		_, _ = z.SetFp12(&e)
	}
}
