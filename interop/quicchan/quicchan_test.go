package quicchan

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/quic-go/quic-go"

	"github.com/mpinkit/mpinkit/reference/channel"
)

// Network tests: real quic-go connections on 127.0.0.1, ephemeral UDP
// ports. None runs in parallel, so the goroutine count is meaningful.

func TestMain(m *testing.M) {
	// quic-go warns once on stderr when it cannot enlarge socket buffers.
	os.Setenv("QUIC_GO_DISABLE_RECEIVE_BUFFER_WARNING", "true")
	os.Exit(m.Run())
}

var modes = []Mode{ModePSK, ModeBinding}

// syncBuffer is a bytes.Buffer safe for the logger's concurrent writes.
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

// echoServer is a Listener whose accepted channels echo until EOF.
type echoServer struct {
	*Listener
	wg       sync.WaitGroup
	log      *syncBuffer
	accepted chan *Conn // every accepted server-side Conn, for inspection
}

func startEcho(t *testing.T, cfg ServerConfig) *echoServer {
	t.Helper()
	s := &echoServer{log: &syncBuffer{}, accepted: make(chan *Conn, 256)}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(s.log, nil))
	}
	l, err := Listen("127.0.0.1:0", cfg)
	if err != nil {
		t.Fatal(err)
	}
	s.Listener = l
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for {
			c, err := l.Accept(context.Background())
			if err != nil {
				return
			}
			s.accepted <- c
			s.wg.Add(1)
			go func() {
				defer s.wg.Done()
				_, _ = io.Copy(c, c)
				_ = c.CloseWrite()
				_ = c.Close()
			}()
		}
	}()
	t.Cleanup(s.stop)
	return s
}

func (s *echoServer) stop() {
	_ = s.Close()
	s.wg.Wait()
}

func dialT(t *testing.T, addr string, cfg ClientConfig) (*Conn, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return Dial(ctx, addr, cfg)
}

// echo sends msg, half-closes, reads the reply to EOF and closes.
func echo(c *Conn, msg []byte) error {
	defer c.Close()
	if err := c.SetDeadline(time.Now().Add(10 * time.Second)); err != nil {
		return err
	}
	if _, err := c.Write(msg); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	if err := c.CloseWrite(); err != nil {
		return fmt.Errorf("close write: %w", err)
	}
	got, err := io.ReadAll(c)
	if err != nil {
		return fmt.Errorf("read: %w", err)
	}
	if !bytes.Equal(got, msg) {
		return fmt.Errorf("echo returned %d bytes, sent %d", len(got), len(msg))
	}
	return nil
}

func closeCode(t *testing.T, qc *quic.Conn) (quic.ApplicationErrorCode, bool) {
	t.Helper()
	select {
	case <-qc.Context().Done():
	case <-time.After(10 * time.Second):
		t.Fatal("connection not closed")
	}
	var ae *quic.ApplicationError
	if errors.As(context.Cause(qc.Context()), &ae) {
		return ae.ErrorCode, true
	}
	return 0, false
}

func TestEchoRoundTrip(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode.String(), func(t *testing.T) {
			keys := randomKeys(t)
			s := startEcho(t, ServerConfig{Mode: mode, Lookup: lookupOf(keys)})
			var exporters [][]byte
			for i := range 2 {
				c, err := dialT(t, s.Addr().String(), ClientConfig{Mode: mode, Keys: keys})
				if err != nil {
					t.Fatal(err)
				}
				st := c.ConnectionState()
				if st.DidResume != (mode == ModePSK) || st.NegotiatedProtocol != mode.alpn() || st.CurveID == 0 {
					t.Fatalf("DidResume %t ALPN %q CurveID %v", st.DidResume, st.NegotiatedProtocol, st.CurveID)
				}
				if mode == ModePSK && len(st.PeerCertificates) == 1 && st.PeerCertificates[0].Subject.CommonName != pskServerName {
					t.Fatalf("PSK client saw a server certificate for %q", st.PeerCertificates[0].Subject.CommonName)
				}
				e, err := st.ExportKeyingMaterial("EXPORTER-test", nil, 32)
				if err != nil {
					t.Fatal(err)
				}
				exporters = append(exporters, e)
				msg := bytes.Repeat([]byte(fmt.Sprintf("round trip %d ", i)), 5000) // > one packet
				if err := echo(c, msg); err != nil {
					t.Fatal(err)
				}
				sc := <-s.accepted
				if !bytes.Equal(sc.Identity(), keys.Identity[:]) || sc.Mode() != mode {
					t.Fatalf("server side identity %x mode %s", sc.Identity(), sc.Mode())
				}
				if sst := sc.ConnectionState(); sst.DidResume != (mode == ModePSK) {
					t.Fatalf("server DidResume %t", sst.DidResume)
				}
			}
			if bytes.Equal(exporters[0], exporters[1]) {
				t.Fatal("two connections with the same keys share an exporter")
			}
		})
	}
}

