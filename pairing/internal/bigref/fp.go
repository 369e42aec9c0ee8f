package bigref

import (
	"errors"
	"fmt"
	"math/big"
	"strings"
)

// MustHex parses a hexadecimal integer, with or without a "0x" prefix and
// with an optional leading minus sign. It panics on malformed input, which
// makes it convenient for constants in tests.
func MustHex(s string) *big.Int {
	neg := false
	t := strings.TrimSpace(s)
	if strings.HasPrefix(t, "-") {
		neg = true
		t = t[1:]
	}
	t = strings.TrimPrefix(strings.TrimPrefix(t, "0x"), "0X")
	v, ok := new(big.Int).SetString(t, 16)
	if !ok || t == "" {
		panic(fmt.Sprintf("bigref: bad hex constant %q", s))
	}
	if neg {
		v.Neg(v)
	}
	return v
}

// --- Fp -------------------------------------------------------------------

// Fp reduces an arbitrary integer into the canonical range [0, p).
func (c *Curve) Fp(x *big.Int) *big.Int {
	return new(big.Int).Mod(x, c.P)
}

// FpFromInt returns the small integer v as an element of Fp.
func (c *Curve) FpFromInt(v int64) *big.Int {
	return c.Fp(big.NewInt(v))
}

// FpAdd returns x + y mod p.
func (c *Curve) FpAdd(x, y *big.Int) *big.Int {
	return c.Fp(new(big.Int).Add(x, y))
}

// FpSub returns x - y mod p.
func (c *Curve) FpSub(x, y *big.Int) *big.Int {
	return c.Fp(new(big.Int).Sub(x, y))
}

// FpNeg returns -x mod p.
func (c *Curve) FpNeg(x *big.Int) *big.Int {
	return c.Fp(new(big.Int).Neg(x))
}

// FpMul returns x * y mod p.
func (c *Curve) FpMul(x, y *big.Int) *big.Int {
	return c.Fp(new(big.Int).Mul(x, y))
}

// FpExp returns x^e mod p. A negative e means (x^-1)^|e|.
func (c *Curve) FpExp(x, e *big.Int) *big.Int {
	if e.Sign() < 0 {
		return c.FpExp(c.FpInv(x), new(big.Int).Neg(e))
	}
	return new(big.Int).Exp(c.Fp(x), e, c.P)
}

// FpInv returns 1/x mod p. It panics if x is zero mod p.
func (c *Curve) FpInv(x *big.Int) *big.Int {
	v := new(big.Int).ModInverse(c.Fp(x), c.P)
	if v == nil {
		panic("bigref: inverse of zero in Fp")
	}
	return v
}

// FpSqrt returns a square root of x and true, or (nil, false) when x is not
// a square in Fp. Because p = 3 mod 4, a root candidate is x^((p+1)/4); it
// is checked by squaring.
func (c *Curve) FpSqrt(x *big.Int) (*big.Int, bool) {
	e := new(big.Int).Add(c.P, big.NewInt(1))
	e.Rsh(e, 2)
	s := new(big.Int).Exp(c.Fp(x), e, c.P)
	if c.FpMul(s, s).Cmp(c.Fp(x)) != 0 {
		return nil, false
	}
	return s, true
}

// FpByteLen is the length in bytes of a serialized Fp element: the byte
// length of p.
func (c *Curve) FpByteLen() int {
	return (c.P.BitLen() + 7) / 8
}

// FpToBytes serializes x mod p as a fixed-length big-endian byte string.
func (c *Curve) FpToBytes(x *big.Int) []byte {
	return c.Fp(x).FillBytes(make([]byte, c.FpByteLen()))
}

// FpFromBytes parses a fixed-length big-endian byte string, rejecting a
// wrong length or a value that is not below p.
func (c *Curve) FpFromBytes(b []byte) (*big.Int, error) {
	if len(b) != c.FpByteLen() {
		return nil, fmt.Errorf("bigref: Fp encoding has %d bytes, want %d", len(b), c.FpByteLen())
	}
	v := new(big.Int).SetBytes(b)
	if v.Cmp(c.P) >= 0 {
		return nil, errors.New("bigref: Fp encoding is not reduced")
	}
	return v, nil
}

