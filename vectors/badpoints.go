package vectors

import (
	"math/big"

	"github.com/mpinkit/mpinkit/pairing/bls12381"
	"github.com/mpinkit/mpinkit/pairing/bn254"
	"github.com/mpinkit/mpinkit/reference/mpin"
)

// Invalid encodings. They are built with math/big from the curve's public
// parameters, independently of the pairing code, and each is checked
// against the reference when a vector is made from it (builder.invalid).

// badEnc is an invalid encoding, the error it must give, the requirements
// it checks and its flags.
type badEnc struct {
	comment string
	enc     []byte
	want    string
	reqs    []string
	flags   []string
}

// curveMath holds what the constructions need of a profile's curve.
type curveMath struct {
	p      *mpin.Profile
	fb     int
	mod    *big.Int // p
	order  *big.Int // r
	b      *big.Int // G1: y^2 = x^3 + b
	twistB fp2      // G2: y^2 = x^3 + b'
	bls    bool
}

func newCurveMath(p *mpin.Profile) *curveMath {
	c := &curveMath{p: p, fb: p.ScalarSize()}
	if p.Suite().Name() == "BLS12381" {
		c.mod, c.order, c.b, c.bls = bls12381.ModulusFp(), bls12381.ModulusFr(), big.NewInt(4), true
	} else {
		c.mod, c.order, c.b = bn254.ModulusFp(), bn254.ModulusFr(), big.NewInt(2)
	}
	// b' from the G2 generator: y^2 - x^3.
	x0, x1, y0, y1, _ := p.Suite().G2Generator().Coordinates()
	x, y := fp2{num(x0), num(x1)}, fp2{num(y0), num(y1)}
	c.twistB = c.sub2(c.mul2(y, y), c.mul2(x, c.mul2(x, x)))
	return c
}

func num(b []byte) *big.Int { return new(big.Int).SetBytes(b) }

// fp2 is a + b i.
type fp2 struct{ a, b *big.Int }

func (c *curveMath) red(v *big.Int) *big.Int { return v.Mod(v, c.mod) }

func (c *curveMath) add2(x, y fp2) fp2 {
	return fp2{c.red(new(big.Int).Add(x.a, y.a)), c.red(new(big.Int).Add(x.b, y.b))}
}

func (c *curveMath) sub2(x, y fp2) fp2 {
	return fp2{c.red(new(big.Int).Sub(x.a, y.a)), c.red(new(big.Int).Sub(x.b, y.b))}
}

func (c *curveMath) mul2(x, y fp2) fp2 {
	re := new(big.Int).Sub(new(big.Int).Mul(x.a, y.a), new(big.Int).Mul(x.b, y.b))
	im := new(big.Int).Add(new(big.Int).Mul(x.a, y.b), new(big.Int).Mul(x.b, y.a))
	return fp2{c.red(re), c.red(im)}
}

// sqrtFp returns a square root of v mod p (p = 3 mod 4), or nil.
func (c *curveMath) sqrtFp(v *big.Int) *big.Int {
	e := new(big.Int).Rsh(new(big.Int).Add(c.mod, big.NewInt(1)), 2)
	s := new(big.Int).Exp(v, e, c.mod)
	if new(big.Int).Exp(s, big.NewInt(2), c.mod).Cmp(new(big.Int).Mod(v, c.mod)) != 0 {
		return nil
	}
	return s
}

