// Command fieldgen writes the fixed-limb Montgomery field code and the
// Fp2/Fp6/Fp12 tower used by the curve packages under pairing/.
//
// It is run by `go generate` from each curve package:
//
//	go run ../internal/fieldgen -pkg bn254 -type Fp -prime 0x24... -out fp.go
//	go run ../internal/fieldgen -pkg bn254 -tower -out tower.go
//
// The field code is straight-line Go over [N]uint64 limbs with math/bits
// carries and masks in place of branches, so every operation except the
// explicitly named VarTime helpers runs in time independent of its operands.
// The generator asserts the "no-carry" condition (top limb of the modulus
// below 2^63-1) that the multiplication relies on.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"log"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"text/template"
)

func main() {
	pkg := flag.String("pkg", "", "package name")
	typ := flag.String("type", "Fp", "Go type name of the field element")
	prime := flag.String("prime", "", "modulus (0x-prefixed hex or decimal)")
	out := flag.String("out", "", "output file")
	tower := flag.Bool("tower", false, "emit the Fp2/Fp6/Fp12 tower over Fp (with -prime the base field modulus)")
	group := flag.String("group", "", "emit projective point arithmetic for this group type (with -type the coordinate field, -b3 the name of the 3b constant)")
	b3 := flag.String("b3", "", "name of the variable holding 3b for -group")
	milagro := flag.String("milagro", "", "emit the Milagro encodings and legacy map for this curve name")
	cofDoc := flag.String("cofdoc", "", "with -milagro: how the G1 cofactor is described in the docs")
	suiteName := flag.String("suite", "", "emit the pairing.Suite adapter with this suite name")
	common := flag.Bool("common", false, "emit the shared limb helpers used by the field code")
	desc := flag.String("desc", "", "one-line description of the field for the doc comment")
	flag.Parse()
	if *pkg == "" || *out == "" {
		log.Fatal("fieldgen: -pkg and -out are required")
	}
	var src []byte
	var err error
	if *milagro != "" {
		p, ok := new(big.Int).SetString(*prime, 0)
		if !ok {
			log.Fatalf("fieldgen: bad prime %q", *prime)
		}
		fb := (p.BitLen() + 7) / 8
		fit := "the SHA-256 digest itself"
		if fb > 32 {
			fit = fmt.Sprintf("%d zero bytes followed by the SHA-256 digest", fb-32)
		} else if fb < 32 {
			fit = fmt.Sprintf("the first %d bytes of the SHA-256 digest", fb)
		}
		src, err = render(milagroTmpl, milagroData{Pkg: *pkg, Curve: *milagro, FitDoc: fit, CofDoc: *cofDoc,
			FB: fb, G1Len: 1 + 2*fb, G1CLen: 1 + fb, G2Len: 4 * fb, G1Zero: 2 * fb})
	} else if *suiteName != "" {
		sd := suiteData{Pkg: *pkg, Name: *suiteName}
		src, err = render(suiteTmpl, sd)
		if err == nil {
			var tsrc []byte
			if tsrc, err = render(suiteTestTmpl, sd); err == nil {
				err = os.WriteFile(filepath.Join(filepath.Dir(*out), "prepared_gen_test.go"), tsrc, 0o644)
			}
		}
	} else if *group != "" {
		pd := pointData{Pkg: *pkg, G: *group, F: *typ, B3: *b3, Desc: *desc, Gen: strings.ToLower((*group)[:1]) + (*group)[1:] + "Gen"}
		src, err = render(pointTmpl, pd)
		if err == nil {
			var tsrc []byte
			if tsrc, err = render(pointTestTmpl, pd); err == nil {
				err = os.WriteFile(strings.TrimSuffix(*out, ".go")+"_test.go", tsrc, 0o644)
			}
		}
	} else if *common {
		d := struct{ Pkg string }{*pkg}
		src, err = render(commonTmpl, d)
		for name, t := range map[string]*template.Template{"cpu_amd64_gen.go": cpuAmd64Tmpl, "cpu_other_gen.go": cpuOtherTmpl} {
			if err != nil {
				break
			}
			var c []byte
			if c, err = render(t, d); err == nil {
				err = os.WriteFile(filepath.Join(filepath.Dir(*out), name), c, 0o644)
			}
		}
	} else if *tower {
		p, ok := new(big.Int).SetString(*prime, 0)
		if !ok {
			log.Fatalf("fieldgen: bad prime %q", *prime)
		}
		src, err = genTower(*pkg, p)
	} else {
		p, ok := new(big.Int).SetString(*prime, 0)
		if !ok || p.Sign() <= 0 || !p.ProbablyPrime(32) {
			log.Fatalf("fieldgen: bad prime %q", *prime)
		}
		src, err = genField(*pkg, *typ, *desc, p)
		if err == nil {
			var tsrc []byte
			tsrc, err = genFieldTest(*pkg, *typ, p)
			if err == nil {
				err = os.WriteFile(strings.TrimSuffix(*out, ".go")+"_test.go", tsrc, 0o644)
			}
			if err == nil {
				err = writeAsm(*pkg, *typ, p, strings.TrimSuffix(*out, ".go"))
			}
		}
	}
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		log.Fatal(err)
	}
}

