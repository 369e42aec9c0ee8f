package vectors

import (
	"fmt"

	"github.com/mpinkit/mpinkit/reference/mpin"
)

var onePassReqs = reqs("8.1", "8.3", "8.4", "8.6", "9.1", "9.4")

// clientOnePass computes a one-pass message with a given x.
func (b *builder) clientOnePass(rc *runCase, x []byte, tv int64, msg []byte) (sec, y []byte, op *mpin.OnePass) {
	p := b.p
	c, err := p.NewClient(rc.id, rc.token)
	if !b.ok(err, "NewClient") {
		return nil, nil, &mpin.OnePass{}
	}
	op, err = c.OnePassWithX(x, int(rc.pin), permitOf(rc.day, rc.permit), tv, msg)
	if !b.ok(err, "OnePassWithX") {
		return nil, nil, &mpin.OnePass{}
	}
	sess, err := c.Pass1WithX(x, int(rc.pin), permitOf(rc.day, rc.permit))
	if b.ok(err, "Pass1WithX") {
		sec = sess.Secret()
	}
	y, err = p.OnePassChallenge(tv, op.U, op.UT, msg)
	b.ok(err, "OnePassChallenge")
	return sec, y, op
}

// addOnePass appends a complete one-pass run.
func (b *builder) addOnePass(g *Group, srv *mpin.Server, rng *drbg, rc *runCase, tv int64, msg []byte, now int64, want string, rq []string, flags ...string) {
	x := rng.scalar(b.p)
	t := rc.clientTest()
	t.X, t.TimeValue, t.Message, t.Now = x, i64(tv), msg, i64(now)
	sec, y, op := b.clientOnePass(rc, x, tv, msg)
	t.Sec, t.U, t.UT, t.Y, t.V = sec, op.U, op.UT, y, op.V
	b.record(g, t, srv.VerifyOnePass(now, op), want, rq, append(rc.flags, flags...)...)
}

// onePassTest returns a server case for a one-pass message.
func onePassTest(comment string, op *mpin.OnePass, now int64) *Test {
	t := &Test{Comment: comment, ID: op.ID, U: op.U, UT: op.UT, V: op.V, TimeValue: i64(op.TimeValue), Message: op.Message, Now: i64(now)}
	if op.Day != 0 {
		t.Day = i64(int64(op.Day))
	}
	return t
}

// onePassFrom returns the one-pass message of a server case.
func onePassFrom(t *Test) *mpin.OnePass {
	return &mpin.OnePass{Pass1: *messageFrom(t), V: t.V, TimeValue: intOf(t.TimeValue), Message: t.Message}
}

// addOnePassServer appends a server case after applying edit.
func (b *builder) addOnePassServer(g *Group, srv *mpin.Server, op *mpin.OnePass, comment string, now int64, edit func(t *Test), want string, rq []string, flags ...string) {
	t := onePassTest(comment, op, now)
	if edit != nil {
		edit(t)
	}
	b.record(g, t, srv.VerifyOnePass(now, onePassFrom(t)), want, rq, flags...)
}

