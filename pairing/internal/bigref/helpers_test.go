package bigref

import (
	"math/big"
	"math/rand/v2"
	"sync"
	"testing"

	"pgregory.net/rapid"
)

// Building a Curve validates its generators, which costs a few scalar
// multiplications, so the tests share one instance per curve.
var (
	curvesOnce sync.Once
	testCurves []*Curve
)

func allCurves() []*Curve {
	curvesOnce.Do(func() { testCurves = []*Curve{BN254CX(), BLS12381()} })
	return testCurves
}

// forEachCurve runs fn as a subtest per curve. Heavy tests pass parallel so
// that the two curves share the machine's cores.
func forEachCurve(t *testing.T, parallel bool, fn func(t *testing.T, c *Curve)) {
	t.Helper()
	for _, c := range allCurves() {
		t.Run(c.Name, func(t *testing.T) {
			if parallel {
				t.Parallel()
			}
			fn(t, c)
		})
	}
}

// iterations picks a loop count for expensive seeded tests.
func iterations(short, full int) int {
	if testing.Short() {
		return short
	}
	return full
}

// --- seeded random values ----------------------------------------------------

func randBelow(rng *rand.Rand, n *big.Int) *big.Int {
	buf := make([]byte, (n.BitLen()+7)/8+16)
	for k := range buf {
		buf[k] = byte(rng.Uint32())
	}
	return new(big.Int).Mod(new(big.Int).SetBytes(buf), n)
}

func randScalar(rng *rand.Rand, c *Curve) *big.Int {
	for {
		if s := randBelow(rng, c.R); s.Sign() != 0 {
			return s
		}
	}
}

func randFp12(rng *rand.Rand, c *Curve) Fp12 {
	var f Fp12
	for n := range f {
		f[n] = randBelow(rng, c.P)
	}
	return f
}

// randTwistPoint returns a uniformly chosen affine point of E'(Fp2), not
// necessarily in G2.
func randTwistPoint(rng *rand.Rand, c *Curve) G2 {
	for {
		x := Fp2{randBelow(rng, c.P), randBelow(rng, c.P)}
		rhs := c.Fp2Add(c.Fp2Mul(c.Fp2Mul(x, x), x), c.BTwist)
		if y, ok := c.Fp2Sqrt(rhs); ok {
			return G2{X: x, Y: y}
		}
	}
}

// randCurvePoint returns an affine point of E(Fp), not necessarily in G1.
func randCurvePoint(rng *rand.Rand, c *Curve) G1 {
	for {
		x := randBelow(rng, c.P)
		rhs := c.FpAdd(c.FpMul(c.FpMul(x, x), x), c.B)
		if y, ok := c.FpSqrt(rhs); ok {
			return G1{X: x, Y: y}
		}
	}
}

// --- rapid generators --------------------------------------------------------

func drawBelow(t *rapid.T, n *big.Int, label string) *big.Int {
	size := (n.BitLen()+7)/8 + 8
	b := rapid.SliceOfN(rapid.Byte(), size, size).Draw(t, label)
	return new(big.Int).Mod(new(big.Int).SetBytes(b), n)
}

func drawFp2(t *rapid.T, c *Curve, label string) Fp2 {
	return Fp2{drawBelow(t, c.P, label+".A"), drawBelow(t, c.P, label+".B")}
}

func drawFp12(t *rapid.T, c *Curve, label string) Fp12 {
	var f Fp12
	for n := range f {
		f[n] = drawBelow(t, c.P, label)
	}
	return f
}

// drawSmallScalar draws a signed 64-bit scalar; full-size scalars are
// exercised by the seeded tests.
func drawSmallScalar(t *rapid.T, label string) *big.Int {
	return big.NewInt(rapid.Int64().Draw(t, label))
}