// FpHex formats x mod p as fixed-width, lower-case hexadecimal with a "0x"
// prefix.
func (c *Curve) FpHex(x *big.Int) string {
	return fmt.Sprintf("0x%0*x", 2*c.FpByteLen(), c.Fp(x))
}

// --- Fp2 ------------------------------------------------------------------

// Fp2 is the element A + B*i of Fp2 = Fp[i]/(i^2 + 1). Functions in this
// package expect A and B in [0, p), return freshly allocated values, and
// never modify their arguments, so Fp2 values may be shared freely.
type Fp2 struct {
	A, B *big.Int
}

// NewFp2 returns a + b*i with both parts reduced mod p.
func (c *Curve) NewFp2(a, b *big.Int) Fp2 {
	return Fp2{c.Fp(a), c.Fp(b)}
}

// Fp2FromInt returns the small integer v as an element of Fp2.
func (c *Curve) Fp2FromInt(v int64) Fp2 {
	return Fp2{c.FpFromInt(v), new(big.Int)}
}

// Fp2Zero returns 0 in Fp2.
func (c *Curve) Fp2Zero() Fp2 { return c.Fp2FromInt(0) }

// Fp2One returns 1 in Fp2.
func (c *Curve) Fp2One() Fp2 { return c.Fp2FromInt(1) }

// Fp2Equal reports whether x and y are the same element (both are
// compared after reduction mod p).
func (c *Curve) Fp2Equal(x, y Fp2) bool {
	return c.Fp(x.A).Cmp(c.Fp(y.A)) == 0 && c.Fp(x.B).Cmp(c.Fp(y.B)) == 0
}

// Fp2IsZero reports whether x is zero.
func (c *Curve) Fp2IsZero(x Fp2) bool {
	return c.Fp(x.A).Sign() == 0 && c.Fp(x.B).Sign() == 0
}

// Fp2Add returns x + y.
func (c *Curve) Fp2Add(x, y Fp2) Fp2 {
	return Fp2{c.FpAdd(x.A, y.A), c.FpAdd(x.B, y.B)}
}

// Fp2Sub returns x - y.
func (c *Curve) Fp2Sub(x, y Fp2) Fp2 {
	return Fp2{c.FpSub(x.A, y.A), c.FpSub(x.B, y.B)}
}

// Fp2Neg returns -x.
func (c *Curve) Fp2Neg(x Fp2) Fp2 {
	return Fp2{c.FpNeg(x.A), c.FpNeg(x.B)}
}

// Fp2Conj returns the conjugate A - B*i, which equals x^p.
func (c *Curve) Fp2Conj(x Fp2) Fp2 {
	return Fp2{c.Fp(x.A), c.FpNeg(x.B)}
}

// Fp2Mul returns x * y using (a + bi)(c + di) = (ac - bd) + (ad + bc)i.
func (c *Curve) Fp2Mul(x, y Fp2) Fp2 {
	ac := new(big.Int).Mul(x.A, y.A)
	bd := new(big.Int).Mul(x.B, y.B)
	ad := new(big.Int).Mul(x.A, y.B)
	bc := new(big.Int).Mul(x.B, y.A)
	return Fp2{c.Fp(ac.Sub(ac, bd)), c.Fp(ad.Add(ad, bc))}
}

// Fp2MulFp returns x * s for s in Fp.
func (c *Curve) Fp2MulFp(x Fp2, s *big.Int) Fp2 {
	return Fp2{c.FpMul(x.A, s), c.FpMul(x.B, s)}
}

