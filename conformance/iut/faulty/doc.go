// Package faulty wraps an implementation under test with one deliberate
// defect, so that the conformance suite can show it has teeth: `mpin shim
// --fault NAME` serves the reference with the defect, and the harness's
// fault test requires that every defect fails at least one scenario.
//
// Each fault models a mistake a real M-Pin stack could make (a skipped
// check, a wrong byte order, a forgotten replay memory); the wrapper
// produces the behaviour of such a stack by rewriting inputs before they
// reach the wrapped IUT, or its answers after. Faults that need arithmetic
// use the harness's own curve code (conformance/internal/curvemath) and
// the pairing suites, never the wrapped IUT's internals.
package faulty
