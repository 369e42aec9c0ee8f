package channel

import (
	"crypto/hmac"
	"crypto/sha256"
	"fmt"
)

// Constants of the channel-binding mode, in which an ordinary TLS 1.3
// connection (authenticated by nothing else) is bound to the M-Pin login by
// a MAC over a TLS exporter value.
const (
	// ExporterLabel is the RFC 8446 section 7.5 exporter label; the exporter
	// context is empty (zero length) and the output is ExporterSize bytes.
	ExporterLabel = "EXPORTER-mpinkit channel v1 binding"
	// ExporterSize is the length of the exporter value.
	ExporterSize = 32
	// MACLabel is the first field of the MAC input.
	MACLabel = "mpinkit channel v1 binding mac"
	// MACSize is the length of a channel-binding MAC (HMAC-SHA256).
	MACSize = sha256.Size
)

// Role names the end of the connection a MAC speaks for. Its value is the
// byte that enters the MAC, so the client's MAC can never be replayed as the
// server's.
type Role byte

// The two roles.
const (
	RoleClient Role = 0x01
	RoleServer Role = 0x02
)

// String returns "client", "server" or a diagnostic for other values.
func (r Role) String() string {
	switch r {
	case RoleClient:
		return "client"
	case RoleServer:
		return "server"
	default:
		return fmt.Sprintf("Role(%#02x)", byte(r))
	}
}

// BindingMAC computes
//
//	HMAC-SHA256(bindingKey, MACLabel || role || exporter)
//
// where role is one byte (RoleClient or RoleServer) and exporter is the
// ExporterSize-byte value of the TLS exporter with ExporterLabel and an
// empty context. Both ends compute both roles' MACs: each sends its own and
// checks the peer's with VerifyBindingMAC.
func BindingMAC(bindingKey [BindingKeySize]byte, role Role, exporter []byte) ([MACSize]byte, error) {
	var out [MACSize]byte
	if role != RoleClient && role != RoleServer {
		return out, fmt.Errorf("%w: %s", ErrRole, role)
	}
	if len(exporter) != ExporterSize {
		return out, fmt.Errorf("%w: %d bytes, need %d", ErrExporter, len(exporter), ExporterSize)
	}
	m := hmac.New(sha256.New, bindingKey[:])
	m.Write([]byte(MACLabel))
	m.Write([]byte{byte(role)})
	m.Write(exporter)
	m.Sum(out[:0])
	return out, nil
}

// VerifyBindingMAC checks, in constant time, that mac is the BindingMAC of
// role over exporter. It returns nil on success, ErrBindingMAC for a wrong
// MAC (including one of the wrong length) and the errors of BindingMAC for
// bad parameters.
func VerifyBindingMAC(bindingKey [BindingKeySize]byte, role Role, exporter, mac []byte) error {
	want, err := BindingMAC(bindingKey, role, exporter)
	if err != nil {
		return err
	}
	if !hmac.Equal(want[:], mac) {
		return fmt.Errorf("%w (role %s)", ErrBindingMAC, role)
	}
	return nil
}
