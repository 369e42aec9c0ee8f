package mpin

import (
	"fmt"
	"io"
	"math"

	"github.com/mpinkit/mpinkit/pairing"
)

// DefaultOnePassWindow is the one-pass freshness window, in seconds, of a
// ServerConfig that leaves OnePassWindow zero (spec REQ-MPIN-8.4).
const DefaultOnePassWindow = 30

// ServerConfig holds the server's policy. The zero value is a server
// without time permits and with the default one-pass window.
type ServerConfig struct {
	// TimePermits makes the server require a time permit: every first
	// pass must carry UT (ErrExpiredPermit otherwise), and the check uses
	// H1(ID) + HT(day, ID). A server without permits ignores UT and Day
	// and checks with U and H1(ID) (spec REQ-MPIN-6.6).
	TimePermits bool
	// PermitGrace is the day-boundary grace, in seconds: during the first
	// PermitGrace seconds of a day (UTC) the server also accepts a permit
	// for the day before, so that a client that fetched its permit just
	// before midnight can still log in. 0 disables it; at most
	// SecondsPerDay - 1. Milagro's server used one hour.
	PermitGrace int64
	// OnePassWindow bounds one-pass freshness: the server accepts a
	// TimeValue t only when |now - t| <= OnePassWindow seconds. 0 means
	// DefaultOnePassWindow.
	OnePassWindow int64
}

// Server verifies clients of one authority: it holds the server secret sQ
// (the sum of the D-TAs' ServerSecretShare outputs) and a policy. A Server
// is safe for concurrent use and keeps no state between calls: the
// challenges it issues, the sessions they belong to, the one-pass replay
// memory (spec REQ-MPIN-7.6, 8.5) and lockouts (10.5) are the caller's.
// (Begin and BeginFull hand that state back as a ServerSession.)
//
// Every pairing the server computes has Q or sQ as its G2 argument. When
// the profile's suite implements pairing.G2Preparer, NewServer prepares
// both once and every pairing evaluates the stored Miller-loop lines
// (MultiPairPrepared); otherwise it uses Pair and MultiPair. The results
// are the same either way.
type Server struct {
	p   *Profile
	sq  pairing.G2
	cfg ServerConfig

	// g2 holds Q and sQ, indexed by g2Q and g2SQ; with a G2Preparer
	// suite, prep is the suite and prepared their prepared forms. The
	// prepared sQ is as secret as sQ.
	g2       [2]pairing.G2
	prep     pairing.G2Preparer
	prepared [2]pairing.PreparedG2

	// sum, in the Milagro profiles when the suite offers it, hashes
	// H* = H1(ID) + HT(day, ID) with one cofactor clearing for both maps;
	// H1(ID) alone is then computed only if something needs it.
	sum pairing.LegacySumMapper
}

// The fixed G2 arguments of the server's pairings.
const (
	g2Q  = 0 // Q, the generator of G2
	g2SQ = 1 // sQ, the server secret
)

// NewServer returns a server for an encoded server secret and a policy.
func (p *Profile) NewServer(serverSecret []byte, cfg ServerConfig) (*Server, error) {
	if cfg.PermitGrace < 0 || cfg.PermitGrace >= SecondsPerDay {
		return nil, fmt.Errorf("%w: PermitGrace %d", ErrInvalidConfig, cfg.PermitGrace)
	}
	if cfg.OnePassWindow < 0 {
		return nil, fmt.Errorf("%w: OnePassWindow %d", ErrInvalidConfig, cfg.OnePassWindow)
	}
	if cfg.OnePassWindow == 0 {
		cfg.OnePassWindow = DefaultOnePassWindow
	}
	sq, err := p.DecodeG2(serverSecret)
	if err != nil {
		return nil, fmt.Errorf("server secret: %w", err)
	}
	s := &Server{p: p, sq: sq, cfg: cfg, g2: [2]pairing.G2{p.q, sq}}
	if prep, ok := p.suite.(pairing.G2Preparer); ok {
		for i, q := range s.g2 {
			if s.prepared[i], err = prep.PrepareG2(q); err != nil {
				return nil, fmt.Errorf("preparing the fixed pairing arguments: %w", err)
			}
		}
		s.prep = prep
	}
	s.sum = p.legacySum()
	return s, nil
}

