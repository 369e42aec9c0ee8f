package client

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mpinkit/mpinkit/interop/quicchan"
	"github.com/mpinkit/mpinkit/interop/server"
	"github.com/mpinkit/mpinkit/interop/tlspsk"
	"github.com/mpinkit/mpinkit/reference/channel"
	"github.com/mpinkit/mpinkit/reference/mpin"
)

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

// stack is three authorities, a server on loopback and a client.
type stack struct {
	srv      *server.Server
	c        *Client
	logs     *syncBuffer
	outcomes chan server.Outcome
	stop     func() // cancels and waits for everything to stop
}

func startStack(t testing.TB, suite string, mod func(*server.Config)) *stack {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	logs := &syncBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	auths, err := server.StartLocalAuthorities(ctx, suite, 3, logger)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	st := &stack{logs: logs, outcomes: make(chan server.Outcome, 256)}
	cfg := server.Config{
		Suite: suite, Authorities: auths.Configs, Logger: logger,
		OnOutcome: func(o server.Outcome) {
			select {
			case st.outcomes <- o:
			default:
			}
		},
	}
	if mod != nil {
		mod(&cfg)
	}
	srv, err := server.New(ctx, cfg)
	if err == nil {
		err = srv.Listen(server.LoopbackAddrs)
	}
	if err != nil {
		cancel()
		_ = auths.Wait()
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx) }()
	var once sync.Once
	st.stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Serve: %v", err)
			}
			if err := auths.Wait(); err != nil {
				t.Errorf("authorities: %v", err)
			}
		})
	}
	t.Cleanup(st.stop)
	st.srv = srv
	st.c = &Client{URL: srv.URL(), HTTP: &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{}}}
	return st
}

// waitLog waits up to 10 s for n log lines containing line.
func (st *stack) waitLog(line string, n int) bool {
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if strings.Count(st.logs.String(), line) >= n {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
	}
}

func (st *stack) outcome(t *testing.T) server.Outcome {
	t.Helper()
	select {
	case o := <-st.outcomes:
		return o
	case <-time.After(10 * time.Second):
		t.Fatal("no outcome")
		return server.Outcome{}
	}
}

const pin = 1357

// TestEndToEnd runs, in every suite, over 127.0.0.1: registration with
// three authorities, two-pass and one-pass logins, a wrong PIN (reported
// to the server with its delta), an M-Pin Full login, and an echo over
// each channel kind.
func TestEndToEnd(t *testing.T) {
	ctx := context.Background()
	for _, p := range mpin.Profiles() {
		t.Run(p.Name(), func(t *testing.T) {
			st := startStack(t, p.Name(), nil)
			id := []byte("user-" + p.Name())
			cr, err := st.c.Register(ctx, p.Name(), id, pin)
			if err != nil {
				t.Fatal(err)
			}
			for _, mode := range []Mode{TwoPass, OnePass} {
				if _, err := st.c.Login(ctx, cr, pin, mode); err != nil {
					t.Fatalf("%s: %v", mode, err)
				}
				if o := st.outcome(t); o.Result != "OK" {
					t.Fatalf("%s outcome %+v", mode, o)
				}
			}
			_, err = st.c.Login(ctx, cr, pin+25, TwoPass)
			if !errors.Is(err, server.ErrBadPIN) {
				t.Fatalf("wrong PIN: %v", err)
			}
			if o := st.outcome(t); o.Result != "BAD_PIN" || o.Delta != 25 || !bytes.Equal(o.ID, id) {
				t.Fatalf("wrong PIN outcome %+v", o)
			}
			if strings.Contains(err.Error(), "25") {
				t.Errorf("the client was told the PIN error: %v", err)
			}
			l, err := st.c.Login(ctx, cr, pin, Full)
			if err != nil {
				t.Fatal(err)
			}
			if len(l.Key) != mpin.KeySize || l.Channels.TLSPSK == "" {
				t.Fatalf("login %+v", l)
			}
			for _, k := range Kinds {
				ch, err := l.Open(ctx, k)
				if err != nil {
					t.Fatalf("%s: %v", k, err)
				}
				for _, msg := range [][]byte{[]byte("hello"), {}, bytes.Repeat([]byte{0xa5}, server.MaxEchoPayload)} {
					if err := ch.Echo(msg); err != nil {
						t.Fatalf("%s echo of %d bytes: %v", k, len(msg), err)
					}
				}
				if err := ch.Close(); err != nil {
					t.Fatalf("%s close: %v", k, err)
				}
			}
			// Channels of a two-pass login do not exist.
			l2, _ := st.c.Login(ctx, cr, pin, TwoPass)
			if _, err := l2.Open(ctx, TLSPSK); !errors.Is(err, ErrNoChannel) {
				t.Fatalf("channel without M-Pin Full: %v", err)
			}
			logs := st.logs.String()
			for _, secret := range [][]byte{cr.Token, l.Key, l.Keys.PSK[:], l.Keys.Binding[:]} {
				if strings.Contains(logs, hexs(secret)) {
					t.Fatal("a secret was logged")
				}
			}
			if !st.waitLog("channel closed", len(Kinds)) {
				t.Error("no log line for the channels")
			}
		})
	}
}

