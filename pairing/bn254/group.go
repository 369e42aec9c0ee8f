package bn254

// rLimbs is the group order r as little-endian limbs.
var rLimbs = [4]uint64{q0Fr, q1Fr, q2Fr, q3Fr}

// IsInSubgroup returns 1 if p (assumed on the curve) is in G1 and 0
// otherwise. BN254CX has G1 cofactor 1, so every curve point is in G1;
// see subgroup.go. Variable time.
func (p *G1) IsInSubgroup() int { return g1IsInSubgroupFast(p) }

// IsInSubgroup returns 1 if p (assumed on the twist) is in G2 and 0
// otherwise, with the endomorphism test of subgroup.go. Variable time:
// membership of a received point is public.
func (p *G2) IsInSubgroup() int { return g2IsInSubgroupFast(p) }

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
