package bigref

import (
	"fmt"
	"math/big"
	"strings"
)

// Fp12 is an element a_0 + a_1 w + ... + a_11 w^11 of the flat field
// Fp12 = Fp[w]/(w^12 - 2w^6 + 2); entry n is the coefficient of w^n.
//
// Here w is a sixth root of xi = 1 + i, so i = w^6 - 1. Functions in this
// package expect coefficients in [0, p), return freshly allocated values and
// never modify their arguments, so Fp12 values may be shared freely. The
// zero value (all nil) is not valid; use Fp12Zero.
type Fp12 [12]*big.Int

// fp12Modulus lists the coefficients of m(w) = w^12 - 2w^6 + 2, lowest
// degree first.
func (c *Curve) fp12Modulus() []*big.Int {
	m := make([]*big.Int, 13)
	for n := range m {
		m[n] = new(big.Int)
	}
	m[0] = c.FpFromInt(2)
	m[6] = c.FpFromInt(-2)
	m[12] = big.NewInt(1)
	return m
}

// Fp12Zero returns 0 in Fp12.
func (c *Curve) Fp12Zero() Fp12 {
	var z Fp12
	for n := range z {
		z[n] = new(big.Int)
	}
	return z
}

// Fp12One returns 1 in Fp12.
func (c *Curve) Fp12One() Fp12 {
	return c.Fp12FromFp(big.NewInt(1))
}

// Fp12W returns the generator w of Fp12 over Fp.
func (c *Curve) Fp12W() Fp12 {
	z := c.Fp12Zero()
	z[1] = big.NewInt(1)
	return z
}

// Fp12FromFp embeds x of Fp as the constant polynomial x.
func (c *Curve) Fp12FromFp(x *big.Int) Fp12 {
	z := c.Fp12Zero()
	z[0] = c.Fp(x)
	return z
}

// Fp12FromFp2 embeds A + B*i of Fp2 using i = w^6 - 1, that is
// A + B*i = (A - B) + B*w^6.
func (c *Curve) Fp12FromFp2(x Fp2) Fp12 {
	z := c.Fp12Zero()
	z[0] = c.FpSub(x.A, x.B)
	z[6] = c.Fp(x.B)
	return z
}

// Fp12ToFp2 is the inverse of Fp12FromFp2: it returns the Fp2 element equal
// to f and true, or false if f does not lie in the subfield Fp2 (that is, f
// has a non-zero coefficient other than those of w^0 and w^6).
func (c *Curve) Fp12ToFp2(f Fp12) (Fp2, bool) {
	for n := range f {
		if n != 0 && n != 6 && c.Fp(f[n]).Sign() != 0 {
			return Fp2{}, false
		}
	}
	// f = a0 + a6 w^6 = a0 + a6 (i + 1) = (a0 + a6) + a6 i.
	return Fp2{c.FpAdd(f[0], f[6]), c.Fp(f[6])}, true
}

// Fp12Equal reports whether x == y.
func (c *Curve) Fp12Equal(x, y Fp12) bool {
	for n := range x {
		if c.Fp(x[n]).Cmp(c.Fp(y[n])) != 0 {
			return false
		}
	}
	return true
}

// Fp12IsZero reports whether x == 0.
func (c *Curve) Fp12IsZero(x Fp12) bool {
	return c.Fp12Equal(x, c.Fp12Zero())
}

// Fp12IsOne reports whether x == 1.
func (c *Curve) Fp12IsOne(x Fp12) bool {
	return c.Fp12Equal(x, c.Fp12One())
}

// Fp12Add returns x + y.
func (c *Curve) Fp12Add(x, y Fp12) Fp12 {
	var z Fp12
	for n := range z {
		z[n] = c.FpAdd(x[n], y[n])
	}
	return z
}

// Fp12Sub returns x - y.
func (c *Curve) Fp12Sub(x, y Fp12) Fp12 {
	var z Fp12
	for n := range z {
		z[n] = c.FpSub(x[n], y[n])
	}
	return z
}

// Fp12Neg returns -x.
func (c *Curve) Fp12Neg(x Fp12) Fp12 {
	var z Fp12
	for n := range z {
		z[n] = c.FpNeg(x[n])
	}
	return z
}

// Fp12MulFp returns x * s for s in Fp.
func (c *Curve) Fp12MulFp(x Fp12, s *big.Int) Fp12 {
	var z Fp12
	for n := range z {
		z[n] = c.FpMul(x[n], s)
	}
	return z
}

// Fp12Mul returns x * y: the schoolbook product of the two polynomials
// (degree at most 22), reduced with w^12 = 2w^6 - 2.
func (c *Curve) Fp12Mul(x, y Fp12) Fp12 {
	var t [23]*big.Int
	for n := range t {
		t[n] = new(big.Int)
	}
	prod := new(big.Int)
	for i := 0; i < 12; i++ {
		if x[i].Sign() == 0 {
			continue
		}
		for j := 0; j < 12; j++ {
			t[i+j].Add(t[i+j], prod.Mul(x[i], y[j]))
		}
	}
	// Fold the high terms from the top down: a*w^n with n >= 12 equals
	// a*w^(n-12)*(2w^6 - 2) = 2a*w^(n-6) - 2a*w^(n-12). Going downwards
	// makes sure terms that land at 12..16 are folded again later.
	for n := 22; n >= 12; n-- {
		twice := new(big.Int).Lsh(t[n], 1)
		t[n-6].Add(t[n-6], twice)
		t[n-12].Sub(t[n-12], twice)
		t[n].SetInt64(0)
	}
	var z Fp12
	for n := range z {
		z[n] = c.Fp(t[n])
	}
	return z
}

