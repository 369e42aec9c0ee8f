package vectors

import (
	"bytes"
	"fmt"

	"github.com/mpinkit/mpinkit/reference/mpin"
)

var fullReqs = reqs("11.1", "11.2", "11.3", "11.4", "11.5", "11.6", "11.8")

// fullRun is an M-Pin Full transcript.
type fullRun struct {
	m                 *mpin.Pass1
	r, y, w, share, v []byte
	h, kc, ks         []byte
	serverErr         error
}

// runFull runs M-Pin Full between a client and srv at baseNoon.
func (b *builder) runFull(srv *mpin.Server, rc *runCase, x, z, y, w []byte) *fullRun {
	p := b.p
	fr := &fullRun{m: &mpin.Pass1{}, y: y, w: w}
	c, err := p.NewClient(rc.id, rc.token)
	if !b.ok(err, "NewClient") {
		return fr
	}
	sess, err := c.FullPass1WithX(x, z, int(rc.pin), permitOf(rc.day, rc.permit))
	if !b.ok(err, "FullPass1WithX") {
		return fr
	}
	fr.m, fr.r = sess.Message(), sess.R()
	fr.share, err = srv.KeyShare(baseNoon, fr.m, w)
	if !b.ok(err, "KeyShare") {
		return fr
	}
	fr.v, fr.kc, err = sess.FullPass2(y, fr.share)
	if !b.ok(err, "FullPass2") {
		return fr
	}
	hid, err := p.HashID(rc.id)
	b.ok(err, "HashID")
	fr.h = p.HashAll(hid, fr.m.U, fr.m.UT, fr.v, y, fr.r, fr.share)
	fr.ks, fr.serverErr = srv.VerifyFull(baseNoon, fr.m, fr.r, y, w, fr.v)
	return fr
}

// fullServerTest returns the server case of a transcript.
func (fr *fullRun) serverTest(comment string) *Test {
	t := &Test{Comment: comment, ID: fr.m.ID, U: fr.m.U, UT: fr.m.UT, ClientKeyShare: fr.r, Y: fr.y, W: fr.w, V: fr.v, Now: i64(baseNoon), ClientKey: fr.kc}
	if fr.m.Day != 0 {
		t.Day = i64(int64(fr.m.Day))
	}
	return t
}

