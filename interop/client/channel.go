package client

import (
	"context"
	"fmt"
	"io"
	"net"
	"time"

	"github.com/mpinkit/mpinkit/interop/quicchan"
	"github.com/mpinkit/mpinkit/interop/server"
	"github.com/mpinkit/mpinkit/interop/tlspsk"
	"github.com/mpinkit/mpinkit/reference/channel"
)

// Kind names a channel kind.
type Kind string

// The channel kinds the interop server offers (spec/interop.md section 4).
const (
	TLSPSK      Kind = "tls-psk"      // TLS 1.3 external PSK over TCP (interop/tlspsk)
	QUICPSK     Kind = "quic-psk"     // QUIC, Go-to-Go PSK profile (interop/quicchan ModePSK)
	QUICBinding Kind = "quic-binding" // QUIC with channel binding (interop/quicchan ModeBinding)
)

// Kinds lists every channel kind.
var Kinds = []Kind{TLSPSK, QUICPSK, QUICBinding}

// DefaultEchoTimeout bounds one echo round trip.
const DefaultEchoTimeout = 10 * time.Second

// Channel is an open channel with the echo protocol ready to run.
type Channel struct {
	kind     Kind
	conn     io.ReadWriteCloser
	deadline func(time.Time) error
	echo     *server.EchoClient
	// Detail describes the negotiated parameters, for people.
	Detail string
}

// Kind returns the channel's kind.
func (ch *Channel) Kind() Kind { return ch.kind }

// Echo sends payload through the channel and checks the server's echo and
// MAC (the server's proof that it holds this login's keys, on this very
// connection). Each round trip is bounded by DefaultEchoTimeout.
func (ch *Channel) Echo(payload []byte) error {
	if err := ch.deadline(time.Now().Add(DefaultEchoTimeout)); err != nil {
		return err
	}
	return ch.echo.Echo(payload)
}

// Close ends the channel (the end of the echo protocol).
func (ch *Channel) Close() error { return ch.conn.Close() }

// Open opens a channel of the given kind to the server of a Full login,
// keyed by l.Keys, and prepares the echo protocol.
func (l *Login) Open(ctx context.Context, kind Kind) (*Channel, error) {
	if l.Mode != Full {
		return nil, fmt.Errorf("%w: a %s login has no channel keys", ErrNoChannel, l.Mode)
	}
	switch kind {
	case TLSPSK:
		if l.Channels.TLSPSK == "" {
			break
		}
		return OpenTLS(ctx, l.Channels.TLSPSK, l.Keys, nil)
	case QUICPSK:
		if l.Channels.QUICPSK == "" {
			break
		}
		return OpenQUIC(ctx, l.Channels.QUICPSK, quicchan.ModePSK, l.Keys)
	case QUICBinding:
		if l.Channels.QUICBinding == "" {
			break
		}
		return OpenQUIC(ctx, l.Channels.QUICBinding, quicchan.ModeBinding, l.Keys)
	default:
		return nil, fmt.Errorf("%w: unknown kind %q", ErrNoChannel, kind)
	}
	return nil, fmt.Errorf("%w: the server offers no %s channel", ErrNoChannel, kind)
}

// OpenTLS opens a TLS-PSK channel to addr keyed by keys. tweak, when not
// nil, may change the TLS configuration first (tests use it to inject
// faults).
func OpenTLS(ctx context.Context, addr string, keys channel.Keys, tweak func(*tlspsk.Config)) (*Channel, error) {
	var d net.Dialer
	nc, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("client: tls-psk: %w", err)
	}
	cfg := &tlspsk.Config{PSK: keys.PSK[:], Identity: keys.Identity[:]}
	if tweak != nil {
		tweak(cfg)
	}
	tc := tlspsk.Client(nc, cfg)
	if err := tc.Handshake(ctx); err != nil {
		_ = tc.Close()
		return nil, fmt.Errorf("client: tls-psk handshake: %w", err)
	}
	cs := tc.ConnectionState()
	exp, err := cs.ExportKeyingMaterial(server.EchoExporterLabel, nil, 32)
	if err != nil {
		_ = tc.Close()
		return nil, err
	}
	return &Channel{
		kind: TLSPSK, conn: tc, deadline: tc.SetDeadline,
		echo:   server.NewEchoClient(tc, keys, exp),
		Detail: fmt.Sprintf("TLS 1.3, %s, X25519, PSK identity %x", tlspsk.CipherSuiteName(cs.CipherSuite), cs.PSKIdentity),
	}, nil
}

// OpenQUIC opens a QUIC channel of the given mode to addr keyed by keys.
func OpenQUIC(ctx context.Context, addr string, mode quicchan.Mode, keys channel.Keys) (*Channel, error) {
	c, err := quicchan.Dial(ctx, addr, quicchan.ClientConfig{Mode: mode, Keys: keys})
	if err != nil {
		return nil, fmt.Errorf("client: quic-%s: %w", mode, err)
	}
	cs := c.ConnectionState()
	exp, err := cs.ExportKeyingMaterial(server.EchoExporterLabel, nil, 32)
	if err != nil {
		_ = c.Close()
		return nil, err
	}
	kind := QUICPSK
	if mode == quicchan.ModeBinding {
		kind = QUICBinding
	}
	return &Channel{
		kind: kind, conn: c, deadline: c.SetDeadline,
		echo: server.NewEchoClient(c, keys, exp),
		Detail: fmt.Sprintf("QUIC, TLS 1.3 %s, ALPN %s, resumed-PSK %v, identity %x",
			tlsSuiteName(cs.CipherSuite), cs.NegotiatedProtocol, cs.DidResume, c.Identity()),
	}, nil
}
