package client

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/mpinkit/mpinkit/dta"
	"github.com/mpinkit/mpinkit/interop/server"
	"github.com/mpinkit/mpinkit/reference/channel"
	"github.com/mpinkit/mpinkit/reference/mpin"
)

// Errors of the client. Refusals from the server are *server.Error and
// from authorities *dta.Error (match them with errors.Is against their
// sentinels, for example server.ErrBadPIN).
var (
	// ErrSuite reports a credential of another suite than the server's.
	ErrSuite = errors.New("client: credential and server suites differ")
	// ErrNoChannel reports a channel kind the server does not offer, or a
	// login that was not M-Pin Full.
	ErrNoChannel = errors.New("client: no such channel")
	// ErrResponse reports an answer that does not follow the protocol.
	ErrResponse = errors.New("client: malformed response")
)

// maxResponseBytes bounds what the client reads from the server.
const maxResponseBytes = 256 << 10

// Client talks to one M-Pin interop server. Set URL; the other fields
// have defaults. Safe for concurrent use.
type Client struct {
	// URL is the server's base URL, for example "http://127.0.0.1:8080".
	URL string
	// HTTP is the HTTP client for the server and the authorities; nil
	// means one with a 30 s timeout.
	HTTP *http.Client
	// Rand is the randomness source; nil means crypto/rand.
	Rand io.Reader
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

var defaultHTTP = &http.Client{Timeout: 30 * time.Second}

func (c *Client) http() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return defaultHTTP
}

func (c *Client) rand() io.Reader {
	if c.Rand != nil {
		return c.Rand
	}
	return rand.Reader
}

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// call sends a JSON request to the server and decodes the JSON answer;
// an error body becomes a *server.Error.
func (c *Client) call(ctx context.Context, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimSuffix(c.URL, "/")+path, body)
	if err != nil {
		return fmt.Errorf("client: %w", err)
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http().Do(req)
	if err != nil {
		return fmt.Errorf("client: %s: %w", path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
	if err != nil {
		return fmt.Errorf("client: %s: reading the answer: %w", path, err)
	}
	if len(b) > maxResponseBytes {
		return fmt.Errorf("%w: %s: answer over %d bytes", ErrResponse, path, maxResponseBytes)
	}
	if resp.StatusCode != http.StatusOK {
		var eb server.ErrorBody
		if err := json.Unmarshal(b, &eb); err != nil || eb.Error == "" {
			return fmt.Errorf("%w: %s: HTTP %d without an error body", ErrResponse, path, resp.StatusCode)
		}
		return &server.Error{Status: resp.StatusCode, Name: eb.Error, Message: eb.Message}
	}
	if err := json.Unmarshal(b, out); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrResponse, path, err)
	}
	return nil
}

