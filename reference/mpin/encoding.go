package mpin

import (
	"bytes"
	"fmt"

	"github.com/mpinkit/mpinkit/pairing"
)

// Encodings (spec/mpin.md section 12). All integers are big-endian and
// FieldBytes long (Milagro's MODBYTES: 32 on BN254CX, 48 on BLS12-381).
//
//	G1, both rules:  0x04 || x || y   (compressed forms are rejected in
//	                 every profile, REQ-MPIN-14.3, although Milagro's own
//	                 decoder took them)
//	G2, Milagro:     x.re || x.im || y.re || y.im       (no prefix)
//	G2, modern:      0x04 || x.im || x.re || y.im || y.re
//	scalar:          FieldBytes bytes, left-padded with zeros
//	GT:              twelve FieldBytes coefficients in the tower order of
//	                 pairing.GT.Coefficients
//
// Neither rule set can encode the point at infinity; the encoders write it
// with all coordinate bytes zero ((0, 0) is on neither curve) and the
// decoders reject those bytes with ErrIdentity. Decoders check, in order:
// length and prefix, coordinates below p (ErrNonCanonical), identity
// (ErrIdentity), curve equation and subgroup membership (ErrInvalidPoint);
// scalar decoders check length (ErrNonCanonical), range below r and
// non-zero (ErrInvalidScalar). Decoding works on public data and is not
// constant time.

const (
	prefixUncompressed = 0x04
)

// EncodeG1 returns the uncompressed encoding 0x04 || x || y of a point.
func (p *Profile) EncodeG1(a pairing.G1) []byte {
	out := make([]byte, 1+2*p.fb)
	out[0] = prefixUncompressed
	if x, y, ok := a.Coordinates(); ok {
		copy(out[1:], x)
		copy(out[1+p.fb:], y)
	}
	return out
}

// DecodeG1 decodes a G1 point written by EncodeG1. Errors match
// ErrNonCanonical, ErrIdentity or ErrInvalidPoint.
func (p *Profile) DecodeG1(b []byte) (pairing.G1, error) {
	fb := p.fb
	var x, y []byte
	switch {
	case len(b) == 1+2*fb && b[0] == prefixUncompressed:
		x, y = b[1:1+fb], b[1+fb:]
		if !p.belowP(x) || !p.belowP(y) {
			return nil, fmt.Errorf("%w: G1 coordinate not below p", ErrNonCanonical)
		}
		if allZero(x) && allZero(y) {
			return nil, fmt.Errorf("%w: G1", ErrIdentity)
		}
	default:
		return nil, fmt.Errorf("%w: G1 encoding of %d bytes with prefix %s", ErrNonCanonical, len(b), prefixString(b))
	}
	pt, err := p.suite.NewG1().SetCoordinates(x, y)
	if err != nil {
		return nil, fmt.Errorf("%w: G1: %w", ErrInvalidPoint, err)
	}
	return pt, nil
}

// EncodeG2 returns the encoding of a G2 point: x.re || x.im || y.re || y.im
// in the Milagro profiles, 0x04 || x.im || x.re || y.im || y.re in the
// modern ones.
func (p *Profile) EncodeG2(a pairing.G2) []byte {
	out := make([]byte, p.G2Size())
	x0, x1, y0, y1, ok := a.Coordinates()
	if !ok {
		x0, x1, y0, y1 = nil, nil, nil, nil
	}
	body := out
	parts := [4][]byte{x0, x1, y0, y1}
	if p.modern {
		out[0] = prefixUncompressed
		body = out[1:]
		parts = [4][]byte{x1, x0, y1, y0}
	}
	for i, v := range parts {
		copy(body[i*p.fb:], v)
	}
	return out
}

