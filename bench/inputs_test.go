package bench

import (
	"crypto/sha256"
	"encoding/binary"
	"math/big"
	"testing"

	circl "github.com/cloudflare/circl/ecc/bls12381"
	circlff "github.com/cloudflare/circl/ecc/bls12381/ff"
	gnark "github.com/consensys/gnark-crypto/ecc/bls12-381"
	gnarkfp "github.com/consensys/gnark-crypto/ecc/bls12-381/fp"

	ours "github.com/mpinkit/mpinkit/pairing/bls12381"
)

// Every benchmark in this module feeds the three libraries the same values.
// The values are derived deterministically from a label, built once with our
// own code, and handed to the peers as big-endian bytes (field elements and
// scalars) or as uncompressed ZCash-format encodings (points), so each
// library starts from exactly the same mathematical input.

// seedBytes returns n pseudo-random bytes determined by label.
func seedBytes(label string, n int) []byte {
	out := make([]byte, 0, n+sha256.Size)
	var ctr [8]byte
	for i := uint64(0); len(out) < n; i++ {
		binary.BigEndian.PutUint64(ctr[:], i)
		h := sha256.New()
		h.Write([]byte(label))
		h.Write(ctr[:])
		out = h.Sum(out)
	}
	return out[:n]
}

// hashDST is the RFC 9380 test-suite tag shared by the hash benchmarks; the
// G2 variant swaps the suite name.
var (
	hashDSTG1 = []byte("QUUX-V01-CS02-with-BLS12381G1_XMD:SHA-256_SSWU_RO_")
	hashDSTG2 = []byte("QUUX-V01-CS02-with-BLS12381G2_XMD:SHA-256_SSWU_RO_")
	hashMsg   = []byte("abcdef0123456789")
)

// inputs is one shared set of benchmark operands in each library's types.
type inputs struct {
	// Field elements x, y as canonical big-endian bytes.
	fpX, fpY []byte
	// A full-size random scalar as canonical big-endian bytes.
	scalar []byte

	oursFpX, oursFpY ours.Fp
	oursK            ours.Fr
	oursP, oursP2    *ours.G1
	oursQ, oursQ2    *ours.G2

	circlFpX, circlFpY circlff.Fp
	circlK             circl.Scalar
	circlP, circlP2    *circl.G1
	circlQ, circlQ2    *circl.G2

	gnarkFpX, gnarkFpY gnarkfp.Element
	gnarkK             *big.Int
	gnarkP, gnarkP2    gnark.G1Affine
	gnarkQ, gnarkQ2    gnark.G2Affine

	// g1Compressed is the 48-byte ZCash encoding of oursP.
	g1Compressed []byte
}

// g1Uncompressed returns the 96-byte ZCash encoding of p.
func g1Uncompressed(p *ours.G1) []byte {
	b := p.BytesUncompressed()
	return b[:]
}

// g2Uncompressed returns the 192-byte ZCash encoding of q.
func g2Uncompressed(q *ours.G2) []byte {
	b := q.BytesUncompressed()
	return b[:]
}

// newInputs builds the shared operands, failing tb if any peer rejects them.
func newInputs(tb testing.TB) *inputs {
	in := new(inputs)

	// Field elements and the scalar: reduce wide seeds, then re-encode
	// canonically so every library parses the same residue.
	in.oursFpX.SetBytesReduce(seedBytes("fp-x", 64))
	in.oursFpY.SetBytesReduce(seedBytes("fp-y", 64))
	bx, by := in.oursFpX.Bytes(), in.oursFpY.Bytes()
	in.fpX, in.fpY = bx[:], by[:]
	in.oursK.SetBytesReduce(seedBytes("scalar", 64))
	bk := in.oursK.Bytes()
	in.scalar = bk[:]

	if err := in.circlFpX.UnmarshalBinary(in.fpX); err != nil {
		tb.Fatal(err)
	}
	if err := in.circlFpY.UnmarshalBinary(in.fpY); err != nil {
		tb.Fatal(err)
	}
	in.circlK.SetBytes(in.scalar)
	if err := in.gnarkFpX.SetBytesCanonical(in.fpX); err != nil {
		tb.Fatal(err)
	}
	if err := in.gnarkFpY.SetBytesCanonical(in.fpY); err != nil {
		tb.Fatal(err)
	}
	in.gnarkK = new(big.Int).SetBytes(in.scalar)

	// Points: random multiples of the generators.
	point := func(label string) (*ours.G1, *ours.G2) {
		var a, b ours.Fr
		a.SetBytesReduce(seedBytes(label+"-a", 64))
		b.SetBytesReduce(seedBytes(label+"-b", 64))
		return new(ours.G1).ScalarBaseMult(&a), new(ours.G2).ScalarBaseMult(&b)
	}
	in.oursP, in.oursQ = point("pair-1")
	in.oursP2, in.oursQ2 = point("pair-2")
	c := in.oursP.Bytes()
	in.g1Compressed = c[:]

	in.circlP, in.circlP2 = new(circl.G1), new(circl.G1)
	in.circlQ, in.circlQ2 = new(circl.G2), new(circl.G2)
	for _, c := range []struct {
		dst interface{ SetBytes([]byte) error }
		src []byte
	}{
		{in.circlP, g1Uncompressed(in.oursP)},
		{in.circlP2, g1Uncompressed(in.oursP2)},
		{in.circlQ, g2Uncompressed(in.oursQ)},
		{in.circlQ2, g2Uncompressed(in.oursQ2)},
	} {
		if err := c.dst.SetBytes(c.src); err != nil {
			tb.Fatalf("circl rejects a shared input: %v", err)
		}
	}
	for _, c := range []struct {
		dst interface {
			SetBytes([]byte) (int, error)
		}
		src []byte
	}{
		{&in.gnarkP, g1Uncompressed(in.oursP)},
		{&in.gnarkP2, g1Uncompressed(in.oursP2)},
		{&in.gnarkQ, g2Uncompressed(in.oursQ)},
		{&in.gnarkQ2, g2Uncompressed(in.oursQ2)},
	} {
		if _, err := c.dst.SetBytes(c.src); err != nil {
			tb.Fatalf("gnark-crypto rejects a shared input: %v", err)
		}
	}
	return in
}