// pair returns the product of e(ps[i], the fixed G2 point qs[i]) (g2Q or
// g2SQ) with one final exponentiation: from the prepared points when the
// suite prepares G2 arguments, else with Pair (one pairing) or MultiPair.
func (s *Server) pair(ps []pairing.G1, qs ...int) (pairing.GT, error) {
	if s.prep != nil {
		pq := make([]pairing.PreparedG2, len(qs))
		for i, k := range qs {
			pq[i] = s.prepared[k]
		}
		return s.prep.MultiPairPrepared(ps, pq)
	}
	if len(ps) == 1 && len(qs) == 1 {
		return s.p.suite.Pair(ps[0], s.g2[qs[0]])
	}
	q := make([]pairing.G2, len(qs))
	for i, k := range qs {
		q[i] = s.g2[k]
	}
	return s.p.suite.MultiPair(ps, q)
}

// Profile returns the server's profile.
func (s *Server) Profile() *Profile { return s.p }

// Challenge draws the two-pass challenge y, uniform in [1, r), from rand
// and returns its encoding. The caller keeps it with the first-pass
// message until Verify, and uses each challenge for one session only.
func (s *Server) Challenge(rand io.Reader) ([]byte, error) {
	y, err := s.p.suite.RandomScalar(rand)
	if err != nil {
		return nil, err
	}
	return s.p.EncodeScalar(y), nil
}

// ValidatePass1 checks a first-pass message at server time now (Unix
// seconds) before a challenge is issued (spec REQ-MPIN-7.3): the identity,
// every point, and the permit day against the policy. Verify repeats
// these checks.
func (s *Server) ValidatePass1(now int64, m *Pass1) error {
	pp, err := s.decodePass1(now, m)
	if err != nil {
		return err
	}
	return s.permitDays(now, pp)
}

// Verify checks a two-pass authentication at server time now (Unix
// seconds): the first-pass message, the challenge y the server issued and
// the client's V. It computes the one double pairing
//
//	e(V, Q) e(U* + y H*, sQ) = 1
//
// with U* = UT and H* = H1(ID) + HT(day, ID) under time permits, U* = U
// and H* = H1(ID) otherwise (Milagro SERVER_1 and SERVER_2), and returns
// nil when it holds. A message without a permit day (Day 0) is checked
// with today's permit and, within the grace window, yesterday's (spec
// REQ-MPIN-6.5). A failed check is diagnosed: a *WrongPINError (matching
// ErrBadPIN) when it is a PIN error below 10000, ErrNotAClient otherwise.
// Other errors match ErrInvalidArgument, ErrNonCanonical, ErrIdentity,
// ErrInvalidPoint, ErrInvalidScalar, ErrWrongDay or ErrExpiredPermit,
// checked in that order.
func (s *Server) Verify(now int64, m *Pass1, y, v []byte) error {
	pp, err := s.decodePass1(now, m)
	if err != nil {
		return err
	}
	vp, err := s.p.DecodeG1(v)
	if err != nil {
		return fmt.Errorf("V: %w", err)
	}
	yk, err := s.p.DecodeScalar(y)
	if err != nil {
		return fmt.Errorf("challenge: %w", err)
	}
	if err := s.permitDays(now, pp); err != nil {
		return err
	}
	_, err = s.check(pp, yk, vp)
	return err
}