func buildOnePass(b *builder) {
	p := b.p
	c := newCurveMath(p)
	other := b.newAuthority(b.rng.fork("other authority"), 2)
	midnight := int64(baseDay) * mpin.SecondsPerDay
	long := b.rng.fork("messages").bytes(128)
	messages := []struct {
		msg     []byte
		comment string
		flags   []string
	}{
		{nil, "no message", nil},
		{[]byte{}, "empty message", []string{FlagEmptyMessage}},
		{[]byte("login to example.com"), "a short message", nil},
		{long, "a 128-octet message", []string{FlagEdgeValue}},
	}

	// Runs without permits.
	rng := b.rng.fork("OnePass/no permits")
	a := b.newAuthority(rng, 2)
	cfg := mpin.ServerConfig{OnePassWindow: 30}
	srv := a.server(cfg)
	g := b.group(serverGroup("OnePass", "complete runs: two D-TAs, no time permits, 30-second window", a, cfg))
	ids := runIDs(rng, 8)
	for i := range 8 {
		mc := messages[i%len(messages)]
		rc := b.newRunCase(a, rng, ids[i], fmt.Sprintf("run %d, %s", i+1, mc.comment))
		now := baseNoon + int64(100*i)
		b.addOnePass(g, srv, rng, rc, now-int64(rng.intn(20)), mc.msg, now, "", onePassReqs, mc.flags...)
	}
	rc := b.newRunCase(a, rng, ids[0], "PIN entered plus 10000")
	rc.pin += 10000
	b.addOnePass(g, srv, rng, rc, baseNoon, nil, baseNoon, "", onePassReqs, FlagPINReduced)
	for _, d := range []int64{1, -100} {
		rc := b.newRunCase(a, rng, ids[1], "")
		rc.pin = (rc.regPIN + d + 10000) % 10000
		rc.comment = fmt.Sprintf("registered PIN %d, entered %d", rc.regPIN, rc.pin)
		b.addOnePass(g, srv, rng, rc, baseNoon-3, []byte("hello"), baseNoon, "BAD_PIN", badPINReqs, FlagBadPIN)
	}
	rc = b.newRunCase(other, rng, ids[2], "a client of another authority")
	b.addOnePass(g, srv, rng, rc, baseNoon, nil, baseNoon, "NOT_A_CLIENT", notAClientReqs, FlagNotAClient)
	_, mine := a.clientSecret(ids[3])
	_, theirs := other.clientSecret(ids[3])
	secret := b.recombineOrFail(mine[0], theirs[1])
	token, err := p.ExtractPIN(secret, ids[3], 4321)
	b.ok(err, "ExtractPIN")
	rc = &runCase{comment: "client secret from shares of two authorities", id: ids[3], secret: secret, shares: [][]byte{mine[0], theirs[1]}, regPIN: 4321, token: token, pin: 4321}
	b.addOnePass(g, srv, rng, rc, baseNoon, nil, baseNoon, "NOT_A_CLIENT", append(reqs("3.7"), notAClientReqs...), FlagMismatchedShares, FlagNotAClient)

	// Runs with permits.
	rng = b.rng.fork("OnePass/permits")
	a = b.newAuthority(rng, 2)
	cfg = mpin.ServerConfig{TimePermits: true, OnePassWindow: 60}
	srv = a.server(cfg)
	g = b.group(serverGroup("OnePass", "complete runs: two D-TAs, time permits required, 60-second window", a, cfg))
	ids = runIDs(rng, 6)
	for i := range 6 {
		mc := messages[i%len(messages)]
		rc := b.newRunCase(a, rng, ids[i], fmt.Sprintf("run %d with today's permit, %s", i+1, mc.comment)).withPermit(a, baseDay)
		now := baseNoon + int64(1000*i)
		b.addOnePass(g, srv, rng, rc, now-int64(rng.intn(60)), mc.msg, now, "", append(onePassReqs, reqs("6.3", "6.4")...), mc.flags...)
	}
	rc = b.newRunCase(a, rng, ids[0], "").withPermit(a, baseDay)
	rc.pin = (rc.regPIN + 9) % 10000
	rc.comment = fmt.Sprintf("today's permit, registered PIN %d, entered %d", rc.regPIN, rc.pin)
	b.addOnePass(g, srv, rng, rc, baseNoon, nil, baseNoon, "BAD_PIN", badPINReqs, FlagBadPIN)
	rc = b.newRunCase(a, rng, ids[1], "tomorrow's permit").withPermit(a, baseDay+1)
	b.addOnePass(g, srv, rng, rc, baseNoon, nil, baseNoon, "WRONG_DAY", reqs("6.4"), FlagWrongDay)
	rc = b.newRunCase(a, rng, ids[2], "yesterday's permit, server without grace").withPermit(a, baseDay-1)
	b.addOnePass(g, srv, rng, rc, midnight+5, nil, midnight+5, "EXPIRED_PERMIT", reqs("6.4"), FlagExpiredPermit)
	rc = b.newRunCase(a, rng, ids[3], "no permit, server requires one")
	b.addOnePass(g, srv, rng, rc, baseNoon, nil, baseNoon, "EXPIRED_PERMIT", reqs("6.6"), FlagMissingPermit)

	// Server side, no permits.
	rng = b.rng.fork("OnePassServer/no permits")
	a = b.newAuthority(rng, 2)
	cfg = mpin.ServerConfig{OnePassWindow: 30}
	srv = a.server(cfg)
	g = b.group(serverGroup("OnePassServer", "the server's check of one-pass messages: two D-TAs, no time permits, 30-second window", a, cfg))
	ids = runIDs(rng, 3)
	tv := baseNoon
	_, _, plain := b.clientOnePass(b.newRunCase(a, rng, ids[0], ""), rng.scalar(p), tv, nil)
	_, _, withMsg := b.clientOnePass(b.newRunCase(a, rng, ids[1], ""), rng.scalar(p), tv, []byte("transfer 100 EUR to account 42"))
	b.addOnePassServer(g, srv, plain, "honest message, no message text", tv, nil, "", onePassReqs)
	b.addOnePassServer(g, srv, withMsg, "honest message with a message text", tv+5, nil, "", onePassReqs)
	b.addOnePassServer(g, srv, plain, "sent without a message, received with an empty one", tv, func(t *Test) { t.Message = []byte{} }, "", reqs("8.6"), FlagEmptyMessage)
	b.addOnePassServer(g, srv, plain, "time value 30 s before the server's clock", tv+30, nil, "", reqs("8.4"), FlagWindowEdge)
	b.addOnePassServer(g, srv, plain, "time value 30 s after the server's clock", tv-30, nil, "", reqs("8.4"), FlagWindowEdge)
	b.addOnePassServer(g, srv, plain, "time value 31 s before the server's clock", tv+31, nil, "STALE_TIMEVALUE", reqs("8.4"), FlagStaleTimeValue)
	b.addOnePassServer(g, srv, plain, "time value a day before the server's clock", tv+mpin.SecondsPerDay, nil, "STALE_TIMEVALUE", reqs("8.4"), FlagStaleTimeValue)
	b.addOnePassServer(g, srv, plain, "time value 31 s after the server's clock", tv-31, nil, "STALE_TIMEVALUE", reqs("8.4"), FlagFutureTimeValue)
	b.addOnePassServer(g, srv, plain, "time value an hour after the server's clock", tv-3600, nil, "STALE_TIMEVALUE", reqs("8.4"), FlagFutureTimeValue)
	nac := reqs("8.3", "9.4", "10.4")
	b.addOnePassServer(g, srv, withMsg, "message text changed", tv, func(t *Test) { t.Message = []byte("transfer 900 EUR to account 42") }, "NOT_A_CLIENT", append(nac, reqs("8.6")...), FlagTamperedMessage, FlagNotAClient)
	b.addOnePassServer(g, srv, withMsg, "message text removed", tv, func(t *Test) { t.Message = nil }, "NOT_A_CLIENT", append(nac, reqs("8.6")...), FlagTamperedMessage, FlagNotAClient)
	b.addOnePassServer(g, srv, plain, "message text added", tv, func(t *Test) { t.Message = []byte{0} }, "NOT_A_CLIENT", append(nac, reqs("8.6")...), FlagTamperedMessage, FlagNotAClient)
	b.addOnePassServer(g, srv, plain, "time value changed by one second, inside the window", tv, func(t *Test) { t.TimeValue = i64(tv + 1) }, "NOT_A_CLIENT", nac, FlagTamperedTimeValue, FlagNotAClient)
	b.addOnePassServer(g, srv, plain, "U replaced by another point", tv, func(t *Test) { t.U = b.randG1(rng) }, "NOT_A_CLIENT", nac, FlagTamperedU, FlagNotAClient)
	b.addOnePassServer(g, srv, plain, "V replaced by another point", tv, func(t *Test) { t.V = b.randG1(rng) }, "NOT_A_CLIENT", nac, FlagTamperedV, FlagNotAClient)
	b.addOnePassServer(g, srv, plain, "another identity", tv, func(t *Test) { t.ID = []byte("mallory@example.com") }, "NOT_A_CLIENT", nac, FlagTamperedID, FlagNotAClient)
	b.addOnePassServer(g, srv, plain, "empty identity", tv, func(t *Test) { t.ID = []byte{} }, "INVALID_ARGUMENT", reqs("4.1"), FlagEmptyIdentity)
	for _, v := range []int64{0, -1, maxInt31 + 1} {
		b.addOnePassServer(g, srv, plain, fmt.Sprintf("time value %d", v), tv, func(t *Test) { t.TimeValue = i64(v) }, "INVALID_ARGUMENT", reqs("8.1"), FlagTimeValueOutOfRange)
	}
	for _, be := range c.badG1(rng, plain.V, false) {
		b.addOnePassServer(g, srv, plain, "V: "+be.comment, tv, func(t *Test) { t.V = be.enc }, be.want, append(reqs("14.1"), be.reqs...), be.flags...)
	}
	for _, be := range c.badG1(rng, plain.U, false) {
		b.addOnePassServer(g, srv, plain, "U: "+be.comment, tv, func(t *Test) { t.U = be.enc }, be.want, append(reqs("14.1"), be.reqs...), be.flags...)
	}

	// Server side, permits.
	rng = b.rng.fork("OnePassServer/permits")
	a = b.newAuthority(rng, 2)
	cfg = mpin.ServerConfig{TimePermits: true, PermitGrace: 3600, OnePassWindow: 30}
	srv = a.server(cfg)
	g = b.group(serverGroup("OnePassServer", "the server's check of one-pass messages: two D-TAs, time permits with a one-hour grace, 30-second window", a, cfg))
	ids = runIDs(rng, 3)
	_, _, tp := b.clientOnePass(b.newRunCase(a, rng, ids[0], "").withPermit(a, baseDay), rng.scalar(p), tv, []byte("hello"))
	b.addOnePassServer(g, srv, tp, "honest message with today's permit", tv, nil, "", append(onePassReqs, reqs("6.4")...))
	b.addOnePassServer(g, srv, tp, "today's permit, day not stated", tv, func(t *Test) { t.Day = nil }, "", reqs("6.5"), FlagDayNotStated)
	b.addOnePassServer(g, srv, tp, "U replaced: with permits U enters neither the challenge nor the check", tv, func(t *Test) { t.U = b.randG1(rng) }, "", reqs("8.1", "9.4"), FlagTamperedU)
	b.addOnePassServer(g, srv, tp, "UT replaced by another point", tv, func(t *Test) { t.UT = b.randG1(rng) }, "NOT_A_CLIENT", nac, FlagTamperedUT, FlagNotAClient)
	b.addOnePassServer(g, srv, tp, "stated day changed to tomorrow", tv, func(t *Test) { t.Day = i64(baseDay + 1) }, "WRONG_DAY", reqs("6.4"), FlagWrongDay)
	b.addOnePassServer(g, srv, tp, "stated day changed to two days ago", tv, func(t *Test) { t.Day = i64(baseDay - 2) }, "EXPIRED_PERMIT", reqs("6.4"), FlagExpiredPermit)
	b.addOnePassServer(g, srv, tp, "UT and day removed", tv, func(t *Test) { t.UT, t.Day = nil, nil }, "EXPIRED_PERMIT", reqs("6.6"), FlagMissingPermit)
	_, _, old := b.clientOnePass(b.newRunCase(a, rng, ids[1], "").withPermit(a, baseDay-1), rng.scalar(p), midnight+600, nil)
	b.addOnePassServer(g, srv, old, "yesterday's permit at 00:10, inside the grace", midnight+600, nil, "", reqs("6.4"), FlagGraceDay)
	_, _, old = b.clientOnePass(b.newRunCase(a, rng, ids[2], "").withPermit(a, baseDay-1), rng.scalar(p), midnight+3600, nil)
	b.addOnePassServer(g, srv, old, "yesterday's permit at 01:00:00, the grace is over", midnight+3600, nil, "EXPIRED_PERMIT", reqs("6.4"), FlagExpiredPermit)
	b.addOnePassServer(g, srv, tp, "time value 31 s before the server's clock", tv+31, nil, "STALE_TIMEVALUE", reqs("8.4"), FlagStaleTimeValue)
	for _, be := range c.badG1(rng, tp.UT, false) {
		b.addOnePassServer(g, srv, tp, "UT: "+be.comment, tv, func(t *Test) { t.UT = be.enc }, be.want, append(reqs("14.1"), be.reqs...), be.flags...)
	}

	// Client side.
	rng = b.rng.fork("OnePassClient")
	a = b.newAuthority(rng, 1)
	g = b.group(&Group{Type: "OnePassClient", Comment: "the client's checks on its one-pass inputs", MasterShares: hexes(a.masters)})
	ids = runIDs(rng, 2)
	addClient := func(rc *runCase, x []byte, tv int64, msg []byte, want string, rq []string, flags ...string) {
		t := &Test{Comment: rc.comment, ID: rc.id, Token: rc.token, PIN: i64(rc.pin), PermitDay: rc.day, TimePermit: rc.permit, X: x, TimeValue: i64(tv), Message: msg}
		cl, err := p.NewClient(rc.id, rc.token)
		if err == nil {
			var op *mpin.OnePass
			if op, err = cl.OnePassWithX(x, int(rc.pin), permitOf(rc.day, rc.permit), tv, msg); err == nil {
				t.U, t.UT, t.V = op.U, op.UT, op.V
				t.Y, err = p.OnePassChallenge(tv, op.U, op.UT, msg)
			}
		}
		if want == "" {
			b.record(g, t, err, "", rq, flags...)
			return
		}
		b.invalid(g, t, err, want, rq, flags...)
	}
	plainRC := b.newRunCase(a, rng, ids[0], "valid inputs, no permit")
	tpRC := b.newRunCase(a, rng, ids[1], "valid inputs, with a permit").withPermit(a, baseDay)
	addClient(plainRC, rng.scalar(p), baseNoon, nil, "", reqs("8.1"))
	addClient(tpRC, rng.scalar(p), baseNoon, []byte("hi"), "", reqs("8.1", "6.3"))
	for _, v := range []int64{0, -1, maxInt31 + 1} {
		rc := *plainRC
		rc.comment = fmt.Sprintf("time value %d", v)
		addClient(&rc, rng.scalar(p), v, nil, "INVALID_ARGUMENT", reqs("8.1"), FlagTimeValueOutOfRange)
	}
	neg := *plainRC
	neg.pin, neg.comment = -5, "PIN -5"
	addClient(&neg, rng.scalar(p), baseNoon, nil, "INVALID_ARGUMENT", reqs("5.1"), FlagNegativePIN)
	for _, be := range c.badScalars(false) {
		rc := *plainRC
		rc.comment = "client scalar x: " + be.comment
		addClient(&rc, be.enc, baseNoon, nil, be.want, append(reqs("8.2"), be.reqs...), be.flags...)
	}
}

