package bls12381

import "testing"

func TestPairNilIsIdentity(t *testing.T) {
	if Pair(nil, G2Generator()).IsOne() != 1 || Pair(G1Generator(), nil).IsOne() != 1 {
		t.Fatal("nil input must act as the identity")
	}
	g, err := MultiPair([]*G1{nil, G1Generator()}, []*G2{G2Generator(), G2Generator()})
	if err != nil || g.Equal(Pair(G1Generator(), G2Generator())) != 1 {
		t.Fatalf("MultiPair with a nil point: %v", err)
	}
}
