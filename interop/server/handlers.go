package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/mpinkit/mpinkit/dta"
	"github.com/mpinkit/mpinkit/reference/mpin"
)

// Handler returns the HTTP handler of the API (spec/interop.md section
// 3). Every request is bounded in size and time; every refusal is a JSON
// error body with one error name, and one log line.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc(PathHealth, func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			writeError(w, apiError(http.StatusMethodNotAllowed, NameMethodNotAllowed, "use GET"))
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "suite": s.cfg.Suite})
	})
	mux.Handle(PathInfo, s.endpoint("info", http.MethodGet, s.info))
	mux.Handle(PathRegister, s.endpoint("register", http.MethodPost, s.register))
	mux.Handle(PathTimePermits, s.endpoint("time-permits", http.MethodPost, s.timePermits))
	mux.Handle(PathPass1, s.endpoint("pass1", http.MethodPost, s.pass1))
	mux.Handle(PathPass2, s.endpoint("pass2", http.MethodPost, s.pass2))
	mux.Handle(PathOnePass, s.endpoint("one-pass", http.MethodPost, s.onePass))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		e := apiError(http.StatusNotFound, NameNotFound, "no endpoint %s", clip(r.URL.Path, 64))
		s.logRequest(r, "", nil, e, time.Now())
		writeError(w, e)
	})
	return mux
}

// request is what an endpoint body gets: the raw body, the context with
// the request's deadline, and log attributes it adds.
type request struct {
	ctx   context.Context
	body  []byte
	attrs []any
}

type endpointFunc func(r *request) (any, *Error)

func (s *Server) endpoint(name, method string, h endpointFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, hr *http.Request) {
		start := time.Now()
		req := &request{}
		resp, e := s.run(hr, method, req, h)
		if e != nil {
			writeError(w, e)
		} else {
			writeJSON(w, http.StatusOK, resp)
		}
		s.logRequest(hr, name, req.attrs, e, start)
	})
}

func (s *Server) run(hr *http.Request, method string, req *request, h endpointFunc) (any, *Error) {
	if hr.Method != method {
		return nil, apiError(http.StatusMethodNotAllowed, NameMethodNotAllowed, "use %s", method)
	}
	ctx, cancel := context.WithTimeout(hr.Context(), s.cfg.RequestTimeout)
	defer cancel()
	req.ctx = ctx
	if hr.ContentLength > s.cfg.MaxBodyBytes {
		return nil, apiError(http.StatusRequestEntityTooLarge, NameTooLarge, "body over %d bytes", s.cfg.MaxBodyBytes)
	}
	b, err := io.ReadAll(io.LimitReader(hr.Body, s.cfg.MaxBodyBytes+1))
	if err != nil {
		return nil, apiError(http.StatusBadRequest, NameMalformed, "reading the body: %v", err)
	}
	if int64(len(b)) > s.cfg.MaxBodyBytes {
		return nil, apiError(http.StatusRequestEntityTooLarge, NameTooLarge, "body over %d bytes", s.cfg.MaxBodyBytes)
	}
	if method == http.MethodGet && len(b) != 0 {
		return nil, apiError(http.StatusBadRequest, NameMalformed, "GET with a body")
	}
	req.body = b
	resp, e := h(req)
	if e == nil && ctx.Err() != nil {
		e = apiError(http.StatusServiceUnavailable, NameTimeout, "request took longer than %v", s.cfg.RequestTimeout)
	}
	return resp, e
}

func (s *Server) logRequest(r *http.Request, name string, extra []any, e *Error, start time.Time) {
	attrs := append([]any{"endpoint", name, "remote", r.RemoteAddr, "ms", time.Since(start).Milliseconds()}, extra...)
	if e != nil {
		attrs = append(attrs, "status", e.Status, "error", e.Name, "msg", e.Message)
		if e.Status >= 500 {
			s.log.Error("server: request failed", attrs...)
		} else {
			s.log.Warn("server: request refused", attrs...)
		}
		return
	}
	s.log.Info("server: request", append(attrs, "status", http.StatusOK)...)
}

// acquire waits for a crypto slot until the request's deadline.
func (s *Server) acquire(ctx context.Context) (func(), *Error) {
	select {
	case s.slots <- struct{}{}:
		return func() { <-s.slots }, nil
	case <-ctx.Done():
		return nil, apiError(http.StatusServiceUnavailable, NameUnavailable, "server busy: no slot within the request timeout")
	}
}

// ---- decoding helpers ----

func decodeJSON(body []byte, v any) *Error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return apiError(http.StatusBadRequest, NameMalformed, "JSON: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return apiError(http.StatusBadRequest, NameMalformed, "JSON: data after the object")
	}
	return nil
}

