package bls12381

import (
	"bytes"
	"errors"
	"testing"

	circl "github.com/cloudflare/circl/ecc/bls12381"
	"pgregory.net/rapid"
)

func TestG1EncodingMatchesCircl(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		k := drawScalar(t, "k")
		var p G1
		p.ScalarBaseMult(k)
		if rapid.IntRange(0, 9).Draw(t, "inf") == 0 {
			p.SetIdentity()
		}
		c := toCirclG1(t, &p)
		comp, unc := p.Bytes(), p.BytesUncompressed()
		if !bytes.Equal(comp[:], c.BytesCompressed()) || !bytes.Equal(unc[:], c.Bytes()) {
			t.Fatalf("encoding differs from circl")
		}
		for _, enc := range [][]byte{comp[:], unc[:]} {
			var q G1
			if _, err := q.SetBytes(enc); err != nil || q.Equal(&p) != 1 {
				t.Fatalf("round trip: %v", err)
			}
		}
	})
}

func TestG2EncodingMatchesCircl(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		k := drawScalar(t, "k")
		var p G2
		p.ScalarBaseMult(k)
		if rapid.IntRange(0, 9).Draw(t, "inf") == 0 {
			p.SetIdentity()
		}
		c := toCirclG2(t, &p)
		comp, unc := p.Bytes(), p.BytesUncompressed()
		if !bytes.Equal(comp[:], c.BytesCompressed()) || !bytes.Equal(unc[:], c.Bytes()) {
			t.Fatalf("encoding differs from circl")
		}
		for _, enc := range [][]byte{comp[:], unc[:]} {
			var q G2
			if _, err := q.SetBytes(enc); err != nil || q.Equal(&p) != 1 {
				t.Fatalf("round trip: %v", err)
			}
		}
	})
}

// TestDecodersAgreeWithCircl feeds mutated encodings to both decoders: they
// must accept and reject the same inputs, and agree on accepted points.
func TestDecodersAgreeWithCircl(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		k := drawScalar(t, "k")
		var p G1
		p.ScalarBaseMult(k)
		var q G2
		q.ScalarBaseMult(k)
		c1, u1 := p.Bytes(), p.BytesUncompressed()
		c2, u2 := q.Bytes(), q.BytesUncompressed()
		enc := rapid.SampledFrom([][]byte{c1[:], u1[:], c2[:], u2[:]}).Draw(t, "enc")
		enc = append([]byte(nil), enc...)
		pos := rapid.IntRange(0, len(enc)-1).Draw(t, "pos")
		enc[pos] ^= rapid.Byte().Draw(t, "flip")
		isG1 := len(enc) == G1CompressedSize || len(enc) == G1UncompressedSize
		if isG1 {
			var ours G1
			var theirs circl.G1
			_, err := ours.SetBytes(enc)
			cerr := theirs.SetBytes(enc)
			if (err == nil) != (cerr == nil) {
				t.Fatalf("G1 %x: ours %v, circl %v", enc, err, cerr)
			}
			if err == nil {
				b := ours.BytesUncompressed()
				if !bytes.Equal(b[:], theirs.Bytes()) {
					t.Fatal("G1 decoded points differ")
				}
			}
		} else {
			var ours G2
			var theirs circl.G2
			_, err := ours.SetBytes(enc)
			cerr := theirs.SetBytes(enc)
			if (err == nil) != (cerr == nil) {
				t.Fatalf("G2 %x: ours %v, circl %v", enc, err, cerr)
			}
			if err == nil {
				b := ours.BytesUncompressed()
				if !bytes.Equal(b[:], theirs.Bytes()) {
					t.Fatal("G2 decoded points differ")
				}
			}
		}
	})
}

