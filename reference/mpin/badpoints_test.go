package mpin

import (
	"math/big"
)

// Invalid encodings for the rejection tests, built with math/big from the
// profile's curve: off the curve, on the curve but outside the prime-order
// subgroup, non-canonical, and the identity.

// fp2 is a + b i over the profile's p.
type fp2 struct{ a, b *big.Int }

type fp2Field struct{ p *big.Int }

func (f fp2Field) mod(x *big.Int) *big.Int { return x.Mod(x, f.p) }

func (f fp2Field) add(x, y fp2) fp2 {
	return fp2{f.mod(new(big.Int).Add(x.a, y.a)), f.mod(new(big.Int).Add(x.b, y.b))}
}

func (f fp2Field) sub(x, y fp2) fp2 {
	return fp2{f.mod(new(big.Int).Sub(x.a, y.a)), f.mod(new(big.Int).Sub(x.b, y.b))}
}

func (f fp2Field) mul(x, y fp2) fp2 {
	re := new(big.Int).Sub(new(big.Int).Mul(x.a, y.a), new(big.Int).Mul(x.b, y.b))
	im := new(big.Int).Add(new(big.Int).Mul(x.a, y.b), new(big.Int).Mul(x.b, y.a))
	return fp2{f.mod(re), f.mod(im)}
}

func (f fp2Field) exp(x fp2, e *big.Int) fp2 {
	out := fp2{big.NewInt(1), big.NewInt(0)}
	for i := e.BitLen() - 1; i >= 0; i-- {
		out = f.mul(out, out)
		if e.Bit(i) == 1 {
			out = f.mul(out, x)
		}
	}
	return out
}

func (f fp2Field) equal(x, y fp2) bool { return x.a.Cmp(y.a) == 0 && x.b.Cmp(y.b) == 0 }

// sqrt returns a square root of x in Fp2 for p = 3 mod 4 (Adj and
// Rodriguez-Henriquez, "Square root computation over even extension
// fields", algorithm 9), or false.
func (f fp2Field) sqrt(x fp2) (fp2, bool) {
	e1 := new(big.Int).Rsh(new(big.Int).Sub(f.p, big.NewInt(3)), 2)
	a1 := f.exp(x, e1)
	alpha := f.mul(a1, f.mul(a1, x))
	x0 := f.mul(a1, x)
	minus1 := fp2{new(big.Int).Sub(f.p, big.NewInt(1)), big.NewInt(0)}
	var r fp2
	if f.equal(alpha, minus1) {
		r = f.mul(fp2{big.NewInt(0), big.NewInt(1)}, x0)
	} else {
		e2 := new(big.Int).Rsh(new(big.Int).Sub(f.p, big.NewInt(1)), 1)
		b := f.exp(f.add(fp2{big.NewInt(1), big.NewInt(0)}, alpha), e2)
		r = f.mul(b, x0)
	}
	return r, f.equal(f.mul(r, r), x)
}

func bigOf(b []byte) *big.Int { return new(big.Int).SetBytes(b) }

// bad is an invalid encoding and the error class it must be rejected with.
type bad struct {
	b    []byte
	want error
}

// badG1 returns invalid G1 encodings of the profile, by name.
func badG1(t tb, p *Profile) map[string]bad {
	t.Helper()
	fb, pr := p.fb, p.c.p
	enc := func(x, y *big.Int) []byte {
		out := make([]byte, 1+2*fb)
		out[0] = 4
		x.FillBytes(out[1 : 1+fb])
		y.FillBytes(out[1+fb:])
		return out
	}
	gx, gy, _ := p.suite.G1Generator().Coordinates()
	good := enc(bigOf(gx), bigOf(gy))
	nc := func(b []byte) bad { return bad{b, ErrNonCanonical} }
	out := map[string]bad{
		"off curve":       {enc(big.NewInt(1), big.NewInt(1)), ErrInvalidPoint},
		"identity":        {enc(big.NewInt(0), big.NewInt(0)), ErrIdentity},
		"x not below p":   nc(enc(new(big.Int).Add(bigOf(gx), pr), bigOf(gy))),
		"y not below p":   nc(enc(bigOf(gx), new(big.Int).Add(bigOf(gy), pr))),
		"x = p, y = 0":    nc(enc(pr, big.NewInt(0))),
		"short":           nc(good[:len(good)-1]),
		"long":            nc(append(append([]byte{}, good...), 0)),
		"empty":           nc([]byte{}),
		"prefix 0x05":     nc(append([]byte{5}, good[1:]...)),
		"prefix 0x00":     nc(append([]byte{0}, good[1:]...)),
		"compressed 0x04": nc(append([]byte{4}, good[1:1+fb]...)),
	}
	// Compressed forms are rejected in every suite (REQ-MPIN-14.3), also
	// when their x coordinate is off the curve or not below p.
	out["compressed"] = nc(append([]byte{2}, good[1:1+fb]...))
	for x := int64(1); ; x++ {
		bx := big.NewInt(x)
		rhs := new(big.Int).Exp(bx, big.NewInt(3), pr)
		rhs.Add(rhs, p.c.b).Mod(rhs, pr)
		if big.Jacobi(rhs, pr) == -1 {
			out["compressed x off curve"] = nc(append([]byte{2}, bx.FillBytes(make([]byte, fb))...))
			break
		}
	}
	out["compressed x not below p"] = nc(append([]byte{3}, pr.FillBytes(make([]byte, fb))...))
	// Outside the subgroup: any curve point, on a curve with a cofactor.
	if p.c.name == "BLS12381" {
		for x := int64(1); ; x++ {
			bx := big.NewInt(x)
			rhs := new(big.Int).Exp(bx, big.NewInt(3), pr)
			rhs.Add(rhs, p.c.b).Mod(rhs, pr)
			if y := new(big.Int).ModSqrt(rhs, pr); y != nil {
				out["not in subgroup"] = bad{enc(bx, y), ErrInvalidPoint}
				break
			}
		}
	}
	return out
}

