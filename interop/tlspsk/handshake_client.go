package tlspsk

import (
	"bytes"
	"crypto/ecdh"
	"crypto/hmac"
	"io"
	"slices"
)

// newX25519 draws a private key from r. The 32 bytes are read here rather
// than through ecdh.Curve.GenerateKey, which ignores its reader since Go
// 1.26, so that Config.Rand really controls the key.
func newX25519(r io.Reader) (*ecdh.PrivateKey, error) {
	var seed [32]byte
	if _, err := io.ReadFull(r, seed[:]); err != nil {
		return nil, fail(AlertInternalError, ErrConfig, "reading randomness: %v", err)
	}
	k, err := ecdh.X25519().NewPrivateKey(seed[:])
	if err != nil {
		return nil, fail(AlertInternalError, ErrConfig, "X25519 key: %v", err)
	}
	return k, nil
}

// x25519Shared computes the ECDHE secret; a low-order peer share (all-zero
// output) is illegal_parameter.
func x25519Shared(priv *ecdh.PrivateKey, peer []byte) ([]byte, error) {
	pub, err := ecdh.X25519().NewPublicKey(peer)
	if err != nil {
		return nil, errIllegal("X25519 share: %v", err)
	}
	shared, err := priv.ECDH(pub)
	if err != nil {
		return nil, errIllegal("X25519 share: %v", err)
	}
	return shared, nil
}

func randomBytes(r io.Reader, n int) ([]byte, error) {
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		return nil, fail(AlertInternalError, ErrConfig, "reading randomness: %v", err)
	}
	return b, nil
}

// sendHandshake queues a handshake message and adds it to the transcript.
func (c *Conn) sendHandshake(msg []byte) error {
	c.transcript.add(msg)
	return c.appendRecord(recordHandshake, msg)
}

