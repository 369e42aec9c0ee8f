package bn254

import (
	"encoding/binary"
	"math/big"
	"math/bits"
	"sync"
)

// Variable-time G1 multiplication with the GLV endomorphism
// phi(x, y) = (beta x, y), beta a cube root of unity in Fp. G1 is all of
// E(Fp) (cofactor 1), and phi acts on it as multiplication by lambda, a cube
// root of unity mod r. A scalar k is split as k = k1 + k2 lambda mod r with
// |k1|, |k2| about sqrt(r) (128 bits) by rounding against a reduced basis of
// the lattice {(a, b) : a + b lambda = 0 mod r} (Gallant, Lambert and
// Vanstone), and kP = k1 P + k2 phi(P) is one 2-term interleaved width-5 NAF
// multiplication with about 128 shared doublings instead of 254.
//
// Only the lengths of k1 and k2 depend on the rounding: k1 is computed as
// k - k2 lambda mod r, so k1 + k2 lambda = k holds exactly whatever the
// rounded coefficients are. The constants are derived at start-up from r
// and p with math/big and checked on the generator.
//
// Nothing here is constant time; secret scalars use ScalarMult.

// glvConsts are the endomorphism and lattice constants.
type glvConsts struct {
	beta   Fp // phi(x, y) = (beta x, y) acts as lambda on G1
	lambda Fr
	// b1, b2: the second coordinates of the reduced basis (a1, b1),
	// (a2, b2), mod r.
	b1, b2 Fr
	// g1, g2: |b2| 2^256 / r and |b1| 2^256 / r rounded, as limbs; the
	// rounded coefficients are c1 = b2 k / r and c2 = -b1 k / r, with the
	// signs neg1 = (b2 < 0) and neg2 = (b1 > 0).
	g1, g2     [3]uint64
	neg1, neg2 bool
	// two64 is 2^64 mod r.
	two64 Fr
}

// glvParams returns the constants, computed on first use: they need the
// generator, which the package's init sets after the package-level
// variables.
var glvParams = sync.OnceValue(newGLVConsts)

func newGLVConsts() *glvConsts {
	c := new(glvConsts)
	r := ModulusFr()
	p := ModulusFp()
	// lambda = (-1 + sqrt(-3)) / 2 mod r, a root of x^2 + x + 1.
	s := new(big.Int).ModSqrt(new(big.Int).Sub(r, big.NewInt(3)), r)
	if s == nil {
		panic("bn254: -3 is not a square mod r")
	}
	lam := new(big.Int).Sub(s, big.NewInt(1))
	lam.Mul(lam, new(big.Int).ModInverse(big.NewInt(2), r)).Mod(lam, r)
	// beta = w^((p-1)/3) for a w that is not a cube; of beta and beta^2,
	// take the one for which phi(G) = lambda G.
	e := new(big.Int).Sub(p, big.NewInt(1))
	e.Div(e, big.NewInt(3))
	var want G1
	lamLimbs := limbsOf(lam)
	want.scalarMultLimbsVarTime(&g1Gen, lamLimbs[:])
	found := false
	for w := int64(2); w < 100 && !found; w++ {
		bt := new(big.Int).Exp(big.NewInt(w), e, p)
		if bt.Cmp(big.NewInt(1)) == 0 {
			continue
		}
		for range 2 {
			var cand Fp
			cand.SetBig(bt)
			var phiG G1
			phiG.X.Mul(&g1Gen.X, &cand)
			phiG.Y.Set(&g1Gen.Y)
			phiG.Z.Set(&g1Gen.Z)
			if phiG.Equal(&want) == 1 {
				c.beta, found = cand, true
				break
			}
			bt.Mul(bt, bt).Mod(bt, p)
		}
	}
	if !found {
		panic("bn254: no cube root of unity acts as lambda on G1")
	}
	c.lambda.SetBig(lam)

	// Lagrange-Gauss reduction of the basis (r, 0), (-lambda, 1).
	u := [2]*big.Int{new(big.Int).Set(r), big.NewInt(0)}
	v := [2]*big.Int{new(big.Int).Neg(lam), big.NewInt(1)}
	norm := func(x [2]*big.Int) *big.Int {
		n := new(big.Int).Mul(x[0], x[0])
		return n.Add(n, new(big.Int).Mul(x[1], x[1]))
	}
	if norm(u).Cmp(norm(v)) < 0 {
		u, v = v, u
	}
	for {
		// q = round(<u, v> / <v, v>); u -= q v; stop when u is no shorter.
		dot := new(big.Int).Mul(u[0], v[0])
		dot.Add(dot, new(big.Int).Mul(u[1], v[1]))
		nv := norm(v)
		q := roundDiv(dot, nv)
		w := [2]*big.Int{
			new(big.Int).Sub(u[0], new(big.Int).Mul(q, v[0])),
			new(big.Int).Sub(u[1], new(big.Int).Mul(q, v[1])),
		}
		if norm(w).Cmp(nv) >= 0 {
			u = w
			break
		}
		u, v = v, w
	}
	// Basis (a1, b1) = v, (a2, b2) = u; det = a1 b2 - a2 b1 = +-r.
	b1, b2 := v[1], u[1]
	det := new(big.Int).Mul(v[0], u[1])
	det.Sub(det, new(big.Int).Mul(u[0], v[1]))
	if new(big.Int).Abs(det).Cmp(r) != 0 {
		panic("bn254: GLV basis does not span the lattice")
	}
	if det.Sign() < 0 { // make det = r so that c1 = b2 k / r, c2 = -b1 k / r
		b1, b2 = b2, b1
		v, u = u, v
	}
	c.b1.SetBig(new(big.Int).Mod(b1, r))
	c.b2.SetBig(new(big.Int).Mod(b2, r))
	c.neg1, c.neg2 = b2.Sign() < 0, b1.Sign() > 0
	shift := new(big.Int).Lsh(big.NewInt(1), 256)
	c.g1 = limbs3(roundDiv(new(big.Int).Mul(new(big.Int).Abs(b2), shift), r))
	c.g2 = limbs3(roundDiv(new(big.Int).Mul(new(big.Int).Abs(b1), shift), r))
	c.two64.SetBig(new(big.Int).Lsh(big.NewInt(1), 64))
	return c
}