// Info fetches the server's description.
func (c *Client) Info(ctx context.Context) (*server.InfoResponse, error) {
	var out server.InfoResponse
	if err := c.call(ctx, http.MethodGet, server.PathInfo, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Credential is what a registered client keeps between logins: its
// identity, its token (the client secret minus the PIN, REQ-MPIN-5.2) and
// its time permits. It never holds the PIN. The token is sensitive (with
// the server secret it allows an offline PIN search, REQ-MPIN-15.3), so
// store it like a key.
type Credential struct {
	// Suite is the suite string.
	Suite string
	// ID is the identity.
	ID []byte
	// Token is the encoded token.
	Token []byte
	// TimePermits reports that the server requires permits.
	TimePermits bool
	// Permits maps day numbers to encoded permits.
	Permits map[int][]byte

	once sync.Once
	mc   *mpin.Client
	err  error
}

// String hides the token.
func (cr *Credential) String() string {
	return fmt.Sprintf("Credential{Suite: %s, ID: %q, Token: <redacted>, Permits: %d}", cr.Suite, cr.ID, len(cr.Permits))
}

// mpinClient returns the reference client of the credential, made once
// (so M-Pin Full's precomputation is done once).
func (cr *Credential) mpinClient() (*mpin.Client, *mpin.Profile, error) {
	p, err := mpin.Lookup(cr.Suite)
	if err != nil {
		return nil, nil, err
	}
	cr.once.Do(func() { cr.mc, cr.err = p.NewClient(cr.ID, cr.Token) })
	return cr.mc, p, cr.err
}

// permit returns the permit for day, or nil.
func (cr *Credential) permit(day int) *mpin.TimePermit {
	if pt, ok := cr.Permits[day]; ok {
		return &mpin.TimePermit{Day: day, Point: pt}
	}
	return nil
}

// Register registers id with the server in its suite: it asks the server
// for one signed client-secret request per authority, sends each to its
// authority, adds up the shares, and extracts the PIN (REQ-MPIN-5.2). The
// server never sees a share. With permits in use it also fetches today's
// permit.
func (c *Client) Register(ctx context.Context, suite string, id []byte, pin int) (*Credential, error) {
	p, err := mpin.Lookup(suite)
	if err != nil {
		return nil, err
	}
	var resp server.RegisterResponse
	if err := c.call(ctx, http.MethodPost, server.PathRegister, server.RegisterRequest{Suite: suite, ID: hex.EncodeToString(id)}, &resp); err != nil {
		return nil, err
	}
	if len(resp.ClientSecretRequests) == 0 {
		return nil, fmt.Errorf("%w: no authorities", ErrResponse)
	}
	shares := make([][]byte, len(resp.ClientSecretRequests))
	for i := range resp.ClientSecretRequests {
		var cs dta.ClientSecretResponse
		if err := dta.Do(ctx, c.http(), &resp.ClientSecretRequests[i], &cs); err != nil {
			return nil, fmt.Errorf("client: authority %d: %w", i, err)
		}
		if cs.Suite != suite {
			return nil, fmt.Errorf("%w: authority %d answered in suite %q", ErrResponse, i, cs.Suite)
		}
		if shares[i], err = hex.DecodeString(cs.Share); err != nil {
			return nil, fmt.Errorf("%w: authority %d: share is not hex", ErrResponse, i)
		}
	}
	secret, err := p.RecombineG1(shares...)
	if err != nil {
		return nil, fmt.Errorf("client: client secret: %w", err)
	}
	token, err := p.ExtractPIN(secret, id, pin)
	clear(secret)
	if err != nil {
		return nil, err
	}
	cr := &Credential{Suite: suite, ID: bytes.Clone(id), Token: token, TimePermits: resp.TimePermits, Permits: map[int][]byte{}}
	if resp.TimePermits {
		d := c.today()
		if err := c.FetchPermits(ctx, cr, d, d); err != nil {
			return nil, err
		}
	}
	return cr, nil
}

func (c *Client) today() int { return int(c.now().Unix() / mpin.SecondsPerDay) }

// FetchPermits fetches the credential's time permits for days first to
// last from every authority (through signed requests from the server) and
// stores their sums in cr.Permits.
func (c *Client) FetchPermits(ctx context.Context, cr *Credential, first, last int) error {
	p, err := mpin.Lookup(cr.Suite)
	if err != nil {
		return err
	}
	var resp server.TimePermitsResponse
	req := server.TimePermitsRequest{Suite: cr.Suite, ID: hex.EncodeToString(cr.ID), FirstDay: first, LastDay: last}
	if err := c.call(ctx, http.MethodPost, server.PathTimePermits, req, &resp); err != nil {
		return err
	}
	byDay := map[int][][]byte{}
	for i := range resp.TimePermitRequests {
		var tp dta.TimePermitsResponse
		if err := dta.Do(ctx, c.http(), &resp.TimePermitRequests[i], &tp); err != nil {
			return fmt.Errorf("client: authority %d: %w", i, err)
		}
		for _, s := range tp.Shares {
			b, err := hex.DecodeString(s.Share)
			if err != nil {
				return fmt.Errorf("%w: authority %d: permit is not hex", ErrResponse, i)
			}
			byDay[s.Day] = append(byDay[s.Day], b)
		}
	}
	if cr.Permits == nil {
		cr.Permits = map[int][]byte{}
	}
	for d := first; d <= last; d++ {
		if len(byDay[d]) != len(resp.TimePermitRequests) {
			return fmt.Errorf("%w: %d permit shares for day %d from %d authorities", ErrResponse, len(byDay[d]), d, len(resp.TimePermitRequests))
		}
		pt, err := p.RecombineG1(byDay[d]...)
		if err != nil {
			return fmt.Errorf("client: permit for day %d: %w", d, err)
		}
		cr.Permits[d] = pt
	}
	return nil
}

// Mode selects the login protocol.
type Mode int

// The login protocols.
const (
	// TwoPass is two-pass M-Pin (REQ-MPIN-7).
	TwoPass Mode = iota
	// OnePass is one-pass M-Pin (REQ-MPIN-8).
	OnePass
	// Full is two-pass M-Pin with M-Pin Full key agreement (REQ-MPIN-11):
	// the login yields channel keys.
	Full
)

// String returns "two-pass", "one-pass" or "full".
func (m Mode) String() string {
	switch m {
	case TwoPass:
		return "two-pass"
	case OnePass:
		return "one-pass"
	case Full:
		return "full"
	}
	return fmt.Sprintf("Mode(%d)", int(m))
}

// Login is a successful login.
type Login struct {
	// Mode is the protocol used.
	Mode Mode
	// Key is the M-Pin Full session key (Full only; secret).
	Key []byte
	// Keys are the channel keys derived from Key and the transcript (Full
	// only; secret except Keys.Identity).
	Keys channel.Keys
	// TranscriptHash is the hash the channel keys were derived with.
	TranscriptHash []byte
	// Channels are the channel listeners the server offers.
	Channels server.Channels
	// ChannelExpires is when the server forgets the channel keys.
	ChannelExpires time.Time
}

// Wipe erases the login's secrets.
func (l *Login) Wipe() {
	clear(l.Key)
	l.Keys.Wipe()
}

// Login logs in with the PIN entered. A wrong PIN is a *server.Error
// named BAD_PIN (or NOT_A_CLIENT on a server that tells them apart). With
// permits in use and no permit for today in cr, it fetches one first. The
// one-pass message is empty.
func (c *Client) Login(ctx context.Context, cr *Credential, pin int, mode Mode) (*Login, error) {
	mc, p, err := cr.mpinClient()
	if err != nil {
		return nil, err
	}
	var permit *mpin.TimePermit
	if cr.TimePermits {
		d := c.today()
		if cr.permit(d) == nil {
			if err := c.FetchPermits(ctx, cr, d, d); err != nil {
				return nil, err
			}
		}
		permit = cr.permit(d)
	}
	switch mode {
	case OnePass:
		return c.onePass(ctx, cr, mc, pin, permit)
	case TwoPass, Full:
		return c.twoPass(ctx, cr, p, mc, pin, permit, mode)
	}
	return nil, fmt.Errorf("client: unknown mode %v", mode)
}

func hexOrEmpty(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return hex.EncodeToString(b)
}

func (c *Client) twoPass(ctx context.Context, cr *Credential, p *mpin.Profile, mc *mpin.Client, pin int, permit *mpin.TimePermit, mode Mode) (*Login, error) {
	var sess *mpin.ClientSession
	var err error
	if mode == Full {
		sess, err = mc.FullPass1(c.rand(), pin, permit)
	} else {
		sess, err = mc.Pass1(c.rand(), pin, permit)
	}
	if err != nil {
		return nil, err
	}
	m := sess.Message()
	req := server.Pass1Request{Suite: cr.Suite, ID: hex.EncodeToString(m.ID), U: hex.EncodeToString(m.U),
		UT: hexOrEmpty(m.UT), Day: m.Day, KeyShare: hexOrEmpty(sess.R())}
	var r1 server.Pass1Response
	if err := c.call(ctx, http.MethodPost, server.PathPass1, req, &r1); err != nil {
		return nil, err
	}
	y, err := hex.DecodeString(r1.Y)
	if err != nil {
		return nil, fmt.Errorf("%w: y is not hex", ErrResponse)
	}
	var v, key, w []byte
	if mode == Full {
		if w, err = hex.DecodeString(r1.KeyShare); err != nil || len(w) == 0 {
			return nil, fmt.Errorf("%w: no server key share", ErrResponse)
		}
		v, key, err = sess.FullPass2(y, w)
	} else {
		v, err = sess.Pass2(y)
	}
	if err != nil {
		return nil, fmt.Errorf("client: answering the challenge: %w", err)
	}
	var r2 server.LoginResponse
	err = c.call(ctx, http.MethodPost, server.PathPass2, server.Pass2Request{Suite: cr.Suite, Session: r1.Session, V: hex.EncodeToString(v)}, &r2)
	if err != nil {
		clear(key)
		return nil, err
	}
	if r2.Result != "OK" {
		clear(key)
		return nil, fmt.Errorf("%w: result %q", ErrResponse, r2.Result)
	}
	l := &Login{Mode: mode}
	if mode == Full {
		t := server.Transcript{Suite: cr.Suite, ID: m.ID, U: m.U, UT: m.UT, Day: m.Day, R: sess.R(), W: w, Y: y, V: v}
		if l.TranscriptHash, err = t.Hash(); err != nil {
			return nil, err
		}
		if l.Keys, err = channel.Derive(key, l.TranscriptHash, cr.Suite); err != nil {
			return nil, err
		}
		l.Key = key
		if r2.Channels != nil {
			l.Channels = *r2.Channels
		}
		l.ChannelExpires = time.Unix(r2.ChannelExpires, 0)
	}
	return l, nil
}

func (c *Client) onePass(ctx context.Context, cr *Credential, mc *mpin.Client, pin int, permit *mpin.TimePermit) (*Login, error) {
	op, err := mc.OnePass(c.rand(), pin, permit, c.now().Unix(), nil)
	if err != nil {
		return nil, err
	}
	req := server.OnePassRequest{Suite: cr.Suite, ID: hex.EncodeToString(op.ID), U: hex.EncodeToString(op.U),
		UT: hexOrEmpty(op.UT), Day: op.Day, V: hex.EncodeToString(op.V), TimeValue: op.TimeValue}
	var r server.LoginResponse
	if err := c.call(ctx, http.MethodPost, server.PathOnePass, req, &r); err != nil {
		return nil, err
	}
	if r.Result != "OK" {
		return nil, fmt.Errorf("%w: result %q", ErrResponse, r.Result)
	}
	return &Login{Mode: OnePass}, nil
}
