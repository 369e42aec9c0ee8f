package bigref

import (
	"errors"
	"fmt"
	"math/big"
)

// Family selects the polynomial parametrization of p and r by u.
type Family int

const (
	// BN is the Barreto-Naehrig family:
	// p = 36u^4 + 36u^3 + 24u^2 + 6u + 1, r = 36u^4 + 36u^3 + 18u^2 + 6u + 1.
	// The optimal ate loop runs over 6u + 2 followed by two Frobenius lines.
	BN Family = iota + 1
	// BLS12 is the Barreto-Lynn-Scott family with embedding degree 12:
	// r = u^4 - u^2 + 1, p = (u - 1)^2 r / 3 + u. The optimal ate loop runs
	// over u.
	BLS12
)

// String returns "BN" or "BLS12".
func (f Family) String() string {
	switch f {
	case BN:
		return "BN"
	case BLS12:
		return "BLS12"
	}
	return fmt.Sprintf("Family(%d)", int(f))
}

// TwistType says how the sextic twist E' is defined from E: y^2 = x^3 + b.
type TwistType int

const (
	// DType is the "divide" twist E': y^2 = x^3 + b/xi. Its untwisting map
	// is (x, y) -> (x w^2, y w^3).
	DType TwistType = iota + 1
	// MType is the "multiply" twist E': y^2 = x^3 + b*xi. Its untwisting
	// map is (x, y) -> (x w^-2, y w^-3).
	MType
)

// String returns "D-type" or "M-type".
func (t TwistType) String() string {
	switch t {
	case DType:
		return "D-type"
	case MType:
		return "M-type"
	}
	return fmt.Sprintf("TwistType(%d)", int(t))
}

// Params are the numbers that define a curve for NewCurve. Everything else
// (p, r, the twist coefficient, the final exponent) is derived from them.
// The fixed conventions are: p = 3 mod 4, Fp2 = Fp[i]/(i^2 + 1), and the
// sextic non-residue xi = 1 + i.
type Params struct {
	Name   string    // human-readable name, used in error messages
	Family Family    // BN or BLS12: how p and r follow from U
	U      *big.Int  // the signed family parameter
	B      *big.Int  // E: y^2 = x^3 + B over Fp
	Twist  TwistType // DType (E': y^2 = x^3 + B/xi) or MType (y^2 = x^3 + B*xi)
	G1X    *big.Int  // x of the G1 generator in E(Fp)
	G1Y    *big.Int  // y of the G1 generator in E(Fp)
	G2X    Fp2       // x of the G2 generator on the twist E'(Fp2)
	G2Y    Fp2       // y of the G2 generator on the twist E'(Fp2)
}

// Curve holds a pairing-friendly curve and is the receiver of all
// arithmetic in this package. Treat its fields as read-only; a Curve is then
// safe for concurrent use, since every method allocates its results.
type Curve struct {
	Name      string    // human-readable name
	Family    Family    // BN or BLS12
	U         *big.Int  // signed family parameter
	P         *big.Int  // base field characteristic
	R         *big.Int  // prime order of G1, G2 and GT
	B         *big.Int  // E: y^2 = x^3 + B over Fp
	TwistType TwistType // how E' relates to E (see Untwist)
	Xi        Fp2       // the sextic non-residue 1 + i; w^6 = Xi in Fp12
	BTwist    Fp2       // E': y^2 = x^3 + BTwist over Fp2
	Gen1      G1        // fixed generator of G1
	Gen2      G2        // fixed generator of G2 (on the twist)

	psiX, psiY Fp12     // untwisting multipliers: psi(x, y) = (x*psiX, y*psiY)
	finalExp   *big.Int // (p^12 - 1) / r
}