func checkOnePass(p *mpin.Profile, g *Group, t *Test) error {
	if err := need("pin, timeValue, now", t.PIN != nil && t.TimeValue != nil && t.Now != nil); err != nil {
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
	op, err := clientOnePassRun(p, t)
	if err != nil || op == nil {
		return err
	}
	srv, err := groupServer(p, g)
	if err != nil {
		return fmt.Errorf("%w: group server: %w", ErrSchema, err)
	}
	return serverOutcome(t, srv.VerifyOnePass(*t.Now, op))
}

// clientOnePassRun runs the client side of a one-pass case and compares
// its outputs. A nil message with a nil error means the case ended as
// expected on the client.
func clientOnePassRun(p *mpin.Profile, t *Test) (*mpin.OnePass, error) {
	cl, err := p.NewClient(t.ID, t.Token)
	if err != nil {
		return nil, rejected(t, err)
	}
	op, err := cl.OnePassWithX(t.X, int(*t.PIN), permitFrom(t), *t.TimeValue, t.Message)
	if err != nil {
		return nil, rejected(t, err)
	}
	y, err := p.OnePassChallenge(*t.TimeValue, op.U, op.UT, t.Message)
	if err != nil {
		return nil, rejected(t, err)
	}
	if err := sameAll(output{"u", op.U, t.U}, output{"ut", op.UT, t.UT}, output{"y", y, t.Y}, output{"v", op.V, t.V}); err != nil {
		return nil, err
	}
	if t.Sec != nil {
		sess, err := cl.Pass1WithX(t.X, int(*t.PIN), permitFrom(t))
		if err != nil {
			return nil, rejected(t, err)
		}
		if err := same("sec", sess.Secret(), t.Sec); err != nil {
			return nil, err
		}
	}
	return op, nil
}

func checkOnePassServer(p *mpin.Profile, g *Group, t *Test) error {
	if err := need("now", t.Now != nil); err != nil {
		return err
	}
	srv, err := groupServer(p, g)
	if err != nil {
		return fmt.Errorf("%w: group server: %w", ErrSchema, err)
	}
	return serverOutcome(t, srv.VerifyOnePass(*t.Now, onePassFrom(t)))
}

func checkOnePassClient(p *mpin.Profile, g *Group, t *Test) error {
	if err := need("pin, timeValue", t.PIN != nil && t.TimeValue != nil); err != nil {
		return err
	}
	op, err := clientOnePassRun(p, t)
	if err != nil || op == nil {
		return err
	}
	return accepted(t)
}
