package tlspsk

import (
	"bytes"
	"crypto/hmac"
	"crypto/subtle"
	"slices"
)

// pskChoice is what the server selected from a ClientHello.
type pskChoice struct {
	suite    *cipherSuite
	index    int
	identity []byte
	psk      []byte
	share    []byte // the client's X25519 share, nil if it sent none
}

// lookup resolves a PSK identity through Config.Lookup, or against
// Config.Identity when Lookup is nil.
func (c *Conn) lookup(identity []byte) ([]byte, bool) {
	if c.cfg.Lookup != nil {
		return c.cfg.Lookup(identity)
	}
	if subtle.ConstantTimeCompare(identity, c.cfg.Identity) == 1 {
		return c.cfg.PSK, true
	}
	return nil, false
}

// checkClientHello validates a ClientHello for a psk_dhe_ke handshake and
// chooses the suite and PSK. It must run before ch is added to the
// transcript, because the binder covers the transcript so far plus the
// partial ClientHello (RFC 8446 §4.2.11.2).
func (c *Conn) checkClientHello(ch *clientHello) (*pskChoice, error) {
	if !ch.hasVersions || !slices.Contains(ch.versions, VersionTLS13) {
		return nil, fail(AlertProtocolVersion, ErrProtocolVersion, "client does not offer TLS 1.3")
	}
	if !bytes.Equal(ch.compression, []byte{0}) {
		return nil, errIllegal("legacy_compression_methods must be null only")
	}
	choice := &pskChoice{}
	for _, s := range c.cfg.suites() {
		if slices.Contains(ch.cipherSuites, s) {
			choice.suite = suiteByID(s)
			break
		}
	}
	if choice.suite == nil {
		return nil, fail(AlertHandshakeFailure, ErrHandshakeFailure, "no common cipher suite")
	}
	if !ch.hasPSK {
		return nil, fail(AlertHandshakeFailure, ErrNoPSK, "ClientHello without pre_shared_key (certificates are not supported)")
	}
	if !ch.hasPSKModes {
		return nil, fail(AlertMissingExtension, ErrNoDHE, "pre_shared_key without psk_key_exchange_modes")
	}
	if !slices.Contains(ch.pskModes, pskModeDHEKE) {
		return nil, fail(AlertHandshakeFailure, ErrNoDHE, "client offers only modes %v", ch.pskModes)
	}
	if !ch.hasKeyShare || !ch.hasGroups {
		return nil, fail(AlertMissingExtension, ErrMissingKeyShare, "psk_dhe_ke needs key_share and supported_groups")
	}
	if !slices.Contains(ch.groups, groupX25519) {
		return nil, fail(AlertHandshakeFailure, ErrHandshakeFailure, "client does not support X25519")
	}
	for _, ks := range ch.keyShares {
		if !slices.Contains(ch.groups, ks.group) {
			return nil, errIllegal("key share for group 0x%04x not in supported_groups", ks.group)
		}
		if ks.group == groupX25519 {
			choice.share = ks.data
		}
	}

	choice.index = -1
	for i, id := range ch.identities {
		if i >= maxPSKIdentities {
			break
		}
		if psk, ok := c.lookup(id.identity); ok {
			if err := checkPSK(psk); err != nil {
				return nil, fail(AlertInternalError, ErrConfig, "Lookup for identity %d: %v", i, err)
			}
			choice.index, choice.identity, choice.psk = i, id.identity, psk
			break
		}
	}
	if choice.index < 0 {
		return nil, fail(AlertUnknownPSKIdentity, ErrUnknownIdentity, "none of %d identities is known", len(ch.identities))
	}

	key := finishedKey(binderKey(earlySecret(choice.psk), labelExtBinder))
	want := finishedMAC(key, c.transcript.sum(ch.raw[:ch.bindersAt]))
	if !hmac.Equal(ch.binders[choice.index], want) {
		return nil, fail(AlertDecryptError, ErrBadBinder, "binder for identity %d", choice.index)
	}
	return choice, nil
}

