package inproc

import (
	"context"
	"errors"
	"fmt"

	"github.com/mpinkit/mpinkit/conformance/iut"
	"github.com/mpinkit/mpinkit/reference/mpin"
)

// Stateful parties for interop scenarios (spec/shim.md section 9.10).

// Defaults of the server policy (spec/shim.md, server_new).
const (
	defaultSessionTTL = 60 // REQ-MPIN-7.6
	defaultWindow     = mpin.DefaultOnePassWindow
)

type client struct {
	suite    string
	p        *mpin.Profile
	c        *mpin.Client
	permit   *mpin.TimePermit
	full     bool
	n        int
	sessions map[string]*mpin.ClientSession
}

type server struct {
	suite    string
	p        *mpin.Profile
	s        *mpin.Server
	permits  bool
	window   int64
	ttl      int64
	analyse  bool
	lockout  int64
	full     bool
	n        int
	sessions map[string]*serverSession
	// failures counts consecutive BAD_PIN outcomes per identity.
	failures map[string]int64
	// seen is the one-pass replay memory: (ID, U*) -> time value.
	seen map[string]int64
}

type serverSession struct {
	msg     *mpin.Pass1
	r       []byte
	y, w    []byte
	created int64
}

// handleSuite checks the optional suite of a request on a handle.
func handleSuite(got, want string) error {
	if got != "" && got != want {
		return iut.Errorf(iut.BadRequest, "suite %q does not match the handle's %q", got, want)
	}
	return nil
}

