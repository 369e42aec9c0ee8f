package mpin

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"testing"

	"github.com/mpinkit/mpinkit/pairing"
	"github.com/mpinkit/mpinkit/pairing/bls12381"
	"github.com/mpinkit/mpinkit/pairing/bn254"
)

func forEachProfile(t *testing.T, f func(t *testing.T, p *Profile)) {
	for _, p := range Profiles() {
		t.Run(p.Name(), func(t *testing.T) {
			t.Parallel()
			f(t, p)
		})
	}
}

func TestProfiles(t *testing.T) {
	want := []string{
		"MPIN-BN254CX-SHA256-MILAGRO", "MPIN-BLS12381-SHA256-MILAGRO",
		"MPIN-BLS12381-SHA256-MODERN", "MPIN-BN254CX-SHA256-MODERN",
	}
	ps := Profiles()
	if len(ps) != len(want) {
		t.Fatalf("%d profiles", len(ps))
	}
	sizes := map[string][4]int{ // G1, G2, scalar, hashed ID
		BN254CXMilagro:  {65, 128, 32, 32},
		BLS12381Milagro: {97, 192, 48, 48},
		BLS12381Modern:  {97, 193, 48, 97},
		BN254CXModern:   {65, 129, 32, 65},
	}
	for i, p := range ps {
		if p.Name() != want[i] || p.String() != want[i] {
			t.Errorf("profile %d is %s, want %s", i, p.Name(), want[i])
		}
		q, err := Lookup(want[i])
		if err != nil || q != p {
			t.Errorf("Lookup(%s) = %v, %v", want[i], q, err)
		}
		s := sizes[p.Name()]
		if got := [4]int{p.G1Size(), p.G2Size(), p.ScalarSize(), p.HashedIDSize()}; got != s {
			t.Errorf("%s sizes %v, want %v", p.Name(), got, s)
		}
		if p.Modern() != (i >= 2) {
			t.Errorf("%s: Modern() = %v", p.Name(), p.Modern())
		}
	}
	for _, name := range []string{"", "MPIN", "MPIN-BN254-SHA256-MILAGRO", "MPIN-BN254CX-SHA512-MILAGRO", "MPIN-BN254CX-SHA256-OTHER", "mpin-bn254cx-sha256-milagro"} {
		if _, err := Lookup(name); !errors.Is(err, ErrUnknownProfile) {
			t.Errorf("Lookup(%q): %v", name, err)
		}
	}
	if _, err := NewProfile(BN254CXMilagro, bls12381.Suite()); !errors.Is(err, ErrUnknownProfile) {
		t.Errorf("NewProfile with the wrong curve: %v", err)
	}
	if _, err := NewProfile(BN254CXMilagro, nil); !errors.Is(err, ErrUnknownProfile) {
		t.Errorf("NewProfile with no suite: %v", err)
	}
	if p, err := NewProfile(BN254CXModern, bn254.Suite()); err != nil || p.Name() != BN254CXModern {
		t.Errorf("NewProfile: %v", err)
	}
}

