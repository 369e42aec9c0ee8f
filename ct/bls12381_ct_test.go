//go:build ct

package ct

import (
	"testing"

	"github.com/mpinkit/mpinkit/pairing/bls12381"
)

func TestBLS12381FpInverse(t *testing.T) {
	rng := newRand(t)
	const slots = 1000
	in := make([]bls12381.Fp, slots)
	out := make([]bls12381.Fp, slots)
	expectConstant(t, 1000000, Target{
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

func TestBLS12381G1ScalarMult(t *testing.T) {
	rng := newRand(t)
	var r bls12381.Fr
	q := new(bls12381.G1).ScalarBaseMult(r.SetBytesReduce(wide(rng)))
	const slots = 1000
	k := make([]bls12381.Fr, slots)
	out := make([]bls12381.G1, slots)
	expectConstant(t, 200000, Target{
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

func TestBLS12381G2ScalarMult(t *testing.T) {
	rng := newRand(t)
	var r bls12381.Fr
	q := new(bls12381.G2).ScalarBaseMult(r.SetBytesReduce(wide(rng)))
	const slots = 1000
	k := make([]bls12381.Fr, slots)
	out := make([]bls12381.G2, slots)
	expectConstant(t, 60000, Target{
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

func TestBLS12381GTExp(t *testing.T) {
	rng := newRand(t)
	var a, b bls12381.Fr
	p := new(bls12381.G1).ScalarBaseMult(a.SetBytesReduce(wide(rng)))
	q := new(bls12381.G2).ScalarBaseMult(b.SetBytesReduce(wide(rng)))
	g := bls12381.Pair(p, q)
	const slots = 1000
	k := make([]bls12381.Fr, slots)
	out := make([]bls12381.GT, slots)
	expectConstant(t, 40000, Target{
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
