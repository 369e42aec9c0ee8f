package ct

import (
	"math"
	"math/rand/v2"
	"testing"
)

// These tests check the statistics only; they are fast and run in make
// test. The timing campaigns themselves are behind the ct build tag.

func TestWelchTKnown(t *testing.T) {
	// Means 2 and 5, variances 1 and 1, n = 3 each:
	// t = (2 - 5) / sqrt(1/3 + 1/3) = -3.674...
	a := []float64{1, 2, 3}
	b := []float64{4, 5, 6}
	got := WelchT(a, b)
	want := -3 / math.Sqrt(2.0/3)
	if math.Abs(got-want) > 1e-12 {
		t.Errorf("WelchT = %v, want %v", got, want)
	}
	if g := WelchT(b, a); math.Abs(g+want) > 1e-12 {
		t.Errorf("WelchT is not antisymmetric: %v", g)
	}
}

func TestWelchTDegenerate(t *testing.T) {
	if g := WelchT([]float64{1}, []float64{1, 2}); g != 0 {
		t.Errorf("one-sample class: t = %v, want 0", g)
	}
	if g := WelchT([]float64{3, 3}, []float64{3, 3}); g != 0 {
		t.Errorf("identical constants: t = %v, want 0", g)
	}
	if g := WelchT([]float64{4, 4}, []float64{3, 3}); !math.IsInf(g, 1) {
		t.Errorf("distinct constants: t = %v, want +Inf", g)
	}
}

func TestAnalyzeSameDistribution(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	n := 200000
	times := make([]float64, n)
	classes := make([]Class, n)
	for i := range times {
		classes[i] = Class(rng.IntN(2))
		times[i] = 1000 + 50*rng.NormFloat64() + 500*rng.ExpFloat64()*float64(rng.IntN(50)/49)
	}
	r := Analyze(times, classes)
	if r.Leaks() {
		t.Errorf("same distribution flagged as leaking:\n%s", r)
	}
	if len(r.Crops) != len(CropPercentiles) {
		t.Errorf("%d crops, want %d", len(r.Crops), len(CropPercentiles))
	}
}

func TestAnalyzeShiftedDistribution(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	n := 200000
	times := make([]float64, n)
	classes := make([]Class, n)
	for i := range times {
		classes[i] = Class(rng.IntN(2))
		// A 1% shift of the mean hidden under 5% noise.
		times[i] = 1000 + 50*rng.NormFloat64() + 10*float64(classes[i])
	}
	r := Analyze(times, classes)
	if !r.Leaks() {
		t.Errorf("shifted distribution not flagged:\n%s", r)
	}
}

func TestMeasureBookkeeping(t *testing.T) {
	var prepared [2]int
	runs := 0
	r := Measure(Config{Samples: 500, Warmup: 20}, Target{
		Slots:   64,
		Prepare: func(i int, c Class) { prepared[c]++ },
		Run:     func(i int) { runs++ },
	})
	if runs != 520 || prepared[0]+prepared[1] != 520 {
		t.Errorf("runs = %d, prepared = %v; want 520 of each", runs, prepared)
	}
	last := r.Crops[len(r.Crops)-1]
	if last.N[0]+last.N[1] != 500 {
		t.Errorf("kept %d samples, want 500", last.N[0]+last.N[1])
	}
}
