package tlspsk

import (
	"crypto/cipher"
	"encoding/binary"
	"errors"
	"io"
)

// Record content types (RFC 8446 §5.1).
const (
	recordChangeCipherSpec uint8 = 20
	recordAlert            uint8 = 21
	recordHandshake        uint8 = 22
	recordApplicationData  uint8 = 23
)

const (
	recordHeaderLen = 5
	// maxCiphertext is the largest TLSCiphertext.length (2^14 + 256).
	maxCiphertext = MaxPlaintext + 256
	// maxCCS bounds the dummy change_cipher_spec records dropped per handshake.
	maxCCS = 4
	// maxEmptyRecords bounds consecutive records with no application bytes.
	maxEmptyRecords = 32
	// maxEarlySkip bounds the rejected 0-RTT bytes a server discards.
	maxEarlySkip = 1 << 16
	// autoKeyUpdateAt is the record count after which Write rotates its key,
	// well below the AES-GCM limit of RFC 8446 §5.5.
	autoKeyUpdateAt = 1 << 23
)

// halfConn is one direction of record protection.
type halfConn struct {
	suite  *cipherSuite
	aead   cipher.AEAD // nil while records are plaintext
	iv     [ivLen]byte
	seq    uint64
	secret []byte // current traffic secret, for KeyUpdate
}

// setKey installs the keys derived from a traffic secret and resets the
// sequence number (RFC 8446 §5.3).
func (h *halfConn) setKey(s *cipherSuite, secret []byte) error {
	key, iv := s.trafficKey(secret)
	aead, err := s.aead(key)
	if err != nil {
		return fail(AlertInternalError, ErrConfig, "AEAD setup: %v", err)
	}
	h.suite, h.aead, h.seq, h.secret = s, aead, 0, secret
	copy(h.iv[:], iv)
	return nil
}

// nonce is the per-record nonce: the IV XOR the 64-bit sequence number,
// left-padded to the IV length (RFC 8446 §5.3).
func (h *halfConn) nonce() []byte {
	var n [ivLen]byte
	copy(n[:], h.iv[:])
	var s [8]byte
	binary.BigEndian.PutUint64(s[:], h.seq)
	for i := 0; i < 8; i++ {
		n[ivLen-8+i] ^= s[i]
	}
	return n[:]
}

// fill makes at least n bytes available in c.rawIn, keeping partial data
// across transport timeouts.
func (c *Conn) fill(n int) error {
	for len(c.rawIn) < n {
		if cap(c.rawIn) < n {
			grown := make([]byte, len(c.rawIn), recordHeaderLen+maxCiphertext)
			copy(grown, c.rawIn)
			c.rawIn = grown
		}
		m, err := c.conn.Read(c.rawIn[len(c.rawIn):cap(c.rawIn)])
		c.rawIn = c.rawIn[:len(c.rawIn)+m]
		if len(c.rawIn) >= n {
			return nil
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				if len(c.rawIn) == 0 {
					return ErrTruncated
				}
				return errDecode("transport ended inside a record")
			}
			return err
		}
	}
	return nil
}

// consume drops n bytes from the front of c.rawIn.
func (c *Conn) consume(n int) {
	c.rawIn = c.rawIn[n:]
	if len(c.rawIn) == 0 {
		c.rawIn = c.rawBuf[:0]
	}
}

