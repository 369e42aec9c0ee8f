package bench

import (
	"testing"

	circl "github.com/cloudflare/circl/ecc/bls12381"
	gnark "github.com/consensys/gnark-crypto/ecc/bls12-381"

	ours "github.com/mpinkit/mpinkit/pairing/bls12381"
)

// Benchmark names follow Benchmark<Operation>/<implementation>, where the
// implementation is one of ours, circl or gnark; cmd/summarize groups the
// results by operation and reports ours/peer ratios. An implementation with
// no public entry point for an operation simply has no sub-benchmark.

func BenchmarkFpMul(b *testing.B) {
	in := newInputs(b)
	sideBySide(b,
		impl{"ours", func(b *testing.B) {
			z := in.oursFpX
			for b.Loop() {
				z.Mul(&z, &in.oursFpY)
			}
		}},
		impl{"circl", func(b *testing.B) {
			z := in.circlFpX
			for b.Loop() {
				z.Mul(&z, &in.circlFpY)
			}
		}},
		impl{"gnark", func(b *testing.B) {
			z := in.gnarkFpX
			for b.Loop() {
				z.Mul(&z, &in.gnarkFpY)
			}
		}},
	)
}

func BenchmarkFpInv(b *testing.B) {
	in := newInputs(b)
	sideBySide(b,
		impl{"ours", func(b *testing.B) {
			z := in.oursFpX
			for b.Loop() {
				z.Inverse(&z)
			}
		}},
		impl{"circl", func(b *testing.B) {
			z := in.circlFpX
			for b.Loop() {
				z.Inv(&z)
			}
		}},
		impl{"gnark", func(b *testing.B) {
			z := in.gnarkFpX
			for b.Loop() {
				z.Inverse(&z)
			}
		}},
	)
}

func BenchmarkG1ScalarMult(b *testing.B) {
	in := newInputs(b)
	sideBySide(b,
		impl{"ours", func(b *testing.B) {
			var r ours.G1
			for b.Loop() {
				r.ScalarMult(&in.oursK, in.oursP)
			}
		}},
		impl{"circl", func(b *testing.B) {
			var r circl.G1
			for b.Loop() {
				r.ScalarMult(&in.circlK, in.circlP)
			}
		}},
		impl{"gnark", func(b *testing.B) {
			var p, r gnark.G1Jac
			p.FromAffine(&in.gnarkP)
			for b.Loop() {
				r.ScalarMultiplication(&p, in.gnarkK)
			}
		}},
	)
}

func BenchmarkG2ScalarMult(b *testing.B) {
	in := newInputs(b)
	sideBySide(b,
		impl{"ours", func(b *testing.B) {
			var r ours.G2
			for b.Loop() {
				r.ScalarMult(&in.oursK, in.oursQ)
			}
		}},
		impl{"circl", func(b *testing.B) {
			var r circl.G2
			for b.Loop() {
				r.ScalarMult(&in.circlK, in.circlQ)
			}
		}},
		impl{"gnark", func(b *testing.B) {
			var q, r gnark.G2Jac
			q.FromAffine(&in.gnarkQ)
			for b.Loop() {
				r.ScalarMultiplication(&q, in.gnarkK)
			}
		}},
	)
}

func BenchmarkHashToG2(b *testing.B) {
	sideBySide(b,
		impl{"ours", func(b *testing.B) {
			for b.Loop() {
				ours.HashToG2(hashMsg, hashDSTG2)
			}
		}},
		impl{"circl", func(b *testing.B) {
			var r circl.G2
			for b.Loop() {
				r.Hash(hashMsg, hashDSTG2)
			}
		}},
		impl{"gnark", func(b *testing.B) {
			for b.Loop() {
				if _, err := gnark.HashToG2(hashMsg, hashDSTG2); err != nil {
					b.Fatal(err)
				}
			}
		}},
	)
}

func BenchmarkHashToG1(b *testing.B) {
	sideBySide(b,
		impl{"ours", func(b *testing.B) {
			for b.Loop() {
				ours.HashToG1(hashMsg, hashDSTG1)
			}
		}},
		impl{"circl", func(b *testing.B) {
			var r circl.G1
			for b.Loop() {
				r.Hash(hashMsg, hashDSTG1)
			}
		}},
		impl{"gnark", func(b *testing.B) {
			for b.Loop() {
				if _, err := gnark.HashToG1(hashMsg, hashDSTG1); err != nil {
					b.Fatal(err)
				}
			}
		}},
	)
}

