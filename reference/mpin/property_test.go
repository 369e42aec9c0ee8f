package mpin

import (
	"bytes"
	"errors"
	"testing"

	"pgregory.net/rapid"
)

// Property tests. Each draws a profile, a seed for the randomness and the
// parameters of the property; the protocol's own randomness comes from the
// seed, so failures shrink to a reproducible case.

func drawProfile(t *rapid.T) *Profile {
	names := []string{BN254CXMilagro, BLS12381Milagro, BLS12381Modern, BN254CXModern}
	p, err := Lookup(rapid.SampledFrom(names).Draw(t, "profile"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// shareSet issues every D-TA's shares for one identity.
type shareSet struct {
	auth                  *authority
	client, permit, serve [][]byte
}

func issueShares(t *rapid.T, p *Profile, n int, seed uint64, id []byte) *shareSet {
	auth := newAuthority(t, p, seeded(seed), n)
	hid, err := p.HashID(id)
	if err != nil {
		t.Fatal(err)
	}
	ss := &shareSet{auth: auth, serve: auth.serverShares}
	for _, ms := range auth.masters {
		cs, err := p.ClientSecretShare(ms, hid)
		if err != nil {
			t.Fatal(err)
		}
		tp, err := p.TimePermitShare(ms, hid, testDay)
		if err != nil {
			t.Fatal(err)
		}
		ss.client = append(ss.client, cs)
		ss.permit = append(ss.permit, tp)
	}
	return ss
}

// tryLogin recombines the given shares and runs a two-pass login.
func tryLogin(t *rapid.T, p *Profile, id []byte, pin int, client, permit, server [][]byte, seed uint64) error {
	cs, err := p.RecombineG1(client...)
	if err != nil {
		return err
	}
	sq, err := p.RecombineG2(server...)
	if err != nil {
		return err
	}
	token, err := p.ExtractPIN(cs, id, pin)
	if err != nil {
		t.Fatal(err)
	}
	c, err := p.NewClient(id, token)
	if err != nil {
		t.Fatal(err)
	}
	cfg := ServerConfig{TimePermits: permit != nil}
	s, err := p.NewServer(sq, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var tp *TimePermit
	if permit != nil {
		pt, err := p.RecombineG1(permit...)
		if err != nil {
			return err
		}
		tp = &TimePermit{Day: testDay, Point: pt}
	}
	return login(t, seeded(seed), c, s, pin, tp, testNow)
}

func TestPropSharesRecombine(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := drawProfile(t)
		n := rapid.IntRange(1, 4).Draw(t, "dtas")
		seed := rapid.Uint64().Draw(t, "seed")
		id := rapid.SliceOfN(rapid.Byte(), 1, 40).Draw(t, "id")
		pin := rapid.IntRange(0, MaxPIN-1).Draw(t, "pin")
		withPermit := rapid.Bool().Draw(t, "permit")
		ss := issueShares(t, p, n, seed, id)
		permit := func(sh [][]byte) [][]byte {
			if withPermit {
				return sh
			}
			return nil
		}
		// Any order of the shares gives the same secrets, and they work.
		perm := rapid.Permutation(ss.client).Draw(t, "order")
		a, _ := p.RecombineG1(ss.client...)
		b, _ := p.RecombineG1(perm...)
		if !bytes.Equal(a, b) {
			t.Fatal("recombination depends on the order")
		}
		if err := tryLogin(t, p, id, pin, ss.client, permit(ss.permit), ss.serve, seed); err != nil {
			t.Fatalf("all %d shares: %v", n, err)
		}
		if n == 1 {
			return
		}
		// Dropping one share of any kind fails.
		i := rapid.IntRange(0, n-1).Draw(t, "dropped")
		drop := func(sh [][]byte) [][]byte {
			return append(append([][]byte{}, sh[:i]...), sh[i+1:]...)
		}
		kind := rapid.IntRange(0, 2).Draw(t, "kind")
		if kind == 1 && !withPermit {
			kind = 0
		}
		var err error
		switch kind {
		case 0:
			err = tryLogin(t, p, id, pin, drop(ss.client), permit(ss.permit), ss.serve, seed)
		case 1:
			err = tryLogin(t, p, id, pin, ss.client, drop(ss.permit), ss.serve, seed)
		case 2:
			err = tryLogin(t, p, id, pin, ss.client, permit(ss.permit), drop(ss.serve), seed)
		}
		if !errors.Is(err, ErrNotAClient) {
			t.Fatalf("share %d of kind %d dropped: %v", i, kind, err)
		}
	})
}

func TestPropAlteredShareFails(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := drawProfile(t)
		n := rapid.IntRange(1, 3).Draw(t, "dtas")
		seed := rapid.Uint64().Draw(t, "seed")
		id := []byte("mallory")
		ss := issueShares(t, p, n, seed, id)
		i := rapid.IntRange(0, n-1).Draw(t, "altered")
		// A share from an outsider's master secret, or for another identity.
		outsider := issueShares(t, p, 1, seed+1, id)
		otherID := issueShares(t, p, n, seed, []byte("mallory2"))
		client := append([][]byte{}, ss.client...)
		server := append([][]byte{}, ss.serve...)
		switch rapid.IntRange(0, 2).Draw(t, "how") {
		case 0:
			client[i] = outsider.client[0]
		case 1:
			client[i] = otherID.client[i]
		case 2:
			server[i] = outsider.serve[0]
		}
		err := tryLogin(t, p, id, 1111, client, nil, server, seed)
		if !errors.Is(err, ErrNotAClient) && !errors.Is(err, ErrIdentity) {
			t.Fatalf("altered share: %v", err)
		}
	})
}

