package conformance

import (
	"bytes"
	"context"
	"math/big"

	"github.com/cucumber/godog"

	"github.com/mpinkit/mpinkit/conformance/iut"
)

// Interop steps: a client and a server, each played by the IUT or by our
// reference, exchange messages through the harness, which relays them
// (and can alter them in transit).

func sessionSteps(sc *godog.ScenarioContext) {
	sc.When(`^the client starts a login with (\w+)$`, func(ctx context.Context, pinName string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		pin, err := w.n(pinName)
		if err != nil {
			return err
		}
		return w.clientStart(ctx, pin)
	})
	sc.When(`^the server issues a challenge$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		if w.sess.halted {
			return nil
		}
		return w.serverChallenge(ctx)
	})
	sc.When(`^the client answers the challenge( again)?$`, func(ctx context.Context, again string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		if w.sess.halted && again == "" {
			return nil // the login already ended in a rejection
		}
		return w.clientRespond(ctx)
	})
	sc.When(`^the server checks the answer( again)?$`, func(ctx context.Context, again string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		if w.sess.halted && again == "" {
			return nil
		}
		return w.serverFinish(ctx)
	})
	sc.When(`^the server checks an answer for a session it never opened$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		if ok, err := w.ensureServer(ctx); !ok {
			return err
		}
		w.sess.srvSess = "never-opened"
		if w.sess.v == nil {
			w.sess.v = w.opt("V")
		}
		return w.serverFinish(ctx)
	})
	sc.When(`^a login with (\w+) is completed$`, func(ctx context.Context, pinName string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		pin, err := w.n(pinName)
		if err != nil {
			return err
		}
		for _, f := range []func() error{
			func() error { return w.clientStart(ctx, pin) },
			func() error { return w.serverChallenge(ctx) },
			func() error { return w.clientRespond(ctx) },
			func() error { return w.serverFinish(ctx) },
		} {
			if err := f(); err != nil {
				return err
			}
			if w.err != nil { // the outcome is judged by the Then step
				return nil
			}
		}
		return nil
	})
	sc.When(`^(\d+) seconds pass$`, func(ctx context.Context, s int64) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		w.ints["NOW"] += s
		return nil
	})
	sc.When(`^the relay alters (U|UT|R|Y|W|V) in transit$`, func(ctx context.Context, name string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		p := w.inFlight(name)
		if p == nil || *p == nil {
			return w.failf("no %s in flight", name)
		}
		if name == "Y" {
			*p = w.cv.AddScalars(*p, w.cv.Scalar(big.NewInt(1)))
		} else {
			*p = w.cv.NegG1(*p)
		}
		return nil
	})
	sc.When(`^the relay replaces (U|UT|R|Y|W|V) by (.+)$`, func(ctx context.Context, name, defect string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		p := w.inFlight(name)
		if p == nil {
			return w.failf("no %s in flight", name)
		}
		kind := "g1"
		if name == "Y" {
			kind = "scalar"
		}
		orig := *p
		if orig == nil {
			orig = sampleOf(w, kind)
		}
		b, err := w.cv.Mutate(kind, defect, orig)
		if err != nil {
			return w.failf("%v", err)
		}
		*p = b
		return nil
	})
	sc.When(`^the relay sends the negation of the client's x as Y$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		x, err := w.v("X")
		if err != nil {
			return err
		}
		w.sess.y = w.cv.NegScalar(x)
		return nil
	})

	sc.Given(`^the (?:client|server) uses the case's (.+)$`, func(ctx context.Context, list string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		for _, n := range names(list) {
			w.ints["SUPPLY_"+n] = 1
		}
		return nil
	})

	// One-pass between parties.
	sc.When(`^the client sends a one-pass message with (\w+)$`, func(ctx context.Context, pinName string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		pin, err := w.n(pinName)
		if err != nil {
			return err
		}
		permit, day := w.permit()
		tv := w.ints["NOW"]
		req := &iut.ClientOnePassRequest{Suite: w.suite, Identity: nonNil(w.opt("ID")), Token: nonNil(w.opt("TOKEN")), PIN: pin,
			Permit: permit, Day: day, TimeValue: tv, Message: w.opt("MSG")}
		err = w.call(ctx, "client", iut.OpClientOnePass, "V1", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.ClientOnePass(ctx, req)
			if err != nil {
				return nil, nil, err
			}
			return present(outs{"X1": r.X, "U1": r.U, "UT1": r.UT, "Y1": r.Y, "V1": r.V}), nil, nil
		})
		if err != nil || w.err != nil {
			return err
		}
		w.sess.u, w.sess.ut, w.sess.v, w.sess.day, w.sess.tv = w.res["U1"], w.res["UT1"], w.res["V1"], day, tv
		w.sess.msg = req.Message
		return nil
	})
	sc.When(`^the server receives the one-pass message$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		if ok, err := w.ensureServer(ctx); !ok {
			return err
		}
		s := w.sess
		req := &iut.ServerOnePassRequest{Server: s.server, Identity: nonNil(w.opt("ID")), U: nonNil(s.u), UT: s.ut, Day: s.day,
			V: nonNil(s.v), TimeValue: s.tv, Message: s.msg, Now: w.ints["NOW"]}
		return w.call(ctx, "server", iut.OpServerOnePass, "Y1", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.ServerOnePass(ctx, req)
			if err != nil {
				return nil, nil, err
			}
			return outs{"Y1": r.Y}, nil, nil
		})
	})
}

// inFlight returns the relay's copy of a message value.
func (w *world) inFlight(name string) *[]byte {
	switch name {
	case "U":
		return &w.sess.u
	case "UT":
		return &w.sess.ut
	case "R":
		return &w.sess.r
	case "Y":
		return &w.sess.y
	case "W":
		return &w.sess.w
	case "V":
		return &w.sess.v
	}
	return nil
}

// ensureClient creates the client party from the scenario's token and
// permit, once. It reports whether the client exists; when it does not,
// the rejection is the last operation's outcome.
func (w *world) ensureClient(ctx context.Context) (bool, error) {
	if w.sess.client != "" {
		return true, nil
	}
	permit, day := w.permit()
	req := &iut.ClientNewRequest{Suite: w.suite, Identity: nonNil(w.opt("ID")), Token: nonNil(w.opt("TOKEN")), Permit: permit, Day: day, Full: w.fullC}
	err := w.call(ctx, "client", iut.OpClientNew, "", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
		r, err := p.ClientNew(ctx, req)
		if err != nil {
			return nil, nil, err
		}
		w.sess.client = r.Client
		return nil, nil, nil
	})
	return err == nil && w.err == nil, err
}

// ensureServer creates the server party from the scenario's sQ and
// policy, once. It reports whether the server exists.
func (w *world) ensureServer(ctx context.Context) (bool, error) {
	if w.sess.server != "" {
		return true, nil
	}
	o := w.srv
	if !o.permitsSet {
		o.permits = w.ints["DAY"] != 0
	}
	req := &iut.ServerNewRequest{Suite: w.suite, ServerSecret: nonNil(w.opt("SQ")), Permits: o.permits, Grace: o.grace,
		Window: o.window, SessionTTL: o.ttl, Analyse: o.analyse, Lockout: o.lockout, Full: o.full}
	err := w.call(ctx, "server", iut.OpServerNew, "", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
		r, err := p.ServerNew(ctx, req)
		if err != nil {
			return nil, nil, err
		}
		w.sess.server = r.Server
		return nil, nil, nil
	})
	return err == nil && w.err == nil, err
}

func (w *world) clientStart(ctx context.Context, pin int64) error {
	w.sess.halted = false // a new login
	defer w.haltOnRejection()
	if ok, err := w.ensureClient(ctx); !ok {
		return err
	}
	// The client draws x (and z) itself unless the scenario supplies them.
	req := &iut.ClientStartRequest{Client: w.sess.client, PIN: pin, X: w.knownScalar("X"), Z: w.knownScalar("Z")}
	return w.call(ctx, "client", iut.OpClientStart, "U", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
		r, err := p.ClientStart(ctx, req)
		if err != nil {
			return nil, nil, err
		}
		w.sess.clientSess, w.sess.u, w.sess.ut, w.sess.day, w.sess.r = r.Session, r.U, r.UT, r.Day, r.R
		return present(outs{"U": r.U, "UT": r.UT, "R": r.R}), map[string]int64{"DAY": r.Day}, nil
	})
}

// knownScalar returns a scalar the scenario asked to supply ("the client
// uses X"), or nil to let the party draw one.
func (w *world) knownScalar(name string) []byte {
	if w.ints["SUPPLY_"+name] == 1 {
		return w.opt(name)
	}
	return nil
}

func (w *world) serverChallenge(ctx context.Context) error {
	defer w.haltOnRejection()
	if ok, err := w.ensureServer(ctx); !ok {
		return err
	}
	s := w.sess
	req := &iut.ServerChallengeRequest{Server: s.server, Identity: nonNil(w.opt("ID")), U: nonNil(s.u), UT: s.ut, Day: s.day,
		R: s.r, Now: w.ints["NOW"], Y: w.knownScalar("Y"), W: w.knownScalar("W")}
	return w.call(ctx, "server", iut.OpServerChallenge, "Y", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
		r, err := p.ServerChallenge(ctx, req)
		if err != nil {
			return nil, nil, err
		}
		w.sess.srvSess, w.sess.y, w.sess.w, w.sess.serverErr = r.Session, r.Y, r.WPoint, nil
		return present(outs{"Y": r.Y, "WPOINT": r.WPoint}), nil, nil
	})
}

func (w *world) clientRespond(ctx context.Context) error {
	defer w.haltOnRejection()
	req := &iut.ClientRespondRequest{Session: w.sess.clientSess, Y: nonNil(w.sess.y), WPoint: w.sess.w}
	return w.call(ctx, "client", iut.OpClientRespond, "V", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
		r, err := p.ClientRespond(ctx, req)
		if err != nil {
			w.sess.clientErr = err
			return nil, nil, err
		}
		w.sess.v, w.sess.keyC = r.V, r.Key
		return present(outs{"V": r.V, "KEY": r.Key}), nil, nil
	})
}

func (w *world) serverFinish(ctx context.Context) error {
	defer w.haltOnRejection()
	req := &iut.ServerFinishRequest{Server: w.sess.server, Session: w.sess.srvSess, V: nonNil(w.sess.v), Now: w.ints["NOW"]}
	return w.call(ctx, "server", iut.OpServerFinish, "KEY", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
		r, err := p.ServerFinish(ctx, req)
		if err != nil {
			w.sess.serverErr = err
			return nil, nil, err
		}
		w.sess.keyS = r.Key
		return present(outs{"KEY": r.Key}), nil, nil
	})
}

// haltOnRejection ends the login in progress when its last step was
// rejected: the following steps of the same login do nothing, so that the
// rejection is the login's outcome wherever the party made it (a server
// may validate R when it issues the challenge or when it checks the
// answer).
func (w *world) haltOnRejection() {
	if w.err != nil {
		w.sess.halted = true
	}
}

// keysAgree reports whether both parties derived the same key.
func (w *world) keysAgree() bool {
	return w.sess.keyC != nil && w.sess.keyS != nil && bytes.Equal(w.sess.keyC, w.sess.keyS)
}
