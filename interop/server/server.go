package server

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/mpinkit/mpinkit/dta"
	"github.com/mpinkit/mpinkit/interop/quicchan"
	"github.com/mpinkit/mpinkit/interop/tlspsk"
	"github.com/mpinkit/mpinkit/reference/mpin"
)

// Addrs are the listen addresses of the server's four listeners
// ("host:port"; port 0 picks one). An empty address leaves that listener
// out, except HTTP, which is required.
type Addrs struct {
	HTTP        string // the HTTP API (TCP)
	TLSPSK      string // TLS 1.3 external-PSK channels (TCP)
	QUICPSK     string // QUIC channels, PSK profile (UDP)
	QUICBinding string // QUIC channels, channel binding (UDP)
}

// LoopbackAddrs listens on 127.0.0.1 with ports picked by the system, for
// every listener.
var LoopbackAddrs = Addrs{HTTP: "127.0.0.1:0", TLSPSK: "127.0.0.1:0", QUICPSK: "127.0.0.1:0", QUICBinding: "127.0.0.1:0"}

// Server is the M-Pin interop server: the HTTP API of spec/interop.md
// section 3 and the channel listeners of section 4. Create it with New,
// bind it with Listen, run it with Serve.
type Server struct {
	cfg    Config
	p      *mpin.Profile
	ms     *mpin.Server
	auths  []*dta.Client
	chans  *channelTable
	slots  chan struct{}
	log    *slog.Logger
	tlsCfg *tlspsk.Config

	mu        sync.Mutex
	listening bool
	addrs     Addrs
	httpLn    net.Listener
	tlsLn     net.Listener
	quicPSK   *quicchan.Listener
	quicBind  *quicchan.Listener
	served    bool
}

// New checks cfg, obtains the server secret (from cfg.ServerSecret, or by
// fetching and adding the server-secret shares of every authority, within
// ctx) and returns a server that is not yet listening.
func New(ctx context.Context, cfg Config) (*Server, error) {
	cfg, err := cfg.normalized()
	if err != nil {
		return nil, err
	}
	p, err := mpin.Lookup(cfg.Suite)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrConfig, err)
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.Reader
	}
	s := &Server{
		cfg:   cfg,
		p:     p,
		chans: newChannelTable(cfg.MaxChannels, cfg.Now),
		slots: make(chan struct{}, cfg.MaxConcurrent),
		log:   cfg.Logger,
	}
	for _, a := range cfg.Authorities {
		s.auths = append(s.auths, &dta.Client{
			BaseURL:  strings.TrimSuffix(a.URL, "/"),
			Signer:   dta.Signer{App: a.App, Key: a.Key},
			Validity: cfg.AuthValidity,
			Now:      cfg.Now,
		})
	}
	sq := cfg.ServerSecret
	if len(sq) == 0 {
		var shares [][]byte
		for i, c := range s.auths {
			sh, err := c.ServerSecretShare(ctx, cfg.Suite)
			if err != nil {
				return nil, fmt.Errorf("server: server-secret share of authority %d (%s): %w", i, cfg.Authorities[i].Name, err)
			}
			shares = append(shares, sh)
		}
		if sq, err = p.RecombineG2(shares...); err != nil {
			return nil, fmt.Errorf("server: server secret: %w", err)
		}
	}
	s.ms, err = p.NewServer(sq, mpin.ServerConfig{
		TimePermits:   cfg.TimePermits,
		PermitGrace:   int64(cfg.PermitGrace / time.Second),
		OnePassWindow: int64(cfg.OnePassWindow / time.Second),
	})
	if err != nil {
		return nil, fmt.Errorf("%w: server secret: %v", ErrConfig, err)
	}
	s.tlsCfg = &tlspsk.Config{
		Lookup: func(identity []byte) ([]byte, bool) {
			k, ok := s.chans.lookup(identity)
			if !ok {
				return nil, false
			}
			return k.PSK[:], true
		},
		HandshakeTimeout: cfg.HandshakeTimeout,
	}
	return s, nil
}