// familyPR returns p(u) and r(u) for the family.
func familyPR(f Family, u *big.Int) (p, r *big.Int, err error) {
	u2 := new(big.Int).Mul(u, u)
	u3 := new(big.Int).Mul(u2, u)
	u4 := new(big.Int).Mul(u3, u)
	lin := func(coeffs ...int64) *big.Int { // coeffs for u^4, u^3, u^2, u, 1
		pows := []*big.Int{u4, u3, u2, u, big.NewInt(1)}
		s := new(big.Int)
		for k, a := range coeffs {
			s.Add(s, new(big.Int).Mul(big.NewInt(a), pows[k]))
		}
		return s
	}
	switch f {
	case BN:
		return lin(36, 36, 24, 6, 1), lin(36, 36, 18, 6, 1), nil
	case BLS12:
		r = lin(1, 0, -1, 0, 1)
		um1 := new(big.Int).Sub(u, big.NewInt(1))
		num := new(big.Int).Mul(new(big.Int).Mul(um1, um1), r)
		q, m := new(big.Int).DivMod(num, big.NewInt(3), new(big.Int))
		if m.Sign() != 0 {
			return nil, nil, errors.New("(u-1)^2 r is not divisible by 3")
		}
		return q.Add(q, u), r, nil
	}
	return nil, nil, fmt.Errorf("unknown family %v", f)
}

// NewCurve derives a Curve from its defining numbers and checks them: p and
// r prime, p = 3 mod 4, r | p^4 - p^2 + 1 (embedding degree 12), xi = 1 + i
// neither a square nor a cube in Fp2 (so w^12 - 2w^6 + 2 is irreducible),
// and both generators on their curves with order r.
func NewCurve(pr Params) (*Curve, error) {
	p, r, err := familyPR(pr.Family, pr.U)
	if err != nil {
		return nil, fmt.Errorf("bigref: %s: %w", pr.Name, err)
	}
	c := &Curve{
		Name:      pr.Name,
		Family:    pr.Family,
		U:         new(big.Int).Set(pr.U),
		P:         p,
		R:         r,
		TwistType: pr.Twist,
	}
	fail := func(format string, args ...any) (*Curve, error) {
		return nil, fmt.Errorf("bigref: %s: %s", pr.Name, fmt.Sprintf(format, args...))
	}
	if !p.ProbablyPrime(32) || !r.ProbablyPrime(32) {
		return fail("p or r is not prime")
	}
	if p.Bit(0) != 1 || p.Bit(1) != 1 {
		return fail("p is not 3 mod 4")
	}
	p2 := new(big.Int).Mul(p, p)
	phi12 := new(big.Int).Mul(p2, p2)
	phi12.Sub(phi12, p2).Add(phi12, big.NewInt(1))
	if new(big.Int).Mod(phi12, r).Sign() != 0 {
		return fail("r does not divide p^4 - p^2 + 1")
	}
	c.B = c.Fp(pr.B)
	c.Xi = c.NewFp2(big.NewInt(1), big.NewInt(1))
	p2m1 := new(big.Int).Sub(p2, big.NewInt(1))
	for _, d := range []int64{2, 3} {
		e := new(big.Int).Div(p2m1, big.NewInt(d))
		if c.Fp2Equal(c.Fp2Exp(c.Xi, e), c.Fp2One()) {
			return fail("xi = 1+i is a %d-th power in Fp2", d)
		}
	}
	bFp2 := c.NewFp2(c.B, new(big.Int))
	w := c.Fp12W()
	w2 := c.Fp12Mul(w, w)
	w3 := c.Fp12Mul(w2, w)
	switch pr.Twist {
	case DType:
		c.BTwist = c.Fp2Mul(bFp2, c.Fp2Inv(c.Xi))
		c.psiX, c.psiY = w2, w3
	case MType:
		c.BTwist = c.Fp2Mul(bFp2, c.Xi)
		c.psiX, c.psiY = c.Fp12Inv(w2), c.Fp12Inv(w3)
	default:
		return fail("unknown twist type %v", pr.Twist)
	}
	p12 := new(big.Int).Exp(p, big.NewInt(12), nil)
	c.finalExp = p12.Sub(p12, big.NewInt(1))
	if new(big.Int).Mod(c.finalExp, r).Sign() != 0 {
		return fail("r does not divide p^12 - 1")
	}
	c.finalExp.Div(c.finalExp, r)

	c.Gen1 = c.NewG1(pr.G1X, pr.G1Y)
	c.Gen2 = c.NewG2(pr.G2X, pr.G2Y)
	if !c.G1InSubgroup(c.Gen1) || c.Gen1.Inf {
		return fail("G1 generator is not a point of order r")
	}
	if !c.G2InSubgroup(c.Gen2) || c.Gen2.Inf {
		return fail("G2 generator is not a point of order r on the twist")
	}
	return c, nil
}

