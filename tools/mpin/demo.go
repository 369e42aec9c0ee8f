package main

import (
	"context"

	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"github.com/mpinkit/mpinkit/interop/client"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/mpinkit/mpinkit/pairing/bls12381"
	"github.com/mpinkit/mpinkit/pairing/bn254"
)

// errBilinearity reports that a pairing identity did not hold; it means the
// pairing code is broken.
var errBilinearity = errors.New("bilinearity check FAILED")

// demoCurve is one curve the demo exercises.
type demoCurve struct {
	name  string // flag value
	title string // heading in the output
	run   func(w io.Writer, rnd io.Reader, runs int) error
}

// demoCurves lists the curves in output order.
var demoCurves = []demoCurve{
	{"bn254cx", "BN254CX (the curve of draft-scott-mpin-00)", demoBN254},
	{"bls12381", "BLS12-381", demoBLS12381},
}

func runDemo(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	runs := fs.Int("runs", 7, "number of timed pairings per curve (the median is reported)")
	curve := fs.String("curve", "all", "curve to run: all, bn254cx or bls12381")
	pairingOnly := fs.Bool("pairing-only", false, "show only the pairing core, not the M-Pin flow")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: mpin demo [-curve all|bn254cx|bls12381] [-runs n] [-pairing-only]\n\n")
		fmt.Fprintf(fs.Output(), "Computes a pairing on each curve, checks bilinearity with fresh random\n")
		fmt.Fprintf(fs.Output(), "scalars, checks a two-pairing product, and times the pairing. Then runs\n")
		fmt.Fprintf(fs.Output(), "M-Pin end to end on loopback: registration with three authorities, a\n")
		fmt.Fprintf(fs.Output(), "PIN, login, the M-Pin Full key, and TLS-PSK and QUIC echo channels.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "mpin demo: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	if *runs < 1 {
		fmt.Fprintln(stderr, "mpin demo: -runs must be at least 1")
		return exitUsage
	}
	var selected []demoCurve
	for _, c := range demoCurves {
		if *curve == "all" || *curve == c.name {
			selected = append(selected, c)
		}
	}
	if len(selected) == 0 {
		fmt.Fprintf(stderr, "mpin demo: unknown curve %q (want one of: %s)\n", *curve, curveNames())
		return exitUsage
	}
	if err := demo(stdout, rand.Reader, *runs, selected); err != nil {
		fmt.Fprintf(stderr, "mpin demo: %v\n", err)
		return 1
	}
	if *pairingOnly {
		return 0
	}
	fmt.Fprintf(stdout, "\n== M-Pin end to end (%s): three authorities, a server and a client in this process\n", client.DemoSuite)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := client.RunDemo(ctx, stdout); err != nil {
		fmt.Fprintf(stderr, "mpin demo: %v\n", err)
		return 1
	}
	return 0
}

// demo runs the selected curves and prints what happens.
func demo(w io.Writer, rnd io.Reader, runs int, curves []demoCurve) error {
	fmt.Fprintln(w, "mpinkit demo: the pairing core at work")
	for _, c := range curves {
		fmt.Fprintf(w, "\n== %s\n", c.title)
		if err := c.run(w, rnd, runs); err != nil {
			return fmt.Errorf("%s: %w", c.name, err)
		}
	}
	fmt.Fprintln(w, "\nall checks passed")
	return nil
}

// randomBytes reads 64 bytes for a scalar; reducing 512 bits modulo a
// 255-bit order leaves a negligible bias.
func randomBytes(rnd io.Reader) ([]byte, error) {
	b := make([]byte, 64)
	if _, err := io.ReadFull(rnd, b); err != nil {
		return nil, fmt.Errorf("reading randomness: %w", err)
	}
	return b, nil
}

// fingerprint shows the first bytes of an encoding, enough to tell values
// apart in the output.
func fingerprint(b []byte) string {
	return hex.EncodeToString(b[:8]) + "…"
}

// medianDuration times f runs times and returns the median.
func medianDuration(runs int, f func()) time.Duration {
	ds := make([]time.Duration, runs)
	for i := range ds {
		start := time.Now()
		f()
		ds[i] = time.Since(start)
	}
	slices.Sort(ds)
	if runs%2 == 1 {
		return ds[runs/2]
	}
	return (ds[runs/2-1] + ds[runs/2]) / 2
}

// step prints one line of the demo transcript.
func step(w io.Writer, label, format string, args ...any) {
	fmt.Fprintf(w, "  %-22s %s\n", label, fmt.Sprintf(format, args...))
}

// timingLine prints the pairing timing summary.
func timingLine(w io.Writer, d time.Duration, runs int) {
	fmt.Fprintf(w, "  timing: one pairing takes %s (median of %d)\n", roundDuration(d), runs)
}

// roundDuration keeps three significant digits.
func roundDuration(d time.Duration) string {
	switch {
	case d >= time.Second:
		return d.Round(time.Millisecond).String()
	case d >= time.Millisecond:
		return d.Round(10 * time.Microsecond).String()
	default:
		return d.Round(time.Microsecond).String()
	}
}

func demoBLS12381(w io.Writer, rnd io.Reader, runs int) error {
	p, q := bls12381.G1Generator(), bls12381.G2Generator()
	step(w, "P, Q", "generators of G1 and G2")

	var a, b, ab bls12381.Fr
	ra, err := randomBytes(rnd)
	if err != nil {
		return err
	}
	rb, err := randomBytes(rnd)
	if err != nil {
		return err
	}
	a.SetBytesReduce(ra)
	b.SetBytesReduce(rb)
	ab.Mul(&a, &b)
	step(w, "a, b", "random scalars from crypto/rand")

	e := bls12381.Pair(p, q)
	if e.IsOne() == 1 {
		return fmt.Errorf("%w: e(P, Q) = 1", errBilinearity)
	}
	eb := e.Bytes()
	step(w, "e(P, Q)", "%s (not 1: non-degenerate)", fingerprint(eb[:]))

	aP := new(bls12381.G1).ScalarMult(&a, p)
	bQ := new(bls12381.G2).ScalarMult(&b, q)
	step(w, "aP, bQ", "constant-time scalar multiplications")

	lhs := bls12381.Pair(aP, bQ)
	lb := lhs.Bytes()
	step(w, "e(aP, bQ)", "%s", fingerprint(lb[:]))

	rhs := new(bls12381.GT).Exp(e, &ab)
	rb2 := rhs.Bytes()
	step(w, "e(P, Q)^(ab)", "%s", fingerprint(rb2[:]))
	if lhs.Equal(rhs) != 1 {
		return fmt.Errorf("%w: e(aP, bQ) != e(P, Q)^(ab)", errBilinearity)
	}
	fmt.Fprintln(w, "  bilinearity OK: e(aP, bQ) = e(P, Q)^(ab)")

	// The M-Pin verification shape: a product of two pairings, one final
	// exponentiation. e(aP, bQ) * e(-(ab)P, Q) must be 1.
	negABP := new(bls12381.G1).ScalarMult(&ab, p)
	negABP.Neg(negABP)
	prod, err := bls12381.MultiPair([]*bls12381.G1{aP, negABP}, []*bls12381.G2{bQ, q})
	if err != nil {
		return err
	}
	if prod.IsOne() != 1 {
		return fmt.Errorf("%w: e(aP, bQ) * e(-abP, Q) != 1", errBilinearity)
	}
	fmt.Fprintln(w, "  product OK: e(aP, bQ) * e(-(ab)P, Q) = 1")

	timingLine(w, medianDuration(runs, func() { bls12381.Pair(aP, bQ) }), runs)
	return nil
}

func demoBN254(w io.Writer, rnd io.Reader, runs int) error {
	p, q := bn254.G1Generator(), bn254.G2Generator()
	step(w, "P, Q", "generators of G1 and G2")

	var a, b, ab bn254.Fr
	ra, err := randomBytes(rnd)
	if err != nil {
		return err
	}
	rb, err := randomBytes(rnd)
	if err != nil {
		return err
	}
	a.SetBytesReduce(ra)
	b.SetBytesReduce(rb)
	ab.Mul(&a, &b)
	step(w, "a, b", "random scalars from crypto/rand")

	e := bn254.Pair(p, q)
	if e.IsOne() == 1 {
		return fmt.Errorf("%w: e(P, Q) = 1", errBilinearity)
	}
	eb := e.Bytes()
	step(w, "e(P, Q)", "%s (not 1: non-degenerate)", fingerprint(eb[:]))

	aP := new(bn254.G1).ScalarMult(&a, p)
	bQ := new(bn254.G2).ScalarMult(&b, q)
	step(w, "aP, bQ", "constant-time scalar multiplications")

	lhs := bn254.Pair(aP, bQ)
	lb := lhs.Bytes()
	step(w, "e(aP, bQ)", "%s", fingerprint(lb[:]))

	rhs := new(bn254.GT).Exp(e, &ab)
	rb2 := rhs.Bytes()
	step(w, "e(P, Q)^(ab)", "%s", fingerprint(rb2[:]))
	if lhs.Equal(rhs) != 1 {
		return fmt.Errorf("%w: e(aP, bQ) != e(P, Q)^(ab)", errBilinearity)
	}
	fmt.Fprintln(w, "  bilinearity OK: e(aP, bQ) = e(P, Q)^(ab)")

	negABP := new(bn254.G1).ScalarMult(&ab, p)
	negABP.Neg(negABP)
	prod, err := bn254.MultiPair([]*bn254.G1{aP, negABP}, []*bn254.G2{bQ, q})
	if err != nil {
		return err
	}
	if prod.IsOne() != 1 {
		return fmt.Errorf("%w: e(aP, bQ) * e(-abP, Q) != 1", errBilinearity)
	}
	fmt.Fprintln(w, "  product OK: e(aP, bQ) * e(-(ab)P, Q) = 1")

	timingLine(w, medianDuration(runs, func() { bn254.Pair(aP, bQ) }), runs)
	return nil
}

// curveNames lists the accepted -curve values, for messages.
func curveNames() string {
	names := []string{"all"}
	for _, c := range demoCurves {
		names = append(names, c.name)
	}
	return strings.Join(names, ", ")
}