func TestEncodingsRoundTrip(t *testing.T) {
	forEachProfile(t, func(t *testing.T, p *Profile) {
		rng := seeded(1)
		s := p.suite
		for range 8 {
			k, _ := s.RandomScalar(rng)
			a := s.NewG1().ScalarMult(k, s.G1Generator())
			b := p.EncodeG1(a)
			if len(b) != p.G1Size() || b[0] != 4 {
				t.Fatalf("G1 encoding %x", b)
			}
			d, err := p.DecodeG1(b)
			if err != nil || !d.Equal(a) {
				t.Fatalf("G1 round trip: %v", err)
			}
			// Compressed forms are not part of any suite's wire format
			// (REQ-MPIN-12.2, 14.3), not even Milagro's decoder-only one.
			x, y, _ := a.Coordinates()
			c := append([]byte{2 | y[len(y)-1]&1}, x...)
			if _, err := p.DecodeG1(c); !errors.Is(err, ErrNonCanonical) {
				t.Fatalf("compressed G1 accepted: %v", err)
			}
			q := s.NewG2().ScalarMult(k, s.G2Generator())
			e := p.EncodeG2(q)
			if len(e) != p.G2Size() {
				t.Fatalf("G2 encoding length %d", len(e))
			}
			x0, x1, _, _, _ := q.Coordinates()
			if p.modern && (e[0] != 4 || !bytes.Equal(e[1:1+p.fb], x1) || !bytes.Equal(e[1+p.fb:1+2*p.fb], x0)) {
				t.Fatalf("modern G2 layout")
			}
			if !p.modern && !bytes.Equal(e[:p.fb], x0) {
				t.Fatalf("Milagro G2 layout")
			}
			dq, err := p.DecodeG2(e)
			if err != nil || !dq.Equal(q) {
				t.Fatalf("G2 round trip: %v", err)
			}
			ks := p.EncodeScalar(k)
			if len(ks) != p.ScalarSize() {
				t.Fatalf("scalar length %d", len(ks))
			}
			dk, err := p.DecodeScalar(ks)
			if err != nil || !dk.Equal(k) {
				t.Fatalf("scalar round trip: %v", err)
			}
		}
		// The identity is written with zero coordinates and refused.
		if _, err := p.DecodeG1(p.EncodeG1(s.NewG1())); !errors.Is(err, ErrIdentity) {
			t.Errorf("G1 identity: %v", err)
		}
		if _, err := p.DecodeG2(p.EncodeG2(s.NewG2())); !errors.Is(err, ErrIdentity) {
			t.Errorf("G2 identity: %v", err)
		}
	})
}

func TestDecodersReject(t *testing.T) {
	forEachProfile(t, func(t *testing.T, p *Profile) {
		for name, c := range badG1(t, p) {
			_, err := p.DecodeG1(c.b)
			if !errors.Is(err, c.want) || !typed(err) {
				t.Errorf("G1 %s: %v, want %v", name, err, c.want)
			}
			if c.want == ErrInvalidPoint && !errors.Is(err, pairing.ErrInvalidPoint) {
				t.Errorf("G1 %s: %v does not wrap the pairing error", name, err)
			}
		}
		for name, c := range badG2(t, p) {
			if _, err := p.DecodeG2(c.b); !errors.Is(err, c.want) || !typed(err) {
				t.Errorf("G2 %s: %v, want %v", name, err, c.want)
			}
		}
		for name, c := range badScalars(p) {
			if _, err := p.DecodeScalar(c.b); !errors.Is(err, c.want) || !typed(err) {
				t.Errorf("scalar %s: %v, want %v", name, err, c.want)
			}
		}
	})
}

func TestTwoPass(t *testing.T) {
	forEachProfile(t, func(t *testing.T, p *Profile) {
		rng := seeded(2)
		auth := newAuthority(t, p, rng, 3)
		id := []byte("alice@example.org")
		c := auth.register(t, id, 1234)
		for _, permits := range []bool{false, true} {
			s := auth.server(t, ServerConfig{TimePermits: permits})
			var tp *TimePermit
			if permits {
				tp = auth.permit(t, id, testDay)
			}
			if err := login(t, rng, c, s, 1234, tp, testNow); err != nil {
				t.Errorf("permits %v: correct PIN rejected: %v", permits, err)
			}
			// PINs are reduced mod 10000.
			if err := login(t, rng, c, s, 11234, tp, testNow); err != nil {
				t.Errorf("permits %v: PIN + 10000 rejected: %v", permits, err)
			}
			for _, pin := range []int{1235, 1233, 0, 9999, 6234} {
				err := login(t, rng, c, s, pin, tp, testNow)
				var wp *WrongPINError
				if !errors.As(err, &wp) || !errors.Is(err, ErrBadPIN) || wp.Delta != pin-1234 {
					t.Errorf("permits %v: PIN %d: %v, want wrong PIN by %d", permits, pin, err, pin-1234)
				}
			}
		}
	})
}

func TestWrongPINExtremes(t *testing.T) {
	p := mustLookup(t, BLS12381Modern)
	rng := seeded(3)
	auth := newAuthority(t, p, rng, 1)
	s := auth.server(t, ServerConfig{})
	for _, c := range []struct{ reg, entered int }{{0, 9999}, {9999, 0}, {5000, 4999}, {1, 0}} {
		cl := auth.register(t, []byte("bob"), c.reg)
		err := login(t, rng, cl, s, c.entered, nil, testNow)
		var wp *WrongPINError
		if !errors.As(err, &wp) || wp.Delta != c.entered-c.reg {
			t.Errorf("%+v: %v", c, err)
		}
		// The text leaves delta out, so that logs do not carry it.
		if wp != nil && (wp.Error() != "mpin: wrong PIN" || ErrorName(err) != "BAD_PIN") {
			t.Errorf("message %q, name %s", wp.Error(), ErrorName(err))
		}
	}
}

