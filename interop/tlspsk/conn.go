package tlspsk

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// Conn is a TLS 1.3 connection authenticated by an external PSK. It
// implements net.Conn. Read and Write may be called concurrently with each
// other; the handshake runs on first use or when Handshake is called.
type Conn struct {
	conn     net.Conn
	cfg      *Config
	isClient bool

	hsMu   sync.Mutex
	hsRan  bool
	hsErr  error
	hsDone atomic.Bool // set once the handshake has succeeded
	fatal  atomic.Bool // a fatal alert was sent or received

	// Negotiated parameters, written by the handshake before hsDone is set.
	suite          *cipherSuite
	identity       []byte
	exporterSecret []byte
	didRetry       bool
	transcript     transcript

	// Read side, guarded by in.
	in           sync.Mutex
	inHalf       halfConn
	rawBuf       []byte
	rawIn        []byte
	scratch      []byte
	hsBuf        []byte
	appBuf       []byte
	readErr      error
	ccsOK        bool
	ccsCount     int
	emptyRecords int
	earlySkip    int
	ticketsSeen  int // NewSessionTickets dropped, for tests

	// Write side, guarded by out.
	out        sync.Mutex
	outHalf    halfConn
	outBuf     []byte
	writeErr   error
	firstHello bool
	sentCCS    bool

	keyUpdatePending atomic.Bool
}

var _ net.Conn = (*Conn)(nil)

// Client returns a client-side connection over conn. The configuration is
// checked when the handshake runs.
func Client(conn net.Conn, cfg *Config) *Conn {
	return newConn(conn, cfg, true)
}

// Server returns a server-side connection over conn. The configuration is
// checked when the handshake runs.
func Server(conn net.Conn, cfg *Config) *Conn {
	return newConn(conn, cfg, false)
}

func newConn(conn net.Conn, cfg *Config, isClient bool) *Conn {
	c := &Conn{conn: conn, cfg: cfg, isClient: isClient}
	c.rawBuf = make([]byte, 0, recordHeaderLen+maxCiphertext)
	c.rawIn = c.rawBuf
	return c
}

// Handshake runs the handshake if it has not run yet and reports its
// result; later calls return the same result. It is bounded by
// Config.HandshakeTimeout and by ctx (deadline and cancellation). On
// failure the appropriate alert has been sent and the error is an
// *AlertError (or a timeout/transport error); the caller should Close.
// Handshake overrides any deadline set on the connection and clears it
// when done.
func (c *Conn) Handshake(ctx context.Context) error {
	c.hsMu.Lock()
	defer c.hsMu.Unlock()
	if c.hsRan {
		return c.hsErr
	}
	c.hsRan = true
	if ctx == nil {
		ctx = context.Background()
	}
	if err := c.cfg.validate(c.isClient); err != nil {
		c.hsErr = err
		return err
	}
	if err := ctx.Err(); err != nil {
		c.hsErr = fmt.Errorf("%w: %w", ErrHandshakeTimeout, err)
		return c.hsErr
	}

	deadline := c.cfg.now().Add(c.cfg.handshakeTimeout())
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	_ = c.conn.SetDeadline(deadline)
	stop := context.AfterFunc(ctx, func() {
		// Wake any blocked Read or Write of the handshake.
		_ = c.conn.SetDeadline(time.Unix(1, 0))
	})

	c.in.Lock()
	c.out.Lock()
	var err error
	if c.isClient {
		err = c.clientHandshake()
	} else {
		err = c.serverHandshake()
	}
	err = c.finishLocked(err)
	if err == nil {
		c.hsDone.Store(true)
	} else {
		c.readErr, c.writeErr = err, err
	}
	c.out.Unlock()
	c.in.Unlock()

	stop()
	_ = c.conn.SetDeadline(time.Time{})
	if isTimeout(err) {
		if ctx.Err() != nil {
			err = fmt.Errorf("%w: %w", ErrHandshakeTimeout, ctx.Err())
		} else {
			err = fmt.Errorf("%w: %w", ErrHandshakeTimeout, err)
		}
	}
	c.hsErr = err
	return err
}

// finishLocked turns an internal protocol error into an *AlertError after
// sending its alert; the caller holds both c.in and c.out.
func (c *Conn) finishLocked(err error) error {
	if err == nil {
		return nil
	}
	var pe *protoError
	if errors.As(err, &pe) {
		c.fatal.Store(true)
		c.sendAlertLocked(pe.alert)
		return &AlertError{Alert: pe.alert, Err: pe.err}
	}
	var ae *AlertError
	if errors.As(err, &ae) && ae.Remote {
		c.fatal.Store(true)
		return err
	}
	if errors.Is(err, io.EOF) {
		// close_notify during the handshake.
		return fmt.Errorf("%w: peer closed during the handshake", ErrHandshakeFailure)
	}
	return err
}