// ClientNew creates a client from a token and an optional permit.
func (a *Adapter) ClientNew(_ context.Context, r *iut.ClientNewRequest) (*iut.ClientNewResult, error) {
	p, err := profile(r.Suite)
	if err != nil {
		return nil, err
	}
	c, err := p.NewClient(r.Identity, r.Token)
	if err != nil {
		return nil, fail(err)
	}
	permit, err := permitArg(r.Permit, r.Day)
	if err != nil {
		return nil, err
	}
	if permit != nil {
		if _, err := p.DecodeG1(permit.Point); err != nil {
			return nil, fail(fmt.Errorf("permit: %w", err))
		}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.nextClient++
	h := fmt.Sprintf("c%d", a.nextClient)
	a.clients[h] = &client{suite: r.Suite, p: p, c: c, permit: permit, full: r.Full, sessions: map[string]*mpin.ClientSession{}}
	return &iut.ClientNewResult{Client: h}, nil
}

func (a *Adapter) clientOf(h, suite string) (*client, error) {
	c, ok := a.clients[h]
	if !ok {
		return nil, iut.Errorf(iut.BadRequest, "unknown client %q", h)
	}
	return c, handleSuite(suite, c.suite)
}

// ClientStart runs the first pass of a client session.
func (a *Adapter) ClientStart(_ context.Context, r *iut.ClientStartRequest) (*iut.ClientStartResult, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	c, err := a.clientOf(r.Client, r.Suite)
	if err != nil {
		return nil, err
	}
	pin, err := pinArg(r.PIN)
	if err != nil {
		return nil, err
	}
	x := []byte(r.X)
	if x == nil {
		if x, err = a.draw(c.p); err != nil {
			return nil, err
		}
	}
	var s *mpin.ClientSession
	if c.full {
		z := []byte(r.Z)
		if z == nil {
			if z, err = a.draw(c.p); err != nil {
				return nil, err
			}
		}
		s, err = c.c.FullPass1WithX(x, z, pin, c.permit)
	} else {
		s, err = c.c.Pass1WithX(x, pin, c.permit)
	}
	if err != nil {
		return nil, fail(err)
	}
	c.n++
	h := fmt.Sprintf("%s/%d", r.Client, c.n)
	c.sessions[h] = s
	m := s.Message()
	return &iut.ClientStartResult{Session: h, U: m.U, UT: m.UT, Day: int64(m.Day), R: s.R()}, nil
}

// ClientRespond answers a challenge; a session answers once.
func (a *Adapter) ClientRespond(_ context.Context, r *iut.ClientRespondRequest) (*iut.ClientRespondResult, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	var c *client
	var s *mpin.ClientSession
	for _, cl := range a.clients {
		if cs, ok := cl.sessions[r.Session]; ok {
			c, s = cl, cs
			break
		}
	}
	if s == nil {
		return nil, iut.Errorf(iut.Replay, "unknown session %q", r.Session)
	}
	if err := handleSuite(r.Suite, c.suite); err != nil {
		return nil, err
	}
	if c.full {
		if r.WPoint == nil {
			return nil, iut.Errorf(iut.BadRequest, "w_point is required in an M-Pin Full session")
		}
		v, key, err := s.FullPass2(r.Y, r.WPoint)
		if err != nil {
			return nil, fail(err)
		}
		return &iut.ClientRespondResult{V: v, Key: key}, nil
	}
	v, err := s.Pass2(r.Y)
	if err != nil {
		return nil, fail(err)
	}
	return &iut.ClientRespondResult{V: v}, nil
}

// ServerNew creates a server with a policy.
func (a *Adapter) ServerNew(_ context.Context, r *iut.ServerNewRequest) (*iut.ServerNewResult, error) {
	p, err := profile(r.Suite)
	if err != nil {
		return nil, err
	}
	if r.SessionTTL < 0 || r.Lockout < 0 {
		return nil, iut.Errorf(iut.InvalidArgument, "negative session_ttl or lockout")
	}
	s, err := p.NewServer(r.ServerSecret, mpin.ServerConfig{TimePermits: r.Permits, PermitGrace: r.Grace, OnePassWindow: r.Window})
	if err != nil {
		return nil, fail(err)
	}
	srv := &server{
		suite: r.Suite, p: p, s: s, permits: r.Permits, window: r.Window, ttl: r.SessionTTL,
		analyse: r.Analyse, lockout: r.Lockout, full: r.Full,
		sessions: map[string]*serverSession{}, failures: map[string]int64{}, seen: map[string]int64{},
	}
	if srv.window == 0 {
		srv.window = defaultWindow
	}
	if srv.ttl == 0 {
		srv.ttl = defaultSessionTTL
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.nextServer++
	h := fmt.Sprintf("s%d", a.nextServer)
	a.servers[h] = srv
	return &iut.ServerNewResult{Server: h}, nil
}

func (a *Adapter) serverOf(h, suite string) (*server, error) {
	s, ok := a.servers[h]
	if !ok {
		return nil, iut.Errorf(iut.BadRequest, "unknown server %q", h)
	}
	return s, handleSuite(suite, s.suite)
}

// locked applies the lockout of REQ-MPIN-10.5.
func (s *server) locked(id []byte) error {
	if s.lockout > 0 && s.failures[string(id)] >= s.lockout {
		return iut.Errorf(iut.Locked, "identity locked after %d wrong PINs", s.failures[string(id)])
	}
	return nil
}

// record counts an outcome towards the lockout: BAD_PIN counts, OK
// resets, NOT_A_CLIENT does not count (with analysis; without it every
// failure is BAD_PIN and counts).
func (s *server) record(id []byte, err error) {
	switch {
	case err == nil:
		delete(s.failures, string(id))
	case errors.Is(err, mpin.ErrBadPIN), !s.analyse && errors.Is(err, mpin.ErrNotAClient):
		s.failures[string(id)]++
	}
}

// ServerChallenge validates a first pass and opens a session.
func (a *Adapter) ServerChallenge(_ context.Context, r *iut.ServerChallengeRequest) (*iut.ServerChallengeResult, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	srv, err := a.serverOf(r.Server, r.Suite)
	if err != nil {
		return nil, err
	}
	p := srv.p
	day, err := dayArg(r.Day)
	if err != nil {
		return nil, err
	}
	m := &mpin.Pass1{ID: r.Identity, U: r.U, UT: r.UT, Day: day}
	if err := srv.s.ValidatePass1(r.Now, m); err != nil {
		return nil, fail(err)
	}
	if srv.full {
		if r.R == nil {
			return nil, iut.Errorf(iut.BadRequest, "r_point is required by an M-Pin Full server")
		}
		if _, err := p.DecodeG1(r.R); err != nil {
			return nil, fail(fmt.Errorf("R: %w", err))
		}
	}
	if err := srv.locked(r.Identity); err != nil {
		return nil, err
	}
	y := []byte(r.Y)
	if y == nil {
		if y, err = srv.s.Challenge(a.rand); err != nil {
			return nil, iut.Errorf(iut.Internal, "randomness: %v", err)
		}
	} else if _, err := p.DecodeScalar(y); err != nil {
		return nil, fail(fmt.Errorf("y: %w", err))
	}
	sess := &serverSession{msg: m, r: r.R, y: y, created: r.Now}
	res := &iut.ServerChallengeResult{Y: y}
	if srv.full {
		w := []byte(r.W)
		if w == nil {
			if w, err = a.draw(p); err != nil {
				return nil, err
			}
		}
		share, err := srv.s.KeyShare(r.Now, m, w)
		if err != nil {
			return nil, fail(err)
		}
		sess.w = w
		res.WPoint = share
	}
	srv.n++
	res.Session = fmt.Sprintf("%s/%d", r.Server, srv.n)
	srv.sessions[res.Session] = sess
	return res, nil
}

// ServerFinish verifies a session's second pass; the session is closed
// whatever the outcome (REQ-MPIN-7.6).
func (a *Adapter) ServerFinish(_ context.Context, r *iut.ServerFinishRequest) (*iut.ServerFinishResult, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	srv, err := a.serverOf(r.Server, r.Suite)
	if err != nil {
		return nil, err
	}
	sess, ok := srv.sessions[r.Session]
	if !ok {
		return nil, iut.Errorf(iut.Replay, "session %q is unknown or closed", r.Session)
	}
	delete(srv.sessions, r.Session)
	if r.Now-sess.created > srv.ttl || r.Now < sess.created {
		return nil, iut.Errorf(iut.Replay, "session %q expired", r.Session)
	}
	if err := srv.locked(sess.msg.ID); err != nil {
		return nil, err
	}
	if srv.full {
		key, err := srv.s.VerifyFull(r.Now, sess.msg, sess.r, sess.y, sess.w, r.V)
		srv.record(sess.msg.ID, err)
		if err != nil {
			return nil, verdict(err, srv.analyse)
		}
		return &iut.ServerFinishResult{Key: key}, nil
	}
	err = srv.s.Verify(r.Now, sess.msg, sess.y, r.V)
	srv.record(sess.msg.ID, err)
	if err != nil {
		return nil, verdict(err, srv.analyse)
	}
	return &iut.ServerFinishResult{}, nil
}

// ServerOnePass verifies a one-pass message with replay memory
// (REQ-MPIN-8.5) and lockout.
func (a *Adapter) ServerOnePass(_ context.Context, r *iut.ServerOnePassRequest) (*iut.ServerVerifyOnePassResult, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	srv, err := a.serverOf(r.Server, r.Suite)
	if err != nil {
		return nil, err
	}
	day, err := dayArg(r.Day)
	if err != nil {
		return nil, err
	}
	us := r.U
	if srv.permits && r.UT != nil {
		us = r.UT
	}
	key := string(r.Identity) + "\x00" + string(us)
	for k, tv := range srv.seen { // forget pairs older than 2W
		if r.Now-tv > 2*srv.window {
			delete(srv.seen, k)
		}
	}
	if _, ok := srv.seen[key]; ok {
		return nil, iut.Errorf(iut.Replay, "one-pass message already accepted")
	}
	if err := srv.locked(r.Identity); err != nil {
		return nil, err
	}
	res, err := onePass(srv.p, srv.s, srv.permits, r.Now, r.Identity, r.U, r.UT, day, r.V, r.TimeValue, r.Message, true)
	var ie *iut.Error
	if errors.As(err, &ie) {
		switch ie.Name {
		case iut.BadPIN:
			srv.failures[string(r.Identity)]++
		case iut.NotAClient:
			if !srv.analyse {
				srv.failures[string(r.Identity)]++
			}
		}
		if !srv.analyse && (ie.Name == iut.BadPIN || ie.Name == iut.NotAClient) {
			return nil, iut.Errorf(iut.BadPIN, "pairing check failed")
		}
		return nil, err
	}
	if err != nil {
		return nil, err
	}
	delete(srv.failures, string(r.Identity))
	srv.seen[key] = r.TimeValue
	return res, nil
}
