package mpin

import (
	"errors"
	"io"
	"math/rand/v2"
)

// Test fixtures: a deterministic randomness source, an authority of N
// D-TAs, and registered clients.

// testDay is the day the fixtures live in (2024-06-01), and testNow noon
// of it.
const (
	testDay = 19875
	testNow = int64(testDay)*SecondsPerDay + 12*3600
)

// tb is what the fixtures need of a *testing.T, *testing.B or *rapid.T.
type tb interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
}

// seeded returns a deterministic io.Reader.
func seeded(seed uint64) io.Reader {
	var key [32]byte
	for i := range 8 {
		key[i] = byte(seed >> (8 * i))
	}
	return rand.NewChaCha8(key)
}

// authority is a set of D-TAs and the server secret they give.
type authority struct {
	p            *Profile
	masters      [][]byte
	serverShares [][]byte
	serverSecret []byte
}

func newAuthority(t tb, p *Profile, rng io.Reader, n int) *authority {
	t.Helper()
	a := &authority{p: p}
	for range n {
		ms, err := p.GenerateMasterShare(rng)
		if err != nil {
			t.Fatal(err)
		}
		ss, err := p.ServerSecretShare(ms)
		if err != nil {
			t.Fatal(err)
		}
		a.masters = append(a.masters, ms)
		a.serverShares = append(a.serverShares, ss)
	}
	var err error
	if a.serverSecret, err = p.RecombineG2(a.serverShares...); err != nil {
		t.Fatal(err)
	}
	return a
}

func (a *authority) server(t tb, cfg ServerConfig) *Server {
	t.Helper()
	s, err := a.p.NewServer(a.serverSecret, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// clientSecret issues the shares of a client secret and adds them.
func (a *authority) clientSecret(t tb, id []byte) []byte {
	t.Helper()
	hid, err := a.p.HashID(id)
	if err != nil {
		t.Fatal(err)
	}
	var shares [][]byte
	for _, ms := range a.masters {
		cs, err := a.p.ClientSecretShare(ms, hid)
		if err != nil {
			t.Fatal(err)
		}
		shares = append(shares, cs)
	}
	cs, err := a.p.RecombineG1(shares...)
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// permit issues the shares of a time permit and adds them.
func (a *authority) permit(t tb, id []byte, day int) *TimePermit {
	t.Helper()
	hid, err := a.p.HashID(id)
	if err != nil {
		t.Fatal(err)
	}
	var shares [][]byte
	for _, ms := range a.masters {
		tp, err := a.p.TimePermitShare(ms, hid, day)
		if err != nil {
			t.Fatal(err)
		}
		shares = append(shares, tp)
	}
	tp, err := a.p.RecombineG1(shares...)
	if err != nil {
		t.Fatal(err)
	}
	return &TimePermit{Day: day, Point: tp}
}

// register issues a client secret for id, extracts pin and returns the
// client.
func (a *authority) register(t tb, id []byte, pin int) *Client {
	t.Helper()
	token, err := a.p.ExtractPIN(a.clientSecret(t, id), id, pin)
	if err != nil {
		t.Fatal(err)
	}
	c, err := a.p.NewClient(id, token)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// login runs a two-pass authentication and returns the server's verdict.
func login(t tb, rng io.Reader, c *Client, s *Server, pin int, permit *TimePermit, now int64) error {
	t.Helper()
	sess, err := c.Pass1(rng, pin, permit)
	if err != nil {
		t.Fatal(err)
	}
	y, err := s.Challenge(rng)
	if err != nil {
		t.Fatal(err)
	}
	v, err := sess.Pass2(y)
	if err != nil {
		t.Fatal(err)
	}
	return s.Verify(now, sess.Message(), y, v)
}

// classes are the error classes; every failure matches exactly one.
var classes = []error{
	ErrUnsupported, ErrInvalidArgument, ErrNonCanonical, ErrIdentity, ErrInvalidPoint,
	ErrInvalidScalar, ErrStale, ErrWrongDay, ErrExpiredPermit, ErrReplay, ErrBadPIN,
	ErrNotAClient,
}

// typed reports whether err matches exactly one of the package's classes.
func typed(err error) bool {
	n := 0
	for _, c := range classes {
		if errors.Is(err, c) {
			n++
		}
	}
	return n == 1
}

// flip returns a copy of b with one byte changed (b must not be empty).
func flip(b []byte, i int, mask byte) []byte {
	c := append([]byte(nil), b...)
	if mask == 0 {
		mask = 1
	}
	c[i%len(c)] ^= mask
	return c
}