// sqrt2 returns a square root of x in Fp2 through the norm: with
// s = sqrt(a^2 + b^2), c = sqrt((a +- s)/2) and d = b/(2c), (c + d i)^2 =
// a + b i. It reports false when x is not a square (or b = 0, which the
// callers never need).
func (c *curveMath) sqrt2(x fp2) (fp2, bool) {
	if x.b.Sign() == 0 {
		return fp2{}, false
	}
	n := c.red(new(big.Int).Add(new(big.Int).Mul(x.a, x.a), new(big.Int).Mul(x.b, x.b)))
	s := c.sqrtFp(n)
	if s == nil {
		return fp2{}, false
	}
	half := new(big.Int).ModInverse(big.NewInt(2), c.mod)
	for _, sign := range []int{1, -1} {
		t := new(big.Int).Add(x.a, new(big.Int).Mul(big.NewInt(int64(sign)), s))
		t = c.red(t.Mul(t, half))
		cc := c.sqrtFp(t)
		if cc == nil || cc.Sign() == 0 {
			continue
		}
		d := new(big.Int).ModInverse(new(big.Int).Lsh(cc, 1), c.mod)
		d = c.red(d.Mul(d, x.b))
		r := fp2{cc, d}
		sq := c.mul2(r, r)
		if sq.a.Cmp(x.a) == 0 && sq.b.Cmp(x.b) == 0 {
			return r, true
		}
	}
	return fp2{}, false
}

// encG1 writes 0x04 || x || y; values up to 2^(8 fb) - 1 are allowed, so
// that non-canonical coordinates can be written.
func (c *curveMath) encG1(x, y *big.Int) []byte {
	out := make([]byte, 1+2*c.fb)
	out[0] = 4
	x.FillBytes(out[1 : 1+c.fb])
	y.FillBytes(out[1+c.fb:])
	return out
}

// encG2 writes a G2 point in the profile's layout.
func (c *curveMath) encG2(x, y fp2) []byte {
	fb := c.fb
	parts := []*big.Int{x.a, x.b, y.a, y.b}
	var out []byte
	if c.p.Modern() {
		out = []byte{4}
		parts = []*big.Int{x.b, x.a, y.b, y.a}
	}
	for _, v := range parts {
		out = append(out, v.FillBytes(make([]byte, fb))...)
	}
	return out
}

// g1Coords splits a valid G1 encoding.
func (c *curveMath) g1Coords(enc []byte) (x, y *big.Int) {
	return num(enc[1 : 1+c.fb]), num(enc[1+c.fb:])
}

// g2Coords splits a valid G2 encoding of the profile.
func (c *curveMath) g2Coords(enc []byte) (x, y fp2) {
	fb := c.fb
	body := enc
	if c.p.Modern() {
		body = enc[1:]
		return fp2{num(body[fb : 2*fb]), num(body[:fb])}, fp2{num(body[3*fb:]), num(body[2*fb : 3*fb])}
	}
	return fp2{num(body[:fb]), num(body[fb : 2*fb])}, fp2{num(body[2*fb : 3*fb]), num(body[3*fb:])}
}

func bad(comment string, enc []byte, want string, rq []string, flags ...string) badEnc {
	return badEnc{comment, enc, want, rq, flags}
}

func nonCanonical(comment string, enc []byte, how string, rq ...string) badEnc {
	if len(rq) == 0 {
		rq = reqs("14.3")
	}
	return bad(comment, enc, "NON_CANONICAL", rq, FlagNonCanonicalEncoding, how)
}

func wrongLength(comment string, enc []byte) badEnc {
	return nonCanonical(comment, enc, FlagWrongLength, reqs("14.2")...)
}

func cat(parts ...[]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// ones returns n bytes 0xff.
func ones(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = 0xff
	}
	return b
}

// onCurveG1 returns a point of E(Fp) with a random x, not built from the
// generator, so on BLS12-381 almost surely outside G1.
func (c *curveMath) onCurveG1(rng *drbg) (x, y *big.Int) {
	for {
		x = c.red(num(rng.bytes(c.fb + 16)))
		rhs := c.red(new(big.Int).Add(new(big.Int).Exp(x, big.NewInt(3), c.mod), c.b))
		if y = c.sqrtFp(rhs); y != nil && y.Sign() != 0 {
			return x, y
		}
	}
}

