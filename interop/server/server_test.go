package server

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mpinkit/mpinkit/reference/channel"
	"github.com/mpinkit/mpinkit/reference/mpin"
)

// fixedNow is the test clock's start: 2025-06-01T12:00:00Z.
var fixedNow = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// syncBuffer is a goroutine-safe log sink.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// fx is a server without listeners, keyed by a master secret made here,
// with a reference client registered under it.
type fx struct {
	s        *Server
	h        http.Handler
	p        *mpin.Profile
	clk      *clock
	logs     *syncBuffer
	id       []byte
	token    []byte
	client   *mpin.Client
	permit   *mpin.TimePermit
	outcomes chan Outcome
}

const testPIN = 2468

func newFx(t testing.TB, suite string, permits bool, mod func(*Config)) *fx {
	t.Helper()
	p, err := mpin.Lookup(suite)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := p.MasterShareFromSeed(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	sq, _ := p.ServerSecretShare(ms)
	id := []byte("tester@example.org")
	hid, _ := p.HashID(id)
	cs, _ := p.ClientSecretShare(ms, hid)
	token, err := p.ExtractPIN(cs, id, testPIN)
	if err != nil {
		t.Fatal(err)
	}
	cl, err := p.NewClient(id, token)
	if err != nil {
		t.Fatal(err)
	}
	f := &fx{p: p, clk: &clock{t: fixedNow}, logs: &syncBuffer{}, id: id, token: token, client: cl, outcomes: make(chan Outcome, 64)}
	if permits {
		day := int(fixedNow.Unix() / 86400)
		tp, _ := p.TimePermitShare(ms, hid, day)
		f.permit = &mpin.TimePermit{Day: day, Point: tp}
	}
	cfg := Config{
		Suite: suite, ServerSecret: sq, TimePermits: permits, Now: f.clk.now,
		Logger:    slog.New(slog.NewTextHandler(f.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		OnOutcome: func(o Outcome) { f.outcomes <- o },
	}
	if mod != nil {
		mod(&cfg)
	}
	s, err := New(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	f.s, f.h = s, s.Handler()
	return f
}

// post sends a JSON body (a string is sent as is) and decodes the answer.
func (f *fx) post(t testing.TB, path string, body any, out any) (int, ErrorBody) {
	t.Helper()
	var b []byte
	switch v := body.(type) {
	case string:
		b = []byte(v)
	case []byte:
		b = v
	default:
		var err error
		if b, err = json.Marshal(v); err != nil {
			t.Fatal(err)
		}
	}
	req := httptest.NewRequest(http.MethodPost, path, bytes.NewReader(b))
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, req)
	var eb ErrorBody
	if w.Code != http.StatusOK {
		if err := json.Unmarshal(w.Body.Bytes(), &eb); err != nil || eb.Error == "" {
			t.Fatalf("%s: %d with body %q", path, w.Code, w.Body.Bytes())
		}
		return w.Code, eb
	}
	if out != nil {
		if err := json.Unmarshal(w.Body.Bytes(), out); err != nil {
			t.Fatalf("%s: answer %q: %v", path, w.Body.Bytes(), err)
		}
	}
	return w.Code, eb
}

func h(b []byte) string {
	if b == nil {
		return ""
	}
	return hex.EncodeToString(b)
}

// pass1 runs the client's first pass and sends it.
func (f *fx) pass1(t testing.TB, pin int, full bool) (*mpin.ClientSession, Pass1Response) {
	t.Helper()
	var sess *mpin.ClientSession
	var err error
	if full {
		sess, err = f.client.FullPass1(rand.Reader, pin, f.permit)
	} else {
		sess, err = f.client.Pass1(rand.Reader, pin, f.permit)
	}
	if err != nil {
		t.Fatal(err)
	}
	m := sess.Message()
	var r1 Pass1Response
	code, eb := f.post(t, PathPass1, Pass1Request{Suite: f.p.Name(), ID: h(m.ID), U: h(m.U), UT: h(m.UT), Day: m.Day, KeyShare: h(sess.R())}, &r1)
	if code != 200 {
		t.Fatalf("pass1: %d %+v", code, eb)
	}
	return sess, r1
}

func unhexT(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func (f *fx) nextOutcome(t testing.TB) Outcome {
	t.Helper()
	select {
	case o := <-f.outcomes:
		return o
	case <-time.After(5 * time.Second):
		t.Fatal("no outcome")
		return Outcome{}
	}
}

func TestTwoPassAndWrongPIN(t *testing.T) {
	for _, p := range mpin.Profiles() {
		t.Run(p.Name(), func(t *testing.T) {
			f := newFx(t, p.Name(), false, nil)
			for _, pin := range []int{testPIN, testPIN - 3} {
				sess, r1 := f.pass1(t, pin, false)
				v, err := sess.Pass2(unhexT(t, r1.Y))
				if err != nil {
					t.Fatal(err)
				}
				var r2 LoginResponse
				code, eb := f.post(t, PathPass2, Pass2Request{Suite: p.Name(), Session: r1.Session, V: h(v)}, &r2)
				o := f.nextOutcome(t)
				if pin == testPIN {
					if code != 200 || r2.Result != "OK" || o.Result != "OK" {
						t.Fatalf("right PIN: %d %+v %+v", code, eb, o)
					}
					continue
				}
				if code != http.StatusUnauthorized || eb.Error != "BAD_PIN" {
					t.Fatalf("wrong PIN: %d %+v", code, eb)
				}
				if o.Result != "BAD_PIN" || o.Delta != -3 || o.Failures != 1 {
					t.Fatalf("wrong PIN outcome %+v", o)
				}
				if strings.Contains(eb.Message, "3") {
					t.Errorf("the answer hints at the PIN error: %q", eb.Message)
				}
			}
		})
	}
}

func TestFullKeysEqual(t *testing.T) {
	for _, suite := range []string{mpin.BN254CXMilagro, mpin.BLS12381Modern} {
		t.Run(suite, func(t *testing.T) {
			f := newFx(t, suite, true, nil)
			sess, r1 := f.pass1(t, testPIN, true)
			w := unhexT(t, r1.KeyShare)
			y := unhexT(t, r1.Y)
			v, key, err := sess.FullPass2(y, w)
			if err != nil {
				t.Fatal(err)
			}
			var r2 LoginResponse
			if code, eb := f.post(t, PathPass2, Pass2Request{Suite: suite, Session: r1.Session, V: h(v)}, &r2); code != 200 {
				t.Fatalf("%d %+v", code, eb)
			}
			if !r2.Full || r2.Channels == nil || r2.ChannelExpires != fixedNow.Add(DefaultChannelTTL).Unix() {
				t.Fatalf("answer %+v", r2)
			}
			m := sess.Message()
			tr := Transcript{Suite: suite, ID: m.ID, U: m.U, UT: m.UT, Day: m.Day, R: sess.R(), W: w, Y: y, V: v}
			keys, err := tr.ChannelKeys(key)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := f.s.chans.lookup(keys.Identity[:])
			if !ok {
				t.Fatal("the server has no keys under the client's identity")
			}
			if got != keys {
				t.Fatal("client and server channel keys differ")
			}
			if strings.Contains(f.logs.String(), hex.EncodeToString(keys.PSK[:])) || strings.Contains(f.logs.String(), hex.EncodeToString(key)) {
				t.Fatal("a key was logged")
			}
		})
	}
}

func TestReplayAndOrder(t *testing.T) {
	f := newFx(t, mpin.BN254CXModern, false, nil)
	suite := f.p.Name()
	sess, r1 := f.pass1(t, testPIN, false)
	v, _ := sess.Pass2(unhexT(t, r1.Y))
	body := Pass2Request{Suite: suite, Session: r1.Session, V: h(v)}
	if code, eb := f.post(t, PathPass2, body, nil); code != 200 {
		t.Fatalf("%d %+v", code, eb)
	}
	// The same second pass again.
	if code, eb := f.post(t, PathPass2, body, nil); code != http.StatusConflict || eb.Error != "REPLAY" {
		t.Fatalf("replayed pass 2: %d %+v", code, eb)
	}
	// A second pass for a session never opened (out of order).
	body.Session = strings.Repeat("ab", SessionIDSize)
	if code, eb := f.post(t, PathPass2, body, nil); code != http.StatusConflict || eb.Error != "REPLAY" {
		t.Fatalf("pass 2 without pass 1: %d %+v", code, eb)
	}
	body.Session = "abcd"
	if code, eb := f.post(t, PathPass2, body, nil); eb.Error != "REPLAY" {
		t.Fatalf("short session: %d %+v", code, eb)
	}
	// An expired challenge.
	sess, r1 = f.pass1(t, testPIN, false)
	v, _ = sess.Pass2(unhexT(t, r1.Y))
	f.clk.add(DefaultSessionTTL + time.Second)
	code, eb := f.post(t, PathPass2, Pass2Request{Suite: suite, Session: r1.Session, V: h(v)}, nil)
	if code != http.StatusConflict || eb.Error != "REPLAY" || !strings.Contains(eb.Message, "expired") {
		t.Fatalf("expired session: %d %+v", code, eb)
	}
	// A failed second pass still closes the session.
	_, r1 = f.pass1(t, testPIN, false)
	bad := Pass2Request{Suite: suite, Session: r1.Session, V: "04"}
	if code, eb := f.post(t, PathPass2, bad, nil); eb.Error != "NON_CANONICAL" {
		t.Fatalf("short V: %d %+v", code, eb)
	}
	if code, eb := f.post(t, PathPass2, bad, nil); eb.Error != "REPLAY" {
		t.Fatalf("session reused after a failed pass 2: %d %+v", code, eb)
	}
	if !strings.Contains(f.logs.String(), "error=REPLAY") {
		t.Error("no log line for the replay")
	}
}

func TestOnePass(t *testing.T) {
	f := newFx(t, mpin.BLS12381Milagro, true, nil)
	suite := f.p.Name()
	now := fixedNow.Unix()
	msg := func(pin int, tv int64) OnePassRequest {
		op, err := f.client.OnePass(rand.Reader, pin, f.permit, tv, []byte("pay 10 EUR"))
		if err != nil {
			t.Fatal(err)
		}
		return OnePassRequest{Suite: suite, ID: h(op.ID), U: h(op.U), UT: h(op.UT), Day: op.Day, V: h(op.V), TimeValue: op.TimeValue, Message: h(op.Message)}
	}
	good := msg(testPIN, now-5)
	if code, eb := f.post(t, PathOnePass, good, nil); code != 200 {
		t.Fatalf("%d %+v", code, eb)
	}
	if code, eb := f.post(t, PathOnePass, good, nil); code != http.StatusConflict || eb.Error != "REPLAY" {
		t.Fatalf("replayed one-pass: %d %+v", code, eb)
	}
	if code, eb := f.post(t, PathOnePass, msg(testPIN, now-31), nil); eb.Error != "STALE_TIMEVALUE" {
		t.Fatalf("stale: %d %+v", code, eb)
	}
	tampered := msg(testPIN, now)
	tampered.Message = h([]byte("pay 99 EUR"))
	if code, eb := f.post(t, PathOnePass, tampered, nil); code != http.StatusUnauthorized || eb.Error != "BAD_PIN" {
		t.Fatalf("tampered message: %d %+v", code, eb)
	}
	f.nextOutcome(t)
	if o := f.nextOutcome(t); o.Result != "NOT_A_CLIENT" {
		t.Fatalf("tampered message outcome %+v", o)
	}
	wrong := msg(testPIN+1, now)
	if code, eb := f.post(t, PathOnePass, wrong, nil); eb.Error != "BAD_PIN" {
		t.Fatalf("wrong PIN: %d %+v", code, eb)
	}
	if o := f.nextOutcome(t); o.Delta != 1 {
		t.Fatalf("outcome %+v", o)
	}
	// A failed message is not remembered: the right one with the same U*
	// cannot exist, but the replay memory must not grow with failures.
	if code, eb := f.post(t, PathOnePass, wrong, nil); eb.Error != "BAD_PIN" {
		t.Fatalf("failed message replayed: %d %+v", code, eb)
	}
	noPermit := msg(testPIN, now)
	noPermit.UT, noPermit.Day = "", 0
	if code, eb := f.post(t, PathOnePass, noPermit, nil); eb.Error != "EXPIRED_PERMIT" {
		t.Fatalf("no permit: %d %+v", code, eb)
	}
}

func TestLockout(t *testing.T) {
	f := newFx(t, mpin.BN254CXMilagro, false, nil)
	login := func(pin int) ErrorBody {
		sess, r1 := f.pass1(t, pin, false)
		v, _ := sess.Pass2(unhexT(t, r1.Y))
		_, eb := f.post(t, PathPass2, Pass2Request{Suite: f.p.Name(), Session: r1.Session, V: h(v)}, nil)
		return eb
	}
	for i := 1; i <= DefaultMaxPINFailures; i++ {
		if eb := login(testPIN + i); eb.Error != "BAD_PIN" {
			t.Fatalf("attempt %d: %+v", i, eb)
		}
	}
	// Locked: even the right PIN is refused, at pass 1 already.
	sess, _ := f.client.Pass1(rand.Reader, testPIN, nil)
	m := sess.Message()
	code, eb := f.post(t, PathPass1, Pass1Request{Suite: f.p.Name(), ID: h(m.ID), U: h(m.U)}, nil)
	if code != http.StatusForbidden || eb.Error != "LOCKED" {
		t.Fatalf("locked identity: %d %+v", code, eb)
	}
}

func TestNotAClient(t *testing.T) {
	for _, reveal := range []bool{false, true} {
		f := newFx(t, mpin.BN254CXMilagro, false, func(c *Config) { c.RevealNotAClient = reveal })
		// A token from another authority.
		p := f.p
		ms, _ := p.MasterShareFromSeed(bytes.Repeat([]byte{9}, 32))
		hid, _ := p.HashID(f.id)
		cs, _ := p.ClientSecretShare(ms, hid)
		tok, _ := p.ExtractPIN(cs, f.id, testPIN)
		f.client, _ = p.NewClient(f.id, tok)
		sess, r1 := f.pass1(t, testPIN, false)
		v, _ := sess.Pass2(unhexT(t, r1.Y))
		_, eb := f.post(t, PathPass2, Pass2Request{Suite: p.Name(), Session: r1.Session, V: h(v)}, nil)
		want := "BAD_PIN"
		if reveal {
			want = "NOT_A_CLIENT"
		}
		if eb.Error != want {
			t.Errorf("reveal=%v: %+v", reveal, eb)
		}
		if o := f.nextOutcome(t); o.Result != "NOT_A_CLIENT" || o.Failures != 0 {
			t.Errorf("outcome %+v", o)
		}
	}
}

// TestBadRequests sends one defect at a time and checks the error name.
func TestBadRequests(t *testing.T) {
	for _, suite := range []string{mpin.BN254CXMilagro, mpin.BLS12381Modern} {
		t.Run(suite, func(t *testing.T) {
			f := newFx(t, suite, false, nil)
			p := f.p
			sess, _ := f.client.FullPass1(rand.Reader, testPIN, nil)
			m := sess.Message()
			g1 := p.G1Size()
			offCurve := make([]byte, g1)
			offCurve[0], offCurve[g1-1] = 4, 1
			infinity := make([]byte, g1)
			infinity[0] = 4
			compressed := append([]byte{2}, m.U[1:1+p.ScalarSize()]...)
			bigCoord := bytes.Clone(m.U)
			for i := 1; i <= p.ScalarSize(); i++ {
				bigCoord[i] = 0xff
			}
			base := Pass1Request{Suite: suite, ID: h(m.ID), U: h(m.U)}
			with := func(mod func(*Pass1Request)) Pass1Request { r := base; mod(&r); return r }
			cases := []struct {
				name   string
				body   any
				status int
				want   string
			}{
				{"malformed JSON", `{"suite":`, 400, NameMalformed},
				{"not an object", `[1,2]`, 400, NameMalformed},
				{"unknown field", `{"suite":"` + suite + `","id":"00","u":"00","extra":true}`, 400, NameMalformed},
				{"trailing data", `{"suite":"` + suite + `","id":"00","u":"00"}x`, 400, NameMalformed},
				{"wrong type", `{"suite":"` + suite + `","id":"00","u":"00","day":"1"}`, 400, NameMalformed},
				{"not hex", with(func(r *Pass1Request) { r.U = "xyz" }), 400, NameMalformed},
				{"too large", strings.Repeat(" ", DefaultMaxBodyBytes+1), 413, NameTooLarge},
				{"other suite", with(func(r *Pass1Request) { r.Suite = "MPIN-FOO" }), 400, "UNSUPPORTED"},
				{"empty id", with(func(r *Pass1Request) { r.ID = "" }), 400, "INVALID_ARGUMENT"},
				{"negative day", with(func(r *Pass1Request) { r.Day = -1 }), 400, "INVALID_ARGUMENT"},
				{"short U", with(func(r *Pass1Request) { r.U = h(m.U[:10]) }), 400, "NON_CANONICAL"},
				{"compressed U", with(func(r *Pass1Request) { r.U = h(compressed) }), 400, "NON_CANONICAL"},
				{"coordinate above p", with(func(r *Pass1Request) { r.U = h(bigCoord) }), 400, "NON_CANONICAL"},
				{"U at infinity", with(func(r *Pass1Request) { r.U = h(infinity) }), 400, "IDENTITY_POINT"},
				{"U off the curve", with(func(r *Pass1Request) { r.U = h(offCurve) }), 400, "INVALID_POINT"},
				{"R off the curve", with(func(r *Pass1Request) { r.KeyShare = h(offCurve) }), 400, "INVALID_POINT"},
				{"R at infinity", with(func(r *Pass1Request) { r.KeyShare = h(infinity) }), 400, "IDENTITY_POINT"},
			}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					code, eb := f.post(t, PathPass1, c.body, nil)
					if code != c.status || eb.Error != c.want || eb.Message == "" {
						t.Errorf("got %d %+v, want %d %s", code, eb, c.status, c.want)
					}
				})
			}
			// V validation at pass 2.
			for _, c := range []struct {
				v    []byte
				want string
			}{{offCurve, "INVALID_POINT"}, {infinity, "IDENTITY_POINT"}, {m.U[:5], "NON_CANONICAL"}} {
				_, r1 := f.pass1(t, testPIN, false)
				if _, eb := f.post(t, PathPass2, Pass2Request{Suite: suite, Session: r1.Session, V: h(c.v)}, nil); eb.Error != c.want {
					t.Errorf("V %s: %+v", c.want, eb)
				}
			}
			// Method, path, registration without authorities.
			req := httptest.NewRequest(http.MethodGet, PathPass1, nil)
			w := httptest.NewRecorder()
			f.h.ServeHTTP(w, req)
			if w.Code != http.StatusMethodNotAllowed || !strings.Contains(w.Body.String(), NameMethodNotAllowed) {
				t.Errorf("GET pass1: %d %s", w.Code, w.Body.String())
			}
			if code, eb := f.post(t, "/v2/pass1", "{}", nil); code != 404 || eb.Error != NameNotFound {
				t.Errorf("unknown path: %d %+v", code, eb)
			}
			if code, eb := f.post(t, PathRegister, RegisterRequest{Suite: suite, ID: "00"}, nil); eb.Error != "UNSUPPORTED" {
				t.Errorf("register without authorities: %d %+v", code, eb)
			}
			if code, eb := f.post(t, PathTimePermits, TimePermitsRequest{Suite: suite, ID: "00", FirstDay: 1, LastDay: 1}, nil); eb.Error != "UNSUPPORTED" {
				t.Errorf("permits on a server without permits: %d %+v", code, eb)
			}
			logs := f.logs.String()
			for _, want := range []string{"error=MALFORMED", "error=INVALID_POINT", "error=TOO_LARGE", "error=NOT_FOUND"} {
				if !strings.Contains(logs, want) {
					t.Errorf("no log line with %s", want)
				}
			}
		})
	}
}

func TestInfo(t *testing.T) {
	f := newFx(t, mpin.BN254CXMilagro, true, nil)
	req := httptest.NewRequest(http.MethodGet, PathInfo, nil)
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, req)
	var info InfoResponse
	if err := json.Unmarshal(w.Body.Bytes(), &info); err != nil || w.Code != 200 {
		t.Fatalf("%d %s", w.Code, w.Body.String())
	}
	if info.Suite != mpin.BN254CXMilagro || !info.Features.TimePermits || info.SessionTTL != 60 || info.Time != fixedNow.Unix() {
		t.Errorf("info %+v", info)
	}
}

