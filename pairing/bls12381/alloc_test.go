package bls12381

import "testing"

// The tower arithmetic and the Miller loop must not allocate: they run in
// hot loops and allocation would also make timing depend on the GC.
func TestTowerAndMillerLoopDoNotAllocate(t *testing.T) {
	var a, b Fp12
	a.SetOne()
	a.C1.B2.A1.SetUint64(5)
	b.Set(&a)
	b.C0.B1.A0.SetUint64(9)
	var x2 Fp2
	x2.A0.SetUint64(3)
	var x6 Fp6
	x6.B1.A1.SetUint64(4)
	pairs := preparePairs([]*G1{G1Generator()}, []*G2{G2Generator()})
	var f Fp12
	cases := map[string]func(){
		"fp2":       func() { x2.Mul(&x2, &x2); x2.Square(&x2); x2.Inverse(&x2) },
		"fp6":       func() { x6.Mul(&x6, &x6); x6.Square(&x6); x6.Inverse(&x6) },
		"fp12":      func() { a.Mul(&a, &b); a.Square(&a); a.Inverse(&a); a.Frobenius(&a, 1) },
		"cyclo":     func() { a.CyclotomicSquare(&a) },
		"miller":    func() { millerLoop(&f, pairs) },
		"finalexp":  func() { var g GT; finalExp(&g, &f) },
		"gtexp":     func() { var g GT; g.SetOne(); var k Fr; k.SetUint64(7); g.Exp(&g, &k) },
		"scalarmul": func() { var p G1; var k Fr; k.SetUint64(7); p.ScalarMult(&k, &g1Gen) },
	}
	for name, fn := range cases {
		if n := testing.AllocsPerRun(5, fn); n != 0 {
			t.Errorf("%s: %v allocations per run", name, n)
		}
	}
}