// onTwistG2 returns a point of the twist with a random x, almost surely
// outside G2 on both curves.
func (c *curveMath) onTwistG2(rng *drbg) (x, y fp2) {
	for {
		x = fp2{c.red(num(rng.bytes(c.fb + 16))), c.red(num(rng.bytes(c.fb + 16)))}
		rhs := c.add2(c.mul2(x, c.mul2(x, x)), c.twistB)
		if y, ok := c.sqrt2(rhs); ok {
			return x, y
		}
	}
}

// badG1 returns invalid G1 encodings around the valid point good: with
// all set, every class and form (for Decoding groups); otherwise one
// case per class (for a protocol input).
func (c *curveMath) badG1(rng *drbg, good []byte, all bool) []badEnc {
	gx, gy := c.g1Coords(good)
	zero := big.NewInt(0)
	one := big.NewInt(1)
	offY := c.red(new(big.Int).Add(gy, one))
	out := []badEnc{
		bad("point at infinity (0x04 and zero coordinates)", c.encG1(zero, zero), "IDENTITY_POINT", reqs("14.4"), FlagIdentityPoint),
		bad("y of a valid point plus 1: off the curve", c.encG1(gx, offY), "INVALID_POINT", reqs("14.5"), FlagOffCurve),
		nonCanonical("x of a valid point plus p", c.encG1(new(big.Int).Add(gx, c.mod), gy), FlagCoordinateTooLarge),
		wrongLength("valid point without its last octet", good[:len(good)-1]),
		nonCanonical("valid point compressed (0x02/0x03 || x)", append([]byte{2 | byte(gy.Bit(0))}, good[1:1+c.fb]...), FlagCompressedPoint),
	}
	if c.bls {
		x, y := c.onCurveG1(rng)
		out = append(out, bad("point on the curve outside G1 (random x)", c.encG1(x, y), "INVALID_POINT", reqs("14.6"), FlagWrongSubgroup))
	}
	if !all {
		return out
	}
	out = append(out,
		bad("(1, 1): off the curve", c.encG1(one, one), "INVALID_POINT", reqs("14.5"), FlagOffCurve),
		bad("(0, 1): off the curve", c.encG1(zero, one), "INVALID_POINT", reqs("14.5"), FlagOffCurve),
		bad("x of a valid point plus 1, same y: off the curve", c.encG1(c.red(new(big.Int).Add(gx, one)), gy), "INVALID_POINT", reqs("14.5"), FlagOffCurve),
		nonCanonical("y of a valid point plus p", c.encG1(gx, new(big.Int).Add(gy, c.mod)), FlagCoordinateTooLarge),
		nonCanonical("x = p, y of a valid point", c.encG1(c.mod, gy), FlagCoordinateTooLarge),
		nonCanonical("x and y all 0xff", cat([]byte{4}, ones(2*c.fb)), FlagCoordinateTooLarge),
		wrongLength("valid point with an extra zero octet", cat(good, []byte{0})),
		wrongLength("empty", []byte{}),
		wrongLength("the prefix alone", []byte{4}),
		wrongLength("0x04 || x: uncompressed prefix, compressed length", good[:1+c.fb]),
		wrongLength("x || y without the prefix", good[1:]),
		nonCanonical("valid point compressed with the other sign bit", append([]byte{3 ^ byte(gy.Bit(0))}, good[1:1+c.fb]...), FlagCompressedPoint),
		nonCanonical("prefix 0x00 and valid coordinates", cat([]byte{0}, good[1:]), FlagBadPrefix),
		nonCanonical("prefix 0x05 and valid coordinates", cat([]byte{5}, good[1:]), FlagBadPrefix),
		nonCanonical("hybrid prefix 0x06 and valid coordinates", cat([]byte{6}, good[1:]), FlagBadPrefix),
		nonCanonical("hybrid prefix 0x07 and valid coordinates", cat([]byte{7}, good[1:]), FlagBadPrefix),
		nonCanonical("ZCash-style flag bits 0x84 on the prefix", cat([]byte{0x84}, good[1:]), FlagBadPrefix),
	)
	if c.bls {
		two := big.NewInt(2)
		x, y := c.onCurveG1(rng)
		out = append(out,
			bad("(0, 2): a point of order 3, outside G1", c.encG1(zero, two), "INVALID_POINT", reqs("14.6"), FlagWrongSubgroup),
			bad("(0, p - 2): a point of order 3, outside G1", c.encG1(zero, new(big.Int).Sub(c.mod, two)), "INVALID_POINT", reqs("14.6"), FlagWrongSubgroup),
			bad("another point on the curve outside G1 (random x)", c.encG1(x, y), "INVALID_POINT", reqs("14.6"), FlagWrongSubgroup),
			nonCanonical("x = p (0 mod p), y = 2: the order-3 point with x not reduced", c.encG1(c.mod, two), FlagCoordinateTooLarge),
		)
	}
	return out
}

