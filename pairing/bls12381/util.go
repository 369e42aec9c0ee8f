package bls12381

import (
	"math/big"
	"math/bits"
)

func bigOne() *big.Int   { return big.NewInt(1) }
func bigThree() *big.Int { return big.NewInt(3) }

func mul64(a, b uint64) (hi, lo uint64) { return bits.Mul64(a, b) }
