package bn254

import (
	"math/big"
	"testing"

	"pgregory.net/rapid"
)

// TestGLVConstants checks phi(G) = lambda G, lambda^2 + lambda + 1 = 0 mod
// r, and that the split is exact and short on edge and random scalars.
func TestGLVConstants(t *testing.T) {
	glv := glvParams()
	var l2 Fr
	l2.Square(&glv.lambda)
	l2.Add(&l2, &glv.lambda)
	var one Fr
	one.SetOne()
	l2.Add(&l2, &one)
	if l2.IsZero() != 1 {
		t.Fatal("lambda is not a cube root of unity mod r")
	}
	var phi, want G1
	phi.Set(&g1Gen)
	phi.X.Mul(&phi.X, &glv.beta)
	ll := glv.lambda.Limbs()
	want.scalarMultLimbsVarTime(&g1Gen, ll[:])
	if phi.Equal(&want) != 1 {
		t.Fatal("phi(G) != lambda G")
	}

	r := ModulusFr()
	check := func(t fatalf, k *Fr) {
		k1, k2, n1, n2 := glv.split(k)
		a := limbsBig(k1)
		b := limbsBig(k2)
		// Short: both below 2^129 (sqrt(r) is about 2^127).
		if a.BitLen() > 129 || b.BitLen() > 129 {
			t.Fatalf("split of %v: %d and %d bits", k.Big(), a.BitLen(), b.BitLen())
		}
		if n1 {
			a.Neg(a)
		}
		if n2 {
			b.Neg(b)
		}
		sum := new(big.Int).Mul(b, glv.lambda.Big())
		sum.Add(sum, a).Mod(sum, r)
		if sum.Cmp(k.Big()) != 0 {
			t.Fatalf("k1 + k2 lambda != k for k = %v", k.Big())
		}
	}
	for _, v := range []*big.Int{big.NewInt(0), big.NewInt(1), big.NewInt(2), new(big.Int).Sub(r, big.NewInt(1)),
		new(big.Int).Rsh(r, 1), glv.lambda.Big(), new(big.Int).Lsh(big.NewInt(1), 253), new(big.Int).Lsh(big.NewInt(1), 128)} {
		var k Fr
		k.SetBig(v)
		check(t, &k)
	}
	rapid.Check(t, func(rt *rapid.T) { check(rt, drawG1Scalar(rt, "k")) })
}

type fatalf interface {
	Fatalf(format string, args ...any)
}

func limbsBig(l [4]uint64) *big.Int {
	v := new(big.Int)
	for i := 3; i >= 0; i-- {
		v.Lsh(v, 64)
		v.Or(v, new(big.Int).SetUint64(l[i]))
	}
	return v
}

// TestG1ScalarMultGLVDifferential compares the GLV multiplication with the
// plain NAF one and with the constant-time one.
func TestG1ScalarMultGLVDifferential(t *testing.T) {
	glv := glvParams()
	rapid.Check(t, func(t *rapid.T) {
		k := drawG1Scalar(t, "k")
		m := drawG1Scalar(t, "m")
		var q, got, want, ct G1
		q.ScalarMult(m, &g1Gen)
		if rapid.Bool().Draw(t, "identity") {
			q.SetIdentity()
		}
		got.ScalarMultVarTime(k, &q)
		l := k.Limbs()
		want.scalarMultLimbsVarTime(&q, l[:])
		ct.ScalarMult(k, &q)
		if got.Equal(&want) != 1 || got.Equal(&ct) != 1 {
			t.Fatalf("GLV multiplication differs for k = %v", k.Big())
		}
	})
	// Scalars whose halves are 0, and k = -1, lambda, -lambda.
	var id G1
	id.SetIdentity()
	for _, v := range []int64{0, 1, -1} {
		var k Fr
		k.SetBig(new(big.Int).Mod(big.NewInt(v), ModulusFr()))
		for _, kk := range []*Fr{&k, new(Fr).Mul(&k, &glv.lambda)} {
			var got, want G1
			got.ScalarMultVarTime(kk, &g1Gen)
			l := kk.Limbs()
			want.scalarMultLimbsVarTime(&g1Gen, l[:])
			if got.Equal(&want) != 1 {
				t.Fatalf("k = %v", kk.Big())
			}
			if got.ScalarMultVarTime(kk, &id).IsIdentity() != 1 {
				t.Fatal("k * identity is not the identity")
			}
		}
	}
}

func TestG1ScalarMultVarTimeDoesNotAllocate(t *testing.T) {
	var k Fr
	k.SetUint64(0xdeadbeef)
	k.Neg(&k)
	var p G1
	if n := testing.AllocsPerRun(5, func() { p.ScalarMultVarTime(&k, &g1Gen) }); n != 0 {
		t.Errorf("%v allocations per run", n)
	}
}

func BenchmarkG1ScalarMultVarTime(b *testing.B) {
	glv := glvParams()
	var k Fr
	k.SetBig(new(big.Int).Sub(ModulusFr(), big.NewInt(12345)))
	k.Mul(&k, &glv.lambda)
	var p G1
	b.Run("naf", func(b *testing.B) {
		l := k.Limbs()
		for b.Loop() {
			p.scalarMultLimbsVarTime(&g1Gen, l[:])
		}
	})
	b.Run("glv", func(b *testing.B) {
		for b.Loop() {
			p.ScalarMultVarTime(&k, &g1Gen)
		}
	})
}