// clientHandshake runs RFC 8446 §2 from the client side with an external
// PSK in psk_dhe_ke mode. The caller holds c.in and c.out.
func (c *Conn) clientHandshake() error {
	cfg := c.cfg
	rnd := cfg.rand()
	random, err := randomBytes(rnd, 32)
	if err != nil {
		return err
	}
	// A non-empty session ID turns on middlebox compatibility mode
	// (RFC 8446 §D.4), which OpenSSL and GnuTLS expect.
	sessionID, err := randomBytes(rnd, 32)
	if err != nil {
		return err
	}
	priv, err := newX25519(rnd)
	if err != nil {
		return err
	}
	ourShare := keyShare{group: groupX25519, data: priv.PublicKey().Bytes()}

	identity := cfg.Identity
	if cfg.Faults&FaultUnknownIdentity != 0 {
		identity = append([]byte("unknown-"), cfg.Identity...)
	}
	p := &clientHelloParams{
		random:    random,
		sessionID: sessionID,
		suites:    cfg.suites(),
		keyShares: []keyShare{ourShare},
		pskModes:  []uint8{pskModeDHEKE},
		identity:  identity,
	}
	switch {
	case cfg.Faults&FaultPSKKENoKeyShare != 0:
		p.omitKeyShare, p.keyShares, p.pskModes = true, nil, []uint8{pskModeKE}
	case cfg.Faults&FaultDeferKeyShare != 0:
		p.keyShares = nil
	}

	early := earlySecret(cfg.PSK)
	binderFinKey := finishedKey(binderKey(early, labelExtBinder))

	c.firstHello = true
	if err := c.sendHandshake(c.clientHello(p, binderFinKey)); err != nil {
		return err
	}
	if err := c.flush(); err != nil {
		return err
	}
	c.firstHello = false
	c.ccsOK = true

	sh, err := c.readServerHello()
	if err != nil {
		return err
	}
	if sh.isRetry {
		if err := c.checkHelloRetry(sh, p); err != nil {
			return err
		}
		c.didRetry = true
		c.transcript.retry()
		c.transcript.add(sh.raw)
		if err := c.requireRecordBoundary(); err != nil {
			return err
		}
		if sh.hasKeyShare {
			p.keyShares = []keyShare{ourShare}
		}
		p.cookie = sh.cookie
		c.appendCCS()
		if err := c.sendHandshake(c.clientHello(p, binderFinKey)); err != nil {
			return err
		}
		if err := c.flush(); err != nil {
			return err
		}
		retrySuite := sh.suite
		if sh, err = c.readServerHello(); err != nil {
			return err
		}
		if sh.isRetry {
			return errUnexpected("second HelloRetryRequest")
		}
		if sh.suite != retrySuite {
			return errIllegal("ServerHello suite differs from HelloRetryRequest")
		}
	}
	if err := c.checkServerHello(sh, p); err != nil {
		return err
	}
	shared, err := x25519Shared(priv, sh.keyShare.data)
	if err != nil {
		return err
	}
	c.suite = suiteByID(sh.suite)
	c.identity = identity
	c.transcript.add(sh.raw)
	if err := c.requireRecordBoundary(); err != nil {
		return err
	}

	// Handshake secrets (RFC 8446 §7.1).
	hs := handshakeSecret(early, shared)
	helloHash := c.transcript.sum(nil)
	clientHS := deriveSecret(hs, labelClientHS, helloHash)
	serverHS := deriveSecret(hs, labelServerHS, helloHash)
	if err := c.inHalf.setKey(c.suite, serverHS); err != nil {
		return err
	}
	// From here on our alerts are protected; the compatibility
	// change_cipher_spec goes out before the first protected record.
	c.appendCCS()
	if err := c.outHalf.setKey(c.suite, clientHS); err != nil {
		return err
	}

	msg, err := c.readHandshake()
	if err != nil {
		return err
	}
	if msg[0] != typeEncryptedExtensions {
		return errUnexpected("expected EncryptedExtensions, got message type %d", msg[0])
	}
	if err := parseEncryptedExtensions(msg); err != nil {
		return err
	}
	c.transcript.add(msg)

	if msg, err = c.readHandshake(); err != nil {
		return err
	}
	if msg[0] != typeFinished {
		// Certificate, CertificateRequest and CertificateVerify have no
		// place in a PSK handshake (RFC 8446 §4.3.2, §4.4.2).
		return errUnexpected("expected Finished, got message type %d", msg[0])
	}
	if err := c.verifyFinished(msg, serverHS); err != nil {
		return err
	}
	c.transcript.add(msg)
	if err := c.requireRecordBoundary(); err != nil {
		return err
	}

	master := masterSecret(hs)
	fullHash := c.transcript.sum(nil)
	clientAP := deriveSecret(master, labelClientAP, fullHash)
	serverAP := deriveSecret(master, labelServerAP, fullHash)
	c.exporterSecret = deriveSecret(master, labelExporterMaster, fullHash)
	if err := c.inHalf.setKey(c.suite, serverAP); err != nil {
		return err
	}

	if err := c.sendHandshake(c.finished(clientHS)); err != nil {
		return err
	}
	if err := c.outHalf.setKey(c.suite, clientAP); err != nil {
		return err
	}
	c.ccsOK = false
	return c.flush()
}

// clientHello encodes p and fills in the binder, computed over the
// transcript so far and the ClientHello up to its binders list
// (RFC 8446 §4.2.11.2).
func (c *Conn) clientHello(p *clientHelloParams, binderFinKey []byte) []byte {
	msg, at := marshalClientHello(p)
	binder := finishedMAC(binderFinKey, c.transcript.sum(msg[:at]))
	if c.cfg.Faults&FaultWrongBinder != 0 {
		binder[0] ^= 0x01
	}
	copy(msg[at+3:], binder)
	return msg
}

// finished builds our Finished message over the current transcript.
func (c *Conn) finished(trafficSecret []byte) []byte {
	vd := finishedMAC(finishedKey(trafficSecret), c.transcript.sum(nil))
	if c.cfg.Faults&FaultBadFinished != 0 {
		vd[len(vd)-1] ^= 0x80
	}
	return marshalHandshake(typeFinished, vd)
}

