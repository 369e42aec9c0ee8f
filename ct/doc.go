// Package ct is a dudect-style statistical timing-leak detector for the
// constant-time code of the pairing core.
//
// Method (after Reparaz, Balasch and Verbauwhede, "Dude, is my code
// constant time?", DATE 2017): an operation is timed many times on secret
// inputs from two classes, a fixed class (a special value such as a scalar
// with many zero bits, or 1) and a random class. The class of every run is
// drawn at random, so the two classes are interleaved and any drift of the
// machine hits both alike. Every input sits in its own slot of memory. The
// measurements are cropped at several pooled percentiles (50, 75, 90, 95,
// 99 and none) to cut the long tail that interrupts and other processes add,
// and Welch's t-test compares the two classes at each crop level. A test
// fails when the largest |t| exceeds Threshold = 10: for code with no
// dependence on the secret, |t| stays within a few units whatever the
// number of samples, while a real difference makes |t| grow with the square
// root of the number of samples.
//
// Timing uses time.Now (the monotonic clock, nanosecond resolution) around
// each single run; the runs measured here take from about five
// microseconds (field inversion) to milliseconds, so clock overhead is
// small against them. The garbage collector is
// paused and the goroutine locked to its OS thread while measuring.
//
// The campaigns are behind the build tag ct, so make test does not run
// them; make ct does (go test -tags ct -v ./ct/...). The environment
// variable MPINKIT_CT_SCALE multiplies every sample count (for example 0.1
// for a quick look, 4 for a more sensitive run).
//
// Sample counts (one campaign per target, both classes together), chosen so
// that each campaign takes up to about 30 seconds on an idle 2-core machine
// (the field inversions, since they became divstep based, under 10) and
// about twice that when the machine is also busy with other work; the whole
// of make ct takes three to seven minutes:
//
//	target                      fixed class    samples
//	bls12381 Fp.Inverse         x = 0          1000000
//	bls12381 G1.ScalarMult      k = 1           200000
//	bls12381 G2.ScalarMult      k = 1            60000
//	bls12381 GT.Exp             k = 1            40000
//	bn254    Fp.Inverse         x = 0          2000000
//	bn254    G1.ScalarMult      k = 1           250000
//	bn254    G2.ScalarMult      k = 1            80000
//	bn254    GT.Exp             k = 1            50000
//
// Zero is the fixed input for inversion because its internal (Montgomery)
// form is all zero limbs, the input on which a variable-time inversion would
// finish fastest; 1 is the fixed scalar because all but its lowest bit are
// zero. The random class draws a fresh uniform secret (512 random bits
// reduced modulo the field or group order) for every run; the public
// operand (the point or GT element) is one random value for both classes.
//
// Each crop level logs the standard error of the difference of the means;
// Threshold times it is about the smallest mean difference that level could
// flag. On a 2-core machine that came to about 0.1% of the run time for
// inversion (20-30 ns), 0.5% for G1 scalar multiplication, 1% for G2 and
// 1.5% for GT exponentiation (a few microseconds).
//
// Sanity checks prove that the harness sees leaks: math/big modular
// inversion, our documented variable-time G1.ScalarMultVarTime, an
// early-exit byte comparison, and a constant-time G1 scalar multiplication
// with a few percent of extra work for one secret value must each exceed
// the threshold.
package ct
