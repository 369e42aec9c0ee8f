package mpin

import (
	"bytes"
	"fmt"
	"io"

	"github.com/mpinkit/mpinkit/pairing"
)

// ErrServerSessionUsed is an ErrReplay: a ServerSession asked to verify a
// second time, or after Destroy (spec REQ-MPIN-7.6: a challenge answers
// one second pass).
var ErrServerSessionUsed = classed("mpin: server session already verified or destroyed", ErrReplay)

// ServerSession is the server's state of one two-pass or M-Pin Full run
// between its passes, made by Begin or BeginFull when the first pass
// arrives and finished by Verify when the second does. It keeps the first
// pass as decoded and validated (U, UT and, for Full, R as points, H1(ID),
// H* and the hashed identity), the challenge y and, for Full, the secret w
// and the key share W = w H* it answered with, so that Verify only decodes
// V and runs the check (and derives the key): the same results as Verify
// and VerifyFull on the same values, without decoding the first pass,
// mapping the identity or computing W a second time.
//
// A session holds the secret w: it is as sensitive as a session key. Verify
// erases it once the run is decided, whatever the outcome; a session that
// is abandoned before its second pass (the client never answers, the
// caller refuses the login) must be erased with Destroy. Erasure zeroes the
// scalar and its encoding as far as the suite's API allows; Go promises no
// more.
//
// A session is one run: Verify succeeds at most once, and a session is not
// safe for concurrent use. It lives in the memory of the process that made
// it. A caller that keeps its sessions elsewhere (a store shared between
// server replicas) stores the encodings Challenge, KeyShare and Secret
// returns together with the first-pass message and the client's R, and
// rebuilds the session with ResumeSession.
type ServerSession struct {
	s     *Server
	pp    *parsed
	y     pairing.Scalar
	yEnc  []byte
	full  bool
	r     pairing.G1     // R (Full)
	rEnc  []byte         // R as received (Full)
	w     pairing.Scalar // the secret w (Full)
	wEnc  []byte         // w encoded (Full; secret)
	share []byte         // W = w H* encoded, as sent (Full)
	done  bool
}

// Begin answers the first pass of a two-pass run at server time now (Unix
// seconds): it checks the message as ValidatePass1 does, then draws the
// challenge y from rand as Challenge does. Send Challenge() to the client
// and keep the session for its second pass.
func (s *Server) Begin(rand io.Reader, now int64, m *Pass1) (*ServerSession, error) {
	pp, err := s.decodePass1(now, m)
	if err != nil {
		return nil, err
	}
	if err := s.permitDays(now, pp); err != nil {
		return nil, err
	}
	// Hash the permit points now, while the first pass is handled, so
	// that the second pass only decodes V and checks.
	for _, day := range pp.days {
		if _, err := s.hStar(pp, day); err != nil {
			return nil, err
		}
	}
	ss := &ServerSession{s: s, pp: pp.own()}
	if err := ss.draw(rand); err != nil {
		return nil, err
	}
	return ss, nil
}

// BeginFull answers the first pass of an M-Pin Full run at server time now
// (Unix seconds), given the client's key share R: it decodes R with every
// check of DecodeG1, draws y and w from rand, checks the message as
// ValidatePass1 does and computes W = w H* as KeyShare does (today's permit
// for a message without a permit day). Send Challenge() and KeyShare() to
// the client and keep the session for its second pass. The draws and
// results are those of FullChallenge with the same rand.
func (s *Server) BeginFull(rand io.Reader, now int64, m *Pass1, r []byte) (*ServerSession, error) {
	rp, err := s.p.DecodeG1(r)
	if err != nil {
		return nil, fmt.Errorf("R: %w", err)
	}
	ss, err := s.beginFull(rand, now, m)
	if err != nil {
		return nil, err
	}
	ss.r, ss.rEnc = rp, bytes.Clone(r)
	return ss, nil
}

// beginFull is BeginFull without R, for FullChallenge: y, then w, then the
// first pass and W.
func (s *Server) beginFull(rand io.Reader, now int64, m *Pass1) (*ServerSession, error) {
	ss := &ServerSession{s: s, full: true}
	if err := ss.draw(rand); err != nil {
		return nil, err
	}
	w, err := s.p.suite.RandomScalar(rand)
	if err != nil {
		return nil, err
	}
	ss.w, ss.wEnc = w, s.p.EncodeScalar(w)
	fail := func(err error) (*ServerSession, error) {
		ss.Destroy()
		return nil, err
	}
	if ss.pp, err = s.decodePass1(now, m); err != nil {
		return fail(err)
	}
	ss.pp.own()
	if err := s.permitDays(now, ss.pp); err != nil {
		return fail(err)
	}
	if ss.share, err = s.keyShare(ss.pp, w); err != nil {
		return fail(err)
	}
	return ss, nil
}

// own replaces the encodings pp shares with the caller's message by
// copies, for a session that outlives the call.
func (pp *parsed) own() *parsed {
	pp.uEnc, pp.utEnc = bytes.Clone(pp.uEnc), bytes.Clone(pp.utEnc)
	pp.id = bytes.Clone(pp.id)
	return pp
}