// handshakeFirst runs the handshake for Read and Write.
func (c *Conn) handshakeFirst() error {
	if c.hsDone.Load() {
		return nil
	}
	return c.Handshake(context.Background())
}

// Read reads application data. It returns io.EOF after the peer's
// close_notify and ErrTruncated if the transport ends without one.
// Post-handshake messages are handled here: NewSessionTicket is ignored,
// KeyUpdate rotates the read key and, when asked, queues our own KeyUpdate.
func (c *Conn) Read(b []byte) (int, error) {
	if err := c.handshakeFirst(); err != nil {
		return 0, err
	}
	if len(b) == 0 {
		return 0, nil
	}
	c.in.Lock()
	defer c.in.Unlock()
	for {
		if len(c.appBuf) > 0 {
			n := copy(b, c.appBuf)
			c.appBuf = c.appBuf[n:]
			return n, nil
		}
		if c.readErr != nil {
			return 0, c.readErr
		}
		msg, err := c.nextHandshakeMessage()
		if err == nil && msg != nil {
			err = c.handlePostHandshake(msg)
		} else if err == nil {
			err = c.readNext()
		}
		if err != nil {
			if isTimeout(err) {
				// Partial input is kept; the Read can be retried.
				return 0, err
			}
			c.readErr = c.readFailure(err)
		}
	}
}

