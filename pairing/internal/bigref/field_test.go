package bigref

import (
	"bytes"
	"math/big"
	"math/rand/v2"
	"testing"

	"pgregory.net/rapid"
)

func TestMustHex(t *testing.T) {
	cases := map[string]int64{"0x10": 16, "10": 16, "-0xff": -255, "-1": -1, "0XaB": 171}
	for s, want := range cases {
		if got := MustHex(s); got.Cmp(big.NewInt(want)) != 0 {
			t.Errorf("MustHex(%q) = %v, want %d", s, got, want)
		}
	}
	for _, bad := range []string{"", "0x", "xyz", "-"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("MustHex(%q) did not panic", bad)
				}
			}()
			MustHex(bad)
		}()
	}
}

func TestFpBasics(t *testing.T) {
	forEachCurve(t, false, func(t *testing.T, c *Curve) {
		rapid.Check(t, func(t *rapid.T) {
			x := drawBelow(t, c.P, "x")
			y := drawBelow(t, c.P, "y")
			if c.FpSub(c.FpAdd(x, y), y).Cmp(x) != 0 {
				t.Fatal("(x+y)-y != x")
			}
			if c.FpAdd(x, c.FpNeg(x)).Sign() != 0 {
				t.Fatal("x + (-x) != 0")
			}
			if x.Sign() != 0 && c.FpMul(x, c.FpInv(x)).Cmp(big.NewInt(1)) != 0 {
				t.Fatal("x * x^-1 != 1")
			}
			sq := c.FpMul(x, x)
			s, ok := c.FpSqrt(sq)
			if !ok || c.FpMul(s, s).Cmp(sq) != 0 {
				t.Fatal("FpSqrt failed on a square")
			}
			// -1 is a non-square since p = 3 mod 4, so exactly one of
			// sq and -sq is a square when x != 0.
			if _, ok := c.FpSqrt(c.FpNeg(sq)); ok && x.Sign() != 0 {
				t.Fatal("FpSqrt found a root of a non-square")
			}
			b := c.FpToBytes(x)
			back, err := c.FpFromBytes(b)
			if err != nil || back.Cmp(x) != 0 || len(b) != c.FpByteLen() {
				t.Fatalf("byte round trip failed: %v", err)
			}
			if MustHex(c.FpHex(x)).Cmp(x) != 0 {
				t.Fatal("hex round trip failed")
			}
		})
		if _, err := c.FpFromBytes(c.P.FillBytes(make([]byte, c.FpByteLen()))); err == nil {
			t.Error("FpFromBytes accepted p")
		}
		if _, err := c.FpFromBytes([]byte{1}); err == nil {
			t.Error("FpFromBytes accepted a short encoding")
		}
		if c.FpExp(big.NewInt(3), big.NewInt(-1)).Cmp(c.FpInv(big.NewInt(3))) != 0 {
			t.Error("FpExp with exponent -1 is not the inverse")
		}
	})
}

func TestFp2Basics(t *testing.T) {
	forEachCurve(t, false, func(t *testing.T, c *Curve) {
		i := Fp2{big.NewInt(0), big.NewInt(1)}
		if !c.Fp2Equal(c.Fp2Mul(i, i), c.Fp2FromInt(-1)) {
			t.Fatal("i^2 != -1")
		}
		rapid.Check(t, func(t *rapid.T) {
			x, y, z := drawFp2(t, c, "x"), drawFp2(t, c, "y"), drawFp2(t, c, "z")
			if !c.Fp2Equal(c.Fp2Mul(c.Fp2Mul(x, y), z), c.Fp2Mul(x, c.Fp2Mul(y, z))) {
				t.Fatal("Fp2 multiplication is not associative")
			}
			if !c.Fp2Equal(c.Fp2Mul(x, c.Fp2Add(y, z)), c.Fp2Add(c.Fp2Mul(x, y), c.Fp2Mul(x, z))) {
				t.Fatal("Fp2 distributivity fails")
			}
			if !c.Fp2IsZero(x) && !c.Fp2Equal(c.Fp2Mul(x, c.Fp2Inv(x)), c.Fp2One()) {
				t.Fatal("x * x^-1 != 1 in Fp2")
			}
			// The Frobenius x -> x^p is conjugation.
			if !c.Fp2Equal(c.Fp2Exp(x, c.P), c.Fp2Conj(x)) {
				t.Fatal("x^p != conj(x)")
			}
			sq := c.Fp2Mul(x, x)
			s, ok := c.Fp2Sqrt(sq)
			if !ok || !c.Fp2Equal(c.Fp2Mul(s, s), sq) {
				t.Fatal("Fp2Sqrt failed on a square")
			}
			// Compare with Euler's criterion in Fp2.
			e := new(big.Int).Mul(c.P, c.P)
			e.Sub(e, big.NewInt(1)).Rsh(e, 1)
			isSquare := c.Fp2IsZero(y) || c.Fp2Equal(c.Fp2Exp(y, e), c.Fp2One())
			if r, ok := c.Fp2Sqrt(y); ok != isSquare || (ok && !c.Fp2Equal(c.Fp2Mul(r, r), y)) {
				t.Fatalf("Fp2Sqrt disagrees with Euler's criterion (square=%v, ok=%v)", isSquare, ok)
			}
			back, err := c.Fp2FromBytes(c.Fp2ToBytes(x))
			if err != nil || !c.Fp2Equal(back, x) {
				t.Fatalf("Fp2 byte round trip failed: %v", err)
			}
		})
	})
}

