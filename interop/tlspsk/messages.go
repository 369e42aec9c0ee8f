package tlspsk

import (
	"bytes"
	"crypto/sha256"
)

// Handshake message types (RFC 8446 §4).
const (
	typeClientHello         uint8 = 1
	typeServerHello         uint8 = 2
	typeNewSessionTicket    uint8 = 4
	typeEncryptedExtensions uint8 = 8
	typeCertificate         uint8 = 11
	typeCertificateRequest  uint8 = 13
	typeFinished            uint8 = 20
	typeKeyUpdate           uint8 = 24
	typeMessageHash         uint8 = 254
)

// Extension types (RFC 8446 §4.2).
const (
	extSupportedGroups     uint16 = 10
	extSignatureAlgorithms uint16 = 13
	extPreSharedKey        uint16 = 41
	extEarlyData           uint16 = 42
	extSupportedVersions   uint16 = 43
	extCookie              uint16 = 44
	extPSKModes            uint16 = 45
	extKeyShare            uint16 = 51
)

// Other protocol constants.
const (
	groupX25519     uint16 = 0x001d
	pskModeKE       uint8  = 0
	pskModeDHEKE    uint8  = 1
	legacyVersion   uint16 = 0x0303
	x25519Len              = 32
	maxSessionIDLen        = 32
	// maxHandshakeLen bounds any handshake message body we accept.
	maxHandshakeLen = 1 << 16
	// maxExtensions bounds the extension count of one message.
	maxExtensions = 64
	// maxPSKIdentities bounds the identities a server considers.
	maxPSKIdentities = 16
	// maxOfferedPSKs bounds the identities and binders a ClientHello may
	// carry, and maxKeyShares its key shares.
	maxOfferedPSKs = 64
	maxKeyShares   = 16
)

// helloRetryRandom is the ServerHello.random value that marks a
// HelloRetryRequest: SHA-256 of "HelloRetryRequest" (RFC 8446 §4.1.3).
var helloRetryRandom = func() []byte {
	s := sha256.Sum256([]byte("HelloRetryRequest"))
	return s[:]
}()

// reader is a bounds-checked cursor over a message. Every accessor reports
// false instead of reading past the end, so parsers cannot panic.
type reader struct {
	b []byte
}

func (r *reader) empty() bool { return len(r.b) == 0 }

func (r *reader) u8() (uint8, bool) {
	if len(r.b) < 1 {
		return 0, false
	}
	v := r.b[0]
	r.b = r.b[1:]
	return v, true
}

func (r *reader) u16() (uint16, bool) {
	if len(r.b) < 2 {
		return 0, false
	}
	v := uint16(r.b[0])<<8 | uint16(r.b[1])
	r.b = r.b[2:]
	return v, true
}

func (r *reader) u24() (int, bool) {
	if len(r.b) < 3 {
		return 0, false
	}
	v := int(r.b[0])<<16 | int(r.b[1])<<8 | int(r.b[2])
	r.b = r.b[3:]
	return v, true
}

func (r *reader) u32() (uint32, bool) {
	if len(r.b) < 4 {
		return 0, false
	}
	v := uint32(r.b[0])<<24 | uint32(r.b[1])<<16 | uint32(r.b[2])<<8 | uint32(r.b[3])
	r.b = r.b[4:]
	return v, true
}

func (r *reader) bytes(n int) ([]byte, bool) {
	if n < 0 || len(r.b) < n {
		return nil, false
	}
	v := r.b[:n:n]
	r.b = r.b[n:]
	return v, true
}

// vec8 and vec16 read a vector with a 1- or 2-byte length prefix.
func (r *reader) vec8() ([]byte, bool) {
	n, ok := r.u8()
	if !ok {
		return nil, false
	}
	return r.bytes(int(n))
}

func (r *reader) vec16() ([]byte, bool) {
	n, ok := r.u16()
	if !ok {
		return nil, false
	}
	return r.bytes(int(n))
}

