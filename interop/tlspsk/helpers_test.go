package tlspsk

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"sync"
	"testing"
	"time"
)

// nopConn is a net.Conn that does nothing; embed it and override.
type nopConn struct{}

func (nopConn) Read([]byte) (int, error)         { return 0, io.EOF }
func (nopConn) Write(b []byte) (int, error)      { return len(b), nil }
func (nopConn) Close() error                     { return nil }
func (nopConn) LocalAddr() net.Addr              { return &net.TCPAddr{} }
func (nopConn) RemoteAddr() net.Addr             { return &net.TCPAddr{} }
func (nopConn) SetDeadline(time.Time) error      { return nil }
func (nopConn) SetReadDeadline(time.Time) error  { return nil }
func (nopConn) SetWriteDeadline(time.Time) error { return nil }

var testPSK = bytes.Repeat([]byte{0x42}, 32)

const testIdentity = "client-7f3a"

// detRand is a deterministic reader for reproducible tests.
type detRand struct{ r *rand.ChaCha8 }

func newDetRand(seed byte) *detRand {
	var s [32]byte
	s[0] = seed
	return &detRand{r: rand.NewChaCha8(s)}
}

func (d *detRand) Read(p []byte) (int, error) { return d.r.Read(p) }

func clientConfig() *Config {
	return &Config{PSK: testPSK, Identity: []byte(testIdentity)}
}

func serverConfig() *Config {
	return &Config{PSK: testPSK, Identity: []byte(testIdentity)}
}

const testTimeout = 5 * time.Second

// pair runs a handshake between a client and a server over net.Pipe and
// returns both connections and both handshake errors.
func pair(t *testing.T, ccfg, scfg *Config) (cli, srv *Conn, cerr, serr error) {
	t.Helper()
	a, b := tcpPipe(t)
	cli, srv = Client(a, ccfg), Server(b, scfg)
	t.Cleanup(func() { _ = cli.Close(); _ = srv.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- srv.Handshake(ctx) }()
	cerr = cli.Handshake(ctx)
	if cerr != nil {
		// The server may be blocked writing an answer nobody reads.
		_ = a.Close()
	}
	serr = <-done
	return cli, srv, cerr, serr
}

// tcpPipe returns the two ends of a loopback TCP connection. Unlike
// net.Pipe it buffers, as real peers do, so one side may write while the
// other is not reading.
func tcpPipe(t *testing.T) (net.Conn, net.Conn) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	type res struct {
		c   net.Conn
		err error
	}
	ch := make(chan res, 1)
	go func() {
		c, err := ln.Accept()
		ch <- res{c, err}
	}()
	a, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	r := <-ch
	if r.err != nil {
		t.Fatal(r.err)
	}
	t.Cleanup(func() { _ = a.Close(); _ = r.c.Close() })
	return a, r.c
}

// mustPair is pair that requires both handshakes to succeed.
func mustPair(t *testing.T, ccfg, scfg *Config) (cli, srv *Conn) {
	t.Helper()
	cli, srv, cerr, serr := pair(t, ccfg, scfg)
	if cerr != nil || serr != nil {
		t.Fatalf("handshake: client %v, server %v", cerr, serr)
	}
	return cli, srv
}

// exchange sends msg from a to b and checks it arrives intact.
func exchange(t *testing.T, a, b *Conn, msg []byte) {
	t.Helper()
	errc := make(chan error, 1)
	go func() {
		_, err := a.Write(msg)
		errc <- err
	}()
	got := make([]byte, len(msg))
	if _, err := io.ReadFull(b, got); err != nil {
		t.Fatalf("read: %v", err)
	}
	if err := <-errc; err != nil {
		t.Fatalf("write: %v", err)
	}
	if !bytes.Equal(got, msg) {
		t.Fatalf("data mismatch")
	}
}

// wantAlert checks err is an *AlertError with the given alert and origin,
// and that it wraps base (when base is not nil).
func wantAlert(t *testing.T, who string, err error, a Alert, remote bool, base error) {
	t.Helper()
	var ae *AlertError
	if !errors.As(err, &ae) {
		t.Fatalf("%s: error %v (%T), want alert %v", who, err, err, a)
	}
	if ae.Alert != a || ae.Remote != remote {
		t.Fatalf("%s: alert %v remote=%v, want %v remote=%v (%v)", who, ae.Alert, ae.Remote, a, remote, err)
	}
	if base != nil && !errors.Is(err, base) {
		t.Fatalf("%s: %v does not wrap %v", who, err, base)
	}
}

// hookConn wraps a net.Conn and lets a test rewrite what one side writes.
type hookConn struct {
	net.Conn
	mu      sync.Mutex
	writes  int
	onWrite func(n int, b []byte) []byte
}

func (h *hookConn) Write(b []byte) (int, error) {
	h.mu.Lock()
	n := h.writes
	h.writes++
	f := h.onWrite
	h.mu.Unlock()
	out := b
	if f != nil {
		out = f(n, append([]byte(nil), b...))
	}
	if _, err := h.Conn.Write(out); err != nil {
		return 0, err
	}
	return len(b), nil
}

// rawRecord frames data as one plaintext record.
func rawRecord(typ uint8, data []byte) []byte {
	return append([]byte{typ, 3, 3, byte(len(data) >> 8), byte(len(data))}, data...)
}

// readRawRecord reads one record from a raw connection.
func readRawRecord(r io.Reader) (uint8, []byte, error) {
	var hdr [5]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return 0, nil, err
	}
	body := make([]byte, int(hdr[3])<<8|int(hdr[4]))
	if _, err := io.ReadFull(r, body); err != nil {
		return 0, nil, err
	}
	return hdr[0], body, nil
}

// Pseudo alerts returned by readRawAlert.
const (
	alertProtected Alert = 254 // a protected record came first
	alertNone      Alert = 255 // the stream ended without an alert
)

// readRawAlert reads plaintext records until an alert and returns its
// description.
func readRawAlert(r io.Reader) Alert {
	for {
		typ, body, err := readRawRecord(r)
		if err != nil {
			return alertNone
		}
		switch {
		case typ == recordApplicationData:
			return alertProtected
		case typ == recordAlert && len(body) == 2:
			return Alert(body[1])
		}
	}
}

// sealRecord protects inner (content || type || padding) with the write keys
// of c, as c would, and returns the record; used to craft invalid records.
func sealRecord(c *Conn, inner []byte) []byte {
	total := len(inner) + c.outHalf.aead.Overhead()
	hdr := []byte{recordApplicationData, 3, 3, byte(total >> 8), byte(total)}
	out := c.outHalf.aead.Seal(hdr, c.outHalf.nonce(), inner, hdr)
	c.outHalf.seq++
	return out
}