func TestNotAClient(t *testing.T) {
	forEachProfile(t, func(t *testing.T, p *Profile) {
		rng := seeded(4)
		auth := newAuthority(t, p, rng, 2)
		other := newAuthority(t, p, rng, 2)
		s := auth.server(t, ServerConfig{})
		id := []byte("carol")
		// A secret from another authority.
		c := other.register(t, id, 42)
		if err := login(t, rng, c, s, 42, nil, testNow); !errors.Is(err, ErrNotAClient) {
			t.Errorf("foreign client: %v", err)
		}
		// A forged token: a random point.
		k, _ := p.suite.RandomScalar(rng)
		forged, err := p.NewClient(id, p.EncodeG1(p.suite.NewG1().ScalarMult(k, p.suite.G1Generator())))
		if err != nil {
			t.Fatal(err)
		}
		if err := login(t, rng, forged, s, 42, nil, testNow); !errors.Is(err, ErrNotAClient) {
			t.Errorf("forged token: %v", err)
		}
		// Another identity's token under this identity.
		stolen := auth.register(t, []byte("dave"), 42)
		c2, err := p.NewClient(id, p.EncodeG1(stolen.token))
		if err != nil {
			t.Fatal(err)
		}
		if err := login(t, rng, c2, s, 42, nil, testNow); !errors.Is(err, ErrNotAClient) {
			t.Errorf("token of another identity: %v", err)
		}
	})
}

