package server

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"time"

	"github.com/mpinkit/mpinkit/dta"
)

// Defaults of the zero-valued Config fields.
const (
	DefaultSessionTTL        = 60 * time.Second // REQ-MPIN-7.6
	DefaultOnePassWindow     = 30 * time.Second // REQ-MPIN-8.4
	DefaultChannelTTL        = 5 * time.Minute
	DefaultMaxPINFailures    = 3 // REQ-MPIN-10.5
	DefaultMaxBodyBytes      = 16 << 10
	DefaultRequestTimeout    = 10 * time.Second
	DefaultHandshakeTimeout  = 10 * time.Second
	DefaultChannelIdle       = 10 * time.Second
	DefaultMaxChannelConns   = 1024
	DefaultMaxChannels       = 1 << 18
	DefaultShutdownTimeout   = 10 * time.Second
	DefaultAuthValidity      = 2 * time.Minute
	maxIDSize                = 1024 // REQ-MPIN-4.1
	maxMessageSize           = 1024 // REQ-MPIN-8.6 asks for at least 128
	maxPermitDaysPerRequest  = 8
	httpReadHeaderTimeout    = 5 * time.Second
	httpIdleTimeout          = 60 * time.Second
	httpMaxHeaderBytes       = 16 << 10
	defaultConcurrencyFactor = 4
)

// AuthorityConfig names one D-TA the server registers clients with.
type AuthorityConfig struct {
	// Name labels the authority in logs.
	Name string
	// URL is the authority's base URL, as clients will reach it (it goes
	// into the signed requests handed to them), for example
	// "http://127.0.0.1:7001".
	URL string
	// App is the server's application ID at the authority.
	App string
	// Key is the server's HMAC key at the authority (secret).
	Key []byte
}

// Outcome reports the result of one verification to Config.OnOutcome.
// Delta is the server's own: it is never sent to the client nor logged.
type Outcome struct {
	// Endpoint is "pass2" or "one-pass".
	Endpoint string
	// ID is the identity that tried to log in.
	ID []byte
	// Full reports an M-Pin Full run.
	Full bool
	// Result is "OK" or the canonical error name of the verification.
	Result string
	// Delta is the PIN error (entered minus registered, REQ-MPIN-10.2)
	// when Result is BAD_PIN, otherwise 0.
	Delta int
	// Failures is the count of consecutive wrong PINs for ID after this
	// outcome.
	Failures int
}

// Config configures the M-Pin server.
type Config struct {
	// Suite is the suite string the server works in (one per server).
	// Required.
	Suite string
	// Authorities are the D-TAs (N >= 1). The server fetches its
	// server-secret share from each at New (unless ServerSecret is set)
	// and hands clients signed requests for theirs. Without authorities
	// the server cannot register anyone.
	Authorities []AuthorityConfig
	// ServerSecret, when set, is the encoded server secret sQ, used
	// instead of fetching the shares.
	ServerSecret []byte
	// TimePermits makes the server require time permits (REQ-MPIN-6.6).
	TimePermits bool
	// PermitGrace is the day-boundary grace of REQ-MPIN-6.4 (whole
	// seconds, below a day).
	PermitGrace time.Duration
	// OnePassWindow is the one-pass freshness window W (REQ-MPIN-8.4).
	// Zero means DefaultOnePassWindow.
	OnePassWindow time.Duration
	// SessionTTL is how long a two-pass challenge stays answerable. Zero
	// means DefaultSessionTTL.
	SessionTTL time.Duration
	// ChannelTTL is how long the channel keys of an M-Pin Full login stay
	// usable. Zero means DefaultChannelTTL.
	ChannelTTL time.Duration
	// MaxPINFailures is the lockout limit (REQ-MPIN-10.5). Zero means
	// DefaultMaxPINFailures; negative disables lockout.
	MaxPINFailures int
	// RevealNotAClient makes the server answer NOT_A_CLIENT, rather than
	// BAD_PIN, when wrong-PIN detection finds no PIN error. Off by default
	// (REQ-MPIN-9.5 asks for one answer to both); conformance harnesses
	// turn it on.
	RevealNotAClient bool
	// Challenges holds the open two-pass sessions; nil means a
	// MemoryChallengeStore of MaxSessions.
	Challenges ChallengeStore
	// Replays remembers accepted one-pass messages; nil means a
	// MemoryReplayStore.
	Replays ReplayStore
	// Lockouts counts wrong PINs; nil means a MemoryLockoutStore.
	Lockouts LockoutStore
	// MaxSessions bounds the default challenge store (0 means 1<<20).
	MaxSessions int
	// MaxChannels bounds the channel-key table. Zero means
	// DefaultMaxChannels.
	MaxChannels int
	// AllowRegistration, when set, may refuse an identity (the answer is
	// FORBIDDEN). The interop server registers anyone by default: it is a
	// test server.
	AllowRegistration func(ctx context.Context, id []byte) error
	// OnOutcome, when set, is called synchronously with every
	// verification outcome.
	OnOutcome func(Outcome)
	// MaxBodyBytes bounds request bodies. Zero means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// RequestTimeout bounds each HTTP request, waiting for a slot
	// included. Zero means DefaultRequestTimeout.
	RequestTimeout time.Duration
	// MaxConcurrent bounds the requests doing curve arithmetic at once;
	// others wait for a slot. Zero means 4 x GOMAXPROCS.
	MaxConcurrent int
	// HandshakeTimeout bounds each channel handshake. Zero means
	// DefaultHandshakeTimeout.
	HandshakeTimeout time.Duration
	// ChannelIdle bounds the wait for each echo request. Zero means
	// DefaultChannelIdle.
	ChannelIdle time.Duration
	// MaxChannelConns bounds the open channel connections per listener;
	// more are closed at once. Zero means DefaultMaxChannelConns.
	MaxChannelConns int
	// ShutdownTimeout bounds the graceful shutdown. Zero means
	// DefaultShutdownTimeout.
	ShutdownTimeout time.Duration
	// AuthValidity is how long the signed requests handed to clients stay
	// valid (at most the authorities' MaxAuthValidity). Zero means
	// DefaultAuthValidity.
	AuthValidity time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Rand is the randomness source; nil means crypto/rand.
	Rand io.Reader
	// Logger receives one line per request and per channel (never a key,
	// a PIN error or a secret). Nil discards.
	Logger *slog.Logger
}