func BenchmarkMillerLoop(b *testing.B) {
	in := newInputs(b)
	// circl keeps its Miller loop unexported.
	sideBySide(b,
		impl{"ours", func(b *testing.B) {
			ps, qs := []*ours.G1{in.oursP}, []*ours.G2{in.oursQ}
			for b.Loop() {
				if _, err := ours.MillerLoop(ps, qs); err != nil {
					b.Fatal(err)
				}
			}
		}},
		impl{"gnark", func(b *testing.B) {
			ps, qs := []gnark.G1Affine{in.gnarkP}, []gnark.G2Affine{in.gnarkQ}
			for b.Loop() {
				if _, err := gnark.MillerLoop(ps, qs); err != nil {
					b.Fatal(err)
				}
			}
		}},
	)
}

func BenchmarkFinalExp(b *testing.B) {
	in := newInputs(b)
	// circl keeps its final exponentiation unexported.
	sideBySide(b,
		impl{"ours", func(b *testing.B) {
			f, err := ours.MillerLoop([]*ours.G1{in.oursP}, []*ours.G2{in.oursQ})
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				ours.FinalExponentiation(f)
			}
		}},
		impl{"gnark", func(b *testing.B) {
			f, err := gnark.MillerLoop([]gnark.G1Affine{in.gnarkP}, []gnark.G2Affine{in.gnarkQ})
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				gnark.FinalExponentiation(&f)
			}
		}},
	)
}

func BenchmarkPair(b *testing.B) {
	in := newInputs(b)
	sideBySide(b,
		impl{"ours", func(b *testing.B) {
			for b.Loop() {
				ours.Pair(in.oursP, in.oursQ)
			}
		}},
		impl{"circl", func(b *testing.B) {
			for b.Loop() {
				circl.Pair(in.circlP, in.circlQ)
			}
		}},
		impl{"gnark", func(b *testing.B) {
			ps, qs := []gnark.G1Affine{in.gnarkP}, []gnark.G2Affine{in.gnarkQ}
			for b.Loop() {
				if _, err := gnark.Pair(ps, qs); err != nil {
					b.Fatal(err)
				}
			}
		}},
	)
}

// BenchmarkPair2 is the product of two pairings with one final
// exponentiation, the shape of every M-Pin verification equation.
func BenchmarkPair2(b *testing.B) {
	in := newInputs(b)
	sideBySide(b,
		impl{"ours", func(b *testing.B) {
			ps, qs := []*ours.G1{in.oursP, in.oursP2}, []*ours.G2{in.oursQ, in.oursQ2}
			for b.Loop() {
				if _, err := ours.MultiPair(ps, qs); err != nil {
					b.Fatal(err)
				}
			}
		}},
		impl{"circl", func(b *testing.B) {
			// ProdPairFrac with both signs +1 is circl's plain product; its
			// ProdPair would add a scalar multiplication per term.
			ps, qs := []*circl.G1{in.circlP, in.circlP2}, []*circl.G2{in.circlQ, in.circlQ2}
			signs := []int{1, 1}
			for b.Loop() {
				circl.ProdPairFrac(ps, qs, signs)
			}
		}},
		impl{"gnark", func(b *testing.B) {
			ps, qs := []gnark.G1Affine{in.gnarkP, in.gnarkP2}, []gnark.G2Affine{in.gnarkQ, in.gnarkQ2}
			for b.Loop() {
				if _, err := gnark.Pair(ps, qs); err != nil {
					b.Fatal(err)
				}
			}
		}},
	)
}

// BenchmarkG1Decompress parses a 48-byte compressed G1 point, including the
// square root, the on-curve check and the subgroup check.
func BenchmarkG1Decompress(b *testing.B) {
	in := newInputs(b)
	sideBySide(b,
		impl{"ours", func(b *testing.B) {
			var p ours.G1
			for b.Loop() {
				if _, err := p.SetBytes(in.g1Compressed); err != nil {
					b.Fatal(err)
				}
			}
		}},
		impl{"circl", func(b *testing.B) {
			var p circl.G1
			for b.Loop() {
				if err := p.SetBytes(in.g1Compressed); err != nil {
					b.Fatal(err)
				}
			}
		}},
		impl{"gnark", func(b *testing.B) {
			var p gnark.G1Affine
			for b.Loop() {
				if _, err := p.SetBytes(in.g1Compressed); err != nil {
					b.Fatal(err)
				}
			}
		}},
	)
}
