package mpin

import (
	"bytes"
	"crypto"
	"errors"
	"fmt"
	"math"
	"math/big"
	"testing"

	"github.com/cloudflare/circl/expander"
	"pgregory.net/rapid"
)

func TestErrorName(t *testing.T) {
	want := map[error]string{
		ErrUnsupported: "UNSUPPORTED", ErrUnknownProfile: "UNSUPPORTED",
		ErrInvalidArgument: "INVALID_ARGUMENT", ErrInvalidPIN: "INVALID_ARGUMENT",
		ErrInvalidFactor: "INVALID_ARGUMENT", ErrNoShares: "INVALID_ARGUMENT",
		ErrInvalidDay: "INVALID_ARGUMENT", ErrInvalidTime: "INVALID_ARGUMENT",
		ErrInvalidConfig: "INVALID_ARGUMENT", ErrNonCanonical: "NON_CANONICAL",
		ErrIdentity: "IDENTITY_POINT", ErrInvalidPoint: "INVALID_POINT",
		ErrInvalidScalar: "INVALID_SCALAR", ErrStale: "STALE_TIMEVALUE",
		ErrWrongDay: "WRONG_DAY", ErrExpiredPermit: "EXPIRED_PERMIT",
		ErrReplay: "REPLAY", ErrSessionUsed: "REPLAY", ErrBadPIN: "BAD_PIN",
		&WrongPINError{Delta: 3}: "BAD_PIN", ErrNotAClient: "NOT_A_CLIENT",
		nil: "OK", errors.New("other"): "",
	}
	for err, name := range want {
		if got := ErrorName(err); got != name {
			t.Errorf("ErrorName(%v) = %q, want %q", err, got, name)
		}
		if got := ErrorName(fmt.Errorf("context: %w", err)); err != nil && got != name {
			t.Errorf("wrapped %v: %q", err, got)
		}
		if err != nil && name != "" && !typed(err) {
			t.Errorf("%v matches more than one class", err)
		}
	}
}

func TestMasterShareFromSeed(t *testing.T) {
	seed := []byte("0123456789abcdef0123456789abcdef")
	seen := map[string]bool{}
	for _, p := range Profiles() {
		ms, err := p.MasterShareFromSeed(seed)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := p.MasterShareFromSeed(seed)
		if !bytes.Equal(ms, again) || len(ms) != p.ScalarSize() {
			t.Errorf("%s: not deterministic", p.Name())
		}
		// Independent recomputation with circl's expander and math/big.
		L := 48
		if p.c.name == "BLS12381" {
			L = 64
		}
		okm := expander.NewExpanderMD(crypto.SHA256, []byte("MPINKIT-V01-MASTER-SHARE_"+p.Name())).Expand(seed, uint(L))
		want := new(big.Int).Mod(new(big.Int).SetBytes(okm), orderOf(p))
		if new(big.Int).SetBytes(ms).Cmp(want) != 0 {
			t.Errorf("%s: share %x, want %x", p.Name(), ms, want)
		}
		if seen[string(ms)] {
			t.Errorf("%s: same share as another profile", p.Name())
		}
		seen[string(ms)] = true
		if _, err := p.MasterShareFromSeed(seed[:MinSeedSize-1]); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("short seed: %v", err)
		}
		if _, err := p.ServerSecretShare(ms); err != nil {
			t.Errorf("seeded share unusable: %v", err)
		}
	}
}

func TestExpandMessageXMDMatchesCircl(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		dst := rapid.SliceOfN(rapid.Byte(), 1, 255).Draw(t, "dst")
		msg := rapid.SliceOfN(rapid.Byte(), 0, 300).Draw(t, "msg")
		n := rapid.IntRange(1, 255*32).Draw(t, "n")
		split := rapid.IntRange(0, len(msg)).Draw(t, "split")
		got := expandMessageXMD(dst, n, msg[:split], msg[split:])
		want := expander.NewExpanderMD(crypto.SHA256, dst).Expand(msg, uint(n))
		if !bytes.Equal(got, want) {
			t.Fatalf("expand_message_xmd differs")
		}
	})
}

func TestGTEncoding(t *testing.T) {
	forEachProfile(t, func(t *testing.T, p *Profile) {
		s := p.suite
		g, _ := s.Pair(s.G1Generator(), s.G2Generator())
		b := p.EncodeGT(g)
		if len(b) != p.GTSize() {
			t.Fatalf("GT encoding of %d bytes", len(b))
		}
		d, err := p.DecodeGT(b)
		if err != nil || !d.Equal(g) {
			t.Fatalf("GT round trip: %v", err)
		}
		if _, err := p.DecodeGT(b[1:]); !errors.Is(err, ErrNonCanonical) {
			t.Errorf("short GT: %v", err)
		}
		big := append([]byte{}, b...)
		copy(big[p.fb:], p.pBytes) // coefficient 1 = p
		if _, err := p.DecodeGT(big); !errors.Is(err, ErrNonCanonical) {
			t.Errorf("coefficient p: %v", err)
		}
		notGT := append([]byte{}, b...)
		notGT[len(notGT)-1] ^= 1
		if _, err := p.DecodeGT(notGT); !errors.Is(err, ErrInvalidPoint) {
			t.Errorf("value outside GT: %v", err)
		}
		if _, err := p.RecoverPINError(b[1:], b); !errors.Is(err, ErrNonCanonical) {
			t.Errorf("RecoverPINError on bad E: %v", err)
		}
	})
}

