package main

const gtSrc = `
// ---- GT ----

// GT is an element of the order-r subgroup of the multiplicative group of
// Fp12, the target group of the pairing. The zero value is not valid; use
// SetOne or the pairing functions. Values produced by this package's pairing
// are always in GT.
type GT struct {
	f Fp12
}

// SetOne sets z to the identity of GT and returns z.
func (z *GT) SetOne() *GT { z.f.SetOne(); return z }

// Set sets z = x and returns z.
func (z *GT) Set(x *GT) *GT { *z = *x; return z }

// Mul sets z = x * y and returns z.
func (z *GT) Mul(x, y *GT) *GT { z.f.Mul(&x.f, &y.f); return z }

// Inverse sets z = 1/x and returns z (a conjugation, since GT lies in the
// cyclotomic subgroup).
func (z *GT) Inverse(x *GT) *GT { z.f.Conjugate(&x.f); return z }

// Equal returns 1 if x == y and 0 otherwise.
func (x *GT) Equal(y *GT) int { return x.f.Equal(&y.f) }

// IsOne returns 1 if x is the identity of GT and 0 otherwise.
func (x *GT) IsOne() int { return x.f.IsOne() }

// Fp12 returns the value of x as an element of Fp12.
func (x *GT) Fp12() Fp12 { return x.f }

// Select sets z to a if cond == 1 and to b if cond == 0.
func (z *GT) Select(a, b *GT, cond int) *GT { z.f.Select(&a.f, &b.f, cond); return z }

// Exp sets z = x^k and returns z. Constant time in x and k: fixed 4-bit
// windows over all FrBits bits of k, cyclotomic squarings and a table
// lookup that reads every entry.
func (z *GT) Exp(x *GT, k *Fr) *GT {
	var table [16]Fp12
	table[0].SetOne()
	table[1].Set(&x.f)
	for i := 2; i < 16; i++ {
		table[i].Mul(&table[i-1], &x.f)
	}
	kl := k.Limbs()
	nwin := (FrBits + 3) / 4
	var acc, t Fp12
	acc.SetOne()
	for w := nwin - 1; w >= 0; w-- {
		acc.CyclotomicSquare(&acc)
		acc.CyclotomicSquare(&acc)
		acc.CyclotomicSquare(&acc)
		acc.CyclotomicSquare(&acc)
		bit := uint(w * 4)
		d := (kl[bit/64] >> (bit % 64)) & 0xf
		t.SetOne()
		for i := range table {
			eq := int(((uint64(i) ^ d) - 1) >> 63)
			t.Select(&table[i], &t, eq)
		}
		acc.Mul(&acc, &t)
	}
	z.f = acc
	return z
}

// ExpVarTime sets z = x^k in time that depends on k (public k only).
func (z *GT) ExpVarTime(x *GT, k *Fr) *GT {
	kl := k.Limbs()
	var acc Fp12
	acc.SetOne()
	for i := len(kl)*64 - 1; i >= 0; i-- {
		acc.CyclotomicSquare(&acc)
		if (kl[i/64]>>(uint(i)%64))&1 == 1 {
			acc.Mul(&acc, &x.f)
		}
	}
	z.f = acc
	return z
}

// GTSize is the length of the encoding of a GT element: twelve base-field
// elements.
const GTSize = 12 * FpBytes

// gtCoefficients lists the Fp coefficients of f in encoding order: the
// highest tower coefficient first (C1.B2, the coefficient of v^2 w) and,
// within each Fp2, the imaginary part first. This is the order circl and
// gnark-crypto use for BLS12-381, and both curves of this module share it.
func gtCoefficients(f *Fp12) [12]*Fp {
	var out [12]*Fp
	for k, c := range [6]*Fp2{&f.C1.B2, &f.C1.B1, &f.C1.B0, &f.C0.B2, &f.C0.B1, &f.C0.B0} {
		out[2*k], out[2*k+1] = &c.A1, &c.A0
	}
	return out
}

// Bytes returns the GTSize-byte encoding of x: twelve big-endian
// coefficients in the order of gtCoefficients. Constant time.
func (x *GT) Bytes() [GTSize]byte {
	var out [GTSize]byte
	f := x.f
	for k, c := range gtCoefficients(&f) {
		b := c.Bytes()
		copy(out[k*FpBytes:], b[:])
	}
	return out
}

// SetBytes decodes a GT encoding into x. It returns ErrLength for a wrong
// length, ErrNonCanonical for a coefficient not below p and ErrNotInGT for a
// value outside GT; x is unchanged on error.
func (x *GT) SetBytes(b []byte) (*GT, error) {
	if len(b) != GTSize {
		return nil, ErrLength
	}
	var f Fp12
	for k, c := range gtCoefficients(&f) {
		if _, err := c.SetBytes(b[k*FpBytes : (k+1)*FpBytes]); err != nil {
			return nil, err
		}
	}
	return x.SetFp12(&f)
}

// SetFp12 sets x = f if f lies in GT (the curve package's isInGT) and
// returns ErrNotInGT otherwise, leaving x unchanged. A nil f is rejected.
func (x *GT) SetFp12(f *Fp12) (*GT, error) {
	if f == nil || isInGT(f) != 1 {
		return nil, ErrNotInGT
	}
	x.f = *f
	return x, nil
}
`
