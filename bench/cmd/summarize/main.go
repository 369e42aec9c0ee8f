// Command summarize turns the output of the peer benchmarks (go test -bench,
// usually with -count > 1) into a Markdown table of medians and ours/peer
// ratios.
//
// Benchmarks must be named Benchmark<Operation>/<implementation>, where the
// implementation is ours, circl or gnark (a #NN suffix from repeated rounds is
// ignored, so every round counts as one sample); the CurvePair benchmark compares
// our two curves instead (bls12381 and bn254cx). Lines that are not
// benchmark results are ignored, except the goos/goarch/cpu header lines,
// which are copied into the summary.
//
// Usage:
//
//	summarize [-cmd "command that produced the input"] [-note text] [-o summary.md] [file]
//
// With no file, summarize reads standard input.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
)

// operation describes one row of the peer table.
type operation struct {
	name  string // benchmark name without the Benchmark prefix
	label string // row label in the table
	// target, if set, is the goal for ours/circl (at most this ratio).
	target float64
}

// operations lists the peer-table rows in display order.
var operations = []operation{
	{"FpMul", "Fp multiplication", 0},
	{"FpInv", "Fp inversion", 0},
	{"G1ScalarMult", "G1 scalar multiplication", 0.8},
	{"G2ScalarMult", "G2 scalar multiplication", 0.8},
	{"HashToG1", "hash-to-G1 (SSWU, RO)", 1.0},
	{"HashToG2", "hash-to-G2 (SSWU, RO)", 0},
	{"MillerLoop", "Miller loop", 0},
	{"FinalExp", "final exponentiation", 0},
	{"Pair", "pairing", 1.0},
	{"Pair2", "2-pairing product", 1.0},
	{"G1Decompress", "G1 decompression + subgroup check", 0},
}

// peers are the implementations compared against ours, in column order.
var peers = []string{"circl", "gnark"}

// curveTarget is the goal for our BN254CX pairing relative to our BLS12-381
// pairing.
const curveTarget = 0.7

// results maps operation -> implementation -> ns/op samples.
type results map[string]map[string][]float64

// header holds the environment lines that go test prints before results.
type header struct {
	goos, goarch, cpu string
}

// benchLine matches "BenchmarkOp/impl-N   iters   123.4 ns/op ...", where
// impl may carry the #NN suffix of a repeated sub-benchmark.
var benchLine = regexp.MustCompile(`^Benchmark([A-Za-z0-9_]+)/([A-Za-z0-9_.]+?)(?:#\d+)?(?:-\d+)?\s+\d+\s+([0-9.]+) ns/op`)

// parse reads go test -bench output.
func parse(r io.Reader) (results, header, error) {
	res := make(results)
	var h header
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "goos: "):
			h.goos = strings.TrimPrefix(line, "goos: ")
		case strings.HasPrefix(line, "goarch: "):
			h.goarch = strings.TrimPrefix(line, "goarch: ")
		case strings.HasPrefix(line, "cpu: "):
			h.cpu = strings.TrimPrefix(line, "cpu: ")
		}
		m := benchLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		v, err := strconv.ParseFloat(m[3], 64)
		if err != nil {
			return nil, h, fmt.Errorf("bad ns/op in %q: %w", line, err)
		}
		if res[m[1]] == nil {
			res[m[1]] = make(map[string][]float64)
		}
		res[m[1]][m[2]] = append(res[m[1]][m[2]], v)
	}
	if err := sc.Err(); err != nil {
		return nil, h, err
	}
	if len(res) == 0 {
		return nil, h, errors.New("no benchmark results in the input")
	}
	return res, h, nil
}

// median returns the median of xs (which must be non-empty).
func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// lookup returns the median for op/impl and whether it was measured.
func (r results) lookup(op, impl string) (float64, bool) {
	xs := r[op][impl]
	if len(xs) == 0 {
		return 0, false
	}
	return median(xs), true
}

// samples returns the smallest number of samples behind any median, so the
// summary can state it.
func (r results) samples() int {
	n := 0
	for _, impls := range r {
		for _, xs := range impls {
			if n == 0 || len(xs) < n {
				n = len(xs)
			}
		}
	}
	return n
}

// duration formats nanoseconds with three significant digits.
func duration(ns float64) string {
	switch {
	case ns >= 1e6:
		return fmt.Sprintf("%.3g ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.3g µs", ns/1e3)
	default:
		return fmt.Sprintf("%.3g ns", ns)
	}
}

// ratio formats a/b, or a dash when either side is missing.
func ratio(a float64, okA bool, b float64, okB bool) string {
	if !okA || !okB {
		return "—"
	}
	return fmt.Sprintf("%.2f", a/b)
}

