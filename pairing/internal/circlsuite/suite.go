// Package circlsuite is a pairing.Suite over Cloudflare circl's BLS12-381
// (github.com/cloudflare/circl/ecc/bls12381), for tests only: running the
// same protocol code over this suite and over pairing/bls12381 compares two
// independent pairing libraries transcript by transcript.
//
// It reports the name "BLS12381" and follows the conventions of
// pairing/bls12381 wherever the interface leaves a choice, so that equal
// inputs give equal bytes: RandomScalar reads ScalarBytes + 16 bytes per
// attempt and reduces them mod r, coordinates are 48-byte big-endian with
// Fp2 values as (real, imaginary), and GT coefficients are in the tower
// order of pairing.GT.Coefficients. HashToG1 and EncodeToG1 are circl's
// RFC 9380 hash_to_curve and encode_to_curve for
// BLS12381G1_XMD:SHA-256_SSWU_{RO,NU}_ with the caller's tag. Milagro's
// legacy map is not implemented (ErrUnsupported).
//
// Constant time: as circl. Scalar multiplication is circl's, which is
// constant time; decoding and GT membership checks are not. Not for
// production use.
package circlsuite

import (
	"errors"
	"fmt"
	"io"

	circl "github.com/cloudflare/circl/ecc/bls12381"
	"github.com/mpinkit/mpinkit/pairing"
)

// ErrUnsupported reports an operation this suite does not implement: the
// legacy Milagro map to G1.
var ErrUnsupported = errors.New("circlsuite: operation not supported")

const (
	fpBytes = 48
	frBytes = circl.ScalarSize
)

// Suite returns the suite.
func Suite() pairing.Suite { return suite{} }

type suite struct{}

func (suite) Name() string     { return "BLS12381" }
func (suite) FieldBytes() int  { return fpBytes }
func (suite) ScalarBytes() int { return frBytes }

func (suite) NewScalar() pairing.Scalar { return &scalar{} }

func (suite) RandomScalar(rand io.Reader) (pairing.Scalar, error) {
	var buf [frBytes + 16]byte
	for {
		if _, err := io.ReadFull(rand, buf[:]); err != nil {
			return nil, fmt.Errorf("circlsuite: random scalar: %w", err)
		}
		var s scalar
		s.v.SetBytes(buf[:]) // big-endian, reduced mod r
		if s.v.IsZero() == 0 {
			return &s, nil
		}
	}
}

func (suite) G1Generator() pairing.G1 { return &g1{v: *circl.G1Generator()} }

func (suite) NewG1() pairing.G1 {
	var p g1
	p.v.SetIdentity()
	return &p
}

func (suite) G2Generator() pairing.G2 { return &g2{v: *circl.G2Generator()} }

func (suite) NewG2() pairing.G2 {
	var p g2
	p.v.SetIdentity()
	return &p
}

func (suite) NewGT() pairing.GT {
	var g gt
	g.v.SetIdentity()
	return &g
}

func (suite) Pair(p pairing.G1, q pairing.G2) (pairing.GT, error) {
	a, ok1 := p.(*g1)
	b, ok2 := q.(*g2)
	if !ok1 || !ok2 {
		return nil, pairing.ErrWrongSuite
	}
	return &gt{v: *circl.Pair(&a.v, &b.v)}, nil
}

func (suite) MultiPair(ps []pairing.G1, qs []pairing.G2) (pairing.GT, error) {
	if len(ps) != len(qs) {
		return nil, pairing.ErrLengthMismatch
	}
	if len(ps) == 0 {
		return suite{}.NewGT(), nil
	}
	a := make([]*circl.G1, len(ps))
	b := make([]*circl.G2, len(qs))
	n := make([]*circl.Scalar, len(ps))
	for i := range ps {
		p, ok1 := ps[i].(*g1)
		q, ok2 := qs[i].(*g2)
		if !ok1 || !ok2 {
			return nil, pairing.ErrWrongSuite
		}
		a[i], b[i] = &p.v, &q.v
		n[i] = new(circl.Scalar)
		n[i].SetOne()
	}
	return &gt{v: *circl.ProdPair(a, b, n)}, nil
}

func (suite) HashToG1(msg, dst []byte) (pairing.G1, error) {
	var p g1
	p.v.Hash(msg, dst)
	return &p, nil
}

func (suite) EncodeToG1(msg, dst []byte) (pairing.G1, error) {
	var p g1
	p.v.Encode(msg, dst)
	return &p, nil
}

