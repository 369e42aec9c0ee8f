package bn254

import "github.com/mpinkit/mpinkit/pairing/internal/h2c"

// Hashing to G1 of BN254CX with the framework of RFC 9380 ("Hashing to
// Elliptic Curves"). RFC 9380 defines no suite for this curve, so this
// package defines two in the RFC's naming scheme (section 8.10):
//
//	BN254CXG1_XMD:SHA-256_SVDW_RO_  HashToG1
//	BN254CXG1_XMD:SHA-256_SVDW_NU_  EncodeToG1
//
// with the parameters
//
//	E: y^2 = x^3 + 2 over Fp, p = 0x2400000008702A0DB0BDDF647A6366D3243FD6EE18093EE1BE6623EF5C1B55B3
//	m = 1, k = 128, expand_message_xmd with SHA-256, L = 48
//	f: Shallue-van de Woestijne (RFC 9380, section 6.6.1; straight line, Appendix F.1)
//	Z = -1, h_eff = 1 (G1 is the whole curve group, so no cofactor clearing).
//
// Z is the output of find_z_svdw (RFC 9380, Appendix H.1) for A = 0, B = 2:
// the candidate 1 fails criterion 3 (-(3 + 0)/(4 g(1)) = -1/4 is not a
// square since p = 3 mod 4) and -1 passes all four (g(-1) = 1). The map
// constants that follow from it are
//
//	c1 = g(Z)                            = 1
//	c2 = -Z / 2                          = 0x1200000004381506d85eefb23d31b369921feb770c049f70df3311f7ae0daada
//	c3 = sqrt(-g(Z) (3 Z^2 + 4A)), sgn0 0 = 0x2400000008702a0d20bddf646112e8aaa2c41825342a30355aa4fdc033d49c84
//	c4 = -4 g(Z) / (3 Z^2 + 4A)          = 0x0c00000002d00e04903f4a76d376779bb6bff24f5d586a4b3f77614fc95e71e5
//
// They are recomputed from Z below and checked against these values and
// against an independent search for Z in the tests.
//
// Constant time: the map is the straight-line version, with inversion,
// square test and square root done by exponentiation to fixed public
// exponents, the three candidate x-coordinates chosen by masked selects and
// the sign of y fixed with CondNeg. The exceptional inputs u = +-1, where
// 1 - c1 u^2 = 0, go through the same operations (inv0(0) = 0). The time
// depends only on len(msg) and len(dst).

// Suite identifiers for BN254CX, for building domain separation tags.
const (
	// SuiteG1RO names the random-oracle hash to G1 computed by HashToG1.
	SuiteG1RO = "BN254CXG1_XMD:SHA-256_SVDW_RO_"
	// SuiteG1NU names the non-uniform encoding to G1 computed by EncodeToG1.
	SuiteG1NU = "BN254CXG1_XMD:SHA-256_SVDW_NU_"
)

// svdwZ is the integer Z of the suites (see above).
const svdwZ = -1

// hashFieldLen is L = ceil((ceil(log2 p) + 128) / 8), 48 for this p.
var hashFieldLen = h2c.FieldElementLength(ModulusFp(), 128)

// svdwConsts holds Z and c1..c4 in Montgomery form.
type svdwConsts struct {
	z, c1, c2, c3, c4 Fp
}

var svdw = newSVDWConsts()

func newSVDWConsts() *svdwConsts {
	c := new(svdwConsts)
	c.z.SetUint64(-svdwZ) // |Z|; Z is negative
	c.z.Neg(&c.z)
	var b, t, three, four, gz, num Fp
	b.SetUint64(curveB)
	three.SetUint64(3)
	four.SetUint64(4)
	// c1 = g(Z) = Z^3 + B (A = 0)
	gz.Square(&c.z)
	gz.Mul(&gz, &c.z)
	gz.Add(&gz, &b)
	c.c1 = gz
	// c2 = -Z / 2
	t.SetUint64(2)
	t.Inverse(&t)
	c.c2.Neg(&c.z)
	c.c2.Mul(&c.c2, &t)
	// num = 3 Z^2 + 4A = 3 Z^2
	num.Square(&c.z)
	num.Mul(&num, &three)
	// c3 = sqrt(-g(Z) * num) with sgn0(c3) = 0; the argument is a square by
	// criterion 3 of the choice of Z (checked in the tests).
	t.Mul(&gz, &num)
	t.Neg(&t)
	c.c3.Sqrt(&t)
	c.c3.CondNeg(&c.c3, c.c3.Parity())
	// c4 = -4 g(Z) / num
	t.Inverse(&num)
	c.c4.Mul(&four, &gz)
	c.c4.Neg(&c.c4)
	c.c4.Mul(&c.c4, &t)
	return c
}

