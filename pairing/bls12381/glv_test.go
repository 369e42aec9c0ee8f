package bls12381

import (
	"math/big"
	"testing"

	"pgregory.net/rapid"
)

func TestBaseUDigits(t *testing.T) {
	u := new(big.Int).SetUint64(uAbs)
	check := func(t *rapid.T, k *Fr) {
		d := baseU(k)
		sum := new(big.Int)
		for i := 3; i >= 0; i-- {
			if d[i] >= uAbs {
				t.Fatalf("digit %d = %x not below |u|", i, d[i])
			}
			sum.Mul(sum, u)
			sum.Add(sum, new(big.Int).SetUint64(d[i]))
		}
		if sum.Cmp(k.Big()) != 0 {
			t.Fatalf("digits of %s recombine to %x", k, sum)
		}
	}
	rapid.Check(t, func(t *rapid.T) {
		var k Fr
		k.SetBytesReduce(rapid.SliceOfN(rapid.Byte(), 64, 64).Draw(t, "k"))
		check(t, &k)
		// Values next to multiples of |u|^i exercise the correction steps.
		i := rapid.IntRange(1, 3).Draw(t, "i")
		m := new(big.Int).Exp(u, big.NewInt(int64(i)), nil)
		m.Mul(m, new(big.Int).SetUint64(rapid.Uint64().Draw(t, "mult")))
		m.Add(m, big.NewInt(int64(rapid.IntRange(-2, 2).Draw(t, "delta"))))
		k.SetBig(m)
		check(t, &k)
	})
	var k Fr
	k.SetBig(new(big.Int).Sub(ModulusFr(), big.NewInt(1)))
	rapid.Check(t, func(t *rapid.T) { check(t, &k) })
}