// readFailure maps a read-side error, sending the alert a protoError calls
// for. The caller holds c.in.
func (c *Conn) readFailure(err error) error {
	var pe *protoError
	switch {
	case errors.Is(err, io.EOF):
		return io.EOF
	case errors.As(err, &pe):
		ae := &AlertError{Alert: pe.alert, Err: pe.err}
		c.fatal.Store(true)
		c.out.Lock()
		c.sendAlertLocked(pe.alert)
		c.writeErr = ae
		c.out.Unlock()
		return ae
	}
	var ae *AlertError
	if errors.As(err, &ae) && ae.Remote {
		c.fatal.Store(true)
	}
	return err
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// handlePostHandshake processes a handshake message received after the
// handshake (RFC 8446 §4.6). The caller holds c.in.
func (c *Conn) handlePostHandshake(msg []byte) error {
	switch msg[0] {
	case typeNewSessionTicket:
		if !c.isClient {
			return errUnexpected("NewSessionTicket from a client")
		}
		// Resumption is not implemented: check the framing and drop it.
		c.ticketsSeen++
		return parseNewSessionTicket(msg)
	case typeKeyUpdate:
		body := handshakeBody(msg)
		if len(body) != 1 {
			return errDecode("KeyUpdate of %d bytes", len(body))
		}
		if body[0] > 1 {
			return errIllegal("KeyUpdate request_update %d", body[0])
		}
		if err := c.requireRecordBoundary(); err != nil {
			return err
		}
		if err := c.inHalf.setKey(c.suite, nextTrafficSecret(c.inHalf.secret)); err != nil {
			return err
		}
		if body[0] == 1 {
			// Our answer goes out before our next record (RFC 8446
			// §4.6.3 asks for it before the next application data), so
			// Read never blocks on the write side.
			c.keyUpdatePending.Store(true)
		}
		return nil
	}
	return errUnexpected("post-handshake message type %d", msg[0])
}

// flushKeyUpdateLocked sends a pending KeyUpdate(update_not_requested). The
// caller holds c.out.
func (c *Conn) flushKeyUpdateLocked() error {
	if !c.keyUpdatePending.Load() || c.writeErr != nil {
		return nil
	}
	return c.sendKeyUpdateLocked(false)
}

// sendKeyUpdateLocked sends a KeyUpdate under the current key and then
// rotates the write key (RFC 8446 §4.6.3, §7.2).
func (c *Conn) sendKeyUpdateLocked(requestPeer bool) error {
	var req byte
	if requestPeer {
		req = 1
	}
	if err := c.appendRecord(recordHandshake, marshalHandshake(typeKeyUpdate, []byte{req})); err != nil {
		return err
	}
	if err := c.flush(); err != nil {
		return err
	}
	// Any update of ours answers a pending request from the peer.
	c.keyUpdatePending.Store(false)
	return c.outHalf.setKey(c.suite, nextTrafficSecret(c.outHalf.secret))
}

// KeyUpdate rotates this side's write key. With requestPeer the peer is
// asked to rotate its own write key too; its KeyUpdate is processed by Read.
func (c *Conn) KeyUpdate(requestPeer bool) error {
	if err := c.handshakeFirst(); err != nil {
		return err
	}
	c.out.Lock()
	defer c.out.Unlock()
	if c.writeErr != nil {
		return c.writeErr
	}
	return c.sendKeyUpdateLocked(requestPeer)
}

// Write sends application data, split into records of at most
// Config.MaxRecordSize bytes.
func (c *Conn) Write(b []byte) (int, error) {
	if err := c.handshakeFirst(); err != nil {
		return 0, err
	}
	c.out.Lock()
	defer c.out.Unlock()
	if c.writeErr != nil {
		return 0, c.writeErr
	}
	if err := c.flushKeyUpdateLocked(); err != nil {
		return 0, err
	}
	n := 0
	for len(b) > 0 {
		if c.outHalf.seq >= autoKeyUpdateAt {
			if err := c.sendKeyUpdateLocked(false); err != nil {
				return n, err
			}
		}
		chunk := b
		if limit := 8 * c.cfg.maxRecord(); len(chunk) > limit {
			chunk = chunk[:limit]
		}
		if err := c.appendRecord(recordApplicationData, chunk); err != nil {
			return n, err
		}
		if err := c.flush(); err != nil {
			return n, err
		}
		n += len(chunk)
		b = b[len(chunk):]
	}
	return n, nil
}

// CloseWrite sends close_notify; later Writes fail with ErrClosed while
// Read keeps working until the peer closes.
func (c *Conn) CloseWrite() error {
	if !c.hsDone.Load() {
		return fmt.Errorf("%w: CloseWrite before the handshake completed", ErrClosed)
	}
	c.out.Lock()
	defer c.out.Unlock()
	return c.closeNotifyLocked()
}

func (c *Conn) closeNotifyLocked() error {
	if c.writeErr != nil {
		if errors.Is(c.writeErr, ErrClosed) {
			return nil
		}
		return c.writeErr
	}
	_ = c.flushKeyUpdateLocked()
	c.sendAlertLocked(AlertCloseNotify)
	c.writeErr = ErrClosed
	return nil
}

// Close sends close_notify (after a completed handshake, and unless a Write
// is blocked at that moment or a fatal alert ended the connection) and
// closes the transport.
func (c *Conn) Close() error {
	if c.hsDone.Load() && !c.fatal.Load() && c.out.TryLock() {
		_ = c.conn.SetWriteDeadline(time.Now().Add(5 * time.Second))
		_ = c.closeNotifyLocked()
		c.out.Unlock()
	}
	return c.conn.Close()
}

// LocalAddr returns the transport's local address.
func (c *Conn) LocalAddr() net.Addr { return c.conn.LocalAddr() }

// RemoteAddr returns the transport's remote address.
func (c *Conn) RemoteAddr() net.Addr { return c.conn.RemoteAddr() }

// SetDeadline sets the transport's read and write deadlines.
func (c *Conn) SetDeadline(t time.Time) error { return c.conn.SetDeadline(t) }

// SetReadDeadline sets the transport's read deadline. A Read that times out
// can be retried.
func (c *Conn) SetReadDeadline(t time.Time) error { return c.conn.SetReadDeadline(t) }

// SetWriteDeadline sets the transport's write deadline. A Write that times
// out may have sent part of a record, so later Writes fail.
func (c *Conn) SetWriteDeadline(t time.Time) error { return c.conn.SetWriteDeadline(t) }

// NetConn returns the underlying transport.
func (c *Conn) NetConn() net.Conn { return c.conn }

// ConnectionState describes a connection after its handshake.
type ConnectionState struct {
	// HandshakeComplete is true once the handshake has succeeded; the other
	// fields are meaningful only then.
	HandshakeComplete bool
	// Version is always VersionTLS13.
	Version uint16
	// CipherSuite is the negotiated suite.
	CipherSuite uint16
	// PSKIdentity is the identity of the PSK in use.
	PSKIdentity []byte
	// DidHelloRetryRequest reports whether a HelloRetryRequest was exchanged.
	DidHelloRetryRequest bool

	exporterSecret []byte
}

// ConnectionState returns the negotiated parameters.
func (c *Conn) ConnectionState() ConnectionState {
	if !c.hsDone.Load() {
		return ConnectionState{}
	}
	return ConnectionState{
		HandshakeComplete:    true,
		Version:              VersionTLS13,
		CipherSuite:          c.suite.id,
		PSKIdentity:          append([]byte(nil), c.identity...),
		DidHelloRetryRequest: c.didRetry,
		exporterSecret:       c.exporterSecret,
	}
}

// ExportKeyingMaterial returns length bytes of keying material for label
// and context per RFC 8446 §7.5 (the RFC 5705 exporter of TLS 1.3). A nil
// context equals an empty one. length may be 0..8160.
func (cs ConnectionState) ExportKeyingMaterial(label string, context []byte, length int) ([]byte, error) {
	if !cs.HandshakeComplete || cs.exporterSecret == nil {
		return nil, fmt.Errorf("%w: handshake not complete", ErrExporter)
	}
	if length < 0 || length > 255*hashLen {
		return nil, fmt.Errorf("%w: length %d", ErrExporter, length)
	}
	out, err := exportKeyingMaterial(cs.exporterSecret, label, context, length)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrExporter, err)
	}
	return out, nil
}
