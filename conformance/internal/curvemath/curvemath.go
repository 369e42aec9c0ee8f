package curvemath

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"math/big"
	"strings"

	"github.com/mpinkit/mpinkit/pairing"
	"github.com/mpinkit/mpinkit/pairing/bls12381"
	"github.com/mpinkit/mpinkit/pairing/bn254"
)

// Curve holds what the harness needs to know about a suite's curve and
// encodings.
type Curve struct {
	// Suite is the suite string.
	Suite string
	// P and R are the field characteristic and the group order.
	P, R *big.Int
	// B is the G1 curve constant: y^2 = x^3 + B.
	B *big.Int
	// BT is the twist constant: y^2 = x^3 + BT over Fp2.
	BT Fp2
	// MB is the octet length of a field element (and of a scalar).
	MB int
	// Modern reports the modern encodings (REQ-MPIN-12.4, 12.5).
	Modern bool
	// G1Gen and G2Gen are the encodings of the generators.
	G1Gen, G2Gen []byte
	// Cofactor reports whether G1 has a cofactor (BLS12-381).
	Cofactor bool
}

// ErrUnknownSuite reports a suite string the harness does not know.
var ErrUnknownSuite = errors.New("curvemath: unknown suite")

var (
	pBN, _   = new(big.Int).SetString("2400000008702A0DB0BDDF647A6366D3243FD6EE18093EE1BE6623EF5C1B55B3", 16)
	rBN, _   = new(big.Int).SetString("2400000008702A0DB0BDDF647A6366D2C43FD6EE0CC906CEBE11C0A636EB1F6D", 16)
	pBLS, _  = new(big.Int).SetString("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab", 16)
	rBLS, _  = new(big.Int).SetString("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16)
	curves   = map[string]*Curve{}
	suiteFns = map[string]func() pairing.Suite{
		"BN254CX":  bn254.Suite,
		"BLS12381": bls12381.Suite,
	}
)

func init() {
	for _, s := range []string{
		"MPIN-BN254CX-SHA256-MILAGRO", "MPIN-BLS12381-SHA256-MILAGRO",
		"MPIN-BN254CX-SHA256-MODERN", "MPIN-BLS12381-SHA256-MODERN",
	} {
		c := &Curve{Suite: s, Modern: strings.HasSuffix(s, "-MODERN")}
		var ps pairing.Suite
		if strings.Contains(s, "BN254CX") {
			c.P, c.R, c.B, c.MB = pBN, rBN, big.NewInt(2), 32
			ps = suiteFns["BN254CX"]()
		} else {
			c.P, c.R, c.B, c.MB, c.Cofactor = pBLS, rBLS, big.NewInt(4), 48, true
			ps = suiteFns["BLS12381"]()
		}
		gx, gy, _ := ps.G1Generator().Coordinates()
		c.G1Gen = append(append([]byte{4}, gx...), gy...)
		x0, x1, y0, y1, _ := ps.G2Generator().Coordinates()
		f := c.fp2()
		x, y := Fp2{new(big.Int).SetBytes(x0), new(big.Int).SetBytes(x1)}, Fp2{new(big.Int).SetBytes(y0), new(big.Int).SetBytes(y1)}
		c.BT = f.sub(f.mul(y, y), f.mul(x, f.mul(x, x)))
		c.G2Gen = c.EncodeG2(x, y)
		curves[s] = c
	}
}

// Lookup returns the curve of a suite string.
func Lookup(suite string) (*Curve, error) {
	c, ok := curves[suite]
	if !ok {
		return nil, ErrUnknownSuite
	}
	return c, nil
}

// G1Size, G2Size, GTSize and HIDSize are the encoding lengths of
// spec/mpin.md section 12.
func (c *Curve) G1Size() int { return 1 + 2*c.MB }

// G2Size is the length of a G2 encoding.
func (c *Curve) G2Size() int {
	if c.Modern {
		return 1 + 4*c.MB
	}
	return 4 * c.MB
}

// GTSize is the length of a GT encoding.
func (c *Curve) GTSize() int { return 12 * c.MB }

// HIDSize is the length of a hashed identity.
func (c *Curve) HIDSize() int {
	if c.Modern {
		return c.G1Size()
	}
	return c.MB
}

// fe writes v in MB octets (v must fit).
func (c *Curve) fe(v *big.Int) []byte { return v.FillBytes(make([]byte, c.MB)) }

// EncodeG1 writes 04 || x || y.
func (c *Curve) EncodeG1(x, y *big.Int) []byte {
	return append(append([]byte{4}, c.fe(x)...), c.fe(y)...)
}

// DecodeG1Raw splits a G1 encoding of the right length and prefix into its
// coordinates, without any check of their values.
func (c *Curve) DecodeG1Raw(b []byte) (x, y *big.Int, ok bool) {
	if len(b) != c.G1Size() || b[0] != 4 {
		return nil, nil, false
	}
	return new(big.Int).SetBytes(b[1 : 1+c.MB]), new(big.Int).SetBytes(b[1+c.MB:]), true
}

// OnCurveG1 reports whether a G1 encoding has the right form and its
// coordinates, reduced mod p, satisfy the curve equation.
func (c *Curve) OnCurveG1(b []byte) bool {
	x, y, ok := c.DecodeG1Raw(b)
	if !ok {
		return false
	}
	x.Mod(x, c.P)
	y.Mod(y, c.P)
	return c.g1Eq(x, y)
}

func (c *Curve) g1Eq(x, y *big.Int) bool {
	l := new(big.Int).Mul(y, y)
	r := new(big.Int).Exp(x, big.NewInt(3), c.P)
	r.Add(r, c.B)
	return l.Sub(l, r).Mod(l, c.P).Sign() == 0
}

// EncodeG2 writes a G2 point in the suite's layout (REQ-MPIN-12.3, 12.4).
func (c *Curve) EncodeG2(x, y Fp2) []byte {
	if c.Modern {
		out := []byte{4}
		for _, v := range []*big.Int{x.B, x.A, y.B, y.A} {
			out = append(out, c.fe(v)...)
		}
		return out
	}
	var out []byte
	for _, v := range []*big.Int{x.A, x.B, y.A, y.B} {
		out = append(out, c.fe(v)...)
	}
	return out
}

// DecodeG2Raw splits a G2 encoding into its coordinates without checks.
func (c *Curve) DecodeG2Raw(b []byte) (x, y Fp2, ok bool) {
	if len(b) != c.G2Size() {
		return x, y, false
	}
	body := b
	if c.Modern {
		if b[0] != 4 {
			return x, y, false
		}
		body = b[1:]
	}
	v := make([]*big.Int, 4)
	for i := range v {
		v[i] = new(big.Int).SetBytes(body[i*c.MB : (i+1)*c.MB])
	}
	if c.Modern {
		return Fp2{v[1], v[0]}, Fp2{v[3], v[2]}, true
	}
	return Fp2{v[0], v[1]}, Fp2{v[2], v[3]}, true
}

// OnTwistG2 reports whether a G2 encoding has the right form and its
// coordinates, reduced mod p, satisfy the twist equation.
func (c *Curve) OnTwistG2(b []byte) bool {
	x, y, ok := c.DecodeG2Raw(b)
	if !ok {
		return false
	}
	f := c.fp2()
	x, y = f.reduce(x), f.reduce(y)
	return f.equal(f.mul(y, y), f.add(f.mul(x, f.mul(x, x)), c.BT))
}

// ReduceG1 returns a G1 encoding with both coordinates reduced mod p, or
// the input when it does not have the form of a G1 encoding.
func (c *Curve) ReduceG1(b []byte) []byte {
	x, y, ok := c.DecodeG1Raw(b)
	if !ok {
		return b
	}
	return c.EncodeG1(x.Mod(x, c.P), y.Mod(y, c.P))
}

// ReduceG2 returns a G2 encoding with every coordinate reduced mod p.
func (c *Curve) ReduceG2(b []byte) []byte {
	x, y, ok := c.DecodeG2Raw(b)
	if !ok {
		return b
	}
	f := c.fp2()
	return c.EncodeG2(f.reduce(x), f.reduce(y))
}

// SwapG2 returns a G2 encoding with the real and imaginary parts of each
// coordinate exchanged (the layout of the other suite family), or the
// input when it is not of G2 length.
func (c *Curve) SwapG2(b []byte) []byte {
	x, y, ok := c.DecodeG2Raw(b)
	if !ok {
		return b
	}
	return c.EncodeG2(Fp2{x.B, x.A}, Fp2{y.B, y.A})
}

// NegG1 returns the encoding of -P for a G1 encoding.
func (c *Curve) NegG1(b []byte) []byte {
	x, y, ok := c.DecodeG1Raw(b)
	if !ok {
		return b
	}
	return c.EncodeG1(x, new(big.Int).Sub(c.P, y).Mod(new(big.Int).Sub(c.P, y), c.P))
}

// NegG2 returns the encoding of -P for a G2 encoding.
func (c *Curve) NegG2(b []byte) []byte {
	x, y, ok := c.DecodeG2Raw(b)
	if !ok {
		return b
	}
	f := c.fp2()
	z := Fp2{new(big.Int), new(big.Int)}
	return c.EncodeG2(x, f.sub(z, y))
}

// ---- scalars ----

// Scalar writes an integer as an MB-octet scalar encoding (reduced mod
// 2^(8 MB), not mod r).
func (c *Curve) Scalar(v *big.Int) []byte {
	m := new(big.Int).Lsh(big.NewInt(1), uint(8*c.MB))
	return c.fe(new(big.Int).Mod(v, m))
}

// NegScalar returns the encoding of r - k for an encoded k.
func (c *Curve) NegScalar(k []byte) []byte {
	v := new(big.Int).SetBytes(k)
	return c.Scalar(v.Sub(c.R, v.Mod(v, c.R)).Mod(v, c.R))
}

// AddScalars returns the encoding of a + b mod r.
func (c *Curve) AddScalars(a, b []byte) []byte {
	v := new(big.Int).Add(new(big.Int).SetBytes(a), new(big.Int).SetBytes(b))
	return c.Scalar(v.Mod(v, c.R))
}

// Mhashit is mhashit(n, m) of REQ-MPIN-4.2: SHA-256 of be32(n) || m (no
// prefix for n = 0), left-padded to MB octets.
func (c *Curve) Mhashit(n int64, parts ...[]byte) []byte {
	h := sha256.New()
	if n > 0 {
		var pre [4]byte
		binary.BigEndian.PutUint32(pre[:], uint32(n))
		h.Write(pre[:])
	}
	for _, p := range parts {
		h.Write(p)
	}
	out := make([]byte, c.MB)
	copy(out[c.MB-sha256.Size:], h.Sum(nil))
	return out
}

// HashToScalar is OS2IP(mhashit(n, parts)) mod r, encoded.
func (c *Curve) HashToScalar(n int64, parts ...[]byte) []byte {
	v := new(big.Int).SetBytes(c.Mhashit(n, parts...))
	return c.Scalar(v.Mod(v, c.R))
}