func (suite) LegacyMapToG1VarTime([]byte) (pairing.G1, error) {
	return nil, fmt.Errorf("%w: legacy Milagro map", ErrUnsupported)
}

// ---- scalars ----

type scalar struct{ v circl.Scalar }

func sc(a pairing.Scalar) *circl.Scalar { return &a.(*scalar).v }

func (s *scalar) Set(a pairing.Scalar) pairing.Scalar { s.v.Set(sc(a)); return s }
func (s *scalar) SetUint64(v uint64) pairing.Scalar   { s.v.SetUint64(v); return s }

func (s *scalar) SetBytes(b []byte) (pairing.Scalar, error) {
	if len(b) != frBytes {
		return nil, fmt.Errorf("%w: %d bytes", pairing.ErrInvalidScalar, len(b))
	}
	if err := s.v.UnmarshalBinary(b); err != nil {
		return nil, fmt.Errorf("%w: %w", pairing.ErrInvalidScalar, err)
	}
	return s, nil
}

func (s *scalar) SetBytesReduce(b []byte) pairing.Scalar { s.v.SetBytes(b); return s }

func (s *scalar) Add(a, b pairing.Scalar) pairing.Scalar { s.v.Add(sc(a), sc(b)); return s }
func (s *scalar) Sub(a, b pairing.Scalar) pairing.Scalar { s.v.Sub(sc(a), sc(b)); return s }
func (s *scalar) Mul(a, b pairing.Scalar) pairing.Scalar { s.v.Mul(sc(a), sc(b)); return s }

func (s *scalar) Neg(a pairing.Scalar) pairing.Scalar {
	s.v.Set(sc(a))
	s.v.Neg()
	return s
}

func (s *scalar) Inverse(a pairing.Scalar) pairing.Scalar { s.v.Inv(sc(a)); return s }

func (s *scalar) Equal(b pairing.Scalar) bool {
	o, ok := b.(*scalar)
	return ok && s.v.IsEqual(&o.v) == 1
}

func (s *scalar) IsZero() bool { return s.v.IsZero() == 1 }

func (s *scalar) Bytes() []byte {
	b, _ := s.v.MarshalBinary() // cannot fail
	return b
}

// ---- G1 ----

type g1 struct{ v circl.G1 }

func p1(a pairing.G1) *circl.G1 { return &a.(*g1).v }

func (p *g1) Set(a pairing.G1) pairing.G1    { p.v = *p1(a); return p }
func (p *g1) Add(a, b pairing.G1) pairing.G1 { p.v.Add(p1(a), p1(b)); return p }

func (p *g1) Sub(a, b pairing.G1) pairing.G1 {
	nb := *p1(b)
	nb.Neg()
	p.v.Add(p1(a), &nb)
	return p
}

func (p *g1) Neg(a pairing.G1) pairing.G1 {
	p.v = *p1(a)
	p.v.Neg()
	return p
}

func (p *g1) ScalarMult(k pairing.Scalar, a pairing.G1) pairing.G1 {
	p.v.ScalarMult(sc(k), p1(a))
	return p
}

func (p *g1) ScalarMultVarTime(k pairing.Scalar, a pairing.G1) pairing.G1 {
	return p.ScalarMult(k, a)
}

func (p *g1) Equal(b pairing.G1) bool {
	o, ok := b.(*g1)
	return ok && p.v.IsEqual(&o.v)
}

func (p *g1) IsIdentity() bool { return p.v.IsIdentity() }

func (p *g1) Coordinates() (x, y []byte, ok bool) {
	if p.v.IsIdentity() {
		return nil, nil, false
	}
	b := p.v.Bytes() // x || y, no flags for a finite point
	return b[:fpBytes], b[fpBytes:], true
}

// flagBits are the three high bits circl's encodings use as flags; in a
// canonical coordinate (below p < 2^381) they are zero.
const flagBits = 0xe0

func (p *g1) SetCoordinates(x, y []byte) (pairing.G1, error) {
	if len(x) != fpBytes || len(y) != fpBytes || x[0]&flagBits != 0 || y[0]&flagBits != 0 {
		return nil, fmt.Errorf("%w: non-canonical coordinates", pairing.ErrInvalidPoint)
	}
	var q circl.G1
	if err := q.SetBytes(append(append([]byte{}, x...), y...)); err != nil {
		return nil, fmt.Errorf("%w: %w", pairing.ErrInvalidPoint, err)
	}
	p.v = q
	return p, nil
}

// ---- G2 ----

type g2 struct{ v circl.G2 }

func p2(a pairing.G2) *circl.G2 { return &a.(*g2).v }