// Suite returns the server's suite string.
func (s *Server) Suite() string { return s.cfg.Suite }

// Listen binds the listeners of a (HTTP required). On error nothing stays
// bound.
func (s *Server) Listen(a Addrs) (err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.listening {
		return fmt.Errorf("%w: already listening", ErrConfig)
	}
	if a.HTTP == "" {
		return fmt.Errorf("%w: no HTTP address", ErrConfig)
	}
	defer func() {
		if err != nil {
			s.closeListenersLocked()
		}
	}()
	if s.httpLn, err = net.Listen("tcp", a.HTTP); err != nil {
		return fmt.Errorf("server: HTTP listener: %w", err)
	}
	s.addrs.HTTP = s.httpLn.Addr().String()
	if a.TLSPSK != "" {
		if s.tlsLn, err = net.Listen("tcp", a.TLSPSK); err != nil {
			return fmt.Errorf("server: TLS-PSK listener: %w", err)
		}
		s.addrs.TLSPSK = s.tlsLn.Addr().String()
	}
	lookup := s.chans.lookup
	qcfg := func(m quicchan.Mode) quicchan.ServerConfig {
		return quicchan.ServerConfig{Mode: m, Lookup: lookup, HandshakeTimeout: s.cfg.HandshakeTimeout,
			IdleTimeout: s.cfg.ChannelIdle * 3, MaxPending: s.cfg.MaxChannelConns,
			Logger: s.log.With("channel", "quic-"+m.String())}
	}
	if a.QUICPSK != "" {
		if s.quicPSK, err = quicchan.Listen(a.QUICPSK, qcfg(quicchan.ModePSK)); err != nil {
			return fmt.Errorf("server: QUIC-PSK listener: %w", err)
		}
		s.addrs.QUICPSK = s.quicPSK.Addr().String()
	}
	if a.QUICBinding != "" {
		if s.quicBind, err = quicchan.Listen(a.QUICBinding, qcfg(quicchan.ModeBinding)); err != nil {
			return fmt.Errorf("server: QUIC-binding listener: %w", err)
		}
		s.addrs.QUICBinding = s.quicBind.Addr().String()
	}
	s.listening = true
	return nil
}

func (s *Server) closeListenersLocked() {
	if s.httpLn != nil {
		_ = s.httpLn.Close()
	}
	if s.tlsLn != nil {
		_ = s.tlsLn.Close()
	}
	if s.quicPSK != nil {
		_ = s.quicPSK.Close()
	}
	if s.quicBind != nil {
		_ = s.quicBind.Close()
	}
	s.httpLn, s.tlsLn, s.quicPSK, s.quicBind = nil, nil, nil, nil
	s.addrs = Addrs{}
	s.listening = false
}

// Addrs returns the bound addresses (empty before Listen).
func (s *Server) Addrs() Addrs {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addrs
}

// URL returns the base URL of the HTTP API ("http://host:port").
func (s *Server) URL() string { return "http://" + s.Addrs().HTTP }

// channels returns the channel addresses for clients.
func (s *Server) channels() Channels {
	a := s.Addrs()
	return Channels{TLSPSK: a.TLSPSK, QUICPSK: a.QUICPSK, QUICBinding: a.QUICBinding}
}