func hexs(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 2*len(b))
	for _, c := range b {
		out = append(out, digits[c>>4], digits[c&15])
	}
	return string(out)
}

func TestTimePermits(t *testing.T) {
	ctx := context.Background()
	suite := mpin.BN254CXModern
	st := startStack(t, suite, func(c *server.Config) { c.TimePermits = true })
	cr, err := st.c.Register(ctx, suite, []byte("permit user"), pin)
	if err != nil {
		t.Fatal(err)
	}
	today := int(time.Now().Unix() / 86400)
	if len(cr.Permits) != 1 || cr.Permits[today] == nil {
		t.Fatalf("permits after registration: %v", cr.Permits)
	}
	l, err := st.c.Login(ctx, cr, pin, Full)
	if err != nil {
		t.Fatal(err)
	}
	ch, err := l.Open(ctx, TLSPSK)
	if err != nil {
		t.Fatal(err)
	}
	if err := ch.Echo([]byte("with a permit")); err != nil {
		t.Fatal(err)
	}
	ch.Close()
	if _, err := st.c.Login(ctx, cr, pin, OnePass); err != nil {
		t.Fatalf("one-pass with a permit: %v", err)
	}
	// Tomorrow's permit is also issued; the day after is not.
	if err := st.c.FetchPermits(ctx, cr, today, today+1); err != nil {
		t.Fatal(err)
	}
	if err := st.c.FetchPermits(ctx, cr, today, today+2); err == nil || !strings.Contains(err.Error(), "WRONG_DAY") {
		t.Fatalf("permit two days ahead: %v", err)
	}
	// Without the permit the server refuses.
	bare := &Credential{Suite: suite, ID: cr.ID, Token: cr.Token}
	if _, err := st.c.Login(ctx, bare, pin, TwoPass); !errors.Is(err, server.ErrExpiredPermit) {
		t.Fatalf("login without a permit: %v", err)
	}
}

func TestLockoutAndReregistration(t *testing.T) {
	ctx := context.Background()
	suite := mpin.BN254CXMilagro
	st := startStack(t, suite, nil)
	id := []byte("locked out")
	cr, err := st.c.Register(ctx, suite, id, pin)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= server.DefaultMaxPINFailures; i++ {
		if _, err := st.c.Login(ctx, cr, pin+i, TwoPass); !errors.Is(err, server.ErrBadPIN) {
			t.Fatalf("attempt %d: %v", i, err)
		}
	}
	if _, err := st.c.Login(ctx, cr, pin, Full); !errors.Is(err, server.ErrLocked) {
		t.Fatalf("right PIN after lockout: %v", err)
	}
	if _, err := st.c.Login(ctx, cr, pin, OnePass); !errors.Is(err, server.ErrLocked) {
		t.Fatalf("one-pass after lockout: %v", err)
	}
	cr, err = st.c.Register(ctx, suite, id, pin)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.c.Login(ctx, cr, pin, TwoPass); err != nil {
		t.Fatalf("after re-registration: %v", err)
	}
}

