// Package pairingtest holds the law tests that every pairing.Suite must
// pass: field axioms for scalars, group laws for G1, G2 and GT, bilinearity
// and non-degeneracy of the pairing, encoding round trips and the rejection
// of invalid coordinates. Curve packages call Run from their tests.
package pairingtest

import (
	"bytes"
	"errors"
	"testing"

	"github.com/mpinkit/mpinkit/pairing"
	"pgregory.net/rapid"
)

// drawScalar draws a scalar from 64 random bytes, with a bias towards the
// edge values 0, 1 and -1.
func drawScalar(t *rapid.T, s pairing.Suite, label string) pairing.Scalar {
	k := s.NewScalar()
	switch rapid.IntRange(0, 15).Draw(t, label+"-kind") {
	case 0:
		return k
	case 1:
		return k.SetUint64(1)
	case 2:
		return k.Neg(k.SetUint64(1))
	}
	return k.SetBytesReduce(rapid.SliceOfN(rapid.Byte(), 64, 64).Draw(t, label))
}

func drawG1(t *rapid.T, s pairing.Suite, label string) pairing.G1 {
	return s.NewG1().ScalarMult(drawScalar(t, s, label), s.G1Generator())
}

func drawG2(t *rapid.T, s pairing.Suite, label string) pairing.G2 {
	return s.NewG2().ScalarMult(drawScalar(t, s, label), s.G2Generator())
}

// Run runs every law test against s as subtests of t.
func Run(t *testing.T, s pairing.Suite) {
	t.Run("ScalarField", func(t *testing.T) { scalarLaws(t, s) })
	t.Run("G1Laws", func(t *testing.T) { g1Laws(t, s) })
	t.Run("G2Laws", func(t *testing.T) { g2Laws(t, s) })
	t.Run("Bilinearity", func(t *testing.T) { bilinearity(t, s) })
	t.Run("MultiPair", func(t *testing.T) { multiPair(t, s) })
	if pe, ok := s.(pairing.PublicEncoder); ok {
		t.Run("PublicEncoder", func(t *testing.T) { publicEncoder(t, s, pe) })
	}
	if sm, ok := s.(pairing.SmallScalarMultiplier); ok {
		t.Run("SmallScalarMult", func(t *testing.T) { smallScalarMult(t, s, sm) })
	}
	if pr, ok := s.(pairing.G2Preparer); ok {
		t.Run("Prepared", func(t *testing.T) { prepared(t, s, pr) })
	}
	t.Run("Coordinates", func(t *testing.T) { coordinates(t, s) })
	t.Run("GTCoefficients", func(t *testing.T) { gtCoefficients(t, s) })
	t.Run("HashToG1", func(t *testing.T) { hashing(t, s) })
	if lm, ok := s.(pairing.LegacySumMapper); ok {
		t.Run("LegacySum", func(t *testing.T) { legacySum(t, s, lm) })
	}
	t.Run("Random", func(t *testing.T) { randomScalar(t, s) })
}

func scalarLaws(t *testing.T, s pairing.Suite) {
	rapid.Check(t, func(t *rapid.T) {
		a, b, c := drawScalar(t, s, "a"), drawScalar(t, s, "b"), drawScalar(t, s, "c")
		n := s.NewScalar
		// (a+b)c = ac + bc
		l := n().Mul(n().Add(a, b), c)
		r := n().Add(n().Mul(a, c), n().Mul(b, c))
		if !l.Equal(r) {
			t.Fatal("distributivity")
		}
		if !n().Sub(n().Add(a, b), b).Equal(a) {
			t.Fatal("a+b-b != a")
		}
		if !n().Add(a, n().Neg(a)).IsZero() {
			t.Fatal("a + -a != 0")
		}
		if !a.IsZero() && !n().Mul(a, n().Inverse(a)).Equal(n().SetUint64(1)) {
			t.Fatal("a * 1/a != 1")
		}
		if !n().Mul(a, b).Equal(n().Mul(b, a)) {
			t.Fatal("commutativity")
		}
		d, err := n().SetBytes(a.Bytes())
		if err != nil || !d.Equal(a) || len(a.Bytes()) != s.ScalarBytes() {
			t.Fatalf("scalar encoding round trip: %v", err)
		}
	})
	// 2^(8*len) - 1 is never a canonical scalar.
	all := bytes.Repeat([]byte{0xff}, s.ScalarBytes())
	if _, err := s.NewScalar().SetBytes(all); !errors.Is(err, pairing.ErrInvalidScalar) {
		t.Fatalf("non-canonical scalar accepted: %v", err)
	}
}

