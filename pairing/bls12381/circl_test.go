package bls12381

import (
	"testing"

	"bytes"
	circl "github.com/cloudflare/circl/ecc/bls12381"
	"github.com/cloudflare/circl/ecc/bls12381/ff"
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

func BenchmarkG1MultOurs(b *testing.B) {
	var k Fr
	k.SetBytesReduce([]byte("a fixed but full-size benchmark scalar, 64 bytes long.........."))
	var p G1
	g := G1Generator()
	for b.Loop() {
		p.ScalarMult(&k, g)
	}
}

func BenchmarkG1MultCircl(b *testing.B) {
	var k Fr
	k.SetBytesReduce([]byte("a fixed but full-size benchmark scalar, 64 bytes long.........."))
	s := toCirclScalar(&k)
	var p circl.G1
	g := circl.G1Generator()
	for b.Loop() {
		p.ScalarMult(s, g)
	}
}

func BenchmarkG2MultOurs(b *testing.B) {
	var k Fr
	k.SetBytesReduce([]byte("a fixed but full-size benchmark scalar, 64 bytes long.........."))
	var p G2
	g := G2Generator()
	for b.Loop() {
		p.ScalarMult(&k, g)
	}
}

func BenchmarkG2MultCircl(b *testing.B) {
	var k Fr
	k.SetBytesReduce([]byte("a fixed but full-size benchmark scalar, 64 bytes long.........."))
	s := toCirclScalar(&k)
	var p circl.G2
	g := circl.G2Generator()
	for b.Loop() {
		p.ScalarMult(s, g)
	}
}

func TestFieldMatchesCircl(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var x, y Fp
		x.SetBytesReduce(rapid.SliceOfN(rapid.Byte(), 64, 64).Draw(t, "x"))
		y.SetBytesReduce(rapid.SliceOfN(rapid.Byte(), 64, 64).Draw(t, "y"))
		var cx, cy, cz ff.Fp
		xb, yb := x.Bytes(), y.Bytes()
		if err := cx.UnmarshalBinary(xb[:]); err != nil {
			t.Fatal(err)
		}
		if err := cy.UnmarshalBinary(yb[:]); err != nil {
			t.Fatal(err)
		}
		var z Fp
		for _, op := range []struct {
			name string
			ours func()
			them func()
		}{
			{"mul", func() { z.Mul(&x, &y) }, func() { cz.Mul(&cx, &cy) }},
			{"add", func() { z.Add(&x, &y) }, func() { cz.Add(&cx, &cy) }},
			{"sub", func() { z.Sub(&x, &y) }, func() { cz.Sub(&cx, &cy) }},
			{"sqr", func() { z.Square(&x) }, func() { cz.Sqr(&cx) }},
			{"inv", func() { z.Inverse(&x) }, func() { cz.Inv(&cx) }},
		} {
			op.ours()
			op.them()
			want, _ := cz.MarshalBinary()
			got := z.Bytes()
			if !bytes.Equal(got[:], want) {
				t.Fatalf("%s differs from circl", op.name)
			}
		}
	})
}

func TestScalarMultMatchesCircl(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, k := drawScalar(t, "a"), drawScalar(t, "k")
		var p, kp G1
		p.ScalarBaseMult(a)
		kp.ScalarMult(k, &p)
		var c circl.G1
		c.ScalarMult(toCirclScalar(k), toCirclG1(t, &p))
		if got := kp.BytesUncompressed(); !bytes.Equal(got[:], c.Bytes()) {
			t.Fatal("G1 scalar multiplication differs from circl")
		}
		var q, kq G2
		q.ScalarBaseMult(a)
		kq.ScalarMult(k, &q)
		var c2 circl.G2
		c2.ScalarMult(toCirclScalar(k), toCirclG2(t, &q))
		if got := kq.BytesUncompressed(); !bytes.Equal(got[:], c2.Bytes()) {
			t.Fatal("G2 scalar multiplication differs from circl")
		}
	})
}

func TestMultiPairMatchesCircl(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 4).Draw(t, "n")
		ps := make([]*G1, n)
		qs := make([]*G2, n)
		cps := make([]*circl.G1, n)
		cqs := make([]*circl.G2, n)
		ones := make([]*circl.Scalar, n)
		for i := range ps {
			ps[i], qs[i] = new(G1), new(G2)
			ps[i].ScalarBaseMult(drawScalar(t, "a"))
			qs[i].ScalarBaseMult(drawScalar(t, "b"))
			cps[i], cqs[i] = toCirclG1(t, ps[i]), toCirclG2(t, qs[i])
			ones[i] = new(circl.Scalar)
			ones[i].SetUint64(1)
		}
		got, err := MultiPair(ps, qs)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := circl.ProdPair(cps, cqs, ones).MarshalBinary()
		if g := got.Bytes(); !bytes.Equal(g[:], want) {
			t.Fatal("multi-pairing differs from circl")
		}
	})
}