// Serve runs the listeners bound by Listen until ctx is done, then shuts
// down gracefully: it stops accepting, lets HTTP requests and channel
// connections in flight finish for at most ShutdownTimeout, closes what
// is left, waits for every goroutine it started and forgets every channel
// key. It returns nil after a shutdown caused by ctx. Serve runs once.
func (s *Server) Serve(ctx context.Context) error {
	s.mu.Lock()
	if !s.listening || s.served {
		s.mu.Unlock()
		return fmt.Errorf("%w: Serve needs a Listen and runs once", ErrConfig)
	}
	s.served = true
	httpLn, tlsLn, qp, qb := s.httpLn, s.tlsLn, s.quicPSK, s.quicBind
	s.mu.Unlock()

	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: httpReadHeaderTimeout,
		ReadTimeout:       s.cfg.RequestTimeout,
		WriteTimeout:      s.cfg.RequestTimeout + 5*time.Second,
		IdleTimeout:       httpIdleTimeout,
		MaxHeaderBytes:    httpMaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	acceptCtx, stopAccept := context.WithCancel(context.Background())
	defer stopAccept()
	var wg sync.WaitGroup
	conns := newConnSet()
	httpErr := make(chan error, 1)
	go func() { httpErr <- srv.Serve(httpLn) }()
	if tlsLn != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.acceptTLS(tlsLn, conns, &wg)
		}()
	}
	for _, l := range []*quicchan.Listener{qp, qb} {
		if l == nil {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.acceptQUIC(acceptCtx, l, conns, &wg)
		}()
	}
	a := s.Addrs()
	s.log.Info("server: serving", "suite", s.cfg.Suite, "http", a.HTTP, "tls_psk", a.TLSPSK,
		"quic_psk", a.QUICPSK, "quic_binding", a.QUICBinding, "authorities", len(s.auths))

	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-httpErr:
		httpErr <- nil
	}

	// Shut down: stop accepting everywhere, give work in flight the
	// grace period, then force.
	deadline := time.Now().Add(s.cfg.ShutdownTimeout)
	stopAccept()
	if tlsLn != nil {
		_ = tlsLn.Close()
	}
	sctx, cancel := context.WithDeadline(context.Background(), deadline)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		_ = srv.Close()
	}
	<-httpErr
	if !conns.waitIdle(deadline) {
		conns.closeAll()
	}
	for _, l := range []*quicchan.Listener{qp, qb} {
		if l != nil {
			_ = l.Close()
		}
	}
	wg.Wait()
	s.chans.wipe()
	s.mu.Lock()
	s.listening = false
	s.mu.Unlock()
	s.log.Info("server: stopped")
	if errors.Is(serveErr, http.ErrServerClosed) {
		serveErr = nil
	}
	return serveErr
}

// Close releases the listeners of a server that Listen bound but Serve
// never ran. (Serve releases them itself.)
func (s *Server) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.served {
		return nil
	}
	s.closeListenersLocked()
	s.chans.wipe()
	return nil
}

// connSet tracks open channel connections so that shutdown can wait for
// them and then close them.
type connSet struct {
	mu   sync.Mutex
	m    map[any]func()
	idle chan struct{} // closed and replaced when the set empties
}

func newConnSet() *connSet {
	return &connSet{m: map[any]func(){}, idle: make(chan struct{})}
}

// add tracks c (closed with closeFn) and reports the number now open.
func (cs *connSet) add(c any, closeFn func()) int {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	cs.m[c] = closeFn
	return len(cs.m)
}

func (cs *connSet) remove(c any) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	delete(cs.m, c)
	if len(cs.m) == 0 {
		close(cs.idle)
		cs.idle = make(chan struct{})
	}
}

// waitIdle waits until no connection is open or the deadline passes.
func (cs *connSet) waitIdle(deadline time.Time) bool {
	t := time.NewTimer(time.Until(deadline))
	defer t.Stop()
	for {
		cs.mu.Lock()
		n, idle := len(cs.m), cs.idle
		cs.mu.Unlock()
		if n == 0 {
			return true
		}
		select {
		case <-idle:
		case <-t.C:
			return false
		}
	}
}

func (cs *connSet) closeAll() {
	cs.mu.Lock()
	fns := make([]func(), 0, len(cs.m))
	for _, f := range cs.m {
		fns = append(fns, f)
	}
	cs.mu.Unlock()
	for _, f := range fns {
		f()
	}
}
