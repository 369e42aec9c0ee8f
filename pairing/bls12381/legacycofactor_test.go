package bls12381

import (
	"math/big"
	"testing"

	"pgregory.net/rapid"
)

func TestLegacyCofactorFactors(t *testing.T) {
	// h = (1 - u)^2 / 3 with u = -|u|, and 3 divides 1 - u exactly.
	one := big.NewInt(1)
	oneMinusU := new(big.Int).Add(one, new(big.Int).SetUint64(uAbs))
	h := new(big.Int).Lsh(new(big.Int).SetUint64(legacyCofactorG1[1]), 64)
	h.Or(h, new(big.Int).SetUint64(legacyCofactorG1[0]))
	third := new(big.Int).SetUint64(legacyCofactorThird)
	if new(big.Int).Mul(third, big.NewInt(3)).Cmp(oneMinusU) != 0 {
		t.Fatalf("(1 - u)/3 = %x is not exact", third)
	}
	if new(big.Int).Mul(oneMinusU, third).Cmp(h) != 0 {
		t.Fatalf("h = %x is not (1 - u)(1 - u)/3", h)
	}
	// And h r is the order of E(Fp): p + 1 - t with t = u + 1.
	n := new(big.Int).Mul(h, ModulusFr())
	want := new(big.Int).Add(ModulusFp(), one)
	want.Sub(want, new(big.Int).Sub(one, new(big.Int).SetUint64(uAbs)))
	if n.Cmp(want) != 0 {
		t.Fatalf("h r = %x, want p + 1 - t = %x", n, want)
	}
}

// TestLegacyClearCofactorMatchesMultiplication checks the factored cofactor
// multiplication against the plain one by h on points of E(Fp) outside G1,
// in G1, of small order, and at infinity.
func TestLegacyClearCofactorMatchesMultiplication(t *testing.T) {
	check := func(t fataler, p *G1) {
		var want, got G1
		want.scalarMultLimbsVarTime(p, legacyCofactorG1[:])
		got.Set(p)
		legacyClearCofactor(&got)
		if got.Equal(&want) != 1 {
			t.Fatalf("legacyClearCofactor differs from h P")
		}
		if got.IsInSubgroup() != 1 {
			t.Fatalf("h P is not in G1")
		}
	}
	var id G1
	id.SetIdentity()
	check(t, &id)
	check(t, G1Generator())
	rapid.Check(t, func(t *rapid.T) {
		switch rapid.IntRange(0, 2).Draw(t, "kind") {
		case 0:
			check(t, randomG1OnCurve(t))
		case 1: // order dividing h: h P is the identity
			p := randomG1Torsion(t)
			check(t, p)
			var got G1
			got.Set(p)
			if legacyClearCofactor(&got).IsIdentity() != 1 {
				t.Fatalf("h kills a point of order dividing h")
			}
		default:
			check(t, drawG1(t))
		}
	})
}

func BenchmarkLegacyClearCofactor(b *testing.B) {
	p := G1Generator()
	b.Run("naf-h", func(b *testing.B) {
		var q G1
		for b.Loop() {
			q.scalarMultLimbsVarTime(p, legacyCofactorG1[:])
		}
	})
	b.Run("factored-jacobian", func(b *testing.B) {
		var q G1
		for b.Loop() {
			q.Set(p)
			legacyClearCofactor(&q)
		}
	})
}

// TestLegacyClearCofactorSum checks the joint clearing against two
// separate ones, and that it declines when a point has no G1 component:
// (0, 2) has order 3 on y^2 = x^3 + 4.
func TestLegacyClearCofactorSum(t *testing.T) {
	var three G1
	var a G1Affine
	a.Y.SetUint64(2)
	three.FromAffine(&a)
	if three.IsOnCurve() != 1 {
		t.Fatal("(0, 2) is not on the curve")
	}
	if _, ok := legacyClearCofactorSum(&three, G1Generator()); ok {
		t.Fatal("joint clearing accepted a point that h kills")
	}
	if _, ok := legacyClearCofactorSum(G1Generator(), &three); ok {
		t.Fatal("joint clearing accepted a point that h kills (second)")
	}
	rapid.Check(t, func(t *rapid.T) {
		p1, p2 := randomG1OnCurve(t), randomG1OnCurve(t)
		got, ok := legacyClearCofactorSum(p1, p2)
		if !ok {
			t.Fatal("joint clearing declined random points")
		}
		var a, b G1
		a.Set(p1)
		b.Set(p2)
		legacyClearCofactor(&a)
		legacyClearCofactor(&b)
		if got.Equal(a.Add(&a, &b)) != 1 {
			t.Fatal("h p1 + h p2 differs")
		}
	})
}
