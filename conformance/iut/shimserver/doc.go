// Package shimserver serves the mpin-shim/1 adapter protocol of
// spec/shim.md over a pair of byte streams, backed by any iut.IUT. It is
// the shim side of the protocol: `mpin shim` runs it on its standard input
// and output with the reference implementation behind it, and the
// conformance tests run it in process over pipes.
//
// The server parses requests and writes responses; it passes every value
// to the IUT unchanged (spec/shim.md section 4.3) and only answers
// BAD_REQUEST itself for malformed requests: a missing required field, a
// field of the wrong JSON type, a hex string of odd length or with a
// character that is not a lowercase hex digit. A line that is not a JSON
// object is fatal: the server writes a fatal line and stops with an
// error, and the process exits non-zero.
package shimserver
