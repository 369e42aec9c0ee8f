package vectors

import (
	"fmt"

	"github.com/mpinkit/mpinkit/reference/mpin"
)

// Requirement lists of the two-pass cases.
var (
	twoPassReqs       = reqs("7.1", "7.2", "7.5", "9.1", "9.4", "5.3")
	twoPassPermitReqs = reqs("7.1", "7.2", "7.5", "9.1", "9.4", "5.3", "6.3", "6.4")
	badPINReqs        = reqs("9.1", "10.2", "10.4")
	notAClientReqs    = reqs("9.1", "9.4", "10.3", "10.4")
)

// clientPass runs the client's two passes with given x and y.
func (b *builder) clientPass(rc *runCase, x, y []byte) (sec []byte, m *mpin.Pass1, v []byte) {
	c, err := b.p.NewClient(rc.id, rc.token)
	if !b.ok(err, "NewClient") {
		return nil, &mpin.Pass1{}, nil
	}
	sess, err := c.Pass1WithX(x, int(rc.pin), permitOf(rc.day, rc.permit))
	if !b.ok(err, "Pass1WithX") {
		return nil, &mpin.Pass1{}, nil
	}
	sec, m = sess.Secret(), sess.Message()
	v, err = sess.Pass2(y)
	b.ok(err, "Pass2")
	return sec, m, v
}

// addTwoPass appends a complete two-pass run of a client against srv at
// time now, with x and y drawn from rng.
func (b *builder) addTwoPass(g *Group, srv *mpin.Server, rng *drbg, rc *runCase, now int64, want string, rq []string, flags ...string) {
	x, y := rng.scalar(b.p), rng.scalar(b.p)
	t := rc.clientTest()
	t.X, t.Y, t.Now = x, y, i64(now)
	sec, m, v := b.clientPass(rc, x, y)
	t.Sec, t.U, t.UT, t.V = sec, m.U, m.UT, v
	b.record(g, t, srv.Verify(now, m, y, v), want, rq, append(rc.flags, flags...)...)
}

// serverCase is a first-pass message, challenge and answer as a server
// receives them.
type serverCase struct {
	m    *mpin.Pass1
	y, v []byte
}

// honestTwoPass returns an honest transcript of a client.
func (b *builder) honestTwoPass(rng *drbg, rc *runCase) serverCase {
	x, y := rng.scalar(b.p), rng.scalar(b.p)
	_, m, v := b.clientPass(rc, x, y)
	return serverCase{m, y, v}
}

// test returns the server case as a test, at server time now.
func (sc serverCase) test(comment string, now int64) *Test {
	t := &Test{Comment: comment, ID: sc.m.ID, U: sc.m.U, UT: sc.m.UT, Y: sc.y, V: sc.v, Now: i64(now)}
	if sc.m.Day != 0 {
		t.Day = i64(int64(sc.m.Day))
	}
	return t
}

// addServer appends a server case after applying edit to it.
func (b *builder) addServer(g *Group, srv *mpin.Server, sc serverCase, comment string, now int64, edit func(t *Test), want string, rq []string, flags ...string) {
	t := sc.test(comment, now)
	if edit != nil {
		edit(t)
	}
	b.record(g, t, srv.Verify(now, messageFrom(t), t.Y, t.V), want, rq, flags...)
}