func buildFull(b *builder) {
	p := b.p
	c := newCurveMath(p)
	other := b.newAuthority(b.rng.fork("other authority"), 2)
	for _, permits := range []bool{false, true} {
		label, n := "no permits", 2
		if permits {
			label, n = "permits", 3
		}
		rng := b.rng.fork("MpinFull/" + label)
		a := b.newAuthority(rng, n)
		cfg := mpin.ServerConfig{TimePermits: permits}
		srv := a.server(cfg)
		g := b.group(serverGroup("MpinFull", fmt.Sprintf("complete M-Pin Full runs: %d D-TAs, %s", n, label), a, cfg))
		ids := runIDs(rng, 8)
		withPermit := func(rc *runCase) *runCase {
			if permits {
				return rc.withPermit(a, baseDay)
			}
			return rc
		}
		add := func(rc *runCase, want string, rq []string, flags ...string) {
			x, z, y, w := rng.scalar(p), rng.scalar(p), rng.scalar(p), rng.scalar(p)
			fr := b.runFull(srv, rc, x, z, y, w)
			t := rc.clientTest()
			hid, err := p.HashID(rc.id)
			b.ok(err, "HashID")
			t.X, t.Z, t.Y, t.W, t.Now = x, z, y, w, i64(baseNoon)
			t.HashedID, t.U, t.UT, t.ClientKeyShare, t.ServerKeyShare, t.V, t.H, t.ClientKey, t.ServerKey = hid, fr.m.U, fr.m.UT, fr.r, fr.share, fr.v, fr.h, fr.kc, fr.ks
			if want == "" && !bytes.Equal(fr.kc, fr.ks) {
				b.fail("MpinFull %q: the keys differ", rc.comment)
			}
			b.record(g, t, fr.serverErr, want, rq, append(rc.flags, flags...)...)
		}
		for i, id := range ids {
			add(withPermit(b.newRunCase(a, rng, id, fmt.Sprintf("run %d", i+1))), "", fullReqs)
		}
		rc := withPermit(b.newRunCase(a, rng, ids[0], ""))
		rc.pin = (rc.regPIN + 1) % 10000
		rc.comment = fmt.Sprintf("registered PIN %d, entered %d: the server fails and derives no key", rc.regPIN, rc.pin)
		add(rc, "BAD_PIN", reqs("11.7", "11.8", "10.4"), FlagBadPIN)
		rc = b.newRunCase(other, rng, ids[1], "a client of another authority")
		if permits {
			rc.withPermit(other, baseDay)
		}
		add(rc, "NOT_A_CLIENT", reqs("11.7", "10.4"), FlagNotAClient)

		// Server side.
		rng = b.rng.fork("MpinFullServer/" + label)
		g = b.group(serverGroup("MpinFullServer", fmt.Sprintf("the server's side of M-Pin Full: %d D-TAs, %s", n, label), a, cfg))
		honest := b.runFull(srv, withPermit(b.newRunCase(a, rng, ids[2], "")), rng.scalar(p), rng.scalar(p), rng.scalar(p), rng.scalar(p))
		addServer := func(comment string, edit func(t *Test), want string, rq []string, flags ...string) {
			t := honest.serverTest(comment)
			if edit != nil {
				edit(t)
			}
			m := messageFrom(t)
			if w, err := srv.KeyShare(*t.Now, m, t.W); err == nil {
				t.ServerKeyShare = w
			}
			ks, err := srv.VerifyFull(*t.Now, m, t.ClientKeyShare, t.Y, t.W, t.V)
			t.ServerKey = ks
			if want == FlagKeyMismatch {
				if err != nil || bytes.Equal(ks, t.ClientKey) {
					b.fail("MpinFullServer %q: want two different keys, got %v", comment, err)
				}
				t.Result, t.Reqs, t.Flags = Invalid, rq, append(flags, FlagKeyMismatch)
				g.Tests = append(g.Tests, t)
				return
			}
			if want == "" && !bytes.Equal(ks, t.ClientKey) {
				b.fail("MpinFullServer %q: the keys differ", comment)
			}
			b.record(g, t, err, want, rq, flags...)
		}
		addServer("honest transcript", nil, "", fullReqs)
		addServer("R replaced by another point: the server accepts and derives another key", func(t *Test) { t.ClientKeyShare = b.randG1(rng) }, FlagKeyMismatch, reqs("11.8"), FlagTamperedR)
		nac := reqs("11.7", "11.8", "9.4")
		if permits {
			addServer("U replaced: with permits U enters neither the check nor the transcript hash, and the keys agree", func(t *Test) { t.U = b.randG1(rng) }, "", reqs("11.3", "9.4"), FlagTamperedU)
			addServer("UT replaced by another point", func(t *Test) { t.UT = b.randG1(rng) }, "NOT_A_CLIENT", nac, FlagTamperedUT, FlagNotAClient)
		} else {
			addServer("U replaced by another point", func(t *Test) { t.U = b.randG1(rng) }, "NOT_A_CLIENT", nac, FlagTamperedU, FlagNotAClient)
		}
		addServer("V replaced by another point", func(t *Test) { t.V = b.randG1(rng) }, "NOT_A_CLIENT", nac, FlagTamperedV, FlagNotAClient)
		addServer("the server verifies with another challenge", func(t *Test) { t.Y = rng.scalar(p) }, "NOT_A_CLIENT", nac, FlagTamperedY, FlagNotAClient)
		addServer("another identity", func(t *Test) { t.ID = []byte("mallory@example.com") }, "NOT_A_CLIENT", nac, FlagTamperedID, FlagNotAClient)
		for _, be := range c.badG1(rng, honest.r, false) {
			addServer("R: "+be.comment, func(t *Test) { t.ClientKeyShare = be.enc }, be.want, append(reqs("11.7"), be.reqs...), be.flags...)
		}
		for _, be := range c.badScalars(false) {
			addServer("server scalar w: "+be.comment, func(t *Test) { t.W = be.enc }, be.want, append(reqs("11.2"), be.reqs...), be.flags...)
		}

		// Client side.
		rng = b.rng.fork("MpinFullClient/" + label)
		g = b.group(serverGroup("MpinFullClient", fmt.Sprintf("the client's side of M-Pin Full: %d D-TAs, %s", n, label), a, cfg))
		crc := withPermit(b.newRunCase(a, rng, ids[3], ""))
		x, z, y, w := rng.scalar(p), rng.scalar(p), rng.scalar(p), rng.scalar(p)
		honest = b.runFull(srv, crc, x, z, y, w)
		addClient := func(comment string, x, z, y, share []byte, want string, rq []string, flags ...string) {
			t := &Test{Comment: comment, ID: crc.id, Token: crc.token, PIN: i64(crc.pin), PermitDay: crc.day, TimePermit: crc.permit, X: x, Z: z, Y: y, ServerKeyShare: share, ServerKey: honest.ks}
			cl, err := p.NewClient(crc.id, crc.token)
			if err == nil {
				var sess *mpin.ClientSession
				if sess, err = cl.FullPass1WithX(x, z, int(crc.pin), permitOf(crc.day, crc.permit)); err == nil {
					m := sess.Message()
					t.U, t.UT, t.ClientKeyShare = m.U, m.UT, sess.R()
					t.V, t.ClientKey, err = sess.FullPass2(y, share)
				}
			}
			if want == FlagKeyMismatch {
				if err != nil || bytes.Equal(t.ClientKey, honest.ks) {
					b.fail("MpinFullClient %q: want two different keys, got %v", comment, err)
				}
				t.Result, t.Reqs, t.Flags = Invalid, rq, append(flags, FlagKeyMismatch)
				g.Tests = append(g.Tests, t)
				return
			}
			if want == "" {
				if !bytes.Equal(t.ClientKey, honest.ks) {
					b.fail("MpinFullClient %q: the keys differ", comment)
				}
				b.record(g, t, err, "", rq, flags...)
				return
			}
			t.U, t.UT, t.ClientKeyShare, t.V, t.ClientKey = nil, nil, nil, nil, nil
			b.invalid(g, t, err, want, rq, flags...)
		}
		addClient("honest run", x, z, y, honest.share, "", fullReqs)
		addClient("W replaced by another point: the client derives another key", x, z, y, b.randG1(rng), FlagKeyMismatch, reqs("11.8"), FlagTamperedW)
		for _, be := range c.badG1(rng, honest.share, false) {
			addClient("W: "+be.comment, x, z, y, be.enc, be.want, append(reqs("11.7"), be.reqs...), be.flags...)
		}
		for _, be := range c.badScalars(false) {
			addClient("client scalar z: "+be.comment, x, be.enc, y, honest.share, be.want, append(reqs("11.2"), be.reqs...), be.flags...)
		}
		addClient("challenge y = 0", x, z, make([]byte, p.ScalarSize()), honest.share, "INVALID_SCALAR", reqs("7.4", "14.9"), FlagZeroScalar)
		addClient("y = -x mod r: x + y = 0", x, z, b.negScalar(x), honest.share, "INVALID_SCALAR", reqs("7.4", "14.10"), FlagXPlusYZero)
	}
}

