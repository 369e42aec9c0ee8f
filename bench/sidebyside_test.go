package bench

import (
	"flag"
	"testing"
)

// rounds is the number of times each benchmark runs all its implementations
// in turn. Running ours, circl, gnark, ours, circl, gnark, ... rather than
// all runs of one implementation back to back spreads any change in machine
// load over every implementation, which keeps the ratios honest on a shared
// machine. Repeated names get the testing package's #01, #02 suffixes.
var rounds = flag.Int("rounds", 1, "times each benchmark runs every implementation, interleaved")

// impl is one implementation of a benchmarked operation.
type impl struct {
	name string
	run  func(b *testing.B)
}

// sideBySide runs the implementations as sub-benchmarks, interleaved over
// the configured number of rounds.
func sideBySide(b *testing.B, impls ...impl) {
	for range max(*rounds, 1) {
		for _, im := range impls {
			b.Run(im.name, im.run)
		}
	}
}
