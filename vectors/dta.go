package vectors

import (
	"fmt"

	"github.com/mpinkit/mpinkit/reference/mpin"
)

func buildDTA(b *builder) {
	p := b.p
	s := p.Suite()
	c := newCurveMath(p)

	// Seeded master shares.
	rng := b.rng.fork("MasterShareFromSeed")
	g := b.group(&Group{Type: "MasterShareFromSeed", Comment: "s_i = OS2IP(expand_message_xmd(seed, \"MPINKIT-V01-MASTER-SHARE_\" || suite, L)) mod r"})
	for i, n := range []int{32, 32, 33, 48, 64, 100, 32, 256} {
		seed := rng.bytes(n)
		ms, err := p.MasterShareFromSeed(seed)
		b.ok(err, "MasterShareFromSeed")
		var flags []string
		if i == 0 {
			flags = []string{FlagEdgeValue}
		}
		b.valid(g, &Test{Comment: fmt.Sprintf("seed of %d octets", n), Seed: seed, MasterShare: ms}, reqs("3.3"), flags...)
	}
	for _, n := range []int{31, 16, 1, 0} {
		seed := rng.bytes(n)
		_, err := p.MasterShareFromSeed(seed)
		b.invalid(g, &Test{Comment: fmt.Sprintf("seed of %d octets", n), Seed: seed}, err, "INVALID_ARGUMENT", reqs("3.3"), FlagShortSeed)
	}

	// Issuance by N D-TAs.
	ids := sampleIDs(b.rng.fork("ids"))
	for _, n := range []int{1, 2, 3} {
		rng := b.rng.fork(fmt.Sprintf("DtaIssuance/%d", n))
		g := b.group(&Group{Type: "DtaIssuance", N: &n, Comment: fmt.Sprintf("%d D-TA(s): every share and the recombined secrets", n)})
		for i := range 6 {
			a := b.newAuthority(rng, n)
			ic := ids[rng.intn(len(ids))]
			day := int64(baseDay - 3 + rng.intn(7))
			hid := a.hashID(ic.id)
			t := &Test{
				Comment:            fmt.Sprintf("issuance %d: %s, day %d", i+1, ic.comment, day),
				MasterShares:       hexes(a.masters),
				ID:                 ic.id,
				HashedID:           hid,
				Day:                i64(day),
				ServerSecretShares: hexes(a.serverShares),
				ServerSecret:       a.serverSecret,
			}
			secret, shares := a.clientSecret(ic.id)
			t.ClientSecretShares, t.ClientSecret = hexes(shares), secret
			var tps [][]byte
			for _, ms := range a.masters {
				tp, err := p.TimePermitShare(ms, hid, int(day))
				b.ok(err, "TimePermitShare")
				tps = append(tps, tp)
			}
			tp, err := p.RecombineG1(tps...)
			b.ok(err, "RecombineG1")
			t.TimePermitShares, t.TimePermit = hexes(tps), tp
			b.valid(g, t, reqs("3.1", "3.4", "3.5", "3.7", "6.2"))
		}
	}

	// Single issuance operations.
	rng = b.rng.fork("shares")
	hid, err := p.HashID([]byte("alice@example.com"))
	b.ok(err, "HashID")
	badMasters := c.badScalars(false)

	g = b.group(&Group{Type: "ServerSecretShare", Comment: "master share s_i -> server-secret share s_i Q"})
	for i, ms := range [][]byte{scalarSmall(p, 1), scalarMinusOne(p), rng.scalar(p), rng.scalar(p), rng.scalar(p)} {
		ss, err := p.ServerSecretShare(ms)
		b.ok(err, "ServerSecretShare")
		comment, flags := shareComment(i)
		b.valid(g, &Test{Comment: comment, MasterShare: ms, Share: ss}, reqs("3.4", g2Req(p)), flags...)
	}
	for _, be := range badMasters {
		_, err := p.ServerSecretShare(be.enc)
		b.invalid(g, &Test{Comment: "master share: " + be.comment, MasterShare: be.enc}, err, be.want, append(reqs("3.2"), be.reqs...), be.flags...)
	}

	g = b.group(&Group{Type: "ClientSecretShare", Comment: "master share s_i and hashed identity -> client-secret share s_i A"})
	for i, ms := range [][]byte{scalarSmall(p, 1), scalarMinusOne(p), rng.scalar(p), rng.scalar(p), rng.scalar(p)} {
		ic := ids[rng.intn(len(ids))]
		h, err := p.HashID(ic.id)
		b.ok(err, "HashID")
		cs, err := p.ClientSecretShare(ms, h)
		b.ok(err, "ClientSecretShare")
		comment, flags := shareComment(i)
		b.valid(g, &Test{Comment: comment + ", " + ic.comment, MasterShare: ms, HashedID: h, Share: cs}, reqs("3.5", "3.6"), flags...)
	}
	ms := rng.scalar(p)
	for _, be := range badMasters {
		_, err := p.ClientSecretShare(be.enc, hid)
		b.invalid(g, &Test{Comment: "master share: " + be.comment, MasterShare: be.enc, HashedID: hid}, err, be.want, append(reqs("3.2"), be.reqs...), be.flags...)
	}
	for _, be := range badHashedIDs(c, rng, hid) {
		_, err := p.ClientSecretShare(ms, be.enc)
		b.invalid(g, &Test{Comment: "hashed identity: " + be.comment, MasterShare: ms, HashedID: be.enc}, err, be.want, be.reqs, be.flags...)
	}

	g = b.group(&Group{Type: "TimePermitShare", Comment: "master share s_i, hashed identity and day -> time-permit share s_i AT"})
	for i, ms := range [][]byte{scalarSmall(p, 1), scalarMinusOne(p), rng.scalar(p), rng.scalar(p), rng.scalar(p)} {
		ic := ids[rng.intn(len(ids))]
		h, err := p.HashID(ic.id)
		b.ok(err, "HashID")
		day := int64(baseDay - 2 + rng.intn(5))
		tp, err := p.TimePermitShare(ms, h, int(day))
		b.ok(err, "TimePermitShare")
		comment, flags := shareComment(i)
		b.valid(g, &Test{Comment: fmt.Sprintf("%s, %s, day %d", comment, ic.comment, day), MasterShare: ms, HashedID: h, Day: i64(day), Share: tp}, reqs("6.2", "4.6"), flags...)
	}
	for _, be := range badMasters {
		_, err := p.TimePermitShare(be.enc, hid, baseDay)
		b.invalid(g, &Test{Comment: "master share: " + be.comment, MasterShare: be.enc, HashedID: hid, Day: i64(baseDay)}, err, be.want, append(reqs("3.2"), be.reqs...), be.flags...)
	}
	for _, be := range badHashedIDs(c, rng, hid) {
		_, err := p.TimePermitShare(ms, be.enc, baseDay)
		b.invalid(g, &Test{Comment: "hashed identity: " + be.comment, MasterShare: ms, HashedID: be.enc, Day: i64(baseDay)}, err, be.want, be.reqs, be.flags...)
	}
	for _, d := range []int64{0, -1, maxInt31 + 1} {
		_, err := p.TimePermitShare(ms, hid, int(d))
		b.invalid(g, &Test{Comment: fmt.Sprintf("day %d", d), MasterShare: ms, HashedID: hid, Day: i64(d)}, err, "INVALID_ARGUMENT", reqs("6.1"), FlagDayOutOfRange)
	}

	// Recombination.
	for _, g2 := range []bool{false, true} {
		typ, recombine, random, bads := "RecombineG1", p.RecombineG1, func() []byte { return b.randG1(rng) }, c.badG1
		if g2 {
			typ, recombine, bads = "RecombineG2", p.RecombineG2, c.badG2
			random = func() []byte {
				k, err := p.DecodeScalar(rng.scalar(p))
				b.ok(err, "scalar")
				return p.EncodeG2(s.NewG2().ScalarMult(k, s.G2Generator()))
			}
		}
		if b.err != nil {
			return
		}
		g := b.group(&Group{Type: typ, Comment: "shares -> their sum, in any order"})
		for _, n := range []int{1, 2, 2, 3, 3, 4, 8} {
			var shares [][]byte
			for range n {
				shares = append(shares, random())
			}
			sum, err := recombine(shares...)
			b.ok(err, typ)
			var flags []string
			if n == 1 || n == 8 {
				flags = []string{FlagEdgeValue}
			}
			b.valid(g, &Test{Comment: fmt.Sprintf("%d shares", n), Shares: hexes(shares), Sum: sum}, reqs("3.7"), flags...)
		}
		_, err := recombine()
		b.invalid(g, &Test{Comment: "no shares", Shares: []HexBytes{}}, err, "INVALID_ARGUMENT", reqs("3.7"), FlagEmptyShareList)
		x := random()
		var neg []byte
		if g2 {
			v, err := p.DecodeG2(x)
			b.ok(err, "decode")
			neg = p.EncodeG2(s.NewG2().Neg(v))
		} else {
			v, err := p.DecodeG1(x)
			b.ok(err, "decode")
			neg = p.EncodeG1(s.NewG1().Neg(v))
		}
		_, err = recombine(x, neg)
		b.invalid(g, &Test{Comment: "a share and its negation: the sum is the identity", Shares: hexes([][]byte{x, neg})}, err, "IDENTITY_POINT", reqs("3.7"), FlagIdentityPoint)
		y, z := random(), random()
		for _, be := range bads(rng, y, false) {
			_, err := recombine(z, be.enc, y)
			b.invalid(g, &Test{Comment: "second of three shares: " + be.comment, Shares: hexes([][]byte{z, be.enc, y})}, err, be.want, append(reqs("3.7"), be.reqs...), be.flags...)
		}
	}

	// PIN and factor extraction.
	rng = b.rng.fork("ExtractPin")
	a := b.newAuthority(rng, 2)
	g = b.group(&Group{Type: "ExtractPin", Comment: "client secret, identity and PIN -> token T = secret - (pin mod 10000) A; restoring gives the secret back"})
	pins := []struct {
		pin     int64
		comment string
		flags   []string
	}{
		{0, "PIN 0", []string{FlagEdgeValue}},
		{9999, "PIN 9999", []string{FlagEdgeValue}},
		{1234, "PIN 1234", nil},
		{10042, "PIN 10042, used as 42", []string{FlagPINReduced}},
		{maxInt31, "PIN 2^31 - 1, used as 3647", []string{FlagPINReduced, FlagEdgeValue}},
	}
	for i := range 5 {
		pins = append(pins, struct {
			pin     int64
			comment string
			flags   []string
		}{int64(rng.intn(10000)), fmt.Sprintf("random PIN %d", i+1), nil})
	}
	for _, pc := range pins {
		ic := ids[rng.intn(len(ids))]
		secret, _ := a.clientSecret(ic.id)
		token, err := p.ExtractPIN(secret, ic.id, int(pc.pin))
		b.ok(err, "ExtractPIN")
		b.valid(g, &Test{Comment: pc.comment + ", " + ic.comment, ClientSecret: secret, ID: ic.id, PIN: i64(pc.pin), Token: token}, reqs("5.1", "5.2", "5.3"), pc.flags...)
	}
	id := []byte("alice@example.com")
	secret, _ := a.clientSecret(id)
	_, err = p.ExtractPIN(secret, id, -1)
	b.invalid(g, &Test{Comment: "PIN -1", ClientSecret: secret, ID: id, PIN: i64(-1)}, err, "INVALID_ARGUMENT", reqs("5.1"), FlagNegativePIN)
	_, err = p.ExtractPIN(secret, []byte{}, 1234)
	b.invalid(g, &Test{Comment: "empty identity", ClientSecret: secret, ID: []byte{}, PIN: i64(1234)}, err, "INVALID_ARGUMENT", reqs("4.1"), FlagEmptyIdentity)
	// A "secret" equal to 1234 A gives the token O.
	if ae, err := p.MapID(id); b.ok(err, "MapID") {
		av, err := p.DecodeG1(ae)
		b.ok(err, "decode")
		weak := p.EncodeG1(s.NewG1().ScalarMult(s.NewScalar().SetUint64(1234), av))
		_, err = p.ExtractPIN(weak, id, 1234)
		b.invalid(g, &Test{Comment: "secret 1234 A with PIN 1234: the token would be the identity", ClientSecret: weak, ID: id, PIN: i64(1234)}, err, "IDENTITY_POINT", reqs("5.2"), FlagIdentityPoint)
	}
	for _, be := range c.badG1(rng, secret, false) {
		_, err := p.ExtractPIN(be.enc, id, 1234)
		b.invalid(g, &Test{Comment: "client secret: " + be.comment, ClientSecret: be.enc, ID: id, PIN: i64(1234)}, err, be.want, append(reqs("14.1"), be.reqs...), be.flags...)
	}

	g = b.group(&Group{Type: "ExtractFactor", Comment: "secret, identity, factor f of the given bit length -> secret - f A; restoring gives the secret back"})
	factors := []struct {
		f, bits int64
		flags   []string
	}{
		{0, 1, []string{FlagEdgeValue}}, {1, 1, []string{FlagEdgeValue}}, {7, 3, nil}, {255, 8, []string{FlagEdgeValue}},
		{123456, 20, nil}, {1<<32 - 1, 32, []string{FlagEdgeValue}}, {int64(rng.uint64() >> 32), 32, nil}, {int64(rng.intn(1 << 16)), 16, nil},
	}
	for _, fc := range factors {
		ic := ids[rng.intn(len(ids))]
		secret, _ := a.clientSecret(ic.id)
		token, err := p.ExtractFactor(secret, ic.id, uint64(fc.f), int(fc.bits))
		b.ok(err, "ExtractFactor")
		b.valid(g, &Test{Comment: fmt.Sprintf("factor %d of %d bits, %s", fc.f, fc.bits, ic.comment), Secret: secret, ID: ic.id, Factor: i64(fc.f), Bits: i64(fc.bits), Token: token}, reqs("5.5"), fc.flags...)
	}
	for _, fc := range []struct{ f, bits int64 }{{1, 0}, {1, 33}, {256, 8}, {2, 1}, {1 << 32, 32}} {
		_, err := p.ExtractFactor(secret, id, uint64(fc.f), int(fc.bits))
		b.invalid(g, &Test{Comment: fmt.Sprintf("factor %d of %d bits", fc.f, fc.bits), Secret: secret, ID: id, Factor: i64(fc.f), Bits: i64(fc.bits)}, err, "INVALID_ARGUMENT", reqs("5.5"), FlagFactorOutOfRange)
	}
}

