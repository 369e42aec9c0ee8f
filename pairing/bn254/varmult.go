package bn254

// scalarMultVarTime sets p = k*q in variable time (public k and q) with a
// width-5 NAF over all FrBits bits. BN254 has a GLV endomorphism on G1 too,
// but its decomposition needs a lattice reduction rather than base-u digits;
// this plain path is the fallback the generated ScalarMultVarTime calls.
func (p *G1) scalarMultVarTime(k *Fr, q *G1) *G1 {
	l := k.Limbs()
	return p.scalarMultLimbsVarTime(q, l[:])
}

// scalarMultVarTime sets p = k*q in variable time (public k and q) with a
// width-5 NAF over all FrBits bits (see the G1 method).
func (p *G2) scalarMultVarTime(k *Fr, q *G2) *G2 {
	l := k.Limbs()
	return p.scalarMultLimbsVarTime(q, l[:])
}
