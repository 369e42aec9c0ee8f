// Package inproc is the conformance adapter that runs the reference
// implementation (reference/mpin) in the harness's own process. It is the
// first implementation under test, the party the reference plays in
// interop scenarios, and, behind package shimserver, what `mpin shim`
// serves.
//
// The reference keeps no state between calls; this adapter adds the
// bookkeeping the shim protocol puts on a stateful IUT: client and server
// handles, sessions answered once and expiring after a time to live,
// one-pass replay memory and PIN lockouts (spec/mpin.md REQ-MPIN-7.6,
// 8.5, 10.5), and the permit-issuance window of REQ-MPIN-6.7. The M-Pin
// Full known-answer operations, whose inputs the reference takes only
// inside a session, are computed here from the reference's encodings and
// the pairing suite, by the formulas of REQ-MPIN-11.
//
// Errors are *iut.Error values named by mpin.ErrorName. Nothing here is
// constant time beyond what the reference provides: the adapter handles
// test values.
package inproc
