package bn254

import "math/big"

// Curve constants of BN254CX, the curve of the draft-era M-Pin
// implementations (Milagro/AMCL "BN254CX"):
//
//	E:  y^2 = x^3 + 2           over Fp
//	E': y^2 = x^3 + 2/(1 + i)   over Fp2 (D-type sextic twist), 2/(1+i) = 1 - i
//	p = 36u^4 + 36u^3 + 24u^2 + 6u + 1,  r = 36u^4 + 36u^3 + 18u^2 + 6u + 1
//	u = -0x4000000003C012B1
//
// Another BN curve with p = 3 mod 4, Fp2 = Fp[i]/(i^2+1), xi = 1 + i and a
// D-type twist is a change of this file and of the moduli in gen.go.
const (
	// uAbs is |u|; u itself is negative (uNegative).
	uAbs      uint64 = 0x4000000003C012B1
	uNegative        = true
	// curveB is b in y^2 = x^3 + b.
	curveB = 2
)

var (
	b3G1 Fp  // 3b
	b3G2 Fp2 // 3b' with b' = b/xi
	bG1  Fp
	bG2  Fp2

	g1Gen G1
	g2Gen G2

	orderR *big.Int
)

func mustHexFp(s string) Fp {
	v, ok := new(big.Int).SetString(s, 16)
	if !ok {
		panic("bn254: bad constant " + s)
	}
	var x Fp
	x.SetBig(v)
	return x
}

func init() {
	bG1.SetUint64(curveB)
	b3G1.SetUint64(3 * curveB)
	// b' = b / xi
	var xi Fp2
	xi.A0.SetOne()
	xi.A1.SetOne()
	xi.Inverse(&xi)
	bG2.A0.Set(&bG1)
	bG2.Mul(&bG2, &xi)
	var three Fp
	three.SetUint64(3)
	b3G2.MulByFp(&bG2, &three)

	g1Gen.X.SetOne()
	g1Gen.X.Neg(&g1Gen.X)
	g1Gen.Y.SetOne()
	g1Gen.Z.SetOne()
	g2Gen.X.A0 = mustHexFp("19682D2C7053B256358B2500F5C34BBB907C85BFA03E2726C0851CEEE4D2EC74")
	g2Gen.X.A1 = mustHexFp("1466B9EC3E19F64AA011C937A8E99743F81B97B0C209C30F47A58E8B2E29CFE1")
	g2Gen.Y.A0 = mustHexFp("0A79EDD972332B8DD81E22157DAEE2096361B33D847EC1B30CFBFCEBCF0BE09F")
	g2Gen.Y.A1 = mustHexFp("06160C39ECC4C09035C6E4512D8D3461C2864EA569D2EDEBED904B228898EE9D")
	g2Gen.Z.SetOne()
	orderR = ModulusFr()
}

// G1Generator returns a new copy of the generator (-1, 1) of G1.
func G1Generator() *G1 { g := g1Gen; return &g }

// G2Generator returns a new copy of the fixed generator Q of G2 used by the
// Milagro implementation.
func G2Generator() *G2 { g := g2Gen; return &g }

// Order returns the prime order r of G1, G2 and GT as a new big.Int.
func Order() *big.Int { return new(big.Int).Set(orderR) }