func TestTimePermitPolicy(t *testing.T) {
	forEachProfile(t, func(t *testing.T, p *Profile) {
		rng := seeded(5)
		auth := newAuthority(t, p, rng, 2)
		id := []byte("erin")
		c := auth.register(t, id, 7)
		today, yesterday, tomorrow := auth.permit(t, id, testDay), auth.permit(t, id, testDay-1), auth.permit(t, id, testDay+1)
		midnight := int64(testDay) * SecondsPerDay
		strict := auth.server(t, ServerConfig{TimePermits: true})
		grace := auth.server(t, ServerConfig{TimePermits: true, PermitGrace: 3600})
		plain := auth.server(t, ServerConfig{})
		unstated := func(m *Pass1) { m.Day = 0 }
		cases := []struct {
			name   string
			s      *Server
			permit *TimePermit
			edit   func(m *Pass1)
			now    int64
			want   error
		}{
			{"today", strict, today, nil, testNow, nil},
			{"today at 00:00:00", strict, today, nil, midnight, nil},
			{"today at 23:59:59", strict, today, nil, midnight + SecondsPerDay - 1, nil},
			{"yesterday, no grace", strict, yesterday, nil, midnight + 10, ErrExpiredPermit},
			{"yesterday within grace", grace, yesterday, nil, midnight + 3599, nil},
			{"yesterday after grace", grace, yesterday, nil, midnight + 3600, ErrExpiredPermit},
			{"two days old within grace", grace, auth.permit(t, id, testDay-2), nil, midnight + 10, ErrExpiredPermit},
			{"tomorrow", grace, tomorrow, nil, testNow, ErrWrongDay},
			{"no permit to a permit server", strict, nil, nil, testNow, ErrExpiredPermit},
			{"negative server time", strict, today, nil, -1, ErrInvalidArgument},
			{"negative day", strict, today, func(m *Pass1) { m.Day = -5 }, testNow, ErrInvalidArgument},
			{"yesterday's permit relabelled as today's", strict, &TimePermit{Day: testDay, Point: yesterday.Point}, nil, testNow, ErrNotAClient},
			// A server without permits ignores UT and Day; the client's
			// secret then carries a permit the check does not expect.
			{"permit to a server without permits", plain, today, nil, testNow, ErrNotAClient},
			{"permit day to a server without permits", plain, nil, func(m *Pass1) { m.Day = -3; m.UT = []byte{1} }, testNow, nil},
			// Day not stated: today, then yesterday within the grace.
			{"unstated, today", strict, today, unstated, testNow, nil},
			{"unstated, yesterday within grace", grace, yesterday, unstated, midnight + 100, nil},
			{"unstated, yesterday after grace", grace, yesterday, unstated, midnight + 3600, ErrNotAClient},
			{"unstated, yesterday, no grace", strict, yesterday, unstated, midnight + 100, ErrNotAClient},
		}
		for _, tc := range cases {
			sess, err := c.Pass1(rng, 7, tc.permit)
			if err != nil {
				t.Fatal(err)
			}
			m := sess.Message()
			if tc.edit != nil {
				tc.edit(m)
			}
			y, _ := tc.s.Challenge(rng)
			v, err := sess.Pass2(y)
			if err != nil {
				t.Fatal(err)
			}
			err = tc.s.Verify(tc.now, m, y, v)
			if (tc.want == nil) != (err == nil) || (tc.want != nil && !errors.Is(err, tc.want)) || (err != nil && !typed(err)) {
				t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
			}
			if vErr := tc.s.ValidatePass1(tc.now, m); tc.want != ErrNotAClient && (tc.want == nil) != (vErr == nil) {
				t.Errorf("%s: ValidatePass1 %v, want %v", tc.name, vErr, tc.want)
			}
		}
		// Wrong PIN with a permit: the permit does not disturb the diagnosis.
		var wp *WrongPINError
		if err := login(t, rng, c, strict, 8, today, testNow); !errors.As(err, &wp) || wp.Delta != 1 {
			t.Errorf("wrong PIN with permit: %v", err)
		}
		// Client-side and authority-side day checks.
		days := []int{0, -1}
		if strconv.IntSize == 64 {
			big := int64(1) << 31 // too large for be32 day hashing
			days = append(days, int(big))
		}
		for _, d := range days {
			if _, err := c.Pass1(rng, 7, &TimePermit{Day: d, Point: today.Point}); !errors.Is(err, ErrInvalidDay) {
				t.Errorf("client permit day %d: %v", d, err)
			}
			if _, err := p.TimePermitShare(auth.masters[0], c.hashedID, d); !errors.Is(err, ErrInvalidDay) {
				t.Errorf("permit share day %d: %v", d, err)
			}
			if _, err := p.PermitPoint(c.hashedID, d); !errors.Is(err, ErrInvalidArgument) {
				t.Errorf("permit point day %d: %v", d, err)
			}
		}
		if _, err := c.Pass1(rng, 7, &TimePermit{Day: testDay, Point: p.EncodeG1(p.suite.NewG1())}); !errors.Is(err, ErrIdentity) {
			t.Errorf("identity permit: %v", err)
		}
		// The permit point the authority uses is the one PermitPoint gives.
		pt, err := p.PermitPoint(c.hashedID, testDay)
		if err != nil {
			t.Fatal(err)
		}
		at, _ := p.permitPoint(c.hashedID, testDay)
		if !bytes.Equal(pt, p.EncodeG1(at)) {
			t.Error("PermitPoint")
		}
	})
}

func TestServerConfig(t *testing.T) {
	p := mustLookup(t, BN254CXMilagro)
	auth := newAuthority(t, p, seeded(6), 1)
	for _, cfg := range []ServerConfig{{PermitGrace: -1}, {PermitGrace: SecondsPerDay}, {OnePassWindow: -5}} {
		if _, err := p.NewServer(auth.serverSecret, cfg); !errors.Is(err, ErrInvalidConfig) {
			t.Errorf("%+v: %v", cfg, err)
		}
	}
	s := auth.server(t, ServerConfig{})
	if s.cfg.OnePassWindow != DefaultOnePassWindow || s.Profile() != p {
		t.Errorf("defaults: %+v", s.cfg)
	}
	for name, c := range badG2(t, p) {
		if _, err := p.NewServer(c.b, ServerConfig{}); !errors.Is(err, c.want) {
			t.Errorf("server secret %s: %v", name, err)
		}
	}
	for _, err := range []error{ErrInvalidConfig, ErrInvalidPIN, ErrInvalidFactor, ErrNoShares, ErrInvalidDay, ErrInvalidTime} {
		if !errors.Is(err, ErrInvalidArgument) || ErrorName(err) != "INVALID_ARGUMENT" {
			t.Errorf("%v is not an ErrInvalidArgument", err)
		}
	}
}

