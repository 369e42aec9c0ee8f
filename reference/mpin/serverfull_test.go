package mpin

import (
	"bytes"
	"errors"
	"testing"

	"github.com/mpinkit/mpinkit/pairing"
)

// sessionServers returns, for a fixture, servers without and with permits
// and the permit the client uses with each.
func sessionServers(fx *fuzzFixture) [2]struct {
	s      *Server
	permit *TimePermit
} {
	return [2]struct {
		s      *Server
		permit *TimePermit
	}{{fx.servers[0], nil}, {fx.servers[1], fx.permit}}
}

// sameErr fails unless a and b are both nil or have the same canonical
// name and, for wrong PINs, the same delta.
func sameErr(t *testing.T, what string, a, b error) {
	t.Helper()
	if ErrorName(a) != ErrorName(b) {
		t.Fatalf("%s: %v, want %v", what, a, b)
	}
	var wa, wb *WrongPINError
	if errors.As(a, &wa) != errors.As(b, &wb) || (wa != nil && wa.Delta != wb.Delta) {
		t.Fatalf("%s: %v, want %v", what, a, b)
	}
}

func TestServerSessionTwoPass(t *testing.T) {
	for _, fx := range fixtures(t) {
		t.Run(fx.p.Name(), func(t *testing.T) {
			for k, sp := range sessionServers(fx) {
				for _, pinOff := range []int{0, 3} {
					rng := seeded(uint64(40 + k))
					cs, err := fx.client.Pass1(rng, 1357+pinOff, sp.permit)
					if err != nil {
						t.Fatal(err)
					}
					m := sess1Message(cs)
					y, err := sp.s.Challenge(seeded(7))
					if err != nil {
						t.Fatal(err)
					}
					ss, err := sp.s.Begin(seeded(7), testNow, m)
					if err != nil {
						t.Fatal(err)
					}
					if !bytes.Equal(ss.Challenge(), y) || ss.Full() || ss.KeyShare() != nil || ss.Secret() != nil {
						t.Fatal("Begin: not the challenge Challenge draws, or Full values in a two-pass session")
					}
					v, err := cs.Pass2(y)
					if err != nil {
						t.Fatal(err)
					}
					want := sp.s.Verify(testNow, m, y, v)
					if (pinOff == 0) != (want == nil) {
						t.Fatalf("Verify with PIN offset %d: %v", pinOff, want)
					}
					key, err := ss.Verify(testNow, v)
					sameErr(t, "session Verify", err, want)
					if key != nil {
						t.Fatal("a two-pass session returned a key")
					}
					if _, err := ss.Verify(testNow, v); !errors.Is(err, ErrServerSessionUsed) || ErrorName(err) != "REPLAY" {
						t.Fatalf("second Verify: %v", err)
					}
					// A resumed session and a tampered V.
					rs, err := sp.s.ResumeSession(m, nil, y, nil, nil)
					if err != nil {
						t.Fatal(err)
					}
					_, err = rs.Verify(testNow, v)
					sameErr(t, "resumed Verify", err, want)
					bad := flip(v, len(v)-1, 1)
					rs, _ = sp.s.ResumeSession(m, nil, y, nil, nil)
					_, err = rs.Verify(testNow, bad)
					sameErr(t, "tampered V", err, sp.s.Verify(testNow, m, y, bad))
				}
			}
		})
	}
}

// sess1Message returns a copy of a client session's first pass.
func sess1Message(cs *ClientSession) *Pass1 {
	m := cs.Message()
	return &Pass1{ID: bytes.Clone(m.ID), U: bytes.Clone(m.U), UT: bytes.Clone(m.UT), Day: m.Day}
}