// limbs splits x into n little-endian 64-bit words.
func limbs(x *big.Int, n int) []uint64 {
	w := make([]uint64, n)
	m := new(big.Int).Lsh(big.NewInt(1), 64)
	m.Sub(m, big.NewInt(1))
	t := new(big.Int).Set(x)
	for i := 0; i < n; i++ {
		w[i] = new(big.Int).And(t, m).Uint64()
		t.Rsh(t, 64)
	}
	if t.Sign() != 0 {
		panic("value does not fit")
	}
	return w
}

func hexList(w []uint64) string {
	s := make([]string, len(w))
	for i, v := range w {
		s[i] = fmt.Sprintf("0x%016x", v)
	}
	return strings.Join(s, ", ")
}

type fieldData struct {
	Pkg, T, Desc, Hex string
	N, Bits, Bytes    int
	Q                 []uint64
	QInvNeg           uint64
	QList             string
	One, R2, R64      string
	ExpInv, ExpSqrt   string
	ExpLeg            string
	P3Mod4            bool
	MulBody           string
}

func genField(pkg, typ, desc string, p *big.Int) ([]byte, error) {
	n := (p.BitLen() + 63) / 64
	q := limbs(p, n)
	if q[n-1] >= (1<<63)-1 {
		return nil, fmt.Errorf("modulus top limb too large for no-carry multiplication")
	}
	w := new(big.Int).Lsh(big.NewInt(1), 64)
	inv := new(big.Int).ModInverse(p, w)
	inv.Neg(inv).Mod(inv, w)
	R := new(big.Int).Lsh(big.NewInt(1), uint(64*n))
	one := new(big.Int).Mod(R, p)
	r2 := new(big.Int).Mul(one, one)
	r2.Mod(r2, p)
	r64 := new(big.Int).Lsh(one, 64) // 2^64 in Montgomery form
	r64.Mod(r64, p)
	pm2 := new(big.Int).Sub(p, big.NewInt(2))
	sq := new(big.Int).Add(p, big.NewInt(1))
	sq.Rsh(sq, 2)
	leg := new(big.Int).Sub(p, big.NewInt(1))
	leg.Rsh(leg, 1)
	d := fieldData{
		Pkg: pkg, T: typ, Desc: desc, Hex: fmt.Sprintf("0x%X", p),
		N: n, Bits: p.BitLen(), Bytes: (p.BitLen() + 7) / 8,
		Q: q, QInvNeg: inv.Uint64(), QList: hexList(q),
		One: hexList(limbs(one, n)), R2: hexList(limbs(r2, n)), R64: hexList(limbs(r64, n)),
		ExpInv: hexList(limbs(pm2, n)), ExpSqrt: hexList(limbs(sq, n)), ExpLeg: hexList(limbs(leg, n)),
		P3Mod4: p.Bit(0) == 1 && p.Bit(1) == 1,
	}
	d.MulBody = mulBody(n)
	return render(fieldTmpl, d)
}

