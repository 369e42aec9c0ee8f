package vectors

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"

	"github.com/mpinkit/mpinkit/reference/mpin"
)

// drbg is the deterministic random bit generator the vectors are drawn
// from: HMAC-SHA-256 in counter mode, block i = HMAC(key, be64(i)). The
// key of a file's generator is HMAC(seedKey, "mpinkit-vectors/v1/" ||
// file name), and fork derives an independent generator for a label, so
// that each test group draws from its own stream. Output is the same on
// every machine and every run; it is not meant to be secret.
type drbg struct {
	key [sha256.Size]byte
	ctr uint64
	buf []byte
}

// seedKey is the HMAC key the per-file keys are derived under.
const seedKey = "mpinkit test vectors, deterministic generator"

// newDRBG returns the generator of a vector file.
func newDRBG(fileName string) *drbg {
	return newDRBGKey([]byte(seedKey), "mpinkit-vectors/v1/"+fileName)
}

func newDRBGKey(key []byte, label string) *drbg {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(label))
	d := &drbg{}
	copy(d.key[:], m.Sum(nil))
	return d
}

// fork returns a generator for a label, independent of d's position.
func (d *drbg) fork(label string) *drbg {
	return newDRBGKey(d.key[:], "fork/"+label)
}

// Read fills p; it never fails.
func (d *drbg) Read(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		if len(d.buf) == 0 {
			var c [8]byte
			binary.BigEndian.PutUint64(c[:], d.ctr)
			d.ctr++
			m := hmac.New(sha256.New, d.key[:])
			m.Write(c[:])
			d.buf = m.Sum(nil)
		}
		k := copy(p, d.buf)
		d.buf = d.buf[k:]
		p = p[k:]
	}
	return n, nil
}

// bytes returns n fresh bytes.
func (d *drbg) bytes(n int) []byte {
	b := make([]byte, n)
	d.Read(b)
	return b
}

// uint64 returns a uniform 64-bit value.
func (d *drbg) uint64() uint64 {
	return binary.BigEndian.Uint64(d.bytes(8))
}

// intn returns a uniform integer in [0, n), n > 0, by rejection.
func (d *drbg) intn(n int) int {
	un := uint64(n)
	limit := ^uint64(0) - ^uint64(0)%un
	for {
		if v := d.uint64(); v < limit {
			return int(v % un)
		}
	}
}

// scalar returns the encoding of a scalar uniform in [1, r): 64 bytes
// reduced mod r, drawn again in the (negligible) case of zero. It depends
// only on the bytes drawn and the suite's reduction, not on how the suite
// samples its own random scalars.
func (d *drbg) scalar(p *mpin.Profile) []byte {
	for {
		k := p.Suite().NewScalar().SetBytesReduce(d.bytes(64))
		if !k.IsZero() {
			return p.EncodeScalar(k)
		}
	}
}
