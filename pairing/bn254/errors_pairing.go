package bn254

import "errors"

// ErrLengthMismatch reports MultiPair or MillerLoop inputs of different
// lengths (the same name as in package bls12381).
var ErrLengthMismatch = errors.New("bn254: MultiPair needs as many G2 as G1 points")