// TestChannelRefusals checks that channels keyed by anything but a fresh
// login's keys are refused, each with a log line.
func TestChannelRefusals(t *testing.T) {
	ctx := context.Background()
	suite := mpin.BN254CXMilagro
	var now struct {
		sync.Mutex
		off time.Duration
	}
	st := startStack(t, suite, func(c *server.Config) {
		c.HandshakeTimeout = 5 * time.Second
		c.Now = func() time.Time {
			now.Lock()
			defer now.Unlock()
			return time.Now().Add(now.off)
		}
	})
	cr, err := st.c.Register(ctx, suite, []byte("channel user"), pin)
	if err != nil {
		t.Fatal(err)
	}
	l, err := st.c.Login(ctx, cr, pin, Full)
	if err != nil {
		t.Fatal(err)
	}
	a := st.srv.Addrs()
	var random channel.Keys
	rand.Read(random.PSK[:])
	rand.Read(random.Identity[:])
	rand.Read(random.Binding[:])

	// TLS-PSK: unknown identity, then the right identity with a wrong PSK.
	_, err = OpenTLS(ctx, a.TLSPSK, random, nil)
	var ae *tlspsk.AlertError
	if !errors.As(err, &ae) || !ae.Remote || ae.Alert != tlspsk.AlertUnknownPSKIdentity {
		t.Fatalf("unknown identity over TLS: %v", err)
	}
	wrongPSK := l.Keys
	wrongPSK.PSK = random.PSK
	if _, err = OpenTLS(ctx, a.TLSPSK, wrongPSK, nil); !errors.As(err, &ae) || ae.Alert != tlspsk.AlertDecryptError {
		t.Fatalf("wrong PSK over TLS: %v", err)
	}
	// The right PSK but another binding key: the echo MAC fails.
	wrongBinding := l.Keys
	wrongBinding.Binding = random.Binding
	ch, err := OpenTLS(ctx, a.TLSPSK, wrongBinding, nil)
	if err != nil {
		t.Fatal(err)
	}
	var re *server.RefusedError
	if err := ch.Echo([]byte("x")); !errors.As(err, &re) || re.Name != server.RefuseBadMAC {
		t.Fatalf("wrong binding key: %v", err)
	}
	ch.Close()
	// A deliberately wrong binder from the TLS stack's fault options.
	_, err = OpenTLS(ctx, a.TLSPSK, l.Keys, func(c *tlspsk.Config) { c.Faults = tlspsk.FaultWrongBinder })
	if !errors.As(err, &ae) || ae.Alert != tlspsk.AlertDecryptError {
		t.Fatalf("wrong binder: %v", err)
	}

	// QUIC: unknown identity in both modes.
	if _, err := OpenQUIC(ctx, a.QUICPSK, quicchan.ModePSK, random); !errors.Is(err, quicchan.ErrHandshake) {
		t.Fatalf("unknown identity over QUIC-PSK: %v", err)
	}
	if _, err := OpenQUIC(ctx, a.QUICBinding, quicchan.ModeBinding, random); !errors.Is(err, quicchan.ErrUnknownIdentity) {
		t.Fatalf("unknown identity over QUIC-binding: %v", err)
	}
	// The keys work until they expire.
	ch, err = l.Open(ctx, QUICBinding)
	if err != nil {
		t.Fatal(err)
	}
	if err := ch.Echo([]byte("ok")); err != nil {
		t.Fatal(err)
	}
	ch.Close()
	now.Lock()
	now.off = server.DefaultChannelTTL + time.Second
	now.Unlock()
	if _, err := l.Open(ctx, TLSPSK); !errors.As(err, &ae) || ae.Alert != tlspsk.AlertUnknownPSKIdentity {
		t.Fatalf("expired keys over TLS: %v", err)
	}
	// The server logs after it has answered, so wait for the lines.
	for _, want := range []struct {
		line string
		n    int
	}{{"server: channel refused", 4}, {"server: channel failed", 1}, {"quicchan: unknown PSK identity", 1}, {"quicchan: channel refused", 1}} {
		if !st.waitLog(want.line, want.n) {
			t.Errorf("fewer than %d log lines %q:\n%s", want.n, want.line, st.logs.String())
		}
	}
}