// shareComment names the i-th master share of the single-issuance groups:
// 1, r - 1, then random ones.
func shareComment(i int) (string, []string) {
	switch i {
	case 0:
		return "master share 1", []string{FlagEdgeValue}
	case 1:
		return "master share r - 1", []string{FlagEdgeValue}
	}
	return fmt.Sprintf("random master share %d", i-1), nil
}

func checkMasterShareFromSeed(p *mpin.Profile, g *Group, t *Test) error {
	ms, err := p.MasterShareFromSeed(t.Seed)
	if err != nil {
		return rejected(t, err)
	}
	if err := same("masterShare", ms, t.MasterShare); err != nil {
		return err
	}
	return accepted(t)
}

func checkDtaIssuance(p *mpin.Profile, g *Group, t *Test) error {
	if g.N != nil && len(t.MasterShares) != *g.N {
		return fmt.Errorf("%w: %d master shares in a group of %d D-TAs", ErrSchema, len(t.MasterShares), *g.N)
	}
	if err := need("day", t.Day != nil); err != nil {
		return err
	}
	hid, err := p.HashID(t.ID)
	if err != nil {
		return rejected(t, err)
	}
	if err := same("hashedId", hid, t.HashedID); err != nil {
		return err
	}
	var ss, cs, tp [][]byte
	for i, ms := range t.MasterShares {
		s, err := p.ServerSecretShare(ms)
		if err != nil {
			return rejected(t, err)
		}
		c, err := p.ClientSecretShare(ms, hid)
		if err != nil {
			return rejected(t, err)
		}
		q, err := p.TimePermitShare(ms, hid, int(*t.Day))
		if err != nil {
			return rejected(t, err)
		}
		if err := sameList(i, "serverSecretShares", s, t.ServerSecretShares); err != nil {
			return err
		}
		if err := sameList(i, "clientSecretShares", c, t.ClientSecretShares); err != nil {
			return err
		}
		if err := sameList(i, "timePermitShares", q, t.TimePermitShares); err != nil {
			return err
		}
		ss, cs, tp = append(ss, s), append(cs, c), append(tp, q)
	}
	for _, r := range []struct {
		name   string
		f      func(...[]byte) ([]byte, error)
		shares [][]byte
		want   HexBytes
	}{
		{"serverSecret", p.RecombineG2, ss, t.ServerSecret},
		{"clientSecret", p.RecombineG1, cs, t.ClientSecret},
		{"timePermit", p.RecombineG1, tp, t.TimePermit},
	} {
		sum, err := r.f(r.shares...)
		if err != nil {
			return rejected(t, err)
		}
		if err := same(r.name, sum, r.want); err != nil {
			return err
		}
		// The order of the shares does not matter.
		rev, err := r.f(reversed(r.shares)...)
		if err != nil {
			return rejected(t, err)
		}
		if err := same(r.name+" (shares reversed)", rev, r.want); err != nil {
			return err
		}
	}
	return accepted(t)
}

