//go:build ct

package ct

import (
	"math/big"
	"testing"

	"github.com/mpinkit/mpinkit/pairing/bls12381"
)

// The tests in this file run deliberately variable-time code; the harness
// must flag each of them, or its passing verdicts mean nothing.

// TestSanityBigModInverse times math/big modular inversion (a variable-time
// extended Euclid) modulo the BLS12-381 base-field prime: inverting 1 ends
// after one step.
func TestSanityBigModInverse(t *testing.T) {
	rng := newRand(t)
	p := bls12381.ModulusFp()
	const slots = 1000
	in := make([]*big.Int, slots)
	out := make([]*big.Int, slots)
	for i := range in {
		in[i], out[i] = new(big.Int), new(big.Int)
	}
	expectLeak(t, 20000, Target{
		Slots: slots,
		Prepare: func(i int, c Class) {
			if c == Fixed {
				in[i].SetInt64(1)
			} else {
				in[i].SetBytes(wide(rng)).Mod(in[i], p)
			}
		},
		Run: func(i int) { out[i].ModInverse(in[i], p) },
	})
}

// TestSanityScalarMultVarTime times our documented variable-time scalar
// multiplication, which skips the additions for zero bits.
func TestSanityScalarMultVarTime(t *testing.T) {
	rng := newRand(t)
	var r bls12381.Fr
	q := new(bls12381.G1).ScalarBaseMult(r.SetBytesReduce(wide(rng)))
	const slots = 1000
	k := make([]bls12381.Fr, slots)
	out := make([]bls12381.G1, slots)
	expectLeak(t, 5000, Target{
		Slots: slots,
		Prepare: func(i int, c Class) {
			if c == Fixed {
				k[i].SetUint64(1)
			} else {
				k[i].SetBytesReduce(wide(rng))
			}
		},
		Run: func(i int) { out[i].ScalarMultVarTime(&k[i], q) },
	})
}

// leakyEqual is the classic mistake: a comparison that returns at the first
// differing byte.
//
//go:noinline
func leakyEqual(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestSanityEarlyExitCompare times leakyEqual on 256-byte secrets: equal
// inputs scan every byte, random ones usually stop at the first. The
// difference is a few hundred nanoseconds, a much smaller leak than the
// other two.
func TestSanityEarlyExitCompare(t *testing.T) {
	rng := newRand(t)
	const slots, size = 1000, 256
	ref := make([]byte, size)
	rng.Read(ref)
	in := make([][]byte, slots)
	for i := range in {
		in[i] = make([]byte, size)
	}
	var sink bool
	expectLeak(t, 200000, Target{
		Slots: slots,
		Prepare: func(i int, c Class) {
			if c == Fixed {
				copy(in[i], ref)
			} else {
				rng.Read(in[i])
			}
		},
		Run: func(i int) { sink = leakyEqual(in[i], ref) },
	})
	_ = sink
}

// TestSanitySmallLeak hides a small secret-dependent cost inside a real
// target: the constant-time G1 scalar multiplication, plus ten extra point
// additions (a few percent of the work) when the scalar is 1. This is the
// scale of leak the constant-time tests must be able to see under the same
// noise.
func TestSanitySmallLeak(t *testing.T) {
	rng := newRand(t)
	var r bls12381.Fr
	q := new(bls12381.G1).ScalarBaseMult(r.SetBytesReduce(wide(rng)))
	const slots = 1000
	k := make([]bls12381.Fr, slots)
	out := make([]bls12381.G1, slots)
	expectLeak(t, 20000, Target{
		Slots: slots,
		Prepare: func(i int, c Class) {
			if c == Fixed {
				k[i].SetUint64(1)
			} else {
				k[i].SetBytesReduce(wide(rng))
			}
		},
		Run: func(i int) {
			out[i].ScalarMult(&k[i], q)
			if l := k[i].Limbs(); l[0] == 1 && l[1]|l[2]|l[3] == 0 {
				for range 10 {
					out[i].Add(&out[i], q)
				}
			}
		},
	})
}