// TestShutdownLeavesNothing runs the whole flow, shuts everything down and
// checks that no goroutine is left behind.
func TestShutdownLeavesNothing(t *testing.T) {
	ctx := context.Background()
	// Warm up process-wide lazies (the QUIC self-test, DNS, ...).
	if err := quicchan.SelfTest(); err != nil {
		t.Fatal(err)
	}
	before := runtime.NumGoroutine()
	st := startStack(t, mpin.BN254CXMilagro, func(c *server.Config) { c.ShutdownTimeout = time.Second })
	cr, err := st.c.Register(ctx, mpin.BN254CXMilagro, []byte("leak check"), pin)
	if err != nil {
		t.Fatal(err)
	}
	l, err := st.c.Login(ctx, cr, pin, Full)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range Kinds {
		ch, err := l.Open(ctx, k)
		if err != nil {
			t.Fatal(err)
		}
		if err := ch.Echo([]byte("x")); err != nil {
			t.Fatal(err)
		}
		ch.Close()
	}
	// One channel left open across the shutdown.
	open, err := l.Open(ctx, TLSPSK)
	if err != nil {
		t.Fatal(err)
	}
	st.c.HTTP.CloseIdleConnections()
	done := make(chan struct{})
	go func() {
		st.stop()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("shutdown hangs")
	}
	open.Close()
	checkGoroutines(t, before)
}

func checkGoroutines(t *testing.T, before int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		n := runtime.NumGoroutine()
		if n <= before {
			return
		}
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			buf = buf[:runtime.Stack(buf, true)]
			t.Fatalf("%d goroutines, %d before:\n%s", n, before, buf)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestDemo(t *testing.T) {
	var out bytes.Buffer
	if err := RunDemo(context.Background(), &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, want := range []string{"registered", "BAD_PIN", "delta = +7", "M-Pin Full login: OK", "tls-psk channel", "quic-psk channel", "quic-binding channel", "all steps passed"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("demo output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestCredentialFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cred.json")
	cr := &Credential{Suite: mpin.BN254CXMilagro, ID: []byte("x"), Permits: map[int][]byte{}}
	p, _ := mpin.Lookup(cr.Suite)
	ms, _ := p.MasterShareFromSeed(bytes.Repeat([]byte{1}, 32))
	hid, _ := p.HashID(cr.ID)
	cs, _ := p.ClientSecretShare(ms, hid)
	cr.Token, _ = p.ExtractPIN(cs, cr.ID, 1)
	cr.Permits[20000] = cs
	if err := SaveCredential(path, "http://srv", cr); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(path)
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode().Perm())
	}
	got, url, err := LoadCredential(path)
	if err != nil {
		t.Fatal(err)
	}
	if url != "http://srv" || !bytes.Equal(got.Token, cr.Token) || !bytes.Equal(got.Permits[20000], cs) {
		t.Fatalf("round trip: %v %s", got, url)
	}
	if strings.Contains(got.String(), hexs(cr.Token)) {
		t.Error("Credential prints its token")
	}
}

func TestAuthorityDown(t *testing.T) {
	_, err := server.New(context.Background(), server.Config{
		Suite:       mpin.BN254CXMilagro,
		Authorities: []server.AuthorityConfig{{Name: "gone", URL: "http://127.0.0.1:1", App: "a", Key: bytes.Repeat([]byte{1}, 32)}},
	})
	if err == nil || !strings.Contains(err.Error(), "gone") {
		t.Fatalf("server with an unreachable authority: %v", err)
	}
}