// badG2 is badG1 for G2.
func (c *curveMath) badG2(rng *drbg, good []byte, all bool) []badEnc {
	gx, gy := c.g2Coords(good)
	zero := fp2{big.NewInt(0), big.NewInt(0)}
	one := big.NewInt(1)
	identity := c.encG2(zero, zero)
	offY := fp2{c.red(new(big.Int).Add(gy.a, one)), gy.b}
	sx, sy := c.onTwistG2(rng)
	out := []badEnc{
		bad("point at infinity (zero coordinates)", identity, "IDENTITY_POINT", reqs("14.4"), FlagIdentityPoint),
		bad("real part of y of a valid point plus 1: off the twist", c.encG2(gx, offY), "INVALID_POINT", reqs("14.5"), FlagOffCurve),
		nonCanonical("real part of x of a valid point plus p", c.encG2(fp2{new(big.Int).Add(gx.a, c.mod), gx.b}, gy), FlagCoordinateTooLarge),
		wrongLength("valid point without its last octet", good[:len(good)-1]),
		bad("point on the twist outside G2 (random x)", c.encG2(sx, sy), "INVALID_POINT", reqs("14.6"), FlagWrongSubgroup),
	}
	if !all {
		return out
	}
	tx, ty := c.onTwistG2(rng)
	out = append(out,
		bad("x = 1 + i, y = 1 + i: off the twist", c.encG2(fp2{one, one}, fp2{one, one}), "INVALID_POINT", reqs("14.5"), FlagOffCurve),
		bad("valid point with real and imaginary parts swapped", c.encG2(fp2{gx.b, gx.a}, fp2{gy.b, gy.a}), "INVALID_POINT", reqs("14.5", "12.3", "12.4"), FlagOffCurve, FlagWrongComponentOrder),
		nonCanonical("imaginary part of x plus p", c.encG2(fp2{gx.a, new(big.Int).Add(gx.b, c.mod)}, gy), FlagCoordinateTooLarge),
		nonCanonical("real part of y plus p", c.encG2(gx, fp2{new(big.Int).Add(gy.a, c.mod), gy.b}), FlagCoordinateTooLarge),
		nonCanonical("imaginary part of y plus p", c.encG2(gx, fp2{gy.a, new(big.Int).Add(gy.b, c.mod)}), FlagCoordinateTooLarge),
		nonCanonical("every coordinate octet 0xff", cat(identity[:len(identity)-4*c.fb], ones(4*c.fb)), FlagCoordinateTooLarge),
		wrongLength("valid point with an extra zero octet", cat(good, []byte{0})),
		wrongLength("empty", []byte{}),
		bad("another point on the twist outside G2 (random x)", c.encG2(tx, ty), "INVALID_POINT", reqs("14.6"), FlagWrongSubgroup),
	)
	if c.p.Modern() {
		out = append(out,
			nonCanonical("prefix 0x00 and valid coordinates", cat([]byte{0}, good[1:]), FlagBadPrefix),
			nonCanonical("prefix 0x05 and valid coordinates", cat([]byte{5}, good[1:]), FlagBadPrefix),
			wrongLength("valid point without its 0x04 prefix (the milagro layout's length)", good[1:]),
			nonCanonical("valid point compressed (0x02 || x)", cat([]byte{2}, good[1:1+2*c.fb]), FlagCompressedPoint),
		)
	} else {
		out = append(out,
			wrongLength("valid point with a 0x04 prefix (the modern layout's length)", cat([]byte{4}, good)),
			nonCanonical("valid point compressed (0x02 || x)", cat([]byte{2}, good[:2*c.fb]), FlagCompressedPoint),
		)
	}
	return out
}

