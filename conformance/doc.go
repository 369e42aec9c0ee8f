// Package conformance is the M-Pin conformance harness: the godog step
// definitions of the Gherkin suite in features/, the runner that plays it
// against an implementation under test, and the reports.
//
// An implementation is reached through the iut.IUT interface: in process
// (iut/inproc, our reference) or as a subprocess speaking mpin-shim/1
// (iut/shim, spec/shim.md). Run plays the suite once per suite string the
// implementation claims, as go test subtests when given a *testing.T,
// with godog in strict mode (an undefined or pending step fails). Each
// scenario's state lives in its context.Context; steps are thin: they
// read named values (from a known-answer case, the published vectors of
// vectors/, or earlier steps), call one IUT operation, and compare. The
// reference (inproc) plays the other party in interop scenarios and
// computes what the IUT must reproduce where no fixed answer exists.
//
// Outcomes follow spec/shim.md section 8: a scenario needing a role or
// feature the implementation does not claim is skipped, as is one that a
// per-stack configuration disables (with its reason) or one whose
// optional operation the shim answers "unimplemented"; an unimplemented
// core operation, a malformed-request or internal error, an unmapped
// error name, a broken shim or any unmet expectation fails it.
//
// The reports (writeReports): JUnit XML with each scenario's tags as
// properties, cucumber JSON from godog, and a traceability report in
// Markdown and HTML mapping every requirement of spec/mpin.md to its
// scenarios and their outcomes per suite, with the requirements no
// scenario checks listed as gaps with the reasons of features/GAPS.md.
//
// Nothing here is constant time: the harness handles test values.
package conformance