// TestPINErrorValues checks E and F against REQ-MPIN-10.2 (E F^delta = 1)
// and the exported search.
func TestPINErrorValues(t *testing.T) {
	forEachProfile(t, func(t *testing.T, p *Profile) {
		rng := seeded(14)
		auth := newAuthority(t, p, rng, 2)
		id := []byte("zoe")
		c := auth.register(t, id, 2000)
		tp := auth.permit(t, id, testDay)
		s := auth.server(t, ServerConfig{TimePermits: true})
		for _, entered := range []int{2000, 1999, 2137, 0} {
			sess, _ := c.Pass1(rng, entered, tp)
			y, _ := s.Challenge(rng)
			v, _ := sess.Pass2(y)
			e, f, err := s.PINErrorValues(testNow, sess.Message(), y, v)
			if err != nil {
				t.Fatal(err)
			}
			delta := entered - 2000
			eg, _ := p.DecodeGT(e)
			fg, _ := p.DecodeGT(f)
			k := p.suite.NewScalar().SetUint64(uint64(abs(delta)))
			fd := p.suite.NewGT().Exp(fg, k)
			if delta < 0 {
				fd.Inverse(fd)
			}
			if !p.suite.NewGT().Mul(eg, fd).IsOne() {
				t.Errorf("E F^%d != 1", delta)
			}
			d, err := p.RecoverPINError(e, f)
			switch {
			case delta == 0 && !errors.Is(err, ErrNotAClient):
				t.Errorf("accepting run: %d, %v", d, err)
			case delta != 0 && (err != nil || d != delta):
				t.Errorf("RecoverPINError = %d, %v, want %d", d, err, delta)
			}
		}
		// A client of another authority: no delta.
		other := newAuthority(t, p, rng, 1)
		oc := other.register(t, id, 2000)
		sess, _ := oc.Pass1(rng, 2000, other.permit(t, id, testDay))
		y, _ := s.Challenge(rng)
		v, _ := sess.Pass2(y)
		e, f, err := s.PINErrorValues(testNow, sess.Message(), y, v)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.RecoverPINError(e, f); !errors.Is(err, ErrNotAClient) {
			t.Errorf("foreign client: %v", err)
		}
	})
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// TestRecoverPINErrorRange checks the search at and beyond the ends of its
// range with synthetic E = F^(-delta).
func TestRecoverPINErrorRange(t *testing.T) {
	p := mustLookup(t, BN254CXMilagro)
	s := p.suite
	f, _ := s.Pair(s.G1Generator(), s.G2Generator())
	for _, delta := range []int{1, -1, 141, -141, 142, -142, 9999, -9999, 10000, -10000, 20000, 0} {
		k := s.NewScalar().SetUint64(uint64(abs(delta)))
		e := s.NewGT().Exp(f, k)
		if delta > 0 {
			e.Inverse(e)
		}
		d, ok := recoverPINError(s, e, f)
		inRange := delta != 0 && abs(delta) < MaxPIN
		if ok != inRange || (ok && d != delta) {
			t.Errorf("delta %d: got %d, %v", delta, d, ok)
		}
	}
}

func TestEmptyIdentityRejected(t *testing.T) {
	for _, p := range Profiles() {
		if _, err := p.HashID(nil); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("%s HashID(empty): %v", p.Name(), err)
		}
		if _, err := p.MapID([]byte{}); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("%s MapID(empty): %v", p.Name(), err)
		}
	}
}

// TestHStar checks HStar against MapID + PermitPoint for every profile,
// and its argument checks.
func TestHStar(t *testing.T) {
	forEachProfile(t, func(t *testing.T, p *Profile) {
		for _, id := range []string{"alice@example.com", "b", "a much longer identity, with spaces and punctuation!"} {
			for _, day := range []int{1, testDay, 1<<31 - 1} {
				got, err := p.HStar([]byte(id), day)
				if err != nil {
					t.Fatal(err)
				}
				aEnc, err := p.MapID([]byte(id))
				if err != nil {
					t.Fatal(err)
				}
				hid, err := p.HashID([]byte(id))
				if err != nil {
					t.Fatal(err)
				}
				atEnc, err := p.PermitPoint(hid, day)
				if err != nil {
					t.Fatal(err)
				}
				a, _ := p.DecodeG1(aEnc)
				at, _ := p.DecodeG1(atEnc)
				if want := p.EncodeG1(at.Add(at, a)); !bytes.Equal(got, want) {
					t.Fatalf("HStar(%q, %d) = %x, want %x", id, day, got, want)
				}
			}
		}
		for _, day := range []int{0, -1, math.MinInt32} {
			if _, err := p.HStar([]byte("x"), day); !errors.Is(err, ErrInvalidDay) {
				t.Errorf("day %d: %v", day, err)
			}
		}
		if _, err := p.HStar(nil, testDay); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("empty identity: %v", err)
		}
	})
}