func unhex(field, v string) ([]byte, *Error) {
	b, err := hex.DecodeString(v)
	if err != nil {
		return nil, apiError(http.StatusBadRequest, NameMalformed, "%s: not hex", field)
	}
	return b, nil
}

func (s *Server) checkSuite(suite string) *Error {
	if suite != s.cfg.Suite {
		return named("UNSUPPORTED", "suite %q: this server works in %s", clip(suite, 64), s.cfg.Suite)
	}
	return nil
}

// identity decodes an identity: 1 to 1024 octets (REQ-MPIN-4.1).
func identity(v string) ([]byte, *Error) {
	id, e := unhex("id", v)
	if e != nil {
		return nil, e
	}
	if len(id) == 0 || len(id) > maxIDSize {
		return nil, named("INVALID_ARGUMENT", "id of %d octets: want 1 to %d", len(id), maxIDSize)
	}
	return id, nil
}

// idKey is the key of an identity in the lockout store.
func idKey(id []byte) string {
	h := sha256.Sum256(id)
	return string(h[:])
}

// idTag is a short, non-reversible tag of an identity for log lines.
func idTag(id []byte) string {
	h := sha256.Sum256(id)
	return hex.EncodeToString(h[:6])
}

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"error":"INTERNAL","message":"encoding the response"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

func writeError(w http.ResponseWriter, e *Error) {
	writeJSON(w, e.Status, ErrorBody{Error: e.Name, Message: e.Message})
}

// ---- endpoints ----

func (s *Server) info(r *request) (any, *Error) {
	ch := s.channels()
	return InfoResponse{
		Suite: s.cfg.Suite,
		Features: Features{TwoPass: true, OnePass: true, Full: true,
			TimePermits: s.cfg.TimePermits, WrongPINDetection: true},
		Authorities:   len(s.auths),
		Channels:      ch,
		SessionTTL:    int64(s.cfg.SessionTTL / time.Second),
		OnePassWindow: int64(s.cfg.OnePassWindow / time.Second),
		Time:          s.cfg.Now().Unix(),
	}, nil
}

func (s *Server) register(r *request) (any, *Error) {
	var req RegisterRequest
	if e := decodeJSON(r.body, &req); e != nil {
		return nil, e
	}
	if e := s.checkSuite(req.Suite); e != nil {
		return nil, e
	}
	id, e := identity(req.ID)
	if e != nil {
		return nil, e
	}
	r.attrs = append(r.attrs, "id", idTag(id))
	if len(s.auths) == 0 {
		return nil, named("UNSUPPORTED", "this server has no authorities to register with")
	}
	// REQ-MPIN-15.8: in milagro suites an identity of 4 + MB octets can
	// collide with a permit hash.
	if !s.p.Modern() && len(id) == 4+s.p.ScalarSize() {
		return nil, named("INVALID_ARGUMENT", "identities of %d octets are refused in milagro suites (REQ-MPIN-15.8)", len(id))
	}
	if s.cfg.AllowRegistration != nil {
		if err := s.cfg.AllowRegistration(r.ctx, id); err != nil {
			return nil, apiError(http.StatusForbidden, NameForbidden, "registration refused: %v", err)
		}
	}
	release, e := s.acquire(r.ctx)
	if e != nil {
		return nil, e
	}
	hid, err := s.p.HashID(id)
	release()
	if err != nil {
		return nil, fromMPIN(err, "id")
	}
	resp := RegisterResponse{Suite: s.cfg.Suite, ID: req.ID, HashedID: hex.EncodeToString(hid), TimePermits: s.cfg.TimePermits}
	for _, c := range s.auths {
		sr, err := c.Presign(http.MethodPost, dta.PathClientSecret, dta.ClientSecretRequest{Suite: s.cfg.Suite, HashedID: resp.HashedID})
		if err != nil {
			return nil, apiError(http.StatusInternalServerError, NameInternal, "signing a request")
		}
		resp.ClientSecretRequests = append(resp.ClientSecretRequests, *sr)
	}
	// A new registration clears any lockout (REQ-MPIN-10.5).
	if err := s.cfg.Lockouts.Reset(r.ctx, idKey(id)); err != nil {
		return nil, apiError(http.StatusServiceUnavailable, NameUnavailable, "lockout store unavailable")
	}
	return resp, nil
}