// Fp12Sqr returns x * x.
func (c *Curve) Fp12Sqr(x Fp12) Fp12 {
	return c.Fp12Mul(x, x)
}

// Fp12Exp returns x^e by left-to-right square-and-multiply. A negative e
// inverts x first; x^0 = 1 for every x.
func (c *Curve) Fp12Exp(x Fp12, e *big.Int) Fp12 {
	if e.Sign() < 0 {
		return c.Fp12Exp(c.Fp12Inv(x), new(big.Int).Neg(e))
	}
	acc := c.Fp12One()
	for i := e.BitLen() - 1; i >= 0; i-- {
		acc = c.Fp12Sqr(acc)
		if e.Bit(i) == 1 {
			acc = c.Fp12Mul(acc, x)
		}
	}
	return acc
}

// Fp12Inv returns 1/x, computed with the extended Euclidean algorithm on
// the polynomials m(w) = w^12 - 2w^6 + 2 and x(w). It keeps the invariant
// s_k * x = r_k (mod m); since m is irreducible the last non-zero
// remainder is a non-zero constant g, and s/g is the inverse. It panics if
// x is zero.
func (c *Curve) Fp12Inv(x Fp12) Fp12 {
	r0 := c.fp12Modulus()
	r1 := c.polyTrim(x[:])
	if len(r1) == 0 {
		panic("bigref: inverse of zero in Fp12")
	}
	s0 := []*big.Int{}              // s0 * x = r0 = m (mod m)
	s1 := []*big.Int{big.NewInt(1)} // s1 * x = r1 = x (mod m)
	for len(r1) > 0 {
		q, rem := c.polyDivMod(r0, r1)
		r0, r1 = r1, rem
		s0, s1 = s1, c.polySub(s0, c.polyMul(q, s1))
	}
	if len(r0) != 1 {
		panic("bigref: Fp12 modulus is not irreducible (gcd has positive degree)")
	}
	ginv := c.FpInv(r0[0])
	z := c.Fp12Zero()
	for n, a := range s0 {
		// deg s0 < 12 always holds here, because deg s_k = 12 - deg r_{k-1}.
		z[n] = c.FpMul(a, ginv)
	}
	return z
}

// Fp12Frobenius returns x^(p^k) computed as k successive plain
// exponentiations by p. k may be any non-negative integer.
func (c *Curve) Fp12Frobenius(x Fp12, k int) Fp12 {
	for ; k > 0; k-- {
		x = c.Fp12Exp(x, c.P)
	}
	return x
}

// Fp12Conj returns x^(p^6), the conjugate of x over the degree-6 subfield.
// On the cyclotomic subgroup (for example on pairing values) it equals the
// inverse.
func (c *Curve) Fp12Conj(x Fp12) Fp12 {
	return c.Fp12Frobenius(x, 6)
}

// Fp12Hex formats x as the list of its 12 coefficients (of w^0..w^11).
func (c *Curve) Fp12Hex(x Fp12) string {
	parts := make([]string, len(x))
	for n := range x {
		parts[n] = fmt.Sprintf("w^%d:%s", n, c.FpHex(x[n]))
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// --- dense polynomials over Fp, lowest degree first, no trailing zeros ----

func (c *Curve) polyTrim(a []*big.Int) []*big.Int {
	out := make([]*big.Int, len(a))
	for n := range a {
		out[n] = c.Fp(a[n])
	}
	for len(out) > 0 && out[len(out)-1].Sign() == 0 {
		out = out[:len(out)-1]
	}
	return out
}

func (c *Curve) polySub(a, b []*big.Int) []*big.Int {
	n := max(len(a), len(b))
	out := make([]*big.Int, n)
	for k := range out {
		x, y := new(big.Int), new(big.Int)
		if k < len(a) {
			x = a[k]
		}
		if k < len(b) {
			y = b[k]
		}
		out[k] = c.FpSub(x, y)
	}
	return c.polyTrim(out)
}

func (c *Curve) polyMul(a, b []*big.Int) []*big.Int {
	if len(a) == 0 || len(b) == 0 {
		return nil
	}
	out := make([]*big.Int, len(a)+len(b)-1)
	for k := range out {
		out[k] = new(big.Int)
	}
	for i := range a {
		for j := range b {
			out[i+j].Add(out[i+j], new(big.Int).Mul(a[i], b[j]))
		}
	}
	return c.polyTrim(out)
}

// polyDivMod returns q, r with a = q*b + r and deg r < deg b. b must be
// non-zero and trimmed.
func (c *Curve) polyDivMod(a, b []*big.Int) (q, r []*big.Int) {
	r = c.polyTrim(a)
	db := len(b) - 1
	if len(r) < len(b) {
		return nil, r
	}
	q = make([]*big.Int, len(r)-db)
	for k := range q {
		q[k] = new(big.Int)
	}
	lead := c.FpInv(b[db])
	for len(r) >= len(b) {
		shift := len(r) - len(b)
		coef := c.FpMul(r[len(r)-1], lead)
		q[shift] = coef
		for k := 0; k <= db; k++ {
			r[shift+k] = c.FpSub(r[shift+k], c.FpMul(coef, b[k]))
		}
		r = c.polyTrim(r)
	}
	return c.polyTrim(q), r
}
