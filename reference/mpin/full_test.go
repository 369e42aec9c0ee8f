package mpin

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"testing"
)

// fullRun is one M-Pin Full exchange, with hooks to tamper with each
// message on its way.
type fullRun struct {
	m          *Pass1 // as the server receives it
	r, y, w, v []byte // R and V as the server receives them; y and w as the server keeps them
	share      []byte // W as the client receives it
	clientY    []byte // y as the client receives it
	kc, ks     []byte
	serverErr  error
}

type tamper struct {
	pass1  func(m *Pass1)
	r      func([]byte) []byte
	y      func([]byte) []byte // to the client
	share  func([]byte) []byte // to the client
	v      func([]byte) []byte // to the server
	pinOff int
}

func runFull(t testing.TB, c *Client, s *Server, pin int, permit *TimePermit, tp tamper) *fullRun {
	t.Helper()
	rng := seeded(uint64(len(c.id)) + 99)
	sess, err := c.FullPass1(rng, pin+tp.pinOff, permit)
	if err != nil {
		t.Fatal(err)
	}
	run := &fullRun{m: sess.Message(), r: sess.R()}
	if tp.pass1 != nil {
		tp.pass1(run.m)
	}
	if tp.r != nil {
		run.r = tp.r(run.r)
	}
	// The server answers the first pass as it received it.
	run.y, run.w, run.share, err = s.FullChallenge(rng, testNow, run.m)
	if err != nil {
		run.serverErr = err // a tampered first pass may be refused at once
		return run
	}
	run.clientY = run.y
	share := run.share
	if tp.y != nil {
		run.clientY = tp.y(run.y)
	}
	if tp.share != nil {
		share = tp.share(share)
	}
	run.v, run.kc, err = sess.FullPass2(run.clientY, share)
	if err != nil {
		t.Fatal(err)
	}
	if tp.v != nil {
		run.v = tp.v(run.v)
	}
	run.ks, run.serverErr = s.VerifyFull(testNow, run.m, run.r, run.y, run.w, run.v)
	return run
}

func TestFullKeyAgreement(t *testing.T) {
	forEachProfile(t, func(t *testing.T, p *Profile) {
		rng := seeded(11)
		auth := newAuthority(t, p, rng, 2)
		id := []byte("ivan")
		c := auth.register(t, id, 5555)
		if err := c.Precompute(); err != nil {
			t.Fatal(err)
		}
		k, _ := p.suite.RandomScalar(rng)
		otherG1 := p.EncodeG1(p.suite.NewG1().ScalarMult(k, p.suite.G1Generator()))
		otherY := p.EncodeScalar(k)
		for _, permits := range []bool{false, true} {
			var tp *TimePermit
			if permits {
				tp = auth.permit(t, id, testDay)
			}
			s := auth.server(t, ServerConfig{TimePermits: permits})
			ok := runFull(t, c, s, 5555, tp, tamper{})
			if ok.serverErr != nil {
				t.Fatalf("permits %v: %v", permits, ok.serverErr)
			}
			if len(ok.kc) != KeySize || !bytes.Equal(ok.kc, ok.ks) {
				t.Fatalf("permits %v: keys differ: %x %x", permits, ok.kc, ok.ks)
			}
			cases := map[string]tamper{
				"U":          {pass1: func(m *Pass1) { m.U = otherG1 }},
				"V":          {v: func([]byte) []byte { return otherG1 }},
				"y":          {y: func([]byte) []byte { return otherY }},
				"R":          {r: func([]byte) []byte { return otherG1 }},
				"W":          {share: func([]byte) []byte { return otherG1 }},
				"ID":         {pass1: func(m *Pass1) { m.ID = []byte("ivan2") }},
				"PIN":        {pinOff: 1},
				"permit day": {pass1: func(m *Pass1) { m.Day++ }},
			}
			if permits {
				cases["UT"] = tamper{pass1: func(m *Pass1) { m.UT = otherG1 }}
			} else {
				delete(cases, "permit day")
			}
			for name, tc := range cases {
				run := runFull(t, c, s, 5555, tp, tc)
				agreed := run.serverErr == nil && bytes.Equal(run.kc, run.ks)
				if run.serverErr != nil && !typed(run.serverErr) {
					t.Errorf("permits %v, tampered %s: untyped error %v", permits, name, run.serverErr)
				}
				if name == "U" && permits {
					// With a permit U enters neither the check nor the
					// transcript hash, only the wrong-PIN diagnosis
					// (spec REQ-MPIN-9.4, 11.8; see hash.go).
					if !agreed {
						t.Errorf("tampered U with a permit: expected the keys to agree, got %v", run.serverErr)
					}
					continue
				}
				if agreed {
					t.Errorf("permits %v, tampered %s: the keys still agree", permits, name)
				}
			}
		}
	})
}

