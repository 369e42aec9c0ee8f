package channel

import (
	"crypto/hkdf"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// Sizes of inputs and outputs of the key schedule, in bytes.
const (
	// MinKeySize is the shortest M-Pin session key Derive accepts: the
	// draft-era KDF yields a 16-byte AES-128 key; longer keys are accepted.
	MinKeySize = 16
	// MinTranscriptSize and MaxTranscriptSize bound the transcript hash.
	// The upper bound is what the one-byte length prefix can encode.
	MinTranscriptSize = 16
	MaxTranscriptSize = 255
	// MaxSuiteSize bounds the suite or profile name (one-byte prefix).
	MaxSuiteSize = 255

	// PSKSize is the length of the TLS 1.3 external PSK.
	PSKSize = 32
	// IdentitySize is the length of the PSK identity.
	IdentitySize = 16
	// BindingKeySize is the length of the channel-binding key.
	BindingKeySize = 32
)

// Labels of the key schedule. They are ASCII and enter HKDF byte for byte;
// doc.go gives the exact layout.
const (
	// ExtractSalt is the HKDF-Extract salt.
	ExtractSalt = "mpinkit channel v1 extract"
	// LabelPSK, LabelIdentity and LabelBinding name the three outputs in
	// their HKDF-Expand info strings.
	LabelPSK      = "mpinkit channel v1 psk"
	LabelIdentity = "mpinkit channel v1 identity"
	LabelBinding  = "mpinkit channel v1 binding"
)

// Keys is what one login session yields for its secure channel. PSK and
// Binding are secret; Identity is sent in the clear (in the TLS
// pre_shared_key extension, or inside TLS in the channel-binding mode) and
// is pseudorandom, so it says nothing about the user.
//
// Keys formats itself with the secrets redacted, so it is safe to pass to a
// logger by mistake; read the fields explicitly to use them.
type Keys struct {
	// PSK is the TLS 1.3 external pre-shared key (hash SHA-256).
	PSK [PSKSize]byte
	// Identity is the per-session PSK identity that names PSK on the wire.
	Identity [IdentitySize]byte
	// Binding is the key of the channel-binding MAC (see BindingMAC).
	Binding [BindingKeySize]byte
}

// Derive runs the key schedule: from the M-Pin Full session key, the login
// transcript hash and the suite (profile) name, it derives the channel PSK,
// the PSK identity and the channel-binding key with HKDF-SHA256.
//
// Derive is a pure function: equal inputs give equal Keys, on both ends of
// the login, so the server can index its table by Keys.Identity while the
// client sends that identity without any further message. It does not
// retain key or transcriptHash. It is constant-time in the key bytes
// (HMAC-SHA256); lengths are public.
func Derive(key, transcriptHash []byte, suite string) (Keys, error) {
	var k Keys
	if len(key) < MinKeySize {
		return k, fmt.Errorf("%w: %d bytes, need at least %d", ErrShortKey, len(key), MinKeySize)
	}
	if len(transcriptHash) < MinTranscriptSize || len(transcriptHash) > MaxTranscriptSize {
		return k, fmt.Errorf("%w: %d bytes, need %d to %d", ErrTranscript,
			len(transcriptHash), MinTranscriptSize, MaxTranscriptSize)
	}
	if len(suite) == 0 || len(suite) > MaxSuiteSize {
		return k, fmt.Errorf("%w: %d bytes, need 1 to %d", ErrSuite, len(suite), MaxSuiteSize)
	}

	prk, err := hkdf.Extract(sha256.New, key, []byte(ExtractSalt))
	if err != nil {
		return k, fmt.Errorf("channel: hkdf extract: %w", err)
	}
	defer clear(prk)

	outputs := []struct {
		label string
		dst   []byte
	}{
		{LabelPSK, k.PSK[:]},
		{LabelIdentity, k.Identity[:]},
		{LabelBinding, k.Binding[:]},
	}
	for _, o := range outputs {
		out, err := hkdf.Expand(sha256.New, prk, expandInfo(o.label, suite, transcriptHash), len(o.dst))
		if err != nil {
			k.Wipe()
			return Keys{}, fmt.Errorf("channel: hkdf expand %q: %w", o.label, err)
		}
		copy(o.dst, out)
		clear(out)
	}
	return k, nil
}

// expandInfo builds the HKDF-Expand info string
// len(label) || label || len(suite) || suite || len(transcript) || transcript
// with one-byte lengths. The callers have checked every length is < 256.
func expandInfo(label, suite string, transcript []byte) string {
	b := make([]byte, 0, 3+len(label)+len(suite)+len(transcript))
	b = append(b, byte(len(label)))
	b = append(b, label...)
	b = append(b, byte(len(suite)))
	b = append(b, suite...)
	b = append(b, byte(len(transcript)))
	b = append(b, transcript...)
	return string(b)
}

// Wipe overwrites every field of k with zeros.
func (k *Keys) Wipe() {
	clear(k.PSK[:])
	clear(k.Identity[:])
	clear(k.Binding[:])
}

// String shows the identity in hex and hides the secrets.
func (k Keys) String() string {
	return "channel.Keys{Identity: " + hex.EncodeToString(k.Identity[:]) + ", PSK: <redacted>, Binding: <redacted>}"
}

// GoString is String, so %#v does not print the secrets either.
func (k Keys) GoString() string { return k.String() }