func (s *Server) timePermits(r *request) (any, *Error) {
	var req TimePermitsRequest
	if e := decodeJSON(r.body, &req); e != nil {
		return nil, e
	}
	if e := s.checkSuite(req.Suite); e != nil {
		return nil, e
	}
	if !s.cfg.TimePermits || len(s.auths) == 0 {
		return nil, named("UNSUPPORTED", "this server does not use time permits")
	}
	id, e := identity(req.ID)
	if e != nil {
		return nil, e
	}
	r.attrs = append(r.attrs, "id", idTag(id))
	if req.FirstDay < 1 || req.LastDay > 1<<31-1 || req.FirstDay > req.LastDay || req.LastDay-req.FirstDay >= maxPermitDaysPerRequest {
		return nil, named("INVALID_ARGUMENT", "days %d to %d: want 1 <= first_day <= last_day <= 2^31-1, at most %d days",
			req.FirstDay, req.LastDay, maxPermitDaysPerRequest)
	}
	release, e := s.acquire(r.ctx)
	if e != nil {
		return nil, e
	}
	hid, err := s.p.HashID(id)
	release()
	if err != nil {
		return nil, fromMPIN(err, "id")
	}
	resp := TimePermitsResponse{Suite: s.cfg.Suite, ID: req.ID}
	for _, c := range s.auths {
		sr, err := c.Presign(http.MethodPost, dta.PathTimePermits, dta.TimePermitsRequest{
			Suite: s.cfg.Suite, HashedID: hex.EncodeToString(hid), FirstDay: req.FirstDay, LastDay: req.LastDay})
		if err != nil {
			return nil, apiError(http.StatusInternalServerError, NameInternal, "signing a request")
		}
		resp.TimePermitRequests = append(resp.TimePermitRequests, *sr)
	}
	return resp, nil
}

// checkLocked refuses an identity locked after wrong PINs.
func (s *Server) checkLocked(ctx context.Context, id []byte) *Error {
	if s.cfg.MaxPINFailures < 0 {
		return nil
	}
	n, err := s.cfg.Lockouts.Failures(ctx, idKey(id))
	if err != nil {
		return apiError(http.StatusServiceUnavailable, NameUnavailable, "lockout store unavailable")
	}
	if n >= s.cfg.MaxPINFailures {
		return named("LOCKED", "identity locked after %d wrong PINs; register again", n)
	}
	return nil
}

// firstPass decodes the first-pass fields shared by pass 1 and one-pass.
func firstPass(idHex, u, ut string, day int) (*mpin.Pass1, *Error) {
	id, e := identity(idHex)
	if e != nil {
		return nil, e
	}
	m := &mpin.Pass1{ID: id, Day: day}
	if m.U, e = unhex("u", u); e != nil {
		return nil, e
	}
	if ut != "" {
		if m.UT, e = unhex("ut", ut); e != nil {
			return nil, e
		}
	}
	if day < 0 || day > 1<<31-1 {
		return nil, named("INVALID_ARGUMENT", "day %d", day)
	}
	return m, nil
}

func (s *Server) pass1(r *request) (any, *Error) {
	var req Pass1Request
	if e := decodeJSON(r.body, &req); e != nil {
		return nil, e
	}
	if e := s.checkSuite(req.Suite); e != nil {
		return nil, e
	}
	m, e := firstPass(req.ID, req.U, req.UT, req.Day)
	if e != nil {
		return nil, e
	}
	var rShare []byte
	if req.KeyShare != "" {
		if rShare, e = unhex("key_share", req.KeyShare); e != nil {
			return nil, e
		}
	}
	full := rShare != nil
	r.attrs = append(r.attrs, "id", idTag(m.ID), "full", full)
	now := s.cfg.Now()
	c := &Challenge{Suite: s.cfg.Suite, ID: m.ID, U: m.U, UT: m.UT, Day: m.Day, Full: full, R: rShare, Issued: now}

	release, e := s.acquire(r.ctx)
	if e != nil {
		return nil, e
	}
	// The session keeps pass 1 decoded (and for Full y, w and W) for
	// pass 2; c keeps the same in serialisable form for stores that are
	// not in this process.
	var err error
	if full {
		c.sess, err = s.ms.BeginFull(s.cfg.Rand, now.Unix(), m, rShare)
	} else {
		c.sess, err = s.ms.Begin(s.cfg.Rand, now.Unix(), m)
	}
	release()
	if err != nil {
		// For Full, R is decoded first (an error names it "R").
		return nil, fromMPIN(err, "pass 1")
	}
	c.Y = c.sess.Challenge()
	if full {
		c.W, c.KeyShare = c.sess.Secret(), c.sess.KeyShare()
	}
	stored := false
	defer func() {
		if !stored {
			c.wipe()
		}
	}()
	if e := s.checkLocked(r.ctx, m.ID); e != nil {
		return nil, e
	}
	var sid SessionID
	if _, err := io.ReadFull(s.cfg.Rand, sid[:]); err != nil {
		return nil, apiError(http.StatusInternalServerError, NameInternal, "randomness")
	}
	expires := now.Add(s.cfg.SessionTTL)
	if err := s.cfg.Challenges.Put(r.ctx, sid, c, expires); err != nil {
		if errors.Is(err, ErrStoreFull) {
			return nil, apiError(http.StatusServiceUnavailable, NameUnavailable, "too many open sessions")
		}
		return nil, apiError(http.StatusServiceUnavailable, NameUnavailable, "session store unavailable")
	}
	stored = true
	resp := Pass1Response{Suite: s.cfg.Suite, Session: hex.EncodeToString(sid[:]), Y: hex.EncodeToString(c.Y), Expires: expires.Unix()}
	if full {
		resp.KeyShare = hex.EncodeToString(c.KeyShare)
	}
	return resp, nil
}

