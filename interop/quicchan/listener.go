package quicchan

import (
	"context"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/quic-go/quic-go"

	"github.com/mpinkit/mpinkit/reference/channel"
)

// bindingCertValidity is the validity period of the binding mode's
// ephemeral certificate. Nobody verifies it; it only has to parse.
const bindingCertValidity = 365 * 24 * time.Hour

// errBusy is what the ConnContext hook returns to refuse a connection.
var errBusy = errors.New("quicchan: too many pending connections")

// Listener accepts secure channels on one UDP socket. Its methods are safe
// for concurrent use.
type Listener struct {
	cfg ServerConfig
	udp *net.UDPConn
	tr  *quic.Transport
	ql  *quic.Listener

	ready   chan *Conn
	pending atomic.Int64
	// validated counts the connections admitted after a Retry proved
	// their address (see underPressure).
	validated atomic.Int64

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu    sync.Mutex
	conns map[*quic.Conn]struct{}

	closeOnce sync.Once
}

// Listen opens a UDP socket on addr (host:port; port 0 picks one) and
// starts accepting channels of cfg.Mode. In ModePSK it first makes sure
// SelfTest passes. Connections are handshaken and opened in the
// background; Accept returns those that succeeded.
func Listen(addr string, cfg ServerConfig) (*Listener, error) {
	cfg, err := cfg.normalized()
	if err != nil {
		return nil, err
	}
	var tlsConf *tls.Config
	switch cfg.Mode {
	case ModePSK:
		if err := selfTestOnce(); err != nil {
			return nil, err
		}
		tlsConf = pskServerTLS(cfg.Lookup, cfg.Logger, time.Now)
	case ModeBinding:
		cert, key, err := selfSigned(bindingServerName, time.Now(), bindingCertValidity)
		if err != nil {
			return nil, fmt.Errorf("quicchan: ephemeral certificate: %w", err)
		}
		tlsConf = &tls.Config{
			MinVersion: tls.VersionTLS13,
			NextProtos: []string{ALPNBinding},
			Certificates: []tls.Certificate{{
				Certificate: [][]byte{cert.Raw},
				PrivateKey:  key,
				Leaf:        cert,
			}},
			// Every binding connection is a fresh handshake.
			SessionTicketsDisabled: true,
		}
	}
	uaddr, err := net.ResolveUDPAddr("udp", addr)
	if err != nil {
		return nil, fmt.Errorf("%w: address %q: %w", ErrConfig, addr, err)
	}
	udp, err := net.ListenUDP("udp", uaddr)
	if err != nil {
		return nil, fmt.Errorf("quicchan: listen: %w", err)
	}
	l := &Listener{
		cfg:   cfg,
		udp:   udp,
		ready: make(chan *Conn, cfg.MaxPending),
		conns: make(map[*quic.Conn]struct{}),
	}
	l.ctx, l.cancel = context.WithCancel(context.Background())
	l.tr = &quic.Transport{Conn: udp, ConnContext: l.connContext, VerifySourceAddress: l.underPressure}
	l.ql, err = l.tr.Listen(tlsConf, &quic.Config{
		HandshakeIdleTimeout:  cfg.HandshakeTimeout,
		MaxIdleTimeout:        cfg.IdleTimeout,
		MaxIncomingStreams:    1,
		MaxIncomingUniStreams: -1,
	})
	if err != nil {
		l.cancel()
		_ = l.tr.Close()
		_ = udp.Close()
		return nil, fmt.Errorf("quicchan: listen: %w", err)
	}
	l.wg.Add(1)
	go l.acceptLoop()
	return l, nil
}

// Addr returns the UDP address the listener is bound to.
func (l *Listener) Addr() net.Addr { return l.udp.LocalAddr() }

// underPressure tells quic-go whether a connection attempt without a valid
// token must first prove its source address with a Retry round trip (RFC
// 9000, section 8.1.2): once half of MaxPending slots are taken. Below that
// every client connects in one round trip; above it, a sender that cannot
// receive at the address it claims (spoofed, or deaf) never gets a
// connection and so never holds a slot until its handshake timeout, and the
// remaining slots stay for clients that answer.
func (l *Listener) underPressure(net.Addr) bool {
	return 2*l.pending.Load() >= int64(l.cfg.MaxPending)
}

// connContext runs for every new QUIC connection before its handshake: it
// refuses the connection when MaxPending are already pending, and gives the
// connection a *connInfo that the TLS callbacks fill in.
func (l *Listener) connContext(ctx context.Context, info *quic.ClientInfo) (context.Context, error) {
	if l.ctx.Err() != nil {
		return ctx, ErrClosed
	}
	if l.pending.Add(1) > int64(l.cfg.MaxPending) {
		l.pending.Add(-1)
		l.cfg.Logger.Warn("quicchan: connection refused", "reason", errBusy)
		return ctx, errBusy
	}
	if info != nil && info.AddrVerified {
		l.validated.Add(1)
	}
	ci := &connInfo{release: func() { l.pending.Add(-1) }}
	ctx = context.WithValue(ctx, connInfoKey{}, ci)
	// The slot is freed when Accept hands the connection out, or when the
	// connection ends (a failed handshake included), whichever is first.
	context.AfterFunc(ctx, ci.done)
	return ctx, nil
}