func TestXiIsSexticNonResidue(t *testing.T) {
	forEachCurve(t, false, func(t *testing.T, c *Curve) {
		p2m1 := new(big.Int).Mul(c.P, c.P)
		p2m1.Sub(p2m1, big.NewInt(1))
		for _, d := range []int64{2, 3} {
			e := new(big.Int).Div(p2m1, big.NewInt(d))
			if c.Fp2Equal(c.Fp2Exp(c.Xi, e), c.Fp2One()) {
				t.Errorf("xi is a %d-th power", d)
			}
		}
	})
}

func TestFp12Structure(t *testing.T) {
	forEachCurve(t, false, func(t *testing.T, c *Curve) {
		w := c.Fp12W()
		w6 := c.Fp12Exp(w, big.NewInt(6))
		if !c.Fp12Equal(w6, c.Fp12FromFp2(c.Xi)) {
			t.Error("w^6 != xi")
		}
		// m(w) = w^12 - 2w^6 + 2 = 0
		w12 := c.Fp12Mul(w6, w6)
		m := c.Fp12Add(c.Fp12Sub(w12, c.Fp12MulFp(w6, big.NewInt(2))), c.Fp12FromFp(big.NewInt(2)))
		if !c.Fp12IsZero(m) {
			t.Error("w does not satisfy w^12 - 2w^6 + 2 = 0")
		}
		i := c.Fp12FromFp2(Fp2{big.NewInt(0), big.NewInt(1)})
		if !c.Fp12Equal(c.Fp12Sqr(i), c.Fp12Neg(c.Fp12One())) {
			t.Error("embedded i does not square to -1")
		}
		// w^(p^12) = w while w^(p^6) != w and w^(p^4) != w: the degree of w
		// over Fp is exactly 12, so the modulus is irreducible.
		if !c.Fp12Equal(c.Fp12Frobenius(w, 12), w) {
			t.Error("w^(p^12) != w")
		}
		for _, k := range []int{4, 6} {
			if c.Fp12Equal(c.Fp12Frobenius(w, k), w) {
				t.Errorf("w^(p^%d) == w", k)
			}
		}
	})
}

