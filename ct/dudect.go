package ct

import (
	crand "crypto/rand"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"time"
)

// Threshold is the |t| above which a test concludes that the two input
// classes take measurably different time, that is, that the operation leaks.
const Threshold = 10.0

// CropPercentiles are the pooled percentiles at which measurements are
// cropped before a t-test; 100 means no cropping. Each level is an
// independent test and a Result reports the largest |t| among them.
var CropPercentiles = []float64{50, 75, 90, 95, 99, 100}

// Class identifies one of the two input classes.
type Class int

const (
	// Fixed is the class whose secret input is a fixed, special value (for
	// example a scalar with many zero bits).
	Fixed Class = 0
	// Random is the class whose secret input is uniformly random.
	Random Class = 1
)

// Target is the operation under test, split into an untimed preparation and
// a timed run. Inputs live in slots: Prepare fills slot i with an input of
// the given class, Run operates on slot i. Every slot is separate memory, so
// the fixed class is not favoured by sitting in one cache line.
type Target struct {
	// Slots is the number of input slots (the batch size); default 1000.
	Slots int
	// Prepare writes an input of class c into slot i. Not timed.
	Prepare func(i int, c Class)
	// Run performs the operation on slot i. Timed.
	Run func(i int)
}

// Config sets the size of a measurement campaign.
type Config struct {
	// Samples is the number of timed runs kept, over both classes.
	Samples int
	// Warmup is the number of timed runs done first and discarded.
	Warmup int
}

// Crop is the outcome of one t-test at one crop level.
type Crop struct {
	// Percentile of the pooled measurements above which runs were dropped.
	Percentile float64
	// N is the number of runs kept per class.
	N [2]int
	// Mean is the mean duration per class, in nanoseconds.
	Mean [2]float64
	// T is Welch's t statistic, fixed class minus random class.
	T float64
	// SE is the standard error of the difference of the means, in
	// nanoseconds. A difference of Threshold*SE is about the smallest this
	// crop level could have flagged.
	SE float64
}

// Result is the outcome of a measurement campaign.
type Result struct {
	// Crops holds one t-test per entry of CropPercentiles.
	Crops []Crop
	// MaxAbsT is the largest |t| over Crops.
	MaxAbsT float64
	// Elapsed is the wall time the campaign took.
	Elapsed time.Duration
}

// Leaks reports whether the result exceeds Threshold.
func (r Result) Leaks() bool { return r.MaxAbsT > Threshold }

// String summarises the result, one line per crop level.
func (r Result) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "max |t| = %.2f (threshold %.0f) in %s\n", r.MaxAbsT, Threshold, r.Elapsed.Round(time.Millisecond))
	for _, c := range r.Crops {
		fmt.Fprintf(&b, "  crop p%-3g n=%d/%d  mean fixed %.0f ns, random %.0f ns  t = %+.2f  (flags >= %.0f ns)\n",
			c.Percentile, c.N[0], c.N[1], c.Mean[0], c.Mean[1], c.T, Threshold*c.SE)
	}
	return b.String()
}

// Measure runs a campaign: in each batch it draws a random class for every
// slot, prepares the slots, then times Run on each slot in order, so the two
// classes are interleaved in an unpredictable order. The garbage collector
// is paused and the goroutine locked to its thread while measuring.
func Measure(cfg Config, t Target) Result {
	start := time.Now()
	slots := t.Slots
	if slots <= 0 {
		slots = 1000
	}
	var seed [32]byte
	if _, err := crand.Read(seed[:]); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	rng := rand.New(rand.NewChaCha8(seed))

	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	runtime.GC()
	defer debug.SetGCPercent(debug.SetGCPercent(-1))

	total := cfg.Warmup + cfg.Samples
	times := make([]float64, 0, cfg.Samples)
	classes := make([]Class, 0, cfg.Samples)
	batch := make([]Class, slots)
	done := 0
	for done < total {
		n := min(slots, total-done)
		for i := range n {
			batch[i] = Class(rng.IntN(2))
			t.Prepare(i, batch[i])
		}
		for i := range n {
			t0 := time.Now()
			t.Run(i)
			d := time.Since(t0)
			if done+i >= cfg.Warmup {
				times = append(times, float64(d))
				classes = append(classes, batch[i])
			}
		}
		done += n
	}
	r := Analyze(times, classes)
	r.Elapsed = time.Since(start)
	return r
}

// Analyze runs Welch's t-test on measured durations (nanoseconds) split by
// class, once per crop level in CropPercentiles.
func Analyze(times []float64, classes []Class) Result {
	sorted := slices.Clone(times)
	slices.Sort(sorted)
	var r Result
	for _, p := range CropPercentiles {
		limit := math.Inf(1)
		if p < 100 && len(sorted) > 0 {
			limit = sorted[int(float64(len(sorted)-1)*p/100)]
		}
		var sets [2][]float64
		for i, d := range times {
			if d <= limit {
				sets[classes[i]] = append(sets[classes[i]], d)
			}
		}
		c := Crop{Percentile: p, N: [2]int{len(sets[0]), len(sets[1])}}
		var v0, v1 float64
		c.Mean[0], v0 = meanVar(sets[0])
		c.Mean[1], v1 = meanVar(sets[1])
		if c.N[0] > 0 && c.N[1] > 0 {
			c.SE = math.Sqrt(v0/float64(c.N[0]) + v1/float64(c.N[1]))
		}
		c.T = WelchT(sets[0], sets[1])
		r.Crops = append(r.Crops, c)
		if a := math.Abs(c.T); a > r.MaxAbsT {
			r.MaxAbsT = a
		}
	}
	return r
}

// meanVar returns the mean and the unbiased sample variance of xs, using
// Welford's update for numerical stability.
func meanVar(xs []float64) (mean, variance float64) {
	var m2 float64
	for i, x := range xs {
		d := x - mean
		mean += d / float64(i+1)
		m2 += d * (x - mean)
	}
	if len(xs) > 1 {
		variance = m2 / float64(len(xs)-1)
	}
	return mean, variance
}

// WelchT returns Welch's t statistic for the difference of the means of a
// and b. It is 0 when either sample has fewer than two values or both have
// zero variance and equal means.
func WelchT(a, b []float64) float64 {
	if len(a) < 2 || len(b) < 2 {
		return 0
	}
	ma, va := meanVar(a)
	mb, vb := meanVar(b)
	den := math.Sqrt(va/float64(len(a)) + vb/float64(len(b)))
	if den == 0 {
		if ma == mb {
			return 0
		}
		return math.Copysign(math.Inf(1), ma-mb)
	}
	return (ma - mb) / den
}
