package vectors

import (
	"errors"
	"fmt"

	"github.com/mpinkit/mpinkit/reference/mpin"
)

// addWrongPIN appends a run with the server's wrong-PIN values E and F.
func (b *builder) addWrongPIN(g *Group, srv *mpin.Server, rng *drbg, rc *runCase, want string, rq []string, flags ...string) {
	x, y := rng.scalar(b.p), rng.scalar(b.p)
	t := &Test{Comment: rc.comment, ID: rc.id, RegisteredPIN: i64(rc.regPIN), Token: rc.token, PIN: i64(rc.pin), PermitDay: rc.day, TimePermit: rc.permit, X: x, Y: y, Now: i64(baseNoon)}
	_, m, v := b.clientPass(rc, x, y)
	t.U, t.UT, t.V = m.U, m.UT, v
	e, f, err := srv.PINErrorValues(baseNoon, m, y, v)
	b.ok(err, "PINErrorValues")
	t.E, t.F = e, f
	b.record(g, t, srv.Verify(baseNoon, m, y, v), want, rq, append(rc.flags, flags...)...)
}

// deltaCase returns a client registered with a PIN and entering another
// that differs from it by d (mod 10000 when reduced is set, the entered
// PIN being given plus 10000).
func (b *builder) deltaCase(a *authority, rng *drbg, id []byte, d int64, reduced bool) *runCase {
	lo, hi := max(0, -d), min(9999, 9999-d)
	reg := lo + int64(rng.intn(int(hi-lo+1)))
	rc := b.newRunCase(a, rng, id, "")
	secret, token := a.register(id, reg)
	rc.secret, rc.token, rc.regPIN, rc.pin = secret, token, reg, reg+d
	if reduced {
		rc.pin += 10000
	}
	rc.comment = fmt.Sprintf("delta %+d: registered PIN %d, entered %d", d, reg, rc.pin)
	return rc
}

func buildWrongPIN(b *builder) {
	other := b.newAuthority(b.rng.fork("other authority"), 2)
	for _, permits := range []bool{false, true} {
		label, comment := "no permits", "two D-TAs, no time permits"
		if permits {
			label, comment = "permits", "two D-TAs, time permits required"
		}
		rng := b.rng.fork("WrongPin/" + label)
		a := b.newAuthority(rng, 2)
		cfg := mpin.ServerConfig{TimePermits: permits}
		srv := a.server(cfg)
		g := b.group(serverGroup("WrongPin", "wrong-PIN detection: "+comment, a, cfg))
		ids := runIDs(rng, 6)
		deltas := []int64{1, -1, 2, -2, 9, -10, 99, -100, 141, -142, 143, -283, 284, 999, -1000, 5000, -5000, 9998, -9998, 9999, -9999}
		if permits {
			deltas = []int64{1, -1, 37, -37, 9999, -9999}
		}
		for i := range 4 {
			d := int64(1 + rng.intn(9999))
			if i%2 == 1 {
				d = -d
			}
			deltas = append(deltas, d)
		}
		withPermit := func(rc *runCase) *runCase {
			if permits {
				return rc.withPermit(a, baseDay)
			}
			return rc
		}
		for i, d := range deltas {
			rc := withPermit(b.deltaCase(a, rng, ids[i%len(ids)], d, false))
			var flags []string
			if d == 9999 || d == -9999 || d == 1 || d == -1 {
				flags = []string{FlagEdgeValue}
			}
			b.addWrongPIN(g, srv, rng, rc, "BAD_PIN", reqs("10.1", "10.2", "10.3", "10.4"), append(flags, FlagBadPIN)...)
		}
		rc := withPermit(b.deltaCase(a, rng, ids[0], 3, true))
		b.addWrongPIN(g, srv, rng, rc, "BAD_PIN", reqs("10.2", "10.4", "5.1"), FlagBadPIN, FlagPINReduced)
		rc = withPermit(b.deltaCase(a, rng, ids[1], 0, false))
		rc.comment = fmt.Sprintf("the right PIN %d: E is 1", rc.pin)
		b.addWrongPIN(g, srv, rng, rc, "", reqs("10.1", "9.1"))
		rc = b.newRunCase(other, rng, ids[2], "a client of another authority")
		if permits {
			rc.withPermit(other, baseDay)
		}
		b.addWrongPIN(g, srv, rng, rc, "NOT_A_CLIENT", reqs("10.3", "10.4"), FlagNotAClient)
		rc = withPermit(&runCase{comment: "a forged token: a random point", id: ids[3], regPIN: 1111, token: b.randG1(rng), pin: 1111})
		b.addWrongPIN(g, srv, rng, rc, "NOT_A_CLIENT", reqs("10.3", "10.4"), FlagNotAClient)
		if permits {
			rc = b.newRunCase(a, rng, ids[4], "the permit of another identity").withPermit(a, baseDay)
			rc.permit = a.permit(ids[5], baseDay)
			b.addWrongPIN(g, srv, rng, rc, "NOT_A_CLIENT", reqs("10.1", "10.3", "10.4"), FlagWrongPermit, FlagNotAClient)
			rc = b.newRunCase(a, rng, ids[4], "the permit of another identity and a wrong PIN: no PIN error explains it").withPermit(a, baseDay)
			rc.permit = a.permit(ids[5], baseDay)
			rc.pin = (rc.regPIN + 1) % 10000
			b.addWrongPIN(g, srv, rng, rc, "NOT_A_CLIENT", reqs("10.1", "10.3", "10.4"), FlagWrongPermit, FlagNotAClient)
		}
	}
}

func checkWrongPin(p *mpin.Profile, g *Group, t *Test) error {
	if err := need("pin, now", t.PIN != nil && t.Now != nil); err != nil {
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
	v, err := sess.Pass2(t.Y)
	if err != nil {
		return rejected(t, err)
	}
	if err := sameAll(output{"u", m.U, t.U}, output{"ut", m.UT, t.UT}, output{"v", v, t.V}); err != nil {
		return err
	}
	srv, err := groupServer(p, g)
	if err != nil {
		return fmt.Errorf("%w: group server: %w", ErrSchema, err)
	}
	e, f, err := srv.PINErrorValues(*t.Now, m, t.Y, v)
	if err != nil {
		return rejected(t, err)
	}
	if err := sameAll(output{"e", e, t.E}, output{"f", f, t.F}); err != nil {
		return err
	}
	// The search over the published E and F alone.
	if t.Result == Invalid {
		d, err := p.RecoverPINError(t.E, t.F)
		switch {
		case t.Delta != nil && (err != nil || int64(d) != *t.Delta):
			return fmt.Errorf("RecoverPINError(e, f) = %d, %v; want delta %d", d, err, *t.Delta)
		case t.Delta == nil && !errors.Is(err, mpin.ErrNotAClient):
			return fmt.Errorf("RecoverPINError(e, f) = %d, %v; want NOT_A_CLIENT", d, err)
		}
	}
	return serverOutcome(t, srv.Verify(*t.Now, m, t.Y, v))
}