func mustCurve(pr Params) *Curve {
	c, err := NewCurve(pr)
	if err != nil {
		panic(err)
	}
	return c
}

// BN254CX returns the 254-bit BN curve with u = -0x4000000003C012B1,
// E: y^2 = x^3 + 2, a D-type twist and G1 generator (p - 1, 1). Each call
// builds a fresh Curve.
func BN254CX() *Curve {
	u := MustHex("-4000000003C012B1")
	p, _, _ := familyPR(BN, u)
	return mustCurve(Params{
		Name:   "BN254CX",
		Family: BN,
		U:      u,
		B:      big.NewInt(2),
		Twist:  DType,
		G1X:    new(big.Int).Sub(p, big.NewInt(1)),
		G1Y:    big.NewInt(1),
		G2X: Fp2{
			MustHex("19682D2C7053B256358B2500F5C34BBB907C85BFA03E2726C0851CEEE4D2EC74"),
			MustHex("1466B9EC3E19F64AA011C937A8E99743F81B97B0C209C30F47A58E8B2E29CFE1"),
		},
		G2Y: Fp2{
			MustHex("0A79EDD972332B8DD81E22157DAEE2096361B33D847EC1B30CFBFCEBCF0BE09F"),
			MustHex("06160C39ECC4C09035C6E4512D8D3461C2864EA569D2EDEBED904B228898EE9D"),
		},
	})
}

// BLS12381 returns BLS12-381 with u = -0xd201000000010000, E: y^2 = x^3 + 4,
// an M-type twist E': y^2 = x^3 + 4(1 + i), and the standard (Zcash / IETF)
// generators. Each call builds a fresh Curve.
func BLS12381() *Curve {
	return mustCurve(Params{
		Name:   "BLS12-381",
		Family: BLS12,
		U:      MustHex("-d201000000010000"),
		B:      big.NewInt(4),
		Twist:  MType,
		G1X:    MustHex("17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb"),
		G1Y:    MustHex("08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1"),
		G2X: Fp2{
			MustHex("024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8"),
			MustHex("13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e"),
		},
		G2Y: Fp2{
			MustHex("0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b82801"),
			MustHex("0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f79be"),
		},
	})
}

// Untwist is the map psi: E'(Fp2) -> E(Fp12). With w^6 = xi:
//
//   - D-type, E': y^2 = x^3 + b/xi: psi(x, y) = (x w^2, y w^3), because
//     (y w^3)^2 = y^2 xi = (x^3 + b/xi) xi = (x w^2)^3 + b.
//   - M-type, E': y^2 = x^3 + b xi: psi(x, y) = (x w^-2, y w^-3), because
//     (y w^-3)^2 = y^2 / xi = (x^3 + b xi) / xi = (x w^-2)^3 + b.
//
// Both are group homomorphisms (they are isomorphisms over Fp12, being
// of the form (x, y) -> (s^2 x, s^3 y)).
func (c *Curve) Untwist(q G2) E12 {
	if q.Inf {
		return c.E12Infinity()
	}
	return E12{
		X: c.Fp12Mul(c.Fp12FromFp2(q.X), c.psiX),
		Y: c.Fp12Mul(c.Fp12FromFp2(q.Y), c.psiY),
	}
}

// Twist is the inverse of Untwist. It returns false if p is not in the image
// of E'(Fp2) under psi.
func (c *Curve) Twist(p E12) (G2, bool) {
	if p.Inf {
		return c.G2Infinity(), true
	}
	x, okx := c.Fp12ToFp2(c.Fp12Mul(p.X, c.Fp12Inv(c.psiX)))
	y, oky := c.Fp12ToFp2(c.Fp12Mul(p.Y, c.Fp12Inv(c.psiY)))
	if !okx || !oky {
		return G2{}, false
	}
	return G2{X: x, Y: y}, true
}
