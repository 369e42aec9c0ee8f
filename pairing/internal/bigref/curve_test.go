package bigref

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"pgregory.net/rapid"
)

func TestBN254CXParameters(t *testing.T) {
	c := allCurves()[0]
	if c.Name != "BN254CX" || c.Family != BN || c.TwistType != DType {
		t.Fatalf("unexpected curve %s %v %v", c.Name, c.Family, c.TwistType)
	}
	u := MustHex("-0x4000000003C012B1")
	wantP := MustHex("0x2400000008702A0DB0BDDF647A6366D3243FD6EE18093EE1BE6623EF5C1B55B3")
	wantR := MustHex("0x2400000008702A0DB0BDDF647A6366D2C43FD6EE0CC906CEBE11C0A636EB1F6D")
	if c.U.Cmp(u) != 0 || c.P.Cmp(wantP) != 0 || c.R.Cmp(wantR) != 0 {
		t.Fatalf("u, p or r differ from the published values")
	}
	// p = 36u^4 + 36u^3 + 24u^2 + 6u + 1 and r = 36u^4 + 36u^3 + 18u^2 + 6u + 1,
	// evaluated here by Horner's rule independently of the package code.
	horner := func(coeffs ...int64) *big.Int {
		acc := new(big.Int)
		for _, a := range coeffs {
			acc.Mul(acc, u).Add(acc, big.NewInt(a))
		}
		return acc
	}
	if horner(36, 36, 24, 6, 1).Cmp(wantP) != 0 {
		t.Error("p != 36u^4 + 36u^3 + 24u^2 + 6u + 1")
	}
	if horner(36, 36, 18, 6, 1).Cmp(wantR) != 0 {
		t.Error("r != 36u^4 + 36u^3 + 18u^2 + 6u + 1")
	}
	if new(big.Int).Mod(wantP, big.NewInt(4)).Int64() != 3 {
		t.Error("p != 3 mod 4")
	}
	if c.B.Int64() != 2 {
		t.Error("b != 2")
	}
	// b' = b/xi = 2/(1+i) = 1 - i
	if !c.Fp2Equal(c.BTwist, c.NewFp2(big.NewInt(1), big.NewInt(-1))) {
		t.Errorf("b' = %s, want 1 - i", c.Fp2Hex(c.BTwist))
	}
	if c.Gen1.X.Cmp(new(big.Int).Sub(wantP, big.NewInt(1))) != 0 || c.Gen1.Y.Cmp(big.NewInt(1)) != 0 {
		t.Error("G1 generator is not (p-1, 1)")
	}
}

func TestBLS12381Parameters(t *testing.T) {
	c := allCurves()[1]
	if c.Name != "BLS12-381" || c.Family != BLS12 || c.TwistType != MType {
		t.Fatalf("unexpected curve %s %v %v", c.Name, c.Family, c.TwistType)
	}
	u := MustHex("-0xd201000000010000")
	wantP := MustHex("0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab")
	wantR := MustHex("0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001")
	if c.U.Cmp(u) != 0 || c.P.Cmp(wantP) != 0 || c.R.Cmp(wantR) != 0 {
		t.Fatalf("u, p or r differ from the published values")
	}
	u2 := new(big.Int).Mul(u, u)
	r := new(big.Int).Mul(u2, u2)
	r.Sub(r, u2).Add(r, big.NewInt(1))
	if r.Cmp(wantR) != 0 {
		t.Error("r != u^4 - u^2 + 1")
	}
	um1 := new(big.Int).Sub(u, big.NewInt(1))
	p := new(big.Int).Mul(um1, um1)
	p.Mul(p, r).Div(p, big.NewInt(3)).Add(p, u)
	if p.Cmp(wantP) != 0 {
		t.Error("p != (u-1)^2 r / 3 + u")
	}
	if c.B.Int64() != 4 || !c.Fp2Equal(c.BTwist, c.NewFp2(big.NewInt(4), big.NewInt(4))) {
		t.Error("b != 4 or b' != 4(1+i)")
	}
}

