package quicchan

import (
	"errors"
	"fmt"

	"github.com/quic-go/quic-go"
)

// Sentinel errors. Errors from this package match one of them under
// errors.Is and, where a QUIC error caused them, also wrap that error
// (*quic.ApplicationError, *quic.TransportError, ...) for errors.As.
var (
	// ErrConfig reports an unusable ServerConfig or ClientConfig.
	ErrConfig = errors.New("quicchan: invalid configuration")
	// ErrSelfTest reports that the start-up self-test of the PSK profile
	// failed: the crypto/tls in this binary does not behave as the profile
	// relies on, so it refuses to run rather than run unauthenticated.
	ErrSelfTest = errors.New("quicchan: PSK profile self-test failed")
	// ErrHandshake reports a failed QUIC/TLS handshake (wrong PSK, unknown
	// identity in the PSK profile, no common ALPN, timeout, ...).
	ErrHandshake = errors.New("quicchan: handshake failed")
	// ErrUnknownIdentity reports a PSK identity the server's Lookup does not
	// know.
	ErrUnknownIdentity = errors.New("quicchan: unknown PSK identity")
	// ErrBinding reports a channel-binding MAC that does not verify, on
	// either side.
	ErrBinding = errors.New("quicchan: channel binding failed")
	// ErrProtocol reports a peer that broke the channel's stream protocol
	// (wrong version byte, short or late opening message, a PSK connection
	// that did not resume).
	ErrProtocol = errors.New("quicchan: protocol violation")
	// ErrFullHandshake reports a PSK-profile handshake that tried to fall
	// back to certificate authentication, which the profile never allows.
	ErrFullHandshake = errors.New("quicchan: certificate handshake refused in the PSK profile")
	// ErrClosed reports use of a closed Listener.
	ErrClosed = errors.New("quicchan: listener closed")
)

// Application error codes, sent in QUIC CONNECTION_CLOSE frames (RFC 9000
// section 20.2). The client maps a received code to the sentinel error of
// the same meaning.
const (
	// CodeNoError is the code of an ordinary close.
	CodeNoError quic.ApplicationErrorCode = 0x0
	// CodeUnknownIdentity: the server has no keys for the identity sent.
	CodeUnknownIdentity quic.ApplicationErrorCode = 0x4d01
	// CodeBindingFailed: the peer's channel-binding MAC did not verify.
	CodeBindingFailed quic.ApplicationErrorCode = 0x4d02
	// CodeProtocol: the opening message was malformed or late.
	CodeProtocol quic.ApplicationErrorCode = 0x4d03
	// CodeShutdown: the listener is shutting down.
	CodeShutdown quic.ApplicationErrorCode = 0x4d04
)

// remoteError turns an error seen while talking to the peer into one that
// matches the sentinel for the peer's close code, if it sent one of ours.
func remoteError(err error) error {
	var ae *quic.ApplicationError
	if errors.As(err, &ae) && ae.Remote {
		switch ae.ErrorCode {
		case CodeUnknownIdentity:
			return fmt.Errorf("%w: %w", ErrUnknownIdentity, err)
		case CodeBindingFailed:
			return fmt.Errorf("%w: %w", ErrBinding, err)
		case CodeProtocol:
			return fmt.Errorf("%w: %w", ErrProtocol, err)
		}
	}
	return err
}
