package mpin

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
	"fmt"
	"math"

	"github.com/mpinkit/mpinkit/pairing"
)

// Hashing rules (spec/mpin.md sections 4, 8 and 11).
//
//	mhashit(n, m)   = SHA-256(be32(n) || m) if n > 0, SHA-256(m) otherwise,
//	                  left-padded with zeros to FieldBytes (Milagro's hash)
//
// Milagro profiles:
//
//	HashID(ID)      = mhashit(0, ID)
//	H1(ID)          = LegacyMap(HashID(ID))          (try and increment)
//	permit point    = LegacyMap(mhashit(day, HashID(ID)))
//
// Modern profiles (RFC 9380 encode_to_curve, the identity map of MIRACL
// core):
//
//	H1(ID)          = encode_to_curve(ID, "<curve>G1_XMD:SHA-256_<map>_NU_MPIN")
//	HashID(ID)      = the encoding 0x04 || x || y of H1(ID): what the
//	                  client hands to the D-TAs, as in MIRACL core
//	permit point    = encode_to_curve(be32(day) || HashID(ID),
//	                  "<curve>G1_XMD:SHA-256_<map>_NU_MPIN_PERMIT")
//
// All profiles, with U* = UT with a time permit and U without:
//
//	one-pass y      = mhashit(TimeValue, U* || message) mod r
//	HASH_ALL h      = mhashit(0, HashID || U* || V || y || R || W) mod r
//
// The permit map has its own tag in the modern profiles: under Milagro's
// rules an identity equal to be32(day) || HashID(victim) is mapped to the
// victim's permit point for that day (spec REQ-MPIN-15.8). With a permit,
// U enters neither hash nor the pairing check: it serves only the server's
// wrong-PIN diagnosis, as in Milagro.
//
// Points inside hashed strings are always in the uncompressed encoding.

// mhashit is Milagro's generic hash, fitted to FieldBytes.
func (p *Profile) mhashit(n int64, parts ...[]byte) []byte {
	h := sha256.New()
	if n > 0 {
		var pre [4]byte
		binary.BigEndian.PutUint32(pre[:], uint32(n))
		h.Write(pre[:])
	}
	for _, m := range parts {
		h.Write(m)
	}
	d := h.Sum(nil)
	out := make([]byte, p.fb)
	copy(out[p.fb-len(d):], d) // fb >= 32 is checked in NewProfile
	return out
}

// expandMessageXMD is expand_message_xmd with SHA-256 (RFC 9380, section
// 5.3.1) over the concatenation of parts. n must be at most 255*32 and dst
// at most 255 bytes; both are fixed by this package.
func expandMessageXMD(dst []byte, n int, parts ...[]byte) []byte {
	const bLen = sha256.Size
	ell := (n + bLen - 1) / bLen
	dstPrime := append(append([]byte{}, dst...), byte(len(dst)))

	h := sha256.New()
	h.Write(make([]byte, sha256.BlockSize)) // Z_pad
	for _, m := range parts {
		h.Write(m)
	}
	h.Write([]byte{byte(n >> 8), byte(n), 0})
	h.Write(dstPrime)
	b0 := h.Sum(nil)

	out := make([]byte, 0, ell*bLen)
	prev := make([]byte, bLen)
	for i := 1; i <= ell; i++ {
		h.Reset()
		x := make([]byte, bLen)
		subtle.XORBytes(x, b0, prev) // b_0 xor b_(i-1); b_0 xor 0 for i = 1
		h.Write(x)
		h.Write([]byte{byte(i)})
		h.Write(dstPrime)
		prev = h.Sum(nil)
		out = append(out, prev...)
	}
	return out[:n]
}

// hashToScalar returns mhashit(n, parts...) mod r.
func (p *Profile) hashToScalar(n int64, parts ...[]byte) pairing.Scalar {
	return p.suite.NewScalar().SetBytesReduce(p.mhashit(n, parts...))
}