func TestServerSessionFull(t *testing.T) {
	for _, fx := range fixtures(t) {
		t.Run(fx.p.Name(), func(t *testing.T) {
			if err := fx.client.Precompute(); err != nil {
				t.Fatal(err)
			}
			for k, sp := range sessionServers(fx) {
				for _, pinOff := range []int{0, -42} {
					rng := seeded(uint64(50 + k))
					cs, err := fx.client.FullPass1(rng, 1357+pinOff, sp.permit)
					if err != nil {
						t.Fatal(err)
					}
					m, r := sess1Message(cs), cs.R()
					y, w, share, err := sp.s.FullChallenge(seeded(9), testNow, m)
					if err != nil {
						t.Fatal(err)
					}
					ss, err := sp.s.BeginFull(seeded(9), testNow, m, r)
					if err != nil {
						t.Fatal(err)
					}
					if !ss.Full() || !bytes.Equal(ss.Challenge(), y) || !bytes.Equal(ss.Secret(), w) || !bytes.Equal(ss.KeyShare(), share) {
						t.Fatal("BeginFull and FullChallenge disagree")
					}
					if ks, err := sp.s.KeyShare(testNow, m, w); err != nil || !bytes.Equal(ks, share) {
						t.Fatalf("KeyShare: %v", err)
					}
					// The session owns its copy of the message.
					m.U[len(m.U)-1] ^= 1
					v, kc, err := cs.FullPass2(y, share)
					if err != nil {
						t.Fatal(err)
					}
					m.U[len(m.U)-1] ^= 1

					want, wantErr := sp.s.VerifyFull(testNow, m, r, y, w, v)
					if (pinOff == 0) != (wantErr == nil) || (wantErr == nil && !bytes.Equal(want, kc)) {
						t.Fatalf("VerifyFull with PIN offset %d: %v", pinOff, wantErr)
					}
					rs, err := sp.s.ResumeSession(m, r, y, w, share)
					if err != nil {
						t.Fatal(err)
					}
					for name, sess := range map[string]*ServerSession{"BeginFull": ss, "ResumeSession": rs} {
						key, err := sess.Verify(testNow, v)
						sameErr(t, name, err, wantErr)
						if !bytes.Equal(key, want) {
							t.Fatalf("%s: key %x, want %x", name, key, want)
						}
						if sess.Secret() != nil || sess.w != nil {
							t.Fatalf("%s: w kept after Verify", name)
						}
						if _, err := sess.Verify(testNow, v); !errors.Is(err, ErrServerSessionUsed) {
							t.Fatalf("%s: second Verify: %v", name, err)
						}
					}
				}
			}
		})
	}
}

func TestServerSessionErrors(t *testing.T) {
	fx := fixtures(t)[2]
	s := fx.servers[1]
	// Bad R: BeginFull reports DecodeG1's class, before anything else.
	for _, c := range badG1(t, fx.p) {
		_, err := s.BeginFull(seeded(1), testNow, nil, c.b)
		_, want := fx.p.DecodeG1(c.b)
		sameErr(t, "BeginFull R", err, want)
	}
	// Bad first pass: Begin and BeginFull report what ValidatePass1 does.
	bad := *fx.fm
	bad.U = flip(bad.U, 3, 0x80)
	want := s.ValidatePass1(testNow, &bad)
	if want == nil {
		t.Fatal("tampered U accepted")
	}
	_, err := s.Begin(seeded(1), testNow, &bad)
	sameErr(t, "Begin", err, want)
	_, err = s.BeginFull(seeded(1), testNow, &bad, fx.fr)
	sameErr(t, "BeginFull", err, want)
	if _, err := s.Begin(seeded(1), -1, fx.fm); !errors.Is(err, ErrInvalidTime) {
		t.Fatalf("negative time: %v", err)
	}
	// A destroyed session does not verify.
	ss, err := s.BeginFull(seeded(1), testNow, fx.fm, fx.fr)
	if err != nil {
		t.Fatal(err)
	}
	ss.Destroy()
	ss.Destroy()
	if ss.Secret() != nil {
		t.Fatal("Secret after Destroy")
	}
	if _, err := ss.Verify(testNow, fx.fv); !errors.Is(err, ErrServerSessionUsed) {
		t.Fatalf("Verify after Destroy: %v", err)
	}
	// The permit policy applies at the second pass's time: a day later
	// the permit has expired.
	ss, _ = s.BeginFull(seeded(1), testNow, fx.fm, fx.fr)
	if _, err := ss.Verify(testNow+SecondsPerDay, fx.fv); !errors.Is(err, ErrExpiredPermit) {
		t.Fatalf("Verify a day later: %v", err)
	}
	// ResumeSession refuses what a store could hold wrongly.
	for name, f := range map[string]func() error{
		"no message": func() error { _, err := s.ResumeSession(nil, fx.fr, fx.fy, fx.fw, fx.fW); return err },
		"bad R":      func() error { _, err := s.ResumeSession(fx.fm, flip(fx.fr, 3, 0x80), fx.fy, fx.fw, fx.fW); return err },
		"bad U":      func() error { _, err := s.ResumeSession(&bad, fx.fr, fx.fy, fx.fw, fx.fW); return err },
		"zero y": func() error {
			_, err := s.ResumeSession(fx.fm, fx.fr, make([]byte, len(fx.fy)), fx.fw, fx.fW)
			return err
		},
		"no w":    func() error { _, err := s.ResumeSession(fx.fm, fx.fr, fx.fy, nil, fx.fW); return err },
		"short W": func() error { _, err := s.ResumeSession(fx.fm, fx.fr, fx.fy, fx.fw, fx.fW[1:]); return err },
		"w, no R": func() error { _, err := s.ResumeSession(fx.fm, nil, fx.fy, fx.fw, fx.fW); return err },
	} {
		if err := f(); err == nil || !typed(err) {
			t.Errorf("ResumeSession, %s: %v", name, err)
		}
	}
}

