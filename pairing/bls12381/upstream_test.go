package bls12381

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"pgregory.net/rapid"
)

// Milagro compatibility for BLS12-381: the upstream M-Pin known-answer
// tests (BLS381.json, 2-pass without time permits), plus round-trip, error
// and fuzz tests of the Milagro encodings and the legacy map.

// upstreamDir is the vector directory relative to this package.
const upstreamDir = "../../testdata/upstream"

// blsUpstreamRecord is one record of BLS381.json.
type blsUpstreamRecord struct {
	Test       int    `json:"TEST"`
	Curve      string `json:"CURVE"`
	MPINID     string `json:"MPINId"`
	MS1        string `json:"MS1"`
	MS2        string `json:"MS2"`
	PIN1       int    `json:"PIN1"`
	PIN2       int    `json:"PIN2"`
	SS1        string `json:"SS1"`
	SS2        string `json:"SS2"`
	SS         string `json:"SS"`
	CS1        string `json:"CS1"`
	CS2        string `json:"CS2"`
	CS         string `json:"CS"`
	Token      string `json:"TOKEN"`
	X          string `json:"X"`
	U          string `json:"U"`
	Y          string `json:"Y"`
	V          string `json:"V"`
	AuthResult *int   `json:"AuthResult"`
}

// upstreamScalar reads a 48-byte Milagro scalar, reduced mod r as Milagro
// does before multiplying.
func upstreamScalar(t *testing.T, rec int, field, s string) *Fr {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != LegacyModBytes {
		t.Fatalf("record %d %s: bad scalar %q (%v)", rec, field, s, err)
	}
	var k Fr
	k.SetBytesReduce(b)
	return &k
}

// upstreamPIN reduces a PIN mod MAXPIN = 10000.
func upstreamPIN(pin int) *Fr {
	var k Fr
	k.SetUint64(uint64(((pin % 10000) + 10000) % 10000))
	return &k
}

func upstreamCheckG1(t *testing.T, rec int, field, want string, p *G1) *G1 {
	t.Helper()
	if got := hex.EncodeToString(p.MilagroBytes()); got != want {
		t.Errorf("record %d %s:\n got %s\nwant %s", rec, field, got, want)
	}
	b, err := hex.DecodeString(want)
	if err != nil {
		t.Fatalf("record %d %s: %v", rec, field, err)
	}
	d, err := new(G1).SetMilagroBytes(b)
	if err != nil {
		t.Fatalf("record %d %s: decoding: %v", rec, field, err)
	}
	if d.Equal(p) != 1 {
		t.Errorf("record %d %s: decoded point differs", rec, field)
	}
	return d
}

func upstreamCheckG2(t *testing.T, rec int, field, want string, p *G2) *G2 {
	t.Helper()
	if got := hex.EncodeToString(p.MilagroBytes()); got != want {
		t.Errorf("record %d %s:\n got %s\nwant %s", rec, field, got, want)
	}
	b, err := hex.DecodeString(want)
	if err != nil {
		t.Fatalf("record %d %s: %v", rec, field, err)
	}
	d, err := new(G2).SetMilagroBytes(b)
	if err != nil {
		t.Fatalf("record %d %s: decoding: %v", rec, field, err)
	}
	if d.Equal(p) != 1 {
		t.Errorf("record %d %s: decoded point differs", rec, field)
	}
	return d
}