// HashID returns the hashed identity: what a client sends to the D-TAs
// instead of its identity, and what the M-Pin Full transcript hash starts
// with. Milagro: mhashit(0, id), FieldBytes long (for BN254CX exactly
// SHA-256(id)). Modern: the G1 encoding of H1(id).
func (p *Profile) HashID(id []byte) ([]byte, error) {
	if len(id) == 0 {
		return nil, fmt.Errorf("%w: empty identity", ErrInvalidArgument)
	}
	if !p.modern {
		return p.mhashit(0, id), nil
	}
	a, err := p.mapID(id)
	if err != nil {
		return nil, err
	}
	return p.EncodeG1(a), nil
}

// MapID returns the encoding of H1(id), the identity's point in G1.
func (p *Profile) MapID(id []byte) ([]byte, error) {
	a, err := p.mapID(id)
	if err != nil {
		return nil, err
	}
	return p.EncodeG1(a), nil
}

func (p *Profile) mapID(id []byte) (pairing.G1, error) {
	if len(id) == 0 {
		return nil, fmt.Errorf("%w: empty identity", ErrInvalidArgument)
	}
	if p.modern {
		return p.checkMapped(p.encodePublic(id, p.identityDST))
	}
	return p.checkMapped(p.suite.LegacyMapToG1VarTime(p.mhashit(0, id)))
}

// idPoint returns H1(ID) from the hashed identity, as a D-TA computes it.
func (p *Profile) idPoint(hashedID []byte) (pairing.G1, error) {
	if err := p.checkHashedID(hashedID); err != nil {
		return nil, err
	}
	if p.modern {
		return p.DecodeG1(hashedID)
	}
	return p.checkMapped(p.suite.LegacyMapToG1VarTime(hashedID))
}

// PermitPoint returns the encoding of the time-permit point of a hashed
// identity for a day (days since 1970-01-01, from 1 to 2^31 - 1): the point
// a permit for that day is a multiple of.
func (p *Profile) PermitPoint(hashedID []byte, day int) ([]byte, error) {
	if err := p.checkDay(day); err != nil {
		return nil, err
	}
	if _, err := p.idPoint(hashedID); err != nil {
		return nil, err
	}
	at, err := p.permitPoint(hashedID, day)
	if err != nil {
		return nil, err
	}
	return p.EncodeG1(at), nil
}

// HStar returns the encoding of H* = H1(ID) + HT(day, ID) for an identity
// and a permit day (from 1 to 2^31 - 1): the point that a client's secret
// and its permit for the day add up to multiples of, and that a server
// checking a first pass with a permit multiplies by the challenge. For
// vectors, harnesses and benchmarks; the server computes the same point.
func (p *Profile) HStar(id []byte, day int) ([]byte, error) {
	if err := p.checkDay(day); err != nil {
		return nil, err
	}
	if len(id) == 0 {
		return nil, fmt.Errorf("%w: empty identity", ErrInvalidArgument)
	}
	if sm := p.legacySum(); sm != nil {
		h, err := p.legacyHStar(sm, p.mhashit(0, id), day)
		if err != nil {
			return nil, err
		}
		return p.EncodeG1(h), nil
	}
	a, err := p.mapID(id)
	if err != nil {
		return nil, err
	}
	hid := p.mhashit(0, id)
	if p.modern {
		hid = p.EncodeG1(a)
	}
	at, err := p.permitPoint(hid, day)
	if err != nil {
		return nil, err
	}
	return p.EncodeG1(at.Add(at, a)), nil
}

// legacySum returns the profile's suite as a pairing.LegacySumMapper in
// the Milagro profiles when it is one, else nil.
func (p *Profile) legacySum() pairing.LegacySumMapper {
	if sm, ok := p.suite.(pairing.LegacySumMapper); ok && !p.modern {
		return sm
	}
	return nil
}

