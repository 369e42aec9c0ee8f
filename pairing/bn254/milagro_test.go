package bn254

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"math/big"
	"testing"

	"pgregory.net/rapid"
)

// milagroCompressed returns the 33-byte compressed Milagro form of a finite
// point (the package does not write it; Milagro's M-Pin never does).
func milagroCompressed(p *G1) []byte {
	a, _ := p.ToAffine()
	x := a.X.Bytes()
	return append([]byte{byte(milagroEvenY | a.Y.Parity())}, x[:]...)
}

func TestMilagroG1RoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var p G1
		p.ScalarBaseMult(drawPairNonZeroScalar(t, "k"))
		b := p.MilagroBytes()
		if len(b) != MilagroG1Bytes || b[0] != 0x04 {
			t.Fatalf("bad encoding %x", b)
		}
		q, err := new(G1).SetMilagroBytes(b)
		if err != nil || q.Equal(&p) != 1 {
			t.Fatalf("uncompressed round trip: %v", err)
		}
		c := milagroCompressed(&p)
		q, err = new(G1).SetMilagroBytes(c)
		if err != nil || q.Equal(&p) != 1 {
			t.Fatalf("compressed round trip: %v", err)
		}
		if !bytes.Equal(q.MilagroBytes(), b) {
			t.Fatal("compressed decode re-encodes differently")
		}
		// The other prefix gives -p.
		c[0] ^= 1
		q, err = new(G1).SetMilagroBytes(c)
		var np G1
		np.Neg(&p)
		if err != nil || q.Equal(&np) != 1 {
			t.Fatalf("flipped parity does not give -P: %v", err)
		}
	})
}

func TestMilagroG2RoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var p G2
		p.ScalarBaseMult(drawPairNonZeroScalar(t, "k"))
		b := p.MilagroBytes()
		if len(b) != MilagroG2Bytes {
			t.Fatalf("bad length %d", len(b))
		}
		q, err := new(G2).SetMilagroBytes(b)
		if err != nil || q.Equal(&p) != 1 {
			t.Fatalf("round trip: %v", err)
		}
	})
}

// TestMilagroG2Layout pins the coordinate order: x.a || x.b || y.a || y.b,
// real parts first, for the fixed generator Q.
func TestMilagroG2Layout(t *testing.T) {
	want := "19682D2C7053B256358B2500F5C34BBB907C85BFA03E2726C0851CEEE4D2EC74" +
		"1466B9EC3E19F64AA011C937A8E99743F81B97B0C209C30F47A58E8B2E29CFE1" +
		"0A79EDD972332B8DD81E22157DAEE2096361B33D847EC1B30CFBFCEBCF0BE09F" +
		"06160C39ECC4C09035C6E4512D8D3461C2864EA569D2EDEBED904B228898EE9D"
	if got := hex.EncodeToString(G2Generator().MilagroBytes()); got != string(bytes.ToLower([]byte(want))) {
		t.Errorf("Q encodes as %s", got)
	}
	// G1 generator (-1, 1) = (p - 1, 1).
	pm1 := ModulusFp()
	pm1.Sub(pm1, big.NewInt(1))
	want1 := append([]byte{4}, pm1.FillBytes(make([]byte, FpBytes))...)
	want1 = append(want1, big.NewInt(1).FillBytes(make([]byte, FpBytes))...)
	if g := G1Generator().MilagroBytes(); !bytes.Equal(g, want1) {
		t.Errorf("G1 generator encodes as %x", g)
	}
}