func (s *Server) pass2(r *request) (any, *Error) {
	var req Pass2Request
	if e := decodeJSON(r.body, &req); e != nil {
		return nil, e
	}
	if e := s.checkSuite(req.Suite); e != nil {
		return nil, e
	}
	sidb, e := unhex("session", req.Session)
	if e != nil {
		return nil, e
	}
	if len(sidb) != SessionIDSize {
		return nil, named("REPLAY", "no such session (a session ID is %d octets)", SessionIDSize)
	}
	var sid SessionID
	copy(sid[:], sidb)
	now := s.cfg.Now()
	// Taking the session closes it, whatever follows (REQ-MPIN-7.6).
	c, err := s.cfg.Challenges.Take(r.ctx, sid, now)
	switch {
	case errors.Is(err, ErrSessionExpired):
		return nil, named("REPLAY", "session expired")
	case errors.Is(err, ErrSessionUnknown):
		return nil, named("REPLAY", "no such session: never opened, already answered or forgotten")
	case err != nil:
		return nil, apiError(http.StatusServiceUnavailable, NameUnavailable, "session store unavailable")
	}
	defer c.wipe() // every way out of pass 2 erases w
	r.attrs = append(r.attrs, "id", idTag(c.ID), "full", c.Full)
	v, e := unhex("v", req.V)
	if e != nil {
		return nil, e
	}
	if e := s.checkLocked(r.ctx, c.ID); e != nil {
		return nil, e
	}
	release, e := s.acquire(r.ctx)
	if e != nil {
		return nil, e
	}
	// Pass 1's session, or one rebuilt from a store outside the process;
	// Verify erases w whatever the outcome.
	ss, err := c.session(s.ms)
	var key []byte
	if err == nil {
		key, err = ss.Verify(now.Unix(), v)
	}
	release()
	if e := s.conclude(r, "pass2", c.ID, c.Full, err); e != nil {
		return nil, e
	}
	resp := LoginResponse{Suite: s.cfg.Suite, Result: "OK", Full: c.Full}
	if c.Full {
		t := Transcript{Suite: s.cfg.Suite, ID: c.ID, U: c.U, UT: c.UT, Day: c.Day, R: c.R, W: c.KeyShare, Y: c.Y, V: v}
		keys, err := t.ChannelKeys(key)
		clear(key)
		if err != nil {
			return nil, apiError(http.StatusInternalServerError, NameInternal, "channel keys")
		}
		exp := now.Add(s.cfg.ChannelTTL)
		if !s.chans.add(keys, exp) {
			keys.Wipe()
			return nil, apiError(http.StatusServiceUnavailable, NameUnavailable, "too many open channels")
		}
		ch := s.channels()
		resp.Channels, resp.ChannelExpires = &ch, exp.Unix()
		r.attrs = append(r.attrs, "channel_identity", hex.EncodeToString(keys.Identity[:]))
	}
	return resp, nil
}

