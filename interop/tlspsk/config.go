package tlspsk

import (
	"crypto/rand"
	"fmt"
	"io"
	"strings"
	"time"
)

// The two TLS 1.3 cipher suites this package implements (RFC 8446 §B.4).
// Both use SHA-256, so every PSK is a SHA-256 PSK.
const (
	TLS_AES_128_GCM_SHA256       uint16 = 0x1301
	TLS_CHACHA20_POLY1305_SHA256 uint16 = 0x1303
)

// VersionTLS13 is the only protocol version this package speaks.
const VersionTLS13 uint16 = 0x0304

// Limits applied to configuration values.
const (
	// MinPSKLen is the shortest accepted PSK: RFC 9257 §6 asks for at least
	// 128 bits of entropy.
	MinPSKLen = 16
	// MaxPSKLen is the longest accepted PSK.
	MaxPSKLen = 512
	// MaxIdentityLen is the longest PSK identity a client may send.
	MaxIdentityLen = 2048
	// MaxPlaintext is the largest record payload TLS 1.3 allows (2^14).
	MaxPlaintext = 1 << 14
	// DefaultHandshakeTimeout bounds a handshake when Config.HandshakeTimeout
	// is zero.
	DefaultHandshakeTimeout = 10 * time.Second
)

// Fault is a bit set of deliberate protocol violations, for test harnesses
// that check a peer rejects them. The zero value is a correct endpoint. Never
// set faults in production.
type Fault uint32

const (
	// FaultWrongBinder (client) flips one bit of the PSK binder, so the
	// server must answer decrypt_error.
	FaultWrongBinder Fault = 1 << iota
	// FaultPSKKENoKeyShare (client) offers only the psk_ke mode and omits the
	// key_share and supported_groups extensions, so a server that insists
	// on forward secrecy must refuse.
	FaultPSKKENoKeyShare
	// FaultBadFinished (client or server) flips one bit of this side's
	// Finished verify_data, so the peer must answer decrypt_error.
	FaultBadFinished
	// FaultUnknownIdentity (client) sends the identity "unknown-" followed by
	// Config.Identity, which the server should not know; the binder is still
	// computed with Config.PSK.
	FaultUnknownIdentity
	// FaultDeferKeyShare (client) is not a violation: the first ClientHello
	// carries an empty key_share list (RFC 8446 §4.2.8 allows this), which
	// forces the server to send a HelloRetryRequest. It exercises the retry
	// path against any peer.
	FaultDeferKeyShare
)

var faultNames = []string{"WrongBinder", "PSKKENoKeyShare", "BadFinished", "UnknownIdentity", "DeferKeyShare"}

// String lists the set faults, joined by "|".
func (f Fault) String() string {
	if f == 0 {
		return "none"
	}
	var parts []string
	for i, n := range faultNames {
		if f&(1<<i) != 0 {
			parts = append(parts, n)
			f &^= 1 << i
		}
	}
	if f != 0 {
		parts = append(parts, fmt.Sprintf("0x%x", uint32(f)))
	}
	return strings.Join(parts, "|")
}

