package tlspsk

import (
	"errors"
	"fmt"
)

// Alert is a TLS alert description (RFC 8446 §6). In TLS 1.3 every alert
// other than close_notify and user_canceled is fatal.
type Alert uint8

// The alert descriptions this package sends or recognises (RFC 8446 §6.2).
const (
	AlertCloseNotify          Alert = 0
	AlertUnexpectedMessage    Alert = 10
	AlertBadRecordMAC         Alert = 20
	AlertRecordOverflow       Alert = 22
	AlertHandshakeFailure     Alert = 40
	AlertIllegalParameter     Alert = 47
	AlertDecodeError          Alert = 50
	AlertDecryptError         Alert = 51
	AlertProtocolVersion      Alert = 70
	AlertInternalError        Alert = 80
	AlertUserCanceled         Alert = 90
	AlertMissingExtension     Alert = 109
	AlertUnsupportedExtension Alert = 110
	AlertUnknownPSKIdentity   Alert = 115
)

var alertNames = map[Alert]string{
	AlertCloseNotify:          "close_notify",
	AlertUnexpectedMessage:    "unexpected_message",
	AlertBadRecordMAC:         "bad_record_mac",
	AlertRecordOverflow:       "record_overflow",
	AlertHandshakeFailure:     "handshake_failure",
	AlertIllegalParameter:     "illegal_parameter",
	AlertDecodeError:          "decode_error",
	AlertDecryptError:         "decrypt_error",
	AlertProtocolVersion:      "protocol_version",
	AlertInternalError:        "internal_error",
	AlertUserCanceled:         "user_canceled",
	AlertMissingExtension:     "missing_extension",
	AlertUnsupportedExtension: "unsupported_extension",
	AlertUnknownPSKIdentity:   "unknown_psk_identity",
	// Descriptions we never send but may receive from a peer.
	42:  "bad_certificate",
	43:  "unsupported_certificate",
	44:  "certificate_revoked",
	45:  "certificate_expired",
	46:  "certificate_unknown",
	48:  "unknown_ca",
	49:  "access_denied",
	71:  "insufficient_security",
	86:  "inappropriate_fallback",
	112: "unrecognized_name",
	113: "bad_certificate_status_response",
	116: "certificate_required",
	120: "no_application_protocol",
}

// String returns the RFC name of the alert, or "alert(N)" for unknown values.
func (a Alert) String() string {
	if s, ok := alertNames[a]; ok {
		return s
	}
	return fmt.Sprintf("alert(%d)", uint8(a))
}

// Sentinel errors. Handshake and record failures are reported as an
// *AlertError whose Err wraps one of these, so both errors.Is(err, ErrX) and
// errors.As(err, &alertErr) work.
var (
	// ErrConfig reports an unusable Config (missing PSK, bad sizes, unknown
	// cipher suite).
	ErrConfig = errors.New("tlspsk: invalid config")
	// ErrDecode reports a message or record that does not parse (decode_error).
	ErrDecode = errors.New("tlspsk: malformed message")
	// ErrIllegalParameter reports a well-formed field with a forbidden value
	// (illegal_parameter).
	ErrIllegalParameter = errors.New("tlspsk: illegal parameter")
	// ErrUnexpectedMessage reports a message or record type that is not
	// allowed at this point of the protocol (unexpected_message).
	ErrUnexpectedMessage = errors.New("tlspsk: unexpected message")
	// ErrRecordOverflow reports a record longer than RFC 8446 §5 allows
	// (record_overflow).
	ErrRecordOverflow = errors.New("tlspsk: record overflow")
	// ErrBadRecordMAC reports a record that failed AEAD authentication
	// (bad_record_mac).
	ErrBadRecordMAC = errors.New("tlspsk: record authentication failed")
	// ErrProtocolVersion reports a peer that does not speak TLS 1.3
	// (protocol_version).
	ErrProtocolVersion = errors.New("tlspsk: peer does not support TLS 1.3")
	// ErrHandshakeFailure reports that no acceptable parameters could be
	// negotiated (handshake_failure).
	ErrHandshakeFailure = errors.New("tlspsk: handshake failure")
	// ErrNoPSK reports a ClientHello without a pre_shared_key extension, or a
	// ServerHello that did not select the PSK: certificate handshakes are not
	// supported.
	ErrNoPSK = errors.New("tlspsk: peer did not offer or accept a PSK")
	// ErrNoDHE reports a ClientHello whose psk_key_exchange_modes lacks
	// psk_dhe_ke (for example psk_ke only).
	ErrNoDHE = errors.New("tlspsk: psk_dhe_ke not offered")
	// ErrMissingKeyShare reports a missing key_share or supported_groups
	// extension, or no usable X25519 share.
	ErrMissingKeyShare = errors.New("tlspsk: missing key share")
	// ErrUnknownIdentity reports that none of the offered PSK identities is
	// known to the server (unknown_psk_identity).
	ErrUnknownIdentity = errors.New("tlspsk: unknown PSK identity")
	// ErrBadBinder reports a PSK binder that does not verify (decrypt_error).
	// A wrong PSK shows up as this error.
	ErrBadBinder = errors.New("tlspsk: PSK binder mismatch")
	// ErrBadFinished reports a Finished message that does not verify
	// (decrypt_error).
	ErrBadFinished = errors.New("tlspsk: Finished mismatch")
	// ErrHandshakeTimeout reports that the handshake did not complete within
	// Config.HandshakeTimeout or the context's deadline.
	ErrHandshakeTimeout = errors.New("tlspsk: handshake timed out")
	// ErrClosed reports use of a connection after Close or CloseWrite.
	ErrClosed = errors.New("tlspsk: use of closed connection")
	// ErrTruncated reports that the transport ended without a close_notify
	// alert (a possible truncation attack).
	ErrTruncated = errors.New("tlspsk: connection ended without close_notify")
	// ErrExporter reports invalid exporter arguments or an exporter used
	// before the handshake completed.
	ErrExporter = errors.New("tlspsk: invalid exporter request")
)

// AlertError is a fatal protocol failure. When Remote is false this side
// detected the problem, sent Alert to the peer, and Err says why; when Remote
// is true the peer sent Alert and Err is nil.
type AlertError struct {
	Alert  Alert
	Remote bool
	Err    error
}

// Error implements error.
func (e *AlertError) Error() string {
	if e.Remote {
		return "tlspsk: peer sent alert " + e.Alert.String()
	}
	if e.Err == nil {
		return "tlspsk: sent alert " + e.Alert.String()
	}
	return e.Err.Error() + " (sent alert " + e.Alert.String() + ")"
}

// Unwrap returns the local cause, if any.
func (e *AlertError) Unwrap() error { return e.Err }

// protoError is the internal carrier of a failure together with the alert
// that must be sent for it; the public entry points turn it into an
// *AlertError once the alert has been written.
type protoError struct {
	alert Alert
	err   error
}

func (e *protoError) Error() string { return e.err.Error() }
func (e *protoError) Unwrap() error { return e.err }

// fail builds a protoError with a formatted cause that wraps base.
func fail(a Alert, base error, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	return &protoError{alert: a, err: fmt.Errorf("%w: %s", base, msg)}
}

// Shorthands for the common alert/error pairs.
func errDecode(format string, args ...any) error {
	return fail(AlertDecodeError, ErrDecode, format, args...)
}

func errIllegal(format string, args ...any) error {
	return fail(AlertIllegalParameter, ErrIllegalParameter, format, args...)
}

func errUnexpected(format string, args ...any) error {
	return fail(AlertUnexpectedMessage, ErrUnexpectedMessage, format, args...)
}