// TestInvalidInputs feeds every invalid input class to the server and the
// client and checks the typed error.
func TestInvalidInputs(t *testing.T) {
	forEachProfile(t, func(t *testing.T, p *Profile) {
		rng := seeded(7)
		auth := newAuthority(t, p, rng, 2)
		id := []byte("frank")
		c := auth.register(t, id, 99)
		tp := auth.permit(t, id, testDay)
		s := auth.server(t, ServerConfig{TimePermits: true})
		sess, err := c.Pass1(rng, 99, tp)
		if err != nil {
			t.Fatal(err)
		}
		m := sess.Message()
		y, _ := s.Challenge(rng)
		v, err := sess.Pass2(y)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Verify(testNow, m, y, v); err != nil {
			t.Fatalf("valid run: %v", err)
		}
		withMsg := func(f func(m *Pass1)) *Pass1 {
			c := *m
			f(&c)
			return &c
		}
		wantErr := func(name string, err, want error) {
			t.Helper()
			if !errors.Is(err, want) || !typed(err) {
				t.Errorf("%s: %v, want %v", name, err, want)
			}
		}
		for name, bc := range badG1(t, p) {
			b, want := bc.b, bc.want
			wantErr("U "+name, s.Verify(testNow, withMsg(func(m *Pass1) { m.U = b }), y, v), want)
			if len(b) != 0 { // an empty UT means no permit
				wantErr("UT "+name, s.Verify(testNow, withMsg(func(m *Pass1) { m.UT = b }), y, v), want)
			}
			wantErr("V "+name, s.Verify(testNow, m, y, b), want)
			wantErr("token "+name, func() error { _, err := p.NewClient(id, b); return err }(), want)
			wantErr("permit "+name, func() error { _, err := c.Pass1(rng, 99, &TimePermit{Day: testDay, Point: b}); return err }(), want)
			wantErr("share "+name, func() error { _, err := p.RecombineG1(b); return err }(), want)
			wantErr("secret "+name, func() error { _, err := p.ExtractPIN(b, id, 1); return err }(), want)
			if p.modern && len(b) == p.G1Size() { // the modern hashed identity is a G1 encoding
				wantErr("hashed ID "+name, func() error { _, err := p.ClientSecretShare(auth.masters[0], b); return err }(), want)
			}
		}
		for name, bc := range badScalars(p) {
			b, want := bc.b, bc.want
			wantErr("y "+name, s.Verify(testNow, m, b, v), want)
			wantErr("x "+name, func() error { _, err := c.Pass1WithX(b, 99, tp); return err }(), want)
			wantErr("master share "+name, func() error { _, err := p.ServerSecretShare(b); return err }(), want)
			s2, _ := c.Pass1(rng, 99, tp)
			wantErr("client y "+name, func() error { _, err := s2.Pass2(b); return err }(), want)
		}
		// x + y = 0: refused by the client (INVALID_SCALAR), and by the
		// server, where it shows as U* + y H* = O (IDENTITY_POINT).
		x, _ := p.suite.RandomScalar(rng)
		negX := p.EncodeScalar(p.suite.NewScalar().Neg(x))
		s3, err := c.Pass1WithX(p.EncodeScalar(x), 99, tp)
		if err != nil {
			t.Fatal(err)
		}
		_, err = s3.Pass2(negX)
		wantErr("client x + y = 0", err, ErrInvalidScalar)
		wantErr("server x + y = 0", s.Verify(testNow, s3.Message(), negX, v), ErrIdentity)
		// A session answers once.
		if _, err := s3.Pass2(y); err != nil {
			t.Fatal(err)
		}
		_, err = s3.Pass2(y)
		wantErr("second answer", err, ErrReplay)
		// Message structure.
		wantErr("nil message", s.Verify(testNow, nil, y, v), ErrInvalidArgument)
		wantErr("no identity", s.Verify(testNow, withMsg(func(m *Pass1) { m.ID = nil }), y, v), ErrInvalidArgument)
		wantErr("day without UT", s.Verify(testNow, withMsg(func(m *Pass1) { m.UT = nil }), y, v), ErrExpiredPermit)
		wantErr("no permit", s.Verify(testNow, withMsg(func(m *Pass1) { m.UT, m.Day = nil, 0 }), y, v), ErrExpiredPermit)
		if err := s.Verify(testNow, withMsg(func(m *Pass1) { m.Day = 0 }), y, v); err != nil {
			t.Errorf("unstated day: %v", err)
		}
		// Tampered messages fail the check.
		k, _ := p.suite.RandomScalar(rng)
		other := p.EncodeG1(p.suite.NewG1().ScalarMult(k, p.suite.G1Generator()))
		wantErr("other identity", s.Verify(testNow, withMsg(func(m *Pass1) { m.ID = []byte("frank2") }), y, v), ErrNotAClient)
		wantErr("other UT", s.Verify(testNow, withMsg(func(m *Pass1) { m.UT = other }), y, v), ErrNotAClient)
		wantErr("other V", s.Verify(testNow, m, y, other), ErrNotAClient)
		y2, _ := s.Challenge(rng)
		wantErr("other y", s.Verify(testNow, m, y2, v), ErrNotAClient)
		// Client and authority inputs.
		_, err = p.NewClient(nil, p.EncodeG1(c.token))
		wantErr("client without identity", err, ErrInvalidArgument)
		_, err = c.Pass1(rng, -1, tp)
		wantErr("negative PIN", err, ErrInvalidPIN)
		_, err = p.ClientSecretShare(auth.masters[0], []byte("short"))
		wantErr("hashed ID length", err, ErrNonCanonical)
		if !p.modern && p.fb > 32 {
			hid := append([]byte{1}, make([]byte, p.fb-1)...)
			_, err = p.ClientSecretShare(auth.masters[0], hid)
			wantErr("hashed ID padding", err, ErrNonCanonical)
		}
		_, err = p.RecombineG1()
		wantErr("no G1 shares", err, ErrNoShares)
		_, err = p.RecombineG2()
		wantErr("no G2 shares", err, ErrInvalidArgument)
		_, err = p.RecombineG2(auth.serverShares[0], p.EncodeG2(p.suite.NewG2().Neg(mustG2(t, p, auth.serverShares[0]))))
		wantErr("G2 shares summing to zero", err, ErrIdentity)
		cs := auth.clientSecret(t, id)
		_, err = p.RecombineG1(cs, p.EncodeG1(p.suite.NewG1().Neg(mustG1(t, p, cs))))
		wantErr("G1 shares summing to zero", err, ErrIdentity)
		// A client secret equal to pin A gives a token at infinity.
		a, _ := p.mapID(id)
		_, err = p.ExtractPIN(p.EncodeG1(p.suite.NewG1().ScalarMult(p.suite.NewScalar().SetUint64(42), a)), id, 10042)
		wantErr("token at infinity", err, ErrIdentity)
		_, err = p.OnePassChallenge(0, m.U, m.UT, nil)
		wantErr("time value 0", err, ErrInvalidTime)
	})
}