// writeAsm writes the amd64 assembly of the field multiplication and the Go
// declarations that select it.
func writeAsm(pkg, typ string, p *big.Int, base string) error {
	n := (p.BitLen() + 63) / 64
	w := new(big.Int).Lsh(big.NewInt(1), 64)
	inv := new(big.Int).ModInverse(p, w)
	inv.Neg(inv).Mod(inv, w)
	asm, err := genAsm(typ, limbs(p, n), inv.Uint64())
	if err != nil {
		return err
	}
	if err := os.WriteFile(base+"_amd64.s", []byte(asm), 0o644); err != nil {
		return err
	}
	decl := fmt.Sprintf(`// Code generated by pairing/internal/fieldgen. DO NOT EDIT.

//go:build amd64 && !purego

package %s

// mulMont%sADX is the Montgomery multiplication in assembly (MULX, ADCX,
// ADOX); it needs the BMI2 and ADX extensions (see useADX).
//
//go:noescape
func mulMont%sADX(z, x, y *[%d]uint64)
`, pkg, typ, typ, n)
	src, err := format.Source([]byte(decl))
	if err != nil {
		return err
	}
	if err := os.WriteFile(base+"_amd64.go", src, 0o644); err != nil {
		return err
	}
	stub := fmt.Sprintf(`// Code generated by pairing/internal/fieldgen. DO NOT EDIT.

//go:build !amd64 || purego

package %s

// mulMont%sADX stands in for the amd64 assembly on other builds; useADX is
// false there, so it is never called, but it computes the right value.
func mulMont%sADX(z, x, y *[%d]uint64) {
	var a, b, c %s
	a.l, b.l = *x, *y
	c.mulMontGeneric(&a, &b)
	*z = c.l
}
`, pkg, typ, typ, n, typ)
	if src, err = format.Source([]byte(stub)); err != nil {
		return err
	}
	return os.WriteFile(base+"_noasm.go", src, 0o644)
}

func genFieldTest(pkg, typ string, p *big.Int) ([]byte, error) {
	d := fieldData{Pkg: pkg, T: typ, Bytes: (p.BitLen() + 7) / 8, P3Mod4: p.Bit(0) == 1 && p.Bit(1) == 1}
	return render(fieldTestTmpl, d)
}

// mulBody emits an unrolled CIOS Montgomery multiplication of x and y into
// the locals t0..t{n-1}, written as whole-row carry chains (bits.Add64 with
// carry in and out) so the compiler can use add-with-carry sequences. The
// modulus must leave the top bit of the top limb clear, which bounds every
// intermediate sum by 2q and lets the extra word tN be folded away.
func mulBody(n int) string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, "\t"+format+"\n", args...) }
	for i := 0; i < n; i++ {
		w("// row %d: t += x[%d]*y", i, i)
		w("v = x[%d]", i)
		for j := 0; j < n; j++ {
			w("h%d, l%d = bits.Mul64(v, y[%d])", j, j, j)
		}
		if i == 0 {
			for j := 0; j < n; j++ {
				w("t%d = l%d", j, j)
			}
			w("t%d, c = bits.Add64(t1, h0, 0)", 1)
			for j := 2; j < n; j++ {
				w("t%d, c = bits.Add64(l%d, h%d, c)", j, j, j-1)
			}
			w("tN, _ = bits.Add64(h%d, 0, c)", n-1)
		} else {
			w("t0, c = bits.Add64(t0, l0, 0)")
			for j := 1; j < n; j++ {
				w("t%d, c = bits.Add64(t%d, l%d, c)", j, j, j)
			}
			w("tN, _ = bits.Add64(tN, 0, c)")
			w("t1, c = bits.Add64(t1, h0, 0)")
			for j := 2; j < n; j++ {
				w("t%d, c = bits.Add64(t%d, h%d, c)", j, j, j-1)
			}
			w("tN, _ = bits.Add64(tN, h%d, c)", n-1)
		}
		w("// reduce: t = (t + m*q) / 2^64")
		w("m = t0 * qInvNeg")
		for j := 0; j < n; j++ {
			w("h%d, l%d = bits.Mul64(m, q%d)", j, j, j)
		}
		w("_, c = bits.Add64(t0, l0, 0)")
		for j := 1; j < n; j++ {
			w("t%d, c = bits.Add64(t%d, l%d, c)", j-1, j, j)
		}
		w("t%d, _ = bits.Add64(tN, 0, c)", n-1)
		w("t0, c = bits.Add64(t0, h0, 0)")
		for j := 1; j < n-1; j++ {
			w("t%d, c = bits.Add64(t%d, h%d, c)", j, j, j)
		}
		w("t%d, _ = bits.Add64(t%d, h%d, c)", n-1, n-1, n-1)
		w("tN = 0")
	}
	return b.String()
}

func render(t *template.Template, d any) ([]byte, error) {
	var buf bytes.Buffer
	if err := t.Execute(&buf, d); err != nil {
		return nil, err
	}
	src, err := format.Source(buf.Bytes())
	if err != nil {
		return buf.Bytes(), fmt.Errorf("gofmt generated code: %v", err)
	}
	return src, nil
}

var funcs = template.FuncMap{
	"seq": func(n int) []int {
		s := make([]int, n)
		for i := range s {
			s[i] = i
		}
		return s
	},
	"sub":   func(a, b int) int { return a - b },
	"add":   func(a, b int) int { return a + b },
	"lower": strings.ToLower,
}