// VerifyOnePass checks a one-pass authentication at server time now (Unix
// seconds): TimeValue must lie within the window (ErrStale), and the
// challenge is recomputed as OnePassChallenge(TimeValue, U, UT, Message)
// (Milagro SERVER with GET_Y); then the check is Verify's. Replays within
// the window are the caller's to refuse (spec REQ-MPIN-8.5): remember the
// (ID, U*) pairs accepted for twice the window.
func (s *Server) VerifyOnePass(now int64, m *OnePass) error {
	if m == nil {
		return fmt.Errorf("%w: no message", ErrInvalidArgument)
	}
	if err := checkTimeValue(m.TimeValue); err != nil {
		return err
	}
	pp, err := s.decodePass1(now, &m.Pass1)
	if err != nil {
		return err
	}
	vp, err := s.p.DecodeG1(m.V)
	if err != nil {
		return fmt.Errorf("V: %w", err)
	}
	if d := m.TimeValue - now; d > s.cfg.OnePassWindow || d < -s.cfg.OnePassWindow {
		return fmt.Errorf("%w: time value %d is %d s from the server's %d", ErrStale, m.TimeValue, d, now)
	}
	if err := s.permitDays(now, pp); err != nil {
		return err
	}
	y, err := s.p.onePassY(m.TimeValue, pp.uEnc, pp.utEnc, m.Message)
	if err != nil {
		return err
	}
	_, err = s.check(pp, y, vp)
	return err
}

// parsed is a decoded first-pass message with the server's own points.
// It belongs to one call, or to one ServerSession: it is not safe for
// concurrent use (hStar fills its cache).
type parsed struct {
	id       []byte     // the identity as received
	hashedID []byte     // HashID(ID), set by hid
	a        pairing.G1 // H1(ID), or nil until idPoint computes it
	u        pairing.G1
	ut       pairing.G1 // UT, or U without permits
	uEnc     []byte     // canonical encoding of U
	utEnc    []byte     // canonical encoding of UT, nil without permits
	day      int        // the permit day as stated, or 0
	days     []int      // permit days to try, in order; none without permits
	hs       []dayPoint // H* of the permit days computed so far
}

// dayPoint is H* for a permit day (day 0: H1(ID), without permits).
type dayPoint struct {
	day int
	h   pairing.G1
}

// decodePass1 checks the arguments of a first-pass message and decodes its
// points; it computes H1(ID).
func (s *Server) decodePass1(now int64, m *Pass1) (*parsed, error) {
	if m == nil || len(m.ID) == 0 {
		return nil, fmt.Errorf("%w: no identity", ErrInvalidArgument)
	}
	if now < 0 {
		return nil, fmt.Errorf("%w: server time %d", ErrInvalidTime, now)
	}
	return s.decodeFirst(m)
}

// decodeFirst is decodePass1 after its identity and time checks: the
// permit day's range, U, UT (with permits) with every check of DecodeG1,
// and H1(ID) with the hashed identity.
func (s *Server) decodeFirst(m *Pass1) (*parsed, error) {
	p := s.p
	if s.cfg.TimePermits && m.Day != 0 {
		if err := p.checkDay(m.Day); err != nil {
			return nil, err
		}
	}
	u, err := p.DecodeG1(m.U)
	if err != nil {
		return nil, fmt.Errorf("U: %w", err)
	}
	pp := &parsed{u: u, ut: u, uEnc: m.U, day: m.Day}
	if s.cfg.TimePermits && len(m.UT) != 0 {
		if pp.ut, err = p.DecodeG1(m.UT); err != nil {
			return nil, fmt.Errorf("UT: %w", err)
		}
		pp.utEnc = m.UT
	}
	pp.id = m.ID
	// H1(ID) now, unless every H* will come from the sum map (Milagro
	// profiles with a permit): then only the wrong-PIN diagnosis and
	// M-Pin Full need it, and idPoint computes it for them.
	if s.sum == nil || pp.utEnc == nil {
		if pp.a, err = p.mapID(m.ID); err != nil {
			return nil, err
		}
	}
	return pp, nil
}

// idPoint returns H1(ID) of the message, computing it on first use.
func (s *Server) idPoint(pp *parsed) (pairing.G1, error) {
	if pp.a == nil {
		a, err := s.p.mapID(pp.id)
		if err != nil {
			return nil, err
		}
		pp.a = a
	}
	return pp.a, nil
}

