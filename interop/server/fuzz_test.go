package server

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/mpinkit/mpinkit/reference/channel"
	"github.com/mpinkit/mpinkit/reference/mpin"
)

func sha256Sum(b []byte) []byte {
	h := sha256.Sum256(b)
	return h[:]
}

// knownNames are the error names the server may answer with.
var knownNames = map[string]bool{
	NameMalformed: true, NameTooLarge: true, NameNotFound: true, NameMethodNotAllowed: true,
	NameUnavailable: true, NameTimeout: true, NameForbidden: true,
	"UNSUPPORTED": true, "INVALID_ARGUMENT": true, "NON_CANONICAL": true, "IDENTITY_POINT": true,
	"INVALID_POINT": true, "INVALID_SCALAR": true, "STALE_TIMEVALUE": true, "WRONG_DAY": true,
	"EXPIRED_PERMIT": true, "REPLAY": true, "LOCKED": true, "BAD_PIN": true, "NOT_A_CLIENT": true,
}

// fuzzHandler feeds body to an endpoint and checks the answer's shape.
func fuzzHandler(t *testing.T, hd http.Handler, path string, body []byte) {
	req := httptest.NewRequest(http.MethodPost, path, bytes.NewReader(body))
	w := httptest.NewRecorder()
	hd.ServeHTTP(w, req)
	var m map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &m); err != nil {
		t.Fatalf("%s: answer %q is not a JSON object", path, w.Body.Bytes())
	}
	if w.Code == http.StatusOK {
		return
	}
	name, _ := m["error"].(string)
	if !knownNames[name] {
		t.Fatalf("%s: %d with error %q", path, w.Code, name)
	}
}

// seeds returns valid bodies for the fuzzers: a pass 1 (plain and Full),
// a one-pass message and a register request.
func seeds(t testing.TB, f *fx) (p1, p1full, one []byte) {
	sess, _ := f.client.Pass1(rand.Reader, testPIN, f.permit)
	m := sess.Message()
	p1, _ = json.Marshal(Pass1Request{Suite: f.p.Name(), ID: h(m.ID), U: h(m.U), UT: h(m.UT), Day: m.Day})
	fs, _ := f.client.FullPass1(rand.Reader, testPIN, f.permit)
	fm := fs.Message()
	p1full, _ = json.Marshal(Pass1Request{Suite: f.p.Name(), ID: h(fm.ID), U: h(fm.U), UT: h(fm.UT), Day: fm.Day, KeyShare: h(fs.R())})
	op, _ := f.client.OnePass(rand.Reader, testPIN, f.permit, fixedNow.Unix(), []byte("m"))
	one, _ = json.Marshal(OnePassRequest{Suite: f.p.Name(), ID: h(op.ID), U: h(op.U), UT: h(op.UT), Day: op.Day, V: h(op.V), TimeValue: op.TimeValue, Message: h(op.Message)})
	return
}

func FuzzPass1(f *testing.F) {
	x := newFx(f, mpin.BN254CXMilagro, true, nil)
	p1, p1full, _ := seeds(f, x)
	f.Add(p1)
	f.Add(p1full)
	f.Add([]byte(`{"suite":"MPIN-BN254CX-SHA256-MILAGRO","id":"","u":"04"}`))
	f.Fuzz(func(t *testing.T, body []byte) { fuzzHandler(t, x.h, PathPass1, body) })
}

func FuzzPass2(f *testing.F) {
	x := newFx(f, mpin.BLS12381Modern, false, nil)
	// Open a few sessions whose IDs the seeds use.
	for range 3 {
		sess, r1 := x.pass1(f, testPIN, false)
		v, _ := sess.Pass2(unhexT(f, r1.Y))
		b, _ := json.Marshal(Pass2Request{Suite: x.p.Name(), Session: r1.Session, V: h(v)})
		f.Add(b)
		b, _ = json.Marshal(Pass2Request{Suite: x.p.Name(), Session: r1.Session, V: h(v[:len(v)-1])})
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, body []byte) { fuzzHandler(t, x.h, PathPass2, body) })
}

