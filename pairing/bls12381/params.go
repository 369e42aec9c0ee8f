package bls12381

import "math/big"

// Curve constants of BLS12-381 (the Zcash/IETF parameters):
//
//	E:  y^2 = x^3 + 4           over Fp
//	E': y^2 = x^3 + 4(1 + i)    over Fp2 (M-type sextic twist)
//	p = (u-1)^2 (u^4 - u^2 + 1)/3 + u,  r = u^4 - u^2 + 1,  u = -0xd201000000010000
const (
	// uAbs is |u|; u itself is negative.
	uAbs uint64 = 0xd201000000010000
)

var (
	b3G1 Fp  // 3b = 12
	b3G2 Fp2 // 3b' = 12(1+i)
	bG1  Fp
	bG2  Fp2

	g1Gen G1
	g2Gen G2

	orderR *big.Int
)

func mustHexFp(s string) Fp {
	v, ok := new(big.Int).SetString(s, 16)
	if !ok {
		panic("bls12381: bad constant " + s)
	}
	var x Fp
	x.SetBig(v)
	return x
}

func init() {
	bG1.SetUint64(4)
	b3G1.SetUint64(12)
	bG2.A0.SetUint64(4)
	bG2.A1.SetUint64(4)
	b3G2.A0.SetUint64(12)
	b3G2.A1.SetUint64(12)
	g1Gen.X = mustHexFp("17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb")
	g1Gen.Y = mustHexFp("08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1")
	g1Gen.Z.SetOne()
	g2Gen.X.A0 = mustHexFp("024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8")
	g2Gen.X.A1 = mustHexFp("13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e")
	g2Gen.Y.A0 = mustHexFp("0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b82801")
	g2Gen.Y.A1 = mustHexFp("0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f79be")
	g2Gen.Z.SetOne()
	orderR = ModulusFr()
}

// G1Generator returns a new copy of the standard generator of G1.
func G1Generator() *G1 { g := g1Gen; return &g }

// G2Generator returns a new copy of the standard generator of G2.
func G2Generator() *G2 { g := g2Gen; return &g }

// Order returns the prime order r of G1, G2 and GT as a new big.Int.
func Order() *big.Int { return new(big.Int).Set(orderR) }

// halfFp is 1/2 in Fp.
var halfFp Fp

func init() {
	halfFp.SetUint64(2)
	halfFp.Inverse(&halfFp)
}