// hid returns HashID(ID) of the message, computed on first use: only the
// permit points and the M-Pin Full transcript need it.
func (pp *parsed) hid(p *Profile) []byte {
	if pp.hashedID == nil {
		if p.modern {
			pp.hashedID = p.EncodeG1(pp.a)
		} else {
			pp.hashedID = p.mhashit(0, pp.id)
		}
	}
	return pp.hashedID
}

// permitDays applies the permit policy at server time now (spec
// REQ-MPIN-6.4 to 6.6) and records the days to check with.
func (s *Server) permitDays(now int64, pp *parsed) error {
	if !s.cfg.TimePermits {
		return nil
	}
	if pp.utEnc == nil {
		return fmt.Errorf("%w: the server requires a time permit", ErrExpiredPermit)
	}
	today := now / SecondsPerDay
	inGrace := now%SecondsPerDay < s.cfg.PermitGrace && today-1 >= 1
	if pp.day == 0 { // not stated: today, then yesterday within the grace
		if today < 1 || today > math.MaxInt32 {
			return fmt.Errorf("%w: server day %d", ErrInvalidTime, today)
		}
		pp.days = []int{int(today)}
		if inGrace {
			pp.days = append(pp.days, int(today-1))
		}
		return nil
	}
	d := int64(pp.day)
	switch {
	case d == today, d == today-1 && inGrace:
		pp.days = []int{pp.day}
		return nil
	case d > today:
		return fmt.Errorf("%w: permit for day %d, server day %d", ErrWrongDay, d, today)
	}
	return fmt.Errorf("%w: permit for day %d, server day %d", ErrExpiredPermit, d, today)
}

// hStar returns H* for a permit day: H1(ID) + HT(day, ID), or H1(ID)
// without permits (day 0). It keeps each H* it computes in pp, so that the
// check and the M-Pin Full key share of one message hash the permit point
// once. The result must not be modified.
func (s *Server) hStar(pp *parsed, day int) (pairing.G1, error) {
	if day == 0 {
		return s.idPoint(pp)
	}
	for _, dp := range pp.hs {
		if dp.day == day {
			return dp.h, nil
		}
	}
	var at pairing.G1
	var err error
	if pp.a == nil && s.sum != nil {
		at, err = s.p.legacyHStar(s.sum, pp.hid(s.p), day)
	} else {
		var a pairing.G1
		if a, err = s.idPoint(pp); err != nil {
			return nil, err
		}
		if at, err = s.p.permitPoint(pp.hid(s.p), day); err == nil {
			at.Add(at, a)
		}
	}
	if err != nil {
		return nil, err
	}
	pp.hs = append(pp.hs, dayPoint{day, at})
	return at, nil
}

// check runs the pairing check with challenge y and V for each candidate
// day and diagnoses a failure with the first. It returns H* of the day
// that passed.
func (s *Server) check(pp *parsed, y pairing.Scalar, v pairing.G1) (pairing.G1, error) {
	days := pp.days
	if len(days) == 0 {
		days = []int{0}
	}
	var first pairing.GT
	var firstP pairing.G1
	for _, day := range days {
		h, err := s.hStar(pp, day)
		if err != nil {
			return nil, err
		}
		g, pt, err := s.product(pp, h, y, v)
		if err != nil {
			return nil, err
		}
		if g.IsOne() {
			return h, nil
		}
		if first == nil {
			first, firstP = g, pt
		}
	}
	return nil, s.diagnose(pp, y, firstP, first)
}

// product returns g = e(V, Q) e(U* + y H*, sQ) and U* + y H*.
func (s *Server) product(pp *parsed, h pairing.G1, y pairing.Scalar, v pairing.G1) (pairing.GT, pairing.G1, error) {
	p := s.p
	pt := p.suite.NewG1().ScalarMultVarTime(y, h) // y is public
	pt.Add(pt, pp.ut)
	if pt.IsIdentity() {
		// U* = -y H*: the first pass cancels the challenge.
		return nil, nil, fmt.Errorf("%w: U* + y H* is the identity", ErrIdentity)
	}
	g, err := s.pair([]pairing.G1{v, pt}, g2Q, g2SQ)
	if err != nil {
		return nil, nil, err
	}
	return g, pt, nil
}