// Config configures one endpoint. A Config may be shared by many connections
// but must not be modified while they use it.
type Config struct {
	// PSK is the external pre-shared key (MinPSKLen..MaxPSKLen bytes). A
	// client always uses it; a server uses it for Identity when Lookup is
	// nil.
	PSK []byte
	// Identity is the PSK identity (1..MaxIdentityLen bytes) the client
	// sends, and the one a server without Lookup accepts.
	Identity []byte
	// CipherSuites lists the acceptable suites in preference order; nil means
	// {TLS_AES_128_GCM_SHA256, TLS_CHACHA20_POLY1305_SHA256}. The server picks
	// the first of its own list that the client offers.
	CipherSuites []uint16
	// Rand supplies randomness (Hello randoms, session IDs, X25519 keys);
	// nil means crypto/rand.Reader.
	Rand io.Reader
	// Time gives the current time used to compute the handshake deadline;
	// nil means time.Now.
	Time func() time.Time
	// MaxRecordSize caps the plaintext bytes this side puts in one record
	// (1..16384); zero means 16384. It only affects records sent, so it can
	// be used to exercise a peer's reassembly of fragmented messages.
	MaxRecordSize int
	// HandshakeTimeout bounds the handshake; zero means
	// DefaultHandshakeTimeout. A context deadline that is earlier wins.
	HandshakeTimeout time.Duration
	// Lookup (server only) maps a PSK identity to its key; it is called
	// during handshakes, possibly concurrently, and must not block for
	// long. When nil the server accepts exactly Identity with PSK.
	Lookup func(identity []byte) ([]byte, bool)
	// Faults enables deliberate protocol violations for testing peers.
	Faults Fault

	// Test knobs, reachable only from this package's tests.
	testPadding int // zero bytes of record padding added to each encrypted record
}

func (c *Config) rand() io.Reader {
	if c.Rand != nil {
		return c.Rand
	}
	return rand.Reader
}

func (c *Config) now() time.Time {
	if c.Time != nil {
		return c.Time()
	}
	return time.Now()
}

func (c *Config) maxRecord() int {
	if c.MaxRecordSize <= 0 || c.MaxRecordSize > MaxPlaintext {
		return MaxPlaintext
	}
	return c.MaxRecordSize
}

func (c *Config) handshakeTimeout() time.Duration {
	if c.HandshakeTimeout > 0 {
		return c.HandshakeTimeout
	}
	return DefaultHandshakeTimeout
}

func (c *Config) suites() []uint16 {
	if len(c.CipherSuites) == 0 {
		return []uint16{TLS_AES_128_GCM_SHA256, TLS_CHACHA20_POLY1305_SHA256}
	}
	return c.CipherSuites
}

// validate checks the fields one side needs.
func (c *Config) validate(isClient bool) error {
	if c == nil {
		return fmt.Errorf("%w: nil Config", ErrConfig)
	}
	if len(c.CipherSuites) > 16 {
		return fmt.Errorf("%w: too many cipher suites", ErrConfig)
	}
	for _, s := range c.CipherSuites {
		if suiteByID(s) == nil {
			return fmt.Errorf("%w: unsupported cipher suite 0x%04x", ErrConfig, s)
		}
	}
	if c.MaxRecordSize < 0 || c.MaxRecordSize > MaxPlaintext {
		return fmt.Errorf("%w: MaxRecordSize %d outside 0..%d", ErrConfig, c.MaxRecordSize, MaxPlaintext)
	}
	if c.HandshakeTimeout < 0 {
		return fmt.Errorf("%w: negative HandshakeTimeout", ErrConfig)
	}
	if isClient || c.Lookup == nil {
		if err := checkPSK(c.PSK); err != nil {
			return err
		}
		if len(c.Identity) == 0 || len(c.Identity) > MaxIdentityLen {
			return fmt.Errorf("%w: Identity must be 1..%d bytes", ErrConfig, MaxIdentityLen)
		}
	}
	return nil
}

func checkPSK(psk []byte) error {
	if len(psk) < MinPSKLen || len(psk) > MaxPSKLen {
		return fmt.Errorf("%w: PSK must be %d..%d bytes, got %d", ErrConfig, MinPSKLen, MaxPSKLen, len(psk))
	}
	return nil
}

// CipherSuiteName returns the IANA name of a cipher suite this package
// implements, or "0xNNNN" for any other value.
func CipherSuiteName(id uint16) string {
	switch id {
	case TLS_AES_128_GCM_SHA256:
		return "TLS_AES_128_GCM_SHA256"
	case TLS_CHACHA20_POLY1305_SHA256:
		return "TLS_CHACHA20_POLY1305_SHA256"
	}
	return fmt.Sprintf("0x%04X", id)
}