// readRecord returns the content type and plaintext of the next record,
// decrypting it when read keys are installed. It drops dummy
// change_cipher_spec records during the handshake and undecryptable early
// data a server has rejected. The returned slice is a copy.
func (c *Conn) readRecord() (uint8, []byte, error) {
	for {
		if err := c.fill(recordHeaderLen); err != nil {
			return 0, nil, err
		}
		hdr := c.rawIn[:recordHeaderLen]
		typ := hdr[0]
		n := int(binary.BigEndian.Uint16(hdr[3:5]))
		switch typ {
		case recordChangeCipherSpec, recordAlert, recordHandshake, recordApplicationData:
		default:
			return 0, nil, errUnexpected("unknown record type %d", typ)
		}
		if hdr[1] != 3 {
			return 0, nil, errDecode("record version 0x%02x%02x is not TLS", hdr[1], hdr[2])
		}
		limit := MaxPlaintext
		if typ == recordApplicationData {
			// Protected records, and skipped 0-RTT records before our
			// keys are in place, may carry up to 256 bytes of expansion.
			limit = maxCiphertext
		}
		if n > limit {
			return 0, nil, fail(AlertRecordOverflow, ErrRecordOverflow, "record of %d bytes", n)
		}
		if err := c.fill(recordHeaderLen + n); err != nil {
			return 0, nil, err
		}
		rec := c.rawIn[:recordHeaderLen+n]
		body := rec[recordHeaderLen:]

		if typ == recordChangeCipherSpec {
			// RFC 8446 §5: one byte 0x01, unprotected, during the handshake.
			if n != 1 || body[0] != 1 || !c.ccsOK {
				return 0, nil, errUnexpected("change_cipher_spec record")
			}
			c.ccsCount++
			if c.ccsCount > maxCCS {
				return 0, nil, errUnexpected("too many change_cipher_spec records")
			}
			c.consume(len(rec))
			continue
		}

		if c.inHalf.aead == nil || (typ == recordAlert && !c.hsDone.Load()) {
			// Plaintext. A peer that fails while its keys lag behind ours
			// sends a plaintext alert during the handshake; accept it.
			if typ == recordApplicationData {
				if c.earlySkip >= n {
					// Early data after a HelloRetryRequest (RFC 8446 §4.2.10).
					c.earlySkip -= n
					c.consume(len(rec))
					continue
				}
				return 0, nil, errUnexpected("unprotected application data")
			}
			out := append([]byte(nil), body...)
			c.consume(len(rec))
			return typ, out, nil
		}

		if typ != recordApplicationData {
			return 0, nil, errUnexpected("unprotected record of type %d after key change", typ)
		}
		plain, err := c.inHalf.aead.Open(c.scratch[:0], c.inHalf.nonce(), body, rec[:recordHeaderLen])
		if err != nil {
			if c.earlySkip >= n {
				// Rejected 0-RTT data under the early key (RFC 8446 §4.2.10).
				c.earlySkip -= n
				c.consume(len(rec))
				continue
			}
			return 0, nil, fail(AlertBadRecordMAC, ErrBadRecordMAC, "record %d", c.inHalf.seq)
		}
		c.scratch = plain[:0]
		c.earlySkip = 0
		c.inHalf.seq++
		c.consume(len(rec))
		if len(plain) > MaxPlaintext+1 {
			return 0, nil, fail(AlertRecordOverflow, ErrRecordOverflow, "inner plaintext of %d bytes", len(plain))
		}
		// TLSInnerPlaintext: content || type || zeros (RFC 8446 §5.4).
		i := len(plain) - 1
		for i >= 0 && plain[i] == 0 {
			i--
		}
		if i < 0 {
			return 0, nil, errUnexpected("record without content type")
		}
		inner := plain[i]
		switch inner {
		case recordAlert, recordHandshake, recordApplicationData:
		default:
			return 0, nil, errUnexpected("protected record of type %d", inner)
		}
		return inner, append([]byte(nil), plain[:i]...), nil
	}
}

// readNext reads one record and routes it: handshake bytes to c.hsBuf,
// application data to c.appBuf, alerts are acted upon.
func (c *Conn) readNext() error {
	typ, data, err := c.readRecord()
	if err != nil {
		return err
	}
	switch typ {
	case recordAlert:
		if len(c.hsBuf) > 0 {
			return errUnexpected("alert inside a fragmented handshake message")
		}
		if len(data) != 2 {
			return errDecode("alert of %d bytes", len(data))
		}
		switch Alert(data[1]) {
		case AlertCloseNotify:
			return io.EOF
		case AlertUserCanceled:
			return c.countEmpty()
		}
		return &AlertError{Alert: Alert(data[1]), Remote: true}
	case recordHandshake:
		if len(data) == 0 {
			return errUnexpected("empty handshake record")
		}
		if len(c.hsBuf)+len(data) > 4+maxHandshakeLen {
			return errIllegal("handshake message too long")
		}
		c.hsBuf = append(c.hsBuf, data...)
		c.emptyRecords = 0
	case recordApplicationData:
		if !c.hsDone.Load() {
			return errUnexpected("application data during the handshake")
		}
		if len(c.hsBuf) > 0 {
			return errUnexpected("application data inside a fragmented handshake message")
		}
		if len(data) == 0 {
			return c.countEmpty()
		}
		c.appBuf = data
		c.emptyRecords = 0
	}
	return nil
}

func (c *Conn) countEmpty() error {
	c.emptyRecords++
	if c.emptyRecords > maxEmptyRecords {
		return errUnexpected("too many empty records")
	}
	return nil
}