// builder appends TLS encodings. Length prefixes are patched when a vector
// is closed; callers keep every vector within its prefix's range.
type builder struct {
	b []byte
}

func (w *builder) u8(v uint8)   { w.b = append(w.b, v) }
func (w *builder) u16(v uint16) { w.b = append(w.b, byte(v>>8), byte(v)) }
func (w *builder) u24(v int)    { w.b = append(w.b, byte(v>>16), byte(v>>8), byte(v)) }
func (w *builder) raw(v []byte) { w.b = append(w.b, v...) }

// open reserves an n-byte length prefix and returns its position.
func (w *builder) open(n int) int {
	p := len(w.b)
	w.b = append(w.b, make([]byte, n)...)
	return p
}

// close writes the length of everything after the prefix at p.
func (w *builder) close(p, n int) {
	l := len(w.b) - p - n
	for i := n - 1; i >= 0; i-- {
		w.b[p+i] = byte(l)
		l >>= 8
	}
}

// handshakeBody returns the body of a handshake message whose declared
// length the caller has already checked.
func handshakeBody(msg []byte) []byte {
	if len(msg) < 4 {
		return nil
	}
	return msg[4:]
}

// keyShare is one KeyShareEntry.
type keyShare struct {
	group uint16
	data  []byte
}

// pskIdentity is one PskIdentity of an OfferedPsks.
type pskIdentity struct {
	identity []byte
	age      uint32
}

// clientHello is a parsed ClientHello (RFC 8446 §4.1.2).
type clientHello struct {
	raw           []byte // the whole message, header included
	legacyVersion uint16
	random        []byte
	sessionID     []byte
	cipherSuites  []uint16
	compression   []byte

	hasVersions bool
	versions    []uint16
	hasGroups   bool
	groups      []uint16
	hasKeyShare bool
	keyShares   []keyShare
	hasPSKModes bool
	pskModes    []uint8
	hasPSK      bool
	identities  []pskIdentity
	binders     [][]byte
	// bindersAt is the offset in raw of the binders list (its length
	// prefix): raw[:bindersAt] is the partial ClientHello the binders sign.
	bindersAt int
	hasCookie bool
	cookie    []byte
	earlyData bool
}

