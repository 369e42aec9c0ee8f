package channel

import "errors"

// Sentinel errors of the package. Every error returned here matches one of
// them under errors.Is; the returned error wraps it with the offending length.
var (
	// ErrShortKey reports an M-Pin session key shorter than MinKeySize bytes.
	ErrShortKey = errors.New("channel: session key too short")
	// ErrTranscript reports a transcript hash whose length is outside
	// [MinTranscriptSize, MaxTranscriptSize].
	ErrTranscript = errors.New("channel: transcript hash length out of range")
	// ErrSuite reports a suite or profile name that is empty or longer than
	// MaxSuiteSize bytes.
	ErrSuite = errors.New("channel: suite name length out of range")
	// ErrExporter reports a TLS exporter value that is not ExporterSize bytes.
	ErrExporter = errors.New("channel: exporter value has the wrong length")
	// ErrRole reports a Role that is neither RoleClient nor RoleServer.
	ErrRole = errors.New("channel: unknown role")
)

// ErrBindingMAC reports a channel-binding MAC that does not match the one
// computed from the binding key, the peer's role and the exporter value.
var ErrBindingMAC = errors.New("channel: channel-binding MAC does not verify")
