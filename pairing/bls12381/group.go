package bls12381

// ScalarMult sets p = k*q and returns p. Constant time in k and q.
func (p *G1) ScalarMult(k *Fr, q *G1) *G1 {
	l := k.Limbs()
	return p.scalarMultLimbs(q, l[:], FrBits)
}

// ScalarBaseMult sets p = k*G where G is the generator of G1. Constant time.
func (p *G1) ScalarBaseMult(k *Fr) *G1 { return p.ScalarMult(k, &g1Gen) }

// ScalarMultVarTime sets p = k*q in time that depends on k. Only for public
// scalars (verification equations, cofactors).
func (p *G1) ScalarMultVarTime(k *Fr, q *G1) *G1 {
	l := k.Limbs()
	return p.scalarMultLimbsVarTime(q, l[:])
}

// ScalarMult sets p = k*q and returns p. Constant time in k and q.
func (p *G2) ScalarMult(k *Fr, q *G2) *G2 {
	l := k.Limbs()
	return p.scalarMultLimbs(q, l[:], FrBits)
}

// ScalarBaseMult sets p = k*Q where Q is the generator of G2. Constant time.
func (p *G2) ScalarBaseMult(k *Fr) *G2 { return p.ScalarMult(k, &g2Gen) }

// ScalarMultVarTime sets p = k*q in time that depends on k (public k only).
func (p *G2) ScalarMultVarTime(k *Fr, q *G2) *G2 {
	l := k.Limbs()
	return p.scalarMultLimbsVarTime(q, l[:])
}

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