func TestMilagroG1Errors(t *testing.T) {
	good := G1Generator().MilagroBytes()
	p := ModulusFp().FillBytes(make([]byte, FpBytes))
	mod := func(f func(b []byte) []byte) []byte { return f(append([]byte(nil), good...)) }
	cases := []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, ErrLength},
		{"short", good[:64], ErrLength},
		{"long", append(append([]byte(nil), good...), 0), ErrLength},
		{"prefix 0x00", mod(func(b []byte) []byte { b[0] = 0; return b }), ErrNonCanonical},
		{"prefix 0x02 uncompressed", mod(func(b []byte) []byte { b[0] = 2; return b }), ErrNonCanonical},
		{"x = p", mod(func(b []byte) []byte { copy(b[1:], p); return b }), ErrNonCanonical},
		{"y = p", mod(func(b []byte) []byte { copy(b[1+FpBytes:], p); return b }), ErrNonCanonical},
		{"y = 0xff..", mod(func(b []byte) []byte {
			copy(b[1+FpBytes:], bytes.Repeat([]byte{0xff}, FpBytes))
			return b
		}), ErrNonCanonical},
		{"identity", append([]byte{4}, make([]byte, 2*FpBytes)...), ErrIdentity},
		{"not on curve", mod(func(b []byte) []byte { b[len(b)-1] ^= 2; return b }), ErrNotOnCurve},
		{"compressed prefix 0x04", append([]byte{4}, good[1:1+FpBytes]...), ErrNonCanonical},
		{"compressed x = p", append([]byte{2}, p...), ErrNonCanonical},
	}
	// A compressed x with no point: x^3 + 2 a non-square.
	var x Fp
	for {
		var rhs Fp
		rhs.Square(&x)
		rhs.Mul(&rhs, &x)
		rhs.Add(&rhs, &bG1)
		if rhs.Legendre() == -1 {
			break
		}
		var one Fp
		one.SetOne()
		x.Add(&x, &one)
	}
	xb := x.Bytes()
	cases = append(cases, struct {
		name string
		in   []byte
		want error
	}{"compressed no point", append([]byte{3}, xb[:]...), ErrNotOnCurve})

	for _, tc := range cases {
		var q G1
		q.Set(G1Generator())
		r, err := q.SetMilagroBytes(tc.in)
		if !errors.Is(err, tc.want) || r != nil {
			t.Errorf("%s: got (%v, %v), want %v", tc.name, r, err, tc.want)
		}
		if q.Equal(G1Generator()) != 1 {
			t.Errorf("%s: receiver modified on error", tc.name)
		}
	}
	var o G1
	o.SetIdentity()
	if _, err := new(G1).SetMilagroBytes(o.MilagroBytes()); !errors.Is(err, ErrIdentity) {
		t.Errorf("identity encoding: err = %v", err)
	}
}

func TestMilagroG2Errors(t *testing.T) {
	good := G2Generator().MilagroBytes()
	p := ModulusFp().FillBytes(make([]byte, FpBytes))
	mod := func(f func(b []byte) []byte) []byte { return f(append([]byte(nil), good...)) }
	// A point of the twist outside G2.
	var a G2Affine
	var one Fp
	one.SetOne()
	for {
		var rhs Fp2
		rhs.Square(&a.X)
		rhs.Mul(&rhs, &a.X)
		rhs.Add(&rhs, &bG2)
		if _, ok := a.Y.Sqrt(&rhs); ok == 1 {
			break
		}
		a.X.A0.Add(&a.X.A0, &one)
	}
	var outside G2
	outside.FromAffine(&a)
	if outside.IsInSubgroup() == 1 {
		t.Fatal("test point unexpectedly in G2")
	}
	cases := []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, ErrLength},
		{"short", good[:127], ErrLength},
		{"with 0x04 prefix", append([]byte{4}, good...), ErrLength},
		{"x.a = p", mod(func(b []byte) []byte { copy(b, p); return b }), ErrNonCanonical},
		{"x.b = p", mod(func(b []byte) []byte { copy(b[FpBytes:], p); return b }), ErrNonCanonical},
		{"y.a = p", mod(func(b []byte) []byte { copy(b[2*FpBytes:], p); return b }), ErrNonCanonical},
		{"y.b = p", mod(func(b []byte) []byte { copy(b[3*FpBytes:], p); return b }), ErrNonCanonical},
		{"identity", make([]byte, MilagroG2Bytes), ErrIdentity},
		{"not on curve", mod(func(b []byte) []byte { b[len(b)-1] ^= 1; return b }), ErrNotOnCurve},
		{"swapped real/imaginary (IETF order)", func() []byte {
			b := make([]byte, 0, MilagroG2Bytes)
			b = append(b, good[FpBytes:2*FpBytes]...)
			b = append(b, good[:FpBytes]...)
			b = append(b, good[3*FpBytes:]...)
			return append(b, good[2*FpBytes:3*FpBytes]...)
		}(), ErrNotOnCurve},
		{"not in subgroup", outside.MilagroBytes(), ErrNotInSubgroup},
	}
	for _, tc := range cases {
		var q G2
		q.Set(G2Generator())
		r, err := q.SetMilagroBytes(tc.in)
		if !errors.Is(err, tc.want) || r != nil {
			t.Errorf("%s: got (%v, %v), want %v", tc.name, r, err, tc.want)
		}
		if q.Equal(G2Generator()) != 1 {
			t.Errorf("%s: receiver modified on error", tc.name)
		}
	}
}

func FuzzSetMilagroBytesG1(f *testing.F) {
	g := G1Generator()
	f.Add(g.MilagroBytes())
	f.Add(milagroCompressed(g))
	var k Fr
	k.SetUint64(0xdeadbeef)
	f.Add(new(G1).ScalarBaseMult(&k).MilagroBytes())
	f.Add(append([]byte{4}, make([]byte, 2*FpBytes)...))
	f.Add(append([]byte{3}, make([]byte, FpBytes)...))
	f.Add(append([]byte{2}, bytes.Repeat([]byte{0xff}, FpBytes)...))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := new(G1).SetMilagroBytes(b)
		if err != nil {
			if p != nil {
				t.Fatal("non-nil point with an error")
			}
			return
		}
		if p.IsOnCurve() != 1 || p.IsIdentity() == 1 || p.IsInSubgroup() != 1 {
			t.Fatal("decoder accepted an invalid point")
		}
		switch len(b) {
		case MilagroG1Bytes:
			if !bytes.Equal(p.MilagroBytes(), b) {
				t.Fatal("uncompressed encoding does not round-trip")
			}
		case MilagroG1CompressedBytes:
			if !bytes.Equal(milagroCompressed(p), b) {
				t.Fatal("compressed encoding does not round-trip")
			}
		default:
			t.Fatalf("accepted length %d", len(b))
		}
	})
}

