package curvemath

import (
	"fmt"
	"math/big"
	"sort"
	"strings"
)

// Fp2 is a + b i with i^2 = -1.
type Fp2 struct{ A, B *big.Int }

type fp2Field struct{ p *big.Int }

func (c *Curve) fp2() fp2Field { return fp2Field{c.P} }

func (f fp2Field) mod(x *big.Int) *big.Int { return x.Mod(x, f.p) }

func (f fp2Field) reduce(x Fp2) Fp2 {
	return Fp2{f.mod(new(big.Int).Set(x.A)), f.mod(new(big.Int).Set(x.B))}
}

func (f fp2Field) add(x, y Fp2) Fp2 {
	return Fp2{f.mod(new(big.Int).Add(x.A, y.A)), f.mod(new(big.Int).Add(x.B, y.B))}
}

func (f fp2Field) sub(x, y Fp2) Fp2 {
	return Fp2{f.mod(new(big.Int).Sub(x.A, y.A)), f.mod(new(big.Int).Sub(x.B, y.B))}
}

func (f fp2Field) mul(x, y Fp2) Fp2 {
	re := new(big.Int).Sub(new(big.Int).Mul(x.A, y.A), new(big.Int).Mul(x.B, y.B))
	im := new(big.Int).Add(new(big.Int).Mul(x.A, y.B), new(big.Int).Mul(x.B, y.A))
	return Fp2{f.mod(re), f.mod(im)}
}

func (f fp2Field) exp(x Fp2, e *big.Int) Fp2 {
	out := Fp2{big.NewInt(1), big.NewInt(0)}
	for i := e.BitLen() - 1; i >= 0; i-- {
		out = f.mul(out, out)
		if e.Bit(i) == 1 {
			out = f.mul(out, x)
		}
	}
	return out
}

func (f fp2Field) equal(x, y Fp2) bool { return x.A.Cmp(y.A) == 0 && x.B.Cmp(y.B) == 0 }

// sqrt finds a square root in Fp2 for p = 3 mod 4 by the complex method:
// for a + b i with norm n = a^2 + b^2 a square, x0 = sqrt((a + sqrt(n))/2)
// and x1 = b / (2 x0).
func (f fp2Field) sqrt(v Fp2) (Fp2, bool) {
	p := f.p
	e := new(big.Int).Rsh(new(big.Int).Add(p, big.NewInt(1)), 2)
	sq := func(t *big.Int) (*big.Int, bool) {
		r := new(big.Int).Exp(t, e, p)
		return r, new(big.Int).Mod(new(big.Int).Mul(r, r), p).Cmp(new(big.Int).Mod(t, p)) == 0
	}
	n := new(big.Int).Add(new(big.Int).Mul(v.A, v.A), new(big.Int).Mul(v.B, v.B))
	n.Mod(n, p)
	s, ok := sq(n)
	if !ok {
		return Fp2{}, false
	}
	inv2 := new(big.Int).ModInverse(big.NewInt(2), p)
	for _, sign := range []int{1, -1} {
		t := new(big.Int).Add(v.A, new(big.Int).Mul(big.NewInt(int64(sign)), s))
		t.Mul(t, inv2).Mod(t, p)
		x0, ok := sq(t)
		if !ok || x0.Sign() == 0 {
			continue
		}
		x1 := new(big.Int).Mul(v.B, new(big.Int).ModInverse(new(big.Int).Lsh(x0, 1), p))
		x1.Mod(x1, p)
		r := Fp2{x0, x1}
		if f.equal(f.mul(r, r), f.reduce(v)) {
			return r, true
		}
	}
	return Fp2{}, false
}

// Defects of point encodings, each with the canonical error the
// requirement of spec/mpin.md section 14 names.
const (
	DefectIdentity     = "the point at infinity"
	DefectOffCurve     = "a point off the curve"
	DefectNotSubgroup  = "a point outside the subgroup"
	DefectXNotBelowP   = "a coordinate not below p"
	DefectShort        = "an encoding one octet short"
	DefectLong         = "an encoding one octet long"
	DefectEmpty        = "an empty encoding"
	DefectPrefix       = "a wrong prefix"
	DefectCompressed   = "the compressed form"
	DefectZero         = "zero"
	DefectOrder        = "the group order r"
	DefectAllOnes      = "all one bits"
	DefectGTNotBelowP  = "a coefficient not below p"
	DefectGTNotInGT    = "an Fp12 value outside GT"
	DefectHIDPadding   = "a hashed identity without its zero padding"
	DefectOtherFamily  = "the other suite family's layout"
	DefectReducedByAdd = "a coordinate written with p added"
)

// DefectError is the canonical error each defect must produce.
var DefectError = map[string]string{
	DefectIdentity:    "IDENTITY_POINT",
	DefectOffCurve:    "INVALID_POINT",
	DefectNotSubgroup: "INVALID_POINT",
	DefectXNotBelowP:  "NON_CANONICAL",
	DefectShort:       "NON_CANONICAL",
	DefectLong:        "NON_CANONICAL",
	DefectEmpty:       "NON_CANONICAL",
	DefectPrefix:      "NON_CANONICAL",
	DefectCompressed:  "NON_CANONICAL",
	DefectZero:        "INVALID_SCALAR",
	DefectOrder:       "INVALID_SCALAR",
	DefectAllOnes:     "INVALID_SCALAR",
	DefectGTNotBelowP: "NON_CANONICAL",
	DefectGTNotInGT:   "INVALID_POINT",
	DefectHIDPadding:  "NON_CANONICAL",
}

