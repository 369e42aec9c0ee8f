package bench

import (
	"bytes"
	"testing"

	circl "github.com/cloudflare/circl/ecc/bls12381"
	gnark "github.com/consensys/gnark-crypto/ecc/bls12-381"

	ours "github.com/mpinkit/mpinkit/pairing/bls12381"
)

// These tests check that the three libraries really compute the same thing
// on the shared inputs, so the benchmark ratios compare like with like.
// make bench runs them in the same invocation as the benchmarks.

// gtBytes serializes our GT element in circl's order: highest tower
// coefficient first, imaginary part first.
func gtBytes(g *ours.GT) []byte {
	f := g.Fp12()
	var out []byte
	for _, c6 := range []*ours.Fp6{&f.C1, &f.C0} {
		for _, c2 := range []*ours.Fp2{&c6.B2, &c6.B1, &c6.B0} {
			for _, c := range []*ours.Fp{&c2.A1, &c2.A0} {
				b := c.Bytes()
				out = append(out, b[:]...)
			}
		}
	}
	return out
}

// gnarkGTBytes serializes a gnark-crypto GT element in the same order.
func gnarkGTBytes(g *gnark.GT) []byte {
	var out []byte
	for _, c6 := range []struct{ B0, B1, B2 [2][48]byte }{
		{
			B0: [2][48]byte{g.C1.B0.A0.Bytes(), g.C1.B0.A1.Bytes()},
			B1: [2][48]byte{g.C1.B1.A0.Bytes(), g.C1.B1.A1.Bytes()},
			B2: [2][48]byte{g.C1.B2.A0.Bytes(), g.C1.B2.A1.Bytes()},
		},
		{
			B0: [2][48]byte{g.C0.B0.A0.Bytes(), g.C0.B0.A1.Bytes()},
			B1: [2][48]byte{g.C0.B1.A0.Bytes(), g.C0.B1.A1.Bytes()},
			B2: [2][48]byte{g.C0.B2.A0.Bytes(), g.C0.B2.A1.Bytes()},
		},
	} {
		for _, c2 := range [][2][48]byte{c6.B2, c6.B1, c6.B0} {
			out = append(out, c2[1][:]...)
			out = append(out, c2[0][:]...)
		}
	}
	return out
}

func TestAgreePair(t *testing.T) {
	in := newInputs(t)
	want := gtBytes(ours.Pair(in.oursP, in.oursQ))

	c, err := circl.Pair(in.circlP, in.circlQ).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(c, want) {
		t.Errorf("circl and ours disagree on e(P, Q)")
	}
	g, err := gnark.Pair([]gnark.G1Affine{in.gnarkP}, []gnark.G2Affine{in.gnarkQ})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(gnarkGTBytes(&g), want) {
		t.Errorf("gnark-crypto and ours disagree on e(P, Q)")
	}
}

func TestAgreePair2(t *testing.T) {
	in := newInputs(t)
	o, err := ours.MultiPair([]*ours.G1{in.oursP, in.oursP2}, []*ours.G2{in.oursQ, in.oursQ2})
	if err != nil {
		t.Fatal(err)
	}
	want := gtBytes(o)
	c, err := circl.ProdPairFrac([]*circl.G1{in.circlP, in.circlP2}, []*circl.G2{in.circlQ, in.circlQ2}, []int{1, 1}).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(c, want) {
		t.Errorf("circl and ours disagree on the 2-pairing product")
	}
}

func TestAgreeScalarMult(t *testing.T) {
	in := newInputs(t)
	var o ours.G1
	o.ScalarMult(&in.oursK, in.oursP)
	var c circl.G1
	c.ScalarMult(&in.circlK, in.circlP)
	if !bytes.Equal(c.Bytes(), g1Uncompressed(&o)) {
		t.Errorf("circl and ours disagree on k*P in G1")
	}
	var g gnark.G1Affine
	g.ScalarMultiplication(&in.gnarkP, in.gnarkK)
	gb := g.RawBytes()
	if !bytes.Equal(gb[:], g1Uncompressed(&o)) {
		t.Errorf("gnark-crypto and ours disagree on k*P in G1")
	}

	var o2 ours.G2
	o2.ScalarMult(&in.oursK, in.oursQ)
	var c2 circl.G2
	c2.ScalarMult(&in.circlK, in.circlQ)
	if !bytes.Equal(c2.Bytes(), g2Uncompressed(&o2)) {
		t.Errorf("circl and ours disagree on k*Q in G2")
	}
}

func TestAgreeFp(t *testing.T) {
	in := newInputs(t)
	var o ours.Fp
	o.Mul(&in.oursFpX, &in.oursFpY)
	o.Inverse(&o)
	ob := o.Bytes()
	var g = in.gnarkFpX
	g.Mul(&g, &in.gnarkFpY)
	g.Inverse(&g)
	gb := g.Bytes()
	if ob != gb {
		t.Errorf("gnark-crypto and ours disagree on 1/(x*y)")
	}
	c := in.circlFpX
	c.Mul(&c, &in.circlFpY)
	c.Inv(&c)
	cb, _ := c.MarshalBinary()
	if !bytes.Equal(cb, ob[:]) {
		t.Errorf("circl and ours disagree on 1/(x*y)")
	}
}

func TestAgreeDecompress(t *testing.T) {
	in := newInputs(t)
	var o ours.G1
	if _, err := o.SetBytes(in.g1Compressed); err != nil {
		t.Fatal(err)
	}
	if o.Equal(in.oursP) != 1 {
		t.Errorf("ours decodes its own compressed point to another point")
	}
	var c circl.G1
	if err := c.SetBytes(in.g1Compressed); err != nil {
		t.Fatal(err)
	}
	if !c.IsEqual(in.circlP) {
		t.Errorf("circl decodes our compressed point to another point")
	}
	var g gnark.G1Affine
	if _, err := g.SetBytes(in.g1Compressed); err != nil {
		t.Fatal(err)
	}
	if !g.Equal(&in.gnarkP) {
		t.Errorf("gnark-crypto decodes our compressed point to another point")
	}
}

func TestAgreeHash(t *testing.T) {
	o1 := ours.HashToG1(hashMsg, hashDSTG1)
	var c1 circl.G1
	c1.Hash(hashMsg, hashDSTG1)
	if !bytes.Equal(c1.Bytes(), g1Uncompressed(o1)) {
		t.Errorf("circl and ours disagree on hash-to-G1")
	}
	o2 := ours.HashToG2(hashMsg, hashDSTG2)
	var c2 circl.G2
	c2.Hash(hashMsg, hashDSTG2)
	if !bytes.Equal(c2.Bytes(), g2Uncompressed(o2)) {
		t.Errorf("circl and ours disagree on hash-to-G2")
	}
	g1, err := gnark.HashToG1(hashMsg, hashDSTG1)
	if err != nil {
		t.Fatal(err)
	}
	if gb := g1.RawBytes(); !bytes.Equal(gb[:], g1Uncompressed(o1)) {
		t.Errorf("gnark-crypto and ours disagree on hash-to-G1")
	}
}