// parseClientHello parses a complete ClientHello message (header included).
func parseClientHello(msg []byte) (*clientHello, error) {
	if len(msg) < 4 || msg[0] != typeClientHello {
		return nil, errUnexpected("expected ClientHello")
	}
	ch := &clientHello{raw: msg}
	r := reader{b: msg[4:]}
	var ok bool
	if ch.legacyVersion, ok = r.u16(); !ok {
		return nil, errDecode("ClientHello: short legacy_version")
	}
	if ch.random, ok = r.bytes(32); !ok {
		return nil, errDecode("ClientHello: short random")
	}
	if ch.sessionID, ok = r.vec8(); !ok || len(ch.sessionID) > maxSessionIDLen {
		return nil, errDecode("ClientHello: bad legacy_session_id")
	}
	suites, ok := r.vec16()
	if !ok || len(suites) < 2 || len(suites)%2 != 0 {
		return nil, errDecode("ClientHello: bad cipher_suites")
	}
	for i := 0; i < len(suites); i += 2 {
		ch.cipherSuites = append(ch.cipherSuites, uint16(suites[i])<<8|uint16(suites[i+1]))
	}
	if ch.compression, ok = r.vec8(); !ok || len(ch.compression) < 1 {
		return nil, errDecode("ClientHello: bad legacy_compression_methods")
	}
	if r.empty() {
		// No extensions at all: a pre-TLS 1.3 client.
		return ch, nil
	}
	extStart := len(msg) - len(r.b)
	exts, ok := r.vec16()
	if !ok || !r.empty() {
		return nil, errDecode("ClientHello: bad extensions block")
	}
	er := reader{b: exts}
	seen := make(map[uint16]bool)
	for !er.empty() {
		if len(seen) >= maxExtensions {
			return nil, errDecode("ClientHello: too many extensions")
		}
		if ch.hasPSK {
			return nil, errIllegal("ClientHello: pre_shared_key is not the last extension")
		}
		off := extStart + 2 + (len(exts) - len(er.b))
		typ, ok1 := er.u16()
		data, ok2 := er.vec16()
		if !ok1 || !ok2 {
			return nil, errDecode("ClientHello: truncated extension")
		}
		if seen[typ] {
			return nil, errIllegal("ClientHello: duplicate extension %d", typ)
		}
		seen[typ] = true
		var err error
		switch typ {
		case extSupportedVersions:
			ch.hasVersions = true
			err = parseVersionList(data, &ch.versions)
		case extSupportedGroups:
			ch.hasGroups = true
			err = parseGroupList(data, &ch.groups)
		case extKeyShare:
			ch.hasKeyShare = true
			ch.keyShares, err = parseClientKeyShares(data)
		case extPSKModes:
			ch.hasPSKModes = true
			v := reader{b: data}
			modes, ok := v.vec8()
			if !ok || !v.empty() || len(modes) == 0 {
				err = errDecode("ClientHello: bad psk_key_exchange_modes")
			}
			ch.pskModes = modes
		case extPreSharedKey:
			ch.hasPSK = true
			// data starts 4 bytes (type, length) after off.
			err = ch.parseOfferedPSKs(data, off+4)
		case extCookie:
			ch.hasCookie = true
			v := reader{b: data}
			c, ok := v.vec16()
			if !ok || !v.empty() || len(c) == 0 {
				err = errDecode("ClientHello: bad cookie")
			}
			ch.cookie = c
		case extEarlyData:
			if len(data) != 0 {
				err = errDecode("ClientHello: bad early_data")
			}
			ch.earlyData = true
		}
		if err != nil {
			return nil, err
		}
	}
	return ch, nil
}

func parseVersionList(data []byte, out *[]uint16) error {
	r := reader{b: data}
	v, ok := r.vec8()
	if !ok || !r.empty() || len(v) < 2 || len(v)%2 != 0 {
		return errDecode("bad supported_versions")
	}
	for i := 0; i < len(v); i += 2 {
		*out = append(*out, uint16(v[i])<<8|uint16(v[i+1]))
	}
	return nil
}

func parseGroupList(data []byte, out *[]uint16) error {
	r := reader{b: data}
	v, ok := r.vec16()
	if !ok || !r.empty() || len(v) < 2 || len(v)%2 != 0 {
		return errDecode("bad supported_groups")
	}
	for i := 0; i < len(v); i += 2 {
		*out = append(*out, uint16(v[i])<<8|uint16(v[i+1]))
	}
	return nil
}

func parseClientKeyShares(data []byte) ([]keyShare, error) {
	r := reader{b: data}
	list, ok := r.vec16()
	if !ok || !r.empty() {
		return nil, errDecode("bad key_share")
	}
	var out []keyShare
	lr := reader{b: list}
	for !lr.empty() {
		if len(out) >= maxKeyShares {
			return nil, errIllegal("more than %d key shares", maxKeyShares)
		}
		g, ok1 := lr.u16()
		d, ok2 := lr.vec16()
		if !ok1 || !ok2 || len(d) == 0 {
			return nil, errDecode("bad KeyShareEntry")
		}
		for _, ks := range out {
			if ks.group == g {
				return nil, errIllegal("two key shares for group 0x%04x", g)
			}
		}
		if g == groupX25519 && len(d) != x25519Len {
			return nil, errIllegal("X25519 key share of %d bytes", len(d))
		}
		out = append(out, keyShare{group: g, data: d})
	}
	return out, nil
}

