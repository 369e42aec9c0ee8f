package bench

import (
	"testing"

	"github.com/mpinkit/mpinkit/pairing/bls12381"
	"github.com/mpinkit/mpinkit/pairing/bn254"
)

// BenchmarkCurvePair compares our pairing on the draft's curve, BN254CX,
// with our pairing on BLS12-381, on random points of each curve.
func BenchmarkCurvePair(b *testing.B) {
	sideBySide(b,
		impl{"bls12381", func(b *testing.B) {
			var x, y bls12381.Fr
			x.SetBytesReduce(seedBytes("curve-a", 64))
			y.SetBytesReduce(seedBytes("curve-b", 64))
			p := new(bls12381.G1).ScalarBaseMult(&x)
			q := new(bls12381.G2).ScalarBaseMult(&y)
			for b.Loop() {
				bls12381.Pair(p, q)
			}
		}},
		impl{"bn254cx", func(b *testing.B) {
			var x, y bn254.Fr
			x.SetBytesReduce(seedBytes("curve-a", 64))
			y.SetBytesReduce(seedBytes("curve-b", 64))
			p := new(bn254.G1).ScalarBaseMult(&x)
			q := new(bn254.G2).ScalarBaseMult(&y)
			for b.Loop() {
				bn254.Pair(p, q)
			}
		}},
	)
}
