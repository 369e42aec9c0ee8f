package quicchan

import (
	"context"
	"crypto/tls"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/quic-go/quic-go"
)

// deafConn sends from a real UDP socket but never delivers what arrives:
// a client that cannot receive at its address, like a spoofed one. It has
// only the methods of net.PacketConn, so that quic-go cannot read the
// socket around ReadFrom.
type deafConn struct {
	u      *net.UDPConn
	once   sync.Once
	closed chan struct{}
}

func (d *deafConn) WriteTo(b []byte, a net.Addr) (int, error) { return d.u.WriteTo(b, a) }
func (d *deafConn) LocalAddr() net.Addr                       { return d.u.LocalAddr() }
func (d *deafConn) SetDeadline(t time.Time) error             { return d.u.SetDeadline(t) }
func (d *deafConn) SetReadDeadline(t time.Time) error         { return d.u.SetReadDeadline(t) }
func (d *deafConn) SetWriteDeadline(t time.Time) error        { return d.u.SetWriteDeadline(t) }

func newDeafConn(t *testing.T) *deafConn {
	t.Helper()
	u, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	return &deafConn{u: u, closed: make(chan struct{})}
}

func (d *deafConn) ReadFrom([]byte) (int, net.Addr, error) {
	<-d.closed
	return 0, nil, net.ErrClosed
}

func (d *deafConn) Close() error {
	d.once.Do(func() { close(d.closed) })
	return d.u.Close()
}

// deafDial starts a QUIC handshake with addr that never hears back: its
// Initial packets (and their retransmissions) reach the server for the
// duration of ctx.
func deafDial(t *testing.T, ctx context.Context, addr string) {
	t.Helper()
	ua, err := net.ResolveUDPAddr("udp", addr)
	if err != nil {
		t.Fatal(err)
	}
	d := newDeafConn(t)
	tr := &quic.Transport{Conn: d}
	defer tr.Close()
	defer d.Close()
	tc := &tls.Config{NextProtos: []string{ALPNBinding}, ServerName: bindingServerName, InsecureSkipVerify: true, MinVersion: tls.VersionTLS13}
	if qc, err := tr.Dial(ctx, ua, tc, &quic.Config{}); err == nil {
		qc.CloseWithError(0, "")
		t.Error("a deaf client completed a handshake")
	}
}

// waitPending polls until the listener's pending count is want or the
// deadline passes, and returns the last count seen.
func waitPending(l *Listener, want int64, d time.Duration) int64 {
	deadline := time.Now().Add(d)
	for {
		n := l.pending.Load()
		if n == want || time.Now().After(deadline) {
			return n
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestDeafClientHoldsASlot is the control for TestRetryUnderPressure: with
// few slots taken, a client that never answers gets a connection on the
// server, which holds a slot until the handshake times out.
func TestDeafClientHoldsASlot(t *testing.T) {
	keys := randomKeys(t)
	l, err := Listen("127.0.0.1:0", ServerConfig{Mode: ModeBinding, Lookup: lookupOf(keys), MaxPending: 4, HandshakeTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	done := make(chan struct{})
	go func() { defer close(done); deafDial(t, ctx, l.Addr().String()) }()
	if n := waitPending(l, 1, 2*time.Second); n != 1 {
		t.Fatalf("pending = %d with a deaf client and no pressure, want 1", n)
	}
	<-done
	// The handshake timeout gives the slot back.
	if n := waitPending(l, 0, 5*time.Second); n != 0 {
		t.Fatalf("pending = %d after the handshake timeout, want 0", n)
	}
}

// TestRetryUnderPressure: once half of MaxPending is taken, clients that
// never answer get only a Retry and hold no slot, and a client that
// answers still connects, through the Retry.
func TestRetryUnderPressure(t *testing.T) {
	keys := randomKeys(t)
	const linger = 50 * time.Millisecond
	l, err := Listen("127.0.0.1:0", ServerConfig{Mode: ModeBinding, Lookup: lookupOf(keys), MaxPending: 2, HandshakeTimeout: 5 * time.Second, Linger: linger})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if l.underPressure(nil) {
		t.Fatal("an idle listener asks for address validation")
	}
	// first is queued for Accept: one of two slots, which is pressure.
	first, err := dialT(t, l.Addr().String(), ClientConfig{Mode: ModeBinding, Keys: keys, Linger: linger})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	if n := waitPending(l, 1, 2*time.Second); n != 1 || !l.underPressure(nil) {
		t.Fatalf("pending = %d, under pressure %v; want 1, true", n, l.underPressure(nil))
	}
	if got := l.validated.Load(); got != 0 {
		t.Fatalf("%d address-validated admissions before any pressure", got)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	var wg sync.WaitGroup
	for range 5 {
		wg.Add(1)
		go func() { defer wg.Done(); deafDial(t, ctx, l.Addr().String()) }()
	}
	// While the deaf clients keep sending Initials, no slot goes to them.
	watchUntil := time.Now().Add(400 * time.Millisecond)
	for time.Now().Before(watchUntil) && ctx.Err() == nil {
		if n := l.pending.Load(); n != 1 {
			t.Fatalf("pending = %d while deaf clients knock, want 1", n)
		}
		time.Sleep(10 * time.Millisecond)
	}
	wg.Wait()

	// A client that answers gets the second slot, after a Retry.
	second, err := dialT(t, l.Addr().String(), ClientConfig{Mode: ModeBinding, Keys: keys, Linger: linger})
	if err != nil {
		t.Fatalf("a real client under pressure: %v", err)
	}
	defer second.Close()
	if got := l.validated.Load(); got != 1 {
		t.Fatalf("%d address-validated admissions, want 1 (the second client's)", got)
	}
	for range 2 {
		actx, acancel := context.WithTimeout(context.Background(), 5*time.Second)
		sc, err := l.Accept(actx)
		acancel()
		if err != nil {
			t.Fatal(err)
		}
		sc.Close()
	}
}