// legacyHStar is H* in a Milagro profile from the hashed identity: H1(ID)
// maps HashID(ID) itself and HT maps mhashit(day, HashID(ID)), and sm adds
// the two maps with one cofactor clearing.
func (p *Profile) legacyHStar(sm pairing.LegacySumMapper, hashedID []byte, day int) (pairing.G1, error) {
	return p.checkMapped(sm.LegacyMapSumToG1VarTime(hashedID, p.mhashit(int64(day), hashedID)))
}

// checkHashedID checks the form of a hashed identity: in the modern
// profiles a G1 encoding (checked in full by DecodeG1 where it is used),
// in the Milagro ones FieldBytes long with the zero padding mhashit puts
// in front of the digest on BLS12-381.
func (p *Profile) checkHashedID(hashedID []byte) error {
	if len(hashedID) != p.HashedIDSize() {
		return fmt.Errorf("%w: hashed identity of %d bytes, want %d", ErrNonCanonical, len(hashedID), p.HashedIDSize())
	}
	if !p.modern && !allZero(hashedID[:p.fb-sha256.Size]) {
		return fmt.Errorf("%w: hashed identity without its zero padding", ErrNonCanonical)
	}
	return nil
}

// checkDay checks that a permit day is in [1, 2^31 - 1].
func (p *Profile) checkDay(day int) error {
	if day < 1 || day > math.MaxInt32 {
		return fmt.Errorf("%w: day %d", ErrInvalidDay, day)
	}
	return nil
}

// permitPoint computes the permit point of a hashed identity already
// checked, for a day already checked.
func (p *Profile) permitPoint(hashedID []byte, day int) (pairing.G1, error) {
	if p.modern {
		var pre [4]byte
		binary.BigEndian.PutUint32(pre[:], uint32(day))
		msg := append(pre[:], hashedID...)
		return p.checkMapped(p.encodePublic(msg, p.permitDST))
	}
	return p.checkMapped(p.suite.LegacyMapToG1VarTime(p.mhashit(int64(day), hashedID)))
}

func (p *Profile) checkMapped(a pairing.G1, err error) (pairing.G1, error) {
	if err != nil { // a suite without the map (test suites)
		return nil, fmt.Errorf("%w: hashing to G1: %w", ErrUnsupported, err)
	}
	if a.IsIdentity() {
		return nil, fmt.Errorf("%w: hashed to the identity", ErrIdentity)
	}
	return a, nil
}

// uStar returns U*: UT when there is one, U otherwise.
func uStar(u, ut []byte) []byte {
	if len(ut) != 0 {
		return ut
	}
	return u
}

// OnePassChallenge returns the encoded one-pass challenge
// y = mhashit(TimeValue, U* || message) mod r for a time value (Unix
// seconds, from 1 to 2^31 - 1, else ErrInvalidTime), the encoded
// first-pass points U and UT (nil without a time permit; U* is UT when
// present) and an optional message. A hash that is 0 mod r, an event of
// probability about 2^-254, gives ErrInvalidScalar.
func (p *Profile) OnePassChallenge(timeValue int64, u, ut, message []byte) ([]byte, error) {
	y, err := p.onePassY(timeValue, u, ut, message)
	if err != nil {
		return nil, err
	}
	return p.EncodeScalar(y), nil
}

func (p *Profile) onePassY(timeValue int64, u, ut, message []byte) (pairing.Scalar, error) {
	if err := checkTimeValue(timeValue); err != nil {
		return nil, err
	}
	y := p.hashToScalar(timeValue, uStar(u, ut), message)
	if y.IsZero() {
		return nil, fmt.Errorf("%w: one-pass challenge is zero", ErrInvalidScalar)
	}
	return y, nil
}

func checkTimeValue(t int64) error {
	if t < 1 || t > math.MaxInt32 {
		return fmt.Errorf("%w: %d", ErrInvalidTime, t)
	}
	return nil
}

