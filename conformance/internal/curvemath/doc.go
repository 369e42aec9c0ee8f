// Package curvemath is the conformance harness's own arithmetic on the
// encodings of spec/mpin.md section 12, written with math/big so that it
// shares no code with the implementations under test: it builds invalid
// encodings of every rejection class of section 14 (off the curve, outside
// the subgroup, coordinates not below p, the identity, wrong lengths and
// prefixes), checks the curve equations, and computes the hashes that the
// harness recomputes independently (mhashit, REQ-MPIN-4.2). Nothing here
// is constant time; the values are public test data.
package curvemath