// verdict says whether a measured ratio meets its target.
func verdict(r float64, target float64) string {
	if r <= target {
		return fmt.Sprintf("≤ %.1f: met", target)
	}
	return fmt.Sprintf("≤ %.1f: not met", target)
}

// write renders the summary.
func write(w io.Writer, res results, h header, cmd, note string) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }

	p("# Benchmark summary: BLS12-381, ours vs peers\n\n")
	p("Medians of %d runs per implementation, all measured in one `go test -bench` run on the same\n", res.samples())
	p("inputs, the implementations taking turns run by run. Ratios are ours / peer: below 1 means\n")
	p("ours is faster.\n\n")
	p("- Command (from `bench/`): `%s`\n", cmd)
	p("- Machine: %s/%s, %s; %s\n", h.goos, h.goarch, orDash(h.cpu), runtime.Version())
	p("- Peers: circl `ecc/bls12381` (pure Go, constant-time), gnark-crypto `ecc/bls12-381` (assembly, not constant-time)\n")
	p("- Raw output: `bench/bls12381.txt`\n")
	if note != "" {
		p("- Note: %s\n", note)
	}
	p("\n")

	p("| operation | ours | circl | gnark | ours/circl | ours/gnark | target (ours/circl) |\n")
	p("|---|---:|---:|---:|---:|---:|---|\n")
	var missing []string
	for _, op := range operations {
		o, okO := res.lookup(op.name, "ours")
		if !okO {
			missing = append(missing, op.label)
		}
		p("| %s | %s |", op.label, cell(o, okO))
		for _, peer := range peers {
			v, ok := res.lookup(op.name, peer)
			p(" %s |", cell(v, ok))
		}
		for _, peer := range peers {
			v, ok := res.lookup(op.name, peer)
			p(" %s |", ratio(o, okO, v, ok))
		}
		c, okC := res.lookup(op.name, "circl")
		switch {
		case op.target == 0:
			p(" |\n")
		case okO && okC:
			p(" %s |\n", verdict(o/c, op.target))
		default:
			p(" ≤ %.1f |\n", op.target)
		}
	}
	p("\n")

	bls, okB := res.lookup("CurvePair", "bls12381")
	bn, okN := res.lookup("CurvePair", "bn254cx")
	p("## Our two curves\n\n")
	p("| operation | BLS12-381 | BN254CX | BN254CX / BLS12-381 | target |\n")
	p("|---|---:|---:|---:|---|\n")
	tgt := fmt.Sprintf("≤ %.1f", curveTarget)
	if okB && okN {
		tgt = verdict(bn/bls, curveTarget)
	}
	p("| pairing | %s | %s | %s | %s |\n\n", cell(bls, okB), cell(bn, okN), ratio(bn, okN, bls, okB), tgt)

	writeMPin(p, res)

	var notes []string
	for _, m := range missing {
		notes = append(notes, m+": ours has no public entry point for it yet.")
	}
	if !okN {
		notes = append(notes, "BN254CX pairing: not available in `pairing/bn254` yet.")
	}
	for _, op := range operations {
		if _, ok := res.lookup(op.name, "circl"); !ok && len(res[op.name]) > 0 {
			notes = append(notes, op.label+", circl: circl does not export this step.")
		}
	}
	if len(notes) > 0 {
		p("## Not measured\n\n")
		for _, n := range notes {
			p("- %s\n", n)
		}
		p("\n")
	}
	return bw.Flush()
}

// cell formats a measurement or a dash.
func cell(ns float64, ok bool) string {
	if !ok {
		return "—"
	}
	return duration(ns)
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func main() {
	cmd := flag.String("cmd", "", "the exact command that produced the input, quoted in the summary")
	out := flag.String("o", "", "write the summary to this file instead of standard output")
	note := flag.String("note", "", "a remark on the run (for example the machine load), quoted in the summary")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: summarize [-cmd command] [-note text] [-o file] [bench-output]\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if err := run(*cmd, *note, *out, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "summarize:", err)
		os.Exit(1)
	}
}

func run(cmd, note, out string, args []string) error {
	var in io.Reader = os.Stdin
	switch len(args) {
	case 0:
	case 1:
		f, err := os.Open(args[0])
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	default:
		return errors.New("at most one input file")
	}
	res, h, err := parse(in)
	if err != nil {
		return err
	}
	if cmd == "" {
		cmd = "(not recorded)"
	}
	if out == "" {
		return write(os.Stdout, res, h, cmd, note)
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := write(f, res, h, cmd, note); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
