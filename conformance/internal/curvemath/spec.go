package curvemath

import (
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"math/big"
	"strings"
)

// Constants of spec/mpin.md written out independently of the pairing
// packages: the G2 generator Q of each curve (REQ-MPIN-2.3).
var specQ = map[string][4]string{ // x0, x1, y0, y1 (real, imaginary)
	"BN254CX": {
		"19682D2C7053B256358B2500F5C34BBB907C85BFA03E2726C0851CEEE4D2EC74",
		"1466B9EC3E19F64AA011C937A8E99743F81B97B0C209C30F47A58E8B2E29CFE1",
		"0A79EDD972332B8DD81E22157DAEE2096361B33D847EC1B30CFBFCEBCF0BE09F",
		"06160C39ECC4C09035C6E4512D8D3461C2864EA569D2EDEBED904B228898EE9D",
	},
	"BLS12381": { // the standard generator of the Zcash and IETF specifications
		"024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8",
		"13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e",
		"0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b82801",
		"0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f79be",
	},
}

func (c *Curve) curveName() string {
	if c.Cofactor {
		return "BLS12381"
	}
	return "BN254CX"
}

// SpecG2Generator returns the encoding of Q as spec/mpin.md gives it, in
// the suite's G2 layout.
func (c *Curve) SpecG2Generator() ([]byte, error) {
	q, ok := specQ[c.curveName()]
	if !ok {
		return nil, fmt.Errorf("curvemath: no generator for %s", c.Suite)
	}
	var v [4]*big.Int
	for i, s := range q {
		v[i], ok = new(big.Int).SetString(s, 16)
		if !ok {
			return nil, fmt.Errorf("curvemath: bad constant %s", s)
		}
	}
	return c.EncodeG2(Fp2{v[0], v[1]}, Fp2{v[2], v[3]}), nil
}

// ExpandMessageXMD is expand_message_xmd of RFC 9380 section 5.3.1 with
// SHA-256.
func ExpandMessageXMD(msg, dst []byte, n int) []byte {
	const b = sha256.Size
	ell := (n + b - 1) / b
	dstPrime := append(append([]byte{}, dst...), byte(len(dst)))
	h := sha256.New()
	h.Write(make([]byte, sha256.BlockSize))
	h.Write(msg)
	h.Write([]byte{byte(n >> 8), byte(n), 0})
	h.Write(dstPrime)
	b0 := h.Sum(nil)
	var out []byte
	prev := make([]byte, b)
	for i := 1; i <= ell; i++ {
		x := make([]byte, b)
		subtle.XORBytes(x, b0, prev)
		h.Reset()
		h.Write(x)
		h.Write([]byte{byte(i)})
		h.Write(dstPrime)
		prev = h.Sum(nil)
		out = append(out, prev...)
	}
	return out[:n]
}

// SeededShare is the master share of REQ-MPIN-3.3:
// OS2IP(expand_message_xmd(seed, "MPINKIT-V01-MASTER-SHARE_" || suite, L)) mod r,
// L = 48 on BN254CX and 64 on BLS12-381.
func (c *Curve) SeededShare(seed []byte) []byte {
	l := 48
	if strings.Contains(c.Suite, "BLS12381") {
		l = 64
	}
	v := new(big.Int).SetBytes(ExpandMessageXMD(seed, []byte("MPINKIT-V01-MASTER-SHARE_"+c.Suite), l))
	return c.Scalar(v.Mod(v, c.R))
}