func g1Laws(t *testing.T, s pairing.Suite) {
	rapid.Check(t, func(t *rapid.T) {
		a, b := drawScalar(t, s, "a"), drawScalar(t, s, "b")
		p, q, r := drawG1(t, s, "p"), drawG1(t, s, "q"), drawG1(t, s, "r")
		n := s.NewG1
		if !n().Add(n().Add(p, q), r).Equal(n().Add(p, n().Add(q, r))) {
			t.Fatal("associativity")
		}
		if !n().Add(p, q).Equal(n().Add(q, p)) {
			t.Fatal("commutativity")
		}
		if !n().Add(p, n()).Equal(p) || !n().Add(p, n().Neg(p)).IsIdentity() {
			t.Fatal("identity / inverse")
		}
		if !n().Sub(p, p).IsIdentity() || !n().Add(p, p).Equal(n().ScalarMult(s.NewScalar().SetUint64(2), p)) {
			t.Fatal("doubling")
		}
		// (a+b)P = aP + bP, (ab)P = a(bP), constant-time and variable-time agree
		sum := s.NewScalar().Add(a, b)
		if !n().ScalarMult(sum, p).Equal(n().Add(n().ScalarMult(a, p), n().ScalarMult(b, p))) {
			t.Fatal("(a+b)P")
		}
		prod := s.NewScalar().Mul(a, b)
		if !n().ScalarMult(prod, p).Equal(n().ScalarMult(a, n().ScalarMult(b, p))) {
			t.Fatal("(ab)P")
		}
		if !n().ScalarMult(a, p).Equal(n().ScalarMultVarTime(a, p)) {
			t.Fatal("ScalarMult != ScalarMultVarTime")
		}
	})
}

func g2Laws(t *testing.T, s pairing.Suite) {
	rapid.Check(t, func(t *rapid.T) {
		a, b := drawScalar(t, s, "a"), drawScalar(t, s, "b")
		p, q, r := drawG2(t, s, "p"), drawG2(t, s, "q"), drawG2(t, s, "r")
		n := s.NewG2
		if !n().Add(n().Add(p, q), r).Equal(n().Add(p, n().Add(q, r))) {
			t.Fatal("associativity")
		}
		if !n().Add(p, q).Equal(n().Add(q, p)) {
			t.Fatal("commutativity")
		}
		if !n().Add(p, n()).Equal(p) || !n().Add(p, n().Neg(p)).IsIdentity() {
			t.Fatal("identity / inverse")
		}
		sum := s.NewScalar().Add(a, b)
		if !n().ScalarMult(sum, p).Equal(n().Add(n().ScalarMult(a, p), n().ScalarMult(b, p))) {
			t.Fatal("(a+b)P")
		}
		if !n().ScalarMult(a, p).Equal(n().ScalarMultVarTime(a, p)) {
			t.Fatal("ScalarMult != ScalarMultVarTime")
		}
	})
}

func pair(t *rapid.T, s pairing.Suite, p pairing.G1, q pairing.G2) pairing.GT {
	e, err := s.Pair(p, q)
	if err != nil {
		t.Fatalf("Pair: %v", err)
	}
	return e
}

func bilinearity(t *testing.T, s pairing.Suite) {
	g, err := s.Pair(s.G1Generator(), s.G2Generator())
	if err != nil || g.IsOne() {
		t.Fatal("e(G1, G2) = 1: degenerate pairing")
	}
	rapid.Check(t, func(t *rapid.T) {
		a, b := drawScalar(t, s, "a"), drawScalar(t, s, "b")
		p, q := drawG1(t, s, "p"), drawG2(t, s, "q")
		ap := s.NewG1().ScalarMult(a, p)
		bq := s.NewG2().ScalarMult(b, q)
		lhs := pair(t, s, ap, bq)
		rhs := s.NewGT().Exp(pair(t, s, p, q), s.NewScalar().Mul(a, b))
		if !lhs.Equal(rhs) {
			t.Fatal("e(aP, bQ) != e(P, Q)^(ab)")
		}
		// e(-P, Q) = e(P, Q)^-1 and e(P, O) = e(O, Q) = 1
		neg := pair(t, s, s.NewG1().Neg(p), q)
		if !s.NewGT().Mul(neg, pair(t, s, p, q)).IsOne() {
			t.Fatal("e(-P, Q) e(P, Q) != 1")
		}
		if !pair(t, s, p, s.NewG2()).IsOne() || !pair(t, s, s.NewG1(), q).IsOne() {
			t.Fatal("pairing with the identity is not 1")
		}
		// GT exponent laws
		x := pair(t, s, p, q)
		if !s.NewGT().Mul(s.NewGT().Exp(x, a), s.NewGT().Exp(x, b)).Equal(s.NewGT().Exp(x, s.NewScalar().Add(a, b))) {
			t.Fatal("x^a x^b != x^(a+b)")
		}
		if !s.NewGT().Mul(x, s.NewGT().Inverse(x)).IsOne() {
			t.Fatal("x / x != 1")
		}
	})
}

