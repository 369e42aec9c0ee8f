package vectors

import (
	"fmt"

	"github.com/mpinkit/mpinkit/reference/mpin"
)

// Days and times the protocol vectors live in: day 20454 is 2026-01-01,
// and noon is 12:00:00 UTC of it.
const (
	baseDay  = 20454
	baseNoon = int64(baseDay)*mpin.SecondsPerDay + 12*3600
	maxInt31 = 1<<31 - 1
)

// builder collects one file's groups. Generation steps record the first
// failure in err and carry on; render reports it.
type builder struct {
	p    *mpin.Profile
	rng  *drbg
	file *File
	used map[string]bool
	err  error
}

// fail records a generation failure.
func (b *builder) fail(format string, args ...any) {
	if b.err == nil {
		b.err = fmt.Errorf("%w: %s", ErrGenerate, fmt.Sprintf(format, args...))
	}
}

// ok records err, if any, as a failure of the named step.
func (b *builder) ok(err error, what string) bool {
	if err != nil {
		b.fail("%s: %v", what, err)
		return false
	}
	return true
}

// group appends a group to the file and returns it.
func (b *builder) group(g *Group) *Group {
	b.file.TestGroups = append(b.file.TestGroups, g)
	return g
}

// valid appends a valid case.
func (b *builder) valid(g *Group, t *Test, reqs []string, flags ...string) {
	t.Result = Valid
	t.Reqs = reqs
	t.Flags = flags
	g.Tests = append(g.Tests, t)
}

// invalid appends an invalid case whose reference error was err. The
// case records the reference's canonical name; generation fails unless it
// is want.
func (b *builder) invalid(g *Group, t *Test, err error, want string, reqs []string, flags ...string) {
	name := mpin.ErrorName(err)
	if err == nil || name != want {
		b.fail("%s %q: the reference gave %s (%v), want %s", g.Type, t.Comment, name, err, want)
	}
	t.Result = Invalid
	t.Error = name
	t.Reqs = reqs
	t.Flags = flags
	g.Tests = append(g.Tests, t)
}

// i64 returns a pointer to v.
func i64(v int64) *int64 { return &v }

// hexes converts byte slices.
func hexes(bs [][]byte) []HexBytes {
	out := make([]HexBytes, len(bs))
	for i, v := range bs {
		out[i] = v
	}
	return out
}

// reqs is shorthand for a list of requirement IDs: reqs("7.1", "9.1")
// gives REQ-MPIN-7.1, REQ-MPIN-9.1.
func reqs(ids ...string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = "REQ-MPIN-" + id
	}
	return out
}

// negScalar returns the encoding of -k mod r.
func (b *builder) negScalar(enc []byte) []byte {
	s, err := b.p.DecodeScalar(enc)
	if !b.ok(err, "decode scalar") {
		return enc
	}
	return b.p.EncodeScalar(b.p.Suite().NewScalar().Neg(s))
}

// randG1 returns the encoding of k P for a random k.
func (b *builder) randG1(rng *drbg) []byte {
	s := b.p.Suite()
	k, err := b.p.DecodeScalar(rng.scalar(b.p))
	if !b.ok(err, "random scalar") {
		return nil
	}
	return b.p.EncodeG1(s.NewG1().ScalarMult(k, s.G1Generator()))
}

// authority is a set of D-TAs with seeded master shares.
type authority struct {
	b            *builder
	masters      [][]byte
	serverShares [][]byte
	serverSecret []byte
}

// newAuthority makes n D-TAs from seeds drawn from rng.
func (b *builder) newAuthority(rng *drbg, n int) *authority {
	a := &authority{b: b}
	for range n {
		ms, err := b.p.MasterShareFromSeed(rng.bytes(32))
		b.ok(err, "master share")
		ss, err := b.p.ServerSecretShare(ms)
		b.ok(err, "server-secret share")
		a.masters = append(a.masters, ms)
		a.serverShares = append(a.serverShares, ss)
	}
	var err error
	a.serverSecret, err = b.p.RecombineG2(a.serverShares...)
	b.ok(err, "server secret")
	return a
}

// hashID returns the hashed identity.
func (a *authority) hashID(id []byte) []byte {
	hid, err := a.b.p.HashID(id)
	a.b.ok(err, "hash identity")
	return hid
}

// clientSecret issues and recombines the shares of a client secret.
func (a *authority) clientSecret(id []byte) (secret []byte, shares [][]byte) {
	hid := a.hashID(id)
	for _, ms := range a.masters {
		cs, err := a.b.p.ClientSecretShare(ms, hid)
		a.b.ok(err, "client-secret share")
		shares = append(shares, cs)
	}
	secret, err := a.b.p.RecombineG1(shares...)
	a.b.ok(err, "client secret")
	return secret, shares
}

// permit issues and recombines the shares of a time permit.
func (a *authority) permit(id []byte, day int64) []byte {
	hid := a.hashID(id)
	var shares [][]byte
	for _, ms := range a.masters {
		tp, err := a.b.p.TimePermitShare(ms, hid, int(day))
		a.b.ok(err, "time-permit share")
		shares = append(shares, tp)
	}
	tp, err := a.b.p.RecombineG1(shares...)
	a.b.ok(err, "time permit")
	return tp
}

// register issues a client secret and extracts a PIN.
func (a *authority) register(id []byte, pin int64) (secret, token []byte) {
	secret, _ = a.clientSecret(id)
	token, err := a.b.p.ExtractPIN(secret, id, int(pin))
	a.b.ok(err, "extract PIN")
	return secret, token
}

// server returns a server for the authority.
func (a *authority) server(cfg mpin.ServerConfig) *mpin.Server {
	s, err := a.b.p.NewServer(a.serverSecret, cfg)
	a.b.ok(err, "server")
	return s
}

// permitOf builds the reference's permit value.
func permitOf(day *int64, point []byte) *mpin.TimePermit {
	if day == nil && point == nil {
		return nil
	}
	tp := &mpin.TimePermit{Point: point}
	if day != nil {
		tp.Day = int(*day)
	}
	return tp
}