func TestGenerators(t *testing.T) {
	forEachCurve(t, false, func(t *testing.T, c *Curve) {
		g1, g2 := c.Gen1, c.Gen2
		if g1.Inf || !c.G1IsOnCurve(g1) {
			t.Error("G1 generator is not on E")
		}
		if g2.Inf || !c.G2IsOnCurve(g2) {
			t.Error("G2 generator is not on the twist")
		}
		if !c.G1ScalarMul(g1, c.R).Inf {
			t.Error("r * G1 != O")
		}
		if !c.G2ScalarMul(g2, c.R).Inf {
			t.Error("r * G2 != O")
		}
		rm1 := new(big.Int).Sub(c.R, big.NewInt(1))
		if !c.G1Equal(c.G1ScalarMul(g1, rm1), c.G1Neg(g1)) || !c.G2Equal(c.G2ScalarMul(g2, rm1), c.G2Neg(g2)) {
			t.Error("(r-1) * G != -G")
		}
		// r is prime, so order r follows from r*G = O and G != O.
		if !c.R.ProbablyPrime(32) {
			t.Error("r is not prime")
		}
		// The generators are not in the wrong group: G2 must not be on E,
		// and Untwist(G2) must be on E(Fp12).
		if !c.E12IsOnCurve(c.Untwist(g2)) {
			t.Error("Untwist(G2) is not on E(Fp12)")
		}
	})
}

func TestNewCurveRejectsBadParams(t *testing.T) {
	good := Params{
		Name: "test", Family: BN, U: MustHex("-4000000003C012B1"), B: big.NewInt(2), Twist: DType,
		G1X: big.NewInt(-1), G1Y: big.NewInt(1),
		G2X: allCurves()[0].Gen2.X, G2Y: allCurves()[0].Gen2.Y,
	}
	if _, err := NewCurve(good); err != nil {
		t.Fatalf("NewCurve rejected BN254CX parameters: %v", err)
	}
	for name, mutate := range map[string]func(p *Params){
		"wrong twist":   func(p *Params) { p.Twist = MType },
		"wrong family":  func(p *Params) { p.Family = BLS12 },
		"wrong u":       func(p *Params) { p.U = new(big.Int).Add(p.U, big.NewInt(1)) },
		"off-curve G1":  func(p *Params) { p.G1Y = big.NewInt(2) },
		"off-curve G2":  func(p *Params) { p.G2Y = Fp2{p.G2Y.B, p.G2Y.A} },
		"unknown twist": func(p *Params) { p.Twist = 0 },
	} {
		p := good
		mutate(&p)
		if _, err := NewCurve(p); err == nil {
			t.Errorf("%s: NewCurve accepted bad parameters", name)
		}
	}
}

func TestGroupLaw(t *testing.T) {
	forEachCurve(t, false, func(t *testing.T, c *Curve) {
		rapid.Check(t, func(t *rapid.T) {
			a, b := drawSmallScalar(t, "a"), drawSmallScalar(t, "b")
			ab := new(big.Int).Add(a, b)
			prod := new(big.Int).Mul(a, b)

			p := c.G1ScalarMul(c.Gen1, a)
			if !c.G1IsOnCurve(p) {
				t.Fatal("[a]G1 not on curve")
			}
			if !c.G1Equal(c.G1Add(p, c.G1ScalarMul(c.Gen1, b)), c.G1ScalarMul(c.Gen1, ab)) {
				t.Fatal("[a]G1 + [b]G1 != [a+b]G1")
			}
			if !c.G1Equal(c.G1ScalarMul(p, b), c.G1ScalarMul(c.Gen1, prod)) {
				t.Fatal("[b]([a]G1) != [ab]G1")
			}
			if !c.G1Add(p, c.G1Neg(p)).Inf || !c.G1Equal(c.G1Double(p), c.G1Add(p, p)) {
				t.Fatal("G1 negation or doubling is wrong")
			}

			q := c.G2ScalarMul(c.Gen2, a)
			if !c.G2IsOnCurve(q) {
				t.Fatal("[a]G2 not on twist")
			}
			q2 := c.G2ScalarMul(c.Gen2, b)
			if !c.G2Equal(c.G2Add(q, q2), c.G2ScalarMul(c.Gen2, ab)) {
				t.Fatal("[a]G2 + [b]G2 != [a+b]G2")
			}
			if !c.G2Equal(c.G2Add(q, q2), c.G2Add(q2, q)) {
				t.Fatal("G2 addition is not commutative")
			}
			if !c.G2Equal(c.G2ScalarMul(q, b), c.G2ScalarMul(c.Gen2, prod)) {
				t.Fatal("[b]([a]G2) != [ab]G2")
			}
			if !c.G2Add(q, c.G2Neg(q)).Inf || !c.G2Equal(c.G2Double(q), c.G2Add(q, q)) {
				t.Fatal("G2 negation or doubling is wrong")
			}
			if !c.G2Equal(c.G2Add(q, c.G2Infinity()), q) || !c.G1Equal(c.G1Add(c.G1Infinity(), p), p) {
				t.Fatal("O is not neutral")
			}
		})
	})
}