// badScalars returns invalid scalar encodings: with all set, every form;
// otherwise zero, r and a wrong length.
func (c *curveMath) badScalars(all bool) []badEnc {
	fb := c.fb
	enc := func(v *big.Int) []byte { return v.FillBytes(make([]byte, fb)) }
	out := []badEnc{
		bad("zero", make([]byte, fb), "INVALID_SCALAR", reqs("14.8"), FlagZeroScalar),
		bad("r", enc(c.order), "INVALID_SCALAR", reqs("14.7"), FlagScalarOutOfRange),
		wrongLength("the scalar 1 one octet short", enc(big.NewInt(1))[1:]),
	}
	if !all {
		return out
	}
	return append(out,
		bad("r + 1", enc(new(big.Int).Add(c.order, big.NewInt(1))), "INVALID_SCALAR", reqs("14.7"), FlagScalarOutOfRange),
		bad("2r - 1", enc(new(big.Int).Sub(new(big.Int).Lsh(c.order, 1), big.NewInt(1))), "INVALID_SCALAR", reqs("14.7"), FlagScalarOutOfRange),
		bad("p", enc(c.mod), "INVALID_SCALAR", reqs("14.7"), FlagScalarOutOfRange),
		bad("every octet 0xff", ones(fb), "INVALID_SCALAR", reqs("14.7"), FlagScalarOutOfRange),
		bad("1 with the top octet set", cat([]byte{0x80}, enc(big.NewInt(1))[1:]), "INVALID_SCALAR", reqs("14.7"), FlagScalarOutOfRange),
		wrongLength("the scalar 1 with an extra leading zero", cat([]byte{0}, enc(big.NewInt(1)))),
		wrongLength("empty", []byte{}),
		wrongLength("the scalar 1 in one octet", []byte{1}),
	)
}

// badGT returns invalid GT encodings around the valid value good.
func (c *curveMath) badGT(good []byte) []badEnc {
	fb := c.fb
	coef := func(i int) *big.Int { return num(good[i*fb : (i+1)*fb]) }
	with := func(i int, v *big.Int) []byte {
		out := cat(good)
		v.FillBytes(out[i*fb : (i+1)*fb])
		return out
	}
	two := make([]byte, 12*fb)
	two[fb-1] = 2
	out := []badEnc{
		nonCanonical("coefficient 0 of a valid value plus p", with(0, new(big.Int).Add(coef(0), c.mod)), FlagCoordinateTooLarge),
		nonCanonical("coefficient 11 of a valid value plus p", with(11, new(big.Int).Add(coef(11), c.mod)), FlagCoordinateTooLarge),
		nonCanonical("every octet 0xff", ones(12*fb), FlagCoordinateTooLarge),
		wrongLength("valid value without its last octet", good[:len(good)-1]),
		wrongLength("valid value with an extra zero octet", cat(good, []byte{0})),
		wrongLength("empty", []byte{}),
		bad("coefficient 5 of a valid value plus 1: outside GT", with(5, c.red(new(big.Int).Add(coef(5), big.NewInt(1)))), "INVALID_POINT", reqs("14.6", "12.6"), FlagNotInGT),
		bad("the Fp12 element 2: outside GT", two, "INVALID_POINT", reqs("14.6", "12.6"), FlagNotInGT),
		bad("zero: not a unit, outside GT", make([]byte, 12*fb), "INVALID_POINT", reqs("14.6", "12.6"), FlagNotInGT),
	}
	return out
}
