package h2c

import (
	"crypto/sha256"
	"errors"
)

// Errors returned by this package. They are sentinel values: test for them
// with errors.Is.
var (
	// ErrOutputTooLong reports a request for more than MaxXMDOutput bytes
	// from ExpandMessageXMD (RFC 9380 limits ell = ceil(len/32) to 255).
	ErrOutputTooLong = errors.New("h2c: expand_message_xmd output longer than 255 hash blocks")
	// ErrBadParameters reports a negative or zero count, degree or element
	// length given to HashToField, or a nil callback.
	ErrBadParameters = errors.New("h2c: invalid hash_to_field parameters")
)

const (
	// hashLen is b_in_bytes for SHA-256.
	hashLen = sha256.Size
	// blockLen is s_in_bytes, the input block size of SHA-256.
	blockLen = sha256.BlockSize
	// MaxXMDOutput is the largest output ExpandMessageXMD will produce:
	// 255 SHA-256 blocks.
	MaxXMDOutput = 255 * hashLen
	// MaxDSTLen is the longest tag used as is. Longer tags are first hashed
	// down as RFC 9380, section 5.3.3, prescribes.
	MaxDSTLen = 255
)

// oversizePrefix is the fixed string prepended to an over-long tag before it
// is hashed (RFC 9380, section 5.3.3).
const oversizePrefix = "H2C-OVERSIZE-DST-"

// ExpandMessageXMD fills out with len(out) pseudorandom bytes derived from
// msg and the domain separation tag dst, using expand_message_xmd instantiated
// with SHA-256 (RFC 9380, section 5.3.1).
//
// A tag longer than MaxDSTLen bytes is replaced by
// SHA-256("H2C-OVERSIZE-DST-" || dst), as section 5.3.3 of the RFC specifies,
// so every tag length is accepted. An empty tag is accepted by the expander
// too, but protocols must not use one (section 3.1 requires tags of non-zero
// length). The only error is ErrOutputTooLong when len(out) > MaxXMDOutput; out
// is left untouched in that case. An empty out is valid and produces nothing.
//
// The running time depends only on len(out), len(msg) and len(dst).
func ExpandMessageXMD(out, msg, dst []byte) error {
	if len(out) > MaxXMDOutput {
		return ErrOutputTooLong
	}
	if len(out) == 0 {
		return nil
	}

	// DST_prime = DST || I2OSP(len(DST), 1), with the oversize rule applied.
	var short [hashLen]byte
	if len(dst) > MaxDSTLen {
		h := sha256.New()
		h.Write([]byte(oversizePrefix))
		h.Write(dst)
		dst = h.Sum(short[:0])
	}
	dstLen := [1]byte{byte(len(dst))}

	ell := (len(out) + hashLen - 1) / hashLen
	lenBytes := [2]byte{byte(len(out) >> 8), byte(len(out))}

	h := sha256.New()

	// b_0 = H(Z_pad || msg || l_i_b_str || I2OSP(0, 1) || DST_prime), where
	// Z_pad is one zero-filled input block.
	var zpad [blockLen]byte
	h.Write(zpad[:])
	h.Write(msg)
	h.Write(lenBytes[:])
	h.Write([]byte{0})
	h.Write(dst)
	h.Write(dstLen[:])
	var b0 [hashLen]byte
	h.Sum(b0[:0])

	// b_1 = H(b_0 || I2OSP(1, 1) || DST_prime) and, for i > 1,
	// b_i = H((b_0 XOR b_(i-1)) || I2OSP(i, 1) || DST_prime).
	var prev, chain [hashLen]byte
	for i := 1; i <= ell; i++ {
		if i == 1 {
			chain = b0
		} else {
			for j := range chain {
				chain[j] = b0[j] ^ prev[j]
			}
		}
		h.Reset()
		h.Write(chain[:])
		h.Write([]byte{byte(i)})
		h.Write(dst)
		h.Write(dstLen[:])
		h.Sum(prev[:0])
		copy(out[(i-1)*hashLen:], prev[:])
	}
	return nil
}