func (s *Server) onePass(r *request) (any, *Error) {
	var req OnePassRequest
	if e := decodeJSON(r.body, &req); e != nil {
		return nil, e
	}
	if e := s.checkSuite(req.Suite); e != nil {
		return nil, e
	}
	m1, e := firstPass(req.ID, req.U, req.UT, req.Day)
	if e != nil {
		return nil, e
	}
	r.attrs = append(r.attrs, "id", idTag(m1.ID))
	m := &mpin.OnePass{Pass1: *m1, TimeValue: req.TimeValue}
	if m.V, e = unhex("v", req.V); e != nil {
		return nil, e
	}
	if req.Message != "" {
		if m.Message, e = unhex("message", req.Message); e != nil {
			return nil, e
		}
		if len(m.Message) > maxMessageSize {
			return nil, named("INVALID_ARGUMENT", "message of %d octets, at most %d", len(m.Message), maxMessageSize)
		}
	}
	if req.TimeValue < 1 || req.TimeValue > 1<<31-1 {
		return nil, named("INVALID_ARGUMENT", "time_value %d: want 1 to 2^31-1", req.TimeValue)
	}
	now := s.cfg.Now()
	window := int64(s.cfg.OnePassWindow / time.Second)

	release, e := s.acquire(r.ctx)
	if e != nil {
		return nil, e
	}
	defer func() {
		if release != nil {
			release()
		}
	}()
	// The checks of REQ-MPIN-8.3 in the order of REQ-MPIN-13.2: values,
	// then freshness, then the permit day, then replay, all before any
	// pairing.
	if _, err := s.p.DecodeG1(m.U); err != nil {
		return nil, fromMPIN(err, "U")
	}
	if s.cfg.TimePermits && len(m.UT) != 0 {
		if _, err := s.p.DecodeG1(m.UT); err != nil {
			return nil, fromMPIN(err, "UT")
		}
	}
	if _, err := s.p.DecodeG1(m.V); err != nil {
		return nil, fromMPIN(err, "V")
	}
	if d := req.TimeValue - now.Unix(); d > window || d < -window {
		return nil, named("STALE_TIMEVALUE", "time_value is %d s from the server's clock, window %d s", d, window)
	}
	if err := s.ms.ValidatePass1(now.Unix(), &m.Pass1); err != nil {
		return nil, fromMPIN(err, "one-pass")
	}
	uStar := m.U
	if s.cfg.TimePermits && len(m.UT) != 0 {
		uStar = m.UT
	}
	h := sha256.New()
	h.Write(m.ID)
	h.Write([]byte{0})
	h.Write(uStar)
	rkey := string(h.Sum(nil))
	// Remember for 2W after TV (REQ-MPIN-8.5); TV <= now + W.
	fresh, err := s.cfg.Replays.Reserve(r.ctx, rkey, now.Add(3*s.cfg.OnePassWindow), now)
	if err != nil {
		return nil, apiError(http.StatusServiceUnavailable, NameUnavailable, "replay store unavailable")
	}
	if !fresh {
		return nil, named("REPLAY", "this one-pass message was already accepted")
	}
	if e := s.checkLocked(r.ctx, m.ID); e != nil {
		_ = s.cfg.Replays.Release(r.ctx, rkey)
		return nil, e
	}
	err = s.ms.VerifyOnePass(now.Unix(), m)
	release()
	release = nil
	if err != nil {
		_ = s.cfg.Replays.Release(r.ctx, rkey)
	}
	if e := s.conclude(r, "one-pass", m.ID, false, err); e != nil {
		return nil, e
	}
	return LoginResponse{Suite: s.cfg.Suite, Result: "OK"}, nil
}

// conclude records a verification outcome (lockout count, hook, log) and
// turns a failure into the answer the client gets: the same BAD_PIN for a
// wrong PIN and for a client that is not one, unless RevealNotAClient;
// never the PIN error.
func (s *Server) conclude(r *request, endpoint string, id []byte, full bool, err error) *Error {
	o := Outcome{Endpoint: endpoint, ID: id, Full: full, Result: "OK"}
	var wp *mpin.WrongPINError
	switch {
	case err == nil:
		if s.cfg.MaxPINFailures >= 0 {
			_ = s.cfg.Lockouts.Reset(r.ctx, idKey(id))
		}
	case errors.As(err, &wp):
		o.Result, o.Delta = "BAD_PIN", wp.Delta
		if s.cfg.MaxPINFailures >= 0 {
			o.Failures, _ = s.cfg.Lockouts.Fail(r.ctx, idKey(id))
		}
	default:
		o.Result = mpin.ErrorName(err)
		if o.Result == "" {
			o.Result = NameInternal
		}
	}
	r.attrs = append(r.attrs, "outcome", o.Result)
	if o.Failures > 0 {
		r.attrs = append(r.attrs, "pin_failures", o.Failures)
	}
	if s.cfg.OnOutcome != nil {
		s.cfg.OnOutcome(o)
	}
	switch o.Result {
	case "OK":
		return nil
	case "BAD_PIN":
		return named("BAD_PIN", "authentication failed")
	case "NOT_A_CLIENT":
		if s.cfg.RevealNotAClient {
			return named("NOT_A_CLIENT", "authentication failed")
		}
		return named("BAD_PIN", "authentication failed")
	}
	return fromMPIN(err, "verification")
}
