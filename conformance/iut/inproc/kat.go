package inproc

import (
	"context"
	"errors"
	"fmt"

	"github.com/mpinkit/mpinkit/conformance/iut"
	"github.com/mpinkit/mpinkit/reference/mpin"
)

// The stateless known-answer operations: every scalar can be supplied, so
// the outputs can be compared octet for octet.

// permitArg turns the optional permit fields into a *mpin.TimePermit.
func permitArg(permit []byte, day int64) (*mpin.TimePermit, error) {
	if permit == nil && day == 0 {
		return nil, nil
	}
	d, err := intDay(day)
	if err != nil {
		return nil, err
	}
	return &mpin.TimePermit{Day: d, Point: permit}, nil
}

// ClientPass1 computes x (drawn when absent), U, UT and SEC.
func (a *Adapter) ClientPass1(_ context.Context, r *iut.ClientPass1Request) (*iut.ClientPass1Result, error) {
	p, err := profile(r.Suite)
	if err != nil {
		return nil, err
	}
	pin, err := pinArg(r.PIN)
	if err != nil {
		return nil, err
	}
	permit, err := permitArg(r.Permit, r.Day)
	if err != nil {
		return nil, err
	}
	c, err := p.NewClient(r.Identity, r.Token)
	if err != nil {
		return nil, fail(err)
	}
	x := []byte(r.X)
	if x == nil {
		if x, err = a.draw(p); err != nil {
			return nil, err
		}
	}
	s, err := c.Pass1WithX(x, pin, permit)
	if err != nil {
		return nil, fail(err)
	}
	m := s.Message()
	return &iut.ClientPass1Result{X: x, U: m.U, UT: m.UT, SEC: s.Secret()}, nil
}

// ClientPass2 computes V = -((x + y) mod r) SEC.
func (a *Adapter) ClientPass2(_ context.Context, r *iut.ClientPass2Request) (*iut.ClientPass2Result, error) {
	p, err := profile(r.Suite)
	if err != nil {
		return nil, err
	}
	x, err := p.DecodeScalar(r.X)
	if err != nil {
		return nil, fail(fmt.Errorf("x: %w", err))
	}
	y, err := p.DecodeScalar(r.Y)
	if err != nil {
		return nil, fail(fmt.Errorf("y: %w", err))
	}
	sec, err := p.DecodeG1(r.SEC)
	if err != nil {
		return nil, fail(fmt.Errorf("SEC: %w", err))
	}
	s := p.Suite()
	z := s.NewScalar().Add(x, y)
	if z.IsZero() {
		// REQ-MPIN-7.4, 14.10: V would be the identity.
		return nil, iut.Errorf(iut.InvalidScalar, "x + y = 0 mod r")
	}
	z.Neg(z)
	return &iut.ClientPass2Result{V: p.EncodeG1(s.NewG1().ScalarMult(z, sec))}, nil
}

// permitsOf applies the protocol's default: permits are required when UT
// is present, unless the request says otherwise.
func permitsOf(permits *bool, ut []byte) bool {
	if permits != nil {
		return *permits
	}
	return ut != nil
}

// server builds a reference server for a stateless request.
func newServer(p *mpin.Profile, sq []byte, permits bool, now, grace, window int64) (*mpin.Server, error) {
	if permits && now == 0 {
		return nil, iut.Errorf(iut.BadRequest, "now is required when permits are in use")
	}
	s, err := p.NewServer(sq, mpin.ServerConfig{TimePermits: permits, PermitGrace: grace, OnePassWindow: window})
	if err != nil {
		return nil, fail(err)
	}
	return s, nil
}

// dayArg narrows an optional day (0: not stated).
func dayArg(d int64) (int, error) {
	if d == 0 {
		return 0, nil
	}
	return intDay(d)
}

// verdict turns a failed check into the outcome a server reports: with
// analysis, BAD_PIN with delta or NOT_A_CLIENT; without, BAD_PIN
// (REQ-MPIN-10.4).
func verdict(err error, analyse bool) error {
	if err == nil {
		return nil
	}
	if !analyse && (errors.Is(err, mpin.ErrBadPIN) || errors.Is(err, mpin.ErrNotAClient)) {
		return iut.Errorf(iut.BadPIN, "pairing check failed")
	}
	return fail(err)
}

// ServerVerify is a stateless two-pass check.
func (a *Adapter) ServerVerify(_ context.Context, r *iut.ServerVerifyRequest) error {
	p, err := profile(r.Suite)
	if err != nil {
		return err
	}
	permits := permitsOf(r.Permits, r.UT)
	s, err := newServer(p, r.ServerSecret, permits, r.Now, r.Grace, 0)
	if err != nil {
		return err
	}
	day, err := dayArg(r.Day)
	if err != nil {
		return err
	}
	m := &mpin.Pass1{ID: r.Identity, U: r.U, UT: r.UT, Day: day}
	return verdict(s.Verify(r.Now, m, r.Y, r.V), r.Analyse)
}