// HashAll returns the encoded M-Pin Full transcript hash
// h = mhashit(0, HashID || U* || V || y || R || W) mod r over the hashed
// identity, the first-pass points U and UT (nil without a time permit),
// V, the challenge y and the key shares R and W, all as encoded.
func (p *Profile) HashAll(hashedID, u, ut, v, y, r, w []byte) []byte {
	return p.EncodeScalar(p.hashAll(hashedID, u, ut, v, y, r, w))
}

func (p *Profile) hashAll(hashedID, u, ut, v, y, r, w []byte) pairing.Scalar {
	return p.hashToScalar(0, hashedID, uStar(u, ut), v, y, r, w)
}

// traceFp4 returns the trace of g from Fp12 down to Fp4, the compression
// Milagro's M-Pin Full applies before hashing (FP12_trace and the XTR
// exponentiation FP12_compow; spec REQ-MPIN-11.6). With the tower of
// pairing.GT.Coefficients,
// g = sum of a_e w^e over e = 0..5 with a_e in Fp2 and w^6 = 1 + i, and
// Fp4 = Fp2(w^3). The three conjugates of w over Fp4 are w, zw and z^2 w
// for a cube root of unity z, so Tr(g) = 3 (a_0 + a_3 w^3). The result is
// the four Fp values 3 a_0.re, 3 a_0.im, 3 a_3.re, 3 a_3.im mod p, each
// FieldBytes long; a_0 is Coefficients()[0:2] and a_3 = the coefficient
// of v w is Coefficients()[8:10]. Constant time.
func (p *Profile) traceFp4(g pairing.GT) [4][]byte {
	c := g.Coefficients()
	return [4][]byte{
		tripleModP(c[0], p.pBytes),
		tripleModP(c[1], p.pBytes),
		tripleModP(c[8], p.pBytes),
		tripleModP(c[9], p.pBytes),
	}
}

// tripleModP returns 3c mod p for a big-endian c < p of len(p) bytes, in
// constant time.
func tripleModP(c, p []byte) []byte {
	n := len(p)
	t := make([]byte, n+1)
	var carry uint
	for i := n - 1; i >= 0; i-- {
		v := uint(c[i])*3 + carry
		t[i+1] = byte(v)
		carry = v >> 8
	}
	t[0] = byte(carry)
	d := make([]byte, n+1)
	for range 2 { // 3c < 3p: at most two subtractions
		var borrow uint
		for i := n; i >= 0; i-- {
			var pi uint
			if i > 0 {
				pi = uint(p[i-1])
			}
			v := uint(t[i]) - pi - borrow
			d[i] = byte(v)
			borrow = (v >> 8) & 1
		}
		subtle.ConstantTimeCopy(int(1-borrow), t, d) // keep t - p if no borrow
	}
	return t[1:]
}

// sessionKey is the M-Pin Full key derivation: SHA-256 over the four Fp
// values of the Fp4 trace of g, then x and y of the point d, truncated to
// KeySize bytes.
func (p *Profile) sessionKey(g pairing.GT, d pairing.G1) ([]byte, error) {
	x, y, ok := d.Coordinates()
	if !ok {
		return nil, fmt.Errorf("%w: key-agreement point", ErrIdentity)
	}
	h := sha256.New()
	for _, t := range p.traceFp4(g) {
		h.Write(t)
	}
	h.Write(x)
	h.Write(y)
	return h.Sum(nil)[:KeySize], nil
}

// encodePublic is the suite's EncodeToG1 for the public inputs M-Pin hashes
// to the curve (identities, which travel in the clear, and permit days),
// in variable time when the suite offers it.
func (p *Profile) encodePublic(msg, dst []byte) (pairing.G1, error) {
	if pe, ok := p.suite.(pairing.PublicEncoder); ok {
		return pe.EncodeToG1VarTime(msg, dst)
	}
	return p.suite.EncodeToG1(msg, dst)
}
