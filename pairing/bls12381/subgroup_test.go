package bls12381

import (
	"testing"

	"pgregory.net/rapid"
)

// randomG1OnCurve returns a point of E(Fp) that is almost surely not in G1.
func randomG1OnCurve(t *rapid.T) *G1 {
	for {
		var x, rhs, y Fp
		b := rapid.SliceOfN(rapid.Byte(), 64, 64).Draw(t, "x")
		x.SetBytesReduce(b)
		rhs.Square(&x)
		rhs.Mul(&rhs, &x)
		rhs.Add(&rhs, &bG1)
		if _, ok := y.Sqrt(&rhs); ok == 1 {
			var p G1
			return p.FromAffine(&G1Affine{X: x, Y: y})
		}
	}
}

func randomG2OnCurve(t *rapid.T) *G2 {
	for {
		var x, rhs, y Fp2
		x.A0.SetBytesReduce(rapid.SliceOfN(rapid.Byte(), 64, 64).Draw(t, "x0"))
		x.A1.SetBytesReduce(rapid.SliceOfN(rapid.Byte(), 64, 64).Draw(t, "x1"))
		rhs.Square(&x)
		rhs.Mul(&rhs, &x)
		rhs.Add(&rhs, &bG2)
		if _, ok := y.Sqrt(&rhs); ok == 1 {
			var p G2
			return p.FromAffine(&G2Affine{X: x, Y: y})
		}
	}
}

func TestSubgroupChecksMatchDefinition(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := randomG1OnCurve(t)
		if p.IsOnCurve() != 1 {
			t.Fatal("test point off curve")
		}
		if p.IsInSubgroup() != p.isInSubgroupSlow() {
			t.Fatal("G1 fast and slow checks disagree on a random curve point")
		}
		// Multiples of the generator are in G1 by definition.
		k := drawScalar(t, "k")
		var in G1
		in.ScalarBaseMult(k)
		if in.IsInSubgroup() != 1 {
			t.Fatal("multiple of the generator rejected")
		}
		// A G1 point plus a point outside G1 is outside G1.
		var out G1
		out.Add(&in, p)
		if out.IsInSubgroup() != out.isInSubgroupSlow() {
			t.Fatal("G1 checks disagree")
		}

		q := randomG2OnCurve(t)
		if q.IsOnCurve() != 1 {
			t.Fatal("test point off twist")
		}
		if q.IsInSubgroup() != q.isInSubgroupSlow() {
			t.Fatal("G2 fast and slow checks disagree on a random twist point")
		}
		var in2 G2
		in2.ScalarBaseMult(k)
		if in2.IsInSubgroup() != 1 {
			t.Fatal("multiple of the G2 generator rejected")
		}
	})
}

func TestGTMembership(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, b := drawScalar(t, "a"), drawScalar(t, "b")
		var p G1
		p.ScalarBaseMult(a)
		var q G2
		q.ScalarBaseMult(b)
		e := Pair(&p, &q)
		if isInGT(&e.f) != 1 {
			t.Fatal("pairing output not in GT")
		}
		// A random Fp12 element is not in GT; nor is a cyclotomic one of
		// the wrong order, almost surely.
		var f Fp12
		f.C0.B0.A0.SetBytesReduce(rapid.SliceOfN(rapid.Byte(), 64, 64).Draw(t, "f"))
		f.C1.B2.A1.SetUint64(7)
		if isInGT(&f) == 1 {
			t.Fatal("random Fp12 accepted")
		}
		var inv, c Fp12
		inv.Inverse(&f)
		c.Conjugate(&f)
		c.Mul(&c, &inv)
		inv.Frobenius(&c, 2)
		c.Mul(&c, &inv) // now cyclotomic
		if isInGT(&c) == 1 {
			t.Fatal("cyclotomic element of wrong order accepted")
		}
	})
}