func FuzzSetMilagroBytesG2(f *testing.F) {
	f.Add(G2Generator().MilagroBytes())
	var k Fr
	k.SetUint64(0xdeadbeef)
	f.Add(new(G2).ScalarBaseMult(&k).MilagroBytes())
	f.Add(make([]byte, MilagroG2Bytes))
	f.Add(bytes.Repeat([]byte{0xff}, MilagroG2Bytes))
	f.Add([]byte{4})
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := new(G2).SetMilagroBytes(b)
		if err != nil {
			if p != nil {
				t.Fatal("non-nil point with an error")
			}
			return
		}
		if p.IsOnCurve() != 1 || p.IsIdentity() == 1 || p.IsInSubgroup() != 1 {
			t.Fatal("decoder accepted an invalid point")
		}
		if !bytes.Equal(p.MilagroBytes(), b) {
			t.Fatal("encoding does not round-trip")
		}
	})
}

// ---- legacy hash and map ----

func TestLegacyHash(t *testing.T) {
	msg := []byte("alice@example.com")
	d := sha256.Sum256(msg)
	if got := LegacyHashID(msg); !bytes.Equal(got, d[:]) {
		t.Errorf("LegacyHashID = %x, want SHA-256 %x", got, d)
	}
	if got := LegacyHash(-5, msg); !bytes.Equal(got, d[:]) {
		t.Errorf("LegacyHash(n < 0) must not prefix n")
	}
	d = sha256.Sum256(append([]byte{0, 0, 0x40, 0xBE}, msg...)) // 16574 = 0x40BE
	if got := LegacyHash(16574, msg); !bytes.Equal(got, d[:]) {
		t.Errorf("LegacyHash(16574) = %x, want %x", got, d)
	}
	if len(LegacyHash(0, nil)) != LegacyModBytes {
		t.Error("wrong output length")
	}
}

func TestLegacyMapToG1VarTime(t *testing.T) {
	if _, err := LegacyMapToG1VarTime(make([]byte, LegacyModBytes-1)); !errors.Is(err, ErrLength) {
		t.Errorf("short input: err = %v", err)
	}
	rapid.Check(t, func(t *rapid.T) {
		h := rapid.SliceOfN(rapid.Byte(), LegacyModBytes, 2*LegacyModBytes).Draw(t, "h")
		p, err := LegacyMapToG1VarTime(h)
		if err != nil {
			t.Fatal(err)
		}
		if p.IsOnCurve() != 1 || p.IsIdentity() == 1 {
			t.Fatal("not a finite curve point")
		}
		a, _ := p.ToAffine()
		if a.Y.Parity() != 0 {
			t.Fatal("odd y")
		}
		// Only the first LegacyModBytes bytes count; x is the first
		// candidate at or above int(h) mod p.
		q, _ := LegacyMapToG1VarTime(h[:LegacyModBytes])
		if q.Equal(p) != 1 {
			t.Fatal("bytes beyond LegacyModBytes changed the point")
		}
		var x0 Fp
		x0.SetBytesReduce(h[:LegacyModBytes])
		var d Fp
		d.Sub(&a.X, &x0)
		if dl := d.Limbs(); dl[1]|dl[2]|dl[3] != 0 || dl[0] > 1000 {
			t.Fatal("x is not a small increment of the hash")
		}
	})
	// The identity hash of the first upstream record maps to the expected
	// H1(ID): CS = MS*H1(ID) is checked for every record in upstream_test.go;
	// here pin the all-zero input: x = 0, 0^3 + 2 = 2.
	p, err := LegacyMapToG1VarTime(make([]byte, LegacyModBytes))
	if err != nil || p.IsOnCurve() != 1 {
		t.Fatalf("zero hash: %v", err)
	}
}

func BenchmarkLegacyMapToG1VarTime(b *testing.B) {
	h := LegacyHashID([]byte("alice@example.com"))
	for b.Loop() {
		_, _ = LegacyMapToG1VarTime(h)
	}
}

func BenchmarkSetMilagroBytesG2(b *testing.B) {
	enc := G2Generator().MilagroBytes()
	var p G2
	for b.Loop() {
		_, _ = p.SetMilagroBytes(enc)
	}
}
