package quicchan

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"time"

	"github.com/quic-go/quic-go"

	"github.com/mpinkit/mpinkit/reference/channel"
)

// The opening message on the channel stream (see doc.go for the layout).
const (
	// openingVersion is the first byte the client sends on the stream.
	openingVersion byte = 0x01
	// bindingOpeningSize is the client's opening message in ModeBinding:
	// version, identity, client MAC.
	bindingOpeningSize = 1 + channel.IdentitySize + channel.MACSize
	// maxDrain bounds what Close reads and discards while it waits for the
	// peer to finish.
	maxDrain = 1 << 20
)

// Conn is one secure channel: a QUIC connection keyed by an M-Pin login,
// with one bidirectional stream that Read and Write use. It is an
// io.ReadWriteCloser. Read and Write may be called from two goroutines at
// once; neither may be called concurrently with itself.
type Conn struct {
	qc       *quic.Conn
	st       *quic.Stream
	mode     Mode
	role     channel.Role
	identity [channel.IdentitySize]byte
	linger   time.Duration
	cleanup  func() // client: closes the transport and the socket

	closeOnce sync.Once
	closeErr  error
}

// Read reads application data from the channel stream. It returns io.EOF
// once the peer has closed its side (CloseWrite or Close). An error caused
// by the peer closing the connection with one of this package's codes
// matches the corresponding sentinel error.
func (c *Conn) Read(p []byte) (int, error) {
	n, err := c.st.Read(p)
	if err != nil && err != io.EOF {
		err = remoteError(err)
	}
	return n, err
}

// Write writes application data to the channel stream.
func (c *Conn) Write(p []byte) (int, error) {
	n, err := c.st.Write(p)
	if err != nil {
		err = remoteError(err)
	}
	return n, err
}

// CloseWrite closes the sending side of the stream: the peer reads io.EOF
// after the data already written. Reading is still possible.
func (c *Conn) CloseWrite() error { return c.st.Close() }

// SetDeadline sets the read and write deadlines of the stream, as
// net.Conn.SetDeadline does.
func (c *Conn) SetDeadline(t time.Time) error { return c.st.SetDeadline(t) }

// SetReadDeadline sets the read deadline of the stream.
func (c *Conn) SetReadDeadline(t time.Time) error { return c.st.SetReadDeadline(t) }

// SetWriteDeadline sets the write deadline of the stream.
func (c *Conn) SetWriteDeadline(t time.Time) error { return c.st.SetWriteDeadline(t) }

// Identity returns a copy of the PSK identity the channel is keyed by.
func (c *Conn) Identity() []byte { return append([]byte(nil), c.identity[:]...) }

// Mode returns the channel's mode.
func (c *Conn) Mode() Mode { return c.mode }

// ConnectionState returns the TLS state of the QUIC handshake (DidResume,
// CurveID, NegotiatedProtocol, ExportKeyingMaterial, ...).
func (c *Conn) ConnectionState() tls.ConnectionState { return c.qc.ConnectionState().TLS }

// LocalAddr returns the local UDP address.
func (c *Conn) LocalAddr() net.Addr { return c.qc.LocalAddr() }

// RemoteAddr returns the peer's UDP address.
func (c *Conn) RemoteAddr() net.Addr { return c.qc.RemoteAddr() }

// Context is done when the QUIC connection is closed, by either side.
func (c *Conn) Context() context.Context { return c.qc.Context() }

