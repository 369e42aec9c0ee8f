package server

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/mpinkit/mpinkit/reference/channel"
)

// The echo protocol, run inside every channel (TLS-PSK, QUIC-PSK, QUIC
// binding) once it is open. It proves, inside this very connection, that
// both ends hold the channel keys of one login. With E the 32-byte TLS
// exporter value for EchoExporterLabel and an empty context:
//
//	request  (client -> server)  0x01 || be16(n) || payload (n bytes) || MAC_c (32)
//	reply    (server -> client)  0x02 || be16(n) || payload (the same)  || MAC_s (32)
//	refusal  (server -> client)  0x7f || u8(m) || error name (m ASCII bytes), then close
//
//	MAC_role = HMAC-SHA256(Keys.Binding, EchoMACLabel || role || be32(seq) || E || be16(n) || payload)
//
// role is 0x01 for the client's MAC and 0x02 for the server's, seq counts
// the requests of the connection from 0. The client sends requests one at a
// time, each after the previous reply, and ends by closing its sending
// side; n is at most MaxEchoPayload, and a connection carries at most
// MaxEchoFrames requests.

// Constants of the echo protocol.
const (
	EchoExporterLabel = "EXPORTER-mpinkit interop v1 echo"
	EchoMACLabel      = "mpinkit interop v1 echo"
	FrameRequest      = 0x01
	FrameReply        = 0x02
	FrameRefusal      = 0x7f
	MaxEchoPayload    = 4096
	MaxEchoFrames     = 1024
	echoMACSize       = sha256.Size
)

// Refusal names the server sends in a refusal frame.
const (
	RefuseBadMAC        = "BAD_MAC"
	RefuseProtocol      = "PROTOCOL"
	RefuseTooLarge      = "TOO_LARGE"
	RefuseTooManyFrames = "TOO_MANY_FRAMES"
)

// Errors of the echo protocol.
var (
	// ErrEchoProtocol reports a frame that breaks the protocol.
	ErrEchoProtocol = errors.New("echo: protocol violation")
	// ErrEchoMAC reports a MAC that does not verify: the peer does not hold
	// the same channel keys, or the connection is not the one it keyed.
	ErrEchoMAC = errors.New("echo: MAC does not verify")
)

// RefusedError is a refusal frame received from the server.
type RefusedError struct {
	// Name is the refusal's name (RefuseBadMAC, ...).
	Name string
}

// Error returns "echo: server refused: NAME".
func (e *RefusedError) Error() string { return "echo: server refused: " + e.Name }

// EchoMAC computes the MAC of one frame.
func EchoMAC(binding [channel.BindingKeySize]byte, role channel.Role, seq uint32, exporter, payload []byte) []byte {
	m := hmac.New(sha256.New, binding[:])
	m.Write([]byte(EchoMACLabel))
	var b [4]byte
	m.Write([]byte{byte(role)})
	binary.BigEndian.PutUint32(b[:], seq)
	m.Write(b[:])
	m.Write(exporter)
	binary.BigEndian.PutUint16(b[:2], uint16(len(payload)))
	m.Write(b[:2])
	m.Write(payload)
	return m.Sum(nil)
}

// Frame is one decoded echo frame.
type Frame struct {
	// Type is FrameRequest, FrameReply or FrameRefusal.
	Type byte
	// Payload is the echoed bytes, or the refusal name.
	Payload []byte
	// MAC is the frame's MAC (nil for a refusal).
	MAC []byte
}

// AppendFrame appends the encoding of f to b.
func AppendFrame(b []byte, f Frame) []byte {
	b = append(b, f.Type)
	if f.Type == FrameRefusal {
		b = append(b, byte(len(f.Payload)))
		return append(b, f.Payload...)
	}
	b = binary.BigEndian.AppendUint16(b, uint16(len(f.Payload)))
	b = append(b, f.Payload...)
	return append(b, f.MAC...)
}

// ReadFrame reads one frame from r. io.EOF before the first byte means the
// peer closed cleanly; anything else short or out of bounds is
// ErrEchoProtocol.
func ReadFrame(r io.Reader) (Frame, error) {
	var hdr [3]byte
	if _, err := io.ReadFull(r, hdr[:1]); err != nil {
		return Frame{}, err
	}
	f := Frame{Type: hdr[0]}
	switch f.Type {
	case FrameRefusal:
		if _, err := io.ReadFull(r, hdr[1:2]); err != nil {
			return f, fmt.Errorf("%w: refusal: %w", ErrEchoProtocol, err)
		}
		f.Payload = make([]byte, hdr[1])
		if _, err := io.ReadFull(r, f.Payload); err != nil {
			return f, fmt.Errorf("%w: refusal: %w", ErrEchoProtocol, err)
		}
		return f, nil
	case FrameRequest, FrameReply:
	default:
		return f, fmt.Errorf("%w: frame type %#02x", ErrEchoProtocol, f.Type)
	}
	if _, err := io.ReadFull(r, hdr[1:3]); err != nil {
		return f, fmt.Errorf("%w: frame header: %w", ErrEchoProtocol, err)
	}
	n := int(binary.BigEndian.Uint16(hdr[1:3]))
	if n > MaxEchoPayload {
		return f, fmt.Errorf("%w: payload of %d bytes", errTooLarge, n)
	}
	buf := make([]byte, n+echoMACSize)
	if _, err := io.ReadFull(r, buf); err != nil {
		return f, fmt.Errorf("%w: frame body: %w", ErrEchoProtocol, err)
	}
	f.Payload, f.MAC = buf[:n], buf[n:]
	return f, nil
}

