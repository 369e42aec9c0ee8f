package bench

import (
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/mpinkit/mpinkit/pairing"
	"github.com/mpinkit/mpinkit/reference/mpin"
)

// M-Pin benchmarks, one sub-benchmark per profile, named
// BenchmarkMPin<Operation>/<curve>_<profile>. Each profile's work is
// compared with the pairing product of the same suite (MPinPair2, the
// generic MultiPair, and MPinPair2Prepared, against prepared G2 points as
// a server holds them) and with one constant-time G1 multiplication
// (MPinG1Mult), the unit of client work. The fixtures are deterministic:
// three D-TAs, one identity, PIN 1357, a permit for mpinDay.

// mpinDay is the day of the fixtures' permits, and mpinNow noon of it.
const (
	mpinDay = 19875
	mpinNow = int64(mpinDay)*mpin.SecondsPerDay + 12*3600
	mpinPIN = 1357
)

// mpinFixture is a registered client and its servers for one profile.
type mpinFixture struct {
	p        *mpin.Profile
	id       []byte
	client   *mpin.Client
	permit   *mpin.TimePermit
	plain    *mpin.Server // without time permits
	permits  *mpin.Server // with time permits
	secret   []byte       // the server secret
	wrongPIN *mpin.Client // registered with PIN 0, for a 9999 PIN error
}

// mpinRand returns a deterministic randomness source for a label.
func mpinRand(label string) io.Reader {
	var key [32]byte
	copy(key[:], seedBytes("mpin-"+label, 32))
	return rand.NewChaCha8(key)
}

// benchName turns "MPIN-BLS12381-SHA256-MODERN" into "bls12381_modern".
func benchName(profile string) string {
	parts := strings.Split(profile, "-")
	return strings.ToLower(parts[1] + "_" + parts[3])
}

var mpinFixtures = sync.OnceValues(func() ([]*mpinFixture, error) {
	var out []*mpinFixture
	for _, p := range mpin.Profiles() {
		fx, err := newMPinFixture(p)
		if err != nil {
			return nil, err
		}
		out = append(out, fx)
	}
	return out, nil
})

func newMPinFixture(p *mpin.Profile) (*mpinFixture, error) {
	rng := mpinRand(p.Name())
	fx := &mpinFixture{p: p, id: []byte("alice@example.com")}
	hid, err := p.HashID(fx.id)
	if err != nil {
		return nil, err
	}
	var ss, cs, tp [][]byte
	for range 3 {
		ms, err := p.GenerateMasterShare(rng)
		if err != nil {
			return nil, err
		}
		s, err1 := p.ServerSecretShare(ms)
		c, err2 := p.ClientSecretShare(ms, hid)
		t, err3 := p.TimePermitShare(ms, hid, mpinDay)
		if err := errors.Join(err1, err2, err3); err != nil {
			return nil, err
		}
		ss, cs, tp = append(ss, s), append(cs, c), append(tp, t)
	}
	if fx.secret, err = p.RecombineG2(ss...); err != nil {
		return nil, err
	}
	secret, err := p.RecombineG1(cs...)
	if err != nil {
		return nil, err
	}
	permit, err := p.RecombineG1(tp...)
	if err != nil {
		return nil, err
	}
	fx.permit = &mpin.TimePermit{Day: mpinDay, Point: permit}
	if fx.client, err = register(p, fx.id, secret, mpinPIN); err != nil {
		return nil, err
	}
	if fx.wrongPIN, err = register(p, fx.id, secret, 0); err != nil {
		return nil, err
	}
	if fx.plain, err = p.NewServer(fx.secret, mpin.ServerConfig{}); err != nil {
		return nil, err
	}
	if fx.permits, err = p.NewServer(fx.secret, mpin.ServerConfig{TimePermits: true}); err != nil {
		return nil, err
	}
	return fx, fx.client.Precompute()
}

func register(p *mpin.Profile, id, secret []byte, pin int) (*mpin.Client, error) {
	token, err := p.ExtractPIN(secret, id, pin)
	if err != nil {
		return nil, err
	}
	return p.NewClient(id, token)
}

// mpinBench runs f for every profile, interleaved over the rounds.
func mpinBench(b *testing.B, f func(b *testing.B, fx *mpinFixture)) {
	fxs, err := mpinFixtures()
	if err != nil {
		b.Fatal(err)
	}
	var impls []impl
	for _, fx := range fxs {
		impls = append(impls, impl{benchName(fx.p.Name()), func(b *testing.B) { f(b, fx) }})
	}
	sideBySide(b, impls...)
}

// twoPass runs a client's first pass and the answer to a fixed challenge.
func twoPass(b *testing.B, p *mpin.Profile, c *mpin.Client, permit *mpin.TimePermit, pin int, label string) (m *mpin.Pass1, y, v []byte) {
	b.Helper()
	rng := mpinRand(label)
	sess, err := c.Pass1(rng, pin, permit)
	if err != nil {
		b.Fatal(err)
	}
	k, err := p.Suite().RandomScalar(rng)
	if err != nil {
		b.Fatal(err)
	}
	y = p.EncodeScalar(k)
	if v, err = sess.Pass2(y); err != nil {
		b.Fatal(err)
	}
	return sess.Message(), y, v
}

