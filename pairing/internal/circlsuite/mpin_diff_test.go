package circlsuite_test

// The differential test of the M-Pin reference: the modern BLS12-381
// profile computed over pairing/bls12381 and over circl gives the same
// transcripts (every encoded message and key) and the same verdicts on
// random runs. It lives here, not in reference/mpin, because Go lets only
// packages under pairing/ import pairing/internal/circlsuite.

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/mpinkit/mpinkit/pairing/bls12381"
	"github.com/mpinkit/mpinkit/pairing/internal/circlsuite"
	"github.com/mpinkit/mpinkit/reference/mpin"
	"pgregory.net/rapid"
)

func seeded(seed uint64) io.Reader {
	var key [32]byte
	for i := range 8 {
		key[i] = byte(seed >> (8 * i))
	}
	return rand.NewChaCha8(key)
}

// scenario is one randomly drawn M-Pin deployment and login.
type scenario struct {
	seed            uint64
	dtas            int
	id              []byte
	pin, entered    int
	permits         bool
	day             int
	timeValue       int64
	message         []byte
	serverTimeShift int64 // added to the server's clock
}

// transcript records every value a run produces, as text lines.
type transcript []string

func (tr *transcript) add(label string, b []byte) {
	*tr = append(*tr, label+"="+hex.EncodeToString(b))
}

// verdict names an error by its canonical class, so that messages from
// different pairing libraries compare equal.
func verdict(err error) string {
	var wp *mpin.WrongPINError
	if errors.As(err, &wp) {
		return fmt.Sprintf("BAD_PIN by %d", wp.Delta)
	}
	if name := mpin.ErrorName(err); name != "" {
		return name
	}
	return "untyped: " + err.Error()
}

// run plays the scenario with profile p. Failures of the set-up steps are
// recorded in the transcript too, so that they are compared as well.
func run(p *mpin.Profile, sc scenario) (tr transcript) {
	rng := seeded(sc.seed)
	fail := func(step string, err error) transcript {
		return append(tr, step+": "+verdict(err))
	}
	var masters, sShares [][]byte
	for i := range sc.dtas {
		ms, err := p.GenerateMasterShare(rng)
		if err != nil {
			return fail("master", err)
		}
		ss, err := p.ServerSecretShare(ms)
		if err != nil {
			return fail("server share", err)
		}
		tr.add(fmt.Sprintf("MS%d", i), ms)
		tr.add(fmt.Sprintf("SS%d", i), ss)
		masters, sShares = append(masters, ms), append(sShares, ss)
	}
	sq, err := p.RecombineG2(sShares...)
	if err != nil {
		return fail("server secret", err)
	}
	tr.add("SERVER_SECRET", sq)
	hid, err := p.HashID(sc.id)
	if err != nil {
		return fail("hash id", err)
	}
	tr.add("HASH_ID", hid)
	var cShares, tShares [][]byte
	for i, ms := range masters {
		cs, err := p.ClientSecretShare(ms, hid)
		if err != nil {
			return fail("client share", err)
		}
		tr.add(fmt.Sprintf("CS%d", i), cs)
		cShares = append(cShares, cs)
		if sc.permits {
			tp, err := p.TimePermitShare(ms, hid, sc.day)
			if err != nil {
				return fail("permit share", err)
			}
			tr.add(fmt.Sprintf("TP%d", i), tp)
			tShares = append(tShares, tp)
		}
	}
	cs, err := p.RecombineG1(cShares...)
	if err != nil {
		return fail("client secret", err)
	}
	tr.add("CLIENT_SECRET", cs)
	var permit *mpin.TimePermit
	if sc.permits {
		tp, err := p.RecombineG1(tShares...)
		if err != nil {
			return fail("permit", err)
		}
		tr.add("TIME_PERMIT", tp)
		permit = &mpin.TimePermit{Day: sc.day, Point: tp}
	}
	token, err := p.ExtractPIN(cs, sc.id, sc.pin)
	if err != nil {
		return fail("token", err)
	}
	tr.add("TOKEN", token)
	c, err := p.NewClient(sc.id, token)
	if err != nil {
		return fail("client", err)
	}
	s, err := p.NewServer(sq, mpin.ServerConfig{TimePermits: sc.permits, PermitGrace: 3600, OnePassWindow: 120})
	if err != nil {
		return fail("server", err)
	}
	now := sc.timeValue + sc.serverTimeShift

	// Two-pass.
	sess, err := c.Pass1(rng, sc.entered, permit)
	if err != nil {
		return fail("pass 1", err)
	}
	m := sess.Message()
	tr.add("U", m.U)
	tr.add("UT", m.UT)
	tr.add("SEC", sess.Secret())
	y, err := s.Challenge(rng)
	if err != nil {
		return fail("challenge", err)
	}
	tr.add("Y", y)
	v, err := sess.Pass2(y)
	if err != nil {
		return fail("pass 2", err)
	}
	tr.add("V", v)
	tr = append(tr, "two-pass: "+verdict(s.Verify(now, m, y, v)))

	// One-pass.
	op, err := c.OnePass(rng, sc.entered, permit, sc.timeValue, sc.message)
	if err != nil {
		return fail("one-pass", err)
	}
	tr.add("1P-U", op.U)
	tr.add("1P-UT", op.UT)
	tr.add("1P-V", op.V)
	y1, _ := p.OnePassChallenge(op.TimeValue, op.U, op.UT, op.Message)
	tr.add("1P-Y", y1)
	tr = append(tr, "one-pass: "+verdict(s.VerifyOnePass(now, op)))

	// M-Pin Full.
	fs, err := c.FullPass1(rng, sc.entered, permit)
	if err != nil {
		return fail("full pass 1", err)
	}
	fm := fs.Message()
	tr.add("F-U", fm.U)
	tr.add("F-UT", fm.UT)
	tr.add("F-R", fs.R())
	fy, fw, fW, err := s.FullChallenge(rng, now, fm)
	if err != nil {
		return fail("full challenge", err)
	}
	tr.add("F-Y", fy)
	tr.add("F-w", fw)
	tr.add("F-W", fW)
	fv, kc, err := fs.FullPass2(fy, fW)
	if err != nil {
		return fail("full pass 2", err)
	}
	tr.add("F-V", fv)
	tr.add("F-Kc", kc)
	ks, err := s.VerifyFull(now, fm, fs.R(), fy, fw, fv)
	tr.add("F-Ks", ks)
	tr = append(tr, "full: "+verdict(err))
	return tr
}