func TestUpstreamBLS381(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(upstreamDir, "incubator-milagro-crypto-c", "BLS381.json"))
	if err != nil {
		t.Fatal(err)
	}
	var recs []blsUpstreamRecord
	if err := json.Unmarshal(data, &recs); err != nil {
		t.Fatal(err)
	}
	if len(recs) == 0 {
		t.Fatal("no records")
	}
	accepted, rejected := 0, 0
	for i := range recs {
		r := &recs[i]
		if r.Curve != "bls381" {
			t.Fatalf("record %d: curve %q", i, r.Curve)
		}
		id, err := hex.DecodeString(r.MPINID)
		if err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
		a, err := LegacyMapToG1VarTime(LegacyHashID(id)) // H1(ID)
		if err != nil {
			t.Fatalf("record %d: H1(ID): %v", i, err)
		}
		ms1 := upstreamScalar(t, i, "MS1", r.MS1)
		ms2 := upstreamScalar(t, i, "MS2", r.MS2)

		var cs1, cs2, cs G1
		cs1.ScalarMult(ms1, a)
		cs2.ScalarMult(ms2, a)
		cs.Add(&cs1, &cs2)
		upstreamCheckG1(t, i, "CS1", r.CS1, &cs1)
		upstreamCheckG1(t, i, "CS2", r.CS2, &cs2)
		upstreamCheckG1(t, i, "CS", r.CS, &cs)

		var ss1, ss2, ss G2
		ss1.ScalarBaseMult(ms1)
		ss2.ScalarBaseMult(ms2)
		ss.Add(&ss1, &ss2)
		upstreamCheckG2(t, i, "SS1", r.SS1, &ss1)
		upstreamCheckG2(t, i, "SS2", r.SS2, &ss2)
		ssDecoded := upstreamCheckG2(t, i, "SS", r.SS, &ss)

		// TOKEN = CS - (PIN1 mod 10000) H1(ID)
		var token, t1 G1
		t1.ScalarMult(upstreamPIN(r.PIN1), a)
		token.Sub(&cs, &t1)
		upstreamCheckG1(t, i, "TOKEN", r.Token, &token)

		x := upstreamScalar(t, i, "X", r.X)
		y := upstreamScalar(t, i, "Y", r.Y)
		var u, sec, v G1
		u.ScalarMult(x, a)
		uDecoded := upstreamCheckG1(t, i, "U", r.U, &u)
		// SEC = TOKEN + (PIN2 mod 10000) H1(ID); V = -(X + Y) SEC
		t1.ScalarMult(upstreamPIN(r.PIN2), a)
		sec.Add(&token, &t1)
		var xy Fr
		xy.Add(x, y)
		xy.Neg(&xy)
		v.ScalarMult(&xy, &sec)
		vDecoded := upstreamCheckG1(t, i, "V", r.V, &v)

		samePIN := r.PIN1%10000 == r.PIN2%10000
		if r.AuthResult != nil {
			want := -19
			if samePIN {
				want = 0
			}
			if *r.AuthResult != want {
				t.Errorf("record %d: AuthResult = %d, PINs %d/%d", i, *r.AuthResult, r.PIN1, r.PIN2)
			}
		}
		if testing.Short() && i >= 20 {
			continue
		}
		// Server: e(V, Q) e(U + Y H1(ID), SS) == 1.
		var w G1
		w.ScalarMultVarTime(y, a)
		w.Add(&w, uDecoded)
		e, err := MultiPair([]*G1{vDecoded, &w}, []*G2{G2Generator(), ssDecoded})
		if err != nil {
			t.Fatal(err)
		}
		ok := e.IsOne() == 1
		if ok != samePIN {
			t.Errorf("record %d: pairing check = %v, PIN1 = %d, PIN2 = %d", i, ok, r.PIN1, r.PIN2)
		}
		if ok {
			accepted++
		} else {
			rejected++
		}
	}
	t.Logf("%d records; pairing verdicts: %d accept, %d reject", len(recs), accepted, rejected)
}

// ---- Milagro encodings ----

func drawMilagroScalar(t *rapid.T, label string) *Fr {
	b := rapid.SliceOfN(rapid.Byte(), 64, 64).Draw(t, label)
	var k Fr
	k.SetBytesReduce(b)
	if k.IsZero() == 1 {
		k.SetOne()
	}
	return &k
}

// milagroCompressed returns the 49-byte compressed Milagro form of a finite
// point (the package does not write it; Milagro's M-Pin never does).
func milagroCompressed(p *G1) []byte {
	a, _ := p.ToAffine()
	x := a.X.Bytes()
	return append([]byte{byte(milagroEvenY | a.Y.Parity())}, x[:]...)
}

func TestMilagroRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var p G1
		p.ScalarBaseMult(drawMilagroScalar(t, "k"))
		b := p.MilagroBytes()
		if len(b) != MilagroG1Bytes || b[0] != 4 {
			t.Fatalf("bad G1 encoding %x", b)
		}
		q, err := new(G1).SetMilagroBytes(b)
		if err != nil || q.Equal(&p) != 1 {
			t.Fatalf("G1 round trip: %v", err)
		}
		q, err = new(G1).SetMilagroBytes(milagroCompressed(&p))
		if err != nil || q.Equal(&p) != 1 {
			t.Fatalf("compressed G1 round trip: %v", err)
		}
		var r G2
		r.ScalarBaseMult(drawMilagroScalar(t, "l"))
		c := r.MilagroBytes()
		if len(c) != MilagroG2Bytes {
			t.Fatalf("bad G2 length %d", len(c))
		}
		s, err := new(G2).SetMilagroBytes(c)
		if err != nil || s.Equal(&r) != 1 {
			t.Fatalf("G2 round trip: %v", err)
		}
	})
}

// TestMilagroG2Layout pins the coordinate order against the Zcash encoding
// of encoding.go: Milagro writes each Fp2 real part first, Zcash imaginary
// part first.
func TestMilagroG2Layout(t *testing.T) {
	q := G2Generator()
	m := q.MilagroBytes()
	z := q.BytesUncompressed()
	n := FpBytes
	for k, pair := range [][2]int{{0, 1}, {1, 0}, {2, 3}, {3, 2}} {
		if !bytes.Equal(m[pair[0]*n:(pair[0]+1)*n], z[pair[1]*n:(pair[1]+1)*n]) {
			t.Errorf("coordinate %d in the wrong place", k)
		}
	}
	g := G1Generator()
	gm := g.MilagroBytes()
	gz := g.BytesUncompressed()
	if gm[0] != 4 || !bytes.Equal(gm[1:], gz[:]) {
		t.Error("G1 Milagro body differs from the uncompressed Zcash body")
	}
}

// twistPointOutsideG2 returns a point of the twist that is not in G2.
func twistPointOutsideG2(t *testing.T) *G2 {
	var a G2Affine
	var one Fp
	one.SetOne()
	for {
		var rhs Fp2
		rhs.Square(&a.X)
		rhs.Mul(&rhs, &a.X)
		rhs.Add(&rhs, &bG2)
		if _, ok := a.Y.Sqrt(&rhs); ok == 1 {
			var q G2
			q.FromAffine(&a)
			if q.IsInSubgroup() == 0 {
				return &q
			}
		}
		a.X.A0.Add(&a.X.A0, &one)
	}
}

// curvePointOutsideG1 returns a point of E(Fp) that is not in G1.
func curvePointOutsideG1(t *testing.T) *G1 {
	var a G1Affine
	var one Fp
	one.SetOne()
	for {
		var rhs Fp
		rhs.Square(&a.X)
		rhs.Mul(&rhs, &a.X)
		rhs.Add(&rhs, &bG1)
		if _, ok := a.Y.Sqrt(&rhs); ok == 1 {
			var p G1
			p.FromAffine(&a)
			if p.IsInSubgroup() == 0 {
				return &p
			}
		}
		a.X.Add(&a.X, &one)
	}
}

