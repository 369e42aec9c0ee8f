package quicchan

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"time"

	"github.com/quic-go/quic-go"

	"github.com/mpinkit/mpinkit/reference/channel"
)

// Dial opens a channel of cfg.Mode to the listener at addr (host:port) and
// runs the opening exchange, so the returned Conn is ready for application
// data. The whole dial is bounded by ctx and by cfg.HandshakeTimeout. In
// ModePSK it first makes sure SelfTest passes.
//
// Errors match ErrHandshake (the QUIC/TLS handshake failed: in ModePSK
// that is how a wrong PSK or an unknown identity shows), ErrUnknownIdentity
// or ErrBinding (ModeBinding: the server refused the identity or the MAC,
// or the server's MAC did not verify), ErrProtocol, ErrConfig, ErrSelfTest,
// or ctx's error.
func Dial(ctx context.Context, addr string, cfg ClientConfig) (*Conn, error) {
	cfg, err := cfg.normalized()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.HandshakeTimeout)
	defer cancel()

	var tlsConf *tls.Config
	switch cfg.Mode {
	case ModePSK:
		if err := selfTestOnce(); err != nil {
			return nil, err
		}
		if tlsConf, _, err = pskClientTLS(&cfg.Keys, time.Now()); err != nil {
			return nil, err
		}
	case ModeBinding:
		tlsConf = &tls.Config{
			MinVersion: tls.VersionTLS13,
			ServerName: bindingServerName,
			NextProtos: []string{ALPNBinding},
			// The server's certificate is ephemeral and authenticates
			// nothing; the binding MACs do (see doc.go).
			InsecureSkipVerify: true,
		}
	}

	raddr, err := resolveUDP(ctx, addr)
	if err != nil {
		return nil, err
	}
	network := "udp4"
	if !raddr.Addr().Is4() {
		network = "udp6"
	}
	udp, err := net.ListenUDP(network, nil)
	if err != nil {
		return nil, fmt.Errorf("quicchan: local socket: %w", err)
	}
	tr := &quic.Transport{Conn: udp}
	cleanup := func() {
		_ = tr.Close()
		_ = udp.Close()
	}
	qc, err := tr.Dial(ctx, net.UDPAddrFromAddrPort(raddr), tlsConf, &quic.Config{
		HandshakeIdleTimeout:  cfg.HandshakeTimeout,
		MaxIdleTimeout:        cfg.IdleTimeout,
		MaxIncomingStreams:    -1,
		MaxIncomingUniStreams: -1,
	})
	if err != nil {
		cleanup()
		if ctxErr := ctx.Err(); ctxErr != nil && errors.Is(err, ctxErr) {
			return nil, fmt.Errorf("%w: %w", ErrHandshake, ctxErr)
		}
		return nil, fmt.Errorf("%w: %w", ErrHandshake, remoteError(err))
	}
	st, code, err := openClient(ctx, qc, cfg.Mode, &cfg.Keys)
	if err != nil {
		qc.CloseWithError(code, "")
		cleanup()
		return nil, err
	}
	c := &Conn{
		qc: qc, st: st, mode: cfg.Mode, role: channel.RoleClient,
		identity: cfg.Keys.Identity, linger: cfg.Linger, cleanup: cleanup,
	}
	return c, nil
}

// resolveUDP turns host:port into an address, resolving names with ctx.
func resolveUDP(ctx context.Context, addr string) (netip.AddrPort, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return netip.AddrPort{}, fmt.Errorf("%w: address %q: %w", ErrConfig, addr, err)
	}
	p, err := net.DefaultResolver.LookupPort(ctx, "udp", port)
	if err != nil {
		return netip.AddrPort{}, fmt.Errorf("%w: port %q: %w", ErrConfig, port, err)
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		ips, lerr := net.DefaultResolver.LookupNetIP(ctx, "ip", host)
		if lerr != nil || len(ips) == 0 {
			return netip.AddrPort{}, fmt.Errorf("%w: host %q: %w", ErrConfig, host, errors.Join(lerr, err))
		}
		ip = ips[0]
	}
	return netip.AddrPortFrom(ip.Unmap(), uint16(p)), nil
}
