package tlspsk

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"errors"

	"golang.org/x/crypto/chacha20poly1305"
)

// hashLen is the output size of SHA-256, the only hash of the suites here.
const hashLen = sha256.Size

// Key schedule labels (RFC 8446 §7.1, §7.2, §7.5, §4.6.3). Each is used with
// the "tls13 " prefix that expandLabel adds.
const (
	labelExtBinder      = "ext binder"
	labelResBinder      = "res binder" // only for the RFC 8448 known answers
	labelDerived        = "derived"
	labelClientHS       = "c hs traffic"
	labelServerHS       = "s hs traffic"
	labelClientAP       = "c ap traffic"
	labelServerAP       = "s ap traffic"
	labelExporterMaster = "exp master"
	labelFinished       = "finished"
	labelKey            = "key"
	labelIV             = "iv"
	labelTrafficUpdate  = "traffic upd"
	labelExporter       = "exporter"
)

var (
	zeroHash  = make([]byte, hashLen)
	emptyHash = sha256Sum(nil)
	errLabel  = errors.New("tlspsk: HKDF label or context too long")
)

func sha256Sum(b []byte) []byte {
	s := sha256.Sum256(b)
	return s[:]
}

// hkdfExtract is HKDF-Extract(salt, ikm) with SHA-256 (RFC 5869 §2.2).
func hkdfExtract(salt, ikm []byte) []byte {
	if salt == nil {
		salt = zeroHash
	}
	prk, err := hkdf.Extract(sha256.New, ikm, salt)
	if err != nil {
		// Extract with SHA-256 cannot fail outside FIPS-only mode; keep the
		// schedule total by returning an unusable all-zero secret, which
		// makes every later MAC check fail rather than panicking.
		return make([]byte, hashLen)
	}
	return prk
}

// expandLabel is HKDF-Expand-Label (RFC 8446 §7.1): the info is
// uint16 length || opaque label<7..255> ("tls13 " + label) || opaque context<0..255>.
func expandLabel(secret []byte, label string, context []byte, length int) ([]byte, error) {
	full := "tls13 " + label
	if len(full) > 255 || len(context) > 255 || length < 0 || length > 255*hashLen {
		return nil, errLabel
	}
	info := make([]byte, 0, 4+len(full)+len(context))
	info = append(info, byte(length>>8), byte(length), byte(len(full)))
	info = append(info, full...)
	info = append(info, byte(len(context)))
	info = append(info, context...)
	return hkdf.Expand(sha256.New, secret, string(info), length)
}

// mustExpand is expandLabel for the fixed labels and lengths of the schedule,
// which cannot exceed the limits; it never panics.
func mustExpand(secret []byte, label string, context []byte, length int) []byte {
	out, err := expandLabel(secret, label, context, length)
	if err != nil {
		return make([]byte, length)
	}
	return out
}

// deriveSecret is Derive-Secret(secret, label, messages) with the transcript
// hash already computed (RFC 8446 §7.1).
func deriveSecret(secret []byte, label string, transcriptHash []byte) []byte {
	return mustExpand(secret, label, transcriptHash, hashLen)
}

// earlySecret is HKDF-Extract(0, PSK).
func earlySecret(psk []byte) []byte { return hkdfExtract(nil, psk) }

// binderKey derives the PSK binder key from the early secret; label is
// labelExtBinder for external PSKs.
func binderKey(early []byte, label string) []byte {
	return deriveSecret(early, label, emptyHash)
}

// handshakeSecret is HKDF-Extract(Derive-Secret(early, "derived", ""), ECDHE).
func handshakeSecret(early, ecdhe []byte) []byte {
	return hkdfExtract(deriveSecret(early, labelDerived, emptyHash), ecdhe)
}

// masterSecret is HKDF-Extract(Derive-Secret(hs, "derived", ""), 0).
func masterSecret(hs []byte) []byte {
	return hkdfExtract(deriveSecret(hs, labelDerived, emptyHash), zeroHash)
}

// finishedKey is HKDF-Expand-Label(base, "finished", "", Hash.length)
// (RFC 8446 §4.4.4); the PSK binder uses the same construction (§4.2.11.2).
func finishedKey(base []byte) []byte { return mustExpand(base, labelFinished, nil, hashLen) }

// finishedMAC is HMAC(finished_key, transcript hash).
func finishedMAC(key, transcriptHash []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write(transcriptHash)
	return m.Sum(nil)
}

// nextTrafficSecret is application_traffic_secret_N+1 (RFC 8446 §7.2).
func nextTrafficSecret(secret []byte) []byte {
	return mustExpand(secret, labelTrafficUpdate, nil, hashLen)
}

// exportKeyingMaterial is TLS-Exporter(label, context, length) of RFC 8446
// §7.5: HKDF-Expand-Label(Derive-Secret(exporter_master, label, ""),
// "exporter", Hash(context), length). A nil and an empty context are the
// same in TLS 1.3.
func exportKeyingMaterial(exporterMaster []byte, label string, context []byte, length int) ([]byte, error) {
	if len("tls13 "+label) > 255 {
		return nil, errLabel
	}
	secret, err := expandLabel(exporterMaster, label, emptyHash, hashLen)
	if err != nil {
		return nil, err
	}
	return expandLabel(secret, labelExporter, sha256Sum(context), length)
}

// cipherSuite describes one AEAD suite.
type cipherSuite struct {
	id     uint16
	keyLen int
	aead   func(key []byte) (cipher.AEAD, error)
}

const ivLen = 12

func newAESGCM(key []byte) (cipher.AEAD, error) {
	b, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(b)
}

var cipherSuites = []*cipherSuite{
	{id: TLS_AES_128_GCM_SHA256, keyLen: 16, aead: newAESGCM},
	{id: TLS_CHACHA20_POLY1305_SHA256, keyLen: chacha20poly1305.KeySize, aead: chacha20poly1305.New},
}

func suiteByID(id uint16) *cipherSuite {
	for _, s := range cipherSuites {
		if s.id == id {
			return s
		}
	}
	return nil
}

// trafficKey derives the record key and IV from a traffic secret
// (RFC 8446 §7.3).
func (s *cipherSuite) trafficKey(secret []byte) (key, iv []byte) {
	return mustExpand(secret, labelKey, nil, s.keyLen), mustExpand(secret, labelIV, nil, ivLen)
}

// transcript accumulates the handshake messages of the transcript hash
// (RFC 8446 §4.4.1). Handshakes here are a few hundred bytes, so the bytes are
// kept and hashed on demand, which makes the binder's partial hash and the
// HelloRetryRequest rewrite simple.
type transcript struct {
	buf []byte
}

func (t *transcript) add(msg []byte) { t.buf = append(t.buf, msg...) }

// sum hashes the transcript followed by extra (not added).
func (t *transcript) sum(extra []byte) []byte {
	h := sha256.New()
	h.Write(t.buf)
	h.Write(extra)
	return h.Sum(nil)
}

// retry replaces the transcript (which must hold only ClientHello1) by the
// synthetic message_hash message of RFC 8446 §4.4.1.
func (t *transcript) retry() {
	digest := sha256Sum(t.buf)
	t.buf = append([]byte{typeMessageHash, 0, 0, hashLen}, digest...)
}