func TestPropWrongPINDelta(t *testing.T) {
	fixtures := map[string]*Client{}
	servers := map[string]*Server{}
	for _, p := range Profiles() {
		auth := newAuthority(t, p, seeded(20), 2)
		fixtures[p.Name()] = auth.register(t, []byte("oscar"), 0)
		servers[p.Name()] = auth.server(t, ServerConfig{})
	}
	rapid.Check(t, func(t *rapid.T) {
		p := drawProfile(t)
		reg := rapid.IntRange(0, MaxPIN-1).Draw(t, "registered")
		entered := rapid.IntRange(0, MaxPIN-1).Draw(t, "entered")
		// Re-extract the registered PIN from the fixture's secret.
		c0 := fixtures[p.Name()]
		cs, _ := p.RestorePIN(p.EncodeG1(c0.token), c0.id, 0)
		token, err := p.ExtractPIN(cs, c0.id, reg)
		if err != nil {
			t.Fatal(err)
		}
		c, err := p.NewClient(c0.id, token)
		if err != nil {
			t.Fatal(err)
		}
		err = login(t, seeded(uint64(reg*MaxPIN+entered)), c, servers[p.Name()], entered, nil, testNow)
		if reg == entered {
			if err != nil {
				t.Fatalf("correct PIN: %v", err)
			}
			return
		}
		var wp *WrongPINError
		if !errors.As(err, &wp) || wp.Delta != entered-reg {
			t.Fatalf("registered %d, entered %d: %v", reg, entered, err)
		}
	})
}

func TestPropOnePassWindow(t *testing.T) {
	type fixture struct {
		c *Client
		s map[int64]*Server
	}
	fx := map[string]*fixture{}
	windows := []int64{1, 5, 30, 60, 300}
	for _, p := range Profiles() {
		auth := newAuthority(t, p, seeded(21), 1)
		f := &fixture{c: auth.register(t, []byte("peggy"), 31), s: map[int64]*Server{}}
		for _, w := range windows {
			f.s[w] = auth.server(t, ServerConfig{OnePassWindow: w})
		}
		fx[p.Name()] = f
	}
	rapid.Check(t, func(t *rapid.T) {
		p := drawProfile(t)
		w := rapid.SampledFrom(windows).Draw(t, "window")
		tv := rapid.Int64Range(2*w, 1<<31-1).Draw(t, "timeValue") // server time stays positive
		off := rapid.Int64Range(-2*w, 2*w).Draw(t, "offset")
		f := fx[p.Name()]
		op, err := f.c.OnePass(seeded(uint64(tv)), 31, nil, tv, nil)
		if err != nil {
			t.Fatal(err)
		}
		err = f.s[w].VerifyOnePass(tv+off, op)
		inside := off >= -w && off <= w
		switch {
		case inside && err != nil:
			t.Fatalf("offset %d inside window %d: %v", off, w, err)
		case !inside && !errors.Is(err, ErrStale):
			t.Fatalf("offset %d outside window %d: %v", off, w, err)
		}
	})
}

