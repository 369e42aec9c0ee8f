package vectors

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
)

// smallSeeds returns real files cut down to the first case of each group.
func smallSeeds(tb testing.TB) [][]byte {
	var out [][]byte
	for _, name := range []string{"mpin_bn254cx_milagro_hash.json", "mpin_bn254cx_modern_twopass.json", "mpin_bn254cx_milagro_encoding.json", "mpin_bls12381_modern_full.json"} {
		file, err := LoadFS(Files(), name)
		if err != nil {
			tb.Fatal(err)
		}
		n := 0
		for _, g := range file.TestGroups {
			g.Tests = g.Tests[:1]
			n++
			g.Tests[0].TcID = n
		}
		file.NumberOfTests = n
		b, err := json.Marshal(file)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// FuzzParse feeds arbitrary bytes to Parse: it returns a file or an
// error, and never panics. (Run is exercised on mutated files by
// TestRunMutatedFiles: under coverage instrumentation the pairing code it
// calls is too slow for the fuzzing engine.)
func FuzzParse(f *testing.F) {
	for _, b := range smallSeeds(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		file, err := Parse(b)
		if err == nil && file == nil {
			t.Fatal("no file and no error")
		}
	})
}

// TestRunMutatedFiles runs Run on files with random bytes changed: it must
// return, with or without an error, and never panic.
func TestRunMutatedFiles(t *testing.T) {
	seeds := smallSeeds(t)
	r := rand.New(rand.NewPCG(1, 2))
	ran := 0
	for range 800 {
		b := append([]byte{}, seeds[r.IntN(len(seeds))]...)
		for range 1 + r.IntN(3) {
			j := r.IntN(len(b))
			switch r.IntN(3) {
			case 0:
				b[j] = byte(r.IntN(256))
			case 1:
				b[j] = "0123456789abcdef"[r.IntN(16)]
			default:
				b = append(b[:j], b[j+1:]...)
			}
		}
		f, err := Parse(b)
		if err != nil {
			continue
		}
		ran++
		_ = Run(f)
	}
	t.Logf("%d mutated files parsed and ran", ran)
}