// roundDiv returns a/b rounded to the nearest integer, for b > 0.
func roundDiv(a, b *big.Int) *big.Int {
	n := new(big.Int).Lsh(a, 1)
	n.Add(n, b)
	// Div is Euclidean division: the floor, as d > 0.
	return n.Div(n, new(big.Int).Lsh(b, 1))
}

// limbsOf returns v < 2^256 as little-endian 64-bit limbs (whatever the
// platform's big.Word size).
func limbsOf(v *big.Int) [4]uint64 {
	var buf [32]byte
	v.FillBytes(buf[:])
	var out [4]uint64
	for i := range out {
		out[i] = binary.BigEndian.Uint64(buf[32-8*(i+1):])
	}
	return out
}

func limbs3(v *big.Int) [3]uint64 {
	if v.Sign() < 0 || v.BitLen() > 192 {
		panic("bn254: GLV constant out of range")
	}
	l := limbsOf(v)
	return [3]uint64{l[0], l[1], l[2]}
}

// mulHigh returns floor(k g / 2^256) for a 4-limb k and a 3-limb g.
func mulHigh(k *[4]uint64, g *[3]uint64) [3]uint64 {
	var t [7]uint64
	for i := range 4 {
		var carry uint64
		for j := range 3 {
			hi, lo := bits.Mul64(k[i], g[j])
			var c uint64
			lo, c = bits.Add64(lo, t[i+j], 0)
			hi += c
			lo, c = bits.Add64(lo, carry, 0)
			hi += c
			t[i+j] = lo
			carry = hi
		}
		t[i+3] = carry
	}
	return [3]uint64{t[4], t[5], t[6]}
}

// setLimbs3 sets z to the 3-limb integer l mod r.
func (c *glvConsts) setLimbs3(z *Fr, l [3]uint64) {
	var t Fr
	z.SetUint64(l[2])
	z.Mul(z, &c.two64)
	z.Add(z, t.SetUint64(l[1]))
	z.Mul(z, &c.two64)
	z.Add(z, t.SetUint64(l[0]))
}

// split returns |k1|, |k2| as limbs with their signs, k = k1 + k2 lambda.
func (c *glvConsts) split(k *Fr) (k1, k2 [4]uint64, neg1, neg2 bool) {
	kl := k.Limbs()
	var c1, c2, t, f2 Fr
	c.setLimbs3(&c1, mulHigh(&kl, &c.g1))
	c.setLimbs3(&c2, mulHigh(&kl, &c.g2))
	if c.neg1 {
		c1.Neg(&c1)
	}
	if c.neg2 {
		c2.Neg(&c2)
	}
	// k2 = -(c1 b1 + c2 b2), k1 = k - k2 lambda (mod r).
	f2.Mul(&c1, &c.b1)
	t.Mul(&c2, &c.b2)
	f2.Add(&f2, &t)
	f2.Neg(&f2)
	var f1 Fr
	t.Mul(&f2, &c.lambda)
	f1.Sub(k, &t)
	k1, neg1 = signedLimbs(&f1)
	k2, neg2 = signedLimbs(&f2)
	return
}

// signedLimbs returns the representative of x in (-r/2, r/2] as a
// magnitude and a sign.
func signedLimbs(x *Fr) ([4]uint64, bool) {
	l := x.Limbs()
	var hr = halfR
	// x > (r-1)/2: negative.
	var borrow uint64
	for i := range 4 {
		_, borrow = bits.Sub64(hr[i], l[i], borrow)
	}
	if borrow == 0 {
		return l, false
	}
	var n Fr
	n.Neg(x)
	return n.Limbs(), true
}

// halfR is (r-1)/2 as limbs.
var halfR = func() [4]uint64 {
	h := new(big.Int).Rsh(ModulusFr(), 1)
	return limbsOf(h)
}()

// trim returns the limbs of l without leading zero words (at least one).
func trim(l []uint64) []uint64 {
	n := len(l)
	for n > 1 && l[n-1] == 0 {
		n--
	}
	return l[:n]
}

// scalarMultGLVVarTime sets p = k q with the GLV split and returns p.
func (p *G1) scalarMultGLVVarTime(k *Fr, q *G1) *G1 {
	if q.IsIdentity() == 1 {
		return p.SetIdentity()
	}
	glv := glvParams()
	k1, k2, neg1, neg2 := glv.split(k)
	var odd [2][8]G1
	oddG1(&odd[0], q)
	for i := range odd[0] {
		odd[1][i] = odd[0][i]
		odd[1][i].X.Mul(&odd[0][i].X, &glv.beta)
		if neg2 {
			odd[1][i].Neg(&odd[1][i])
		}
		if neg1 {
			odd[0][i].Neg(&odd[0][i])
		}
	}
	var bufs [2][4*64 + 1]int8
	n1 := wnaf5(bufs[0][:], trim(k1[:]))
	n2 := wnaf5(bufs[1][:], trim(k2[:]))
	nafs := [2][]int8{bufs[0][:n1], bufs[1][:n2]}
	return p.interleavedNAFVarTime(odd[:], nafs[:])
}