func buildTwoPass(b *builder) {
	p := b.p
	c := newCurveMath(p)
	other := b.newAuthority(b.rng.fork("other authority"), 2)
	midnight := int64(baseDay) * mpin.SecondsPerDay

	// Runs, two D-TAs, no permits.
	rng := b.rng.fork("TwoPass/no permits")
	a := b.newAuthority(rng, 2)
	cfg := mpin.ServerConfig{}
	srv := a.server(cfg)
	g := b.group(serverGroup("TwoPass", "complete runs: two D-TAs, no time permits", a, cfg))
	ids := runIDs(rng, 10)
	for i, id := range ids[:8] {
		rc := b.newRunCase(a, rng, id, fmt.Sprintf("run %d", i+1))
		b.addTwoPass(g, srv, rng, rc, baseNoon+int64(i), "", twoPassReqs)
	}
	edge := func(reg, pin int64, comment string, flags ...string) *runCase {
		secret, token := a.register(ids[8], reg)
		return &runCase{comment: comment, id: ids[8], secret: secret, regPIN: reg, token: token, pin: pin, flags: flags}
	}
	b.addTwoPass(g, srv, rng, edge(0, 0, "PIN 0"), baseNoon, "", twoPassReqs, FlagEdgeValue)
	b.addTwoPass(g, srv, rng, edge(9999, 9999, "PIN 9999"), baseNoon, "", twoPassReqs, FlagEdgeValue)
	b.addTwoPass(g, srv, rng, edge(1234, 11234, "PIN 1234 entered as 11234"), baseNoon, "", append(twoPassReqs, reqs("5.1")...), FlagPINReduced)
	// A client that adds a permit to SEC cannot pass a server that ignores
	// permits: its V carries s AT, which the check with U and A leaves over.
	rc := b.newRunCase(a, rng, ids[9], "client adds a permit and sends UT and its day; the server does not use permits, ignores them, and the check fails").withPermit(a, baseDay)
	b.addTwoPass(g, srv, rng, rc, baseNoon, "NOT_A_CLIENT", append(reqs("6.6"), notAClientReqs...), FlagIgnoredPermit, FlagNotAClient)
	for _, d := range []struct {
		reg, pin int64
		flags    []string
	}{{1234, 1235, nil}, {1234, 1233, nil}, {0, 9999, []string{FlagEdgeValue}}, {9999, 0, []string{FlagEdgeValue}}, {5000, 15001, []string{FlagPINReduced}}} {
		rc := edge(d.reg, d.pin, fmt.Sprintf("registered PIN %d, entered %d", d.reg, d.pin), d.flags...)
		b.addTwoPass(g, srv, rng, rc, baseNoon, "BAD_PIN", badPINReqs, FlagBadPIN)
	}
	rc = b.newRunCase(other, rng, ids[0], "a client of another authority")
	b.addTwoPass(g, srv, rng, rc, baseNoon, "NOT_A_CLIENT", notAClientReqs, FlagNotAClient)
	rc = b.newRunCase(a, rng, []byte("mallory@example.com"), "the token of another identity, used under this one")
	rc.id, rc.secret = ids[1], nil
	b.addTwoPass(g, srv, rng, rc, baseNoon, "NOT_A_CLIENT", notAClientReqs, FlagNotAClient)
	rc = &runCase{comment: "a forged token: a random point", id: ids[2], regPIN: 42, token: b.randG1(rng), pin: 42}
	b.addTwoPass(g, srv, rng, rc, baseNoon, "NOT_A_CLIENT", notAClientReqs, FlagNotAClient)
	_, mine := a.clientSecret(ids[3])
	_, theirs := other.clientSecret(ids[3])
	for _, mc := range []struct {
		comment string
		shares  [][]byte
	}{
		{"client secret from this authority's first share and another authority's second", [][]byte{mine[0], theirs[1]}},
		{"client secret missing the second D-TA's share", [][]byte{mine[0]}},
	} {
		secret := b.recombineOrFail(mc.shares...)
		token, err := p.ExtractPIN(secret, ids[3], 2468)
		b.ok(err, "ExtractPIN")
		rc := &runCase{comment: mc.comment, id: ids[3], secret: secret, shares: mc.shares, regPIN: 2468, token: token, pin: 2468}
		b.addTwoPass(g, srv, rng, rc, baseNoon, "NOT_A_CLIENT", append(reqs("3.7"), notAClientReqs...), FlagMismatchedShares, FlagNotAClient)
	}

	// Runs, three D-TAs, permits required.
	rng = b.rng.fork("TwoPass/permits")
	a = b.newAuthority(rng, 3)
	cfg = mpin.ServerConfig{TimePermits: true}
	srv = a.server(cfg)
	g = b.group(serverGroup("TwoPass", "complete runs: three D-TAs, time permits required, no grace", a, cfg))
	ids = runIDs(rng, 10)
	for i, id := range ids[:8] {
		rc := b.newRunCase(a, rng, id, fmt.Sprintf("run %d with today's permit", i+1)).withPermit(a, baseDay)
		b.addTwoPass(g, srv, rng, rc, baseNoon+int64(i), "", twoPassPermitReqs)
	}
	rc = b.newRunCase(a, rng, ids[8], "today's permit at 00:00:00").withPermit(a, baseDay)
	b.addTwoPass(g, srv, rng, rc, midnight, "", twoPassPermitReqs, FlagEdgeValue)
	rc = b.newRunCase(a, rng, ids[8], "today's permit at 23:59:59").withPermit(a, baseDay)
	b.addTwoPass(g, srv, rng, rc, midnight+mpin.SecondsPerDay-1, "", twoPassPermitReqs, FlagEdgeValue)
	for _, d := range []int64{1, -7} {
		rc := b.newRunCase(a, rng, ids[9], "").withPermit(a, baseDay)
		rc.pin = (rc.regPIN + d + 10000) % 10000
		rc.comment = fmt.Sprintf("today's permit, registered PIN %d, entered %d", rc.regPIN, rc.pin)
		b.addTwoPass(g, srv, rng, rc, baseNoon, "BAD_PIN", badPINReqs, FlagBadPIN)
	}
	rc = b.newRunCase(a, rng, ids[0], "yesterday's permit presented as today's").withPermit(a, baseDay-1)
	rc.day = i64(baseDay)
	b.addTwoPass(g, srv, rng, rc, baseNoon, "NOT_A_CLIENT", append(reqs("6.3"), notAClientReqs...), FlagWrongPermit, FlagNotAClient)
	rc = b.newRunCase(a, rng, ids[1], "the permit of another identity for today")
	rc.day, rc.permit = i64(baseDay), a.permit(ids[2], baseDay)
	b.addTwoPass(g, srv, rng, rc, baseNoon, "NOT_A_CLIENT", append(reqs("6.3"), notAClientReqs...), FlagWrongPermit, FlagNotAClient)
	rc = b.newRunCase(a, rng, ids[2], "tomorrow's permit").withPermit(a, baseDay+1)
	b.addTwoPass(g, srv, rng, rc, baseNoon, "WRONG_DAY", reqs("6.4"), FlagWrongDay)
	rc = b.newRunCase(a, rng, ids[3], "yesterday's permit, server without grace").withPermit(a, baseDay-1)
	b.addTwoPass(g, srv, rng, rc, midnight+10, "EXPIRED_PERMIT", reqs("6.4"), FlagExpiredPermit)
	rc = b.newRunCase(a, rng, ids[4], "a permit 30 days old").withPermit(a, baseDay-30)
	b.addTwoPass(g, srv, rng, rc, baseNoon, "EXPIRED_PERMIT", reqs("6.4"), FlagExpiredPermit)
	rc = b.newRunCase(a, rng, ids[5], "no permit, server requires one")
	b.addTwoPass(g, srv, rng, rc, baseNoon, "EXPIRED_PERMIT", reqs("6.6"), FlagMissingPermit)
	_, mine = a.clientSecret(ids[6])
	secret := b.recombineOrFail(mine[0], mine[2])
	token, err := p.ExtractPIN(secret, ids[6], 1357)
	b.ok(err, "ExtractPIN")
	rc = (&runCase{comment: "client secret missing the second of three shares, today's permit", id: ids[6], secret: secret, shares: [][]byte{mine[0], mine[2]}, regPIN: 1357, token: token, pin: 1357}).withPermit(a, baseDay)
	b.addTwoPass(g, srv, rng, rc, baseNoon, "NOT_A_CLIENT", append(reqs("3.7"), notAClientReqs...), FlagMismatchedShares, FlagNotAClient)
	rc = b.newRunCase(other, rng, ids[7], "a client of another authority with that authority's permit").withPermit(other, baseDay)
	b.addTwoPass(g, srv, rng, rc, baseNoon, "NOT_A_CLIENT", notAClientReqs, FlagNotAClient)

	// Runs, one D-TA, permits with a one-hour grace.
	rng = b.rng.fork("TwoPass/grace")
	a = b.newAuthority(rng, 1)
	cfg = mpin.ServerConfig{TimePermits: true, PermitGrace: 3600}
	srv = a.server(cfg)
	g = b.group(serverGroup("TwoPass", "complete runs: one D-TA, time permits with a one-hour grace after midnight", a, cfg))
	ids = runIDs(rng, 6)
	graceReqs := append(twoPassPermitReqs, reqs("6.5")...)
	for _, gc := range []struct {
		day, now int64
		comment  string
		want     string
		flags    []string
	}{
		{baseDay, midnight + 1800, "today's permit at 00:30", "", nil},
		{baseDay, midnight + 7200, "today's permit at 02:00", "", nil},
		{baseDay - 1, midnight + 1800, "yesterday's permit at 00:30, inside the grace", "", []string{FlagGraceDay}},
		{baseDay - 1, midnight + 3599, "yesterday's permit at 00:59:59, the last second of the grace", "", []string{FlagGraceDay, FlagEdgeValue}},
		{baseDay - 1, midnight + 3600, "yesterday's permit at 01:00:00, the grace is over", "EXPIRED_PERMIT", []string{FlagExpiredPermit, FlagEdgeValue}},
		{baseDay - 2, midnight + 1800, "the permit of two days ago at 00:30", "EXPIRED_PERMIT", []string{FlagExpiredPermit}},
		{baseDay + 1, midnight + mpin.SecondsPerDay - 1, "tomorrow's permit at 23:59:59", "WRONG_DAY", []string{FlagWrongDay}},
	} {
		rc := b.newRunCase(a, rng, ids[rng.intn(len(ids))], gc.comment).withPermit(a, gc.day)
		rq := graceReqs
		if gc.want != "" {
			rq = reqs("6.4")
		}
		b.addTwoPass(g, srv, rng, rc, gc.now, gc.want, rq, gc.flags...)
	}

	// Server side, no permits.
	rng = b.rng.fork("TwoPassServer/no permits")
	a = b.newAuthority(rng, 2)
	cfg = mpin.ServerConfig{}
	srv = a.server(cfg)
	g = b.group(serverGroup("TwoPassServer", "the server's check of received values: two D-TAs, no time permits", a, cfg))
	ids = runIDs(rng, 4)
	var sc serverCase
	for i, id := range ids[:3] {
		sc = b.honestTwoPass(rng, b.newRunCase(a, rng, id, ""))
		b.addServer(g, srv, sc, fmt.Sprintf("honest transcript %d", i+1), baseNoon, nil, "", reqs("9.1", "9.4", "7.3"))
	}
	b.addServer(g, srv, sc, "honest transcript with a UT and day the server ignores", baseNoon, func(t *Test) {
		t.UT, t.Day = b.randG1(rng), i64(baseDay)
	}, "", reqs("6.6", "9.1"), FlagIgnoredPermit)
	serverTampers(b, g, srv, rng, c, sc, baseNoon, false)

	// Server side, permits with grace.
	rng = b.rng.fork("TwoPassServer/permits")
	a = b.newAuthority(rng, 2)
	cfg = mpin.ServerConfig{TimePermits: true, PermitGrace: 3600}
	srv = a.server(cfg)
	g = b.group(serverGroup("TwoPassServer", "the server's check of received values: two D-TAs, time permits with a one-hour grace", a, cfg))
	ids = runIDs(rng, 4)
	for i, id := range ids[:2] {
		sc = b.honestTwoPass(rng, b.newRunCase(a, rng, id, "").withPermit(a, baseDay))
		b.addServer(g, srv, sc, fmt.Sprintf("honest transcript %d with today's permit", i+1), baseNoon, nil, "", reqs("9.1", "9.4", "6.4"))
	}
	unstated := func(t *Test) { t.Day = nil }
	b.addServer(g, srv, sc, "today's permit, day not stated", baseNoon, unstated, "", reqs("6.5"), FlagDayNotStated)
	b.addServer(g, srv, sc, "U replaced: with permits U enters only wrong-PIN detection, so the check still holds", baseNoon, func(t *Test) {
		t.U = b.randG1(rng)
	}, "", reqs("9.4", "10.1"), FlagTamperedU)
	// With permits U is bound to nothing but the wrong-PIN diagnosis: a
	// wrong PIN sent with another U is no longer recognised as one.
	wrongRC := b.newRunCase(a, rng, ids[1], "").withPermit(a, baseDay)
	wrongRC.pin = (wrongRC.regPIN + 1) % 10000
	wrong := b.honestTwoPass(rng, wrongRC)
	b.addServer(g, srv, wrong, "today's permit, PIN off by one", baseNoon, nil, "BAD_PIN", badPINReqs, FlagBadPIN)
	b.addServer(g, srv, wrong, "the same transcript with U replaced: the check fails as before, and the diagnosis finds no PIN error", baseNoon, func(t *Test) {
		t.U = b.randG1(rng)
	}, "NOT_A_CLIENT", reqs("10.1", "10.4"), FlagTamperedU, FlagNotAClient)
	old := b.honestTwoPass(rng, b.newRunCase(a, rng, ids[2], "").withPermit(a, baseDay-1))
	b.addServer(g, srv, old, "yesterday's permit stated at 00:30, inside the grace", midnight+1800, nil, "", reqs("6.4"), FlagGraceDay)
	b.addServer(g, srv, old, "yesterday's permit, day not stated, at 00:30: today's check fails, yesterday's holds", midnight+1800, unstated, "", reqs("6.5"), FlagDayNotStated, FlagGraceDay)
	b.addServer(g, srv, old, "yesterday's permit stated at noon, outside the grace", baseNoon, nil, "EXPIRED_PERMIT", reqs("6.4"), FlagExpiredPermit)
	b.addServer(g, srv, old, "yesterday's permit, day not stated, at noon: only today's check is made, and fails", baseNoon, unstated, "NOT_A_CLIENT", reqs("6.5", "10.4"), FlagDayNotStated, FlagNotAClient)
	tomorrow := b.honestTwoPass(rng, b.newRunCase(a, rng, ids[3], "").withPermit(a, baseDay+1))
	b.addServer(g, srv, tomorrow, "tomorrow's permit stated at noon", baseNoon, nil, "WRONG_DAY", reqs("6.4"), FlagWrongDay)
	b.addServer(g, srv, sc, "stated day changed to tomorrow", baseNoon, func(t *Test) { t.Day = i64(baseDay + 1) }, "WRONG_DAY", reqs("6.4"), FlagWrongDay)
	b.addServer(g, srv, sc, "stated day changed to two days ago", baseNoon, func(t *Test) { t.Day = i64(baseDay - 2) }, "EXPIRED_PERMIT", reqs("6.4"), FlagExpiredPermit)
	b.addServer(g, srv, sc, "UT and day removed", baseNoon, func(t *Test) { t.UT, t.Day = nil, nil }, "EXPIRED_PERMIT", reqs("6.6"), FlagMissingPermit)
	for _, d := range []int64{-1, maxInt31 + 1} {
		b.addServer(g, srv, sc, fmt.Sprintf("stated day %d", d), baseNoon, func(t *Test) { t.Day = i64(d) }, "INVALID_ARGUMENT", reqs("6.1"), FlagDayOutOfRange)
	}
	serverTampers(b, g, srv, rng, c, sc, baseNoon, true)

	// Client side.
	rng = b.rng.fork("TwoPassClient")
	a = b.newAuthority(rng, 2)
	g = b.group(&Group{Type: "TwoPassClient", Comment: "the client's checks: its inputs and the challenge it receives", MasterShares: hexes(a.masters)})
	ids = runIDs(rng, 4)
	addClient := func(rc *runCase, x, y []byte, want string, rq []string, flags ...string) {
		t := &Test{Comment: rc.comment, ID: rc.id, Token: rc.token, PIN: i64(rc.pin), PermitDay: rc.day, TimePermit: rc.permit, X: x, Y: y}
		cl, err := p.NewClient(rc.id, rc.token)
		if err == nil {
			var sess *mpin.ClientSession
			sess, err = cl.Pass1WithX(x, int(rc.pin), permitOf(rc.day, rc.permit))
			if err == nil {
				m := sess.Message()
				if want == "" {
					t.Sec, t.U, t.UT = sess.Secret(), m.U, m.UT
				}
				var v []byte
				v, err = sess.Pass2(y)
				t.V = v
			}
		}
		if want == "" {
			b.record(g, t, err, "", rq, flags...)
			return
		}
		b.invalid(g, t, err, want, rq, flags...)
	}
	plain := b.newRunCase(a, rng, ids[0], "")
	withTP := b.newRunCase(a, rng, ids[1], "").withPermit(a, baseDay)
	for i, rc := range []*runCase{plain, withTP, b.newRunCase(a, rng, ids[2], ""), b.newRunCase(a, rng, ids[3], "").withPermit(a, baseDay)} {
		rc.comment = fmt.Sprintf("valid inputs %d", i+1)
		if rc.day != nil {
			rc.comment += ", with a permit"
		}
		addClient(rc, rng.scalar(p), rng.scalar(p), "", reqs("7.1", "7.2", "7.5"))
	}
	x := rng.scalar(p)
	for _, be := range c.badScalars(false) {
		plain.comment = "challenge y: " + be.comment
		addClient(plain, x, be.enc, be.want, append(reqs("7.4"), be.reqs...), be.flags...)
	}
	y := rng.scalar(p)
	for _, be := range c.badScalars(false) {
		plain.comment = "client scalar x: " + be.comment
		addClient(plain, be.enc, y, be.want, append(reqs("2.5"), be.reqs...), be.flags...)
	}
	plain.comment = "y = -x mod r: x + y = 0"
	addClient(plain, x, b.negScalar(x), "INVALID_SCALAR", reqs("7.4", "14.10"), FlagXPlusYZero)
	plain.comment = "with a permit, y = -x mod r: x + y = 0"
	addClient(withTP, x, b.negScalar(x), "INVALID_SCALAR", reqs("7.4", "14.10"), FlagXPlusYZero)
	neg := *plain
	neg.pin, neg.comment = -1, "PIN -1"
	addClient(&neg, x, y, "INVALID_ARGUMENT", reqs("5.1"), FlagNegativePIN)
	empty := *plain
	empty.id, empty.comment = []byte{}, "empty identity"
	addClient(&empty, x, y, "INVALID_ARGUMENT", reqs("4.1"), FlagEmptyIdentity)
	for _, d := range []int64{0, maxInt31 + 1} {
		bad := *withTP
		bad.day, bad.comment = i64(d), fmt.Sprintf("permit day %d", d)
		addClient(&bad, x, y, "INVALID_ARGUMENT", reqs("6.1"), FlagDayOutOfRange)
	}
	for _, be := range c.badG1(rng, withTP.permit, false) {
		bad := *withTP
		bad.permit, bad.comment = be.enc, "time permit: "+be.comment
		addClient(&bad, x, y, be.want, append(reqs("14.1"), be.reqs...), be.flags...)
	}
	for _, be := range c.badG1(rng, plain.token, false) {
		bad := *plain
		bad.token, bad.comment = be.enc, "token: "+be.comment
		addClient(&bad, x, y, be.want, append(reqs("14.1"), be.reqs...), be.flags...)
	}
}