func TestDecodeRejections(t *testing.T) {
	g := G1Generator()
	good := g.Bytes()
	cases := []struct {
		name string
		enc  []byte
		want error
	}{
		{"empty", nil, ErrLength},
		{"short", good[:47], ErrLength},
		{"compressed flag on uncompressed length", func() []byte { b := g.BytesUncompressed(); b[0] |= 0x80; return b[:] }(), ErrNonCanonical},
		{"no compressed flag on short length", func() []byte { b := good; b[0] &^= 0x80; return b[:] }(), ErrNonCanonical},
		{"infinity with junk", func() []byte { b := [48]byte{0xc0, 1}; return b[:] }(), ErrNonCanonical},
		{"infinity with sign", func() []byte { b := [48]byte{0xe0}; return b[:] }(), ErrNonCanonical},
		{"x = p", func() []byte {
			b := ModulusFp().FillBytes(make([]byte, 48))
			b[0] |= 0x80
			return b
		}(), ErrNonCanonical},
	}
	for _, c := range cases {
		var p G1
		if _, err := p.SetBytes(c.enc); !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, err, c.want)
		}
	}
	// A point on the curve outside G1: x = 0 gives y^2 = 4, (0, 2) has order 3.
	var p G1
	enc := make([]byte, 96)
	enc[95] = 2
	if _, err := p.SetBytes(enc); !errors.Is(err, ErrNotInSubgroup) {
		t.Errorf("order-3 point: %v", err)
	}
	// Off the curve.
	enc[95] = 3
	if _, err := p.SetBytes(enc); !errors.Is(err, ErrNotOnCurve) {
		t.Errorf("off-curve point: %v", err)
	}
}

func FuzzG1SetBytes(f *testing.F) {
	g := G1Generator()
	c, u := g.Bytes(), g.BytesUncompressed()
	f.Add(c[:])
	f.Add(u[:])
	f.Add(make([]byte, 48))
	f.Fuzz(func(t *testing.T, b []byte) {
		var p G1
		if _, err := p.SetBytes(b); err != nil {
			return
		}
		if p.IsOnCurve() != 1 || p.IsInSubgroup() != 1 {
			t.Fatal("decoder accepted an invalid point")
		}
		var re []byte
		if len(b) == G1CompressedSize {
			e := p.Bytes()
			re = e[:]
		} else {
			e := p.BytesUncompressed()
			re = e[:]
		}
		if !bytes.Equal(re, b) {
			t.Fatal("accepted a non-canonical encoding")
		}
	})
}

func FuzzG2SetBytes(f *testing.F) {
	g := G2Generator()
	c, u := g.Bytes(), g.BytesUncompressed()
	f.Add(c[:])
	f.Add(u[:])
	f.Add(make([]byte, 96))
	f.Fuzz(func(t *testing.T, b []byte) {
		var p G2
		if _, err := p.SetBytes(b); err != nil {
			return
		}
		if p.IsOnCurve() != 1 || p.IsInSubgroup() != 1 {
			t.Fatal("decoder accepted an invalid point")
		}
		var re []byte
		if len(b) == G2CompressedSize {
			e := p.Bytes()
			re = e[:]
		} else {
			e := p.BytesUncompressed()
			re = e[:]
		}
		if !bytes.Equal(re, b) {
			t.Fatal("accepted a non-canonical encoding")
		}
	})
}

func TestGTEncoding(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := drawScalar(t, "a")
		var p G1
		p.ScalarBaseMult(a)
		e := Pair(&p, G2Generator())
		enc := e.Bytes()
		want, _ := circl.Pair(toCirclG1(t, &p), circl.G2Generator()).MarshalBinary()
		if !bytes.Equal(enc[:], want) {
			t.Fatal("GT encoding differs from circl")
		}
		var d GT
		if _, err := d.SetBytes(enc[:]); err != nil || d.Equal(e) != 1 {
			t.Fatalf("GT round trip: %v", err)
		}
		enc[GTSize-1] ^= 1
		if _, err := d.SetBytes(enc[:]); !errors.Is(err, ErrNotInGT) {
			t.Fatalf("tampered GT value accepted: %v", err)
		}
	})
}

func FuzzGTSetBytes(f *testing.F) {
	e := Pair(G1Generator(), G2Generator())
	enc := e.Bytes()
	f.Add(enc[:])
	f.Fuzz(func(t *testing.T, b []byte) {
		var z GT
		if _, err := z.SetBytes(b); err != nil {
			return
		}
		if isInGT(&z.f) != 1 {
			t.Fatal("accepted a value outside GT")
		}
		re := z.Bytes()
		if !bytes.Equal(re[:], b) {
			t.Fatal("non-canonical GT encoding accepted")
		}
	})
}
