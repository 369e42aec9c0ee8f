package bigref

import (
	"math/big"
	"testing"
	"time"
)

func TestScratch(t *testing.T) {
	for _, mk := range []func() *Curve{BN254CX, BLS12381} {
		t0 := time.Now()
		c := mk()
		t.Logf("%s construct %v", c.Name, time.Since(t0))
		t0 = time.Now()
		e := c.Pair(c.Gen1, c.Gen2)
		t.Logf("pair %v", time.Since(t0))
		t0 = time.Now()
		ml := c.MillerLoop(c.Gen1, c.Gen2)
		t.Logf("miller %v", time.Since(t0))
		_ = ml
		t0 = time.Now()
		ok := c.InGT(e)
		t.Logf("inGT %v %v one=%v", ok, time.Since(t0), c.Fp12IsOne(e))
		e2 := c.Pair(c.G1Double(c.Gen1), c.Gen2)
		e3 := c.Pair(c.Gen1, c.G2Double(c.Gen2))
		t.Logf("bilin %v %v", c.Fp12Equal(e2, c.Fp12Sqr(e)), c.Fp12Equal(e3, c.Fp12Sqr(e)))
		t0 = time.Now()
		tt := c.Tate(c.Gen1, c.Gen2)
		t.Logf("tate %v", time.Since(t0))
		tt2 := c.Tate(c.G1Double(c.Gen1), c.Gen2)
		t.Logf("tate bilin %v", c.Fp12Equal(tt2, c.Fp12Sqr(tt)))
		_ = big.NewInt
	}
}
