package bn254

import "testing"

func TestGeneratorsOnCurveAndOrderR(t *testing.T) {
	g1, g2 := G1Generator(), G2Generator()
	if g1.IsOnCurve() != 1 || g2.IsOnCurve() != 1 {
		t.Fatal("generator not on curve")
	}
	limbs := rLimbs[:]
	var a G1
	a.scalarMultLimbsVarTime(g1, limbs)
	if a.IsIdentity() != 1 {
		t.Fatal("r*G1 != O")
	}
	var b G2
	b.scalarMultLimbsVarTime(g2, limbs)
	if b.IsIdentity() != 1 {
		t.Fatal("r*G2 != O")
	}
	var d G1
	d.Double(g1)
	var s G1
	s.Add(g1, g1)
	if d.Equal(&s) != 1 || d.IsOnCurve() != 1 {
		t.Fatal("double != add")
	}
}
