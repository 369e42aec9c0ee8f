package circlsuite

import (
	"bytes"
	"errors"
	"testing"

	"github.com/mpinkit/mpinkit/pairing"
	"github.com/mpinkit/mpinkit/pairing/bls12381"
	"github.com/mpinkit/mpinkit/pairing/pairingtest"
	"pgregory.net/rapid"
)

// withLegacy lends the suite pairing/bls12381's legacy map, moved over by
// coordinates, so that the shared law tests (which exercise the legacy map)
// can run; everything else is circl's.
type withLegacy struct{ pairing.Suite }

func (w withLegacy) LegacyMapToG1VarTime(h []byte) (pairing.G1, error) {
	p, err := bls12381.Suite().LegacyMapToG1VarTime(h)
	if err != nil {
		return nil, err
	}
	x, y, _ := p.Coordinates()
	return w.NewG1().SetCoordinates(x, y)
}

func TestLaws(t *testing.T) {
	pairingtest.Run(t, withLegacy{Suite()})
}

func TestLegacyUnsupported(t *testing.T) {
	if _, err := Suite().LegacyMapToG1VarTime(make([]byte, 48)); !errors.Is(err, ErrUnsupported) {
		t.Fatalf("legacy map: %v", err)
	}
}

// TestMatchesBLS12381 checks that circl and pairing/bls12381 give the same
// bytes for the same inputs through the Suite interface.
func TestMatchesBLS12381(t *testing.T) {
	ours, theirs := bls12381.Suite(), Suite()
	if ours.Name() != theirs.Name() || ours.FieldBytes() != theirs.FieldBytes() || ours.ScalarBytes() != theirs.ScalarBytes() {
		t.Fatal("suite parameters differ")
	}
	rapid.Check(t, func(t *rapid.T) {
		seed := rapid.SliceOfN(rapid.Byte(), 48*3, 48*3).Draw(t, "seed")
		k1, err1 := ours.RandomScalar(bytes.NewReader(seed))
		k2, err2 := theirs.RandomScalar(bytes.NewReader(seed))
		if err1 != nil || err2 != nil || !bytes.Equal(k1.Bytes(), k2.Bytes()) {
			t.Fatalf("RandomScalar: %v %v", err1, err2)
		}
		msg := rapid.SliceOfN(rapid.Byte(), 0, 40).Draw(t, "msg")
		dst := []byte("BLS12381G1_XMD:SHA-256_SSWU_NU_MPIN")
		eq1 := func(what string, a, b pairing.G1) {
			ax, ay, aok := a.Coordinates()
			bx, by, bok := b.Coordinates()
			if aok != bok || !bytes.Equal(ax, bx) || !bytes.Equal(ay, by) {
				t.Fatalf("%s differs", what)
			}
		}
		h1, _ := ours.EncodeToG1(msg, dst)
		h2, _ := theirs.EncodeToG1(msg, dst)
		eq1("EncodeToG1", h1, h2)
		r1, _ := ours.HashToG1(msg, dst)
		r2, _ := theirs.HashToG1(msg, dst)
		eq1("HashToG1", r1, r2)
		p1 := ours.NewG1().ScalarMult(k1, h1)
		p2 := theirs.NewG1().ScalarMult(k2, h2)
		eq1("ScalarMult", p1, p2)
		eq1("Sub", ours.NewG1().Sub(p1, h1), theirs.NewG1().Sub(p2, h2))
		q1 := ours.NewG2().ScalarMult(k1, ours.G2Generator())
		q2 := theirs.NewG2().ScalarMult(k2, theirs.G2Generator())
		a0, a1, a2, a3, _ := q1.Coordinates()
		b0, b1, b2, b3, _ := q2.Coordinates()
		if !bytes.Equal(bytes.Join([][]byte{a0, a1, a2, a3}, nil), bytes.Join([][]byte{b0, b1, b2, b3}, nil)) {
			t.Fatal("G2 ScalarMult differs")
		}
		g1, _ := ours.Pair(p1, q1)
		g2, _ := theirs.Pair(p2, q2)
		if !equalCoeffs(g1.Coefficients(), g2.Coefficients()) {
			t.Fatal("Pair differs")
		}
		m1, _ := ours.MultiPair([]pairing.G1{p1, h1}, []pairing.G2{q1, ours.G2Generator()})
		m2, _ := theirs.MultiPair([]pairing.G1{p2, h2}, []pairing.G2{q2, theirs.G2Generator()})
		if !equalCoeffs(m1.Coefficients(), m2.Coefficients()) {
			t.Fatal("MultiPair differs")
		}
		e1 := ours.NewGT().Exp(g1, k1)
		e2 := theirs.NewGT().Exp(g2, k2)
		if !equalCoeffs(e1.Coefficients(), e2.Coefficients()) {
			t.Fatal("Exp differs")
		}
	})
}

func equalCoeffs(a, b [12][]byte) bool {
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}

func TestRejects(t *testing.T) {
	s := Suite()
	x, y, _ := s.G1Generator().Coordinates()
	flagged := append([]byte{}, x...)
	flagged[0] |= 0x80
	for name, c := range map[string][2][]byte{
		"flag bits": {flagged, y},
		"short":     {x[1:], y},
		"off curve": {x, x},
	} {
		if _, err := s.NewG1().SetCoordinates(c[0], c[1]); !errors.Is(err, pairing.ErrInvalidPoint) {
			t.Errorf("G1 %s: %v", name, err)
		}
	}
	if _, err := s.NewScalar().SetBytes(make([]byte, 31)); !errors.Is(err, pairing.ErrInvalidScalar) {
		t.Errorf("short scalar: %v", err)
	}
	ff := bytes.Repeat([]byte{0xff}, 32)
	if _, err := s.NewScalar().SetBytes(ff); !errors.Is(err, pairing.ErrInvalidScalar) {
		t.Errorf("scalar >= r: %v", err)
	}
	if _, err := s.MultiPair([]pairing.G1{s.G1Generator()}, nil); !errors.Is(err, pairing.ErrLengthMismatch) {
		t.Errorf("MultiPair lengths: %v", err)
	}
	if _, err := s.Pair(bls12381.Suite().G1Generator(), s.G2Generator()); !errors.Is(err, pairing.ErrWrongSuite) {
		t.Errorf("foreign point: %v", err)
	}
	var c [12][]byte
	for i := range c {
		c[i] = make([]byte, 48)
	}
	if _, err := s.NewGT().SetCoefficients(c); !errors.Is(err, ErrNotInGT) {
		t.Errorf("zero GT value: %v", err)
	}
}
