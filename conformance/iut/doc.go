// Package iut defines the implementation under test (IUT) as the
// conformance harness sees it: one Go method per operation of the
// mpin-shim/1 adapter protocol (spec/shim.md section 9), with request and
// result types whose JSON form is the protocol's wire form.
//
// Three kinds of value flow through the interface:
//
//   - results: a non-nil result and a nil error;
//   - rejections: an *Error carrying a canonical error name of
//     spec/mpin.md section 13 (or a native name that a per-stack
//     configuration maps to one), the "error" response of the protocol;
//   - anything else: an *UnimplementedError for the protocol's
//     "unimplemented" answer, and a *FatalError when the adapter itself
//     broke (a crashed or hung subprocess, a protocol violation).
//
// Adapters live in sub-packages: inproc runs the reference implementation
// (reference/mpin) in the harness's own process, shim drives any
// subprocess that speaks spec/shim.md, and shimserver serves an IUT over
// that protocol (it is what `mpin shim` runs). Package faulty wraps an IUT
// with one deliberate defect, to show that the suite notices.
//
// Nothing in this package is constant time: it moves test values.
package iut