func TestMilagroErrors(t *testing.T) {
	g1 := G1Generator().MilagroBytes()
	g2 := G2Generator().MilagroBytes()
	p := ModulusFp().FillBytes(make([]byte, FpBytes))
	with := func(b []byte, off int, v []byte) []byte {
		c := append([]byte(nil), b...)
		copy(c[off:], v)
		return c
	}
	flip := func(b []byte, off int) []byte {
		c := append([]byte(nil), b...)
		c[off] ^= 1
		return c
	}
	out1 := curvePointOutsideG1(t)
	out2 := twistPointOutsideG2(t)
	g1Cases := []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, ErrLength},
		{"Zcash length", g1[1:], ErrLength},
		{"prefix 0x00", with(g1, 0, []byte{0}), ErrNonCanonical},
		{"prefix 0x03 uncompressed", with(g1, 0, []byte{3}), ErrNonCanonical},
		{"x = p", with(g1, 1, p), ErrNonCanonical},
		{"y = p", with(g1, 1+FpBytes, p), ErrNonCanonical},
		{"identity", append([]byte{4}, make([]byte, 2*FpBytes)...), ErrIdentity},
		{"not on curve", flip(g1, MilagroG1Bytes-1), ErrNotOnCurve},
		{"not in subgroup", out1.MilagroBytes(), ErrNotInSubgroup},
		{"compressed not in subgroup", milagroCompressed(out1), ErrNotInSubgroup},
		{"compressed prefix 0x04", append([]byte{4}, g1[1:1+FpBytes]...), ErrNonCanonical},
		{"compressed x = p", append([]byte{2}, p...), ErrNonCanonical},
	}
	for _, tc := range g1Cases {
		q := G1Generator()
		r, err := q.SetMilagroBytes(tc.in)
		if !errors.Is(err, tc.want) || r != nil {
			t.Errorf("G1 %s: got (%v, %v), want %v", tc.name, r, err, tc.want)
		}
		if q.Equal(G1Generator()) != 1 {
			t.Errorf("G1 %s: receiver modified on error", tc.name)
		}
	}
	g2Cases := []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, ErrLength},
		{"short", g2[:MilagroG2Bytes-1], ErrLength},
		{"x.a = p", with(g2, 0, p), ErrNonCanonical},
		{"y.b = p", with(g2, 3*FpBytes, p), ErrNonCanonical},
		{"identity", make([]byte, MilagroG2Bytes), ErrIdentity},
		{"not on curve", flip(g2, MilagroG2Bytes-1), ErrNotOnCurve},
		{"not in subgroup", out2.MilagroBytes(), ErrNotInSubgroup},
	}
	for _, tc := range g2Cases {
		q := G2Generator()
		r, err := q.SetMilagroBytes(tc.in)
		if !errors.Is(err, tc.want) || r != nil {
			t.Errorf("G2 %s: got (%v, %v), want %v", tc.name, r, err, tc.want)
		}
		if q.Equal(G2Generator()) != 1 {
			t.Errorf("G2 %s: receiver modified on error", tc.name)
		}
	}
	var o1 G1
	var o2 G2
	o1.SetIdentity()
	o2.SetIdentity()
	if _, err := new(G1).SetMilagroBytes(o1.MilagroBytes()); !errors.Is(err, ErrIdentity) {
		t.Errorf("G1 identity: err = %v", err)
	}
	if _, err := new(G2).SetMilagroBytes(o2.MilagroBytes()); !errors.Is(err, ErrIdentity) {
		t.Errorf("G2 identity: err = %v", err)
	}
}

func FuzzSetMilagroBytesG1(f *testing.F) {
	g := G1Generator()
	f.Add(g.MilagroBytes())
	f.Add(milagroCompressed(g))
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

func TestLegacyHashBLS(t *testing.T) {
	msg := []byte("alice@example.com")
	d := sha256.Sum256(msg)
	want := append(make([]byte, 16), d[:]...)
	if got := LegacyHashID(msg); !bytes.Equal(got, want) {
		t.Errorf("LegacyHashID = %x, want %x", got, want)
	}
	d = sha256.Sum256(append([]byte{0, 0, 0x40, 0xBE}, msg...))
	want = append(make([]byte, 16), d[:]...)
	if got := LegacyHash(16574, msg); !bytes.Equal(got, want) {
		t.Errorf("LegacyHash(16574) = %x, want %x", got, want)
	}
}

func TestLegacyMapToG1VarTimeBLS(t *testing.T) {
	if _, err := LegacyMapToG1VarTime(make([]byte, LegacyModBytes-1)); !errors.Is(err, ErrLength) {
		t.Errorf("short input: err = %v", err)
	}
	rapid.Check(t, func(t *rapid.T) {
		h := rapid.SliceOfN(rapid.Byte(), LegacyModBytes, LegacyModBytes).Draw(t, "h")
		p, err := LegacyMapToG1VarTime(h)
		if err != nil {
			t.Fatal(err)
		}
		if p.IsOnCurve() != 1 || p.IsIdentity() == 1 || p.IsInSubgroup() != 1 {
			t.Fatal("not a point of G1")
		}
	})
}