// Fp2Inv returns 1/x = conj(x) / (A^2 + B^2). It panics if x is zero.
func (c *Curve) Fp2Inv(x Fp2) Fp2 {
	norm := c.FpAdd(c.FpMul(x.A, x.A), c.FpMul(x.B, x.B))
	if norm.Sign() == 0 {
		panic("bigref: inverse of zero in Fp2")
	}
	return c.Fp2MulFp(c.Fp2Conj(x), c.FpInv(norm))
}

// Fp2Exp returns x^e by square-and-multiply. A negative e inverts first.
func (c *Curve) Fp2Exp(x Fp2, e *big.Int) Fp2 {
	if e.Sign() < 0 {
		return c.Fp2Exp(c.Fp2Inv(x), new(big.Int).Neg(e))
	}
	acc := c.Fp2One()
	for i := e.BitLen() - 1; i >= 0; i-- {
		acc = c.Fp2Mul(acc, acc)
		if e.Bit(i) == 1 {
			acc = c.Fp2Mul(acc, x)
		}
	}
	return acc
}

// Fp2Sqrt returns some square root of x and true, or false when x is not a
// square in Fp2. It uses the norm: if s^2 = x with s = s0 + s1*i, then
// N(s)^2 = N(x) where N(a + bi) = a^2 + b^2, so n = N(s) is a square root
// of N(x) in Fp, and s0^2 = (A + n)/2 for the right choice of sign of n;
// then s1 = B/(2*s0). Every candidate is verified by squaring.
func (c *Curve) Fp2Sqrt(x Fp2) (Fp2, bool) {
	if c.Fp2IsZero(x) {
		return c.Fp2Zero(), true
	}
	if c.Fp(x.B).Sign() == 0 {
		// x = A lies in Fp: either A or -A is a square there (since -1 is
		// not), giving sqrt(A) or sqrt(-A)*i.
		if s, ok := c.FpSqrt(x.A); ok {
			return Fp2{s, new(big.Int)}, true
		}
		s, _ := c.FpSqrt(c.FpNeg(x.A))
		return Fp2{new(big.Int), s}, true
	}
	norm := c.FpAdd(c.FpMul(x.A, x.A), c.FpMul(x.B, x.B))
	n, ok := c.FpSqrt(norm)
	if !ok {
		return Fp2{}, false
	}
	half := c.FpInv(big.NewInt(2))
	for _, cand := range []*big.Int{n, c.FpNeg(n)} {
		s0sq := c.FpMul(c.FpAdd(x.A, cand), half)
		s0, ok := c.FpSqrt(s0sq)
		if !ok || s0.Sign() == 0 {
			continue
		}
		s1 := c.FpMul(x.B, c.FpInv(c.FpAdd(s0, s0)))
		s := Fp2{s0, s1}
		if c.Fp2Equal(c.Fp2Mul(s, s), x) {
			return s, true
		}
	}
	return Fp2{}, false
}

// Fp2ToBytes serializes x as FpToBytes(A) || FpToBytes(B), i.e. the real
// part first. (Some external formats put the i-coefficient first; callers
// comparing against those should reorder the two halves.)
func (c *Curve) Fp2ToBytes(x Fp2) []byte {
	return append(c.FpToBytes(x.A), c.FpToBytes(x.B)...)
}

// Fp2FromBytes parses the encoding produced by Fp2ToBytes.
func (c *Curve) Fp2FromBytes(b []byte) (Fp2, error) {
	n := c.FpByteLen()
	if len(b) != 2*n {
		return Fp2{}, fmt.Errorf("bigref: Fp2 encoding has %d bytes, want %d", len(b), 2*n)
	}
	a, err := c.FpFromBytes(b[:n])
	if err != nil {
		return Fp2{}, err
	}
	bb, err := c.FpFromBytes(b[n:])
	if err != nil {
		return Fp2{}, err
	}
	return Fp2{a, bb}, nil
}

// Fp2Hex formats x as "A + B*i" with both parts in FpHex form.
func (c *Curve) Fp2Hex(x Fp2) string {
	return c.FpHex(x.A) + " + " + c.FpHex(x.B) + "*i"
}
