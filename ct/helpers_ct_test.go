//go:build ct

package ct

import (
	crand "crypto/rand"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
)

// scaled applies MPINKIT_CT_SCALE to a sample count.
func scaled(t *testing.T, n int) int {
	s := os.Getenv("MPINKIT_CT_SCALE")
	if s == "" {
		return n
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f <= 0 {
		t.Fatalf("MPINKIT_CT_SCALE=%q: want a positive number", s)
	}
	return max(int(float64(n)*f), 1000)
}

// campaign measures target with the given number of samples (scaled) and
// a warm-up of 2%, and logs the result.
func campaign(t *testing.T, samples int, target Target) Result {
	t.Helper()
	n := scaled(t, samples)
	r := Measure(Config{Samples: n, Warmup: n / 50}, target)
	t.Logf("%d samples: %s", n, r)
	return r
}

// expectConstant fails t if target shows a timing difference between the
// classes.
func expectConstant(t *testing.T, samples int, target Target) {
	t.Helper()
	if r := campaign(t, samples, target); r.Leaks() {
		t.Errorf("timing depends on the secret: max |t| = %.2f > %.0f", r.MaxAbsT, Threshold)
	}
}

// expectLeak fails t if the harness does not detect the (deliberate) leak
// of target.
func expectLeak(t *testing.T, samples int, target Target) {
	t.Helper()
	if r := campaign(t, samples, target); !r.Leaks() {
		t.Errorf("harness missed a known leak: max |t| = %.2f <= %.0f", r.MaxAbsT, Threshold)
	}
}

// newRand returns a fast generator for preparing random-class inputs,
// seeded from crypto/rand.
func newRand(t *testing.T) *rand.ChaCha8 {
	var seed [32]byte
	if _, err := crand.Read(seed[:]); err != nil {
		t.Fatal(err)
	}
	return rand.NewChaCha8(seed)
}

// wide returns 64 fresh random bytes; reduced modulo a 255-bit order they
// give a uniform scalar up to negligible bias.
func wide(r *rand.ChaCha8) []byte {
	var b [64]byte
	r.Read(b[:])
	return b[:]
}