func mustG1(t tb, p *Profile, b []byte) pairing.G1 {
	t.Helper()
	a, err := p.DecodeG1(b)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func mustG2(t tb, p *Profile, b []byte) pairing.G2 {
	t.Helper()
	q, err := p.DecodeG2(b)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func TestFactors(t *testing.T) {
	forEachProfile(t, func(t *testing.T, p *Profile) {
		rng := seeded(8)
		auth := newAuthority(t, p, rng, 1)
		id := []byte("grace")
		cs := auth.clientSecret(t, id)
		// Three factors: PIN, then a 32-bit device factor.
		t1, err := p.ExtractPIN(cs, id, 4321)
		if err != nil {
			t.Fatal(err)
		}
		t2, err := p.ExtractFactor(t1, id, 0xdeadbeef, 32)
		if err != nil {
			t.Fatal(err)
		}
		r1, err := p.RestoreFactor(t2, id, 0xdeadbeef, 32)
		if err != nil || !bytes.Equal(r1, t1) {
			t.Fatalf("RestoreFactor: %v", err)
		}
		r2, err := p.RestorePIN(r1, id, 14321)
		if err != nil || !bytes.Equal(r2, cs) {
			t.Fatalf("RestorePIN: %v", err)
		}
		// The PIN factor is ExtractFactor with 14 bits.
		t3, err := p.ExtractFactor(cs, id, 4321, PINBits)
		if err != nil || !bytes.Equal(t3, t1) {
			t.Fatalf("ExtractFactor(PIN): %v", err)
		}
		if m, err := p.ExtractFactor(cs, id, 1<<32-1, 32); err != nil || bytes.Equal(m, cs) {
			t.Fatalf("32-bit factor: %v", err)
		}
		for _, bad := range []struct {
			f    uint64
			bits int
		}{{1 << 14, 14}, {1, 0}, {1, 33}, {2, 1}, {1 << 32, 32}} {
			if _, err := p.ExtractFactor(cs, id, bad.f, bad.bits); !errors.Is(err, ErrInvalidFactor) {
				t.Errorf("factor %+v: %v", bad, err)
			}
			if _, err := p.RestoreFactor(cs, id, bad.f, bad.bits); !errors.Is(err, ErrInvalidFactor) {
				t.Errorf("restore factor %+v: %v", bad, err)
			}
		}
		if _, err := p.ExtractPIN(cs, id, -5); !errors.Is(err, ErrInvalidPIN) {
			t.Errorf("negative PIN: %v", err)
		}
		if _, err := p.RestorePIN(cs, id, -5); !errors.Is(err, ErrInvalidPIN) {
			t.Errorf("negative PIN: %v", err)
		}
		if _, err := p.ExtractPIN(cs, nil, 5); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("no identity: %v", err)
		}
		// Large PINs are reduced mod 10000.
		a, _ := p.ExtractPIN(cs, id, 1<<31-1)
		b, _ := p.ExtractPIN(cs, id, (1<<31-1)%MaxPIN)
		if !bytes.Equal(a, b) {
			t.Error("PIN 2^31-1 not reduced mod 10000")
		}
	})
}

func TestOnePass(t *testing.T) {
	forEachProfile(t, func(t *testing.T, p *Profile) {
		rng := seeded(9)
		auth := newAuthority(t, p, rng, 2)
		id := []byte("heidi")
		c := auth.register(t, id, 2024)
		for _, permits := range []bool{false, true} {
			var tp *TimePermit
			if permits {
				tp = auth.permit(t, id, testDay)
			}
			s := auth.server(t, ServerConfig{TimePermits: permits, OnePassWindow: 30})
			msg := []byte("transfer 10 EUR")
			op, err := c.OnePass(rng, 2024, tp, testNow, msg)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.VerifyOnePass(testNow, op); err != nil {
				t.Errorf("permits %v: valid one-pass: %v", permits, err)
			}
			for _, d := range []int64{-30, 30, 1} {
				if err := s.VerifyOnePass(testNow+d, op); err != nil {
					t.Errorf("permits %v: %+d s inside the window: %v", permits, d, err)
				}
			}
			for _, d := range []int64{-31, 31, 3600} {
				if err := s.VerifyOnePass(testNow+d, op); !errors.Is(err, ErrStale) {
					t.Errorf("permits %v: %+d s outside the window: %v", permits, d, err)
				}
			}
			tampered := *op
			tampered.Message = []byte("transfer 99 EUR")
			if err := s.VerifyOnePass(testNow, &tampered); !errors.Is(err, ErrNotAClient) {
				t.Errorf("tampered message: %v", err)
			}
			tampered = *op
			tampered.TimeValue++
			if err := s.VerifyOnePass(testNow, &tampered); !errors.Is(err, ErrNotAClient) {
				t.Errorf("tampered time: %v", err)
			}
			// A wrong PIN is diagnosed in one-pass too.
			bad, err := c.OnePass(rng, 2025, tp, testNow, nil)
			if err != nil {
				t.Fatal(err)
			}
			var wp *WrongPINError
			if err := s.VerifyOnePass(testNow, bad); !errors.As(err, &wp) || wp.Delta != 1 {
				t.Errorf("one-pass wrong PIN: %v", err)
			}
			// The challenge follows the documented formula.
			y, err := p.OnePassChallenge(op.TimeValue, op.U, op.UT, op.Message)
			if err != nil {
				t.Fatal(err)
			}
			if want := referenceChallenge(p, op); !bytes.Equal(y, want) {
				t.Errorf("challenge %x, want %x", y, want)
			}
		}
		s := auth.server(t, ServerConfig{})
		if err := s.VerifyOnePass(testNow, nil); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("nil: %v", err)
		}
		if err := s.VerifyOnePass(-1, &OnePass{Pass1: Pass1{ID: []byte("x")}, TimeValue: 5}); !errors.Is(err, ErrInvalidTime) {
			t.Errorf("negative now: %v", err)
		}
		for _, tv := range []int64{0, -1, 1 << 31} {
			if _, err := c.OnePass(rng, 2024, nil, tv, nil); !errors.Is(err, ErrInvalidTime) {
				t.Errorf("time value %d: %v", tv, err)
			}
			if err := s.VerifyOnePass(testNow, &OnePass{Pass1: Pass1{ID: []byte("x")}, TimeValue: tv}); !errors.Is(err, ErrInvalidTime) {
				t.Errorf("server, time value %d: %v", tv, err)
			}
		}
		// An absent and an empty message give the same challenge.
		op, err := c.OnePass(rng, 2024, nil, testNow, nil)
		if err != nil {
			t.Fatal(err)
		}
		op.Message = []byte{}
		if err := s.VerifyOnePass(testNow, op); err != nil {
			t.Errorf("empty message for an absent one: %v", err)
		}
	})
}

