package mpin

import (
	"bytes"
	"errors"
	"sync"
	"testing"
)

// Fuzz targets for every decoder and every server-side entry point. The
// first argument of each selects the profile (mod 4). Properties: no
// panic; every error matches a sentinel; what decodes re-encodes to
// itself; the untouched seed transcripts verify.

// fuzzFixture is a valid run per profile, with and without a permit.
type fuzzFixture struct {
	p      *Profile
	auth   *authority
	client *Client
	id     []byte
	permit *TimePermit
	// servers[0] has no permits, servers[1] requires them.
	servers [2]*Server
	// two-pass runs without and with a permit
	m    [2]*Pass1
	y, v [2][]byte
	// one-pass run with a permit
	one *OnePass
	// M-Pin Full run with a permit
	fm                 *Pass1
	fr, fy, fw, fv, fW []byte
}

var (
	fuzzOnce     sync.Once
	fuzzFixtures []*fuzzFixture
)

func fixtures(t tb) []*fuzzFixture {
	fuzzOnce.Do(func() {
		for i, p := range Profiles() {
			rng := seeded(uint64(100 + i))
			f := &fuzzFixture{p: p, id: []byte("fuzz@example.org")}
			f.auth = newAuthority(t, p, rng, 2)
			f.client = f.auth.register(t, f.id, 1357)
			f.permit = f.auth.permit(t, f.id, testDay)
			f.servers[0] = f.auth.server(t, ServerConfig{})
			f.servers[1] = f.auth.server(t, ServerConfig{TimePermits: true, PermitGrace: 600})
			for k, tp := range []*TimePermit{nil, f.permit} {
				sess, err := f.client.Pass1(rng, 1357, tp)
				if err != nil {
					t.Fatal(err)
				}
				f.m[k] = sess.Message()
				f.y[k], _ = f.servers[k].Challenge(rng)
				if f.v[k], err = sess.Pass2(f.y[k]); err != nil {
					t.Fatal(err)
				}
			}
			var err error
			if f.one, err = f.client.OnePass(rng, 1357, f.permit, testNow, []byte("msg")); err != nil {
				t.Fatal(err)
			}
			sess, err := f.client.FullPass1(rng, 1357, f.permit)
			if err != nil {
				t.Fatal(err)
			}
			f.fm, f.fr = sess.Message(), sess.R()
			if f.fy, f.fw, f.fW, err = f.servers[1].FullChallenge(rng, testNow, f.fm); err != nil {
				t.Fatal(err)
			}
			if f.fv, _, err = sess.FullPass2(f.fy, f.fW); err != nil {
				t.Fatal(err)
			}
			fuzzFixtures = append(fuzzFixtures, f)
		}
	})
	return fuzzFixtures
}

func fixtureFor(t tb, sel byte) *fuzzFixture {
	fx := fixtures(t)
	return fx[int(sel)%len(fx)]
}

func checkTyped(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil && !typed(err) {
		t.Fatalf("%s: untyped error %v", what, err)
	}
}

func FuzzDecodeG1(f *testing.F) {
	for i, fx := range fixtures(f) {
		f.Add(byte(i), fx.m[1].U)
		f.Add(byte(i), fx.m[1].U[:1+fx.p.fb]) // 0x04 with x only
		for _, c := range badG1(f, fx.p) {
			f.Add(byte(i), c.b)
		}
	}
	f.Fuzz(func(t *testing.T, sel byte, b []byte) {
		p := fixtureFor(t, sel).p
		a, err := p.DecodeG1(b)
		checkTyped(t, "DecodeG1", err)
		if err != nil {
			return
		}
		if a.IsIdentity() {
			t.Fatal("decoded the identity")
		}
		enc := p.EncodeG1(a)
		if len(b) == p.G1Size() && !bytes.Equal(enc, b) {
			t.Fatalf("re-encoding %x differs from %x", enc, b)
		}
		if d, err := p.DecodeG1(enc); err != nil || !d.Equal(a) {
			t.Fatalf("round trip: %v", err)
		}
	})
}

func FuzzDecodeG2(f *testing.F) {
	for i, fx := range fixtures(f) {
		f.Add(byte(i), fx.auth.serverSecret)
		for _, c := range badG2(f, fx.p) {
			f.Add(byte(i), c.b)
		}
	}
	f.Fuzz(func(t *testing.T, sel byte, b []byte) {
		p := fixtureFor(t, sel).p
		q, err := p.DecodeG2(b)
		checkTyped(t, "DecodeG2", err)
		if err != nil {
			return
		}
		if q.IsIdentity() || !bytes.Equal(p.EncodeG2(q), b) {
			t.Fatal("G2 round trip")
		}
		_, err = p.NewServer(b, ServerConfig{})
		checkTyped(t, "NewServer", err)
	})
}

func FuzzDecodeScalar(f *testing.F) {
	for i, fx := range fixtures(f) {
		f.Add(byte(i), fx.y[0])
		for _, c := range badScalars(fx.p) {
			f.Add(byte(i), c.b)
		}
	}
	f.Fuzz(func(t *testing.T, sel byte, b []byte) {
		p := fixtureFor(t, sel).p
		k, err := p.DecodeScalar(b)
		checkTyped(t, "DecodeScalar", err)
		if err != nil {
			return
		}
		if k.IsZero() || !bytes.Equal(p.EncodeScalar(k), b) {
			t.Fatal("scalar round trip")
		}
	})
}

