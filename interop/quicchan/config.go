package quicchan

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/mpinkit/mpinkit/reference/channel"
)

// Mode selects how a channel is keyed by the M-Pin login.
type Mode uint8

const (
	// ModePSK is the Go-to-Go PSK profile: the TLS 1.3 handshake itself is
	// keyed by channel.Keys.PSK (psk_dhe_ke), carried through crypto/tls's
	// session-resumption hooks. No certificate is sent or checked.
	ModePSK Mode = 1
	// ModeBinding is the channel-binding mode: an ordinary TLS 1.3
	// handshake with an ephemeral self-signed server certificate that the
	// client does not check, then both ends prove channel.Keys.Binding with
	// a MAC over a TLS exporter value before any application data.
	ModeBinding Mode = 2
)

// String returns "psk", "binding" or a diagnostic.
func (m Mode) String() string {
	switch m {
	case ModePSK:
		return "psk"
	case ModeBinding:
		return "binding"
	default:
		return fmt.Sprintf("Mode(%d)", uint8(m))
	}
}

func (m Mode) alpn() string {
	if m == ModePSK {
		return ALPNPSK
	}
	return ALPNBinding
}

// Defaults of the zero-valued durations and limits.
const (
	DefaultHandshakeTimeout = 10 * time.Second
	DefaultIdleTimeout      = 30 * time.Second
	DefaultLinger           = 2 * time.Second
	DefaultMaxPending       = 128
)

// ServerConfig configures a Listener.
type ServerConfig struct {
	// Mode is ModePSK or ModeBinding.
	Mode Mode
	// Lookup returns the keys filed under a PSK identity (the
	// channel.Keys.Identity of a login), or false if there are none. It is
	// called from many goroutines at once. ModePSK uses the PSK, ModeBinding
	// the Binding key. Required.
	Lookup func(identity []byte) (channel.Keys, bool)
	// HandshakeTimeout bounds the QUIC handshake plus the channel's opening
	// exchange of each connection. Zero means DefaultHandshakeTimeout.
	HandshakeTimeout time.Duration
	// IdleTimeout closes a connection after this long without traffic.
	// Zero means DefaultIdleTimeout.
	IdleTimeout time.Duration
	// Linger bounds how long Conn.Close waits for the peer to finish.
	// Zero means DefaultLinger.
	Linger time.Duration
	// MaxPending bounds the connections in handshake or waiting for
	// Accept; more are refused. Once half of them are taken, a new client
	// must first prove its address with a QUIC Retry (one more round
	// trip), so that senders that never answer cannot hold the rest.
	// Zero means DefaultMaxPending.
	MaxPending int
	// Logger receives one line per refused connection (never a key).
	// Nil discards.
	Logger *slog.Logger
}

// ClientConfig configures Dial.
type ClientConfig struct {
	// Mode is ModePSK or ModeBinding; it must match the server's.
	Mode Mode
	// Keys are the channel keys of the login (channel.Derive). ModePSK uses
	// Identity and PSK, ModeBinding Identity and Binding.
	Keys channel.Keys
	// HandshakeTimeout bounds the dial when the context has no earlier
	// deadline. Zero means DefaultHandshakeTimeout.
	HandshakeTimeout time.Duration
	// IdleTimeout closes the connection after this long without traffic.
	// Zero means DefaultIdleTimeout.
	IdleTimeout time.Duration
	// Linger bounds how long Conn.Close waits for the peer to finish.
	// Zero means DefaultLinger.
	Linger time.Duration
}

func checkMode(m Mode) error {
	if m != ModePSK && m != ModeBinding {
		return fmt.Errorf("%w: unknown mode %s", ErrConfig, m)
	}
	return nil
}

func orDefault(d, def time.Duration) time.Duration {
	if d == 0 {
		return def
	}
	return d
}

func (c ServerConfig) normalized() (ServerConfig, error) {
	if err := checkMode(c.Mode); err != nil {
		return c, err
	}
	if c.Lookup == nil {
		return c, fmt.Errorf("%w: Lookup is required", ErrConfig)
	}
	if c.HandshakeTimeout < 0 || c.IdleTimeout < 0 || c.Linger < 0 || c.MaxPending < 0 {
		return c, fmt.Errorf("%w: negative timeout or limit", ErrConfig)
	}
	c.HandshakeTimeout = orDefault(c.HandshakeTimeout, DefaultHandshakeTimeout)
	c.IdleTimeout = orDefault(c.IdleTimeout, DefaultIdleTimeout)
	c.Linger = orDefault(c.Linger, DefaultLinger)
	if c.MaxPending == 0 {
		c.MaxPending = DefaultMaxPending
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c, nil
}

func (c ClientConfig) normalized() (ClientConfig, error) {
	if err := checkMode(c.Mode); err != nil {
		return c, err
	}
	if c.HandshakeTimeout < 0 || c.IdleTimeout < 0 || c.Linger < 0 {
		return c, fmt.Errorf("%w: negative timeout", ErrConfig)
	}
	var zero [channel.IdentitySize]byte
	if c.Keys.Identity == zero {
		return c, fmt.Errorf("%w: Keys.Identity is zero", ErrConfig)
	}
	c.HandshakeTimeout = orDefault(c.HandshakeTimeout, DefaultHandshakeTimeout)
	c.IdleTimeout = orDefault(c.IdleTimeout, DefaultIdleTimeout)
	c.Linger = orDefault(c.Linger, DefaultLinger)
	return c, nil
}