func FuzzOnePass(f *testing.F) {
	x := newFx(f, mpin.BLS12381Milagro, true, nil)
	_, _, one := seeds(f, x)
	f.Add(one)
	f.Add([]byte(`{"suite":"MPIN-BLS12381-SHA256-MILAGRO","id":"00","u":"04","v":"04","time_value":-1}`))
	f.Fuzz(func(t *testing.T, body []byte) { fuzzHandler(t, x.h, PathOnePass, body) })
}

func FuzzRegisterAndPermits(f *testing.F) {
	x := newFx(f, mpin.BN254CXModern, true, func(c *Config) {
		c.Authorities = []AuthorityConfig{{Name: "a", URL: "http://127.0.0.1:1", App: "app", Key: bytes.Repeat([]byte{1}, 32)}}
	})
	f.Add(false, []byte(`{"suite":"MPIN-BN254CX-SHA256-MODERN","id":"616c696365"}`))
	f.Add(true, []byte(`{"suite":"MPIN-BN254CX-SHA256-MODERN","id":"616c696365","first_day":20000,"last_day":20001}`))
	f.Fuzz(func(t *testing.T, permits bool, body []byte) {
		path := PathRegister
		if permits {
			path = PathTimePermits
		}
		fuzzHandler(t, x.h, path, body)
	})
}

// FuzzReadFrame checks that the echo frame parser never panics, never
// allocates more than a frame allows, and re-encodes what it accepts.
func FuzzReadFrame(f *testing.F) {
	f.Add(AppendFrame(nil, Frame{Type: FrameRequest, Payload: []byte("hi"), MAC: make([]byte, 32)}))
	f.Add(AppendFrame(nil, Frame{Type: FrameRefusal, Payload: []byte(RefuseBadMAC)}))
	f.Add([]byte{FrameReply, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		fr, err := ReadFrame(bytes.NewReader(b))
		if err != nil {
			if !errors.Is(err, ErrEchoProtocol) && !errors.Is(err, io.EOF) {
				t.Fatalf("error %v is neither EOF nor a protocol error", err)
			}
			return
		}
		if len(fr.Payload) > MaxEchoPayload {
			t.Fatalf("payload of %d bytes accepted", len(fr.Payload))
		}
		enc := AppendFrame(nil, fr)
		if !bytes.Equal(enc, b[:len(enc)]) {
			t.Fatalf("re-encoding %x differs from input %x", enc, b)
		}
	})
}

// pipeConn is an in-memory channel end for serveEcho.
type pipeConn struct {
	in  *bytes.Reader
	out bytes.Buffer
}

func (p *pipeConn) Read(b []byte) (int, error)      { return p.in.Read(b) }
func (p *pipeConn) Write(b []byte) (int, error)     { return p.out.Write(b) }
func (p *pipeConn) SetReadDeadline(time.Time) error { return nil }

// FuzzServeEcho runs the server side of the echo protocol on arbitrary
// client bytes: it never panics, and whatever it answers parses.
func FuzzServeEcho(f *testing.F) {
	var keys channel.Keys
	keys.Binding[0] = 1
	exp := make([]byte, 32)
	good := AppendFrame(nil, Frame{Type: FrameRequest, Payload: []byte("x"), MAC: EchoMAC(keys.Binding, channel.RoleClient, 0, exp, []byte("x"))})
	f.Add(good)
	f.Add(append(bytes.Clone(good), good...))
	f.Add([]byte{FrameRequest, 0x20, 0x00})
	f.Fuzz(func(t *testing.T, b []byte) {
		pc := &pipeConn{in: bytes.NewReader(b)}
		n, err := serveEcho(pc, &keys, exp, pc, time.Second)
		r := bytes.NewReader(pc.out.Bytes())
		replies := 0
		for {
			fr, rerr := ReadFrame(r)
			if rerr != nil {
				if !errors.Is(rerr, io.EOF) {
					t.Fatalf("the server wrote an unparsable frame: %v", rerr)
				}
				break
			}
			if fr.Type == FrameReply {
				replies++
			} else if err == nil {
				t.Fatal("refusal without an error")
			}
		}
		if replies != n {
			t.Fatalf("%d replies, %d counted", replies, n)
		}
	})
}