func TestFp12Arithmetic(t *testing.T) {
	forEachCurve(t, false, func(t *testing.T, c *Curve) {
		rapid.Check(t, func(t *rapid.T) {
			x, y, z := drawFp12(t, c, "x"), drawFp12(t, c, "y"), drawFp12(t, c, "z")
			if !c.Fp12Equal(c.Fp12Mul(c.Fp12Mul(x, y), z), c.Fp12Mul(x, c.Fp12Mul(y, z))) {
				t.Fatal("Fp12 multiplication is not associative")
			}
			if !c.Fp12Equal(c.Fp12Mul(x, y), c.Fp12Mul(y, x)) {
				t.Fatal("Fp12 multiplication is not commutative")
			}
			if !c.Fp12Equal(c.Fp12Mul(x, c.Fp12Add(y, z)), c.Fp12Add(c.Fp12Mul(x, y), c.Fp12Mul(x, z))) {
				t.Fatal("Fp12 distributivity fails")
			}
			if !c.Fp12Equal(c.Fp12Sub(c.Fp12Add(x, y), y), x) {
				t.Fatal("(x+y)-y != x")
			}
			if !c.Fp12IsZero(x) {
				inv := c.Fp12Inv(x)
				if !c.Fp12IsOne(c.Fp12Mul(x, inv)) {
					t.Fatal("x * x^-1 != 1 in Fp12")
				}
				if !c.Fp12Equal(c.Fp12Exp(x, big.NewInt(-3)), c.Fp12Exp(inv, big.NewInt(3))) {
					t.Fatal("negative exponent mismatch")
				}
			}
			a := drawSmallScalar(t, "a")
			b := drawSmallScalar(t, "b")
			ab := new(big.Int).Add(a, b)
			if !c.Fp12IsZero(x) && !c.Fp12Equal(c.Fp12Exp(x, ab), c.Fp12Mul(c.Fp12Exp(x, a), c.Fp12Exp(x, b))) {
				t.Fatal("x^(a+b) != x^a x^b")
			}
			fp2 := drawFp2(t, c, "fp2")
			back, ok := c.Fp12ToFp2(c.Fp12FromFp2(fp2))
			if !ok || !c.Fp2Equal(back, fp2) {
				t.Fatal("Fp2 embedding round trip failed")
			}
			g := drawFp2(t, c, "g")
			if !c.Fp12Equal(c.Fp12FromFp2(c.Fp2Mul(fp2, g)), c.Fp12Mul(c.Fp12FromFp2(fp2), c.Fp12FromFp2(g))) {
				t.Fatal("Fp2 embedding is not multiplicative")
			}
		})
	})
}

// Inversion by extended Euclid must agree with Fermat's little theorem,
// x^-1 = x^(p^12 - 2).
func TestFp12InverseMatchesFermat(t *testing.T) {
	forEachCurve(t, true, func(t *testing.T, c *Curve) {
		rng := rand.New(rand.NewPCG(1, 2))
		e := new(big.Int).Exp(c.P, big.NewInt(12), nil)
		e.Sub(e, big.NewInt(2))
		for k := 0; k < 2; k++ {
			x := randFp12(rng, c)
			if !c.Fp12Equal(c.Fp12Inv(x), c.Fp12Exp(x, e)) {
				t.Fatal("Euclid and Fermat inverses differ")
			}
		}
		defer func() {
			if recover() == nil {
				t.Error("Fp12Inv(0) did not panic")
			}
		}()
		c.Fp12Inv(c.Fp12Zero())
	})
}

func TestFp12Frobenius(t *testing.T) {
	forEachCurve(t, true, func(t *testing.T, c *Curve) {
		rng := rand.New(rand.NewPCG(3, 4))
		x, y := randFp12(rng, c), randFp12(rng, c)
		fx, fy := c.Fp12Frobenius(x, 1), c.Fp12Frobenius(y, 1)
		if !c.Fp12Equal(c.Fp12Frobenius(c.Fp12Mul(x, y), 1), c.Fp12Mul(fx, fy)) {
			t.Error("Frobenius is not multiplicative")
		}
		if !c.Fp12Equal(c.Fp12Frobenius(c.Fp12Add(x, y), 1), c.Fp12Add(fx, fy)) {
			t.Error("Frobenius is not additive")
		}
		// Frobenius fixes Fp and acts as conjugation on Fp2.
		a := Fp2{randBelow(rng, c.P), randBelow(rng, c.P)}
		if !c.Fp12Equal(c.Fp12Frobenius(c.Fp12FromFp2(a), 1), c.Fp12FromFp2(c.Fp2Conj(a))) {
			t.Error("Frobenius on Fp2 is not conjugation")
		}
		// Fp12Frobenius(x, 1) equals substituting w^p for w, since the
		// coefficients lie in Fp.
		wp := c.Fp12Frobenius(c.Fp12W(), 1)
		sub, pow := c.Fp12Zero(), c.Fp12One()
		for n := range x {
			sub = c.Fp12Add(sub, c.Fp12MulFp(pow, x[n]))
			pow = c.Fp12Mul(pow, wp)
		}
		if !c.Fp12Equal(sub, fx) {
			t.Error("x^p differs from x(w^p)")
		}
	})
}