// DecodeG2 decodes a G2 point written by EncodeG2. Errors match
// ErrNonCanonical, ErrIdentity or ErrInvalidPoint.
func (p *Profile) DecodeG2(b []byte) (pairing.G2, error) {
	if len(b) != p.G2Size() {
		return nil, fmt.Errorf("%w: G2 encoding of %d bytes, want %d", ErrNonCanonical, len(b), p.G2Size())
	}
	body := b
	if p.modern {
		if b[0] != prefixUncompressed {
			return nil, fmt.Errorf("%w: G2 prefix %s", ErrNonCanonical, prefixString(b))
		}
		body = b[1:]
	}
	fb := p.fb
	c := [4][]byte{body[:fb], body[fb : 2*fb], body[2*fb : 3*fb], body[3*fb:]}
	for _, v := range c {
		if !p.belowP(v) {
			return nil, fmt.Errorf("%w: G2 coordinate not below p", ErrNonCanonical)
		}
	}
	if allZero(body) {
		return nil, fmt.Errorf("%w: G2", ErrIdentity)
	}
	if p.modern {
		c = [4][]byte{c[1], c[0], c[3], c[2]}
	}
	pt, err := p.suite.NewG2().SetCoordinates(c[0], c[1], c[2], c[3])
	if err != nil {
		return nil, fmt.Errorf("%w: G2: %w", ErrInvalidPoint, err)
	}
	return pt, nil
}

// EncodeScalar returns the ScalarSize-byte big-endian encoding of k.
func (p *Profile) EncodeScalar(k pairing.Scalar) []byte {
	out := make([]byte, p.fb)
	copy(out[p.fb-p.sb:], k.Bytes())
	return out
}

// DecodeScalar decodes a ScalarSize-byte big-endian scalar. A wrong length
// gives ErrNonCanonical; the value must be below the group order r and not
// zero (ErrInvalidScalar).
func (p *Profile) DecodeScalar(b []byte) (pairing.Scalar, error) {
	if len(b) != p.fb {
		return nil, fmt.Errorf("%w: scalar of %d bytes, want %d", ErrNonCanonical, len(b), p.fb)
	}
	pad := p.fb - p.sb
	if !allZero(b[:pad]) {
		return nil, fmt.Errorf("%w: not below the group order", ErrInvalidScalar)
	}
	k, err := p.suite.NewScalar().SetBytes(b[pad:])
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidScalar, err)
	}
	if k.IsZero() {
		return nil, fmt.Errorf("%w: zero", ErrInvalidScalar)
	}
	return k, nil
}

// GTSize is the length of an encoded GT value: twelve field elements.
func (p *Profile) GTSize() int { return 12 * p.fb }

// EncodeGT returns the encoding of a GT value: its twelve coefficients in
// the tower order of pairing.GT.Coefficients, each FieldBytes long
// (spec/mpin.md REQ-MPIN-12.6). M-Pin itself never sends GT values; the
// encoding exists for vectors and test harnesses.
func (p *Profile) EncodeGT(g pairing.GT) []byte {
	out := make([]byte, 0, p.GTSize())
	for _, c := range g.Coefficients() {
		out = append(out, c...)
	}
	return out
}

// DecodeGT decodes a GT value written by EncodeGT. A wrong length or a
// coefficient not below p gives ErrNonCanonical, a value outside GT
// ErrInvalidPoint.
func (p *Profile) DecodeGT(b []byte) (pairing.GT, error) {
	if len(b) != p.GTSize() {
		return nil, fmt.Errorf("%w: GT encoding of %d bytes, want %d", ErrNonCanonical, len(b), p.GTSize())
	}
	var c [12][]byte
	for i := range c {
		c[i] = b[i*p.fb : (i+1)*p.fb]
		if !p.belowP(c[i]) {
			return nil, fmt.Errorf("%w: GT coefficient not below p", ErrNonCanonical)
		}
	}
	g, err := p.suite.NewGT().SetCoefficients(c)
	if err != nil {
		return nil, fmt.Errorf("%w: GT: %w", ErrInvalidPoint, err)
	}
	return g, nil
}

// belowP reports whether a FieldBytes-long big-endian value is below p.
func (p *Profile) belowP(v []byte) bool {
	return len(v) == p.fb && bytes.Compare(v, p.pBytes) < 0
}

// allZero reports whether every byte of b is zero. Constant time in the
// contents of b.
func allZero(b []byte) bool {
	var acc byte
	for _, v := range b {
		acc |= v
	}
	return acc == 0
}

func prefixString(b []byte) string {
	if len(b) == 0 {
		return "(none)"
	}
	return fmt.Sprintf("0x%02x", b[0])
}