// FuzzHashedID feeds hashed identities to the D-TA functions.
func FuzzHashedID(f *testing.F) {
	for i, fx := range fixtures(f) {
		hid, _ := fx.p.HashID(fx.id)
		f.Add(byte(i), hid, testDay)
		f.Add(byte(i), hid[:len(hid)-1], 0)
	}
	f.Fuzz(func(t *testing.T, sel byte, hid []byte, day int) {
		fx := fixtureFor(t, sel)
		_, err := fx.p.ClientSecretShare(fx.auth.masters[0], hid)
		checkTyped(t, "ClientSecretShare", err)
		_, err = fx.p.TimePermitShare(fx.auth.masters[0], hid, day)
		checkTyped(t, "TimePermitShare", err)
	})
}

// FuzzVerify fuzzes every input of two-pass verification: the first-pass
// message, y, V and the server time.
func FuzzVerify(f *testing.F) {
	for i, fx := range fixtures(f) {
		for k := range 2 {
			m := fx.m[k]
			f.Add(byte(i), m.ID, m.U, m.UT, m.Day, fx.y[k], fx.v[k], int64(0))
			f.Add(byte(i), m.ID, m.U, m.UT, m.Day, fx.y[k], fx.v[k], int64(SecondsPerDay))
			f.Add(byte(i), m.ID, m.U, m.UT, m.Day+1, fx.y[k], fx.v[k], int64(0))
			f.Add(byte(i), m.ID, fx.v[k], m.UT, m.Day, fx.y[k], m.U, int64(0))
		}
	}
	f.Fuzz(func(t *testing.T, sel byte, id, u, ut []byte, day int, y, v []byte, dt int64) {
		fx := fixtureFor(t, sel)
		s := fx.servers[0]
		if len(ut) != 0 {
			s = fx.servers[1]
		}
		m := &Pass1{ID: id, U: u, UT: ut, Day: day}
		err := s.Verify(testNow+dt, m, y, v)
		checkTyped(t, "Verify", err)
		k := 0
		if len(ut) != 0 {
			k = 1
		}
		seed := fx.m[k]
		if dt == 0 && day == seed.Day && bytes.Equal(id, seed.ID) && bytes.Equal(u, seed.U) && bytes.Equal(ut, seed.UT) &&
			bytes.Equal(y, fx.y[k]) && bytes.Equal(v, fx.v[k]) && err != nil {
			t.Fatalf("the valid run is refused: %v", err)
		}
	})
}

func FuzzVerifyOnePass(f *testing.F) {
	for i, fx := range fixtures(f) {
		o := fx.one
		f.Add(byte(i), o.ID, o.U, o.UT, o.Day, o.V, o.TimeValue, o.Message, int64(0))
		f.Add(byte(i), o.ID, o.U, o.UT, o.Day, o.V, o.TimeValue+1, o.Message, int64(100))
		f.Add(byte(i), o.ID, o.U, []byte(nil), 0, o.V, o.TimeValue, []byte(nil), int64(-1))
	}
	f.Fuzz(func(t *testing.T, sel byte, id, u, ut []byte, day int, v []byte, tv int64, msg []byte, dt int64) {
		fx := fixtureFor(t, sel)
		s := fx.servers[0]
		if len(ut) != 0 {
			s = fx.servers[1]
		}
		m := &OnePass{Pass1: Pass1{ID: id, U: u, UT: ut, Day: day}, V: v, TimeValue: tv, Message: msg}
		err := s.VerifyOnePass(testNow+dt, m)
		checkTyped(t, "VerifyOnePass", err)
		o := fx.one
		if dt == 0 && tv == o.TimeValue && day == o.Day && bytes.Equal(id, o.ID) && bytes.Equal(u, o.U) &&
			bytes.Equal(ut, o.UT) && bytes.Equal(v, o.V) && bytes.Equal(msg, o.Message) && err != nil {
			t.Fatalf("the valid run is refused: %v", err)
		}
	})
}

func FuzzVerifyFull(f *testing.F) {
	for i, fx := range fixtures(f) {
		f.Add(byte(i), fx.fm.U, fx.fm.UT, fx.fr, fx.fy, fx.fw, fx.fv)
		f.Add(byte(i), fx.fm.U, fx.fm.UT, fx.fW, fx.fy, fx.fw, fx.fv)
		f.Add(byte(i), fx.fm.U, fx.fm.UT, fx.fr, fx.fw, fx.fy, fx.fv)
	}
	f.Fuzz(func(t *testing.T, sel byte, u, ut, r, y, w, v []byte) {
		fx := fixtureFor(t, sel)
		m := &Pass1{ID: fx.id, U: u, UT: ut, Day: fx.fm.Day}
		key, err := fx.servers[1].VerifyFull(testNow, m, r, y, w, v)
		checkTyped(t, "VerifyFull", err)
		if err == nil && len(key) != KeySize {
			t.Fatalf("key of %d bytes", len(key))
		}
		_, err = fx.servers[1].KeyShare(testNow, m, w)
		checkTyped(t, "KeyShare", err)
	})
}

// FuzzClientInputs fuzzes what the client decodes from the server: y and,
// in M-Pin Full, W.
func FuzzClientInputs(f *testing.F) {
	for i, fx := range fixtures(f) {
		f.Add(byte(i), fx.fy, fx.fW)
		f.Add(byte(i), fx.fW, fx.fy)
	}
	f.Fuzz(func(t *testing.T, sel byte, y, w []byte) {
		fx := fixtureFor(t, sel)
		rng := seeded(7)
		s, err := fx.client.Pass1(rng, 1357, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.Pass2(y)
		checkTyped(t, "Pass2", err)
		fs, err := fx.client.FullPass1(rng, 1357, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, key, err := fs.FullPass2(y, w)
		checkTyped(t, "FullPass2", err)
		if err == nil && len(key) != KeySize {
			t.Fatalf("key of %d bytes", len(key))
		}
		if err != nil && errors.Is(err, ErrSessionUsed) {
			t.Fatal("fresh session reported as used")
		}
	})
}
