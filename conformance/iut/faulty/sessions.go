package faulty

import (
	"context"

	"github.com/mpinkit/mpinkit/conformance/iut"
)

// Faults of the stateful parties.

func (f *IUT) suiteOf(handle string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.suites[handle]
}

// ClientNew applies drop-time-permit.
func (f *IUT) ClientNew(ctx context.Context, r *iut.ClientNewRequest) (*iut.ClientNewResult, error) {
	rr := *r
	rr.Token = f.reduceG1(r.Suite, r.Token)
	if f.is("drop-time-permit") {
		rr.Permit, rr.Day = nil, 0
	}
	res, err := f.IUT.ClientNew(ctx, &rr)
	if err == nil {
		f.mu.Lock()
		f.suites[res.Client] = r.Suite
		f.mu.Unlock()
	}
	return res, err
}

// ClientRespond applies no-session-replay-check: a session answers again
// with its first answer.
func (f *IUT) ClientRespond(ctx context.Context, r *iut.ClientRespondRequest) (*iut.ClientRespondResult, error) {
	key := "respond " + r.Session
	if f.is("no-session-replay-check") {
		f.mu.Lock()
		prev, ok := f.answers[key].(*iut.ClientRespondResult)
		f.mu.Unlock()
		if ok {
			return prev, nil
		}
	}
	res, err := f.IUT.ClientRespond(ctx, r)
	if err == nil {
		f.mu.Lock()
		f.answers[key] = res
		f.mu.Unlock()
	}
	return res, err
}

// ServerNew applies no-lockout and the decoding faults on sQ.
func (f *IUT) ServerNew(ctx context.Context, r *iut.ServerNewRequest) (*iut.ServerNewResult, error) {
	rr := *r
	rr.ServerSecret = f.g2In(r.Suite, r.ServerSecret)
	if f.is("no-lockout") {
		rr.Lockout = 0
	}
	res, err := f.IUT.ServerNew(ctx, &rr)
	if f.acceptsBad(r.Suite, err, nil, []iut.Hex{r.ServerSecret}) {
		return &iut.ServerNewResult{Server: "unchecked"}, nil
	}
	if err == nil {
		f.mu.Lock()
		f.suites[res.Server] = r.Suite
		f.mu.Unlock()
	}
	return res, err
}

// ServerChallenge applies reuse-challenge, ignore-permit-day and the
// decoding faults.
func (f *IUT) ServerChallenge(ctx context.Context, r *iut.ServerChallengeRequest) (*iut.ServerChallengeResult, error) {
	suite := f.suiteOf(r.Server)
	rr := *r
	rr.U = f.reduceG1(suite, r.U)
	rr.UT = f.reduceG1(suite, r.UT)
	rr.R = f.reduceG1(suite, r.R)
	if f.is("reuse-challenge") && r.Y == nil {
		f.mu.Lock()
		rr.Y = f.firstY[r.Server]
		f.mu.Unlock()
	}
	res, err := f.IUT.ServerChallenge(ctx, &rr)
	var shift int64
	if f.is("ignore-permit-day") && r.Day != 0 && named(err, iut.WrongDay, iut.ExpiredPermit) {
		rr.Now = r.Day*86400 + r.Now%86400
		shift = rr.Now - r.Now
		res, err = f.IUT.ServerChallenge(ctx, &rr)
	}
	if f.acceptsBad(suite, err, []iut.Hex{r.U, r.UT, r.R}, nil) {
		return &iut.ServerChallengeResult{Session: "unchecked", Y: rr.Y}, nil
	}
	if err == nil {
		f.mu.Lock()
		if f.firstY[r.Server] == nil {
			f.firstY[r.Server] = res.Y
		}
		f.shift[res.Session] = shift
		f.mu.Unlock()
	}
	return res, err
}

// ServerFinish applies no-session-replay-check, accept-wrong-pin,
// ignore-permit-day and wrong-pin-delta-sign.
func (f *IUT) ServerFinish(ctx context.Context, r *iut.ServerFinishRequest) (*iut.ServerFinishResult, error) {
	key := "finish " + r.Server + " " + r.Session
	f.mu.Lock()
	prev, seen := f.answers[key]
	shift := f.shift[r.Session]
	f.mu.Unlock()
	if f.is("no-session-replay-check") && seen {
		if res, ok := prev.(*iut.ServerFinishResult); ok {
			return res, nil
		}
		return nil, prev.(error)
	}
	rr := *r
	rr.Now += shift
	rr.V = f.reduceG1(f.suiteOf(r.Server), r.V)
	res, err := f.IUT.ServerFinish(ctx, &rr)
	if f.is("accept-wrong-pin") && named(err, iut.BadPIN) {
		res, err = &iut.ServerFinishResult{}, nil
	}
	err = f.negateDelta(err)
	f.mu.Lock()
	if err == nil {
		f.answers[key] = res
	} else {
		f.answers[key] = err
	}
	f.mu.Unlock()
	return res, err
}

// ServerOnePass applies no-session-replay-check, accept-stale-timevalue,
// accept-wrong-pin and wrong-pin-delta-sign.
func (f *IUT) ServerOnePass(ctx context.Context, r *iut.ServerOnePassRequest) (*iut.ServerVerifyOnePassResult, error) {
	rr := *r
	if f.is("accept-stale-timevalue") {
		rr.Now = r.TimeValue
	}
	res, err := f.IUT.ServerOnePass(ctx, &rr)
	if f.is("no-session-replay-check") && named(err, iut.Replay) {
		// No replay memory: the repeat is verified like a new message,
		// and the wrapped IUT accepted it the first time.
		return &iut.ServerVerifyOnePassResult{}, nil
	}
	if f.is("accept-wrong-pin") && named(err, iut.BadPIN) {
		return &iut.ServerVerifyOnePassResult{}, nil
	}
	return res, f.negateDelta(err)
}
