package bls12381

import (
	"testing"

	circl "github.com/cloudflare/circl/ecc/bls12381"
	"pgregory.net/rapid"
)

// Helpers that move values between this package and circl through raw
// coordinates, independently of our own encoders.

func drawScalar(t *rapid.T, label string) *Fr {
	b := rapid.SliceOfN(rapid.Byte(), 64, 64).Draw(t, label)
	var k Fr
	k.SetBytesReduce(b)
	return &k
}

func toCirclScalar(k *Fr) *circl.Scalar {
	var s circl.Scalar
	b := k.Bytes()
	s.SetBytes(b[:])
	return &s
}

func toCirclG1(t fataler, p *G1) *circl.G1 {
	var q circl.G1
	a, ok := p.ToAffine()
	if ok == 0 {
		q.SetIdentity()
		return &q
	}
	x, y := a.X.Bytes(), a.Y.Bytes()
	if err := q.SetBytes(append(x[:], y[:]...)); err != nil {
		t.Fatalf("circl rejects our G1 point: %v", err)
	}
	return &q
}

func toCirclG2(t fataler, p *G2) *circl.G2 {
	var q circl.G2
	a, ok := p.ToAffine()
	if ok == 0 {
		q.SetIdentity()
		return &q
	}
	var buf []byte
	for _, c := range []*Fp{&a.X.A1, &a.X.A0, &a.Y.A1, &a.Y.A0} {
		b := c.Bytes()
		buf = append(buf, b[:]...)
	}
	if err := q.SetBytes(buf); err != nil {
		t.Fatalf("circl rejects our G2 point: %v", err)
	}
	return &q
}

// gtCoeffs lists the Fp coefficients of an Fp12 in circl's serialization
// order (highest tower coefficient first, imaginary part first).
func gtCoeffs(f *Fp12) []*Fp {
	var out []*Fp
	for _, c6 := range []*Fp6{&f.C1, &f.C0} {
		for _, c2 := range []*Fp2{&c6.B2, &c6.B1, &c6.B0} {
			out = append(out, &c2.A1, &c2.A0)
		}
	}
	return out
}

func gtBytesForCircl(g *GT) []byte {
	f := g.Fp12()
	var buf []byte
	for _, c := range gtCoeffs(&f) {
		b := c.Bytes()
		buf = append(buf, b[:]...)
	}
	return buf
}

func TestPairMatchesCircl(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, b := drawScalar(t, "a"), drawScalar(t, "b")
		var p G1
		p.ScalarBaseMult(a)
		var q G2
		q.ScalarBaseMult(b)
		got := gtBytesForCircl(Pair(&p, &q))
		want, err := circl.Pair(toCirclG1(t, &p), toCirclG2(t, &q)).MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Fatalf("pairing differs from circl")
		}
	})
}

// fataler is the part of testing.TB and *rapid.T the helpers need.
type fataler interface {
	Fatalf(format string, args ...any)
}

func BenchmarkPairOurs(b *testing.B) {
	p, q := G1Generator(), G2Generator()
	for b.Loop() {
		Pair(p, q)
	}
}

func BenchmarkPairCircl(b *testing.B) {
	p, q := circl.G1Generator(), circl.G2Generator()
	for b.Loop() {
		circl.Pair(p, q)
	}
}

func BenchmarkFpMulOurs(b *testing.B) {
	var x, y Fp
	x.SetUint64(3)
	y.SetUint64(7)
	x.Inverse(&x)
	for b.Loop() {
		x.Mul(&x, &y)
	}
}