// serverTampers appends the server cases common to both policies: values
// changed in transit, invalid encodings, and a first pass that cancels
// the challenge.
func serverTampers(b *builder, g *Group, srv *mpin.Server, rng *drbg, c *curveMath, sc serverCase, now int64, permits bool) {
	rq := reqs("9.4", "10.4")
	if permits {
		b.addServer(g, srv, sc, "UT replaced by another point", now, func(t *Test) { t.UT = b.randG1(rng) }, "NOT_A_CLIENT", rq, FlagTamperedUT, FlagNotAClient)
	} else {
		b.addServer(g, srv, sc, "U replaced by another point", now, func(t *Test) { t.U = b.randG1(rng) }, "NOT_A_CLIENT", rq, FlagTamperedU, FlagNotAClient)
	}
	b.addServer(g, srv, sc, "V replaced by another point", now, func(t *Test) { t.V = b.randG1(rng) }, "NOT_A_CLIENT", rq, FlagTamperedV, FlagNotAClient)
	b.addServer(g, srv, sc, "V negated", now, func(t *Test) { t.V = b.negMultiple(scalarSmall(b.p, 1), t.V) }, "NOT_A_CLIENT", rq, FlagTamperedV, FlagNotAClient)
	b.addServer(g, srv, sc, "the server verifies with another challenge", now, func(t *Test) { t.Y = rng.scalar(b.p) }, "NOT_A_CLIENT", rq, FlagTamperedY, FlagNotAClient)
	b.addServer(g, srv, sc, "another identity", now, func(t *Test) { t.ID = []byte("mallory@example.com") }, "NOT_A_CLIENT", rq, FlagTamperedID, FlagNotAClient)
	b.addServer(g, srv, sc, "empty identity", now, func(t *Test) { t.ID = []byte{} }, "INVALID_ARGUMENT", reqs("4.1"), FlagEmptyIdentity)
	var day *int64
	if permits {
		day = i64(int64(sc.m.Day))
	}
	cancel := b.negMultiple(sc.y, b.hStar(sc.m.ID, day))
	if permits {
		b.addServer(g, srv, sc, "UT = -y (A + AT): U* + y H* is the identity", now, func(t *Test) { t.UT = cancel }, "IDENTITY_POINT", reqs("14.10", "14.4"), FlagXPlusYZero)
	} else {
		b.addServer(g, srv, sc, "U = -y A: U* + y H* is the identity", now, func(t *Test) { t.U = cancel }, "IDENTITY_POINT", reqs("14.10", "14.4"), FlagXPlusYZero)
	}
	for _, be := range c.badScalars(false) {
		b.addServer(g, srv, sc, "challenge y: "+be.comment, now, func(t *Test) { t.Y = be.enc }, be.want, append(reqs("14.1", "14.9"), be.reqs...), be.flags...)
	}
	for _, be := range c.badG1(rng, sc.v, false) {
		b.addServer(g, srv, sc, "V: "+be.comment, now, func(t *Test) { t.V = be.enc }, be.want, append(reqs("14.1"), be.reqs...), be.flags...)
	}
	for _, be := range c.badG1(rng, sc.m.U, false) {
		b.addServer(g, srv, sc, "U: "+be.comment, now, func(t *Test) { t.U = be.enc }, be.want, append(reqs("14.1"), be.reqs...), be.flags...)
	}
	if permits {
		for _, be := range c.badG1(rng, sc.m.UT, false) {
			b.addServer(g, srv, sc, "UT: "+be.comment, now, func(t *Test) { t.UT = be.enc }, be.want, append(reqs("14.1"), be.reqs...), be.flags...)
		}
	}
}