func TestModernProfileMatchesCircl(t *testing.T) {
	ours, err := mpin.Lookup(mpin.BLS12381Modern)
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := mpin.NewProfile(mpin.BLS12381Modern, circlsuite.Suite())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := mpin.NewProfile(mpin.BLS12381Modern, bls12381.Suite()); err != nil {
		t.Fatal(err)
	}
	verdicts := map[string]int{}
	rapid.Check(t, func(t *rapid.T) {
		day := rapid.IntRange(1, 24000).Draw(t, "day") // time values stay below 2^31
		sc := scenario{
			seed:            rapid.Uint64().Draw(t, "seed"),
			dtas:            rapid.IntRange(1, 3).Draw(t, "dtas"),
			id:              rapid.SliceOfN(rapid.Byte(), 1, 32).Draw(t, "id"),
			pin:             rapid.IntRange(0, 9999).Draw(t, "pin"),
			permits:         rapid.Bool().Draw(t, "permits"),
			day:             day,
			timeValue:       int64(day)*86400 + rapid.Int64Range(0, 86399).Draw(t, "second"),
			message:         rapid.SliceOfN(rapid.Byte(), 0, 16).Draw(t, "message"),
			serverTimeShift: rapid.SampledFrom([]int64{0, 0, 0, 5, -90, 200, 86400}).Draw(t, "shift"),
		}
		sc.entered = sc.pin
		if rapid.IntRange(0, 3).Draw(t, "wrongPIN") == 0 {
			sc.entered = rapid.IntRange(0, 9999).Draw(t, "entered")
		}
		a, b := run(ours, sc), run(theirs, sc)
		if len(a) != len(b) {
			t.Fatalf("transcripts of %d and %d lines:\n%v\n%v", len(a), len(b), a, b)
		}
		for i := range a {
			if a[i] != b[i] {
				t.Fatalf("line %d differs:\n ours  %s\n circl %s", i, a[i], b[i])
			}
		}
		verdicts[a[len(a)-1]]++
	})
	t.Logf("M-Pin Full verdicts seen: %v", verdicts)
}
