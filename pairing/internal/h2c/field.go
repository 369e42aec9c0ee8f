package h2c

import "math/big"

// FieldElementLength returns L, the number of uniform bytes hash_to_field
// draws for one base-field coordinate, for a prime p and security parameter
// k in bits: L = ceil((ceil(log2(p)) + k) / 8) (RFC 9380, section 5).
// The extra k bits make the bias of the final reduction modulo p
// negligible. It returns 0 for p < 2 or k < 0.
//
// For k = 128 this gives 64 for the 381-bit BLS12-381 prime and 48 for the
// 254-bit BN254CX prime.
func FieldElementLength(p *big.Int, k int) int {
	if p == nil || p.Cmp(big.NewInt(2)) < 0 || k < 0 {
		return 0
	}
	// ceil(log2 p) is the bit length of p - 1: it equals BitLen(p) unless
	// p is a power of two (never the case for an odd prime above 2, but
	// computed exactly anyway).
	bitsCeil := new(big.Int).Sub(p, big.NewInt(1)).BitLen()
	return (bitsCeil + k + 7) / 8
}

// HashToField runs the byte part of hash_to_field (RFC 9380, section 5.2):
// it expands msg under dst to count*m*L uniform bytes with
// ExpandMessageXMD and hands the L-byte string for coordinate j of element i
// to set(i, j, b), in order, for i < count and j < m. The callback reduces b
// modulo p into its own field type; b is only valid during the call.
//
// It returns ErrBadParameters for non-positive count, m or L or a nil set,
// and ErrOutputTooLong when count*m*L exceeds MaxXMDOutput.
func HashToField(msg, dst []byte, count, m, L int, set func(i, j int, b []byte)) error {
	if count <= 0 || m <= 0 || L <= 0 || set == nil {
		return ErrBadParameters
	}
	// Compare step by step so that no product can overflow a 32-bit int.
	if count > MaxXMDOutput || m > MaxXMDOutput || count*m > MaxXMDOutput ||
		L > MaxXMDOutput || count*m*L > MaxXMDOutput {
		return ErrOutputTooLong
	}
	var stack [512]byte
	var buf []byte
	if n := count * m * L; n <= len(stack) {
		buf = stack[:n]
	} else {
		buf = make([]byte, n)
	}
	if err := ExpandMessageXMD(buf, msg, dst); err != nil {
		return err
	}
	for i := 0; i < count; i++ {
		for j := 0; j < m; j++ {
			off := L * (j + i*m)
			set(i, j, buf[off:off+L])
		}
	}
	return nil
}
