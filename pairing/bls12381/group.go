package bls12381

// rLimbs is the group order r as little-endian limbs.
var rLimbs = [4]uint64{q0Fr, q1Fr, q2Fr, q3Fr}

// isInSubgroupSlow is the definition-level check r*P = O, kept for tests.
func (p *G1) isInSubgroupSlow() int {
	var t G1
	t.scalarMultLimbsVarTime(p, rLimbs[:])
	return t.IsIdentity()
}

// isInSubgroupSlow is the definition-level check r*Q = O, kept for tests.
func (p *G2) isInSubgroupSlow() int {
	var t G2
	t.scalarMultLimbsVarTime(p, rLimbs[:])
	return t.IsIdentity()
}