// parseOfferedPSKs parses OfferedPsks; base is the offset of data in raw.
func (ch *clientHello) parseOfferedPSKs(data []byte, base int) error {
	r := reader{b: data}
	ids, ok := r.vec16()
	if !ok || len(ids) < 7 {
		return errDecode("bad PSK identities")
	}
	ch.bindersAt = base + 2 + len(ids)
	binders, ok := r.vec16()
	if !ok || !r.empty() || len(binders) < 33 {
		return errDecode("bad PSK binders")
	}
	ir := reader{b: ids}
	for !ir.empty() {
		if len(ch.identities) >= maxOfferedPSKs {
			return errIllegal("more than %d PSK identities", maxOfferedPSKs)
		}
		id, ok1 := ir.vec16()
		age, ok2 := ir.u32()
		if !ok1 || !ok2 || len(id) == 0 {
			return errDecode("bad PskIdentity")
		}
		ch.identities = append(ch.identities, pskIdentity{identity: id, age: age})
	}
	br := reader{b: binders}
	for !br.empty() {
		if len(ch.binders) >= maxOfferedPSKs {
			return errIllegal("more than %d PSK binders", maxOfferedPSKs)
		}
		b, ok := br.vec8()
		if !ok || len(b) < 32 {
			return errDecode("bad PskBinderEntry")
		}
		ch.binders = append(ch.binders, b)
	}
	if len(ch.binders) != len(ch.identities) {
		return errIllegal("%d PSK identities but %d binders", len(ch.identities), len(ch.binders))
	}
	return nil
}

// clientHelloParams are the fields of a ClientHello we send.
type clientHelloParams struct {
	random       []byte
	sessionID    []byte
	suites       []uint16
	keyShares    []keyShare // nil with omitKeyShare: no key_share extension
	omitKeyShare bool       // also omits supported_groups
	pskModes     []uint8
	cookie       []byte
	identity     []byte
}

// marshalClientHello encodes a ClientHello whose pre_shared_key extension
// comes last with one identity and an all-zero binder; it returns the
// message and the offset of the binders list, so the caller can hash the
// prefix and fill the binder in place.
func marshalClientHello(p *clientHelloParams) (msg []byte, bindersAt int) {
	var w builder
	w.u8(typeClientHello)
	body := w.open(3)
	w.u16(legacyVersion)
	w.raw(p.random)
	w.u8(uint8(len(p.sessionID)))
	w.raw(p.sessionID)
	w.u16(uint16(2 * len(p.suites)))
	for _, s := range p.suites {
		w.u16(s)
	}
	w.u8(1) // legacy_compression_methods: null only
	w.u8(0)
	exts := w.open(2)

	w.u16(extSupportedVersions)
	w.u16(3)
	w.u8(2)
	w.u16(VersionTLS13)

	if !p.omitKeyShare {
		w.u16(extSupportedGroups)
		w.u16(4)
		w.u16(2)
		w.u16(groupX25519)

		w.u16(extKeyShare)
		ks := w.open(2)
		list := w.open(2)
		for _, k := range p.keyShares {
			w.u16(k.group)
			w.u16(uint16(len(k.data)))
			w.raw(k.data)
		}
		w.close(list, 2)
		w.close(ks, 2)
	}

	if len(p.cookie) > 0 {
		w.u16(extCookie)
		w.u16(uint16(2 + len(p.cookie)))
		w.u16(uint16(len(p.cookie)))
		w.raw(p.cookie)
	}

	w.u16(extPSKModes)
	w.u16(uint16(1 + len(p.pskModes)))
	w.u8(uint8(len(p.pskModes)))
	w.raw(p.pskModes)

	// pre_shared_key, last (RFC 8446 §4.2.11).
	w.u16(extPreSharedKey)
	psk := w.open(2)
	w.u16(uint16(2 + len(p.identity) + 4))
	w.u16(uint16(len(p.identity)))
	w.raw(p.identity)
	w.raw([]byte{0, 0, 0, 0}) // obfuscated_ticket_age: 0 for external PSKs
	bindersAt = len(w.b)
	w.u16(1 + hashLen)
	w.u8(hashLen)
	w.raw(make([]byte, hashLen))
	w.close(psk, 2)

	w.close(exts, 2)
	w.close(body, 3)
	return w.b, bindersAt
}