// acceptLoop takes handshaken connections from quic-go until the QUIC
// listener is closed. It does not stop at l.ctx: after Listener.Close has
// closed the QUIC listener, quic-go's Accept still hands out the
// connections that finished their handshake but were not yet accepted, and
// only then fails. A connection left in that queue would be dropped without
// a CONNECTION_CLOSE when the transport closes (the peer would wait for its
// idle timeout), so the loop takes every one and, the listener being
// closed, closes it with CodeShutdown.
func (l *Listener) acceptLoop() {
	defer l.wg.Done()
	for {
		qc, err := l.ql.Accept(context.Background())
		if err != nil {
			return
		}
		if !l.track(qc) {
			qc.CloseWithError(CodeShutdown, "listener closed")
			continue
		}
		l.wg.Add(1)
		go l.setup(qc)
	}
}

// track records qc so Close can close it, until it ends. It reports false
// if the listener is already closing.
func (l *Listener) track(qc *quic.Conn) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.ctx.Err() != nil {
		return false
	}
	l.conns[qc] = struct{}{}
	context.AfterFunc(qc.Context(), func() {
		l.mu.Lock()
		delete(l.conns, qc)
		l.mu.Unlock()
	})
	return true
}

// setup runs the opening exchange of one handshaken connection and queues
// it for Accept.
func (l *Listener) setup(qc *quic.Conn) {
	defer l.wg.Done()
	ctx, cancel := context.WithTimeout(l.ctx, l.cfg.HandshakeTimeout)
	defer cancel()
	st, identity, code, err := openServer(ctx, qc, l.cfg.Mode, l.cfg.Lookup)
	if err != nil && l.ctx.Err() != nil {
		// The listener is closing, which is what cuts the opening exchange
		// short when it is still waiting (openServer waits on ctx, derived
		// from l.ctx). Close closes this connection with CodeShutdown too,
		// and both must send the same code, the documented one for a
		// shutdown: whichever runs first decides what the peer sees.
		code = CodeShutdown
	}
	if err != nil {
		l.cfg.Logger.Info("quicchan: channel refused",
			"remote", qc.RemoteAddr().String(), "mode", l.cfg.Mode.String(),
			"identity", hex.EncodeToString(identity), "code", uint64(code), "err", err)
		qc.CloseWithError(code, "")
		return
	}
	c := &Conn{qc: qc, st: st, mode: l.cfg.Mode, role: channel.RoleServer, linger: l.cfg.Linger}
	copy(c.identity[:], identity)
	select {
	case l.ready <- c:
	case <-l.ctx.Done():
		qc.CloseWithError(CodeShutdown, "listener closed")
	}
}

// Accept waits for the next channel whose handshake and opening exchange
// succeeded. It returns ctx's error when ctx ends first, and ErrClosed once
// the listener is closed.
func (l *Listener) Accept(ctx context.Context) (*Conn, error) {
	if l.ctx.Err() != nil {
		return nil, ErrClosed
	}
	select {
	case c := <-l.ready:
		if ci, ok := contextInfo(c.qc.Context()); ok {
			ci.done()
		}
		return c, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-l.ctx.Done():
		return nil, ErrClosed
	}
}

// Close stops accepting, closes every connection of the listener (those
// already returned by Accept included) with CodeShutdown, waits for its
// goroutines and releases the socket. It is safe to call more than once.
//
// Connections still in the QUIC handshake are refused by quic-go with
// CONNECTION_REFUSED; every connection that completed it is closed with
// CodeShutdown, whether or not it had reached Accept.
func (l *Listener) Close() error {
	var err error
	l.closeOnce.Do(func() {
		// After cancel, track refuses new connections, so the snapshot
		// below plus what acceptLoop closes itself covers every one.
		l.cancel()
		// ql.Close waits for the handshakes in flight, then lets
		// acceptLoop drain quic-go's queue and return.
		err = l.ql.Close()
		l.mu.Lock()
		conns := make([]*quic.Conn, 0, len(l.conns))
		for qc := range l.conns {
			conns = append(conns, qc)
		}
		l.mu.Unlock()
		for _, qc := range conns {
			qc.CloseWithError(CodeShutdown, "listener closed")
		}
		l.wg.Wait()
		err = errors.Join(err, l.tr.Close(), l.udp.Close())
	})
	return err
}
