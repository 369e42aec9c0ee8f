package mpin

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/mpinkit/mpinkit/pairing"
)

// TimePermit is a client's time permit for one day: s HT(day, ID), the sum
// of the D-TAs' TimePermitShare outputs.
type TimePermit struct {
	// Day is the day number (days since 1970-01-01, at least 1).
	Day int
	// Point is the encoded permit.
	Point []byte
}

// Pass1 is the client's first message, in both the two-pass and the
// one-pass protocol: the identity, U = x H1(ID) and, with a time permit,
// UT = x (H1(ID) + HT(Day, ID)).
type Pass1 struct {
	// ID is the client's identity, as registered.
	ID []byte
	// U is the encoding of x H1(ID).
	U []byte
	// UT is the encoding of x (H1(ID) + HT(Day, ID)), or nil without a
	// time permit.
	UT []byte
	// Day is the day of the client's time permit, or 0 without one. The
	// server decides whether it accepts that day.
	Day int
}

// OnePass is the one-pass (non-interactive) authentication message: the
// first-pass fields, V computed with the challenge y derived from
// TimeValue, UT (or U) and Message, and those inputs.
type OnePass struct {
	// Pass1 holds the first-pass fields: ID, U, UT and Day.
	Pass1
	// V is the encoding of -(x + y) SEC.
	V []byte
	// TimeValue is the client's Unix time in seconds.
	TimeValue int64
	// Message is optional data bound into the challenge (nil for none).
	Message []byte
}

// Client is a registered M-Pin client: an identity and the token left
// after PIN extraction. The PIN is supplied on each login. A Client may be
// shared by goroutines; its sessions may not.
type Client struct {
	p        *Profile
	id       []byte
	hashedID []byte
	a        pairing.G1 // H1(ID)
	token    pairing.G1

	pre    sync.Once
	g1, g2 pairing.GT // e(T, Q) and e(A, Q), for M-Pin Full
	preErr error

	// The last time permit used, decoded, with H1(ID) + HT(day, ID):
	// a client logs in with the same permit all day, and decoding it
	// (with its subgroup check) and hashing the day cost as much as a
	// scalar multiplication.
	permitMu sync.Mutex
	permit   TimePermit
	permitTP pairing.G1 // the decoded permit
	permitAT pairing.G1 // H1(ID) + HT(day, ID)
}

// permitPoints returns the decoded permit and H1(ID) + HT(day, ID) for a
// permit whose day has been checked, from the cache when it is the last
// permit used. The results are the caller's to modify.
func (c *Client) permitPoints(permit *TimePermit) (tp, at pairing.G1, err error) {
	p := c.p
	c.permitMu.Lock()
	defer c.permitMu.Unlock()
	if c.permitTP == nil || c.permit.Day != permit.Day || !bytes.Equal(c.permit.Point, permit.Point) {
		tp, err := p.DecodeG1(permit.Point)
		if err != nil {
			return nil, nil, fmt.Errorf("time permit: %w", err)
		}
		at, err := p.permitPoint(c.hashedID, permit.Day)
		if err != nil {
			return nil, nil, err
		}
		at.Add(at, c.a)
		c.permit = TimePermit{Day: permit.Day, Point: bytes.Clone(permit.Point)}
		c.permitTP, c.permitAT = tp, at
	}
	return p.suite.NewG1().Set(c.permitTP), p.suite.NewG1().Set(c.permitAT), nil
}

// NewClient returns a client for an identity and its encoded token (see
// ExtractPIN).
func (p *Profile) NewClient(id, token []byte) (*Client, error) {
	if len(id) == 0 {
		return nil, fmt.Errorf("%w: empty identity", ErrInvalidArgument)
	}
	t, err := p.DecodeG1(token)
	if err != nil {
		return nil, fmt.Errorf("token: %w", err)
	}
	a, err := p.mapID(id)
	if err != nil {
		return nil, err
	}
	var hid []byte
	if p.modern {
		hid = p.EncodeG1(a)
	} else {
		hid = p.mhashit(0, id)
	}
	return &Client{p: p, id: bytes.Clone(id), hashedID: hid, a: a, token: t}, nil
}

// ClientSession is one authentication attempt: it holds the secret x (and,
// for M-Pin Full, z) between the passes. It answers exactly one challenge
// and then forgets its secrets: answering two challenges with the same x
// would reveal the client secret. Not safe for concurrent use.
type ClientSession struct {
	c   *Client
	x   pairing.Scalar
	sec pairing.G1 // T + pin A (+ permit)
	msg Pass1

	full bool
	z    pairing.Scalar
	rEnc []byte
	pin  pairing.Scalar

	used bool
}