// towerMul multiplies in the tower Fp6 = Fp2[v]/(v^3 - xi),
// Fp12 = Fp6[w]/(w^2 - v), written out with plain schoolbook products so that
// it shares nothing with the flat Fp12Mul.
func towerMul(c *Curve, x, y [2][3]Fp2) [2][3]Fp2 {
	fp6Mul := func(a, b [3]Fp2) [3]Fp2 {
		var t [5]Fp2
		for k := range t {
			t[k] = c.Fp2Zero()
		}
		for i := 0; i < 3; i++ {
			for j := 0; j < 3; j++ {
				t[i+j] = c.Fp2Add(t[i+j], c.Fp2Mul(a[i], b[j]))
			}
		}
		// v^3 = xi, v^4 = xi v
		return [3]Fp2{
			c.Fp2Add(t[0], c.Fp2Mul(c.Xi, t[3])),
			c.Fp2Add(t[1], c.Fp2Mul(c.Xi, t[4])),
			t[2],
		}
	}
	fp6Add := func(a, b [3]Fp2) [3]Fp2 {
		return [3]Fp2{c.Fp2Add(a[0], b[0]), c.Fp2Add(a[1], b[1]), c.Fp2Add(a[2], b[2])}
	}
	mulByV := func(a [3]Fp2) [3]Fp2 {
		return [3]Fp2{c.Fp2Mul(c.Xi, a[2]), a[0], a[1]}
	}
	// (x0 + x1 w)(y0 + y1 w) = x0 y0 + x1 y1 v + (x0 y1 + x1 y0) w
	return [2][3]Fp2{
		fp6Add(fp6Mul(x[0], y[0]), mulByV(fp6Mul(x[1], y[1]))),
		fp6Add(fp6Mul(x[0], y[1]), fp6Mul(x[1], y[0])),
	}
}

func towerEqual(c *Curve, x, y [2][3]Fp2) bool {
	for j := range x {
		for k := range x[j] {
			if !c.Fp2Equal(x[j][k], y[j][k]) {
				return false
			}
		}
	}
	return true
}

func TestTowerConversion(t *testing.T) {
	forEachCurve(t, false, func(t *testing.T, c *Curve) {
		one := c.Fp2One()
		// Basis elements land where the tower says they should.
		for j := 0; j < 2; j++ {
			for k := 0; k < 3; k++ {
				f := c.Fp12Exp(c.Fp12W(), big.NewInt(int64(j+2*k))) // v^k w^j
				tw := c.Fp12ToTower(f)
				for jj := 0; jj < 2; jj++ {
					for kk := 0; kk < 3; kk++ {
						want := c.Fp2Zero()
						if jj == j && kk == k {
							want = one
						}
						if !c.Fp2Equal(tw[jj][kk], want) {
							t.Errorf("w^%d: tower coefficient [%d][%d] = %s", j+2*k, jj, kk, c.Fp2Hex(tw[jj][kk]))
						}
					}
				}
			}
		}
		rapid.Check(t, func(t *rapid.T) {
			x, y := drawFp12(t, c, "x"), drawFp12(t, c, "y")
			tx, ty := c.Fp12ToTower(x), c.Fp12ToTower(y)
			if !c.Fp12Equal(c.Fp12FromTower(tx), x) {
				t.Fatal("FromTower(ToTower(x)) != x")
			}
			if !towerEqual(c, c.Fp12ToTower(c.Fp12FromTower(tx)), tx) {
				t.Fatal("ToTower(FromTower(t)) != t")
			}
			if !towerEqual(c, c.Fp12ToTower(c.Fp12Mul(x, y)), towerMul(c, tx, ty)) {
				t.Fatal("tower conversion does not respect multiplication")
			}
			a := drawFp2(t, c, "a")
			ta := c.Fp12ToTower(c.Fp12FromFp2(a))
			if !c.Fp2Equal(ta[0][0], a) {
				t.Fatal("embedded Fp2 element is not the constant tower coefficient")
			}
			b := c.Fp12ToTowerBytes(x)
			n := 2 * c.FpByteLen()
			if len(b) != 6*n || !bytes.Equal(b[n:2*n], c.Fp2ToBytes(tx[0][1])) || !bytes.Equal(b[3*n:4*n], c.Fp2ToBytes(tx[1][0])) {
				t.Fatal("Fp12ToTowerBytes layout is wrong")
			}
		})
	})
}