// sameList compares the i-th element of a listed output.
func sameList(i int, name string, got []byte, want []HexBytes) error {
	if want == nil {
		return nil
	}
	if i >= len(want) {
		return fmt.Errorf("%s lists %d values, want more", name, len(want))
	}
	return same(fmt.Sprintf("%s[%d]", name, i), got, want[i])
}

func reversed(s [][]byte) [][]byte {
	out := make([][]byte, len(s))
	for i, v := range s {
		out[len(s)-1-i] = v
	}
	return out
}

func checkServerSecretShare(p *mpin.Profile, g *Group, t *Test) error {
	ss, err := p.ServerSecretShare(t.MasterShare)
	if err != nil {
		return rejected(t, err)
	}
	if err := same("share", ss, t.Share); err != nil {
		return err
	}
	return accepted(t)
}

func checkClientSecretShare(p *mpin.Profile, g *Group, t *Test) error {
	cs, err := p.ClientSecretShare(t.MasterShare, t.HashedID)
	if err != nil {
		return rejected(t, err)
	}
	if err := same("share", cs, t.Share); err != nil {
		return err
	}
	return accepted(t)
}

func checkTimePermitShare(p *mpin.Profile, g *Group, t *Test) error {
	if err := need("day", t.Day != nil); err != nil {
		return err
	}
	tp, err := p.TimePermitShare(t.MasterShare, t.HashedID, int(*t.Day))
	if err != nil {
		return rejected(t, err)
	}
	if err := same("share", tp, t.Share); err != nil {
		return err
	}
	return accepted(t)
}