// Pass1 starts a two-pass authentication with a fresh x drawn from rand,
// the PIN the user entered and an optional time permit (nil for none),
// computing SEC = T + pin H1(ID) (+ permit), U = x H1(ID) and, with the
// permit, UT = x (H1(ID) + HT(day, ID)) (Milagro CLIENT_1). The session's
// Message is sent to the server. A negative PIN gives ErrInvalidPIN, a
// permit day outside [1, 2^31 - 1] ErrInvalidDay, an invalid permit point
// a decoding error.
func (c *Client) Pass1(rand io.Reader, pin int, permit *TimePermit) (*ClientSession, error) {
	x, err := c.p.suite.RandomScalar(rand)
	if err != nil {
		return nil, err
	}
	return c.begin(x, pin, permit)
}

// Pass1WithX is Pass1 with a given encoded x instead of a random one. It
// exists to reproduce test vectors; x must never be used twice.
func (c *Client) Pass1WithX(x []byte, pin int, permit *TimePermit) (*ClientSession, error) {
	k, err := c.p.DecodeScalar(x)
	if err != nil {
		return nil, fmt.Errorf("x: %w", err)
	}
	return c.begin(k, pin, permit)
}

// begin computes Milagro's CLIENT_1: SEC, U and UT.
func (c *Client) begin(x pairing.Scalar, pin int, permit *TimePermit) (*ClientSession, error) {
	p := c.p
	f, err := reducePIN(pin)
	if err != nil {
		return nil, err
	}
	pinK := p.suite.NewScalar().SetUint64(f)
	sec := p.factorTimes(f, pinBits, c.a)
	sec.Add(sec, c.token)

	s := &ClientSession{c: c, x: x, pin: pinK}
	s.msg.ID = bytes.Clone(c.id)
	s.msg.U = p.EncodeG1(p.suite.NewG1().ScalarMult(x, c.a))
	if permit != nil {
		if err := p.checkDay(permit.Day); err != nil {
			return nil, err
		}
		tp, at, err := c.permitPoints(permit)
		if err != nil {
			return nil, err
		}
		sec.Add(sec, tp)
		s.msg.UT = p.EncodeG1(p.suite.NewG1().ScalarMult(x, at))
		s.msg.Day = permit.Day
	}
	if sec.IsIdentity() {
		return nil, fmt.Errorf("%w: client secret", ErrIdentity)
	}
	s.sec = sec
	return s, nil
}

// Message returns the first-pass message to send to the server.
func (s *ClientSession) Message() *Pass1 {
	m := s.msg
	m.ID = bytes.Clone(s.msg.ID)
	m.U = bytes.Clone(s.msg.U)
	m.UT = bytes.Clone(s.msg.UT)
	return &m
}

// Secret returns the encoding of the session's reconstructed client secret
// SEC = T + pin H1(ID) (+ permit), the value Milagro's vectors call SEC,
// until the session answers its challenge (then the identity's encoding:
// the secret is dropped). It is secret; it exists to check vectors.
func (s *ClientSession) Secret() []byte { return s.c.p.EncodeG1(s.sec) }

// Pass2 answers the server's encoded challenge y with the encoding of
// V = -(x + y) SEC (Milagro CLIENT_2). y must be a valid non-zero scalar
// with x + y != 0 mod r (ErrInvalidScalar). A session answers once
// (ErrSessionUsed).
func (s *ClientSession) Pass2(y []byte) ([]byte, error) {
	return s.pass2(y)
}

func (s *ClientSession) pass2(yb []byte) ([]byte, error) {
	if s.used {
		return nil, ErrSessionUsed
	}
	p := s.c.p
	y, err := p.DecodeScalar(yb)
	if err != nil {
		return nil, fmt.Errorf("challenge: %w", err)
	}
	return s.answer(y)
}

func (s *ClientSession) answer(y pairing.Scalar) ([]byte, error) {
	p := s.c.p
	z := p.suite.NewScalar().Add(s.x, y)
	if z.IsZero() {
		return nil, fmt.Errorf("%w: x + y = 0", ErrInvalidScalar)
	}
	s.used = true
	z.Neg(z)
	v := p.suite.NewG1().ScalarMult(z, s.sec)
	z.SetUint64(0)
	s.x.SetUint64(0)
	s.sec = p.suite.NewG1()
	return p.EncodeG1(v), nil
}

// OnePass computes a one-pass authentication message (Milagro CLIENT): x is
// drawn from rand and the challenge is y = OnePassChallenge(timeValue, U,
// UT, message) instead of a server's. The time value is Unix seconds, from
// 1 to 2^31 - 1 (ErrInvalidTime).
func (c *Client) OnePass(rand io.Reader, pin int, permit *TimePermit, timeValue int64, message []byte) (*OnePass, error) {
	for {
		x, err := c.p.suite.RandomScalar(rand)
		if err != nil {
			return nil, err
		}
		op, err := c.onePass(x, pin, permit, timeValue, message)
		if errors.Is(err, ErrInvalidScalar) {
			continue // y = 0 or x + y = 0: draw again (spec REQ-MPIN-8.2)
		}
		return op, err
	}
}