func (p *g2) Set(a pairing.G2) pairing.G2    { p.v = *p2(a); return p }
func (p *g2) Add(a, b pairing.G2) pairing.G2 { p.v.Add(p2(a), p2(b)); return p }

func (p *g2) Sub(a, b pairing.G2) pairing.G2 {
	nb := *p2(b)
	nb.Neg()
	p.v.Add(p2(a), &nb)
	return p
}

func (p *g2) Neg(a pairing.G2) pairing.G2 {
	p.v = *p2(a)
	p.v.Neg()
	return p
}

func (p *g2) ScalarMult(k pairing.Scalar, a pairing.G2) pairing.G2 {
	p.v.ScalarMult(sc(k), p2(a))
	return p
}

func (p *g2) ScalarMultVarTime(k pairing.Scalar, a pairing.G2) pairing.G2 {
	return p.ScalarMult(k, a)
}

func (p *g2) Equal(b pairing.G2) bool {
	o, ok := b.(*g2)
	return ok && p.v.IsEqual(&o.v)
}

func (p *g2) IsIdentity() bool { return p.v.IsIdentity() }

// Coordinates converts from circl's order x.im || x.re || y.im || y.re.
func (p *g2) Coordinates() (x0, x1, y0, y1 []byte, ok bool) {
	if p.v.IsIdentity() {
		return nil, nil, nil, nil, false
	}
	b := p.v.Bytes()
	f := func(i int) []byte { return b[i*fpBytes : (i+1)*fpBytes] }
	return f(1), f(0), f(3), f(2), true
}

func (p *g2) SetCoordinates(x0, x1, y0, y1 []byte) (pairing.G2, error) {
	buf := make([]byte, 0, 4*fpBytes)
	for _, c := range [][]byte{x1, x0, y1, y0} {
		if len(c) != fpBytes || c[0]&flagBits != 0 {
			return nil, fmt.Errorf("%w: non-canonical coordinates", pairing.ErrInvalidPoint)
		}
		buf = append(buf, c...)
	}
	var q circl.G2
	if err := q.SetBytes(buf); err != nil {
		return nil, fmt.Errorf("%w: %w", pairing.ErrInvalidPoint, err)
	}
	p.v = q
	return p, nil
}

// ---- GT ----

type gt struct{ v circl.Gt }

func gv(a pairing.GT) *circl.Gt { return &a.(*gt).v }

func (g *gt) Set(a pairing.GT) pairing.GT     { g.v = *gv(a); return g }
func (g *gt) Mul(a, b pairing.GT) pairing.GT  { g.v.Mul(gv(a), gv(b)); return g }
func (g *gt) Inverse(a pairing.GT) pairing.GT { g.v.Inv(gv(a)); return g }

func (g *gt) Exp(a pairing.GT, k pairing.Scalar) pairing.GT {
	g.v.Exp(gv(a), sc(k))
	return g
}

func (g *gt) Equal(b pairing.GT) bool {
	o, ok := b.(*gt)
	return ok && g.v.IsEqual(&o.v)
}

func (g *gt) IsOne() bool { return g.v.IsIdentity() }

// Coefficients reverses circl's serialization, which writes the twelve
// coefficients from the highest tower position down, imaginary part first:
// exactly the reverse of the tower order.
func (g *gt) Coefficients() [12][]byte {
	b, _ := g.v.MarshalBinary() // cannot fail
	var out [12][]byte
	for i := range out {
		j := 11 - i
		out[i] = b[j*fpBytes : (j+1)*fpBytes]
	}
	return out
}

// ErrNotInGT reports coefficients that are not an element of GT.
var ErrNotInGT = errors.New("circlsuite: value not in GT")

func (g *gt) SetCoefficients(c [12][]byte) (pairing.GT, error) {
	buf := make([]byte, 0, 12*fpBytes)
	for i := range c {
		v := c[11-i]
		if len(v) != fpBytes {
			return nil, fmt.Errorf("%w: coefficient of %d bytes", ErrNotInGT, len(v))
		}
		buf = append(buf, v...)
	}
	var x circl.Gt
	if err := x.UnmarshalBinary(buf); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNotInGT, err)
	}
	// x is in GT iff x^r = 1, checked as x^(r-1) x = 1.
	var one, rm1 circl.Scalar
	one.SetOne()
	rm1.Set(&one)
	rm1.Neg()
	var y circl.Gt
	y.Exp(&x, &rm1)
	y.Mul(&y, &x)
	if !y.IsIdentity() {
		return nil, ErrNotInGT
	}
	g.v = x
	return g, nil
}
