package server

import (
	"context"
	"encoding/hex"
	"errors"
	"net"
	"sync"
	"time"

	"github.com/mpinkit/mpinkit/interop/quicchan"
	"github.com/mpinkit/mpinkit/interop/tlspsk"
)

// acceptTLS accepts TCP connections for TLS-PSK channels until ln is
// closed, serving each in its own goroutine counted by wg.
func (s *Server) acceptTLS(ln net.Listener, conns *connSet, wg *sync.WaitGroup) {
	var backoff time.Duration
	for {
		c, err := ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			// Temporary failure (out of descriptors, ...): wait and retry.
			backoff = min(max(2*backoff, 5*time.Millisecond), time.Second)
			s.log.Warn("server: TLS-PSK accept", "err", err, "retry_in", backoff)
			time.Sleep(backoff)
			continue
		}
		backoff = 0
		if n := conns.add(c, func() { _ = c.Close() }); n > s.cfg.MaxChannelConns {
			conns.remove(c)
			_ = c.Close()
			s.log.Warn("server: channel refused", "channel", "tls-psk", "remote", c.RemoteAddr().String(),
				"reason", "too many connections")
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer conns.remove(c)
			s.serveTLS(c)
		}()
	}
}

// serveTLS runs the TLS-PSK handshake and the echo protocol on one
// connection.
func (s *Server) serveTLS(c net.Conn) {
	start := time.Now()
	tc := tlspsk.Server(c, s.tlsCfg)
	defer tc.Close()
	log := s.log.With("channel", "tls-psk", "remote", c.RemoteAddr().String())
	ctx, cancel := context.WithTimeout(context.Background(), s.cfg.HandshakeTimeout)
	err := tc.Handshake(ctx)
	cancel()
	if err != nil {
		log.Warn("server: channel refused", "err", err, "unknown_identity", errors.Is(err, tlspsk.ErrUnknownIdentity))
		return
	}
	cs := tc.ConnectionState()
	keys, ok := s.chans.lookup(cs.PSKIdentity)
	if !ok { // expired between the handshake's lookup and now
		log.Warn("server: channel refused", "identity", hex.EncodeToString(cs.PSKIdentity), "err", "keys expired")
		return
	}
	defer keys.Wipe()
	exp, err := cs.ExportKeyingMaterial(EchoExporterLabel, nil, 32)
	if err != nil {
		log.Error("server: channel exporter", "err", err)
		return
	}
	n, err := serveEcho(tc, &keys, exp, tc, s.cfg.ChannelIdle)
	s.channelDone(log, cs.PSKIdentity, n, err, start)
}

// channelDone logs the end of a channel.
func (s *Server) channelDone(log interface {
	Info(string, ...any)
	Warn(string, ...any)
}, identity []byte, n int, err error, start time.Time) {
	attrs := []any{"identity", hex.EncodeToString(identity), "echoes", n, "ms", time.Since(start).Milliseconds()}
	if err != nil {
		log.Warn("server: channel failed", append(attrs, "err", err)...)
		return
	}
	log.Info("server: channel closed", attrs...)
}

// acceptQUIC accepts channels from a quicchan listener until ctx ends or
// the listener closes.
func (s *Server) acceptQUIC(ctx context.Context, l *quicchan.Listener, conns *connSet, wg *sync.WaitGroup) {
	for {
		c, err := l.Accept(ctx)
		if err != nil {
			return
		}
		if n := conns.add(c, func() { _ = c.Close() }); n > s.cfg.MaxChannelConns {
			conns.remove(c)
			_ = c.Close()
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer conns.remove(c)
			s.serveQUIC(c)
		}()
	}
}

// serveQUIC runs the echo protocol on an open QUIC channel.
func (s *Server) serveQUIC(c *quicchan.Conn) {
	start := time.Now()
	defer c.Close()
	log := s.log.With("channel", "quic-"+c.Mode().String(), "remote", c.RemoteAddr().String())
	id := c.Identity()
	keys, ok := s.chans.lookup(id)
	if !ok {
		log.Warn("server: channel refused", "identity", hex.EncodeToString(id), "err", "keys expired")
		return
	}
	defer keys.Wipe()
	cs := c.ConnectionState()
	exp, err := cs.ExportKeyingMaterial(EchoExporterLabel, nil, 32)
	if err != nil {
		log.Error("server: channel exporter", "err", err)
		return
	}
	n, err := serveEcho(c, &keys, exp, c, s.cfg.ChannelIdle)
	s.channelDone(log, id, n, err, start)
}
