package vectors

import (
	"errors"
	"fmt"

	"github.com/mpinkit/mpinkit/reference/mpin"
)

// Helpers shared by the protocol families (two-pass, one-pass, wrong PIN,
// M-Pin Full).

// serverConfig returns the server policy of a group.
func serverConfig(g *Group) mpin.ServerConfig {
	var cfg mpin.ServerConfig
	if g.TimePermits != nil {
		cfg.TimePermits = *g.TimePermits
	}
	cfg.PermitGrace = intOf(g.PermitGrace)
	cfg.OnePassWindow = intOf(g.OnePassWindow)
	return cfg
}

// groupServer builds the group's server.
func groupServer(p *mpin.Profile, g *Group) (*mpin.Server, error) {
	return p.NewServer(g.ServerSecret, serverConfig(g))
}

// serverGroup returns a group with an authority's server parameters.
func serverGroup(typ, comment string, a *authority, cfg mpin.ServerConfig) *Group {
	g := &Group{Type: typ, Comment: comment, MasterShares: hexes(a.masters), ServerSecret: a.serverSecret}
	permits := cfg.TimePermits
	g.TimePermits = &permits
	g.PermitGrace = i64(cfg.PermitGrace)
	if cfg.OnePassWindow != 0 {
		g.OnePassWindow = i64(cfg.OnePassWindow)
	}
	return g
}

// permitFrom returns the client's permit of a case, or nil.
func permitFrom(t *Test) *mpin.TimePermit {
	if t.PermitDay == nil && t.TimePermit == nil {
		return nil
	}
	return permitOf(t.PermitDay, t.TimePermit)
}

// messageFrom returns the first-pass message a server case receives.
func messageFrom(t *Test) *mpin.Pass1 {
	m := &mpin.Pass1{ID: t.ID, U: t.U, UT: t.UT}
	if t.Day != nil {
		m.Day = int(*t.Day)
	}
	return m
}

// serverOutcome compares a server's verdict with the case: the error name
// and, for BAD_PIN, the PIN error.
func serverOutcome(t *Test, err error) error {
	if err == nil {
		return accepted(t)
	}
	if e := rejected(t, err); e != nil {
		return e
	}
	if t.Delta != nil {
		var wp *mpin.WrongPINError
		if !errors.As(err, &wp) {
			return fmt.Errorf("rejected without a PIN error, want delta %d", *t.Delta)
		}
		if int64(wp.Delta) != *t.Delta {
			return fmt.Errorf("delta %d, want %d", wp.Delta, *t.Delta)
		}
	}
	return nil
}

// deltaOf returns the PIN error carried by err, if any.
func deltaOf(err error) *int64 {
	var wp *mpin.WrongPINError
	if errors.As(err, &wp) {
		return i64(int64(wp.Delta))
	}
	return nil
}

// record appends a case with the server's verdict err: valid when want
// is "", otherwise invalid with want, and the PIN error for BAD_PIN.
func (b *builder) record(g *Group, t *Test, err error, want string, rq []string, flags ...string) {
	if want == "" {
		if err != nil {
			b.fail("%s %q: the reference rejected a valid case: %v", g.Type, t.Comment, err)
		}
		b.valid(g, t, rq, flags...)
		return
	}
	t.Delta = deltaOf(err)
	b.invalid(g, t, err, want, rq, flags...)
}

// runCase is a client with its registration, for the run groups.
type runCase struct {
	comment string
	id      []byte
	secret  []byte
	shares  [][]byte // client-secret shares, listed for MismatchedShares
	regPIN  int64
	token   []byte
	pin     int64
	day     *int64 // permit day, nil without a permit
	permit  []byte
	flags   []string
}

// clientTest fills a case's client fields.
func (rc *runCase) clientTest() *Test {
	t := &Test{
		Comment:       rc.comment,
		ID:            rc.id,
		ClientSecret:  rc.secret,
		RegisteredPIN: i64(rc.regPIN),
		Token:         rc.token,
		PIN:           i64(rc.pin),
		PermitDay:     rc.day,
		TimePermit:    rc.permit,
	}
	if rc.shares != nil {
		t.ClientSecretShares = hexes(rc.shares)
	}
	return t
}

// newRunCase registers a client with a random PIN, and enters that PIN.
func (b *builder) newRunCase(a *authority, rng *drbg, id []byte, comment string) *runCase {
	pin := int64(rng.intn(10000))
	secret, token := a.register(id, pin)
	return &runCase{comment: comment, id: id, secret: secret, regPIN: pin, token: token, pin: pin}
}

// withPermit gives the case the authority's permit for a day.
func (rc *runCase) withPermit(a *authority, day int64) *runCase {
	rc.day = i64(day)
	rc.permit = a.permit(rc.id, day)
	return rc
}

// runIDs returns identities for the protocol runs.
func runIDs(rng *drbg, n int) [][]byte {
	names := []string{"alice@example.com", "bob@example.org", "carol", "dave@example.net", "erin@example.com", "frank", "grace@example.org", "heidi@example.com"}
	var out [][]byte
	for i := range n {
		if i < len(names) {
			out = append(out, []byte(names[i]))
		} else {
			out = append(out, []byte(fmt.Sprintf("user%04d@example.net", rng.intn(10000))))
		}
	}
	return out
}

// recombineOrFail adds shares for a generator case.
func (b *builder) recombineOrFail(shares ...[]byte) []byte {
	s, err := b.p.RecombineG1(shares...)
	b.ok(err, "RecombineG1")
	return s
}

// negMultiple returns the encoding of -k P for an encoded scalar k and
// an encoded point P: the U* that cancels a challenge.
func (b *builder) negMultiple(k, point []byte) []byte {
	s := b.p.Suite()
	kk, err := b.p.DecodeScalar(k)
	if !b.ok(err, "scalar") {
		return nil
	}
	pt, err := b.p.DecodeG1(point)
	if !b.ok(err, "point") {
		return nil
	}
	v := s.NewG1().ScalarMult(kk, pt)
	return b.p.EncodeG1(v.Neg(v))
}

// hStar returns the encoding of H*: A, or A + AT for a permit day.
func (b *builder) hStar(id []byte, day *int64) []byte {
	a, err := b.p.MapID(id)
	if !b.ok(err, "MapID") || day == nil {
		return a
	}
	hid, err := b.p.HashID(id)
	b.ok(err, "HashID")
	at, err := b.p.PermitPoint(hid, int(*day))
	b.ok(err, "PermitPoint")
	sum, err := b.p.RecombineG1(a, at)
	b.ok(err, "A + AT")
	return sum
}