// serverHello is a parsed ServerHello or HelloRetryRequest (RFC 8446 §4.1.3,
// §4.1.4).
type serverHello struct {
	raw           []byte
	legacyVersion uint16
	random        []byte
	sessionID     []byte
	suite         uint16
	compression   uint8
	isRetry       bool

	hasVersion     bool
	version        uint16
	hasKeyShare    bool
	keyShare       keyShare // ServerHello: the server's share
	selectedGroup  uint16   // HelloRetryRequest: the group asked for
	hasPSK         bool
	selectedPSK    uint16
	hasCookie      bool
	cookie         []byte
	unexpectedExts []uint16 // extensions not allowed in this message
}

// parseServerHello parses a ServerHello or HelloRetryRequest message.
func parseServerHello(msg []byte) (*serverHello, error) {
	if len(msg) < 4 || msg[0] != typeServerHello {
		return nil, errUnexpected("expected ServerHello")
	}
	sh := &serverHello{raw: msg}
	r := reader{b: msg[4:]}
	var ok bool
	if sh.legacyVersion, ok = r.u16(); !ok {
		return nil, errDecode("ServerHello: short legacy_version")
	}
	if sh.random, ok = r.bytes(32); !ok {
		return nil, errDecode("ServerHello: short random")
	}
	sh.isRetry = bytes.Equal(sh.random, helloRetryRandom)
	if sh.sessionID, ok = r.vec8(); !ok || len(sh.sessionID) > maxSessionIDLen {
		return nil, errDecode("ServerHello: bad legacy_session_id_echo")
	}
	if sh.suite, ok = r.u16(); !ok {
		return nil, errDecode("ServerHello: short cipher_suite")
	}
	if sh.compression, ok = r.u8(); !ok {
		return nil, errDecode("ServerHello: short legacy_compression_method")
	}
	if r.empty() {
		return sh, nil // a TLS 1.2-or-older ServerHello without extensions
	}
	exts, ok := r.vec16()
	if !ok || !r.empty() {
		return nil, errDecode("ServerHello: bad extensions block")
	}
	er := reader{b: exts}
	seen := make(map[uint16]bool)
	for !er.empty() {
		if len(seen) >= maxExtensions {
			return nil, errDecode("ServerHello: too many extensions")
		}
		typ, ok1 := er.u16()
		data, ok2 := er.vec16()
		if !ok1 || !ok2 {
			return nil, errDecode("ServerHello: truncated extension")
		}
		if seen[typ] {
			return nil, errIllegal("ServerHello: duplicate extension %d", typ)
		}
		seen[typ] = true
		d := reader{b: data}
		switch {
		case typ == extSupportedVersions:
			sh.hasVersion = true
			if sh.version, ok = d.u16(); !ok || !d.empty() {
				return nil, errDecode("ServerHello: bad supported_versions")
			}
		case typ == extKeyShare && sh.isRetry:
			sh.hasKeyShare = true
			if sh.selectedGroup, ok = d.u16(); !ok || !d.empty() {
				return nil, errDecode("HelloRetryRequest: bad key_share")
			}
		case typ == extKeyShare:
			sh.hasKeyShare = true
			g, ok1 := d.u16()
			k, ok2 := d.vec16()
			if !ok1 || !ok2 || !d.empty() || len(k) == 0 {
				return nil, errDecode("ServerHello: bad key_share")
			}
			sh.keyShare = keyShare{group: g, data: k}
		case typ == extPreSharedKey && !sh.isRetry:
			sh.hasPSK = true
			if sh.selectedPSK, ok = d.u16(); !ok || !d.empty() {
				return nil, errDecode("ServerHello: bad pre_shared_key")
			}
		case typ == extCookie && sh.isRetry:
			sh.hasCookie = true
			c, ok := d.vec16()
			if !ok || !d.empty() || len(c) == 0 {
				return nil, errDecode("HelloRetryRequest: bad cookie")
			}
			sh.cookie = c
		default:
			sh.unexpectedExts = append(sh.unexpectedExts, typ)
		}
	}
	return sh, nil
}

