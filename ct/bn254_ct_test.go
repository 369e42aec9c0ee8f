//go:build ct

package ct

import (
	"testing"

	"github.com/mpinkit/mpinkit/pairing/bn254"
)

func TestBN254FpInverse(t *testing.T) {
	rng := newRand(t)
	const slots = 1000
	in := make([]bn254.Fp, slots)
	out := make([]bn254.Fp, slots)
	expectConstant(t, 2000000, Target{
		Slots: slots,
		Prepare: func(i int, c Class) {
			if c == Fixed {
				in[i].SetZero()
			} else {
				in[i].SetBytesReduce(wide(rng))
			}
		},
		Run: func(i int) { out[i].Inverse(&in[i]) },
	})
}

func TestBN254G1ScalarMult(t *testing.T) {
	rng := newRand(t)
	var r bn254.Fr
	q := new(bn254.G1).ScalarBaseMult(r.SetBytesReduce(wide(rng)))
	const slots = 1000
	k := make([]bn254.Fr, slots)
	out := make([]bn254.G1, slots)
	expectConstant(t, 250000, Target{
		Slots: slots,
		Prepare: func(i int, c Class) {
			if c == Fixed {
				k[i].SetUint64(1)
			} else {
				k[i].SetBytesReduce(wide(rng))
			}
		},
		Run: func(i int) { out[i].ScalarMult(&k[i], q) },
	})
}

func TestBN254G2ScalarMult(t *testing.T) {
	rng := newRand(t)
	var r bn254.Fr
	q := new(bn254.G2).ScalarBaseMult(r.SetBytesReduce(wide(rng)))
	const slots = 1000
	k := make([]bn254.Fr, slots)
	out := make([]bn254.G2, slots)
	expectConstant(t, 80000, Target{
		Slots: slots,
		Prepare: func(i int, c Class) {
			if c == Fixed {
				k[i].SetUint64(1)
			} else {
				k[i].SetBytesReduce(wide(rng))
			}
		},
		Run: func(i int) { out[i].ScalarMult(&k[i], q) },
	})
}

func TestBN254GTExp(t *testing.T) {
	rng := newRand(t)
	var a, b bn254.Fr
	p := new(bn254.G1).ScalarBaseMult(a.SetBytesReduce(wide(rng)))
	q := new(bn254.G2).ScalarBaseMult(b.SetBytesReduce(wide(rng)))
	g := bn254.Pair(p, q)
	const slots = 1000
	k := make([]bn254.Fr, slots)
	out := make([]bn254.GT, slots)
	expectConstant(t, 50000, Target{
		Slots: slots,
		Prepare: func(i int, c Class) {
			if c == Fixed {
				k[i].SetUint64(1)
			} else {
				k[i].SetBytesReduce(wide(rng))
			}
		},
		Run: func(i int) { out[i].Exp(g, &k[i]) },
	})
}