func multiPair(t *testing.T, s pairing.Suite) {
	rapid.Check(t, func(t *rapid.T) {
		k := rapid.IntRange(0, 4).Draw(t, "n")
		ps := make([]pairing.G1, k)
		qs := make([]pairing.G2, k)
		want := s.NewGT()
		for i := range ps {
			ps[i], qs[i] = drawG1(t, s, "p"), drawG2(t, s, "q")
			want.Mul(want, pair(t, s, ps[i], qs[i]))
		}
		got, err := s.MultiPair(ps, qs)
		if err != nil || !got.Equal(want) {
			t.Fatalf("MultiPair != product of pairings (%v)", err)
		}
	})
	if _, err := s.MultiPair([]pairing.G1{s.G1Generator()}, nil); !errors.Is(err, pairing.ErrLengthMismatch) {
		t.Fatalf("length mismatch: %v", err)
	}
}

// publicEncoder checks that EncodeToG1VarTime returns EncodeToG1's point.
func publicEncoder(t *testing.T, s pairing.Suite, pe pairing.PublicEncoder) {
	rapid.Check(t, func(t *rapid.T) {
		msg := rapid.SliceOfN(rapid.Byte(), 0, 64).Draw(t, "msg")
		dst := []byte("PAIRINGTEST-V01-PUBLIC-ENCODER")
		want, err1 := s.EncodeToG1(msg, dst)
		got, err2 := pe.EncodeToG1VarTime(msg, dst)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if !got.Equal(want) {
			t.Fatal("EncodeToG1VarTime differs from EncodeToG1")
		}
	})
}

// smallScalarMult checks G1ScalarMultSmall against ScalarMult and its
// range checks.
func smallScalarMult(t *testing.T, s pairing.Suite, sm pairing.SmallScalarMultiplier) {
	rapid.Check(t, func(t *rapid.T) {
		bits := rapid.IntRange(1, 64).Draw(t, "bits")
		k := rapid.Uint64().Draw(t, "k")
		if bits < 64 {
			k &= 1<<uint(bits) - 1
		}
		p := drawG1(t, s, "p")
		got, err := sm.G1ScalarMultSmall(k, bits, p)
		if err != nil {
			t.Fatal(err)
		}
		if want := s.NewG1().ScalarMult(s.NewScalar().SetUint64(k), p); !got.Equal(want) {
			t.Fatal("G1ScalarMultSmall differs from ScalarMult")
		}
	})
	g := s.G1Generator()
	for _, c := range []struct {
		k    uint64
		bits int
	}{{16, 4}, {1, 0}, {1, 65}, {1 << 14, 14}} {
		if _, err := sm.G1ScalarMultSmall(c.k, c.bits, g); !errors.Is(err, pairing.ErrInvalidScalar) {
			t.Fatalf("G1ScalarMultSmall(%d, %d): %v", c.k, c.bits, err)
		}
	}
	if _, err := sm.G1ScalarMultSmall(1, 8, nil); !errors.Is(err, pairing.ErrWrongSuite) {
		t.Fatalf("nil point: %v", err)
	}
}

