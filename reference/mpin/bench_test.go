package mpin

import (
	"testing"

	"github.com/mpinkit/mpinkit/pairing"
)

// Benchmarks per profile, with permits (the draft's full setting). The
// baseline MultiPair2 is the one double pairing that verification costs
// at least.

func benchProfiles(b *testing.B, f func(b *testing.B, fx *fuzzFixture)) {
	for _, fx := range fixtures(b) {
		b.Run(fx.p.Name(), func(b *testing.B) { f(b, fx) })
	}
}

func BenchmarkMultiPair2(b *testing.B) {
	benchProfiles(b, func(b *testing.B, fx *fuzzFixture) {
		s := fx.p.suite
		ps := []pairing.G1{s.G1Generator(), s.G1Generator()}
		qs := []pairing.G2{s.G2Generator(), s.G2Generator()}
		for b.Loop() {
			if _, err := s.MultiPair(ps, qs); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkClientPass1(b *testing.B) {
	benchProfiles(b, func(b *testing.B, fx *fuzzFixture) {
		rng := seeded(1)
		for b.Loop() {
			if _, err := fx.client.Pass1(rng, 1357, fx.permit); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkClientPass2(b *testing.B) {
	benchProfiles(b, func(b *testing.B, fx *fuzzFixture) {
		rng := seeded(2)
		y := fx.y[1]
		for b.Loop() {
			b.StopTimer()
			sess, err := fx.client.Pass1(rng, 1357, fx.permit)
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			if _, err := sess.Pass2(y); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkServerVerify(b *testing.B) {
	benchProfiles(b, func(b *testing.B, fx *fuzzFixture) {
		for b.Loop() {
			if err := fx.servers[1].Verify(testNow, fx.m[1], fx.y[1], fx.v[1]); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkServerVerifyNoPermit(b *testing.B) {
	benchProfiles(b, func(b *testing.B, fx *fuzzFixture) {
		for b.Loop() {
			if err := fx.servers[0].Verify(testNow, fx.m[0], fx.y[0], fx.v[0]); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkServerWrongPIN is a verification that fails by a PIN error of
// 9999 (the far end of the search), including the diagnosis.
func BenchmarkServerWrongPIN(b *testing.B) {
	benchProfiles(b, func(b *testing.B, fx *fuzzFixture) {
		rng := seeded(3)
		cs, _ := fx.p.RestorePIN(fx.p.EncodeG1(fx.client.token), fx.id, 1357)
		token, _ := fx.p.ExtractPIN(cs, fx.id, 0) // registered PIN 0, entered 9999
		c, _ := fx.p.NewClient(fx.id, token)
		sess, err := c.Pass1(rng, 9999, fx.permit)
		if err != nil {
			b.Fatal(err)
		}
		v, err := sess.Pass2(fx.y[1])
		if err != nil {
			b.Fatal(err)
		}
		m := sess.Message()
		for b.Loop() {
			err := fx.servers[1].Verify(testNow, m, fx.y[1], v)
			if wp, ok := err.(*WrongPINError); !ok || wp.Delta != 9999 {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkPINSearch is the baby-step giant-step search alone, for the
// worst-case delta.
func BenchmarkPINSearch(b *testing.B) {
	benchProfiles(b, func(b *testing.B, fx *fuzzFixture) {
		s := fx.p.suite
		f, _ := s.Pair(s.G1Generator(), s.G2Generator())
		k := s.NewScalar().SetUint64(MaxPIN - 1)
		e := s.NewGT().Inverse(s.NewGT().Exp(f, k)) // e = f^(-9999)
		for b.Loop() {
			if d, ok := recoverPINError(s, e, f); !ok || d != MaxPIN-1 {
				b.Fatal(d, ok)
			}
		}
	})
}

// BenchmarkFullClient is the client's side of M-Pin Full after its
// one-off Precompute: FullPass1 and FullPass2.
func BenchmarkFullClient(b *testing.B) {
	benchProfiles(b, func(b *testing.B, fx *fuzzFixture) {
		rng := seeded(4)
		if err := fx.client.Precompute(); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			sess, err := fx.client.FullPass1(rng, 1357, fx.permit)
			if err != nil {
				b.Fatal(err)
			}
			if _, _, err := sess.FullPass2(fx.fy, fx.fW); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkFullServer is the server's side of M-Pin Full: FullChallenge
// and VerifyFull.
func BenchmarkFullServer(b *testing.B) {
	benchProfiles(b, func(b *testing.B, fx *fuzzFixture) {
		rng := seeded(5)
		s := fx.servers[1]
		for b.Loop() {
			if _, _, _, err := s.FullChallenge(rng, testNow, fx.fm); err != nil {
				b.Fatal(err)
			}
			if _, err := s.VerifyFull(testNow, fx.fm, fx.fr, fx.fy, fx.fw, fx.fv); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkFullServerSession is the same server work through the session
// API: BeginFull and ServerSession.Verify, with the client's second pass
// (untimed) between them.
func BenchmarkFullServerSession(b *testing.B) {
	benchFullSession(b, func(fx *fuzzFixture) *Server { return fx.servers[1] })
}

// BenchmarkFullServerSessionUnprepared is BenchmarkFullServerSession on a
// server whose suite hides pairing.G2Preparer: every pairing computes its
// Miller-loop lines.
func BenchmarkFullServerSessionUnprepared(b *testing.B) {
	benchFullSession(b, func(fx *fuzzFixture) *Server { return unpreparedServer(b, fx) })
}

func benchFullSession(b *testing.B, server func(fx *fuzzFixture) *Server) {
	benchProfiles(b, func(b *testing.B, fx *fuzzFixture) {
		rng := seeded(6)
		s := server(fx)
		if err := fx.client.Precompute(); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			b.StopTimer()
			cs, err := fx.client.FullPass1(rng, 1357, fx.permit)
			if err != nil {
				b.Fatal(err)
			}
			m, r := cs.Message(), cs.R()
			b.StartTimer()
			ss, err := s.BeginFull(rng, testNow, m, r)
			if err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			v, _, err := cs.FullPass2(ss.Challenge(), ss.KeyShare())
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			if _, err := ss.Verify(testNow, v); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkServerVerifyUnprepared is BenchmarkServerVerify on a server
// whose suite hides pairing.G2Preparer.
func BenchmarkServerVerifyUnprepared(b *testing.B) {
	benchProfiles(b, func(b *testing.B, fx *fuzzFixture) {
		s := unpreparedServer(b, fx)
		for b.Loop() {
			if err := s.Verify(testNow, fx.m[1], fx.y[1], fx.v[1]); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// unpreparedServer is fx.servers[1] over the suite with G2Preparer hidden.
func unpreparedServer(b *testing.B, fx *fuzzFixture) *Server {
	p, err := NewProfile(fx.p.Name(), hiddenPreparer{fx.p.suite})
	if err != nil {
		b.Fatal(err)
	}
	s, err := p.NewServer(fx.auth.serverSecret, ServerConfig{TimePermits: true, PermitGrace: 600})
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkServerKeyPairing is the M-Pin Full key's pairing
// e(R + h H1(ID), sQ) alone, as the server computes it (prepared sQ when
// the suite offers it), final exponentiation included.
func BenchmarkServerKeyPairing(b *testing.B) {
	benchProfiles(b, func(b *testing.B, fx *fuzzFixture) {
		s := fx.servers[1]
		ps := []pairing.G1{fx.p.suite.G1Generator()}
		for b.Loop() {
			if _, err := s.pair(ps, g2SQ); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkServerG1ScalarMult is one constant-time G1 multiplication, the
// cost of each of W = w H* and w U*.
func BenchmarkServerG1ScalarMult(b *testing.B) {
	benchProfiles(b, func(b *testing.B, fx *fuzzFixture) {
		s := fx.p.suite
		k, _ := s.RandomScalar(seeded(7))
		g, out := s.G1Generator(), s.NewG1()
		for b.Loop() {
			out.ScalarMult(k, g)
		}
	})
}