// serverHandshake runs RFC 8446 §2 from the server side with an external
// PSK in psk_dhe_ke mode. The caller holds c.in and c.out.
func (c *Conn) serverHandshake() error {
	msg, err := c.readHandshake()
	if err != nil {
		return err
	}
	ch, err := parseClientHello(msg)
	if err != nil {
		return err
	}
	c.ccsOK = true
	if err := c.requireRecordBoundary(); err != nil {
		return err
	}
	choice, err := c.checkClientHello(ch)
	if err != nil {
		return err
	}
	c.transcript.add(ch.raw)

	if choice.share == nil {
		// No X25519 share: ask for one (RFC 8446 §4.1.4).
		hrr := marshalServerHello(&serverHelloParams{
			random:    helloRetryRandom,
			sessionID: ch.sessionID,
			suite:     choice.suite.id,
			retry:     true,
		})
		c.transcript.retry()
		if err := c.sendHandshake(hrr); err != nil {
			return err
		}
		if len(ch.sessionID) > 0 {
			c.appendCCS()
		}
		if err := c.flush(); err != nil {
			return err
		}
		if ch.earlyData {
			c.earlySkip = maxEarlySkip
		}
		c.didRetry = true
		if msg, err = c.readHandshake(); err != nil {
			return err
		}
		c.earlySkip = 0
		ch2, err := parseClientHello(msg)
		if err != nil {
			return err
		}
		if err := c.requireRecordBoundary(); err != nil {
			return err
		}
		if ch2.earlyData {
			return errIllegal("early_data after HelloRetryRequest")
		}
		if !bytes.Equal(ch2.sessionID, ch.sessionID) || !bytes.Equal(ch2.random, ch.random) {
			return errIllegal("second ClientHello changed random or session ID")
		}
		choice2, err := c.checkClientHello(ch2)
		if err != nil {
			return err
		}
		if choice2.suite != choice.suite {
			return errIllegal("second ClientHello changed the cipher suite choice")
		}
		if choice2.share == nil {
			return errIllegal("no X25519 share after HelloRetryRequest")
		}
		c.transcript.add(ch2.raw)
		ch, choice = ch2, choice2
	}

	rnd := c.cfg.rand()
	priv, err := newX25519(rnd)
	if err != nil {
		return err
	}
	shared, err := x25519Shared(priv, choice.share)
	if err != nil {
		return err
	}
	random, err := randomBytes(rnd, 32)
	if err != nil {
		return err
	}
	c.suite = choice.suite
	c.identity = choice.identity
	sh := marshalServerHello(&serverHelloParams{
		random:    random,
		sessionID: ch.sessionID,
		suite:     choice.suite.id,
		keyShare:  priv.PublicKey().Bytes(),
		pskIndex:  uint16(choice.index),
	})
	if err := c.sendHandshake(sh); err != nil {
		return err
	}
	if len(ch.sessionID) > 0 {
		c.appendCCS()
	}

	early := earlySecret(choice.psk)
	hs := handshakeSecret(early, shared)
	helloHash := c.transcript.sum(nil)
	clientHS := deriveSecret(hs, labelClientHS, helloHash)
	serverHS := deriveSecret(hs, labelServerHS, helloHash)
	if err := c.outHalf.setKey(c.suite, serverHS); err != nil {
		return err
	}
	// EncryptedExtensions (empty) and Finished share one record.
	if err := c.sendHandshake(marshalHandshake(typeEncryptedExtensions, []byte{0, 0})); err != nil {
		return err
	}
	if err := c.sendHandshake(c.finished(serverHS)); err != nil {
		return err
	}
	master := masterSecret(hs)
	fullHash := c.transcript.sum(nil)
	clientAP := deriveSecret(master, labelClientAP, fullHash)
	serverAP := deriveSecret(master, labelServerAP, fullHash)
	c.exporterSecret = deriveSecret(master, labelExporterMaster, fullHash)
	if err := c.outHalf.setKey(c.suite, serverAP); err != nil {
		return err
	}
	if err := c.flush(); err != nil {
		return err
	}

	if err := c.inHalf.setKey(c.suite, clientHS); err != nil {
		return err
	}
	if ch.earlyData && !c.didRetry {
		// We never accept 0-RTT: skip what the client sent under its early
		// key (RFC 8446 §4.2.10).
		c.earlySkip = maxEarlySkip
	}
	if msg, err = c.readHandshake(); err != nil {
		return err
	}
	if msg[0] != typeFinished {
		return errUnexpected("expected client Finished, got message type %d", msg[0])
	}
	if err := c.verifyFinished(msg, clientHS); err != nil {
		return err
	}
	c.transcript.add(msg)
	if err := c.requireRecordBoundary(); err != nil {
		return err
	}
	if err := c.inHalf.setKey(c.suite, clientAP); err != nil {
		return err
	}
	c.ccsOK = false
	c.earlySkip = 0
	return nil
}
