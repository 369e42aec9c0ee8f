package bn254

// rLimbs is the group order r as little-endian limbs.
var rLimbs = [4]uint64{q0Fr, q1Fr, q2Fr, q3Fr}

// IsInSubgroup returns 1 if p (assumed on the curve) is in the order-r
// subgroup G1, and 0 otherwise. Variable time in p: membership is a public
// property of a received point.
func (p *G1) IsInSubgroup() int {
	var t G1
	t.scalarMultLimbsVarTime(p, rLimbs[:])
	return t.IsIdentity()
}

// IsInSubgroup returns 1 if p (assumed on the curve) is in the order-r
// subgroup G2, and 0 otherwise. Variable time in p.
func (p *G2) IsInSubgroup() int {
	var t G2
	t.scalarMultLimbsVarTime(p, rLimbs[:])
	return t.IsIdentity()
}
