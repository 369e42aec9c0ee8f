package vectors

import (
	"fmt"

	"github.com/mpinkit/mpinkit/pairing"
	"github.com/mpinkit/mpinkit/reference/mpin"
)

// scalarSmall returns the encoding of a small non-negative integer.
func scalarSmall(p *mpin.Profile, v uint64) []byte {
	return p.EncodeScalar(p.Suite().NewScalar().SetUint64(v))
}

// scalarMinusOne returns the encoding of r - 1.
func scalarMinusOne(p *mpin.Profile) []byte {
	s := p.Suite()
	return p.EncodeScalar(s.NewScalar().Neg(s.NewScalar().SetUint64(1)))
}

func buildPairing(b *builder) {
	p := b.p
	s := p.Suite()
	rng := b.rng.fork("Pairing")
	g := b.group(&Group{Type: "Pairing", Comment: "g1 = a P, g2 = b Q, gt = e(g1, g2), P and Q the generators"})
	one, two, minus := scalarSmall(p, 1), scalarSmall(p, 2), scalarMinusOne(p)
	cases := []struct {
		a, b    []byte
		comment string
		flags   []string
	}{
		{one, one, "a = b = 1: e(P, Q)", []string{FlagEdgeValue}},
		{two, one, "a = 2, b = 1", nil},
		{one, two, "a = 1, b = 2", nil},
		{minus, one, "a = r - 1, b = 1: e(P, Q)^-1", []string{FlagEdgeValue}},
		{one, minus, "a = 1, b = r - 1", []string{FlagEdgeValue}},
		{minus, minus, "a = b = r - 1: e(P, Q) again", []string{FlagEdgeValue}},
	}
	for i := range 6 {
		cases = append(cases, struct {
			a, b    []byte
			comment string
			flags   []string
		}{rng.scalar(p), rng.scalar(p), fmt.Sprintf("random a and b, %d", i+1), nil})
	}
	for _, tc := range cases {
		ka, err := p.DecodeScalar(tc.a)
		b.ok(err, "scalar a")
		kb, err := p.DecodeScalar(tc.b)
		b.ok(err, "scalar b")
		if b.err != nil {
			return
		}
		g1 := s.NewG1().ScalarMult(ka, s.G1Generator())
		g2 := s.NewG2().ScalarMult(kb, s.G2Generator())
		gt, err := s.Pair(g1, g2)
		if !b.ok(err, "pairing") {
			return
		}
		b.valid(g, &Test{Comment: tc.comment, A: tc.a, B: tc.b, G1: p.EncodeG1(g1), G2: p.EncodeG2(g2), GT: p.EncodeGT(gt)}, reqs("2.4", "12.2", "12.6", g2Req(p)), tc.flags...)
	}
}

// g2Req is the G2 encoding requirement of the profile.
func g2Req(p *mpin.Profile) string {
	if p.Modern() {
		return "12.4"
	}
	return "12.3"
}

func checkPairing(p *mpin.Profile, g *Group, t *Test) error {
	s := p.Suite()
	ka, err := p.DecodeScalar(t.A)
	if err != nil {
		return rejected(t, err)
	}
	kb, err := p.DecodeScalar(t.B)
	if err != nil {
		return rejected(t, err)
	}
	g1 := s.NewG1().ScalarMult(ka, s.G1Generator())
	g2 := s.NewG2().ScalarMult(kb, s.G2Generator())
	if err := sameAll(output{"g1", p.EncodeG1(g1), t.G1}, output{"g2", p.EncodeG2(g2), t.G2}); err != nil {
		return err
	}
	d1, err := p.DecodeG1(t.G1)
	if err != nil {
		return rejected(t, err)
	}
	d2, err := p.DecodeG2(t.G2)
	if err != nil {
		return rejected(t, err)
	}
	gt, err := s.Pair(d1, d2)
	if err != nil {
		return rejected(t, err)
	}
	if err := same("gt", p.EncodeGT(gt), t.GT); err != nil {
		return err
	}
	// Bilinearity: the same value is e(P, Q)^(ab).
	base, err := s.Pair(s.G1Generator(), s.G2Generator())
	if err != nil {
		return rejected(t, err)
	}
	if !s.NewGT().Exp(base, s.NewScalar().Mul(ka, kb)).Equal(gt) {
		return fmt.Errorf("e(aP, bQ) differs from e(P, Q)^(ab)")
	}
	return accepted(t)
}