// hashToFp fills out with hash_to_field(msg, len(out)) (RFC 9380, section
// 5.2, m = 1). The expander cannot fail: at most 2*48 bytes are requested.
func hashToFp(out []Fp, msg, dst []byte) {
	var stack [128]byte
	var buf []byte
	if n := len(out) * hashFieldLen; n <= len(stack) {
		buf = stack[:n]
	} else {
		buf = make([]byte, n)
	}
	_ = h2c.ExpandMessageXMD(buf, msg, dst)
	for i := range out {
		out[i].SetBytesReduce(buf[i*hashFieldLen : (i+1)*hashFieldLen])
	}
}

// svdwRHS returns x^3 + B.
func svdwRHS(x *Fp) Fp {
	var g, b Fp
	b.SetUint64(curveB)
	g.Square(x)
	g.Mul(&g, x)
	g.Add(&g, &b)
	return g
}

// mapToCurveSVDW is the Shallue-van de Woestijne map of RFC 9380, section
// 6.6.1, in the straight-line form of Appendix F.1, for y^2 = x^3 + 2. It
// returns affine coordinates; the result is always a finite point.
func mapToCurveSVDW(u *Fp) (x, y Fp) {
	c := svdw
	var tv1, tv2, tv3, tv4, one, x1, x2, x3 Fp
	one.SetOne()
	tv1.Square(u)
	tv1.Mul(&tv1, &c.c1)
	tv2.Add(&one, &tv1)
	tv1.Sub(&one, &tv1)
	tv3.Mul(&tv1, &tv2)
	tv3.Inverse(&tv3) // inv0: 0 maps to 0
	tv4.Mul(u, &tv1)
	tv4.Mul(&tv4, &tv3)
	tv4.Mul(&tv4, &c.c3)
	// The first two candidates, c2 -+ tv4.
	x1.Sub(&c.c2, &tv4)
	gx1 := svdwRHS(&x1)
	e1 := gx1.IsSquare()
	x2.Add(&c.c2, &tv4)
	gx2 := svdwRHS(&x2)
	e2 := gx2.IsSquare() & (1 ^ e1)
	// The third, Z + c4 (tv2^2 tv3)^2, is on the curve when neither is.
	x3.Square(&tv2)
	x3.Mul(&x3, &tv3)
	x3.Square(&x3)
	x3.Mul(&x3, &c.c4)
	x3.Add(&x3, &c.z)
	x.Select(&x1, &x3, e1)
	x.Select(&x2, &x, e2)
	gx := svdwRHS(&x)
	y.Sqrt(&gx)
	// Give y the sign of u.
	y.CondNeg(&y, u.Parity()^y.Parity())
	return x, y
}

// svdwMapToG1 sets p to map_to_curve(u) in projective coordinates.
func svdwMapToG1(p *G1, u *Fp) {
	x, y := mapToCurveSVDW(u)
	p.X = x
	p.Y = y
	p.Z.SetOne()
}

// MapToG1 maps the field element u to G1 with the Shallue-van de Woestijne
// map of the suites above. As G1 is the whole group of rational points, the
// result needs no cofactor clearing; it is never the identity. A nil u is
// treated as 0. Constant time.
func MapToG1(u *Fp) *G1 {
	var zero Fp
	if u == nil {
		u = &zero
	}
	var p G1
	svdwMapToG1(&p, u)
	return &p
}

// EncodeToG1VarTime is EncodeToG1 for public messages. G1 of BN254CX has
// cofactor 1, so there is no cofactor clearing to speed up and it is
// EncodeToG1 itself (constant time); it exists so that both curves offer
// the same API.
func EncodeToG1VarTime(msg, dst []byte) *G1 { return EncodeToG1(msg, dst) }

// EncodeToG1 returns encode_to_curve(msg) for the suite
// BN254CXG1_XMD:SHA-256_SVDW_NU_ with domain separation tag dst. The output
// distribution is not uniform; use HashToG1 wherever a random oracle is
// required. Tags longer than 255 bytes are hashed down (RFC 9380, section
// 5.3.3); the tag should not be empty. Constant time.
func EncodeToG1(msg, dst []byte) *G1 {
	var u [1]Fp
	hashToFp(u[:], msg, dst)
	var p G1
	svdwMapToG1(&p, &u[0])
	return &p
}

// HashToG1 returns hash_to_curve(msg) for the suite
// BN254CXG1_XMD:SHA-256_SVDW_RO_ with domain separation tag dst: the sum of
// the images of two field elements, a point of G1 indifferentiable from a
// random oracle (RFC 9380, section 3). Tags longer than 255 bytes are
// hashed down (RFC 9380, section 5.3.3); the tag should not be empty.
// Constant time.
func HashToG1(msg, dst []byte) *G1 {
	var u [2]Fp
	hashToFp(u[:], msg, dst)
	var p, q G1
	svdwMapToG1(&p, &u[0])
	svdwMapToG1(&q, &u[1])
	return p.Add(&p, &q)
}