func checkRecombine(p *mpin.Profile, g *Group, t *Test) error {
	f := p.RecombineG1
	if g.Type == "RecombineG2" {
		f = p.RecombineG2
	}
	shares := make([][]byte, len(t.Shares))
	for i, s := range t.Shares {
		shares[i] = s
	}
	sum, err := f(shares...)
	if err != nil {
		return rejected(t, err)
	}
	if err := same("sum", sum, t.Sum); err != nil {
		return err
	}
	rev, err := f(reversed(shares)...)
	if err != nil {
		return rejected(t, err)
	}
	if err := same("sum (shares reversed)", rev, t.Sum); err != nil {
		return err
	}
	return accepted(t)
}

func checkExtractPin(p *mpin.Profile, g *Group, t *Test) error {
	if err := need("pin", t.PIN != nil); err != nil {
		return err
	}
	token, err := p.ExtractPIN(t.ClientSecret, t.ID, int(*t.PIN))
	if err != nil {
		return rejected(t, err)
	}
	if err := same("token", token, t.Token); err != nil {
		return err
	}
	back, err := p.RestorePIN(token, t.ID, int(*t.PIN))
	if err != nil {
		return rejected(t, err)
	}
	if err := same("restored secret", back, t.ClientSecret); err != nil {
		return err
	}
	return accepted(t)
}

func checkExtractFactor(p *mpin.Profile, g *Group, t *Test) error {
	if err := need("factor and bits", t.Factor != nil && t.Bits != nil); err != nil {
		return err
	}
	if *t.Factor < 0 {
		return fmt.Errorf("%w: negative factor", ErrSchema)
	}
	token, err := p.ExtractFactor(t.Secret, t.ID, uint64(*t.Factor), int(*t.Bits))
	if err != nil {
		return rejected(t, err)
	}
	if err := same("token", token, t.Token); err != nil {
		return err
	}
	back, err := p.RestoreFactor(token, t.ID, uint64(*t.Factor), int(*t.Bits))
	if err != nil {
		return rejected(t, err)
	}
	if err := same("restored secret", back, t.Secret); err != nil {
		return err
	}
	return accepted(t)
}