// TestFullKeyFormula checks the session key against the documented formula
// computed from the secrets, with one D-TA so that s is known.
func TestFullKeyFormula(t *testing.T) {
	forEachProfile(t, func(t *testing.T, p *Profile) {
		rng := seeded(12)
		auth := newAuthority(t, p, rng, 1)
		id := []byte("judy")
		c := auth.register(t, id, 77)
		tp := auth.permit(t, id, testDay)
		s := auth.server(t, ServerConfig{TimePermits: true})
		sc := p.suite
		x, _ := sc.RandomScalar(rng)
		r, _ := sc.RandomScalar(rng)
		w, _ := sc.RandomScalar(rng)
		y, _ := sc.RandomScalar(rng)
		sess, err := c.FullPass1WithX(p.EncodeScalar(x), p.EncodeScalar(r), 77, tp)
		if err != nil {
			t.Fatal(err)
		}
		m := sess.Message()
		share, err := s.KeyShare(testNow, m, p.EncodeScalar(w))
		if err != nil {
			t.Fatal(err)
		}
		v, kc, err := sess.FullPass2(p.EncodeScalar(y), share)
		if err != nil {
			t.Fatal(err)
		}
		ks, err := s.VerifyFull(testNow, m, sess.R(), p.EncodeScalar(y), p.EncodeScalar(w), v)
		if err != nil {
			t.Fatal(err)
		}
		// Expected: KDF(Tr(e(A, Q)^(s (r + h))), x w (A + AT)).
		ms, _ := p.DecodeScalar(auth.masters[0])
		hid, _ := p.HashID(id)
		a, _ := p.mapID(id)
		at, _ := p.permitPoint(hid, testDay)
		htid := sc.NewG1().Add(a, at)
		h, err := p.DecodeScalar(p.HashAll(hid, m.U, m.UT, v, p.EncodeScalar(y), sess.R(), share))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(p.EncodeG1(sc.NewG1().ScalarMult(w, htid)), share) {
			t.Fatal("W is not w (A + AT)")
		}
		e := sc.NewScalar().Mul(ms, sc.NewScalar().Add(r, h))
		g, _ := sc.Pair(sc.NewG1().ScalarMult(e, a), p.q)
		d := sc.NewG1().ScalarMult(sc.NewScalar().Mul(x, w), htid)
		dx, dy, _ := d.Coordinates()
		hh := sha256.New()
		for _, part := range p.traceFp4(g) {
			hh.Write(part)
		}
		hh.Write(dx)
		hh.Write(dy)
		want := hh.Sum(nil)[:KeySize]
		if !bytes.Equal(kc, want) || !bytes.Equal(ks, want) {
			t.Errorf("keys %x / %x, want %x", kc, ks, want)
		}

		// The same keys from the explicit-input key schedule.
		gT, _ := sc.Pair(c.token, p.q)
		gA, _ := sc.Pair(a, p.q)
		hb := p.EncodeScalar(h)
		xk, rk, wk := p.EncodeScalar(x), p.EncodeScalar(r), p.EncodeScalar(w)
		kc2, err := p.FullClientKey(p.EncodeGT(gT), p.EncodeGT(gA), 77, rk, xk, hb, share)
		if err != nil || !bytes.Equal(kc2, want) {
			t.Errorf("FullClientKey = %x, %v; want %x", kc2, err, want)
		}
		ks2, err := p.FullServerKey(id, auth.serverSecret, sess.R(), wk, hb, m.U, m.UT)
		if err != nil || !bytes.Equal(ks2, want) {
			t.Errorf("FullServerKey = %x, %v; want %x", ks2, err, want)
		}
		// Any other PIN, z or h gives another key.
		if k, err := p.FullClientKey(p.EncodeGT(gT), p.EncodeGT(gA), 78, rk, xk, hb, share); err != nil || bytes.Equal(k, want) {
			t.Errorf("FullClientKey with another PIN: %x, %v", k, err)
		}
		if k, err := p.FullServerKey(id, auth.serverSecret, sess.R(), wk, xk, m.U, m.UT); err != nil || bytes.Equal(k, want) {
			t.Errorf("FullServerKey with another h: %x, %v", k, err)
		}

		// Bad inputs: typed errors, never a key.
		gTe, gAe := p.EncodeGT(gT), p.EncodeGT(gA)
		if _, err := p.FullClientKey(gTe, gAe, -1, rk, xk, hb, share); !errors.Is(err, ErrInvalidPIN) {
			t.Errorf("FullClientKey negative PIN: %v", err)
		}
		for name, bc := range badScalars(p) {
			if _, err := p.FullClientKey(gTe, gAe, 77, bc.b, xk, hb, share); !errors.Is(err, bc.want) {
				t.Errorf("FullClientKey z %s: %v", name, err)
			}
			if _, err := p.FullClientKey(gTe, gAe, 77, rk, bc.b, hb, share); !errors.Is(err, bc.want) {
				t.Errorf("FullClientKey x %s: %v", name, err)
			}
			if _, err := p.FullServerKey(id, auth.serverSecret, sess.R(), bc.b, hb, m.U, m.UT); !errors.Is(err, bc.want) {
				t.Errorf("FullServerKey w %s: %v", name, err)
			}
			if _, err := p.FullServerKey(id, auth.serverSecret, sess.R(), wk, bc.b, m.U, m.UT); !errors.Is(err, bc.want) {
				t.Errorf("FullServerKey h %s: %v", name, err)
			}
		}
		for name, bc := range badG1(t, p) {
			if _, err := p.FullClientKey(gTe, gAe, 77, rk, xk, hb, bc.b); !errors.Is(err, bc.want) {
				t.Errorf("FullClientKey W %s: %v", name, err)
			}
			if _, err := p.FullServerKey(id, auth.serverSecret, bc.b, wk, hb, m.U, m.UT); !errors.Is(err, bc.want) {
				t.Errorf("FullServerKey R %s: %v", name, err)
			}
			if _, err := p.FullServerKey(id, auth.serverSecret, sess.R(), wk, hb, bc.b, m.UT); !errors.Is(err, bc.want) {
				t.Errorf("FullServerKey U %s: %v", name, err)
			}
			if len(bc.b) == 0 {
				continue // no UT: the key uses U (no time permit)
			}
			if _, err := p.FullServerKey(id, auth.serverSecret, sess.R(), wk, hb, m.U, bc.b); !errors.Is(err, bc.want) {
				t.Errorf("FullServerKey UT %s: %v", name, err)
			}
		}
		// A G1 encoding is not a GT element; nor is a tampered pairing.
		bad := bytes.Clone(gTe)
		bad[len(bad)-1] ^= 1
		for name, b := range map[string][]byte{"short": gTe[1:], "tampered": bad, "empty": nil} {
			if _, err := p.FullClientKey(b, gAe, 77, rk, xk, hb, share); !typed(err) || err == nil {
				t.Errorf("FullClientKey e(T, Q) %s: %v", name, err)
			}
			if _, err := p.FullClientKey(gTe, b, 77, rk, xk, hb, share); !typed(err) || err == nil {
				t.Errorf("FullClientKey e(A, Q) %s: %v", name, err)
			}
		}
		// z + h = 0 mod r.
		negH := p.EncodeScalar(sc.NewScalar().Neg(h))
		if _, err := p.FullClientKey(gTe, gAe, 77, negH, xk, hb, share); !errors.Is(err, ErrInvalidScalar) {
			t.Errorf("FullClientKey z = -h: %v", err)
		}
		if _, err := p.FullServerKey(nil, auth.serverSecret, sess.R(), wk, hb, m.U, m.UT); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("FullServerKey empty identity: %v", err)
		}
		if _, err := p.FullServerKey(id, sess.R(), sess.R(), wk, hb, m.U, m.UT); err == nil || !typed(err) {
			t.Errorf("FullServerKey with a G1 point as server secret: %v", err)
		}
	})
}