func TestWrongKeyRejected(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode.String(), func(t *testing.T) {
			keys := randomKeys(t)
			s := startEcho(t, ServerConfig{Mode: mode, Lookup: lookupOf(keys)})
			wrong := keys
			wrong.PSK[0] ^= 1
			wrong.Binding[0] ^= 1
			c, err := dialT(t, s.Addr().String(), ClientConfig{Mode: mode, Keys: wrong})
			if err == nil {
				c.Close()
				t.Fatal("dial with a wrong key succeeded")
			}
			want := ErrHandshake
			if mode == ModeBinding {
				want = ErrBinding
			}
			if !errors.Is(err, want) {
				t.Fatalf("err = %v, want %v", err, want)
			}
			// The right key still works, and the failure logged no secret.
			c, err = dialT(t, s.Addr().String(), ClientConfig{Mode: mode, Keys: keys})
			if err != nil {
				t.Fatal(err)
			}
			if err := echo(c, []byte("after a failure")); err != nil {
				t.Fatal(err)
			}
			logs := s.log.String()
			for _, secret := range [][]byte{keys.PSK[:], keys.Binding[:], wrong.PSK[:], wrong.Binding[:]} {
				if strings.Contains(logs, hex.EncodeToString(secret)[:12]) {
					t.Fatalf("log shows a secret: %s", logs)
				}
			}
			if mode == ModeBinding && !strings.Contains(logs, "channel binding failed") {
				t.Fatalf("no log line for the refusal: %q", logs)
			}
		})
	}
}

func TestUnknownIdentityRejected(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode.String(), func(t *testing.T) {
			s := startEcho(t, ServerConfig{Mode: mode, Lookup: lookupOf(randomKeys(t))})
			stranger := randomKeys(t)
			c, err := dialT(t, s.Addr().String(), ClientConfig{Mode: mode, Keys: stranger})
			if err == nil {
				c.Close()
				t.Fatal("dial with an unknown identity succeeded")
			}
			want := ErrHandshake // PSK: the TLS handshake aborts in UnwrapSession
			if mode == ModeBinding {
				want = ErrUnknownIdentity
			}
			if !errors.Is(err, want) {
				t.Fatalf("err = %v, want %v", err, want)
			}
			if !strings.Contains(s.log.String(), "unknown PSK identity") {
				t.Fatalf("no log line: %q", s.log.String())
			}
		})
	}
}

func TestModeMismatchRejected(t *testing.T) {
	keys := randomKeys(t)
	for _, mode := range modes {
		other := ModeBinding
		if mode == ModeBinding {
			other = ModePSK
		}
		s := startEcho(t, ServerConfig{Mode: mode, Lookup: lookupOf(keys)})
		if c, err := dialT(t, s.Addr().String(), ClientConfig{Mode: other, Keys: keys}); !errors.Is(err, ErrHandshake) {
			if c != nil {
				c.Close()
			}
			t.Fatalf("%s client to %s server: err = %v, want %v", other, mode, err, ErrHandshake)
		}
	}
}