func checkFull(p *mpin.Profile, g *Group, t *Test) error {
	if err := need("pin, now", t.PIN != nil && t.Now != nil); err != nil {
		return err
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
	srv, err := groupServer(p, g)
	if err != nil {
		return fmt.Errorf("%w: group server: %w", ErrSchema, err)
	}
	cl, err := p.NewClient(t.ID, t.Token)
	if err != nil {
		return rejected(t, err)
	}
	sess, err := cl.FullPass1WithX(t.X, t.Z, int(*t.PIN), permitFrom(t))
	if err != nil {
		return rejected(t, err)
	}
	m := sess.Message()
	if err := sameAll(output{"u", m.U, t.U}, output{"ut", m.UT, t.UT}, output{"clientKeyShare", sess.R(), t.ClientKeyShare}); err != nil {
		return err
	}
	share, err := srv.KeyShare(*t.Now, m, t.W)
	if err != nil {
		return rejected(t, err)
	}
	if err := same("serverKeyShare", share, t.ServerKeyShare); err != nil {
		return err
	}
	v, kc, err := sess.FullPass2(t.Y, share)
	if err != nil {
		return rejected(t, err)
	}
	hid, err := p.HashID(t.ID)
	if err != nil {
		return rejected(t, err)
	}
	h := p.HashAll(hid, m.U, m.UT, v, t.Y, sess.R(), share)
	if err := sameAll(output{"v", v, t.V}, output{"clientKey", kc, t.ClientKey}, output{"hashedId", hid, t.HashedID}, output{"h", h, t.H}); err != nil {
		return err
	}
	ks, err := srv.VerifyFull(*t.Now, m, sess.R(), t.Y, t.W, v)
	if err != nil {
		return serverOutcome(t, err)
	}
	if err := same("serverKey", ks, t.ServerKey); err != nil {
		return err
	}
	if !bytes.Equal(kc, ks) {
		return fmt.Errorf("client key %x and server key %x differ", kc, ks)
	}
	return accepted(t)
}

func checkFullServer(p *mpin.Profile, g *Group, t *Test) error {
	if err := need("now", t.Now != nil); err != nil {
		return err
	}
	srv, err := groupServer(p, g)
	if err != nil {
		return fmt.Errorf("%w: group server: %w", ErrSchema, err)
	}
	m := messageFrom(t)
	if t.ServerKeyShare != nil {
		share, err := srv.KeyShare(*t.Now, m, t.W)
		if err != nil {
			return rejected(t, err)
		}
		if err := same("serverKeyShare", share, t.ServerKeyShare); err != nil {
			return err
		}
	}
	ks, err := srv.VerifyFull(*t.Now, m, t.ClientKeyShare, t.Y, t.W, t.V)
	if err != nil {
		return serverOutcome(t, err)
	}
	if err := same("serverKey", ks, t.ServerKey); err != nil {
		return err
	}
	return keysOutcome(t, t.ClientKey, ks)
}

func checkFullClient(p *mpin.Profile, g *Group, t *Test) error {
	if err := need("pin", t.PIN != nil); err != nil {
		return err
	}
	cl, err := p.NewClient(t.ID, t.Token)
	if err != nil {
		return rejected(t, err)
	}
	sess, err := cl.FullPass1WithX(t.X, t.Z, int(*t.PIN), permitFrom(t))
	if err != nil {
		return rejected(t, err)
	}
	m := sess.Message()
	if err := sameAll(output{"u", m.U, t.U}, output{"ut", m.UT, t.UT}, output{"clientKeyShare", sess.R(), t.ClientKeyShare}); err != nil {
		return err
	}
	v, kc, err := sess.FullPass2(t.Y, t.ServerKeyShare)
	if err != nil {
		return rejected(t, err)
	}
	if err := sameAll(output{"v", v, t.V}, output{"clientKey", kc, t.ClientKey}); err != nil {
		return err
	}
	return keysOutcome(t, kc, t.ServerKey)
}

// keysOutcome checks the two keys of a completed M-Pin Full case: equal
// for a valid case, different for one flagged KeyMismatch.
func keysOutcome(t *Test, kc, ks []byte) error {
	if hasFlag(t, FlagKeyMismatch) {
		if t.Result != Invalid {
			return fmt.Errorf("%w: a KeyMismatch case must be invalid", ErrSchema)
		}
		if kc == nil || ks == nil || bytes.Equal(kc, ks) {
			return fmt.Errorf("the keys agree (%x), want them to differ", kc)
		}
		return nil
	}
	if kc != nil && ks != nil && !bytes.Equal(kc, ks) {
		return fmt.Errorf("client key %x and server key %x differ", kc, ks)
	}
	return accepted(t)
}