// prepared checks that pairings against prepared G2 points equal MultiPair
// on the same points, identities included, and that a prepared point
// remembers its point.
func prepared(t *testing.T, s pairing.Suite, pr pairing.G2Preparer) {
	rapid.Check(t, func(t *rapid.T) {
		k := rapid.IntRange(0, 4).Draw(t, "n")
		ps := make([]pairing.G1, k)
		qs := make([]pairing.G2, k)
		pq := make([]pairing.PreparedG2, k)
		for i := range ps {
			ps[i], qs[i] = drawG1(t, s, "p"), drawG2(t, s, "q")
			var err error
			if pq[i], err = pr.PrepareG2(qs[i]); err != nil {
				t.Fatalf("PrepareG2: %v", err)
			}
			if !pq[i].Point().Equal(qs[i]) {
				t.Fatal("prepared point differs from its source")
			}
		}
		want, err := s.MultiPair(ps, qs)
		if err != nil {
			t.Fatal(err)
		}
		got, err := pr.MultiPairPrepared(ps, pq)
		if err != nil || !got.Equal(want) {
			t.Fatalf("MultiPairPrepared != MultiPair (%v)", err)
		}
		// Reuse: the same prepared points against other G1 points.
		for i := range ps {
			ps[i] = drawG1(t, s, "p2")
		}
		want, _ = s.MultiPair(ps, qs)
		got, err = pr.MultiPairPrepared(ps, pq)
		if err != nil || !got.Equal(want) {
			t.Fatalf("MultiPairPrepared on reuse != MultiPair (%v)", err)
		}
	})
	g, err := pr.PrepareG2(s.G2Generator())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pr.MultiPairPrepared([]pairing.G1{s.G1Generator()}, nil); !errors.Is(err, pairing.ErrLengthMismatch) {
		t.Fatalf("length mismatch: %v", err)
	}
	if _, err := pr.MultiPairPrepared([]pairing.G1{s.G1Generator(), s.G1Generator()}, []pairing.PreparedG2{g}); !errors.Is(err, pairing.ErrLengthMismatch) {
		t.Fatalf("length mismatch: %v", err)
	}
	if _, err := pr.MultiPairPrepared([]pairing.G1{nil}, []pairing.PreparedG2{g}); !errors.Is(err, pairing.ErrWrongSuite) {
		t.Fatalf("nil G1 interface: %v", err)
	}
	if _, err := pr.PrepareG2(nil); !errors.Is(err, pairing.ErrWrongSuite) {
		t.Fatalf("nil G2 interface: %v", err)
	}
}

func coordinates(t *testing.T, s pairing.Suite) {
	rapid.Check(t, func(t *rapid.T) {
		p := drawG1(t, s, "p")
		x, y, ok := p.Coordinates()
		if !ok {
			if !p.IsIdentity() {
				t.Fatal("finite point without coordinates")
			}
			return
		}
		back, err := s.NewG1().SetCoordinates(x, y)
		if err != nil || !back.Equal(p) {
			t.Fatalf("G1 round trip: %v", err)
		}
		// y+1 (as bytes) is off the curve or non-canonical, never accepted.
		bad := append([]byte(nil), y...)
		bad[len(bad)-1] ^= 1
		if _, err := s.NewG1().SetCoordinates(x, bad); !errors.Is(err, pairing.ErrInvalidPoint) {
			t.Fatalf("tampered G1 accepted: %v", err)
		}
		q := drawG2(t, s, "q")
		x0, x1, y0, y1, ok := q.Coordinates()
		if !ok {
			return
		}
		back2, err := s.NewG2().SetCoordinates(x0, x1, y0, y1)
		if err != nil || !back2.Equal(q) {
			t.Fatalf("G2 round trip: %v", err)
		}
		if _, err := s.NewG2().SetCoordinates(x0, x1, y1, y0); !errors.Is(err, pairing.ErrInvalidPoint) {
			t.Fatalf("swapped G2 coordinates accepted: %v", err)
		}
	})
	ff := bytes.Repeat([]byte{0xff}, s.FieldBytes())
	one := make([]byte, s.FieldBytes())
	one[len(one)-1] = 1
	if _, err := s.NewG1().SetCoordinates(ff, one); !errors.Is(err, pairing.ErrInvalidPoint) {
		t.Fatalf("non-canonical x accepted: %v", err)
	}
}

func gtCoefficients(t *testing.T, s pairing.Suite) {
	rapid.Check(t, func(t *rapid.T) {
		x := pair(t, s, drawG1(t, s, "p"), s.G2Generator())
		c := x.Coefficients()
		back, err := s.NewGT().SetCoefficients(c)
		if err != nil || !back.Equal(x) {
			t.Fatalf("GT round trip: %v", err)
		}
		i := rapid.IntRange(0, 11).Draw(t, "i")
		c[i] = append([]byte(nil), c[i]...)
		c[i][len(c[i])-1] ^= 1
		if _, err := s.NewGT().SetCoefficients(c); err == nil {
			t.Fatal("tampered GT value accepted")
		}
	})
}

