package curvemath

import (
	"bytes"
	"errors"
	"math/big"
	"testing"

	"github.com/mpinkit/mpinkit/reference/mpin"
)

var suites = []string{
	"MPIN-BN254CX-SHA256-MILAGRO", "MPIN-BLS12381-SHA256-MILAGRO",
	"MPIN-BN254CX-SHA256-MODERN", "MPIN-BLS12381-SHA256-MODERN",
}

// TestDefectsAgainstTheReference checks that every defect the harness
// builds is rejected by the reference's decoders with the error the
// harness expects, so that scenario expectations are right.
func TestDefectsAgainstTheReference(t *testing.T) {
	for _, s := range suites {
		c, err := Lookup(s)
		if err != nil {
			t.Fatal(err)
		}
		p, err := mpin.Lookup(s)
		if err != nil {
			t.Fatal(err)
		}
		gt := make([]byte, c.GTSize())
		gt[c.MB-1] = 1 // the identity of GT
		decoders := map[string]struct {
			valid  []byte
			decode func([]byte) error
		}{
			"g1":     {c.G1Gen, func(b []byte) error { _, err := p.DecodeG1(b); return err }},
			"g2":     {c.G2Gen, func(b []byte) error { _, err := p.DecodeG2(b); return err }},
			"scalar": {c.Scalar(bigOne()), func(b []byte) error { _, err := p.DecodeScalar(b); return err }},
			"gt":     {gt, func(b []byte) error { _, err := p.DecodeGT(b); return err }},
		}
		for kind, d := range decoders {
			if err := d.decode(d.valid); err != nil {
				t.Fatalf("%s %s: the valid sample is refused: %v", s, kind, err)
			}
			for _, defect := range Defects() {
				b, err := c.Mutate(kind, defect, d.valid)
				var na *ErrNotApplicable
				if errors.As(err, &na) {
					continue
				}
				if err != nil {
					t.Fatalf("%s %s %s: %v", s, kind, defect, err)
				}
				got := mpin.ErrorName(d.decode(b))
				if got != DefectError[defect] {
					t.Errorf("%s %s %q: the reference says %s, the harness expects %s", s, kind, defect, got, DefectError[defect])
				}
			}
		}
		if !c.OnCurveG1(c.G1Gen) || !c.OnTwistG2(c.G2Gen) {
			t.Errorf("%s: generators not on the curve", s)
		}
		q, err := c.SpecG2Generator()
		if err != nil || !bytes.Equal(q, c.G2Gen) {
			t.Errorf("%s: the spec's Q %x differs from the pairing package's %x", s, q, c.G2Gen)
		}
		if neg := c.NegG2(c.G2Gen); !c.OnTwistG2(neg) || bytes.Equal(neg, c.G2Gen) {
			t.Errorf("%s: -Q", s)
		}
		if !bytes.Equal(c.SwapG2(c.SwapG2(c.G2Gen)), c.G2Gen) {
			t.Errorf("%s: swapping twice", s)
		}
		seed := bytes.Repeat([]byte{7}, 40)
		want, err := p.MasterShareFromSeed(seed)
		if err != nil || !bytes.Equal(c.SeededShare(seed), want) {
			t.Errorf("%s: seeded share %x, the reference %x (%v)", s, c.SeededShare(seed), want, err)
		}
		id := []byte("alice")
		if hid, _ := p.HashID(id); !c.Modern && !bytes.Equal(hid, c.Mhashit(0, id)) {
			t.Errorf("%s: mhashit(0, ID) differs from the reference's HID", s)
		}
	}
}

func bigOne() *big.Int { return big.NewInt(1) }