// diagnose tells a wrong PIN from a client that is not one (Milagro's
// SERVER_2 outputs E and F, and its KANGAROO). With
// SEC' = SEC + delta H1(ID) for delta = entered PIN - registered PIN, the
// failing product is
//
//	E = e(V', Q) e((x+y) H*, sQ) = e((x+y) H1(ID), Q)^(-delta) = F^(-delta),
//	F = e(U + y H1(ID), Q)
//
// (the permit cancels, so F leaves it out), and delta is found by a
// baby-step giant-step search over |delta| < MaxPIN.
func (s *Server) diagnose(pp *parsed, y pairing.Scalar, pt pairing.G1, e pairing.GT) error {
	f, err := s.pinF(pp, y, pt)
	if err != nil {
		return err
	}
	if delta, ok := recoverPINError(s.p.suite, e, f); ok {
		return &WrongPINError{Delta: delta}
	}
	return ErrNotAClient
}

// pinF returns F = e(U + y H1(ID), Q); pt is U* + y H*, which is
// U + y H1(ID) itself without permits.
func (s *Server) pinF(pp *parsed, y pairing.Scalar, pt pairing.G1) (pairing.GT, error) {
	p := s.p
	fp := pt
	if pp.utEnc != nil {
		a, err := s.idPoint(pp)
		if err != nil {
			return nil, err
		}
		fp = p.suite.NewG1().ScalarMultVarTime(y, a)
		fp.Add(fp, pp.u)
	}
	return s.pair([]pairing.G1{fp}, g2Q)
}

// PINErrorValues returns the encoded values E and F of the wrong-PIN
// diagnosis of a two-pass run (spec REQ-MPIN-10.1): E the product of the
// check (the GT identity when it passes) and F = e(U + y H1(ID), Q), for
// test vectors and harnesses. Profile.RecoverPINError finds delta from
// them. The inputs are checked as Verify checks them; with an unstated
// permit day, today's is used. E, F and delta are the server's own: they
// must never be sent to the client.
func (s *Server) PINErrorValues(now int64, m *Pass1, y, v []byte) (e, f []byte, err error) {
	pp, err := s.decodePass1(now, m)
	if err != nil {
		return nil, nil, err
	}
	vp, err := s.p.DecodeG1(v)
	if err != nil {
		return nil, nil, fmt.Errorf("V: %w", err)
	}
	yk, err := s.p.DecodeScalar(y)
	if err != nil {
		return nil, nil, fmt.Errorf("challenge: %w", err)
	}
	if err := s.permitDays(now, pp); err != nil {
		return nil, nil, err
	}
	day := 0
	if len(pp.days) != 0 {
		day = pp.days[0]
	}
	h, err := s.hStar(pp, day)
	if err != nil {
		return nil, nil, err
	}
	g, pt, err := s.product(pp, h, yk, vp)
	if err != nil {
		return nil, nil, err
	}
	fg, err := s.pinF(pp, yk, pt)
	if err != nil {
		return nil, nil, err
	}
	return s.p.EncodeGT(g), s.p.EncodeGT(fg), nil
}

// ---- M-Pin Full ----
//
// KeyShare, FullChallenge and VerifyFull take every value encoded and
// decode it again on each call; BeginFull and ServerSession.Verify
// (serverfull.go) keep what the first pass decoded and computed.

// KeyShare returns the server's M-Pin Full key share W = w H* for a
// first-pass message and the encoded secret w: w H1(ID), or
// w (H1(ID) + HT(day, ID)) with a time permit (Milagro GET_G1_MULTIPLE).
// It validates the message as ValidatePass1 does. For a message without a
// permit day, W uses today's permit: a client on yesterday's permit in the
// grace window then authenticates but derives another key, so M-Pin Full
// clients should state the day.
func (s *Server) KeyShare(now int64, m *Pass1, w []byte) ([]byte, error) {
	pp, err := s.decodePass1(now, m)
	if err != nil {
		return nil, err
	}
	wk, err := s.p.DecodeScalar(w)
	if err != nil {
		return nil, fmt.Errorf("w: %w", err)
	}
	if err := s.permitDays(now, pp); err != nil {
		return nil, err
	}
	return s.keyShare(pp, wk)
}