func hashing(t *testing.T, s pairing.Suite) {
	rapid.Check(t, func(t *rapid.T) {
		msg := rapid.SliceOfN(rapid.Byte(), 0, 64).Draw(t, "msg")
		dst := []byte("MPINKIT-PAIRINGTEST-V01")
		for _, f := range []func(msg, dst []byte) (pairing.G1, error){s.HashToG1, s.EncodeToG1} {
			p, err := f(msg, dst)
			if err != nil {
				t.Fatal(err)
			}
			q, _ := f(msg, dst)
			if !p.Equal(q) || p.IsIdentity() {
				t.Fatal("hash not deterministic or hit the identity")
			}
			x, y, _ := p.Coordinates()
			if _, err := s.NewG1().SetCoordinates(x, y); err != nil {
				t.Fatalf("hash output not a valid G1 point: %v", err)
			}
			other, _ := f(msg, []byte("MPINKIT-PAIRINGTEST-V02"))
			if p.Equal(other) {
				t.Fatal("domain separation tag ignored")
			}
		}
		h := rapid.SliceOfN(rapid.Byte(), s.FieldBytes(), s.FieldBytes()).Draw(t, "h")
		p, err := s.LegacyMapToG1VarTime(h)
		if err != nil || p.IsIdentity() {
			t.Fatalf("legacy map: %v", err)
		}
		x, y, _ := p.Coordinates()
		if _, err := s.NewG1().SetCoordinates(x, y); err != nil {
			t.Fatalf("legacy map output not a valid G1 point: %v", err)
		}
	})
}

// legacySum checks LegacyMapSumToG1VarTime against the sum of two
// LegacyMapToG1VarTime outputs, on random hashes and on hashes whose
// x is 0, 1 or (2^(8n) - 1) mod p (x = 0 gives a point of order 3 on y^2 = x^3 + 4,
// which the cofactor kills, so the map moves on).
func legacySum(t *testing.T, s pairing.Suite, lm pairing.LegacySumMapper) {
	n := s.FieldBytes()
	check := func(t fatalT, h1, h2 []byte) {
		got, err := lm.LegacyMapSumToG1VarTime(h1, h2)
		if err != nil {
			t.Fatalf("sum map: %v", err)
		}
		a, err1 := s.LegacyMapToG1VarTime(h1)
		b, err2 := s.LegacyMapToG1VarTime(h2)
		if err1 != nil || err2 != nil {
			t.Fatalf("legacy map: %v %v", err1, err2)
		}
		if !got.Equal(s.NewG1().Add(a, b)) {
			t.Fatalf("sum map %x, %x differs from the sum of the maps", h1, h2)
		}
	}
	zero := make([]byte, n)
	one := make([]byte, n)
	one[n-1] = 1
	ff := bytes.Repeat([]byte{0xff}, n) // reduced mod p by the map
	for _, h := range [][]byte{zero, one, ff} {
		check(t, h, h)
		check(t, h, one)
		check(t, zero, h)
	}
	if _, err := lm.LegacyMapSumToG1VarTime(zero[1:], zero); err == nil {
		t.Fatal("short hash accepted")
	}
	rapid.Check(t, func(t *rapid.T) {
		h1 := rapid.SliceOfN(rapid.Byte(), n, n+8).Draw(t, "h1")
		h2 := rapid.SliceOfN(rapid.Byte(), n, n+8).Draw(t, "h2")
		check(t, h1, h2)
	})
}

type fatalT interface {
	Fatalf(format string, args ...any)
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("no entropy") }

func randomScalar(t *testing.T, s pairing.Suite) {
	k, err := s.RandomScalar(&zeroThenOnes{})
	if err != nil || k.IsZero() {
		t.Fatalf("RandomScalar: %v", err)
	}
	if _, err := s.RandomScalar(failingReader{}); err == nil {
		t.Fatal("RandomScalar ignored a reader error")
	}
}

// zeroThenOnes yields zero bytes on its first read (a zero scalar, which must
// be rejected and redrawn), then 0x01 bytes.
type zeroThenOnes struct{ n int }

func (z *zeroThenOnes) Read(b []byte) (int, error) {
	fill := byte(0)
	if z.n > 0 {
		fill = 1
	}
	z.n++
	for i := range b {
		b[i] = fill
	}
	return len(b), nil
}