// hiddenPreparer is a suite with its G2Preparer methods hidden: only the
// pairing.Suite methods are promoted.
type hiddenPreparer struct{ pairing.Suite }

// fakePreparer is a G2Preparer over any suite that prepares nothing: it
// checks that the server sends every pairing through MultiPairPrepared
// when the suite offers it, whatever the curve package implements.
type fakePreparer struct {
	pairing.Suite
	prepared, pairings *int
}

type fakePrepared struct{ q pairing.G2 }

func (f fakePrepared) Point() pairing.G2 { return f.q }

func (f fakePreparer) PrepareG2(q pairing.G2) (pairing.PreparedG2, error) {
	*f.prepared++
	return fakePrepared{q}, nil
}

func (f fakePreparer) MultiPairPrepared(ps []pairing.G1, qs []pairing.PreparedG2) (pairing.GT, error) {
	*f.pairings++
	q := make([]pairing.G2, len(qs))
	for i, pq := range qs {
		q[i] = pq.(fakePrepared).q
	}
	return f.Suite.MultiPair(ps, q)
}

// TestServerPreparedPairings runs the same logins against servers over
// the profile's own suite (prepared pairings when it implements
// G2Preparer), the suite with G2Preparer hidden (Pair and MultiPair) and
// a fake preparer, and wants identical outcomes, keys and E and F.
func TestServerPreparedPairings(t *testing.T) {
	for _, fx := range fixtures(t) {
		t.Run(fx.p.Name(), func(t *testing.T) {
			var nPrep, nPair int
			suites := map[string]pairing.Suite{
				"hidden": hiddenPreparer{fx.p.suite},
				"fake":   fakePreparer{fx.p.suite, &nPrep, &nPair},
			}
			_, native := fx.p.suite.(pairing.G2Preparer)
			t.Logf("%s suite implements pairing.G2Preparer: %v", fx.p.suite.Name(), native)
			if native != (fx.servers[1].prep != nil) {
				t.Fatal("NewServer did not prepare Q and sQ")
			}
			cfg := ServerConfig{TimePermits: true, PermitGrace: 600}
			others := map[string]*Server{}
			for name, su := range suites {
				p, err := NewProfile(fx.p.Name(), su)
				if err != nil {
					t.Fatal(err)
				}
				if others[name], err = p.NewServer(fx.auth.serverSecret, cfg); err != nil {
					t.Fatal(err)
				}
			}
			if others["hidden"].prep != nil || others["fake"].prep == nil || nPrep != 2 {
				t.Fatalf("preparation: hidden %v, fake %v, %d points prepared", others["hidden"].prep != nil, others["fake"].prep != nil, nPrep)
			}
			ref := fx.servers[1]

			// Two-pass, right and wrong PIN, with E and F.
			wrong := fx.client
			cs, _ := wrong.Pass1(seeded(3), 1357+17, fx.permit)
			vBad, _ := cs.Pass2(fx.y[1])
			mBad := cs.Message()
			wantE, wantF, err := ref.PINErrorValues(testNow, mBad, fx.y[1], vBad)
			if err != nil {
				t.Fatal(err)
			}
			for name, s := range others {
				sameErr(t, name+" Verify", s.Verify(testNow, fx.m[1], fx.y[1], fx.v[1]), nil)
				err := s.Verify(testNow, mBad, fx.y[1], vBad)
				var wp *WrongPINError
				if !errors.As(err, &wp) || wp.Delta != 17 {
					t.Fatalf("%s: wrong PIN: %v", name, err)
				}
				e, f, err := s.PINErrorValues(testNow, mBad, fx.y[1], vBad)
				if err != nil || !bytes.Equal(e, wantE) || !bytes.Equal(f, wantF) {
					t.Fatalf("%s: PINErrorValues differ (%v)", name, err)
				}
				sameErr(t, name+" one-pass", s.VerifyOnePass(testNow, fx.one), ref.VerifyOnePass(testNow, fx.one))
				// M-Pin Full, legacy and session.
				want, err := ref.VerifyFull(testNow, fx.fm, fx.fr, fx.fy, fx.fw, fx.fv)
				if err != nil {
					t.Fatal(err)
				}
				key, err := s.VerifyFull(testNow, fx.fm, fx.fr, fx.fy, fx.fw, fx.fv)
				if err != nil || !bytes.Equal(key, want) {
					t.Fatalf("%s: VerifyFull key differs (%v)", name, err)
				}
				ss, err := s.ResumeSession(fx.fm, fx.fr, fx.fy, fx.fw, fx.fW)
				if err != nil {
					t.Fatal(err)
				}
				if key, err = ss.Verify(testNow, fx.fv); err != nil || !bytes.Equal(key, want) {
					t.Fatalf("%s: session key differs (%v)", name, err)
				}
			}
			if nPair == 0 {
				t.Fatal("the fake preparer was never used")
			}
		})
	}
}

