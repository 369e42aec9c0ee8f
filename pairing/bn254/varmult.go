package bn254

// scalarMultVarTime sets p = k*q in variable time (public k and q) with the
// GLV split of k (glv.go): two interleaved width-5 NAFs of about 128 bits.
// It is the hook the generated ScalarMultVarTime calls.
func (p *G1) scalarMultVarTime(k *Fr, q *G1) *G1 {
	return p.scalarMultGLVVarTime(k, q)
}

// scalarMultVarTime sets p = k*q in variable time (public k and q) with a
// width-5 NAF over all FrBits bits.
func (p *G2) scalarMultVarTime(k *Fr, q *G2) *G2 {
	l := k.Limbs()
	return p.scalarMultLimbsVarTime(q, l[:])
}