// referenceChallenge recomputes the one-pass challenge from the formula of
// the package documentation with math/big: SHA-256(be32(TV) || U* || M)
// mod r.
func referenceChallenge(p *Profile, m *OnePass) []byte {
	h := sha256.New()
	binary.Write(h, binary.BigEndian, uint32(m.TimeValue))
	if m.UT != nil {
		h.Write(m.UT)
	} else {
		h.Write(m.U)
	}
	h.Write(m.Message)
	digest := h.Sum(nil)
	r := orderOf(p)
	y := new(big.Int).Mod(new(big.Int).SetBytes(digest), r)
	return y.FillBytes(make([]byte, p.ScalarSize()))
}

// orderOf returns the group order r of the profile's suite.
func orderOf(p *Profile) *big.Int {
	s := p.suite
	rm1 := new(big.Int).SetBytes(s.NewScalar().Neg(s.NewScalar().SetUint64(1)).Bytes())
	return rm1.Add(rm1, big.NewInt(1))
}

func TestExpandMessageXMD(t *testing.T) {
	// RFC 9380, appendix K.1.
	dst := []byte("QUUX-V01-CS02-with-expander-SHA256-128")
	for _, tc := range []struct {
		msg  string
		n    int
		want string
	}{
		{"", 0x20, "68a985b87eb6b46952128911f2a4412bbc302a9d759667f87f7a21d803f07235"},
		{"abc", 0x20, "d8ccab23b5985ccea865c6c97b6e5b8350e794e603b4b97902f53a8a0d605615"},
	} {
		got := fmt.Sprintf("%x", expandMessageXMD(dst, tc.n, []byte(tc.msg)))
		if got != tc.want {
			t.Errorf("%q: %s, want %s", tc.msg, got, tc.want)
		}
	}
}