// verifyFinished checks the peer's Finished in constant time (RFC 8446 §4.4.4).
func (c *Conn) verifyFinished(msg, trafficSecret []byte) error {
	body := handshakeBody(msg)
	if len(body) != hashLen {
		return errDecode("Finished of %d bytes", len(body))
	}
	want := finishedMAC(finishedKey(trafficSecret), c.transcript.sum(nil))
	if !hmac.Equal(body, want) {
		return fail(AlertDecryptError, ErrBadFinished, "verify_data does not match")
	}
	return nil
}

func (c *Conn) readServerHello() (*serverHello, error) {
	msg, err := c.readHandshake()
	if err != nil {
		return nil, err
	}
	if msg[0] != typeServerHello {
		return nil, errUnexpected("expected ServerHello, got message type %d", msg[0])
	}
	return parseServerHello(msg)
}

// checkCommonHello applies the checks a ServerHello and a HelloRetryRequest
// share.
func checkCommonHello(sh *serverHello, p *clientHelloParams, what string) error {
	if !sh.hasVersion {
		return fail(AlertProtocolVersion, ErrProtocolVersion, "%s without supported_versions", what)
	}
	if sh.version != VersionTLS13 {
		return errIllegal("%s selected version 0x%04x", what, sh.version)
	}
	if sh.legacyVersion != legacyVersion {
		return errIllegal("%s legacy_version 0x%04x", what, sh.legacyVersion)
	}
	if !bytes.Equal(sh.sessionID, p.sessionID) {
		return errIllegal("%s does not echo our legacy_session_id", what)
	}
	if !slices.Contains(p.suites, sh.suite) {
		return errIllegal("%s selected cipher suite 0x%04x we did not offer", what, sh.suite)
	}
	if sh.compression != 0 {
		return errIllegal("%s compression method %d", what, sh.compression)
	}
	if len(sh.unexpectedExts) > 0 {
		return fail(AlertUnsupportedExtension, ErrIllegalParameter, "%s carries extension %d", what, sh.unexpectedExts[0])
	}
	return nil
}

// checkHelloRetry validates a HelloRetryRequest (RFC 8446 §4.1.4).
func (c *Conn) checkHelloRetry(sh *serverHello, p *clientHelloParams) error {
	if err := checkCommonHello(sh, p, "HelloRetryRequest"); err != nil {
		return err
	}
	if !sh.hasKeyShare && !sh.hasCookie {
		return errIllegal("HelloRetryRequest would not change the ClientHello")
	}
	if sh.hasKeyShare {
		if sh.selectedGroup != groupX25519 {
			return errIllegal("HelloRetryRequest asks for group 0x%04x", sh.selectedGroup)
		}
		if len(p.keyShares) > 0 || p.omitKeyShare {
			return errIllegal("HelloRetryRequest asks for a group we already sent")
		}
	}
	return nil
}

// checkServerHello validates the ServerHello of a PSK handshake.
func (c *Conn) checkServerHello(sh *serverHello, p *clientHelloParams) error {
	if err := checkCommonHello(sh, p, "ServerHello"); err != nil {
		return err
	}
	if !sh.hasPSK {
		return fail(AlertHandshakeFailure, ErrNoPSK, "server did not accept the PSK")
	}
	if sh.selectedPSK != 0 {
		return errIllegal("server selected PSK %d of 1", sh.selectedPSK)
	}
	if !sh.hasKeyShare {
		return fail(AlertMissingExtension, ErrMissingKeyShare, "ServerHello without key_share (psk_ke is not offered)")
	}
	if sh.keyShare.group != groupX25519 || len(sh.keyShare.data) != x25519Len {
		return errIllegal("ServerHello key share for group 0x%04x", sh.keyShare.group)
	}
	if len(p.keyShares) == 0 {
		return errIllegal("ServerHello key share without a share offered")
	}
	return nil
}