// Associativity on random curve points (not just multiples of the
// generator) exercises the chord and tangent formulas directly.
func TestGroupLawRandomPoints(t *testing.T) {
	forEachCurve(t, false, func(t *testing.T, c *Curve) {
		rng := rand.New(rand.NewPCG(5, 6))
		for k := 0; k < 20; k++ {
			p1, p2, p3 := randCurvePoint(rng, c), randCurvePoint(rng, c), randCurvePoint(rng, c)
			if !c.G1Equal(c.G1Add(c.G1Add(p1, p2), p3), c.G1Add(p1, c.G1Add(p2, p3))) {
				t.Fatal("G1 addition is not associative")
			}
			if !c.G1Equal(c.G1Add(c.G1Double(p1), p1), c.G1Add(p1, c.G1Double(p1))) {
				t.Fatal("G1 2P+P != P+2P")
			}
			q1, q2, q3 := randTwistPoint(rng, c), randTwistPoint(rng, c), randTwistPoint(rng, c)
			if !c.G2Equal(c.G2Add(c.G2Add(q1, q2), q3), c.G2Add(q1, c.G2Add(q2, q3))) {
				t.Fatal("G2 addition is not associative")
			}
			if !c.G2IsOnCurve(c.G2Add(q1, q2)) || !c.G2IsOnCurve(c.G2Double(q3)) {
				t.Fatal("G2 sum left the twist")
			}
		}
	})
}

func TestUntwist(t *testing.T) {
	forEachCurve(t, true, func(t *testing.T, c *Curve) {
		rng := rand.New(rand.NewPCG(7, 8))
		for k := 0; k < iterations(2, 5); k++ {
			q1, q2 := randTwistPoint(rng, c), randTwistPoint(rng, c)
			u1, u2 := c.Untwist(q1), c.Untwist(q2)
			if !c.E12IsOnCurve(u1) || !c.E12IsOnCurve(u2) {
				t.Fatal("psi(Q) is not on E(Fp12)")
			}
			if !c.E12Equal(c.Untwist(c.G2Add(q1, q2)), c.E12Add(u1, u2)) {
				t.Fatal("psi is not additive")
			}
			if !c.E12Equal(c.Untwist(c.G2Double(q1)), c.E12Double(u1)) {
				t.Fatal("psi does not commute with doubling")
			}
			back, ok := c.Twist(u1)
			if !ok || !c.G2Equal(back, q1) {
				t.Fatal("Twist(Untwist(Q)) != Q")
			}
			// pi_p(psi(Q)) is again a point of E(Fp12).
			if !c.E12IsOnCurve(c.E12Frobenius(u1, 1)) {
				t.Fatal("pi_p(psi(Q)) is not on E(Fp12)")
			}
		}
		// A point of E(Fp) is not in the image of psi (except O).
		if _, ok := c.Twist(c.E12FromG1(c.Gen1)); ok {
			t.Error("Twist accepted a point of E(Fp)")
		}
		if back, ok := c.Twist(c.E12Infinity()); !ok || !back.Inf {
			t.Error("Twist(O) != O")
		}
	})
}

// On G2 the Frobenius acts as multiplication by p: pi_p(psi(Q)) = psi([p]Q).
// This pins down both the untwisting map and the Frobenius.
func TestFrobeniusOnG2(t *testing.T) {
	forEachCurve(t, true, func(t *testing.T, c *Curve) {
		rng := rand.New(rand.NewPCG(9, 10))
		q := c.G2ScalarMul(c.Gen2, randScalar(rng, c))
		uq := c.Untwist(q)
		for k := 1; k <= 2; k++ {
			fq := c.E12Frobenius(uq, k)
			if !c.E12IsOnCurve(fq) {
				t.Fatalf("pi^%d(psi(Q)) is not on E(Fp12)", k)
			}
			back, ok := c.Twist(fq)
			if !ok {
				t.Fatalf("pi^%d(psi(Q)) is not in psi(E'(Fp2))", k)
			}
			pk := new(big.Int).Exp(c.P, big.NewInt(int64(k)), c.R)
			if !c.G2Equal(back, c.G2ScalarMul(q, pk)) {
				t.Fatalf("pi^%d(psi(Q)) != psi([p^%d]Q)", k, k)
			}
		}
		// On E(Fp) the Frobenius is the identity.
		g := c.E12FromG1(c.Gen1)
		if !c.E12Equal(c.E12Frobenius(g, 1), g) {
			t.Error("Frobenius moved a point of E(Fp)")
		}
	})
}
