package main

import (
	"bytes"
	"strings"
	"testing"
)

const sample = `goos: linux
goarch: amd64
pkg: github.com/mpinkit/mpinkit/bench
cpu: Example CPU
BenchmarkPair/ours-2     	     132	   1000000 ns/op
BenchmarkPair/circl-2    	     127	   2000000 ns/op
BenchmarkPair/gnark-2    	     286	    500000 ns/op
BenchmarkPair/ours#01-2   	     132	   1200000 ns/op
BenchmarkPair/circl#01-2  	     127	   2100000 ns/op
BenchmarkPair/gnark#01-2  	     286	    400000 ns/op
BenchmarkPair/ours#02-2   	     132	   9000000 ns/op
BenchmarkPair/circl-2    	     127	   1900000 ns/op
BenchmarkPair/gnark-2    	     286	    600000 ns/op
BenchmarkMillerLoop/ours-2 	     258	    966438 ns/op	       0 B/op	       0 allocs/op
BenchmarkMillerLoop/ours-2 	     258	    966440 ns/op	       0 B/op	       0 allocs/op
BenchmarkMillerLoop/ours-2 	     258	    966442 ns/op	       0 B/op	       0 allocs/op
BenchmarkCurvePair/bls12381-2 	100	 1000000 ns/op
BenchmarkCurvePair/bn254cx 	100	 600000 ns/op
BenchmarkMPinPair2/bls12381_modern-2 	100	 1400000 ns/op
BenchmarkMPinPair2Prepared/bls12381_modern-2 	100	 1200000 ns/op
BenchmarkMPinVerify/bls12381_modern-2 	100	 1500000 ns/op
BenchmarkMPinVerifyPermit/bls12381_modern-2 	100	 1680000 ns/op
BenchmarkMPinWrongPIN/bls12381_modern-2 	100	 12000000 ns/op
PASS
ok  	github.com/mpinkit/mpinkit/bench	6.712s
`

func TestParseAndMedian(t *testing.T) {
	res, h, err := parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	if h.cpu != "Example CPU" || h.goos != "linux" || h.goarch != "amd64" {
		t.Errorf("header = %+v", h)
	}
	if got := len(res["Pair"]["ours"]); got != 3 {
		t.Fatalf("Pair/ours has %d samples, want 3", got)
	}
	if m, _ := res.lookup("Pair", "ours"); m != 1200000 {
		t.Errorf("median Pair/ours = %v, want 1200000 (outlier must not move it)", m)
	}
	if m, _ := res.lookup("CurvePair", "bn254cx"); m != 600000 {
		t.Errorf("CurvePair/bn254cx without -N suffix: got %v", m)
	}
	if _, ok := res.lookup("FpMul", "ours"); ok {
		t.Errorf("FpMul/ours should be missing")
	}
}

func TestMedianEven(t *testing.T) {
	if m := median([]float64{4, 1, 3, 2}); m != 2.5 {
		t.Errorf("median = %v, want 2.5", m)
	}
}

func TestWrite(t *testing.T) {
	res, h, err := parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := write(&buf, res, h, "go test -bench .", "idle machine"); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"| pairing | 1.2 ms | 2 ms | 500 µs | 0.60 | 2.40 | ≤ 1.0: met |",
		"| pairing | 1 ms | 600 µs | 0.60 | ≤ 0.7: met |",
		"`go test -bench .`",
		"- Note: idle machine",
		"Miller loop, circl: circl does not export this step.",
		"Fp multiplication: ours has no public entry point",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}

func TestParseEmpty(t *testing.T) {
	if _, _, err := parse(strings.NewReader("PASS\n")); err == nil {
		t.Error("no error for input without results")
	}
}

func TestWriteMPin(t *testing.T) {
	res, h, err := parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := write(&buf, res, h, "cmd", ""); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"## M-Pin (reference/mpin), per profile",
		"| server verification, no permits | — | — | 1.5 ms | — |",
		"| verification, no permits / 2-pairing product | ≤ 1.1 | — | — | 1.07 | — |",
		"| verification, with a permit / 2-pairing product | ≤ 1.1 | — | — | 1.20 (not met) | — |",
		"| verification, no permits / prepared 2-pairing product |  | — | — | 1.25 | — |",
		"| failed verification with PIN recovery | < 10 ms | — | — | 12 ms (not met) | — |",
		"/ verification with a permit | ≥ 6 | — | — | 7.1 | — |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}