func buildEncoding(b *builder) {
	p := b.p
	s := p.Suite()
	c := newCurveMath(p)
	rng := b.rng.fork("Decoding")
	decodeReqs := reqs("12.7", "13.2", "14.1")

	// G1.
	g := b.group(&Group{Type: "Decoding", Kind: "G1", Comment: "G1 points: 0x04 || x || y"})
	gen := p.EncodeG1(s.G1Generator())
	b.valid(g, &Test{Comment: "the generator P", Encoded: gen}, reqs("12.2"))
	b.valid(g, &Test{Comment: "-P", Encoded: p.EncodeG1(s.NewG1().Neg(s.G1Generator()))}, reqs("12.2"))
	for i := range 6 {
		b.valid(g, &Test{Comment: fmt.Sprintf("random multiple of P, %d", i+1), Encoded: b.randG1(rng)}, reqs("12.2"))
	}
	for _, be := range c.badG1(rng, b.randG1(rng), true) {
		_, err := p.DecodeG1(be.enc)
		b.invalid(g, &Test{Comment: be.comment, Encoded: be.enc}, err, be.want, append(be.reqs, decodeReqs...), be.flags...)
	}

	// G2.
	g = b.group(&Group{Type: "Decoding", Kind: "G2", Comment: g2Layout(p)})
	b.valid(g, &Test{Comment: "the generator Q", Encoded: p.EncodeG2(s.G2Generator())}, reqs(g2Req(p)))
	b.valid(g, &Test{Comment: "-Q", Encoded: p.EncodeG2(s.NewG2().Neg(s.G2Generator()))}, reqs(g2Req(p)))
	var g2s [][]byte
	for i := range 6 {
		k, err := p.DecodeScalar(rng.scalar(p))
		b.ok(err, "scalar")
		if b.err != nil {
			return
		}
		e := p.EncodeG2(s.NewG2().ScalarMult(k, s.G2Generator()))
		g2s = append(g2s, e)
		b.valid(g, &Test{Comment: fmt.Sprintf("random multiple of Q, %d", i+1), Encoded: e}, reqs(g2Req(p)))
	}
	for _, be := range c.badG2(rng, g2s[0], true) {
		_, err := p.DecodeG2(be.enc)
		b.invalid(g, &Test{Comment: be.comment, Encoded: be.enc}, err, be.want, append(be.reqs, decodeReqs...), be.flags...)
	}

	// Scalars.
	g = b.group(&Group{Type: "Decoding", Kind: "Scalar", Comment: fmt.Sprintf("scalars: %d octets big-endian, 1 <= k < r", p.ScalarSize())})
	b.valid(g, &Test{Comment: "1", Encoded: scalarSmall(p, 1)}, reqs("12.1"), FlagEdgeValue)
	b.valid(g, &Test{Comment: "2", Encoded: scalarSmall(p, 2)}, reqs("12.1"))
	b.valid(g, &Test{Comment: "r - 1", Encoded: scalarMinusOne(p)}, reqs("12.1"), FlagEdgeValue)
	for i := range 5 {
		b.valid(g, &Test{Comment: fmt.Sprintf("random scalar %d", i+1), Encoded: rng.scalar(p)}, reqs("12.1"))
	}
	for _, be := range c.badScalars(true) {
		_, err := p.DecodeScalar(be.enc)
		b.invalid(g, &Test{Comment: be.comment, Encoded: be.enc}, err, be.want, append(be.reqs, decodeReqs...), be.flags...)
	}

	// GT.
	g = b.group(&Group{Type: "Decoding", Kind: "GT", Comment: "GT values: twelve coefficients in the tower order of REQ-MPIN-12.6"})
	base, err := s.Pair(s.G1Generator(), s.G2Generator())
	if !b.ok(err, "pairing") {
		return
	}
	b.valid(g, &Test{Comment: "e(P, Q)", Encoded: p.EncodeGT(base)}, reqs("12.6"))
	b.valid(g, &Test{Comment: "1, the identity of GT", Encoded: p.EncodeGT(s.NewGT())}, reqs("12.6"), FlagEdgeValue)
	b.valid(g, &Test{Comment: "e(P, Q)^-1", Encoded: p.EncodeGT(s.NewGT().Inverse(base))}, reqs("12.6"))
	var gts []pairing.GT
	for i := range 4 {
		k, err := p.DecodeScalar(rng.scalar(p))
		b.ok(err, "scalar")
		if b.err != nil {
			return
		}
		v := s.NewGT().Exp(base, k)
		gts = append(gts, v)
		b.valid(g, &Test{Comment: fmt.Sprintf("random power of e(P, Q), %d", i+1), Encoded: p.EncodeGT(v)}, reqs("12.6"))
	}
	for _, be := range c.badGT(p.EncodeGT(gts[0])) {
		_, err := p.DecodeGT(be.enc)
		b.invalid(g, &Test{Comment: be.comment, Encoded: be.enc}, err, be.want, append(be.reqs, decodeReqs...), be.flags...)
	}
}

// g2Layout describes the profile's G2 encoding.
func g2Layout(p *mpin.Profile) string {
	if p.Modern() {
		return "G2 points: 0x04 || x.im || x.re || y.im || y.re"
	}
	return "G2 points: x.re || x.im || y.re || y.im, no prefix"
}

func checkDecoding(p *mpin.Profile, g *Group, t *Test) error {
	var enc []byte
	var err error
	switch g.Kind {
	case "G1":
		var v pairing.G1
		if v, err = p.DecodeG1(t.Encoded); err == nil {
			enc = p.EncodeG1(v)
		}
	case "G2":
		var v pairing.G2
		if v, err = p.DecodeG2(t.Encoded); err == nil {
			enc = p.EncodeG2(v)
		}
	case "Scalar":
		var v pairing.Scalar
		if v, err = p.DecodeScalar(t.Encoded); err == nil {
			enc = p.EncodeScalar(v)
		}
	case "GT":
		var v pairing.GT
		if v, err = p.DecodeGT(t.Encoded); err == nil {
			enc = p.EncodeGT(v)
		}
	default:
		return fmt.Errorf("%w: Decoding group of kind %q", ErrSchema, g.Kind)
	}
	if err != nil {
		return rejected(t, err)
	}
	if err := same("re-encoding", enc, t.Encoded); err != nil {
		return err
	}
	return accepted(t)
}