// ErrNotApplicable reports a defect that does not exist for a kind of
// value under a suite (a G1 point outside the subgroup on BN254CX, whose
// G1 has no cofactor).
type ErrNotApplicable struct{ Defect, Kind, Suite string }

func (e *ErrNotApplicable) Error() string {
	return fmt.Sprintf("%s does not exist for %s values under %s", e.Defect, e.Kind, e.Suite)
}

// Defects lists the defect names, sorted.
func Defects() []string {
	var out []string
	for k := range DefectError {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Mutate returns a copy of a valid value of a kind (g1, g2, scalar, gt,
// hid) with one defect. For defects that replace the value (identity, off
// curve, outside the subgroup) the input only fixes the suite's sizes.
func (c *Curve) Mutate(kind, defect string, v []byte) ([]byte, error) {
	na := &ErrNotApplicable{Defect: defect, Kind: kind, Suite: c.Suite}
	switch defect {
	case DefectShort:
		if len(v) == 0 {
			return nil, na
		}
		return append([]byte(nil), v[:len(v)-1]...), nil
	case DefectLong:
		return append(append([]byte(nil), v...), 0), nil
	case DefectEmpty:
		return []byte{}, nil
	}
	switch kind {
	case "g1":
		return c.mutateG1(defect, v, na)
	case "g2":
		return c.mutateG2(defect, v, na)
	case "scalar":
		switch defect {
		case DefectZero:
			return make([]byte, c.MB), nil
		case DefectOrder:
			return c.fe(c.R), nil
		case DefectAllOnes:
			return []byte(strings.Repeat("\xff", c.MB)), nil
		}
	case "gt":
		switch defect {
		case DefectGTNotBelowP:
			out := append([]byte(nil), v...)
			x := new(big.Int).SetBytes(out[:c.MB])
			copy(out[:c.MB], c.fe(x.Add(x, c.P)))
			return out, nil
		case DefectGTNotInGT:
			out := make([]byte, c.GTSize())
			out[c.MB-1] = 2 // the Fp element 2: 2^r is not 1
			return out, nil
		}
	case "hid":
		if c.Modern {
			return c.mutateG1(defect, v, na)
		}
		if defect == DefectHIDPadding && c.MB > 32 {
			out := append([]byte(nil), v...)
			out[0] = 1
			return out, nil
		}
	}
	return nil, na
}

func (c *Curve) mutateG1(defect string, v []byte, na error) ([]byte, error) {
	switch defect {
	case DefectIdentity:
		return c.EncodeG1(new(big.Int), new(big.Int)), nil
	case DefectOffCurve:
		for x := int64(1); ; x++ {
			bx := big.NewInt(x)
			if !c.g1Eq(bx, big.NewInt(1)) {
				return c.EncodeG1(bx, big.NewInt(1)), nil
			}
		}
	case DefectNotSubgroup:
		if !c.Cofactor {
			return nil, na
		}
		for x := int64(1); ; x++ {
			bx := big.NewInt(x)
			rhs := new(big.Int).Exp(bx, big.NewInt(3), c.P)
			rhs.Add(rhs, c.B).Mod(rhs, c.P)
			if y := new(big.Int).ModSqrt(rhs, c.P); y != nil {
				return c.EncodeG1(bx, y), nil
			}
		}
	case DefectXNotBelowP, DefectReducedByAdd:
		x, y, ok := c.DecodeG1Raw(v)
		if !ok {
			return nil, na
		}
		return c.EncodeG1(x.Add(x, c.P), y), nil
	case DefectPrefix:
		if len(v) == 0 {
			return nil, na
		}
		out := append([]byte(nil), v...)
		out[0] = 5
		return out, nil
	case DefectCompressed:
		x, y, ok := c.DecodeG1Raw(v)
		if !ok {
			return nil, na
		}
		return append([]byte{byte(2 | y.Bit(0))}, c.fe(x)...), nil
	}
	return nil, na
}

func (c *Curve) mutateG2(defect string, v []byte, na error) ([]byte, error) {
	f := c.fp2()
	one := big.NewInt(1)
	switch defect {
	case DefectIdentity:
		z := Fp2{new(big.Int), new(big.Int)}
		return c.EncodeG2(z, z), nil
	case DefectOffCurve:
		return c.EncodeG2(Fp2{one, one}, Fp2{one, one}), nil
	case DefectNotSubgroup:
		for k := int64(1); ; k++ {
			x := Fp2{big.NewInt(k), one}
			rhs := f.add(f.mul(x, f.mul(x, x)), c.BT)
			if y, ok := f.sqrt(rhs); ok {
				return c.EncodeG2(x, y), nil
			}
		}
	case DefectXNotBelowP, DefectReducedByAdd:
		x, y, ok := c.DecodeG2Raw(v)
		if !ok {
			return nil, na
		}
		return c.EncodeG2(Fp2{new(big.Int).Add(x.A, c.P), x.B}, y), nil
	case DefectPrefix:
		if !c.Modern || len(v) == 0 {
			return nil, na
		}
		out := append([]byte(nil), v...)
		out[0] = 5
		return out, nil
	case DefectOtherFamily:
		return c.SwapG2(v), nil
	}
	return nil, na
}