// draw draws the challenge y.
func (ss *ServerSession) draw(rand io.Reader) error {
	y, err := ss.s.p.suite.RandomScalar(rand)
	if err != nil {
		return err
	}
	ss.y, ss.yEnc = y, ss.s.p.EncodeScalar(y)
	return nil
}

// ResumeSession rebuilds a session from what a caller stored between the
// passes: the first-pass message and the challenge y, and for M-Pin Full
// (r non-nil) the client's R, the secret w and the key share W the server
// sent; r, w and share are nil for a two-pass run. The permit policy is
// applied by Verify, at its time.
//
// Everything that came from the client (U, UT, R) is decoded again with
// every check of DecodeG1, subgroup membership included, and H1(ID) is
// recomputed: the store a caller keeps sessions in may be shared with
// other replicas or reachable by other people, so its contents are input
// like any other. Skipping those checks would be sound only for a store
// nobody but this process can write, and then the caller can keep the
// ServerSession itself. W is the one value taken as stored, as long as it
// has the length of a G1 encoding: the server only hashes it into h, as
// the value it sent, and a store that could change it could change y or w
// as well; a wrong W makes the keys of the two sides differ, nothing more.
// Recomputing it would cost the constant-time w H* the session exists to
// save.
func (s *Server) ResumeSession(m *Pass1, r, y, w, share []byte) (*ServerSession, error) {
	p := s.p
	if m == nil || len(m.ID) == 0 {
		return nil, fmt.Errorf("%w: no identity", ErrInvalidArgument)
	}
	pp, err := s.decodeFirst(m)
	if err != nil {
		return nil, err
	}
	ss := &ServerSession{s: s, pp: pp.own()}
	if ss.y, err = p.DecodeScalar(y); err != nil {
		return nil, fmt.Errorf("challenge: %w", err)
	}
	ss.yEnc = bytes.Clone(y)
	if r == nil {
		if w != nil || share != nil {
			return nil, fmt.Errorf("%w: w or W without R", ErrInvalidArgument)
		}
		return ss, nil
	}
	ss.full = true
	if ss.r, err = p.DecodeG1(r); err != nil {
		return nil, fmt.Errorf("R: %w", err)
	}
	ss.rEnc = bytes.Clone(r)
	if len(share) != p.G1Size() {
		return nil, fmt.Errorf("%w: W of %d bytes, want %d", ErrNonCanonical, len(share), p.G1Size())
	}
	ss.share = bytes.Clone(share)
	if ss.w, err = p.DecodeScalar(w); err != nil {
		return nil, fmt.Errorf("w: %w", err)
	}
	ss.wEnc = bytes.Clone(w)
	return ss, nil
}

// Full reports whether the session is an M-Pin Full run.
func (ss *ServerSession) Full() bool { return ss.full }

// Challenge returns the encoded challenge y.
func (ss *ServerSession) Challenge() []byte { return bytes.Clone(ss.yEnc) }

// KeyShare returns the encoded key share W = w H* of an M-Pin Full run
// (nil for two-pass).
func (ss *ServerSession) KeyShare() []byte { return bytes.Clone(ss.share) }

// Secret returns a copy of the encoded secret w of an M-Pin Full run, for
// a caller that stores sessions outside the process (ResumeSession); nil
// for two-pass and after Destroy. The copy is the caller's to erase.
func (ss *ServerSession) Secret() []byte {
	if ss.w == nil {
		return nil
	}
	return bytes.Clone(ss.wEnc)
}

// Verify checks the client's second pass V at server time now (Unix
// seconds), as Verify (two-pass) or VerifyFull (M-Pin Full) does with the
// session's first pass, y, R and w, and returns nil and for M-Pin Full the
// session key, derived only when the check passes:
//
//	h  = HashAll(HashID(ID), U, UT, V, y, R, W)
//	Ks = KDF(Tr(e(R + h H1(ID), sQ)), w U*)
//
// with W as sent by BeginFull. The permit policy is applied at now, as
// Verify applies it. Errors are Verify's and VerifyFull's; a second call,
// or one after Destroy, fails with ErrServerSessionUsed. Verify erases the
// session's secret before it returns.
func (ss *ServerSession) Verify(now int64, v []byte) (key []byte, err error) {
	if ss.done {
		return nil, ErrServerSessionUsed
	}
	defer ss.Destroy()
	s := ss.s
	if now < 0 {
		return nil, fmt.Errorf("%w: server time %d", ErrInvalidTime, now)
	}
	vp, err := s.p.DecodeG1(v)
	if err != nil {
		return nil, fmt.Errorf("V: %w", err)
	}
	if err := s.permitDays(now, ss.pp); err != nil {
		return nil, err
	}
	if _, err := s.check(ss.pp, ss.y, vp); err != nil {
		return nil, err
	}
	if !ss.full {
		return nil, nil
	}
	return s.fullKey(ss.pp, ss.r, ss.rEnc, ss.yEnc, v, ss.w, ss.share)
}

// Destroy erases the session's secret w and ends the session: a later
// Verify fails with ErrServerSessionUsed. It may be called more than once,
// and after Verify.
func (ss *ServerSession) Destroy() {
	ss.done = true
	if ss.w != nil {
		ss.w.SetUint64(0)
		ss.w = nil
	}
	clear(ss.wEnc)
	ss.wEnc = nil
	ss.pp = nil
}