// errTooLarge is an ErrEchoProtocol for an oversized payload.
var errTooLarge = fmt.Errorf("%w: too large", ErrEchoProtocol)

// EchoClient runs the client side of the echo protocol on an open
// channel. Not safe for concurrent use.
type EchoClient struct {
	rw       io.ReadWriter
	binding  [channel.BindingKeySize]byte
	exporter []byte
	seq      uint32
}

// NewEchoClient returns an echo client over rw, a channel keyed by keys
// whose exporter value for EchoExporterLabel is exporter.
func NewEchoClient(rw io.ReadWriter, keys channel.Keys, exporter []byte) *EchoClient {
	return &EchoClient{rw: rw, binding: keys.Binding, exporter: bytes.Clone(exporter)}
}

// Echo sends payload (at most MaxEchoPayload bytes) and waits for the
// reply; it checks the server's MAC and that the payload came back
// unchanged.
func (c *EchoClient) Echo(payload []byte) error {
	if len(payload) > MaxEchoPayload {
		return fmt.Errorf("echo: payload of %d bytes, at most %d", len(payload), MaxEchoPayload)
	}
	if c.seq >= MaxEchoFrames {
		return fmt.Errorf("echo: at most %d requests per connection", MaxEchoFrames)
	}
	mac := EchoMAC(c.binding, channel.RoleClient, c.seq, c.exporter, payload)
	if _, err := c.rw.Write(AppendFrame(nil, Frame{Type: FrameRequest, Payload: payload, MAC: mac})); err != nil {
		return fmt.Errorf("echo: sending: %w", err)
	}
	f, err := ReadFrame(c.rw)
	if err != nil {
		if errors.Is(err, io.EOF) {
			err = fmt.Errorf("%w: connection closed before the reply", ErrEchoProtocol)
		}
		return err
	}
	switch f.Type {
	case FrameRefusal:
		return &RefusedError{Name: string(f.Payload)}
	case FrameReply:
	default:
		return fmt.Errorf("%w: frame type %#02x from the server", ErrEchoProtocol, f.Type)
	}
	want := EchoMAC(c.binding, channel.RoleServer, c.seq, c.exporter, f.Payload)
	if !hmac.Equal(want, f.MAC) {
		return ErrEchoMAC
	}
	if !bytes.Equal(f.Payload, payload) {
		return fmt.Errorf("%w: the reply differs from the request", ErrEchoProtocol)
	}
	c.seq++
	return nil
}

// Requests returns the number of requests answered so far.
func (c *EchoClient) Requests() int { return int(c.seq) }

// deadliner is the deadline part of net.Conn.
type deadliner interface {
	SetReadDeadline(time.Time) error
}

// serveEcho runs the server side of the echo protocol until the client
// closes its side, an error, or MaxEchoFrames requests. Each frame must
// arrive within idle. It returns the number of requests answered; on a
// violation it sends a refusal and returns the error.
func serveEcho(rw io.ReadWriter, keys *channel.Keys, exporter []byte, dl deadliner, idle time.Duration) (int, error) {
	var seq uint32
	refuse := func(name string, err error) (int, error) {
		_, _ = rw.Write(AppendFrame(nil, Frame{Type: FrameRefusal, Payload: []byte(name)}))
		return int(seq), err
	}
	for {
		if err := dl.SetReadDeadline(time.Now().Add(idle)); err != nil {
			return int(seq), err
		}
		f, err := ReadFrame(rw)
		switch {
		case err == nil:
		case errors.Is(err, io.EOF):
			return int(seq), nil
		case errors.Is(err, errTooLarge):
			return refuse(RefuseTooLarge, err)
		case errors.Is(err, ErrEchoProtocol):
			return refuse(RefuseProtocol, err)
		default:
			return int(seq), err
		}
		if f.Type != FrameRequest {
			return refuse(RefuseProtocol, fmt.Errorf("%w: frame type %#02x from the client", ErrEchoProtocol, f.Type))
		}
		if seq >= MaxEchoFrames {
			return refuse(RefuseTooManyFrames, fmt.Errorf("%w: more than %d requests", ErrEchoProtocol, MaxEchoFrames))
		}
		want := EchoMAC(keys.Binding, channel.RoleClient, seq, exporter, f.Payload)
		if !hmac.Equal(want, f.MAC) {
			return refuse(RefuseBadMAC, ErrEchoMAC)
		}
		mac := EchoMAC(keys.Binding, channel.RoleServer, seq, exporter, f.Payload)
		if _, err := rw.Write(AppendFrame(nil, Frame{Type: FrameReply, Payload: f.Payload, MAC: mac})); err != nil {
			return int(seq), err
		}
		seq++
	}
}