// Close ends the channel without losing data in flight, waiting at most the
// configured Linger in all:
//
//   - the client closes its side of the stream, reads (and discards) until
//     the server's side ends, then closes the connection;
//   - the server reads (and discards) until the client's side ends, closes
//     its side, then waits for the client to close the connection.
//
// So whichever way round the two ends call Close, everything written
// before it is delivered, and the client, which has then read all the
// server wrote, is the one that closes the connection. Close releases all
// resources even when the wait times out. It is safe to call more than
// once; only the first call does anything. Data that arrives while Close
// waits is discarded (a Read running at the same time may get part of it).
//
// Read and Write block at most until the deadlines set with SetDeadline,
// or until the connection dies (the peer closes it, or it sits idle for
// IdleTimeout).
func (c *Conn) Close() error {
	c.closeOnce.Do(func() {
		deadline := time.Now().Add(c.linger)
		if c.role == channel.RoleClient {
			_ = c.st.Close()
			c.drain(deadline)
		} else {
			c.drain(deadline)
			_ = c.st.Close()
			t := time.NewTimer(time.Until(deadline))
			select {
			case <-c.qc.Context().Done():
			case <-t.C:
			}
			t.Stop()
		}
		c.closeErr = c.qc.CloseWithError(CodeNoError, "")
		if c.cleanup != nil {
			c.cleanup()
		}
	})
	return c.closeErr
}

// abort closes the connection at once with code, and releases resources.
func (c *Conn) abort(code quic.ApplicationErrorCode, msg string) {
	c.closeOnce.Do(func() {
		c.closeErr = c.qc.CloseWithError(code, msg)
		if c.cleanup != nil {
			c.cleanup()
		}
	})
}

// drain reads and discards until the peer's side of the stream ends, an
// error, maxDrain bytes or the deadline.
func (c *Conn) drain(deadline time.Time) {
	if err := c.st.SetReadDeadline(deadline); err != nil {
		return
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(c.st, maxDrain))
}

// setDeadlineFrom applies ctx's deadline (if any) to the stream.
func setDeadlineFrom(ctx context.Context, st *quic.Stream) error {
	if dl, ok := ctx.Deadline(); ok {
		return st.SetDeadline(dl)
	}
	return nil
}

// exporter returns the channel-binding exporter value of qc.
func exporter(qc *quic.Conn) ([]byte, error) {
	cs := qc.ConnectionState().TLS
	e, err := cs.ExportKeyingMaterial(channel.ExporterLabel, nil, channel.ExporterSize)
	if err != nil {
		return nil, fmt.Errorf("quicchan: TLS exporter: %w", err)
	}
	return e, nil
}

// openClient runs the client's side of the opening exchange on a fresh
// stream: in ModePSK it sends the version byte; in ModeBinding it sends
// version, identity and its MAC, then reads and checks the server's MAC.
// On failure it returns the error and the code to close the connection
// with.
func openClient(ctx context.Context, qc *quic.Conn, mode Mode, keys *channel.Keys) (*quic.Stream, quic.ApplicationErrorCode, error) {
	if mode == ModePSK && !qc.ConnectionState().TLS.DidResume {
		// VerifyConnection already refuses this; checked again here so
		// the guarantee does not rest on one callback.
		return nil, CodeProtocol, fmt.Errorf("%w: %w", ErrProtocol, ErrFullHandshake)
	}
	st, err := qc.OpenStreamSync(ctx)
	if err != nil {
		return nil, CodeProtocol, fmt.Errorf("quicchan: opening the stream: %w", remoteError(err))
	}
	if err := setDeadlineFrom(ctx, st); err != nil {
		return nil, CodeProtocol, err
	}
	msg := make([]byte, 1, bindingOpeningSize)
	msg[0] = openingVersion
	var ekm []byte
	if mode == ModeBinding {
		if ekm, err = exporter(qc); err != nil {
			return nil, CodeProtocol, err
		}
		mac, err := channel.BindingMAC(keys.Binding, channel.RoleClient, ekm)
		if err != nil {
			return nil, CodeProtocol, err
		}
		msg = append(msg, keys.Identity[:]...)
		msg = append(msg, mac[:]...)
	}
	if _, err := st.Write(msg); err != nil {
		return nil, CodeProtocol, fmt.Errorf("quicchan: sending the opening message: %w", remoteError(err))
	}
	if mode == ModeBinding {
		var smac [channel.MACSize]byte
		if _, err := io.ReadFull(st, smac[:]); err != nil {
			err = remoteError(err)
			if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
				err = fmt.Errorf("%w: short server MAC: %w", ErrProtocol, err)
			}
			return nil, CodeProtocol, fmt.Errorf("quicchan: reading the server's MAC: %w", err)
		}
		if err := channel.VerifyBindingMAC(keys.Binding, channel.RoleServer, ekm, smac[:]); err != nil {
			return nil, CodeBindingFailed, fmt.Errorf("%w: %w", ErrBinding, err)
		}
	}
	if err := st.SetDeadline(time.Time{}); err != nil {
		return nil, CodeProtocol, err
	}
	return st, CodeNoError, nil
}