// FuzzServerSession checks the session API against the stateless one on
// any input: BeginFull answers as FullChallenge does, and a session
// resumed from the same values verifies as VerifyFull does.
func FuzzServerSession(f *testing.F) {
	for i, fx := range fixtures(f) {
		f.Add(byte(i), fx.fm.U, fx.fm.UT, fx.fr, fx.fy, fx.fw, fx.fv)
		f.Add(byte(i), fx.fm.U, fx.fm.UT, fx.fW, fx.fy, fx.fw, fx.fv)
		f.Add(byte(i), fx.fm.U, fx.fm.UT, fx.fr, fx.fw, fx.fy, fx.fv)
	}
	f.Fuzz(func(t *testing.T, sel byte, u, ut, r, y, w, v []byte) {
		fx := fixtureFor(t, sel)
		s := fx.servers[1]
		m := &Pass1{ID: fx.id, U: u, UT: ut, Day: fx.fm.Day}
		ss, err := s.BeginFull(seeded(1), testNow, m, r)
		checkTyped(t, "BeginFull", err)
		if _, rerr := fx.p.DecodeG1(r); rerr == nil {
			y1, w1, share1, err1 := s.FullChallenge(seeded(1), testNow, m)
			sameErr(t, "BeginFull", err, err1)
			if err == nil && (!bytes.Equal(ss.Challenge(), y1) || !bytes.Equal(ss.Secret(), w1) || !bytes.Equal(ss.KeyShare(), share1)) {
				t.Fatal("BeginFull and FullChallenge answer differently")
			}
		}
		if ss != nil {
			ss.Destroy()
		}

		want, werr := s.VerifyFull(testNow, m, r, y, w, v)
		share, err := s.KeyShare(testNow, m, w)
		if err != nil {
			return
		}
		rs, err := s.ResumeSession(m, r, y, w, share)
		checkTyped(t, "ResumeSession", err)
		if err != nil {
			if werr == nil {
				t.Fatalf("ResumeSession refused what VerifyFull accepts: %v", err)
			}
			return
		}
		key, err := rs.Verify(testNow, v)
		sameErr(t, "resumed Verify", err, werr)
		if !bytes.Equal(key, want) {
			t.Fatal("resumed Verify and VerifyFull derive different keys")
		}
	})
}
