package bls12381

import (
	"testing"

	"pgregory.net/rapid"
)

// TestMulBy01V checks the sparse product with a unit v w coefficient
// against MulBy014 with d4 = 1.
func TestMulBy01V(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		fp2 := func(label string) Fp2 {
			var e Fp2
			e.A0.SetBytesReduce(rapid.SliceOfN(rapid.Byte(), 64, 64).Draw(t, label+"0"))
			e.A1.SetBytesReduce(rapid.SliceOfN(rapid.Byte(), 64, 64).Draw(t, label+"1"))
			return e
		}
		var x Fp12
		for i, c := range []*Fp2{&x.C0.B0, &x.C0.B1, &x.C0.B2, &x.C1.B0, &x.C1.B1, &x.C1.B2} {
			*c = fp2(string(rune('a' + i)))
		}
		d0, d1 := fp2("d0"), fp2("d1")
		var one Fp2
		one.SetOne()
		var got, want Fp12
		got.mulBy01V(&x, &d0, &d1)
		want.MulBy014(&x, &d0, &d1, &one)
		if got != want {
			t.Fatal("mulBy01V differs from MulBy014 with d4 = 1")
		}
	})
}