// serverHelloParams are the fields of a ServerHello or HelloRetryRequest we
// send.
type serverHelloParams struct {
	random    []byte // helloRetryRandom for a HelloRetryRequest
	sessionID []byte
	suite     uint16
	keyShare  []byte // ServerHello: our X25519 public key
	retry     bool   // HelloRetryRequest: ask for X25519
	pskIndex  uint16
}

func marshalServerHello(p *serverHelloParams) []byte {
	var w builder
	w.u8(typeServerHello)
	body := w.open(3)
	w.u16(legacyVersion)
	w.raw(p.random)
	w.u8(uint8(len(p.sessionID)))
	w.raw(p.sessionID)
	w.u16(p.suite)
	w.u8(0)
	exts := w.open(2)
	w.u16(extSupportedVersions)
	w.u16(2)
	w.u16(VersionTLS13)
	w.u16(extKeyShare)
	if p.retry {
		w.u16(2)
		w.u16(groupX25519)
	} else {
		w.u16(uint16(4 + len(p.keyShare)))
		w.u16(groupX25519)
		w.u16(uint16(len(p.keyShare)))
		w.raw(p.keyShare)
		w.u16(extPreSharedKey)
		w.u16(2)
		w.u16(p.pskIndex)
	}
	w.close(exts, 2)
	w.close(body, 3)
	return w.b
}

// parseEncryptedExtensions checks an EncryptedExtensions message sent in
// answer to our ClientHello (RFC 8446 §4.3.1). Only supported_groups may be
// sent unsolicited; extensions that belong to other messages are
// illegal_parameter, others we did not request are unsupported_extension.
func parseEncryptedExtensions(msg []byte) error {
	r := reader{b: handshakeBody(msg)}
	exts, ok := r.vec16()
	if !ok || !r.empty() {
		return errDecode("EncryptedExtensions: bad extensions block")
	}
	er := reader{b: exts}
	seen := make(map[uint16]bool)
	for !er.empty() {
		if len(seen) >= maxExtensions {
			return errDecode("EncryptedExtensions: too many extensions")
		}
		typ, ok1 := er.u16()
		_, ok2 := er.vec16()
		if !ok1 || !ok2 {
			return errDecode("EncryptedExtensions: truncated extension")
		}
		if seen[typ] {
			return errIllegal("EncryptedExtensions: duplicate extension %d", typ)
		}
		seen[typ] = true
		switch typ {
		case extSupportedGroups:
			// Informational (RFC 8446 §4.2.7).
		case extKeyShare, extPreSharedKey, extSupportedVersions, extPSKModes, extCookie, extSignatureAlgorithms:
			return errIllegal("EncryptedExtensions: extension %d not allowed here", typ)
		default:
			return fail(AlertUnsupportedExtension, ErrIllegalParameter, "EncryptedExtensions: unrequested extension %d", typ)
		}
	}
	return nil
}

// marshalHandshake frames a handshake body with its type and length.
func marshalHandshake(typ uint8, body []byte) []byte {
	var w builder
	w.u8(typ)
	w.u24(len(body))
	w.raw(body)
	return w.b
}

// parseNewSessionTicket checks a NewSessionTicket (RFC 8446 §4.6.1) for
// well-formedness; the ticket itself is ignored because this package does
// not resume.
func parseNewSessionTicket(msg []byte) error {
	r := reader{b: handshakeBody(msg)}
	_, ok1 := r.u32()
	_, ok2 := r.u32()
	_, ok3 := r.vec8()
	ticket, ok4 := r.vec16()
	_, ok5 := r.vec16()
	if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 || !r.empty() || len(ticket) == 0 {
		return errDecode("bad NewSessionTicket")
	}
	return nil
}