// ClientOnePass computes a one-pass message; with x drawn, degenerate
// challenges are drawn again (REQ-MPIN-8.2).
func (a *Adapter) ClientOnePass(_ context.Context, r *iut.ClientOnePassRequest) (*iut.ClientOnePassResult, error) {
	p, err := profile(r.Suite)
	if err != nil {
		return nil, err
	}
	pin, err := pinArg(r.PIN)
	if err != nil {
		return nil, err
	}
	permit, err := permitArg(r.Permit, r.Day)
	if err != nil {
		return nil, err
	}
	c, err := p.NewClient(r.Identity, r.Token)
	if err != nil {
		return nil, fail(err)
	}
	x := []byte(r.X)
	for {
		if r.X == nil {
			if x, err = a.draw(p); err != nil {
				return nil, err
			}
		}
		op, err := c.OnePassWithX(x, pin, permit, r.TimeValue, r.Message)
		if err != nil {
			if r.X == nil && errors.Is(err, mpin.ErrInvalidScalar) {
				continue
			}
			return nil, fail(err)
		}
		y, err := p.OnePassChallenge(op.TimeValue, op.U, op.UT, op.Message)
		if err != nil {
			return nil, fail(err)
		}
		return &iut.ClientOnePassResult{X: x, U: op.U, UT: op.UT, Y: y, V: op.V}, nil
	}
}

// ServerVerifyOnePass is a stateless one-pass check; it returns the
// challenge the server derived.
func (a *Adapter) ServerVerifyOnePass(_ context.Context, r *iut.ServerVerifyOnePassRequest) (*iut.ServerVerifyOnePassResult, error) {
	p, err := profile(r.Suite)
	if err != nil {
		return nil, err
	}
	permits := permitsOf(r.Permits, r.UT)
	s, err := newServer(p, r.ServerSecret, permits, r.Now, r.Grace, r.Window)
	if err != nil {
		return nil, err
	}
	day, err := dayArg(r.Day)
	if err != nil {
		return nil, err
	}
	return onePass(p, s, permits, r.Now, r.Identity, r.U, r.UT, day, r.V, r.TimeValue, r.Message, r.Analyse)
}

func onePass(p *mpin.Profile, s *mpin.Server, permits bool, now int64, id, u, ut []byte, day int, v []byte, tv int64, msg []byte, analyse bool) (*iut.ServerVerifyOnePassResult, error) {
	m := &mpin.OnePass{Pass1: mpin.Pass1{ID: id, U: u, UT: ut, Day: day}, V: v, TimeValue: tv, Message: msg}
	if err := s.VerifyOnePass(now, m); err != nil {
		return nil, verdict(err, analyse)
	}
	if !permits {
		ut = nil // a server without permits ignores UT (REQ-MPIN-6.6)
	}
	y, err := p.OnePassChallenge(tv, u, ut, msg)
	if err != nil {
		return nil, fail(err)
	}
	return &iut.ServerVerifyOnePassResult{Y: y}, nil
}

// WrongPINValues returns E and F of REQ-MPIN-10.1.
func (a *Adapter) WrongPINValues(_ context.Context, r *iut.WrongPINValuesRequest) (*iut.WrongPINValuesResult, error) {
	p, err := profile(r.Suite)
	if err != nil {
		return nil, err
	}
	permits := permitsOf(r.Permits, r.UT)
	s, err := newServer(p, r.ServerSecret, permits, r.Now, r.Grace, 0)
	if err != nil {
		return nil, err
	}
	day, err := dayArg(r.Day)
	if err != nil {
		return nil, err
	}
	e, f, err := s.PINErrorValues(r.Now, &mpin.Pass1{ID: r.Identity, U: r.U, UT: r.UT, Day: day}, r.Y, r.V)
	if err != nil {
		return nil, fail(err)
	}
	return &iut.WrongPINValuesResult{E: e, F: f}, nil
}

// WrongPINAnalysis finds delta with E F^delta = 1; 0 when E = 1.
func (a *Adapter) WrongPINAnalysis(_ context.Context, r *iut.WrongPINAnalysisRequest) (*iut.WrongPINAnalysisResult, error) {
	p, err := profile(r.Suite)
	if err != nil {
		return nil, err
	}
	e, err := p.DecodeGT(r.E)
	if err != nil {
		return nil, fail(fmt.Errorf("E: %w", err))
	}
	if _, err := p.DecodeGT(r.F); err != nil {
		return nil, fail(fmt.Errorf("F: %w", err))
	}
	if e.IsOne() {
		return &iut.WrongPINAnalysisResult{Delta: 0}, nil
	}
	d, err := p.RecoverPINError(r.E, r.F)
	if err != nil {
		return nil, fail(err)
	}
	return &iut.WrongPINAnalysisResult{Delta: d}, nil
}