// nextHandshakeMessage returns one complete handshake message from c.hsBuf,
// or nil when more bytes are needed.
func (c *Conn) nextHandshakeMessage() ([]byte, error) {
	if len(c.hsBuf) < 4 {
		return nil, nil
	}
	n := int(c.hsBuf[1])<<16 | int(c.hsBuf[2])<<8 | int(c.hsBuf[3])
	if n > maxHandshakeLen {
		return nil, errIllegal("handshake message of %d bytes", n)
	}
	if len(c.hsBuf) < 4+n {
		return nil, nil
	}
	msg := append([]byte(nil), c.hsBuf[:4+n]...)
	c.hsBuf = c.hsBuf[4+n:]
	if len(c.hsBuf) == 0 {
		c.hsBuf = nil
	}
	return msg, nil
}

// readHandshake reads records until a complete handshake message is
// available and returns it (header included).
func (c *Conn) readHandshake() ([]byte, error) {
	for {
		msg, err := c.nextHandshakeMessage()
		if err != nil || msg != nil {
			return msg, err
		}
		if err := c.readNext(); err != nil {
			return nil, err
		}
	}
}

// requireRecordBoundary enforces that a message preceding a key change ended
// its record (RFC 8446 §5.1).
func (c *Conn) requireRecordBoundary() error {
	if len(c.hsBuf) != 0 {
		return errUnexpected("handshake data after a key change point")
	}
	return nil
}

// appendRecord queues data of content type typ in c.outBuf as one or more
// records of at most MaxRecordSize plaintext bytes, protecting them when
// write keys are installed.
func (c *Conn) appendRecord(typ uint8, data []byte) error {
	limit := c.cfg.maxRecord()
	for first := true; first || len(data) > 0; first = false {
		chunk := data
		if len(chunk) > limit {
			chunk = chunk[:limit]
		}
		data = data[len(chunk):]
		if c.outHalf.aead == nil {
			version := uint16(legacyVersion)
			if c.firstHello {
				version = 0x0301
			}
			c.outBuf = append(c.outBuf, typ, byte(version>>8), byte(version), byte(len(chunk)>>8), byte(len(chunk)))
			c.outBuf = append(c.outBuf, chunk...)
			continue
		}
		if c.outHalf.seq == ^uint64(0) {
			return fail(AlertInternalError, ErrConfig, "sequence number exhausted")
		}
		pad := c.cfg.testPadding
		if len(chunk)+1+pad > MaxPlaintext+1 {
			pad = MaxPlaintext - len(chunk)
		}
		inner := make([]byte, 0, len(chunk)+1+pad+16)
		inner = append(inner, chunk...)
		inner = append(inner, typ)
		inner = append(inner, make([]byte, pad)...)
		total := len(inner) + c.outHalf.aead.Overhead()
		hdr := []byte{recordApplicationData, 3, 3, byte(total >> 8), byte(total)}
		c.outBuf = append(c.outBuf, hdr...)
		c.outBuf = c.outHalf.aead.Seal(c.outBuf, c.outHalf.nonce(), inner, hdr)
		c.outHalf.seq++
	}
	return nil
}

// flush writes the queued records to the transport in one call, which
// coalesces a flight into as few segments as possible.
func (c *Conn) flush() error {
	if len(c.outBuf) == 0 {
		return nil
	}
	_, err := c.conn.Write(c.outBuf)
	c.outBuf = c.outBuf[:0]
	if err != nil {
		// Part of a record may have gone out: the write side is unusable
		// from here on, timeouts included.
		c.writeErr = err
		return err
	}
	return nil
}

// appendCCS queues the middlebox-compatibility change_cipher_spec record
// (RFC 8446 §D.4), at most once per connection.
func (c *Conn) appendCCS() {
	if c.sentCCS {
		return
	}
	c.sentCCS = true
	c.outBuf = append(c.outBuf, recordChangeCipherSpec, 3, 3, 0, 1, 1)
}

// sendAlertLocked writes an alert record; errors are ignored because the
// connection is being torn down anyway. The caller holds c.out.
func (c *Conn) sendAlertLocked(a Alert) {
	level := byte(2)
	if a == AlertCloseNotify || a == AlertUserCanceled {
		level = 1
	}
	c.outBuf = c.outBuf[:0]
	if err := c.appendRecord(recordAlert, []byte{level, byte(a)}); err == nil {
		_ = c.flush()
	}
}