func BenchmarkMPinPair2(b *testing.B) {
	mpinBench(b, func(b *testing.B, fx *mpinFixture) {
		s := fx.p.Suite()
		k, _ := s.RandomScalar(mpinRand("pair2"))
		ps := []pairing.G1{s.NewG1().ScalarMult(k, s.G1Generator()), s.G1Generator()}
		qs := []pairing.G2{s.G2Generator(), s.NewG2().ScalarMult(k, s.G2Generator())}
		for b.Loop() {
			if _, err := s.MultiPair(ps, qs); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkMPinPair2Prepared(b *testing.B) {
	mpinBench(b, func(b *testing.B, fx *mpinFixture) {
		s := fx.p.Suite()
		pr, ok := s.(pairing.G2Preparer)
		if !ok {
			b.Skip("suite has no prepared pairing")
		}
		k, _ := s.RandomScalar(mpinRand("pair2"))
		ps := []pairing.G1{s.NewG1().ScalarMult(k, s.G1Generator()), s.G1Generator()}
		q1, err1 := pr.PrepareG2(s.G2Generator())
		q2, err2 := pr.PrepareG2(s.NewG2().ScalarMult(k, s.G2Generator()))
		if err := errors.Join(err1, err2); err != nil {
			b.Fatal(err)
		}
		qs := []pairing.PreparedG2{q1, q2}
		for b.Loop() {
			if _, err := pr.MultiPairPrepared(ps, qs); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkMPinG1Mult(b *testing.B) {
	mpinBench(b, func(b *testing.B, fx *mpinFixture) {
		s := fx.p.Suite()
		k, _ := s.RandomScalar(mpinRand("g1mult"))
		p := s.NewG1().ScalarMult(k, s.G1Generator())
		r := s.NewG1()
		for b.Loop() {
			r.ScalarMult(k, p)
		}
	})
}

// BenchmarkMPinDecodeG1 decodes a G1 point as the server decodes U, UT
// and V: encoding, curve equation and subgroup check.
func BenchmarkMPinDecodeG1(b *testing.B) {
	mpinBench(b, func(b *testing.B, fx *mpinFixture) {
		s := fx.p.Suite()
		k, _ := s.RandomScalar(mpinRand("decode"))
		enc := fx.p.EncodeG1(s.NewG1().ScalarMult(k, s.G1Generator()))
		for b.Loop() {
			if _, err := fx.p.DecodeG1(enc); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkMPinMapID hashes an identity to G1 with the profile's map
// (RFC 9380 encode_to_curve, or Milagro's try-and-increment map) and
// encodes the point; the server maps the identity and the permit day
// this way.
func BenchmarkMPinMapID(b *testing.B) {
	mpinBench(b, func(b *testing.B, fx *mpinFixture) {
		id := []byte("alice@example.com#0000")
		for i := 0; b.Loop(); i++ {
			id[len(id)-1] = byte('0' + i%10) // vary the try-and-increment path
			if _, err := fx.p.MapID(id); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkMPinHStar hashes an identity and a permit day to
// H* = H1(ID) + HT(day, ID), as a stateless verification with a permit
// does (two hashes to G1; in the Milagro profiles one joint cofactor
// clearing).
func BenchmarkMPinHStar(b *testing.B) {
	mpinBench(b, func(b *testing.B, fx *mpinFixture) {
		id := []byte("alice@example.com#0000")
		for i := 0; b.Loop(); i++ {
			id[len(id)-1] = byte('0' + i%10)
			if _, err := fx.p.HStar(id, mpinDay); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkMPinG1MultVarTime is a variable-time multiplication by a public
// scalar, as in y H*.
func BenchmarkMPinG1MultVarTime(b *testing.B) {
	mpinBench(b, func(b *testing.B, fx *mpinFixture) {
		s := fx.p.Suite()
		k, _ := s.RandomScalar(mpinRand("g1multvt"))
		p := s.NewG1().ScalarMult(k, s.G1Generator())
		r := s.NewG1()
		for b.Loop() {
			r.ScalarMultVarTime(k, p)
		}
	})
}

func BenchmarkMPinClientPass1(b *testing.B) {
	mpinBench(b, func(b *testing.B, fx *mpinFixture) {
		rng := mpinRand("pass1")
		for b.Loop() {
			if _, err := fx.client.Pass1(rng, mpinPIN, fx.permit); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkMPinClientPass2(b *testing.B) {
	mpinBench(b, func(b *testing.B, fx *mpinFixture) {
		rng := mpinRand("pass2")
		_, y, _ := twoPass(b, fx.p, fx.client, fx.permit, mpinPIN, "pass2-y")
		for b.Loop() {
			b.StopTimer()
			sess, err := fx.client.Pass1(rng, mpinPIN, fx.permit)
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

func BenchmarkMPinVerify(b *testing.B) {
	mpinBench(b, func(b *testing.B, fx *mpinFixture) {
		m, y, v := twoPass(b, fx.p, fx.client, nil, mpinPIN, "verify")
		for b.Loop() {
			if err := fx.plain.Verify(mpinNow, m, y, v); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkMPinVerifyPermit(b *testing.B) {
	mpinBench(b, func(b *testing.B, fx *mpinFixture) {
		m, y, v := twoPass(b, fx.p, fx.client, fx.permit, mpinPIN, "verify-permit")
		for b.Loop() {
			if err := fx.permits.Verify(mpinNow, m, y, v); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkMPinWrongPIN is a failed verification with the PIN error at the
// far end of the search (9999), diagnosis included.
func BenchmarkMPinWrongPIN(b *testing.B) {
	mpinBench(b, func(b *testing.B, fx *mpinFixture) {
		m, y, v := twoPass(b, fx.p, fx.wrongPIN, fx.permit, mpin.MaxPIN-1, "wrong-pin")
		for b.Loop() {
			var wp *mpin.WrongPINError
			if err := fx.permits.Verify(mpinNow, m, y, v); !errors.As(err, &wp) || wp.Delta != mpin.MaxPIN-1 {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkMPinFullClient is the client's side of M-Pin Full after its
// one-off precomputation: FullPass1 and FullPass2.
func BenchmarkMPinFullClient(b *testing.B) {
	mpinBench(b, func(b *testing.B, fx *mpinFixture) {
		rng := mpinRand("full-client")
		sess, err := fx.client.FullPass1(rng, mpinPIN, fx.permit)
		if err != nil {
			b.Fatal(err)
		}
		y, _, share, err := fx.permits.FullChallenge(rng, mpinNow, sess.Message())
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			sess, err := fx.client.FullPass1(rng, mpinPIN, fx.permit)
			if err != nil {
				b.Fatal(err)
			}
			if _, _, err := sess.FullPass2(y, share); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkMPinFullServer is the server's side of M-Pin Full:
// FullChallenge and VerifyFull.
func BenchmarkMPinFullServer(b *testing.B) {
	mpinBench(b, func(b *testing.B, fx *mpinFixture) {
		rng := mpinRand("full-server")
		sess, err := fx.client.FullPass1(rng, mpinPIN, fx.permit)
		if err != nil {
			b.Fatal(err)
		}
		m := sess.Message()
		y, w, share, err := fx.permits.FullChallenge(rng, mpinNow, m)
		if err != nil {
			b.Fatal(err)
		}
		v, _, err := sess.FullPass2(y, share)
		if err != nil {
			b.Fatal(err)
		}
		r := sess.R()
		for b.Loop() {
			if _, _, _, err := fx.permits.FullChallenge(rng, mpinNow, m); err != nil {
				b.Fatal(err)
			}
			if _, err := fx.permits.VerifyFull(mpinNow, m, r, y, w, v); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkMPinSessionVerify is the second pass of a two-pass run with a
// permit through a server session (Server.Begin at the first pass, untimed):
// decoding V, y H*, the check. It is what a server that keeps its sessions
// spends when V arrives.
func BenchmarkMPinSessionVerify(b *testing.B) {
	mpinBench(b, func(b *testing.B, fx *mpinFixture) {
		rng := mpinRand("session-verify")
		for b.Loop() {
			b.StopTimer()
			sess, err := fx.client.Pass1(rng, mpinPIN, fx.permit)
			if err != nil {
				b.Fatal(err)
			}
			ss, err := fx.permits.Begin(rng, mpinNow, sess.Message())
			if err != nil {
				b.Fatal(err)
			}
			v, err := sess.Pass2(ss.Challenge())
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			if _, err := ss.Verify(mpinNow, v); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkMPinSessionFull is the server's cryptography of an M-Pin Full
// run with a permit through a session, both passes timed: BeginFull
// (decoding and checking the first pass and R, y, w, W) and the session's
// Verify (V, the check, the key).
func BenchmarkMPinSessionFull(b *testing.B) {
	mpinBench(b, func(b *testing.B, fx *mpinFixture) {
		rng := mpinRand("session-full")
		for b.Loop() {
			b.StopTimer()
			sess, err := fx.client.FullPass1(rng, mpinPIN, fx.permit)
			if err != nil {
				b.Fatal(err)
			}
			m, r := sess.Message(), sess.R()
			b.StartTimer()
			ss, err := fx.permits.BeginFull(rng, mpinNow, m, r)
			if err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			v, _, err := sess.FullPass2(ss.Challenge(), ss.KeyShare())
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			if _, err := ss.Verify(mpinNow, v); err != nil {
				b.Fatal(err)
			}
		}
	})
}