// OnePassWithX is OnePass with a given encoded x, to reproduce test
// vectors; x must never be used twice. A degenerate challenge (y = 0 or
// x + y = 0) gives ErrInvalidScalar.
func (c *Client) OnePassWithX(x []byte, pin int, permit *TimePermit, timeValue int64, message []byte) (*OnePass, error) {
	k, err := c.p.DecodeScalar(x)
	if err != nil {
		return nil, fmt.Errorf("x: %w", err)
	}
	return c.onePass(k, pin, permit, timeValue, message)
}

func (c *Client) onePass(x pairing.Scalar, pin int, permit *TimePermit, timeValue int64, message []byte) (*OnePass, error) {
	if err := checkTimeValue(timeValue); err != nil {
		return nil, err
	}
	s, err := c.begin(x, pin, permit)
	if err != nil {
		return nil, err
	}
	y, err := c.p.onePassY(timeValue, s.msg.U, s.msg.UT, message)
	if err != nil {
		return nil, err
	}
	v, err := s.answer(y)
	if err != nil {
		return nil, err
	}
	return &OnePass{Pass1: *s.Message(), V: v, TimeValue: timeValue, Message: bytes.Clone(message)}, nil
}

// ---- M-Pin Full ----

// Precompute computes the client's M-Pin Full values g1 = e(T, Q) and
// g2 = e(H1(ID), Q) (Milagro PRECOMPUTE). FullPass2 calls it when needed;
// calling it ahead saves two pairings on the first key agreement.
func (c *Client) Precompute() error {
	c.pre.Do(func() {
		s := c.p.suite
		if c.g1, c.preErr = s.Pair(c.token, c.p.q); c.preErr != nil {
			return
		}
		c.g2, c.preErr = s.Pair(c.a, c.p.q)
	})
	return c.preErr
}

// FullPass1 starts an M-Pin Full (authenticated key agreement) session:
// Pass1 plus a second secret z and the key share R = z H1(ID), sent to the
// server with the first-pass message.
func (c *Client) FullPass1(rand io.Reader, pin int, permit *TimePermit) (*ClientSession, error) {
	x, err := c.p.suite.RandomScalar(rand)
	if err != nil {
		return nil, err
	}
	r, err := c.p.suite.RandomScalar(rand)
	if err != nil {
		return nil, err
	}
	return c.beginFull(x, r, pin, permit)
}

// FullPass1WithX is FullPass1 with given encoded x and z, to reproduce
// test vectors; neither may ever be used twice.
func (c *Client) FullPass1WithX(x, z []byte, pin int, permit *TimePermit) (*ClientSession, error) {
	xk, err := c.p.DecodeScalar(x)
	if err != nil {
		return nil, fmt.Errorf("x: %w", err)
	}
	zk, err := c.p.DecodeScalar(z)
	if err != nil {
		return nil, fmt.Errorf("z: %w", err)
	}
	return c.beginFull(xk, zk, pin, permit)
}

func (c *Client) beginFull(x, z pairing.Scalar, pin int, permit *TimePermit) (*ClientSession, error) {
	s, err := c.begin(x, pin, permit)
	if err != nil {
		return nil, err
	}
	s.full = true
	s.z = z
	s.rEnc = c.p.EncodeG1(c.p.suite.NewG1().ScalarMult(z, c.a))
	return s, nil
}

// R returns the encoding of the client's key share R = z H1(ID), or nil for
// a session that is not M-Pin Full.
func (s *ClientSession) R() []byte { return bytes.Clone(s.rEnc) }

// FullPass2 answers the server's challenge y and key share W (w H1(ID), or
// w (H1(ID) + HT) with a time permit) with V, as Pass2 does, and derives
// the session key (Milagro HASH_ALL and CLIENT_KEY):
//
//	h  = HashAll(HashID(ID), U, UT, V, y, R, W)
//	Kc = KDF(Tr((g1 g2^pin)^(z + h)), x W)
//
// The key is KeySize bytes; it equals the server's only if the server
// accepts. W is checked like every decoded point; z + h = 0 mod r gives
// ErrInvalidScalar.
func (s *ClientSession) FullPass2(y, w []byte) (v, key []byte, err error) {
	if !s.full {
		return nil, nil, fmt.Errorf("%w: not an M-Pin Full session", ErrInvalidArgument)
	}
	if s.used {
		return nil, nil, ErrSessionUsed
	}
	c, p := s.c, s.c.p
	wp, err := p.DecodeG1(w)
	if err != nil {
		return nil, nil, fmt.Errorf("server key share: %w", err)
	}
	if err := c.Precompute(); err != nil {
		return nil, nil, err
	}

	x := p.suite.NewScalar().Set(s.x) // pass2 clears s.x
	v, err = s.pass2(y)
	if err != nil {
		return nil, nil, err
	}
	h := p.hashAll(c.hashedID, s.msg.U, s.msg.UT, v, y, s.rEnc, w)

	key, err = p.clientKey(c.g1, c.g2, s.pin, s.z, h, x, wp)
	x.SetUint64(0)
	s.z.SetUint64(0)
	s.pin.SetUint64(0)
	if err != nil {
		return nil, nil, err
	}
	return v, key, nil
}