func checkTwoPass(p *mpin.Profile, g *Group, t *Test) error {
	if err := need("pin, now", t.PIN != nil && t.Now != nil); err != nil {
		return err
	}
	if t.ClientSecretShares != nil {
		shares := make([][]byte, len(t.ClientSecretShares))
		for i, s := range t.ClientSecretShares {
			shares[i] = s
		}
		secret, err := p.RecombineG1(shares...)
		if err != nil {
			return rejected(t, err)
		}
		if err := same("clientSecret", secret, t.ClientSecret); err != nil {
			return err
		}
	}
	if t.ClientSecret != nil && t.RegisteredPIN != nil {
		token, err := p.ExtractPIN(t.ClientSecret, t.ID, int(*t.RegisteredPIN))
		if err != nil {
			return rejected(t, err)
		}
		if err := same("token", token, t.Token); err != nil {
			return err
		}
	}
	cl, err := p.NewClient(t.ID, t.Token)
	if err != nil {
		return rejected(t, err)
	}
	sess, err := cl.Pass1WithX(t.X, int(*t.PIN), permitFrom(t))
	if err != nil {
		return rejected(t, err)
	}
	m := sess.Message()
	if err := sameAll(output{"sec", sess.Secret(), t.Sec}, output{"u", m.U, t.U}, output{"ut", m.UT, t.UT}); err != nil {
		return err
	}
	v, err := sess.Pass2(t.Y)
	if err != nil {
		return rejected(t, err)
	}
	if err := same("v", v, t.V); err != nil {
		return err
	}
	srv, err := groupServer(p, g)
	if err != nil {
		return fmt.Errorf("%w: group server: %w", ErrSchema, err)
	}
	return serverOutcome(t, srv.Verify(*t.Now, m, t.Y, v))
}

func checkTwoPassServer(p *mpin.Profile, g *Group, t *Test) error {
	if err := need("now", t.Now != nil); err != nil {
		return err
	}
	srv, err := groupServer(p, g)
	if err != nil {
		return fmt.Errorf("%w: group server: %w", ErrSchema, err)
	}
	return serverOutcome(t, srv.Verify(*t.Now, messageFrom(t), t.Y, t.V))
}

func checkTwoPassClient(p *mpin.Profile, g *Group, t *Test) error {
	if err := need("pin", t.PIN != nil); err != nil {
		return err
	}
	cl, err := p.NewClient(t.ID, t.Token)
	if err != nil {
		return rejected(t, err)
	}
	sess, err := cl.Pass1WithX(t.X, int(*t.PIN), permitFrom(t))
	if err != nil {
		return rejected(t, err)
	}
	m := sess.Message()
	if err := sameAll(output{"sec", sess.Secret(), t.Sec}, output{"u", m.U, t.U}, output{"ut", m.UT, t.UT}); err != nil {
		return err
	}
	v, err := sess.Pass2(t.Y)
	if err != nil {
		return rejected(t, err)
	}
	if err := same("v", v, t.V); err != nil {
		return err
	}
	return accepted(t)
}
