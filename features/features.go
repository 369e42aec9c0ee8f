// Package features holds the Gherkin feature files of the M-Pin
// conformance suite and GAPS.md, the requirements of spec/mpin.md that no
// scenario checks and why. The files are embedded so that the harness
// (`mpin conformance run`) carries the suite it runs; package conformance
// holds the step definitions.
//
// Every scenario is tagged with the requirement IDs it checks
// (@REQ-MPIN-7.2), the suites it runs under (@all-suites or a suite
// string), @negative when it expects a rejection, the role the
// implementation under test plays and the optional features it needs
// (spec/README.md lists the tags).
package features

import "embed"

// FS holds every *.feature file and GAPS.md.
//
//go:embed *.feature GAPS.md
var FS embed.FS