// badG2 returns invalid G2 encodings of the profile, by name.
func badG2(t tb, p *Profile) map[string]bad {
	t.Helper()
	f := fp2Field{p.c.p}
	x0, x1, y0, y1, _ := p.suite.G2Generator().Coordinates()
	gx, gy := fp2{bigOf(x0), bigOf(x1)}, fp2{bigOf(y0), bigOf(y1)}
	// The twist's b' from the generator: y^2 - x^3.
	bt := f.sub(f.mul(gy, gy), f.mul(gx, f.mul(gx, gx)))
	enc := func(x, y fp2) []byte {
		fb := p.fb
		raw := make([]byte, 4*fb)
		for i, v := range []*big.Int{x.a, x.b, y.a, y.b} {
			v.FillBytes(raw[i*fb : (i+1)*fb])
		}
		if !p.modern {
			return raw
		}
		// Modern: 0x04 and imaginary parts first.
		out := []byte{4}
		out = append(out, raw[fb:2*fb]...)
		out = append(out, raw[:fb]...)
		out = append(out, raw[3*fb:]...)
		return append(out, raw[2*fb:3*fb]...)
	}
	one := big.NewInt(1)
	good := enc(gx, gy)
	nc := func(b []byte) bad { return bad{b, ErrNonCanonical} }
	out := map[string]bad{
		"off curve":        {enc(fp2{one, one}, fp2{one, one}), ErrInvalidPoint},
		"identity":         {enc(fp2{new(big.Int), new(big.Int)}, fp2{new(big.Int), new(big.Int)}), ErrIdentity},
		"x.re not below p": nc(enc(fp2{new(big.Int).Add(gx.a, p.c.p), gx.b}, gy)),
		"y.im not below p": nc(enc(gx, fp2{gy.a, new(big.Int).Add(gy.b, p.c.p)})),
		"short":            nc(good[:len(good)-1]),
		"long":             nc(append(append([]byte{}, good...), 0)),
		"empty":            nc([]byte{}),
	}
	if p.modern {
		out["prefix 0x00"] = nc(append([]byte{0}, good[1:]...))
	}
	for k := int64(1); ; k++ {
		x := fp2{big.NewInt(k), one}
		rhs := f.add(f.mul(x, f.mul(x, x)), bt)
		if y, ok := f.sqrt(rhs); ok {
			out["not in subgroup"] = bad{enc(x, y), ErrInvalidPoint}
			break
		}
	}
	return out
}

// badScalars returns invalid scalar encodings of the profile, by name.
func badScalars(p *Profile) map[string]bad {
	fb := p.fb
	r := make([]byte, fb)
	rm := new(big.Int).SetBytes(p.suite.NewScalar().Sub(p.suite.NewScalar(), p.suite.NewScalar().SetUint64(1)).Bytes())
	rm.Add(rm, big.NewInt(1)).FillBytes(r) // r itself
	all := make([]byte, fb)
	for i := range all {
		all[i] = 0xff
	}
	return map[string]bad{
		"zero":  {make([]byte, fb), ErrInvalidScalar},
		"r":     {r, ErrInvalidScalar},
		"2^max": {all, ErrInvalidScalar},
		"short": {make([]byte, fb-1), ErrNonCanonical},
		"long":  {append(make([]byte, fb), 1), ErrNonCanonical},
		"empty": {[]byte{}, ErrNonCanonical},
	}
}