func TestFullErrors(t *testing.T) {
	p := mustLookup(t, BLS12381Milagro)
	rng := seeded(13)
	auth := newAuthority(t, p, rng, 1)
	c := auth.register(t, []byte("ken"), 1)
	s := auth.server(t, ServerConfig{})
	plain, _ := c.Pass1(rng, 1, nil)
	y, _ := s.Challenge(rng)
	if _, _, err := plain.FullPass2(y, plain.Message().U); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("FullPass2 on a two-pass session: %v", err)
	}
	if plain.R() != nil {
		t.Errorf("R of a two-pass session")
	}
	c2 := c
	sess, _ := c.FullPass1(rng, 1, nil)
	m := sess.Message()
	y, w, share, err := s.FullChallenge(rng, testNow, m)
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range badG1(t, p) {
		if _, _, err := sess.FullPass2(y, c.b); !errors.Is(err, c.want) {
			t.Errorf("W %s: %v", name, err)
		}
		if _, err := s.VerifyFull(testNow, m, c.b, y, w, m.U); !errors.Is(err, c.want) {
			t.Errorf("R %s: %v", name, err)
		}
	}
	for name, c := range badScalars(p) {
		if _, err := s.VerifyFull(testNow, m, sess.R(), y, c.b, m.U); !errors.Is(err, c.want) {
			t.Errorf("w %s: %v", name, err)
		}
		if _, err := s.VerifyFull(testNow, m, sess.R(), c.b, w, m.U); !errors.Is(err, c.want) {
			t.Errorf("y %s: %v", name, err)
		}
		if _, err := s.KeyShare(testNow, m, c.b); !errors.Is(err, c.want) {
			t.Errorf("KeyShare w %s: %v", name, err)
		}
		if _, err := c2.FullPass1WithX(c.b, w, 1, nil); !errors.Is(err, c.want) {
			t.Errorf("FullPass1WithX x %s: %v", name, err)
		}
		if _, err := c2.FullPass1WithX(w, c.b, 1, nil); !errors.Is(err, c.want) {
			t.Errorf("FullPass1WithX z %s: %v", name, err)
		}
	}
	if _, err := s.KeyShare(testNow, &Pass1{}, w); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("KeyShare on an empty message: %v", err)
	}
	v, _, err := sess.FullPass2(y, share)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := sess.FullPass2(y, share); !errors.Is(err, ErrSessionUsed) {
		t.Errorf("second FullPass2: %v", err)
	}
	if _, err := sess.Pass2(y); !errors.Is(err, ErrSessionUsed) {
		t.Errorf("Pass2 after FullPass2: %v", err)
	}
	// The server derives a key for any valid R; only the client's R gives
	// the client's key (checked in TestFullKeyAgreement).
	k1, err := s.VerifyFull(testNow, m, sess.R(), y, w, v)
	if err != nil {
		t.Fatal(err)
	}
	k2, err := s.VerifyFull(testNow, m, share, y, w, v)
	if err != nil || bytes.Equal(k1, k2) {
		t.Errorf("VerifyFull with another R: %v", err)
	}
}