// openServer runs the server's side of the opening exchange on the first
// stream the client opens. It returns the stream and the identity, or the
// code to close the connection with and an error for the log.
func openServer(ctx context.Context, qc *quic.Conn, mode Mode, lookup func([]byte) (channel.Keys, bool)) (*quic.Stream, []byte, quic.ApplicationErrorCode, error) {
	st, err := qc.AcceptStream(ctx)
	if err != nil {
		return nil, nil, CodeProtocol, fmt.Errorf("%w: no stream: %w", ErrProtocol, err)
	}
	if err := setDeadlineFrom(ctx, st); err != nil {
		return nil, nil, CodeProtocol, err
	}
	identity, clientMAC, err := readOpening(st, mode)
	if err != nil {
		return nil, nil, CodeProtocol, err
	}
	switch mode {
	case ModePSK:
		ci, _ := contextInfo(qc.Context())
		if ci != nil {
			identity = ci.getIdentity()
		}
		if !qc.ConnectionState().TLS.DidResume || len(identity) != channel.IdentitySize {
			return nil, nil, CodeProtocol, fmt.Errorf("%w: PSK connection without a resumed session", ErrProtocol)
		}
	case ModeBinding:
		keys, ok := lookup(identity)
		if !ok {
			return nil, identity, CodeUnknownIdentity, ErrUnknownIdentity
		}
		defer keys.Wipe()
		ekm, err := exporter(qc)
		if err != nil {
			return nil, identity, CodeProtocol, err
		}
		if err := channel.VerifyBindingMAC(keys.Binding, channel.RoleClient, ekm, clientMAC); err != nil {
			return nil, identity, CodeBindingFailed, fmt.Errorf("%w: %w", ErrBinding, err)
		}
		mac, err := channel.BindingMAC(keys.Binding, channel.RoleServer, ekm)
		if err != nil {
			return nil, identity, CodeProtocol, err
		}
		if _, err := st.Write(mac[:]); err != nil {
			return nil, identity, CodeProtocol, fmt.Errorf("quicchan: sending the server MAC: %w", err)
		}
	}
	if err := st.SetDeadline(time.Time{}); err != nil {
		return nil, identity, CodeProtocol, err
	}
	return st, identity, CodeNoError, nil
}

// readOpening reads the client's opening message from r: the version byte
// and, in ModeBinding, the identity and the client's MAC (nil in ModePSK).
// It reads exactly the message's length, never more, so application data
// that follows stays in r.
func readOpening(r io.Reader, mode Mode) (identity, mac []byte, err error) {
	var version [1]byte
	if _, err := io.ReadFull(r, version[:]); err != nil {
		return nil, nil, fmt.Errorf("%w: reading the opening message: %w", ErrProtocol, err)
	}
	if version[0] != openingVersion {
		return nil, nil, fmt.Errorf("%w: opening version %#02x", ErrProtocol, version[0])
	}
	if mode != ModeBinding {
		return nil, nil, nil
	}
	rest := make([]byte, bindingOpeningSize-1)
	if _, err := io.ReadFull(r, rest); err != nil {
		return nil, nil, fmt.Errorf("%w: reading the opening message: %w", ErrProtocol, err)
	}
	return rest[:channel.IdentitySize], rest[channel.IdentitySize:], nil
}
