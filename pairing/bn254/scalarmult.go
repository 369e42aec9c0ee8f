package bn254

// scalarMultCT sets p = k*q with 4-bit fixed windows (constant time).
func (p *G1) scalarMultCT(k *Fr, q *G1) *G1 {
	l := k.Limbs()
	return p.scalarMultLimbs(q, l[:], FrBits)
}

// scalarMultCT sets p = k*q with 4-bit fixed windows (constant time).
func (p *G2) scalarMultCT(k *Fr, q *G2) *G2 {
	l := k.Limbs()
	return p.scalarMultLimbs(q, l[:], FrBits)
}