// rawBinding dials a binding-mode listener with quic-go directly, so the
// test can send any opening message.
func rawBinding(t *testing.T, addr string) *quic.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	qc, err := quic.DialAddr(ctx, addr, &tls.Config{
		MinVersion: tls.VersionTLS13, ServerName: bindingServerName,
		NextProtos: []string{ALPNBinding}, InsecureSkipVerify: true,
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { qc.CloseWithError(0, "") })
	return qc
}

func TestTamperedOpeningRejected(t *testing.T) {
	keys := randomKeys(t)
	s := startEcho(t, ServerConfig{Mode: ModeBinding, Lookup: lookupOf(keys), HandshakeTimeout: 2 * time.Second})
	for _, c := range []struct {
		name   string
		mutate func(msg []byte) []byte
		code   quic.ApplicationErrorCode
	}{
		{"flipped MAC bit", func(m []byte) []byte { m[len(m)-1] ^= 1; return m }, CodeBindingFailed},
		{"server-role MAC", nil, CodeBindingFailed},
		{"wrong version", func(m []byte) []byte { m[0] = 2; return m }, CodeProtocol},
		{"short message", func(m []byte) []byte { return m[:20] }, CodeProtocol},
		{"flipped identity bit", func(m []byte) []byte { m[1] ^= 1; return m }, CodeUnknownIdentity},
	} {
		t.Run(c.name, func(t *testing.T) {
			qc := rawBinding(t, s.Addr().String())
			ekm, err := exporter(qc)
			if err != nil {
				t.Fatal(err)
			}
			role := channel.RoleClient
			if c.mutate == nil {
				role = channel.RoleServer // reflect the server's own MAC
			}
			mac, err := channel.BindingMAC(keys.Binding, role, ekm)
			if err != nil {
				t.Fatal(err)
			}
			msg := append(append([]byte{openingVersion}, keys.Identity[:]...), mac[:]...)
			if c.mutate != nil {
				msg = c.mutate(msg)
			}
			st, err := qc.OpenStreamSync(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if _, err := st.Write(msg); err != nil {
				t.Fatal(err)
			}
			if c.name == "short message" {
				_ = st.Close() // FIN, so the server sees the truncation at once
			}
			code, ok := closeCode(t, qc)
			if !ok || code != c.code {
				t.Fatalf("closed with %#x (application error %t), want %#x", code, ok, c.code)
			}
		})
	}
}

// TestServerMACChecked runs Dial against fake servers that answer the
// opening message with a bad MAC.
func TestServerMACChecked(t *testing.T) {
	keys := randomKeys(t)
	cert, key, err := selfSigned(bindingServerName, time.Now(), time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		reply func(clientMAC, goodMAC []byte) []byte
		want  error
	}{
		{"flipped bit", func(_, good []byte) []byte { b := bytes.Clone(good); b[0] ^= 0x40; return b }, ErrBinding},
		{"client MAC reflected", func(cm, _ []byte) []byte { return cm }, ErrBinding},
		{"short", func(_, good []byte) []byte { return good[:31] }, ErrProtocol},
	} {
		t.Run(c.name, func(t *testing.T) {
			ln, err := quic.ListenAddr("127.0.0.1:0", &tls.Config{
				MinVersion: tls.VersionTLS13, NextProtos: []string{ALPNBinding},
				Certificates: []tls.Certificate{{Certificate: [][]byte{cert.Raw}, PrivateKey: key}},
			}, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer ln.Close()
			codes := make(chan quic.ApplicationErrorCode, 1)
			go func() {
				ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				defer cancel()
				qc, err := ln.Accept(ctx)
				if err != nil {
					codes <- 0xffff
					return
				}
				defer qc.CloseWithError(0, "")
				st, err := qc.AcceptStream(ctx)
				if err != nil {
					codes <- 0xffff
					return
				}
				var open [bindingOpeningSize]byte
				if _, err := io.ReadFull(st, open[:]); err != nil {
					codes <- 0xffff
					return
				}
				ekm, _ := exporter(qc)
				good, _ := channel.BindingMAC(keys.Binding, channel.RoleServer, ekm)
				_, _ = st.Write(c.reply(open[1+channel.IdentitySize:], good[:]))
				_ = st.Close()
				code, _ := closeCode(t, qc)
				codes <- code
			}()
			conn, err := dialT(t, ln.Addr().String(), ClientConfig{Mode: ModeBinding, Keys: keys})
			if err == nil {
				conn.Close()
				t.Fatal("dial accepted a bad server MAC")
			}
			if !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
			wantCode := CodeBindingFailed
			if c.want == ErrProtocol {
				wantCode = CodeProtocol
			}
			if got := <-codes; got != wantCode {
				t.Fatalf("client closed with %#x, want %#x", got, wantCode)
			}
		})
	}
}

func TestOpeningTimeout(t *testing.T) {
	keys := randomKeys(t)
	s := startEcho(t, ServerConfig{Mode: ModeBinding, Lookup: lookupOf(keys), HandshakeTimeout: 300 * time.Millisecond})
	qc := rawBinding(t, s.Addr().String()) // handshakes, never opens a stream
	start := time.Now()
	code, ok := closeCode(t, qc)
	if !ok || code != CodeProtocol {
		t.Fatalf("closed with %#x (application error %t), want %#x", code, ok, CodeProtocol)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("closed after %v", d)
	}
}

func TestConcurrentClients(t *testing.T) {
	const n = 20
	for _, mode := range modes {
		t.Run(mode.String(), func(t *testing.T) {
			all := make([]channel.Keys, n)
			for i := range all {
				all[i] = randomKeys(t)
			}
			s := startEcho(t, ServerConfig{Mode: mode, Lookup: lookupOf(all...)})
			errs := make(chan error, n)
			var wg sync.WaitGroup
			for i := range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
					defer cancel()
					c, err := Dial(ctx, s.Addr().String(), ClientConfig{Mode: mode, Keys: all[i]})
					if err != nil {
						errs <- fmt.Errorf("client %d: %w", i, err)
						return
					}
					msg := bytes.Repeat([]byte{byte(i)}, 3000+i)
					if err := echo(c, msg); err != nil {
						errs <- fmt.Errorf("client %d: %w", i, err)
					}
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Error(err)
			}
		})
	}
}

func TestMaxPending(t *testing.T) {
	keys := randomKeys(t)
	// Nobody reads or closes the far ends here, so Close waits out Linger.
	const linger = 50 * time.Millisecond
	// A short handshake timeout, so that a stray connection (see the third
	// dial) gives its slot back soon. It is idle time, and ample on
	// loopback even on a loaded machine; the first dial retries anyway.
	const handshakeTimeout = time.Second
	l, err := Listen("127.0.0.1:0", ServerConfig{Mode: ModeBinding, Lookup: lookupOf(keys), MaxPending: 1, Linger: linger, HandshakeTimeout: handshakeTimeout})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	// A failed channel frees its slot.
	wrong := keys
	wrong.Binding[3] ^= 1
	if _, err := dialT(t, l.Addr().String(), ClientConfig{Mode: ModeBinding, Keys: wrong, Linger: linger}); !errors.Is(err, ErrBinding) {
		t.Fatalf("wrong key: %v", err)
	}
	var first *Conn
	for try := 0; ; try++ { // the server may not have seen the close yet
		first, err = dialT(t, l.Addr().String(), ClientConfig{Mode: ModeBinding, Keys: keys, Linger: linger})
		if err == nil || try == 50 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	// first is queued for Accept and holds the only slot.
	if c, err := dialT(t, l.Addr().String(), ClientConfig{Mode: ModeBinding, Keys: keys, Linger: linger}); !errors.Is(err, ErrHandshake) {
		if c != nil {
			c.Close()
		}
		t.Fatalf("second dial: err = %v, want %v", err, ErrHandshake)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	sc, err := l.Accept(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer sc.Close()
	// The refused second dial's ClientHello spans two Initial datagrams
	// (X25519MLKEM768 makes it larger than one), and quic-go runs
	// ConnContext for each datagram of a connection it does not know, the
	// refused one included. If the second datagram is processed only after
	// Accept freed the slot, it is admitted as a new connection that can
	// never complete and holds the slot until its handshake idle timeout.
	// So the third dial may be refused for up to handshakeTimeout; it is
	// retried past that. Without Accept freeing first's slot it would never
	// succeed (first is queued, not in handshake, and never times out), so
	// the retry does not weaken the check.
	var third *Conn
	retryUntil := time.Now().Add(3 * handshakeTimeout)
	for {
		third, err = dialT(t, l.Addr().String(), ClientConfig{Mode: ModeBinding, Keys: keys, Linger: linger})
		if err == nil || !errors.Is(err, ErrHandshake) || time.Now().After(retryUntil) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("after Accept freed the slot: %v", err)
	}
	third.Close()
}

func TestAcceptAndDialBounded(t *testing.T) {
	keys := randomKeys(t)
	l, err := Listen("127.0.0.1:0", ServerConfig{Mode: ModePSK, Lookup: lookupOf(keys)})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := l.Accept(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Accept: err = %v, want deadline exceeded", err)
	}
	// Close unblocks a waiting Accept, and later ones fail at once.
	done := make(chan error, 1)
	go func() {
		_, err := l.Accept(context.Background())
		done <- err
	}()
	time.Sleep(20 * time.Millisecond)
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; !errors.Is(err, ErrClosed) {
		t.Fatalf("Accept during Close: %v", err)
	}
	if _, err := l.Accept(context.Background()); !errors.Is(err, ErrClosed) {
		t.Fatalf("Accept after Close: %v", err)
	}
	if err := l.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	// Nobody listens there now: Dial gives up at its deadline.
	start := time.Now()
	_, err = Dial(context.Background(), l.Addr().String(),
		ClientConfig{Mode: ModePSK, Keys: keys, HandshakeTimeout: 300 * time.Millisecond})
	if !errors.Is(err, ErrHandshake) {
		t.Fatalf("Dial to a closed port: %v", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Fatalf("Dial took %v", d)
	}
}

func TestConfigErrors(t *testing.T) {
	keys := randomKeys(t)
	for _, cfg := range []ServerConfig{
		{Mode: ModePSK},
		{Mode: 0, Lookup: lookupOf(keys)},
		{Mode: 3, Lookup: lookupOf(keys)},
		{Mode: ModeBinding, Lookup: lookupOf(keys), HandshakeTimeout: -1},
	} {
		if _, err := Listen("127.0.0.1:0", cfg); !errors.Is(err, ErrConfig) {
			t.Errorf("Listen(%+v): %v", cfg, err)
		}
	}
	if _, err := Listen("not an address", ServerConfig{Mode: ModePSK, Lookup: lookupOf(keys)}); err == nil {
		t.Error("Listen on a bad address succeeded")
	}
	ctx := context.Background()
	for _, cfg := range []ClientConfig{
		{Mode: ModePSK},
		{Mode: 7, Keys: keys},
		{Mode: ModeBinding, Keys: keys, Linger: -time.Second},
	} {
		if _, err := Dial(ctx, "127.0.0.1:1", cfg); !errors.Is(err, ErrConfig) {
			t.Errorf("Dial(mode %s): %v", cfg.Mode, err)
		}
	}
	if _, err := Dial(ctx, "127.0.0.1", ClientConfig{Mode: ModePSK, Keys: keys}); !errors.Is(err, ErrConfig) {
		t.Errorf("Dial without a port: %v", err)
	}
}

// TestCleanShutdown closes a listener with channels in every state (done,
// open on both sides, dialled but not accepted) and checks that the open
// ones see CodeShutdown and that no goroutine outlives it all.
func TestCleanShutdown(t *testing.T) {
	settle := func() int {
		time.Sleep(50 * time.Millisecond)
		return runtime.NumGoroutine()
	}
	before := settle()
	for _, mode := range modes {
		keys := randomKeys(t)
		l, err := Listen("127.0.0.1:0", ServerConfig{Mode: mode, Lookup: lookupOf(keys)})
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		acceptedOpen := make(chan *Conn, 1)
		wg.Add(1)
		go func() { // accept three: two echo, one is held open
			defer wg.Done()
			for i := range 3 {
				c, err := l.Accept(context.Background())
				if err != nil {
					return
				}
				if i == 2 {
					acceptedOpen <- c
					continue
				}
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, _ = io.Copy(c, c)
					_ = c.CloseWrite()
					_ = c.Close()
				}()
			}
		}()
		for range 2 {
			c, err := dialT(t, l.Addr().String(), ClientConfig{Mode: mode, Keys: keys})
			if err != nil {
				t.Fatal(err)
			}
			if err := echo(c, []byte("done")); err != nil {
				t.Fatal(err)
			}
		}
		open, err := dialT(t, l.Addr().String(), ClientConfig{Mode: mode, Keys: keys})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := open.Write([]byte("x")); err != nil {
			t.Fatal(err)
		}
		serverOpen := <-acceptedOpen
		pending, err := dialT(t, l.Addr().String(), ClientConfig{Mode: mode, Keys: keys}) // never accepted
		if err != nil {
			t.Fatal(err)
		}
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
		wg.Wait()
		// The accepted channel is closed with CodeShutdown. The one not
		// accepted may still have been in quic-go's handshake queue, which
		// refuses it with a transport error instead; either way it ends.
		for _, c := range []*Conn{open, pending} {
			_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
			_, err := c.Read(make([]byte, 1))
			var ae *quic.ApplicationError
			var te *quic.TransportError
			switch {
			case errors.As(err, &ae) && ae.ErrorCode == CodeShutdown:
			case c == pending && errors.As(err, &te) && te.ErrorCode == quic.ConnectionRefused:
			default:
				t.Errorf("%s: client read after shutdown: %v, want code %#x", mode, err, CodeShutdown)
			}
			_ = c.Close()
		}
		_ = serverOpen.Close()
	}
	deadline := time.Now().Add(5 * time.Second)
	after := settle()
	for after > before && time.Now().Before(deadline) {
		after = settle()
	}
	if after > before {
		buf := make([]byte, 1<<20)
		t.Fatalf("goroutines: %d before, %d after shutdown\n%s", before, after, buf[:runtime.Stack(buf, true)])
	}
}

// TestShutdownPendingChannels closes a listener right after several
// channels were dialled, none accepted, so that Close meets them in every
// stage of the server's set-up: in quic-go's accept queue, waiting for the
// opening message, queued for Accept. Each must end promptly with
// CodeShutdown, or CONNECTION_REFUSED if the server's side of the
// handshake was still running; never with CodeProtocol (the opening
// exchange cut short by the shutdown is no protocol violation) and never
// silently, leaving the client to its idle timeout.
func TestShutdownPendingChannels(t *testing.T) {
	const n = 8
	for _, mode := range modes {
		keys := randomKeys(t)
		l, err := Listen("127.0.0.1:0", ServerConfig{Mode: mode, Lookup: lookupOf(keys)})
		if err != nil {
			t.Fatal(err)
		}
		conns := make([]*Conn, n)
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				conns[i], errs[i] = dialT(t, l.Addr().String(), ClientConfig{Mode: mode, Keys: keys})
			})
		}
		wg.Wait()
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
		for i, c := range conns {
			if errs[i] != nil {
				t.Fatalf("%s: dial %d: %v", mode, i, errs[i])
			}
			// 5 s is far beyond a CONNECTION_CLOSE on loopback, and far
			// below the 30 s idle timeout a silent drop would cost.
			_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
			_, err := c.Read(make([]byte, 1))
			var ae *quic.ApplicationError
			var te *quic.TransportError
			switch {
			case errors.As(err, &ae) && ae.ErrorCode == CodeShutdown:
			case errors.As(err, &te) && te.ErrorCode == quic.ConnectionRefused:
			default:
				t.Errorf("%s: channel %d: read after shutdown: %v, want code %#x", mode, i, err, CodeShutdown)
			}
			_ = c.Close()
		}
	}
}