// keyShare returns the encoded W = w H* for the day M-Pin Full uses: the
// first candidate (H1(ID) without permits). w H* is constant time.
func (s *Server) keyShare(pp *parsed, w pairing.Scalar) ([]byte, error) {
	day := 0
	if len(pp.days) != 0 {
		day = pp.days[0]
	}
	h, err := s.hStar(pp, day)
	if err != nil {
		return nil, err
	}
	return s.p.EncodeG1(s.p.suite.NewG1().ScalarMult(w, h)), nil
}

// FullChallenge answers the first pass of M-Pin Full: it draws the
// challenge y and the secret w from rand and returns both encoded, with
// the key share W to send alongside y. The caller keeps y and w for
// VerifyFull. BeginFull does the same and keeps the decoded first pass
// for the second.
func (s *Server) FullChallenge(rand io.Reader, now int64, m *Pass1) (y, w, share []byte, err error) {
	ss, err := s.beginFull(rand, now, m)
	if err != nil {
		return nil, nil, nil, err
	}
	defer ss.Destroy()
	return ss.Challenge(), ss.Secret(), ss.KeyShare(), nil
}

// VerifyFull verifies an M-Pin Full run as Verify does, given also the
// client's key share R and the server's secret w, and only on success
// returns the session key (Milagro HASH_ALL and SERVER_KEY):
//
//	h  = HashAll(HashID(ID), U, UT, V, y, R, W)
//	Ks = KDF(Tr(e(R + h H1(ID), sQ)), w U*)
//
// which equals the client's key. R is checked like every decoded point. W
// is recomputed from w, for the permit day the check at now starts with.
func (s *Server) VerifyFull(now int64, m *Pass1, r, y, w, v []byte) ([]byte, error) {
	p := s.p
	pp, err := s.decodePass1(now, m)
	if err != nil {
		return nil, err
	}
	rp, err := p.DecodeG1(r)
	if err != nil {
		return nil, fmt.Errorf("R: %w", err)
	}
	vp, err := p.DecodeG1(v)
	if err != nil {
		return nil, fmt.Errorf("V: %w", err)
	}
	yk, err := p.DecodeScalar(y)
	if err != nil {
		return nil, fmt.Errorf("challenge: %w", err)
	}
	wk, err := p.DecodeScalar(w)
	if err != nil {
		return nil, fmt.Errorf("w: %w", err)
	}
	defer wk.SetUint64(0)
	if err := s.permitDays(now, pp); err != nil {
		return nil, err
	}
	if _, err := s.check(pp, yk, vp); err != nil {
		return nil, err
	}
	share, err := s.keyShare(pp, wk)
	if err != nil {
		return nil, err
	}
	return s.fullKey(pp, rp, r, y, v, wk, share)
}

// fullKey derives the M-Pin Full session key of a run whose check passed:
// h = HashAll(HashID(ID), U, UT, V, y, R, W) over the encodings as sent,
// then KDF(Tr(e(R + h H1(ID), sQ)), w U*). The pairing has its own final
// exponentiation: it cannot share the check's, whose product must be
// tested for 1 on its own.
func (s *Server) fullKey(pp *parsed, rp pairing.G1, r, y, v []byte, w pairing.Scalar, share []byte) ([]byte, error) {
	p := s.p
	hk := p.hashAll(pp.hid(p), pp.uEnc, pp.utEnc, v, y, r, share)
	a, err := s.idPoint(pp)
	if err != nil {
		return nil, err
	}
	return p.serverKey(a, rp, hk, w, pp.ut, func(pt pairing.G1) (pairing.GT, error) {
		return s.pair([]pairing.G1{pt}, g2SQ)
	})
}