func orDefault(d, def time.Duration) time.Duration {
	if d == 0 {
		return def
	}
	return d
}

// normalized checks c and fills in the defaults.
func (c Config) normalized() (Config, error) {
	for _, d := range []time.Duration{c.PermitGrace, c.OnePassWindow, c.SessionTTL, c.ChannelTTL, c.RequestTimeout,
		c.HandshakeTimeout, c.ChannelIdle, c.ShutdownTimeout, c.AuthValidity} {
		if d < 0 {
			return c, fmt.Errorf("%w: negative duration", ErrConfig)
		}
	}
	if c.MaxBodyBytes < 0 || c.MaxConcurrent < 0 || c.MaxChannelConns < 0 || c.MaxChannels < 0 || c.MaxSessions < 0 {
		return c, fmt.Errorf("%w: negative limit", ErrConfig)
	}
	if c.PermitGrace >= 24*time.Hour {
		return c, fmt.Errorf("%w: PermitGrace of a day or more", ErrConfig)
	}
	for i, a := range c.Authorities {
		if a.URL == "" || a.App == "" || len(a.Key) < dta.MinAppKeySize {
			return c, fmt.Errorf("%w: authority %d needs a URL, an app and a key of at least %d bytes", ErrConfig, i, dta.MinAppKeySize)
		}
	}
	if len(c.Authorities) == 0 && len(c.ServerSecret) == 0 {
		return c, fmt.Errorf("%w: no authorities and no server secret", ErrConfig)
	}
	c.OnePassWindow = orDefault(c.OnePassWindow, DefaultOnePassWindow)
	c.SessionTTL = orDefault(c.SessionTTL, DefaultSessionTTL)
	c.ChannelTTL = orDefault(c.ChannelTTL, DefaultChannelTTL)
	c.RequestTimeout = orDefault(c.RequestTimeout, DefaultRequestTimeout)
	c.HandshakeTimeout = orDefault(c.HandshakeTimeout, DefaultHandshakeTimeout)
	c.ChannelIdle = orDefault(c.ChannelIdle, DefaultChannelIdle)
	c.ShutdownTimeout = orDefault(c.ShutdownTimeout, DefaultShutdownTimeout)
	c.AuthValidity = orDefault(c.AuthValidity, DefaultAuthValidity)
	if c.MaxPINFailures == 0 {
		c.MaxPINFailures = DefaultMaxPINFailures
	}
	if c.MaxBodyBytes == 0 {
		c.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if c.MaxConcurrent == 0 {
		c.MaxConcurrent = defaultConcurrencyFactor * runtime.GOMAXPROCS(0)
	}
	if c.MaxChannelConns == 0 {
		c.MaxChannelConns = DefaultMaxChannelConns
	}
	if c.MaxChannels == 0 {
		c.MaxChannels = DefaultMaxChannels
	}
	if c.Challenges == nil {
		c.Challenges = NewMemoryChallengeStore(c.MaxSessions)
	}
	if c.Replays == nil {
		c.Replays = NewMemoryReplayStore(0)
	}
	if c.Lockouts == nil {
		c.Lockouts = NewMemoryLockoutStore()
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c, nil
}