func TestTraceFp4(t *testing.T) {
	forEachProfile(t, func(t *testing.T, p *Profile) {
		rng := seeded(10)
		k, _ := p.suite.RandomScalar(rng)
		g, err := p.suite.Pair(p.suite.NewG1().ScalarMult(k, p.suite.G1Generator()), p.q)
		if err != nil {
			t.Fatal(err)
		}
		c := g.Coefficients()
		tr := p.traceFp4(g)
		for i, j := range []int{0, 1, 8, 9} {
			want := new(big.Int).Mul(bigOf(c[j]), big.NewInt(3))
			want.Mod(want, p.c.p)
			if bigOf(tr[i]).Cmp(want) != 0 || len(tr[i]) != p.fb {
				t.Errorf("trace part %d", i)
			}
		}
		// Edge values of 3c mod p.
		pm1 := new(big.Int).Sub(p.c.p, big.NewInt(1))
		for _, v := range []*big.Int{big.NewInt(0), big.NewInt(1), pm1, new(big.Int).Div(p.c.p, big.NewInt(3)), new(big.Int).Add(new(big.Int).Div(p.c.p, big.NewInt(3)), big.NewInt(1))} {
			got := bigOf(tripleModP(v.FillBytes(make([]byte, p.fb)), p.pBytes))
			want := new(big.Int).Mod(new(big.Int).Mul(v, big.NewInt(3)), p.c.p)
			if got.Cmp(want) != 0 {
				t.Errorf("3 * %x mod p = %x, want %x", v, got, want)
			}
		}
	})
}