func TestConfigErrors(t *testing.T) {
	ctx := context.Background()
	for _, c := range []Config{
		{Suite: mpin.BN254CXMilagro},
		{Suite: "nope", ServerSecret: []byte{1}},
		{Suite: mpin.BN254CXMilagro, ServerSecret: []byte{1, 2, 3}},
		{Suite: mpin.BN254CXMilagro, Authorities: []AuthorityConfig{{URL: "http://x", App: "a", Key: []byte("short")}}},
		{Suite: mpin.BN254CXMilagro, ServerSecret: []byte{1}, SessionTTL: -1},
	} {
		if _, err := New(ctx, c); !errors.Is(err, ErrConfig) {
			t.Errorf("New(%+v) = %v", c, err)
		}
	}
}

func TestTranscriptHash(t *testing.T) {
	tr := Transcript{Suite: "S", ID: []byte("id"), U: []byte{1}, Day: 5, R: []byte{2}, W: []byte{3}, Y: []byte{4}, V: []byte{5}}
	h1, err := tr.Hash()
	if err != nil {
		t.Fatal(err)
	}
	// An independent rendering of the definition.
	var b bytes.Buffer
	b.WriteString(TranscriptLabel)
	for _, f := range [][]byte{[]byte("S"), []byte("id"), {1}, nil} {
		b.Write([]byte{byte(len(f) >> 8), byte(len(f))})
		b.Write(f)
	}
	b.Write([]byte{0, 0, 0, 5})
	for _, f := range [][]byte{{2}, {3}, {4}, {5}} {
		b.Write([]byte{0, byte(len(f))})
		b.Write(f)
	}
	want := sha256Sum(b.Bytes())
	if !bytes.Equal(h1, want) {
		t.Fatalf("hash %x, want %x", h1, want)
	}
	// Moving a byte between adjacent fields changes the hash.
	tr2 := tr
	tr2.ID, tr2.U = []byte("i"), []byte("d\x01")
	if h2, _ := tr2.Hash(); bytes.Equal(h1, h2) {
		t.Fatal("field boundaries are not bound")
	}
	tr.ID = make([]byte, 3000)
	if _, err := tr.Hash(); err == nil {
		t.Fatal("oversized field accepted")
	}
	if _, err := (&Transcript{Suite: "S"}).ChannelKeys(make([]byte, channel.MinKeySize)); err != nil {
		t.Fatal(err)
	}
}