// TestPropCorruptedInputs corrupts one field of a valid two-pass run and
// checks that the server refuses it with a typed error.
func TestPropCorruptedInputs(t *testing.T) {
	type fixture struct {
		m    *Pass1
		y, v []byte
		s    *Server
	}
	fx := map[string]*fixture{}
	for _, p := range Profiles() {
		rng := seeded(22)
		auth := newAuthority(t, p, rng, 2)
		id := []byte("trent")
		c := auth.register(t, id, 5)
		sess, err := c.Pass1(rng, 5, auth.permit(t, id, testDay))
		if err != nil {
			t.Fatal(err)
		}
		s := auth.server(t, ServerConfig{TimePermits: true})
		y, _ := s.Challenge(rng)
		v, err := sess.Pass2(y)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Verify(testNow, sess.Message(), y, v); err != nil {
			t.Fatal(err)
		}
		fx[p.Name()] = &fixture{m: sess.Message(), y: y, v: v, s: s}
	}
	rapid.Check(t, func(t *rapid.T) {
		p := drawProfile(t)
		f := fx[p.Name()]
		m := *f.m
		y, v := f.y, f.v
		i := rapid.IntRange(0, 1<<20).Draw(t, "index")
		mask := rapid.Byte().Draw(t, "mask")
		field := rapid.SampledFrom([]string{"ID", "U", "UT", "Day", "y", "V", "truncate V", "extend y"}).Draw(t, "field")
		switch field {
		case "ID":
			m.ID = flip(m.ID, i, mask)
		case "U":
			m.U = flip(m.U, i, mask)
		case "UT":
			m.UT = flip(m.UT, i, mask)
		case "Day":
			m.Day += 1 + i%1000
			if mask&1 == 1 {
				m.Day = -m.Day
			}
		case "y":
			y = flip(y, i, mask)
		case "V":
			v = flip(v, i, mask)
		case "truncate V":
			v = v[:i%len(v)]
		case "extend y":
			y = append(append([]byte{}, y...), mask)
		}
		err := f.s.Verify(testNow, &m, y, v)
		if err == nil {
			t.Fatalf("corrupted %s accepted", field)
		}
		if !typed(err) {
			t.Fatalf("corrupted %s: untyped error %v", field, err)
		}
	})
}

func TestPropFullAgreement(t *testing.T) {
	clients := map[string]*Client{}
	servers := map[string]*Server{}
	auths := map[string]*authority{}
	for _, p := range Profiles() {
		auth := newAuthority(t, p, seeded(23), 2)
		auths[p.Name()] = auth
		clients[p.Name()] = auth.register(t, []byte("victor"), 8080)
		servers[p.Name()] = auth.server(t, ServerConfig{TimePermits: true})
	}
	rapid.Check(t, func(t *rapid.T) {
		p := drawProfile(t)
		c, s := clients[p.Name()], servers[p.Name()]
		rng := seeded(rapid.Uint64().Draw(t, "seed"))
		tp := auths[p.Name()].permit(t, c.id, testDay)
		sess, err := c.FullPass1(rng, 8080, tp)
		if err != nil {
			t.Fatal(err)
		}
		m := sess.Message()
		y, w, share, err := s.FullChallenge(rng, testNow, m)
		if err != nil {
			t.Fatal(err)
		}
		v, kc, err := sess.FullPass2(y, share)
		if err != nil {
			t.Fatal(err)
		}
		ks, err := s.VerifyFull(testNow, m, sess.R(), y, w, v)
		if err != nil || !bytes.Equal(kc, ks) {
			t.Fatalf("keys %x / %x, %v", kc, ks, err)
		}
	})
}
